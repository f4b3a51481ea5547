//! Charts drawn on the server as inline SVG.
//!
//! Pages are served with `default-src 'self'; style-src 'self'`, so a chart
//! carries no `style` attribute and no `<style>` element: only presentation
//! attributes (`fill`, `stroke`, `font-size`…) and `class`es the site's
//! stylesheet may refine. A chart is a pure function of its input — ids come
//! from the caller's prefix — so pages and their tests are reproducible.
//! Every chart has a `<title>` and a `<desc>` that screen readers announce,
//! the desc listing the values so that nothing is told by the drawing alone.
//!
//! Words shown in a chart (title, labels, "nothing to show") come translated
//! from the caller; numbers are written the French way (`1 234,5`).

pub mod stacked;

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::numbers::{self, Decimals};

pub use stacked::{StackLevel, StackedBar, stacked_bar_chart};

const TEXT: &str = "#333333";
const AXIS: &str = "#666666";
const GRID: &str = "#dddddd";
const SERIES: &str = "#0072B2";
const TARGET: &str = "#D55E00";
const NEUTRAL: &str = "#8C8C8C";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// The sector codes of the reference taxonomy, in the order of the legend.
pub const SECTOR_CODES: [&str; 10] = [
    "education",
    "sante-services-sociaux",
    "communautaire",
    "services-garde",
    "municipal",
    "emploi",
    "affaires",
    "philanthropie",
    "recherche",
    "gouvernement",
];

/// The colour of a sector, the same in every chart and in the network view.
///
/// Okabe-Ito's seven colours, which stay apart for the common colour-vision
/// deficiencies, then three of Paul Tol's muted ones that keep apart from
/// them; grey for a sector outside the reference list.
pub fn sector_color(code: &str) -> &'static str {
    match code {
        "education" => "#0072B2",
        "sante-services-sociaux" => "#D55E00",
        "communautaire" => "#009E73",
        "services-garde" => "#E69F00",
        "municipal" => "#56B4E9",
        "emploi" => "#CC79A7",
        "affaires" => "#F0E442",
        "philanthropie" => "#882255",
        "recherche" => "#44AA99",
        "gouvernement" => "#332288",
        _ => NEUTRAL,
    }
}

/// Text made safe for XML content and attribute values. Characters XML 1.0
/// cannot carry at all (most control characters) are dropped, since one of
/// them in a label would make the whole page unreadable to an XML parser.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A value in a chart, in French with up to two decimals, trailing zeros
/// dropped: `12`, `12,5`, `0,33`, `1 200` (see [`crate::numbers`]).
pub fn format_value(value: f64) -> String {
    numbers::french(value, Decimals::AtMost(2))
}

/// A coordinate: at most two decimals, never `NaN`, never `-0`.
fn num(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// At most `max` characters, the cut marked with `…`.
fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// An id prefix reduced to characters valid in an XML id.
fn clean_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
        cleaned
    } else {
        format!("chart-{cleaned}")
    }
}

/// A caller's colour, kept only when it is plainly a colour (`#1a2b3c`,
/// `teal`), so that no caller text reaches an attribute unexamined.
fn safe_color(color: Option<&str>) -> Option<&str> {
    let color = color?.trim();
    let hex = color.strip_prefix('#').is_some_and(|h| {
        matches!(h.len(), 3 | 4 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit())
    });
    let named =
        !color.is_empty() && color.len() <= 20 && color.bytes().all(|b| b.is_ascii_alphabetic());
    (hex || named).then_some(color)
}

fn finite(value: f64) -> f64 {
    if value.is_finite() { value } else { 0.0 }
}

fn open_svg(out: &mut String, id: &str, title: &str, desc: &str, width: f64, height: f64) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{font}\" \
         font-size=\"12\" fill=\"{TEXT}\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
        w = num(width),
        h = num(height),
        font = escape(FONT),
        title = escape(title),
        desc = escape(desc),
    );
}

fn empty_chart(id: &str, title: &str, empty_text: &str) -> String {
    let mut out = String::new();
    open_svg(&mut out, id, title, empty_text, 640.0, 60.0);
    let _ = write!(
        out,
        "<text x=\"320\" y=\"34\" text-anchor=\"middle\" class=\"chart-empty\">{}</text></svg>",
        escape(empty_text)
    );
    out
}

/// Ticks on a value axis: 4 or 5 round values from `lo` to `hi` when some
/// round step gives that many, always at least the two ends.
fn value_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let range = hi - lo;
    if range.is_finite() && range > 0.0 {
        // Round steps, the roundest first: the first one giving 4 or 5 ticks
        // wins, so a scale reads 0, 5, 10, 15, 20 rather than 0, 6, 12, 18.
        const STEPS: [f64; 9] = [1.0, 2.0, 5.0, 2.5, 4.0, 3.0, 1.5, 6.0, 8.0];
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a finite range's log10 fits an i32"
        )]
        let magnitude = range.log10().floor() as i32;
        for mantissa in STEPS {
            for exponent in (magnitude - 2)..=(magnitude + 1) {
                let step = mantissa * 10_f64.powi(exponent);
                let first = (lo / step - 1e-9).ceil();
                let last = (hi / step + 1e-9).floor();
                let count = last - first + 1.0;
                if (4.0..=5.0).contains(&count) {
                    return (0..5)
                        .map(|i| (first + f64::from(i)) * step)
                        .take_while(|v| *v <= hi + step * 1e-9)
                        .collect();
                }
            }
        }
    }
    let quarter = (hi - lo) / 4.0;
    (0..5).map(|i| lo + quarter * f64::from(i)).collect()
}

/// The value axis of a chart: `lo` to `hi` mapped onto `top..bottom`.
struct YScale {
    lo: f64,
    hi: f64,
    top: f64,
    bottom: f64,
}

impl YScale {
    /// From `min(0, smallest)` to `largest · 1.1` (or `ceiling`).
    fn new(values: impl Iterator<Item = f64>, ceiling: Option<f64>, top: f64, bottom: f64) -> Self {
        let (mut min, mut max) = (0.0_f64, 0.0_f64);
        for v in values.filter(|v| v.is_finite()) {
            min = min.min(v);
            max = max.max(v);
        }
        let mut hi = match ceiling.filter(|c| c.is_finite() && *c > min) {
            Some(c) => c,
            None if max > 0.0 => max * 1.1,
            None => 0.0,
        };
        if hi - min <= f64::EPSILON {
            hi = min + 1.0;
        }
        YScale {
            lo: min,
            hi,
            top,
            bottom,
        }
    }

    fn y(&self, value: f64) -> f64 {
        let value = finite(value).clamp(self.lo, self.hi);
        self.bottom - (value - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)
    }

    /// Grid lines and their labels, from `left` to `right`.
    fn draw(&self, out: &mut String, left: f64, right: f64) {
        out.push_str("<g class=\"chart-y-axis\">");
        for tick in value_ticks(self.lo, self.hi) {
            let y = num(self.y(tick));
            let _ = write!(
                out,
                "<line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"{GRID}\"/>\
                 <text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"11\">{label}</text>",
                l = num(left),
                r = num(right),
                lx = num(left - 6.0),
                ty = num(self.y(tick) + 4.0),
                label = escape(&format_value(tick)),
            );
        }
        let _ = write!(
            out,
            "<line x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\" stroke=\"{AXIS}\"/>\
             <line x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"{AXIS}\"/></g>",
            l = num(left),
            r = num(right),
            t = num(self.top),
            b = num(self.bottom),
        );
    }
}

// ---------------------------------------------------------------------------
// Bar chart

/// One bar; without a colour, the chart's default one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub color: Option<String>,
}

/// Bars are drawn under their label, so that a chart stays readable in a
/// narrow column (a phone, the side of a page): drawn at its own size
/// (`width`/`height`), it only ever shrinks to fit.
const BAR_WIDTH: f64 = 340.0;
const BAR_VALUE_ROOM: f64 = 44.0;
const BAR_ROW: f64 = 46.0;
const BAR_HEIGHT: f64 = 16.0;
/// From the top of a row to its label's baseline, then to its bar.
const BAR_LABEL_Y: f64 = 15.0;
const BAR_TOP: f64 = 22.0;
const BAR_LABEL_CHARS: usize = 46;

/// Horizontal bars from 0 to the largest value, each under its label and
/// with its value written at its end; `empty_text` stands alone when there
/// is no bar.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar], empty_text: &str) -> String {
    let id = clean_id(id);
    if bars.is_empty() {
        return empty_chart(&id, title, empty_text);
    }
    let max = bars.iter().map(|b| finite(b.value)).fold(0.0_f64, f64::max);
    let room = BAR_WIDTH - BAR_VALUE_ROOM;
    #[expect(
        clippy::cast_precision_loss,
        reason = "a chart has far fewer than 2^52 bars"
    )]
    let height = 4.0 + BAR_ROW * bars.len() as f64;

    let desc = bars
        .iter()
        .map(|b| format!("{} : {}", b.label.trim(), format_value(finite(b.value))))
        .collect::<Vec<_>>()
        .join(" ; ");
    let mut out = String::new();
    open_svg(&mut out, &id, title, &desc, BAR_WIDTH, height);
    for (row, bar) in bars.iter().enumerate() {
        let value = finite(bar.value);
        let width = if max > 0.0 {
            value.max(0.0) / max * room
        } else {
            0.0
        };
        #[expect(
            clippy::cast_precision_loss,
            reason = "a chart has far fewer than 2^52 bars"
        )]
        let row_top = BAR_ROW * row as f64;
        let top = row_top + BAR_TOP;
        let color = safe_color(bar.color.as_deref()).unwrap_or(SERIES);
        let shown = format_value(value);
        let _ = write!(
            out,
            "<g class=\"chart-bar\"><title>{full} : {shown}</title>\
             <text x=\"0\" y=\"{ly}\" font-size=\"13\">{label}</text>\
             <rect x=\"0\" y=\"{by}\" width=\"{bw}\" height=\"{bh}\" fill=\"{color}\"/>\
             <text x=\"{vx}\" y=\"{vy}\" font-size=\"13\" font-weight=\"600\">{shown}</text></g>",
            full = escape(bar.label.trim()),
            shown = escape(&shown),
            label = escape(&truncate(&bar.label, BAR_LABEL_CHARS)),
            ly = num(row_top + BAR_LABEL_Y),
            by = num(top),
            bw = num(width),
            bh = num(BAR_HEIGHT),
            color = escape(color),
            vx = num(width + 6.0),
            vy = num(top + BAR_HEIGHT - 3.0),
        );
    }
    out.push_str("</svg>");
    out
}

// ---------------------------------------------------------------------------
// Indicator over time

/// Words a chart shows, already translated by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartLabels {
    /// `Valeur de départ`.
    pub baseline: String,
    /// `Cible`.
    pub target: String,
    /// `Aucune mesure pour l'instant`.
    pub empty: String,
}

/// An indicator's measurements, with its baseline and target.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineSeries {
    pub unit: String,
    pub points: Vec<(NaiveDate, f64)>,
    pub baseline: Option<(NaiveDate, f64)>,
    pub target: Option<(NaiveDate, f64)>,
    pub labels: ChartLabels,
}

const LINE_WIDTH: f64 = 640.0;
const LINE_HEIGHT: f64 = 320.0;
const PLOT_LEFT: f64 = 64.0;
const PLOT_RIGHT: f64 = 500.0;
const PLOT_TOP: f64 = 20.0;
const PLOT_BOTTOM: f64 = 280.0;
/// Keeps the first and last points off the axes.
const PLOT_PAD: f64 = 14.0;

fn with_unit(value: f64, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        format_value(value)
    } else {
        format!("{}\u{a0}{unit}", format_value(value))
    }
}

/// The dates of a chart mapped onto `left..right`; all on one day, they sit
/// in the middle.
struct XScale {
    first: NaiveDate,
    days: i64,
    left: f64,
    right: f64,
}

impl XScale {
    #[expect(
        clippy::cast_precision_loss,
        reason = "day counts of real dates are far below 2^52"
    )]
    fn x(&self, date: NaiveDate) -> f64 {
        if self.days == 0 {
            return f64::midpoint(self.left, self.right);
        }
        let offset = (date - self.first).num_days() as f64;
        self.left + offset / self.days as f64 * (self.right - self.left)
    }
}

/// An indicator over time: measurements joined by a line, the baseline
/// marked, the target as a dashed line with its label, years along the time
/// axis (proportional to dates).
pub fn line_chart(id: &str, title: &str, series: &LineSeries) -> String {
    let id = clean_id(id);
    let Some(plot) = LinePlot::new(series) else {
        return empty_chart(&id, title, &series.labels.empty);
    };
    let mut out = String::new();
    open_svg(&mut out, &id, title, &plot.desc(), LINE_WIDTH, LINE_HEIGHT);
    plot.ys.draw(&mut out, PLOT_LEFT, PLOT_RIGHT);
    year_ticks(&mut out, &plot.xs);
    plot.draw_target(&mut out);
    plot.draw_baseline(&mut out);
    plot.draw_measurements(&mut out);
    out.push_str("</svg>");
    out
}

/// What a line chart draws: the finite measurements by date, the baseline
/// and the target, and the scales they fit in.
struct LinePlot<'a> {
    series: &'a LineSeries,
    points: Vec<(NaiveDate, f64)>,
    baseline: Option<(NaiveDate, f64)>,
    target: Option<(NaiveDate, f64)>,
    xs: XScale,
    ys: YScale,
}

impl<'a> LinePlot<'a> {
    /// The plot of `series`, or `None` when it has nothing to draw.
    fn new(series: &'a LineSeries) -> Option<Self> {
        let mut points: Vec<(NaiveDate, f64)> = series
            .points
            .iter()
            .copied()
            .filter(|(_, v)| v.is_finite())
            .collect();
        points.sort_by_key(|(d, _)| *d);
        let baseline = series.baseline.filter(|(_, v)| v.is_finite());
        let target = series.target.filter(|(_, v)| v.is_finite());
        if points.is_empty() && baseline.is_none() && target.is_none() {
            return None;
        }

        let dates: Vec<NaiveDate> = points
            .iter()
            .map(|(d, _)| *d)
            .chain(baseline.map(|(d, _)| d))
            .chain(target.map(|(d, _)| d))
            .collect();
        let first = dates.iter().min().copied().unwrap_or_default();
        let last = dates.iter().max().copied().unwrap_or_default();
        let xs = XScale {
            first,
            days: (last - first).num_days(),
            left: PLOT_LEFT + PLOT_PAD,
            right: PLOT_RIGHT - PLOT_PAD,
        };
        let values = points
            .iter()
            .map(|(_, v)| *v)
            .chain(baseline.map(|(_, v)| v))
            .chain(target.map(|(_, v)| v));
        let ys = YScale::new(values, None, PLOT_TOP, PLOT_BOTTOM);
        Some(LinePlot {
            series,
            points,
            baseline,
            target,
            xs,
            ys,
        })
    }

    fn with_unit(&self, value: f64) -> String {
        with_unit(value, &self.series.unit)
    }

    /// The chart's description: baseline, measurements (or the empty
    /// text), target.
    fn desc(&self) -> String {
        let labels = &self.series.labels;
        let mut desc: Vec<String> = Vec::new();
        if let Some((d, v)) = self.baseline {
            desc.push(format!("{} : {} ({d})", labels.baseline, self.with_unit(v)));
        }
        desc.extend(
            self.points
                .iter()
                .map(|(d, v)| format!("{d} : {}", self.with_unit(*v))),
        );
        if self.points.is_empty() {
            desc.push(labels.empty.clone());
        }
        if let Some((d, v)) = self.target {
            desc.push(format!("{} : {} ({d})", labels.target, self.with_unit(v)));
        }
        desc.join(" ; ")
    }

    /// The target as a dashed line across the plot, a diamond at its date
    /// and its label at the right.
    fn draw_target(&self, out: &mut String) {
        let Some((date, value)) = self.target else {
            return;
        };
        let (xs, ys) = (&self.xs, &self.ys);
        let y = ys.y(value);
        let _ = write!(
            out,
            "<g class=\"chart-target\"><title>{label} : {text} ({date})</title>\
             <line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"{TARGET}\" \
             stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\
             <rect x=\"{mx}\" y=\"{my}\" width=\"8\" height=\"8\" fill=\"{TARGET}\" \
             transform=\"rotate(45 {cx} {y})\"/>\
             <text x=\"{tx}\" y=\"{ty}\" fill=\"{TARGET}\">{short}</text>\
             <text x=\"{tx}\" y=\"{ty2}\" fill=\"{TARGET}\" font-size=\"11\">{value}</text></g>",
            label = escape(&self.series.labels.target),
            text = escape(&self.with_unit(value)),
            l = num(PLOT_LEFT),
            r = num(PLOT_RIGHT),
            y = num(y),
            mx = num(xs.x(date) - 4.0),
            my = num(y - 4.0),
            cx = num(xs.x(date)),
            tx = num(PLOT_RIGHT + 6.0),
            ty = num(y - 2.0),
            ty2 = num(y + 11.0),
            short = escape(&truncate(&self.series.labels.target, 20)),
            value = escape(&truncate(&self.with_unit(value), 22)),
        );
    }

    /// The baseline as an open circle with its label.
    fn draw_baseline(&self, out: &mut String) {
        let Some((date, value)) = self.baseline else {
            return;
        };
        let (x, y) = (self.xs.x(date), self.ys.y(value));
        let _ = write!(
            out,
            "<g class=\"chart-baseline\"><title>{label} : {text} ({date})</title>\
             <circle cx=\"{x}\" cy=\"{y}\" r=\"5\" fill=\"#ffffff\" stroke=\"{SERIES}\" \
             stroke-width=\"2\"/>\
             <text x=\"{tx}\" y=\"{ty}\" font-size=\"11\">{short}</text></g>",
            label = escape(&self.series.labels.baseline),
            text = escape(&self.with_unit(value)),
            x = num(x),
            y = num(y),
            tx = num(x + 8.0),
            ty = num(if y > PLOT_TOP + 16.0 {
                y - 8.0
            } else {
                y + 16.0
            }),
            short = escape(&truncate(&self.series.labels.baseline, 20)),
        );
    }

    /// The measurements joined by a line, each a dot; the empty text in
    /// the middle when there is none.
    fn draw_measurements(&self, out: &mut String) {
        let (xs, ys) = (&self.xs, &self.ys);
        if self.points.len() > 1 {
            let coords = self
                .points
                .iter()
                .map(|(d, v)| format!("{},{}", num(xs.x(*d)), num(ys.y(*v))))
                .collect::<Vec<_>>()
                .join(" ");
            let _ = write!(
                out,
                "<polyline class=\"chart-line\" points=\"{coords}\" fill=\"none\" \
                 stroke=\"{SERIES}\" stroke-width=\"2\"/>"
            );
        }
        out.push_str("<g class=\"chart-points\">");
        for (date, value) in &self.points {
            let _ = write!(
                out,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"{SERIES}\">\
                 <title>{date} : {text}</title></circle>",
                x = num(xs.x(*date)),
                y = num(ys.y(*value)),
                text = escape(&self.with_unit(*value)),
            );
        }
        out.push_str("</g>");
        if self.points.is_empty() {
            let _ = write!(
                out,
                "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" class=\"chart-empty\">{text}</text>",
                x = num(f64::midpoint(PLOT_LEFT, PLOT_RIGHT)),
                y = num(f64::midpoint(PLOT_TOP, PLOT_BOTTOM)),
                text = escape(&self.series.labels.empty),
            );
        }
    }
}

/// A tick on every January 1st in range (every few years on a long range);
/// a range within one year gets its year under its first date.
fn year_ticks(out: &mut String, xs: &XScale) {
    let first_year = xs.first.year();
    let last_year = (xs.first + chrono::Duration::days(xs.days)).year();
    let mut ticks: Vec<(f64, i32)> = (first_year..=last_year)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| (d, y)))
        .filter(|(d, _)| *d >= xs.first && (*d - xs.first).num_days() <= xs.days)
        .map(|(d, y)| (xs.x(d), y))
        .collect();
    if ticks.is_empty() {
        ticks.push((xs.x(xs.first), first_year));
    }
    let every = ticks.len().div_ceil(10).max(1);
    out.push_str("<g class=\"chart-x-axis\">");
    for (x, year) in ticks.iter().step_by(every) {
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{b}\" x2=\"{x}\" y2=\"{b2}\" stroke=\"{AXIS}\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"11\">{year}</text>",
            x = num(*x),
            b = num(PLOT_BOTTOM),
            b2 = num(PLOT_BOTTOM + 5.0),
            ty = num(PLOT_BOTTOM + 18.0),
        );
    }
    out.push_str("</g>");
}

// ---------------------------------------------------------------------------
// Several series over categories

const MULTI_PLOT_RIGHT: f64 = 470.0;
const LEGEND_X: f64 = 490.0;

/// Several series over equally spaced categories (growth from one event to
/// the next), with a legend. Values missing at a category (not finite) leave
/// a gap in their line. `y_max` fixes the top of the scale (e.g. 100 %).
pub fn multi_line_chart(
    id: &str,
    title: &str,
    x_labels: &[String],
    series: &[(String, Vec<f64>, String)],
    y_max: Option<f64>,
) -> String {
    let id = clean_id(id);
    let categories = Categories { labels: x_labels };
    let n = categories.len();
    let values = series
        .iter()
        .flat_map(|(_, values, _)| values.iter().take(n).copied());
    let ys = YScale::new(values, y_max, PLOT_TOP, PLOT_BOTTOM);

    let mut out = String::new();
    open_svg(
        &mut out,
        &id,
        title,
        &multi_desc(x_labels, series),
        LINE_WIDTH,
        LINE_HEIGHT,
    );
    ys.draw(&mut out, PLOT_LEFT, MULTI_PLOT_RIGHT);
    categories.draw(&mut out);
    for (index, (name, values, color)) in series.iter().enumerate() {
        let color = safe_color(Some(color)).unwrap_or(NEUTRAL);
        draw_series(&mut out, &categories, &ys, name, values, color);
        draw_legend(&mut out, index, name, color);
    }
    out.push_str("</svg>");
    out
}

/// The description of a multi-line chart: the categories, then each series'
/// values (`–` where missing).
fn multi_desc(x_labels: &[String], series: &[(String, Vec<f64>, String)]) -> String {
    let n = x_labels.len();
    let mut desc = vec![
        x_labels
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(", "),
    ];
    for (name, values, _) in series {
        let shown = values
            .iter()
            .take(n)
            .map(|v| {
                if v.is_finite() {
                    format_value(*v)
                } else {
                    "–".to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        desc.push(format!("{} : {shown}", name.trim()));
    }
    desc.join(" ; ")
}

/// Equally spaced categories along `PLOT_LEFT..MULTI_PLOT_RIGHT`; a single
/// one sits in the middle.
struct Categories<'a> {
    labels: &'a [String],
}

impl Categories<'_> {
    fn len(&self) -> usize {
        self.labels.len()
    }

    #[expect(
        clippy::cast_precision_loss,
        reason = "a chart has far fewer than 2^52 categories"
    )]
    fn x(&self, i: usize) -> f64 {
        let n = self.len();
        if n <= 1 {
            f64::midpoint(PLOT_LEFT, MULTI_PLOT_RIGHT)
        } else {
            let (left, right) = (PLOT_LEFT + PLOT_PAD, MULTI_PLOT_RIGHT - PLOT_PAD);
            left + i as f64 / (n - 1) as f64 * (right - left)
        }
    }

    /// The category axis: a tick and a label (cut to the room it has) per
    /// category.
    fn draw(&self, out: &mut String) {
        let n = self.len();
        #[expect(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a few categories; the width is positive and small"
        )]
        let label_chars = if n <= 1 {
            40
        } else {
            ((MULTI_PLOT_RIGHT - PLOT_LEFT) / n as f64 / 6.5)
                .floor()
                .max(3.0) as usize
        };
        out.push_str("<g class=\"chart-x-axis\">");
        for (i, label) in self.labels.iter().enumerate() {
            let x = num(self.x(i));
            let _ = write!(
                out,
                "<g><title>{full}</title><line x1=\"{x}\" y1=\"{b}\" x2=\"{x}\" y2=\"{b2}\" \
                 stroke=\"{AXIS}\"/><text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" \
                 font-size=\"11\">{short}</text></g>",
                full = escape(label.trim()),
                b = num(PLOT_BOTTOM),
                b2 = num(PLOT_BOTTOM + 5.0),
                ty = num(PLOT_BOTTOM + 18.0),
                short = escape(&truncate(label, label_chars)),
            );
        }
        out.push_str("</g>");
    }
}

/// One series of a multi-line chart: its runs of known values as lines,
/// each known value a dot.
fn draw_series(
    out: &mut String,
    categories: &Categories,
    ys: &YScale,
    name: &str,
    values: &[f64],
    color: &str,
) {
    let n = categories.len();
    let _ = write!(
        out,
        "<g class=\"chart-series\"><title>{}</title>",
        escape(name.trim())
    );
    // Consecutive known values form one line; a gap splits it.
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, out: &mut String| {
        if run.len() > 1 {
            let _ = write!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>",
                run.join(" ")
            );
        }
        run.clear();
    };
    for (i, value) in values.iter().take(n).enumerate() {
        if value.is_finite() {
            run.push(format!("{},{}", num(categories.x(i)), num(ys.y(*value))));
        } else {
            flush(&mut run, out);
        }
    }
    flush(&mut run, out);
    for (i, value) in values.iter().take(n).enumerate() {
        if value.is_finite() {
            let _ = write!(
                out,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"3.5\" fill=\"{color}\">\
                 <title>{name} — {label} : {text}</title></circle>",
                x = num(categories.x(i)),
                y = num(ys.y(*value)),
                name = escape(name.trim()),
                label = escape(categories.labels[i].trim()),
                text = escape(&format_value(*value)),
            );
        }
    }
    out.push_str("</g>");
}

/// The legend entry of the `index`-th series: a swatch and its name.
fn draw_legend(out: &mut String, index: usize, name: &str, color: &str) {
    #[expect(
        clippy::cast_precision_loss,
        reason = "a chart has far fewer than 2^52 series"
    )]
    let y = PLOT_TOP + 20.0 * index as f64;
    let _ = write!(
        out,
        "<g class=\"chart-legend\"><title>{full}</title>\
         <rect x=\"{x}\" y=\"{ry}\" width=\"12\" height=\"12\" fill=\"{color}\"/>\
         <text x=\"{tx}\" y=\"{ty}\">{short}</text></g>",
        full = escape(name.trim()),
        x = num(LEGEND_X),
        ry = num(y),
        tx = num(LEGEND_X + 18.0),
        ty = num(y + 10.0),
        short = escape(&truncate(name, 20)),
    );
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Character data or an attribute value: no `<`, and `&` only in the
    /// entities `escape` writes.
    fn check_text(text: &str) {
        assert!(!text.contains('<'), "raw < in {text:?}");
        let mut rest = text;
        while let Some(i) = rest.find('&') {
            rest = &rest[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|e| rest.starts_with(e)),
                "bare & in {text:?}"
            );
            rest = &rest[1..];
        }
    }

    /// A small XML well-formedness check: one root, balanced elements,
    /// quoted attributes without duplicates, escaped text, unique ids.
    fn check_xml(svg: &str) {
        let mut stack: Vec<&str> = Vec::new();
        let mut roots = 0;
        let mut ids = HashSet::new();
        let mut rest = svg;
        while let Some(open) = rest.find('<') {
            let text = &rest[..open];
            check_text(text);
            assert!(
                !stack.is_empty() || text.trim().is_empty(),
                "text outside the root"
            );
            let close = rest[open..].find('>').expect("unclosed tag") + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
                continue;
            }
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
            let name = &body[..name_end];
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
                "bad element name {name:?}"
            );
            let mut attrs = body[name_end..].trim();
            let mut seen = HashSet::new();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").expect("attribute without =\"");
                let attr = &attrs[..eq];
                assert!(
                    attr.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                    "bad attribute name {attr:?}"
                );
                assert!(seen.insert(attr), "duplicate attribute {attr}");
                let value_end = attrs[eq + 2..].find('"').expect("unclosed value") + eq + 2;
                let value = &attrs[eq + 2..value_end];
                check_text(value);
                if attr == "id" {
                    assert!(ids.insert(value.to_owned()), "duplicate id {value}");
                }
                attrs = attrs[value_end + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        assert!(rest.trim().is_empty(), "text after the root");
        assert!(stack.is_empty(), "unclosed {stack:?}");
        assert_eq!(roots, 1);
    }

    /// What every chart must be.
    fn check_chart(svg: &str, id: &str) {
        check_xml(svg);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("style"), "style found in {svg}");
        for bad in ["NaN", "inf", "-0 ", "-0\""] {
            assert!(!svg.contains(bad), "{bad} found in {svg}");
        }
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
        assert!(svg.contains(&format!("<title id=\"{id}-title\">")));
        assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")));
        // At most two decimals in every number.
        let bytes = svg.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'.' && i > 0 && bytes[i - 1].is_ascii_digit() {
                let decimals = bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                assert!(
                    decimals <= 2,
                    "too many decimals near {}",
                    &svg[i - 1..i + 6]
                );
            }
            i += 1;
        }
    }

    fn bar(label: &str, value: f64) -> Bar {
        Bar {
            label: label.to_owned(),
            value,
            color: None,
        }
    }

    fn labels() -> ChartLabels {
        ChartLabels {
            baseline: "Valeur de départ".to_owned(),
            target: "Cible".to_owned(),
            empty: "Aucune mesure".to_owned(),
        }
    }

    #[test]
    fn escape_covers_markup_and_drops_invalid_characters() {
        assert_eq!(
            escape("<a href=\"x\">l'école & cie</a>"),
            "&lt;a href=&quot;x&quot;&gt;l&#39;école &amp; cie&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\nd"), "abc\nd");
    }

    #[test]
    fn numbers_are_written_the_french_way() {
        // `numbers::french` with exact decimals is tested in `numbers`.
        assert_eq!(format_value(12.0), "12");
        assert_eq!(format_value(12.5), "12,5");
        assert_eq!(format_value(1.0 / 3.0), "0,33");
        assert_eq!(format_value(1200.0), "1\u{a0}200");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(truncate("court", 10), "court");
        assert_eq!(truncate("Commission scolaire", 11), "Commission…");
        assert_eq!(truncate("éééééé", 4), "ééé…");
    }

    #[test]
    fn sectors_have_distinct_colours_and_others_are_grey() {
        let colours: HashSet<_> = SECTOR_CODES.iter().map(|c| sector_color(c)).collect();
        assert_eq!(colours.len(), SECTOR_CODES.len());
        assert!(!colours.contains(NEUTRAL));
        assert_eq!(sector_color("autre"), NEUTRAL);
        assert_eq!(sector_color(""), NEUTRAL);
    }

    #[test]
    fn only_plain_colours_are_kept() {
        assert_eq!(safe_color(Some("#0072B2")), Some("#0072B2"));
        assert_eq!(safe_color(Some("teal")), Some("teal"));
        assert_eq!(safe_color(Some("#12")), None);
        assert_eq!(safe_color(Some("red\" onload=\"x")), None);
        assert_eq!(safe_color(Some("url(#x)")), None);
        assert_eq!(safe_color(None), None);
    }

    #[test]
    fn ticks_are_round_and_four_or_five() {
        for hi in [
            1.0, 1.1, 5.5, 7.7, 11.0, 27.5, 33.0, 110.0, 0.011, 1234.0, 98_765.0,
        ] {
            let ticks = value_ticks(0.0, hi);
            assert!((4..=5).contains(&ticks.len()), "{hi}: {ticks:?}");
            assert!(ticks.iter().all(|t| (0.0..=hi * 1.000_001).contains(t)));
        }
        let ticks = value_ticks(-10.0, 22.0);
        assert!((4..=5).contains(&ticks.len()), "{ticks:?}");
        assert!(value_ticks(3.0, 3.0).iter().all(|t| t.is_finite()));
    }

    #[test]
    fn bar_chart_scales_from_zero_to_the_largest_value() {
        let svg = bar_chart(
            "sectors",
            "Actions par secteur",
            &[
                bar("Éducation", 12.0),
                bar("Municipal", 6.0),
                bar("Emploi", 0.0),
            ],
            "Rien",
        );
        check_chart(&svg, "sectors");
        assert!(svg.contains("width=\"296\""));
        assert!(svg.contains("width=\"148\""));
        assert!(svg.contains("width=\"0\""));
        assert!(svg.contains(">12</text>"));
        assert!(svg.contains("<title>Éducation : 12</title>"));
        assert!(svg.contains("Éducation : 12 ; Municipal : 6 ; Emploi : 0</desc>"));
        assert_eq!(svg.matches("class=\"chart-bar\"").count(), 3);
    }

    #[test]
    fn bar_chart_escapes_truncates_and_survives_bad_values() {
        let long = "Centre intégré universitaire de santé et de services sociaux du Saguenay";
        let svg = bar_chart(
            "x<y",
            "<Titre> & \"cie\"",
            &[
                Bar {
                    label: "A & <B> \"C\"".to_owned(),
                    value: f64::NAN,
                    color: Some("red\" onload=\"alert(1)".to_owned()),
                },
                Bar {
                    label: long.to_owned(),
                    value: 3.25,
                    color: Some(sector_color("sante-services-sociaux").to_owned()),
                },
                bar("Négatif", -4.0),
                bar("Infini", f64::INFINITY),
            ],
            "Rien",
        );
        check_chart(&svg, "x-y");
        assert!(svg.contains("&lt;Titre&gt; &amp; &quot;cie&quot;"));
        assert!(svg.contains("A &amp; &lt;B&gt; &quot;C&quot;"));
        assert!(!svg.contains("onload"));
        assert!(svg.contains("fill=\"#D55E00\""));
        assert!(svg.contains(&format!("<title>{long} : 3,25</title>")));
        assert!(svg.contains("Centre intégré universitaire de santé et de s…</text>"));
        assert!(svg.contains(">-4</text>"));
    }

    #[test]
    fn an_empty_bar_chart_says_so() {
        let svg = bar_chart("e", "Titre", &[], "Rien à afficher");
        check_chart(&svg, "e");
        assert!(svg.contains(">Rien à afficher</text>"));
        let zeros = bar_chart("z", "Titre", &[bar("a", 0.0), bar("b", 0.0)], "");
        check_chart(&zeros, "z");
    }

    #[test]
    fn charts_are_deterministic() {
        let bars = [bar("a", 1.0), bar("b", 2.0)];
        assert_eq!(
            bar_chart("d", "t", &bars, "e"),
            bar_chart("d", "t", &bars, "e")
        );
        let s = series();
        assert_eq!(line_chart("d", "t", &s), line_chart("d", "t", &s));
    }

    fn series() -> LineSeries {
        LineSeries {
            unit: "organisations".to_owned(),
            points: vec![
                (date(2016, 6, 1), 18.0),
                (date(2015, 6, 1), 14.0),
                (date(2017, 3, 15), 22.5),
            ],
            baseline: Some((date(2014, 9, 1), 10.0)),
            target: Some((date(2017, 6, 30), 25.0)),
            labels: labels(),
        }
    }

    #[test]
    fn line_chart_draws_measurements_baseline_and_target() {
        let svg = line_chart("ind-1", "Organisations participantes", &series());
        check_chart(&svg, "ind-1");
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(svg.contains("<title>2015-06-01 : 14\u{a0}organisations</title>"));
        assert!(svg.contains("stroke-dasharray=\"6 4\""));
        assert!(svg.contains("Cible : 25\u{a0}organisations (2017-06-30)"));
        assert!(svg.contains(">25\u{a0}organisations</text>"));
        assert!(svg.contains("Valeur de départ : 10\u{a0}organisations (2014-09-01)"));
        for year in ["2015", "2016", "2017"] {
            assert!(svg.contains(&format!(">{year}</text>")), "{year}");
        }
        // Points in date order, so the line does not go back in time.
        let line = svg.split("points=\"").nth(1).unwrap();
        let xs: Vec<f64> = line
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|p| p.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        // The first date is at the left edge, the last at the right one.
        assert!(svg.contains(&format!("cx=\"{}\"", num(PLOT_LEFT + PLOT_PAD))));
        assert!(svg.contains(&format!("rotate(45 {} ", num(PLOT_RIGHT - PLOT_PAD))));
    }

    #[test]
    fn line_chart_handles_one_point_and_one_date() {
        let one = LineSeries {
            points: vec![(date(2016, 6, 1), 5.0)],
            baseline: None,
            target: None,
            ..series()
        };
        let svg = line_chart("one", "t", &one);
        check_chart(&svg, "one");
        assert!(!svg.contains("<polyline"));
        assert!(svg.contains(">2016</text>"));

        let same_day = LineSeries {
            points: vec![(date(2016, 6, 1), 5.0), (date(2016, 6, 1), 7.0)],
            baseline: Some((date(2016, 6, 1), 5.0)),
            target: Some((date(2016, 6, 1), 5.0)),
            ..series()
        };
        check_chart(&line_chart("same", "t", &same_day), "same");

        let zeros = LineSeries {
            points: vec![(date(2016, 6, 1), 0.0)],
            baseline: Some((date(2015, 6, 1), 0.0)),
            target: Some((date(2017, 6, 1), 0.0)),
            ..series()
        };
        check_chart(&line_chart("zeros", "t", &zeros), "zeros");
    }

    #[test]
    fn line_chart_without_measurements_says_so() {
        let nothing = LineSeries {
            points: vec![(date(2016, 1, 1), f64::NAN)],
            baseline: None,
            target: Some((date(2016, 1, 1), f64::INFINITY)),
            ..series()
        };
        let svg = line_chart("none", "t", &nothing);
        check_chart(&svg, "none");
        assert!(svg.contains(">Aucune mesure</text>"));

        let planned = LineSeries {
            points: vec![],
            ..series()
        };
        let svg = line_chart("planned", "t", &planned);
        check_chart(&svg, "planned");
        assert!(svg.contains(">Aucune mesure</text>"));
        assert!(svg.contains("stroke-dasharray"));
    }

    #[test]
    fn line_chart_handles_decreasing_and_negative_values() {
        let down = LineSeries {
            unit: "%".to_owned(),
            points: vec![(date(2015, 6, 1), 28.0), (date(2016, 6, 1), -3.0)],
            baseline: Some((date(2014, 6, 1), 30.0)),
            target: Some((date(2020, 6, 1), 20.0)),
            labels: labels(),
        };
        let svg = line_chart("down", "Décrochage <scolaire>", &down);
        check_chart(&svg, "down");
        assert!(svg.contains("Décrochage &lt;scolaire&gt;"));
        assert!(svg.contains(": -3\u{a0}%</title>"));
    }

    #[test]
    fn a_long_period_keeps_year_ticks_readable() {
        let long = LineSeries {
            points: vec![(date(1950, 1, 1), 1.0), (date(2050, 1, 1), 2.0)],
            baseline: None,
            target: None,
            ..series()
        };
        let svg = line_chart("long", "t", &long);
        check_chart(&svg, "long");
        let ticks = svg.split("class=\"chart-x-axis\"").nth(1).unwrap();
        let ticks = ticks.split("</g>").next().unwrap().matches("<line").count();
        assert!((2..=11).contains(&ticks), "{ticks}");
    }

    fn multi() -> Vec<(String, Vec<f64>, String)> {
        vec![
            (
                "Liens".to_owned(),
                vec![3.0, 8.0, 12.0],
                sector_color("education").to_owned(),
            ),
            (
                "Organisations & partenaires".to_owned(),
                vec![2.0, f64::NAN, 9.0],
                "not a colour!".to_owned(),
            ),
        ]
    }

    fn x_labels() -> Vec<String> {
        [
            "Rencontre 1",
            "Rencontre 2",
            "Forum régional annuel des partenaires",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    }

    #[test]
    fn multi_line_chart_draws_each_series_with_a_legend() {
        let svg = multi_line_chart("growth", "Croissance", &x_labels(), &multi(), None);
        check_chart(&svg, "growth");
        assert_eq!(svg.matches("class=\"chart-legend\"").count(), 2);
        assert!(svg.contains("Organisations &amp; partenaires"));
        // The gap splits the second line: only the first series has a line.
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 5);
        assert!(svg.contains(&format!("fill=\"{NEUTRAL}\"")));
        assert!(svg.contains("Organisations &amp; partenaires : 2, –, 9"));
        assert!(svg.contains("<title>Forum régional annuel des partenaires</title>"));
    }

    #[test]
    fn multi_line_chart_honours_y_max_and_survives_edge_cases() {
        let svg = multi_line_chart("p", "t", &x_labels(), &multi(), Some(100.0));
        check_chart(&svg, "p");
        assert!(svg.contains(">100</text>"));

        let one = multi_line_chart("one", "t", &x_labels()[..1], &multi(), None);
        check_chart(&one, "one");
        assert!(!one.contains("<polyline"));

        let none = multi_line_chart("none", "t", &[], &[], None);
        check_chart(&none, "none");

        let bad_max = multi_line_chart("bad", "t", &x_labels(), &multi(), Some(f64::NAN));
        check_chart(&bad_max, "bad");

        // More values than categories: the extra ones are ignored.
        let extra = vec![(
            "a".to_owned(),
            vec![1.0, 2.0, 3.0, 4.0, 5.0],
            "#000".to_owned(),
        )];
        let svg = multi_line_chart("x", "t", &x_labels(), &extra, None);
        check_chart(&svg, "x");
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn ids_are_cleaned() {
        assert_eq!(clean_id("ind-1"), "ind-1");
        assert_eq!(clean_id("a b\"c"), "a-b-c");
        assert_eq!(clean_id("1x"), "chart-1x");
        assert_eq!(clean_id(""), "chart-");
    }
}
