//! The consolidated workbook: [`render`] lays out the nine sheets of
//! PRODUCT.md §6 from a [`Summary`] and returns the bytes.
//!
//! Rows that other sheets link to (问题清单 → 进展明细 / 未采纳记录 / 重点任务
//! / 主要指标 / 部门报送) are placed first, in [`Index`], so every link is
//! known before any sheet is written. Every text a department wrote goes
//! through [`Cell::Text`], written as a string (quote-prefixed when it starts
//! like a formula) and clipped to Excel's cell limit; nothing from a user's
//! file can make writing fail.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, ConditionalFormatText, ConditionalFormatTextRule, ExcelDateTime, Format, FormatAlign,
    FormatUnderline, Url, Workbook, Worksheet, XlsxError,
};

use super::{overview, style, tables};
use crate::flag::Severity;
use crate::summarise::{Light, Summary};

/// Sheet names, in order: part of the contract.
pub const SHEETS: [&str; 9] = [
    OVERVIEW,
    TASKS,
    FIGURES,
    DEPARTMENTS,
    FLAGS,
    TREND,
    LEDGERS,
    DETAILS,
    UNACCEPTED,
];
pub const OVERVIEW: &str = "总览";
pub const TASKS: &str = "重点任务";
pub const FIGURES: &str = "主要指标";
pub const DEPARTMENTS: &str = "部门报送";
pub const FLAGS: &str = "问题清单";
pub const TREND: &str = "月度趋势";
pub const LEDGERS: &str = "台账汇总";
pub const DETAILS: &str = "进展明细";
pub const UNACCEPTED: &str = "未采纳记录";

/// 0-based row of a table sheet's title, note and column headers; data follows.
pub const TITLE_ROW: u32 = 0;
pub const NOTE_ROW: u32 = 1;
pub const HEADER_ROW: u32 = 2;
pub const FIRST_ROW: u32 = 3;

/// Data rows a table sheet holds at most: Excel stops at 1,048,576 rows.
pub const MAX_ROWS: usize = 1_000_000;
/// Hyperlinks a sheet holds at most (Excel's limit is 65,530).
pub const MAX_LINKS: usize = 65_000;
/// Characters a cell holds at most (Excel's limit is 32,767).
const MAX_CHARS: usize = 32_000;

/// The consolidated workbook as bytes (no I/O). Same summary → byte-identical bytes.
pub fn render(summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let index = Index::new(summary);
    let mut wb = Workbook::new();
    let title = format!(
        "{}推进情况（{}）",
        overview::heading(summary),
        summary.period.label()
    );
    style::pin_properties(&mut wb, &title, &summary.bureau)?;
    let sheets = [
        overview::sheet(summary, &index)?,
        tables::tasks(summary, &index)?,
        tables::figures(summary, &index)?,
        tables::departments(summary, &index)?,
        tables::flags(summary, &index)?,
        tables::trend(summary)?,
        tables::ledgers(summary)?,
        tables::details(summary, &index)?,
        tables::unaccepted(summary, &index)?,
    ];
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

/// A new worksheet with its name and the sheet-wide defaults.
pub fn new_sheet(name: &str) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    Ok(ws)
}

// ------------------------------------------------------------------ links

/// Where rows land in the sheets that others link to (1-based Excel rows).
#[derive(Debug, Default)]
pub struct Index {
    /// 进展明细: source row → its row.
    pub details: BTreeMap<(String, String, u32), u32>,
    /// 未采纳记录: source row → its row.
    pub unaccepted: BTreeMap<(String, String, u32), u32>,
    /// 重点任务: task id → its row.
    pub tasks: BTreeMap<u32, u32>,
    /// 主要指标: figure id → its row.
    pub figures: BTreeMap<String, u32>,
    /// 部门报送: department → its row.
    pub departments: BTreeMap<String, u32>,
    /// 问题清单: the flags in display order (indices into `summary.flags`).
    pub flag_order: Vec<usize>,
    /// 问题清单: task id → row of its first flag.
    pub first_flag_of_task: BTreeMap<u32, u32>,
    /// 进展明细: task reports then figure reports, in display order
    /// (indices into `task_details`, `figure_details`).
    pub detail_tasks: Vec<usize>,
    pub detail_figures: Vec<usize>,
    /// 未采纳记录: display order (indices into `unaccepted`).
    pub unaccepted_order: Vec<usize>,
}

/// 1-based Excel row of the `i`-th data row of a table sheet.
pub fn excel_row(i: usize) -> u32 {
    FIRST_ROW + 1 + u32::try_from(i).unwrap_or(u32::MAX - FIRST_ROW - 1)
}

impl Index {
    /// Lays out the linked-to sheets' rows for `s`.
    pub fn new(s: &Summary) -> Index {
        let mut ix = Index::default();

        // 进展明细: task reports by task, leads first, then figures in plan order.
        let mut dt: Vec<usize> = (0..s.task_details.len()).collect();
        dt.sort_by(|&a, &b| {
            let (x, y) = (&s.task_details[a], &s.task_details[b]);
            (x.task, !x.is_lead, &x.department, &x.origin).cmp(&(
                y.task,
                !y.is_lead,
                &y.department,
                &y.origin,
            ))
        });
        let figure_pos = |id: &str| s.figures.iter().position(|f| f.id == id);
        let mut df: Vec<usize> = (0..s.figure_details.len()).collect();
        df.sort_by(|&a, &b| {
            let (x, y) = (&s.figure_details[a], &s.figure_details[b]);
            (figure_pos(&x.figure), &x.figure, &x.department, &x.origin).cmp(&(
                figure_pos(&y.figure),
                &y.figure,
                &y.department,
                &y.origin,
            ))
        });
        let origins = dt
            .iter()
            .map(|&i| &s.task_details[i].origin)
            .chain(df.iter().map(|&i| &s.figure_details[i].origin));
        for (i, o) in origins.enumerate().take(MAX_ROWS) {
            ix.details
                .entry((o.file.to_string(), o.sheet.to_string(), o.row))
                .or_insert(excel_row(i));
        }
        ix.detail_tasks = dt;
        ix.detail_figures = df;

        // 未采纳记录: by source position.
        let mut un: Vec<usize> = (0..s.unaccepted.len()).collect();
        un.sort_by(|&a, &b| s.unaccepted[a].origin.cmp(&s.unaccepted[b].origin));
        for (i, &u) in un.iter().enumerate().take(MAX_ROWS) {
            let o = &s.unaccepted[u].origin;
            ix.unaccepted
                .entry((o.file.to_string(), o.sheet.to_string(), o.row))
                .or_insert(excel_row(i));
        }
        ix.unaccepted_order = un;

        for (i, t) in s.tasks.iter().enumerate() {
            ix.tasks.insert(t.id, excel_row(i));
        }
        for (i, f) in s.figures.iter().enumerate() {
            ix.figures.insert(f.id.clone(), excel_row(i));
        }
        for (i, d) in s.departments.iter().enumerate() {
            ix.departments.insert(d.name.clone(), excel_row(i));
        }

        let mut sorted: Vec<(usize, &crate::flag::Flag)> = s.flags.iter().enumerate().collect();
        // Stable: flags that order alike keep the summary's order.
        sorted.sort_by(|(_, a), (_, b)| crate::flag::order(a, b));
        ix.flag_order = sorted.iter().map(|(i, _)| *i).collect();
        for (i, (_, f)) in sorted.iter().enumerate().take(MAX_ROWS) {
            if let Some(t) = f.task {
                ix.first_flag_of_task.entry(t).or_insert(excel_row(i));
            }
        }
        ix
    }

    /// Where a flag's row is shown: the sheet and 1-based row, most specific first.
    pub fn target_of(&self, f: &crate::flag::Flag) -> Option<(&'static str, u32)> {
        if let (Some(file), Some(sheet), Some(row)) = (&f.file, &f.sheet, f.row) {
            let key = (file.clone(), sheet.clone(), row);
            if let Some(&r) = self.details.get(&key) {
                return Some((DETAILS, r));
            }
            if let Some(&r) = self.unaccepted.get(&key) {
                return Some((UNACCEPTED, r));
            }
        }
        if let Some(r) = f.figure.as_ref().and_then(|id| self.figures.get(id)) {
            return Some((FIGURES, *r));
        }
        if let Some(r) = f.task.and_then(|t| self.tasks.get(&t)) {
            return Some((TASKS, *r));
        }
        f.department
            .as_ref()
            .and_then(|d| self.departments.get(d))
            .map(|r| (DEPARTMENTS, *r))
    }
}

/// An internal link to `row` (1-based) of `sheet`.
pub fn link_to(sheet: &str, row: u32, text: &str) -> Cell {
    Cell::Link {
        url: format!("internal:'{sheet}'!A{row}"),
        text: text.to_string(),
    }
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
    if unit.is_empty() {
        digits.to_string()
    } else {
        format!("{digits}\"{}\"", unit.replace('"', ""))
    }
}

/// Text that fits a cell.
pub fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CHARS {
        return s.into();
    }
    let cut: String = s.chars().take(MAX_CHARS).collect();
    format!("{cut}…（以下省略）").into()
}

/// Whether Excel would read the text as a formula if it were typed in.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@'])
}

/// Writes one cell with the body formats.
pub fn put(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    put_with(ws, row, col, cell, None)
}

/// Writes one cell; `base` replaces the body format (its number format is kept
/// for numbers unless it sets one).
pub fn put_with(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    base: Option<&Format>,
) -> Result<(), XlsxError> {
    let pick = |default: Format| base.cloned().unwrap_or(default);
    match cell {
        Cell::Text(s) => write_text(ws, row, col, s, &pick(style::text())),
        Cell::Centre(s) => write_text(ws, row, col, s, &pick(style::centred())),
        Cell::Num(v) => {
            let f = pick(style::base().set_align(FormatAlign::Right))
                .set_num_format(number_format(*v, ""));
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Fixed(v, d) => {
            let f =
                pick(style::base().set_align(FormatAlign::Right)).set_num_format(fixed_format(*d));
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Pct(v) => {
            let f = pick(style::percent()).set_num_format("0.0%");
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Progress(v) => {
            let f = pick(style::base().set_align(FormatAlign::Right)).set_num_format("0\"%\"");
            ws.write_number_with_format(row, col, *v, &f).map(|_| ())
        }
        Cell::Date(d) => match excel_date(*d) {
            Some(dt) => ws
                .write_date_with_format(row, col, &dt, &pick(style::date()))
                .map(|_| ()),
            None => write_text(ws, row, col, &d.to_string(), &pick(style::centred())),
        },
        Cell::Link { url, text } => {
            let f = pick(style::centred())
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(FormatUnderline::Single);
            ws.write_url_with_format(row, col, Url::new(url.as_str()).set_text(text.as_str()), &f)
                .map(|_| ())
        }
        Cell::Empty => ws.write_blank(row, col, &pick(style::base())).map(|_| ()),
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

fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let y = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
}

/// `2025年6月30日`.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
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
pub fn heading(
    ws: &mut Worksheet,
    widths: &[f64],
    title: &str,
    note: &str,
) -> Result<(), XlsxError> {
    let last = (widths.len() as u16).saturating_sub(1);
    if last == 0 {
        ws.write_string_with_format(TITLE_ROW, 0, title, &style::title())?;
    } else {
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last, title, &style::title())?;
    }
    ws.set_row_height(TITLE_ROW, 30)?;
    let lines = lines_in(note, widths.iter().sum());
    if lines > 1 {
        ws.set_row_height(NOTE_ROW, lines as f64 * LINE_PT + 4.0)?;
    }
    let note_format = style::subtitle().set_text_wrap();
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
        ws.write_string_with_format(top, c as u16, column.header, &style::header())?;
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
            write_text(ws, last, 0, empty, &style::centred())?;
        } else {
            ws.merge_range(last, 0, last, end, empty, &style::centred())?;
        }
    } else if rows.len() > MAX_ROWS {
        last += 1;
        let note = format!(
            "以下 {} 行未列出（超出 Excel 行数上限），完整内容见 JSON 报告。",
            rows.len() - MAX_ROWS
        );
        write_text(ws, last, 0, &note, &style::text())?;
    }
    Ok(last)
}

/// Points per line of wrapped body text: 11-point 宋体 takes about 14.3 in
/// Excel and WPS, but LibreOffice sets it in a substitute CJK font (Noto Sans
/// CJK, about 16) and would clip the last line of a tall cell.
const LINE_PT: f64 = 16.0;
/// Excel's highest row.
const MAX_HEIGHT_PT: f64 = 409.0;

/// Lines `s` takes in a column `width` characters wide.
pub fn lines_in(s: &str, width: f64) -> usize {
    let room = ((width - 1.0) * 0.95).max(1.0);
    s.lines()
        .map(|l| ((style::text_width(l) as f64) / room).ceil().max(1.0) as usize)
        .sum::<usize>()
        .max(1)
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
    (lines > 1).then(|| (lines as f64 * LINE_PT + 4.0).min(MAX_HEIGHT_PT))
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
            style::fit_width(texts, column.min, column.max)
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
    heading(&mut ws, &w, title, note)?;
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
    style::print_setup(ws, Some((HEADER_ROW, HEADER_ROW)))?;
    Ok(())
}

// ------------------------------------------------------------------ colours

/// The fill of a light.
pub fn light_rgb(light: Light) -> u32 {
    match light {
        Light::Red => style::RED,
        Light::Yellow => style::YELLOW,
        Light::Blue => style::BLUE,
        Light::Green => style::GREEN,
    }
}

/// The lights with their fills, for conditional formats.
pub fn light_words() -> Vec<(&'static str, u32)> {
    [Light::Red, Light::Yellow, Light::Blue, Light::Green]
        .into_iter()
        .map(|l| (l.label(), light_rgb(l)))
        .collect()
}

/// Severities with their fills.
pub fn severity_words() -> Vec<(&'static str, u32)> {
    vec![
        (Severity::Error.as_chinese(), style::RED),
        (Severity::Warning.as_chinese(), style::YELLOW),
        (Severity::Info.as_chinese(), style::BLUE),
    ]
}

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
            .set_format(style::fill(*rgb));
        ws.add_conditional_format(first, col, last, col, &cf)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_show_only_the_decimals_a_value_has() {
        assert_eq!(number_format(3000.0, ""), "#,##0");
        assert_eq!(number_format(38.6, "亿元"), "#,##0.0\"亿元\"");
        assert_eq!(number_format(52.35, "件"), "#,##0.00\"件\"");
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
    fn wrapped_lines_are_counted_per_paragraph() {
        assert_eq!(lines_in("", 10.0), 1);
        assert_eq!(lines_in("短", 10.0), 1);
        // 20 CJK characters = 40 units in a 21-unit column: 3 lines.
        assert_eq!(lines_in(&"字".repeat(20), 21.0), 3);
        assert_eq!(lines_in("一\n二\n三", 10.0), 3);
        let cells = [Cell::text("一\n二"), Cell::Num(1.0)];
        assert_eq!(row_height(&cells, &[10.0, 10.0]), Some(2.0 * LINE_PT + 4.0));
        assert_eq!(row_height(&[Cell::text("一")], &[10.0]), None);
        // Six lines leave room for LibreOffice's substitute CJK font.
        assert!(row_height(&[Cell::text("一\n二\n三\n四\n五\n六")], &[10.0]) >= Some(6.0 * 15.9));
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
        assert!(clipped.chars().count() < 32_767 && clipped.ends_with("（以下省略）"));
    }

    #[test]
    fn links_point_at_a_sheet_row() {
        assert_eq!(
            link_to(DETAILS, 12, "x"),
            Cell::Link {
                url: "internal:'进展明细'!A12".into(),
                text: "x".into()
            }
        );
        assert_eq!(excel_row(0), FIRST_ROW + 1);
    }
}
