//! Seed 002's evaluation as demo data: « Place aux familles », the
//! evaluation of Mission Tout-Petits' action plan 2017-2019 (Lépine,
//! Mailloux & Lacharité, 2019), owned by the Bécancour grouping, with its
//! three axes and every constat and recommandation of the seed, word for
//! word (typographic apostrophes; the seed's bold and its bullets kept as
//! lines). Two recommendations are linked to the grouping's demo plan's
//! actions, so that « sans action » shows the others.
//!
//! Loading is idempotent: an evaluation of the grouping with the same
//! title is left as it is.

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::StoreError;
use crate::entity::{action, evaluation};
use crate::repo::evaluations::{
    insert_axis, insert_evaluation, insert_finding, insert_recommendation,
};
use crate::repo::{groupings, plans};
use maillage_domain::evaluations::ValidEvaluation;

pub const GROUPING: &str = "groupement-partenaires-0-5-becancour";
pub const TITLE: &str =
    "Place aux familles : évaluation du plan d’action de Mission Tout-Petits 2017-2019";
pub const AUTHORS: &str = "Lépine, É., Mailloux, D. & Lacharité, C.";
pub const YEAR: i32 = 2019;
pub const CITATION: &str = "Lépine, É., Mailloux, D. & Lacharité, C. (2019). Place aux familles : \
     évaluation du plan d’action de Mission Tout-Petits 2017-2019. Rapport d’évaluation \
     présenté à Avenir d’enfants. Trois-Rivières, QC : CEIDF/UQTR.";

/// A constat: its heading (the seed's « Municipal », « Scolaire ») and text.
type Finding = (Option<&'static str>, &'static str);

/// One axis of the seed: title, constats, recommandations.
pub struct SeedAxis {
    pub title: &'static str,
    pub findings: &'static [Finding],
    pub recommendations: &'static [&'static str],
}

pub const AXES: [SeedAxis; 3] = [
    SeedAxis {
        title: "Approche personnalisée",
        findings: &[
            (
                None,
                "Les principes derrière l’approche personnalisée sont vus comme pertinents par \
                 tous les milieux formés (services de garde éducatifs, CPE, CIUSSS MCQ, \
                 organismes communautaires, milieu scolaire). Ils favorisent l’émergence de \
                 pratiques qui :\n- Reconnaittent et valorisent l’expérience parentale;\n- \
                 Favorisent l’accueil et l’intégration des familles.",
            ),
            (
                None,
                "Des changements de pratique commencent à apparaître dans les milieux, mais des \
                 investissements en temps et en soutien sont nécessaires pour que ces \
                 changements se pérennisent.",
            ),
            (
                None,
                "Le codéveloppement favorise l’intégration de l’approche personnalisée à la \
                 pratique de l’intervenante et le développement d’une cohésion entre les \
                 actions des organismes.",
            ),
            (
                None,
                "Les ateliers de la boîte à outils sont des moments privilégiés entre un parent \
                 et son enfant. Ils aident à reconnaître et valoriser les pratiques parentales.",
            ),
        ],
        recommendations: &[
            "Prioriser les principes plutôt que l’approche;",
            "Pour créer des changements de pratique, il faut poursuivre le soutien à \
             l’implantation de l’approche à long terme (par exemple : codéveloppement).",
        ],
    },
    SeedAxis {
        title: "Faire village autour des familles",
        findings: &[
            (
                None,
                "Un pas vers sa communauté favorise l’intégration des familles dans les \
                 activités et services.",
            ),
            (
                Some("Municipal"),
                "Les organismes communautaires sont des lieux essentiels pour faire entendre la \
                 voix des familles.",
            ),
            (
                Some("Municipal"),
                "Dans le milieu municipal, les espaces, où les familles ont l’opportunité de \
                 participer aux décisions, se font rares.",
            ),
            (
                Some("Municipal"),
                "La sensibilisation des élus en est à ses débuts.",
            ),
            (
                Some("Municipal"),
                "L’accompagnement de projets aide à bâtir une vision globale pour la région, \
                 mais ce genre de travail est semé d’embûches et coûteux en énergie.",
            ),
            (
                Some("Scolaire"),
                "Le projet d’accompagnement scolaire a bien fonctionné. Il était porteur de sens \
                 pour les participantes et leur a permis de :\n- Transformer leur façon de \
                 concevoir la vulnérabilité et l’accueil des familles;\n- Co-construire des \
                 projets visant à soutenir et inclure les familles dans la vie à l’école;\n- \
                 Apprendre à connaître les ressources communautaires où référer des familles \
                 près de leur école.",
            ),
        ],
        recommendations: &[
            "Poursuivre l’ensemble des actions, tout en réfléchissant davantage au lien qui les \
             unit et au contexte social dans lequel elles s’inscrivent.",
            "Les apprentissages ressortis des différents volets de l’action indiquent qu’une \
             sensibilisation réussie demande de :\n- Être sensible aux besoins et aux réalités \
             de toutes les personnes concernées (décideurs municipaux, personnel scolaire, \
             organisations communautaires et familles);\n- Utiliser l’expérience des familles, \
             soit en les faisant directement participer à un projet, soit en partant de leur \
             vécu pour faire réfléchir les partenaires à la réalité des familles en situation \
             de vulnérabilité;\n- Construire une relation positive et durable dans le temps \
             avec les personnes concernées;\n- Penser à long terme, se donner le temps et les \
             moyens pour réfléchir et bâtir des relations avant de s’engager dans des actions.",
        ],
    },
    SeedAxis {
        title: "Piloter le programme",
        findings: &[(
            None,
            "La collaboration entre les partenaires est respectueuse et enracinée, mais la \
             lourdeur des processus d’évaluation et de reddition de comptes a nui à \
             l’efficacité du travail collectif.",
        )],
        recommendations: &[
            "Qu’un regroupement futur porte attention à :\n- L’appropriation de l’espace de \
             collaboration entre les partenaires;\n- L’allègement des processus \
             administratifs;\n- L’utilisation de lignes directrices communes.",
        ],
    },
];

/// (axis, recommendation) → the demo plan's action that answers it.
const LINKS: [(usize, usize, &str); 2] = [
    (
        0,
        1,
        "Codéveloppement des intervenantes sur l'approche personnalisée",
    ),
    (1, 0, "Projet d'accompagnement scolaire"),
];

/// Loads seed 002's evaluation unless the grouping already has it.
pub async fn load(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let Some(g) = groupings::find_by_slug(txn, GROUPING).await? else {
        return Ok(());
    };
    let exists = evaluation::Entity::find()
        .filter(evaluation::Column::GroupingId.eq(g.id))
        .filter(evaluation::Column::Title.eq(TITLE))
        .one(txn)
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    let id = insert_evaluation(
        txn,
        None,
        g.id,
        &ValidEvaluation {
            title: TITLE.to_owned(),
            authors: AUTHORS.to_owned(),
            year: YEAR,
            citation: Some(CITATION.to_owned()),
        },
    )
    .await?;
    let plan_ids: Vec<_> = plans::plans_of(txn, &[g.id])
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    for (i, axis) in AXES.iter().enumerate() {
        let axis_id = insert_axis(txn, id, axis.title).await?;
        for (heading, text) in axis.findings {
            insert_finding(txn, axis_id, *heading, text).await?;
        }
        for (j, text) in axis.recommendations.iter().enumerate() {
            let rec = insert_recommendation(txn, axis_id, g.id, text, None).await?;
            for (_, _, title) in LINKS.iter().filter(|(a, r, _)| *a == i && *r == j) {
                let found = action::Entity::find()
                    .filter(action::Column::PlanId.is_in(plan_ids.clone()))
                    .filter(action::Column::Title.eq(*title))
                    .one(txn)
                    .await?;
                if let Some(a) = found {
                    crate::repo::evaluations::insert_link(txn, rec, a.id).await?;
                }
            }
        }
    }
    Ok(())
}
