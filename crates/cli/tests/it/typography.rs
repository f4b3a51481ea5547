//! French as it is written in Québec, in every Fluent file (fr-CA and en)
//! and every template: the typographic apostrophe, no lazy plurals next to a
//! number, and French spacing (U+00A0 before « : » and inside « »,
//! U+202F before ; ! ?). Each finding names its file and line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';
/// Stands for a placeable (`{ $count }`, `{{ n }}`) in the text checked.
const PLACEABLE: char = '\u{1}';
/// Stands for a template tag (`{% if %}`): text stops there.
const BOUNDARY: char = '\u{2}';

fn web_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../web")
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|x| x == ext) {
            out.push(path);
        }
    }
}

/// A piece of text as a reader sees it, with the line it starts on.
struct Piece {
    line: usize,
    text: String,
    /// Whether a number may be shown in it (it holds a placeable).
    has_placeable: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    French,
    English,
    /// Templates: the text around placeables, in whichever language.
    Either,
}

/// `{ … }` spans (nested) become [`PLACEABLE`]; a selector's opening line
/// (`{ $count ->`), its closing `}` and variant keys (`[one]`) vanish.
fn ftl_line_text(line: &str) -> String {
    let mut rest = line.trim();
    if let Some(after) = rest.strip_prefix('*') {
        rest = after;
    }
    if rest.starts_with('[')
        && let Some(end) = rest.find(']')
    {
        rest = &rest[end + 1..];
    }
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_literal = false;
    let mut inside = String::new();
    for c in rest.chars() {
        match c {
            '"' if depth > 0 => {
                in_literal = !in_literal;
                inside.push(c);
            }
            '{' if !in_literal => {
                depth += 1;
                if depth == 1 {
                    inside.clear();
                }
            }
            '}' if !in_literal && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push_str(&placeable_text(&inside));
                }
            }
            _ if depth == 0 => out.push(c),
            _ => inside.push(c),
        }
    }
    if depth > 0 {
        out.push(PLACEABLE);
    }
    out
}

/// A placeable as text: a string literal (`{ "\u00A0" }`) is its text,
/// anything else a [`PLACEABLE`].
fn placeable_text(inside: &str) -> String {
    let inside = inside.trim();
    match inside.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(literal) if !literal.contains('"') => literal
            .replace("\\u00A0", "\u{a0}")
            .replace("\\u00a0", "\u{a0}")
            .replace("\\u202F", "\u{202f}")
            .replace("\\u202f", "\u{202f}"),
        _ => PLACEABLE.to_string(),
    }
}

fn ftl_texts(source: &str) -> Vec<Piece> {
    let mut texts = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        if raw.trim_start().starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let value = if raw.starts_with([' ', '\t']) {
            raw
        } else if let Some((_, value)) = raw.split_once('=') {
            value
        } else {
            continue;
        };
        // A selector's variants are the plural done right.
        let variant = value.trim_start().starts_with(['[', '*']);
        let has_placeable = value.contains("{ $") && !value.contains("->") && !variant;
        texts.push(Piece {
            line: i + 1,
            text: strip_markup(&ftl_line_text(value)),
            has_placeable,
        });
    }
    texts
}

/// Removes HTML tags (their quoting is not text) and decodes the entities
/// that matter here.
fn strip_markup(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", "\u{a0}")
        .replace("&#160;", "\u{a0}")
        .replace("&#8239;", "\u{202f}")
        .replace("&#x202F;", "\u{202f}")
        .replace("&#x202f;", "\u{202f}")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&laquo;", "«")
        .replace("&raquo;", "»")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Attributes whose value people read.
const TEXT_ATTRIBUTES: [&str; 5] = ["title", "alt", "placeholder", "aria-label", "label"];

/// The text nodes and readable attribute values of an Askama template, with
/// `{{ … }}` as [`PLACEABLE`], `{% … %}` as [`BOUNDARY`], comments, tags'
/// quoting, scripts and styles left out.
fn template_texts(source: &str) -> Vec<Piece> {
    let chars: Vec<char> = source.chars().collect();
    let mut texts = Vec::new();
    let mut current = String::new();
    let mut start_line = 1;
    let mut line = 1;
    let mut i = 0;
    let flush = |texts: &mut Vec<Piece>, current: &mut String, start: usize| {
        if current
            .chars()
            .any(|c| !c.is_whitespace() && c != PLACEABLE && c != BOUNDARY)
        {
            let has_placeable = current.contains(PLACEABLE);
            texts.push(Piece {
                line: start,
                text: decode_entities(current),
                has_placeable,
            });
        }
        current.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '{' && matches!(next, Some('{' | '%' | '#')) {
            let close = match next {
                Some('{') => "}}",
                Some('%') => "%}",
                _ => "#}",
            };
            let end = find(&chars, i + 2, close).unwrap_or(chars.len());
            line += count_newlines(&chars[i..end]);
            current.push(if next == Some('{') {
                PLACEABLE
            } else {
                BOUNDARY
            });
            i = end + 2;
            continue;
        }
        if c == '<' && next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!') {
            flush(&mut texts, &mut current, start_line);
            let (end, attribute_texts) = scan_tag(&chars, i, line);
            texts.extend(attribute_texts);
            let tag: String = chars[i + 1..end.min(chars.len())]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            line += count_newlines(&chars[i..end.min(chars.len())]);
            i = end + 1;
            if tag.eq_ignore_ascii_case("script") || tag.eq_ignore_ascii_case("style") {
                let close = format!("</{tag}");
                let end = find(&chars, i, &close).unwrap_or(chars.len());
                line += count_newlines(&chars[i..end]);
                i = end;
            }
            start_line = line;
            continue;
        }
        if current.is_empty() {
            start_line = line;
        }
        if c == '\n' {
            line += 1;
        }
        current.push(c);
        i += 1;
    }
    flush(&mut texts, &mut current, start_line);
    texts
}

fn count_newlines(chars: &[char]) -> usize {
    chars.iter().filter(|&&c| c == '\n').count()
}

fn find(chars: &[char], from: usize, needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    (from..chars.len().saturating_sub(needle.len() - 1)).find(|&i| chars[i..].starts_with(&needle))
}

/// The index of the tag's closing `>` and the readable attribute values.
fn scan_tag(chars: &[char], start: usize, mut line: usize) -> (usize, Vec<Piece>) {
    let mut texts = Vec::new();
    let mut i = start + 1;
    let mut name = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && matches!(chars.get(i + 1), Some('{' | '%' | '#')) {
            let close = match chars[i + 1] {
                '{' => "}}",
                '%' => "%}",
                _ => "#}",
            };
            let end = find(chars, i + 2, close).unwrap_or(chars.len());
            line += count_newlines(&chars[i..end]);
            i = end + 2;
            continue;
        }
        match c {
            '>' => return (i, texts),
            '\n' => line += 1,
            '"' | '\'' => {
                let value_start = i + 1;
                let mut j = value_start;
                let mut value = String::new();
                while j < chars.len() && chars[j] != c {
                    if chars[j] == '{' && matches!(chars.get(j + 1), Some('{' | '%' | '#')) {
                        let close = match chars[j + 1] {
                            '{' => "}}",
                            '%' => "%}",
                            _ => "#}",
                        };
                        let end = find(chars, j + 2, close).unwrap_or(chars.len());
                        value.push(if chars[j + 1] == '{' {
                            PLACEABLE
                        } else {
                            BOUNDARY
                        });
                        j = end + 2;
                        continue;
                    }
                    value.push(chars[j]);
                    j += 1;
                }
                if TEXT_ATTRIBUTES.contains(&name.trim_end_matches('=').trim()) {
                    texts.push(Piece {
                        line,
                        has_placeable: value.contains(PLACEABLE),
                        text: decode_entities(&value),
                    });
                }
                line += count_newlines(&chars[i..j.min(chars.len())]);
                name.clear();
                i = j + 1;
                continue;
            }
            c if c.is_whitespace() => name.clear(),
            c => name.push(c),
        }
        i += 1;
    }
    (chars.len(), texts)
}

/// Words that are addresses or paths, whose `:` `?` `'` are not text.
fn without_addresses(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            if w.contains("://") || w.starts_with('/') || w.starts_with("mailto:") {
                "ADDRESS"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a word in « ·e »/« ·es » comes within three words after a
/// placeable (`{ $count } présent·es`).
fn inclusive_after_placeable(text: &str) -> bool {
    text.split(PLACEABLE).skip(1).any(|after| {
        after
            .split_whitespace()
            .take(3)
            .any(|w| w.contains("·e") || w.contains("·E"))
    })
}

fn check(text: &Piece, language: Language) -> Vec<String> {
    let mut problems = Vec::new();
    let t = without_addresses(&text.text);
    if t.contains('\'') {
        problems.push("straight apostrophe ' (write ’)".to_owned());
    }
    for lazy in ["(s)", "(es)", "(x)", "(S)", "(ES)", "(X)"] {
        if t.contains(lazy) {
            problems.push(format!(
                "lazy plural « {lazy} » (use {{ $count -> [one] … *[other] … }})"
            ));
        }
    }
    if text.has_placeable && inclusive_after_placeable(&t) {
        problems.push("« ·e »/« ·es » next to a number (use a Fluent plural)".to_owned());
    }
    if language == Language::English {
        return problems;
    }
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            '«' if after.is_some_and(|a| a != NBSP) => {
                problems.push("« not followed by U+00A0".to_owned());
            }
            '»' if before.is_some_and(|b| b != NBSP) => {
                problems.push("» not preceded by U+00A0".to_owned());
            }
            ':' | ';' | '!' | '?' => {
                let Some(b) = before else { continue };
                // A template's text around placeables may be English: only
                // a French spacing gone wrong counts there.
                if b == BOUNDARY
                    || (language == Language::Either && !matches!(b, ' ' | NBSP | NNBSP))
                    || (c == ':' && b.is_alphanumeric() && after.is_some_and(char::is_alphanumeric))
                    || (c == '!' && after == Some('='))
                {
                    continue;
                }
                let wanted = if c == ':' { NBSP } else { NNBSP };
                if b != wanted {
                    let name = if c == ':' {
                        "U+00A0 NO-BREAK SPACE"
                    } else {
                        "U+202F NARROW NO-BREAK SPACE"
                    };
                    problems.push(format!("« {c} » not preceded by {name}"));
                }
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn ftl_files_and_templates_are_written_as_french_is() {
    let web = web_dir();
    let mut report = String::new();
    let mut checked = 0;
    for (dir, language) in [
        ("locales/fr-CA", Language::French),
        ("locales/en", Language::English),
    ] {
        let mut files = Vec::new();
        files_under(&web.join(dir), "ftl", &mut files);
        assert!(!files.is_empty(), "no ftl file under {dir}");
        for file in files {
            let source = std::fs::read_to_string(&file).expect("ftl file");
            for text in ftl_texts(&source) {
                checked += 1;
                for problem in check(&text, language) {
                    let _ = writeln!(report, "{}:{}: {problem}", file.display(), text.line);
                }
            }
        }
    }
    let mut templates = Vec::new();
    files_under(&web.join("templates"), "html", &mut templates);
    assert!(!templates.is_empty(), "no template");
    for file in templates {
        let source = std::fs::read_to_string(&file).expect("template");
        for text in template_texts(&source) {
            checked += 1;
            for problem in check(&text, Language::Either) {
                let _ = writeln!(report, "{}:{}: {problem}", file.display(), text.line);
            }
        }
    }
    assert!(checked > 1000, "only {checked} texts checked");
    assert!(report.is_empty(), "French typography:\n{report}");
}

/// The checker itself finds what it must and nothing else.
#[test]
fn the_checker_sees_what_it_must() {
    let fr = |s: &str| {
        ftl_texts(s)
            .iter()
            .flat_map(|t| check(t, Language::French))
            .collect::<Vec<_>>()
    };
    assert!(fr("a = L’équipe\u{a0}: { $n }\u{202f}!").is_empty());
    assert!(fr("a = «\u{a0}x\u{a0}»").is_empty());
    assert_eq!(fr("a = L'équipe").len(), 1);
    assert_eq!(fr("a = { $n } action(s)").len(), 1);
    assert_eq!(fr("a = { $n } présent·es").len(), 1);
    assert!(fr("a = Administrateur·trice").is_empty());
    assert_eq!(fr("a = familles; b").len(), 1);
    assert_eq!(fr("a = Note : x").len(), 1);
    assert_eq!(fr("a = «x»").len(), 2);
    assert!(fr("a = voir https://exemple.qc.ca/?q=1").is_empty());
    assert!(fr("# L'équipe\na = x").is_empty());
    assert!(
        fr("a = { $count ->\n    [one] une action\n   *[other] { $count } actions\n}").is_empty()
    );
    let tpl = |s: &str| {
        template_texts(s)
            .iter()
            .flat_map(|t| check(t, Language::Either))
            .collect::<Vec<_>>()
    };
    assert!(tpl("<a href='/x' title=\"{{ p.t(\"a\") }}\">{{ x }}</a>").is_empty());
    assert!(tpl("<script>if (a != b && c) { x('y'); }</script>").is_empty());
    assert_eq!(tpl("<p>L'équipe</p>").len(), 1);
    assert_eq!(tpl("<p title=\"l'équipe\">x</p>").len(), 1);
    assert_eq!(tpl("<p>{{ n }} organisation(s)</p>").len(), 1);
    assert_eq!(tpl("<p>{{ n }} présent·es</p>").len(), 1);
}
