//! The one xlsx layer: every workbook the tool writes — the consolidated
//! report, the templates, the 任务分解表 — takes its fonts, fills, formats,
//! column widths, row heights, cell writing (text never read as a formula,
//! clipped to Excel's limits), Excel dates, print settings, validations with
//! hints and drop-down lists from here, so they look alike and one rule
//! changes them all. Cells a flag is about are marked here too: a fill by
//! severity and a note (批注) with the flag's message ([`flagged`], [`note`]).
//!
//! Row heights are set, never left to the reader: neither LibreOffice nor
//! WPS grows a row for wrapped text in a file it did not write. One rule
//! ([`lines_in`], [`height`]) serves every sheet.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, ConditionalFormatText, ConditionalFormatTextRule, DataValidation, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline, Formula, Note,
    ProtectionOptions, Url, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::flag::Severity;
use crate::import::column_letter;

// ------------------------------------------------------------------ look

/// The font for all cells: present in Windows Office and WPS; LibreOffice
/// substitutes a CJK font.
pub const FONT: &str = "宋体";
/// Body font size (points).
pub const FONT_SIZE: f64 = 11.0;

/// Light fills, as 督办 sheets use them.
pub const RED: u32 = 0xF8CBAD;
pub const YELLOW: u32 = 0xFFE699;
pub const BLUE: u32 = 0xBDD7EE;
pub const GREEN: u32 = 0xC6EFCE;
/// Header fill.
pub const HEADER_FILL: u32 = 0xD9E1F2;
/// Fill of cells a department fills in (templates).
pub const INPUT_FILL: u32 = 0xFFFFF0;

/// The base format: font, size, vertical centring, thin border.
pub fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

/// Wrapped body text, aligned left.
pub fn text() -> Format {
    base().set_text_wrap().set_align(FormatAlign::Left)
}

/// Centred body cell (ids, statuses, numbers that are labels).
pub fn centred() -> Format {
    base().set_align(FormatAlign::Center).set_text_wrap()
}

/// A number with thousands separators and up to two decimals.
pub fn number() -> Format {
    base()
        .set_num_format("#,##0.##")
        .set_align(FormatAlign::Right)
}

/// A ratio shown as a percentage with one decimal.
pub fn percent() -> Format {
    base().set_num_format("0.0%").set_align(FormatAlign::Right)
}

/// A date shown as 2025-03-31.
pub fn date() -> Format {
    base()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Center)
}

/// Column header: bold, filled, wrapped, centred.
pub fn header() -> Format {
    base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(HEADER_FILL))
}

/// Sheet title: large, bold, centred, no border.
pub fn title() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// A line under the title (period, unit, notes): no border.
pub fn subtitle() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::VerticalCenter)
}

/// Fill for a light.
pub fn fill(rgb: u32) -> Format {
    Format::new().set_background_color(Color::RGB(rgb))
}

/// The fill of a severity: red for an error, yellow for a warning, blue for a hint.
pub fn severity_fill(severity: Severity) -> u32 {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => BLUE,
    }
}

/// `format` marked as a cell a flag is about: filled with its severity's colour.
pub fn flagged(format: &Format, severity: Severity) -> Format {
    format
        .clone()
        .set_background_color(Color::RGB(severity_fill(severity)))
}

/// Width (pixels) of a note: about 24 CJK characters a line.
const NOTE_WIDTH_PX: u32 = 340;
/// Characters units a note's line holds at [`NOTE_WIDTH_PX`].
const NOTE_LINE_UNITS: f64 = 48.0;

/// A cell note (批注) holding `text`, in the body font, sized so that it
/// reads whole when shown (Excel and WPS show it on hover, as does
/// LibreOffice). The author is left out of the text.
pub fn note(text: &str, author: &str) -> Note {
    let lines = lines_in(text, NOTE_LINE_UNITS);
    let height = (lines as u32 * 18 + 14).clamp(40, 600);
    Note::new(clip(text))
        .set_author(author)
        .add_author_prefix(false)
        .set_font_name(FONT)
        .set_font_size(10)
        .set_width(NOTE_WIDTH_PX)
        .set_height(height)
}

/// Display width of text in Excel character units: CJK characters count two.
/// For multi-line text, the longest line.
pub fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A column width that fits `texts` (header included), between `min` and
/// `max` character units; longer text wraps. rust_xlsxwriter's autofit
/// under-sizes CJK text, hence this.
pub fn fit_width<'a>(texts: impl IntoIterator<Item = &'a str>, min: f64, max: f64) -> f64 {
    let widest = texts.into_iter().map(text_width).max().unwrap_or(0) as f64;
    (widest * 1.1 + 2.0).clamp(min, max)
}

/// A4 landscape, fit to one page wide, centred, rows `header_rows` repeated
/// on every printed page, page numbers in the footer.
pub fn print_setup(ws: &mut Worksheet, header_rows: Option<(u32, u32)>) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    if let Some((first, last)) = header_rows {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// Pins the document properties, the creation time included, so the same
/// inputs give a byte-identical workbook.
pub fn pin_properties(wb: &mut Workbook, title: &str, author: &str) -> Result<(), XlsxError> {
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(())
}

// ------------------------------------------------------------------ limits

/// Data rows a table sheet holds at most: Excel stops at 1,048,576 rows.
pub const MAX_ROWS: usize = 1_000_000;
/// Hyperlinks a sheet holds at most (Excel's limit is 65,530).
pub const MAX_LINKS: usize = 65_000;
/// UTF-16 units a cell holds at most (Excel's limit is 32,767).
const MAX_CELL_UNITS: usize = 32_000;
/// The last row index Excel has: validations and column defaults reach it.
pub const LAST_ROW: u32 = 1_048_575;
/// Excel's cap on an inline list source, commas included (UTF-16 units).
const INLINE_LIST_MAX: usize = 255;
/// Excel's caps on a validation's title and message (UTF-16 units).
const TITLE_MAX: usize = 32;
const MESSAGE_MAX: usize = 255;
/// Name of the hidden sheet holding drop-down lists too long to sit inline.
pub const LISTS_SHEET: &str = "下拉选项";

/// 0-based rows of a table sheet: title, note, column headers; data follows.
pub const TITLE_ROW: u32 = 0;
pub const NOTE_ROW: u32 = 1;
pub const HEADER_ROW: u32 = 2;
pub const FIRST_ROW: u32 = 3;

/// Text cut to `max` UTF-16 units (Excel counts in them).
pub fn clip_units(text: &str, max: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for ch in text.chars() {
        used += ch.len_utf16();
        if used > max {
            break;
        }
        out.push(ch);
    }
    out
}

/// Text that fits a cell: cut at Excel's limit with a note that it was.
pub fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_UNITS {
        return s.into();
    }
    format!("{}…（以下省略）", clip_units(s, MAX_CELL_UNITS)).into()
}

/// Whether Excel would read the text as a formula if it were typed in.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@'])
}

/// A date as Excel stores it, clamped into the years Excel has.
pub fn excel_date(d: NaiveDate) -> ExcelDateTime {
    let year = u16::try_from(d.year().clamp(1900, 9999)).unwrap_or(2000);
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
        .or_else(|_| ExcelDateTime::from_ymd(year, 1, 1))
        .unwrap_or_else(|_| ExcelDateTime::from_serial_datetime(0.0).unwrap_or_default())
}

// ------------------------------------------------------------------ cells

/// A value as the report writes it into one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, wrapped and left-aligned; may come from a department.
    Text(String),
    /// Short text, centred (ids, statuses, lights).
    Centre(String),
    /// A number in a plan unit; decimals as the value needs.
    Num(f64),
    /// A number with a fixed count of decimals (0–2), for rows and columns
    /// of comparable values that must line up (`6.10` beside `50.50`).
    Fixed(f64, u8),
    /// A ratio shown as a percentage (0.456 → 45.6%).
    Pct(f64),
    /// A progress on the 0–100 scale, shown as `60%` (the value stays 60).
    Progress(f64),
    Date(NaiveDate),
    /// An internal hyperlink.
    Link {
        url: String,
        text: String,
    },
    Empty,
}

impl Cell {
    /// Wrapped text.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// Centred text.
    pub fn centre(s: impl Into<String>) -> Cell {
        Cell::Centre(s.into())
    }

    /// A number, or an empty cell.
    pub fn num(v: Option<f64>) -> Cell {
        v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Num)
    }

    /// A count.
    pub fn int(v: usize) -> Cell {
        Cell::Num(v as f64)
    }

    /// A ratio as a percentage, or an empty cell.
    pub fn pct(v: Option<f64>) -> Cell {
        v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Pct)
    }

    /// A 0–100 progress, or an empty cell.
    pub fn progress(v: Option<f64>) -> Cell {
        v.filter(|v| v.is_finite())
            .map_or(Cell::Empty, Cell::Progress)
    }

    /// A date, or an empty cell.
    pub fn date(v: Option<NaiveDate>) -> Cell {
        v.map_or(Cell::Empty, Cell::Date)
    }

    /// The text a reader sees, for sizing columns.
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Centre(s) => s.clone(),
            Cell::Num(v) => number_text(*v),
            Cell::Fixed(v, d) => {
                let s = format!("{v:.*}", usize::from(*d));
                let whole = s.split('.').next().unwrap_or("").len();
                format!("{s}{}", ",".repeat(whole.saturating_sub(1) / 3))
            }
            Cell::Pct(v) => format!("{:.1}%", v * 100.0),
            Cell::Progress(v) => format!("{v:.0}%"),
            Cell::Date(_) => "2025-03-31".to_string(),
            Cell::Link { text, .. } => text.clone(),
            Cell::Empty => String::new(),
        }
    }
}

/// A number as the number format shows it, for sizing.
fn number_text(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    // Thousands separators add a few characters.
    format!("{s}{}", ",".repeat(s.len().saturating_sub(4) / 3))
}

/// The decimals (0–2) that show every value of `values` as [`number_format`]
/// would show the most precise of them.
pub fn decimals(values: impl IntoIterator<Item = f64>) -> u8 {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .map(|v| {
            if (v - v.round()).abs() < 1e-9 {
                0
            } else if ((v * 10.0) - (v * 10.0).round()).abs() < 1e-9 {
                1
            } else {
                2
            }
        })
        .max()
        .unwrap_or(0)
}

/// Excel's number format with exactly `d` decimals (at most two).
fn fixed_format(d: u8) -> &'static str {
    match d {
        0 => "#,##0",
        1 => "#,##0.0",
        _ => "#,##0.00",
    }
}

/// Excel's number format for `v`: no decimals for whole numbers, else up to two.
pub fn number_format(v: f64, unit: &str) -> String {
    let digits = if (v - v.round()).abs() < 1e-9 {
        "#,##0"
    } else if ((v * 10.0) - (v * 10.0).round()).abs() < 1e-9 {
        "#,##0.0"
    } else {
        "#,##0.00"
    };
    let unit = unit.replace('"', "");
    match unit.as_str() {
        "" => digits.to_string(),
        // `58.1%`, as `text::quantity` writes it; `1,398 件` with a space.
        u if u.starts_with(['%', '％']) => format!("{digits}\"{u}\""),
        u => format!("{digits}\" {u}\""),
    }
}

/// Writes one cell with the body formats.
pub fn put(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    put_with(ws, row, col, cell, None)
}

/// Writes one cell; `over` replaces the body format (its number format is kept
/// for numbers unless it sets one).
pub fn put_with(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    over: Option<&Format>,
) -> Result<(), XlsxError> {
    let pick = |default: Format| over.cloned().unwrap_or(default);
    match cell {
        Cell::Text(s) => write_text(ws, row, col, s, &pick(text())),
        Cell::Centre(s) => write_text(ws, row, col, s, &pick(centred())),
        Cell::Num(v) => {
            let f =
                pick(base().set_align(FormatAlign::Right)).set_num_format(number_format(*v, ""));
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Fixed(v, d) => {
            let f = pick(base().set_align(FormatAlign::Right)).set_num_format(fixed_format(*d));
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Pct(v) => {
            let f = pick(percent()).set_num_format("0.0%");
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Progress(v) => {
            let f = pick(base().set_align(FormatAlign::Right)).set_num_format("0\"%\"");
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Date(d) => ws
            .write_date_with_format(row, col, excel_date(*d), &pick(date()))
            .map(|_| ()),
        Cell::Link { url, text } => {
            let f = pick(centred())
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(FormatUnderline::Single);
            ws.write_url_with_format(row, col, Url::new(url.as_str()).set_text(text.as_str()), &f)
                .map(|_| ())
        }
        Cell::Empty => ws.write_blank(row, col, &pick(base())).map(|_| ()),
    }
}

/// Writes text as a string, never as a formula; a quote prefix keeps Excel
/// from reading `=…` as a formula when the cell is edited.
pub fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let s = clip(s);
    if looks_like_formula(&s) {
        let f = format.clone().set_quote_prefix();
        ws.write_string_with_format(row, col, s, &f)?;
    } else {
        ws.write_string_with_format(row, col, s, format)?;
    }
    Ok(())
}

// ------------------------------------------------------------------ tables

/// A table column: header and width bounds (character units).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub min: f64,
    pub max: f64,
}

/// Shorthand for a [`Column`].
pub const fn col(header: &'static str, min: f64, max: f64) -> Column {
    Column { header, min, max }
}

/// Writes a sheet's title and note rows, merged over the columns of `widths`.
pub fn titles(
    ws: &mut Worksheet,
    widths: &[f64],
    heading: &str,
    note: &str,
) -> Result<(), XlsxError> {
    let last = (widths.len() as u16).saturating_sub(1);
    if last == 0 {
        ws.write_string_with_format(TITLE_ROW, 0, heading, &title())?;
    } else {
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last, heading, &title())?;
    }
    ws.set_row_height(TITLE_ROW, 30)?;
    let lines = lines_in(note, widths.iter().sum());
    if lines > 1 {
        ws.set_row_height(NOTE_ROW, height(lines))?;
    }
    let note_format = subtitle().set_text_wrap();
    if last == 0 {
        write_text(ws, NOTE_ROW, 0, note, &note_format)?;
    } else {
        ws.merge_range(NOTE_ROW, 0, NOTE_ROW, last, "", &note_format)?;
        write_text(ws, NOTE_ROW, 0, note, &note_format)?;
    }
    Ok(())
}

/// Writes a header row and data rows from `top`; returns the last row written
/// (the header row when there is no data). When `rows` is empty, writes `empty`
/// in the first data row instead. Beyond [`MAX_ROWS`] rows a note says how many
/// were left out. Rows with wrapped text get a height that shows it all:
/// neither LibreOffice nor WPS grows a row for wrapped text on opening.
pub fn table(
    ws: &mut Worksheet,
    top: u32,
    columns: &[Column],
    rows: &[Vec<Cell>],
    empty: &str,
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let headers: Vec<Cell> = columns.iter().map(|c| Cell::centre(c.header)).collect();
    for (c, column) in columns.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, column.header, &header())?;
    }
    if let Some(h) = row_height(&headers, widths) {
        ws.set_row_height(top, h)?;
    }
    let mut last = top;
    for (i, cells) in rows.iter().enumerate().take(MAX_ROWS) {
        last = top + 1 + i as u32;
        for (c, cell) in cells.iter().enumerate() {
            put(ws, last, c as u16, cell)?;
        }
        if let Some(h) = row_height(cells, widths) {
            ws.set_row_height(last, h)?;
        }
    }
    if rows.is_empty() {
        last = top + 1;
        let end = columns.len().saturating_sub(1) as u16;
        if end == 0 {
            write_text(ws, last, 0, empty, &centred())?;
        } else {
            ws.merge_range(last, 0, last, end, empty, &centred())?;
        }
    } else if rows.len() > MAX_ROWS {
        last += 1;
        let note = format!(
            "以下 {} 行未列出（超出 Excel 行数上限），完整内容见 JSON 报告。",
            rows.len() - MAX_ROWS
        );
        write_text(ws, last, 0, &note, &text())?;
    }
    Ok(last)
}

/// Points per line of wrapped body text: 11-point 宋体 takes about 14.3 in
/// Excel and WPS, but LibreOffice sets it in a substitute CJK font (Noto Sans
/// CJK, about 16) and would clip the last line of a tall cell.
const LINE_PT: f64 = 16.0;
/// The cell's padding above and below the text.
const PAD_PT: f64 = 4.0;
/// Excel's highest row.
const MAX_HEIGHT_PT: f64 = 409.0;

/// Lines `s` takes in a column `width` characters wide (see [`fit_width`]).
pub fn lines_in(s: &str, width: f64) -> usize {
    let room = ((width - 1.0) * 0.95).max(1.0);
    s.lines()
        .map(|l| ((text_width(l) as f64) / room).ceil().max(1.0) as usize)
        .sum::<usize>()
        .max(1)
}

/// The height (points) of a row of `lines` lines of body text.
pub fn height(lines: usize) -> f64 {
    (lines as f64 * LINE_PT + PAD_PT).min(MAX_HEIGHT_PT)
}

/// The height a row needs so that each `(text, column width)` shows whole.
pub fn height_of<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    height(
        cells
            .into_iter()
            .map(|(s, w)| lines_in(s, w))
            .max()
            .unwrap_or(1),
    )
}

/// The height a row of cells needs when some text wraps; `None` when one line will do.
pub fn row_height(cells: &[Cell], widths: &[f64]) -> Option<f64> {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| match c {
            Cell::Text(s) | Cell::Centre(s) => lines_in(s, *w),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    (lines > 1).then(|| height(lines))
}

/// Column widths that fit the headers and the texts of `rows`.
pub fn widths(columns: &[Column], rows: &[Vec<Cell>]) -> Vec<f64> {
    columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let shown: Vec<String> = rows
                .iter()
                .take(2_000)
                .filter_map(|r| r.get(c).map(Cell::shown))
                .collect();
            let texts = std::iter::once(column.header).chain(shown.iter().map(String::as_str));
            fit_width(texts, column.min, column.max)
        })
        .collect()
}

/// Sets column widths.
pub fn set_widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// A new worksheet with its name.
pub fn new_sheet(name: &str) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    Ok(ws)
}

/// A one-table sheet: title, note, header, rows, widths, frozen header,
/// filter, print settings.
pub fn simple_sheet(
    name: &str,
    title: &str,
    note: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
    empty: &str,
) -> Result<(Worksheet, u32), XlsxError> {
    let mut ws = new_sheet(name)?;
    let w = widths(columns, rows);
    titles(&mut ws, &w, title, note)?;
    let last = table(&mut ws, HEADER_ROW, columns, rows, empty, &w)?;
    set_widths(&mut ws, &w)?;
    finish(&mut ws, columns.len() as u16, last, !rows.is_empty())?;
    Ok((ws, last))
}

/// Frozen header, filter over the table, print settings repeating the header.
pub fn finish(ws: &mut Worksheet, width: u16, last: u32, filter: bool) -> Result<(), XlsxError> {
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    if filter && width > 0 {
        ws.autofilter(HEADER_ROW, 0, last, width - 1)?;
    }
    print_setup(ws, Some((HEADER_ROW, HEADER_ROW)))?;
    Ok(())
}

// ------------------------------------------------------------------ colours

/// Conditional fills on column `col`, rows `first..=last` (0-based): a cell
/// containing a word gets its colour.
pub fn colour_words(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    col: u16,
    words: &[(&str, u32)],
) -> Result<(), XlsxError> {
    if last < first {
        return Ok(());
    }
    for (word, rgb) in words {
        let cf = ConditionalFormatText::new()
            .set_rule(ConditionalFormatTextRule::Contains((*word).to_string()))
            .set_format(fill(*rgb));
        ws.add_conditional_format(first, col, last, col, &cf)?;
    }
    Ok(())
}

// ------------------------------------------------------------------ input

/// Turns protection on without a password: input cells stay editable, and
/// the clerk may still resize, select, filter and sort; `rows` also lets
/// them insert and delete rows (ledgers).
pub fn protect(ws: &mut Worksheet, rows: bool) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: true,
        insert_rows: rows,
        delete_rows: rows,
        ..ProtectionOptions::new()
    };
    ws.protect_with_options(&options);
}

/// A validation that only shows a hint when the cell is selected.
pub fn hint(
    validation: DataValidation,
    title: &str,
    message: &str,
) -> Result<DataValidation, XlsxError> {
    validation
        .set_input_title(clip_units(title, TITLE_MAX))?
        .set_input_message(clip_units(message, MESSAGE_MAX))
}

/// A hint plus the dialog shown when the value is refused.
pub fn refuse(
    validation: DataValidation,
    title: &str,
    message: &str,
) -> Result<DataValidation, XlsxError> {
    validation
        .set_error_title(clip_units(title, TITLE_MAX))?
        .set_error_message(clip_units(message, MESSAGE_MAX))
}

/// Drop-down lists: inline when short enough, else kept on the hidden
/// [`LISTS_SHEET`], one column per list.
#[derive(Default)]
pub struct Lists {
    columns: Vec<Vec<String>>,
}

impl Lists {
    /// A list validation offering `values`; its hint and refusal name `header`.
    pub fn validation(
        &mut self,
        header: &str,
        values: &[&str],
    ) -> Result<DataValidation, XlsxError> {
        let joined = values.join(",");
        let v = if joined.encode_utf16().count() <= INLINE_LIST_MAX {
            DataValidation::new().allow_list_strings(values)?
        } else {
            let col = u16::try_from(self.columns.len()).unwrap_or(u16::MAX);
            self.columns
                .push(values.iter().map(|s| s.to_string()).collect());
            let letter = column_letter(u32::from(col));
            let source = format!(
                "='{LISTS_SHEET}'!${letter}$1:${letter}${}",
                values.len().max(1)
            );
            DataValidation::new().allow_list_formula(Formula::new(source))
        };
        let shown = if joined.chars().count() <= 60 {
            joined.replace(',', "、")
        } else {
            "下拉列表中的选项".to_string()
        };
        let v = hint(v, header, &format!("请从下拉列表中选择：{shown}。"))?;
        refuse(
            v,
            "请从下拉列表中选择",
            &format!("{header}只能填写：{shown}。"),
        )
    }

    /// The hidden sheet with the long lists, when any was needed.
    pub fn into_sheet(self) -> Result<Option<Worksheet>, XlsxError> {
        if self.columns.is_empty() {
            return Ok(None);
        }
        let mut ws = Worksheet::new();
        ws.set_name(LISTS_SHEET)?;
        for (c, values) in self.columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            for (r, value) in values.iter().enumerate() {
                let r = u32::try_from(r).unwrap_or(LAST_ROW);
                ws.write_string(r, c, value)?;
            }
        }
        ws.set_hidden(true);
        ws.protect();
        Ok(Some(ws))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(text_width("保护处"), 6);
        assert_eq!(text_width("I4"), 2);
        assert_eq!(text_width("短\n更长一点"), 8);
        assert!(fit_width(["浦东新区知识产权保护中心"], 8.0, 60.0) >= 24.0);
        assert_eq!(fit_width(["x"], 8.0, 60.0), 8.0);
    }

    #[test]
    fn number_formats_show_only_the_decimals_a_value_has() {
        assert_eq!(number_format(3000.0, ""), "#,##0");
        assert_eq!(number_format(38.6, "亿元"), "#,##0.0\" 亿元\"");
        assert_eq!(number_format(52.35, "件"), "#,##0.00\" 件\"");
        assert_eq!(number_format(58.1, "%"), "#,##0.0\"%\"");
    }

    #[test]
    fn comparable_values_share_their_decimals() {
        assert_eq!(decimals([6.099, 50.5, 104.0]), 2);
        assert_eq!(decimals([102.1, 104.0]), 1);
        assert_eq!(decimals([18_500.0, 123_900.0]), 0);
        assert_eq!(decimals([f64::NAN]), 0);
        assert_eq!(fixed_format(decimals([102.1, 104.0])), "#,##0.0");
        assert_eq!(Cell::Fixed(6.099, 2).shown(), "6.10");
        assert_eq!(Cell::Fixed(123_900.0, 0).shown().len(), "123,900".len());
    }

    #[test]
    fn one_row_height_rule_for_every_sheet() {
        assert_eq!(lines_in("", 10.0), 1);
        assert_eq!(lines_in("短", 10.0), 1);
        // 20 CJK characters = 40 units in a 21-unit column: 3 lines.
        assert_eq!(lines_in(&"字".repeat(20), 21.0), 3);
        assert_eq!(lines_in("一\n二\n三", 10.0), 3);
        let cells = [Cell::text("一\n二"), Cell::Num(1.0)];
        assert_eq!(row_height(&cells, &[10.0, 10.0]), Some(height(2)));
        assert_eq!(row_height(&[Cell::text("一")], &[10.0]), None);
        assert_eq!(height_of([("一\n二\n三", 10.0), ("x", 6.0)]), height(3));
        // Six lines leave room for LibreOffice's substitute CJK font.
        assert!(height(6) >= 6.0 * 15.9);
        assert_eq!(height(1000), 409.0);
    }

    #[test]
    fn formula_like_text_is_recognised_and_long_text_clipped() {
        for s in ["=SUM(A1)", "+1", "-按计划", "@所有人"] {
            assert!(looks_like_formula(s), "{s}");
        }
        assert!(!looks_like_formula("推进中"));
        assert_eq!(clip("短"), "短");
        let long = "长".repeat(40_000);
        let clipped = clip(&long);
        assert!(clipped.encode_utf16().count() < 32_767 && clipped.ends_with("（以下省略）"));
        assert_eq!(clip_units("完成状态", 2), "完成");
        assert_eq!(clip_units("abc", 10), "abc");
        assert_eq!(clip_units("", 3), "");
    }

    #[test]
    fn dates_outside_excel_are_clamped() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let serial = |y, m, day| ExcelDateTime::from_ymd(y, m, day).unwrap().to_excel();
        assert_eq!(excel_date(d(2025, 3, 31)).to_excel(), serial(2025, 3, 31));
        assert_eq!(excel_date(d(1, 3, 31)).to_excel(), serial(1900, 3, 31));
    }

    #[test]
    fn short_lists_stay_inline_and_long_ones_go_to_the_hidden_sheet() {
        let mut lists = Lists::default();
        lists.validation("完成状态", &["未启动", "推进中"]).unwrap();
        assert!(lists.columns.is_empty());

        let long: Vec<String> = (0..80).map(|i| format!("选项{i}")).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        lists.validation("业务类型", &long).unwrap();
        assert_eq!(lists.columns.len(), 1);
        assert_eq!(lists.columns[0].len(), 80);
        assert!(lists.into_sheet().unwrap().is_some());
        assert!(Lists::default().into_sheet().unwrap().is_none());
    }
}
