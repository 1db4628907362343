//! Word documents (`.docx`, `.docm`, WPS 文字's OOXML): every table of the
//! body becomes a sheet, so that a department's Word report goes through the
//! same header recognition, department detection and checks as a workbook.
//!
//! - Table *N* of the body (in document order, as a clerk counts them in
//!   Word) is the sheet `表格N`. Its grid follows `w:gridBefore` and
//!   `w:gridSpan`; cells merged across (`w:gridSpan`, the legacy `w:hMerge`)
//!   and down (`w:vMerge`) become `merges`, as the sheet readers give them.
//!   A cell's paragraphs are joined with newlines; a table nested in a cell
//!   adds its paragraphs to that cell.
//! - The paragraphs before a table become text rows above it in column A
//!   (the title, `填报单位：保护处`, `填报日期：2025年7月3日`), at most
//!   [`MAX_LEAD`] of them so that the table's header stays within the rows
//!   the header search looks at. Paragraphs left over, and those after the
//!   last table, make the sheet [`PROSE`]: read for meta lines, otherwise
//!   listed as an unrecognised sheet. A document without tables is only that.
//!
//! Rows and columns are the sheet's: the paragraphs above a table take its
//! first rows, and column letters count grid columns, so `表格1 D10` is the
//! fourth column of the seventh table row when three paragraphs sit above.
//! Messages quote the value, which is how a clerk finds it in Word.
//!
//! The package has been through `package::inspect` (entry count, sizes,
//! compression ratio) before this module opens it. The main part is then
//! parsed as a stream with an explicit state, never by recursion: a table
//! nested ten thousand deep costs a counter (quick-xml refuses more than
//! 65,535 open elements), an unclosed element ends the stream, and a sheet
//! stops at the cell cap. docx-rs 0.4's `read_docx` was tried and not used:
//! it loops forever on an unclosed `w:tc`, recurses once per nested table
//! (a stack overflow aborts the process; no `catch_unwind` stops it), reads
//! every part and image, and brings second copies of zip and quick-xml.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use zip::ZipArchive;

use super::package;
use crate::import::{Cell, RawSheet, RawWorkbook};

/// The name of table `n` (1-based) as a sheet: what a clerk looks for in Word.
fn table_name(n: usize) -> String {
    format!("表格{n}")
}

/// The sheet of paragraphs that sit above no table.
pub(super) const PROSE: &str = "正文";

/// At most this many paragraphs are put above a table (the header search
/// looks at the first 30 rows holding values; a table may have a title row
/// and a two-row header of its own).
const MAX_LEAD: usize = 20;

/// Columns beyond Excel's last (XFD) are refused: cells past it could not be
/// named, and a merge across them would be spread cell by cell.
const MAX_COLUMNS: u32 = 16_384;

/// Paragraphs nest only through text boxes; deeper than this, their text
/// joins the enclosing paragraph instead of getting a buffer of its own.
const MAX_PARAGRAPH_NESTING: usize = 16;

/// WordprocessingML, transitional and strict.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility (`mc:AlternateContent`).
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Why a `.docx` cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refusal {
    /// No main document part, or it is not well-formed XML.
    Corrupt,
}

/// Reads the tables and paragraphs of the Word package in `bytes` (already
/// through the package guard). `max` caps the cells of any one sheet.
pub(super) fn read(bytes: &[u8], max: u64) -> Result<RawWorkbook, Refusal> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refusal::Corrupt)?;
    let part = main_part(&mut zip).ok_or(Refusal::Corrupt)?;
    let entry = zip.by_name(&part).map_err(|_| Refusal::Corrupt)?;
    parse(BufReader::new(entry), max)
}

/// The entry name of the main document part: the package relationship's
/// target, else the part whose content type says so, else the usual name.
fn main_part(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let names: BTreeMap<String, String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| (n.to_lowercase(), n.to_string()))
        .collect();
    let mut read_small = |lower: &str| -> Option<Vec<u8>> {
        let name = names.get(lower)?;
        let mut out = Vec::new();
        zip.by_name(name)
            .ok()?
            .take(1 << 20)
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    };
    let from_rels = read_small("_rels/.rels").and_then(|rels| {
        package::relationships(&rels)
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map(|r| package::resolve("", &r.target))
    });
    let from_types =
        read_small("[content_types].xml").and_then(|types| package::main_document(&types));
    [from_rels, from_types, Some("word/document.xml".to_string())]
        .into_iter()
        .flatten()
        .find_map(|p| names.get(&p.to_lowercase()).cloned())
}

// ------------------------------------------------------------ the stream

/// A cell of the outermost table being read.
#[derive(Debug, Default)]
struct CellBuild {
    /// 0-based grid column.
    col: u32,
    /// Grid columns covered (`w:gridSpan`).
    span: u32,
    vmerge: Option<Merge>,
    hmerge: Option<Merge>,
    /// Non-empty paragraphs, joined with newlines at the end.
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    Restart,
    Continue,
}

/// A cell merged down that is still open: its anchor and extent.
#[derive(Debug, Clone, Copy)]
struct Down {
    first_row: u32,
    last_row: u32,
    span: u32,
    /// Whether the anchor holds text (a merge of empty cells carries nothing).
    anchored: bool,
}

/// The outermost table being read.
#[derive(Debug, Default)]
struct TableBuild {
    name: String,
    /// Text rows above the table, then the table's rows.
    cells: Vec<(u32, u32, Cell)>,
    merges: Vec<(u32, u32, u32, u32)>,
    /// The row being read (0-based in the sheet).
    row: u32,
    /// The next free grid column of the row.
    col: u32,
    row_open: bool,
    cell: Option<CellBuild>,
    /// The last cell of the row: `(col, span, anchored)`, for `w:hMerge`.
    last: Option<(u32, u32, bool)>,
    /// Merges down, by anchor column.
    down: BTreeMap<u32, Down>,
    /// Why the table is not read; once set, the rest of the table is
    /// passed over unread.
    failed: Option<SheetRefusal>,
}

/// Why one table (or the prose) is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SheetRefusal {
    TooManyCells,
    TooWide,
}

impl SheetRefusal {
    /// The Chinese reason, naming the sheet as the other readers do.
    fn reason(self, sheet: &str) -> String {
        match self {
            SheetRefusal::TooManyCells => super::reason::too_many_cells(sheet),
            SheetRefusal::TooWide => super::reason::table_too_wide(sheet, MAX_COLUMNS),
        }
    }
}

impl TableBuild {
    fn push(&mut self, row: u32, col: u32, text: String, max: u64) {
        if self.failed.is_some() {
            return;
        }
        if self.cells.len() as u64 >= max {
            self.fail(SheetRefusal::TooManyCells);
            return;
        }
        self.cells.push((row, col, Cell::Text(text)));
    }

    fn fail(&mut self, why: SheetRefusal) {
        if self.failed.is_none() {
            self.failed = Some(why);
            self.cells = Vec::new();
            self.merges = Vec::new();
            self.down.clear();
        }
    }

    fn start_row(&mut self) {
        self.row_open = true;
        self.col = 0;
        self.last = None;
    }

    fn end_cell(&mut self, max: u64) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        if self.failed.is_some() {
            return;
        }
        let (row, col) = (self.row, cell.col);
        if col >= MAX_COLUMNS {
            self.fail(SheetRefusal::TooWide);
            return;
        }
        let span = cell.span.clamp(1, MAX_COLUMNS - col);
        self.col = col + span;
        // A legacy horizontal merge: this cell widens the one before it.
        if cell.hmerge == Some(Merge::Continue)
            && let Some((c0, s0, anchored)) = self.last
            && c0 + s0 == col
        {
            self.last = Some((c0, s0 + span, anchored));
            if let Some(d) = self.down.get_mut(&c0).filter(|d| d.last_row == row) {
                d.span = s0 + span;
            }
            return;
        }
        self.close_last(row);
        // A continued vertical merge: the cell is part of the one above.
        if cell.vmerge == Some(Merge::Continue)
            && let Some(d) = self.down.get_mut(&col)
            && d.last_row + 1 == row
        {
            d.last_row = row;
            return;
        }
        let text = cell.text.trim().to_string();
        let anchored = !text.is_empty();
        if anchored {
            self.push(row, col, text, max);
        }
        if cell.vmerge == Some(Merge::Restart) {
            // An earlier merge in this column ends here.
            if let Some(d) = self.down.remove(&col) {
                self.close(col, d);
            }
            self.down.insert(
                col,
                Down {
                    first_row: row,
                    last_row: row,
                    span,
                    anchored,
                },
            );
        }
        self.last = Some((col, span, anchored));
    }

    /// The previous cell of the row is complete: record its merge across,
    /// unless it starts a merge down (recorded when that one ends).
    fn close_last(&mut self, row: u32) {
        if let Some((col, span, anchored)) = self.last.take()
            && self.down.get(&col).is_none_or(|d| d.last_row != row)
            && anchored
            && span > 1
        {
            self.merges.push((row, col, row, col + span - 1));
        }
    }

    fn end_row(&mut self) {
        if !self.row_open {
            return;
        }
        self.row_open = false;
        let row = self.row;
        self.close_last(row);
        // Merges down not continued in this row end at the row before.
        let ended: Vec<u32> = self
            .down
            .iter()
            .filter(|(_, d)| d.last_row < row)
            .map(|(c, _)| *c)
            .collect();
        for c in ended {
            if let Some(d) = self.down.remove(&c) {
                self.close(c, d);
            }
        }
        self.row = row.saturating_add(1);
    }

    fn close(&mut self, col: u32, d: Down) {
        if d.anchored && (d.last_row > d.first_row || d.span > 1) {
            self.merges
                .push((d.first_row, col, d.last_row, col + d.span - 1));
        }
    }

    fn finish(mut self) -> Result<RawSheet, (String, SheetRefusal)> {
        self.end_row();
        let down = std::mem::take(&mut self.down);
        for (c, d) in down {
            self.close(c, d);
        }
        match self.failed {
            Some(why) => Err((self.name, why)),
            None => {
                // Cells come in row order, columns ascending within a row
                // except after a hostile gridBefore; sort to be sure.
                self.cells.sort_by_key(|c| (c.0, c.1));
                self.cells.dedup_by_key(|c| (c.0, c.1));
                self.merges.sort_unstable();
                self.merges.dedup();
                Ok(RawSheet::new(self.name, self.cells, self.merges))
            }
        }
    }
}

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) if W.contains(&ns.0) => Ns::W,
        ResolveResult::Bound(ns) if ns.0 == MC => Ns::Mc,
        _ => Ns::Other,
    }
}

/// The state of the stream.
struct Reader {
    max: u64,
    /// Elements open.
    depth: usize,
    /// Inside an element whose content is not shown (deleted text, a
    /// compatibility fallback): the depth it was opened at.
    skip_from: Option<usize>,
    /// Paragraphs open (nested through text boxes) and their text buffers
    /// (at most [`MAX_PARAGRAPH_NESTING`]).
    p_depth: usize,
    paragraphs: Vec<String>,
    /// Runs open.
    r_depth: usize,
    /// Inside `w:t`.
    in_text: bool,
    /// Tables open, nested ones included.
    tbl_depth: usize,
    /// The outermost table, when it is a table of the body.
    table: Option<TableBuild>,
    /// Body paragraphs since the last table.
    pending: Vec<String>,
    /// Paragraphs that sit above no table (see [`PROSE`]).
    prose: Vec<String>,
    tables: usize,
    book: RawWorkbook,
}

/// Reads the main part's stream.
fn parse<R: BufRead>(input: R, max: u64) -> Result<RawWorkbook, Refusal> {
    let mut xml = NsReader::from_reader(input);
    let config = xml.config_mut();
    config.expand_empty_elements = false;
    config.check_end_names = true;
    config.trim_text(false);
    let mut r = Reader {
        max,
        depth: 0,
        skip_from: None,
        p_depth: 0,
        paragraphs: Vec::new(),
        r_depth: 0,
        in_text: false,
        tbl_depth: 0,
        table: None,
        pending: Vec::new(),
        prose: Vec::new(),
        tables: 0,
        book: RawWorkbook::default(),
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let (resolved, event) = xml
            .read_resolved_event_into(&mut buf)
            .map_err(|_| Refusal::Corrupt)?;
        let ns = ns_of(&resolved);
        match event {
            Event::Start(e) => {
                r.depth += 1;
                if r.skip_from.is_none() {
                    r.start(ns, &e, false);
                }
            }
            Event::Empty(e) if r.skip_from.is_none() => r.start(ns, &e, true),
            Event::End(e) => {
                if r.skip_from == Some(r.depth) {
                    r.skip_from = None;
                } else if r.skip_from.is_none() {
                    r.end(ns, e.local_name().as_ref());
                }
                r.depth = r.depth.saturating_sub(1);
            }
            Event::Text(t) if r.in_text && r.skip_from.is_none() => {
                r.push_text(&t.xml10_content());
            }
            Event::GeneralRef(g) if r.in_text && r.skip_from.is_none() => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => resolve_predefined_entity(&g).map(str::to_string),
                };
                if let Some(c) = c {
                    r.push_text(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(r.finish())
}

impl Reader {
    /// A start (or, with `empty`, an empty) element outside any skipped one.
    fn start(&mut self, ns: Ns, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if ns == Ns::Mc && name == "Fallback" && !empty {
            self.skip_from = Some(self.depth);
            return;
        }
        if ns != Ns::W {
            return;
        }
        match name {
            "del" | "moveFrom" if !empty => self.skip_from = Some(self.depth),
            "p" if !empty => {
                self.p_depth += 1;
                if self.paragraphs.len() < MAX_PARAGRAPH_NESTING {
                    self.paragraphs.push(String::new());
                }
            }
            "r" if !empty => self.r_depth += 1,
            "t" if !empty && self.r_depth > 0 => self.in_text = true,
            "tab" | "ptab" if self.r_depth > 0 => self.push_text("\t"),
            "br" | "cr" if self.r_depth > 0 => {
                if !matches!(val(e, "type").as_deref(), Some("page" | "column")) {
                    self.push_text("\n");
                }
            }
            "noBreakHyphen" if self.r_depth > 0 => self.push_text("-"),
            "tbl" if !empty => {
                self.tbl_depth += 1;
                if self.tbl_depth == 1 && self.p_depth == 0 {
                    self.start_table();
                }
            }
            _ => self.table_part(name, e, empty),
        }
    }

    /// Rows, cells and their properties, for the outermost table only.
    fn table_part(&mut self, name: &str, e: &BytesStart<'_>, empty: bool) {
        if self.tbl_depth != 1 || self.p_depth > 0 {
            return;
        }
        let max = self.max;
        let Some(t) = self.table.as_mut() else {
            return;
        };
        match name {
            "tr" => {
                t.end_row();
                t.start_row();
                if empty {
                    t.end_row();
                }
            }
            "gridBefore" if t.row_open && t.cell.is_none() => {
                let n = number(e).unwrap_or(0);
                t.col = t.col.saturating_add(n);
            }
            "tc" if t.row_open => {
                t.end_cell(max);
                t.cell = Some(CellBuild {
                    col: t.col,
                    span: 1,
                    ..CellBuild::default()
                });
                if empty {
                    t.end_cell(max);
                }
            }
            "gridSpan" => {
                if let Some(c) = t.cell.as_mut() {
                    c.span = number(e).unwrap_or(1);
                }
            }
            "vMerge" => {
                if let Some(c) = t.cell.as_mut() {
                    c.vmerge = Some(merge_kind(e));
                }
            }
            "hMerge" => {
                if let Some(c) = t.cell.as_mut() {
                    c.hmerge = Some(merge_kind(e));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, ns: Ns, name: &str) {
        if ns != Ns::W {
            return;
        }
        match name {
            "p" if self.p_depth > 0 => {
                let text = if self.paragraphs.len() == self.p_depth {
                    self.paragraphs.pop()
                } else {
                    None
                };
                self.p_depth -= 1;
                if let Some(text) = text {
                    self.paragraph(text);
                }
            }
            "r" => self.r_depth = self.r_depth.saturating_sub(1),
            "t" => self.in_text = false,
            "tbl" if self.tbl_depth > 0 => {
                self.tbl_depth -= 1;
                if self.tbl_depth == 0 {
                    self.end_table();
                }
            }
            "tc" if self.tbl_depth == 1 && self.p_depth == 0 => {
                let max = self.max;
                if let Some(t) = self.table.as_mut() {
                    t.end_cell(max);
                }
            }
            "tr" if self.tbl_depth == 1 && self.p_depth == 0 => {
                if let Some(t) = self.table.as_mut() {
                    t.end_cell(self.max);
                    t.end_row();
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.p_depth == 0 {
            return;
        }
        if let Some(p) = self.paragraphs.last_mut() {
            p.push_str(s);
        }
    }

    /// A finished paragraph goes to the open cell of the outermost table,
    /// or, outside it, to the body (text boxes and the tables in them
    /// included); a paragraph straight in a row has no place and is dropped.
    fn paragraph(&mut self, text: String) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match self.table.as_mut() {
            Some(t) => {
                if let Some(c) = t.cell.as_mut() {
                    if !c.text.is_empty() {
                        c.text.push('\n');
                    }
                    c.text.push_str(text);
                }
            }
            None => self.pending.push(text.to_string()),
        }
    }

    fn start_table(&mut self) {
        self.tables += 1;
        let mut lead = std::mem::take(&mut self.pending);
        if lead.len() > MAX_LEAD {
            let rest = lead.split_off(lead.len() - MAX_LEAD);
            self.prose.append(&mut lead);
            lead = rest;
        }
        let mut t = TableBuild {
            name: table_name(self.tables),
            ..TableBuild::default()
        };
        for (i, text) in lead.into_iter().enumerate() {
            t.push(i as u32, 0, text, self.max);
        }
        t.row = t.cells.len() as u32;
        self.table = Some(t);
    }

    fn end_table(&mut self) {
        if let Some(t) = self.table.take() {
            match t.finish() {
                Ok(sheet) => self.book.sheets.push(sheet),
                Err((name, why)) => self.book.failed.push((name.clone(), why.reason(&name))),
            }
        }
    }

    fn finish(mut self) -> RawWorkbook {
        // An unclosed table (a truncated part) keeps what was read.
        self.end_table();
        let mut prose = std::mem::take(&mut self.prose);
        prose.append(&mut self.pending);
        if !prose.is_empty() {
            let mut t = TableBuild {
                name: PROSE.to_string(),
                ..TableBuild::default()
            };
            for (i, text) in prose.into_iter().enumerate() {
                t.push(i as u32, 0, text, self.max);
            }
            match t.finish() {
                Ok(sheet) => self.book.sheets.push(sheet),
                Err((name, why)) => self.book.failed.push((name.clone(), why.reason(&name))),
            }
        }
        self.book
    }
}

/// The `w:val` attribute of an element (any prefix).
fn val(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| {
            let k = a.key.as_ref();
            k.rsplit(':').next() == Some(key)
        })
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
}

/// `w:val` as a count; malformed or absurd values read as absent.
fn number(e: &BytesStart<'_>) -> Option<u32> {
    val(e, "val")?.trim().parse::<u32>().ok()
}

/// `w:vMerge`/`w:hMerge`: `restart` starts a merge, anything else (or no
/// value) continues one.
fn merge_kind(e: &BytesStart<'_>) -> Merge {
    match val(e, "val").as_deref().map(str::trim) {
        Some("restart") => Merge::Restart,
        _ => Merge::Continue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Cell::Text;
    use crate::import::CellView;

    const HEAD: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>"#;
    const TAIL: &str = "</w:body></w:document>";

    fn body(xml: &str) -> RawWorkbook {
        body_max(xml, 1_000)
    }

    fn body_max(xml: &str, max: u64) -> RawWorkbook {
        let doc = format!("{HEAD}{xml}{TAIL}");
        parse(BufReader::new(doc.as_bytes()), max).expect("parses")
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    /// A cell: `props` inside `w:tcPr`, then paragraphs.
    fn tc(props: &str, paras: &[&str]) -> String {
        let ps: String = paras.iter().map(|t| p(t)).collect();
        let ps = if ps.is_empty() {
            "<w:p/>".to_string()
        } else {
            ps
        };
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{ps}</w:tc>")
    }

    fn tr(cells: &[String]) -> String {
        format!("<w:tr>{}</w:tr>", cells.concat())
    }

    fn tbl(rows: &[String]) -> String {
        format!("<w:tbl><w:tblGrid/>{}</w:tbl>", rows.concat())
    }

    fn t(s: &str) -> Cell {
        Text(s.to_string())
    }

    fn texts(sheet: &RawSheet) -> Vec<(u32, u32, &str)> {
        sheet
            .views()
            .map(|(r, c, v)| match v {
                CellView::Text(s) => (r, c, s),
                other => panic!("not text: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_report_reads_like_a_sheet_with_its_merges() {
        let span = r#"<w:gridSpan w:val="4"/>"#;
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let cont = "<w:vMerge/>";
        let xml = [
            p("保护处2025年6月工作要点推进情况"),
            "<w:p/>".to_string(),
            p("填报单位：保护处"),
            p("填报日期：2025年7月3日"),
            tbl(&[
                tr(&[
                    tc("", &["任务编号"]),
                    tc("", &["任务名称"]),
                    tc("", &["牵头部门"]),
                    tc("", &["本月进展"]),
                ]),
                tr(&[tc(span, &["（三）强化知识产权保护"])]),
                tr(&[
                    tc("", &["9"]),
                    tc("", &["健全完善立体交叉保护制度"]),
                    tc(restart, &["保护处"]),
                    tc("", &["第一段", "", "第二段"]),
                ]),
                tr(&[
                    tc("", &["11"]),
                    tc("", &["推进浦东地理标志保护"]),
                    tc(cont, &[]),
                    tc("", &["完成方案"]),
                ]),
            ]),
            p("二、量化指标"),
            tbl(&[tr(&[tc("", &["指标编号"]), tc("", &["累计值"])])]),
            p("填表说明：累计值为本年累计。"),
        ]
        .concat();
        let book = body(&xml);
        assert!(book.failed.is_empty());
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["表格1", "表格2", "正文"]);
        let one = &book.sheets[0];
        assert_eq!(
            texts(one),
            vec![
                (0, 0, "保护处2025年6月工作要点推进情况"),
                (1, 0, "填报单位：保护处"),
                (2, 0, "填报日期：2025年7月3日"),
                (3, 0, "任务编号"),
                (3, 1, "任务名称"),
                (3, 2, "牵头部门"),
                (3, 3, "本月进展"),
                (4, 0, "（三）强化知识产权保护"),
                (5, 0, "9"),
                (5, 1, "健全完善立体交叉保护制度"),
                (5, 2, "保护处"),
                (5, 3, "第一段\n第二段"),
                (6, 0, "11"),
                (6, 1, "推进浦东地理标志保护"),
                (6, 3, "完成方案"),
            ]
        );
        // The section row across A:D, 牵头部门 down two rows.
        assert_eq!(one.merges, vec![(4, 0, 4, 3), (5, 2, 6, 2)]);
        assert_eq!(
            book.sheets[1].cells(),
            vec![
                (0, 0, t("二、量化指标")),
                (1, 0, t("指标编号")),
                (1, 1, t("累计值"))
            ]
        );
        assert_eq!(
            book.sheets[2].cells(),
            vec![(0, 0, t("填表说明：累计值为本年累计。"))]
        );
    }

    #[test]
    fn merges_across_and_down_and_grid_before() {
        let xml = tbl(&[
            // Merged 2×2 block at A1:B2; C1 plain.
            tr(&[
                tc(
                    r#"<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>"#,
                    &["块"],
                ),
                tc("", &["C1"]),
            ]),
            tr(&[
                tc(
                    r#"<w:gridSpan w:val="2"/><w:vMerge w:val="continue"/>"#,
                    &[],
                ),
                tc("", &["C2"]),
            ]),
            // gridBefore skips column A; a legacy hMerge joins C3 to B3.
            format!(
                "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr>",
                tc(r#"<w:hMerge w:val="restart"/>"#, &["B3"]),
                tc(r#"<w:hMerge/>"#, &["隐藏"]),
            ),
            // A vMerge continue with nothing above starts nothing.
            tr(&[tc("<w:vMerge/>", &["A4"])]),
            // An empty merged cell carries nothing.
            tr(&[tc(r#"<w:gridSpan w:val="3"/>"#, &[])]),
        ]);
        let book = body(&xml);
        let s = &book.sheets[0];
        assert_eq!(
            texts(s),
            vec![
                (0, 0, "块"),
                (0, 2, "C1"),
                (1, 2, "C2"),
                (2, 1, "B3"),
                (3, 0, "A4")
            ]
        );
        assert_eq!(s.merges, vec![(0, 0, 1, 1), (2, 1, 2, 2)]);
    }

    #[test]
    fn text_is_the_text_a_reader_sees() {
        let xml = format!(
            "{}{}{}{}{}",
            // Tab stops in the paragraph properties are not text; runs' tabs and breaks are.
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>填报单位：保护处</w:t><w:tab/><w:t>填报日期</w:t><w:br/><w:t>第二行</w:t><w:br w:type="page"/></w:r></w:p>"#,
            // Tracked changes: deletions are gone, insertions kept.
            r#"<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:del><w:r><w:t>也旧</w:t></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins></w:p>"#,
            // A text box: the choice is read, its fallback copy is not.
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>框外</w:t></w:r></w:p>"#,
            // Entities and character references; DrawingML text is not Word text.
            r#"<w:p><w:r><w:t>A&amp;B&#x4E00;&#20108;</w:t></w:r><w:r><a:t>图中字</a:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">  留白  </w:t></w:r></w:p>"#,
        );
        let book = body(&xml);
        assert_eq!(book.sheets.len(), 1);
        assert_eq!(book.sheets[0].name, PROSE);
        assert_eq!(
            texts(&book.sheets[0]),
            vec![
                (0, 0, "填报单位：保护处\t填报日期\n第二行"),
                (1, 0, "新"),
                (2, 0, "框内"),
                (3, 0, "框外"),
                (4, 0, "A&B一二"),
                (5, 0, "留白"),
            ]
        );
    }

    #[test]
    fn other_vocabularies_and_prefixes() {
        // A DrawingML table (in a chart or shape) is no Word table; a default
        // namespace and the strict namespace are Word.
        let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body><a:tbl><a:tr><a:tc><a:p><a:r><a:t>图</a:t></a:r></a:p></a:tc></a:tr></a:tbl><tbl xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><tr><tc><p><r><t>严格</t></r></p></tc></tr></tbl></w:body></w:document>"#;
        let book = parse(BufReader::new(xml.as_bytes()), 100).unwrap();
        assert_eq!(book.sheets.len(), 1);
        assert_eq!(book.sheets[0].name, "表格1");
        assert_eq!(book.sheets[0].cells(), vec![(0, 0, t("严格"))]);
    }

    #[test]
    fn a_nested_table_adds_its_text_to_the_cell() {
        let inner = tbl(&[tr(&[tc("", &["内1"]), tc("", &["内2"])])]);
        let xml = tbl(&[tr(&[
            format!("<w:tc>{}{inner}{}</w:tc>", p("上"), p("下")),
            tc("", &["右"]),
        ])]);
        let book = body(&xml);
        assert_eq!(book.sheets.len(), 1);
        assert_eq!(
            texts(&book.sheets[0]),
            vec![(0, 0, "上\n内1\n内2\n下"), (0, 1, "右")]
        );
    }

    #[test]
    fn tables_nested_deeper_than_any_stack_cost_a_counter() {
        // 60,000 elements deep: read. (quick-xml refuses 65,536 and more.)
        let n = 20_000;
        let xml = format!(
            "{}{}{}{}",
            "<w:tbl><w:tr><w:tc>".repeat(n),
            p("最深处"),
            "</w:tc></w:tr></w:tbl>".repeat(n),
            p("之后"),
        );
        let book = body(&xml);
        assert_eq!(texts(&book.sheets[0]), vec![(0, 0, "最深处")]);
        assert_eq!(texts(&book.sheets[1]), vec![(0, 0, "之后")]);
        // Paragraphs nested through text boxes, likewise.
        let boxes = format!(
            "{}{}{}",
            "<w:p><w:r><w:txbxContent>".repeat(n),
            p("框"),
            "</w:txbxContent></w:r></w:p>".repeat(n),
        );
        let book = body(&boxes);
        assert_eq!(texts(&book.sheets[0]), vec![(0, 0, "框")]);
        // Deeper than the XML reader goes: refused, not a stack overflow.
        let deeper = format!("{HEAD}{}", "<w:tbl><w:tr><w:tc>".repeat(100_000));
        assert_eq!(
            parse(BufReader::new(deeper.as_bytes()), 100),
            Err(Refusal::Corrupt)
        );
    }

    #[test]
    fn an_unclosed_document_ends_with_what_it_read() {
        // A part cut short: no hang, no panic; the table read so far is kept
        // or the part is refused, never more.
        for cut in [
            format!("{HEAD}{}<w:tbl><w:tr><w:tc>{}", p("标题"), p("任务编号")),
            format!("{HEAD}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x"),
            format!("{HEAD}<w:tbl><w:tr><w:tc></w:tr>"),
        ] {
            match parse(BufReader::new(cut.as_bytes()), 100) {
                Ok(book) => assert!(book.sheets.len() <= 2, "{book:?}"),
                Err(Refusal::Corrupt) => {}
            }
        }
    }

    #[test]
    fn many_paragraphs_before_a_table_leave_its_header_in_reach() {
        let mut xml: String = (1..=30).map(|i| p(&format!("段落{i}"))).collect();
        xml.push_str(&tbl(&[tr(&[tc("", &["任务编号"])])]));
        let book = body(&xml);
        let table = &book.sheets[0];
        assert_eq!(table.cells().len(), MAX_LEAD + 1);
        assert_eq!(table.cells()[0], (0, 0, t("段落11")));
        assert_eq!(table.cells()[MAX_LEAD], (MAX_LEAD as u32, 0, t("任务编号")));
        let prose = &book.sheets[1];
        assert_eq!(prose.name, PROSE);
        assert_eq!(prose.cells().len(), 10);
        assert_eq!(prose.cells()[0], (0, 0, t("段落1")));
    }

    #[test]
    fn a_table_over_the_cap_fails_alone() {
        let big = tbl(&[tr(&[tc("", &["a"]), tc("", &["b"]), tc("", &["c"])])]);
        let small = tbl(&[tr(&[tc("", &["d"])])]);
        let book = body_max(&format!("{big}{small}"), 2);
        assert_eq!(book.sheets.len(), 1);
        assert_eq!(book.sheets[0].name, "表格2");
        assert_eq!(book.failed.len(), 1);
        assert_eq!(book.failed[0].0, "表格1");
        assert!(book.failed[0].1.contains("单元格超过"), "{:?}", book.failed);
    }

    #[test]
    fn absurd_spans_are_clamped_or_refused() {
        // One absurd span: clamped to Excel's last column.
        let one = tbl(&[tr(&[tc(r#"<w:gridSpan w:val="4000000000"/>"#, &["宽"])])]);
        let book = body(&one);
        assert_eq!(book.sheets[0].merges, vec![(0, 0, 0, MAX_COLUMNS - 1)]);
        // A cell beyond it: the table is refused; malformed spans read as 1.
        let past = tbl(&[tr(&[
            tc(r#"<w:gridSpan w:val="16384"/>"#, &["宽"]),
            tc("", &["外"]),
        ])]);
        let bad = tbl(&[tr(&[
            tc(r#"<w:gridSpan w:val="-3"/>"#, &["x"]),
            tc("", &["y"]),
        ])]);
        let book = body(&format!("{past}{bad}"));
        assert_eq!(book.failed.len(), 1);
        assert!(book.failed[0].1.contains("列数超过"), "{:?}", book.failed);
        assert_eq!(texts(&book.sheets[0]), vec![(0, 0, "x"), (0, 1, "y")]);
    }

    #[test]
    fn a_document_without_text_has_no_sheets() {
        let book = body("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p><w:sectPr/>");
        assert!(book.sheets.is_empty() && book.failed.is_empty());
    }

    #[test]
    fn the_main_part_is_found_by_relationship_or_content_type() {
        use std::io::Write;
        let package = |parts: &[(&str, &str)]| {
            let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for (name, data) in parts {
                w.start_file(*name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                w.write_all(data.as_bytes()).unwrap();
            }
            w.finish().unwrap().into_inner()
        };
        let doc = format!("{HEAD}{}{TAIL}", p("正文一句"));
        let rels = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/custom/main.xml"/></Relationships>"#;
        let by_rel = package(&[("_rels/.rels", rels), ("custom/main.xml", &doc)]);
        let types = r#"<Types><Override PartName="/other/d.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
        let by_type = package(&[("[Content_Types].xml", types), ("other/d.xml", &doc)]);
        let usual = package(&[("word/document.xml", &doc)]);
        for bytes in [by_rel, by_type, usual] {
            let book = read(&bytes, 100).unwrap();
            assert_eq!(book.sheets[0].cells(), vec![(0, 0, t("正文一句"))]);
        }
        let none = package(&[("[Content_Types].xml", types)]);
        assert_eq!(read(&none, 100), Err(Refusal::Corrupt));
    }
}
