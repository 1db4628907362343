//! What every sheet of a template shares: the formats, the frame (title row,
//! meta row, header row) and the date and amount validations. Row heights,
//! hints, drop-down lists and protection are the xlsx layer's.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, Worksheet, XlsxError,
};

use crate::flag::Severity;
use crate::import::vocab::{Column, DEPARTMENT_LABELS, FILLED_LABELS, PERIOD_LABELS};
use crate::period::Period;
use crate::plan::Plan;
use crate::report::xlsx::{self, Cell, excel_date, hint, refuse};
use crate::summarise::fill::{Fill, Spot};

/// Fill of cells that do not apply to a row (locked, nothing to enter),
/// and of last month's reference columns.
const NOT_APPLICABLE_FILL: u32 = 0xE7E6E6;
/// Who the notes on flagged cells are from.
const NOTE_AUTHOR: &str = "办公室";

/// Row 0: title; row 1: meta; row 2: header; data from row 3.
pub(super) const TITLE_ROW: u32 = 0;
pub(super) const META_ROW: u32 = 1;
pub(super) const HEADER_ROW: u32 = 2;
pub(super) const FIRST_DATA_ROW: u32 = 3;

/// Everything a sheet builder needs to know about the workbook being made.
pub(super) struct Context<'a> {
    pub plan: &'a Plan,
    pub department: &'a str,
    pub period: Period,
    pub f: Formats,
    /// What the workbook is pre-filled with, if anything.
    pub fill: Option<&'a Fill>,
}

impl<'a> Context<'a> {
    pub fn new(plan: &'a Plan, department: &'a str, period: Period) -> Context<'a> {
        Context {
            plan,
            department,
            period,
            f: Formats::new(),
            fill: None,
        }
    }

    /// The same, pre-filled by `fill`.
    pub fn with_fill(self, fill: Option<&'a Fill>) -> Context<'a> {
        Context { fill, ..self }
    }

    /// What the cell at `spot` is marked with, if a flag is about it.
    pub fn mark(&self, spot: &Spot) -> Option<(Severity, String)> {
        self.fill.and_then(|f| f.mark(spot))
    }

    /// The as-of date as the hints show it, e.g. `2025-03-31`.
    pub fn example_date(&self) -> String {
        self.period.as_of().format("%Y-%m-%d").to_string()
    }
}

/// The formats of a template. `fixed_*` cells are locked (pre-filled from
/// the plan); `input_*` cells are unlocked and filled with the input colour;
/// `column_*` are the unlocked column defaults below the formatted rows.
pub(super) struct Formats {
    pub title: Format,
    pub meta: Format,
    pub meta_label: Format,
    pub header: Format,
    pub fixed_text: Format,
    pub fixed_centre: Format,
    pub fixed_date: Format,
    pub not_applicable: Format,
    /// Last month's text in a reference column: locked, grey, wrapped.
    pub reference: Format,
    pub input_text: Format,
    pub input_centre: Format,
    pub input_number: Format,
    pub input_date: Format,
    pub input_key: Format,
    pub column_text: Format,
    pub column_number: Format,
    pub column_date: Format,
    pub column_key: Format,
    pub guide_item: Format,
    pub guide_text: Format,
}

impl Formats {
    fn new() -> Formats {
        let input = |f: Format| {
            f.set_unlocked()
                .set_background_color(Color::RGB(xlsx::INPUT_FILL))
        };
        let column = || {
            Format::new()
                .set_font_name(xlsx::FONT)
                .set_font_size(xlsx::FONT_SIZE)
                .set_unlocked()
        };
        Formats {
            title: xlsx::title(),
            meta: xlsx::subtitle(),
            meta_label: xlsx::subtitle().set_align(FormatAlign::Right),
            header: xlsx::header(),
            fixed_text: xlsx::text(),
            fixed_centre: xlsx::centred(),
            fixed_date: xlsx::date(),
            not_applicable: xlsx::base().set_background_color(Color::RGB(NOT_APPLICABLE_FILL)),
            reference: xlsx::text().set_background_color(Color::RGB(NOT_APPLICABLE_FILL)),
            input_text: input(xlsx::text()),
            input_centre: input(xlsx::centred()),
            input_number: input(xlsx::base().set_align(FormatAlign::Center)),
            input_date: input(xlsx::date()),
            input_key: input(xlsx::text().set_num_format("@")),
            column_text: column().set_text_wrap(),
            column_number: column(),
            column_date: column().set_num_format("yyyy-mm-dd"),
            column_key: column().set_num_format("@"),
            guide_item: xlsx::centred().set_bold(),
            guide_text: xlsx::text(),
        }
    }
}

/// A sheet's shape: its title and header columns, and where it is written.
pub(super) struct Frame<'a> {
    pub title: &'a str,
    pub columns: &'a [Column],
    /// Whether this sheet carries the 填报日期 input of the workbook.
    pub filled_date: bool,
}

/// Writes the title row, the meta row (填报单位, 报送月份, optionally 填报日期
/// to fill) and the header row; freezes the panes below the header.
pub(super) fn write_frame(
    ws: &mut Worksheet,
    ctx: &Context,
    frame: &Frame,
    frozen_columns: u16,
) -> Result<(), XlsxError> {
    let ncols = u16::try_from(frame.columns.len()).unwrap_or(u16::MAX);
    let last_col = ncols.saturating_sub(1);
    if last_col > 0 {
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last_col, frame.title, &ctx.f.title)?;
    } else {
        ws.write_string_with_format(TITLE_ROW, 0, frame.title, &ctx.f.title)?;
    }
    ws.set_row_height(TITLE_ROW, 32)?;

    // Meta cells are plain text that overflows into its empty neighbours.
    let month_col = (ncols / 3).clamp(1, 3);
    ws.write_string_with_format(
        META_ROW,
        0,
        format!("{}：{}", DEPARTMENT_LABELS[0], ctx.department),
        &ctx.f.meta,
    )?;
    ws.write_string_with_format(
        META_ROW,
        month_col,
        format!("{}：{}", PERIOD_LABELS[0], ctx.period.label()),
        &ctx.f.meta,
    )?;
    if frame.filled_date {
        let label_col = (month_col + 3)
            .min(ncols.saturating_sub(2))
            .max(month_col + 1);
        let label = FILLED_LABELS[0];
        ws.write_string_with_format(META_ROW, label_col, format!("{label}："), &ctx.f.meta_label)?;
        ws.write_blank(META_ROW, label_col + 1, &ctx.f.input_date)?;
        let hint = date_validation(ctx, label)?;
        ws.add_data_validation(META_ROW, label_col + 1, META_ROW, label_col + 1, &hint)?;
    }
    ws.set_row_height(META_ROW, 22)?;

    for (c, column) in frame.columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(HEADER_ROW, c, column.name, &ctx.f.header)?;
    }
    ws.set_row_height(HEADER_ROW, 30)?;
    ws.set_freeze_panes(FIRST_DATA_ROW, frozen_columns)?;
    xlsx::print_setup(ws, Some((HEADER_ROW, HEADER_ROW)))?;
    Ok(())
}

/// Writes one cell of a row: `cell` (pre-filled, or [`Cell::Empty`]) in
/// `format`. A cell a flag is about (`spot`) is filled with the flag's
/// colour and carries a note with its message, so the department sees
/// what to change where it changes it.
pub(super) fn write_cell(
    ws: &mut Worksheet,
    ctx: &Context,
    (row, col): (u32, u16),
    cell: &Cell,
    format: &Format,
    spot: &Spot,
) -> Result<(), XlsxError> {
    match ctx.mark(spot) {
        Some((severity, message)) => {
            xlsx::put_with(ws, row, col, cell, Some(&xlsx::flagged(format, severity)))?;
            ws.insert_note(row, col, &xlsx::note(&message, NOTE_AUTHOR))?;
        }
        None => xlsx::put_with(ws, row, col, cell, Some(format))?,
    }
    Ok(())
}

/// Text, or an empty cell for an empty text.
pub(super) fn text_cell(s: &str) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::text(s)
    }
}

/// Dates from the year before the plan to the year after (the prereview
/// ledger keeps last year's rows as the baseline; a typo like 2052 is refused).
pub(super) fn date_validation(ctx: &Context, header: &str) -> Result<DataValidation, XlsxError> {
    let year = ctx.plan.year;
    let day = |y, m, d| {
        NaiveDate::from_ymd_opt(y, m, d).map_or_else(|| excel_date(NaiveDate::MIN), excel_date)
    };
    let rule = DataValidationRule::Between(day(year - 1, 1, 1), day(year + 1, 12, 31));
    let example = ctx.example_date();
    let v = hint(
        DataValidation::new().allow_date(rule),
        header,
        &format!(
            "填写日期，如 {example}（也可写 {}）。",
            example.replace('-', "/")
        ),
    )?;
    refuse(
        v,
        "日期无法识别",
        &format!(
            "请填写{}年至{}年之间的完整日期，如 {example}。",
            year - 1,
            year + 1
        ),
    )
}

/// A number ≥ 0 (counts, amounts).
pub(super) fn amount_validation(header: &str, message: &str) -> Result<DataValidation, XlsxError> {
    let v = hint(
        DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
        header,
        message,
    )?;
    refuse(v, "请填写数字", "请填写不小于0的数字，不要带单位或文字。")
}
