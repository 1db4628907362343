//! Who reported: missing and late submissions, missing tasks and figures.

use super::{Look, Month, Scope, figure_label, task_label};
use crate::flag::{Code, Flag};
use crate::import::{FileStatus, SheetKind};
use crate::measure::latest_task_report;
use crate::plan::FigureKind;
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
