//! `workplan merge`: where the month's files are, the whole pipeline over
//! them and their history, the workbook and its twins, and the short summary
//! printed at the end.

use std::path::{Path, PathBuf};

use super::{AppError, Outcome, json_bytes, load_plan, print_stdout, write_atomically};
use crate::check::Scope;
use crate::cli::PlanArg;
use crate::flag::Severity;
use crate::import::discover::Found;
use crate::import::{self, FileStatus, Intake};
use crate::period::Period;
use crate::pipeline;
use crate::plan::Plan;
use crate::report;
use crate::report::circular::Format;
use crate::summarise::{Light, Summary, feedback};

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
pub fn locate(dir: &Path, period: Option<Period>, plan: &Plan) -> Result<Layout, AppError> {
    if !dir.is_dir() {
        return Err(AppError::NotAFolder(dir.to_path_buf()));
    }
    let in_plan_year = |period: Period| -> Result<Period, AppError> {
        super::in_plan_year(plan, period)?;
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
                None => {
                    return Err(AppError::NoMonthFolders {
                        dir: dir.to_path_buf(),
                        year: plan.year,
                    });
                }
            };
            let month = months
                .iter()
                .find(|(p, _)| *p == period)
                .map(|(_, path)| path.clone());
            let month = match month {
                Some(m) => m,
                None if months.is_empty() => dir.to_path_buf(),
                None => {
                    return Err(AppError::NoFolderForMonth {
                        dir: dir.to_path_buf(),
                        period,
                        found: months.iter().map(|(p, _)| *p).collect(),
                    });
                }
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
    // The current month first, then the earlier ones newest first: each
    // month read drops the ledger rows a later one re-sent, so a ledger sent
    // in full every month is held once (import::Later).
    let mut current = read(layout.period, &found);
    let mut order: Vec<usize> = (0..earlier.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(earlier[i].0));
    // The months pooled, newest first, their ledger rows held by `later`
    // while the earlier months are read, then handed back.
    let mut later = import::Later::default();
    let mut held: Vec<Option<usize>> = vec![None; earlier.len()];
    let current_held =
        (!earlier.is_empty()).then(|| later.add(std::mem::take(&mut current.ledgers)));
    let mut read_back: Vec<Option<Intake>> = earlier.iter().map(|_| None).collect();
    for i in order {
        let (p, found) = &earlier[i];
        // Only months pooled before the current one (pipeline::run); each
        // file's re-sent rows dropped as it is read.
        let intake = if *p < layout.period {
            let tick = |file: &str| progress.read(file);
            let mut intake = import::intake_before(plan, Some(*p), found, &tick, &later)
                .unwrap_or_else(|| {
                    // Two re-sent rows may share a key: read whole, so that
                    // the month's duplicate check sees them (its files
                    // already ticked).
                    let mut intake = import::intake_with(plan, Some(*p), found, &|_| {});
                    intake.superseded = intake.ledgers.set_aside(&later);
                    intake
                });
            held[i] = Some(later.add(std::mem::take(&mut intake.ledgers)));
            intake
        } else {
            read(*p, found)
        };
        read_back[i] = Some(intake);
    }
    // Each month's rows back where they were read.
    let mut stores: Vec<Option<import::Ledgers>> =
        later.into_stores().into_iter().map(Some).collect();
    let mut back = |k: usize| stores.get_mut(k).and_then(Option::take).unwrap_or_default();
    if let Some(k) = current_held {
        current.ledgers = back(k);
    }
    for (intake, k) in read_back.iter_mut().zip(&held) {
        if let (Some(intake), Some(k)) = (intake, k) {
            intake.ledgers = back(*k);
        }
    }
    let history: Vec<(Period, Intake)> = earlier
        .iter()
        .zip(read_back)
        .filter_map(|((p, _), intake)| Some((*p, intake?)))
        .collect();
    progress.stage("检查与汇总");
    pipeline::run(plan, layout.period, current, &history, &Scope::Month)
}

/// `workplan merge`: the month's consolidated workbook.
pub(super) fn merge(
    dir: &Path,
    period: Option<Period>,
    outputs: Outputs<'_>,
    strict: bool,
    arg: &PlanArg,
) -> Result<Outcome, AppError> {
    let plan = load_plan(arg)?;
    let circular = outputs.circular.map(circular_format).transpose()?;
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
        .map_err(|e| AppError::render(format!("汇总表 `{}`", out.display()), e))?;
    write_atomically(&out, &bytes)?;
    if let Some(path) = outputs.json {
        write_atomically(path, &json_bytes(&report::json(&summary))?)?;
    }
    if let Some((path, format)) = circular {
        let bytes = report::circular::render(&report::circular::draft(&summary), format)
            .map_err(|e| AppError::render(format!("通报稿 `{}`", path.display()), e))?;
        write_atomically(path, &bytes)?;
    }
    let returned = match outputs.feedback {
        Some(dir) => {
            progress.stage("写出反馈单");
            Some((dir, write_feedback(&plan, &layout, &summary, dir)?))
        }
        None => None,
    };
    progress.finish();
    print_stdout(&render_merge(&summary, &out, &outputs, returned))?;
    let errors = summary
        .flags
        .iter()
        .any(|f| f.severity() == Severity::Error);
    Ok(if strict && errors {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}

/// The circular's path and the format its extension asks for; refused,
/// before anything is read, when it asks for neither.
fn circular_format(path: &Path) -> Result<(&Path, Format), AppError> {
    Format::of(path)
        .map(|format| (path, format))
        .ok_or_else(|| AppError::CircularFormat {
            path: path.to_path_buf(),
            accepted: Format::ACCEPTED,
        })
}

/// Writes one returned workbook (反馈单) per department into `dir` and
/// returns how many. The accepted ledger rows are read again cell by cell
/// (the summary keeps only what the figures need of them), from the files
/// that sent ledgers only.
fn write_feedback(
    plan: &Plan,
    layout: &Layout,
    summary: &Summary,
    dir: &Path,
) -> Result<usize, AppError> {
    std::fs::create_dir_all(dir).map_err(|io| AppError::CreateFolder {
        path: dir.to_path_buf(),
        io,
    })?;
    // Inside the month's folder, next month's merge of this month would read them as submissions.
    if let (Ok(d), Ok(m)) = (dir.canonicalize(), layout.month.canonicalize())
        && d.starts_with(&m)
    {
        eprintln!(
            "警告：反馈单写在本月的报送文件夹 `{}` 中，再次汇总本月时会被当作报送文件读取；建议改写到报送文件夹以外（如 <根目录>/汇总/反馈单）",
            layout.month.display()
        );
    }
    let with_ledgers: Vec<Found> = summary
        .inputs
        .iter()
        .filter(|s| s.status == FileStatus::Accepted && s.ledgers().next().is_some())
        .map(|s| Found {
            path: s.path.clone(),
            file: s.file.clone(),
            ignored: None,
        })
        .collect();
    let received = import::received_ledgers(plan, Some(summary.period), &with_ledgers);
    let returns = feedback::returns(plan, summary, &received);
    for r in &returns {
        let path = dir.join(report::feedback::file_name(&r.department, r.period));
        let bytes = report::feedback::render(plan, r)
            .map_err(|e| AppError::render(format!("{}的反馈单", r.department), e))?;
        write_atomically(&path, &bytes)?;
    }
    Ok(returns.len())
}

/// Where a merge writes, besides the workbook's default place.
#[derive(Debug, Clone, Copy)]
pub(super) struct Outputs<'a> {
    pub(super) workbook: Option<&'a Path>,
    pub(super) json: Option<&'a Path>,
    pub(super) circular: Option<&'a Path>,
    /// The folder of the workbooks returned to departments.
    pub(super) feedback: Option<&'a Path>,
}

/// The merge's short summary: lights, figures behind, who is missing, flags,
/// and where the workbook (and the returned workbooks: folder, count) went.
fn render_merge(
    summary: &Summary,
    out: &Path,
    outputs: &Outputs<'_>,
    returned: Option<(&Path, usize)>,
) -> String {
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
        .map(|f| format!("{}{}", f.figure.id, f.light.label()))
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
    let count = |sev| summary.flags.iter().filter(|f| f.severity() == sev).count();
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
    if let Some((dir, n)) = returned {
        let _ = writeln!(s, "反馈单：{}（{n} 份）", dir.display());
    }
    s
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
    use crate::plan;

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
                matches!(err, AppError::OutsidePlanYear { year: 2025, .. }),
                "{p}: {err}"
            );
        }
        // A month folder named for another year, too.
        std::fs::create_dir(root.path().join("2024-12")).unwrap();
        let err = locate(&root.path().join("2024-12"), None, &plan).unwrap_err();
        assert!(matches!(err, AppError::OutsidePlanYear { .. }), "{err}");
        // In the plan year: the folder, and the earlier months as history.
        std::fs::create_dir(root.path().join("2025-03")).unwrap();
        let layout = locate(root.path(), None, &plan).unwrap();
        assert_eq!(layout.period, period("2025-04"));
        assert_eq!(layout.history.len(), 1);
        let err = locate(root.path(), Some(period("2025-05")), &plan).unwrap_err();
        assert!(
            matches!(&err, AppError::NoFolderForMonth { found, .. } if found.len() == 3),
            "{err}"
        );
        let empty = tempfile::tempdir().unwrap();
        let err = locate(empty.path(), None, &plan).unwrap_err();
        assert!(
            matches!(err, AppError::NoMonthFolders { year: 2025, .. }),
            "{err}"
        );
        let err = locate(&root.path().join("none"), None, &plan).unwrap_err();
        assert!(matches!(err, AppError::NotAFolder(_)), "{err}");
    }
}
