//! Roles and the one authorization rule of the platform.
//!
//! Every route and command asks [`Principal::allows`]; nothing else decides
//! who may do what, so the rule can be read and tested in one place.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A role, from the least to the most powerful (the order matters: a role
/// implies every permission of the roles below it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Member,
    Coordinator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Coordinator, Role::Member, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Member => "member",
            Role::Viewer => "viewer",
        }
    }

    /// Admin is platform-wide; every other role is held in a grouping.
    pub fn is_scoped(self) -> bool {
        self != Role::Admin
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}` (expected admin, coordinator, member or viewer)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "coordinator" => Ok(Role::Coordinator),
            "member" => Ok(Role::Member),
            "viewer" => Ok(Role::Viewer),
            _ => Err(UnknownRole(s.to_owned())),
        }
    }
}

/// What a request or a command wants to do. Later areas add their variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// See the signed-in pages (dashboard, profile).
    UseApp,
    /// List, invite, change the role of and deactivate accounts.
    ManageUsers,
    /// Read the data of a grouping that is not public.
    ReadGrouping,
    /// Change the data of a grouping.
    EditGrouping,
    /// Create, edit, verify and merge directory entries, and decide on
    /// members' proposals.
    EditDirectory,
    /// Propose edits to one's own organization.
    ProposeDirectoryEdit,
    /// Update the actions of a grouping's plans that one's own organization
    /// leads (status, measurements), without editing the rest of the plan:
    /// the partner doing the work reports on it.
    EditLedAction,
    /// Fill a self-assessment response for one of the grouping's member
    /// organizations (and save its drafts).
    FillAssessment,
}

impl Permission {
    /// The least role that grants the permission inside a grouping, or
    /// platform-wide when the permission is not tied to a grouping.
    pub fn least_role(self) -> Role {
        match self {
            Permission::UseApp | Permission::ReadGrouping => Role::Viewer,
            Permission::ProposeDirectoryEdit
            | Permission::EditLedAction
            | Permission::FillAssessment => Role::Member,
            Permission::EditGrouping | Permission::EditDirectory => Role::Coordinator,
            Permission::ManageUsers => Role::Admin,
        }
    }

    /// Whether the permission is checked against one grouping's role.
    pub fn is_grouping_scoped(self) -> bool {
        matches!(
            self,
            Permission::ReadGrouping
                | Permission::EditGrouping
                | Permission::EditLedAction
                | Permission::FillAssessment
        )
    }
}

/// Who is acting: a signed-in account with its roles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Principal {
    pub is_admin: bool,
    /// Role held in each grouping, by grouping id.
    pub grouping_roles: BTreeMap<String, Role>,
}

impl Principal {
    /// The highest role the account holds anywhere.
    pub fn highest_role(&self) -> Option<Role> {
        if self.is_admin {
            return Some(Role::Admin);
        }
        self.grouping_roles.values().copied().max()
    }

    /// The single authorization rule.
    ///
    /// `grouping` names the grouping a scoped permission is checked in; a
    /// scoped permission asked without a grouping is granted when some
    /// grouping grants it (listing pages filter their rows afterwards).
    pub fn allows(&self, permission: Permission, grouping: Option<&str>) -> bool {
        if self.is_admin {
            return true;
        }
        let least = permission.least_role();
        if least == Role::Admin {
            return false;
        }
        if let (true, Some(id)) = (permission.is_grouping_scoped(), grouping) {
            return self.grouping_roles.get(id).is_some_and(|r| *r >= least);
        }
        self.grouping_roles.values().any(|r| *r >= least)
    }
}

/// The change log's tables whose changes anyone may see (the recent
/// activity of the dashboard): the directory and the groupings are public
/// pages; nothing else written there is shown.
pub const PUBLIC_CHANGES: &[&str] = &["organizations", "services", "groupings"];

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(roles: &[(&str, Role)]) -> Principal {
        Principal {
            is_admin: false,
            grouping_roles: roles.iter().map(|(g, r)| ((*g).to_owned(), *r)).collect(),
        }
    }

    #[test]
    fn roles_parse_and_print() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert_eq!(" Admin ".parse::<Role>().unwrap(), Role::Admin);
        assert!("superuser".parse::<Role>().is_err());
    }

    #[test]
    fn admin_may_do_everything() {
        let admin = Principal {
            is_admin: true,
            ..Principal::default()
        };
        for p in [
            Permission::UseApp,
            Permission::ManageUsers,
            Permission::ReadGrouping,
            Permission::EditGrouping,
            Permission::EditDirectory,
            Permission::ProposeDirectoryEdit,
            Permission::EditLedAction,
        ] {
            assert!(admin.allows(p, Some("any")));
        }
    }

    #[test]
    fn an_account_without_roles_may_do_nothing() {
        let nobody = Principal::default();
        assert!(!nobody.allows(Permission::UseApp, None));
        assert!(!nobody.allows(Permission::ReadGrouping, Some("g")));
    }

    #[test]
    fn grouping_roles_are_scoped() {
        let p = principal(&[("a", Role::Coordinator), ("b", Role::Viewer)]);
        assert!(p.allows(Permission::EditGrouping, Some("a")));
        assert!(!p.allows(Permission::EditGrouping, Some("b")));
        assert!(p.allows(Permission::ReadGrouping, Some("b")));
        assert!(!p.allows(Permission::ReadGrouping, Some("c")));
        assert!(p.allows(Permission::UseApp, None));
        assert!(!p.allows(Permission::ManageUsers, None));
        // The directory is shared by the territory: a coordinator of any
        // grouping keeps it current; members propose.
        assert!(p.allows(Permission::EditDirectory, None));
        let member = principal(&[("a", Role::Member)]);
        assert!(!member.allows(Permission::EditDirectory, None));
        assert!(member.allows(Permission::ProposeDirectoryEdit, None));
    }

    #[test]
    fn members_may_edit_led_actions_in_their_grouping_only() {
        let p = principal(&[("a", Role::Member), ("b", Role::Viewer)]);
        assert!(p.allows(Permission::EditLedAction, Some("a")));
        assert!(!p.allows(Permission::EditLedAction, Some("b")));
        assert!(!p.allows(Permission::EditLedAction, Some("c")));
        assert!(!p.allows(Permission::EditGrouping, Some("a")));
        let coordinator = principal(&[("a", Role::Coordinator)]);
        assert!(coordinator.allows(Permission::EditLedAction, Some("a")));
        assert!(!principal(&[("a", Role::Viewer)]).allows(Permission::EditLedAction, None));
        assert_eq!(Permission::EditLedAction.least_role(), Role::Member);
        assert!(Permission::EditLedAction.is_grouping_scoped());
    }

    #[test]
    fn highest_role_is_admin_or_the_best_grouping_role() {
        assert_eq!(Principal::default().highest_role(), None);
        let p = principal(&[("a", Role::Member), ("b", Role::Viewer)]);
        assert_eq!(p.highest_role(), Some(Role::Member));
        let admin = Principal {
            is_admin: true,
            ..p
        };
        assert_eq!(admin.highest_role(), Some(Role::Admin));
    }
}
