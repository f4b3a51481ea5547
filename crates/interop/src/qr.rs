//! QR codes as SVG, so that participants in a room scan the join address
//! off the projected slide.
//!
//! The modules are the `qrcode` crate's; the SVG is written here, so that
//! it carries an accessible name and no fixed size (it scales to its
//! container, `shape-rendering="crispEdges"` keeps module edges sharp) and
//! no `style` (the pages' CSP forbids inline styles).

use std::fmt::Write as _;

use maillage_domain::charts::escape;
use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode};

/// The light border around the code, in modules: 4 is the standard's minimum,
/// which scanners need to find the code's edges.
pub const QUIET_ZONE: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrSvgError {
    #[error("le texte est trop long pour un code QR ({0}\u{a0}octets)")]
    TooLong(usize),
    #[error("le texte ne peut pas être mis dans un code QR\u{a0}: {0}")]
    Other(QrError),
}

/// `text` as a QR code (error correction M: a code still reads with 15 %
/// of it hidden or blurred), dark modules on white. `label` is what screen
/// readers announce, also the `<title>` (translated by the caller, e.g.
/// « Code QR pour rejoindre la salle 1530 4040 »).
pub fn svg(text: &str, label: &str) -> Result<String, QrSvgError> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).map_err(|e| match e {
        QrError::DataTooLong => QrSvgError::TooLong(text.len()),
        other => QrSvgError::Other(other),
    })?;
    let modules = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    let side = modules + 2 * QUIET_ZONE;
    let label = escape(label);
    let mut svg = String::with_capacity(512 + modules * modules * 3);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         role=\"img\" aria-label=\"{label}\" class=\"qr\" shape-rendering=\"crispEdges\">\
         <title>{label}</title>\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#FFFFFF\"/><path fill=\"#000000\" d=\""
    );
    // One rectangle per horizontal run of dark modules keeps the path short.
    for (y, row) in dark.chunks(modules).enumerate() {
        let mut x = 0;
        while x < modules {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < modules && row[x] {
                x += 1;
            }
            let run = x - start;
            let _ = write!(
                svg,
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            );
        }
    }
    svg.push_str("\"/></svg>");
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::svg_png;

    const URL: &str = "https://maillage.example/rejoindre/15304040";

    /// The SVG drawn as pixels, then read back by a QR decoder.
    fn scan(svg: &str, modules_with_border: u32) -> String {
        let pixmap = svg_png::render_pixmap(svg, modules_with_border * 6).unwrap();
        let width = pixmap.width() as usize;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(width, pixmap.height() as usize, |x, y| {
                pixmap.pixels()[y * width + x].demultiply().green()
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    fn side(svg: &str) -> u32 {
        let start = svg.find("viewBox=\"0 0 ").unwrap() + 13;
        let rest = &svg[start..];
        rest[..rest.find(' ').unwrap()].parse().unwrap()
    }

    #[test]
    fn code_reads_back_as_the_text() {
        let svg = svg(URL, "Code QR").unwrap();
        assert_eq!(scan(&svg, side(&svg)), URL);
        let accented = "Rejoindre l’activité : 1530 4040 — Écoute";
        let svg = super::svg(accented, "Code QR").unwrap();
        assert_eq!(scan(&svg, side(&svg)), accented);
    }

    #[test]
    fn svg_is_accessible_crisp_and_deterministic() {
        let a = svg(URL, "Code QR «\u{a0}1530 4040\u{a0}» <b>").unwrap();
        assert!(a.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
        assert!(a.contains("role=\"img\""));
        assert!(a.contains("aria-label=\"Code QR «\u{a0}1530 4040\u{a0}» &lt;b&gt;\""));
        assert!(a.contains("<title>Code QR «\u{a0}1530 4040\u{a0}» &lt;b&gt;</title>"));
        assert!(a.contains("shape-rendering=\"crispEdges\""));
        assert!(!a.contains("style"));
        assert!(a.ends_with("</svg>"));
        assert_eq!(a, svg(URL, "Code QR «\u{a0}1530 4040\u{a0}» <b>").unwrap());
        assert_ne!(
            a,
            svg("https://maillage.example/rejoindre/15304041", "x").unwrap()
        );
    }

    #[test]
    fn quiet_zone_is_left_light() {
        let svg = svg(URL, "Code QR").unwrap();
        let side = side(&svg) as usize;
        // No dark run starts inside the border.
        let path = &svg[svg.find(" d=\"").unwrap() + 4..];
        for run in path.split('M').skip(1) {
            let mut numbers = run.split(['h', ' ']);
            let x: usize = numbers.next().unwrap().parse().unwrap();
            let y: usize = numbers.next().unwrap().parse().unwrap();
            assert!(x >= QUIET_ZONE && x < side - QUIET_ZONE, "{run}");
            assert!(y >= QUIET_ZONE && y < side - QUIET_ZONE, "{run}");
        }
    }

    #[test]
    fn too_long_text_is_an_error() {
        let long = "x".repeat(5000);
        assert_eq!(svg(&long, "Code QR"), Err(QrSvgError::TooLong(5000)));
    }
}
