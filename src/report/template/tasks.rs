//! The 任务进展 sheet: one row per task the department leads, the plan's
//! columns pre-filled and locked, the progress columns left to fill (or
//! pre-filled from a [`Fill`](crate::summarise::fill::Fill)); carried
//! forward, last month's 本月进展 and 存在问题 follow in grey reference
//! columns the importer reads past.

use chrono::NaiveDate;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Worksheet, XlsxError};

use super::sheet::{
    self, Context, FIRST_DATA_ROW, Frame, HEADER_ROW, date_validation, text_cell, write_cell,
};
use crate::import::SheetKind;
use crate::import::Status;
use crate::import::vocab::{Column, Field, TASK_COLUMNS, TASK_REFERENCE_COLUMNS};
use crate::plan::{Plan, Task};
use crate::report::xlsx::{self, Cell, Lists, hint, refuse};
use crate::summarise::fill::{Spot, TaskFill};

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
        Field::LastProgressText => 36.0,
        Field::LastProblems => 20.0,
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
    let references = ctx.fill.is_some_and(|f| f.references);
    let reference: &[Column] = if references {
        TASK_REFERENCE_COLUMNS
    } else {
        &[]
    };
    let columns: Vec<Column> = TASK_COLUMNS.iter().chain(reference).copied().collect();
    let frame = Frame {
        title: &title,
        columns: &columns,
        filled_date,
    };
    sheet::write_frame(&mut ws, ctx, &frame, 2)?;

    let n = u32::try_from(tasks.len()).unwrap_or(0);
    let last_row = FIRST_DATA_ROW + n.max(1) - 1;
    let f = &ctx.f;
    let mut row_lines = vec![MIN_LINES; tasks.len()];
    let empty = TaskFill::default();

    for (c, column) in columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        let w = width(column.field, column.name, tasks);
        ws.set_column_width(c, w)?;

        for (i, task) in tasks.iter().enumerate() {
            let r = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(0);
            let sent = ctx
                .fill
                .and_then(|fill| fill.task(task.id))
                .unwrap_or(&empty);
            let plan_due = planned(ctx.plan, task);
            let (cell, format) = match column.field {
                Field::TaskId => (Cell::Num(f64::from(task.id)), &f.fixed_centre),
                Field::TaskTitle => (Cell::text(&task.title), &f.fixed_text),
                Field::Leads => (Cell::text(task.leads.join("、")), &f.fixed_centre),
                // The plan's date is fixed; a date of the department's own
                // (sent last month, or this month) stays open to change.
                Field::Planned => match sent.planned.or(plan_due) {
                    Some(due) if Some(due) == plan_due => (Cell::Date(due), &f.fixed_date),
                    due => (Cell::date(due), &f.input_date),
                },
                Field::Status => (
                    sent.status
                        .map_or(Cell::Empty, |s| Cell::centre(s.as_str())),
                    &f.input_centre,
                ),
                Field::Progress => (Cell::num(sent.progress), &f.input_number),
                Field::Actual => (Cell::date(sent.actual), &f.input_date),
                Field::ProgressText => (text_cell(&sent.text), &f.input_text),
                Field::Problems => (text_cell(&sent.problems), &f.input_text),
                Field::NextSteps => (text_cell(&sent.next_steps), &f.input_text),
                Field::Note => (text_cell(&sent.note), &f.input_text),
                Field::LastProgressText => (text_cell(&sent.last_text), &f.reference),
                Field::LastProblems => (text_cell(&sent.last_problems), &f.reference),
                _ => (Cell::Empty, &f.input_text),
            };
            if let Cell::Text(s) | Cell::Centre(s) = &cell {
                row_lines[i] = row_lines[i].max(xlsx::lines_in(s, w));
            }
            let spot = Spot::Task(task.id, column.field);
            write_cell(&mut ws, ctx, (r, c), &cell, format, &spot)?;
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
            Field::LastProgressText | Field::LastProblems => Some(hint(
                DataValidation::new().allow_any_value(),
                column.name,
                "上月报送的内容，仅供参考，不用填写（汇总时不读取本列）。",
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
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    xlsx::protect(&mut ws, false);
    Ok(ws)
}
