//! A thin layer over quick-xml: events without namespaces' prefixes to care about,
//! attributes by local name, Word's on/off properties, and text with its character
//! references resolved.

use super::DocxError;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

/// A reader of one XML part.
pub struct Xml<'a> {
    reader: Reader<&'a [u8]>,
}

impl<'a> Xml<'a> {
    /// Reads this text.
    pub fn new(text: &'a str) -> Self {
        Xml {
            reader: Reader::from_str(text),
        }
    }

    /// The next event, or None at the end. A DOCTYPE is refused wherever it stands.
    pub fn next(&mut self) -> Result<Option<Event<'a>>, DocxError> {
        match self.reader.read_event() {
            Ok(Event::Eof) => Ok(None),
            Ok(Event::DocType(_)) => Err(DocxError::XmlDeclarations),
            Ok(event) => Ok(Some(event)),
            Err(_) => Err(DocxError::Damaged),
        }
    }
}

/// An attribute's value by its local name (`w:val` → `val`), unescaped.
pub fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Whether a Word on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
pub fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// The text an entity or character reference stands for (`&amp;` → `&`).
pub fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.decode().as_deref() {
        Ok("amp") => "&",
        Ok("lt") => "<",
        Ok("gt") => ">",
        Ok("quot") => "\"",
        Ok("apos") => "'",
        _ => "",
    }
    .to_string()
}
