//! The checks, the stage after measuring: rules that look at a whole period — who sent nothing,
//! which tasks and figures are missing, what is overdue, due soon, behind
//! time progress or off target, which reports disagree with their ledgers,
//! and what did not move since last month. One function per rule, each
//! returning its flags; [`check`] runs them all.
//!
//! Decisions the contract leaves open:
//! - MISSING_TASK and MISSING_INDICATOR are raised only for a department that
//!   sent an accepted file this period; one that sent nothing gets a single
//!   MISSING_SUBMISSION instead (its tasks still show 未报送).
//! - Dated milestones are never MISSING_INDICATOR: until done there is
//!   nothing to report; OVERDUE and DUE_SOON cover them.
//! - MISSING_INDICATOR is raised whenever a figure ends up without a value,
//!   also when a ledger was sent but the figure cannot be derived from it
//!   (I9 with no fast-track row carrying both dates, I7 without last year's
//!   base); the message says which.
//! - STALE_PROGRESS and PROGRESS_REGRESSED compare with the department's
//!   latest earlier report on the task (normally last month's); a task
//!   reported 已完成 both times is not stale.
//! - LATE_SUBMISSION (warning) when a department's latest 填报日期 is after
//!   the plan's due day of the next month. DUPLICATE_LEDGER_KEY is the
//!   importer's: it counts a (ledger, key) once per month, across files.
//!
//! Row-level flags (unreadable values, unknown tasks, …) are raised by the
//! importer as it reads. The codes and what a clerk does about each are in
//! `docs/flags.md`.
//!
//! Each flag about a report row names the cell a clerk must look at (the
//! columns the importer remembered in [`crate::import::Cells`]): a task's OVERDUE its
//! 完成状态 (what must change; the message gives the planned date), DUE_SOON
//! its 计划完成时间, STALE_PROGRESS its 本月进展, PROGRESS_REGRESSED its
//! 完成进度 (or 完成状态 when the status went back); a dated milestone's
//! OVERDUE and DUE_SOON its 完成日期; a figure's value flags the cell its
//! reported value came from — 累计值, or 本月值 when only that was filled
//! (level figures, January) — and MISSING_INDICATOR for a growth figure
//! without last year's base its 上年同期; LATE_SUBMISSION the 填报日期 cell.
//! A column the sheet does not have is left out, never guessed.

use chrono::NaiveDate;

use crate::flag::{Code, Flag};
use crate::import::vocab::Field;
use crate::import::{FigureReport, FileStatus, Intake, SheetKind, Status, TaskReport};
use crate::measure::{Measures, Source, latest_task_report, time_share};
use crate::period::Period;
use crate::plan::{Figure, FigureKind, Plan, Task};
use crate::text;

/// Which departments the month-level checks are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole month (`workplan merge`): every department, including who sent nothing.
    Month,
    /// Some departments' own files (`workplan check`): only what they lead or
    /// own; nothing about the month as a whole (missing or late submissions).
    Departments(Vec<String>),
}

impl Scope {
    /// Whether flags about `department` belong in this scope.
    pub fn covers(&self, department: &str) -> bool {
        match self {
            Scope::Month => true,
            Scope::Departments(d) => d.iter().any(|x| x == department),
        }
    }
}

/// Everything the rules look at.
#[derive(Debug, Clone)]
pub struct Month<'a> {
    pub plan: &'a Plan,
    pub period: Period,
    pub current: &'a Intake,
    /// Earlier periods, ascending, all before `period`.
    pub history: Vec<(Period, &'a Intake)>,
    pub measures: &'a Measures,
    pub scope: &'a Scope,
}

/// Runs every month-level rule (for [`Scope::Month`] also the ones about the
/// whole month) and returns the flags, unsorted. `history` is ascending and
/// all before `period`.
pub fn check(
    plan: &Plan,
    period: Period,
    current: &Intake,
    history: &[(Period, &Intake)],
    measures: &Measures,
    scope: &Scope,
) -> Vec<Flag> {
    let m = Month {
        plan,
        period,
        current,
        history: history.to_vec(),
        measures,
        scope,
    };
    let rules: [fn(&Month) -> Vec<Flag>; 11] = [
        missing_submission,
        late_submission,
        missing_task,
        missing_indicator,
        overdue,
        due_soon,
        behind_schedule,
        indicator_off_target,
        indicator_mismatch,
        stale_progress,
        progress_regressed,
    ];
    rules.iter().flat_map(|rule| rule(&m)).collect()
}

// ------------------------------------------------------------ labels

fn figure_label(f: &Figure) -> String {
    format!("{} {}", f.id, f.name)
}

fn task_label(t: &Task) -> String {
    format!("第{}项任务「{}」", t.id, t.title)
}

// ------------------------------------------------------------ lookups

impl Month<'_> {
    /// Whether `department` sent an accepted file this period.
    fn submitted(&self, department: &str) -> bool {
        self.current.submissions.iter().any(|s| {
            s.status == FileStatus::Accepted && s.department.as_deref() == Some(department)
        })
    }

    /// The department's file (and sheet) holding `kind`, else its first accepted file.
    fn place(&self, department: &str, kind: SheetKind) -> Option<(String, Option<String>)> {
        let files: Vec<_> = self
            .current
            .submissions
            .iter()
            .filter(|s| {
                s.status == FileStatus::Accepted && s.department.as_deref() == Some(department)
            })
            .collect();
        files
            .iter()
            .find_map(|s| {
                s.sheets
                    .iter()
                    .find(|sh| sh.kind == kind)
                    .map(|sh| (s.file.clone(), Some(sh.name.clone())))
            })
            .or_else(|| files.first().map(|s| (s.file.clone(), None)))
    }

    fn placed(&self, flag: Flag, department: &str, kind: SheetKind) -> Flag {
        match self.place(department, kind) {
            Some((file, Some(sheet))) => flag.file(file).sheet(sheet),
            Some((file, None)) => flag.file(file),
            None => flag,
        }
    }

    /// A flag about figure `f`, located at its report row when there is one,
    /// and at the cell `look` names in that row when the sheet has it.
    fn figure_flag(&self, code: Code, f: &Figure, look: Look, message: String) -> Flag {
        let m = self.measures.figure(&f.id);
        let department = m
            .and_then(|m| m.reporter.clone())
            .unwrap_or_else(|| f.owner.clone());
        let mut flag = Flag::new(code, message)
            .department(department.clone())
            .figure(f.id.clone());
        if let Some(t) = f.task {
            flag = flag.task(t);
        }
        match m.and_then(|m| m.report.as_ref()) {
            Some(origin) => {
                let report = self.current.figures.iter().find(|r| r.origin == *origin);
                flag = flag.at(origin);
                match report.and_then(|r| look.column(r)) {
                    Some(column) => flag.column(column),
                    None => flag,
                }
            }
            None => self.placed(flag, &department, SheetKind::Figures),
        }
    }

    /// Whether flags about figure `f` belong in scope.
    fn covers_figure(&self, f: &Figure) -> bool {
        let reporter = self
            .measures
            .figure(&f.id)
            .and_then(|m| m.reporter.as_deref());
        self.scope.covers(&f.owner) || reporter.is_some_and(|r| self.scope.covers(r))
    }

    /// The latest reports of each lead of each task, in scope.
    fn lead_reports(&self) -> Vec<(&Task, &TaskReport)> {
        let mut out = Vec::new();
        for t in &self.plan.tasks {
            for l in t.leads.iter().filter(|l| self.scope.covers(l)) {
                if let Some(r) = latest_task_report(self.current, l, t.id) {
                    out.push((t, r));
                }
            }
        }
        out
    }

    /// Each department's latest report per task this period, in scope, with
    /// its latest earlier report on the same task and that report's period.
    fn with_previous(&self) -> Vec<(&TaskReport, Period, &TaskReport)> {
        let mut pairs: Vec<(&str, u32)> = self
            .current
            .tasks
            .iter()
            .filter(|r| self.scope.covers(&r.department))
            .map(|r| (r.department.as_str(), r.task))
            .collect();
        pairs.sort();
        pairs.dedup();
        pairs
            .into_iter()
            .filter_map(|(d, t)| {
                let now = latest_task_report(self.current, d, t)?;
                let (p, before) = self
                    .history
                    .iter()
                    .rev()
                    .find_map(|(p, i)| latest_task_report(i, d, t).map(|r| (*p, r)))?;
                Some((now, p, before))
            })
            .collect()
    }
}

/// Which cell of a figure report row a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    /// The cell the reported value came from: 累计值, else 本月值 when only
    /// that holds a value; 累计值 (else 本月值) when neither does.
    Value,
    /// 完成日期 (a dated milestone; its date may also sit in a value column).
    DoneDate,
    /// 上年同期 (a growth figure's base), else the value's cell.
    LastYear,
}

impl Look {
    /// The column letter of the cell in `r`'s row, when its sheet has the column.
    fn column(self, r: &FigureReport) -> Option<String> {
        let value: &[Field] = if r.cumulative.is_none() && r.month_value.is_some() {
            &[Field::MonthValue, Field::Cumulative]
        } else {
            &[Field::Cumulative, Field::MonthValue]
        };
        let fields: Vec<Field> = match self {
            Look::Value => value.to_vec(),
            Look::DoneDate => [Field::DoneDate]
                .into_iter()
                .chain(value.iter().copied())
                .collect(),
            Look::LastYear => [Field::LastYear]
                .into_iter()
                .chain(value.iter().copied())
                .collect(),
        };
        r.cells.column(&fields)
    }
}

/// A flag about task report `r`, located at the cell of the first of
/// `fields` its sheet has (else at its row).
fn at_cell(flag: Flag, r: &TaskReport, fields: &[Field]) -> Flag {
    let flag = flag.at(&r.origin);
    match r.cells.column(fields) {
        Some(c) => flag.column(c),
        None => flag,
    }
}

fn status_word(s: Option<Status>) -> String {
    match s {
        Some(s) => format!("「{}」", s.as_str()),
        None => "未填写".to_string(),
    }
}

// ------------------------------------------------------------ rules

/// MISSING_SUBMISSION: a department that leads tasks or owns figures sent no
/// accepted file this period (whole-month scope only).
pub fn missing_submission(m: &Month) -> Vec<Flag> {
    if *m.scope != Scope::Month {
        return Vec::new();
    }
    m.plan
        .departments
        .iter()
        .filter(|d| m.plan.must_report(&d.name) && !m.submitted(&d.name))
        .map(|d| {
            let tasks = m.plan.tasks_led_by(&d.name).count();
            let figures = m.plan.figures_owned_by(&d.name).count();
            Flag::new(
                Code::MissingSubmission,
                format!(
                    "{}未报送{}工作要点推进情况（牵头任务 {tasks} 项、负责指标 {figures} 项），请督促其尽快报送。",
                    d.name,
                    m.period.label()
                ),
            )
            .department(d.name.clone())
        })
        .collect()
}

/// LATE_SUBMISSION: a department's latest 填报日期 is after the reporting
/// deadline (whole-month scope only).
pub fn late_submission(m: &Month) -> Vec<Flag> {
    if *m.scope != Scope::Month {
        return Vec::new();
    }
    let due = m.plan.reporting.due_date(m.period);
    let mut out = Vec::new();
    for d in &m.plan.departments {
        let latest = m
            .current
            .submissions
            .iter()
            .filter(|s| {
                s.status == FileStatus::Accepted && s.department.as_deref() == Some(&d.name)
            })
            .filter_map(|s| s.filled.map(|f| (f, s)))
            .max_by_key(|(f, _)| *f);
        if let Some((filled, s)) = latest.filter(|(f, _)| *f > due) {
            let mut flag = Flag::new(
                Code::LateSubmission,
                format!(
                    "{}的{}报表填报日期为{}，晚于报送截止日{}，请今后按时报送。",
                    d.name,
                    m.period.label(),
                    text::date(filled),
                    text::date(due)
                ),
            )
            .department(d.name.clone())
            .file(s.file.clone());
            if let Some(at) = &s.filled_at {
                flag = flag
                    .sheet(at.sheet.clone())
                    .row(at.row)
                    .column(at.column.clone());
            }
            out.push(flag);
        }
    }
    out
}

/// MISSING_TASK: a lead department that sent something has no report for
/// one of the tasks it leads.
pub fn missing_task(m: &Month) -> Vec<Flag> {
    let mut out = Vec::new();
    for t in &m.plan.tasks {
        for l in &t.leads {
            if !m.scope.covers(l) || !m.submitted(l) {
                continue;
            }
            if latest_task_report(m.current, l, t.id).is_some() {
                continue;
            }
            let flag = Flag::new(
                Code::MissingTask,
                format!(
                    "{l}未报送{}的本月进展，请在任务进展表中补充该任务一行（任务编号 {}）。",
                    task_label(t),
                    t.id
                ),
            )
            .department(l.clone())
            .task(t.id);
            out.push(m.placed(flag, l, SheetKind::Tasks));
        }
    }
    out
}

/// MISSING_INDICATOR: a figure its owner must report (every kind but dated
/// milestones) has no value — neither a report nor a usable ledger — while
/// the owner sent a file this period.
pub fn missing_indicator(m: &Month) -> Vec<Flag> {
    let mut out = Vec::new();
    for f in &m.plan.figures {
        if f.kind == FigureKind::Date || !m.covers_figure(f) || !m.submitted(&f.owner) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        if fm.value.is_some() {
            continue;
        }
        let label = figure_label(f);
        let message = match (f.kind, f.ledger) {
            (FigureKind::Growth, _) if fm.reported_ytd.is_some() || fm.ytd.is_some() => format!(
                "{label}：已有本年累计数，但缺少上年同期数，无法计算增长率，请在量化指标表中填写上年同期。"
            ),
            (FigureKind::Growth, _) => format!(
                "{label}：未报送本年累计数和上年同期数，无法计算增长率，请在量化指标表中填写。"
            ),
            (_, Some(src)) if fm.ledger_sent => format!(
                "{label}：已报送{}，但台账未包含本年以来每个月的记录（或缺少计算所需的内容），无法据此计算该指标，也未填写数值，请在量化指标表中填写累计值。",
                src.ledger.title()
            ),
            (_, Some(src)) => format!(
                "{label}：未报送数值，也未报送{}，请在量化指标表中填写累计值或附上台账。",
                src.ledger.title()
            ),
            (_, None) => format!("{label}：未报送数值，请在量化指标表中填写累计值。"),
        };
        // A growth figure with this year's count lacks last year's.
        let look =
            if f.kind == FigureKind::Growth && (fm.reported_ytd.is_some() || fm.ytd.is_some()) {
                Look::LastYear
            } else {
                Look::Value
            };
        out.push(m.figure_flag(Code::MissingIndicator, f, look, message));
    }
    out
}

/// OVERDUE: a dated milestone due on or before the as-of date without a
/// completion date; a count milestone due by then below its target; a lead's
/// task whose planned completion date has passed and that is not 已完成.
pub fn overdue(m: &Month) -> Vec<Flag> {
    let as_of = m.period.as_of();
    let mut out = Vec::new();
    for f in m.plan.figures.iter().filter(|f| f.due <= as_of) {
        if !m.covers_figure(f) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let label = figure_label(f);
        let message = match f.kind {
            FigureKind::Date if fm.done.is_none() => format!(
                "{label}：完成时限为{}，截至{}未报送完成日期，已逾期，请填写完成日期或说明原因。",
                text::date(f.due),
                text::date(as_of)
            ),
            FigureKind::Count => {
                let (Some(target), true) = (f.target, f.comparator.higher_is_better()) else {
                    continue;
                };
                match fm.value {
                    Some(v) if f.comparator.holds(v, target) => continue,
                    Some(v) => format!(
                        "{label}：完成时限为{}，目标 {}，截至{}累计 {}，未完成，已逾期，请说明原因。",
                        text::date(f.due),
                        text::quantity(target, &f.unit),
                        text::date(as_of),
                        text::quantity(v, &f.unit)
                    ),
                    None => format!(
                        "{label}：完成时限为{}，目标 {}，截至{}未报送完成数，已逾期，请填写累计值或说明原因。",
                        text::date(f.due),
                        text::quantity(target, &f.unit),
                        text::date(as_of)
                    ),
                }
            }
            _ => continue,
        };
        let look = if f.kind == FigureKind::Date {
            Look::DoneDate
        } else {
            Look::Value
        };
        out.push(m.figure_flag(Code::Overdue, f, look, message));
    }
    for (t, r) in m.lead_reports() {
        let Some(planned) = r.planned.filter(|p| *p <= as_of) else {
            continue;
        };
        if r.status == Some(Status::Done) {
            continue;
        }
        // The status is what must change (or be explained); the message
        // gives the planned date that passed.
        let flag = Flag::new(
            Code::Overdue,
            format!(
                "{}：计划完成时间为{}，截至{}完成状态为{}，已逾期，请说明原因并明确完成时间。",
                task_label(t),
                text::date(planned),
                text::date(as_of),
                status_word(r.status)
            ),
        )
        .department(r.department.clone())
        .task(t.id);
        out.push(at_cell(
            flag,
            r,
            &[Field::Status, Field::Progress, Field::Planned],
        ));
    }
    out
}

/// DUE_SOON: a milestone or a lead's planned completion date falls within
/// the next month (after the as-of date, up to the next month's end) and it
/// is not done.
pub fn due_soon(m: &Month) -> Vec<Flag> {
    let as_of = m.period.as_of();
    let horizon = m.period.next().as_of();
    let soon = |d: NaiveDate| as_of < d && d <= horizon;
    let mut out = Vec::new();
    for f in m.plan.figures.iter().filter(|f| soon(f.due)) {
        if !f.is_milestone() || !m.covers_figure(f) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let label = figure_label(f);
        let message = match (f.kind, f.target) {
            (FigureKind::Date, _) if fm.done.is_none() => format!(
                "{label}：完成时限为{}，尚未报送完成，请抓紧推进。",
                text::date(f.due)
            ),
            (FigureKind::Count, Some(target))
                if !fm.value.is_some_and(|v| f.comparator.holds(v, target)) =>
            {
                format!(
                    "{label}：完成时限为{}，目标 {}，目前累计 {}，请抓紧推进。",
                    text::date(f.due),
                    text::quantity(target, &f.unit),
                    fm.value
                        .map_or("未报送".to_string(), |v| text::quantity(v, &f.unit))
                )
            }
            _ => continue,
        };
        let look = if f.kind == FigureKind::Date {
            Look::DoneDate
        } else {
            Look::Value
        };
        out.push(m.figure_flag(Code::DueSoon, f, look, message));
    }
    for (t, r) in m.lead_reports() {
        let Some(planned) = r.planned.filter(|p| soon(*p)) else {
            continue;
        };
        if r.status == Some(Status::Done) {
            continue;
        }
        let flag = Flag::new(
            Code::DueSoon,
            format!(
                "{}：计划完成时间为{}，临近时限，请抓紧推进。",
                task_label(t),
                text::date(planned)
            ),
        )
        .department(r.department.clone())
        .task(t.id);
        out.push(at_cell(flag, r, &[Field::Planned]));
    }
    out
}

/// BEHIND_SCHEDULE: a cumulative indicator or count milestone below its
/// time-progress expectation (target × months elapsed / months until due).
/// A count milestone already due is OVERDUE instead.
pub fn behind_schedule(m: &Month) -> Vec<Flag> {
    let as_of = m.period.as_of();
    let mut out = Vec::new();
    for f in &m.plan.figures {
        if !f.kind.is_cumulative() || !m.covers_figure(f) {
            continue;
        }
        if f.kind == FigureKind::Count && f.due <= as_of {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let (Some(v), Some(expected), Some(target)) = (fm.value, fm.expected, f.target) else {
            continue;
        };
        if v >= expected {
            continue;
        }
        let (elapsed, total) = time_share(m.plan.year, f.due, m.period);
        let done = if expected > 0.0 { v / expected } else { 0.0 };
        out.push(m.figure_flag(
            Code::BehindSchedule,
            f,
            Look::Value,
            format!(
                "{}：累计 {}，序时进度应达 {}（目标 {} × {elapsed}/{total}），完成 {}。请加快推进。",
                figure_label(f),
                text::quantity(v, &f.unit),
                text::quantity(expected, &f.unit),
                text::quantity(target, &f.unit),
                text::percent(done)
            ),
        ));
    }
    out
}

/// INDICATOR_OFF_TARGET: a level or growth indicator, or an upper-bound
/// figure, whose value does not meet its comparator.
pub fn indicator_off_target(m: &Month) -> Vec<Flag> {
    let mut out = Vec::new();
    for f in &m.plan.figures {
        let applies = matches!(f.kind, FigureKind::Level | FigureKind::Growth)
            || (f.kind.is_cumulative() && !f.comparator.higher_is_better());
        if !applies || !m.covers_figure(f) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let (Some(v), Some(target)) = (fm.value, f.target) else {
            continue;
        };
        if f.comparator.holds(v, target) {
            continue;
        }
        let goal = text::goal(f);
        let message = match (f.kind, fm.ytd, fm.last_year) {
            (FigureKind::Growth, Some(ytd), Some(ly)) => format!(
                "{}：本年累计 {}，上年同期 {}，增长 {}{}，目标为 {goal}，未达目标。",
                figure_label(f),
                text::number(ytd),
                text::number(ly),
                text::number((v * 10.0).round() / 10.0),
                f.unit
            ),
            _ => format!(
                "{}：当前 {}，目标为 {goal}，未达目标。",
                figure_label(f),
                text::quantity(v, &f.unit)
            ),
        };
        out.push(m.figure_flag(Code::IndicatorOffTarget, f, Look::Value, message));
    }
    out
}

/// INDICATOR_MISMATCH: a reported figure differs from the one derived from
/// the ledger by more than the plan's tolerance (relative to the ledger's).
/// For growth the year-to-date counts are compared. The ledger wins.
pub fn indicator_mismatch(m: &Month) -> Vec<Flag> {
    let tolerance = m.plan.thresholds.mismatch;
    let mut out = Vec::new();
    for f in &m.plan.figures {
        let (Some(src), true) = (f.ledger, m.covers_figure(f)) else {
            continue;
        };
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let (reported, ledger, unit) = if f.kind == FigureKind::Growth {
            if fm.source != Source::Ledger {
                continue;
            }
            (fm.reported_ytd, fm.ytd, "件")
        } else {
            (fm.reported, fm.ledger, f.unit.as_str())
        };
        let (Some(r), Some(l)) = (reported, ledger) else {
            continue;
        };
        let diff = (r - l).abs();
        let relative = if l.abs() > f64::EPSILON {
            diff / l.abs()
        } else if diff > f64::EPSILON {
            f64::INFINITY
        } else {
            0.0
        };
        if relative <= tolerance {
            continue;
        }
        let gap = if relative.is_finite() {
            format!("，相差 {}", text::percent(relative))
        } else {
            String::new()
        };
        out.push(m.figure_flag(
            Code::IndicatorMismatch,
            f,
            Look::Value,
            format!(
                "{}：报送累计值 {}，{}统计为 {}{gap}，以台账为准，请核对。",
                figure_label(f),
                text::quantity(r, unit),
                src.ledger.title(),
                text::quantity(l, unit)
            ),
        ));
    }
    out
}

/// STALE_PROGRESS: a department's 本月进展 for a task is the same (after
/// trimming) as its text for the task in its latest earlier report.
pub fn stale_progress(m: &Month) -> Vec<Flag> {
    let mut out = Vec::new();
    for (now, p, before) in m.with_previous() {
        let text = now.text.trim();
        if text.is_empty() || text != before.text.trim() {
            continue;
        }
        // A task done then and done now has nothing new to say.
        if now.status == Some(Status::Done) && before.status == Some(Status::Done) {
            continue;
        }
        let title = m
            .plan
            .task(now.task)
            .map_or_else(|| format!("第{}项任务", now.task), task_label);
        let flag = Flag::new(
            Code::StaleProgress,
            format!(
                "{title}：本月进展与{}报送的内容完全相同，请填写本月的新进展。",
                p.label()
            ),
        )
        .department(now.department.clone())
        .task(now.task);
        out.push(at_cell(flag, now, &[Field::ProgressText]));
    }
    out
}

/// PROGRESS_REGRESSED: progress lower than in the department's latest
/// earlier report on the task, or 已完成 then and not now (at the 完成状态
/// cell, also when the percentage fell with it).
pub fn progress_regressed(m: &Month) -> Vec<Flag> {
    let mut out = Vec::new();
    for (now, p, before) in m.with_previous() {
        let title = m
            .plan
            .task(now.task)
            .map_or_else(|| format!("第{}项任务", now.task), task_label);
        let lower = match (now.progress, before.progress) {
            (Some(a), Some(b)) if a + 1e-9 < b => Some((a, b)),
            _ => None,
        };
        let undone =
            before.status == Some(Status::Done) && now.status.is_some_and(|s| s != Status::Done);
        // A task no longer 已完成 is about its status (the bigger claim went
        // back, whatever the percentage did); else about the percentage.
        let (message, cell) = match (undone, lower) {
            (true, _) => (
                format!(
                    "{title}：{}已报「已完成」，本月为{}{}，请核实。",
                    p.label(),
                    status_word(now.status),
                    lower.map_or(String::new(), |(a, _)| format!(
                        "（完成进度 {}）",
                        text::progress(a)
                    ))
                ),
                [Field::Status, Field::Progress],
            ),
            (false, Some((a, b))) => (
                format!(
                    "{title}：完成进度 {}，低于{}的 {}，请核实。",
                    text::progress(a),
                    p.label(),
                    text::progress(b)
                ),
                [Field::Progress, Field::Status],
            ),
            (false, None) => continue,
        };
        let flag = Flag::new(Code::ProgressRegressed, message)
            .department(now.department.clone())
            .task(now.task);
        out.push(at_cell(flag, now, &cell));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Cells;
    use crate::import::sample::{Builder, d, january, p, plan, refs};
    use crate::measure::measure;
    use crate::plan::LedgerKind;

    fn run_scoped(
        period: &str,
        current: &Intake,
        history: &[(Period, Intake)],
        scope: &Scope,
    ) -> Vec<Flag> {
        let plan = plan();
        let period = p(period);
        let history = refs(history);
        let m = measure(&plan, period, current, &history);
        check(&plan, period, current, &history, &m, scope)
    }

    fn run(period: &str, current: &Intake, history: &[(Period, Intake)]) -> Vec<Flag> {
        run_scoped(period, current, history, &Scope::Month)
    }

    fn of(flags: &[Flag], code: Code) -> Vec<&Flag> {
        flags.iter().filter(|f| f.code == code).collect()
    }

    /// Every task 办公室 leads, reported 推进中.
    fn office(b: Builder) -> Builder {
        [2, 22, 23, 24, 25].into_iter().fold(b, |b, t| {
            b.task(
                "办公室",
                t,
                Some(Status::InProgress),
                Some(50.0),
                "按计划推进",
            )
        })
    }

    #[test]
    fn missing_submission_names_each_silent_department() {
        let current = office(Builder::new("2025-03")).build();
        let flags = run("2025-03", &current, &[]);
        let missing = of(&flags, Code::MissingSubmission);
        let names: Vec<_> = missing
            .iter()
            .filter_map(|f| f.department.as_deref())
            .collect();
        assert_eq!(names, ["发展促进处", "监管与预警处", "保护处", "保护中心"]);
        assert!(
            missing[2].message.contains("保护处未报送2025年3月"),
            "{}",
            missing[2].message
        );
        assert_eq!(missing[0].severity(), crate::flag::Severity::Error);
        // A self-check is not about the month as a whole.
        let own = run_scoped(
            "2025-03",
            &current,
            &[],
            &Scope::Departments(vec!["办公室".into()]),
        );
        assert!(of(&own, Code::MissingSubmission).is_empty());
    }

    #[test]
    fn missing_task_only_for_departments_that_sent_something() {
        let current = Builder::new("2025-03")
            .task("办公室", 2, Some(Status::InProgress), Some(50.0), "已起草")
            .build();
        let flags = run("2025-03", &current, &[]);
        let missing = of(&flags, Code::MissingTask);
        let tasks: Vec<_> = missing.iter().filter_map(|f| f.task).collect();
        assert_eq!(tasks, [22, 23, 24, 25]);
        assert!(
            missing
                .iter()
                .all(|f| f.department.as_deref() == Some("办公室"))
        );
        assert_eq!(missing[0].file.as_deref(), Some("2025-03/办公室.xlsx"));
        assert_eq!(missing[0].sheet.as_deref(), Some("任务进展"));
        assert!(
            missing[0].message.contains("第22项任务「夯实基层党建」"),
            "{}",
            missing[0].message
        );
    }

    #[test]
    fn missing_indicator_when_no_value_and_no_ledger() {
        let current = Builder::new("2025-03")
            .task(
                "保护处",
                9,
                Some(Status::InProgress),
                Some(30.0),
                "开展执法",
            )
            .build();
        let flags = run("2025-03", &current, &[]);
        let missing = of(&flags, Code::MissingIndicator);
        let ids: Vec<_> = missing.iter().filter_map(|f| f.figure.as_deref()).collect();
        // I4 and the count milestone 12.1; dated milestones are not asked for.
        assert_eq!(ids, ["I4", "12.1"]);
        assert!(
            missing[0].message.contains("纠纷调解台账"),
            "{}",
            missing[0].message
        );

        // A ledger (or a reported value) settles it.
        let current = Builder::new("2025-03")
            .ledger("保护处", LedgerKind::Mediation, "TJ-1", d(2025, 1, 3))
            .ledger("保护处", LedgerKind::Mediation, "TJ-2", d(2025, 2, 3))
            .ledger("保护处", LedgerKind::Mediation, "TJ-3", d(2025, 3, 3))
            .figure("保护处", "12.1", Some(1.0), None, None)
            .build();
        let flags = run("2025-03", &current, &january());
        assert!(of(&flags, Code::MissingIndicator).is_empty(), "{flags:#?}");
    }

    #[test]
    fn missing_indicator_for_growth_without_last_year() {
        let current = Builder::new("2025-03")
            .figure("保护中心", "I7", Some(1200.0), None, None)
            .build();
        let flags = run("2025-03", &current, &[]);
        let missing = of(&flags, Code::MissingIndicator);
        assert_eq!(missing.len(), 1);
        assert!(
            missing[0].message.contains("上年同期"),
            "{}",
            missing[0].message
        );
        // The empty 上年同期 cell is what to fill.
        assert_eq!(
            (missing[0].row, missing[0].column.as_deref()),
            (Some(4), Some("F"))
        );
    }

    #[test]
    fn overdue_milestones_and_planned_dates() {
        let current = office(Builder::new("2025-04"))
            .task_planned(
                "发展促进处",
                5,
                Some(Status::InProgress),
                Some(40.0),
                "筛选中",
                Some(d(2025, 3, 31)),
            )
            .task_planned(
                "发展促进处",
                1,
                Some(Status::Done),
                Some(100.0),
                "已完成",
                Some(d(2025, 3, 31)),
            )
            .build();
        let flags = run("2025-04", &current, &[]);
        let overdue = of(&flags, Code::Overdue);
        // 2.1 (due 3-31, no completion date) and task 5's planned date; task 1 is done.
        let about: Vec<_> = overdue
            .iter()
            .map(|f| (f.task, f.figure.as_deref()))
            .collect();
        assert_eq!(about, [(Some(2), Some("2.1")), (Some(5), None)]);
        assert!(
            overdue[0].message.contains("2025年3月31日"),
            "{}",
            overdue[0].message
        );
        assert_eq!(overdue[1].file.as_deref(), Some("2025-04/发展促进处.xlsx"));
        assert_eq!(overdue[1].row, Some(4), "at task 5's report row");
        // At the status cell, which must change; the planned date is in the message.
        assert_eq!(overdue[1].column.as_deref(), Some("D"));
        assert!(overdue[1].message.contains("计划完成时间为2025年3月31日"));
        // 2.1 has no report row: its file and sheet, no cell.
        assert_eq!((overdue[0].row, overdue[0].column.as_deref()), (None, None));

        // A completion date on or before the as-of date clears the milestone,
        // also when it was reported in an earlier month.
        let march = Builder::new("2025-03")
            .figure("办公室", "2.1", None, None, Some(d(2025, 3, 25)))
            .build();
        let flags = run(
            "2025-04",
            &office(Builder::new("2025-04")).build(),
            &[(p("2025-03"), march)],
        );
        assert!(of(&flags, Code::Overdue).is_empty(), "{flags:#?}");
    }

    #[test]
    fn overdue_count_milestone_at_its_due_date() {
        let current = Builder::new("2025-12")
            .figure("发展促进处", "5.1", Some(3.0), None, None)
            .figure("监管与预警处", "8.1", Some(3.0), None, None)
            .build();
        let flags = run("2025-12", &current, &[]);
        let overdue: Vec<_> = of(&flags, Code::Overdue)
            .into_iter()
            .filter_map(|f| f.figure.as_deref())
            .filter(|f| ["5.1", "8.1"].contains(f))
            .collect();
        assert_eq!(overdue, ["5.1"], "8.1 met its target of 3");
    }

    #[test]
    fn due_soon_within_the_next_month() {
        let current = office(Builder::new("2025-02"))
            .task_planned(
                "保护处",
                11,
                Some(Status::InProgress),
                Some(40.0),
                "起草方案",
                Some(d(2025, 3, 15)),
            )
            .task_planned(
                "保护处",
                12,
                Some(Status::InProgress),
                Some(40.0),
                "征集中",
                Some(d(2025, 4, 1)),
            )
            .build();
        let flags = run("2025-02", &current, &[]);
        let soon = of(&flags, Code::DueSoon);
        let about: Vec<_> = soon.iter().map(|f| (f.task, f.figure.as_deref())).collect();
        assert_eq!(about, [(Some(2), Some("2.1")), (Some(11), None)]);
        assert!(
            soon.iter()
                .all(|f| f.severity() == crate::flag::Severity::Info)
        );
        // The planned date's cell.
        assert_eq!(
            (soon[1].row, soon[1].column.as_deref()),
            (Some(4), Some("G"))
        );
    }

    #[test]
    fn a_dated_milestone_points_at_its_completion_date() {
        // Reported without a date: overdue in April, due soon in February.
        let row = |period: &str| {
            office(Builder::new(period))
                .figure("办公室", "2.1", None, None, None)
                .build()
        };
        let flags = run("2025-04", &row("2025-04"), &[]);
        let overdue = of(&flags, Code::Overdue);
        assert_eq!(overdue.len(), 1, "{overdue:#?}");
        assert_eq!(
            (
                overdue[0].sheet.as_deref(),
                overdue[0].row,
                overdue[0].column.as_deref()
            ),
            (Some("量化指标"), Some(4), Some("G"))
        );
        let flags = run("2025-02", &row("2025-02"), &[]);
        let soon = of(&flags, Code::DueSoon);
        assert_eq!(soon.len(), 1, "{soon:#?}");
        assert_eq!(
            (soon[0].row, soon[0].column.as_deref()),
            (Some(4), Some("G"))
        );

        // A sheet without a 完成日期 column: the date goes in 累计值.
        let mut current = row("2025-04");
        current.figures[0].cells = Cells::new([(Field::FigureId, 0), (Field::Cumulative, 2)]);
        let flags = run("2025-04", &current, &[]);
        assert_eq!(of(&flags, Code::Overdue)[0].column.as_deref(), Some("C"));
        // Nor that: the row, no cell.
        current.figures[0].cells = Cells::default();
        let flags = run("2025-04", &current, &[]);
        let overdue = of(&flags, Code::Overdue);
        assert_eq!(
            (overdue[0].row, overdue[0].column.as_deref()),
            (Some(4), None)
        );
    }

    #[test]
    fn behind_schedule_message_has_the_numbers() {
        let current = Builder::new("2025-03")
            .figure("保护处", "I4", Some(612.0), None, None)
            .figure("办公室", "24.1", Some(4.0), None, None)
            .build();
        let flags = run("2025-03", &current, &[]);
        let behind = of(&flags, Code::BehindSchedule);
        assert_eq!(behind.len(), 1, "24.1: 4 ≥ 15 × 3/12 = 3.75");
        assert!(
            behind[0].message.starts_with(
                "I4 知识产权纠纷调解案件数：累计 612 件，序时进度应达 750 件（目标 3,000 件 × 3/12），完成 81.6%。"
            ),
            "{}",
            behind[0].message
        );
        assert_eq!(behind[0].department.as_deref(), Some("保护处"));
        assert_eq!(behind[0].file.as_deref(), Some("2025-03/保护处.xlsx"));
        // The 累计值 cell of I4's row.
        assert_eq!(
            (behind[0].row, behind[0].column.as_deref()),
            (Some(4), Some("E"))
        );
    }

    #[test]
    fn off_target_for_level_growth_and_upper_bounds() {
        let current = Builder::new("2025-03")
            .figure("监管与预警处", "I1", Some(106.0), None, None)
            .figure("监管与预警处", "I3", Some(50.0), None, None)
            .figure("监管与预警处", "I9", Some(5.4), None, None)
            .figure("保护中心", "I7", Some(1200.0), Some(1100.0), None)
            .build();
        let flags = run("2025-03", &current, &[]);
        let off: Vec<_> = of(&flags, Code::IndicatorOffTarget)
            .into_iter()
            .filter_map(|f| f.figure.as_deref())
            .collect();
        assert_eq!(off, ["I3", "I7", "I9"], "I1 106 > 105 holds");
        let i7 = flags
            .iter()
            .find(|f| f.figure.as_deref() == Some("I7"))
            .map(|f| f.message.clone())
            .unwrap_or_default();
        assert!(i7.contains("增长 9.1%"), "{i7}");
        let column = |id: &str| {
            of(&flags, Code::IndicatorOffTarget)
                .into_iter()
                .find(|f| f.figure.as_deref() == Some(id))
                .and_then(|f| f.column.clone())
        };
        assert_eq!(column("I3").as_deref(), Some("E"));
        assert_eq!(column("I7").as_deref(), Some("E"), "this year's count");
    }

    #[test]
    fn a_level_figure_reported_as_the_months_value_points_there() {
        let mut current = Builder::new("2025-03")
            .figure("监管与预警处", "I3", None, None, None)
            .build();
        current.figures[0].month_value = Some(50.0);
        let flags = run("2025-03", &current, &[]);
        let off = of(&flags, Code::IndicatorOffTarget);
        assert_eq!(off.len(), 1, "{off:#?}");
        assert_eq!((off[0].row, off[0].column.as_deref()), (Some(4), Some("D")));
    }

    #[test]
    fn mismatch_beyond_tolerance_only() {
        let ledger = |b: Builder, n: usize| {
            (0..n).fold(b, |b, i| {
                b.ledger(
                    "保护处",
                    LedgerKind::Mediation,
                    &format!("TJ-{i}"),
                    d(2025, 1 + (i % 3) as u32, 3),
                )
            })
        };
        let current = ledger(Builder::new("2025-03"), 200)
            .figure("保护处", "I4", Some(203.0), None, None)
            .build();
        let flags = run("2025-03", &current, &january());
        let mismatch = of(&flags, Code::IndicatorMismatch);
        assert_eq!(mismatch.len(), 1);
        assert!(
            mismatch[0]
                .message
                .contains("报送累计值 203 件，纠纷调解台账统计为 200 件，相差 1.5%"),
            "{}",
            mismatch[0].message
        );
        assert_eq!(
            (
                mismatch[0].sheet.as_deref(),
                mismatch[0].row,
                mismatch[0].column.as_deref()
            ),
            (Some("量化指标"), Some(4), Some("E"))
        );
        let current = ledger(Builder::new("2025-03"), 200)
            .figure("保护处", "I4", Some(201.0), None, None)
            .build();
        assert!(
            of(
                &run("2025-03", &current, &january()),
                Code::IndicatorMismatch
            )
            .is_empty()
        );
    }

    #[test]
    fn stale_progress_against_last_month() {
        let feb = Builder::new("2025-02")
            .task(
                "保护处",
                9,
                Some(Status::InProgress),
                Some(20.0),
                "开展专项执法行动",
            )
            .task(
                "保护处",
                11,
                Some(Status::InProgress),
                Some(20.0),
                "起草方案",
            )
            .task("保护处", 12, Some(Status::Done), Some(100.0), "已发布")
            .build();
        let mar = Builder::new("2025-03")
            .task(
                "保护处",
                9,
                Some(Status::InProgress),
                Some(30.0),
                " 开展专项执法行动\n",
            )
            .task(
                "保护处",
                11,
                Some(Status::InProgress),
                Some(40.0),
                "方案已报局务会",
            )
            .task("保护处", 12, Some(Status::Done), Some(100.0), "已发布")
            .build();
        let flags = run("2025-03", &mar, &[(p("2025-02"), feb)]);
        let stale = of(&flags, Code::StaleProgress);
        assert_eq!(stale.len(), 1, "{stale:#?}");
        assert_eq!(stale[0].task, Some(9));
        assert_eq!(
            (stale[0].row, stale[0].column.as_deref()),
            (Some(4), Some("F")),
            "the 本月进展 cell"
        );
        assert!(
            stale[0].message.contains("2025年2月"),
            "{}",
            stale[0].message
        );
    }

    #[test]
    fn progress_regressed_in_percent_or_status() {
        let feb = Builder::new("2025-02")
            .task("保护处", 9, Some(Status::InProgress), Some(60.0), "a")
            .task("保护处", 11, Some(Status::Done), Some(100.0), "b")
            .task("保护处", 12, Some(Status::InProgress), Some(30.0), "c")
            .task("保护处", 13, Some(Status::Done), Some(100.0), "d")
            .build();
        let mar = Builder::new("2025-03")
            .task("保护处", 9, Some(Status::InProgress), Some(40.0), "a2")
            .task("保护处", 11, Some(Status::InProgress), Some(100.0), "b2")
            .task("保护处", 12, Some(Status::InProgress), Some(50.0), "c2")
            .task("保护处", 13, Some(Status::InProgress), Some(70.0), "d2")
            .build();
        let flags = run("2025-03", &mar, &[(p("2025-02"), feb)]);
        let regressed = of(&flags, Code::ProgressRegressed);
        let tasks: Vec<_> = regressed.iter().filter_map(|f| f.task).collect();
        assert_eq!(tasks, [9, 11, 13]);
        assert!(
            regressed[0]
                .message
                .contains("完成进度 40%，低于2025年2月的 60%")
        );
        assert!(regressed[1].message.contains("已报「已完成」"));
        // The percentage's cell, or the status's when the status went back.
        let columns: Vec<_> = regressed.iter().map(|f| f.column.as_deref()).collect();
        assert_eq!(columns, [Some("E"), Some("D"), Some("D")]);
        // Both went back: the status, with the percentage beside it.
        assert!(
            regressed[2]
                .message
                .contains("2025年2月已报「已完成」，本月为「推进中」（完成进度 70%）"),
            "{}",
            regressed[2].message
        );
    }

    #[test]
    fn late_submission_after_the_fifth() {
        let current = office(Builder::new("2025-03"))
            .filled("办公室", d(2025, 4, 8))
            .task("保护处", 9, None, None, "x")
            .filled("保护处", d(2025, 4, 5))
            .build();
        let flags = run("2025-03", &current, &[]);
        let late: Vec<_> = of(&flags, Code::LateSubmission)
            .into_iter()
            .filter_map(|f| f.department.as_deref())
            .collect();
        assert_eq!(late, ["办公室"]);
        // At the 填报日期 cell.
        let f = of(&flags, Code::LateSubmission)[0];
        assert_eq!(
            (
                f.file.as_deref(),
                f.sheet.as_deref(),
                f.row,
                f.column.as_deref()
            ),
            (
                Some("2025-03/办公室.xlsx"),
                Some("任务进展"),
                Some(2),
                Some("G")
            )
        );
    }

    #[test]
    fn department_scope_keeps_to_its_own_tasks() {
        let current = Builder::new("2025-03")
            .task("保护处", 9, Some(Status::InProgress), Some(30.0), "x")
            .task("办公室", 2, Some(Status::InProgress), Some(30.0), "y")
            .build();
        let flags = run_scoped(
            "2025-03",
            &current,
            &[],
            &Scope::Departments(vec!["保护处".into()]),
        );
        assert!(!flags.is_empty());
        assert!(
            flags
                .iter()
                .all(|f| f.department.as_deref() == Some("保护处")),
            "{flags:#?}"
        );
    }
}
