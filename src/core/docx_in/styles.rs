//! What a document's styles (`word/styles.xml`) and list definitions
//! (`word/numbering.xml`) say about a paragraph: its heading level, its alignment and
//! size, its list marker.

use super::xml::{attr, is_on, Xml};
use super::DocxError;
use crate::core::issue::chinese_numeral;
use quick_xml::events::Event;
use std::collections::HashMap;

/// What one style sets; `None` where it leaves the property to the style it is based on.
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    size: Option<u32>,
    centred: Option<bool>,
    bold: Option<bool>,
    italic: Option<bool>,
    hidden: Option<bool>,
    list: Option<(String, u8)>,
}

/// A style's properties with the styles it is based on applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The heading level (1–6), from the style's name (`heading 2`, `标题 2`, `Title`)
    /// or its outline level.
    pub heading: Option<usize>,
    /// The font size in half-points.
    pub size: Option<u32>,
    /// Centred.
    pub centred: bool,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Hidden text.
    pub hidden: bool,
    /// The list (numbering id, level) the style puts its paragraphs in.
    pub list: Option<(String, u8)>,
}

/// The styles of a document, by id.
#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    /// The document's default font size, in half-points.
    pub default_size: Option<u32>,
    /// The id of the default paragraph style (`Normal`, `a`, …).
    pub default_paragraph: Option<String>,
}

/// The heading level a style's name gives: `heading 1`, `Heading1`, `标题 1`, `Title`.
fn level_from_name(name: &str) -> Option<usize> {
    let lower = name.trim().to_lowercase();
    if lower == "title" || lower == "标题" {
        return Some(1);
    }
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let level: usize = rest.trim().parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

impl Styles {
    /// Reads `word/styles.xml`.
    pub fn read(xml: &str) -> Result<Self, DocxError> {
        let mut styles = Styles::default();
        let mut reader = Xml::new(xml);
        let mut current: Option<(String, Style, bool)> = None;
        let mut in_defaults = false;
        while let Some(event) = reader.next()? {
            let (start, e) = match &event {
                Event::Start(e) => (true, e),
                Event::Empty(e) => (false, e),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        b"style" => {
                            if let Some((id, style, default)) = current.take() {
                                if default {
                                    styles.default_paragraph = Some(id.clone());
                                }
                                styles.by_id.insert(id, style);
                            }
                        }
                        b"rPrDefault" => in_defaults = false,
                        _ => {}
                    }
                    continue;
                }
                _ => continue,
            };
            let name = e.local_name();
            match name.as_ref() {
                b"style" if start => {
                    let paragraph = attr(e, b"type").is_none_or(|t| t == "paragraph");
                    let default = paragraph && attr(e, b"default").is_some_and(|d| d == "1" || d == "true");
                    current = attr(e, b"styleId").map(|id| (id, Style::default(), default));
                }
                b"rPrDefault" if start => in_defaults = true,
                b"sz" if in_defaults => styles.default_size = attr(e, b"val").and_then(|v| v.parse().ok()),
                _ => {}
            }
            let Some((_, style, _)) = current.as_mut() else {
                continue;
            };
            match name.as_ref() {
                b"name" => style.name = attr(e, b"val").unwrap_or_default(),
                b"basedOn" => style.based_on = attr(e, b"val"),
                b"outlineLvl" => style.outline = attr(e, b"val").and_then(|v| v.parse().ok()),
                b"sz" => style.size = attr(e, b"val").and_then(|v| v.parse().ok()),
                b"jc" => style.centred = attr(e, b"val").map(|v| v == "center"),
                b"b" => style.bold = Some(is_on(e)),
                b"i" => style.italic = Some(is_on(e)),
                b"vanish" => style.hidden = Some(is_on(e)),
                b"numId" => {
                    let id = attr(e, b"val").unwrap_or_default();
                    let level = style.list.as_ref().map_or(0, |l| l.1);
                    style.list = Some((id, level));
                }
                b"ilvl" => {
                    let level = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let id = style.list.take().map(|l| l.0).unwrap_or_default();
                    style.list = Some((id, level));
                }
                _ => {}
            }
        }
        Ok(styles)
    }

    /// A style's properties, with those of the styles it is based on (at most ten deep,
    /// so that a loop of styles ends).
    pub fn resolve(&self, id: Option<&str>) -> Resolved {
        let mut resolved = Resolved::default();
        let (mut size, mut centred, mut bold, mut italic, mut hidden) = (None, None, None, None, None);
        let mut next = id.map(str::to_string).or_else(|| self.default_paragraph.clone());
        for _ in 0..10 {
            let Some(style) = next.as_deref().and_then(|id| self.by_id.get(id)) else {
                break;
            };
            if resolved.heading.is_none() {
                resolved.heading = level_from_name(&style.name)
                    .or_else(|| style.outline.filter(|l| *l < 6).map(|l| usize::from(l) + 1));
            }
            size = size.or(style.size);
            centred = centred.or(style.centred);
            bold = bold.or(style.bold);
            italic = italic.or(style.italic);
            hidden = hidden.or(style.hidden);
            if resolved.list.is_none() {
                resolved.list = style.list.clone();
            }
            next = style.based_on.clone();
        }
        resolved.size = size.or(self.default_size);
        resolved.centred = centred.unwrap_or(false);
        resolved.bold = bold.unwrap_or(false);
        resolved.italic = italic.unwrap_or(false);
        resolved.hidden = hidden.unwrap_or(false);
        resolved
    }

    /// A character style's bold, italic and hidden flags.
    pub fn run_style(&self, id: &str) -> (Option<bool>, Option<bool>, Option<bool>) {
        let mut found = (None, None, None);
        let mut next = Some(id.to_string());
        for _ in 0..10 {
            let Some(style) = next.as_deref().and_then(|id| self.by_id.get(id)) else {
                break;
            };
            found.0 = found.0.or(style.bold);
            found.1 = found.1.or(style.italic);
            found.2 = found.2.or(style.hidden);
            next = style.based_on.clone();
        }
        found
    }
}

/// One level of a list definition: its number format (`decimal`, `bullet`,
/// `chineseCounting`…), its marker text (`%1.`, `（%1）`) and its first number.
#[derive(Clone, Debug, Default)]
pub struct Level {
    /// The number format.
    pub format: String,
    /// The marker text, with `%1`… standing for the numbers of levels 1….
    pub text: String,
    /// The first number.
    pub start: u32,
}

/// The list definitions of a document.
#[derive(Debug, Default)]
pub struct Numbering {
    /// Numbering id → abstract definition id.
    nums: HashMap<String, String>,
    /// Abstract definition id → its levels.
    abstracts: HashMap<String, HashMap<u8, Level>>,
}

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub fn read(xml: &str) -> Result<Self, DocxError> {
        let mut numbering = Numbering::default();
        let mut reader = Xml::new(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num_id: Option<String> = None;
        while let Some(event) = reader.next()? {
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => abstract_id = attr(e, b"abstractNumId"),
                    b"lvl" => {
                        let index = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            index,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    b"start" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.start = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    b"numFmt" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.format = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"lvlText" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.text = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"num" => num_id = attr(e, b"numId"),
                    b"abstractNumId" => {
                        if let (Some(num), Some(target)) = (num_id.clone(), attr(e, b"val")) {
                            numbering.nums.insert(num, target);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(id), Some((index, l))) = (abstract_id.clone(), level.take()) {
                            numbering.abstracts.entry(id).or_default().insert(index, l);
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => num_id = None,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// The definition of one level of a list.
    pub fn level(&self, num_id: &str, level: u8) -> Option<&Level> {
        let target = self.nums.get(num_id)?;
        self.abstracts.get(target)?.get(&level)
    }
}

/// A number written in a list format: `3`, `三`, `c`, `iii`.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting" | "chineseCountingThousand" | "chineseLegalSimplified" | "ideographTraditional" if n > 0 => {
            chinese_numeral(n)
        }
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let c = char::from(b'a' + (n - 1) as u8);
            if format == "upperLetter" {
                c.to_ascii_uppercase().to_string()
            } else {
                c.to_string()
            }
        }
        "lowerRoman" | "upperRoman" if (1..40).contains(&n) => {
            let roman = roman(n);
            if format == "upperRoman" {
                roman.to_uppercase()
            } else {
                roman
            }
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (value, text) in table {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (82, "八十二"),
            (105, "一百零五"),
            (1265, "一千二百六十五"),
        ];
        for (n, text) in cases {
            assert_eq!(chinese_numeral(n), text);
        }
    }

    #[test]
    fn heading_names() {
        assert_eq!(level_from_name("heading 2"), Some(2));
        assert_eq!(level_from_name("标题 3"), Some(3));
        assert_eq!(level_from_name("Title"), Some(1));
        assert_eq!(level_from_name("Normal"), None);
    }
}
