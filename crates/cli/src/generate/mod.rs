//! `maillage generate`: deterministic synthetic data for benchmarks and
//! load tests.
//!
//! Everything comes from one seed: a [`Rand`] stream per part of the data
//! set (so that adding a part never changes another), rows built in a fixed
//! order, ids made of the stream's bytes, no clock. The same scale and seed
//! give byte-identical files.
//!
//! Output layout (`--out DIR`):
//!
//! ```text
//! DIR/
//!   generate.json   what was generated: scale, seed and, per part, its files
//!   hsds/           an Open Referral HSDS 3.0 package (organizations,
//!                   services, locations, addresses, phones, taxonomies,
//!                   attributes), importable with `maillage import hsds`
//! ```
//!
//! Later parts (attendance grids, plans, network edges) are generated from
//! [`Dataset::organizations`] with their own stream (`STREAM_*` below), and
//! written beside `hsds/` by [`write`], each under its own key of
//! `generate.json`.

mod hsds;
mod names;
mod places;
mod rng;
mod services;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use maillage_interop::hsds::{Package, WriteError, WriteReport, write_package};
use serde::Serialize;

use self::rng::Rand;

/// The RNG stream of the directory (HSDS) part.
pub const STREAM_HSDS: u64 = 1;
// Reserved for the parts later issues add:
// pub const STREAM_ATTENDANCE: u64 = 2;
// pub const STREAM_PLANS: u64 = 3;
// pub const STREAM_EDGES: u64 = 4;

/// The manifest written at the root of the output directory.
pub const MANIFEST_FILE: &str = "generate.json";
/// The directory of the HSDS package inside the output directory.
pub const HSDS_DIR: &str = "hsds";

/// How much data to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// About 200 organizations and 600 services in two regions.
    Demo,
    /// About 2,000 organizations and 6,000 services in one region.
    Region,
    /// About 20,000 organizations and 60,000 services in all 17 regions.
    Province,
}

impl Scale {
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Demo => "demo",
            Scale::Region => "region",
            Scale::Province => "province",
        }
    }

    /// Exactly this many organizations are generated.
    pub fn organizations(self) -> usize {
        match self {
            Scale::Demo => 200,
            Scale::Region => 2_000,
            Scale::Province => 20_000,
        }
    }

    /// The codes of the administrative regions covered.
    fn regions(self) -> Vec<&'static str> {
        match self {
            Scale::Demo => vec!["02", "17"],
            Scale::Region => vec!["02"],
            Scale::Province => places::REGIONS.iter().map(|r| r.code).collect(),
        }
    }
}

/// An organization of the data set, for the parts built on the directory.
#[derive(Debug, Clone)]
pub struct Organization {
    /// Its HSDS id.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "for the parts later issues add")
    )]
    pub id: String,
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "for the parts later issues add")
    )]
    pub name: String,
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "for the parts later issues add")
    )]
    pub alias: Option<String>,
    /// A maillage sector code (`communautaire`).
    pub sector: &'static str,
    /// The code of its administrative region (`02`).
    pub region: &'static str,
    /// The municipality of its main address.
    pub town: &'static str,
    pub services: usize,
}

/// Everything generated, before it is written.
#[derive(Debug)]
pub struct Dataset {
    pub scale: Scale,
    pub seed: u64,
    pub organizations: Vec<Organization>,
    pub services: usize,
    pub hsds: Package,
}

/// Generates the data set of `scale` from `seed`. `progress` is told how
/// many organizations of how many are done, from time to time.
pub fn generate(scale: Scale, seed: u64, progress: &mut dyn FnMut(usize, usize)) -> Dataset {
    let mut rand = Rand::new(seed, STREAM_HSDS);
    let regions: Vec<&'static places::Region> =
        scale.regions().into_iter().map(places::region).collect();
    let (organizations, hsds) = hsds::build(&mut rand, &regions, scale.organizations(), progress);
    Dataset {
        scale,
        seed,
        services: organizations.iter().map(|o| o.services).sum(),
        organizations,
        hsds,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{} is not empty (use --force to replace the generated files)", .0.display())]
    NotEmpty(PathBuf),
    #[error("{} exists and is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Refuses an output directory that cannot be used, before anything is
/// generated: a file, or a non-empty directory without `force`.
pub fn check_out_dir(out: &Path, force: bool) -> Result<(), GenerateError> {
    let io_err = |source| GenerateError::Io {
        path: out.to_owned(),
        source,
    };
    match fs::metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err(e)),
        Ok(m) if !m.is_dir() => Err(GenerateError::NotADirectory(out.to_owned())),
        Ok(_) => {
            let mut entries = fs::read_dir(out).map_err(io_err)?;
            if entries.next().is_some() && !force {
                Err(GenerateError::NotEmpty(out.to_owned()))
            } else {
                Ok(())
            }
        }
    }
}

/// What [`write`] wrote.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub scale: Scale,
    pub seed: u64,
    pub organizations: usize,
    pub services: usize,
    /// Organizations by region code, sector code.
    pub regions: BTreeMap<&'static str, usize>,
    pub sectors: BTreeMap<&'static str, usize>,
    /// Distinct municipalities of main addresses.
    pub towns: usize,
    pub hsds: HsdsPart,
}

#[derive(Debug, Serialize)]
pub struct HsdsPart {
    /// Relative to the output directory.
    pub path: &'static str,
    #[serde(flatten)]
    pub report: WriteReport,
}

fn count_by(
    dataset: &Dataset,
    key: impl Fn(&Organization) -> &'static str,
) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for o in &dataset.organizations {
        *out.entry(key(o)).or_insert(0) += 1;
    }
    out
}

/// Writes `dataset` into `out` (created if missing): the HSDS package in
/// `out/hsds/` and the manifest `out/generate.json`. With `force`, files
/// generated before are replaced; other files are left alone.
pub fn write(dataset: &Dataset, out: &Path, force: bool) -> Result<Summary, GenerateError> {
    check_out_dir(out, force)?;
    fs::create_dir_all(out).map_err(|source| GenerateError::Io {
        path: out.to_owned(),
        source,
    })?;
    let report = write_package(&out.join(HSDS_DIR), &dataset.hsds, force)?;
    let summary = Summary {
        scale: dataset.scale,
        seed: dataset.seed,
        organizations: dataset.organizations.len(),
        services: dataset.services,
        regions: count_by(dataset, |o| o.region),
        sectors: count_by(dataset, |o| o.sector),
        towns: count_by(dataset, |o| o.town).len(),
        hsds: HsdsPart {
            path: HSDS_DIR,
            report,
        },
    };
    let manifest = serde_json::json!({
        "generator": "maillage generate",
        "scale": summary.scale,
        "seed": summary.seed,
        "parts": {"hsds": {
            "path": summary.hsds.path,
            "organizations": summary.organizations,
            "services": summary.services,
            "regions": summary.regions,
            "sectors": summary.sectors,
            "towns": summary.towns,
            "files": summary.hsds.report.files,
        }},
    });
    let path = out.join(MANIFEST_FILE);
    let mut text = serde_json::to_vec_pretty(&manifest).expect("plain JSON");
    text.push(b'\n');
    fs::write(&path, text).map_err(|source| GenerateError::Io { path, source })?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use maillage_interop::hsds::{NoKnownIds, validate};

    use super::*;

    fn demo(seed: u64) -> Dataset {
        generate(Scale::Demo, seed, &mut |_, _| {})
    }

    #[test]
    fn the_demo_scale_is_a_valid_package_of_the_promised_size() {
        let d = demo(1);
        assert_eq!(d.organizations.len(), 200);
        assert!((450..=750).contains(&d.services), "{} services", d.services);
        let problems = validate(&d.hsds, &NoKnownIds);
        assert!(problems.is_empty(), "{problems:#?}");
        for table in [
            "organization",
            "service",
            "location",
            "address",
            "phone",
            "service_at_location",
            "taxonomy",
            "taxonomy_term",
            "attribute",
        ] {
            assert!(
                d.hsds.table(table).is_some_and(|t| !t.rows.is_empty()),
                "{table}"
            );
        }
    }

    #[test]
    fn names_and_aliases_are_unique_once_normalized() {
        let d = generate(Scale::Region, 5, &mut |_, _| {});
        let mut seen = HashSet::new();
        for o in &d.organizations {
            assert!(
                seen.insert(maillage_domain::names::normalize(&o.name)),
                "{}",
                o.name
            );
            if let Some(a) = &o.alias {
                assert!(seen.insert(maillage_domain::names::normalize(a)), "{a}");
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        let names = |d: &Dataset| {
            d.organizations
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
        };
        let (a, b, c) = (demo(42), demo(42), demo(43));
        assert_eq!(names(&a), names(&b));
        assert_eq!(
            a.organizations.iter().map(|o| &o.id).collect::<Vec<_>>(),
            b.organizations.iter().map(|o| &o.id).collect::<Vec<_>>()
        );
        assert_ne!(names(&a), names(&c));
    }

    #[test]
    fn addresses_are_in_quebec() {
        let d = demo(3);
        let addresses = d.hsds.table("address").unwrap();
        for row in &addresses.rows {
            let code = &row.values["postal_code"];
            let b = code.as_bytes();
            assert_eq!(b.len(), 7, "{code}");
            assert!(matches!(b[0], b'G' | b'H' | b'J'), "{code}");
            assert!(b[1].is_ascii_digit() && b[4].is_ascii_digit() && b[6].is_ascii_digit());
            assert!(
                places::POSTAL_LETTERS.contains(&b[2]) && places::POSTAL_LETTERS.contains(&b[5])
            );
            assert_eq!(b[3], b' ');
            assert_eq!(row.values["state_province"], "QC");
            assert_eq!(row.values["country"], "CA");
        }
    }
}
