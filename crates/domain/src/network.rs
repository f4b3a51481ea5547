//! Pure rules of the network at person level: who one person is across a
//! grouping's events, and who may see people at all.
//!
//! Person-level links are internal data of a grouping: only its own
//! accounts (and administrators) see them; everyone else sees organizations
//! only.

use crate::access::{Permission, Principal};
use crate::names::normalize;

/// How a person is recognised across the events of one grouping.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonKey {
    /// A registrant, by e-mail (trimmed, lower case): the same address at
    /// two events is the same person.
    Registrant(String),
    /// A walk-in (no registration, hence no e-mail), by normalized name and
    /// organization: two `Marie Tremblay` of two organizations are two people.
    WalkIn {
        name: String,
        organization: Option<String>,
    },
}

impl PersonKey {
    /// `None` for a blank address.
    pub fn registrant(email: &str) -> Option<PersonKey> {
        let e = email.trim().to_lowercase();
        (!e.is_empty()).then_some(PersonKey::Registrant(e))
    }

    /// `None` for a name with nothing left once normalized.
    pub fn walk_in(name: &str, organization: Option<&str>) -> Option<PersonKey> {
        let n = normalize(name);
        (!n.is_empty()).then(|| PersonKey::WalkIn {
            name: n,
            organization: organization
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned),
        })
    }
}

/// Whether the account may see the people of a grouping's network: those
/// who may read its internal data (any role in the grouping, or admin), as
/// for its draft plans. An event outside any grouping has no people level.
pub fn may_see_people(principal: Option<&Principal>, grouping_id: Option<&str>) -> bool {
    match (principal, grouping_id) {
        (Some(p), Some(g)) => p.allows(Permission::ReadGrouping, Some(g)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::access::Role;

    #[test]
    fn registrants_are_their_address_in_lower_case() {
        assert_eq!(
            PersonKey::registrant("  Marie.Tremblay@Exemple.CA "),
            PersonKey::registrant("marie.tremblay@exemple.ca")
        );
        assert_ne!(
            PersonKey::registrant("marie@exemple.ca"),
            PersonKey::registrant("marie@exemple.com")
        );
        assert_eq!(PersonKey::registrant("  "), None);
    }

    #[test]
    fn walk_ins_are_their_normalized_name_and_organization() {
        let a = PersonKey::walk_in("Marie-Ève  Côté", Some("org-1"));
        assert_eq!(a, PersonKey::walk_in("marie eve cote", Some("org-1")));
        assert_ne!(a, PersonKey::walk_in("Marie-Ève Côté", Some("org-2")));
        assert_ne!(a, PersonKey::walk_in("Marie-Ève Côté", None));
        assert_eq!(
            PersonKey::walk_in("Paul", Some(" ")),
            PersonKey::walk_in("Paul", None)
        );
        assert_eq!(PersonKey::walk_in(" – ", None), None);
        // A walk-in is never the registrant of the same name.
        assert_ne!(
            PersonKey::walk_in("paul@exemple.ca", None),
            PersonKey::registrant("paul@exemple.ca")
        );
    }

    #[test]
    fn people_are_seen_inside_their_grouping_only() {
        let inside = Principal {
            is_admin: false,
            grouping_roles: BTreeMap::from([("g".to_owned(), Role::Viewer)]),
        };
        let admin = Principal {
            is_admin: true,
            ..Principal::default()
        };
        assert!(may_see_people(Some(&inside), Some("g")));
        assert!(!may_see_people(Some(&inside), Some("h")));
        assert!(may_see_people(Some(&admin), Some("h")));
        assert!(!may_see_people(Some(&admin), None));
        assert!(!may_see_people(Some(&Principal::default()), Some("g")));
        assert!(!may_see_people(None, Some("g")));
    }
}
