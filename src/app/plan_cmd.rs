//! `workplan plan`: the plan as a table or JSON, and the 任务分解表 workbook;
//! `plan --draft`: a plan workbook drafted from the year's notice.

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

/// `workplan plan --draft NOTICE`: reads the notice (.docx or text), drafts
/// the plan with the current plan as reference (its departments and what the
/// notice does not say), writes the plan workbook with each row's source and
/// 待确认 marks, and prints what needs a look.
pub(super) fn draft_plan(
    notice: &Path,
    output: Option<&Path>,
    arg: &PlanArg,
) -> Result<Outcome, AppError> {
    let reference = load_plan(arg)?;
    let text = crate::import::read::document_text(notice).map_err(|e| AppError::Unreadable {
        what: "通知",
        path: notice.to_path_buf(),
        reason: e.reason().to_string(),
    })?;
    let draft = crate::import::notice::draft(&text, Some(&reference));
    let out = match output {
        Some(o) => o.to_path_buf(),
        None => notice.with_file_name(format!("{}年工作要点计划（草稿）.xlsx", draft.plan.year)),
    };
    let bytes = crate::report::plan::book::render(&draft.plan, &draft.notes())
        .map_err(|e| AppError::render(format!("计划工作簿 `{}`", out.display()), e))?;
    write_atomically(&out, &bytes)?;
    print_stdout(&crate::report::plan::drafted(&draft, &out))?;
    Ok(Outcome::Clean)
}
