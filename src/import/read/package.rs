//! Zip packages (`PK\x03\x04`): what kind of document the package is, and a
//! decompression-bomb guard run before calamine (or the Word reader) opens it.
//!
//! Neither calamine nor the zip crate limits how much a package inflates to.
//! The zip crate does stop an entry at its declared uncompressed size, so
//! checking the declared sizes in the central directory bounds the real ones.
//! The limits follow Apache POI's `ZipSecureFile`: a minimum compression
//! ratio of 1 %, a maximum entry size, and a cap on the number of entries.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
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
    /// A Word package (`.docx`, `.docm`, `.dotx`), by its main part.
    Docx,
    /// An OpenDocument text (`.odt`).
    Odt,
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
    inspect_as(bytes, None)
}

/// [`inspect`], with the kind `forced` rather than judged by the entries
/// (for the fuzzers' door, `read::fuzz`): the guards the kind gets still run.
pub(super) fn inspect_as(bytes: &[u8], forced: Option<Kind>) -> Result<Kind, Refusal> {
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
    let kind = forced.unwrap_or_else(|| kind(&names, &mut zip));
    if kind == Kind::Xlsx {
        for (i, size) in shared_strings {
            check_shared_strings(&mut zip, i, size)?;
        }
    }
    Ok(kind)
}

/// The kind by the entry names; `mimetype` and `[Content_Types].xml` are
/// read only when the names do not tell.
fn kind(names: &[String], zip: &mut ZipArchive<Cursor<&[u8]>>) -> Kind {
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
        let m = mimetype(zip);
        return if m.starts_with("application/vnd.oasis.opendocument.spreadsheet") {
            Kind::Ods
        } else if m.contains("opendocument.text") {
            Kind::Odt
        } else if m.contains("opendocument.presentation") {
            Kind::Slides
        } else {
            Kind::Zip
        };
    }
    if has("content.xml") && has("meta-inf/manifest.xml") {
        return Kind::Ods;
    }
    // A Word package by its usual main part, or by the content type of a
    // main part elsewhere.
    if has("word/document.xml")
        || (has("[content_types].xml")
            && read_entry(zip, "[Content_Types].xml", 1 << 20)
                .is_some_and(|types| main_document(&types).is_some()))
    {
        return Kind::Docx;
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
    let buf = read_entry(zip, "mimetype", 256).unwrap_or_default();
    String::from_utf8_lossy(&buf).trim().to_string()
}

/// At most `limit` bytes of the entry `name` (case-insensitive), if any.
fn read_entry(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Option<Vec<u8>> {
    let index = (0..zip.len()).find(|&i| {
        zip.name_for_index(i)
            .and_then(Result::ok)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })?;
    let mut buf = Vec::new();
    zip.by_index(index)
        .ok()?
        .take(limit)
        .read_to_end(&mut buf)
        .ok()?;
    Some(buf)
}

/// Content types of a Word main document part: document, macro-enabled
/// document, template, macro-enabled template (lower case).
const MAIN_TYPES: [&str; 4] = [
    "wordprocessingml.document.main+xml",
    "ms-word.document.macroenabled.main+xml",
    "wordprocessingml.template.main+xml",
    "ms-word.template.macroenabledtemplate.main+xml",
];

/// The part name (without its leading `/`) that `[Content_Types].xml`
/// declares a Word main document, if any.
pub(super) fn main_document(types: &[u8]) -> Option<String> {
    let mut found = None;
    for_each_element(types, |name, attrs| {
        if found.is_some() || name != "Override" {
            return;
        }
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        if let (Some(part), Some(typ)) = (get("PartName"), get("ContentType")) {
            let typ = typ.to_ascii_lowercase();
            if MAIN_TYPES.iter().any(|t| typ.ends_with(t)) {
                found = Some(part.trim_start_matches('/').to_string());
            }
        }
    });
    found
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

// ------------------------------------------------------------ merged ranges

/// At most this many bytes after the first `<mergeCell` are searched.
pub(super) const MAX_MERGE_TAIL: u64 = 64 << 20;

/// Merged ranges of `.xlsx` sheets, found by a byte search instead of a
/// second XML parse (calamine's `merge_cells_by_sheet_name` parses the whole
/// sheet again, which costs about as much as reading its cells).
///
/// `<mergeCells>` follows `</sheetData>`; in well-formed XML a literal
/// `<mergeCell` can only be a tag, since `<` in text and attributes is escaped.
pub(super) struct XlsxMerges<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Sheet name → entry name of its worksheet part.
    parts: HashMap<String, String>,
}

impl<'a> XlsxMerges<'a> {
    /// Maps the workbook's sheets to their parts; `None` when the package
    /// does not say (the caller then asks calamine).
    pub(super) fn open(bytes: &'a [u8]) -> Option<XlsxMerges<'a>> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
        let names: HashMap<String, String> = zip
            .file_names()
            .filter_map(|n| n.ok())
            .map(|n| (n.to_lowercase(), n.to_string()))
            .collect();
        let mut read_part = |path: &str| -> Option<Vec<u8>> {
            let name = names.get(&path.to_lowercase())?;
            let mut out = Vec::new();
            zip.by_name(name)
                .ok()?
                .take(16 << 20)
                .read_to_end(&mut out)
                .ok()?;
            Some(out)
        };
        let workbook = read_part("_rels/.rels")
            .and_then(|rels| {
                relationships(&rels)
                    .into_iter()
                    .find(|r| r.kind.ends_with("/officeDocument"))
                    .map(|r| resolve("", &r.target))
            })
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
        let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", &workbook));
        let dir = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let rels = relationships(&read_part(&format!("{dir}_rels/{file}.rels"))?);
        let sheets = sheet_ids(&read_part(&workbook)?);
        let parts = sheets
            .into_iter()
            .filter_map(|(sheet, id)| {
                let rel = rels.iter().find(|r| r.id == id)?;
                let path = resolve(&dir, &rel.target);
                Some((sheet, names.get(&path.to_lowercase())?.clone()))
            })
            .collect();
        Some(XlsxMerges { zip, parts })
    }

    /// The entry name of each sheet's worksheet part.
    pub(super) fn parts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parts.iter().map(|(s, p)| (s.as_str(), p.as_str()))
    }

    /// The sheet's merged ranges, 0-based inclusive; `None` when the sheet's
    /// part is unknown or cannot be inflated.
    pub(super) fn of(&mut self, sheet: &str) -> Option<Vec<(u32, u32, u32, u32)>> {
        let part = self.parts.get(sheet)?;
        let mut entry = self.zip.by_name(part).ok()?;
        let mut buf = vec![0u8; 1 << 16];
        let mut carry = 0;
        loop {
            let n = entry.read(&mut buf[carry..]).ok()?;
            if n == 0 {
                return Some(Vec::new());
            }
            let filled = carry + n;
            if let Some(at) = find_tag(&buf[..filled]) {
                let mut tail = buf[at..filled].to_vec();
                entry.take(MAX_MERGE_TAIL).read_to_end(&mut tail).ok()?;
                return Some(merge_tags(&tail));
            }
            // Keep the end: a tag name may straddle two reads.
            let keep = filled.min(16);
            buf.copy_within(filled - keep..filled, 0);
            carry = keep;
        }
    }
}

/// Position of the first `<mergeCell` / `:mergeCell` (prefixed) tag name.
pub(super) fn find_tag(hay: &[u8]) -> Option<usize> {
    let key = b"mergeCell";
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&hay[from..], key) {
        let at = from + i;
        if at > 0 && matches!(hay[at - 1], b'<' | b':') {
            return Some(at - 1);
        }
        from = at + 1;
    }
    None
}

/// Every `mergeCell` tag's `ref` range in `xml`.
pub(super) fn merge_tags(xml: &[u8]) -> Vec<(u32, u32, u32, u32)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = find_tag(rest) {
        let after = &rest[at + 10..];
        let end = memchr::memchr(b'>', after).unwrap_or(after.len());
        let tag = &after[..end];
        // `mergeCells`, the container, is not a range.
        if tag.first().is_some_and(|b| b.is_ascii_whitespace())
            && let Some(range) = attribute(tag, b"ref").and_then(cell_range)
        {
            out.push(range);
        }
        rest = &after[end..];
    }
    out
}

/// The value of `key="…"` (or `'…'`) in a tag's attribute text.
fn attribute<'t>(tag: &'t [u8], key: &[u8]) -> Option<&'t [u8]> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&tag[from..], key) {
        let at = from + i;
        let before_ok = at == 0 || tag[at - 1].is_ascii_whitespace();
        let rest = &tag[at + key.len()..];
        if before_ok && rest.first() == Some(&b'=') {
            let quote = *rest.get(1)?;
            let value = rest.get(2..)?;
            let end = value.iter().position(|&b| b == quote)?;
            return Some(&value[..end]);
        }
        from = at + 1;
    }
    None
}

/// `B2:G2` (or `$B$2:$G$2`) as 0-based `(row, col, row, col)`.
fn cell_range(r: &[u8]) -> Option<(u32, u32, u32, u32)> {
    let text = std::str::from_utf8(r).ok()?;
    let (a, b) = text.split_once(':')?;
    let (r0, c0) = cell_ref(a)?;
    let (r1, c1) = cell_ref(b)?;
    Some((r0, c0, r1, c1))
}

fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0u32;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

pub(super) struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

pub(super) fn relationships(xml: &[u8]) -> Vec<Relationship> {
    let mut out = Vec::new();
    for_each_element(xml, |name, attrs| {
        if name == "Relationship" {
            let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            if let (Some(id), Some(target)) = (get("Id"), get("Target")) {
                let kind = get("Type").unwrap_or_default();
                out.push(Relationship { id, kind, target });
            }
        }
    });
    out
}

/// `(sheet name, relationship id)` in workbook order.
fn sheet_ids(xml: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for_each_element(xml, |name, attrs| {
        if name == "sheet" {
            let name = attrs.iter().find(|(n, _)| n == "name");
            let id = attrs.iter().find(|(n, _)| n.ends_with(":id") || n == "id");
            if let (Some((_, name)), Some((_, id))) = (name, id) {
                out.push((name.clone(), id.clone()));
            }
        }
    });
    out
}

/// Calls `f(local name, attributes)` for every start or empty element.
fn for_each_element(xml: &[u8], mut f: impl FnMut(&str, &[(String, String)])) {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.local_name();
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .map(|a| {
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                            .unwrap_or_else(|_| a.value.clone().into_owned());
                        (a.key.as_ref().to_string(), value)
                    })
                    .collect();
                f(name.as_ref(), &attrs);
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// A relationship target against the folder of its source part.
pub(super) fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
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
            k(&[(
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet"
            )]),
            Kind::Ods
        );
        assert_eq!(
            k(&[("mimetype", b"application/vnd.oasis.opendocument.text")]),
            Kind::Odt
        );
        assert_eq!(k(&[("word/document.xml", b"<x/>")]), Kind::Docx);
        // A main part elsewhere, told by its content type.
        let types = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/doc/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
        assert_eq!(
            k(&[("[Content_Types].xml", types), ("doc/main.xml", b"<x/>")]),
            Kind::Docx
        );
        assert_eq!(main_document(types), Some("doc/main.xml".to_string()));
        let macro_types = br#"<Types><Override PartName="/word/d.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>"#;
        assert_eq!(main_document(macro_types), Some("word/d.xml".to_string()));
        let sheet_types = br#"<Types><Override PartName="/x.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
        assert_eq!(main_document(sheet_types), None);
        assert_eq!(k(&[("[Content_Types].xml", sheet_types)]), Kind::Zip);
        assert_eq!(k(&[("ppt/presentation.xml", b"<x/>")]), Kind::Slides);
        assert_eq!(k(&[("Index/Document.iwa", b"\0")]), Kind::Numbers);
        assert_eq!(k(&[("a.txt", b"hello")]), Kind::Zip);
    }

    #[test]
    fn refuses_absurd_shared_string_counts() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="900000000000"><si><t>a</t></si></sst>"#;
        assert_eq!(
            inspect(&package(&[
                ("xl/workbook.xml", b"<x/>"),
                ("xl/sharedStrings.xml", sst)
            ])),
            Err(Refusal::SharedStrings(900_000_000_000))
        );
        let fine = br#"<sst uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert_eq!(
            inspect(&package(&[
                ("xl/workbook.xml", b"<x/>"),
                ("xl/sharedStrings.xml", fine)
            ])),
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
    fn finds_merges_without_parsing_the_sheet() {
        let sheet = br#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell ref="Z9:Z10" &lt;mergeCell ref="Y1:Y2"/&gt;</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="B2:G2"/><mergeCell ref='$D$6:$D$7'></mergeCell></mergeCells></worksheet>"#;
        assert_eq!(merge_tags(sheet), vec![(1, 1, 1, 6), (5, 3, 6, 3)]);
        let prefixed = br#"<x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells>"#;
        assert_eq!(merge_tags(prefixed), vec![(0, 0, 0, 1)]);
        assert_eq!(
            cell_range(b"AA10:XFD1048576"),
            Some((9, 26, 1_048_575, 16_383))
        );
        assert_eq!(cell_range(b"A0:B1"), None);
        assert_eq!(
            attribute(b" xref=\"A1:B2\" ref=\"C1:D2\"", b"ref"),
            Some(&b"C1:D2"[..])
        );
    }

    #[test]
    fn resolves_targets() {
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/sub/", "../worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
    }

    #[test]
    fn truncated_packages_are_corrupt() {
        let p = package(&[("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(inspect(&p[..p.len() / 2]), Err(Refusal::Corrupt));
    }
}
