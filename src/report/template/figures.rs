//! The 量化指标 sheet: one row per indicator or milestone the department
//! owns, its target shown and locked; only the value cells that mean
//! something for the figure's kind are open, each with a hint.

use rust_xlsxwriter::{DataValidation, Worksheet, XlsxError};

use super::sheet::{
    self, Context, FIRST_DATA_ROW, Frame, HEADER_ROW, amount_validation, date_validation,
    text_cell, write_cell,
};
use crate::import::SheetKind;
use crate::import::vocab::{FIGURE_COLUMNS, Field};
use crate::plan::{Figure, FigureKind};
use crate::report::xlsx::{self, Cell, hint};
use crate::summarise::fill::{FigureFill, Spot};

/// Whether a value column applies to a figure of this kind.
fn applies(field: Field, kind: FigureKind) -> bool {
    match field {
        Field::MonthValue => matches!(
            kind,
            FigureKind::Cumulative | FigureKind::Count | FigureKind::Growth
        ),
        Field::Cumulative => kind != FigureKind::Date,
        Field::LastYear => kind == FigureKind::Growth,
        Field::DoneDate => kind == FigureKind::Date,
        _ => true,
    }
}

/// The hint of a value cell: what to enter for this figure.
fn value_hint(ctx: &Context, field: Field, figure: &Figure) -> String {
    let m = ctx.period.month;
    let unit = if figure.unit.is_empty() || figure.kind == FigureKind::Growth {
        String::new()
    } else if figure.unit == "%" {
        "（填数字，如 56.3 表示56.3%，不带%号）".to_string()
    } else {
        format!("，单位：{}", figure.unit)
    };
    let ledger = figure
        .ledger
        .map(|l| {
            format!(
                "已报送{}的，系统按台账计算，本栏可不填；填写的将与台账核对。",
                l.ledger.title()
            )
        })
        .unwrap_or_default();
    match (field, figure.kind) {
        (Field::MonthValue, FigureKind::Growth) => {
            format!("填{m}月当月的数量（不是增长率）。")
        }
        (Field::MonthValue, _) => format!("填{m}月当月的数量{unit}。"),
        (Field::Cumulative, FigureKind::Level) => {
            format!("填截至{}的最新数值{unit}。{ledger}", ctx.example_date())
        }
        (Field::Cumulative, FigureKind::Growth) => format!(
            "填本年1月至{m}月的累计数量（不是增长率），增长率由系统按上年同期计算。{ledger}"
        ),
        (Field::Cumulative, _) => format!("填本年1月至{m}月的累计数{unit}。{ledger}"),
        (Field::LastYear, _) => {
            format!("填上年1月至{m}月的累计数量，用于计算同比增长率。")
        }
        _ => String::new(),
    }
}

/// The column width of each figure column.
fn width(field: Field, name: &str, figures: &[&Figure], targets: &[String]) -> f64 {
    match field {
        Field::FigureId => xlsx::fit_width([name], 8.0, 10.0),
        Field::FigureName => xlsx::fit_width(figures.iter().map(|f| f.name.as_str()), 16.0, 34.0),
        Field::Unit => xlsx::fit_width(
            figures.iter().map(|f| f.unit.as_str()).chain([name]),
            6.0,
            10.0,
        ),
        Field::Target => xlsx::fit_width(targets.iter().map(String::as_str), 10.0, 18.0),
        Field::DoneDate => 13.0,
        Field::Note => 18.0,
        _ => xlsx::fit_width([name], 11.0, 14.0),
    }
}

/// Builds the sheet; `filled_date` puts the workbook's 填报日期 input on it.
pub(super) fn sheet(
    ctx: &Context,
    figures: &[&Figure],
    filled_date: bool,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SheetKind::Figures.title())?;
    let title = format!("{}量化指标完成情况表", ctx.plan.name);
    let frame = Frame {
        title: &title,
        columns: FIGURE_COLUMNS,
        filled_date,
    };
    sheet::write_frame(&mut ws, ctx, &frame, 2)?;

    let f = &ctx.f;
    let targets: Vec<String> = figures.iter().map(|fig| fig.target_text()).collect();
    let mut row_lines = vec![2; figures.len()];
    let empty = FigureFill::default();
    for (c, column) in FIGURE_COLUMNS.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        let w = width(column.field, column.name, figures, &targets);
        ws.set_column_width(c, w)?;
        for (i, figure) in figures.iter().enumerate() {
            let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(0);
            let spot = Spot::Figure(figure.id.clone(), column.field);
            if !applies(column.field, figure.kind) {
                write_cell(&mut ws, ctx, (r, c), &Cell::Empty, &f.not_applicable, &spot)?;
                continue;
            }
            let sent = ctx
                .fill
                .and_then(|fill| fill.figure(&figure.id))
                .unwrap_or(&empty);
            let (cell, format) = match column.field {
                Field::FigureId => (Cell::centre(&figure.id), &f.fixed_centre),
                Field::FigureName => {
                    row_lines[i] = row_lines[i].max(xlsx::lines_in(&figure.name, w));
                    (Cell::text(&figure.name), &f.fixed_text)
                }
                Field::Unit => (Cell::centre(&figure.unit), &f.fixed_centre),
                Field::Target => (Cell::centre(&targets[i]), &f.fixed_centre),
                Field::MonthValue | Field::Cumulative | Field::LastYear => {
                    let v = amount_validation(column.name, &value_hint(ctx, column.field, figure))?;
                    ws.add_data_validation(r, c, r, c, &v)?;
                    let value = match column.field {
                        Field::MonthValue => sent.month_value,
                        Field::Cumulative => sent.cumulative,
                        _ => sent.last_year,
                    };
                    (Cell::num(value), &f.input_number)
                }
                Field::DoneDate => {
                    let v = hint(
                        date_validation(ctx, column.name)?,
                        column.name,
                        &format!(
                            "完成后填实际完成日期，如 {}；未完成留空。计划{}。",
                            ctx.example_date(),
                            targets[i]
                        ),
                    )?;
                    ws.add_data_validation(r, c, r, c, &v)?;
                    (Cell::date(sent.done), &f.input_date)
                }
                Field::Note => {
                    row_lines[i] = row_lines[i].max(xlsx::lines_in(&sent.note, w));
                    (text_cell(&sent.note), &f.input_text)
                }
                _ => (Cell::Empty, &f.input_text),
            };
            write_cell(&mut ws, ctx, (r, c), &cell, format, &spot)?;
        }
    }
    // A hint on 上年同期's header says whom it concerns.
    if let Some(c) = FIGURE_COLUMNS
        .iter()
        .position(|c| c.field == Field::LastYear)
    {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        let v = hint(
            DataValidation::new().allow_any_value(),
            FIGURE_COLUMNS[usize::from(c)].name,
            "仅增长率指标填写（灰色单元格不用填）。",
        )?;
        ws.add_data_validation(HEADER_ROW, c, HEADER_ROW, c, &v)?;
    }

    for (i, lines) in row_lines.iter().enumerate() {
        let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(0);
        ws.set_row_height(r, xlsx::height(*lines))?;
    }
    let n = u32::try_from(figures.len()).unwrap_or(0);
    let last_row = FIRST_DATA_ROW + n.max(1) - 1;
    let last_col = u16::try_from(FIGURE_COLUMNS.len().saturating_sub(1)).unwrap_or(0);
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    xlsx::protect(&mut ws, false);
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan;

    #[test]
    fn hints_say_what_to_enter() {
        let plan = plan::load_default().unwrap();
        let ctx = Context::new(
            &plan,
            "监管与预警处",
            crate::period::Period::new(2025, 3).unwrap(),
        );
        let h = |field, id: &str| value_hint(&ctx, field, plan.figure(id).unwrap());
        assert!(h(Field::Cumulative, "I2").contains("1月至3月"));
        assert!(h(Field::Cumulative, "I2").contains("作品登记台账"));
        assert!(h(Field::Cumulative, "I1").contains("2025-03-31"));
        assert!(h(Field::Cumulative, "I3").contains("不带%号"));
        assert!(h(Field::Cumulative, "I7").contains("不是增长率"));
        assert!(h(Field::LastYear, "I7").contains("上年1月至3月"));
        for id in ["I1", "I2", "I7", "I9", "24.1"] {
            for field in [Field::MonthValue, Field::Cumulative, Field::LastYear] {
                assert!(h(field, id).encode_utf16().count() <= 255, "{id}");
            }
        }
    }

    #[test]
    fn last_year_only_for_growth_and_done_date_only_for_dated() {
        assert!(applies(Field::LastYear, FigureKind::Growth));
        assert!(!applies(Field::LastYear, FigureKind::Cumulative));
        assert!(applies(Field::DoneDate, FigureKind::Date));
        assert!(!applies(Field::Cumulative, FigureKind::Date));
        assert!(!applies(Field::MonthValue, FigureKind::Level));
        assert!(applies(Field::Cumulative, FigureKind::Level));
    }
}
