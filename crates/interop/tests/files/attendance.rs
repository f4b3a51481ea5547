//! Attendance grids: the real grid of seed 004 and the ways people mangle it.

use std::path::PathBuf;

use maillage_interop::attendance::{AttendanceGrid, AttendanceProblem, read_attendance};
use maillage_interop::grid::{GridError, read_grid, read_grid_bytes};

use crate::{Value, xlsx, ymd};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(name)
}

fn read(name: &str, bytes: &[u8]) -> Result<AttendanceGrid, Vec<AttendanceProblem>> {
    read_attendance(&read_grid_bytes(name, bytes, None).unwrap())
}

fn problems(name: &str, text: &str) -> Vec<AttendanceProblem> {
    read(name, text.as_bytes()).unwrap_err()
}

#[test]
fn the_grid_of_seed_004() {
    let grid = read_grid(&fixture("osons-l-aventure.tsv"), None).unwrap();
    let attendance = read_attendance(&grid).unwrap();
    assert_eq!(
        attendance.sessions,
        vec![ymd(2018, 5, 8), ymd(2018, 11, 27)]
    );
    assert_eq!(attendance.session_columns, vec!["A", "B"]);
    assert_eq!(attendance.name_column, "C");
    assert_eq!(
        attendance.name_header,
        "Nom des organisations qui ont participé à cette action"
    );
    assert_eq!(attendance.rows.len(), 48);
    assert_eq!(attendance.present_counts(), vec![43, 31]);
    let first = &attendance.rows[0];
    assert_eq!((first.row, first.input.as_str()), (2, "Aide-Parents Plus"));
    let carrefour = &attendance.rows[4];
    assert_eq!(carrefour.row, 6);
    assert!(carrefour.input.starts_with("Carrefour Jeunesse-Emploi"));
    assert_eq!(carrefour.present, vec![false, true]);
    let last = attendance.rows.last().unwrap();
    assert_eq!((last.row, last.input.as_str()), (49, "Ville Saguenay"));
    assert_eq!(last.present, vec![true, false]);
}

#[test]
fn one_day_written_two_ways_is_a_duplicate() {
    let found = problems(
        "grille.csv",
        "\u{feff}Organisation,2018-05-08,8 mai 2018\r\nAide-Parents Plus,x,x\r\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].cell().as_deref(), Some("C1"));
    assert_eq!(found[0].header.as_deref(), Some("8 mai 2018"));
    assert_eq!(
        found[0].message,
        "date de séance en double\u{a0}: le 2018-05-08 est déjà la colonne B"
    );
}

#[test]
fn csv_with_name_first_and_several_date_forms() {
    let text = "\u{feff}Organisation;2018-05-08;27 novembre 2018;08/12/2018\r\n\
                Aide-Parents Plus;✓;oui;\r\n\
                \"Centre d'intervention familiale\r\nLe  Transit\"; X ;1;x\r\n\
                ;;;\r\n\
                Patro de Jonquière;Oui;;\r\n\
                CPE La Sagamie;;;\r\n";
    let attendance = read("grille.csv", text.as_bytes()).unwrap();
    assert_eq!(
        attendance.sessions,
        vec![ymd(2018, 5, 8), ymd(2018, 11, 27), ymd(2018, 12, 8)]
    );
    assert_eq!(attendance.name_column, "A");
    assert_eq!(attendance.present_counts(), vec![3, 2, 1]);
    let rows: Vec<(usize, &str, &str)> = attendance
        .rows
        .iter()
        .map(|row| (row.row, row.input.as_str(), row.name_single_line.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (2, "Aide-Parents Plus", "Aide-Parents Plus"),
            (
                3,
                "Centre d'intervention familiale\r\nLe  Transit",
                "Centre d'intervention familiale Le Transit"
            ),
            (5, "Patro de Jonquière", "Patro de Jonquière"),
            (6, "CPE La Sagamie", "CPE La Sagamie"),
        ]
    );
    assert_eq!(attendance.rows[3].present, vec![false, false, false]);
}

#[test]
fn a_name_column_without_header() {
    let attendance = read("g.csv", b",08.05.2018\nAide-Parents Plus,x\nPatro,\n").unwrap();
    assert_eq!(attendance.name_column, "A");
    assert_eq!(attendance.name_header, "");
    assert_eq!(attendance.present_counts(), vec![1]);
}

#[test]
fn xlsx_with_real_date_cells() {
    let bytes = xlsx(&[(
        "Présences",
        vec![
            vec![Value::Blank],
            vec![
                Value::Text("Nom des organisations"),
                Value::Date(ymd(2018, 5, 8)),
                Value::Date(ymd(2018, 11, 27)),
            ],
            vec![
                Value::Text("Aide-Parents Plus"),
                Value::Number(1.0),
                Value::Text("x"),
            ],
            vec![
                Value::Text("Maison des Naissances"),
                Value::Blank,
                Value::Number(1.0),
            ],
        ],
    )]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("presences.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let attendance = read_attendance(&read_grid(&path, None).unwrap()).unwrap();
    assert_eq!(
        attendance.sessions,
        vec![ymd(2018, 5, 8), ymd(2018, 11, 27)]
    );
    assert_eq!(attendance.header_row, 2);
    assert_eq!(attendance.present_counts(), vec![1, 2]);
    assert_eq!(attendance.rows[1].row, 4);
}

#[test]
fn xlsx_with_two_sheets() {
    let bytes = xlsx(&[
        ("Notes", vec![vec![Value::Text("Bilan")]]),
        (
            "Présences",
            vec![
                vec![Value::Text("08.05.2018"), Value::Text("Nom")],
                vec![Value::Text("x"), Value::Text("Triolait")],
            ],
        ),
    ]);
    let error = read_grid_bytes("p.xlsx", &bytes, None).unwrap_err();
    assert!(matches!(error, GridError::SeveralSheets { .. }), "{error}");
    let grid = read_grid_bytes("p.xlsx", &bytes, Some("Présences")).unwrap();
    let attendance = read_attendance(&grid).unwrap();
    assert_eq!(attendance.rows[0].input, "Triolait");
    assert_eq!(attendance.present_counts(), vec![1]);
}

#[test]
fn a_bad_mark_names_its_cell() {
    let mut text = String::from("Nom,08.05.2018,27.11.2018\n");
    for name in ["A", "B", "C", "D", "E"] {
        text.extend([name, ",x,\n"]);
    }
    text.push_str("F,?,x\n");
    let found = problems("osons.csv", &text);
    assert_eq!(found.len(), 1, "{found:?}");
    let problem = &found[0];
    assert_eq!(problem.cell().as_deref(), Some("B7"));
    assert_eq!(problem.row, 7);
    assert_eq!(problem.column.as_deref(), Some("B"));
    assert_eq!(problem.header.as_deref(), Some("08.05.2018"));
    assert_eq!(
        problem.to_string(),
        "osons.csv, cellule B7 (ligne 7, colonne B «\u{a0}08.05.2018\u{a0}»)\u{a0}: marque «\u{a0}?\u{a0}» non reconnue\u{a0}: x, ✓, oui ou 1 pour présent, une cellule vide pour absent"
    );
    assert!(
        problem
            .to_string_en()
            .starts_with("osons.csv, cell B7 (row 7, column B “08.05.2018”): unknown mark “?”"),
        "{}",
        problem.to_string_en()
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = "08.05.2018\t31.11.2018\t\tNom\n\
                x\tx\tx\tA\n\
                non\t\t\tB\n\
                x\t2\t\t\n\
                0\t\t\tD\n";
    let found = problems("g.tsv", text);
    let cells: Vec<(Option<String>, &str)> = found
        .iter()
        .map(|problem| (problem.cell(), problem.message.as_str()))
        .collect();
    assert_eq!(cells.len(), 6, "{cells:#?}");
    assert_eq!(cells[0].0.as_deref(), Some("B1"));
    assert!(
        cells[0].1.contains("date de séance impossible"),
        "{cells:#?}"
    );
    assert!(cells[0].1.contains("31.11.2018"), "{cells:#?}");
    assert_eq!(cells[1].0.as_deref(), Some("C1"));
    assert!(cells[1].1.contains("en-tête vide"), "{cells:#?}");
    assert_eq!(cells[2].0.as_deref(), Some("A3"));
    assert!(cells[2].1.contains("«\u{a0}non\u{a0}»"), "{cells:#?}");
    assert_eq!(cells[3].0.as_deref(), Some("B4"));
    assert!(cells[3].1.contains("«\u{a0}2\u{a0}»"), "{cells:#?}");
    assert_eq!(cells[4].0.as_deref(), Some("D4"));
    assert!(cells[4].1.contains("sans nom"), "{cells:#?}");
    assert_eq!(cells[5].0.as_deref(), Some("A5"));
    assert!(found[1].message_en.contains("empty header"));
}

#[test]
fn header_problems() {
    let found = problems("g.csv", "Nom,08.05.2018,Secteur\nA,x,Santé\n");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].cell().as_deref(), Some("A1"));
    assert_eq!(found[1].cell().as_deref(), Some("C1"));
    assert_eq!(found[1].header.as_deref(), Some("Secteur"));
    assert!(found[1].message.contains("n’est pas une date"), "{found:?}");

    let found = problems("g.csv", "08.05.2018,2018-05-08,Nom\nx,x,A\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].cell().as_deref(), Some("B1"));
    assert!(found[0].message.contains("en double"), "{found:?}");
    assert!(found[0].message.contains("colonne A"), "{found:?}");

    let found = problems("g.csv", "08.05.2018,Nom\n,\n\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("aucune ligne de données"),
        "{found:?}"
    );
    assert_eq!(found[0].row, 2);

    let found = problems("g.csv", "Nom\nA\n");
    assert!(
        found[0].message.contains("aucune colonne de séance"),
        "{found:?}"
    );

    let found = problems("g.csv", "08.05.2018,27.11.2018\nx,x\n");
    assert!(
        found[0].message.contains("aucune colonne de noms"),
        "{found:?}"
    );

    let found = problems("g.csv", "\n\n");
    assert!(found[0].message.contains("fichier vide"), "{found:?}");
}

#[test]
fn unreadable_files_are_grid_errors() {
    let error = read_grid_bytes("g.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None).unwrap_err();
    assert!(
        error.to_string().contains("n’est pas une grille lisible"),
        "{error}"
    );
    let bytes = xlsx(&[("Feuille1", vec![vec![Value::Text("Nom")]])]);
    let error = read_grid_bytes("g.xlsx", &bytes[..bytes.len() / 3], None).unwrap_err();
    assert!(matches!(error, GridError::BadXlsx { .. }), "{error}");
}
