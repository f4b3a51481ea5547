//! The network exports served over HTTP against the official grammar: GEXF
//! 1.3's RELAX NG (`vendor/gexf-1.3/gexf.rng`, vendored unchanged), with
//! `xmllint --noout --nonet --relaxng`. The interop tests check the writer on
//! hand-made graphs; these check what the web routes really produce.
//!
//! Without `xmllint` (Debian: `libxml2-utils`) the check prints `skipped: …`
//! and passes, unless `MAILLAGE_REQUIRE_SCHEMAS` names `gexf` (a comma list,
//! or `1`/`all`): then it fails.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn required(format: &str) -> bool {
    std::env::var("MAILLAGE_REQUIRE_SCHEMAS").is_ok_and(|v| {
        v.split(',')
            .map(str::trim)
            .any(|w| w == "1" || w.eq_ignore_ascii_case("all") || w.eq_ignore_ascii_case(format))
    })
}

fn xmllint_available() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The official GEXF 1.3 RELAX NG grammar, vendored in the repository.
fn gexf_grammar() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vendor/gexf-1.3/gexf.rng")
}

/// Panics unless `doc` is valid GEXF 1.3; `what` names the document in the
/// message.
pub fn assert_valid_gexf(what: &str, doc: &str) {
    if !xmllint_available() {
        assert!(
            !required("gexf"),
            "MAILLAGE_REQUIRE_SCHEMAS requires gexf, but xmllint is not installed \
             (Debian: libxml2-utils)"
        );
        eprintln!("skipped: gexf schema validation of {what}: xmllint is not installed");
        return;
    }
    let rng = gexf_grammar();
    assert!(
        rng.is_file(),
        "the vendored GEXF grammar is missing: {}",
        rng.display()
    );
    let mut file = tempfile::Builder::new()
        .suffix(".gexf")
        .tempfile()
        .expect("temp file");
    file.write_all(doc.as_bytes()).unwrap();
    file.flush().unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--relaxng"])
        .arg(&rng)
        .arg(file.path())
        .output()
        .expect("run xmllint");
    assert!(
        out.status.success(),
        "{what} is refused by the GEXF 1.3 grammar: {}\n{doc}",
        String::from_utf8_lossy(&out.stderr)
    );
}
