//! The board's post-its as an event's mosaic: when a live board of one of
//! the event's rooms holds post-its, the bilan's mosaic is made of them in
//! place of the post-its typed in after the meeting (the typed-in ones were
//! only ever a copy of the paper board, which the live board replaces).
//!
//! A column named like a team (names compared as the directory compares
//! them: case, accents and spacing aside) gives that team's post-its; the
//! post-its of any other column are kept too, as post-its of no team,
//! prefixed with their column.

use crate::names::normalize;
use crate::reports::TeamInfo;

/// One column of a board, with the texts of its post-its shown (hidden and
/// merged ones left out), most voted first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardColumn {
    pub name: String,
    pub stickies: Vec<String>,
}

/// Replaces the typed-in mosaic (`teams`' post-its and `loose`) with the
/// boards' post-its when they hold any; `true` when they did. Without a
/// post-it on any board nothing changes.
pub fn apply(teams: &mut [TeamInfo], loose: &mut Vec<String>, boards: &[BoardColumn]) -> bool {
    if boards.iter().all(|c| c.stickies.is_empty()) {
        return false;
    }
    for team in teams.iter_mut() {
        team.stickies.clear();
    }
    loose.clear();
    for column in boards.iter().filter(|c| !c.stickies.is_empty()) {
        let key = normalize(&column.name);
        match teams
            .iter_mut()
            .find(|t| !key.is_empty() && normalize(&t.name) == key)
        {
            Some(team) => team.stickies.extend(column.stickies.iter().cloned()),
            None => loose.extend(
                column
                    .stickies
                    .iter()
                    .map(|s| format!("{}\u{a0}: {s}", column.name)),
            ),
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(name: &str, stickies: &[&str]) -> TeamInfo {
        TeamInfo {
            name: name.to_owned(),
            stickies: stickies.iter().map(|s| (*s).to_owned()).collect(),
            ..TeamInfo::default()
        }
    }

    fn column(name: &str, stickies: &[&str]) -> BoardColumn {
        BoardColumn {
            name: name.to_owned(),
            stickies: stickies.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn empty_boards_keep_the_typed_in_mosaic() {
        let mut teams = vec![team("Équipe 1", &["Patience"])];
        let mut loose = vec!["Sans équipe".to_owned()];
        assert!(!apply(&mut teams, &mut loose, &[column("Équipe 1", &[])]));
        assert!(!apply(&mut teams, &mut loose, &[]));
        assert_eq!(teams[0].stickies, ["Patience"]);
        assert_eq!(loose, ["Sans équipe"]);
    }

    #[test]
    fn board_post_its_replace_the_typed_in_ones_team_by_team() {
        let mut teams = vec![
            team("Équipe 1", &["Tapé à la main"]),
            team("Les REbelles", &["Aussi tapé"]),
        ];
        let mut loose = vec!["Tapé sans équipe".to_owned()];
        let boards = [
            column("equipe 1", &["Écoute active", "Patience"]),
            column("Recrutement", &["Affiches à l’épicerie"]),
            column("Les  rebelles", &[]),
        ];
        assert!(apply(&mut teams, &mut loose, &boards));
        assert_eq!(teams[0].stickies, ["Écoute active", "Patience"]);
        assert!(teams[1].stickies.is_empty(), "typed-in ones are gone");
        assert_eq!(loose, ["Recrutement\u{a0}: Affiches à l’épicerie"]);
    }
}
