//! `workplan template`: one fill-in workbook per department.

use std::path::Path;

use anyhow::{Context, Result};

use super::{Outcome, in_plan_year, load_plan, write_atomically};
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
) -> Result<Outcome> {
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
    std::fs::create_dir_all(output)
        .with_context(|| format!("cannot create the folder `{}`", output.display()))?;
    for department in departments {
        let bytes = template::render(&plan, department, period)
            .with_context(|| format!("cannot build the template for {department}"))?;
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
fn template_department<'a>(plan: &'a Plan, name: &str) -> Result<&'a str> {
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
        let names: Vec<&str> = plan.departments.iter().map(|d| d.name.as_str()).collect();
        anyhow::bail!(
            "计划中没有部门 `{name}`：请从以下部门中选择：{}",
            names.join("、")
        );
    };
    if !plan.must_report(&found.name) {
        anyhow::bail!(
            "{} 在计划中不牵头任务、也不负责指标，没有需要填报的内容",
            found.name
        );
    }
    Ok(found.name.as_str())
}
