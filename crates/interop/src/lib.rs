//! File formats maillage reads and writes; today the Open Referral HSDS 3.0
//! tabular data package. Pure file handling: no database here, so that the
//! command line, the web app and the tests share one reader and one writer.

pub mod attendance;
pub mod csv_out;
pub mod dates;
pub mod documents;
pub mod grid;
pub mod hsds;
pub mod ical;
pub mod network;
pub mod plan_file;
pub mod qr;
pub mod svg_png;
