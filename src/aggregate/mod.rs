//! Aggregation: the only polars user. Turns the period's records, the
//! history and the flags into the summary tables the report renders: tasks
//! consolidated across their leads with 督办 lights, figures with their values
//! (from the ledger when one was sent), expected-to-date and completion,
//! ledger tallies by month and category, departments, and trends.
//!
//! The pipeline: [`measure`] pools the ledgers with polars ([`ledger`]) and
//! measures every figure; `check::month::check` raises the month-level flags
//! from the measures; [`summarise`] builds the [`Summary`].

pub mod ledger;
mod measure;
#[cfg(test)]
pub(crate) mod sample;
mod summarise;

pub(crate) use measure::earlier;
pub use measure::{
    FigureMeasure, Measures, expected, growth, latest_task_report, ledgers_sent, measure,
    time_share,
};
pub use summarise::{figure_light, summarise, task_status};

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::Flag;
use crate::import::{FigureReport, Status, Submission, TaskReport, Unaccepted};
use crate::period::Period;
use crate::plan::{Comparator, FigureKind, LedgerKind};

/// A 督办 light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TaskStatus {
    /// A lead sent nothing for the task.
    #[serde(rename = "未报送")]
    NotReported,
    #[serde(rename = "滞后")]
    Behind,
    #[serde(rename = "未启动")]
    NotStarted,
    #[serde(rename = "推进中")]
    InProgress,
    #[serde(rename = "已完成")]
    Done,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::NotReported => "未报送",
            TaskStatus::Behind => "滞后",
            TaskStatus::NotStarted => "未启动",
            TaskStatus::InProgress => "推进中",
            TaskStatus::Done => "已完成",
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadReport {
    pub department: String,
    /// `None` when the lead sent nothing (or left the status empty).
    pub status: Option<Status>,
    pub progress: Option<f64>,
    pub text: String,
    #[serde(skip)]
    pub problems: String,
    #[serde(skip)]
    pub next_steps: String,
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<u32>,
}

/// One task, consolidated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskLine {
    pub id: u32,
    pub section: String,
    #[serde(skip)]
    pub section_title: String,
    pub title: String,
    pub leads: Vec<String>,
    pub status: TaskStatus,
    pub progress: Option<f64>,
    pub light: Light,
    /// One per lead, in the plan's order (a lead that sent nothing has an empty report).
    pub reports: Vec<LeadReport>,
    /// Reports by departments that do not lead the task (NOT_LEAD).
    #[serde(skip)]
    pub contributions: Vec<LeadReport>,
    /// Number of flags about this task.
    #[serde(skip)]
    pub flag_count: usize,
}

/// Where a figure's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Ledger,
    Reported,
    None,
}

/// One indicator or milestone with its value and light.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureLine {
    pub id: String,
    pub task: Option<u32>,
    pub name: String,
    pub unit: String,
    #[serde(skip)]
    pub kind: FigureKind,
    pub comparator: Comparator,
    pub target: Option<f64>,
    #[serde(skip)]
    pub due: NaiveDate,
    #[serde(skip)]
    pub owner: String,
    pub value: Option<f64>,
    pub source: Source,
    /// The department's reported figure (累计值; for growth, the computed percentage).
    pub reported: Option<f64>,
    /// The figure derived from the ledger, when one was sent.
    #[serde(skip)]
    pub ledger: Option<f64>,
    /// Expected-to-date for cumulative figures and count milestones:
    /// target × month / 12 (× months elapsed / months until due for a
    /// milestone due before year end).
    pub expected: Option<f64>,
    /// value / target.
    pub completion: Option<f64>,
    pub light: Light,
    /// Completion date of a dated milestone.
    #[serde(skip)]
    pub done: Option<NaiveDate>,
}

/// One department's reporting for the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentLine {
    pub name: String,
    pub submitted: bool,
    pub files: Vec<String>,
    pub tasks_assigned: usize,
    pub tasks_reported: usize,
    #[serde(skip)]
    pub figures_owned: usize,
    #[serde(skip)]
    pub figures_reported: usize,
    /// 填报日期, the latest over the department's files.
    #[serde(skip)]
    pub filled: Option<NaiveDate>,
    /// Whether it reported after the deadline.
    #[serde(skip)]
    pub late: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Info flags (DUE_SOON) about the department.
    #[serde(skip)]
    pub infos: usize,
}

/// A ledger tally: rows and amounts by ledger, month and category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerTally {
    pub ledger: LedgerKind,
    pub period: String,
    pub category: String,
    pub count: usize,
    /// Finance: amount in 亿元.
    pub amount: Option<f64>,
}

/// One figure's value at the end of one month, for the trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub period: String,
    pub figure: String,
    pub value: Option<f64>,
    pub expected: Option<f64>,
}

/// Task lights per month, for the trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
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

impl Summary {
    /// The summary as it concerns some departments only (`workplan check`):
    /// the tasks they lead, the figures they own, their department lines.
    /// Inputs, flags and totals are kept whole: they are already about the
    /// checked files.
    pub fn scoped_to(&self, departments: &[String]) -> Summary {
        let ours = |name: &str| departments.iter().any(|d| d == name);
        let mut s = self.clone();
        s.tasks.retain(|t| t.leads.iter().any(|l| ours(l)));
        s.figures.retain(|f| ours(&f.owner));
        s.departments.retain(|d| ours(&d.name));
        s
    }
}
