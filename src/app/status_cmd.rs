//! `workplan status`: before the deadline, who has sent the month's report
//! and who owes what, read from the month folder as it is (no workbook
//! written), with a reminder for each department to chase.

use std::path::Path;

use chrono::NaiveDate;

use super::{AppError, Outcome, json_bytes, load_plan, print_stdout, write_atomically};
use crate::cli::PlanArg;
use crate::import;
use crate::period::Period;
use crate::plan::Plan;
use crate::{check, measure, report, summarise};

/// `workplan status DIR`: prints the 催报 status; `--json` writes it too.
pub(super) fn status(
    dir: &Path,
    period: Option<Period>,
    json: Option<&Path>,
    today: Option<NaiveDate>,
    arg: &PlanArg,
) -> Result<Outcome, AppError> {
    let plan = load_plan(arg)?;
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let (root, period, folder) = month(dir, period, today, &plan)?;
    // A month nobody has sent for yet has no folder: everyone owes all.
    let found = match &folder {
        Some(f) => import::discover::discover(std::slice::from_ref(f), &root),
        None => Vec::new(),
    };
    let intake = import::intake(&plan, Some(period), &found);
    let measures = measure::measure(&plan, period, &intake, &[]);
    let owed = check::owed(&plan, &intake, &measures);
    let chase = summarise::chase(&plan, period, today, &intake, &owed);
    if let Some(path) = json {
        write_atomically(path, &json_bytes(&report::chase::json(&chase))?)?;
    }
    print_stdout(&report::chase::text(&chase))?;
    Ok(Outcome::Clean)
}

/// The root, the month and its folder (none yet): DIR as a month folder,
/// else `--period` under DIR, else the latest month folder under DIR, else
/// the month before `today`.
fn month(
    dir: &Path,
    period: Option<Period>,
    today: NaiveDate,
    plan: &Plan,
) -> Result<(std::path::PathBuf, Period, Option<std::path::PathBuf>), AppError> {
    if !dir.is_dir() {
        return Err(AppError::NotAFolder(dir.to_path_buf()));
    }
    let named = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse::<Period>().ok());
    if let Some(p) = named {
        let p = period.unwrap_or(p);
        super::in_plan_year(plan, p)?;
        let root = dir
            .parent()
            .filter(|r| !r.as_os_str().is_empty())
            .map_or_else(|| ".".into(), Path::to_path_buf);
        return Ok((root, p, Some(dir.to_path_buf())));
    }
    let months = import::discover::month_folders(dir);
    let p = period
        .or_else(|| {
            months
                .iter()
                .map(|(p, _)| *p)
                .filter(|p| p.year == plan.year)
                .max()
        })
        .unwrap_or_else(|| Period::of(today).prev());
    super::in_plan_year(plan, p)?;
    let folder = months.into_iter().find(|(m, _)| *m == p).map(|(_, f)| f);
    Ok((dir.to_path_buf(), p, folder))
}
