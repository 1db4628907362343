//! One function per subcommand: the only place that ties the stages together
//! and touches the disk.

use std::process::ExitCode;

use anyhow::{Context, Result};

use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, PlanArg};
use crate::period::Period;
use crate::plan::{self, Plan};
use crate::template;

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

/// `workplan plan`: print the plan, as a table or JSON; optionally write the
/// 任务分解表 workbook (written first, so a failed write prints nothing).
fn show_plan(json: bool, output: Option<&Path>, arg: &PlanArg) -> Result<Outcome> {
    let plan = load_plan(arg)?;
    let text = if json {
        let mut text = plan::render::json(&plan).context("cannot render the plan as JSON")?;
        text.push('\n');
        text
    } else {
        plan::render::table(&plan)
    };
    if let Some(path) = output {
        let bytes = crate::report::plan_book::render(&plan)
            .with_context(|| format!("cannot build the workbook `{}`", path.display()))?;
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

/// Prints to stdout; a closed pipe (`workplan plan | head`) is not an error.
fn print_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it into
/// place, so a reader never sees half a file; missing folders are created.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let fail = |e: std::io::Error| anyhow::anyhow!("cannot write `{}`: {e}", path.display());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".workplan-").suffix(".tmp");
    // A temporary file is private (0600); the output keeps the mode of the
    // file it replaces, else the usual 0644 (less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

// ------------------------------------------------------------------ template

/// `workplan template`: one fill-in workbook per department.
fn template(
    period: Option<Period>,
    department: Option<&str>,
    output: &Path,
    arg: &PlanArg,
) -> Result<Outcome> {
    let plan = load_plan(arg)?;
    let period = period.unwrap_or_else(|| Period::of(chrono::Local::now().date_naive()).prev());
    if period.year != plan.year {
        anyhow::bail!(
            "{period} is outside the plan year {year}: pass --period {year}-MM, or a plan for {} with --plan",
            period.year,
            year = plan.year
        );
    }
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
            "unknown department `{name}`: use one of {}",
            names.join(", ")
        );
    };
    if !plan.must_report(&found.name) {
        anyhow::bail!(
            "{} leads no task and owns no figure in the plan: it has nothing to fill in",
            found.name
        );
    }
    Ok(found.name.as_str())
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
