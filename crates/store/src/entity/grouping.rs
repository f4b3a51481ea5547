use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "groupings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub kind: Kind,
    pub parent_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Slug of the territory it covers.
    pub territory: Option<String>,
    pub mission: Option<String>,
    pub vision: Option<String>,
    pub fiduciary_id: Option<String>,
    pub version: i32,
    /// Months a closed referral keeps its person fields (Law 25).
    pub referral_retention_months: i32,
}

/// `maillage_domain::plans::GroupingKind` as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Kind {
    #[sea_orm(string_value = "regional_instance")]
    RegionalInstance,
    #[sea_orm(string_value = "local_grouping")]
    LocalGrouping,
    #[sea_orm(string_value = "table")]
    Table,
}

impl Kind {
    /// The value stored in the database (and used by the API).
    pub fn as_str(self) -> &'static str {
        maillage_domain::plans::GroupingKind::from(self).as_str()
    }
}

impl From<Kind> for maillage_domain::plans::GroupingKind {
    fn from(value: Kind) -> Self {
        match value {
            Kind::RegionalInstance => maillage_domain::plans::GroupingKind::RegionalInstance,
            Kind::LocalGrouping => maillage_domain::plans::GroupingKind::LocalGrouping,
            Kind::Table => maillage_domain::plans::GroupingKind::Table,
        }
    }
}

impl From<maillage_domain::plans::GroupingKind> for Kind {
    fn from(value: maillage_domain::plans::GroupingKind) -> Self {
        match value {
            maillage_domain::plans::GroupingKind::RegionalInstance => Kind::RegionalInstance,
            maillage_domain::plans::GroupingKind::LocalGrouping => Kind::LocalGrouping,
            maillage_domain::plans::GroupingKind::Table => Kind::Table,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
