//! Action-plan files: the "Mobiliser" orientation of seed 001 (plan
//! 2008-2012), its round trips through CSV and XLSX, and bad variants.

use maillage_interop::grid::read_grid_bytes;
use maillage_interop::plan_file::{
    PlanField, PlanFile, PlanProblem, PlanRow, read_plan, write_plan_csv, write_plan_xlsx,
};

use crate::{Value, xlsx, ymd};

const MOBILISER: &str = "\u{feff}Orientation;Année;Stratégie;Action;Sous-action de;Description;Porteurs;Partenaires;Voies d'action;Public cible;Début;Fin;Statut;Budget;Remarques\r
Mobiliser;2008-2012;Mobiliser les milieux socio-économiques et les employeurs à leurs rôles dans la réussite et la qualification;Développer une stratégie et des outils de mobilisation et de promotion du Chantier;;Facteurs de persévérance et partenaires engagés;Chantier montérégien de la persévérance scolaire;\"Commission scolaire Marie-Victorin\nCISSS de la Montérégie-Centre\";Mobilisation;Partenaires régionaux;2008-09-01;30.06.2009;Réalisé;12 500,50 $;à revoir\r
Mobiliser;2008-2012;Mobiliser les milieux socio-économiques et les employeurs à leurs rôles dans la réussite et la qualification;Tenir annuellement au minimum une activité de concertation avec les partenaires intersectoriels;;Comité consultatif intersectoriel;Chantier montérégien de la persévérance scolaire;;\"Concertation; Mobilisation\";;1er septembre 2008;;En cours;2500;\r
;;;;;;;;;;;;;;\r
Mobiliser;2008-2012;Promouvoir et valoriser la persévérance scolaire;Développer et assurer la mise à jour sur le site Internet d'une section portant sur le Chantier;;;Chantier montérégien de la persévérance scolaire;;Promotion;Grand public;8 mai 2009;;;;\r
Mobiliser;2008-2012;Promouvoir et valoriser la persévérance scolaire;Assurer une liaison des acteurs régionaux et locaux par l'entremise d'un bulletin électronique;;;;;;;;;;;\r
Mobiliser;2008-2012;Travail rémunéré pendant les études;Développer des fiches;;Fiches d'information;Chantier montérégien de la persévérance scolaire;;;Employeurs;2009-01-15;2010-06-30;En cours;;\r
Mobiliser;2008-2012;Travail rémunéré pendant les études;Les effets du travail rémunéré pendant les études;Développer des fiches;;;;;;;;;;\r
Mobiliser;2008-2012;Travail rémunéré pendant les études;La conciliation études-travail;développer DES fiches;;;;;;;;;;\r
Mobiliser;2008-2012;Travail rémunéré pendant les études;Le travail et le bénévolat : des activités orientantes;Développer des fiches;;;;;;;;;;\r
";

fn read_csv(text: &str) -> Result<PlanFile, Vec<PlanProblem>> {
    read_plan(&read_grid_bytes("plan.csv", text.as_bytes(), None).unwrap())
}

fn problems(text: &str) -> Vec<PlanProblem> {
    read_csv(text).unwrap_err()
}

fn contents(rows: &[PlanRow]) -> Vec<PlanRow> {
    rows.iter().map(PlanRow::content).collect()
}

#[test]
fn the_mobiliser_orientation_of_seed_001() {
    let plan = read_csv(MOBILISER).unwrap();
    assert_eq!(plan.rows.len(), 8);
    let first = &plan.rows[0];
    assert_eq!(first.row, 2);
    assert_eq!(first.orientation, "Mobiliser");
    assert_eq!(first.year.as_deref(), Some("2008-2012"));
    assert_eq!(
        first.partners,
        vec![
            "Commission scolaire Marie-Victorin",
            "CISSS de la Montérégie-Centre"
        ]
    );
    assert_eq!(first.start, Some(ymd(2008, 9, 1)));
    assert_eq!(first.end, Some(ymd(2009, 6, 30)));
    assert_eq!(first.status.as_deref(), Some("Réalisé"));
    assert_eq!(first.budget, Some(12500.5));
    assert_eq!(first.columns.letter(PlanField::Leads), Some("G"));
    assert_eq!(first.columns.partners.as_deref(), Some("H"));
    assert_eq!(first.columns.budget.as_deref(), Some("N"));

    let second = &plan.rows[1];
    assert_eq!(second.pathways, vec!["Concertation", "Mobilisation"]);
    assert_eq!(second.start, Some(ymd(2008, 9, 1)));
    assert_eq!(second.end, None);
    assert_eq!(second.budget, Some(2500.0));
    assert_eq!(second.partners, Vec::<String>::new());

    // The blank row 4 is skipped but still counted.
    assert_eq!(plan.rows[2].row, 5);
    assert_eq!(plan.rows[2].start, Some(ymd(2009, 5, 8)));
    let sub: Vec<(&str, Option<&str>)> = plan.rows[4..]
        .iter()
        .map(|row| (row.action.as_str(), row.parent.as_deref()))
        .collect();
    assert_eq!(
        sub[1..],
        [
            (
                "Les effets du travail rémunéré pendant les études",
                Some("Développer des fiches")
            ),
            (
                "La conciliation études-travail",
                Some("développer DES fiches")
            ),
            (
                "Le travail et le bénévolat : des activités orientantes",
                Some("Développer des fiches")
            ),
        ]
    );

    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    assert_eq!(plan.warnings[0].cell().as_deref(), Some("O1"));
    assert!(plan.warnings[0].message.contains("«\u{a0}Remarques\u{a0}»"));

    // The caller's own checks are located like the reader's.
    let problem = plan.problem(
        &plan.rows[4],
        PlanField::Leads,
        "organisation inconnue «\u{a0}Chantier montérégien de la persévérance scolaire\u{a0}»",
        "unknown organization",
    );
    assert_eq!(
        problem.to_string(),
        "plan.csv, cellule G7 (ligne 7, colonne G «\u{a0}Porteurs\u{a0}»)\u{a0}: organisation inconnue «\u{a0}Chantier montérégien de la persévérance scolaire\u{a0}»"
    );
}

#[test]
fn csv_round_trip() {
    let plan = read_csv(MOBILISER).unwrap();
    let written = write_plan_csv(&plan.rows);
    // A BOM first, so that Excel on Windows reads the accents.
    assert!(written.starts_with(
        "\u{feff}orientation,année,stratégie,action,sous-action de,description,porteurs,partenaires,voies d’action,public cible,début,fin,statut,budget\r\n"
    ));
    assert!(
        written.contains(",2008-09-01,2009-06-30,Réalisé,12500.5\r\n"),
        "{written}"
    );
    assert!(written.contains("Commission scolaire Marie-Victorin; CISSS de la Montérégie-Centre"));
    let again = read_csv(&written).unwrap();
    assert!(again.warnings.is_empty());
    assert_eq!(contents(&again.rows), contents(&plan.rows));
    // And the other way: the export of the import is the same file.
    assert_eq!(write_plan_csv(&again.rows), written);
}

/// The export shows statuses as labels (`Réalisée`), and the import reads
/// labels and codes alike, with or without a BOM.
#[test]
fn statuses_as_labels_or_codes_and_a_bom_read_back() {
    use maillage_domain::plans::ActionStatus;
    let rows: Vec<PlanRow> = ActionStatus::ALL
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            [s.file_label(), s.as_str()].map(|status| PlanRow {
                orientation: "Mobiliser".to_owned(),
                strategy: "Promouvoir".to_owned(),
                action: format!("Action {i} {status}"),
                status: Some(status.to_owned()),
                ..PlanRow::default()
            })
        })
        .collect();
    let written = write_plan_csv(&rows);
    assert!(written.starts_with('\u{feff}'));
    assert!(written.contains(",Réalisée,"), "{written}");
    for text in [written.as_str(), written.trim_start_matches('\u{feff}')] {
        let again = read_csv(text).unwrap();
        assert_eq!(again.rows.len(), rows.len());
        for (row, original) in again.rows.iter().zip(&rows) {
            let status = row.status.as_deref().unwrap();
            let expected = original.status.as_deref().unwrap();
            assert_eq!(status, expected);
            assert_eq!(
                status.parse::<ActionStatus>(),
                expected.parse::<ActionStatus>()
            );
            assert!(status.parse::<ActionStatus>().is_ok(), "{status}");
        }
    }
}

#[test]
fn xlsx_round_trip() {
    let plan = read_csv(MOBILISER).unwrap();
    let bytes = write_plan_xlsx(&plan.rows).unwrap();
    let grid = read_grid_bytes("plan.xlsx", &bytes, None).unwrap();
    // Dates are real date cells, budgets numbers.
    assert_eq!(
        grid.rows[1][10],
        maillage_interop::grid::Cell::Date(ymd(2008, 9, 1))
    );
    assert_eq!(
        grid.rows[1][13],
        maillage_interop::grid::Cell::Number(12500.5)
    );
    let again = read_plan(&grid).unwrap();
    assert_eq!(contents(&again.rows), contents(&plan.rows));
    assert_eq!(again.rows[0].columns, plan.rows[0].columns.clone());
    let csv = write_plan_csv(&again.rows);
    assert_eq!(
        contents(&read_csv(&csv).unwrap().rows),
        contents(&plan.rows)
    );
    // Export → import → export gives the same workbook content.
    let twice = write_plan_xlsx(&again.rows).unwrap();
    let grid_twice = read_grid_bytes("plan.xlsx", &twice, None).unwrap();
    assert_eq!(grid_twice.rows, grid.rows);
}

#[test]
fn english_headers_in_another_order_and_xlsx_dates() {
    let bytes = xlsx(&[(
        "Plan",
        vec![
            vec![
                Value::Text("Action"),
                Value::Text("Strategy"),
                Value::Text("ORIENTATION"),
                Value::Text("Start"),
                Value::Text("End"),
                Value::Text("Budget"),
                Value::Text("Leads"),
            ],
            vec![
                Value::Text("Participer à des activités organisées par des partenaires"),
                Value::Text("Engagement de partenaires"),
                Value::Text("Mobiliser"),
                Value::Date(ymd(2010, 1, 4)),
                Value::Text("May 8, 2011"),
                Value::Number(1500.0),
                Value::Text("Chantier; Ville de Longueuil ;"),
            ],
        ],
    )]);
    let plan = read_plan(&read_grid_bytes("plan.xlsx", &bytes, None).unwrap()).unwrap();
    let row = &plan.rows[0];
    assert_eq!(row.strategy, "Engagement de partenaires");
    assert_eq!(row.start, Some(ymd(2010, 1, 4)));
    assert_eq!(row.end, Some(ymd(2011, 5, 8)));
    assert_eq!(row.budget, Some(1500.0));
    assert_eq!(row.leads, vec!["Chantier", "Ville de Longueuil"]);
    assert_eq!(row.columns.orientation.as_deref(), Some("C"));
    assert_eq!(row.columns.year, None);
}

#[test]
fn missing_required_columns() {
    let found = problems("Orientation;Action;Porteurs\nMobiliser;Fiches;Chantier\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].row, 1);
    assert_eq!(found[0].column, None);
    assert_eq!(found[0].header.as_deref(), Some("stratégie"));
    assert!(
        found[0]
            .message
            .contains("colonne obligatoire «\u{a0}stratégie\u{a0}»"),
        "{found:?}"
    );
    assert!(found[0].message_en.contains("required column “strategy”"));
}

#[test]
fn every_bad_cell_is_reported() {
    let text = "orientation,stratégie,action,sous-action de,début,fin,budget\n\
                Mobiliser,Promouvoir,Bulletin,,31.11.2018,,\n\
                Mobiliser,,Site Internet,,2019-05-01,2019-04-30,beaucoup\n\
                Mobiliser,Promouvoir,Fiche,Développer des fiches,,,-5\n\
                Mobiliser,Autre stratégie,Veille,Bulletin,,,\n\
                Mobiliser,Promouvoir,Avant,Après,,,\n\
                Mobiliser,Promouvoir,Après,,demain,,\n\
                ,Promouvoir,,,,,\n";
    let found = problems(text);
    let cells: Vec<(Option<String>, &str)> = found
        .iter()
        .map(|problem| (problem.cell(), problem.message.as_str()))
        .collect();
    let expected = [
        ("E2", "n’est pas une date possible"),
        ("B3", "valeur obligatoire"),
        ("F3", "la fin (2019-04-30) précède le début (2019-05-01)"),
        ("G3", "budget «\u{a0}beaucoup\u{a0}» illisible"),
        (
            "D4",
            "«\u{a0}Développer des fiches\u{a0}» n’est pas une action de la stratégie «\u{a0}Promouvoir\u{a0}»",
        ),
        ("G4", "budget «\u{a0}-5\u{a0}» illisible"),
        (
            "D5",
            "«\u{a0}Bulletin\u{a0}» n’est pas une action de la stratégie «\u{a0}Autre stratégie\u{a0}»",
        ),
        ("D6", "«\u{a0}Après\u{a0}» n’est pas une action"),
        ("E7", "«\u{a0}demain\u{a0}» n’est pas une date"),
        ("A8", "valeur obligatoire"),
        ("C8", "valeur obligatoire"),
    ];
    assert_eq!(cells.len(), expected.len(), "{cells:#?}");
    for ((cell, message), (want_cell, want)) in cells.iter().zip(expected) {
        assert_eq!(cell.as_deref(), Some(want_cell), "{cells:#?}");
        assert!(message.contains(want), "{want_cell}: {message}");
    }
    assert_eq!(found[2].header.as_deref(), Some("fin"));
}

#[test]
fn empty_and_header_only_files() {
    let found = problems("");
    assert!(found[0].message.contains("fichier vide"), "{found:?}");
    let found = problems("orientation,stratégie,action\n\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("aucune ligne de données"),
        "{found:?}"
    );
    let found = problems("orientation,stratégie,action,Stratégie\nA,B,C,D\n");
    assert_eq!(found[0].cell().as_deref(), Some("D1"));
    assert!(found[0].message.contains("en double"), "{found:?}");
}
