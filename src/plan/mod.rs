//! The plan: departments, sections, tasks, figures (indicators and milestones),
//! the working-day calendar and the thresholds. Everything the work plan says
//! is data here, loaded from a TOML plan file; the 2025 default is embedded.
//!
//! This module owns the plan model, the embedded default
//! (`templates/plan-2025.toml`), loading a plan file and the rules every plan
//! must keep ([`load`]), the working-day calendar and the built-in official
//! holiday calendars ([`calendar`]) and the plan workbook's vocabulary
//! ([`book`]). Reading a plan workbook or drafting a plan from a notice is
//! the importer's; how the plan is shown (`workplan plan`, the 任务分解表) is
//! the report's.

pub mod book;
pub mod calendar;
pub mod load;
mod toml_message;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::period::Period;
use crate::text;

pub use calendar::Calendar;
pub use load::{Invalid, Place, PlanError, load_default, load_file, parse, validate};

/// The embedded default plan file (the 2025 work plan of the Pudong IP bureau).
pub const DEFAULT_PLAN_TOML: &str = include_str!("../../templates/plan-2025.toml");

/// A whole work plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The plan's title, e.g. `浦东新区知识产权局2025年工作要点`.
    pub name: String,
    /// The bureau issuing it, e.g. `上海市浦东新区知识产权局`.
    pub bureau: String,
    /// The plan year; periods outside it are refused.
    pub year: i32,
    /// The document number, e.g. `沪浦知局〔2025〕17号` (may be empty).
    pub document: String,
    pub departments: Vec<Department>,
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    /// Indicators (`I1`…) and milestones (`24.1`…), in plan order.
    pub figures: Vec<Figure>,
    pub calendar: Calendar,
    pub thresholds: Thresholds,
    /// When a month's report is due.
    pub reporting: Reporting,
    /// What the reader of the plan should know but that does not stop it from
    /// loading (a year without a built-in holiday calendar). The commands
    /// print them as `警告：…`.
    pub warnings: Vec<PlanWarning>,
}

/// Something wrong enough with a plan to tell its user, not to refuse it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanWarning {
    /// The plan gives no `[calendar]` and no official calendar of its year is
    /// built in: working days are then only weekdays.
    #[error(
        "{year} 年没有内置的放假安排，工作日暂只按周一至周五计算，法定节假日和调休未计入：请在计划文件中加入 [calendar]，按国务院办公厅关于{year}年部分节假日安排的通知填写 holidays（放假日，如 \"{year}-10-01..{year}-10-07\"）和 workdays（调休上班日）"
    )]
    NoCalendar { year: i32 },
}

/// A department (处室) with its canonical name and the other names people use.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub name: String,
    pub aliases: Vec<String>,
}

/// One of the six sections of 重点任务, e.g. `一` 抓好重大事项落实.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
}

/// One key task (重点任务) of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: u32,
    /// Section id (`一`…`六`).
    pub section: String,
    pub title: String,
    /// The full text as the plan states it.
    pub text: String,
    /// Lead departments (牵头部门) by canonical name, in the plan's order.
    pub leads: Vec<String>,
}

/// How a figure is measured and judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// A stock at the as-of date (每万人口高价值发明专利拥有量); judged by its comparator.
    Level,
    /// Accumulates over the year; judged against time progress (序时进度).
    Cumulative,
    /// Year-on-year growth in percent computed from this year's and last year's counts.
    Growth,
    /// A count milestone in a task's text (4 批, 15 次); cumulative.
    Count,
    /// A dated milestone (提交审议 by 2025-03-31); done when a completion date is reported.
    Date,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Level => "level",
            FigureKind::Cumulative => "cumulative",
            FigureKind::Growth => "growth",
            FigureKind::Count => "count",
            FigureKind::Date => "date",
        }
    }

    /// The kind as the printed plan names it: 水平值, 累计值, 增长率, 计数节点, 时间节点.
    pub fn as_chinese(self) -> &'static str {
        match self {
            FigureKind::Level => "水平值",
            FigureKind::Cumulative => "累计值",
            FigureKind::Growth => "增长率",
            FigureKind::Count => "计数节点",
            FigureKind::Date => "时间节点",
        }
    }

    /// Whether the figure accumulates over the year and is compared with time progress.
    pub fn is_cumulative(self) -> bool {
        matches!(self, FigureKind::Cumulative | FigureKind::Count)
    }
}

/// How a value is compared with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum Comparator {
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Gt => ">",
            Comparator::Ge => ">=",
            Comparator::Lt => "<",
            Comparator::Le => "<=",
        }
    }

    /// The comparator as a sentence says it: 超过, 不少于, 少于, 不超过.
    pub fn word(self) -> &'static str {
        match self {
            Comparator::Gt => "超过",
            Comparator::Ge => "不少于",
            Comparator::Lt => "少于",
            Comparator::Le => "不超过",
        }
    }

    /// The comparator as a table cell shows it: `>`, `≥`, `<`, `≤`.
    pub fn sign(self) -> &'static str {
        match self {
            Comparator::Gt => ">",
            Comparator::Ge => "≥",
            Comparator::Lt => "<",
            Comparator::Le => "≤",
        }
    }

    /// Whether `value` meets `target` under this comparator.
    pub fn holds(self, value: f64, target: f64) -> bool {
        match self {
            Comparator::Gt => value > target,
            Comparator::Ge => value >= target,
            Comparator::Lt => value < target,
            Comparator::Le => value <= target,
        }
    }

    /// Whether a higher value is better (for `>`/`>=`), as time progress assumes.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Comparator::Gt | Comparator::Ge)
    }
}

/// The four ledgers (台账) departments keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LedgerKind {
    /// 作品登记台账: one registration, counted by 发证日期.
    Works,
    /// 纠纷调解台账: one case, counted by 受理日期.
    Mediation,
    /// 运用转化台账: one deal, counted by 登记日期.
    Finance,
    /// 专利预审台账: one pre-examination request, counted by 受理日期.
    Prereview,
}

impl LedgerKind {
    pub const ALL: [LedgerKind; 4] = [
        LedgerKind::Works,
        LedgerKind::Mediation,
        LedgerKind::Finance,
        LedgerKind::Prereview,
    ];

    /// Its place in [`LedgerKind::ALL`], for tables indexed by ledger.
    pub fn index(self) -> usize {
        match self {
            LedgerKind::Works => 0,
            LedgerKind::Mediation => 1,
            LedgerKind::Finance => 2,
            LedgerKind::Prereview => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LedgerKind::Works => "works",
            LedgerKind::Mediation => "mediation",
            LedgerKind::Finance => "finance",
            LedgerKind::Prereview => "prereview",
        }
    }

    /// The ledger's Chinese name as sheets and messages use it.
    pub fn title(self) -> &'static str {
        match self {
            LedgerKind::Works => "作品登记台账",
            LedgerKind::Mediation => "纠纷调解台账",
            LedgerKind::Finance => "运用转化台账",
            LedgerKind::Prereview => "专利预审台账",
        }
    }
}

/// How a figure's value is derived from a ledger when the ledger was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Derivation {
    /// Count of the ledger's rows counted in the year to date.
    Count,
    /// Count of fast-track rows (works: 快速登记 = 是).
    FastTrackCount,
    /// Sum of amounts of non-pledge deals (finance).
    SumNonPledge,
    /// Sum of amounts of pledge-financing deals (finance).
    SumPledge,
    /// Mean working days from 受理日期 to 发证日期 over fast-track rows (works).
    FastTrackMeanWorkdays,
    /// Year-to-date count compared with the same months of last year (growth).
    YearToDateGrowth,
}

impl Derivation {
    /// The name a plan file uses (`derive = "sum_pledge"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Derivation::Count => "count",
            Derivation::FastTrackCount => "fast_track_count",
            Derivation::SumNonPledge => "sum_non_pledge",
            Derivation::SumPledge => "sum_pledge",
            Derivation::FastTrackMeanWorkdays => "fast_track_mean_workdays",
            Derivation::YearToDateGrowth => "year_to_date_growth",
        }
    }

    /// How the value is derived, in Chinese, for printed plans.
    pub fn as_chinese(self) -> &'static str {
        match self {
            Derivation::Count => "按台账条数",
            Derivation::FastTrackCount => "按快速登记条数",
            Derivation::SumNonPledge => "按非质押业务金额合计",
            Derivation::SumPledge => "按质押融资金额合计",
            Derivation::FastTrackMeanWorkdays => "按快速登记平均工作日",
            Derivation::YearToDateGrowth => "按本年累计较上年同期增长",
        }
    }
}

/// Where a figure may be derived from: a ledger and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LedgerSource {
    pub ledger: LedgerKind,
    pub derivation: Derivation,
}

/// An indicator (`I1`…`I9`) or a milestone (`24.1`) with its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `I1`…, or `<task>.<n>` for a milestone.
    pub id: String,
    /// The task a milestone belongs to; `None` for indicators.
    pub task: Option<u32>,
    pub name: String,
    /// Unit of `target` and of reported values (件, %, 亿元, 批, 个工作日…); empty for date milestones.
    pub unit: String,
    pub kind: FigureKind,
    pub comparator: Comparator,
    /// The target; `None` only for date milestones.
    pub target: Option<f64>,
    /// Due date; year end when the plan gives none. Indicators are due at year end.
    pub due: NaiveDate,
    /// Owning department by canonical name: the one that must report it.
    pub owner: String,
    /// Set when the figure can be derived from a ledger.
    pub ledger: Option<LedgerSource>,
}

impl Figure {
    /// The target in a table cell: `≥260,000 件`, `<5 个工作日`; a dated
    /// milestone's due date: `2025年3月31日前完成`.
    pub fn target_text(&self) -> String {
        match self.target {
            Some(t) if self.kind != FigureKind::Date => {
                format!(
                    "{}{}",
                    self.comparator.sign(),
                    text::quantity(t, &self.unit)
                )
            }
            _ => format!("{}前完成", text::date(self.due)),
        }
    }

    /// The target in a sentence: `不少于 260,000 件`, `少于 5 个工作日`; a
    /// dated milestone's: `2025年3月31日前完成`.
    pub fn goal_text(&self) -> String {
        match self.target {
            Some(t) if self.kind != FigureKind::Date => {
                format!(
                    "{} {}",
                    self.comparator.word(),
                    text::quantity(t, &self.unit)
                )
            }
            _ => format!("{}前完成", text::date(self.due)),
        }
    }

    /// Whether this is a milestone of a task rather than a main indicator.
    pub fn is_milestone(&self) -> bool {
        self.task.is_some()
    }
}

/// Tolerances that decide lights and mismatches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// A cumulative figure below `behind_red × expected` is red; below expected, yellow.
    pub behind_red: f64,
    /// Relative difference between a reported figure and its ledger above which
    /// INDICATOR_MISMATCH is raised (0.01 = 1%).
    pub mismatch: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            behind_red: 0.9,
            mismatch: 0.01,
        }
    }
}

/// When departments must send a month's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reporting {
    /// The report of a month is due by this day of the next month (1–31; a
    /// day past the next month's end means its last day).
    pub due_day: u32,
}

impl Default for Reporting {
    fn default() -> Self {
        Reporting { due_day: 5 }
    }
}

impl Reporting {
    /// The last day on which the report of `period` is on time, e.g. 2025-04-05
    /// for 2025-03 with `due_day = 5`.
    pub fn due_date(self, period: Period) -> NaiveDate {
        let next = period.next();
        let last = next.as_of();
        NaiveDate::from_ymd_opt(next.year, next.month, self.due_day.max(1))
            .filter(|d| *d <= last)
            .unwrap_or(last)
    }
}

/// Prefixes of a department's name that do not tell departments apart (the
/// bureau's own name before 办公室, 保护处…): callers strip them before matching.
pub const DEPARTMENT_PREFIXES: &[&str] = &[
    "上海市浦东新区知识产权局",
    "浦东新区知识产权局",
    "上海市浦东新区",
    "区知识产权局",
    "浦东新区",
    "知识产权局",
];

impl Plan {
    /// The department whose canonical name or alias is `name` (whitespace and
    /// the prefixes `浦东新区`/`区`/`局` are ignored by the caller's normalisation).
    pub fn department(&self, name: &str) -> Option<&Department> {
        let name = name.trim();
        self.departments
            .iter()
            .find(|d| d.name == name || d.aliases.iter().any(|a| a == name))
    }

    pub fn task(&self, id: u32) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Tasks that `department` leads, in plan order.
    pub fn tasks_led_by<'a>(&'a self, department: &'a str) -> impl Iterator<Item = &'a Task> + 'a {
        self.tasks
            .iter()
            .filter(move |t| t.leads.iter().any(|l| l == department))
    }

    /// Figures that `department` owns, in plan order.
    pub fn figures_owned_by<'a>(
        &'a self,
        department: &'a str,
    ) -> impl Iterator<Item = &'a Figure> + 'a {
        self.figures.iter().filter(move |f| f.owner == department)
    }

    /// Ledgers that `department` keeps: those behind the figures it owns.
    pub fn ledgers_kept_by(&self, department: &str) -> Vec<LedgerKind> {
        let mut kinds: Vec<LedgerKind> = self
            .figures_owned_by(department)
            .filter_map(|f| f.ledger.map(|l| l.ledger))
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// Whether the department leads a task or owns a figure, so must report monthly.
    pub fn must_report(&self, department: &str) -> bool {
        self.tasks_led_by(department).next().is_some()
            || self.figures_owned_by(department).next().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_report_is_due_in_the_next_month() {
        let r = Reporting::default();
        assert_eq!(r.due_date(Period::new(2025, 3).unwrap()), d(2025, 4, 5));
        assert_eq!(r.due_date(Period::new(2025, 12).unwrap()), d(2026, 1, 5));
        // Past the next month's end: its last day.
        let late = Reporting { due_day: 31 };
        assert_eq!(late.due_date(Period::new(2025, 1).unwrap()), d(2025, 2, 28));
        assert_eq!(late.due_date(Period::new(2025, 2).unwrap()), d(2025, 3, 31));
    }

    #[test]
    fn targets_in_cells_and_in_sentences() {
        let plan = load::load_default().unwrap();
        let f = |id: &str| plan.figure(id).unwrap();
        assert_eq!(f("I2").target_text(), "≥260,000 件");
        assert_eq!(f("I2").goal_text(), "不少于 260,000 件");
        assert_eq!(f("I1").target_text(), ">105 件");
        assert_eq!(f("I9").target_text(), "<5 个工作日");
        assert_eq!(f("I9").goal_text(), "少于 5 个工作日");
        assert_eq!(f("I3").target_text(), "≥55%");
        assert_eq!(f("2.1").target_text(), "2025年3月31日前完成");
    }
}
