//! `workplan check`: a department's self-check of its own files, and the
//! list of findings a clerk reads.

use std::path::{Path, PathBuf};

use super::{
    AppError, Outcome, in_plan_year, json_bytes, load_plan, print_stdout, write_atomically,
};
use crate::check::Scope;
use crate::cli::PlanArg;
use crate::flag::{Code, Flag, Severity};
use crate::import::discover::Found;
use crate::import::{self, FileStatus, Intake, SheetKind};
use crate::period::Period;
use crate::pipeline;
use crate::plan::Plan;
use crate::report;
use crate::summarise::Summary;

/// `workplan check`: a department's self-check of its own files, with the
/// same reading and checks as the merge, less those about the whole month.
pub(super) fn check(
    files: &[PathBuf],
    period: Option<Period>,
    json: Option<&Path>,
    arg: &PlanArg,
) -> Result<Outcome, AppError> {
    let plan = load_plan(arg)?;
    if let Some(p) = period {
        in_plan_year(&plan, p)?;
    }
    for f in files {
        if !f.exists() {
            return Err(AppError::FileNotFound(f.clone()));
        }
    }
    let cwd = std::env::current_dir().map_err(AppError::CurrentDir)?;
    let found = import::discover::discover(files, &cwd);
    let SelfCheck {
        summary,
        departments,
        guessed,
    } = self_check(&plan, period, &found);
    if let Some(path) = json {
        let value = report::json(&summary.scoped_to(&departments));
        write_atomically(path, &json_bytes(&value)?)?;
    }
    print_stdout(&render_check(&summary, &departments, guessed))?;
    let errors = summary
        .flags
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count();
    Ok(if errors > 0 {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}

/// What a self-check found.
struct SelfCheck {
    summary: Summary,
    /// The departments whose files were read, sorted.
    departments: Vec<String>,
    /// Whether the month is a guess (no --period, and the files name none).
    guessed: bool,
}

/// Reads the found files and runs the checks that concern their departments.
fn self_check(plan: &Plan, period: Option<Period>, found: &[Found]) -> SelfCheck {
    let intake = import::intake(plan, period, found);
    let stated = stated_period(&intake).filter(|p| p.year == plan.year);
    let (period, guessed) = match period.or(stated) {
        Some(p) => (p, false),
        None => (default_period(plan), true),
    };
    // Only files that were read speak for a department: a lock file or an
    // unreadable file named after it would otherwise draw every missing-task
    // and overdue flag of the department onto a file that holds nothing.
    let mut departments: Vec<String> = intake
        .submissions
        .iter()
        .filter(|s| s.status == FileStatus::Accepted)
        .filter_map(|s| s.department.clone())
        .collect();
    departments.sort();
    departments.dedup();
    let scope = Scope::Departments(departments.clone());
    let summary = pipeline::run(plan, period, intake, &[], &scope);
    SelfCheck {
        summary,
        departments,
        guessed,
    }
}

/// The month the files say they report, when they agree on one: the
/// 报送月份 (or title) of the files read, else a month in their names
/// (`保护处2025年3月工作推进情况.xlsx`).
fn stated_period(intake: &Intake) -> Option<Period> {
    let read = || {
        intake
            .submissions
            .iter()
            .filter(|s| s.status == FileStatus::Accepted)
    };
    agreed(read().filter_map(|s| s.period))
        .or_else(|| agreed(read().filter_map(|s| month_in_name(&s.file))))
}

/// The one month all of `stated` name, if they name one.
fn agreed(mut stated: impl Iterator<Item = Period>) -> Option<Period> {
    let first = stated.next()?;
    stated.all(|p| p == first).then_some(first)
}

/// A `YYYY年M月` in a file's name (not its folders).
fn month_in_name(file: &str) -> Option<Period> {
    let name = file.rsplit('/').next().unwrap_or(file);
    import::value::month_in(name)
}

/// Last month, kept inside the plan year.
fn default_period(plan: &Plan) -> Period {
    let last = Period::of(chrono::Local::now().date_naive()).prev();
    if last.year > plan.year {
        Period {
            year: plan.year,
            month: 12,
        }
    } else if last.year < plan.year {
        Period {
            year: plan.year,
            month: 1,
        }
    } else {
        last
    }
}

/// The check's findings as a clerk reads them: grouped by file, each with
/// where it is and what to do.
fn render_check(summary: &Summary, departments: &[String], guessed: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    // Whose check it is: the departments read, else those the names of the
    // files tried name (an unreadable file still says whose it is; a file
    // passed over, such as Excel's lock file, does not).
    let mut named: Vec<&str> = departments.iter().map(String::as_str).collect();
    if named.is_empty() {
        named = summary
            .inputs
            .iter()
            .filter(|i| i.status != FileStatus::Ignored)
            .filter_map(|i| i.department.as_deref())
            .collect();
        named.sort_unstable();
        named.dedup();
    }
    let _ = writeln!(
        out,
        "{} 自查结果（报送月份 {}）",
        if named.is_empty() {
            "未识别部门".to_string()
        } else {
            named.join("、")
        },
        summary.period.label(),
    );
    let read = summary
        .inputs
        .iter()
        .any(|i| i.status == FileStatus::Accepted);
    if guessed && read {
        let _ = writeln!(
            out,
            "文件未写明报送月份，暂按{}检查。如不是这个月，请在表格上方填写“报送月份：{}”这样的一行，或运行时加上 --period {}（改为实际月份）。",
            summary.period.label(),
            summary.period.label(),
            summary.period
        );
    }
    for input in &summary.inputs {
        let _ = writeln!(out);
        let who = input.department.as_deref().unwrap_or("部门未识别");
        let _ = writeln!(out, "文件：{}（{who}）", input.file);
        match input.status {
            FileStatus::Ignored => {
                let _ = writeln!(
                    out,
                    "  已跳过：{}",
                    input.reason.as_deref().unwrap_or("不是报送文件")
                );
                continue;
            }
            FileStatus::Unreadable | FileStatus::Accepted => {}
        }
        for sheet in &input.sheets {
            if sheet.kind == SheetKind::Other {
                continue;
            }
            let _ = writeln!(
                out,
                "  工作表「{}」：{}，读取 {} 行，采纳 {}，拒收 {}，跳过 {}",
                sheet.name,
                sheet.kind.title(),
                sheet.rows_read,
                sheet.accepted,
                sheet.rejected,
                sheet.skipped
            );
        }
        let mine: Vec<&Flag> = summary
            .flags
            .iter()
            .filter(|f| f.file.as_deref() == Some(input.file.as_str()))
            .collect();
        if mine.is_empty() {
            let _ = writeln!(out, "  未发现问题。");
        }
        for f in mine {
            let _ = writeln!(out, "  {}", flag_line(f, false));
        }
    }
    let elsewhere: Vec<&Flag> = summary
        .flags
        .iter()
        .filter(|f| {
            f.file
                .as_deref()
                .is_none_or(|file| !summary.inputs.iter().any(|i| i.file == file))
        })
        .collect();
    if !elsewhere.is_empty() {
        let _ = writeln!(out, "\n本月整体：");
        for f in elsewhere {
            let _ = writeln!(out, "  {}", flag_line(f, true));
        }
    }
    let count = |s| summary.flags.iter().filter(|f| f.severity() == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let _ = writeln!(out);
    // A department that keeps its ledger in a separate workbook checks one
    // file and is told its tasks are missing: say how to check them together.
    let missing = summary
        .flags
        .iter()
        .any(|f| matches!(f.code, Code::MissingTask | Code::MissingIndicator));
    if missing && read {
        let _ = writeln!(
            out,
            "提示：如果本处室的报送分在几个文件里（如推进情况表和台账），请把这些文件一起自查：workplan check 文件1 文件2 …"
        );
    }
    if !read {
        let _ = writeln!(
            out,
            "没有读到可以报送的表格：请按上面的说明处理后，对要报送的文件（Excel、WPS 表格或含表格的 Word 文档）重新自查。"
        );
    } else if e == 0 {
        let _ = writeln!(
            out,
            "没有发现错误（警告 {w} 条、提示 {i} 条），可以报送；警告请核实后再报。"
        );
    } else {
        let _ = writeln!(
            out,
            "发现错误 {e} 条、警告 {w} 条、提示 {i} 条：请按提示修改错误后再报送。"
        );
    }
    out
}

/// One flag on one line: `[错误] 工作表「任务进展」E7：…（CODE）`.
fn flag_line(f: &Flag, with_file: bool) -> String {
    let mut place = String::new();
    if with_file && let Some(file) = &f.file {
        place.push_str(file);
        place.push(' ');
    }
    if let Some(sheet) = &f.sheet {
        place.push_str(&format!("工作表「{sheet}」"));
    }
    match (&f.column, f.row) {
        (Some(c), Some(r)) => place.push_str(&format!("{c}{r}")),
        (None, Some(r)) => place.push_str(&format!("第{r}行")),
        _ => {}
    }
    let sep = if place.is_empty() { "" } else { "：" };
    format!(
        "[{}] {place}{sep}{}（{}）",
        f.severity().as_chinese(),
        f.message,
        f.code.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan;

    fn found(path: &Path, file: &str, ignored: Option<&str>) -> Found {
        Found {
            path: path.to_path_buf(),
            file: file.to_string(),
            ignored: ignored.map(str::to_string),
        }
    }

    #[test]
    fn a_month_in_the_file_name_is_the_period_when_the_cells_name_none() {
        assert_eq!(
            month_in_name("2025-06/保护处2025年3月工作推进情况.xlsx"),
            Period::new(2025, 3)
        );
        // Folder names are not file names.
        assert_eq!(month_in_name("2025年4月/保护处.xlsx"), None);
        assert_eq!(
            agreed([Period::new(2025, 3)].into_iter().flatten()),
            Period::new(2025, 3)
        );
        assert_eq!(
            agreed(
                [Period::new(2025, 3), Period::new(2025, 4)]
                    .into_iter()
                    .flatten()
            ),
            None
        );
    }

    #[test]
    fn a_month_outside_the_plan_year_cannot_be_checked() {
        let plan = plan::load_default().expect("the default plan");
        assert!(in_plan_year(&plan, Period::new(2025, 3).expect("a month")).is_ok());
        let err = in_plan_year(&plan, Period::new(2024, 3).expect("a month"))
            .expect_err("2024-03 is refused");
        assert!(
            matches!(err, AppError::OutsidePlanYear { year: 2025, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("--period 2025-MM"), "{err}");
    }

    #[test]
    fn missing_tasks_suggest_checking_all_the_files_together() {
        let plan = plan::load_default().expect("the default plan");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/variations");
        // 监管与预警处's progress table alone: its figures and three tasks are missing.
        let file = "header_at_row_12.xlsx";
        let checked = self_check(&plan, None, &[found(&dir.join(file), file, None)]);
        assert!(!checked.guessed);
        let text = render_check(&checked.summary, &checked.departments, checked.guessed);
        assert!(text.contains("MISSING_TASK"), "{text}");
        let hint = text.lines().rev().nth(1).unwrap_or_default();
        assert!(hint.contains("请把这些文件一起自查"), "{text}");
    }

    #[test]
    fn a_file_that_was_not_read_draws_no_department_checks() {
        let plan = plan::load_default().expect("the default plan");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let lock = dir.path().join("~$办公室_2025年6月工作要点推进情况.xlsx");
        std::fs::write(&lock, b"lock").expect("written");
        let broken = dir.path().join("保护处2025年6月工作推进情况.xlsx");
        std::fs::write(&broken, b"not a workbook").expect("written");
        let checked = self_check(
            &plan,
            None,
            &[
                found(
                    &lock,
                    "~$办公室_2025年6月工作要点推进情况.xlsx",
                    Some("Excel/WPS 的临时锁定文件"),
                ),
                found(&broken, "保护处2025年6月工作推进情况.xlsx", None),
            ],
        );
        assert!(checked.departments.is_empty());
        let codes: Vec<&str> = checked
            .summary
            .flags
            .iter()
            .map(|f| f.code.as_str())
            .collect();
        assert_eq!(codes, vec!["UNREADABLE_FILE"]);
        assert!(checked.guessed);
        let text = render_check(&checked.summary, &checked.departments, checked.guessed);
        let last = text.lines().last().unwrap_or_default();
        assert!(last.starts_with("没有读到可以报送的表格"), "{text}");
        // The unread file's name still says whose check it is.
        assert!(text.starts_with("保护处 自查结果"), "{text}");
        // Nothing was read: no word about the month the files do not state.
        assert!(!text.contains("文件未写明报送月份"), "{text}");
        assert!(!text.contains("可以报送；"), "{text}");
        assert!(!text.contains("一起自查"), "{text}");
    }
}
