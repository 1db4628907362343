//! The plan as a workbook the office edits (`plan -o`, `plan --draft`,
//! `--plan X.xlsx`): its sheets, their columns and the words in its cells —
//! the vocabulary the writer (`report::plan::book`) and the reader
//! (`import::plan_book`) share, so that what one writes the other reads.
//! The format is described in `docs/plan-format.md`.

use std::collections::BTreeMap;

use super::{Comparator, Derivation, FigureKind, LedgerKind};

/// 基本信息: one row per item, the value in column B.
pub const INFO_SHEET: &str = "基本信息";
/// 部门: one row per department.
pub const DEPARTMENTS_SHEET: &str = "部门";
/// 重点任务: one row per task.
pub const TASKS_SHEET: &str = "重点任务";
/// 指标与节点: one row per indicator and milestone.
pub const FIGURES_SHEET: &str = "指标与节点";
/// 节假日: one row per holiday or make-up working day, or a range of them.
pub const CALENDAR_SHEET: &str = "节假日";
/// 阈值: one row per threshold, the value in column B.
pub const THRESHOLDS_SHEET: &str = "阈值";

/// The sheets in the order the workbook holds them.
pub const SHEETS: [&str; 6] = [
    INFO_SHEET,
    DEPARTMENTS_SHEET,
    TASKS_SHEET,
    FIGURES_SHEET,
    CALENDAR_SHEET,
    THRESHOLDS_SHEET,
];

/// A column of a list sheet: its header and what the hint says to enter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub header: &'static str,
    pub hint: &'static str,
    /// Width bounds, in characters.
    pub min: f64,
    pub max: f64,
}

const fn col(header: &'static str, hint: &'static str, min: f64, max: f64) -> Column {
    Column {
        header,
        hint,
        min,
        max,
    }
}

/// The items of 基本信息, in order: `(label, hint)`.
pub const INFO_ITEMS: [(&str, &str); 5] = [
    (NAME, "如：浦东新区知识产权局2026年工作要点"),
    (BUREAU, "如：上海市浦东新区知识产权局"),
    (YEAR, "四位数字，如 2026；只能汇总这一年的月份"),
    (DOCUMENT, "如：沪浦知局〔2026〕5号；没有可空着"),
    (DUE_DAY, "1–31 的数字：每月报表次月几日前报送，如 5"),
];
pub const NAME: &str = "计划名称";
pub const BUREAU: &str = "发文机关";
pub const YEAR: &str = "年度";
pub const DOCUMENT: &str = "文号";
pub const DUE_DAY: &str = "报送截止日";

/// The columns of 部门.
pub const DEPARTMENT_COLUMNS: [Column; 2] = [
    col(
        "部门名称",
        "报表和汇总中使用的规范名称，如：保护处",
        12.0,
        20.0,
    ),
    col(
        "其他写法",
        "报表中可能出现的其他名称，用顿号“、”分隔，如：知识产权保护中心、浦东新区知识产权保护中心",
        30.0,
        60.0,
    ),
];

/// The columns of 重点任务.
pub const TASK_COLUMNS: [Column; 7] = [
    col("板块", "板块序号：一、二、三……", 6.0, 6.0),
    col(
        "板块名称",
        "如：抓好重大事项落实；同一板块各行写法一致",
        14.0,
        20.0,
    ),
    col("任务编号", "1、2、3……，不重复", 6.0, 6.0),
    col("任务名称", "简短的任务名称，即任务原文第一句", 16.0, 24.0),
    col("任务全文", "工作要点中该任务的全文", 50.0, 60.0),
    col("牵头部门", "从下拉列表中选择", 12.0, 14.0),
    col(
        "共同牵头部门",
        "有两个牵头部门时从下拉列表中选择第二个；更多的用顿号“、”分隔",
        12.0,
        14.0,
    ),
];

/// The columns of 指标与节点.
pub const FIGURE_COLUMNS: [Column; 11] = [
    col(
        "编号",
        "主要指标 I1、I2……；任务节点“任务编号.序号”，如 24.1",
        6.0,
        7.0,
    ),
    col("所属任务", "任务节点所属的任务编号；主要指标空着", 6.0, 6.0),
    col("名称", "指标或节点的名称", 20.0, 32.0),
    col("类型", "从下拉列表中选择", 9.0, 9.0),
    col("比较", "从下拉列表中选择；时间节点空着", 8.0, 8.0),
    col("目标值", "只填数字；时间节点空着", 10.0, 12.0),
    col(
        "单位",
        "如：件、亿元、%、个工作日、批；时间节点空着",
        8.0,
        10.0,
    ),
    col(
        "完成时限",
        "日期，如 2026-06-30；主要指标和没写时限的节点填年底",
        11.0,
        11.0,
    ),
    col(
        "责任部门",
        "从下拉列表中选择：负责报送该指标的部门",
        12.0,
        14.0,
    ),
    col(
        "台账",
        "可由台账统计时从下拉列表中选择，否则空着",
        12.0,
        14.0,
    ),
    col("计算方式", "选了台账时从下拉列表中选择", 14.0, 20.0),
];

/// The columns of 节假日.
pub const CALENDAR_COLUMNS: [Column; 4] = [
    col("开始日期", "日期，如 2026-02-15", 11.0, 11.0),
    col(
        "结束日期",
        "连续几天时填最后一天；只有一天可空着",
        11.0,
        11.0,
    ),
    col("类型", "放假，或调休上班", 10.0, 10.0),
    col("说明", "如：春节", 12.0, 30.0),
];

/// The rows of 阈值: `(label, hint)`.
pub const THRESHOLD_ITEMS: [(&str, &str); 2] = [
    (
        BEHIND_RED,
        "累计类指标低于序时进度的这个比例时为红灯（低于序时进度但不低于它时为黄灯），如 90%",
    ),
    (
        MISMATCH,
        "报送数与台账统计数相差超过这个比例时提示“指标与台账不符”，如 1%",
    ),
];
pub const BEHIND_RED: &str = "红灯线";
pub const MISMATCH: &str = "台账差异容忍度";

/// Columns a draft adds after the plan's own, for the office to review.
pub const SOURCE_HEADER: &str = "来源原文";
pub const CONFIRM_HEADER: &str = "待确认";

/// A day of 节假日.
pub const HOLIDAY: &str = "放假";
pub const WORKDAY: &str = "调休上班";

/// Every kind, in the drop-down's order (written as [`FigureKind::as_chinese`]).
pub const KINDS: [FigureKind; 5] = [
    FigureKind::Level,
    FigureKind::Cumulative,
    FigureKind::Growth,
    FigureKind::Count,
    FigureKind::Date,
];

/// Every comparator, in the drop-down's order (written as [`Comparator::word`]).
pub const COMPARATORS: [Comparator; 4] = [
    Comparator::Gt,
    Comparator::Ge,
    Comparator::Lt,
    Comparator::Le,
];

/// Every derivation, in the drop-down's order (written as [`Derivation::as_chinese`]).
pub const DERIVATIONS: [Derivation; 6] = [
    Derivation::Count,
    Derivation::FastTrackCount,
    Derivation::SumNonPledge,
    Derivation::SumPledge,
    Derivation::FastTrackMeanWorkdays,
    Derivation::YearToDateGrowth,
];

/// Every ledger, in the drop-down's order (written as [`LedgerKind::title`]).
pub const LEDGERS: [LedgerKind; 4] = LedgerKind::ALL;

/// Which row of the workbook a draft's note is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Row {
    Department(String),
    Task(u32),
    Figure(String),
}

/// What a draft says of a row: the sentence it came from, and why it needs a
/// look (empty when the draft is sure).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    pub source: String,
    pub confirm: String,
}

/// Notes by row; a plan exported as it is has none.
pub type Notes = BTreeMap<Row, Note>;
