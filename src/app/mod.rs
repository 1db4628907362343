//! The commands: the only place that ties the stages together and touches
//! the disk. One module per subcommand; what they share (the plan from
//! `--plan`, writing files, printing) is here, and what stops them is
//! [`AppError`].

mod check_cmd;
mod error;
mod merge_cmd;
mod plan_cmd;
mod status_cmd;
mod template_cmd;

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Cli, Command, PlanArg};
use crate::period::Period;
use crate::plan::{self, Plan};

pub use error::AppError;
pub use merge_cmd::{Layout, Progress, locate, summarise_month};

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

/// glibc's allocator raises its mmap threshold each time a large block is
/// freed, up to 32 MB, after which the sheets read one after another (tens
/// of MB each) are carved from heaps it keeps: a municipal merge held 770 MB
/// for 530 MB in use. A fixed threshold of 1 MB gives every large block back
/// when it is freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn return_large_blocks() {
    // SAFETY: mallopt only sets a tunable of the allocator; called at the start of
    // main, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_large_blocks() {}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, AppError> {
    match cli.command {
        Command::Merge {
            dir,
            period,
            output,
            json,
            circular,
            feedback,
            strict,
            plan,
        } => merge_cmd::merge(
            &dir,
            period,
            merge_cmd::Outputs {
                workbook: output.as_deref(),
                json: json.as_deref(),
                circular: circular.as_deref(),
                feedback: feedback.as_deref(),
            },
            strict,
            &plan,
        ),
        Command::Status {
            dir,
            period,
            json,
            today,
            plan,
        } => status_cmd::status(&dir, period, json.as_deref(), today, &plan),
        Command::Check {
            files,
            period,
            json,
            plan,
        } => check_cmd::check(&files, period, json.as_deref(), &plan),
        Command::Template {
            period,
            department,
            from,
            output,
            plan,
        } => template_cmd::template(
            period,
            department.as_deref(),
            from.as_deref(),
            &output,
            &plan,
        ),
        Command::Plan {
            draft: Some(notice),
            output,
            plan,
            ..
        } => plan_cmd::draft_plan(&notice, output.as_deref(), &plan),
        Command::Plan {
            json, output, plan, ..
        } => plan_cmd::show_plan(json, output.as_deref(), &plan),
    }
}

/// The plan from `--plan`, else the embedded default. What the plan warns
/// about (a year without a built-in holiday calendar) is printed as `警告：…`.
pub fn load_plan(arg: &PlanArg) -> Result<Plan, AppError> {
    let plan = match &arg.plan {
        Some(path) if is_workbook(path) => {
            let book = crate::import::read::read(path).map_err(|e| AppError::Unreadable {
                what: "计划工作簿",
                path: path.clone(),
                reason: e.reason().to_string(),
            })?;
            crate::import::plan_book::read(&book).map_err(|problems| AppError::PlanBook {
                path: path.clone(),
                problems,
            })?
        }
        Some(path) => plan::load_file(path)?,
        None => plan::load_default()?,
    };
    for w in &plan.warnings {
        eprintln!("警告：{w}");
    }
    Ok(plan)
}

/// Whether a plan file is a workbook (`.xlsx`, `.xls`, `.ods` …) rather than
/// TOML text, judged by its first bytes (a zip package or an OLE file), as
/// the departments' files are; a file that cannot be opened is left to the
/// TOML loader, which says why.
fn is_workbook(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == *b"PK\x03\x04" || head == [0xD0, 0xCF, 0x11, 0xE0])
}

/// A month of the plan's year, else an error saying how to get one.
pub(crate) fn in_plan_year(plan: &Plan, period: Period) -> Result<(), AppError> {
    if period.year != plan.year {
        return Err(AppError::OutsidePlanYear {
            period,
            year: plan.year,
        });
    }
    Ok(())
}

/// Prints to stdout; a closed pipe (`workplan plan | head`) is not an error.
pub(crate) fn print_stdout(text: &str) -> Result<(), AppError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::Stdout(e)),
        _ => Ok(()),
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it into
/// place, so a reader never sees half a file; missing folders are created.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let fail = |io: std::io::Error| AppError::Write {
        path: path.to_path_buf(),
        io,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|io| AppError::WriteFolder {
        path: path.to_path_buf(),
        folder: dir.to_path_buf(),
        io,
    })?;
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

/// Pretty JSON with a final newline.
pub(crate) fn json_bytes(value: &serde_json::Value) -> Result<Vec<u8>, AppError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| AppError::render("JSON 报告", e))?;
    bytes.push(b'\n');
    Ok(bytes)
}
