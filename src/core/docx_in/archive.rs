//! The `.docx` container: what kind of file the bytes are, and the XML parts of a Word
//! document read out of its zip, within limits.
//!
//! Every check runs before anything is inflated: the file's signature, then the zip's
//! central directory (how many entries, how large each says it is unpacked, how much it
//! says it grew). A part is then inflated only up to the size the directory gave it, so a
//! zip that lies about its sizes cannot make us inflate more. XML with a DOCTYPE or an
//! entity declaration is refused: Word never writes one, and entities are how XML bombs
//! and external-file tricks work.

use super::DocxError;
use std::io::{Cursor, Read};

/// The most a document may hold unpacked, all parts together: 50 MB.
pub const MAX_UNPACKED: u64 = 50 * 1024 * 1024;

/// The most a part may grow when inflated. Word's XML compresses about ten times;
/// a hundred times larger than its packed size is a zip bomb, not a document.
pub const MAX_RATIO: u64 = 100;

/// Parts below this size may compress as well as they like (a run of spaces does).
const RATIO_FLOOR: u64 = 1024 * 1024;

/// The most entries a document's zip may hold.
const MAX_ENTRIES: usize = 10_000;

/// The signature of an OLE compound file: old Word and WPS files, and encrypted `.docx`.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What kind of file some bytes are, told by their first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A zip: a `.docx`, or another Office or OpenDocument file.
    Zip,
    /// An OLE compound file that holds an encrypted `.docx`.
    Encrypted,
    /// An OLE compound file: a `.doc` or an old `.wps`.
    OldOffice,
    /// A PDF.
    Pdf,
    /// Rich text.
    Rtf,
    /// Anything else.
    Other,
}

/// Tells what kind of file some bytes are, by their signature (not by a name).
pub fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        FileKind::Zip
    } else if bytes.starts_with(&OLE) {
        // An encrypted .docx is an OLE file with streams named EncryptionInfo and
        // EncryptedPackage; their names are stored in UTF-16.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
            FileKind::Encrypted
        } else {
            FileKind::OldOffice
        }
    } else if bytes.starts_with(b"%PDF") {
        FileKind::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        FileKind::Rtf
    } else {
        FileKind::Other
    }
}

/// A Word document's zip, checked, from which parts are read.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Opens the bytes as a Word document's zip, after every check that needs no
    /// inflating.
    pub fn open(bytes: &'a [u8]) -> Result<Self, DocxError> {
        match sniff(bytes) {
            FileKind::Zip => {}
            FileKind::Encrypted => return Err(DocxError::Encrypted),
            FileKind::OldOffice => return Err(DocxError::OldFormat),
            FileKind::Pdf => return Err(DocxError::Pdf),
            FileKind::Rtf => return Err(DocxError::Rtf),
            FileKind::Other => return Err(DocxError::NotZip),
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::Damaged)?;
        if zip.len() > MAX_ENTRIES {
            return Err(DocxError::TooLarge);
        }
        let mut total = 0u64;
        for index in 0..zip.len() {
            let entry = zip.by_index_raw(index).map_err(|_| DocxError::Damaged)?;
            if entry.encrypted() {
                return Err(DocxError::Encrypted);
            }
            let (size, packed) = (entry.size(), entry.compressed_size());
            total = total.saturating_add(size);
            if total > MAX_UNPACKED {
                return Err(DocxError::TooLarge);
            }
            if size > RATIO_FLOOR && size / packed.max(1) > MAX_RATIO {
                return Err(DocxError::Bomb);
            }
        }
        let mut package = Package { zip };
        if package.zip.index_for_name("word/document.xml").is_none() && package.main_part()?.is_none() {
            if package.zip.index_for_name("content.xml").is_some() {
                return Err(DocxError::OpenDocument);
            }
            return Err(DocxError::NoDocument);
        }
        Ok(package)
    }

    /// The main document part's name, from the package relationships when they name
    /// one (a few writers do not use `word/document.xml`).
    pub fn main_part(&mut self) -> Result<Option<String>, DocxError> {
        let Some(rels) = self.part("_rels/.rels")? else {
            return Ok(None);
        };
        let target = rels.split("<Relationship").find_map(|rel| {
            rel.contains("/officeDocument\"").then(|| {
                let start = rel.find("Target=\"")? + "Target=\"".len();
                let end = rel[start..].find('"')? + start;
                Some(rel[start..end].trim_start_matches('/').to_string())
            })?
        });
        Ok(target.filter(|name| self.zip.index_for_name(name).is_some()))
    }

    /// A part's text, or None when the package has no such part. Refuses parts that
    /// inflate beyond the size the directory gave them, that are not UTF-8, or that
    /// declare a DOCTYPE or entities.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(|_| DocxError::Damaged)?;
        let declared = entry.size();
        let mut bytes = Vec::with_capacity(declared.min(MAX_UNPACKED) as usize);
        entry
            .take(declared.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|_| DocxError::Damaged)?;
        if bytes.len() as u64 > declared {
            return Err(DocxError::Bomb);
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => utf16(err.as_bytes()).ok_or(DocxError::Damaged)?,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        // Inside text and attributes `<` is always escaped, so these can only be markup.
        if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") {
            return Err(DocxError::XmlDeclarations);
        }
        Ok(Some(text))
    }
}

/// Text in UTF-16 with a byte-order mark, which a few writers use for XML parts.
fn utf16(bytes: &[u8]) -> Option<String> {
    let units = |le: bool| {
        bytes[2..].chunks_exact(2).map(move |pair| {
            if le {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        })
    };
    match bytes.get(..2)? {
        [0xFF, 0xFE] => String::from_utf16(&units(true).collect::<Vec<_>>()).ok(),
        [0xFE, 0xFF] => String::from_utf16(&units(false).collect::<Vec<_>>()).ok(),
        _ => None,
    }
}
