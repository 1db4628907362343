//! The 任务进展 sheet: one row per task the department leads, the plan's
//! columns pre-filled and locked, the progress columns left to fill.

use chrono::NaiveDate;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Worksheet, XlsxError};

use super::sheet::{self, Context, FIRST_DATA_ROW, Frame, HEADER_ROW, date_validation};
use crate::import::SheetKind;
use crate::import::Status;
use crate::import::vocab::{Field, TASK_COLUMNS};
use crate::plan::{Plan, Task};
use crate::report::xlsx::{self, Lists, hint, refuse};

/// Least height of a task row: room to write a few lines of progress.
const MIN_LINES: usize = 4;

/// The planned completion date of a task: the end of the plan year. An annual
/// plan's tasks run all year; their dated commitments are milestones with
/// their own due dates (on the 量化指标 sheet), so a task is not overdue in
/// April because one of its milestones was due in March.
pub(super) fn planned(plan: &Plan, _task: &Task) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(plan.year, 12, 31)
}

/// The column width of each task column, fitted to what it will hold.
fn width(field: Field, name: &str, tasks: &[&Task]) -> f64 {
    match field {
        Field::TaskId => xlsx::fit_width([name], 6.0, 10.0),
        Field::TaskTitle => xlsx::fit_width(tasks.iter().map(|t| t.title.as_str()), 16.0, 30.0),
        Field::Leads => {
            let leads: Vec<String> = tasks.iter().map(|t| t.leads.join("、")).collect();
            xlsx::fit_width(leads.iter().map(String::as_str), 10.0, 14.0)
        }
        Field::Status => xlsx::fit_width([name], 10.0, 12.0),
        Field::Progress => 10.0,
        Field::ProgressText => 40.0,
        Field::Planned | Field::Actual => 13.0,
        Field::Problems | Field::NextSteps => 20.0,
        _ => xlsx::fit_width([name], 8.0, 12.0),
    }
}

/// Builds the sheet; `filled_date` puts the workbook's 填报日期 input on it.
pub(super) fn sheet(
    ctx: &Context,
    tasks: &[&Task],
    lists: &mut Lists,
    filled_date: bool,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SheetKind::Tasks.title())?;
    let title = format!("{}推进情况表", ctx.plan.name);
    let frame = Frame {
        title: &title,
        columns: TASK_COLUMNS,
        filled_date,
    };
    sheet::write_frame(&mut ws, ctx, &frame, 2)?;

    let n = u32::try_from(tasks.len()).unwrap_or(0);
    let last_row = FIRST_DATA_ROW + n.max(1) - 1;
    let f = &ctx.f;
    let mut row_lines = vec![MIN_LINES; tasks.len()];

    for (c, column) in TASK_COLUMNS.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        let w = width(column.field, column.name, tasks);
        ws.set_column_width(c, w)?;

        for (i, task) in tasks.iter().enumerate() {
            let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(0);
            match column.field {
                Field::TaskId => {
                    ws.write_number_with_format(r, c, f64::from(task.id), &f.fixed_centre)?;
                }
                Field::TaskTitle => {
                    ws.write_string_with_format(r, c, &task.title, &f.fixed_text)?;
                    row_lines[i] = row_lines[i].max(xlsx::lines_in(&task.title, w));
                }
                Field::Leads => {
                    let leads = task.leads.join("、");
                    ws.write_string_with_format(r, c, &leads, &f.fixed_centre)?;
                    row_lines[i] = row_lines[i].max(xlsx::lines_in(&leads, w));
                }
                Field::Planned => match planned(ctx.plan, task) {
                    Some(due) => {
                        let date = xlsx::excel_date(due);
                        ws.write_datetime_with_format(r, c, &date, &f.fixed_date)?;
                    }
                    None => {
                        ws.write_blank(r, c, &f.input_date)?;
                    }
                },
                Field::Status => {
                    ws.write_blank(r, c, &f.input_centre)?;
                }
                Field::Progress => {
                    ws.write_blank(r, c, &f.input_number)?;
                }
                Field::Actual => {
                    ws.write_blank(r, c, &f.input_date)?;
                }
                _ => {
                    ws.write_blank(r, c, &f.input_text)?;
                }
            }
        }

        if tasks.is_empty() {
            continue;
        }
        let validation = match column.field {
            Field::Status => {
                let words: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                Some(lists.validation(column.name, &words)?)
            }
            Field::Progress => {
                let v = DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(0.0, 100.0));
                let v = hint(
                    v,
                    column.name,
                    "填写0–100之间的数字，如 60 表示完成60%（不带%号）。已完成填 100。",
                )?;
                Some(refuse(
                    v,
                    "完成进度应在0–100之间",
                    "请填写0–100之间的数字，如 60。",
                )?)
            }
            Field::Planned | Field::Actual => Some(date_validation(ctx, column.name)?),
            Field::ProgressText => Some(hint(
                DataValidation::new().allow_any_value(),
                column.name,
                "写明本月做了哪些工作、取得什么成效（事项、数量、时间），不要照抄上月内容。",
            )?),
            Field::Problems => Some(hint(
                DataValidation::new().allow_any_value(),
                column.name,
                "状态为“滞后”的，请写明原因。没有可留空。",
            )?),
            _ => None,
        };
        if let Some(v) = validation {
            ws.add_data_validation(FIRST_DATA_ROW, c, last_row, c, &v)?;
        }
    }

    for (i, lines) in row_lines.iter().enumerate() {
        let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(0);
        ws.set_row_height(r, xlsx::height(*lines))?;
    }
    let last_col = u16::try_from(TASK_COLUMNS.len().saturating_sub(1)).unwrap_or(0);
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    xlsx::protect(&mut ws, false);
    Ok(ws)
}
