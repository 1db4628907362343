//! Reading cells: the only calamine user. Routes each file by its first
//! bytes, guards against decompression bombs and huge extents, and returns
//! every sheet's cells and merged ranges — or a Chinese reason why not.
//!
//! - Zip packages (`PK\x03\x04`) are checked by `package` (entry count,
//!   declared sizes, compression ratio) and then read as `.xlsx`/`.xlsm`,
//!   `.xlsb`, `.ods` or a Word `.docx` (its tables as sheets, see `docx`)
//!   by their entries, whatever the file is called.
//! - OLE files (`D0 CF 11 E0`) are checked by `ole`: an `.xls` workbook
//!   (WPS often writes one under `.et`), a password-protected package, an old
//!   Word `.doc` (or WPS `.wps`), or something else.
//! - Anything else (HTML, CSV, PDF …) is named for what it is.
//!
//! A file that does not read is [`NotRead::Unreadable`], except a
//! word-processing document in a format not read (`.doc`, `.wps`, RTF,
//! `.odt`) that is not named as a spreadsheet: that one is
//! [`NotRead::PassedOver`], listed like the other files that are not
//! submissions, with what to do (另存为 .docx 或 .xlsx).
//!
//! `.xlsx` and `.xlsb` sheets are read cell by cell, so a stray cell at
//! XFD1048576 costs one cell, not the rectangle up to it. calamine builds
//! whole rectangles for `.xls` and `.ods` while opening the file, so those
//! are measured first (`ole`, `ods`) and refused when too large.
//! calamine is also wrapped in `catch_unwind` as a last line of defence,
//! with the panic's message kept off the clerk's terminal (see [`quietly`]).
//!
//! Merged ranges: `.xlsx` by a byte search of the sheet part as it is
//! inflated for calamine (`inflated`; for a package that is not a plain zip,
//! the part inflated again, `package::XlsxMerges`, falling back to
//! calamine), `.xls` from calamine,
//! `.ods` from the `ods` pass; calamine does not expose `.xlsb` merges.
//! Values: text, numbers (integers as `f64`), booleans, errors, dates as
//! 1900-system serials (ISO dates from `.ods` converted, 1904 workbooks
//! shifted), and formulas without a cached value as [`Cell::Formula`].

mod docx;
mod inflated;
mod ods;
mod ole;
mod package;

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use calamine::{
    Data, DataRef, Dimensions, Ods, OdsError, Range, Reader, SheetType, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError, XlsxFormulaMetadata,
};
use chrono::{NaiveDate, NaiveDateTime};

use super::{CellView, Full, RawSheet, RawWorkbook, SheetBuilder};

/// At most this many cells per sheet. An `.xlsx`/`.xlsb` sheet beyond it is
/// reported as failed; an `.xls`/`.ods` file with such a sheet (counting the
/// rectangle calamine would allocate) is refused as a whole, because calamine
/// reads all their sheets at once.
pub const MAX_CELLS: u64 = 5_000_000;

/// Files larger than this are not loaded (a year's ledger is tens of MB).
pub const MAX_FILE_SIZE: u64 = 1 << 30;

/// Why a file yielded no sheets, with a plain Chinese reason that says what
/// to do (e.g. "文件已加密（设置了打开密码），无法读取：请取消密码后另存为 .xlsx 重新报送").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRead {
    /// The file cannot be read: listed as unreadable, with UNREADABLE_FILE.
    Unreadable(String),
    /// A word-processing document in a format the tool does not read (an
    /// old Word `.doc`, a WPS `.wps`, RTF, `.odt`): listed with the files
    /// passed over, as a non-spreadsheet is.
    PassedOver(String),
}

impl NotRead {
    /// The Chinese reason.
    pub fn reason(&self) -> &str {
        match self {
            NotRead::Unreadable(r) | NotRead::PassedOver(r) => r,
        }
    }
}

#[cfg(test)]
impl NotRead {
    /// The reason of an unreadable file; panics on a file passed over.
    pub(crate) fn unreadable(self) -> String {
        match self {
            NotRead::Unreadable(r) => r,
            NotRead::PassedOver(r) => panic!("passed over, not unreadable: {r}"),
        }
    }
}

impl std::fmt::Display for NotRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

/// A file's bytes, unless it is too large to load ([`MAX_FILE_SIZE`]).
fn load(path: &Path) -> Result<Vec<u8>, NotRead> {
    let unreadable = |why: String| NotRead::Unreadable(why);
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(reason::io(&e)))?
        .len();
    if size > MAX_FILE_SIZE {
        return Err(unreadable(reason::file_too_big(size)));
    }
    std::fs::read(path).map_err(|e| unreadable(reason::io(&e)))
}

/// Reads every sheet of a workbook, or every table of a Word document.
pub fn read(path: &Path) -> Result<RawWorkbook, NotRead> {
    let bytes = load(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    read_guarded(&bytes, ext.as_deref(), MAX_CELLS)
}

/// The text of a document for reading as prose (an official notice): a
/// Word `.docx` (by content, whatever its name) as its paragraphs and table
/// cells in reading order, one a line; plain text as it is (UTF-8, with or
/// without a byte-order mark). Anything else is refused with what to do.
pub fn document_text(path: &Path) -> Result<String, NotRead> {
    let unreadable = |why: String| NotRead::Unreadable(why);
    let bytes = load(path)?;
    if bytes.starts_with(b"PK\x03\x04") {
        let kind = quietly(|| package::inspect(&bytes).ok()).ok().flatten();
        if kind != Some(package::Kind::Docx) {
            return Err(unreadable(reason::NOT_A_NOTICE.into()));
        }
        let book = quietly(|| docx::read(&bytes, MAX_CELLS))
            .ok()
            .and_then(Result::ok)
            .ok_or_else(|| unreadable(reason::DOCX_UNPARSABLE.into()))?;
        let mut lines = Vec::new();
        for sheet in &book.sheets {
            let mut row: Option<u32> = None;
            for (r, _, cell) in sheet.views() {
                let text = match cell {
                    CellView::Text(t) => t.to_string(),
                    other => crate::import::value::text(other).into_owned(),
                };
                if row == Some(r) {
                    if let Some(last) = lines.last_mut() {
                        let last: &mut String = last;
                        last.push('\t');
                        last.push_str(&text);
                    }
                } else {
                    lines.push(text);
                    row = Some(r);
                }
            }
        }
        return Ok(lines.join("\n"));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unreadable(reason::NOT_A_NOTICE.into()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| unreadable(reason::NOTICE_NOT_UTF8.into()))
}

/// Reads every sheet of a workbook held in memory; see [`read`].
pub fn read_bytes(bytes: &[u8]) -> Result<RawWorkbook, NotRead> {
    read_guarded(bytes, None, MAX_CELLS)
}

/// `max` is the per-sheet cell cap ([`MAX_CELLS`]; tests lower it).
fn read_guarded(bytes: &[u8], ext: Option<&str>, max: u64) -> Result<RawWorkbook, NotRead> {
    settle(|| route(bytes, max), ext)
}

/// Runs a reader under [`quietly`] (a panic is a corrupt file) and weighs
/// what it could not read against the file's name.
fn settle(
    read: impl FnOnce() -> Result<RawWorkbook, Unread>,
    ext: Option<&str>,
) -> Result<RawWorkbook, NotRead> {
    let result = quietly(read).unwrap_or_else(|_| Err(Unread::Broken(reason::CORRUPT.into())));
    result.map_err(|why| judge(why, Named::of(ext)))
}

/// The fuzzers' door (`fuzz/`; see the README's "Fuzzing"): each function
/// hands the bytes to one reader, whatever they start with and whatever the
/// package's entries say it is, behind the same guards, `catch_unwind` and
/// reasons as [`read_bytes`]. Only the choice of reader is skipped, so that
/// a fuzzer mutating an `.ods` stays in the `.ods` reader. The pipeline
/// never calls these.
#[doc(hidden)]
pub mod fuzz {
    use super::package::Kind;
    use super::{MAX_CELLS, NotRead, RawWorkbook, read_ole, read_package, settle};

    /// As `.xlsx`/`.xlsm`: the zip guard (with the shared-string check),
    /// then calamine's xlsx reader.
    pub fn xlsx(bytes: &[u8]) -> Result<RawWorkbook, NotRead> {
        settle(|| read_package(bytes, MAX_CELLS, Some(Kind::Xlsx)), None)
    }

    /// As `.xlsb`: the zip guard, then calamine's xlsb reader.
    pub fn xlsb(bytes: &[u8]) -> Result<RawWorkbook, NotRead> {
        settle(|| read_package(bytes, MAX_CELLS, Some(Kind::Xlsb)), None)
    }

    /// As `.ods`: the zip guard and the `ods` pass, then calamine's reader.
    pub fn ods(bytes: &[u8]) -> Result<RawWorkbook, NotRead> {
        settle(|| read_package(bytes, MAX_CELLS, Some(Kind::Ods)), None)
    }

    /// As a Word `.docx`: the zip guard, then the tables reader.
    pub fn docx(bytes: &[u8]) -> Result<RawWorkbook, NotRead> {
        settle(|| read_package(bytes, MAX_CELLS, Some(Kind::Docx)), None)
    }

    /// As an OLE file: the `ole` checks, then calamine's xls reader for a
    /// workbook that passed them.
    pub fn xls(bytes: &[u8]) -> Result<RawWorkbook, NotRead> {
        settle(|| read_ole(bytes, MAX_CELLS), None)
    }
}

/// Picks the reader from the first bytes.
fn route(bytes: &[u8], max: u64) -> Result<RawWorkbook, Unread> {
    if bytes.is_empty() {
        return Err(Unread::Broken(reason::EMPTY.into()));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_package(bytes, max, None);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return read_ole(bytes, max);
    }
    Err(Unread::Other(reason::sniff(bytes)))
}

// ------------------------------------------------------------ names

/// Why a file's content yielded no sheets, before its name is weighed.
#[derive(Debug)]
enum Unread {
    /// Broken (empty, truncated, encrypted, oversized …) whatever its name.
    Broken(String),
    /// Some other kind of file than one the tool reads.
    Other(Content),
}

/// What a file turned out to be, when it is neither a workbook nor a Word
/// package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    /// An old binary Word document (OLE with a `WordDocument` stream), as
    /// Word writes `.doc` and WPS writes `.wps`.
    WordBinary,
    /// A Word document (`.docx`) with no table: a note, not a report.
    Prose,
    /// An OpenDocument text.
    Odt,
    Rtf,
    Html,
    Slides,
    Numbers,
    Zip,
    Xml2003,
    Xml,
    Text,
    Pdf,
    Image,
    OldBiff,
    /// An OLE file holding neither a workbook nor a Word document (WPS's own
    /// `.et`, an `.msg` …).
    OtherOle,
    Unknown,
}

impl Content {
    /// Whether a file named as a document and holding this is a document in
    /// a format the tool does not read (passed over), rather than a broken
    /// or foreign file.
    fn is_document(self) -> bool {
        matches!(
            self,
            Content::WordBinary
                | Content::Prose
                | Content::Odt
                | Content::Rtf
                | Content::Html
                | Content::OtherOle
        )
    }

    /// The reason for a file named as a spreadsheet (or not named at all).
    fn reason(self) -> String {
        match self {
            Content::WordBinary => reason::WORD.into(),
            Content::Prose => reason::document(self, false),
            Content::Odt => reason::ODT.into(),
            Content::Rtf => reason::RTF.into(),
            Content::Html => reason::HTML.into(),
            Content::Slides => reason::SLIDES.into(),
            Content::Numbers => reason::NUMBERS.into(),
            Content::Zip => reason::ZIP.into(),
            Content::Xml2003 => reason::XML2003.into(),
            Content::Xml => reason::XML.into(),
            Content::Text => reason::TEXT.into(),
            Content::Pdf => reason::PDF.into(),
            Content::Image => reason::IMAGE.into(),
            Content::OldBiff => reason::OLD_BIFF.into(),
            Content::OtherOle => reason::OTHER_OLE.into(),
            Content::Unknown => reason::UNKNOWN.into(),
        }
    }

    /// What the content is, for a file named `.et` (`None`: some OLE file,
    /// most likely WPS's own format).
    fn noun(self) -> Option<&'static str> {
        Some(match self {
            Content::WordBinary | Content::Prose => "Word文档",
            Content::Odt => "文字处理文档（.odt）",
            Content::Rtf => "RTF文档",
            Content::Html => "网页（HTML）",
            Content::Slides => "PowerPoint演示文稿",
            Content::Numbers => "苹果Numbers文件",
            Content::Zip => "压缩包（zip）",
            Content::Xml2003 => "XML表格（Excel 2003 XML）",
            Content::Xml => "XML数据",
            Content::Text => "文本（CSV）",
            Content::Pdf => "PDF",
            Content::Image => "图片",
            Content::OldBiff => "很旧的Excel格式（Excel 4.0 或更早）",
            Content::OtherOle | Content::Unknown => return None,
        })
    }
}

/// What a file's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// WPS 表格: `.et`, `.ett`.
    WpsSheet,
    /// WPS 文字: `.wps`, `.wpt`.
    WpsText,
    /// Word: `.docx`, `.doc` and their kin.
    Word,
    /// A spreadsheet (`.xlsx`, `.xls`, `.ods`, `.csv` …).
    Sheet,
    /// No extension given (bytes read from memory).
    Unknown,
}

impl Named {
    fn of(ext: Option<&str>) -> Named {
        use crate::import::discover::{DOCUMENT_EXTENSIONS, SPREADSHEET_EXTENSIONS};
        match ext {
            None => Named::Unknown,
            Some("et" | "ett") => Named::WpsSheet,
            Some("wps" | "wpt") => Named::WpsText,
            Some(e) if DOCUMENT_EXTENSIONS.contains(&e) => Named::Word,
            Some(e) if SPREADSHEET_EXTENSIONS.contains(&e) => Named::Sheet,
            Some(_) => Named::Unknown,
        }
    }
}

/// Weighs the content against the name: a document not named as a
/// spreadsheet is passed over with what to do; anything else is unreadable,
/// and a WPS `.et` is told to be saved as `.xlsx` in WPS.
fn judge(why: Unread, named: Named) -> NotRead {
    let content = match why {
        Unread::Broken(reason) => return NotRead::Unreadable(reason),
        Unread::Other(content) => content,
    };
    let document = match named {
        Named::Word | Named::WpsText => content.is_document(),
        Named::Unknown => {
            content.is_document() && content != Content::Html && content != Content::OtherOle
        }
        Named::Sheet | Named::WpsSheet => false,
    };
    if document {
        return NotRead::PassedOver(reason::document(content, named == Named::WpsText));
    }
    NotRead::Unreadable(match named {
        Named::WpsSheet => reason::wps_sheet(content.noun()),
        _ => content.reason(),
    })
}

// ------------------------------------------------------------ zip packages

/// `forced`: the kind to read the package as, rather than the one its
/// entries tell (only the fuzzers force one).
fn read_package(
    bytes: &[u8],
    max: u64,
    forced: Option<package::Kind>,
) -> Result<RawWorkbook, Unread> {
    use package::{Kind, Refusal};
    let kind = package::inspect_as(bytes, forced).map_err(|r| {
        Unread::Broken(match r {
            Refusal::Corrupt => reason::TRUNCATED.to_string(),
            Refusal::TooManyEntries(n) => reason::too_many_parts(n),
            Refusal::EntryTooLarge(_, size) | Refusal::TotalTooLarge(size) => reason::too_big(size),
            Refusal::Bomb(..) => reason::BOMB.into(),
            Refusal::SharedStrings(n) => reason::shared_strings(n),
        })
    })?;
    let broken = Unread::Broken;
    match kind {
        Kind::Xlsx => read_xlsx(bytes, max).map_err(broken),
        Kind::Xlsb => read_xlsb(bytes, max).map_err(broken),
        Kind::Ods => read_ods(bytes, max).map_err(broken),
        Kind::Docx => {
            let book = docx::read(bytes, max)
                .map_err(|_| Unread::Broken(reason::DOCX_UNPARSABLE.into()))?;
            // A cover note (说明.docx) is not a report: no table, nothing to read.
            if book.sheets.iter().all(|s| s.name == docx::PROSE) && book.failed.is_empty() {
                return Err(Unread::Other(Content::Prose));
            }
            Ok(book)
        }
        Kind::Odt => Err(Unread::Other(Content::Odt)),
        Kind::Slides => Err(Unread::Other(Content::Slides)),
        Kind::Numbers => Err(Unread::Other(Content::Numbers)),
        Kind::Zip => Err(Unread::Other(Content::Zip)),
    }
}

fn read_xlsx(bytes: &[u8], max: u64) -> Result<RawWorkbook, String> {
    let mut merges = package::XlsxMerges::open(bytes);
    // The worksheet parts inflated once, their merged ranges taken on the
    // way; else the original package, each part inflated again for them.
    let parts: HashMap<String, String> = merges
        .as_ref()
        .map(|m| {
            m.parts()
                .map(|(s, p)| (s.to_string(), p.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let names: Vec<&str> = parts.values().map(String::as_str).collect();
    if let Some((package, inflated)) = inflated::open(bytes, &names)
        && let Ok(book) = Xlsx::new(package)
    {
        let found = |sheet: &str| parts.get(sheet).and_then(|p| inflated.of(p));
        return read_xlsx_book(book, &found, merges.as_mut(), max);
    }
    read_xlsx_twice(bytes, merges.as_mut(), max)
}

/// [`read_xlsx`] from the original package: calamine inflates each sheet
/// part for its cells, then it is inflated again for its merged ranges.
fn read_xlsx_twice(
    bytes: &[u8],
    merges: Option<&mut package::XlsxMerges<'_>>,
    max: u64,
) -> Result<RawWorkbook, String> {
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => reason::ENCRYPTED.to_string(),
        _ => reason::unparsable("xlsx"),
    })?;
    read_xlsx_book(book, &|_| None, merges, max)
}

/// Merged ranges of a sheet, 0-based inclusive, when already found.
type Found<'f> = dyn Fn(&str) -> Option<Vec<(u32, u32, u32, u32)>> + 'f;

fn read_xlsx_book<RS: Read + Seek>(
    mut book: Xlsx<RS>,
    found: &Found<'_>,
    mut merges: Option<&mut package::XlsxMerges<'_>>,
    max: u64,
) -> Result<RawWorkbook, String> {
    let is_1904 = book.has_1904_epoch();
    let mut out = RawWorkbook::default();
    for name in worksheets(book.sheets_metadata()) {
        let result = guarded(&name, || {
            xlsx_sheet(&mut book, found, merges.as_deref_mut(), &name, is_1904, max)
        });
        collect(&mut out, name, result);
    }
    Ok(out)
}

/// One `.xlsx` sheet, cell by cell; `Ok(None)` for a part that turns out not
/// to be a worksheet (skipped quietly like chart sheets).
fn xlsx_sheet<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    found: &Found<'_>,
    merges: Option<&mut package::XlsxMerges<'_>>,
    name: &str,
    is_1904: bool,
    max: u64,
) -> Result<Option<RawSheet>, String> {
    let mut cells = SheetBuilder::new(max);
    {
        let mut reader = match book.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
            Err(_) => return Err(reason::sheet_broken(name)),
        };
        cells.reserve(declared_cells(reader.dimensions()));
        // Shared-formula anchors, to give derived cells their own text. The
        // metadata reader is used because the expanding one sizes a table by
        // the file's `si` attribute, which a hostile file can set to 2³².
        let mut shared: HashMap<usize, (String, (u32, u32))> = HashMap::new();
        loop {
            let record = match reader.next_cell_with_formula_metadata() {
                Ok(Some(record)) => record,
                Ok(None) => break,
                Err(_) => return Err(reason::sheet_broken(name)),
            };
            let pos = record.pos;
            if let Some(XlsxFormulaMetadata::Shared {
                shared_index,
                range,
                formula,
            }) = &record.formula
            {
                let start = range.map_or(pos, |r| r.start);
                shared.insert(*shared_index, (formula.clone(), start));
            }
            let missing = push_value(&mut cells, pos, record.value, is_1904)
                .map_err(|full| reason::full(name, full))?;
            if missing && let Some(f) = record.formula {
                let text = formula_text(f, &shared, pos);
                cells
                    .push(pos.0, pos.1, CellView::Formula(&text))
                    .map_err(|full| reason::full(name, full))?;
            }
        }
    }
    // Merges come from the inflation the cells were read from, else from a
    // byte search of the sheet part inflated again, else from calamine's
    // second parse; cells already read are kept if all fail.
    let merges = match found(name).or_else(|| merges.and_then(|m| m.of(name))) {
        Some(found) => found,
        None => book
            .merge_cells_by_sheet_name(name)
            .unwrap_or_default()
            .iter()
            .map(dims)
            .collect(),
    };
    Ok(Some(cells.finish(name, &merges)))
}

fn formula_text(
    f: XlsxFormulaMetadata,
    shared: &HashMap<usize, (String, (u32, u32))>,
    pos: (u32, u32),
) -> String {
    match f {
        XlsxFormulaMetadata::Normal { formula } | XlsxFormulaMetadata::Shared { formula, .. } => {
            formula
        }
        XlsxFormulaMetadata::SharedDerived { shared_index } => shared
            .get(&shared_index)
            .map(|(template, start)| {
                calamine::expand_shared_formula(template, *start, pos)
                    .unwrap_or_else(|_| template.clone())
            })
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn read_xlsb(bytes: &[u8], max: u64) -> Result<RawWorkbook, String> {
    let mut book: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsbError::Password => reason::ENCRYPTED.to_string(),
        _ => reason::unparsable("xlsb"),
    })?;
    let is_1904 = book.has_1904_epoch();
    let mut out = RawWorkbook::default();
    for name in worksheets(book.sheets_metadata()) {
        let result = guarded(&name, || xlsb_sheet(&mut book, &name, is_1904, max));
        collect(&mut out, name, result);
    }
    Ok(out)
}

/// One `.xlsb` sheet, cell by cell. calamine does not expose `.xlsb` merged
/// ranges, so `merges` stays empty.
fn xlsb_sheet<RS: Read + Seek>(
    book: &mut Xlsb<RS>,
    name: &str,
    is_1904: bool,
    max: u64,
) -> Result<Option<RawSheet>, String> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|_| reason::sheet_broken(name))?;
    let mut cells = SheetBuilder::new(max);
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(_) => return Err(reason::sheet_broken(name)),
        };
        let pos = cell.get_position();
        push_value(&mut cells, pos, cell.get_value().clone(), is_1904)
            .map_err(|full| reason::full(name, full))?;
    }
    Ok(Some(cells.finish(name, &[])))
}

fn read_ods(bytes: &[u8], max: u64) -> Result<RawWorkbook, String> {
    use ods::Refusal;
    let tables = ods::scan(bytes, max).map_err(|r| match r {
        Refusal::Corrupt => reason::unparsable("ods"),
        Refusal::Encrypted => reason::ENCRYPTED.into(),
        Refusal::TooLarge(sheet, cells) => reason::range_too_large(&sheet, cells),
        Refusal::TooMuchText(sheet) => reason::too_much_text(&sheet),
    })?;
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
        OdsError::Password => reason::ENCRYPTED.to_string(),
        _ => reason::unparsable("ods"),
    })?;
    let mut out = RawWorkbook::default();
    for name in worksheets(book.sheets_metadata()) {
        let table = tables.iter().find(|t| t.name == name);
        let result = guarded(&name, || {
            let range = book
                .worksheet_range(&name)
                .map_err(|_| reason::sheet_broken(&name))?;
            let formulas = match table {
                Some(t) if t.uncached_formulas => book.worksheet_formula(&name).ok(),
                _ => None,
            };
            let merges = table.map(|t| t.merges.as_slice()).unwrap_or_default();
            range_sheet(&name, &range, formulas.as_ref(), merges, false, max).map(Some)
        });
        collect(&mut out, name, result);
    }
    Ok(out)
}

// ------------------------------------------------------------ OLE files

fn read_ole(bytes: &[u8], max: u64) -> Result<RawWorkbook, Unread> {
    use ole::Refusal;
    let broken = |why: String| Err(Unread::Broken(why));
    match ole::inspect(bytes, max) {
        Ok(ole::Content::Workbook) => {}
        Ok(ole::Content::EncryptedWorkbook | ole::Content::EncryptedPackage) => {
            return broken(reason::ENCRYPTED.into());
        }
        Ok(ole::Content::Word) => return Err(Unread::Other(Content::WordBinary)),
        Ok(ole::Content::PowerPoint) => return Err(Unread::Other(Content::Slides)),
        Ok(ole::Content::Other) => return Err(Unread::Other(Content::OtherOle)),
        Err(Refusal::Corrupt) => return broken(reason::CORRUPT.into()),
        Err(Refusal::TooLarge(sheet, cells)) => {
            return broken(reason::range_too_large(&sheet, cells));
        }
    }
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| {
        Unread::Broken(match e {
            XlsError::Password => reason::ENCRYPTED.to_string(),
            _ => reason::unparsable("xls"),
        })
    })?;
    let is_1904 = book.has_1904_epoch();
    let mut out = RawWorkbook::default();
    for name in worksheets(book.sheets_metadata()) {
        let result = guarded(&name, || {
            let range = book
                .worksheet_range(&name)
                .map_err(|_| reason::sheet_broken(&name))?;
            let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
            let merges: Vec<_> = merges.iter().map(dims).collect();
            range_sheet(&name, &range, None, &merges, is_1904, max).map(Some)
        });
        collect(&mut out, name, result);
    }
    Ok(out)
}

// ------------------------------------------------------------ sheets

/// Names of the worksheets, in workbook order; chart, dialog and macro
/// sheets are skipped quietly.
fn worksheets(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// Runs one sheet's reading, turning a panic inside calamine into a failure
/// of that sheet.
fn guarded(
    name: &str,
    f: impl FnOnce() -> Result<Option<RawSheet>, String>,
) -> Result<Option<RawSheet>, String> {
    quietly(f).unwrap_or_else(|_| Err(reason::sheet_broken(name)))
}

thread_local! {
    /// Set while this thread runs calamine under [`quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic. A panic inside calamine is a broken file, and
/// the file is reported with a Chinese reason; the default hook would also
/// print `thread 'main' panicked at …calamine…` (and a backtrace) to the
/// clerk's terminal. So a panic hook, installed once, stays silent while this
/// thread is inside `quietly` and defers to the previous hook otherwise:
/// panics anywhere else still print.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(outer));
    result
}

fn collect(out: &mut RawWorkbook, name: String, result: Result<Option<RawSheet>, String>) {
    match result {
        Ok(Some(sheet)) => out.sheets.push(sheet),
        Ok(None) => {}
        Err(why) => out.failed.push((name, why)),
    }
}

/// A sheet from a calamine range (`.xls`, `.ods`): calamine ranges start at
/// their first non-empty cell, so the start is added to every position.
fn range_sheet(
    name: &str,
    range: &Range<Data>,
    formulas: Option<&Range<String>>,
    merges: &[(u32, u32, u32, u32)],
    is_1904: bool,
    max: u64,
) -> Result<RawSheet, String> {
    let full = |full| reason::full(name, full);
    let mut cells = SheetBuilder::new(max);
    if let Some((r0, c0)) = range.start() {
        for (r, c, v) in range.used_cells() {
            push_value(
                &mut cells,
                (r0 + r as u32, c0 + c as u32),
                data_ref(v),
                is_1904,
            )
            .map_err(full)?;
        }
    }
    if let Some(f) = formulas
        && let Some((r0, c0)) = f.start()
    {
        for (r, c, text) in f.used_cells() {
            let pos = (r0 + r as u32, c0 + c as u32);
            let has_value = range.get_value(pos).is_some_and(|v| *v != Data::Empty);
            if !text.is_empty() && !has_value {
                // ODF writes `of:=[.B3]*2`; keep the formula as Excel shows it.
                let text = text.strip_prefix("of:").unwrap_or(text);
                let text = text.strip_prefix('=').unwrap_or(text);
                cells
                    .push(pos.0, pos.1, CellView::Formula(text))
                    .map_err(full)?;
            }
        }
    }
    Ok(cells.finish(name, merges))
}

fn dims(d: &Dimensions) -> (u32, u32, u32, u32) {
    (d.start.0, d.start.1, d.end.0, d.end.1)
}

// ------------------------------------------------------------ values

/// Borrows an owned calamine value as a [`DataRef`].
fn data_ref(v: &Data) -> DataRef<'_> {
    match v {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// Days from the 1904 epoch to the 1900 one.
const EPOCH_1904: f64 = 1462.0;

/// Adds a calamine value to the sheet: text (an empty string carries
/// nothing and is left out), numbers (integers as `f64`), booleans, errors,
/// dates as 1900-system serials. Returns whether the cell held no value at
/// all (for a formula cell: never calculated).
fn push_value(
    cells: &mut SheetBuilder,
    (row, col): (u32, u32),
    v: DataRef<'_>,
    is_1904: bool,
) -> Result<bool, Full> {
    let text = |cells: &mut SheetBuilder, s: &str| {
        if s.is_empty() {
            Ok(())
        } else {
            cells.push(row, col, CellView::Text(s))
        }
    };
    match v {
        DataRef::Int(i) => cells.push(row, col, CellView::Number(i as f64))?,
        DataRef::Float(f) if f.is_finite() => cells.push(row, col, CellView::Number(f))?,
        DataRef::Float(_) => cells.push(row, col, CellView::Error("#NUM!"))?,
        DataRef::String(s) => text(cells, &s)?,
        DataRef::SharedString(s) => text(cells, s)?,
        DataRef::Bool(b) => cells.push(row, col, CellView::Bool(b))?,
        DataRef::DateTime(d) if d.is_duration() => {
            cells.push(row, col, CellView::Number(d.as_f64()))?;
        }
        DataRef::DateTime(d) => {
            let shift = if is_1904 { EPOCH_1904 } else { 0.0 };
            cells.push(row, col, CellView::Date(d.as_f64() + shift))?;
        }
        DataRef::DateTimeIso(s) => match iso_serial(&s) {
            Some(serial) => cells.push(row, col, CellView::Date(serial))?,
            None => text(cells, &s)?,
        },
        DataRef::DurationIso(s) => text(cells, &s)?,
        DataRef::Error(e) => cells.push(row, col, CellView::Error(&e.to_string()))?,
        DataRef::Empty => return Ok(true),
    }
    Ok(false)
}

/// The cells a sheet declares it spans (its `dimension`), for reserving room.
fn declared_cells(d: Dimensions) -> u64 {
    let rows = u64::from(d.end.0.saturating_sub(d.start.0)) + 1;
    let cols = u64::from(d.end.1.saturating_sub(d.start.1)) + 1;
    rows.saturating_mul(cols)
}

/// An ISO 8601 date or date-time (`2025-03-31`, `2025-03-31T10:30:00`) as an
/// Excel serial day number.
fn iso_serial(s: &str) -> Option<f64> {
    let s = s.trim();
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let at = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })?;
    let span = at - epoch;
    Some(span.num_milliseconds() as f64 / 86_400_000.0)
}

// ------------------------------------------------------------ reasons

/// The Chinese reasons given for files and sheets that cannot be read. Each
/// says what is wrong and what to do.
mod reason {
    pub const EMPTY: &str = "文件是空的（0 字节），可能保存或拷贝时出错：请重新保存后再报送";
    pub const TRUNCATED: &str =
        "文件已损坏或不完整（可能下载、拷贝未完成），无法打开：请重新保存为 .xlsx 后再报送";
    pub const CORRUPT: &str =
        "文件已损坏，无法读取：请在Excel中打开确认无误后另存为 .xlsx 重新报送";
    pub const ENCRYPTED: &str =
        "文件已加密（设置了打开密码），无法读取：请取消密码后另存为 .xlsx 重新报送";
    pub const BOMB: &str = "文件内部数据的压缩比异常（疑似“压缩炸弹”），为安全起见未读取：请在Excel中打开确认后另存为 .xlsx 重新报送";
    pub const WORD: &str =
        "文件实际是Word文档，不是电子表格：请把表格放入Excel并另存为 .xlsx 后报送";
    pub const ODT: &str =
        "文件实际是文字处理文档（.odt），不是电子表格：请把表格放入Excel并另存为 .xlsx 后报送";
    pub const DOCX_UNPARSABLE: &str = "文件无法解析（.docx 格式内容有误），可能已损坏：请在Word或WPS中打开确认后另存为 .docx 重新报送";
    pub const OTHER_OLE: &str = "文件不是Excel工作簿（可能是WPS表格 .et 或其他程序的专用格式），无法读取：请在WPS或Excel中另存为 .xlsx 再报送";
    pub const SLIDES: &str =
        "文件实际是PowerPoint演示文稿，不是电子表格：请用Excel填报并另存为 .xlsx 后报送";
    pub const NUMBERS: &str =
        "文件是苹果Numbers格式，无法读取：请在Numbers中导出为Excel（.xlsx）后报送";
    pub const ZIP: &str = "文件是压缩包（zip），不是电子表格：请解压后报送其中的 .xlsx 文件";
    pub const HTML: &str = "文件实际是网页（HTML）格式，只是扩展名像电子表格，无法按表格读取：请在Excel中打开后另存为 .xlsx 再报送";
    pub const XML2003: &str =
        "文件实际是XML表格（Excel 2003 XML）格式，无法读取：请在Excel中打开后另存为 .xlsx 再报送";
    pub const XML: &str = "文件实际是XML数据，不是电子表格：请在Excel中打开后另存为 .xlsx 再报送";
    pub const TEXT: &str =
        "文件实际是文本（CSV）格式，不是Excel工作簿：请在Excel中打开后另存为 .xlsx 再报送";
    pub const PDF: &str = "文件实际是PDF，不是电子表格：请报送Excel表格（.xlsx）";
    pub const RTF: &str = "文件实际是RTF文档，不是电子表格：请用Excel填报并另存为 .xlsx 后报送";
    pub const IMAGE: &str = "文件实际是图片，不是电子表格：请报送Excel表格（.xlsx）";
    pub const OLD_BIFF: &str =
        "文件是很旧的Excel格式（Excel 4.0 或更早），无法读取：请在Excel中打开后另存为 .xlsx 再报送";
    pub const UNKNOWN: &str = "文件无法识别为电子表格（可能已损坏或不是Excel文件）：请在Excel中打开确认后另存为 .xlsx 重新报送";

    pub fn io(e: &std::io::Error) -> String {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在",
            std::io::ErrorKind::PermissionDenied => "没有读取权限，或文件正被其他程序占用",
            _ => "读取文件时出错",
        };
        format!("文件无法打开（{what}）：请确认文件存在、已关闭后重试")
    }

    pub fn unparsable(format: &str) -> String {
        format!(
            "文件无法解析（.{format} 格式内容有误），可能已损坏：请在Excel中打开确认后另存为 .xlsx 重新报送"
        )
    }

    /// A file named `.et` whose content is not a workbook: `what` it is
    /// instead, when known (else WPS's own format, which only WPS reads).
    pub fn wps_sheet(what: Option<&str>) -> String {
        match what {
            None => "文件是WPS表格专用格式（.et），无法读取：请在WPS中另存为 .xlsx 再报送".into(),
            Some(what) => format!(
                "文件扩展名是WPS表格（.et），内容却是{what}，不是可以读取的表格：请在WPS中打开，另存为 .xlsx 再报送"
            ),
        }
    }

    /// A word-processing document in a format not read, passed over. `wps`:
    /// the file is named as WPS 文字 (`.wps`).
    pub const NOT_A_NOTICE: &str = "不是通知的文字稿：请提供 Word 文档（.docx）或纯文本（.txt）；旧版 .doc 请在Word或WPS中另存为 .docx";
    pub const NOTICE_NOT_UTF8: &str = "文本不是 UTF-8 编码：请在记事本中另存为，编码选 UTF-8；或直接使用通知的 Word 文档（.docx）";

    pub fn document(content: super::Content, wps: bool) -> String {
        use super::Content;
        if content == Content::Prose {
            return "Word文档中没有表格，不是报表，已跳过：如是报送材料，请把推进情况填在表格中（或使用各处室的填报表 .xlsx）后重新报送".into();
        }
        let what = match content {
            Content::Odt => "文字处理文档（.odt）",
            Content::Rtf => "RTF格式的文档",
            Content::Html => "网页（HTML）格式的文档",
            _ if wps => "WPS文字旧格式（.wps）",
            _ => "旧版Word格式（Word 97-2003 .doc）",
        };
        let how = if wps {
            "请在WPS中打开，另存为 .docx（或把表格复制到WPS表格，另存为 .xlsx）后重新报送"
        } else {
            "请在Word或WPS中打开，另存为 .docx（或把表格复制到Excel，另存为 .xlsx）后重新报送"
        };
        format!("文件是{what}，读不出其中的表格，已跳过：如是报送材料，{how}")
    }

    pub fn table_too_wide(sheet: &str, columns: u32) -> String {
        format!(
            "工作表「{sheet}」的列数超过 {columns} 列（表格结构异常），无法读取：请在Word或WPS中打开确认后另存为 .docx 重新报送"
        )
    }

    pub fn too_many_parts(n: usize) -> String {
        format!(
            "文件内部结构异常（包含 {n} 个部件），为安全起见未读取：请在Excel中另存为 .xlsx 重新报送"
        )
    }

    pub fn too_big(bytes: u64) -> String {
        format!(
            "文件解压后过大（约 {} MB），为安全起见未读取：请删除无关内容或拆分后重新报送",
            bytes >> 20
        )
    }

    pub fn file_too_big(bytes: u64) -> String {
        format!(
            "文件过大（约 {} MB），未读取：请删除无关内容，或把台账按月拆分为多个文件后重新报送",
            bytes >> 20
        )
    }

    pub fn shared_strings(n: u64) -> String {
        format!(
            "文件内部结构异常（共享字符串表声明了 {n} 个字符串），为安全起见未读取：请在Excel中另存为 .xlsx 重新报送"
        )
    }

    pub fn range_too_large(sheet: &str, cells: u64) -> String {
        format!(
            "工作表「{sheet}」的数据范围过大（约 {cells} 个单元格，常因远处有零星内容），整个文件未读取：请删除多余的行列后另存为 .xlsx 重新报送"
        )
    }

    pub fn too_much_text(sheet: &str) -> String {
        format!(
            "工作表「{sheet}」重复的文字内容过多，为安全起见整个文件未读取：请删除多余的行列后另存为 .xlsx 重新报送"
        )
    }

    pub fn too_many_cells(sheet: &str) -> String {
        format!(
            "工作表「{sheet}」的单元格超过 {} 万个，未读取：请删除多余的行列，或把台账拆分到多个工作表后重新报送",
            super::MAX_CELLS / 10_000
        )
    }

    /// A sheet with more cells, or more text, than one sheet may hold.
    pub fn full(sheet: &str, full: super::Full) -> String {
        match full {
            super::Full::Cells => too_many_cells(sheet),
            super::Full::Text => format!(
                "工作表「{sheet}」的文字内容超过 4 GB，未读取：请删除多余的内容，或把台账拆分到多个工作表后重新报送"
            ),
        }
    }

    pub fn sheet_broken(sheet: &str) -> String {
        format!("工作表「{sheet}」内容已损坏，无法读取：请在Excel中打开确认后另存为 .xlsx 重新报送")
    }

    /// Names a file that is neither a zip nor an OLE file by its content.
    pub fn sniff(bytes: &[u8]) -> super::Content {
        use super::Content;
        let head = &bytes[..bytes.len().min(4096)];
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            // UTF-16 text: Excel's "Unicode text" export.
            return Content::Text;
        }
        let body = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
        let start = body
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(body.len());
        let body = &body[start..];
        let lower: Vec<u8> = body.iter().take(2048).map(u8::to_ascii_lowercase).collect();
        let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
        if lower.starts_with(b"%pdf") {
            return Content::Pdf;
        }
        if lower.starts_with(b"{\\rtf") {
            return Content::Rtf;
        }
        if [&b"\x89PNG"[..], b"\xFF\xD8\xFF", b"GIF8", b"BM"]
            .iter()
            .any(|m| body.starts_with(m))
        {
            return Content::Image;
        }
        if lower.starts_with(b"mime-version:") {
            // A web archive (.mht), as some systems export "Excel" or "Word".
            return Content::Html;
        }
        if lower.starts_with(b"<") {
            if has(b"urn:schemas-microsoft-com:office:spreadsheet") {
                return Content::Xml2003;
            }
            if has(b"<html")
                || has(b"<table")
                || has(b"<!doctype html")
                || has(b"<head")
                || has(b"<meta")
            {
                return Content::Html;
            }
            return Content::Xml;
        }
        if bytes.len() >= 4 && bytes[0] == 0x09 && [0x00, 0x02, 0x04].contains(&bytes[1]) {
            return Content::OldBiff;
        }
        if looks_like_text(head) {
            return Content::Text;
        }
        Content::Unknown
    }

    /// Plain text in any ASCII-compatible encoding (UTF-8, GBK …): no NUL
    /// and almost no control characters besides tab and line breaks.
    fn looks_like_text(head: &[u8]) -> bool {
        if head.contains(&0) {
            return false;
        }
        let controls = head
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
            .count();
        controls * 100 <= head.len()
    }
}

#[cfg(test)]
mod tests;
