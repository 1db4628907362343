//! `workplan template`: one fill-in workbook per department.

use std::path::Path;

use super::{AppError, Outcome, in_plan_year, load_plan, write_atomically};
use crate::cli::PlanArg;
use crate::period::Period;
use crate::plan::Plan;
use crate::report::template;

/// `workplan template`: one fill-in workbook per department.
pub(super) fn template(
    period: Option<Period>,
    department: Option<&str>,
    output: &Path,
    arg: &PlanArg,
) -> Result<Outcome, AppError> {
    let plan = load_plan(arg)?;
    let period = period.unwrap_or_else(|| Period::of(chrono::Local::now().date_naive()).prev());
    in_plan_year(&plan, period)?;
    let departments: Vec<&str> = match department {
        Some(name) => vec![template_department(&plan, name)?],
        None => plan
            .departments
            .iter()
            .map(|d| d.name.as_str())
            .filter(|d| plan.must_report(d))
            .collect(),
    };
    std::fs::create_dir_all(output).map_err(|io| AppError::CreateFolder {
        path: output.to_path_buf(),
        io,
    })?;
    for department in departments {
        let bytes = template::render(&plan, department, period)
            .map_err(|e| AppError::render(format!("{department}的填报表"), e))?;
        let path = output.join(template::file_name(department, period));
        write_atomically(&path, &bytes)?;
        println!(
            "已生成 {department} {} 填报表：{}",
            period.label(),
            path.display()
        );
    }
    Ok(Outcome::Clean)
}

/// The canonical name of `--department NAME` (a name or alias, spaces and a
/// 浦东新区/知识产权局 prefix ignored); an error listing the departments otherwise.
fn template_department<'a>(plan: &'a Plan, name: &str) -> Result<&'a str, AppError> {
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let prefixes = [
        "上海市浦东新区知识产权局",
        "浦东新区知识产权局",
        "知识产权局",
        "浦东新区",
    ];
    let found = std::iter::once(compact.as_str())
        .chain(prefixes.iter().filter_map(|p| compact.strip_prefix(p)))
        .find_map(|n| plan.department(n));
    let Some(found) = found else {
        return Err(AppError::UnknownDepartment {
            name: name.to_string(),
            known: plan.departments.iter().map(|d| d.name.clone()).collect(),
        });
    };
    if !plan.must_report(&found.name) {
        return Err(AppError::NothingToReport(found.name.clone()));
    }
    Ok(found.name.as_str())
}
