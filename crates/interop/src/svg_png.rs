//! SVG drawings (word clouds, QR codes) rasterized as PNG, for slides and
//! documents that do not take SVG.
//!
//! Text is drawn with one embedded font, DejaVu Sans Bold
//! (`assets/fonts/`, with its licence), and no system font is ever looked
//! at: the same SVG gives the same PNG on every machine, and the word
//! cloud's width estimates (`maillage_domain`'s cloud module) are this
//! font's advances. Every family an SVG asks for falls back to it.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// The embedded font's bytes and its family name.
pub const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// The widest PNG drawn, in pixels (a 4K projector is 3840 wide).
pub const MAX_WIDTH: u32 = 4096;

#[derive(Debug, thiserror::Error)]
pub enum SvgPngError {
    #[error("la largeur demandée ({0} px) doit être entre 1 et {MAX_WIDTH} px")]
    Width(u32),
    #[error("le dessin SVG est illisible\u{a0}: {0}")]
    Svg(#[from] usvg::Error),
    #[error("le dessin SVG n’a pas de taille")]
    Empty,
    #[error("l’image PNG n’a pas pu être écrite\u{a0}: {0}")]
    Png(String),
}

/// The font database: only the embedded font, loaded once per process.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(FONT.to_vec());
            db.set_sans_serif_family(FONT_FAMILY);
            db.set_serif_family(FONT_FAMILY);
            db.set_monospace_family(FONT_FAMILY);
            db.set_cursive_family(FONT_FAMILY);
            db.set_fantasy_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// The SVG parsed with the embedded font, as the renderer sees it.
pub fn parse(svg: &str) -> Result<usvg::Tree, SvgPngError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        languages: vec!["fr".to_owned(), "en".to_owned()],
        ..usvg::Options::default()
    };
    Ok(usvg::Tree::from_str(svg, &options)?)
}

/// The SVG drawn `width` pixels wide, its height in proportion, as PNG
/// bytes. What the SVG leaves unpainted stays transparent.
pub fn render_png(svg: &str, width: u32) -> Result<Vec<u8>, SvgPngError> {
    render_pixmap(svg, width)?
        .encode_png()
        .map_err(|e| SvgPngError::Png(e.to_string()))
}

/// The SVG drawn `width` pixels wide, as pixels (premultiplied RGBA).
pub fn render_pixmap(svg: &str, width: u32) -> Result<Pixmap, SvgPngError> {
    if width == 0 || width > MAX_WIDTH {
        return Err(SvgPngError::Width(width));
    }
    let tree = parse(svg)?;
    let size = tree.size();
    #[expect(
        clippy::cast_precision_loss,
        reason = "width is at most MAX_WIDTH, exact in f32"
    )]
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).round();
    if !(1.0..=f32::from(u16::MAX)).contains(&height) {
        return Err(SvgPngError::Empty);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "height was checked to be between 1 and 65535"
    )]
    let height = height as u32;
    let mut pixmap = Pixmap::new(width, height).ok_or(SvgPngError::Empty)?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

#[cfg(test)]
mod tests {
    use maillage_domain::live::cloud::{self as live_cloud, CloudOptions};

    use super::*;

    const WORDS: [(&str, u32); 6] = [
        ("Écoute active", 9),
        ("confiance", 5),
        ("l’équipe", 3),
        ("Où ça ? À Montréal", 2),
        ("Œuvre", 2),
        ("çà et là", 1),
    ];

    fn cloud(dark: bool) -> String {
        live_cloud::cloud_svg(
            &WORDS,
            &CloudOptions {
                label: "Nuage de mots".to_owned(),
                dark,
            },
        )
    }

    #[test]
    fn cloud_png_decodes_and_is_not_blank() {
        let png = render_png(&cloud(false), 600).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 600);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 350);

        let pixmap = render_pixmap(&cloud(false), 600).unwrap();
        let inked = pixmap
            .pixels()
            .iter()
            .filter(|p| p.alpha() == 255 && (p.red() < 200 || p.green() < 200 || p.blue() < 200))
            .count();
        assert!(inked > 1000, "only {inked} dark pixels");
    }

    #[test]
    fn dark_cloud_has_light_words() {
        let pixmap = render_pixmap(&cloud(true), 300).unwrap();
        let light = pixmap
            .pixels()
            .iter()
            .filter(|p| p.red() > 120 || p.green() > 120 || p.blue() > 120)
            .count();
        assert!(light > 100);
    }

    #[test]
    fn rendering_is_the_same_every_time() {
        assert_eq!(
            render_png(&cloud(false), 400).unwrap(),
            render_png(&cloud(false), 400).unwrap()
        );
    }

    /// The cloud's width estimate holds for the font the PNG is drawn with:
    /// every word's text box, as laid out by resvg with DejaVu Sans Bold, is
    /// inside the box the cloud reserved for it, so no two words overlap.
    #[test]
    fn drawn_words_stay_inside_their_estimated_boxes() {
        let stems = [
            "Écoute active",
            "RESPECT",
            "WWWWW",
            "confiance mutuelle",
            "l’équipe",
            "Œuvre commune",
            "ÀÉÎÕÜ",
            "mmmmmm",
            "ça",
            "«\u{a0}ouverture\u{a0}»",
        ];
        let words: Vec<(String, u32)> = (0..80u32)
            .map(|i| {
                (
                    format!("{} {i}", stems[i as usize % stems.len()]),
                    1 + i % 9,
                )
            })
            .collect();
        let words: Vec<(&str, u32)> = words.iter().map(|(t, c)| (t.as_str(), *c)).collect();
        let placed = live_cloud::cloud_layout(&words, false);
        let tree = parse(&live_cloud::cloud_svg(&words, &CloudOptions::default())).unwrap();
        let texts: Vec<_> = tree
            .root()
            .children()
            .iter()
            .filter_map(|node| match node {
                usvg::Node::Text(text) => Some(text.abs_bounding_box()),
                _ => None,
            })
            .collect();
        assert_eq!(texts.len(), placed.len());
        for (drawn, word) in texts.iter().zip(&placed) {
            let reserved = word.bounds;
            let tolerance = 0.5;
            assert!(
                f64::from(drawn.left()) >= reserved.left - tolerance
                    && f64::from(drawn.right()) <= reserved.right + tolerance
                    && f64::from(drawn.top()) >= reserved.top - tolerance
                    && f64::from(drawn.bottom()) <= reserved.bottom + tolerance,
                "{:?} drawn at {drawn:?}, reserved {reserved:?}",
                word.text
            );
        }
    }

    #[test]
    fn bad_width_or_svg_is_an_error() {
        assert!(matches!(
            render_png(&cloud(false), 0),
            Err(SvgPngError::Width(0))
        ));
        assert!(matches!(
            render_png(&cloud(false), MAX_WIDTH + 1),
            Err(SvgPngError::Width(_))
        ));
        assert!(matches!(render_png("<svg", 100), Err(SvgPngError::Svg(_))));
    }
}
