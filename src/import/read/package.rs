//! Zip packages (`PK\x03\x04`): what kind of document the package is, and a
//! decompression-bomb guard run before calamine opens it.
//!
//! Neither calamine nor the zip crate limits how much a package inflates to.
//! The zip crate does stop an entry at its declared uncompressed size, so
//! checking the declared sizes in the central directory bounds the real ones.
//! The limits follow Apache POI's `ZipSecureFile`: a minimum compression
//! ratio of 1 %, a maximum entry size, and a cap on the number of entries.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// At most this many entries in a package (a workbook has a few dozen).
pub(super) const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes in one entry once inflated (POI: 4 GiB).
pub(super) const MAX_ENTRY_SIZE: u64 = 2 << 30;
/// At most this many bytes in all entries together once inflated.
pub(super) const MAX_TOTAL_SIZE: u64 = 4 << 30;
/// An entry inflating more than 100-fold is a bomb (POI: 0.01).
pub(super) const MIN_RATIO: f64 = 0.01;
/// Entries smaller than this are not ratio-checked: tiny, highly regular
/// parts (styles, empty sheets) compress very well and cost nothing.
pub(super) const RATIO_GRACE: u64 = 1 << 20;
/// calamine reserves one `String` per string its shared-string table
/// declares (`uniqueCount`); more than this is refused.
pub(super) const MAX_SHARED_STRINGS: u64 = 20_000_000;

/// What a package holds, judged by its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Xlsx,
    Xlsb,
    Ods,
    /// `.docx`, `.odt`.
    Text,
    /// `.pptx`, `.odp`.
    Slides,
    /// An Apple Numbers document.
    Numbers,
    /// Any other zip.
    Zip,
}

/// Why a package is refused.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Refusal {
    /// The central directory cannot be read: truncated or not a zip.
    Corrupt,
    TooManyEntries(usize),
    EntryTooLarge(String, u64),
    TotalTooLarge(u64),
    /// `(entry, compressed, uncompressed)`.
    Bomb(String, u64, u64),
    /// The shared-string table declares an absurd count.
    SharedStrings(u64),
}

/// Opens the package, runs the guard and tells its kind.
pub(super) fn inspect(bytes: &[u8]) -> Result<Kind, Refusal> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refusal::Corrupt)?;
    let meta = zip.metadata();
    if meta.len() > MAX_ENTRIES {
        return Err(Refusal::TooManyEntries(meta.len()));
    }
    let mut total = 0u64;
    let mut names = Vec::with_capacity(meta.len());
    let mut shared_strings = Vec::new();
    for i in 0..meta.len() {
        let entry = meta.entry(i).map_err(|_| Refusal::Corrupt)?;
        let name = String::from_utf8_lossy(entry.name_raw()).to_lowercase();
        let (packed, size) = (entry.compressed_size(), entry.size());
        if size > MAX_ENTRY_SIZE {
            return Err(Refusal::EntryTooLarge(name, size));
        }
        total = total.saturating_add(size);
        if size > RATIO_GRACE && (packed as f64) < (size as f64) * MIN_RATIO {
            return Err(Refusal::Bomb(name, packed, size));
        }
        if name.ends_with("sharedstrings.xml") {
            shared_strings.push((i, size));
        }
        names.push(name);
    }
    if total > MAX_TOTAL_SIZE {
        return Err(Refusal::TotalTooLarge(total));
    }
    let kind = kind(&names, || mimetype(&mut zip));
    if kind == Kind::Xlsx {
        for (i, size) in shared_strings {
            check_shared_strings(&mut zip, i, size)?;
        }
    }
    Ok(kind)
}

fn kind(names: &[String], mimetype: impl FnOnce() -> String) -> Kind {
    let has = |n: &str| names.iter().any(|x| x == n);
    if names
        .iter()
        .any(|n| n.ends_with("workbook.bin") && n.starts_with("xl/"))
    {
        return Kind::Xlsb;
    }
    if has("xl/workbook.xml")
        || (has("[content_types].xml") && names.iter().any(|n| n.starts_with("xl/")))
    {
        return Kind::Xlsx;
    }
    if has("mimetype") {
        let m = mimetype();
        return if m.starts_with("application/vnd.oasis.opendocument.spreadsheet") {
            Kind::Ods
        } else if m.contains("opendocument.text") {
            Kind::Text
        } else if m.contains("opendocument.presentation") {
            Kind::Slides
        } else {
            Kind::Zip
        };
    }
    if has("content.xml") && has("meta-inf/manifest.xml") {
        return Kind::Ods;
    }
    if has("word/document.xml") {
        return Kind::Text;
    }
    if has("ppt/presentation.xml") {
        return Kind::Slides;
    }
    if names
        .iter()
        .any(|n| n.starts_with("index/") && n.ends_with(".iwa"))
    {
        return Kind::Numbers;
    }
    Kind::Zip
}

fn mimetype(zip: &mut ZipArchive<Cursor<&[u8]>>) -> String {
    let mut buf = Vec::new();
    if let Ok(f) = zip.by_name("mimetype") {
        let _ = f.take(256).read_to_end(&mut buf);
    }
    String::from_utf8_lossy(&buf).trim().to_string()
}

/// calamine reserves `uniqueCount` strings before reading any: refuse a
/// count that is absurd for the part's size (each `<si>` takes ≥ 5 bytes).
fn check_shared_strings(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    size: u64,
) -> Result<(), Refusal> {
    let mut head = Vec::new();
    if let Ok(f) = zip.by_index(index) {
        let _ = f.take(64 << 10).read_to_end(&mut head);
    }
    let Some(count) = unique_count(&head) else {
        return Ok(());
    };
    if count > MAX_SHARED_STRINGS || count > size / 5 + 16 {
        return Err(Refusal::SharedStrings(count));
    }
    Ok(())
}

/// The `uniqueCount` attribute of the first element that has one.
fn unique_count(xml: &[u8]) -> Option<u64> {
    let key = b"uniqueCount=";
    let at = xml.windows(key.len()).position(|w| w == key)? + key.len();
    let rest = xml.get(at + 1..)?;
    let digits: Vec<u8> = rest
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    if digits.is_empty() {
        return None;
    }
    // Saturate: a count too long for u64 is absurd anyway.
    Some(
        std::str::from_utf8(&digits)
            .ok()?
            .parse::<u64>()
            .unwrap_or(u64::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn tells_kinds_apart() {
        let k = |parts: &[(&str, &[u8])]| inspect(&package(parts)).unwrap();
        assert_eq!(k(&[("xl/workbook.xml", b"<x/>")]), Kind::Xlsx);
        assert_eq!(k(&[("xl/workbook.bin", b"\0")]), Kind::Xlsb);
        assert_eq!(
            k(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]),
            Kind::Ods
        );
        assert_eq!(
            k(&[("mimetype", b"application/vnd.oasis.opendocument.text")]),
            Kind::Text
        );
        assert_eq!(k(&[("word/document.xml", b"<x/>")]), Kind::Text);
        assert_eq!(k(&[("ppt/presentation.xml", b"<x/>")]), Kind::Slides);
        assert_eq!(k(&[("Index/Document.iwa", b"\0")]), Kind::Numbers);
        assert_eq!(k(&[("a.txt", b"hello")]), Kind::Zip);
    }

    #[test]
    fn refuses_absurd_shared_string_counts() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="900000000000"><si><t>a</t></si></sst>"#;
        assert_eq!(
            inspect(&package(&[("xl/workbook.xml", b"<x/>"), ("xl/sharedStrings.xml", sst)])),
            Err(Refusal::SharedStrings(900_000_000_000))
        );
        let fine = br#"<sst uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert_eq!(
            inspect(&package(&[("xl/workbook.xml", b"<x/>"), ("xl/sharedStrings.xml", fine)])),
            Ok(Kind::Xlsx)
        );
        assert_eq!(unique_count(b"<sst uniqueCount='12'>"), Some(12));
        assert_eq!(unique_count(b"<sst count=\"12\">"), None);
    }

    #[test]
    fn refuses_too_many_entries() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("f{i}")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        assert_eq!(
            inspect(&package(&parts)),
            Err(Refusal::TooManyEntries(MAX_ENTRIES + 1))
        );
    }

    #[test]
    fn truncated_packages_are_corrupt() {
        let p = package(&[("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(inspect(&p[..p.len() / 2]), Err(Refusal::Corrupt));
    }
}
