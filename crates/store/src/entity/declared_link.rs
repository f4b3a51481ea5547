use sea_orm::entity::prelude::*;

/// A link a participant declared after an event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declared_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub registration_id: Option<Uuid>,
    pub from_organization_id: String,
    pub to_organization_id: String,
    pub level: DeclaredLevel,
    pub created_at: DateTimeUtc,
}

/// How far a declared link went (the PARTNER tool's levels), stored as
/// its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "i32", db_type = "Integer")]
pub enum DeclaredLevel {
    /// 1, connaissance: they now know each other.
    #[sea_orm(num_value = 1)]
    Acquaintance,
    /// 2, échange d'information.
    #[sea_orm(num_value = 2)]
    Information,
    /// 3, collaboration.
    #[sea_orm(num_value = 3)]
    Collaboration,
    /// 4, partenariat formel.
    #[sea_orm(num_value = 4)]
    Partnership,
}

impl DeclaredLevel {
    pub const ALL: [DeclaredLevel; 4] = [
        DeclaredLevel::Acquaintance,
        DeclaredLevel::Information,
        DeclaredLevel::Collaboration,
        DeclaredLevel::Partnership,
    ];

    /// Its number, 1 to 4 (as stored, and in forms).
    pub fn number(self) -> i32 {
        match self {
            DeclaredLevel::Acquaintance => 1,
            DeclaredLevel::Information => 2,
            DeclaredLevel::Collaboration => 3,
            DeclaredLevel::Partnership => 4,
        }
    }

    /// The level of a number, brought within 1 to 4.
    pub fn clamped(n: i32) -> DeclaredLevel {
        match n {
            ..=1 => DeclaredLevel::Acquaintance,
            2 => DeclaredLevel::Information,
            3 => DeclaredLevel::Collaboration,
            4.. => DeclaredLevel::Partnership,
        }
    }

    /// Its weight in the network: its number.
    pub fn weight(self) -> f64 {
        f64::from(self.number())
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

#[cfg(test)]
mod tests {
    use super::DeclaredLevel;

    #[test]
    fn levels_are_their_numbers_and_numbers_are_brought_within_range() {
        for (level, n) in DeclaredLevel::ALL.into_iter().zip(1..) {
            assert_eq!(level.number(), n);
            assert_eq!(DeclaredLevel::clamped(n), level);
        }
        assert_eq!(DeclaredLevel::clamped(0), DeclaredLevel::Acquaintance);
        assert_eq!(DeclaredLevel::clamped(9), DeclaredLevel::Partnership);
        assert!((DeclaredLevel::Collaboration.weight() - 3.0).abs() < f64::EPSILON);
    }
}
