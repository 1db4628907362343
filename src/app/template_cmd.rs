//! `workplan template`: one fill-in workbook per department, blank or
//! carried forward from last month's submissions (`--from`).

use std::path::Path;

use super::{AppError, Outcome, in_plan_year, load_plan, write_atomically};
use crate::cli::PlanArg;
use crate::import::{self, Intake};
use crate::period::Period;
use crate::plan::Plan;
use crate::report::template;
use crate::summarise::fill::Fill;

/// `workplan template`: one fill-in workbook per department.
pub(super) fn template(
    period: Option<Period>,
    department: Option<&str>,
    from: Option<&Path>,
    output: &Path,
    arg: &PlanArg,
) -> Result<Outcome, AppError> {
    let plan = load_plan(arg)?;
    let period = period.unwrap_or_else(|| Period::of(chrono::Local::now().date_naive()).prev());
    in_plan_year(&plan, period)?;
    let last = from.map(|dir| last_month(&plan, dir, period)).transpose()?;
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
        let fill = last
            .as_ref()
            .map(|(p, intake)| Fill::carried(&plan, department, intake, &p.label()));
        let bytes = template::render(&plan, department, period, fill.as_ref())
            .map_err(|e| AppError::render(format!("{department}的填报表"), e))?;
        let path = output.join(template::file_name(department, period));
        write_atomically(&path, &bytes)?;
        let carried = match (&last, &fill) {
            (Some((p, _)), Some(f)) if !f.tasks.is_empty() => {
                format!("（已带入{}报送的内容）", p.label())
            }
            (Some((p, _)), _) => format!("（{}未收到报送，未预填）", p.label()),
            _ => String::new(),
        };
        println!(
            "已生成 {department} {} 填报表{carried}：{}",
            period.label(),
            path.display()
        );
    }
    Ok(Outcome::Clean)
}

/// Last month's submissions from `--from DIR`, read as a merge reads them,
/// the month being the folder's (`月报/2025-03`), which must come before
/// the template's.
fn last_month(plan: &Plan, dir: &Path, period: Period) -> Result<(Period, Intake), AppError> {
    if !dir.is_dir() {
        return Err(AppError::FromNotAFolder(dir.to_path_buf()));
    }
    let from = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.trim().parse::<Period>().ok())
        .ok_or_else(|| AppError::FromNotAMonth(dir.to_path_buf()))?;
    if from >= period {
        return Err(AppError::FromNotEarlier { from, period });
    }
    let root = dir.parent().unwrap_or(dir);
    let found = import::discover::discover(&[dir.to_path_buf()], root);
    Ok((from, import::intake(plan, Some(from), &found)))
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
