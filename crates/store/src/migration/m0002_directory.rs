//! The directory: every Open Referral HSDS 3.0 table, plus maillage's own
//! aliases, sectors, territories and edit proposals.
//!
//! HSDS columns are stored as text, exactly as imported: the export must give
//! back ids, numbers and dates unchanged, and the import has already checked
//! every type and format against the descriptor. Tables are created from
//! `maillage_domain::hsds::TABLES` so that storage and validation cannot
//! drift apart.

use maillage_domain::hsds::{self, Table as HsdsTable};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_pk_auto, integer, string, string_null, text_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Columns of `organizations` that are not HSDS fields.
#[derive(DeriveIden)]
enum Organizations {
    Table,
    Sector,
    Territory,
    VerifiedAt,
    VerifiedBy,
    Version,
}

/// An account's own organization (members propose edits to it).
#[derive(DeriveIden)]
enum Users {
    Table,
    OrganizationId,
}

#[derive(DeriveIden)]
enum OrganizationAliases {
    Table,
    Id,
    OrganizationId,
    Alias,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sectors {
    Table,
    Code,
    NameFr,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
enum Territories {
    Table,
    Slug,
    Name,
    Kind,
    ParentSlug,
}

#[derive(DeriveIden)]
enum EditProposals {
    Table,
    Id,
    OrganizationId,
    ProposedBy,
    Payload,
    Status,
    CreatedAt,
    DecidedBy,
    DecidedAt,
}

/// The SQL table of an HSDS table: its file name without `.csv`.
pub fn sql_table(table: &HsdsTable) -> &'static str {
    table.path.trim_end_matches(".csv")
}

/// HSDS fields that `organizations` does not store as a column: the
/// alternate name is the first alias.
pub const ORGANIZATION_VIRTUAL_FIELDS: &[&str] = &["alternate_name"];

/// The sectors seeded by the migration (code, French, English).
pub const SECTORS: &[(&str, &str, &str)] = &[
    ("education", "Éducation", "Education"),
    (
        "sante-services-sociaux",
        "Santé et services sociaux",
        "Health and social services",
    ),
    ("communautaire", "Communautaire", "Community"),
    (
        "services-garde",
        "Services de garde éducatifs",
        "Educational childcare",
    ),
    ("municipal", "Municipal", "Municipal"),
    ("emploi", "Emploi", "Employment"),
    ("affaires", "Affaires", "Business"),
    ("philanthropie", "Philanthropie", "Philanthropy"),
    ("recherche", "Recherche", "Research"),
    ("gouvernement", "Gouvernement", "Government"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in hsds::TABLES {
            if table.name == "organization" {
                extend_organizations(m, table).await?;
            } else {
                create_hsds_table(m, table).await?;
            }
        }

        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(string_null(Users::OrganizationId))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OrganizationAliases::Table)
                .col(big_pk_auto(OrganizationAliases::Id))
                .col(string(OrganizationAliases::OrganizationId))
                .col(string(OrganizationAliases::Alias))
                .col(integer(OrganizationAliases::Position))
                .col(timestamp_with_time_zone(OrganizationAliases::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_organization_aliases")
                .table(OrganizationAliases::Table)
                .col(OrganizationAliases::OrganizationId)
                .col(OrganizationAliases::Alias)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sectors::Table)
                .col(string(Sectors::Code).primary_key())
                .col(string(Sectors::NameFr))
                .col(string(Sectors::NameEn))
                .col(integer(Sectors::Position))
                .to_owned(),
        )
        .await?;
        let mut seed = Query::insert()
            .into_table(Sectors::Table)
            .columns([
                Sectors::Code,
                Sectors::NameFr,
                Sectors::NameEn,
                Sectors::Position,
            ])
            .to_owned();
        for (i, (code, fr, en)) in SECTORS.iter().enumerate() {
            seed.values_panic([
                (*code).into(),
                (*fr).into(),
                (*en).into(),
                <i32 as TryFrom<usize>>::try_from(i)
                    .unwrap_or(i32::MAX)
                    .into(),
            ]);
        }
        m.exec_stmt(seed).await?;

        m.create_table(
            Table::create()
                .table(Territories::Table)
                .col(string(Territories::Slug).primary_key())
                .col(string(Territories::Name))
                .col(string(Territories::Kind))
                .col(string_null(Territories::ParentSlug))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EditProposals::Table)
                .col(uuid(EditProposals::Id).primary_key())
                .col(string(EditProposals::OrganizationId))
                .col(uuid(EditProposals::ProposedBy))
                .col(text_null(EditProposals::Payload))
                .col(string(EditProposals::Status))
                .col(timestamp_with_time_zone(EditProposals::CreatedAt))
                .col(uuid_null(EditProposals::DecidedBy))
                .col(timestamp_with_time_zone_null(EditProposals::DecidedAt))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            EditProposals::Table.into_iden(),
            Territories::Table.into_iden(),
            Sectors::Table.into_iden(),
            OrganizationAliases::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for table in hsds::TABLES
            .iter()
            .rev()
            .filter(|t| t.name != "organization")
        {
            m.drop_table(Table::drop().table(Alias::new(sql_table(table))).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn extend_organizations(m: &SchemaManager<'_>, table: &HsdsTable) -> Result<(), DbErr> {
    // SQLite adds one column per ALTER TABLE.
    let existing = ["id", "name"];
    for field in table.fields {
        if existing.contains(&field.name) || ORGANIZATION_VIRTUAL_FIELDS.contains(&field.name) {
            continue;
        }
        m.alter_table(
            Table::alter()
                .table(Organizations::Table)
                .add_column(text_null(Alias::new(field.name)))
                .to_owned(),
        )
        .await?;
    }
    for col in [
        string_null(Organizations::Sector),
        string_null(Organizations::Territory),
        timestamp_with_time_zone_null(Organizations::VerifiedAt),
        uuid_null(Organizations::VerifiedBy),
        integer(Organizations::Version).default(1).to_owned(),
    ] {
        let mut col = col;
        m.alter_table(
            Table::alter()
                .table(Organizations::Table)
                .add_column(&mut col)
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

async fn create_hsds_table(m: &SchemaManager<'_>, table: &HsdsTable) -> Result<(), DbErr> {
    let name = sql_table(table);
    let mut create = Table::create();
    create.table(Alias::new(name));
    for field in table.fields {
        if field.name == table.primary_key {
            create.col(string(Alias::new(field.name)).primary_key());
        } else {
            create.col(text_null(Alias::new(field.name)));
        }
    }
    m.create_table(create).await?;
    // Foreign keys, plus the polymorphic links that nested API documents
    // and the search index look rows up by.
    let polymorphic: &[&'static str] = match table.name {
        "attribute" => &["link_id"],
        "metadata" => &["resource_id"],
        _ => &[],
    };
    let columns = table
        .foreign_keys
        .iter()
        .map(|fk| fk.field)
        .chain(polymorphic.iter().copied());
    for field in columns {
        if field == table.primary_key {
            continue;
        }
        m.create_index(
            Index::create()
                .name(format!("ix_{name}_{field}"))
                .table(Alias::new(name))
                .col(Alias::new(field))
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}
