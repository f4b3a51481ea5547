//! The rooms of an event in its bilan: a word cloud, a poll, a scale or
//! questions as a short table, and the boards' post-its as the mosaic
//! (`maillage_domain::live::mosaic`), so that what was said in the room is
//! kept with the event.

use maillage_domain::live::mosaic::{self, BoardColumn};
use maillage_domain::live::{ActivityKind, Results};
use maillage_domain::reports::TeamInfo;
use maillage_store::repo::live_report;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;

/// What the bilan shows of the event's rooms.
#[derive(Debug, Clone, Default)]
pub struct LiveBilan {
    /// The mosaic is made of the boards' post-its.
    pub mosaic: bool,
    /// Rooms with something to show besides their boards.
    pub rooms: Vec<RoomBilan>,
}

#[derive(Debug, Clone)]
pub struct RoomBilan {
    pub title: String,
    pub activities: Vec<ActivityBilan>,
}

/// One activity: a cloud (inline SVG, so that the standalone file and the
/// PDF carry it) or a table.
#[derive(Debug, Clone)]
pub struct ActivityBilan {
    pub prompt: String,
    /// `word_cloud`, `poll`, `scale` or `questions`.
    pub kind: &'static str,
    pub answers: usize,
    pub cloud: String,
    pub head_label: String,
    pub head_count: String,
    /// Questions: the third column says which were answered.
    pub with_note: bool,
    pub rows: Vec<BilanRow>,
    pub mean: String,
}

#[derive(Debug, Clone)]
pub struct BilanRow {
    pub label: String,
    pub count: String,
    pub note: String,
}

impl ActivityBilan {
    fn table(
        prompt: &str,
        kind: ActivityKind,
        lang: Lang,
        head: (&str, &str),
        rows: Vec<BilanRow>,
    ) -> Self {
        ActivityBilan {
            prompt: prompt.to_owned(),
            kind: kind.as_str(),
            answers: 0,
            cloud: String::new(),
            head_label: lang.t(head.0),
            head_count: lang.t(head.1),
            with_note: kind == ActivityKind::Questions,
            rows,
            mean: String::new(),
        }
    }
}

fn row(label: impl Into<String>, count: impl std::fmt::Display) -> BilanRow {
    BilanRow {
        label: label.into(),
        count: count.to_string(),
        note: String::new(),
    }
}

/// The event's rooms as the bilan shows them; the boards' post-its, when
/// any, replace the typed-in mosaic in `teams` and `loose`.
pub async fn load(
    state: &AppState,
    event_id: Uuid,
    lang: Lang,
    teams: &mut [TeamInfo],
    loose: &mut Vec<String>,
) -> Result<LiveBilan, AppError> {
    let rooms = live_report::event_results(&state.store, event_id).await?;
    let mut columns = Vec::new();
    let mut shown = Vec::new();
    for room in rooms {
        let mut activities = Vec::new();
        for a in room.activities {
            let prompt = a.activity.prompt.as_str();
            match a.results {
                Results::Board { columns: cols } => {
                    columns.extend(cols.into_iter().map(|c| BoardColumn {
                        name: c.name,
                        stickies: c.stickies.into_iter().map(|s| s.text).collect(),
                    }));
                }
                ref results @ Results::WordCloud { answers, .. } => {
                    activities.push(ActivityBilan {
                        answers: usize::try_from(answers).unwrap_or(usize::MAX),
                        cloud: if answers == 0 {
                            String::new()
                        } else {
                            super::export::cloud_of(results, lang).unwrap_or_default()
                        },
                        ..ActivityBilan::table(
                            prompt,
                            ActivityKind::WordCloud,
                            lang,
                            ("live-report-col-option", "live-report-col-count"),
                            Vec::new(),
                        )
                    });
                }
                Results::Poll { options } => {
                    let rows = options.into_iter().map(|o| row(o.label, o.count)).collect();
                    activities.push(ActivityBilan::table(
                        prompt,
                        ActivityKind::Poll,
                        lang,
                        ("live-report-col-option", "live-report-col-count"),
                        rows,
                    ));
                }
                Results::Scale { counts, mean } => {
                    let mut values: Vec<(i64, u32)> = counts
                        .into_iter()
                        .filter_map(|(v, n)| v.parse().ok().map(|v| (v, n)))
                        .collect();
                    values.sort_unstable();
                    let rows = values
                        .into_iter()
                        .map(|(v, n)| row(v.to_string(), n))
                        .collect();
                    let mut table = ActivityBilan::table(
                        prompt,
                        ActivityKind::Scale,
                        lang,
                        ("live-report-col-scale-value", "live-report-col-count"),
                        rows,
                    );
                    table.mean = mean
                        .map(|m| crate::text::number_text(m, lang))
                        .unwrap_or_default();
                    activities.push(table);
                }
                Results::Questions { questions } => {
                    let answered = lang.t("live-report-answered");
                    let rows = questions
                        .into_iter()
                        .map(|q| BilanRow {
                            note: if q.answered {
                                answered.clone()
                            } else {
                                String::new()
                            },
                            ..row(q.text, q.votes)
                        })
                        .collect();
                    activities.push(ActivityBilan::table(
                        prompt,
                        ActivityKind::Questions,
                        lang,
                        ("live-report-col-question", "live-report-col-votes-head"),
                        rows,
                    ));
                }
            }
        }
        if !activities.is_empty() {
            shown.push(RoomBilan {
                title: room.room.title,
                activities,
            });
        }
    }
    let mosaic = mosaic::apply(teams, loose, &columns);
    Ok(LiveBilan {
        mosaic,
        rooms: shown,
    })
}
