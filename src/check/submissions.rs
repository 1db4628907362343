//! Who reported: missing and late submissions, missing tasks and figures.

use super::{Look, Month, Scope, figure_label, task_label};
use crate::flag::{Code, Flag};
use crate::import::{FileStatus, Intake, SheetKind};
use crate::measure::{Measures, latest_task_report};
use crate::plan::{FigureKind, Plan};
use crate::text;

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

/// What one department still owes for the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    pub department: String,
    /// Tasks it leads that have no report of its own.
    pub tasks: Vec<u32>,
    /// Figures it owns (dated milestones aside: until done there is nothing
    /// to report) that have no value — no report and no usable ledger.
    pub figures: Vec<String>,
}

/// What each department that must report still owes, in plan order.
pub fn owed(plan: &Plan, current: &Intake, measures: &Measures) -> Vec<Owed> {
    plan.departments
        .iter()
        .map(|d| d.name.as_str())
        .filter(|d| plan.must_report(d))
        .map(|d| Owed {
            department: d.to_string(),
            tasks: plan
                .tasks_led_by(d)
                .filter(|t| latest_task_report(current, d, t.id).is_none())
                .map(|t| t.id)
                .collect(),
            figures: plan
                .figures_owned_by(d)
                .filter(|f| f.kind != FigureKind::Date)
                .filter(|f| measures.figure(&f.id).is_none_or(|m| m.value.is_none()))
                .map(|f| f.id.clone())
                .collect(),
        })
        .collect()
}

/// MISSING_TASK: a lead department that sent something has no report for
/// one of the tasks it leads.
pub fn missing_task(m: &Month) -> Vec<Flag> {
    let mut out = Vec::new();
    for o in owed(m.plan, m.current, m.measures) {
        let l = &o.department;
        if !m.scope.covers(l) || !m.submitted(l) {
            continue;
        }
        for t in o.tasks.iter().filter_map(|&id| m.plan.task(id)) {
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
    let owed = owed(m.plan, m.current, m.measures);
    let figures = owed
        .iter()
        .flat_map(|o| &o.figures)
        .filter_map(|id| m.plan.figure(id));
    for f in figures {
        if !m.covers_figure(f) || !m.submitted(&f.owner) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
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
