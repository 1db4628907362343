//! Fill-in workbooks for departments: their tasks and figures pre-filled,
//! drop-downs and input hints, fixed cells protected, ledger sheets.
//!
//! [`render`] builds one department's workbook as bytes (no I/O): a
//! 填报说明 sheet, then 任务进展, 量化指标 and one sheet per ledger the
//! department keeps — each with a title row, a meta row (填报单位, 报送月份,
//! 填报日期 to fill) and one header row of the vocabulary's canonical names,
//! so the importer reads a filled-in template back without complaint.
//!
//! A [`Fill`] pre-fills it: with what the department sent, each flagged cell
//! marked (a workbook returned for correction, `report::feedback`), or with
//! last month's state and, in reference columns, last month's texts (next
//! month's template carried forward). Without one, every input is blank.

mod figures;
mod guide;
mod ledgers;
mod sheet;
mod tasks;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use crate::flag::CellRef;
use crate::import::vocab::{self, FIGURE_COLUMNS, TASK_COLUMNS, TASK_REFERENCE_COLUMNS};
use crate::import::{SheetKind, column_letter};
use crate::period::Period;
use crate::plan::{Figure, Plan, Task};
use crate::report::xlsx;
use crate::summarise::fill::{Fill, Spot};

pub use guide::SHEET as GUIDE_SHEET;
pub use ledgers::EMPTY_ROWS as LEDGER_EMPTY_ROWS;

/// The file name a clerk recognises, e.g. `2025年3月_保护处_工作要点推进情况表.xlsx`.
/// Characters that file systems refuse are replaced by `_`.
pub fn file_name(department: &str, period: Period) -> String {
    let safe: String = department
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    format!("{}_{}_工作要点推进情况表.xlsx", period.label(), safe)
}

/// One department's fill-in workbook for `period`, as `.xlsx` bytes,
/// pre-filled by `fill` when given. `department` is a canonical name; sheets
/// with nothing to list are left out.
pub fn render(
    plan: &Plan,
    department: &str,
    period: Period,
    fill: Option<&Fill>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for ws in sheets(plan, department, period, fill)? {
        wb.push_worksheet(ws);
    }
    let title = format!(
        "{}推进情况表（{}，{}）",
        plan.name,
        department,
        period.label()
    );
    xlsx::pin_properties(&mut wb, &title, &plan.bureau)?;
    wb.save_to_buffer()
}

/// The sheets of a department's fill-in workbook, in order: what [`render`]
/// writes, for a workbook that puts a sheet of its own before them.
pub fn sheets(
    plan: &Plan,
    department: &str,
    period: Period,
    fill: Option<&Fill>,
) -> Result<Vec<Worksheet>, XlsxError> {
    let ctx = sheet::Context::new(plan, department, period).with_fill(fill);
    let tasks: Vec<&Task> = plan.tasks_led_by(department).collect();
    let figures: Vec<&Figure> = plan.figures_owned_by(department).collect();
    let ledger_kinds = plan.ledgers_kept_by(department);
    let mut lists = xlsx::Lists::default();

    let mut out = vec![guide::sheet(&ctx, &tasks, &figures, &ledger_kinds)?];
    // The first data sheet carries the workbook's 填报日期.
    let mut filled_date = true;
    if !tasks.is_empty() {
        out.push(tasks::sheet(&ctx, &tasks, &mut lists, filled_date)?);
        filled_date = false;
    }
    if !figures.is_empty() {
        out.push(figures::sheet(&ctx, &figures, filled_date)?);
        filled_date = false;
    }
    for kind in ledger_kinds {
        out.push(ledgers::sheet(&ctx, kind, &mut lists, filled_date)?);
        filled_date = false;
    }
    if let Some(ws) = lists.into_sheet()? {
        out.push(ws);
    }
    Ok(out)
}

/// Where `spot` sits in the department's workbook: its sheet, row and
/// column as Excel shows them; `None` when the workbook has no such row
/// (a task the department does not lead) or column.
pub fn locate(plan: &Plan, department: &str, spot: &Spot) -> Option<CellRef> {
    let (kind, index, field) = match spot {
        Spot::Task(id, field) => (
            SheetKind::Tasks,
            plan.tasks_led_by(department).position(|t| t.id == *id)?,
            *field,
        ),
        Spot::Figure(id, field) => (
            SheetKind::Figures,
            plan.figures_owned_by(department)
                .position(|f| f.id == *id)?,
            *field,
        ),
        Spot::Ledger(kind, i, field) => {
            if !plan.ledgers_kept_by(department).contains(kind) {
                return None;
            }
            (SheetKind::Ledger(*kind), *i, *field)
        }
    };
    let columns: Vec<&vocab::Column> = match kind {
        SheetKind::Tasks => TASK_COLUMNS.iter().chain(TASK_REFERENCE_COLUMNS).collect(),
        SheetKind::Figures => FIGURE_COLUMNS.iter().collect(),
        kind => vocab::columns(kind).iter().collect(),
    };
    let col = columns.iter().position(|c| c.field == field)?;
    Some(CellRef {
        sheet: kind.title().to_string(),
        row: sheet::FIRST_DATA_ROW + 1 + u32::try_from(index).ok()?,
        column: column_letter(u32::try_from(col).ok()?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan;

    #[test]
    fn file_names_carry_month_and_department() {
        let p = Period::new(2025, 3).unwrap();
        assert_eq!(
            file_name("保护处", p),
            "2025年3月_保护处_工作要点推进情况表.xlsx"
        );
        assert_eq!(file_name("a/b", p), "2025年3月_a_b_工作要点推进情况表.xlsx");
    }

    #[test]
    fn spots_are_located_where_the_sheets_put_them() {
        let plan = plan::load_default().unwrap();
        let at = |spot: Spot| {
            locate(&plan, "保护处", &spot).map(|c| format!("{} {}{}", c.sheet, c.column, c.row))
        };
        let first = plan.tasks_led_by("保护处").next().unwrap().id;
        assert_eq!(
            at(Spot::Task(first, vocab::Field::Status)).as_deref(),
            Some("任务进展 D4")
        );
        assert_eq!(
            at(Spot::Figure("I4".into(), vocab::Field::Cumulative)).as_deref(),
            Some("量化指标 F4")
        );
        assert_eq!(
            at(Spot::Ledger(
                crate::plan::LedgerKind::Mediation,
                2,
                vocab::Field::Closed
            ))
            .as_deref(),
            Some("纠纷调解台账 E6")
        );
        assert_eq!(
            at(Spot::Task(1, vocab::Field::Status)),
            None,
            "not its task"
        );
    }

    #[test]
    fn planned_date_is_the_plan_year_end() {
        let plan = plan::load_default().unwrap();
        let due = |id| plan.task(id).and_then(|t| tasks::planned(&plan, t));
        assert_eq!(due(2).map(|d| d.to_string()).as_deref(), Some("2025-12-31"));
        assert_eq!(due(3).map(|d| d.to_string()).as_deref(), Some("2025-12-31"));
    }

    #[test]
    fn renders_every_department_deterministically() {
        let plan = plan::load_default().unwrap();
        let p = Period::new(2025, 3).unwrap();
        for d in &plan.departments {
            let a = render(&plan, &d.name, p, None).unwrap();
            assert_eq!(&a[..2], b"PK");
            assert_eq!(a, render(&plan, &d.name, p, None).unwrap(), "{}", d.name);
        }
    }
}
