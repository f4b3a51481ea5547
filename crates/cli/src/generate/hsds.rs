//! The directory as HSDS rows: organizations named after their kind and
//! place, their services, locations, addresses and phones, and two
//! taxonomies (« Groupes d'âge » for services, « Secteurs » for
//! organizations) linked by attributes.

use std::collections::{BTreeMap, HashMap, HashSet};

use maillage_domain::hsds::{self, Table};
use maillage_domain::names::normalize;
use maillage_domain::slug::slugify;
use maillage_interop::hsds::Package;
use maillage_store::demo::AGE_TAXONOMY;
use maillage_store::migration::m0002_directory::SECTORS;

use super::Organization;
use super::names::{AliasRule, GIVEN_NAMES, KINDS, Kind, Naming, Parent, SURNAMES, TOPICS};
use super::places::{POSTAL_LETTERS, Region, STREETS, districts};
use super::rng::Rand;
use super::services::{AGE_GROUPS, APPLICATION, CLOSERS, FEES, Family, ServiceTemplate, age_range};

type Values = BTreeMap<&'static str, String>;

/// The taxonomy of organizations' sectors.
const SECTOR_TAXONOMY: &str = "Secteurs";

/// How many services an organization offers: 1 to 6, about 3 on average.
const SERVICE_COUNT_WEIGHTS: [u32; 6] = [15, 25, 25, 17, 11, 7];

/// Report progress every this many organizations.
const PROGRESS_EVERY: usize = 500;

/// `de Rimouski`, `d'Alma`, `du Bic`, `des Escoumins`, `de La Tuque`.
pub fn of_place(place: &str) -> String {
    if let Some(rest) = place.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = place.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let elide = place
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÎÔ".contains(c))
        || place.starts_with("Hé");
    if elide {
        format!("d'{place}")
    } else {
        format!("de {place}")
    }
}

/// Cities merged into another whose former towns are now districts:
/// their municipal administration is the merged city's.
const MERGED: &[(&str, &str)] = &[
    ("Chicoutimi", "Saguenay"),
    ("Jonquière", "Saguenay"),
    ("La Baie", "Saguenay"),
];

fn table(name: &str) -> &'static Table {
    hsds::table(name).expect("a table of the HSDS descriptor")
}

/// The rows of every table, in insertion order.
#[derive(Default)]
struct Rows {
    organization: Vec<Values>,
    service: Vec<Values>,
    location: Vec<Values>,
    address: Vec<Values>,
    phone: Vec<Values>,
    service_at_location: Vec<Values>,
    taxonomy: Vec<Values>,
    taxonomy_term: Vec<Values>,
    attribute: Vec<Values>,
}

impl Rows {
    fn into_package(self) -> Package {
        Package::from_rows([
            (table("organization"), self.organization),
            (table("service"), self.service),
            (table("location"), self.location),
            (table("address"), self.address),
            (table("phone"), self.phone),
            (table("service_at_location"), self.service_at_location),
            (table("taxonomy"), self.taxonomy),
            (table("taxonomy_term"), self.taxonomy_term),
            (table("attribute"), self.attribute),
        ])
    }
}

fn values<const N: usize>(pairs: [(&'static str, String); N]) -> Values {
    pairs.into_iter().collect()
}

/// What an organization is, before its rows are written.
struct Spec {
    name: String,
    alias: Option<String>,
    sector: &'static str,
    family: Family,
    legal_status: &'static str,
    description: String,
    parent: Option<String>,
    town: &'static str,
    /// Where it is, as named (a district or the town).
    place: &'static str,
}

/// Where an organization is: its main location and phone number, and its
/// second point of service if it has one (location ids).
struct Sites {
    phone: String,
    main: String,
    second: Option<String>,
}

struct Builder<'r> {
    rand: &'r mut Rand,
    rows: Rows,
    /// Normalized names and aliases already given.
    taken: HashSet<String>,
    /// Ids of regional organizations by name (two regions may share one).
    regional: HashMap<String, String>,
    age_terms: HashMap<&'static str, String>,
    sector_terms: HashMap<&'static str, String>,
    organizations: Vec<Organization>,
}

/// Builds `count` organizations spread over `regions` and everything
/// attached to them.
pub fn build(
    rand: &mut Rand,
    regions: &[&'static Region],
    count: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> (Vec<Organization>, Package) {
    let mut b = Builder {
        rand,
        rows: Rows::default(),
        taken: HashSet::new(),
        regional: HashMap::new(),
        age_terms: HashMap::new(),
        sector_terms: HashMap::new(),
        organizations: Vec::with_capacity(count),
    };
    b.taxonomies();
    let shares = apportion(count, &regions.iter().map(|r| r.weight).collect::<Vec<_>>());
    for (region, share) in regions.iter().zip(shares) {
        let target = b.organizations.len() + share;
        let (health, boards) = b.regional_organizations(region, target);
        while b.organizations.len() < target {
            let spec = b.local_spec(region, health.as_deref(), &boards);
            b.organization(region, spec);
            if b.organizations.len().is_multiple_of(PROGRESS_EVERY) {
                progress(b.organizations.len(), count);
            }
        }
    }
    progress(b.organizations.len(), count);
    (b.organizations, b.rows.into_package())
}

/// `total` split in proportion to `weights`, largest remainders first (ties
/// to the first), so that the parts add up to `total`.
fn apportion(total: usize, weights: &[u32]) -> Vec<usize> {
    let sum: u64 = weights.iter().map(|w| u64::from(*w)).sum();
    let total64 = u64::try_from(total).expect("fits");
    let mut parts: Vec<u64> = weights
        .iter()
        .map(|w| total64 * u64::from(*w) / sum)
        .collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(total64 * u64::from(weights[*i]) % sum));
    let missing = total64 - parts.iter().sum::<u64>();
    for i in order
        .into_iter()
        .take(usize::try_from(missing).expect("fits"))
    {
        parts[i] += 1;
    }
    parts
        .into_iter()
        .map(|p| usize::try_from(p).expect("fits"))
        .collect()
}

impl Builder<'_> {
    fn taxonomies(&mut self) {
        let age_taxonomy = self.rand.uuid();
        self.rows.taxonomy.push(values([
            ("id", age_taxonomy.clone()),
            ("name", AGE_TAXONOMY.to_owned()),
            (
                "description",
                "Groupes d'âge des personnes que les services rejoignent.".to_owned(),
            ),
        ]));
        for group in AGE_GROUPS {
            let id = self.rand.uuid();
            self.rows.taxonomy_term.push(values([
                ("id", id.clone()),
                ("code", format!("age-{}", slugify(group))),
                ("name", (*group).to_owned()),
                ("description", format!("Services pour : {group}.")),
                ("taxonomy_id", age_taxonomy.clone()),
                ("language", "fr".to_owned()),
            ]));
            self.age_terms.insert(*group, id);
        }
        let sector_taxonomy = self.rand.uuid();
        self.rows.taxonomy.push(values([
            ("id", sector_taxonomy.clone()),
            ("name", SECTOR_TAXONOMY.to_owned()),
            (
                "description",
                "Secteurs de la concertation intersectorielle auxquels appartiennent les organisations."
                    .to_owned(),
            ),
        ]));
        for (code, french, _) in SECTORS {
            let id = self.rand.uuid();
            self.rows.taxonomy_term.push(values([
                ("id", id.clone()),
                ("code", (*code).to_owned()),
                ("name", (*french).to_owned()),
                (
                    "description",
                    format!("Organisations du secteur : {french}."),
                ),
                ("taxonomy_id", sector_taxonomy.clone()),
                ("language", "fr".to_owned()),
            ]));
            self.sector_terms.insert(*code, id);
        }
    }

    /// The region's health and social services centre, school service
    /// centres and Centraide, as far as `target` allows; returns the ids of
    /// the first two kinds.
    fn regional_organizations(
        &mut self,
        region: &'static Region,
        target: usize,
    ) -> (Option<String>, Vec<String>) {
        let main_town = region.towns[0];
        let add = |b: &mut Self, spec: Spec| -> Option<String> {
            if let Some(id) = b.regional.get(&spec.name) {
                return Some(id.clone());
            }
            if b.organizations.len() >= target {
                return None;
            }
            let name = spec.name.clone();
            let id = b.organization(region, spec);
            b.regional.insert(name, id.clone());
            Some(id)
        };
        let health = add(
            self,
            Spec {
                name: region.health.0.to_owned(),
                alias: Some(region.health.1.to_owned()),
                sector: "sante-services-sociaux",
                family: Family::HealthCentre,
                legal_status: "Organisme public",
                description: format!(
                    "Établissement public responsable des services de santé et des services sociaux {} : CLSC, centres d'hébergement, protection de la jeunesse, santé publique.",
                    region.of
                ),
                parent: None,
                town: main_town,
                place: main_town,
            },
        );
        let mut boards = Vec::new();
        for board in region.school_boards {
            let spec = Spec {
                name: (*board).to_owned(),
                alias: board
                    .strip_prefix("Centre de services scolaire")
                    .map(|rest| format!("CSS{rest}")),
                sector: "education",
                family: Family::SchoolBoard,
                legal_status: "Organisme public",
                description: format!(
                    "Centre de services scolaire {}: écoles primaires et secondaires, formation professionnelle et éducation des adultes.",
                    region.of
                ),
                parent: None,
                town: main_town,
                place: main_town,
            };
            boards.extend(add(self, spec));
        }
        add(
            self,
            Spec {
                name: format!("Centraide {}", region.name),
                alias: None,
                sector: "philanthropie",
                family: Family::Philanthropy,
                legal_status: "Organisme à but non lucratif",
                description: format!(
                    "Centraide soutient les organismes communautaires {} qui luttent contre la pauvreté et l'exclusion sociale.",
                    region.of
                ),
                parent: None,
                town: main_town,
                place: main_town,
            },
        );
        (health, boards)
    }

    /// A town of the region, the largest more often: the n-th in
    /// proportion to n^-1.5.
    fn town(&mut self, region: &Region) -> (usize, &'static str) {
        let weights: Vec<u32> = (1..=region.towns.len())
            .map(|n| {
                let n = u32::try_from(n).expect("few towns");
                10_000_000 / (n * (n * 10_000).isqrt())
            })
            .collect();
        let i = self.rand.weighted(&weights);
        (i, region.towns[i])
    }

    /// A district of `town` three times out of four when it has some.
    fn place(&mut self, town: &'static str) -> &'static str {
        let d = districts(town);
        if !d.is_empty() && self.rand.percent(75) {
            d[self.rand.below(d.len())]
        } else {
            town
        }
    }

    /// A local organization of `region` whose name and alias are not taken.
    fn local_spec(
        &mut self,
        region: &'static Region,
        health: Option<&str>,
        boards: &[String],
    ) -> Spec {
        let weights: Vec<u32> = KINDS.iter().map(|k| k.weight).collect();
        for attempt in 0.. {
            let kind = &KINDS[self.rand.weighted(&weights)];
            let (town_index, mut town) = self.town(region);
            if kind.naming == Naming::MajorTown {
                town = region.towns[self.rand.below(region.towns.len().min(3))];
            }
            let place = match kind.naming {
                Naming::Place | Naming::PlaceOrProper(_) | Naming::Proper(_) => self.place(town),
                _ => town,
            };
            let (name, qualified) = self.name(kind, region, town_index, town, place);
            let name = if self.taken.contains(&normalize(&name)) && !qualified {
                // A proper name already used elsewhere: add the place.
                format!("{name} {}", of_place(place))
            } else {
                name
            };
            let name = if attempt > 50 {
                // Practically never: numbered sites keep the name unique.
                let mut n = 2;
                loop {
                    let numbered = format!("{name} – site {n}");
                    if !self.taken.contains(&normalize(&numbered)) {
                        break numbered;
                    }
                    n += 1;
                }
            } else {
                name
            };
            if self.taken.contains(&normalize(&name)) {
                continue;
            }
            let alias = name
                .strip_prefix(kind.name)
                .and_then(|rest| match kind.alias {
                    AliasRule::Short(short) => Some(format!("{short}{rest}")),
                    AliasRule::Long(long) => Some(format!("{long}{rest}")),
                    AliasRule::None => None,
                })
                .filter(|a| !self.taken.contains(&normalize(a)));
            let alias = if self.rand.percent(75) { alias } else { None };
            let parent = match kind.parent {
                Parent::None => None,
                Parent::Health => health.map(str::to_owned),
                Parent::SchoolBoard if boards.is_empty() => None,
                Parent::SchoolBoard => Some(self.rand.pick(boards).clone()),
            };
            return Spec {
                name,
                alias,
                sector: kind.sector,
                family: kind.family,
                legal_status: kind.legal_status,
                description: kind.about.replace("{place}", place),
                parent,
                town,
                place,
            };
        }
        unreachable!("the loop returns")
    }

    /// The name of an organization of `kind`, and whether it already says
    /// where it is.
    fn name(
        &mut self,
        kind: &Kind,
        region: &Region,
        town_index: usize,
        town: &'static str,
        place: &'static str,
    ) -> (String, bool) {
        match kind.naming {
            Naming::Place => (format!("{} {}", kind.name, of_place(place)), true),
            Naming::Town | Naming::MajorTown => (format!("{} {}", kind.name, of_place(town)), true),
            Naming::Municipality => {
                if let Some((_, city)) = MERGED.iter().find(|(t, _)| *t == town) {
                    (
                        format!(
                            "Ville {} – arrondissement {}",
                            of_place(city),
                            of_place(town)
                        ),
                        true,
                    )
                } else if town_index < (region.towns.len() / 3).max(3) {
                    (format!("Ville {}", of_place(town)), true)
                } else {
                    (format!("Municipalité {}", of_place(town)), true)
                }
            }
            Naming::Proper(list) => (format!("{} {}", kind.name, self.rand.pick(list)), false),
            Naming::PlaceOrProper(list) => {
                if self.rand.percent(50) {
                    (format!("{} {}", kind.name, of_place(place)), true)
                } else {
                    (format!("{} {}", kind.name, self.rand.pick(list)), false)
                }
            }
            Naming::Surname => {
                let surname = self.rand.pick(SURNAMES);
                if self.rand.percent(50) {
                    (format!("{} Famille {surname}", kind.name), false)
                } else {
                    let given = self.rand.pick(GIVEN_NAMES);
                    (format!("{} {given}-{surname}", kind.name), false)
                }
            }
            Naming::Topic => {
                let topic = self.rand.pick(TOPICS);
                (format!("{} sur {topic} {}", kind.name, region.of), true)
            }
        }
    }

    /// Writes an organization and everything attached to it; returns its id.
    fn organization(&mut self, region: &'static Region, spec: Spec) -> String {
        let id = self.rand.uuid();
        self.taken.insert(normalize(&spec.name));
        if let Some(alias) = &spec.alias {
            self.taken.insert(normalize(alias));
        }
        let domain = domain(spec.alias.as_deref().unwrap_or(&spec.name));
        self.organization_row(&id, &spec, &domain);
        let sites = self.sites(&id, &spec, region);

        let templates = spec.family.services();
        let count = (self.rand.weighted(&SERVICE_COUNT_WEIGHTS) + 1).min(templates.len());
        let chosen = self.rand.sample(templates.len(), count);
        for t in chosen.into_iter().map(|i| &templates[i]) {
            self.service(&id, &spec, t, &domain, &sites);
        }
        self.organizations.push(Organization {
            id: id.clone(),
            name: spec.name,
            alias: spec.alias,
            sector: spec.sector,
            region: region.code,
            town: spec.town,
            services: count,
        });
        id
    }

    /// The organization's own row and its sector.
    fn organization_row(&mut self, id: &str, spec: &Spec, domain: &str) {
        let mut org = values([
            ("id", id.to_owned()),
            ("name", spec.name.clone()),
            ("description", spec.description.clone()),
            ("legal_status", spec.legal_status.to_owned()),
        ]);
        if let Some(alias) = &spec.alias {
            org.insert("alternate_name", alias.clone());
        }
        if self.rand.percent(60) {
            org.insert("email", format!("info@{domain}"));
        }
        if self.rand.percent(55) {
            org.insert("website", format!("https://{domain}/"));
        }
        if spec.legal_status != "Organisme public" && self.rand.percent(70) {
            org.insert(
                "year_incorporated",
                (1960 + self.rand.below(63)).to_string(),
            );
        }
        if spec.legal_status == "Organisme à but non lucratif" && self.rand.percent(40) {
            org.insert(
                "tax_status",
                "Organisme de bienfaisance enregistré".to_owned(),
            );
        }
        if let Some(parent) = &spec.parent {
            org.insert("parent_organization_id", parent.clone());
        }
        self.rows.organization.push(org);
        self.rows.attribute.push(values([
            ("id", self.rand.uuid()),
            ("link_id", id.to_owned()),
            ("taxonomy_term_id", self.sector_terms[spec.sector].clone()),
            ("link_type", "sector".to_owned()),
            ("link_entity", "organization".to_owned()),
        ]));
    }

    /// The organization's main location with its phone, and now and then
    /// a point of service in another town.
    fn sites(&mut self, id: &str, spec: &Spec, region: &'static Region) -> Sites {
        let phone = self.phone_number(region);
        let main = self.location(id, &spec.name, region, spec.town);
        self.rows.phone.push(values([
            ("id", self.rand.uuid()),
            ("organization_id", id.to_owned()),
            ("location_id", main.clone()),
            ("number", phone.clone()),
            ("type", "voice".to_owned()),
            ("description", "Accueil".to_owned()),
        ]));
        let second = if self.rand.percent(8) && region.towns.len() > 1 {
            let other = region.towns[self.rand.below(region.towns.len())];
            (other != spec.town).then(|| {
                self.location(
                    id,
                    &format!("Point de service {}", of_place(other)),
                    region,
                    other,
                )
            })
        } else {
            None
        };
        Sites {
            phone,
            main,
            second,
        }
    }

    /// A service of the organization `org` from its template `t`, with its
    /// age groups, where it is offered and now and then a direct line.
    fn service(
        &mut self,
        org: &str,
        spec: &Spec,
        t: &ServiceTemplate,
        domain: &str,
        sites: &Sites,
    ) {
        let service = self.rand.uuid();
        let mut description = t.description.replace("{place}", spec.place);
        if self.rand.percent(70) {
            description.push(' ');
            description.push_str(&self.rand.pick(CLOSERS).replace("{place}", spec.place));
        }
        let status = match self.rand.below(200) {
            0..=189 => "active",
            190..=195 => "inactive",
            196..=198 => "temporarily closed",
            _ => "defunct",
        };
        let mut row = values([
            ("id", service.clone()),
            ("organization_id", org.to_owned()),
            ("name", t.name.to_owned()),
            ("description", description),
            ("status", status.to_owned()),
        ]);
        if self.rand.percent(40) {
            row.insert("fees_description", self.rand.pick(FEES).to_string());
        }
        if self.rand.percent(30) {
            row.insert(
                "application_process",
                self.rand.pick(APPLICATION).to_string(),
            );
        }
        if self.rand.percent(20) {
            row.insert(
                "url",
                format!("https://{domain}/services/{}", slugify(t.name)),
            );
        }
        if let Some((min, max)) = ages(t.ages) {
            row.insert("minimum_age", min.to_string());
            if let Some(max) = max {
                row.insert("maximum_age", max.to_string());
            }
        }
        if self.rand.percent(50) {
            let year = 2023 + self.rand.below(3);
            let month = 1 + self.rand.below(12);
            let day = 1 + self.rand.below(28);
            row.insert("assured_date", format!("{year}-{month:02}-{day:02}"));
        }
        self.rows.service.push(row);
        for group in t.ages {
            self.rows.attribute.push(values([
                ("id", self.rand.uuid()),
                ("link_id", service.clone()),
                ("taxonomy_term_id", self.age_terms[group].clone()),
                ("link_type", "age_group".to_owned()),
                ("link_entity", "service".to_owned()),
            ]));
        }
        let mut at = vec![sites.main.clone()];
        if let Some(second) = &sites.second
            && self.rand.percent(50)
        {
            at.push(second.clone());
        }
        for location in at {
            self.rows.service_at_location.push(values([
                ("id", self.rand.uuid()),
                ("service_id", service.clone()),
                ("location_id", location),
            ]));
        }
        if self.rand.percent(30) {
            self.rows.phone.push(values([
                ("id", self.rand.uuid()),
                ("service_id", service.clone()),
                ("number", sites.phone.clone()),
                ("extension", (1 + self.rand.below(250)).to_string()),
                ("type", "voice".to_owned()),
                ("description", format!("Ligne directe : {}", t.name)),
            ]));
        }
    }

    /// A physical location in `town` with its address; returns its id.
    fn location(&mut self, org: &str, name: &str, region: &Region, town: &'static str) -> String {
        let id = self.rand.uuid();
        self.rows.location.push(values([
            ("id", id.clone()),
            ("location_type", "physical".to_owned()),
            ("organization_id", org.to_owned()),
            ("name", name.to_owned()),
        ]));
        let number = if self.rand.percent(70) {
            1 + self.rand.below(999)
        } else {
            1000 + self.rand.below(4000)
        };
        let street = self.rand.pick(STREETS);
        let mut address = values([
            ("id", self.rand.uuid()),
            ("location_id", id.clone()),
            ("address_1", format!("{number}, {street}")),
            ("city", town.to_owned()),
            ("state_province", "QC".to_owned()),
            ("postal_code", self.postal_code(region, town)),
            ("country", "CA".to_owned()),
            ("address_type", "physical".to_owned()),
        ]);
        if self.rand.percent(15) {
            let unit = 1 + self.rand.below(400);
            let line = match self.rand.below(3) {
                0 => format!("bureau {unit}"),
                1 => format!("local {unit}"),
                _ => format!("{}e étage", 2 + unit % 5),
            };
            address.insert("address_2", line);
        }
        self.rows.address.push(address);
        id
    }

    /// `G7X 7W7`: the town's forward sortation area (fixed per town) and a
    /// random local delivery unit.
    fn postal_code(&mut self, region: &Region, town: &str) -> String {
        let h = fnv1a(town);
        // Rural areas (second digit 0) for the smaller half of the towns.
        let rural =
            region.towns.iter().position(|t| *t == town).unwrap_or(0) >= region.towns.len() / 2;
        let mut prefixes: Vec<&str> = region
            .postal
            .iter()
            .copied()
            .filter(|p| p.ends_with('0') == rural)
            .collect();
        if prefixes.is_empty() {
            prefixes = region.postal.to_vec();
        }
        let prefix = prefixes[usize::try_from(h % prefixes.len() as u64).expect("small")];
        let third = POSTAL_LETTERS
            [usize::try_from((h >> 16) % POSTAL_LETTERS.len() as u64).expect("small")];
        let d1 = self.rand.below(10);
        let letter = POSTAL_LETTERS[self.rand.below(POSTAL_LETTERS.len())];
        let d2 = self.rand.below(10);
        format!(
            "{prefix}{} {d1}{}{d2}",
            char::from(third),
            char::from(letter)
        )
    }

    /// `418 555-0142`: an area code of the region and a fictional 555 number.
    fn phone_number(&mut self, region: &Region) -> String {
        let area = self.rand.pick(region.area_codes);
        format!("{area} 555-{:04}", self.rand.below(10_000))
    }
}

/// The ages of services for the age groups given, when they are all ages.
fn ages(groups: &[&str]) -> Option<(u8, Option<u8>)> {
    let ranges: Option<Vec<(u8, Option<u8>)>> = groups.iter().map(|g| age_range(g)).collect();
    let ranges = ranges.filter(|r| !r.is_empty())?;
    let min = ranges.iter().map(|r| r.0).min()?;
    let max = if ranges.iter().any(|r| r.1.is_none()) {
        None
    } else {
        ranges.iter().filter_map(|r| r.1).max()
    };
    Some((min, max))
}

/// A fictional web domain for an organization: `cpe-la-ribambelle.example.org`.
fn domain(name: &str) -> String {
    const MAX_LABEL: usize = 40;
    let slug = slugify(name);
    let label = if slug.len() <= MAX_LABEL {
        slug.as_str()
    } else {
        let cut = slug[..MAX_LABEL].rfind('-').unwrap_or(MAX_LABEL);
        &slug[..cut]
    };
    format!("{label}.example.org")
}

/// FNV-1a: a stable hash (std's hashers may change between releases).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_take_the_right_preposition() {
        assert_eq!(of_place("Rimouski"), "de Rimouski");
        assert_eq!(of_place("Alma"), "d'Alma");
        assert_eq!(of_place("Éboulements"), "d'Éboulements");
        assert_eq!(of_place("Hébertville"), "d'Hébertville");
        assert_eq!(of_place("Havre-Saint-Pierre"), "de Havre-Saint-Pierre");
        assert_eq!(of_place("Le Bic"), "du Bic");
        assert_eq!(of_place("Les Escoumins"), "des Escoumins");
        assert_eq!(of_place("La Tuque"), "de La Tuque");
        assert_eq!(of_place("L'Assomption"), "de L'Assomption");
    }

    #[test]
    fn shares_add_up() {
        assert_eq!(apportion(200, &[3, 2]), [120, 80]);
        assert_eq!(apportion(10, &[1, 1, 1]).iter().sum::<usize>(), 10);
        let weights: Vec<u32> = super::super::places::REGIONS
            .iter()
            .map(|r| r.weight)
            .collect();
        assert_eq!(apportion(20_000, &weights).iter().sum::<usize>(), 20_000);
    }

    #[test]
    fn ages_and_domains() {
        assert_eq!(ages(&["0-5 ans", "6-12 ans"]), Some((0, Some(12))));
        assert_eq!(ages(&["13-17 ans", "Adultes"]), Some((13, None)));
        assert_eq!(ages(&["0-5 ans", "Parents"]), None);
        assert_eq!(ages(&[]), None);
        assert_eq!(domain("CPE La Ribambelle"), "cpe-la-ribambelle.example.org");
        let long = domain("Centre intégré universitaire de santé et de services sociaux");
        assert!(
            long.len() <= 40 + ".example.org".len() && !long.contains("-."),
            "{long}"
        );
    }
}
