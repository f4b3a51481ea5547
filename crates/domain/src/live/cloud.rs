//! The word cloud of a live activity, drawn on the server as SVG.
//!
//! No script is involved: the page, the projector view and the exports show
//! the same drawing, and a reload shows the current state. The drawing is a
//! pure function of the words and their counts, so the same answers always
//! give the same picture (and tests can compare it).
//!
//! Layout: the words, most frequent first, are placed one by one along an
//! Archimedean spiral that starts at the centre of a 1200 × 700 view box
//! (stretched to the box's proportions), at the first position where the
//! word's box meets no box already placed. A word's font size grows with the
//! square root of its count, so that its area, what the eye compares, grows
//! with the count; when the words would not fit, all of them shrink together,
//! then a word that still finds no room shrinks alone, and is left out as a
//! last resort. Words are never rotated: a projected cloud is read from afar.
//!
//! Text width estimate: the page cannot measure text, so a word's width is
//! the sum of its characters' advances in DejaVu Sans Bold, the font
//! maillage-interop embeds to draw the cloud as PNG (its `hmtx` advances for
//! ASCII and Latin-1, in font units of 2048 per em, in [`ADVANCE_ASCII`] and
//! [`ADVANCE_LATIN1`]), plus [`WIDTH_SLACK`]. Other characters count
//! [`OTHER_ADVANCE_EM`] (an emoji is about 1.2 em wide in the common colour
//! fonts, a CJK ideograph 1 em) and combining marks and joiners count 0.
//! DejaVu Sans is one of the widest sans-serif fonts, so a browser that draws
//! the words with its fallback (Arial, Helvetica, Liberation Sans) draws them
//! narrower than the boxes: words never overlap, they only sit a bit apart.
//! The vertical box is the font's ascent and descent (accents included).

use std::fmt::Write as _;

use crate::charts::escape;

/// The view box: landscape, the shape of a projected slide.
pub const WIDTH: f64 = 1200.0;
pub const HEIGHT: f64 = 700.0;
/// At most this many words are drawn (the most frequent ones); more would
/// be too small to read from the back of a room.
pub const MAX_DRAWN: usize = 80;
/// The size of the most frequent word(s), in view box units.
pub const MAX_SIZE: f64 = 96.0;
/// The size below which a word does not go because of its count.
pub const MIN_SIZE: f64 = 18.0;
/// The size below which a word does not shrink to make room.
pub const FLOOR_SIZE: f64 = 12.0;
/// The fonts of the drawing: first the one the PNG is drawn with.
pub const FONT_FAMILY: &str = "'DejaVu Sans', 'Bitstream Vera Sans', Arial, Helvetica, sans-serif";
/// Added to every estimated width (kerning, hinting, a fallback font's
/// wider glyph).
pub const WIDTH_SLACK: f64 = 0.03;
/// The estimated advance of a character outside ASCII and Latin-1, in em.
pub const OTHER_ADVANCE_EM: f64 = 1.3;

/// DejaVu Sans Bold's units per em.
const UNITS_PER_EM: f64 = 2048.0;
/// DejaVu Sans Bold's `hhea` ascent and descent, in em.
const ASCENT_EM: f64 = 1901.0 / UNITS_PER_EM;
const DESCENT_EM: f64 = 483.0 / UNITS_PER_EM;
/// Empty space kept around the drawing and between two words.
const MARGIN: f64 = 12.0;
const GAP: f64 = 4.0;
/// Share of the view box the words' boxes may cover before all shrink: a
/// spiral packs rectangles of mixed sizes to about half the area.
const FILL: f64 = 0.42;
/// Spiral: radius growth per radian and the distance between two tries.
const SPIRAL_GROWTH: f64 = 1.6;
const SPIRAL_STEP: f64 = 3.0;
/// Each word starts its spiral at a different angle (the golden angle
/// apart), so that the cloud grows evenly on all sides.
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// Advances of DejaVu Sans Bold for U+0020 to U+007E, in font units.
pub const ADVANCE_ASCII: [u16; 95] = [
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048,
    1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501,
    1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024,
    1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466,
    1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
];

/// Advances of DejaVu Sans Bold for U+00A0 to U+00FF, in font units.
pub const ADVANCE_LATIN1: [u16; 96] = [
    713, 934, 1425, 1425, 1303, 1425, 748, 1024, 1024, 2048, 1155, 1323, 1716, 850, 2048, 1024,
    1024, 1716, 897, 897, 1024, 1507, 1303, 778, 1024, 897, 1155, 1323, 2120, 2120, 2120, 1188,
    1585, 1585, 1585, 1585, 1585, 1585, 2222, 1503, 1399, 1399, 1399, 1399, 762, 762, 762, 762,
    1716, 1714, 1741, 1741, 1741, 1741, 1741, 1716, 1741, 1663, 1663, 1663, 1663, 1483, 1511, 1473,
    1382, 1382, 1382, 1382, 1382, 1382, 2146, 1214, 1389, 1389, 1389, 1389, 702, 702, 702, 702,
    1407, 1458, 1407, 1407, 1407, 1407, 1407, 1716, 1407, 1458, 1458, 1458, 1458, 1335, 1466, 1335,
];

/// Word colours on white: each contrasts at least 6.5:1 with it (WCAG AA
/// asks 4.5:1), and their hues stay apart.
pub const PALETTE_LIGHT: [&str; 7] = [
    "#0B4F8A", "#A6361B", "#006B4F", "#6A2C91", "#8A4B00", "#B0005A", "#2F3B45",
];
/// Word colours on [`DARK_BACKGROUND`]: each contrasts at least 9.8:1.
pub const PALETTE_DARK: [&str; 7] = [
    "#8FC7FF", "#FFB38A", "#7FE0B5", "#D9B3FF", "#FFE08A", "#FF9EC4", "#E6E6E6",
];
pub const LIGHT_BACKGROUND: &str = "#FFFFFF";
pub const DARK_BACKGROUND: &str = "#111111";

/// How a cloud is drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CloudOptions {
    /// What screen readers announce for the picture, also its `<title>`
    /// (translated by the caller, e.g. « Nuage de mots, 12 réponses »).
    pub label: String,
    /// Light words on near-black, for a projector.
    pub dark: bool,
}

/// A box in view box units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    /// Whether the two boxes share any point of their inside (touching
    /// edges do not overlap).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn grown(&self, by: f64) -> Rect {
        Rect {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }
}

/// A word as drawn: centred on `x`, its baseline at `baseline`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedWord {
    /// The text drawn: the word with its runs of white space made single
    /// spaces, shortened with « … » if it would not fit the width.
    pub text: String,
    /// The word as given, for the description.
    pub full_text: String,
    pub count: u32,
    pub size: f64,
    pub x: f64,
    pub baseline: f64,
    /// The estimated box of the drawn text (see the module's documentation).
    pub bounds: Rect,
    pub color: &'static str,
}

/// The estimated advance of one character, in em.
pub fn advance_em(c: char) -> f64 {
    let code = u32::from(c);
    let units = match code {
        0x20..=0x7E => ADVANCE_ASCII[(code - 0x20) as usize],
        0xA0..=0xFF => ADVANCE_LATIN1[(code - 0xA0) as usize],
        // Combining marks, zero-width spaces and joiners, variation selectors.
        0x0300..=0x036F | 0x200B..=0x200F | 0x2060 | 0xFE00..=0xFE0F => return 0.0,
        0x2019 | 0x2018 => 778,
        0x2026 => 2048,
        0x0152 => 2390,
        0x0153 => 2241,
        _ => return OTHER_ADVANCE_EM,
    };
    f64::from(units) / UNITS_PER_EM
}

/// The estimated width of a text, in em (see the module's documentation).
pub fn text_width_em(text: &str) -> f64 {
    text.chars().map(advance_em).sum::<f64>() * (1.0 + WIDTH_SLACK)
}

/// Where the words go. Words with an empty text or a count of 0 are
/// skipped; the order is count descending, then text, and only the first
/// [`MAX_DRAWN`] are considered.
pub fn cloud_layout(words: &[(&str, u32)], dark: bool) -> Vec<PlacedWord> {
    let mut entries: Vec<(String, &str, u32)> = words
        .iter()
        .map(|&(text, count)| {
            (
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                text,
                count,
            )
        })
        .filter(|(text, _, count)| !text.is_empty() && *count > 0)
        .collect();
    entries.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    entries.truncate(MAX_DRAWN);
    let Some(top) = entries.first().map(|e| e.2) else {
        return Vec::new();
    };

    let available = WIDTH - 2.0 * MARGIN;
    // Sizes by count, then no wider than the drawing.
    let mut sized: Vec<(String, &str, u32, f64)> = entries
        .into_iter()
        .map(|(text, full, count)| {
            let size = (MAX_SIZE * (f64::from(count) / f64::from(top)).sqrt()).max(MIN_SIZE);
            let size = size.min(available / text_width_em(&text));
            (text, full, count, size)
        })
        .collect();

    // All shrink together when their boxes would cover too much of the view.
    let area: f64 = sized
        .iter()
        .map(|(text, _, _, size)| {
            (text_width_em(text) * size + GAP) * ((ASCENT_EM + DESCENT_EM) * size + GAP)
        })
        .sum();
    let budget = FILL * WIDTH * HEIGHT;
    if area > budget {
        let shrink = (budget / area).sqrt();
        for word in &mut sized {
            word.3 *= shrink;
        }
    }

    let palette: &[&'static str] = if dark { &PALETTE_DARK } else { &PALETTE_LIGHT };
    let mut placed: Vec<PlacedWord> = Vec::with_capacity(sized.len());
    for (index, (text, full, count, size)) in sized.into_iter().enumerate() {
        let mut size = round1(size.max(FLOOR_SIZE));
        let text = fit_text(&text, size, available);
        let start = index_angle(index);
        loop {
            if let Some((x, baseline, bounds)) = find_room(&text, size, start, &placed) {
                placed.push(PlacedWord {
                    color: colour(palette, &text),
                    text,
                    full_text: full.to_owned(),
                    count,
                    size,
                    x,
                    baseline,
                    bounds,
                });
                break;
            }
            if size <= FLOOR_SIZE {
                break; // no room left even small: the word is left out
            }
            size = round1((size * 0.85).max(FLOOR_SIZE));
        }
    }
    placed
}

/// The word cloud as an SVG document (also fit for inline use in a page:
/// no `style`, no script, no fixed width, so it scales to its container).
/// No words give a valid SVG with only the background; what to say then is
/// up to the page.
pub fn cloud_svg(words: &[(&str, u32)], opts: &CloudOptions) -> String {
    let placed = cloud_layout(words, opts.dark);
    let label = escape(&opts.label);
    let (background, class) = if opts.dark {
        (DARK_BACKGROUND, "live-cloud live-cloud-dark")
    } else {
        (LIGHT_BACKGROUND, "live-cloud")
    };
    let mut svg = String::with_capacity(256 + placed.len() * 96);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         role=\"img\" aria-label=\"{label}\" class=\"{class}\" font-family=\"{}\" \
         font-weight=\"bold\" text-anchor=\"middle\"><title>{label}</title>",
        escape(FONT_FAMILY)
    );
    if !placed.is_empty() {
        // The words and counts in words, since role="img" hides the texts.
        let listed: Vec<String> = placed
            .iter()
            .map(|w| format!("{} ({})", w.full_text, w.count))
            .collect();
        let _ = write!(svg, "<desc>{}</desc>", escape(&listed.join(", ")));
    }
    let _ = write!(
        svg,
        "<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"{background}\"/>"
    );
    for word in &placed {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" fill=\"{}\">{}</text>",
            word.x,
            word.baseline,
            word.size,
            word.color,
            escape(&word.text)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn index_angle(index: usize) -> f64 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "at most MAX_DRAWN words, exact in f64"
    )]
    let index = index as f64;
    index * GOLDEN_ANGLE
}

/// The box of `text` drawn at `size`, centred on `x`, baseline at `baseline`.
fn text_box(text: &str, size: f64, x: f64, baseline: f64) -> Rect {
    let half = text_width_em(text) * size / 2.0;
    Rect {
        left: x - half,
        top: baseline - ASCENT_EM * size,
        right: x + half,
        bottom: baseline + DESCENT_EM * size,
    }
}

/// The text, cut and ended with « … » when it would be wider than
/// `available` at `size`.
fn fit_text(text: &str, size: f64, available: f64) -> String {
    if text_width_em(text) * size <= available {
        return text.to_owned();
    }
    let room = available / size / (1.0 + WIDTH_SLACK) - advance_em('…');
    let mut used = 0.0;
    let mut cut = String::new();
    for c in text.chars() {
        used += advance_em(c);
        if used > room {
            break;
        }
        cut.push(c);
    }
    let mut cut = cut.trim_end().to_owned();
    cut.push('…');
    cut
}

/// The first position along the spiral where the word fits inside the
/// margins without touching a placed word: (centre x, baseline, box).
fn find_room(text: &str, size: f64, start: f64, placed: &[PlacedWord]) -> Option<(f64, f64, Rect)> {
    let aspect = WIDTH / HEIGHT;
    let max_radius = HEIGHT / 2.0 + MARGIN;
    // The box's vertical centre sits this far above the baseline.
    let centre_to_baseline = (ASCENT_EM - DESCENT_EM) * size / 2.0;
    // Checking the word that blocked the last try first saves most checks.
    let mut last_hit = 0;
    let mut turn = 0.0_f64;
    loop {
        let radius = SPIRAL_GROWTH * turn;
        if radius > max_radius {
            return None;
        }
        let angle = start + turn;
        let x = round1(WIDTH / 2.0 + radius * angle.cos() * aspect);
        let baseline = round1(HEIGHT / 2.0 + radius * angle.sin() + centre_to_baseline);
        let bounds = text_box(text, size, x, baseline);
        turn += (SPIRAL_STEP / (radius * aspect).max(SPIRAL_STEP)).min(0.5);
        if bounds.left < MARGIN
            || bounds.top < MARGIN
            || bounds.right > WIDTH - MARGIN
            || bounds.bottom > HEIGHT - MARGIN
        {
            continue;
        }
        let padded = bounds.grown(GAP);
        if placed
            .get(last_hit)
            .is_some_and(|w| w.bounds.overlaps(&padded))
        {
            continue;
        }
        if let Some(hit) = placed.iter().position(|w| w.bounds.overlaps(&padded)) {
            last_hit = hit;
            continue;
        }
        return Some((x, baseline, bounds));
    }
}

/// The word's colour, from a hash of its text (FNV-1a): a word keeps its
/// colour while the cloud changes around it.
fn colour(palette: &[&'static str], text: &str) -> &'static str {
    let hash = fnv1a(text) % palette.len() as u64;
    palette[usize::try_from(hash).unwrap_or(0)]
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> CloudOptions {
        CloudOptions {
            label: "Nuage de mots".to_owned(),
            dark: false,
        }
    }

    fn many(n: u32) -> Vec<(String, u32)> {
        let stems = [
            "écoute",
            "respect",
            "confiance",
            "collaboration",
            "partage",
            "ouverture",
            "bienveillance",
            "engagement",
            "solidarité",
            "transparence",
        ];
        (0..n)
            .map(|i| {
                let stem = stems[i as usize % stems.len()];
                (format!("{stem} {i}"), 1 + (i * 7919) % 23)
            })
            .collect()
    }

    fn borrowed(words: &[(String, u32)]) -> Vec<(&str, u32)> {
        words.iter().map(|(t, c)| (t.as_str(), *c)).collect()
    }

    fn assert_disjoint_and_inside(placed: &[PlacedWord]) {
        for (i, a) in placed.iter().enumerate() {
            assert!(a.bounds.left >= 0.0 && a.bounds.right <= WIDTH, "{a:?}");
            assert!(a.bounds.top >= 0.0 && a.bounds.bottom <= HEIGHT, "{a:?}");
            for b in &placed[i + 1..] {
                assert!(!a.bounds.overlaps(&b.bounds), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn eighty_words_never_overlap_and_stay_inside() {
        let words = many(120);
        let placed = cloud_layout(&borrowed(&words), false);
        assert_eq!(placed.len(), MAX_DRAWN);
        assert_disjoint_and_inside(&placed);
        assert!(placed.iter().all(|w| w.size >= FLOOR_SIZE));
    }

    #[test]
    fn equal_counts_and_long_words_never_overlap() {
        let words: Vec<(String, u32)> = (0..80)
            .map(|i| (format!("Mmmmmmmmmmmmmmmmmmmm{i} WWWWWWW"), 5))
            .collect();
        let placed = cloud_layout(&borrowed(&words), false);
        assert!(!placed.is_empty());
        assert_disjoint_and_inside(&placed);
    }

    #[test]
    fn most_frequent_word_is_biggest_and_central() {
        let placed = cloud_layout(
            &[("respect", 2), ("Écoute active", 9), ("confiance", 4)],
            false,
        );
        assert_eq!(placed[0].text, "Écoute active");
        assert!((placed[0].size - MAX_SIZE).abs() < 1e-9);
        assert!(placed[1].size < placed[0].size && placed[2].size < placed[1].size);
        let centre_y = f64::midpoint(placed[0].bounds.top, placed[0].bounds.bottom);
        assert!((placed[0].x - WIDTH / 2.0).abs() < 1.0);
        assert!((centre_y - HEIGHT / 2.0).abs() < 1.0);
        assert_disjoint_and_inside(&placed);
    }

    #[test]
    fn size_grows_with_the_square_root_of_the_count() {
        let placed = cloud_layout(&[("a", 100), ("b", 25), ("c", 1)], false);
        assert!((placed[0].size - 96.0).abs() < 1e-9);
        assert!((placed[1].size - 48.0).abs() < 1e-9);
        assert!((placed[2].size - MIN_SIZE).abs() < 1e-9);
    }

    #[test]
    fn drawing_is_deterministic() {
        let words = many(60);
        let a = cloud_svg(&borrowed(&words), &opts());
        let b = cloud_svg(&borrowed(&words), &opts());
        assert_eq!(a, b);
        // The input order does not matter.
        let mut reversed = borrowed(&words);
        reversed.reverse();
        assert_eq!(a, cloud_svg(&reversed, &opts()));
    }

    #[test]
    fn texts_are_escaped() {
        let svg = cloud_svg(
            &[
                ("<script>alert(1)</script>", 3),
                ("R&D", 2),
                ("\"guillemets\" et 'apostrophes'", 2),
                ("😀 joie", 1),
            ],
            &CloudOptions {
                label: "Nuage <b>\"x\"</b>".to_owned(),
                dark: false,
            },
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains(">R&amp;D<"));
        assert!(svg.contains("&quot;guillemets&quot; et &#39;apostrophes&#39;"));
        assert!(svg.contains("😀 joie"));
        assert!(svg.contains("aria-label=\"Nuage &lt;b&gt;&quot;x&quot;&lt;/b&gt;\""));
        assert!(svg.contains("<title>Nuage &lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>"));
        // Every element that opens closes: only ours are there.
        assert_eq!(svg.matches("<text ").count(), 4);
        assert_eq!(svg.matches("</text>").count(), 4);
    }

    #[test]
    fn svg_is_accessible_and_scales() {
        let svg = cloud_svg(&[("écoute", 3), ("respect", 1)], &opts());
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 700\"")
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"Nuage de mots\""));
        assert!(svg.contains("<title>Nuage de mots</title>"));
        assert!(svg.contains("<desc>écoute (3), respect (1)</desc>"));
        assert!(!svg.contains(" width=\"100"), "no fixed width: {svg}");
        assert!(!svg.contains("style"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn empty_input_gives_a_valid_empty_svg() {
        for words in [&[][..], &[("", 3), ("  ", 2), ("zéro", 0)][..]] {
            let svg = cloud_svg(words, &opts());
            assert!(svg.starts_with("<svg "));
            assert!(svg.ends_with("</svg>"));
            assert!(!svg.contains("<text"));
            assert!(!svg.contains("<desc"));
        }
    }

    #[test]
    fn dark_option_uses_light_words_on_near_black() {
        let svg = cloud_svg(
            &[("écoute", 3)],
            &CloudOptions {
                label: String::new(),
                dark: true,
            },
        );
        assert!(svg.contains("fill=\"#111111\""));
        let color = cloud_layout(&[("écoute", 3)], true)[0].color;
        assert!(PALETTE_DARK.contains(&color));
        assert!(svg.contains(&format!("fill=\"{color}\"")));
    }

    #[test]
    fn a_word_keeps_its_colour_when_others_come() {
        let alone = cloud_layout(&[("écoute", 1)], false);
        let crowd = cloud_layout(&[("respect", 5), ("écoute", 1), ("partage", 2)], false);
        let again = crowd.iter().find(|w| w.text == "écoute").unwrap();
        assert_eq!(alone[0].color, again.color);
    }

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn palettes_pass_wcag_aa() {
        for color in PALETTE_LIGHT {
            assert!(contrast(color, LIGHT_BACKGROUND) >= 6.5, "{color}");
        }
        for color in PALETTE_DARK {
            assert!(contrast(color, DARK_BACKGROUND) >= 9.8, "{color}");
        }
    }

    #[test]
    fn a_very_long_answer_is_cut_to_the_width() {
        let long = "mot ".repeat(400);
        let placed = cloud_layout(&[(long.as_str(), 1), ("écoute", 1)], false);
        assert_eq!(placed.len(), 2);
        let cut = placed.iter().find(|w| w.text.ends_with('…')).unwrap();
        assert!(cut.bounds.right - cut.bounds.left <= WIDTH - 2.0 * MARGIN);
        assert_eq!(cut.full_text, long);
        assert_disjoint_and_inside(&placed);
    }

    #[test]
    fn width_estimate_reads_the_table() {
        // "Ab" = (1585 + 1466) / 2048 em, plus the slack.
        let expected = (1585.0 + 1466.0) / 2048.0 * (1.0 + WIDTH_SLACK);
        assert!((text_width_em("Ab") - expected).abs() < 1e-12);
        assert!((advance_em('é') - 1389.0 / 2048.0).abs() < 1e-12);
        assert!((advance_em('😀') - OTHER_ADVANCE_EM).abs() < 1e-12);
        assert!(advance_em('\u{301}').abs() < 1e-12);
    }
}
