//! The demo's self-assessments: in seed 003's grouping (the meeting on the
//! school–family link, `demo_live`), two schools filled seed 003's tool
//! « Dénouer les enjeux liés à la relation école-famille » in the fall of
//! 2021 and again in the spring of 2022 (so that « ce qui a progressé »
//! has something to show), and a third response is a draft in progress.
//!
//! The seed names no school: the two schools are fictional, and their
//! description says so. Loading twice changes nothing.

use chrono::{NaiveDate, Utc};
use maillage_domain::assessments::templates::DENOUER;
use maillage_domain::assessments::{AnswerInput, ResponseStatus};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use crate::StoreError;
use crate::demo_live::SEED_003_GROUPING;
use crate::entity::{assessment_response, assessment_tool};
use crate::repo::assessments::{self as tools, snapshot};
use crate::repo::assessments_responses::{NewResponse, create_response_in};
use crate::repo::audit::Actor;
use crate::repo::change_log::{self, Op};
use crate::repo::groupings;

/// The two fictional schools of the demo.
const SCHOOLS: [&str; 2] = [
    "École primaire des Berges (fictive)",
    "École primaire du Ruisseau (fictive)",
];

/// The levels of the seven items, by school and date (`P` en place, `A` à
/// améliorer, `D` à développer, `N` non pertinent, `-` left open).
const FALL_2021: [&str; 2] = ["DAADPAD", "ADDAPAN"];
const SPRING_2022: [&str; 2] = ["APAPPPA", "AADPPPN"];
/// The draft: the first school's team of the 2nd cycle, half done.
const DRAFT: &str = "PA-P---";

fn level(code: char) -> Option<&'static str> {
    match code {
        'P' => Some("en_place"),
        'A' => Some("a_ameliorer"),
        'D' => Some("a_developper"),
        'N' => Some("non_pertinent"),
        _ => None,
    }
}

/// Comments a school wrote on some items (by item index).
const COMMENTS: [(usize, &str); 3] = [
    (
        0,
        "Rencontres d’accueil des familles à la rentrée ; à étendre aux familles arrivées en cours d’année.",
    ),
    (
        1,
        "La liste existe, mais personne n’est chargé de la tenir à jour.",
    ),
    (
        4,
        "L’agente de soutien au lien école-famille vient deux jours par semaine.",
    ),
];

/// The school's id, inserted the first time.
async fn school(txn: &DatabaseTransaction, name: &str) -> Result<String, StoreError> {
    if let Some(id) = crate::demo::organization_id_by_name(txn, name).await? {
        return Ok(id);
    }
    let id = Uuid::new_v4().to_string();
    let now = Utc::now();
    txn.execute(
        &Query::insert()
            .into_table(Alias::new("organizations"))
            .columns(
                [
                    "id",
                    "name",
                    "description",
                    "sector",
                    "territory",
                    "created_at",
                    "updated_at",
                    "version",
                ]
                .map(Alias::new),
            )
            .values_panic([
                Expr::val(id.as_str()),
                Expr::val(name),
                Expr::val(
                    "École fictive de la démonstration : elle remplit l’outil d’autoévaluation \
                     sur la relation école-famille.",
                ),
                Expr::val("education"),
                Expr::val("monteregie"),
                Expr::val(now),
                Expr::val(now),
                Expr::val(1),
            ])
            .to_owned(),
    )
    .await?;
    change_log::append(txn, "organizations", &id, Op::Insert, None).await?;
    Ok(id)
}

fn answers(items: &[Uuid], levels: &str, with_comments: bool) -> Vec<AnswerInput> {
    items
        .iter()
        .zip(levels.chars())
        .enumerate()
        .map(|(i, (item, code))| AnswerInput {
            item: *item,
            level: level(code).map(str::to_owned),
            comment: with_comments
                .then(|| COMMENTS.iter().find(|(at, _)| *at == i))
                .flatten()
                .map(|(_, text)| (*text).to_owned()),
        })
        .collect()
}

pub async fn load(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let Some(grouping) = groupings::find_by_slug(txn, SEED_003_GROUPING).await? else {
        return Err(StoreError::Invalid(format!(
            "demo grouping `{SEED_003_GROUPING}` is unknown"
        )));
    };
    tools::ensure_templates(txn).await?;
    let tool = assessment_tool::Entity::find()
        .filter(assessment_tool::Column::TemplateKey.eq(DENOUER.key))
        .one(txn)
        .await?
        .ok_or_else(|| StoreError::Invalid("seed 003's tool is not loaded".to_owned()))?;
    let done = assessment_response::Entity::find()
        .filter(assessment_response::Column::GroupingId.eq(grouping.id))
        .filter(assessment_response::Column::ToolId.eq(tool.id))
        .count(txn)
        .await?
        > 0;
    if done {
        return Ok(());
    }
    let items: Vec<Uuid> = snapshot(txn, tool.id, tool.version)
        .await?
        .items()
        .map(|i| i.id)
        .collect();
    let fall = NaiveDate::from_ymd_opt(2021, 10, 13).unwrap_or_default();
    let spring = NaiveDate::from_ymd_opt(2022, 5, 18).unwrap_or_default();
    let draft_on = NaiveDate::from_ymd_opt(2022, 11, 9).unwrap_or_default();
    let actor = Actor::system();
    for (n, name) in SCHOOLS.iter().enumerate() {
        let id = school(txn, name).await?;
        groupings::add_member(txn, grouping.id, &id).await?;
        for (on_date, levels) in [(fall, FALL_2021[n]), (spring, SPRING_2022[n])] {
            let new = NewResponse {
                tool_id: tool.id,
                grouping_id: grouping.id,
                organization_id: id.clone(),
                team: String::new(),
                on_date,
                status: ResponseStatus::Submitted,
                answers: answers(&items, levels, n == 0 && on_date == spring),
            };
            create_response_in(txn, &actor, &new).await?;
        }
        if n == 0 {
            let new = NewResponse {
                tool_id: tool.id,
                grouping_id: grouping.id,
                organization_id: id.clone(),
                team: "Équipe du 2e cycle".to_owned(),
                on_date: draft_on,
                status: ResponseStatus::Draft,
                answers: answers(&items, DRAFT, false),
            };
            create_response_in(txn, &actor, &new).await?;
        }
    }
    Ok(())
}
