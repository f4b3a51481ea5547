//! Pure rules of events: who may see, enter and manage an event, mixing
//! sectors when splitting participants into teams, the evaluation survey's question kinds and the validation of its
//! answers, the facilitators' counts, and the seed's canvas and survey
//! presets.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use uuid::Uuid;

use crate::access::{Permission, Principal};

// ---------- Québec's calendar ----------

/// The date in Québec (`America/Toronto`, the IANA zone of Québec's
/// eastern time, daylight saving included) at a UTC instant: registration
/// closes at local midnight rather than at 19:00 or 20:00, and a mail sent
/// at 22:00 is dated that evening.
pub fn quebec_date(utc: NaiveDateTime) -> NaiveDate {
    chrono_tz::America::Toronto
        .from_utc_datetime(&utc)
        .date_naive()
}

// ---------- who may do what with an event ----------

/// What the permission rules read of an event: its grouping (none for an
/// event imported alone) and whether it is a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventAccess {
    pub grouping_id: Option<Uuid>,
    pub draft: bool,
}

/// Why a visitor is refused an event: anonymous (sign in), outside the
/// grouping, or a draft they may not see (as if it were not there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
}

/// Whether the account holds `permission` in the event's grouping (an
/// event of no grouping: administrators only).
fn allows(principal: Option<&Principal>, permission: Permission, e: &EventAccess) -> bool {
    principal.is_some_and(|p| match e.grouping_id {
        Some(g) => p.allows(permission, Some(&g.to_string())),
        None => p.is_admin,
    })
}

/// Whether the account coordinates the event: `EditGrouping` in its
/// grouping (an event of no grouping: administrators only).
pub fn may_manage(principal: Option<&Principal>, e: &EventAccess) -> bool {
    allows(principal, Permission::EditGrouping, e)
}

/// Whether the account is inside the event's grouping (any role): they see
/// its registrants, teams, answers and results.
pub fn is_inside(principal: Option<&Principal>, e: &EventAccess) -> bool {
    allows(principal, Permission::ReadGrouping, e)
}

/// A draft is seen only by those who manage it; other events by anyone.
pub fn is_visible(principal: Option<&Principal>, e: &EventAccess) -> bool {
    !e.draft || may_manage(principal, e)
}

/// Anyone may see it, but a draft is [`Denied::NotFound`] to those who do
/// not manage it.
pub fn require_visible(principal: Option<&Principal>, e: &EventAccess) -> Result<(), Denied> {
    if is_visible(principal, e) {
        Ok(())
    } else {
        Err(Denied::NotFound)
    }
}

/// Managers only: anonymous visitors must sign in, others are forbidden.
pub fn require_manage(principal: Option<&Principal>, e: &EventAccess) -> Result<(), Denied> {
    match principal {
        None => Err(Denied::Unauthenticated),
        Some(_) if may_manage(principal, e) => Ok(()),
        Some(_) => Err(Denied::Forbidden),
    }
}

/// Whether the account may create events: it coordinates some grouping
/// (the form then offers only those).
pub fn may_create(principal: Option<&Principal>) -> bool {
    principal.is_some_and(|p| p.allows(Permission::EditGrouping, None))
}

/// Creators only: anonymous visitors must sign in, others are forbidden.
pub fn require_create(principal: Option<&Principal>) -> Result<(), Denied> {
    match principal {
        None => Err(Denied::Unauthenticated),
        Some(_) if may_create(principal) => Ok(()),
        Some(_) => Err(Denied::Forbidden),
    }
}

/// Accounts inside the grouping: anonymous visitors must sign in, accounts
/// outside are forbidden, and a draft is not found to those who do not
/// manage it.
pub fn require_inside(principal: Option<&Principal>, e: &EventAccess) -> Result<(), Denied> {
    match principal {
        None => Err(Denied::Unauthenticated),
        Some(_) if is_inside(principal, e) => require_visible(principal, e),
        Some(_) => Err(Denied::Forbidden),
    }
}

/// Splits `people` (id, sector) into `teams` teams of balanced sizes (they
/// differ by at most one), each holding as many distinct sectors as
/// possible.
///
/// People are grouped by sector, the largest groups first (ties by sector
/// name, people without a sector last), then dealt round-robin. A group is
/// dealt to consecutive teams, so a sector of `k` people reaches
/// `min(k, teams)` teams: the sum of distinct sectors over the teams is the
/// largest any split can reach. Deterministic: the same input gives the
/// same teams.
pub fn assign_teams(people: &[(String, Option<String>)], teams: usize) -> Vec<Vec<String>> {
    if teams == 0 {
        return Vec::new();
    }
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut unsectored: Vec<&str> = Vec::new();
    for (id, sector) in people {
        match sector.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => groups.entry(s).or_default().push(id),
            None => unsectored.push(id),
        }
    }
    let mut ordered: Vec<(&str, Vec<&str>)> = groups.into_iter().collect();
    // Stable sort over the BTreeMap's order: ties stay by sector name.
    ordered.sort_by_key(|g| std::cmp::Reverse(g.1.len()));
    let mut out: Vec<Vec<String>> = vec![Vec::new(); teams];
    let sequence = ordered
        .into_iter()
        .flat_map(|(_, ids)| ids)
        .chain(unsectored);
    for (i, id) in sequence.enumerate() {
        out[i % teams].push(id.to_owned());
    }
    out
}

/// The number of distinct sectors among these sectors (blank ones do not
/// count).
pub fn distinct_sectors<'a>(sectors: impl IntoIterator<Item = Option<&'a str>>) -> usize {
    let mut seen: Vec<&str> = sectors
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

// ---------- the evaluation survey ----------

/// The kinds of survey questions, as `survey_questions.kind` stores them
/// (`single`, `multiple`, `scale`, `text`); free text is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuestionKind {
    Single,
    Multiple,
    Scale,
    #[default]
    Text,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Single,
        QuestionKind::Multiple,
        QuestionKind::Scale,
        QuestionKind::Text,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::Scale => "scale",
            QuestionKind::Text => "text",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text.trim())
    }

    /// Whether the question needs a list of options.
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multiple)
    }

    /// The Fluent key of the kind's label.
    pub fn label_key(self) -> &'static str {
        match self {
            QuestionKind::Single => "evaluation-kind-single",
            QuestionKind::Multiple => "evaluation-kind-multiple",
            QuestionKind::Scale => "evaluation-kind-scale",
            QuestionKind::Text => "evaluation-kind-text",
        }
    }
}

/// The lowest and highest values of a scale question.
pub const SCALE_MIN: u8 = 1;
pub const SCALE_MAX: u8 = 5;

/// Options written one per line: trimmed, blanks and repeats dropped.
pub fn parse_options(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.iter().any(|o| o == line) {
            out.push(line.to_owned());
        }
    }
    out
}

/// Why a question or an answer is refused; each names a Fluent key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyError {
    PromptRequired,
    UnknownKind,
    OptionsRequired,
    NotAnOption,
    OneChoiceOnly,
    ScaleOutOfRange,
    TooLong,
}

impl SurveyError {
    pub fn key(self) -> &'static str {
        match self {
            SurveyError::PromptRequired => "evaluation-error-prompt",
            SurveyError::UnknownKind => "evaluation-error-kind",
            SurveyError::OptionsRequired => "evaluation-error-options",
            SurveyError::NotAnOption => "evaluation-error-not-an-option",
            SurveyError::OneChoiceOnly => "evaluation-error-one-choice",
            SurveyError::ScaleOutOfRange => "evaluation-error-scale",
            SurveyError::TooLong => "evaluation-error-too-long",
        }
    }
}

/// The longest free-text answer kept (characters).
pub const MAX_TEXT: usize = 5000;

/// A question as the builder receives it: kind, prompt and options checked.
pub fn check_question(
    kind: &str,
    prompt: &str,
    options: &str,
) -> Result<(QuestionKind, String, Vec<String>), SurveyError> {
    let kind = QuestionKind::parse(kind).ok_or(SurveyError::UnknownKind)?;
    let prompt = prompt.trim();
    if prompt.is_empty() {
        return Err(SurveyError::PromptRequired);
    }
    let options = if kind.has_options() {
        let list = parse_options(options);
        if list.len() < 2 {
            return Err(SurveyError::OptionsRequired);
        }
        list
    } else {
        Vec::new()
    };
    Ok((kind, prompt.to_owned(), options))
}

/// Checks the values sent for one question (a select or checkboxes may send
/// several); `Ok(None)` when unanswered. The stored value is the option's
/// text (several joined by line breaks), the scale's digit, or the text.
pub fn check_answer(
    kind: QuestionKind,
    options: &[String],
    values: &[String],
) -> Result<Option<String>, SurveyError> {
    let given: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if given.is_empty() {
        return Ok(None);
    }
    match kind {
        QuestionKind::Single => {
            if given.len() > 1 {
                return Err(SurveyError::OneChoiceOnly);
            }
            if !options.iter().any(|o| o == given[0]) {
                return Err(SurveyError::NotAnOption);
            }
            Ok(Some(given[0].to_owned()))
        }
        QuestionKind::Multiple => {
            if given.iter().any(|g| !options.iter().any(|o| o == g)) {
                return Err(SurveyError::NotAnOption);
            }
            // In the order of the options, each once.
            let chosen: Vec<&str> = options
                .iter()
                .map(String::as_str)
                .filter(|o| given.contains(o))
                .collect();
            Ok(Some(chosen.join("\n")))
        }
        QuestionKind::Scale => {
            if given.len() > 1 {
                return Err(SurveyError::OneChoiceOnly);
            }
            match given[0].parse::<u8>() {
                Ok(n) if (SCALE_MIN..=SCALE_MAX).contains(&n) => Ok(Some(n.to_string())),
                _ => Err(SurveyError::ScaleOutOfRange),
            }
        }
        QuestionKind::Text => {
            let text = given.join("\n");
            if text.chars().count() > MAX_TEXT {
                return Err(SurveyError::TooLong);
            }
            Ok(Some(text))
        }
    }
}

/// The choices a stored answer holds (a multiple-choice answer holds
/// several, one per line).
pub fn stored_choices(value: &str) -> Vec<&str> {
    value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The mean of scale values, `None` when there is none.
pub fn mean(values: &[u8]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: u32 = values.iter().map(|v| u32::from(*v)).sum();
    let n = u32::try_from(values.len()).ok()?;
    Some(f64::from(sum) / f64::from(n))
}

// ---------- observations ----------

/// A count that is not a whole number from 0 to [`MAX_COUNT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a whole number from 0 to 10 000")]
pub struct BadCount;

pub const MAX_COUNT: i32 = 10_000;

/// The count "nombre de nouveaux contacts observés": blank is no count; a
/// whole number from 0 to 10 000 otherwise.
pub fn parse_count(text: &str) -> Result<Option<i32>, BadCount> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i32>() {
        Ok(n) if (0..=MAX_COUNT).contains(&n) => Ok(Some(n)),
        _ => Err(BadCount),
    }
}

/// Lines of a textarea, one sticky each: trimmed, blanks dropped.
pub fn sticky_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

// ---------- presets (seed 004, « Osons l'aventure ») ----------

/// The five questions of the canvas « Regard sur les pratiques ».
pub const CANVAS_PRESET: [&str; 5] = [
    "POINTS DE DÉPART — Objectif de cette initiative\u{a0}: se connaître et se reconnaître afin de créer des ponts pour le mieux-être des familles de notre communauté. D’où partez-vous dans votre pratique au sein d’un réseau de soutien\u{202f}?",
    "MOT — Quel mot décrit le mieux votre pratique\u{202f}? (communautaire, intersectorielle, interdisciplinaire, pluridisciplinaire, bien-être, etc.)",
    "L’AUTRE — Que pense-t-on de nos pratiques, des collaborations, d’un ou des partenaires, organisations ou personnes impliquées\u{202f}?",
    "ORGANISATION — Dans quelle situation travaillez-vous\u{202f}? (contexte de la ville, secteur, communauté, municipal, services de garde, écoles, milieu de l’emploi, etc.)",
    "LES BONS COUPS ET LES DÉFIS — Quels sont les bons coups et les défis de nos pratiques, de nos collaborations, d’un ou des partenaires, organisations ou personnes impliquées\u{202f}?",
];

/// One question of the survey preset: kind, prompt, options.
pub struct PresetQuestion {
    pub kind: QuestionKind,
    pub prompt: &'static str,
    pub options: &'static [&'static str],
}

/// The evaluation of a meeting like seed 004's: satisfaction, what was
/// learnt, when to meet again, the favourite topic.
pub const SURVEY_PRESET: [PresetQuestion; 6] = [
    PresetQuestion {
        kind: QuestionKind::Scale,
        prompt: "Dans l’ensemble, êtes-vous satisfait·e de la rencontre\u{202f}? (1 = pas du tout, 5 = tout à fait)",
        options: &[],
    },
    PresetQuestion {
        kind: QuestionKind::Scale,
        prompt: "La rencontre vous a-t-elle permis de mieux connaître les autres organisations et leurs services\u{202f}? (1 à 5)",
        options: &[],
    },
    PresetQuestion {
        kind: QuestionKind::Multiple,
        prompt: "Qu’avez-vous retiré de la rencontre\u{202f}?",
        options: &[
            "De nouveaux contacts",
            "Des références pour les familles",
            "De nouvelles idées pour ma pratique",
            "Des projets communs",
        ],
    },
    PresetQuestion {
        kind: QuestionKind::Single,
        prompt: "Quand souhaitez-vous la prochaine rencontre\u{202f}?",
        options: &["Printemps", "Été", "Automne", "Hiver"],
    },
    PresetQuestion {
        kind: QuestionKind::Text,
        prompt: "Votre sujet chouchou pour la prochaine rencontre",
        options: &[],
    },
    PresetQuestion {
        kind: QuestionKind::Text,
        prompt: "Commentaires et suggestions",
        options: &[],
    },
];

/// Whether an event still counts its places left: not once it is done,
/// nor once its last session is past (`last_session` is `None` for an
/// event without sessions, which has nothing past yet).
pub fn counts_places(done: bool, last_session: Option<NaiveDate>, today: NaiveDate) -> bool {
    !done && last_session.is_none_or(|d| d >= today)
}

/// The events still to come, soonest first: each key with its first
/// session on `today` or later, at most `limit` of them (ties keep the
/// order given).
pub fn upcoming<K: Clone + Eq + std::hash::Hash>(
    sessions: impl IntoIterator<Item = (K, NaiveDate)>,
    today: NaiveDate,
    limit: usize,
) -> Vec<(K, NaiveDate)> {
    let mut first: Vec<(K, NaiveDate)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (key, date) in sessions {
        if date < today {
            continue;
        }
        if let Some(&i) = index.get(&key) {
            let (_, d): &mut (K, NaiveDate) = &mut first[i];
            *d = (*d).min(date);
        } else {
            index.insert(key.clone(), first.len());
            first.push((key, date));
        }
    }
    first.sort_by_key(|(_, d)| *d);
    first.truncate(limit);
    first
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::access::Role;

    fn principal(admin: bool, roles: &[(Uuid, Role)]) -> Principal {
        Principal {
            is_admin: admin,
            grouping_roles: roles.iter().map(|(g, r)| (g.to_string(), *r)).collect(),
        }
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn quebec_dates_follow_daylight_saving() {
        // Winter: UTC−5.
        assert_eq!(quebec_date(at(2018, 1, 10, 4)), day(2018, 1, 9));
        assert_eq!(quebec_date(at(2018, 1, 10, 5)), day(2018, 1, 10));
        // Summer: UTC−4.
        assert_eq!(quebec_date(at(2018, 5, 8, 3)), day(2018, 5, 7));
        assert_eq!(quebec_date(at(2018, 5, 8, 4)), day(2018, 5, 8));
        // 2018 switched on 11 March (2:00 standard time, 7:00 UTC) and on
        // 4 November (2:00 daylight time, 6:00 UTC).
        assert_eq!(quebec_date(at(2018, 3, 11, 4)), day(2018, 3, 10));
        assert_eq!(quebec_date(at(2018, 3, 12, 4)), day(2018, 3, 12));
        assert_eq!(quebec_date(at(2018, 11, 4, 4)), day(2018, 11, 4));
        assert_eq!(quebec_date(at(2018, 11, 5, 4)), day(2018, 11, 4));
        assert_eq!(quebec_date(at(2018, 11, 27, 4)), day(2018, 11, 26));
    }

    #[test]
    fn coordinators_manage_the_events_of_their_grouping_only() {
        let (g, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let published = EventAccess {
            grouping_id: Some(g),
            draft: false,
        };
        let coordinator = principal(false, &[(g, Role::Coordinator)]);
        let member = principal(false, &[(g, Role::Member)]);
        let viewer = principal(false, &[(g, Role::Viewer)]);
        let elsewhere = principal(false, &[(other, Role::Coordinator)]);
        let admin = principal(true, &[]);
        assert!(may_manage(Some(&coordinator), &published));
        assert!(may_manage(Some(&admin), &published));
        assert!(!may_manage(Some(&member), &published));
        assert!(!may_manage(Some(&elsewhere), &published));
        assert!(!may_manage(None, &published));
        assert!(is_inside(Some(&viewer), &published));
        assert!(is_inside(Some(&member), &published));
        assert!(!is_inside(Some(&elsewhere), &published));
        assert!(!is_inside(None, &published));
        // An event of no grouping: administrators only.
        let alone = EventAccess {
            grouping_id: None,
            draft: false,
        };
        assert!(may_manage(Some(&admin), &alone));
        assert!(is_inside(Some(&admin), &alone));
        assert!(!may_manage(Some(&coordinator), &alone));
        assert!(!is_inside(Some(&coordinator), &alone));
    }

    #[test]
    fn refusals_say_sign_in_forbidden_or_not_found() {
        let g = Uuid::from_u128(1);
        let published = EventAccess {
            grouping_id: Some(g),
            draft: false,
        };
        let draft = EventAccess {
            draft: true,
            ..published
        };
        let coordinator = principal(false, &[(g, Role::Coordinator)]);
        let viewer = principal(false, &[(g, Role::Viewer)]);
        let outsider = principal(false, &[]);
        // Drafts are seen by those who manage them only.
        assert_eq!(require_visible(None, &published), Ok(()));
        assert_eq!(require_visible(None, &draft), Err(Denied::NotFound));
        assert_eq!(
            require_visible(Some(&viewer), &draft),
            Err(Denied::NotFound)
        );
        assert_eq!(require_visible(Some(&coordinator), &draft), Ok(()));
        assert!(is_visible(Some(&outsider), &published));
        // Managing.
        assert_eq!(
            require_manage(None, &published),
            Err(Denied::Unauthenticated)
        );
        assert_eq!(
            require_manage(Some(&viewer), &published),
            Err(Denied::Forbidden)
        );
        assert_eq!(require_manage(Some(&coordinator), &draft), Ok(()));
        // Inside: a draft stays hidden from the grouping's viewers.
        assert_eq!(
            require_inside(None, &published),
            Err(Denied::Unauthenticated)
        );
        assert_eq!(
            require_inside(Some(&outsider), &published),
            Err(Denied::Forbidden)
        );
        assert_eq!(require_inside(Some(&viewer), &published), Ok(()));
        assert_eq!(require_inside(Some(&viewer), &draft), Err(Denied::NotFound));
        assert_eq!(require_inside(Some(&coordinator), &draft), Ok(()));
        // Creating: a coordinator of any grouping.
        assert_eq!(require_create(None), Err(Denied::Unauthenticated));
        assert_eq!(require_create(Some(&viewer)), Err(Denied::Forbidden));
        assert_eq!(require_create(Some(&coordinator)), Ok(()));
        assert!(may_create(Some(&principal(true, &[]))));
    }

    fn people(spec: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        spec.iter()
            .map(|(id, s)| ((*id).to_owned(), s.map(str::to_owned)))
            .collect()
    }

    /// Deterministic pseudo-random people: `n` persons over `sectors`
    /// sectors (some without one).
    fn generated(n: usize, sectors: usize, seed: u64) -> Vec<(String, Option<String>)> {
        let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (0..n)
            .map(|i| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let k = usize::try_from(x >> 33).unwrap_or(0) % (sectors + 1);
                let sector = (k < sectors).then(|| format!("s{k}"));
                (format!("p{i}"), sector)
            })
            .collect()
    }

    fn check_properties(input: &[(String, Option<String>)], teams: usize) {
        let out = assign_teams(input, teams);
        assert_eq!(out.len(), teams);
        // Sizes differ by at most one.
        let sizes: Vec<usize> = out.iter().map(Vec::len).collect();
        let (min, max) = (
            sizes.iter().min().copied().unwrap_or(0),
            sizes.iter().max().copied().unwrap_or(0),
        );
        assert!(max - min <= 1, "sizes {sizes:?}");
        // Every person exactly once.
        let all: Vec<&String> = out.iter().flatten().collect();
        assert_eq!(all.len(), input.len());
        let set: HashSet<&String> = all.iter().copied().collect();
        assert_eq!(set.len(), input.len());
        // Sector mix: a team never holds two people of one sector while
        // another sector that some team could give it is missing from it,
        // i.e. every sector reaches min(count, teams) teams, the most any
        // split reaches.
        let sector_of: HashMap<&str, Option<&str>> = input
            .iter()
            .map(|(id, s)| (id.as_str(), s.as_deref()))
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (_, s) in input {
            if let Some(s) = s {
                *counts.entry(s.as_str()).or_default() += 1;
            }
        }
        for (sector, count) in &counts {
            let reached = out
                .iter()
                .filter(|t| t.iter().any(|id| sector_of[id.as_str()] == Some(*sector)))
                .count();
            assert_eq!(reached, (*count).min(teams), "sector {sector}");
        }
        for team in &out {
            let mut here: HashMap<&str, usize> = HashMap::new();
            for id in team {
                if let Some(s) = sector_of[id.as_str()] {
                    *here.entry(s).or_default() += 1;
                }
            }
            if here.values().any(|n| *n > 1) {
                // A doubled sector only when every team has it already.
                for (s, n) in &here {
                    if *n > 1 {
                        assert!(counts[s] > teams, "{s} doubled in {team:?}");
                    }
                }
            }
        }
        // Deterministic.
        assert_eq!(out, assign_teams(input, teams));
    }

    #[test]
    fn teams_are_balanced_and_mixed() {
        let input = people(&[
            ("a1", Some("education")),
            ("a2", Some("education")),
            ("a3", Some("education")),
            ("a4", Some("education")),
            ("b1", Some("sante")),
            ("b2", Some("sante")),
            ("c1", Some("communautaire")),
            ("c2", Some("communautaire")),
            ("d1", Some("municipal")),
            ("e1", None),
        ]);
        let out = assign_teams(&input, 3);
        check_properties(&input, 3);
        // Education (4 people, 3 teams) is in every team.
        for t in &out {
            assert!(t.iter().any(|id| id.starts_with('a')), "{out:?}");
        }
    }

    #[test]
    fn properties_hold_on_many_inputs() {
        for seed in 0..40 {
            for (n, sectors) in [(0, 3), (1, 1), (7, 2), (20, 5), (37, 9), (60, 4)] {
                let input = generated(n, sectors, seed);
                for teams in [1, 2, 3, 5, 7, 12] {
                    check_properties(&input, teams);
                }
            }
        }
    }

    #[test]
    fn more_teams_than_people_leaves_empty_teams() {
        let input = people(&[("a", Some("x")), ("b", Some("y"))]);
        let out = assign_teams(&input, 4);
        assert_eq!(
            out.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![1, 1, 0, 0]
        );
        assert!(assign_teams(&input, 0).is_empty());
    }

    #[test]
    fn distinct_sectors_ignores_blanks() {
        assert_eq!(
            distinct_sectors([Some("a"), Some("b"), Some("a"), None, Some(" ")]),
            2
        );
    }

    #[test]
    fn questions_are_checked() {
        assert_eq!(
            check_question("single", "Q", "a\n\nb\na").unwrap().2,
            vec!["a".to_owned(), "b".to_owned()]
        );
        assert_eq!(
            check_question("single", "Q", "a"),
            Err(SurveyError::OptionsRequired)
        );
        assert_eq!(
            check_question("multiple", "  ", "a\nb"),
            Err(SurveyError::PromptRequired)
        );
        assert_eq!(
            check_question("nope", "Q", ""),
            Err(SurveyError::UnknownKind)
        );
        assert!(
            check_question("scale", "Q", "ignored")
                .unwrap()
                .2
                .is_empty()
        );
    }

    #[test]
    fn answers_are_checked() {
        let opts = vec!["Oui".to_owned(), "Non".to_owned(), "Peut-être".to_owned()];
        let v = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            check_answer(QuestionKind::Single, &opts, &v(&["Oui"])),
            Ok(Some("Oui".into()))
        );
        assert_eq!(
            check_answer(QuestionKind::Single, &opts, &v(&["Autre"])),
            Err(SurveyError::NotAnOption)
        );
        assert_eq!(
            check_answer(QuestionKind::Single, &opts, &v(&["Oui", "Non"])),
            Err(SurveyError::OneChoiceOnly)
        );
        assert_eq!(
            check_answer(QuestionKind::Single, &opts, &v(&[""])),
            Ok(None)
        );
        assert_eq!(
            check_answer(
                QuestionKind::Multiple,
                &opts,
                &v(&["Peut-être", "Oui", "Oui"])
            ),
            Ok(Some("Oui\nPeut-être".into()))
        );
        assert_eq!(
            check_answer(QuestionKind::Multiple, &opts, &v(&["x"])),
            Err(SurveyError::NotAnOption)
        );
        assert_eq!(
            check_answer(QuestionKind::Scale, &[], &v(&["5"])),
            Ok(Some("5".into()))
        );
        for bad in ["0", "6", "-1", "3.5", "trois"] {
            assert_eq!(
                check_answer(QuestionKind::Scale, &[], &v(&[bad])),
                Err(SurveyError::ScaleOutOfRange)
            );
        }
        assert_eq!(
            check_answer(QuestionKind::Text, &[], &v(&["  Le jeu  "])),
            Ok(Some("Le jeu".into()))
        );
        let long = "é".repeat(MAX_TEXT + 1);
        assert_eq!(
            check_answer(QuestionKind::Text, &[], &[long]),
            Err(SurveyError::TooLong)
        );
        assert_eq!(stored_choices("Oui\nPeut-être"), vec!["Oui", "Peut-être"]);
    }

    #[test]
    fn means_and_counts() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[4, 5]), Some(4.5));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count(" 12 "), Ok(Some(12)));
        assert_eq!(parse_count("0"), Ok(Some(0)));
        for bad in ["-1", "2,5", "beaucoup", "99999999999"] {
            assert_eq!(parse_count(bad), Err(BadCount), "{bad}");
        }
        assert_eq!(
            sticky_lines("a\n\n  b \r\n"),
            vec!["a".to_owned(), "b".to_owned()]
        );
    }

    #[test]
    fn presets_follow_the_seed() {
        assert_eq!(CANVAS_PRESET.len(), 5);
        assert!(CANVAS_PRESET[4].starts_with("LES BONS COUPS ET LES DÉFIS"));
        assert!(
            SURVEY_PRESET
                .iter()
                .any(|q| q.prompt.contains("sujet chouchou"))
        );
        for q in &SURVEY_PRESET {
            assert_eq!(q.kind.has_options(), q.options.len() >= 2, "{}", q.prompt);
        }
    }

    #[test]
    fn a_finished_event_counts_no_places() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert!(counts_places(false, Some(d(7)), d(7)));
        assert!(counts_places(false, Some(d(9)), d(7)));
        assert!(counts_places(false, None, d(7)));
        assert!(!counts_places(false, Some(d(6)), d(7)));
        assert!(!counts_places(true, Some(d(9)), d(7)));
    }

    #[test]
    fn upcoming_events_are_the_soonest_first_sessions_still_to_come() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        let sessions = [
            ("past", d(1)),
            ("b", d(20)),
            ("a", d(10)),
            ("b", d(8)),
            ("c", d(7)),
            ("d", d(30)),
        ];
        assert_eq!(
            upcoming(sessions, d(7), 3),
            vec![("c", d(7)), ("b", d(8)), ("a", d(10))]
        );
        assert!(upcoming(sessions, d(31), 5).is_empty());
    }
}
