//! Summarising a period: tasks consolidated across their leads with 督办
//! lights ([`tasks`]), figures with their lights ([`figures`]), departments
//! ([`departments`]), reconciled totals, and the month-by-month trends
//! ([`trends`]) — the [`Summary`] every output renders; and, from it, what
//! goes back to each department ([`feedback`]) in a pre-filled workbook
//! ([`fill`], also next month's template carried forward). Plain Rust over tens
//! of rows: the ledgers were pooled with polars when measuring. How lights
//! are decided is described in `docs/workbook.md`.

mod chase;
mod departments;
pub mod feedback;
mod figures;
pub mod fill;
mod tasks;
#[cfg(test)]
mod tests;
mod trends;

pub use chase::{Chase, ChaseLine, Standing, chase};
pub use figures::figure_light;
pub use tasks::task_status;
pub use trends::Recount;

use chrono::NaiveDate;

use crate::flag::{self, Flag};
use crate::import::{FigureReport, Intake, Status, Submission, TaskReport, Unaccepted};
use crate::measure::{LedgerTally, Measures, Source};
use crate::period::Period;
use crate::plan::{Figure, Plan};

/// A 督办 light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Light {
    /// 逾期 / 未报送 / 滞后.
    Red,
    /// 未达序时进度.
    Yellow,
    /// 临近时限.
    Blue,
    /// 正常.
    Green,
}

impl Light {
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Blue => "blue",
            Light::Green => "green",
        }
    }

    /// The label a leader reads: `红灯（逾期）` etc.
    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Blue => "蓝灯",
            Light::Green => "绿灯",
        }
    }

    /// What the light means.
    pub fn meaning(self) -> &'static str {
        match self {
            Light::Red => "逾期或未报送",
            Light::Yellow => "未达序时进度",
            Light::Blue => "临近时限",
            Light::Green => "正常推进",
        }
    }
}

/// A task's consolidated status: the worst of its leads' reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TaskStatus {
    /// A lead sent nothing for the task.
    NotReported,
    Behind,
    NotStarted,
    InProgress,
    Done,
}

impl TaskStatus {
    /// The word a leader reads; the four reported states are spelt by [`Status`].
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::NotReported => "未报送",
            TaskStatus::Behind => Status::Behind.as_str(),
            TaskStatus::NotStarted => Status::NotStarted.as_str(),
            TaskStatus::InProgress => Status::InProgress.as_str(),
            TaskStatus::Done => Status::Done.as_str(),
        }
    }
}

impl From<Status> for TaskStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::NotStarted => TaskStatus::NotStarted,
            Status::InProgress => TaskStatus::InProgress,
            Status::Done => TaskStatus::Done,
            Status::Behind => TaskStatus::Behind,
        }
    }
}

/// One lead's (or contributor's) report as shown beside a task.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadReport {
    pub department: String,
    /// `None` when the lead sent nothing (or left the status empty).
    pub status: Option<Status>,
    pub progress: Option<f64>,
    pub text: String,
    pub problems: String,
    pub next_steps: String,
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<u32>,
}

/// One task, consolidated.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub id: u32,
    pub section: String,
    pub section_title: String,
    pub title: String,
    pub leads: Vec<String>,
    pub status: TaskStatus,
    pub progress: Option<f64>,
    pub light: Light,
    /// One per lead, in the plan's order (a lead that sent nothing has an empty report).
    pub reports: Vec<LeadReport>,
    /// Reports by departments that do not lead the task (NOT_LEAD).
    pub contributions: Vec<LeadReport>,
    /// Number of flags about this task.
    pub flag_count: usize,
    /// Why the task has its light, in a few words (`保护中心未报送；进度20%`).
    pub reason: String,
}

/// One indicator or milestone with its value and light.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureLine {
    /// The plan's figure: id, name, unit, kind, target, due date, owner.
    pub figure: Figure,
    pub value: Option<f64>,
    pub source: Source,
    /// The department's reported figure (累计值; for growth, the computed percentage).
    pub reported: Option<f64>,
    /// The figure derived from the ledger, when one was sent.
    pub ledger: Option<f64>,
    /// Expected-to-date for cumulative figures and count milestones:
    /// target × month / 12 (× months elapsed / months until due for a
    /// milestone due before year end).
    pub expected: Option<f64>,
    /// value / target.
    pub completion: Option<f64>,
    pub light: Light,
    /// Completion date of a dated milestone.
    pub done: Option<NaiveDate>,
    /// Why the figure has its light, in a few words (`本期612 件，序时进度应达750 件`).
    pub reason: String,
}

/// Whether and when a department reported for the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reporting {
    /// Nothing accepted was received.
    Missing,
    /// Received, filled after the due date.
    Late,
    OnTime,
}

impl Reporting {
    /// 未报送, 逾期报送, 已报送.
    pub fn as_str(self) -> &'static str {
        match self {
            Reporting::Missing => "未报送",
            Reporting::Late => "逾期报送",
            Reporting::OnTime => "已报送",
        }
    }
}

/// One department's reporting for the period.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentLine {
    pub name: String,
    pub submitted: bool,
    pub files: Vec<String>,
    pub tasks_assigned: usize,
    pub tasks_reported: usize,
    pub figures_owned: usize,
    pub figures_reported: usize,
    /// 填报日期, the latest over the department's files.
    pub filled: Option<NaiveDate>,
    /// Whether it reported after the deadline.
    pub late: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Info flags (DUE_SOON) about the department.
    pub infos: usize,
}

/// One figure's value at the end of one month, for the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub period: String,
    pub figure: String,
    pub value: Option<f64>,
    pub expected: Option<f64>,
}

/// Task lights per month, for the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTrend {
    pub period: String,
    pub reported: usize,
    pub done: usize,
    pub red: usize,
    pub yellow: usize,
    pub blue: usize,
    pub green: usize,
}

/// Reconciled row counts over all inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub files: usize,
    pub rows_read: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub skipped: usize,
}

/// Everything the report renders: the JSON report's content plus the tables
/// only the workbook shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub period: Period,
    pub as_of: NaiveDate,
    /// The plan's name.
    pub plan: String,
    pub bureau: String,
    pub inputs: Vec<Submission>,
    pub tasks: Vec<TaskLine>,
    pub figures: Vec<FigureLine>,
    pub departments: Vec<DepartmentLine>,
    pub flags: Vec<Flag>,
    pub totals: Totals,
    pub ledgers: Vec<LedgerTally>,
    pub figure_trend: Vec<TrendPoint>,
    pub task_trend: Vec<TaskTrend>,
    /// Accepted task reports (进展明细).
    pub task_details: Vec<TaskReport>,
    /// Accepted figure reports (进展明细).
    pub figure_details: Vec<FigureReport>,
    pub unaccepted: Vec<Unaccepted>,
}

impl DepartmentLine {
    /// Whether and when it reported.
    pub fn reporting(&self) -> Reporting {
        match (self.submitted, self.late) {
            (false, _) => Reporting::Missing,
            (true, true) => Reporting::Late,
            (true, false) => Reporting::OnTime,
        }
    }
}

impl Summary {
    /// The bureau and plan as one title: `上海市浦东新区知识产权局2025年工作要点`
    /// (the overlap of `…浦东新区知识产权局` + `浦东新区知识产权局2025年…` said once).
    pub fn heading(&self) -> String {
        let (bureau, plan) = (self.bureau.trim(), self.plan.trim());
        if bureau.is_empty() || plan.starts_with(bureau) {
            return plan.to_string();
        }
        let overlap = bureau
            .char_indices()
            .map(|(i, _)| &bureau[i..])
            .find(|tail| tail.chars().count() >= 2 && plan.starts_with(tail));
        match overlap {
            Some(tail) => format!("{bureau}{}", &plan[tail.len()..]),
            None => format!("{bureau} {plan}"),
        }
    }

    /// The summary as it concerns some departments only (`workplan check`):
    /// the tasks they lead, the figures they own, their department lines.
    /// Inputs, flags and totals are kept whole: they are already about the
    /// checked files.
    pub fn scoped_to(&self, departments: &[String]) -> Summary {
        let ours = |name: &str| departments.iter().any(|d| d == name);
        let mut s = self.clone();
        s.tasks.retain(|t| t.leads.iter().any(|l| ours(l)));
        s.figures.retain(|f| ours(&f.figure.owner));
        s.departments.retain(|d| ours(&d.name));
        s
    }
}

/// Builds the period's summary. `flags` are the month-level flags
/// (`check::check`); the intake's own flags are added and all are sorted in
/// the one display order ([`flag::sort`]). `earlier` are the months before,
/// measured and checked again as of their own month end, for the trends.
pub fn summarise(
    plan: &Plan,
    period: Period,
    current: Intake,
    measures: Measures,
    flags: Vec<Flag>,
    earlier: &[Recount<'_>],
) -> Summary {
    let mut all_flags = current.flags.clone();
    all_flags.extend(flags);
    flag::sort(&mut all_flags);

    let tasks = tasks::task_lines(plan, period, &current, &all_flags);
    let figures = figures::figure_lines(plan, period, &measures);
    let departments = departments::department_lines(plan, period, &current, &all_flags);
    let totals = departments::totals(&current);
    let (figure_trend, task_trend) = trends::trends(plan, period, earlier, &figures, &tasks);

    let Intake {
        submissions,
        tasks: task_details,
        figures: figure_details,
        ledgers: _,
        superseded: _,
        unaccepted,
        flags: _,
    } = current;
    Summary {
        period,
        as_of: period.as_of(),
        plan: plan.name.clone(),
        bureau: plan.bureau.clone(),
        inputs: submissions,
        tasks,
        figures,
        departments,
        flags: all_flags,
        totals,
        ledgers: measures.stats.tallies,
        figure_trend,
        task_trend,
        task_details,
        figure_details,
        unaccepted,
    }
}
