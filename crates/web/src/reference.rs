//! The reference lists (sectors and territories) that forms and filters of
//! every area offer.

use std::collections::HashMap;

use maillage_store::repo::directory::{self as dir, Sector, Territory};

use crate::AppState;
use crate::error::AppError;
use crate::forms::Choice;
use crate::i18n::Lang;

/// The reference lists: sectors and territories.
pub struct Reference {
    pub sectors: Vec<Sector>,
    pub territories: Vec<Territory>,
}

impl Reference {
    pub async fn load(state: &AppState) -> Result<Self, AppError> {
        Ok(Reference {
            sectors: dir::sectors(&state.store).await?,
            territories: dir::territories(state.store.conn()).await?,
        })
    }

    pub fn sector_label(&self, code: Option<&str>, lang: Lang) -> Option<String> {
        let code = code?;
        Some(self.sectors.iter().find(|s| s.code == code).map_or_else(
            || code.to_owned(),
            |s| match lang {
                Lang::Fr => s.name_fr.clone(),
                Lang::En => s.name_en.clone(),
            },
        ))
    }

    pub fn territory_name(&self, slug: Option<&str>) -> Option<String> {
        let slug = slug?;
        Some(
            self.territories
                .iter()
                .find(|t| t.slug == slug)
                .map_or_else(|| slug.to_owned(), |t| t.name.clone()),
        )
    }

    pub fn sector_choices(&self, lang: Lang) -> Vec<Choice> {
        self.sectors
            .iter()
            .map(|s| Choice {
                value: s.code.clone(),
                label: match lang {
                    Lang::Fr => s.name_fr.clone(),
                    Lang::En => s.name_en.clone(),
                },
            })
            .collect()
    }

    /// Territories as a tree: each under its parent, indented.
    pub fn territory_choices(&self) -> Vec<Choice> {
        let slugs: Vec<&str> = self.territories.iter().map(|t| t.slug.as_str()).collect();
        let mut children: HashMap<Option<&str>, Vec<&Territory>> = HashMap::new();
        for t in &self.territories {
            // A parent that is not in the list makes a root.
            let parent = t
                .parent_slug
                .as_deref()
                .filter(|p| slugs.contains(p) && *p != t.slug);
            children.entry(parent).or_default().push(t);
        }
        let mut out = Vec::new();
        let mut stack: Vec<(&Territory, usize)> = children
            .get(&None)
            .map(|roots| roots.iter().rev().map(|t| (*t, 0)).collect())
            .unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        while let Some((t, depth)) = stack.pop() {
            if !seen.insert(t.slug.as_str()) {
                continue;
            }
            out.push(Choice {
                value: t.slug.clone(),
                label: format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth), t.name),
            });
            if let Some(kids) = children.get(&Some(t.slug.as_str())) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        out
    }

    /// A territory and every territory under it.
    pub fn with_descendants(&self, slug: &str) -> Vec<String> {
        let all: HashMap<String, Territory> = self
            .territories
            .iter()
            .map(|t| (t.slug.clone(), t.clone()))
            .collect();
        self.territories
            .iter()
            .filter(|t| dir::with_ancestors(&t.slug, &all).iter().any(|a| a == slug))
            .map(|t| t.slug.clone())
            .collect()
    }

    pub fn has_sector(&self, code: &str) -> bool {
        self.sectors.iter().any(|s| s.code == code)
    }

    pub fn has_territory(&self, slug: &str) -> bool {
        self.territories.iter().any(|t| t.slug == slug)
    }
}
