//! One function per subcommand: the only place that ties the stages together
//! and touches the disk.

use std::process::ExitCode;

use anyhow::Result;

use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, PlanArg};
use crate::period::Period;
use crate::plan::{self, Plan};

/// How a command ended, mapped to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: done.
    Clean,
    /// 1: done, and error flags were raised (check, merge --strict).
    Flagged,
    /// 2: could not run.
    Failed,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(match o {
            Outcome::Clean => 0,
            Outcome::Flagged => 1,
            Outcome::Failed => 2,
        })
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Merge {
            dir,
            period,
            output,
            json,
            strict,
            plan,
        } => merge(
            &dir,
            period,
            output.as_deref(),
            json.as_deref(),
            strict,
            &plan,
        ),
        Command::Check {
            files,
            period,
            json,
            plan,
        } => check(&files, period, json.as_deref(), &plan),
        Command::Template {
            period,
            department,
            output,
            plan,
        } => template(period, department.as_deref(), &output, &plan),
        Command::Plan { json, output, plan } => show_plan(json, output.as_deref(), &plan),
    }
}

/// The plan from `--plan`, else the embedded default.
pub fn load_plan(arg: &PlanArg) -> Result<Plan> {
    let plan = match &arg.plan {
        Some(path) => plan::load_file(path)?,
        None => plan::load_default()?,
    };
    Ok(plan)
}

// ------------------------------------------------------------------ plan

/// `workplan plan`: print the plan, as a table or JSON; optionally write the 任务分解表.
fn show_plan(json: bool, output: Option<&Path>, arg: &PlanArg) -> Result<Outcome> {
    let _ = (json, output, load_plan(arg)?);
    anyhow::bail!("`workplan plan` is not built yet")
}

// ------------------------------------------------------------------ template

/// `workplan template`: one fill-in workbook per department.
fn template(
    period: Option<Period>,
    department: Option<&str>,
    output: &Path,
    arg: &PlanArg,
) -> Result<Outcome> {
    let _ = (period, department, output, load_plan(arg)?);
    anyhow::bail!("`workplan template` is not built yet")
}

// ------------------------------------------------------------------ check

/// `workplan check`: a department's self-check.
fn check(
    files: &[PathBuf],
    period: Option<Period>,
    json: Option<&Path>,
    arg: &PlanArg,
) -> Result<Outcome> {
    let _ = (files, period, json, load_plan(arg)?);
    anyhow::bail!("`workplan check` is not built yet")
}

// ------------------------------------------------------------------ merge

/// `workplan merge`: the month's consolidated workbook.
fn merge(
    dir: &Path,
    period: Option<Period>,
    output: Option<&Path>,
    json: Option<&Path>,
    strict: bool,
    arg: &PlanArg,
) -> Result<Outcome> {
    let _ = (dir, period, output, json, strict, load_plan(arg)?);
    anyhow::bail!("`workplan merge` is not built yet")
}
