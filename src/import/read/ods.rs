//! OpenDocument spreadsheets: a pass over `content.xml` before calamine
//! parses it, for what calamine does not give and what it should not try.
//!
//! - Merged ranges: calamine's `Ods` does not expose them; they are the
//!   `table:number-columns-spanned` / `table:number-rows-spanned` attributes.
//! - Bounds: calamine parses every sheet while opening the file, expands
//!   repeated rows and columns (`table:number-rows-repeated="1048576"`)
//!   into its ranges and clones the text of repeated cells. The pass counts
//!   what that would allocate so that an oversized file is refused instead.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;

/// calamine caps a row at this many columns.
const MAX_COLUMNS: u64 = 16_384;
/// calamine caps a sheet at this many rows.
const MAX_ROWS: u64 = 1_048_576;
/// Merges kept per sheet; more are dropped (a table has a handful).
const MAX_MERGES: usize = 100_000;
/// Bytes of cell text calamine may materialise, repeats included.
const MAX_TEXT: u64 = 256 << 20;

/// What the pass learned about one sheet (`table:table`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Table {
    pub name: String,
    /// Merged ranges, inclusive, 0-based: `(first_row, first_col, last_row, last_col)`.
    pub merges: Vec<(u32, u32, u32, u32)>,
    /// A cell has a formula but no value.
    pub uncached_formulas: bool,
}

/// Why an `.ods` is refused before calamine opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refusal {
    /// `content.xml` is missing or not well-formed.
    Corrupt,
    /// The manifest lists encrypted parts: the file has a password.
    Encrypted,
    /// A sheet (or the file) would take more cells than the cap.
    TooLarge(String, u64),
    /// Repeated text would take too much memory.
    TooMuchText(String),
}

/// Scans `content.xml` of the package in `bytes` (already through the
/// package guard).
pub(super) fn scan(bytes: &[u8], max_cells: u64) -> Result<Vec<Table>, Refusal> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refusal::Corrupt)?;
    if let Ok(manifest) = zip.by_name("META-INF/manifest.xml") {
        let mut head = Vec::new();
        let _ = manifest.take(1 << 20).read_to_end(&mut head);
        let key = b"encryption-data";
        if head.windows(key.len()).any(|w| w == key) {
            return Err(Refusal::Encrypted);
        }
    }
    let content = zip.by_name("content.xml").map_err(|_| Refusal::Corrupt)?;
    scan_xml(BufReader::new(content), max_cells)
}

#[derive(Default)]
struct Sheet {
    table: Option<Table>,
    row: u64,
    /// Rows the current `table:table-row` stands for.
    row_repeat: u64,
    col: u64,
    /// Columns calamine keeps for the current row.
    row_width: u64,
    /// Bounding box of non-empty cells: (first row, first col, last row, last col).
    bounds: Option<(u64, u64, u64, u64)>,
}

fn scan_xml<R: Read>(input: BufReader<R>, max_cells: u64) -> Result<Vec<Table>, Refusal> {
    let mut xml = Reader::from_reader(input);
    let config = xml.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = false;
    config.check_comments = false;

    let mut tables = Vec::new();
    let mut sheet = Sheet::default();
    // Cells calamine pushes into its per-file buffers before building ranges.
    let mut pushed = 0u64;
    let mut text_total = 0u64;
    // The cell being read: (repeats, non-empty, text bytes).
    let mut cell: Option<(u64, bool, u64)> = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|_| Refusal::Corrupt)?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "table:table" if sheet.table.is_none() => {
                    if let Some(name) = attr(&e, "table:name") {
                        sheet = Sheet {
                            table: Some(Table {
                                name,
                                merges: Vec::new(),
                                uncached_formulas: false,
                            }),
                            ..Sheet::default()
                        };
                    }
                }
                "table:table-row" if sheet.table.is_some() => {
                    let repeat = number(&e, "table:number-rows-repeated").unwrap_or(1);
                    sheet.row_repeat = repeat.min(MAX_ROWS.saturating_sub(sheet.row));
                    sheet.col = 0;
                    sheet.row_width = 0;
                }
                name @ ("table:table-cell" | "table:covered-table-cell")
                    if sheet.table.is_some() && cell.is_none() =>
                {
                    let covered = name == "table:covered-table-cell";
                    let repeats = number(&e, "table:number-columns-repeated").unwrap_or(1);
                    let facts = cell_facts(&e);
                    if let Some(table) = sheet.table.as_mut() {
                        table.uncached_formulas |= facts.formula && !facts.value;
                        if !covered && table.merges.len() < MAX_MERGES {
                            let rows = number(&e, "table:number-rows-spanned").unwrap_or(1);
                            let cols = number(&e, "table:number-columns-spanned").unwrap_or(1);
                            if (rows > 1 || cols > 1) && sheet.col < MAX_COLUMNS {
                                table.merges.push((
                                    clamp(sheet.row),
                                    clamp(sheet.col),
                                    clamp(sheet.row + rows - 1),
                                    clamp(sheet.col + cols - 1),
                                ));
                            }
                        }
                    }
                    cell = Some((repeats, facts.value || facts.formula, facts.text));
                }
                "text:s" if cell.is_some() => {
                    let spaces = number(&e, "text:c").unwrap_or(1);
                    if let Some(c) = cell.as_mut() {
                        c.2 = c.2.saturating_add(spaces);
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.2 = c.2.saturating_add(t.len() as u64);
                }
            }
            Event::GeneralRef(_) => {
                if let Some(c) = cell.as_mut() {
                    c.2 = c.2.saturating_add(4);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    let Some((repeats, non_empty, text)) = cell.take() else {
                        continue;
                    };
                    let start = sheet.col;
                    sheet.col = sheet.col.saturating_add(repeats);
                    if !non_empty || start >= MAX_COLUMNS {
                        continue;
                    }
                    let end = sheet.col.min(MAX_COLUMNS) - 1;
                    let rows = sheet.row_repeat.max(1);
                    let (r0, r1) = (sheet.row, sheet.row + rows - 1);
                    sheet.bounds = Some(match sheet.bounds {
                        None => (r0, start, r1, end),
                        Some((a, b, c, d)) => (a.min(r0), b.min(start), c.max(r1), d.max(end)),
                    });
                    let copies = (end - start + 1).saturating_mul(rows);
                    text_total = text_total.saturating_add(text.saturating_mul(copies));
                    let name = sheet
                        .table
                        .as_ref()
                        .map(|t| t.name.clone())
                        .unwrap_or_default();
                    if text_total > MAX_TEXT {
                        return Err(Refusal::TooMuchText(name));
                    }
                    sheet.row_width = sheet.row_width.max(end + 1);
                }
                "table:table-row" if sheet.table.is_some() => {
                    // calamine keeps each row once, up to its last non-empty
                    // cell, the empty ones before it included.
                    pushed = pushed.saturating_add(sheet.row_width);
                    if pushed > max_cells.saturating_mul(2) {
                        let name = sheet
                            .table
                            .as_ref()
                            .map(|t| t.name.clone())
                            .unwrap_or_default();
                        return Err(Refusal::TooLarge(name, pushed));
                    }
                    sheet.row = sheet.row.saturating_add(sheet.row_repeat);
                    sheet.row_repeat = 0;
                    sheet.row_width = 0;
                }
                "table:table" => {
                    if let Some(table) = sheet.table.take() {
                        if let Some((r0, c0, r1, c1)) = sheet.bounds {
                            let cells = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
                            if cells > max_cells {
                                return Err(Refusal::TooLarge(table.name, cells));
                            }
                        }
                        tables.push(table);
                    }
                    sheet = Sheet::default();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tables)
}

struct CellFacts {
    value: bool,
    formula: bool,
    /// Bytes of text carried in attributes.
    text: u64,
}

/// Whether a cell carries a value or a formula, as calamine decides it.
fn cell_facts(e: &BytesStart<'_>) -> CellFacts {
    let mut facts = CellFacts {
        value: false,
        formula: false,
        text: 0,
    };
    for a in e.attributes().with_checks(false).flatten() {
        match a.key.as_ref() {
            "office:value" | "office:date-value" | "office:time-value" | "office:boolean-value" => {
                facts.value = true
            }
            "office:string-value" => {
                facts.value = true;
                facts.text = a.value.len() as u64;
            }
            "office:value-type" if a.value.as_ref() == "string" => facts.value = true,
            "table:formula" => facts.formula = true,
            _ => {}
        }
    }
    facts
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
}

/// A count attribute; malformed counts read as absent (calamine would then
/// fail on them itself).
fn number(e: &BytesStart<'_>, key: &str) -> Option<u64> {
    let v = attr(e, key)?;
    v.trim().parse::<u64>().ok().filter(|&n| n >= 1)
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_str(xml: &str, max: u64) -> Result<Vec<Table>, Refusal> {
        scan_xml(BufReader::new(xml.as_bytes()), max)
    }

    const HEAD: &str = r#"<office:document-content><office:body><office:spreadsheet>"#;
    const TAIL: &str = r#"</office:spreadsheet></office:body></office:document-content>"#;

    #[test]
    fn finds_merges_with_true_coordinates() {
        let xml = format!(
            r#"{HEAD}<table:table table:name="表1">
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
            <table:table-row><table:table-cell/><table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="2"><text:p>标题</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
            <table:table-row><table:covered-table-cell table:number-columns-repeated="4"/><table:table-cell office:value-type="float" office:value="3" table:formula="of:=1+2"/></table:table-row>
            </table:table><table:table table:name="表2"><table:table-row><table:table-cell table:formula="of:=A1"/></table:table-row></table:table>{TAIL}"#
        );
        let tables = scan_str(&xml, 1000).unwrap();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].name, "表1");
        assert_eq!(tables[0].merges, vec![(2, 1, 3, 3)]);
        assert!(!tables[0].uncached_formulas);
        assert_eq!(tables[1].name, "表2");
        assert!(tables[1].uncached_formulas);
    }

    #[test]
    fn counts_repeated_rows_and_columns() {
        // One non-empty cell repeated over 1000 columns and 2000 rows.
        let xml = format!(
            r#"{HEAD}<table:table table:name="大表"><table:table-row table:number-rows-repeated="2000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row></table:table>{TAIL}"#
        );
        assert_eq!(
            scan_str(&xml, 1_000_000),
            Err(Refusal::TooLarge("大表".into(), 2_000_000))
        );
        assert!(scan_str(&xml, 2_000_000).is_ok());
    }

    #[test]
    fn trailing_empty_repeats_cost_nothing() {
        let xml = format!(
            r#"{HEAD}<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>{TAIL}"#
        );
        assert!(scan_str(&xml, 10).is_ok());
    }

    #[test]
    fn repeated_long_text_is_refused() {
        let text = "长".repeat(10_000);
        let xml = format!(
            r#"{HEAD}<table:table table:name="S"><table:table-row table:number-rows-repeated="5000"><table:table-cell office:value-type="string" table:number-columns-repeated="100"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table>{TAIL}"#
        );
        assert_eq!(
            scan_str(&xml, 10_000_000),
            Err(Refusal::TooMuchText("S".into()))
        );
    }

    #[test]
    fn broken_xml_is_corrupt() {
        assert_eq!(
            scan_str("<a><table:table table:name=\"x\"></a", 10),
            Err(Refusal::Corrupt)
        );
    }
}
