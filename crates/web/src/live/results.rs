//! An activity's results as the pages draw them (presenter, projector and
//! the participants' phones share the partials `templates/live/results_*.html`).
//!
//! Each partial reads two names from its includer's scope: `p` (the
//! [`crate::page::Page`]) and `results` (a [`ResultsView`]);
//! `live/results_any.html` picks the partial of `results.kind`.

use maillage_domain::live::cloud::{CloudOptions, cloud_svg};
use maillage_domain::live::words::WordCount;
use maillage_domain::live::{ActivityKind, Results, Settings};

use crate::i18n::Lang;
use crate::text::number_text;

/// A word cloud drawn for a light background (the presenter, the phones,
/// the bilan's page), named for screen readers by its count of answers;
/// empty when no word was given.
pub(crate) fn light_cloud(words: &[WordCount], answers: usize, lang: Lang) -> String {
    if words.is_empty() {
        return String::new();
    }
    let counted: Vec<(&str, u32)> = words.iter().map(|w| (w.text.as_str(), w.count)).collect();
    let label = crate::text::count_text(lang, "live-cloud-label", answers);
    cloud_svg(&counted, &CloudOptions { label, dark: false })
}

/// A word (or phrase) of a word cloud, with its size step (1 to 5).
pub struct WordView {
    pub text: String,
    pub count: usize,
    pub size: usize,
}

/// A poll option or a scale value, as a bar.
pub struct BarView {
    pub label: String,
    pub count: usize,
    /// Share of all choices, 0 to 100 (the bar's width).
    pub percent: usize,
}

pub struct StickyView {
    pub id: String,
    pub text: String,
    pub votes: usize,
}

pub struct ColumnView {
    pub name: String,
    pub stickies: Vec<StickyView>,
}

pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub votes: usize,
    pub answered: bool,
}

/// The results of one activity, ready for its kind's partial; the fields
/// of the other kinds stay empty.
pub struct ResultsView {
    /// `word_cloud`, `board`, `poll`, `scale` or `questions`.
    pub kind: &'static str,
    /// Answers counted (word cloud), choices made (poll), values given
    /// (scale), post-its (board) or questions.
    pub total: usize,
    pub words: Vec<WordView>,
    /// A word cloud drawn as SVG (`maillage_domain::live::cloud`); its
    /// words are also in [`ResultsView::words`], listed for a closer look.
    pub cloud: String,
    /// Drawn for a dark background (the projector).
    pub dark: bool,
    pub bars: Vec<BarView>,
    /// The scale's mean, written in the page's language.
    pub mean: Option<String>,
    pub min_label: String,
    pub max_label: String,
    pub columns: Vec<ColumnView>,
    pub questions: Vec<QuestionView>,
}

fn to_usize(n: impl TryInto<usize>) -> usize {
    n.try_into().unwrap_or_default()
}

fn bars(counts: Vec<(String, usize)>) -> (Vec<BarView>, usize) {
    let total: usize = counts.iter().map(|(_, c)| c).sum();
    let bars = counts
        .into_iter()
        .map(|(label, count)| BarView {
            percent: (count * 100).checked_div(total).unwrap_or_default(),
            label,
            count,
        })
        .collect();
    (bars, total)
}

impl ResultsView {
    pub fn new(kind: ActivityKind, settings: &Settings, results: &Results, lang: Lang) -> Self {
        let mut view = ResultsView {
            kind: kind.as_str(),
            total: 0,
            words: Vec::new(),
            cloud: String::new(),
            dark: false,
            bars: Vec::new(),
            mean: None,
            min_label: settings.min_label.clone().unwrap_or_default(),
            max_label: settings.max_label.clone().unwrap_or_default(),
            columns: Vec::new(),
            questions: Vec::new(),
        };
        match results {
            Results::WordCloud { answers, words } => {
                view.total = to_usize(*answers);
                let most = words.iter().map(|w| w.count).max().unwrap_or(1).max(1);
                view.words = words
                    .iter()
                    .map(|w| WordView {
                        text: w.text.clone(),
                        count: to_usize(w.count),
                        size: 1 + to_usize(w.count) * 4 / to_usize(most),
                    })
                    .collect();
                view.cloud = light_cloud(words, view.total, lang);
            }
            Results::Poll { options } => {
                (view.bars, view.total) = bars(
                    options
                        .iter()
                        .map(|o| (o.label.clone(), to_usize(o.count)))
                        .collect(),
                );
            }
            Results::Scale { counts, mean } => {
                // By value, not by the map's text order (« 10 » after « 9 »).
                let (min, max) = settings.scale();
                (view.bars, view.total) = bars(
                    (min..=max)
                        .map(|v| {
                            let key = v.to_string();
                            let n = counts.get(&key).copied().map(to_usize).unwrap_or_default();
                            (key, n)
                        })
                        .collect(),
                );
                view.mean = mean.map(|m| number_text(m, lang));
            }
            Results::Board { columns } => {
                view.columns = columns
                    .iter()
                    .map(|c| ColumnView {
                        name: c.name.clone(),
                        stickies: c
                            .stickies
                            .iter()
                            .map(|s| StickyView {
                                id: s.id.to_string(),
                                text: s.text.clone(),
                                votes: to_usize(s.votes),
                            })
                            .collect(),
                    })
                    .collect();
                view.total = view.columns.iter().map(|c| c.stickies.len()).sum();
            }
            Results::Questions { questions } => {
                view.questions = questions
                    .iter()
                    .map(|q| QuestionView {
                        id: q.id.to_string(),
                        text: q.text.clone(),
                        votes: to_usize(q.votes),
                        answered: q.answered,
                    })
                    .collect();
                view.total = view.questions.len();
            }
        }
        view
    }

    /// The same results drawn for the projector's dark background.
    #[must_use]
    pub fn on_dark(mut self, kind: ActivityKind, results: &Results, lang: Lang) -> Self {
        self.dark = true;
        if let (ActivityKind::WordCloud, Results::WordCloud { words, .. }) = (kind, results)
            && !words.is_empty()
        {
            let counted: Vec<(&str, u32)> =
                words.iter().map(|w| (w.text.as_str(), w.count)).collect();
            let label = crate::text::count_text(lang, "live-cloud-label", self.total);
            self.cloud = cloud_svg(&counted, &CloudOptions { label, dark: true });
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use maillage_domain::live::OptionCount;

    use super::*;

    #[test]
    fn poll_bars_are_shares_of_all_choices() {
        let results = Results::Poll {
            options: vec![
                OptionCount {
                    label: "Oui".into(),
                    count: 3,
                },
                OptionCount {
                    label: "Non".into(),
                    count: 1,
                },
            ],
        };
        let view = ResultsView::new(
            ActivityKind::Poll,
            &Settings::default(),
            &results,
            Lang::default(),
        );
        assert_eq!(view.total, 4);
        assert_eq!(
            view.bars.iter().map(|b| b.percent).collect::<Vec<_>>(),
            [75, 25]
        );
    }

    #[test]
    fn scale_bars_follow_the_values_not_their_text() {
        let settings = Settings {
            min: Some(1),
            max: Some(10),
            ..Settings::default()
        };
        let counts: BTreeMap<String, u32> = [("10".to_owned(), 1), ("2".to_owned(), 1)]
            .into_iter()
            .collect();
        let results = Results::Scale {
            counts,
            mean: Some(6.0),
        };
        let view = ResultsView::new(ActivityKind::Scale, &settings, &results, Lang::default());
        let labels: Vec<&str> = view.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"1"));
        assert_eq!(labels.last(), Some(&"10"));
        assert_eq!(view.bars[1].count, 1);
        assert_eq!(view.total, 2);
    }

    #[test]
    fn a_word_cloud_is_drawn_once_answered() {
        let results = Results::WordCloud {
            answers: 2,
            words: vec![maillage_domain::live::words::WordCount {
                text: "Écoute".into(),
                count: 2,
            }],
        };
        let view = ResultsView::new(
            ActivityKind::WordCloud,
            &Settings::default(),
            &results,
            Lang::default(),
        );
        assert!(view.cloud.starts_with("<svg"));
        assert!(view.cloud.contains("Écoute"));
        let dark = view.on_dark(ActivityKind::WordCloud, &results, Lang::default());
        assert!(dark.dark);
    }

    #[test]
    fn nothing_answered_is_empty() {
        let view = ResultsView::new(
            ActivityKind::Questions,
            &Settings::default(),
            &Results::Questions {
                questions: Vec::new(),
            },
            Lang::default(),
        );
        assert_eq!(view.total, 0);
    }
}
