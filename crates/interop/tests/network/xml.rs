//! A strict little XML 1.0 reader with namespaces, for the tests only: it
//! refuses what a conforming parser refuses in documents like ours
//! (characters XML forbids, a raw `<` or a bare `&`, unknown entities,
//! mismatched or missing end tags, duplicate attributes, unbound prefixes,
//! `]]>` in text, content after the root) and builds a tree to inspect.
//! No DTD support: our writers never emit one.

use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Attr {
    /// Namespace of a prefixed attribute; unprefixed attributes have none.
    pub ns: Option<String>,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct Element {
    pub ns: Option<String>,
    pub name: String,
    /// Namespace declarations made on this element (prefix "" = default).
    pub declares: Vec<(String, String)>,
    pub attrs: Vec<Attr>,
    pub children: Vec<Element>,
    /// All character data directly inside, concatenated.
    pub text: String,
}

impl Element {
    /// An unprefixed attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_none() && a.name == name)
            .map(|a| a.value.as_str())
    }

    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns.as_deref() == Some(ns) && self.name == name
    }

    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || c == ':'
        || (u32::from(c) >= 0xC0 && c != '\u{D7}' && c != '\u{F7}')
}

fn name_char(c: char) -> bool {
    name_start(c) || c.is_ascii_digit() || c == '-' || c == '.' || c == '\u{B7}'
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

type R<T> = Result<T, String>;

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn err<T>(&self, msg: &str) -> R<T> {
        let line = self.s[..self.pos].matches('\n').count() + 1;
        let near: String = self.rest().chars().take(30).collect();
        Err(format!("line {line}: {msg} (near {near:?})"))
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, lit: &str) -> R<()> {
        if self.eat(lit) {
            Ok(())
        } else {
            self.err(&format!("expected {lit:?}"))
        }
    }

    fn space(&mut self) -> bool {
        let start = self.pos;
        while let Some(c) = self.rest().chars().next() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.pos > start
    }

    fn name(&mut self) -> R<&'a str> {
        let start = self.pos;
        let mut chars = self.rest().char_indices();
        match chars.next() {
            Some((_, c)) if name_start(c) => {}
            _ => return self.err("expected a name"),
        }
        let mut end = self.rest().len();
        for (i, c) in chars {
            if !name_char(c) {
                end = i;
                break;
            }
        }
        self.pos += end;
        Ok(&self.s[start..self.pos])
    }

    /// `&…;` after the `&`.
    fn reference(&mut self, out: &mut String) -> R<()> {
        let end = match self.rest().find(';') {
            Some(e) if e <= 10 => e,
            _ => return self.err("bare & (not a reference)"),
        };
        let body = &self.rest()[..end];
        let c = match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = if let Some(h) = body.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).ok()
                } else if let Some(d) = body.strip_prefix('#') {
                    d.parse().ok()
                } else {
                    None
                };
                match n.and_then(char::from_u32) {
                    Some(c) if xml_char(c) => c,
                    _ => return self.err(&format!("bad reference &{body};")),
                }
            }
        };
        out.push(c);
        self.pos += end + 1;
        Ok(())
    }

    fn attr_value(&mut self) -> R<String> {
        let Some(quote @ ('"' | '\'')) = self.rest().chars().next() else {
            return self.err("expected a quoted value");
        };
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.rest().chars().next() else {
                return self.err("unterminated attribute value");
            };
            self.pos += c.len_utf8();
            match c {
                c if c == quote => return Ok(out),
                '<' => return self.err("< in an attribute value"),
                '&' => self.reference(&mut out)?,
                // Attribute-value normalization of literal white space.
                '\t' | '\n' | '\r' => out.push(' '),
                c => out.push(c),
            }
        }
    }

    fn misc(&mut self) -> R<()> {
        loop {
            self.space();
            if self.eat("<!--") {
                self.comment_body()?;
            } else if self.rest().starts_with("<?") {
                self.pos += 2;
                let Some(end) = self.rest().find("?>") else {
                    return self.err("unterminated processing instruction");
                };
                self.pos += end + 2;
            } else {
                return Ok(());
            }
        }
    }

    fn comment_body(&mut self) -> R<()> {
        let Some(end) = self.rest().find("--") else {
            return self.err("unterminated comment");
        };
        self.pos += end;
        self.expect("-->")
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one XML element: its tag, attributes, namespaces and content, as the grammar reads"
    )]
    fn element(&mut self, scope: &HashMap<String, String>) -> R<Element> {
        self.expect("<")?;
        let qname = self.name()?;
        let mut raw: Vec<(&'a str, String)> = Vec::new();
        loop {
            let spaced = self.space();
            if self.eat("/>") || self.rest().starts_with('>') {
                break;
            }
            if !spaced {
                return self.err("expected white space before an attribute");
            }
            let n = self.name()?;
            self.space();
            self.expect("=")?;
            self.space();
            let v = self.attr_value()?;
            if raw.iter().any(|(m, _)| *m == n) {
                return self.err(&format!("duplicate attribute {n}"));
            }
            raw.push((n, v));
        }
        let empty = !self.eat(">");

        let mut scope = scope.clone();
        let mut declares = Vec::new();
        for (n, v) in &raw {
            if *n == "xmlns" {
                scope.insert(String::new(), v.clone());
                declares.push((String::new(), v.clone()));
            } else if let Some(p) = n.strip_prefix("xmlns:") {
                if v.is_empty() {
                    return self.err("empty namespace for a prefix");
                }
                scope.insert(p.to_owned(), v.clone());
                declares.push((p.to_owned(), v.clone()));
            }
        }
        let resolve = |q: &str, default: bool| -> Result<(Option<String>, String), String> {
            match q.split_once(':') {
                Some((p, local)) => match scope.get(p) {
                    Some(ns) => Ok((Some(ns.clone()), local.to_owned())),
                    None if p == "xml" => Ok((
                        Some("http://www.w3.org/XML/1998/namespace".into()),
                        local.to_owned(),
                    )),
                    None => Err(format!("unbound prefix {p} in {q}")),
                },
                None if default => Ok((
                    scope.get("").filter(|n| !n.is_empty()).cloned(),
                    q.to_owned(),
                )),
                None => Ok((None, q.to_owned())),
            }
        };
        let (ns, name) = resolve(qname, true).or_else(|e| self.err(&e))?;
        let mut attrs: Vec<Attr> = Vec::new();
        for (n, v) in raw {
            if n == "xmlns" || n.starts_with("xmlns:") {
                continue;
            }
            let (ans, aname) = resolve(n, false).or_else(|e| self.err(&e))?;
            if attrs.iter().any(|a| a.ns == ans && a.name == aname) {
                return self.err(&format!("duplicate expanded attribute {n}"));
            }
            attrs.push(Attr {
                ns: ans,
                name: aname,
                value: v,
            });
        }
        let mut el = Element {
            ns,
            name,
            declares,
            attrs,
            children: Vec::new(),
            text: String::new(),
        };
        if empty {
            return Ok(el);
        }
        loop {
            let Some(c) = self.rest().chars().next() else {
                return self.err(&format!("missing </{qname}>"));
            };
            if self.eat("</") {
                let end = self.name()?;
                if end != qname {
                    return self.err(&format!("</{end}> closes <{qname}>"));
                }
                self.space();
                self.expect(">")?;
                return Ok(el);
            } else if self.eat("<!--") {
                self.comment_body()?;
            } else if self.eat("<![CDATA[") {
                let Some(end) = self.rest().find("]]>") else {
                    return self.err("unterminated CDATA");
                };
                el.text.push_str(&self.rest()[..end]);
                self.pos += end + 3;
            } else if self.rest().starts_with("<?") {
                self.misc()?;
            } else if c == '<' {
                el.children.push(self.element(&scope)?);
            } else if c == '&' {
                self.pos += 1;
                let mut t = String::new();
                self.reference(&mut t)?;
                el.text.push_str(&t);
            } else {
                if self.rest().starts_with("]]>") {
                    return self.err("]]> in text");
                }
                self.pos += c.len_utf8();
                // Line-end normalization of literal carriage returns.
                if c == '\r' {
                    if !self.rest().starts_with('\n') {
                        el.text.push('\n');
                    }
                } else {
                    el.text.push(c);
                }
            }
        }
    }
}

/// Parses a whole document; it must start with the XML declaration in UTF-8.
pub fn parse(doc: &str) -> Result<Element, String> {
    if let Some((i, c)) = doc.char_indices().find(|&(_, c)| !xml_char(c)) {
        return Err(format!(
            "character U+{:04X} forbidden in XML 1.0 at byte {i}",
            u32::from(c)
        ));
    }
    let mut p = Parser { s: doc, pos: 0 };
    p.expect("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    p.misc()?;
    if p.rest().starts_with("<!DOCTYPE") {
        return p.err("unexpected DOCTYPE");
    }
    let root = p.element(&HashMap::new())?;
    p.misc()?;
    if !p.rest().is_empty() {
        return p.err("content after the root element");
    }
    Ok(root)
}

#[test]
fn the_reader_refuses_what_xml_refuses() {
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let bad = [
        "<a>&</a>",
        "<a>&foo;</a>",
        "<a b=\"<\"/>",
        "<a b=\"1\" b=\"2\"/>",
        "<a><b></a></b>",
        "<a>",
        "<a/><b/>",
        "<x:a/>",
        "<a>]]></a>",
        "<a>\u{1}</a>",
        "<a b=\"&#1;\"/>",
        "<a b='1'c='2'/>",
    ];
    for b in bad {
        assert!(parse(&format!("{decl}{b}")).is_err(), "accepted {b:?}");
    }
    let ok = parse(&format!(
        "{decl}<a xmlns=\"urn:a\" xmlns:v=\"urn:v\" k=\"x&amp;&#10;&apos;\"><v:b/>t&lt;&#x2019;<!-- c --></a>"
    ))
    .unwrap();
    assert!(ok.is("urn:a", "a"));
    assert_eq!(ok.attr("k"), Some("x&\n'"));
    assert!(ok.children[0].is("urn:v", "b"));
    assert_eq!(ok.text, "t<’");
}
