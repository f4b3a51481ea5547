//! Attendance grids for `maillage import attendance` (`docs/architecture.md`):
//! one column of organization names, anywhere, and one column per session
//! headed by its date, as in the grid of seed 004.
//!
//! Reading never stops at the first problem: a coordinator fixes a file once,
//! so every bad mark, header and name is reported together. Matching the
//! names to organizations is not done here (that needs the directory).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::dates::{DateError, iso, parse_date};
use crate::grid::{Cell, CellProblem, Grid, column_letter, one_line};

/// The attendance of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceGrid {
    pub file: String,
    /// The session dates, in column order.
    pub sessions: Vec<NaiveDate>,
    /// The column letter of each session, beside `sessions`.
    pub session_columns: Vec<String>,
    /// The letter of the column of names.
    pub name_column: String,
    /// The header of the column of names, as written (empty when it has none).
    pub name_header: String,
    /// The 1-based row of the header.
    pub header_row: usize,
    /// One per row that names an organization, in file order.
    pub rows: Vec<AttendanceRow>,
}

/// One organization's line of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    /// 1-based, as a spreadsheet shows it.
    pub row: usize,
    /// The name cell exactly as written, line breaks included (the report
    /// shows it back to the coordinator as written).
    pub input: String,
    /// The name with every run of white space, line breaks included, made
    /// one space, and trimmed: what to match on.
    pub name_single_line: String,
    /// Whether the organization was present, beside `sessions`.
    pub present: Vec<bool>,
}

impl AttendanceGrid {
    /// How many rows are marked present at each session.
    pub fn present_counts(&self) -> Vec<usize> {
        (0..self.sessions.len())
            .map(|session| self.rows.iter().filter(|row| row.present[session]).count())
            .collect()
    }
}

/// One problem of an attendance file, with its file, row, column and header.
pub type AttendanceProblem = CellProblem;

/// What a column of the header row is.
#[derive(Debug)]
enum Column {
    Session(NaiveDate),
    BadDate(DateError),
    Name,
    Blank,
}

/// Whether a cell marks presence: `Some(true)` present, `Some(false)` absent,
/// `None` an unknown mark.
fn mark(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Empty => Some(false),
        // Exactly 1: a number cell holding the mark is typed, never computed.
        #[expect(clippy::float_cmp, reason = "an exact typed value, not a computed one")]
        Cell::Number(number) => (*number == 1.0).then_some(true),
        Cell::Date(_) => None,
        Cell::Text(text) => {
            let text = text.trim();
            if text.is_empty() {
                return Some(false);
            }
            let lower = text.to_lowercase();
            matches!(lower.as_str(), "x" | "✓" | "✔" | "oui" | "1").then_some(true)
        }
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(number) => maillage_domain::numbers::plain(*number),
        other => other.display(),
    }
}

/// Reads the attendance of a grid; `Err` holds every problem found.
pub fn read_attendance(grid: &Grid) -> Result<AttendanceGrid, Vec<AttendanceProblem>> {
    let Some(header_row) = grid
        .rows
        .iter()
        .position(|row| row.iter().any(|cell| !cell.is_blank()))
    else {
        return Err(vec![CellProblem::at(
            &grid.file,
            0,
            None,
            None,
            "fichier vide\u{a0}: il faut une ligne d’en-tête (les dates des séances et la colonne des noms) puis une ligne par organisation".to_owned(),
            "empty file: a header row (the session dates and the name column) and one row per organization are needed".to_owned(),
        )]);
    };
    let sheet = Sheet { grid, header_row };
    let mut problems = Vec::new();
    let columns = sheet.columns();
    let name_column = sheet.name_column(&columns, &mut problems);
    let sessions = sheet.sessions(&columns, name_column, &mut problems);
    let rows = sheet.rows(&sessions.mark_columns, name_column, &mut problems);

    if !problems.is_empty() {
        problems.sort_by_key(|problem| {
            (
                problem.row,
                problem.column.as_ref().map(|c| (c.len(), c.clone())),
            )
        });
        return Err(problems);
    }
    let name_col = name_column.expect("no problem means a name column");
    Ok(AttendanceGrid {
        file: grid.file.clone(),
        sessions: sessions.dates,
        session_columns: sessions.columns,
        name_column: column_letter(name_col),
        name_header: sheet.header_text(name_col).unwrap_or_default(),
        header_row: header_row + 1,
        rows,
    })
}

/// A grid and the row of its header.
struct Sheet<'a> {
    grid: &'a Grid,
    /// 0-based.
    header_row: usize,
}

/// The session columns of a grid.
struct Sessions {
    /// Every column that is or should be a session, with whether it is a
    /// session of the grid (not a duplicate, nor a bad header): its marks
    /// are checked even when its header is wrong, so that one pass reports
    /// everything.
    mark_columns: Vec<(usize, bool)>,
    /// The session dates, in column order.
    dates: Vec<NaiveDate>,
    /// The letter of each session's column, beside `dates`.
    columns: Vec<String>,
}

impl Sheet<'_> {
    fn problem(
        &self,
        row: usize,
        col: Option<usize>,
        header: Option<&str>,
        message: String,
        message_en: String,
    ) -> AttendanceProblem {
        CellProblem::at(&self.grid.file, row, col, header, message, message_en)
    }

    /// A problem about the header cell of `col`.
    fn header_problem(&self, col: usize, message: String, message_en: String) -> AttendanceProblem {
        self.problem(
            self.header_row,
            Some(col),
            self.header_text(col).as_deref(),
            message,
            message_en,
        )
    }

    fn data_rows(&self) -> std::ops::Range<usize> {
        self.header_row + 1..self.grid.rows.len()
    }

    fn has_data(&self, col: usize) -> bool {
        self.data_rows()
            .any(|row| !self.grid.cell(row, col).is_blank())
    }

    fn header_text(&self, col: usize) -> Option<String> {
        let cell = self.grid.cell(self.header_row, col);
        (!cell.is_blank()).then(|| cell_text(cell))
    }

    /// What each column of the header is.
    fn columns(&self) -> Vec<Column> {
        (0..self.grid.width())
            .map(|col| match self.grid.cell(self.header_row, col) {
                Cell::Date(date) => Column::Session(*date),
                cell if cell.is_blank() => Column::Blank,
                Cell::Text(text) => match parse_date(text) {
                    Ok(date) => Column::Session(date),
                    Err(error @ DateError::Impossible { .. }) => Column::BadDate(error),
                    Err(DateError::NotADate { .. }) => Column::Name,
                },
                // A bare number in a header is not read as an Excel serial: the
                // person would see a number, not a date, in the spreadsheet.
                _ => Column::Name,
            })
            .collect()
    }

    /// The column of names: the only one whose header is not a date (or,
    /// when none is, the only blank-headed one that is not all marks).
    fn name_column(
        &self,
        columns: &[Column],
        problems: &mut Vec<AttendanceProblem>,
    ) -> Option<usize> {
        let width = columns.len();
        let named: Vec<usize> = (0..width)
            .filter(|&col| matches!(columns[col], Column::Name))
            .collect();
        match named.as_slice() {
            [only] => Some(*only),
            [] => {
                // A column of names left without a header: the only blank-headed
                // column whose cells are not all marks.
                let unlabeled: Vec<usize> = (0..width)
                    .filter(|&col| {
                        matches!(columns[col], Column::Blank)
                            && self.has_data(col)
                            && self
                                .data_rows()
                                .any(|row| mark(self.grid.cell(row, col)).is_none())
                    })
                    .collect();
                if let [only] = unlabeled.as_slice() {
                    Some(*only)
                } else {
                    problems.push(self.problem(
                        self.header_row,
                        None,
                        None,
                        "aucune colonne de noms d’organisations\u{a0}: une seule colonne de l’en-tête doit porter autre chose qu’une date".to_owned(),
                        "no column of organization names: exactly one header cell must hold something other than a date".to_owned(),
                    ));
                    None
                }
            }
            several => {
                let letters = several
                    .iter()
                    .map(|&col| column_letter(col))
                    .collect::<Vec<_>>()
                    .join(", ");
                for &col in several {
                    problems.push(self.header_problem(
                        col,
                        format!(
                            "en-tête qui n’est pas une date\u{202f}; les colonnes {letters} ne sont pas des dates, alors qu’une seule doit porter les noms des organisations (les autres, une date de séance chacune)"
                        ),
                        format!(
                            "a header that is not a date; columns {letters} are not dates, while only one may hold the organization names (each other one, a session date)"
                        ),
                    ));
                }
                None
            }
        }
    }

    /// The sessions of the header; a duplicated or impossible date, or
    /// marks under an empty header, is a problem.
    fn sessions(
        &self,
        columns: &[Column],
        name_column: Option<usize>,
        problems: &mut Vec<AttendanceProblem>,
    ) -> Sessions {
        let mut mark_columns = Vec::new();
        let mut dates = Vec::new();
        let mut session_columns = Vec::new();
        let mut seen: HashMap<NaiveDate, usize> = HashMap::new();
        for (col, column) in columns.iter().enumerate() {
            if Some(col) == name_column {
                continue;
            }
            match column {
                Column::Session(date) => {
                    let first = seen.get(date).copied();
                    mark_columns.push((col, first.is_none()));
                    if let Some(first) = first {
                        problems.push(self.header_problem(
                            col,
                            format!(
                                "date de séance en double\u{a0}: le {} est déjà la colonne {}",
                                iso(*date),
                                column_letter(first)
                            ),
                            format!(
                                "duplicate session date: {} is already column {}",
                                iso(*date),
                                column_letter(first)
                            ),
                        ));
                    } else {
                        seen.insert(*date, col);
                        dates.push(*date);
                        session_columns.push(column_letter(col));
                    }
                }
                Column::BadDate(error) => {
                    mark_columns.push((col, false));
                    problems.push(self.header_problem(
                        col,
                        format!("date de séance impossible\u{a0}: {error}"),
                        format!("impossible session date: {}", error.message_en()),
                    ));
                }
                Column::Blank if self.has_data(col) => {
                    mark_columns.push((col, false));
                    problems.push(self.problem(
                        self.header_row,
                        Some(col),
                        None,
                        "en-tête vide au-dessus d’une colonne de marques\u{a0}: inscrivez la date de la séance (par exemple 08.05.2018)".to_owned(),
                        "empty header above a column of marks: write the session date (for example 08.05.2018)".to_owned(),
                    ));
                }
                Column::Blank | Column::Name => {}
            }
        }
        if mark_columns.is_empty() && name_column.is_some() {
            problems.push(
                self.problem(
                    self.header_row,
                    None,
                    None,
                    "aucune colonne de séance\u{a0}: l’en-tête doit porter la date de chaque séance"
                        .to_owned(),
                    "no session column: the header must hold the date of each session".to_owned(),
                ),
            );
        }
        Sessions {
            mark_columns,
            dates,
            columns: session_columns,
        }
    }

    /// The rows that name an organization, in file order; every other
    /// non-blank row is checked all the same.
    fn rows(
        &self,
        mark_columns: &[(usize, bool)],
        name_column: Option<usize>,
        problems: &mut Vec<AttendanceProblem>,
    ) -> Vec<AttendanceRow> {
        let mut rows = Vec::new();
        for row in self.data_rows() {
            if self.grid.rows[row].iter().all(Cell::is_blank) {
                continue;
            }
            let (present, marked) = self.marks(row, mark_columns, problems);
            let Some(name_col) = name_column else {
                continue;
            };
            if let Some(input) = self.name(row, name_col, marked, problems) {
                rows.push(AttendanceRow {
                    row: row + 1,
                    name_single_line: one_line(&input),
                    input,
                    present,
                });
            }
        }
        if self
            .data_rows()
            .all(|row| self.grid.rows[row].iter().all(Cell::is_blank))
        {
            problems.push(self.problem(
                self.header_row + 1,
                None,
                None,
                "aucune ligne de données sous l’en-tête\u{a0}: une ligne par organisation est attendue"
                    .to_owned(),
                "no data rows under the header: one row per organization is expected".to_owned(),
            ));
        }
        rows
    }

    /// The presence of `row` at each session, and whether it has any mark
    /// at all; an unknown mark is a problem.
    fn marks(
        &self,
        row: usize,
        mark_columns: &[(usize, bool)],
        problems: &mut Vec<AttendanceProblem>,
    ) -> (Vec<bool>, bool) {
        let mut present = Vec::new();
        let mut marked = false;
        for &(col, session) in mark_columns {
            let cell = self.grid.cell(row, col);
            marked |= !cell.is_blank();
            let value = mark(cell);
            if session {
                present.push(value.unwrap_or(false));
            }
            if value.is_none() {
                let text = one_line(&cell_text(cell));
                problems.push(self.problem(
                    row,
                    Some(col),
                    self.header_text(col).as_deref(),
                    format!(
                        "marque «\u{a0}{text}\u{a0}» non reconnue\u{a0}: x, ✓, oui ou 1 pour présent, une cellule vide pour absent"
                    ),
                    format!(
                        "unknown mark “{text}”: x, ✓, oui or 1 for present, an empty cell for absent"
                    ),
                ));
            }
        }
        (present, marked)
    }

    /// The organization name of `row`, as written; a missing name on a
    /// `marked` row, or one too long, is a problem.
    fn name(
        &self,
        row: usize,
        name_col: usize,
        marked: bool,
        problems: &mut Vec<AttendanceProblem>,
    ) -> Option<String> {
        let name_cell = self.grid.cell(row, name_col);
        if name_cell.is_blank() {
            if marked {
                problems.push(self.problem(
                    row,
                    Some(name_col),
                    self.header_text(name_col).as_deref(),
                    "ligne avec des marques de présence mais sans nom d’organisation".to_owned(),
                    "a row with attendance marks but no organization name".to_owned(),
                ));
            }
            return None;
        }
        let input = cell_text(name_cell);
        if maillage_domain::limits::Field::Name.check(&input).is_err() {
            problems.push(self.problem(
                row,
                Some(name_col),
                self.header_text(name_col).as_deref(),
                format!(
                    "nom d’organisation de plus de {} caractères",
                    maillage_domain::limits::NAME
                ),
                format!(
                    "an organization name longer than {} characters",
                    maillage_domain::limits::NAME
                ),
            ));
            return None;
        }
        Some(input)
    }
}
