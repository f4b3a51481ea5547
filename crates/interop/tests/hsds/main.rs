//! HSDS 3.0 packages against the official material, vendored unchanged in
//! `vendor/hsds-3.0/` at the workspace root.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use maillage_interop::hsds::{Problem, read_package};

mod bad;
mod example;
mod scale;
mod schema;

/// The official HSDS 3.0 material, vendored in the repository.
fn official() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../vendor/hsds-3.0"
    ))
}

fn example_dir() -> PathBuf {
    official().join("examples/csv")
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

/// Writes a zip holding `entries` (name, bytes) as given, unchecked.
fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// Every file of a directory, by name.
fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Reads a package that must have no structural problem.
fn read_clean(path: &Path) -> maillage_interop::hsds::Package {
    let (package, problems) = read_package(path).unwrap();
    assert_eq!(
        messages(&problems),
        Vec::<String>::new(),
        "reading {}",
        path.display()
    );
    package
}
