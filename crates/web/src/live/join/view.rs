//! What the phone page shows, ready for its templates: the open activity
//! with its form (refilled with what was typed after a refusal) and the
//! results as a participant sees them.

use maillage_domain::live::words::WordCount;
use maillage_domain::live::{ActivityKind, AnswerInput, Results};
use maillage_store::repo::live::{Participant, Room};
use maillage_store::repo::live_join::PhoneView;
use uuid::Uuid;

use crate::page::Page;
use crate::text::number_text;

/// Words of a word cloud listed on a phone (the projector shows them all).
const PHONE_WORDS: usize = 40;

/// What the participant sent, to refill the form after a refusal.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub text: String,
    pub column: String,
    pub choices: Vec<String>,
    /// Whether the form was a poll's (its choices are then read even when
    /// none is ticked, to say « choose one »).
    pub poll: bool,
    pub value: String,
}

impl Typed {
    /// The fields of the phone's answer form (`text`, `column`, `choices`
    /// repeated, `value`, and `poll` on a poll's form).
    pub fn from_fields(fields: &[(String, String)]) -> Typed {
        let mut typed = Typed::default();
        for (name, value) in fields {
            match name.as_str() {
                "text" => typed.text.clone_from(value),
                "column" => typed.column.clone_from(value),
                "choices" => typed.choices.push(value.clone()),
                "poll" => typed.poll = true,
                "value" => typed.value.clone_from(value),
                _ => {}
            }
        }
        typed
    }

    /// The answer as `maillage_domain::live::validate_answer` reads it.
    pub fn input(&self) -> AnswerInput {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        AnswerInput {
            text: Some(self.text.clone()),
            choices: (self.poll || !self.choices.is_empty()).then(|| self.choices.clone()),
            // A value that is no number is no value: the activity says
            // what it takes.
            value: self.value.trim().parse().ok(),
            column: some(&self.column),
        }
    }
}

/// An option of a poll or a column of a board, as the form shows it.
pub struct ChoiceView {
    pub value: String,
    pub id: String,
    pub checked: bool,
}

/// A value of a scale: its button, with the label of the end it is.
pub struct StepView {
    pub value: i32,
    pub label: Option<String>,
}

/// The open activity and its form.
pub struct ActivityView {
    pub id: Uuid,
    pub kind: ActivityKind,
    pub prompt: String,
    pub action: String,
    pub max_words: usize,
    pub options: Vec<ChoiceView>,
    pub multiple: bool,
    pub columns: Vec<ChoiceView>,
    pub steps: Vec<StepView>,
}

/// A count drawn as a bar (a poll's option, a value of a scale).
pub struct BarView {
    pub label: String,
    pub count: u32,
    pub max: u32,
}

/// A post-it or a question, with its vote button.
pub struct VoteItem {
    pub id: Uuid,
    pub text: String,
    pub votes: usize,
    pub voted: bool,
    pub answered: bool,
    pub vote_action: String,
}

pub struct ColumnView {
    pub name: String,
    pub items: Vec<VoteItem>,
}

/// An activity's results as the phone lists them.
pub struct ResultsView {
    pub kind: ActivityKind,
    /// Word cloud: answers received, and the words, most frequent first.
    pub answers: usize,
    pub words: Vec<WordCount>,
    /// Word cloud: the cloud drawn as SVG (empty without words).
    pub cloud: String,
    /// Poll and scale.
    pub bars: Vec<BarView>,
    pub total: usize,
    pub mean: Option<String>,
    /// Board.
    pub columns: Vec<ColumnView>,
    /// Questions.
    pub questions: Vec<VoteItem>,
}

impl ResultsView {
    fn new(p: &Page, results: &Results, voted: &[Uuid], vote_base: &str) -> ResultsView {
        let item = |id: Uuid, text: &str, votes: i32, answered: bool| VoteItem {
            id,
            text: text.to_owned(),
            votes: usize::try_from(votes).unwrap_or(0),
            voted: voted.contains(&id),
            answered,
            vote_action: format!("{vote_base}/reponses/{id}/vote"),
        };
        let mut view = ResultsView {
            kind: ActivityKind::WordCloud,
            answers: 0,
            words: Vec::new(),
            cloud: String::new(),
            bars: Vec::new(),
            total: 0,
            mean: None,
            columns: Vec::new(),
            questions: Vec::new(),
        };
        match results {
            Results::WordCloud { answers, words } => {
                view.answers = usize::try_from(*answers).unwrap_or(usize::MAX);
                view.words = words.iter().take(PHONE_WORDS).cloned().collect();
                view.cloud = crate::live::results::light_cloud(words, view.answers, p.lang);
            }
            Results::Poll { options } => {
                view.kind = ActivityKind::Poll;
                view.bars = bars(options.iter().map(|o| (o.label.clone(), o.count)));
            }
            Results::Scale { counts, mean } => {
                view.kind = ActivityKind::Scale;
                let mut values: Vec<(i32, u32)> = counts
                    .iter()
                    .filter_map(|(k, n)| k.parse::<i32>().ok().map(|v| (v, *n)))
                    .collect();
                values.sort_unstable();
                view.bars = bars(values.into_iter().map(|(v, n)| (v.to_string(), n)));
                view.mean = mean.map(|m| number_text(m, p.lang));
            }
            Results::Board { columns } => {
                view.kind = ActivityKind::Board;
                view.columns = columns
                    .iter()
                    .map(|c| ColumnView {
                        name: c.name.clone(),
                        items: c
                            .stickies
                            .iter()
                            .map(|s| item(s.id, &s.text, s.votes, false))
                            .collect(),
                    })
                    .collect();
            }
            Results::Questions { questions } => {
                view.kind = ActivityKind::Questions;
                view.questions = questions
                    .iter()
                    .map(|q| item(q.id, &q.text, q.votes, q.answered))
                    .collect();
            }
        }
        view.total = view
            .bars
            .iter()
            .map(|b| usize::try_from(b.count).unwrap_or(0))
            .sum();
        view
    }
}

fn bars(counts: impl Iterator<Item = (String, u32)>) -> Vec<BarView> {
    let counts: Vec<(String, u32)> = counts.collect();
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    counts
        .into_iter()
        .map(|(label, count)| BarView { label, count, max })
        .collect()
}

/// The live part of a participant's phone page.
pub struct PhoneLive {
    pub title: String,
    pub code_display: String,
    pub nickname: Option<String>,
    /// The room's stream, and the fragments `static/live.js` reloads.
    pub events_href: String,
    pub refresh_href: String,
    pub results_href: String,
    pub activity: Option<ActivityView>,
    /// A refusal of what was just sent, in the visitor's language.
    pub error: Option<String>,
    pub typed: Typed,
    pub results: Option<ResultsView>,
    /// A poll or a scale this device answered: its answer is kept, no form.
    pub recorded: bool,
    /// Answers this device gave to the open activity.
    pub answered: usize,
}

impl PhoneLive {
    pub fn new(
        p: &Page,
        room: &Room,
        participant: &Participant,
        view: &PhoneView,
        typed: Typed,
        error: Option<String>,
    ) -> PhoneLive {
        let base = room.code.join_path();
        let activity = view.activity.as_ref().map(|a| {
            let settings = &a.settings;
            let chosen = |o: &String| typed.choices.iter().any(|c| c == o);
            let (min, max) = settings.scale();
            ActivityView {
                id: a.id,
                kind: a.kind,
                prompt: a.prompt.clone(),
                action: format!("{base}/activites/{}", a.id),
                max_words: settings.max_words(),
                options: settings
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| ChoiceView {
                        value: o.clone(),
                        id: format!("choice-{i}"),
                        checked: chosen(o),
                    })
                    .collect(),
                multiple: settings.multiple,
                columns: settings
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ChoiceView {
                        value: c.clone(),
                        id: format!("column-{i}"),
                        checked: typed.column == *c,
                    })
                    .collect(),
                steps: if a.kind == ActivityKind::Scale {
                    (min..=max)
                        .map(|v| StepView {
                            value: v,
                            label: if v == min {
                                settings.min_label.clone()
                            } else if v == max {
                                settings.max_label.clone()
                            } else {
                                None
                            },
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            }
        });
        let recorded = view
            .activity
            .as_ref()
            .is_some_and(|a| a.kind.answers_once() && view.answered > 0);
        PhoneLive {
            title: room.title.clone(),
            code_display: room.code.display(),
            nickname: participant.nickname.clone(),
            events_href: format!("/api/v1/live/{}/events", room.code),
            refresh_href: base.clone(),
            results_href: format!("{base}/resultats"),
            activity,
            error,
            typed,
            results: view
                .results
                .as_ref()
                .map(|r| ResultsView::new(p, r, &view.voted, &base)),
            recorded,
            answered: usize::try_from(view.answered).unwrap_or(usize::MAX),
        }
    }
}
