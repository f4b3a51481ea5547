//! The bilan of an event (*event report*), composed from its data.
//!
//! The store loads plain data ([`ReportInput`]); [`compose`] turns it into
//! the sections of the bilan, in the order a coordinator tells the story:
//! origin and intentions, sessions, the attendance grid, the numbers, the
//! teams and their mosaic, the facilitators' observations, the evaluation
//! and the next steps. Each section has a stable key (the one its edited
//! text is saved under), a title and a generated text the coordinator may
//! rewrite; the structured parts (grid, counts, mosaic, results) stay data
//! for the page to draw.
//!
//! Words come from the caller through [`Words`] (Fluent messages in the web
//! app), so the generated text is in the reader's language and this module
//! holds no sentence of its own.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::names::normalize;

/// The sections of a bilan, in order.
pub const SECTION_KEYS: [&str; 8] = [
    "origine",
    "seances",
    "presences",
    "chiffres",
    "equipes",
    "observations",
    "evaluation",
    "suites",
];

/// The stable key of a section named in a URL, if it is one.
pub fn section_key(key: &str) -> Option<&'static str> {
    SECTION_KEYS.iter().copied().find(|k| *k == key)
}

/// Translated words: `key` is a message id, `args` its variables.
pub trait Words {
    fn word(&self, key: &str, args: &[(&'static str, String)]) -> String;
}

// ---------------------------------------------------------------------------
// Input

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportInput {
    pub title: String,
    /// The grouping that holds the event.
    pub grouping: Option<String>,
    pub description: Option<String>,
    pub intentions: Vec<String>,
    pub audience: Option<String>,
    /// By date.
    pub sessions: Vec<SessionInfo>,
    /// Every organization present at one session at least.
    pub organizations: Vec<OrgPresence>,
    /// Distinct people present at one session at least.
    pub people: usize,
    /// Confirmed registrations.
    pub registered: usize,
    pub teams: Vec<TeamInfo>,
    /// Stickies of no team.
    pub loose_stickies: Vec<String>,
    pub observations: Vec<ObservationInfo>,
    pub questions: Vec<QuestionInfo>,
    /// Evaluation answers received (one per person).
    pub responses: usize,
    /// The language of the bilan's times (`8 h 30`, `8:30 a.m.`).
    pub language: crate::numbers::Language,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionInfo {
    pub date: NaiveDate,
    /// The date as readers write it (`8 mai 2018`).
    pub date_text: String,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
    /// People present.
    pub people: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgPresence {
    pub id: String,
    pub name: String,
    /// Sector code and its label.
    pub sector: Option<String>,
    pub sector_label: Option<String>,
    /// One per session, in the order of the sessions.
    pub present: Vec<bool>,
    /// No earlier event of the grouping saw it.
    pub first_time: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamInfo {
    pub name: String,
    pub facilitator: Option<String>,
    pub members: Vec<MemberInfo>,
    pub stickies: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberInfo {
    pub name: String,
    pub organization: Option<String>,
    pub sector: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObservationInfo {
    pub team: Option<String>,
    pub text: String,
    pub new_contacts: Option<i32>,
}

/// The kind of a survey question: the one enum of `events` (an unknown
/// stored kind reads as free text, its default).
pub use crate::events::QuestionKind;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionInfo {
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
    /// The stored values, one per response (several choices one a line).
    pub answers: Vec<String>,
}

/// Whether a question asks for the favourite topic of the next meeting
/// (« votre sujet chouchou pour la prochaine rencontre »).
pub fn is_favourite_topic(prompt: &str) -> bool {
    let p = normalize(prompt);
    p.contains("chouchou")
        || (p.contains("sujet") && p.contains("prochain"))
        || p.contains("favourite topic")
        || p.contains("favorite topic")
}

/// Whether a question asks what to do next (« les suites », « prochaines
/// étapes »).
pub fn is_next_steps(prompt: &str) -> bool {
    let p = normalize(prompt);
    !is_favourite_topic(prompt)
        && (p.contains("suites")
            || p.contains("prochaines etapes")
            || p.contains("prochaine etape")
            || p.contains("next step"))
}

// ---------------------------------------------------------------------------
// Output

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub origin: Origin,
    pub sessions: Vec<SessionLine>,
    pub grid: Grid,
    pub numbers: Numbers,
    pub teams: Teams,
    pub observations: Observations,
    pub evaluation: Evaluation,
    pub next_steps: NextSteps,
    /// In the order of [`SECTION_KEYS`].
    pub sections: Vec<Section>,
}

impl Report {
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub key: &'static str,
    pub title: String,
    /// The generated text (paragraphs split by blank lines, `- ` items).
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub title: String,
    pub grouping: Option<String>,
    pub description: Option<String>,
    pub intentions: Vec<String>,
    pub audience: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionLine {
    /// `08.05.2018`, as the seed's grid heads its columns.
    pub header: String,
    pub date_text: String,
    /// `9 h 00 – 12 h 00`, or empty.
    pub times: String,
    pub place: String,
    pub address: String,
    pub people: usize,
    pub organizations: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    pub headers: Vec<String>,
    /// By name.
    pub rows: Vec<GridLine>,
    /// Organizations present, session by session.
    pub totals: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridLine {
    pub name: String,
    pub sector_label: String,
    pub marks: Vec<bool>,
    pub every: bool,
    pub first_time: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Numbers {
    pub people: usize,
    pub registered: usize,
    pub organizations: usize,
    pub sectors: usize,
    pub first_timers: Vec<String>,
    pub at_every_session: Vec<String>,
    pub per_session: Vec<SessionLine>,
    /// Organizations by sector, most first; the organizations of no sector
    /// last, with an empty code.
    pub sector_mix: Vec<SectorCount>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectorCount {
    pub code: String,
    pub label: String,
    pub organizations: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Teams {
    pub teams: Vec<TeamBlock>,
    pub loose_stickies: Vec<String>,
    pub stickies: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamBlock {
    pub name: String,
    pub facilitator: String,
    pub members: Vec<String>,
    /// Distinct sectors at the table.
    pub sectors: usize,
    pub stickies: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observations {
    pub items: Vec<ObservationInfo>,
    pub new_contacts: i64,
    /// Observations that gave a count of new contacts.
    pub counted: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    pub responses: usize,
    pub questions: Vec<QuestionResult>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionResult {
    pub kind: QuestionKind,
    pub prompt: String,
    /// Responses that answered it.
    pub answered: usize,
    /// Choices (or 1 to 5 for a scale) with their counts, in the order of
    /// the options, then other values met, most first.
    pub counts: Vec<(String, usize)>,
    /// For a scale.
    pub mean: Option<f64>,
    /// Free-text answers as written.
    pub texts: Vec<String>,
    pub favourite_topic: bool,
    pub next_steps: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NextSteps {
    /// Favourite topics, most named first.
    pub topics: Vec<(String, usize)>,
    pub texts: Vec<String>,
}

// ---------------------------------------------------------------------------
// Composition

fn count_arg(n: usize) -> String {
    n.to_string()
}

fn times(s: &SessionInfo, language: crate::numbers::Language) -> String {
    crate::dates::hours_text(s.starts_at.as_deref(), s.ends_at.as_deref(), language)
}

fn nonempty(s: Option<&String>) -> Option<String> {
    s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The bilan of `input`.
pub fn compose(input: &ReportInput, words: &dyn Words) -> Report {
    // A sentence with a count of one has its own message (`KEY-one`), as
    // the words are only strings to the translator.
    let w = |key: &str, args: &[(&'static str, String)]| {
        if args.iter().any(|(k, v)| *k == "count" && v == "1") {
            words.word(&format!("{key}-one"), args)
        } else {
            words.word(key, args)
        }
    };
    let attendance = Attendance::tally(input, &w);
    let session_lines = compose_sessions(input, &attendance.totals);
    let grid = Grid {
        headers: session_lines.iter().map(|s| s.header.clone()).collect(),
        rows: attendance.rows,
        totals: attendance.totals,
    };
    let numbers = Numbers {
        people: input.people,
        registered: input.registered,
        organizations: grid.rows.len(),
        sectors: attendance.sectors,
        first_timers: attendance.first_timers,
        at_every_session: attendance.at_every_session,
        per_session: session_lines.clone(),
        sector_mix: attendance.sector_mix,
    };
    let teams = compose_teams(input);
    let observations = compose_observations(input);
    let evaluation = compose_evaluation(input);
    let next_steps = compose_next_steps(&evaluation);
    let origin = compose_origin(input);
    let mut report = Report {
        origin,
        sessions: session_lines,
        grid,
        numbers,
        teams,
        observations,
        evaluation,
        next_steps,
        sections: Vec::new(),
    };
    report.sections = compose_sections(&report, &w);
    report
}

/// The attendance grid's rows, organizations sorted by name, and what they
/// add up to.
struct Attendance {
    rows: Vec<GridLine>,
    /// Organizations present, session by session.
    totals: Vec<usize>,
    at_every_session: Vec<String>,
    first_timers: Vec<String>,
    /// Distinct sectors (the organizations of no sector aside).
    sectors: usize,
    sector_mix: Vec<SectorCount>,
}

impl Attendance {
    fn tally(input: &ReportInput, w: &W) -> Self {
        let n_sessions = input.sessions.len();
        // Organizations by normalized name, so the grid reads like the seed's.
        let mut orgs: Vec<&OrgPresence> = input.organizations.iter().collect();
        orgs.sort_by_cached_key(|o| (normalize(&o.name), o.id.clone()));

        let mut totals = vec![0usize; n_sessions];
        let mut rows = Vec::with_capacity(orgs.len());
        let mut at_every_session = Vec::new();
        let mut first_timers = Vec::new();
        let mut sectors: HashMap<String, (String, usize)> = HashMap::new();
        let mut no_sector = 0usize;
        for o in &orgs {
            let marks: Vec<bool> = (0..n_sessions)
                .map(|i| o.present.get(i).copied().unwrap_or(false))
                .collect();
            for (t, m) in totals.iter_mut().zip(&marks) {
                if *m {
                    *t += 1;
                }
            }
            let every = n_sessions > 0 && marks.iter().all(|m| *m);
            if every {
                at_every_session.push(o.name.clone());
            }
            if o.first_time {
                first_timers.push(o.name.clone());
            }
            match o.sector.as_deref().filter(|c| !c.is_empty()) {
                Some(code) => {
                    let label = o.sector_label.clone().unwrap_or_else(|| code.to_owned());
                    sectors.entry(code.to_owned()).or_insert((label, 0)).1 += 1;
                }
                None => no_sector += 1,
            }
            rows.push(GridLine {
                name: o.name.clone(),
                sector_label: o.sector_label.clone().unwrap_or_default(),
                marks,
                every,
                first_time: o.first_time,
            });
        }
        Attendance {
            rows,
            totals,
            at_every_session,
            first_timers,
            sectors: sectors.len(),
            sector_mix: sector_mix(sectors, no_sector, w),
        }
    }
}

/// Organizations by sector (code → label and count), most first, then the
/// `no_sector` organizations of no sector.
fn sector_mix(
    sectors: HashMap<String, (String, usize)>,
    no_sector: usize,
    w: &W,
) -> Vec<SectorCount> {
    let mut mix: Vec<SectorCount> = sectors
        .into_iter()
        .map(|(code, (label, n))| SectorCount {
            code,
            label,
            organizations: n,
        })
        .collect();
    mix.sort_by(|a, b| {
        b.organizations
            .cmp(&a.organizations)
            .then_with(|| a.label.cmp(&b.label))
    });
    if no_sector > 0 {
        mix.push(SectorCount {
            code: String::new(),
            label: w("report-no-sector", &[]),
            organizations: no_sector,
        });
    }
    mix
}

/// The sessions, each with the `totals` of organizations present.
fn compose_sessions(input: &ReportInput, totals: &[usize]) -> Vec<SessionLine> {
    input
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| SessionLine {
            header: s.date_text.clone(),
            date_text: s.date_text.clone(),
            times: times(s, input.language),
            place: s.place.clone().unwrap_or_default(),
            address: s.address.clone().unwrap_or_default(),
            people: s.people,
            organizations: totals.get(i).copied().unwrap_or(0),
        })
        .collect()
}

fn compose_origin(input: &ReportInput) -> Origin {
    Origin {
        title: input.title.clone(),
        grouping: nonempty(input.grouping.as_ref()),
        description: nonempty(input.description.as_ref()),
        intentions: input
            .intentions
            .iter()
            .map(|i| i.trim().to_owned())
            .filter(|i| !i.is_empty())
            .collect(),
        audience: nonempty(input.audience.as_ref()),
    }
}

/// The sections of `report`, in the order of [`SECTION_KEYS`], with their
/// generated texts.
fn compose_sections(report: &Report, w: &W) -> Vec<Section> {
    let texts = [
        origin_text(&report.origin, w),
        sessions_text(&report.sessions, w),
        attendance_text(&report.grid, &report.numbers, w),
        numbers_text(&report.numbers, w),
        teams_text(&report.teams, w),
        observations_text(&report.observations, w),
        evaluation_text(&report.evaluation, w),
        next_steps_text(&report.next_steps, w),
    ];
    SECTION_KEYS
        .iter()
        .zip(texts)
        .map(|(key, text)| Section {
            key,
            title: w(&format!("report-section-{key}"), &[]),
            text,
        })
        .collect()
}

fn compose_teams(input: &ReportInput) -> Teams {
    let mut stickies = input.loose_stickies.len();
    let teams = input
        .teams
        .iter()
        .map(|t| {
            stickies += t.stickies.len();
            let sectors: HashSet<&str> = t
                .members
                .iter()
                .filter_map(|m| m.sector.as_deref())
                .filter(|s| !s.is_empty())
                .collect();
            TeamBlock {
                name: t.name.clone(),
                facilitator: t.facilitator.clone().unwrap_or_default(),
                members: t.members.iter().map(|m| m.name.clone()).collect(),
                sectors: sectors.len(),
                stickies: t.stickies.clone(),
            }
        })
        .collect();
    Teams {
        teams,
        loose_stickies: input.loose_stickies.clone(),
        stickies,
    }
}

fn compose_observations(input: &ReportInput) -> Observations {
    let items: Vec<ObservationInfo> = input
        .observations
        .iter()
        .filter(|o| !o.text.trim().is_empty() || o.new_contacts.is_some())
        .cloned()
        .collect();
    let counted = items.iter().filter(|o| o.new_contacts.is_some()).count();
    let new_contacts = items
        .iter()
        .filter_map(|o| o.new_contacts)
        .map(|n| i64::from(n.max(0)))
        .sum();
    Observations {
        items,
        new_contacts,
        counted,
    }
}

/// Counts of `values`, the `known` ones first in their order (even at 0),
/// then the others by count and first appearance. Values are told apart
/// by their normalized form and shown as first written.
fn tally<'a>(known: &[String], values: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut order: Vec<(String, usize)> = known.iter().map(|k| (k.clone(), 0)).collect();
    let mut index: HashMap<String, usize> = known
        .iter()
        .enumerate()
        .map(|(i, k)| (normalize(k), i))
        .collect();
    for v in values {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let key = normalize(v);
        let key = if key.is_empty() {
            v.to_lowercase()
        } else {
            key
        };
        if let Some(&i) = index.get(&key) {
            order[i].1 += 1;
        } else {
            index.insert(key, order.len());
            order.push((v.to_owned(), 1));
        }
    }
    let mut tail = order.split_off(known.len());
    // Stable: ties keep their first appearance.
    tail.sort_by_key(|t| std::cmp::Reverse(t.1));
    order.extend(tail);
    order
}

fn compose_evaluation(input: &ReportInput) -> Evaluation {
    let questions = input
        .questions
        .iter()
        .map(|q| {
            let answers: Vec<&str> = q
                .answers
                .iter()
                .map(|a| a.trim())
                .filter(|a| !a.is_empty())
                .collect();
            let favourite_topic = is_favourite_topic(&q.prompt);
            let next_steps = is_next_steps(&q.prompt);
            let mut result = QuestionResult {
                kind: q.kind,
                prompt: q.prompt.clone(),
                answered: answers.len(),
                favourite_topic,
                next_steps,
                ..QuestionResult::default()
            };
            match q.kind {
                QuestionKind::Single => {
                    result.counts = tally(&q.options, answers.iter().copied());
                }
                QuestionKind::Multiple => {
                    result.counts = tally(&q.options, answers.iter().flat_map(|a| a.lines()));
                }
                QuestionKind::Scale => {
                    let mut counts = [0usize; 5];
                    let mut sum = 0u64;
                    let mut n = 0u32;
                    for a in &answers {
                        if let Ok(v @ 1..=5) = a.parse::<u8>() {
                            counts[usize::from(v - 1)] += 1;
                            sum += u64::from(v);
                            n += 1;
                        }
                    }
                    result.answered = usize::try_from(n).unwrap_or(usize::MAX);
                    result.counts = (1..=5)
                        .zip(counts)
                        .map(|(v, c)| (v.to_string(), c))
                        .collect();
                    #[expect(
                        clippy::cast_precision_loss,
                        reason = "sums of 1 to 5 over people stay far below 2^52"
                    )]
                    let mean = (n > 0).then(|| sum as f64 / f64::from(n));
                    result.mean = mean;
                }
                QuestionKind::Text => {
                    result.texts = answers.iter().map(|a| (*a).to_owned()).collect();
                    if favourite_topic {
                        result.counts = tally(&[], answers.iter().copied());
                    }
                }
            }
            result
        })
        .collect();
    Evaluation {
        responses: input.responses,
        questions,
    }
}

fn compose_next_steps(evaluation: &Evaluation) -> NextSteps {
    let mut topics: Vec<(String, usize)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut texts = Vec::new();
    for q in &evaluation.questions {
        if q.favourite_topic {
            for (topic, n) in &q.counts {
                if *n == 0 {
                    continue;
                }
                let key = normalize(topic);
                if let Some(&i) = index.get(&key) {
                    topics[i].1 += n;
                } else {
                    index.insert(key, topics.len());
                    topics.push((topic.clone(), *n));
                }
            }
        }
        if q.next_steps {
            texts.extend(q.texts.iter().cloned());
        }
    }
    topics.sort_by_key(|t| std::cmp::Reverse(t.1));
    NextSteps { topics, texts }
}

// ---------------------------------------------------------------------------
// Generated texts

type W<'a> = dyn Fn(&str, &[(&'static str, String)]) -> String + 'a;

fn origin_text(o: &Origin, w: &W) -> String {
    let mut out = match &o.grouping {
        Some(g) => w(
            "report-text-origin",
            &[("title", o.title.clone()), ("grouping", g.clone())],
        ),
        None => w("report-text-origin-alone", &[("title", o.title.clone())]),
    };
    if let Some(d) = &o.description {
        let _ = write!(out, "\n\n{d}");
    }
    if let Some(a) = &o.audience {
        let _ = write!(
            out,
            "\n\n{}",
            w("report-text-audience", &[("audience", a.clone())])
        );
    }
    if !o.intentions.is_empty() {
        let _ = write!(
            out,
            "\n\n{}",
            w(
                "report-text-intentions",
                &[("count", count_arg(o.intentions.len()))]
            )
        );
        for (i, intention) in o.intentions.iter().enumerate() {
            let _ = write!(out, "\n{}. {intention}", i + 1);
        }
    }
    out
}

fn sessions_text(sessions: &[SessionLine], w: &W) -> String {
    if sessions.is_empty() {
        return w("report-text-no-sessions", &[]);
    }
    let mut out = w(
        "report-text-sessions",
        &[("count", count_arg(sessions.len()))],
    );
    for s in sessions {
        let mut line = s.date_text.clone();
        if !s.times.is_empty() {
            let _ = write!(line, ", {}", s.times);
        }
        if !s.place.is_empty() {
            let _ = write!(line, ", {}", s.place);
        }
        if !s.address.is_empty() {
            let _ = write!(line, " ({})", s.address);
        }
        let _ = write!(out, "\n- {line}");
    }
    out
}

fn attendance_text(grid: &Grid, numbers: &Numbers, w: &W) -> String {
    if grid.rows.is_empty() {
        return w("report-text-no-attendance", &[]);
    }
    let mut out = w(
        "report-text-attendance",
        &[
            ("organizations", count_arg(grid.rows.len())),
            ("sessions", count_arg(grid.headers.len())),
        ],
    );
    if grid.headers.len() > 1 {
        let _ = write!(
            out,
            " {}",
            w(
                "report-text-attendance-every",
                &[("count", count_arg(numbers.at_every_session.len()))]
            )
        );
    }
    out
}

fn numbers_text(n: &Numbers, w: &W) -> String {
    // An imported grid counts organizations, not people.
    let key = if n.people == 0 {
        "report-text-numbers-organizations"
    } else {
        "report-text-numbers"
    };
    let mut out = w(
        key,
        &[
            ("people", count_arg(n.people)),
            ("organizations", count_arg(n.organizations)),
            ("sectors", count_arg(n.sectors)),
        ],
    );
    if n.registered > 0 {
        let _ = write!(
            out,
            " {}",
            w(
                "report-text-registered",
                &[("count", count_arg(n.registered))]
            )
        );
    }
    if n.per_session.len() > 1 {
        for s in &n.per_session {
            let _ = write!(
                out,
                "\n- {}",
                w(
                    "report-text-per-session",
                    &[
                        ("date", s.date_text.clone()),
                        ("people", count_arg(s.people)),
                        ("organizations", count_arg(s.organizations)),
                    ]
                )
            );
        }
    }
    if !n.first_timers.is_empty() {
        let _ = write!(
            out,
            "\n\n{}",
            w(
                "report-text-first-timers",
                &[("count", count_arg(n.first_timers.len()))]
            )
        );
    }
    if n.per_session.len() > 1 && !n.at_every_session.is_empty() {
        let _ = write!(
            out,
            "\n\n{}",
            w(
                "report-text-every-session",
                &[("count", count_arg(n.at_every_session.len()))]
            )
        );
    }
    out
}

fn teams_text(t: &Teams, w: &W) -> String {
    if t.teams.is_empty() && t.stickies == 0 {
        return w("report-text-no-teams", &[]);
    }
    let mut out = if t.teams.is_empty() {
        String::new()
    } else {
        w("report-text-teams", &[("count", count_arg(t.teams.len()))])
    };
    if t.stickies > 0 {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w(
            "report-text-mosaic",
            &[("count", count_arg(t.stickies))],
        ));
    }
    out
}

fn observations_text(o: &Observations, w: &W) -> String {
    if o.items.is_empty() {
        return w("report-text-no-observations", &[]);
    }
    let mut out = w(
        "report-text-observations",
        &[("count", count_arg(o.items.len()))],
    );
    if o.counted > 0 {
        let _ = write!(
            out,
            " {}",
            w(
                "report-text-new-contacts",
                &[("count", o.new_contacts.to_string())]
            )
        );
    }
    // The observations themselves are listed under the text, as written.
    out
}

fn evaluation_text(e: &Evaluation, w: &W) -> String {
    if e.responses == 0 {
        return w("report-text-no-evaluation", &[]);
    }
    let mut out = w(
        "report-text-evaluation",
        &[("count", count_arg(e.responses))],
    );
    for q in &e.questions {
        let line = match q.kind {
            QuestionKind::Scale => q.mean.map(|m| {
                w(
                    "report-text-scale",
                    &[
                        ("prompt", q.prompt.clone()),
                        (
                            "mean",
                            crate::numbers::french(m, crate::numbers::Decimals::Exactly(1)),
                        ),
                        ("count", count_arg(q.answered)),
                    ],
                )
            }),
            QuestionKind::Single | QuestionKind::Multiple => q
                .counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(top, n)| {
                    w(
                        "report-text-choice",
                        &[
                            ("prompt", q.prompt.clone()),
                            ("top", top.clone()),
                            ("count", count_arg(*n)),
                        ],
                    )
                }),
            QuestionKind::Text => (q.answered > 0).then(|| {
                w(
                    "report-text-free",
                    &[
                        ("prompt", q.prompt.clone()),
                        ("count", count_arg(q.answered)),
                    ],
                )
            }),
        };
        if let Some(line) = line {
            let _ = write!(out, "\n- {line}");
        }
    }
    out
}

fn next_steps_text(n: &NextSteps, w: &W) -> String {
    let mut out = String::new();
    if !n.topics.is_empty() {
        out.push_str(&w("report-text-topics", &[]));
        for (topic, count) in &n.topics {
            let _ = write!(
                out,
                "\n- {}",
                w(
                    "report-text-topic",
                    &[("topic", topic.clone()), ("count", count_arg(*count))]
                )
            );
        }
    }
    if !n.texts.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&w("report-text-next-steps", &[]));
        for t in &n.texts {
            let _ = write!(out, "\n- {}", t.replace('\n', " "));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Reading a text back

/// A paragraph, a list or a heading of a section's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// `p`, `ul`, `ol` or `h3`.
    pub kind: &'static str,
    pub text: String,
    pub items: Vec<String>,
}

fn list_item(line: &str) -> Option<(&'static str, &str)> {
    let l = line.trim_start();
    if let Some(rest) = l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")) {
        return Some(("ul", rest.trim()));
    }
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &l[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(("ol", rest.trim()));
        }
    }
    None
}

/// The blocks of a text written the plain way: blank lines between
/// paragraphs, `- ` (or `1. `) before list items, `## ` before a heading.
/// Lines of a paragraph are joined by a space; nothing is markup, so the
/// page escapes every piece.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block {
                kind: "p",
                text: para.join(" "),
                items: Vec::new(),
            });
            para.clear();
        }
    };
    let mut in_list = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut para, &mut out);
            in_list = false;
            continue;
        }
        if let Some(h) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
            flush(&mut para, &mut out);
            out.push(Block {
                kind: "h3",
                text: h.trim().to_owned(),
                items: Vec::new(),
            });
            in_list = false;
            continue;
        }
        if let Some((kind, item)) = list_item(line) {
            flush(&mut para, &mut out);
            match out.last_mut() {
                Some(b) if in_list && b.kind == kind => b.items.push(item.to_owned()),
                _ => out.push(Block {
                    kind,
                    text: String::new(),
                    items: vec![item.to_owned()],
                }),
            }
            in_list = true;
            continue;
        }
        if in_list {
            // A line under an item continues it.
            if let Some(last) = out.last_mut().and_then(|b| b.items.last_mut()) {
                last.push(' ');
                last.push_str(line);
                continue;
            }
        }
        para.push(line);
    }
    flush(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that show their key and arguments, so tests see what was said.
    struct Keys;

    impl Words for Keys {
        fn word(&self, key: &str, args: &[(&'static str, String)]) -> String {
            if args.is_empty() {
                key.to_owned()
            } else {
                let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("{key}({})", args.join(","))
            }
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn org(
        id: &str,
        name: &str,
        sector: Option<&str>,
        present: &[bool],
        first: bool,
    ) -> OrgPresence {
        OrgPresence {
            id: id.to_owned(),
            name: name.to_owned(),
            sector: sector.map(str::to_owned),
            sector_label: sector.map(|s| format!("Secteur {s}")),
            present: present.to_vec(),
            first_time: first,
        }
    }

    fn osons() -> ReportInput {
        ReportInput {
            title: "Osons l'aventure".to_owned(),
            grouping: Some("Commun'Enfant Jonquière 0-8 ans".to_owned()),
            description: Some("Réunir tous les acteurs.".to_owned()),
            intentions: vec![
                "Mieux comprendre la réalité des différents réseaux".to_owned(),
                " ".to_owned(),
                "Mieux collaborer ensemble".to_owned(),
            ],
            audience: None,
            sessions: osons_sessions(),
            organizations: osons_organizations(),
            people: 150,
            registered: 160,
            teams: osons_teams(),
            loose_stickies: vec!["Passion".to_owned()],
            observations: osons_observations(),
            questions: osons_questions(),
            responses: 5,
            language: crate::numbers::Language::French,
        }
    }

    fn osons_sessions() -> Vec<SessionInfo> {
        vec![
            SessionInfo {
                date: d(2018, 5, 8),
                date_text: "8 mai 2018".to_owned(),
                starts_at: Some("08:30".to_owned()),
                ends_at: Some("12:00".to_owned()),
                place: Some("Calypso".to_owned()),
                address: Some("rue d'Auteuil".to_owned()),
                people: 80,
            },
            SessionInfo {
                date: d(2018, 11, 27),
                date_text: "27 novembre 2018".to_owned(),
                people: 70,
                ..SessionInfo::default()
            },
        ]
    }

    fn osons_organizations() -> Vec<OrgPresence> {
        vec![
            org(
                "b",
                "Avenir d'Enfants",
                Some("philanthropie"),
                &[true, true],
                false,
            ),
            org(
                "a",
                "Aide-Parents Plus",
                Some("communautaire"),
                &[true, true],
                true,
            ),
            org(
                "c",
                "CPE Gari-Gatou",
                Some("services-garde"),
                &[true, false],
                true,
            ),
            org("d", "Maison des Naissances", None, &[false, true], true),
            org("e", "Centre Alpha", Some("communautaire"), &[true], false),
        ]
    }

    fn osons_teams() -> Vec<TeamInfo> {
        vec![
            TeamInfo {
                name: "Les REbelles".to_owned(),
                facilitator: Some("Josette".to_owned()),
                members: vec![
                    MemberInfo {
                        name: "Ana".to_owned(),
                        organization: Some("Aide-Parents Plus".to_owned()),
                        sector: Some("communautaire".to_owned()),
                    },
                    MemberInfo {
                        name: "Béa".to_owned(),
                        organization: Some("CPE Gari-Gatou".to_owned()),
                        sector: Some("services-garde".to_owned()),
                    },
                    MemberInfo {
                        name: "Cloé".to_owned(),
                        organization: None,
                        sector: Some("communautaire".to_owned()),
                    },
                ],
                stickies: vec![
                    "La complémentarité des services.".to_owned(),
                    "OSER".to_owned(),
                ],
            },
            TeamInfo {
                name: "Les 5 CLÉS".to_owned(),
                facilitator: None,
                members: vec![],
                stickies: vec!["Kit d'accueil".to_owned()],
            },
        ]
    }

    fn osons_observations() -> Vec<ObservationInfo> {
        vec![
            ObservationInfo {
                team: Some("Les REbelles".to_owned()),
                text: "À ma table, tous ont pris les coordonnées de chacun !".to_owned(),
                new_contacts: Some(9),
            },
            ObservationInfo {
                team: None,
                text: "Sortir de notre zone de confort !".to_owned(),
                new_contacts: None,
            },
            ObservationInfo {
                team: None,
                text: String::new(),
                new_contacts: Some(2),
            },
        ]
    }

    fn osons_questions() -> Vec<QuestionInfo> {
        vec![
            QuestionInfo {
                kind: QuestionKind::Scale,
                prompt: "Satisfaction générale".to_owned(),
                options: vec![],
                answers: vec![
                    "5".into(),
                    "4".into(),
                    "4".into(),
                    "x".into(),
                    String::new(),
                ],
            },
            QuestionInfo {
                kind: QuestionKind::Single,
                prompt: "Quand revenir ?".to_owned(),
                options: vec!["Printemps 2019".into(), "Automne 2019".into()],
                answers: vec![
                    "Printemps 2019".into(),
                    "printemps 2019".into(),
                    "Jamais".into(),
                ],
            },
            QuestionInfo {
                kind: QuestionKind::Multiple,
                prompt: "Ce que vous avez aimé".to_owned(),
                options: vec!["Le canevas".into(), "Les tables".into()],
                answers: vec!["Le canevas\nLes tables".into(), "Les tables".into()],
            },
            QuestionInfo {
                kind: QuestionKind::Text,
                prompt: "Votre sujet chouchou pour la prochaine rencontre".to_owned(),
                options: vec![],
                answers: vec![
                    "Kit d'accueil".into(),
                    "kit d’accueil".into(),
                    "Les retombées".into(),
                ],
            },
            QuestionInfo {
                kind: QuestionKind::Text,
                prompt: "Quelles suites souhaitez-vous ?".to_owned(),
                options: vec![],
                answers: vec!["Une présentation interactive".into()],
            },
        ]
    }

    #[test]
    fn sections_come_in_order_with_their_titles() {
        let r = compose(&osons(), &Keys);
        let keys: Vec<&str> = r.sections.iter().map(|s| s.key).collect();
        assert_eq!(keys, SECTION_KEYS);
        assert_eq!(r.sections[0].title, "report-section-origine");
        assert_eq!(section_key("chiffres"), Some("chiffres"));
        assert_eq!(section_key("inconnu"), None);
    }

    #[test]
    fn origin_lists_the_intentions() {
        let r = compose(&osons(), &Keys);
        let text = &r.section("origine").unwrap().text;
        assert!(
            text.starts_with("report-text-origin(title=Osons l'aventure,grouping=Commun'Enfant")
        );
        assert!(text.contains("report-text-intentions(count=2)"), "{text}");
        assert!(text.contains("\n1. Mieux comprendre"));
        assert!(text.contains("\n2. Mieux collaborer ensemble"));
        assert_eq!(r.origin.intentions.len(), 2);
    }

    #[test]
    fn the_grid_reads_like_the_seed() {
        let r = compose(&osons(), &Keys);
        assert_eq!(r.grid.headers, ["8 mai 2018", "27 novembre 2018"]);
        let names: Vec<&str> = r.grid.rows.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Aide-Parents Plus",
                "Avenir d'Enfants",
                "Centre Alpha",
                "CPE Gari-Gatou",
                "Maison des Naissances"
            ]
        );
        // A short presence vector counts as absent from the later sessions.
        assert_eq!(r.grid.rows[2].marks, [true, false]);
        assert_eq!(r.grid.totals, [4, 3]);
        assert!(r.grid.rows[0].every && !r.grid.rows[3].every);
        assert_eq!(r.sessions[0].times, "8 h 30 – 12 h");
        assert_eq!(r.sessions[1].organizations, 3);
    }

    #[test]
    fn numbers_count_people_organizations_sectors_and_first_timers() {
        let r = compose(&osons(), &Keys);
        let n = &r.numbers;
        assert_eq!((n.people, n.organizations, n.sectors), (150, 5, 3));
        assert_eq!(
            n.first_timers,
            [
                "Aide-Parents Plus",
                "CPE Gari-Gatou",
                "Maison des Naissances"
            ]
        );
        assert_eq!(
            n.at_every_session,
            ["Aide-Parents Plus", "Avenir d'Enfants"]
        );
        assert_eq!(n.sector_mix[0].code, "communautaire");
        assert_eq!(n.sector_mix[0].organizations, 2);
        let last = n.sector_mix.last().unwrap();
        assert_eq!((last.code.as_str(), last.organizations), ("", 1));
        let text = &r.section("chiffres").unwrap().text;
        assert!(
            text.contains("report-text-numbers(people=150,organizations=5,sectors=3)"),
            "{text}"
        );
        assert!(text.contains("report-text-first-timers(count=3)"));
        assert!(text.contains("report-text-every-session(count=2)"));
        assert!(text.contains(
            "- report-text-per-session(date=27 novembre 2018,people=70,organizations=3)"
        ));
    }

    #[test]
    fn teams_and_their_mosaic() {
        let r = compose(&osons(), &Keys);
        assert_eq!(r.teams.teams.len(), 2);
        assert_eq!(r.teams.teams[0].sectors, 2);
        assert_eq!(r.teams.teams[0].facilitator, "Josette");
        assert_eq!(r.teams.stickies, 4);
        let text = &r.section("equipes").unwrap().text;
        assert_eq!(
            text,
            "report-text-teams(count=2) report-text-mosaic(count=4)"
        );

        let mut none = osons();
        none.teams.clear();
        none.loose_stickies.clear();
        let r = compose(&none, &Keys);
        assert_eq!(r.section("equipes").unwrap().text, "report-text-no-teams");
    }

    #[test]
    fn observations_total_the_new_contacts() {
        let r = compose(&osons(), &Keys);
        assert_eq!(r.observations.items.len(), 3);
        assert_eq!(r.observations.new_contacts, 11);
        assert_eq!(r.observations.counted, 2);
        let text = &r.section("observations").unwrap().text;
        assert!(text.contains("report-text-new-contacts(count=11)"));
        assert!(
            !text.contains("Sortir de notre zone"),
            "listed apart: {text}"
        );
    }

    #[test]
    fn evaluation_counts_means_and_topics() {
        let r = compose(&osons(), &Keys);
        let q = &r.evaluation.questions;
        assert_eq!(q[0].answered, 3);
        assert!((q[0].mean.unwrap() - 13.0 / 3.0).abs() < 1e-9);
        assert_eq!(q[0].counts[3], ("4".to_owned(), 2));
        assert_eq!(
            q[1].counts,
            [
                ("Printemps 2019".to_owned(), 2),
                ("Automne 2019".to_owned(), 0),
                ("Jamais".to_owned(), 1)
            ]
        );
        assert_eq!(
            q[2].counts,
            [("Le canevas".to_owned(), 1), ("Les tables".to_owned(), 2)]
        );
        assert!(q[3].favourite_topic && !q[3].next_steps);
        assert!(q[4].next_steps);
        let text = &r.section("evaluation").unwrap().text;
        assert!(
            text.contains("report-text-scale(prompt=Satisfaction générale,mean=4,3,count=3)"),
            "{text}"
        );
        assert!(
            text.contains("report-text-choice(prompt=Quand revenir ?,top=Printemps 2019,count=2)")
        );

        assert_eq!(r.next_steps.topics[0], ("Kit d'accueil".to_owned(), 2));
        assert_eq!(r.next_steps.texts, ["Une présentation interactive"]);
        let text = &r.section("suites").unwrap().text;
        assert!(
            text.starts_with(
                "report-text-topics\n- report-text-topic(topic=Kit d'accueil,count=2)"
            )
        );
        assert!(text.contains("- Une présentation interactive"));
    }

    #[test]
    fn an_event_with_nothing_yet_says_so() {
        let input = ReportInput {
            title: "Vide".to_owned(),
            ..ReportInput::default()
        };
        let r = compose(&input, &Keys);
        assert_eq!(
            r.section("seances").unwrap().text,
            "report-text-no-sessions"
        );
        assert_eq!(
            r.section("presences").unwrap().text,
            "report-text-no-attendance"
        );
        assert_eq!(r.section("equipes").unwrap().text, "report-text-no-teams");
        assert_eq!(
            r.section("observations").unwrap().text,
            "report-text-no-observations"
        );
        assert_eq!(
            r.section("evaluation").unwrap().text,
            "report-text-no-evaluation"
        );
        assert_eq!(
            r.section("suites").unwrap().text,
            "",
            "left for the coordinator"
        );

        // An imported grid: organizations, no people.
        let grid = ReportInput {
            sessions: osons().sessions,
            organizations: osons().organizations,
            ..ReportInput::default()
        };
        let r = compose(&grid, &Keys);
        let text = &r.section("chiffres").unwrap().text;
        assert!(
            text.starts_with(
                "report-text-numbers-organizations(people=0,organizations=5,sectors=3)"
            ),
            "{text}"
        );
    }

    #[test]
    fn favourite_and_next_steps_questions_are_recognized() {
        assert!(is_favourite_topic(
            "Votre sujet chouchou pour la prochaine rencontre"
        ));
        assert!(is_favourite_topic("Quel sujet pour la prochaine fois ?"));
        assert!(is_favourite_topic("Your favourite topic for next time"));
        assert!(!is_favourite_topic("Satisfaction"));
        assert!(is_next_steps("Quelles suites donner ?"));
        assert!(is_next_steps("Prochaines étapes"));
        assert!(!is_next_steps(
            "Votre sujet chouchou pour la prochaine rencontre"
        ));
    }

    #[test]
    fn blocks_read_paragraphs_lists_and_headings() {
        let b = blocks("Un\ndeux\n\n- a\n  suite\n- b\n1. x\n2) y\n\n## Titre\nfin");
        assert_eq!(b.len(), 5, "{b:?}");
        assert_eq!((b[0].kind, b[0].text.as_str()), ("p", "Un deux"));
        assert_eq!(b[1].kind, "ul");
        assert_eq!(b[1].items, ["a suite", "b"]);
        assert_eq!(b[2].kind, "ol");
        assert_eq!(b[2].items, ["x", "y"]);
        assert_eq!((b[3].kind, b[3].text.as_str()), ("h3", "Titre"));
        assert_eq!((b[4].kind, b[4].text.as_str()), ("p", "fin"));
        assert!(blocks("  \n\n").is_empty());
        assert_eq!(blocks("2018 fut une année")[0].kind, "p");
    }

    /// 1,000 participants over 20 sessions: the shape of the output (the
    /// lead benchmarks the time).
    #[test]
    fn a_thousand_participants_and_twenty_sessions() {
        let sectors = crate::charts::SECTOR_CODES;
        let sessions: Vec<SessionInfo> = (0..20)
            .map(|i| SessionInfo {
                date: d(2024, 1, 1) + chrono::Days::new(i * 7),
                date_text: format!("séance {i}"),
                people: 500,
                ..SessionInfo::default()
            })
            .collect();
        let organizations: Vec<OrgPresence> = (0..300)
            .map(|i| OrgPresence {
                id: format!("org-{i}"),
                name: format!("Organisme {i:03}"),
                sector: Some(sectors[i % sectors.len()].to_owned()),
                sector_label: Some(sectors[i % sectors.len()].to_owned()),
                present: (0..20).map(|s| (i + s) % 3 != 0 || i % 7 == 0).collect(),
                first_time: i % 5 == 0,
            })
            .collect();
        let teams: Vec<TeamInfo> = (0..100)
            .map(|t| TeamInfo {
                name: format!("Table {t}"),
                facilitator: Some(format!("Animation {t}")),
                members: (0..10)
                    .map(|m| MemberInfo {
                        name: format!("Personne {}", t * 10 + m),
                        organization: Some(format!("Organisme {:03}", (t * 10 + m) % 300)),
                        sector: Some(sectors[(t + m) % sectors.len()].to_owned()),
                    })
                    .collect(),
                stickies: (0..5).map(|s| format!("Post-it {t}-{s}")).collect(),
            })
            .collect();
        let questions = vec![
            QuestionInfo {
                kind: QuestionKind::Scale,
                prompt: "Satisfaction".to_owned(),
                options: vec![],
                answers: (0..1000).map(|i| ((i % 5) + 1).to_string()).collect(),
            },
            QuestionInfo {
                kind: QuestionKind::Text,
                prompt: "Votre sujet chouchou pour la prochaine rencontre".to_owned(),
                options: vec![],
                answers: (0..1000).map(|i| format!("Sujet {}", i % 40)).collect(),
            },
            QuestionInfo {
                kind: QuestionKind::Text,
                prompt: "Un autre sujet pour la prochaine rencontre ?".to_owned(),
                options: vec![],
                answers: (0..1000).map(|i| format!("Thème libre {i}")).collect(),
            },
        ];
        let input = ReportInput {
            title: "Grand forum".to_owned(),
            sessions,
            organizations,
            people: 1000,
            registered: 1000,
            teams,
            observations: (0..100)
                .map(|i| ObservationInfo {
                    team: Some(format!("Table {i}")),
                    text: format!("Observation {i}"),
                    new_contacts: Some(3),
                })
                .collect(),
            questions,
            responses: 1000,
            ..ReportInput::default()
        };
        let r = compose(&input, &Keys);
        assert_eq!(r.sections.len(), 8);
        assert_eq!(r.grid.rows.len(), 300);
        assert!(r.grid.rows.iter().all(|row| row.marks.len() == 20));
        assert_eq!(r.grid.totals.len(), 20);
        assert_eq!(r.numbers.sectors, 10);
        assert_eq!(r.numbers.first_timers.len(), 60);
        assert_eq!(r.teams.teams.len(), 100);
        assert_eq!(r.teams.stickies, 500);
        assert_eq!(r.observations.new_contacts, 300);
        assert_eq!(r.evaluation.questions[0].answered, 1000);
        assert_eq!(r.next_steps.topics.len(), 1040);
        assert_eq!(r.next_steps.topics[0].1, 25);
    }
}
