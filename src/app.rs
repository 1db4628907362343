//! One function per subcommand: the only place that ties the stages together
//! and touches the disk.

use std::process::ExitCode;

use anyhow::{Context, Result};

use std::path::{Path, PathBuf};

use crate::aggregate::{self, Light, Summary};
use crate::check::month::Scope;
use crate::check::{self, Code, Flag, Severity};
use crate::cli::{Cli, Command, PlanArg};
use crate::import::discover::Found;
use crate::import::{self, FileStatus, Intake, SheetKind};
use crate::period::Period;
use crate::plan::{self, Plan};
use crate::report;
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
            circular,
            strict,
            plan,
        } => merge(
            &dir,
            period,
            Outputs {
                workbook: output.as_deref(),
                json: json.as_deref(),
                circular: circular.as_deref(),
            },
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

/// `workplan check`: a department's self-check of its own files, with the
/// same reading and checks as the merge, less those about the whole month.
fn check(
    files: &[PathBuf],
    period: Option<Period>,
    json: Option<&Path>,
    arg: &PlanArg,
) -> Result<Outcome> {
    let plan = load_plan(arg)?;
    if let Some(p) = period {
        in_plan_year(&plan, p)?;
    }
    for f in files {
        if !f.exists() {
            anyhow::bail!("`{}` does not exist", f.display());
        }
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
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
        .filter(|f| f.severity == Severity::Error)
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
    let measures = aggregate::measure(plan, period, &intake, &[]);
    let month_flags = check::month::check(plan, period, &intake, &[], &measures, &scope);
    let summary = aggregate::summarise(plan, period, intake, &[], measures, month_flags);
    SelfCheck {
        summary,
        departments,
        guessed,
    }
}

/// A month of the plan's year, else an error saying how to get one.
fn in_plan_year(plan: &Plan, period: Period) -> Result<()> {
    if period.year != plan.year {
        anyhow::bail!(
            "{period} is outside the plan year {year}: pass --period {year}-MM, or a plan for {} with --plan",
            period.year,
            year = plan.year
        );
    }
    Ok(())
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
    let _ = writeln!(
        out,
        "{} 自查结果（报送月份 {}）",
        if departments.is_empty() {
            "未识别部门".to_string()
        } else {
            departments.join("、")
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
    let count = |s| summary.flags.iter().filter(|f| f.severity == s).count();
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
            "没有读到可以报送的表格：请按上面的说明处理后，对要报送的 Excel 文件重新自查。"
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
        f.severity.as_chinese(),
        f.message,
        f.code.as_str()
    )
}

// ------------------------------------------------------------------ merge

/// Where a merge reads from: the root, the month and its folder, and the
/// earlier months of the plan year under the same root.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub root: PathBuf,
    pub period: Period,
    pub month: PathBuf,
    pub history: Vec<(Period, PathBuf)>,
}

/// Works out the layout from `DIR` and `--period`: DIR is the root of month
/// folders, or one month folder (the period then read from its name).
pub fn locate(dir: &Path, period: Option<Period>, plan: &Plan) -> Result<Layout> {
    if !dir.is_dir() {
        anyhow::bail!(
            "`{}` is not a folder: give the folder that holds the month folders (e.g. 2025-03/)",
            dir.display()
        );
    }
    let in_plan_year = |period: Period| -> Result<Period> {
        if period.year != plan.year {
            anyhow::bail!(
                "{period} is outside the plan year {}: pass --period {}-MM, or a plan for {} with --plan",
                plan.year,
                plan.year,
                period.year
            );
        }
        Ok(period)
    };
    let named = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse::<Period>().ok());
    let (root, period, month) = match named {
        Some(p) => {
            let root = dir
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let root = if root.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                root
            };
            (root, in_plan_year(period.unwrap_or(p))?, dir.to_path_buf())
        }
        None => {
            let months = import::discover::month_folders(dir);
            let period = match period.or_else(|| {
                months
                    .iter()
                    .map(|(p, _)| *p)
                    .filter(|p| p.year == plan.year)
                    .max()
            }) {
                // Said before looking for its folder: no folder could help.
                Some(p) => in_plan_year(p)?,
                None => anyhow::bail!(
                    "no month folder (such as {}-03) in `{}`: put each month's files in a folder named YYYY-MM, or pass --period",
                    plan.year,
                    dir.display()
                ),
            };
            let month = months
                .iter()
                .find(|(p, _)| *p == period)
                .map(|(_, path)| path.clone());
            let month = match month {
                Some(m) => m,
                None if months.is_empty() => dir.to_path_buf(),
                None => anyhow::bail!(
                    "no folder for {period} in `{}` (found: {}): check --period",
                    dir.display(),
                    months
                        .iter()
                        .map(|(p, _)| p.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            (dir.to_path_buf(), period, month)
        }
    };
    let history = if month == root {
        Vec::new()
    } else {
        import::discover::month_folders(&root)
            .into_iter()
            .filter(|(p, path)| p.year == period.year && *p < period && *path != month)
            .collect()
    };
    Ok(Layout {
        root,
        period,
        month,
        history,
    })
}

/// Reads, checks and aggregates one month (with its history): the whole
/// pipeline short of writing. `progress` is told about each file read.
pub fn summarise_month(plan: &Plan, layout: &Layout, progress: &Progress) -> Summary {
    let find = |folder: &Path| import::discover::discover(&[folder.to_path_buf()], &layout.root);
    let earlier: Vec<(Period, Vec<import::discover::Found>)> = layout
        .history
        .iter()
        .map(|(p, folder)| (*p, find(folder)))
        .collect();
    let found = find(&layout.month);
    progress.set_files(found.len() + earlier.iter().map(|(_, f)| f.len()).sum::<usize>());
    let read = |period: Period, found: &[import::discover::Found]| {
        import::intake_with(plan, Some(period), found, &|file| progress.read(file))
    };
    let history: Vec<(Period, Intake)> = earlier
        .iter()
        .map(|(p, found)| (*p, read(*p, found)))
        .collect();
    let current = read(layout.period, &found);
    progress.stage("检查与汇总");
    let measures = aggregate::measure(plan, layout.period, &current, &history);
    let flags = check::month::check(
        plan,
        layout.period,
        &current,
        &history,
        &measures,
        &Scope::Month,
    );
    aggregate::summarise(plan, layout.period, current, &history, measures, flags)
}

/// `workplan merge`: the month's consolidated workbook.
fn merge(
    dir: &Path,
    period: Option<Period>,
    outputs: Outputs<'_>,
    strict: bool,
    arg: &PlanArg,
) -> Result<Outcome> {
    let plan = load_plan(arg)?;
    let layout = locate(dir, period, &plan)?;
    let out = match outputs.workbook {
        Some(o) => o.to_path_buf(),
        None => layout
            .root
            .join(import::discover::OUTPUT_FOLDER)
            .join(format!(
                "{}工作要点推进情况汇总.xlsx",
                layout.period.label()
            )),
    };
    let progress = Progress::on_stderr();
    let summary = summarise_month(&plan, &layout, &progress);
    progress.stage("写出汇总表");
    let bytes = report::render(&summary)
        .with_context(|| format!("cannot build the workbook `{}`", out.display()))?;
    write_atomically(&out, &bytes)?;
    if let Some(path) = outputs.json {
        write_atomically(path, &json_bytes(&report::json(&summary))?)?;
    }
    if let Some(path) = outputs.circular {
        write_atomically(path, report::circular(&summary).as_bytes())?;
    }
    progress.finish();
    print_stdout(&render_merge(&summary, &out, &outputs))?;
    let errors = summary.flags.iter().any(|f| f.severity == Severity::Error);
    Ok(if strict && errors {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}

/// Where a merge writes, besides the workbook's default place.
#[derive(Debug, Clone, Copy)]
struct Outputs<'a> {
    workbook: Option<&'a Path>,
    json: Option<&'a Path>,
    circular: Option<&'a Path>,
}

/// The merge's short summary: lights, figures behind, who is missing, flags,
/// and where the workbook went.
fn render_merge(summary: &Summary, out: &Path, outputs: &Outputs<'_>) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let lights = |light: Light| summary.tasks.iter().filter(|t| t.light == light).count();
    let _ = writeln!(
        s,
        "{} {}（截至{}）",
        summary.plan,
        summary.period.label(),
        summary.as_of
    );
    let _ = writeln!(
        s,
        "重点任务 {} 项：红灯 {}、黄灯 {}、蓝灯 {}、绿灯 {}",
        summary.tasks.len(),
        lights(Light::Red),
        lights(Light::Yellow),
        lights(Light::Blue),
        lights(Light::Green)
    );
    let behind: Vec<String> = summary
        .figures
        .iter()
        .filter(|f| matches!(f.light, Light::Red | Light::Yellow))
        .map(|f| format!("{}{}", f.id, f.light.label()))
        .collect();
    let _ = writeln!(
        s,
        "指标与节点 {} 项：{}",
        summary.figures.len(),
        if behind.is_empty() {
            "均达序时进度".to_string()
        } else {
            format!("未达标或滞后 {} 项（{}）", behind.len(), behind.join("、"))
        }
    );
    let missing: Vec<&str> = summary
        .departments
        .iter()
        .filter(|d| !d.submitted && d.tasks_assigned > 0)
        .map(|d| d.name.as_str())
        .collect();
    let late: Vec<&str> = summary
        .departments
        .iter()
        .filter(|d| d.late)
        .map(|d| d.name.as_str())
        .collect();
    let _ = writeln!(
        s,
        "部门报送：{}{}",
        if missing.is_empty() {
            "均已报送".to_string()
        } else {
            format!("未报送 {}", missing.join("、"))
        },
        if late.is_empty() {
            String::new()
        } else {
            format!("；逾期报送 {}", late.join("、"))
        }
    );
    let count = |sev| summary.flags.iter().filter(|f| f.severity == sev).count();
    let t = &summary.totals;
    let _ = writeln!(
        s,
        "问题清单：错误 {}、警告 {}、提示 {}",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    let _ = writeln!(
        s,
        "读取文件 {} 个、数据行 {}：采纳 {}、拒收 {}、跳过 {}",
        t.files, t.rows_read, t.accepted, t.rejected, t.skipped
    );
    let _ = writeln!(s, "汇总表：{}", out.display());
    if let Some(j) = outputs.json {
        let _ = writeln!(s, "JSON：{}", j.display());
    }
    if let Some(c) = outputs.circular {
        let _ = writeln!(s, "通报稿：{}", c.display());
    }
    s
}

/// Pretty JSON with a final newline.
fn json_bytes(value: &serde_json::Value) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).context("cannot render the JSON report")?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A progress bar on standard error while files are read; silent when
/// stderr is not a terminal.
pub struct Progress {
    bar: indicatif::ProgressBar,
}

impl Progress {
    /// A bar on standard error.
    pub fn on_stderr() -> Progress {
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {prefix} [{bar:30}] {pos}/{len} {wide_msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix("读取文件");
        Progress { bar }
    }

    /// A bar that draws nothing (tests, benchmarks).
    pub fn hidden() -> Progress {
        Progress {
            bar: indicatif::ProgressBar::hidden(),
        }
    }

    /// How many files there are to read.
    pub fn set_files(&self, files: usize) {
        self.bar.set_length(files as u64);
    }

    /// One more file read.
    pub fn read(&self, file: &str) {
        self.bar.set_message(file.to_string());
        self.bar.inc(1);
    }

    /// A new stage after reading.
    pub fn stage(&self, name: &str) {
        self.bar.set_prefix(name.to_string());
        self.bar.set_message("");
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            .expect_err("2024-03 is refused")
            .to_string();
        assert!(err.contains("--period 2025-MM"), "{err}");
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
        // Nothing was read: no word about the month the files do not state.
        assert!(!text.contains("文件未写明报送月份"), "{text}");
        assert!(!text.contains("可以报送；"), "{text}");
        assert!(!text.contains("一起自查"), "{text}");
    }

    fn period(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn locate_says_a_period_is_outside_the_plan_year_before_looking_for_its_folder() {
        let plan = plan::load_default().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("2025-04")).unwrap();
        for p in ["2024-12", "2026-01"] {
            let err = locate(root.path(), Some(period(p)), &plan).unwrap_err();
            assert!(
                err.to_string().contains("outside the plan year 2025"),
                "{p}: {err}"
            );
        }
        // A month folder named for another year, too.
        std::fs::create_dir(root.path().join("2024-12")).unwrap();
        let err = locate(&root.path().join("2024-12"), None, &plan).unwrap_err();
        assert!(err.to_string().contains("outside the plan year"), "{err}");
        // In the plan year: the folder, and the earlier months as history.
        std::fs::create_dir(root.path().join("2025-03")).unwrap();
        let layout = locate(root.path(), None, &plan).unwrap();
        assert_eq!(layout.period, period("2025-04"));
        assert_eq!(layout.history.len(), 1);
        let err = locate(root.path(), Some(period("2025-05")), &plan).unwrap_err();
        assert!(err.to_string().contains("no folder for 2025-05"), "{err}");
    }
}
