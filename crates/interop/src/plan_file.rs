//! Action plans as one spreadsheet row per action: the file coordinators
//! already keep, read by `maillage import plan` and written back by the
//! export, so that an export can be edited in Excel and imported again.
//!
//! Columns are found by their header, whatever the case, accents or order,
//! in French or English. Organization, pathway and status names are kept as
//! text: checking them needs the database, so the caller does it and reports
//! with the row and column letters kept on each [`PlanRow`].

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use maillage_domain::limits::Field;
use maillage_domain::names::normalize;
use maillage_domain::numbers;
/// The error of [`write_plan_xlsx`], so that callers need not name the crate.
pub use rust_xlsxwriter::XlsxError;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

use crate::dates::{iso, parse_date};
use crate::grid::{Cell, CellProblem, Grid, column_letter};

/// One problem of a plan file, with its file, row, column and header.
pub type PlanProblem = CellProblem;

/// A column of a plan file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanField {
    Orientation,
    Year,
    Strategy,
    Action,
    Parent,
    Description,
    Leads,
    Partners,
    Pathways,
    Audience,
    Start,
    End,
    Status,
    Budget,
}

impl PlanField {
    /// Every field, in the order the writer puts the columns.
    pub const ALL: [PlanField; 14] = [
        PlanField::Orientation,
        PlanField::Year,
        PlanField::Strategy,
        PlanField::Action,
        PlanField::Parent,
        PlanField::Description,
        PlanField::Leads,
        PlanField::Partners,
        PlanField::Pathways,
        PlanField::Audience,
        PlanField::Start,
        PlanField::End,
        PlanField::Status,
        PlanField::Budget,
    ];

    /// The header the writer uses (French).
    pub fn header(self) -> &'static str {
        self.names()[0]
    }

    /// The English header, for English messages.
    pub fn header_en(self) -> &'static str {
        match self {
            PlanField::Orientation => "orientation",
            PlanField::Year => "year",
            PlanField::Strategy => "strategy",
            PlanField::Action => "action",
            PlanField::Parent => "parent",
            PlanField::Description => "description",
            PlanField::Leads => "leads",
            PlanField::Partners => "partners",
            PlanField::Pathways => "pathways",
            PlanField::Audience => "audience",
            PlanField::Start => "start",
            PlanField::End => "end",
            PlanField::Status => "status",
            PlanField::Budget => "budget",
        }
    }

    /// Every header that names this field; compared after
    /// [`normalize`], so case, accents and punctuation do not matter.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            PlanField::Orientation => &["orientation", "orientations"],
            PlanField::Year => &["année", "annee", "year", "an"],
            PlanField::Strategy => &["stratégie", "strategie", "stratégies", "strategy"],
            PlanField::Action => &["action", "actions", "projet", "titre"],
            PlanField::Parent => &["sous-action de", "parent", "sous-tâche de", "subtask of"],
            PlanField::Description => &["description"],
            PlanField::Leads => &["porteurs", "porteur", "leads", "lead"],
            PlanField::Partners => &["partenaires", "partenaire", "partners"],
            PlanField::Pathways => &["voies d’action", "voie d’action", "voies", "pathways"],
            PlanField::Audience => &["public cible", "publics cibles", "audience"],
            PlanField::Start => &["début", "debut", "start", "date de début"],
            PlanField::End => &["fin", "end", "date de fin"],
            PlanField::Status => &["statut", "status", "état"],
            PlanField::Budget => &["budget"],
        }
    }

    /// Whether every row needs a value.
    pub fn required(self) -> bool {
        matches!(
            self,
            PlanField::Orientation | PlanField::Strategy | PlanField::Action
        )
    }

    fn from_header(header: &str) -> Option<PlanField> {
        let wanted = normalize(header);
        PlanField::ALL
            .into_iter()
            .find(|field| field.names().iter().any(|name| normalize(name) == wanted))
    }
}

/// The column letter of each field in the file read (`None`: no such column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanColumns {
    pub orientation: Option<String>,
    pub year: Option<String>,
    pub strategy: Option<String>,
    pub action: Option<String>,
    pub parent: Option<String>,
    pub description: Option<String>,
    pub leads: Option<String>,
    pub partners: Option<String>,
    pub pathways: Option<String>,
    pub audience: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub status: Option<String>,
    pub budget: Option<String>,
}

impl PlanColumns {
    /// The letter of a field's column.
    pub fn letter(&self, field: PlanField) -> Option<&str> {
        let slot = match field {
            PlanField::Orientation => &self.orientation,
            PlanField::Year => &self.year,
            PlanField::Strategy => &self.strategy,
            PlanField::Action => &self.action,
            PlanField::Parent => &self.parent,
            PlanField::Description => &self.description,
            PlanField::Leads => &self.leads,
            PlanField::Partners => &self.partners,
            PlanField::Pathways => &self.pathways,
            PlanField::Audience => &self.audience,
            PlanField::Start => &self.start,
            PlanField::End => &self.end,
            PlanField::Status => &self.status,
            PlanField::Budget => &self.budget,
        };
        slot.as_deref()
    }

    fn slot_mut(&mut self, field: PlanField) -> &mut Option<String> {
        match field {
            PlanField::Orientation => &mut self.orientation,
            PlanField::Year => &mut self.year,
            PlanField::Strategy => &mut self.strategy,
            PlanField::Action => &mut self.action,
            PlanField::Parent => &mut self.parent,
            PlanField::Description => &mut self.description,
            PlanField::Leads => &mut self.leads,
            PlanField::Partners => &mut self.partners,
            PlanField::Pathways => &mut self.pathways,
            PlanField::Audience => &mut self.audience,
            PlanField::Start => &mut self.start,
            PlanField::End => &mut self.end,
            PlanField::Status => &mut self.status,
            PlanField::Budget => &mut self.budget,
        }
    }
}

/// One action of a plan. Text is trimmed; an empty optional cell is `None`
/// (or an empty list).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanRow {
    /// 1-based, as a spreadsheet shows it; 0 for a row built in memory.
    pub row: usize,
    /// Where each field was read; all `None` for a row built in memory.
    pub columns: PlanColumns,
    pub orientation: String,
    /// The orientation's year label, such as `2014-2015`.
    pub year: Option<String>,
    pub strategy: String,
    /// The action's title.
    pub action: String,
    /// The title of the action, in the same strategy and above this row,
    /// that this one is a sub-task of.
    pub parent: Option<String>,
    pub description: Option<String>,
    /// Organization names, as written.
    pub leads: Vec<String>,
    pub partners: Vec<String>,
    /// Pathway (voie d'action) names, as written.
    pub pathways: Vec<String>,
    pub audience: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// As written (trimmed): the caller checks it against the statuses.
    pub status: Option<String>,
    pub budget: Option<f64>,
}

impl PlanRow {
    /// The same action, forgetting where it was read from: what an export
    /// followed by an import must give back.
    #[must_use]
    pub fn content(&self) -> PlanRow {
        PlanRow {
            row: 0,
            columns: PlanColumns::default(),
            ..self.clone()
        }
    }
}

/// The rows of a plan file.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFile {
    pub file: String,
    /// The 1-based row of the header.
    pub header_row: usize,
    /// Where each field's column is.
    pub columns: PlanColumns,
    /// The header row as written, one entry per column.
    pub headers: Vec<String>,
    pub rows: Vec<PlanRow>,
    /// Columns that were ignored (not a known header), one per column, at
    /// its header cell.
    pub warnings: Vec<PlanProblem>,
}

impl PlanFile {
    /// A problem about one field of one row, located like the reader's own
    /// problems: for the caller's checks (unknown organization, status).
    pub fn problem(
        &self,
        row: &PlanRow,
        field: PlanField,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> PlanProblem {
        let col = self.column_index(field);
        PlanProblem::at(
            &self.file,
            row.row.saturating_sub(1),
            col,
            col.and_then(|col| self.headers.get(col))
                .map(String::as_str),
            message,
            message_en,
        )
    }

    fn column_index(&self, field: PlanField) -> Option<usize> {
        let letter = self.columns.letter(field)?;
        (0..self.headers.len().max(1)).find(|&col| column_letter(col) == letter)
    }
}

/// Reads a plan; `Err` holds every problem found.
pub fn read_plan(grid: &Grid) -> Result<PlanFile, Vec<PlanProblem>> {
    let Some(header_row) = grid
        .rows
        .iter()
        .position(|row| row.iter().any(|cell| !cell.is_blank()))
    else {
        return Err(vec![PlanProblem::at(
            &grid.file,
            0,
            None,
            None,
            "fichier vide\u{a0}: il faut une ligne d’en-tête (orientation, stratégie, action…) puis une ligne par action".to_owned(),
            "empty file: a header row (orientation, strategy, action…) and one row per action are needed".to_owned(),
        )]);
    };
    let mut problems = Vec::new();
    let header = Header::read(grid, header_row, &mut problems);
    let rows = read_rows(grid, &header, &mut problems);
    if rows.is_empty() {
        problems.push(PlanProblem::at(
            &grid.file,
            header_row + 1,
            None,
            None,
            "aucune ligne de données sous l’en-tête\u{a0}: une ligne par action est attendue"
                .to_owned(),
            "no data rows under the header: one row per action is expected".to_owned(),
        ));
    }
    if !problems.is_empty() {
        problems.sort_by_key(|problem| {
            (
                problem.row,
                problem.column.as_ref().map(|c| (c.len(), c.clone())),
            )
        });
        return Err(problems);
    }
    Ok(PlanFile {
        file: grid.file.clone(),
        header_row: header_row + 1,
        columns: header.columns,
        headers: header.headers,
        rows,
        warnings: header.warnings,
    })
}

/// The header row of a plan: where each field's column is.
struct Header {
    /// 0-based.
    row: usize,
    /// As written, one entry per column.
    headers: Vec<String>,
    columns: PlanColumns,
    field_columns: HashMap<PlanField, usize>,
    /// Columns ignored.
    warnings: Vec<PlanProblem>,
}

impl Header {
    /// Reads the header at `row`; a duplicated column or a required one
    /// missing is a problem, an unknown or unnamed one a warning.
    fn read(grid: &Grid, row: usize, problems: &mut Vec<PlanProblem>) -> Self {
        let at = |col: Option<usize>, header: Option<&str>, fr: String, en: String| {
            PlanProblem::at(&grid.file, row, col, header, fr, en)
        };
        let headers: Vec<String> = (0..grid.width())
            .map(|col| grid.cell(row, col).display().trim().to_owned())
            .collect();
        let mut columns = PlanColumns::default();
        let mut field_columns: HashMap<PlanField, usize> = HashMap::new();
        let mut warnings = Vec::new();
        for (col, header) in headers.iter().enumerate() {
            if header.is_empty() {
                if (row + 1..grid.rows.len()).any(|row| !grid.cell(row, col).is_blank()) {
                    warnings.push(at(
                        Some(col),
                        None,
                        "colonne ignorée\u{a0}: elle n’a pas d’en-tête".to_owned(),
                        "column ignored: it has no header".to_owned(),
                    ));
                }
                continue;
            }
            match PlanField::from_header(header) {
                Some(field) => {
                    if let Some(&first) = field_columns.get(&field) {
                        problems.push(at(
                            Some(col),
                            Some(header),
                            format!(
                                "colonne «\u{a0}{}\u{a0}» en double\u{a0}: c’est déjà la colonne {}",
                                field.header(),
                                column_letter(first)
                            ),
                            format!(
                                "duplicate column “{}”: it is already column {}",
                                field.header_en(),
                                column_letter(first)
                            ),
                        ));
                    } else {
                        field_columns.insert(field, col);
                        *columns.slot_mut(field) = Some(column_letter(col));
                    }
                }
                None => warnings.push(at(
                    Some(col),
                    Some(header),
                    format!(
                        "colonne ignorée\u{a0}: «\u{a0}{header}\u{a0}» n’est pas une colonne connue"
                    ),
                    format!("column ignored: “{header}” is not a known column"),
                )),
            }
        }
        for field in PlanField::ALL {
            if field.required() && !field_columns.contains_key(&field) {
                problems.push(at(
                    None,
                    Some(field.header()),
                    format!(
                        "colonne obligatoire «\u{a0}{}\u{a0}» absente de l’en-tête",
                        field.header()
                    ),
                    format!(
                        "required column “{}” ({}) missing from the header",
                        field.header_en(),
                        field.header()
                    ),
                ));
            }
        }
        Header {
            row,
            headers,
            columns,
            field_columns,
            warnings,
        }
    }
}

/// Titles of the actions read so far, by (orientation, year, strategy),
/// normalized: a parent must be above.
type ActionsAbove = HashMap<(String, String, String), HashSet<String>>;

/// The rows under the header, blank ones skipped.
fn read_rows(grid: &Grid, header: &Header, problems: &mut Vec<PlanProblem>) -> Vec<PlanRow> {
    let mut actions_above = ActionsAbove::new();
    let mut rows = Vec::new();
    for row in header.row + 1..grid.rows.len() {
        if grid.rows[row].iter().all(Cell::is_blank) {
            continue;
        }
        let mut reader = RowReader {
            grid,
            row,
            field_columns: &header.field_columns,
            headers: &header.headers,
            problems: &mut *problems,
        };
        if reader.over_bounds() {
            continue;
        }
        let plan_row = reader.read(&header.columns);
        reader.check_parent(&plan_row, &mut actions_above);
        rows.push(plan_row);
    }
    rows
}

/// Reads the fields of one row, recording its problems.
struct RowReader<'a> {
    grid: &'a Grid,
    row: usize,
    field_columns: &'a HashMap<PlanField, usize>,
    headers: &'a [String],
    problems: &'a mut Vec<PlanProblem>,
}

impl RowReader<'_> {
    /// The action of this row; an end before the start is a problem.
    fn read(&mut self, columns: &PlanColumns) -> PlanRow {
        let orientation = self.required(PlanField::Orientation);
        let year = self.text(PlanField::Year);
        let strategy = self.required(PlanField::Strategy);
        let action = self.required(PlanField::Action);
        let parent = self.text(PlanField::Parent);
        let description = self.text(PlanField::Description);
        let leads = self.list(PlanField::Leads);
        let partners = self.list(PlanField::Partners);
        let pathways = self.list(PlanField::Pathways);
        let audience = self.text(PlanField::Audience);
        let start = self.date(PlanField::Start);
        let end = self.date(PlanField::End);
        let status = self.text(PlanField::Status);
        let budget = self.budget();
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.problem(
                PlanField::End,
                format!("la fin ({}) précède le début ({})", iso(end), iso(start)),
                format!(
                    "the end ({}) comes before the start ({})",
                    iso(end),
                    iso(start)
                ),
            );
        }
        PlanRow {
            row: self.row + 1,
            columns: columns.clone(),
            orientation,
            year,
            strategy,
            action,
            parent,
            description,
            leads,
            partners,
            pathways,
            audience,
            start,
            end,
            status,
            budget,
        }
    }

    /// A parent must be an action of the same strategy above this row;
    /// then this row's action is one above the next rows.
    fn check_parent(&mut self, row: &PlanRow, actions_above: &mut ActionsAbove) {
        let key = (
            normalize(&row.orientation),
            row.year.as_deref().map(normalize).unwrap_or_default(),
            normalize(&row.strategy),
        );
        if let Some(parent) = &row.parent {
            let known = actions_above
                .get(&key)
                .is_some_and(|titles| titles.contains(&normalize(parent)));
            if !known {
                let strategy = &row.strategy;
                self.problem(
                    PlanField::Parent,
                    format!(
                        "«\u{a0}{parent}\u{a0}» n’est pas une action de la stratégie «\u{a0}{strategy}\u{a0}» inscrite plus haut dans le fichier"
                    ),
                    format!(
                        "“{parent}” is not an action of the strategy “{strategy}” listed above in the file"
                    ),
                );
            }
        }
        if !row.action.is_empty() {
            actions_above
                .entry(key)
                .or_default()
                .insert(normalize(&row.action));
        }
    }

    fn cell(&self, field: PlanField) -> Option<&Cell> {
        self.field_columns
            .get(&field)
            .map(|&col| self.grid.cell(self.row, col))
    }

    fn problem(&mut self, field: PlanField, message: String, message_en: String) {
        let col = self.field_columns.get(&field).copied();
        self.problems.push(PlanProblem::at(
            &self.grid.file,
            self.row,
            col,
            col.and_then(|col| self.headers.get(col))
                .map(String::as_str),
            message,
            message_en,
        ));
    }

    fn text(&self, field: PlanField) -> Option<String> {
        let text = match self.cell(field)? {
            Cell::Number(number) => numbers::plain(*number),
            // The `'` our CSV export puts before a would-be formula.
            Cell::Text(text) => crate::csv_out::restore(text).to_owned(),
            cell => cell.display(),
        };
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// An empty required cell is a problem; its column missing is reported
    /// once, with the header.
    fn required(&mut self, field: PlanField) -> String {
        if let Some(text) = self.text(field) {
            return text;
        }
        if self.field_columns.contains_key(&field) {
            self.problem(
                field,
                format!(
                    "valeur obligatoire\u{a0}: la colonne «\u{a0}{}\u{a0}» est vide",
                    field.header()
                ),
                format!(
                    "value required: the “{}” column is empty",
                    field.header_en()
                ),
            );
        }
        String::new()
    }

    /// Records a problem for each cell longer than its kind of field
    /// allows (the names of a list one by one); `true` if there was one.
    fn over_bounds(&mut self) -> bool {
        let mut over = false;
        for field in PlanField::ALL {
            let Some(text) = self.text(field) else {
                continue;
            };
            let (bound, is_list) = match field {
                PlanField::Description => (Field::LongText, false),
                PlanField::Leads | PlanField::Partners | PlanField::Pathways => (Field::Name, true),
                _ => (Field::ShortText, false),
            };
            let refused = if bound.check(&text).is_err() && !is_list {
                Some((bound, "la valeur", "the value"))
            } else if is_list && Field::LongText.check(&text).is_err() {
                Some((Field::LongText, "la valeur", "the value"))
            } else if is_list && split_list(&text).iter().any(|n| bound.check(n).is_err()) {
                Some((bound, "un nom", "a name"))
            } else {
                None
            };
            if let Some((bound, what, what_en)) = refused {
                let max = bound.max_chars();
                self.problem(
                    field,
                    format!("{what} dépasse {max} caractères"),
                    format!("{what_en} is longer than {max} characters"),
                );
                over = true;
            }
        }
        over
    }

    fn list(&self, field: PlanField) -> Vec<String> {
        self.text(field)
            .map(|text| split_list(&text))
            .unwrap_or_default()
    }

    fn date(&mut self, field: PlanField) -> Option<NaiveDate> {
        let cell = self.cell(field)?.clone();
        match cell {
            Cell::Date(date) => Some(date),
            cell if cell.is_blank() => None,
            Cell::Text(text) => match parse_date(&text) {
                Ok(date) => Some(date),
                Err(error) => {
                    self.problem(field, error.to_string(), error.message_en());
                    None
                }
            },
            cell => {
                let text = cell.display();
                self.problem(
                    field,
                    format!("«\u{a0}{text}\u{a0}» n’est pas une date"),
                    format!("“{text}” is not a date"),
                );
                None
            }
        }
    }

    fn budget(&mut self) -> Option<f64> {
        let cell = self.cell(PlanField::Budget)?.clone();
        let parsed = match &cell {
            Cell::Number(number) => Some(*number),
            cell if cell.is_blank() => return None,
            Cell::Text(text) => parse_amount(text),
            Cell::Date(_) | Cell::Empty => None,
        };
        match parsed {
            Some(amount) if amount.is_finite() && amount >= 0.0 => Some(amount),
            _ => {
                let text = cell.display();
                let text = text.trim();
                self.problem(
                    PlanField::Budget,
                    format!(
                        "budget «\u{a0}{text}\u{a0}» illisible\u{a0}: un montant positif est attendu, par exemple 12 500 ou 12 500,50 $"
                    ),
                    format!(
                        "unreadable budget “{text}”: a positive amount is expected, for example 12 500 or 12,500.50"
                    ),
                );
                None
            }
        }
    }
}

/// Names separated by `;` or line breaks, trimmed, empty ones dropped.
fn split_list(text: &str) -> Vec<String> {
    text.split([';', '\n', '\r'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `12 500`, `12 500,50 $`, `12500.5`, `12,500.50`, `$12,500`.
///
/// The last `,` or `.` is a decimal separator when one or two digits follow
/// it (`12,5`, `12 500,50`, `12500.5`) and groups thousands when three do
/// (`12,500`, `1.250.000`): amounts of money never have three decimals, and
/// French and English files write them either way.
pub fn parse_amount(text: &str) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$')
        .collect();
    let compact = compact
        .strip_suffix("CAD")
        .or_else(|| compact.strip_suffix("cad"))
        .unwrap_or(&compact);
    if compact.is_empty()
        || !compact
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
    {
        return None;
    }
    let Some(last) = compact.rfind([',', '.']) else {
        return compact.parse().ok();
    };
    let separator = char::from(compact.as_bytes()[last]);
    let (integer, fraction) = (&compact[..last], &compact[last + 1..]);
    match fraction.len() {
        1 | 2 => {
            let other = if separator == ',' { '.' } else { ',' };
            if integer.contains(separator) || integer.is_empty() {
                return None;
            }
            let digits = if integer.contains(other) {
                grouped(integer, other)?
            } else {
                integer.to_owned()
            };
            format!("{digits}.{fraction}").parse().ok()
        }
        3 => grouped(compact, separator)?.parse().ok(),
        _ => None,
    }
}

/// The digits of `integer` when `separator` splits it into groups of three
/// (the first of one to three digits).
fn grouped(integer: &str, separator: char) -> Option<String> {
    let mut groups = integer.split(separator);
    let first = groups.next()?;
    let valid = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
    valid.then(|| integer.replace(separator, ""))
}

fn join(list: &[String]) -> String {
    list.join("; ")
}

/// The text of each cell of a row, in [`PlanField::ALL`] order.
fn row_texts(row: &PlanRow) -> [String; 14] {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    [
        row.orientation.clone(),
        text(&row.year),
        row.strategy.clone(),
        row.action.clone(),
        text(&row.parent),
        text(&row.description),
        join(&row.leads),
        join(&row.partners),
        join(&row.pathways),
        text(&row.audience),
        row.start.map(iso).unwrap_or_default(),
        row.end.map(iso).unwrap_or_default(),
        text(&row.status),
        row.budget.map(numbers::plain).unwrap_or_default(),
    ]
}

/// The plan as CSV: UTF-8 with a BOM (Excel on Windows then reads the
/// accents; the reader accepts files with or without one), `,` between
/// cells, French headers in [`PlanField::ALL`] order, lists joined by `; `,
/// dates as `YYYY-MM-DD`, statuses as their labels.
pub fn write_plan_csv(rows: &[PlanRow]) -> String {
    crate::csv_out::to_excel_string(|w| {
        w.write_text(PlanField::ALL.map(PlanField::header))?;
        for row in rows {
            w.write(
                PlanField::ALL
                    .iter()
                    .zip(row_texts(row))
                    .map(|(field, text)| (csv_cell(*field), text)),
            )?;
        }
        Ok(())
    })
}

/// The budget is a number (`-1 500` stays negative); every other column is
/// text, which the CSV writer guards against formulas.
fn csv_cell(field: PlanField) -> crate::csv_out::Cell {
    if field == PlanField::Budget {
        crate::csv_out::Cell::Number
    } else {
        crate::csv_out::Cell::Text
    }
}

/// The plan as an XLSX workbook: one sheet, a bold frozen header row, real
/// date cells, budgets as numbers, column widths fitted to the text.
pub fn write_plan_xlsx(rows: &[PlanRow]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Plan d’action")?;
    let bold = Format::new().set_bold();
    let date_format = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Left);
    let money = Format::new().set_num_format("#,##0.00 $");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths: Vec<usize> = PlanField::ALL
        .iter()
        .map(|field| field.header().chars().count())
        .collect();
    for (col, field) in PlanField::ALL.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col), field.header(), &bold)?;
    }
    for (index, row) in rows.iter().enumerate() {
        let r = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        let texts = row_texts(row);
        for (col, field) in PlanField::ALL.iter().enumerate() {
            let c = col_num(col);
            match field {
                PlanField::Start | PlanField::End => {
                    let date = if *field == PlanField::Start {
                        row.start
                    } else {
                        row.end
                    };
                    if let Some(date) = date {
                        sheet.write_datetime_with_format(r, c, excel_date(date)?, &date_format)?;
                        widths[col] = widths[col].max(10);
                    }
                }
                PlanField::Budget => {
                    if let Some(budget) = row.budget {
                        sheet.write_number_with_format(r, c, budget, &money)?;
                        widths[col] = widths[col].max(texts[col].len() + 5);
                    }
                }
                _ => {
                    let text = &texts[col];
                    if !text.is_empty() {
                        sheet.write_string_with_format(r, c, text, &wrap)?;
                        let longest = text.lines().map(|line| line.chars().count()).max();
                        widths[col] = widths[col].max(longest.unwrap_or(0));
                    }
                }
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        // Wide enough for most titles; longer text wraps rather than pushing
        // the other columns off the screen.
        let width = u32::try_from((*width).clamp(8, 60)).unwrap_or(60);
        sheet.set_column_width(col_num(col), f64::from(width) + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).expect("14 columns")
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(iso(date)))?;
    let month = u8::try_from(date.month()).map_err(|_| XlsxError::DateTimeRangeError(iso(date)))?;
    let day = u8::try_from(date.day()).map_err(|_| XlsxError::DateTimeRangeError(iso(date)))?;
    ExcelDateTime::from_ymd(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        for (text, amount) in [
            ("12 500", 12500.0),
            ("12 500,50 $", 12500.5),
            ("12\u{a0}500,50\u{a0}$", 12500.5),
            ("12\u{202f}500", 12500.0),
            ("12500.5", 12500.5),
            ("12,500.50", 12500.5),
            ("$12,500", 12500.0),
            ("12,5", 12.5),
            ("12.500", 12500.0),
            ("1,250,000", 1_250_000.0),
            ("1.250.000", 1_250_000.0),
            ("0", 0.0),
            ("750 CAD", 750.0),
        ] {
            assert_eq!(parse_amount(text), Some(amount), "{text}");
        }
        for text in [
            "",
            "beaucoup",
            "12 500 $ environ",
            "1,2,3",
            "12.5,3",
            "1,2345,000",
            "--",
            "-500",
            "1.2345",
            ",50",
        ] {
            assert_eq!(parse_amount(text), None, "{text}");
        }
    }

    #[test]
    fn headers_match_whatever_the_case_and_accents() {
        for (header, field) in [
            ("Orientation", PlanField::Orientation),
            ("ANNÉE", PlanField::Year),
            ("Annee", PlanField::Year),
            ("Stratégie", PlanField::Strategy),
            ("STRATEGY", PlanField::Strategy),
            ("Sous-action de", PlanField::Parent),
            ("sous action de", PlanField::Parent),
            ("Voies d’action", PlanField::Pathways),
            ("Public cible", PlanField::Audience),
            ("Début", PlanField::Start),
            ("Fin", PlanField::End),
            ("Statut", PlanField::Status),
            (" Budget ", PlanField::Budget),
            ("Porteurs", PlanField::Leads),
            ("Partners", PlanField::Partners),
        ] {
            assert_eq!(PlanField::from_header(header), Some(field), "{header}");
        }
        assert_eq!(PlanField::from_header("Remarques"), None);
    }

    #[test]
    fn lists() {
        assert_eq!(
            split_list("CPE La Sagamie; Patro de Jonquière\nVille Saguenay;;"),
            vec!["CPE La Sagamie", "Patro de Jonquière", "Ville Saguenay"]
        );
    }

    /// CSV injection: a cell that would run as a formula is exported with a
    /// `'` in front, and the import takes exactly that `'` away again.
    #[test]
    fn the_csv_export_neutralizes_formulas_and_reads_back_the_same_rows() {
        let row = PlanRow {
            orientation: "=HYPERLINK(\"http://evil.example\",\"clic\")".to_owned(),
            year: Some("2024-2025".to_owned()),
            strategy: "+Mobiliser".to_owned(),
            action: "@SUM(A1:A9)".to_owned(),
            description: Some("-1+2 : « '=ceci » reste du texte".to_owned()),
            leads: vec!["=Maison des jeunes".to_owned(), "Café".to_owned()],
            audience: Some("'=déjà cité".to_owned()),
            budget: Some(12_500.5),
            ..PlanRow::default()
        };
        let csv = write_plan_csv(std::slice::from_ref(&row));
        let line = csv.lines().nth(1).unwrap();
        for cell in [
            "'=HYPERLINK(",
            "'+Mobiliser",
            "'@SUM(A1:A9)",
            "'-1+2",
            "'=Maison",
            "''=déjà",
        ] {
            assert!(line.contains(cell), "{cell} in {line}");
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes());
        for record in reader.records() {
            for cell in &record.unwrap() {
                assert!(
                    !cell.starts_with(crate::csv_out::FORMULA_TRIGGERS),
                    "{cell:?} would run as a formula"
                );
            }
        }
        let grid = crate::grid::read_grid_bytes("plan.csv", csv.as_bytes(), None).unwrap();
        let back = read_plan(&grid).unwrap();
        assert_eq!(back.rows.len(), 1);
        assert_eq!(back.rows[0].content(), row);
    }
}
