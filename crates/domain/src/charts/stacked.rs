//! Stacked horizontal bars: one bar per item, one segment per level (a
//! self-assessment portrait: how many respondents put each item at each
//! level).
//!
//! Readable without colour: every level has its own pattern (plain,
//! hatched, cross-hatched, dotted…) on top of its colour, every segment
//! carries its count written in it, the legend repeats the patterns, and
//! the `<desc>` lists every count (pages add a table with the same
//! numbers).

use std::fmt::Write as _;

use super::{TEXT, clean_id, empty_chart, escape, num, open_svg, truncate};

/// One level of the scale, as the legend names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackLevel {
    pub label: String,
    /// Whether the level is « not relevant »: drawn grey and dotted, apart
    /// from the ranked levels.
    pub aside: bool,
}

/// One bar: its label and a count per level, in the levels' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackedBar {
    pub label: String,
    pub counts: Vec<usize>,
}

const WIDTH: f64 = 360.0;
const ROW: f64 = 50.0;
const BAR_TOP: f64 = 22.0;
const BAR_HEIGHT: f64 = 22.0;
const LABEL_Y: f64 = 15.0;
const LABEL_CHARS: usize = 50;
const LEGEND_ROW: f64 = 22.0;
const SWATCH: f64 = 16.0;

/// Light colours (dark text reads on them), kept apart for the common
/// colour-vision deficiencies; the patterns tell the levels apart anyway.
const FILLS: [&str; 6] = [
    "#a6dba0", "#fdd49e", "#f4a582", "#9ecae1", "#d4b9da", "#c7e9c0",
];
const ASIDE_FILL: &str = "#eeeeee";
const INK: &str = "#333333";

/// The pattern drawn over a ranked level's colour: plain for the first,
/// then hatched, cross-hatched, horizontal and vertical lines…
fn pattern_body(index: usize) -> &'static str {
    match index % 6 {
        0 => "",
        1 => "<path d=\"M0 8L8 0\" stroke=\"#333333\" stroke-width=\"1.2\"/>",
        2 => "<path d=\"M0 8L8 0M0 0L8 8\" stroke=\"#333333\" stroke-width=\"1\"/>",
        3 => "<path d=\"M0 4H8\" stroke=\"#333333\" stroke-width=\"1.2\"/>",
        4 => "<path d=\"M4 0V8\" stroke=\"#333333\" stroke-width=\"1.2\"/>",
        _ => "<path d=\"M0 0L8 8\" stroke=\"#333333\" stroke-width=\"1.2\"/>",
    }
}

fn defs(out: &mut String, id: &str, levels: &[StackLevel]) {
    out.push_str("<defs>");
    let mut ranked = 0;
    for (i, level) in levels.iter().enumerate() {
        let (fill, body) = if level.aside {
            (
                ASIDE_FILL,
                "<circle cx=\"2\" cy=\"2\" r=\"1.1\" fill=\"#555555\"/>\
                 <circle cx=\"6\" cy=\"6\" r=\"1.1\" fill=\"#555555\"/>",
            )
        } else {
            let f = FILLS[ranked % FILLS.len()];
            let b = pattern_body(ranked);
            ranked += 1;
            (f, b)
        };
        let _ = write!(
            out,
            "<pattern id=\"{id}-l{i}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">\
             <rect width=\"8\" height=\"8\" fill=\"{fill}\"/>{body}</pattern>"
        );
    }
    out.push_str("</defs>");
}

/// Stacked bars from 0 to `total` (the respondents: a bar whose items all
/// were answered fills the width), under their labels, with the legend on
/// top; `empty_text` stands alone when there is no bar or no respondent.
pub fn stacked_bar_chart(
    id: &str,
    title: &str,
    levels: &[StackLevel],
    bars: &[StackedBar],
    total: usize,
    empty_text: &str,
) -> String {
    let id = clean_id(id);
    if bars.is_empty() || total == 0 || levels.is_empty() {
        return empty_chart(&id, title, empty_text);
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "a chart has far fewer than 2^52 bars, levels and respondents"
    )]
    let (legend_height, height, total_f) = {
        let legend = LEGEND_ROW * levels.len() as f64 + 6.0;
        (legend, legend + ROW * bars.len() as f64, total as f64)
    };
    let desc = bars
        .iter()
        .map(|b| {
            let counts = levels
                .iter()
                .zip(&b.counts)
                .map(|(l, n)| format!("{}\u{a0}: {n}", l.label.trim()))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} — {counts}", b.label.trim())
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    let mut out = String::new();
    open_svg(&mut out, &id, title, &desc, WIDTH, height);
    defs(&mut out, &id, levels);

    out.push_str("<g class=\"chart-legend\">");
    for (i, level) in levels.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few levels")]
        let y = LEGEND_ROW * i as f64;
        let _ = write!(
            out,
            "<rect x=\"0\" y=\"{ry}\" width=\"{s}\" height=\"{s}\" fill=\"url(#{id}-l{i})\" \
             stroke=\"{INK}\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"13\">{label}</text>",
            ry = num(y + 2.0),
            s = num(SWATCH),
            tx = num(SWATCH + 8.0),
            ty = num(y + 15.0),
            label = escape(&truncate(&level.label, LABEL_CHARS)),
        );
    }
    out.push_str("</g>");

    for (row, bar) in bars.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a chart has few bars")]
        let row_top = legend_height + ROW * row as f64;
        let top = row_top + BAR_TOP;
        let _ = write!(
            out,
            "<g class=\"chart-bar\"><title>{full}</title>\
             <text x=\"0\" y=\"{ly}\" font-size=\"13\">{label}</text>\
             <rect x=\"0\" y=\"{top}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#bbbbbb\"/>",
            full = escape(bar.label.trim()),
            label = escape(&truncate(&bar.label, LABEL_CHARS)),
            ly = num(row_top + LABEL_Y),
            top = num(top),
            w = num(WIDTH - 1.0),
            h = num(BAR_HEIGHT),
        );
        let mut x = 0.0;
        for (i, (level, &count)) in levels.iter().zip(&bar.counts).enumerate() {
            if count == 0 {
                continue;
            }
            #[expect(clippy::cast_precision_loss, reason = "counts of respondents")]
            let w = count as f64 / total_f * (WIDTH - 1.0);
            let _ = write!(
                out,
                "<g class=\"chart-segment\"><title>{lt}\u{a0}: {count}</title>\
                 <rect x=\"{x}\" y=\"{top}\" width=\"{w}\" height=\"{h}\" fill=\"url(#{id}-l{i})\" \
                 stroke=\"{INK}\" stroke-width=\"0.8\"/>\
                 <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" \
                 fill=\"{TEXT}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{count}</text></g>",
                lt = escape(level.label.trim()),
                x = num(x),
                top = num(top),
                w = num(w),
                h = num(BAR_HEIGHT),
                tx = num(x + w / 2.0),
                ty = num(top + BAR_HEIGHT / 2.0 + 5.0),
            );
            x += w;
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> Vec<StackLevel> {
        ["Déjà en place", "À améliorer", "À développer"]
            .iter()
            .map(|l| StackLevel {
                label: (*l).to_owned(),
                aside: false,
            })
            .chain(std::iter::once(StackLevel {
                label: "Non pertinent pour notre milieu".to_owned(),
                aside: true,
            }))
            .collect()
    }

    #[test]
    fn each_segment_has_its_pattern_and_its_count_written() {
        let svg = stacked_bar_chart(
            "portrait 1",
            "Portrait",
            &levels(),
            &[StackedBar {
                label: "Offrir des <ateliers> aux parents".to_owned(),
                counts: vec![2, 0, 1, 1],
            }],
            4,
            "Aucune réponse",
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.ends_with("</svg>"));
        // One pattern per level, each different.
        assert_eq!(svg.matches("<pattern ").count(), 4);
        assert!(svg.contains("id=\"chart-portrait-1-l0\"") || svg.contains("id=\"portrait-1-l0\""));
        // Three segments (the zero is not drawn), each with its count.
        assert_eq!(svg.matches("class=\"chart-segment\"").count(), 3);
        assert!(svg.contains(">2</text>"));
        assert!(svg.contains("Déjà en place\u{a0}: 2"));
        assert!(svg.contains("&lt;ateliers&gt;"));
        assert!(!svg.contains("style="));
        // The desc tells every count.
        assert!(svg.contains("À améliorer\u{a0}: 0"));
        // A full bar spans the width.
        assert!(svg.contains("width=\"359\""));
    }

    #[test]
    fn no_respondent_is_the_empty_text() {
        let svg = stacked_bar_chart("p", "Portrait", &levels(), &[], 0, "Aucune réponse");
        assert!(svg.contains("Aucune réponse"));
        assert!(!svg.contains("<pattern"));
    }
}
