//! Fill-in workbooks for departments: their tasks and figures pre-filled,
//! drop-downs and input hints, fixed cells protected, ledger sheets.
//!
//! [`render`] builds one department's workbook as bytes (no I/O): a
//! 填报说明 sheet, then 任务进展, 量化指标 and one sheet per ledger the
//! department keeps — each with a title row, a meta row (填报单位, 报送月份,
//! 填报日期 to fill) and one header row of the vocabulary's canonical names,
//! so the importer reads a filled-in template back without complaint.

mod figures;
mod guide;
mod ledgers;
mod sheet;
mod tasks;

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::period::Period;
use crate::plan::{Figure, Plan, Task};
use crate::report::xlsx;

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

/// One department's fill-in workbook for `period`, as `.xlsx` bytes.
/// `department` is a canonical name; sheets with nothing to list are left out.
pub fn render(plan: &Plan, department: &str, period: Period) -> Result<Vec<u8>, XlsxError> {
    let ctx = sheet::Context::new(plan, department, period);
    let tasks: Vec<&Task> = plan.tasks_led_by(department).collect();
    let figures: Vec<&Figure> = plan.figures_owned_by(department).collect();
    let ledger_kinds = plan.ledgers_kept_by(department);
    let mut lists = xlsx::Lists::default();

    let mut wb = Workbook::new();
    wb.push_worksheet(guide::sheet(&ctx, &tasks, &figures, &ledger_kinds)?);
    // The first data sheet carries the workbook's 填报日期.
    let mut filled_date = true;
    if !tasks.is_empty() {
        wb.push_worksheet(tasks::sheet(&ctx, &tasks, &mut lists, filled_date)?);
        filled_date = false;
    }
    if !figures.is_empty() {
        wb.push_worksheet(figures::sheet(&ctx, &figures, filled_date)?);
        filled_date = false;
    }
    for kind in ledger_kinds {
        wb.push_worksheet(ledgers::sheet(&ctx, kind, &mut lists, filled_date)?);
        filled_date = false;
    }
    if let Some(ws) = lists.into_sheet()? {
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
            let a = render(&plan, &d.name, p).unwrap();
            assert_eq!(&a[..2], b"PK");
            assert_eq!(a, render(&plan, &d.name, p).unwrap(), "{}", d.name);
        }
    }
}
