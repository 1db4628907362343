//! What every sheet of a template shares: the formats, the frame (title row,
//! meta row, header row), input validations with their hints, row heights,
//! protection, and the hidden sheet that holds drop-down lists too long for
//! Excel's 255-character inline limit.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, Formula,
    ProtectionOptions, Worksheet, XlsxError,
};

use crate::import::vocab::{Column, DEPARTMENT_LABELS, FILLED_LABELS, PERIOD_LABELS};
use crate::period::Period;
use crate::plan::Plan;
use crate::report::style;

/// Fill of cells that do not apply to a row (locked, nothing to enter).
const NOT_APPLICABLE_FILL: u32 = 0xE7E6E6;
/// The last row index Excel has: validations and column defaults reach it.
pub(super) const LAST_ROW: u32 = 1_048_575;
/// Name of the hidden sheet holding long drop-down lists.
pub(super) const LISTS_SHEET: &str = "下拉选项";
/// Excel's cap on an inline list source, commas included (UTF-16 units).
const INLINE_LIST_MAX: usize = 255;
/// Excel's caps on a validation's title and message (UTF-16 units).
const TITLE_MAX: usize = 32;
const MESSAGE_MAX: usize = 255;

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
}

impl<'a> Context<'a> {
    pub fn new(plan: &'a Plan, department: &'a str, period: Period) -> Context<'a> {
        Context {
            plan,
            department,
            period,
            f: Formats::new(),
        }
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
                .set_background_color(Color::RGB(style::INPUT_FILL))
        };
        let column = || {
            Format::new()
                .set_font_name(style::FONT)
                .set_font_size(style::FONT_SIZE)
                .set_unlocked()
        };
        Formats {
            title: style::title(),
            meta: style::subtitle(),
            meta_label: style::subtitle().set_align(FormatAlign::Right),
            header: style::header(),
            fixed_text: style::text(),
            fixed_centre: style::centred(),
            fixed_date: style::date(),
            not_applicable: style::base().set_background_color(Color::RGB(NOT_APPLICABLE_FILL)),
            input_text: input(style::text()),
            input_centre: input(style::centred()),
            input_number: input(style::base().set_align(FormatAlign::Center)),
            input_date: input(style::date()),
            input_key: input(style::text().set_num_format("@")),
            column_text: column().set_text_wrap(),
            column_number: column(),
            column_date: column().set_num_format("yyyy-mm-dd"),
            column_key: column().set_num_format("@"),
            guide_item: style::centred().set_bold(),
            guide_text: style::text(),
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
    style::print_setup(ws, Some((HEADER_ROW, HEADER_ROW)))?;
    Ok(())
}

/// Turns protection on without a password: input cells stay editable, and
/// the clerk may still resize, select, filter and sort; `rows` also lets
/// them insert and delete rows (ledgers).
pub(super) fn protect(ws: &mut Worksheet, rows: bool) {
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

/// Text cut to `max` UTF-16 units, for Excel's limits on hints.
pub(super) fn clip(text: &str, max: usize) -> String {
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

/// A validation that only shows a hint when the cell is selected.
pub(super) fn hint(
    validation: DataValidation,
    title: &str,
    message: &str,
) -> Result<DataValidation, XlsxError> {
    validation
        .set_input_title(clip(title, TITLE_MAX))?
        .set_input_message(clip(message, MESSAGE_MAX))
}

/// A hint plus the dialog shown when the value is refused.
pub(super) fn refuse(
    validation: DataValidation,
    title: &str,
    message: &str,
) -> Result<DataValidation, XlsxError> {
    validation
        .set_error_title(clip(title, TITLE_MAX))?
        .set_error_message(clip(message, MESSAGE_MAX))
}

/// A date from a year and a day, clamped into Excel's range.
fn excel_date(year: i32, month: u8, day: u8) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(year.clamp(1901, 9998)).unwrap_or(2000);
    ExcelDateTime::from_ymd(year, month, day)
}

/// A plan date as Excel stores it.
pub(super) fn excel_day(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    excel_date(
        date.year(),
        u8::try_from(date.month()).unwrap_or(1),
        u8::try_from(date.day()).unwrap_or(1),
    )
}

/// Dates from the year before the plan to the year after (the prereview
/// ledger keeps last year's rows as the baseline; a typo like 2052 is refused).
pub(super) fn date_validation(ctx: &Context, header: &str) -> Result<DataValidation, XlsxError> {
    let year = ctx.plan.year;
    let rule =
        DataValidationRule::Between(excel_date(year - 1, 1, 1)?, excel_date(year + 1, 12, 31)?);
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

/// Drop-down lists: inline when short enough, else kept on the hidden
/// [`LISTS_SHEET`], one column per list.
#[derive(Default)]
pub(super) struct Lists {
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
            let letter = crate::import::column_letter(u32::from(col));
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

/// How many lines `text` takes in a wrapped column `width` characters wide.
pub(super) fn lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.lines()
        .map(|line| ((style::text_width(line) as f64) / usable).ceil().max(1.0) as usize)
        .sum::<usize>()
        .max(1)
}

/// A row height (points) for `lines` lines of body text.
pub(super) fn height(lines: usize) -> f64 {
    lines as f64 * 14.5 + 6.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_respects_utf16_units() {
        assert_eq!(clip("完成状态", 2), "完成");
        assert_eq!(clip("abc", 10), "abc");
        assert_eq!(clip("", 3), "");
    }

    #[test]
    fn lines_count_wrapping() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("一二三四", 9.0), 1);
        assert_eq!(lines("一二三四五六七八九十", 11.0), 2);
        assert_eq!(lines("一\n二", 10.0), 2);
        assert!(height(3) > height(1));
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
