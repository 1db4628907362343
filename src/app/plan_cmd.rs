//! `workplan plan`: the plan as a table or JSON, and the 任务分解表 workbook.

use std::path::Path;

use super::{AppError, Outcome, load_plan, print_stdout, write_atomically};
use crate::cli::PlanArg;

/// `workplan plan`: print the plan, as a table or JSON; optionally write the
/// 任务分解表 workbook (written first, so a failed write prints nothing).
pub(super) fn show_plan(
    json: bool,
    output: Option<&Path>,
    arg: &PlanArg,
) -> Result<Outcome, AppError> {
    let plan = load_plan(arg)?;
    let text = if json {
        let mut text =
            crate::report::plan::json(&plan).map_err(|e| AppError::render("计划的 JSON", e))?;
        text.push('\n');
        text
    } else {
        crate::report::plan::table(&plan)
    };
    if let Some(path) = output {
        let bytes = crate::report::plan::book::render(&plan, &crate::plan::book::Notes::new())
            .map_err(|e| AppError::render(format!("任务分解表 `{}`", path.display()), e))?;
        write_atomically(path, &bytes)?;
    }
    print_stdout(&text)?;
    if let Some(path) = output {
        // Keep stdout pure JSON for machines.
        if json {
            eprintln!("任务分解表已写入 {}", path.display());
        } else {
            print_stdout(&format!("\n任务分解表已写入 {}\n", path.display()))?;
        }
    }
    Ok(Outcome::Clean)
}
