//! `maillage generate --scale demo|region|province --seed N --out DIR`.

use std::path::Path;

use serde_json::json;

use super::hsds::Progress;
use super::print_json;
use crate::CliError;
use crate::generate::{self, GenerateError, Scale};

fn cli_error(e: GenerateError) -> CliError {
    match e {
        GenerateError::NotEmpty(_) | GenerateError::NotADirectory(_) => {
            CliError::Usage(e.to_string())
        }
        GenerateError::Write(
            maillage_interop::hsds::WriteError::NotEmpty(_)
            | maillage_interop::hsds::WriteError::NotADirectory(_),
        ) => CliError::Usage(e.to_string()),
        other => CliError::Refused(other.to_string()),
    }
}

pub fn run(scale: Scale, seed: u64, out: &Path, force: bool, json: bool) -> Result<(), CliError> {
    // Refuse a bad output directory before spending time generating.
    generate::check_out_dir(out, force).map_err(cli_error)?;
    let progress = Progress::new();
    let dataset = generate::generate(scale, seed, &mut |done, total| {
        progress.step(&format!(
            "génération / generating: {done}/{total} organisations"
        ));
    });
    progress.step("écriture / writing");
    let summary = generate::write(&dataset, out, force).map_err(cli_error)?;
    progress.done();
    if json {
        print_json(&json!({
            "out": out.display().to_string(),
            "scale": summary.scale,
            "seed": summary.seed,
            "organizations": summary.organizations,
            "services": summary.services,
            "regions": summary.regions,
            "sectors": summary.sectors,
            "towns": summary.towns,
            "hsds": {
                "dir": out.join(generate::HSDS_DIR).display().to_string(),
                "files": summary.hsds.report.files,
            },
        }));
    } else {
        eprintln!(
            "{} organisations, {} services ({} scale, seed {}) written to {}",
            summary.organizations,
            summary.services,
            scale.as_str(),
            seed,
            out.display()
        );
        for f in &summary.hsds.report.files {
            eprintln!("  {}/{}: {} rows", generate::HSDS_DIR, f.path, f.rows);
        }
    }
    Ok(())
}
