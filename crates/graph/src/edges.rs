//! Reading an edges CSV (format in `docs/architecture.md`, « The command line »).
//!
//! UTF-8, RFC 4180 quoting, LF or CRLF. Columns are found by header name:
//! `source`, `target` and, when asked, a weight column. Ids are the field
//! text verbatim. The file is streamed one record at a time: memory grows
//! with the number of distinct nodes and edges, not with the file size.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use crate::network::{Network, NetworkBuilder};

/// How to read an edges file.
#[derive(Debug, Clone, Default)]
pub struct EdgesOptions {
    /// `a,b` and `b,a` are two arcs.
    pub directed: bool,
    /// The header name of the weight column; `None` ignores any weight.
    pub weight_column: Option<String>,
}

/// Why a weight field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightProblem {
    NotANumber,
    NotFinite,
    NotPositive,
}

impl std::fmt::Display for WeightProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WeightProblem::NotANumber => "not a number",
            WeightProblem::NotFinite => "not a finite number",
            WeightProblem::NotPositive => "not greater than 0",
        })
    }
}

/// A malformed edges file; every variant names the file, and the line (and
/// column) when there is one. The command line maps all of them to exit 2.
#[derive(Debug, thiserror::Error)]
pub enum EdgesError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}, line {line}: {message}")]
    Malformed {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}, line 1: the header has no column `{column}`")]
    MissingColumn { file: String, column: &'static str },
    #[error("{file}, line 1: the weight column `{column}` is not in the header")]
    UnknownWeightColumn { file: String, column: String },
    #[error("{file}, line {line}, column `{column}`: weight `{value}` is {problem}")]
    InvalidWeight {
        file: String,
        line: u64,
        column: String,
        value: String,
        problem: WeightProblem,
    },
    #[error("{file}, line {line}, column `{column}`: empty id")]
    EmptyId {
        file: String,
        line: u64,
        column: &'static str,
    },
    #[error("{file}: no edge row after the header")]
    NoRows { file: String },
}

/// Reads the edges file at `path`; messages name it as given.
pub fn read_edges_file(path: &Path, opts: &EdgesOptions) -> Result<Network, EdgesError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| EdgesError::Io {
        file: name.clone(),
        source,
    })?;
    read_edges(BufReader::with_capacity(1 << 16, file), &name, opts)
}

/// Reads an edges CSV from any reader; `name` is the file name used in messages.
pub fn read_edges<R: Read>(
    reader: R,
    name: &str,
    opts: &EdgesOptions,
) -> Result<Network, EdgesError> {
    let file = || name.to_owned();
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, csv::Position::line);
        match e.into_kind() {
            csv::ErrorKind::Io(source) => EdgesError::Io {
                file: file(),
                source,
            },
            csv::ErrorKind::Utf8 { err, .. } => EdgesError::Malformed {
                file: file(),
                line,
                message: format!("not UTF-8 text (field {})", err.field() + 1),
            },
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => EdgesError::Malformed {
                file: file(),
                line,
                message: format!("{len} field(s) where the header has {expected_len}"),
            },
            other => EdgesError::Malformed {
                file: file(),
                line,
                message: format!("{other:?}"),
            },
        }
    };

    let header = csv.headers().map_err(csv_error)?.clone();
    let column = |wanted: &str| {
        header.iter().enumerate().position(|(i, h)| {
            // A UTF-8 byte order mark (Excel) is not part of the first name.
            let h = if i == 0 {
                h.strip_prefix('\u{feff}').unwrap_or(h)
            } else {
                h
            };
            h == wanted
        })
    };
    let source_col = column("source").ok_or_else(|| EdgesError::MissingColumn {
        file: file(),
        column: "source",
    })?;
    let target_col = column("target").ok_or_else(|| EdgesError::MissingColumn {
        file: file(),
        column: "target",
    })?;
    let weight_col = match &opts.weight_column {
        None => None,
        Some(w) => Some(column(w).ok_or_else(|| EdgesError::UnknownWeightColumn {
            file: file(),
            column: w.clone(),
        })?),
    };

    let mut builder: NetworkBuilder = Network::builder(opts.directed, weight_col.is_some());
    let mut record = csv::StringRecord::new();
    let mut rows = 0_u64;
    while csv.read_record(&mut record).map_err(csv_error)? {
        rows += 1;
        let line = record.position().map_or(rows + 1, csv::Position::line);
        let source = &record[source_col];
        let target = &record[target_col];
        for (id, column) in [(source, "source"), (target, "target")] {
            if id.is_empty() {
                return Err(EdgesError::EmptyId {
                    file: file(),
                    line,
                    column,
                });
            }
        }
        let weight = match weight_col {
            None => None,
            Some(c) => {
                Some(
                    parse_weight(&record[c]).map_err(|problem| EdgesError::InvalidWeight {
                        file: file(),
                        line,
                        column: header[c].to_owned(),
                        value: record[c].to_owned(),
                        problem,
                    })?,
                )
            }
        };
        builder
            .add_edge(source, target, weight)
            .expect("weights are checked above");
    }
    if rows == 0 {
        return Err(EdgesError::NoRows { file: file() });
    }
    Ok(builder.build())
}

/// A finite number > 0; surrounding ASCII spaces are tolerated (as Python's
/// `float()` does), nothing else.
fn parse_weight(text: &str) -> Result<f64, WeightProblem> {
    let t = text.trim_ascii();
    let w: f64 = t.parse().map_err(|_| WeightProblem::NotANumber)?;
    // Rust parses "inf", "infinity" and "nan"; none is a weight.
    if !w.is_finite() {
        return Err(if w.is_nan() {
            WeightProblem::NotANumber
        } else {
            WeightProblem::NotFinite
        });
    }
    if w <= 0.0 {
        return Err(WeightProblem::NotPositive);
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, directed: bool, weight: Option<&str>) -> Result<Network, EdgesError> {
        read_edges(
            text.as_bytes(),
            "e.csv",
            &EdgesOptions {
                directed,
                weight_column: weight.map(str::to_owned),
            },
        )
    }

    #[test]
    fn reads_quotes_crlf_and_verbatim_ids() {
        let net = read(
            "\u{feff}target,source,w\r\n\"L’Envolée, Jonquière\",01,2\r\n1,\"a \"\"b\"\"\",3\r\n 01,01,1\r\n",
            false,
            Some("w"),
        )
        .unwrap();
        assert_eq!(
            net.ids(),
            ["01", "L’Envolée, Jonquière", "a \"b\"", "1", " 01"]
        );
        assert_eq!(
            net.edges().collect::<Vec<_>>(),
            [(0, 1, 2.0), (2, 3, 3.0), (0, 4, 1.0)]
        );
    }

    #[test]
    fn weight_column_ignored_without_the_option() {
        let net = read("source,target,w\na,b,oops\n", false, None).unwrap();
        assert!(!net.is_weighted());
        assert_eq!(net.edge_count(), 1);
    }

    #[test]
    fn duplicates_last_weight_wins() {
        let net = read("source,target,w\na,b,1\nb,a,5\na,b,2.5\n", false, Some("w")).unwrap();
        assert_eq!(net.edges().collect::<Vec<_>>(), [(0, 1, 2.5)]);
        let net = read("source,target,w\na,b,1\nb,a,5\na,b,2.5\n", true, Some("w")).unwrap();
        assert_eq!(net.edges().collect::<Vec<_>>(), [(0, 1, 2.5), (1, 0, 5.0)]);
    }

    #[test]
    fn errors_name_the_line() {
        let msg =
            |text: &str, weight: Option<&str>| read(text, false, weight).unwrap_err().to_string();
        assert_eq!(
            msg("src,target\na,b\n", None),
            "e.csv, line 1: the header has no column `source`"
        );
        assert_eq!(
            msg("source,dst\na,b\n", None),
            "e.csv, line 1: the header has no column `target`"
        );
        assert_eq!(
            msg("source,target\na,b\n", Some("poids")),
            "e.csv, line 1: the weight column `poids` is not in the header"
        );
        assert_eq!(
            msg("source,target\n", None),
            "e.csv: no edge row after the header"
        );
        assert_eq!(
            msg("", None),
            "e.csv, line 1: the header has no column `source`"
        );
        assert_eq!(
            msg("source,target\na,b\n,c\n", None),
            "e.csv, line 3, column `source`: empty id"
        );
        assert_eq!(
            msg("source,target\na,b\nc,\"\"\n", None),
            "e.csv, line 3, column `target`: empty id"
        );
        for (w, problem) in [
            ("abc", "not a number"),
            ("", "not a number"),
            ("NaN", "not a number"),
            ("inf", "not a finite number"),
            ("-inf", "not a finite number"),
            ("1e999", "not a finite number"),
            ("0", "not greater than 0"),
            ("-2", "not greater than 0"),
        ] {
            assert_eq!(
                msg(
                    &format!("source,target,w\na,b,1\n\"x\ny\",c,{w}\n"),
                    Some("w")
                ),
                format!("e.csv, line 3, column `w`: weight `{w}` is {problem}")
            );
        }
        assert_eq!(
            msg("source,target\na,b\nc\n", None),
            "e.csv, line 3: 1 field(s) where the header has 2"
        );
        let bad_utf8 = read_edges(
            &b"source,target\na,\xff\n"[..],
            "e.csv",
            &EdgesOptions::default(),
        )
        .unwrap_err();
        assert_eq!(
            bad_utf8.to_string(),
            "e.csv, line 2: not UTF-8 text (field 2)"
        );
    }

    #[test]
    fn self_loops_only() {
        let net = read("source,target\nx,x\n", false, None).unwrap();
        assert_eq!(net.node_count(), 1);
        assert_eq!(net.edge_count(), 0);
    }

    #[test]
    fn missing_file() {
        let e =
            read_edges_file(Path::new("/nonexistent/e.csv"), &EdgesOptions::default()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/nonexistent/e.csv: cannot read:"),
            "{e}"
        );
    }
}
