use maillage_interop::grid::{Cell, GridError, read_grid, read_grid_bytes};

use crate::{Value, xlsx, ymd};

fn two_sheets() -> Vec<u8> {
    xlsx(&[
        (
            "Présences",
            vec![
                vec![Value::Date(ymd(2018, 5, 8)), Value::Text("Nom")],
                vec![Value::Number(1.0), Value::Text("Aide-Parents Plus")],
            ],
        ),
        ("Notes", vec![vec![Value::Text("rien")]]),
    ])
}

#[test]
fn xlsx_cells_keep_their_types() {
    let bytes = xlsx(&[(
        "Feuille1",
        vec![
            vec![Value::Blank, Value::Blank, Value::Blank],
            vec![
                Value::Blank,
                Value::Date(ymd(2018, 5, 8)),
                Value::Text("Nom"),
            ],
            vec![Value::Blank, Value::Number(12500.5), Value::Text("")],
            vec![Value::Blank, Value::Blank, Value::Blank],
        ],
    )]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grille.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let grid = read_grid(&path, None).unwrap();
    // The used range starts at B2: rows and columns before it are kept blank
    // so that cell names match what the spreadsheet shows.
    assert_eq!(
        grid.rows,
        vec![
            vec![Cell::Empty, Cell::Empty, Cell::Empty],
            vec![
                Cell::Empty,
                Cell::Date(ymd(2018, 5, 8)),
                Cell::Text("Nom".into())
            ],
            vec![Cell::Empty, Cell::Number(12500.5), Cell::Empty],
        ]
    );
    assert!(grid.file.ends_with("grille.xlsx"));
}

#[test]
fn several_sheets_need_a_choice() {
    let bytes = two_sheets();
    let error = read_grid_bytes("p.xlsx", &bytes, None).unwrap_err();
    match &error {
        GridError::SeveralSheets { sheets, .. } => assert_eq!(sheets, &["Présences", "Notes"]),
        other => panic!("{other}"),
    }
    assert!(error.to_string().contains("--sheet"), "{error}");
    assert!(
        error
            .to_string()
            .contains("«\u{a0}Présences\u{a0}», «\u{a0}Notes\u{a0}»"),
        "{error}"
    );

    let grid = read_grid_bytes("p.xlsx", &bytes, Some("Présences")).unwrap();
    assert_eq!(grid.rows[1][1], Cell::Text("Aide-Parents Plus".into()));
    let grid = read_grid_bytes("p.xlsx", &bytes, Some("notes")).unwrap();
    assert_eq!(grid.rows, vec![vec![Cell::Text("rien".into())]]);

    let error = read_grid_bytes("p.xlsx", &bytes, Some("Bilan")).unwrap_err();
    assert!(matches!(error, GridError::UnknownSheet { .. }), "{error}");
    assert!(error.to_string().contains("«\u{a0}Bilan\u{a0}»"), "{error}");
    assert!(
        error.message_en().contains("“Notes”"),
        "{}",
        error.message_en()
    );
}

#[test]
fn truncated_xlsx_is_a_clear_error() {
    let bytes = two_sheets();
    for cut in [bytes.len() / 2, bytes.len() - 30, 10] {
        let error = read_grid_bytes("p.xlsx", &bytes[..cut], Some("Présences")).unwrap_err();
        assert!(matches!(error, GridError::BadXlsx { .. }), "{error}");
        assert!(error.to_string().contains("tronqué"), "{error}");
    }
}

#[test]
fn a_zip_that_is_not_a_workbook() {
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"hello").unwrap();
        zip.finish().unwrap();
    }
    let error = read_grid_bytes("p.xlsx", &bytes, None).unwrap_err();
    assert!(matches!(error, GridError::BadXlsx { .. }), "{error}");
}
