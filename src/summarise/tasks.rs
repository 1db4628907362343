//! Tasks consolidated across their leads: the worst status, the lowest
//! progress, each lead's report beside it, and the task's 督办 light.

use super::{LeadReport, Light, TaskLine, TaskStatus};
use crate::flag::{Code, Flag};
use crate::import::{Intake, Status, TaskReport};
use crate::measure::latest_task_report;
use crate::period::Period;
use crate::plan::{Plan, Task};
use crate::text;

/// One lead's status for consolidation: 未报送 without a report; a report
/// with an empty status counts as 已完成 at 100%, 推进中 with some progress
/// or text, else 未启动.
pub fn task_status(report: Option<&TaskReport>) -> TaskStatus {
    let Some(r) = report else {
        return TaskStatus::NotReported;
    };
    match r.status {
        Some(s) => s.into(),
        None if r.progress.is_some_and(|p| p >= 100.0) => TaskStatus::Done,
        None if r.progress.is_some_and(|p| p > 0.0) || !r.text.trim().is_empty() => {
            TaskStatus::InProgress
        }
        None => TaskStatus::NotStarted,
    }
}

fn lead_report(department: &str, r: Option<&TaskReport>) -> LeadReport {
    LeadReport {
        department: department.to_string(),
        status: r.and_then(|r| r.status),
        progress: r.and_then(|r| r.progress),
        text: r.map(|r| r.text.clone()).unwrap_or_default(),
        problems: r.map(|r| r.problems.clone()).unwrap_or_default(),
        next_steps: r.map(|r| r.next_steps.clone()).unwrap_or_default(),
        file: r.map(|r| r.origin.file.to_string()),
        sheet: r.map(|r| r.origin.sheet.to_string()),
        row: r.map(|r| r.origin.row),
    }
}

/// One task consolidated over its leads, with its light.
fn task_line(plan: &Plan, period: Period, t: &Task, intake: &Intake, flags: &[Flag]) -> TaskLine {
    let leads: Vec<Option<&TaskReport>> = t
        .leads
        .iter()
        .map(|l| latest_task_report(intake, l, t.id))
        .collect();
    let status = leads
        .iter()
        .map(|r| task_status(*r))
        .min()
        .unwrap_or(TaskStatus::NotReported);
    let progress = leads
        .iter()
        .filter_map(|r| r.and_then(|r| r.progress))
        .min_by(f64::total_cmp);

    let mut others: Vec<&str> = intake
        .tasks
        .iter()
        .filter(|r| r.task == t.id && !t.leads.contains(&r.department))
        .map(|r| r.department.as_str())
        .collect();
    others.sort();
    others.dedup();
    let contributions = others
        .iter()
        .map(|d| lead_report(d, latest_task_report(intake, d, t.id)))
        .collect();

    let about: Vec<&Flag> = flags.iter().filter(|f| f.task == Some(t.id)).collect();
    let has = |code: Code| about.iter().any(|f| f.code == code);
    let from_lead = |code: Code| {
        about
            .iter()
            .any(|f| f.code == code && f.department.as_ref().is_some_and(|d| t.leads.contains(d)))
    };
    let light = if has(Code::Overdue)
        || leads.iter().any(|r| {
            matches!(
                task_status(*r),
                TaskStatus::NotReported | TaskStatus::Behind
            )
        }) {
        Light::Red
    } else if has(Code::BehindSchedule)
        || from_lead(Code::StaleProgress)
        || from_lead(Code::StatusUnclear)
        || (status == TaskStatus::NotStarted && period.month > 3)
    {
        Light::Yellow
    } else if has(Code::DueSoon) {
        Light::Blue
    } else {
        Light::Green
    };

    let mut line = TaskLine {
        id: t.id,
        section: t.section.clone(),
        section_title: plan
            .section(&t.section)
            .map(|s| s.title.clone())
            .unwrap_or_default(),
        title: t.title.clone(),
        leads: t.leads.clone(),
        status,
        progress,
        light,
        reports: t
            .leads
            .iter()
            .zip(&leads)
            .map(|(l, r)| lead_report(l, *r))
            .collect(),
        contributions,
        flag_count: about.len(),
        reason: String::new(),
    };
    line.reason = reason(&line, flags);
    line
}

pub(super) fn task_lines(
    plan: &Plan,
    period: Period,
    intake: &Intake,
    flags: &[Flag],
) -> Vec<TaskLine> {
    plan.tasks
        .iter()
        .map(|t| task_line(plan, period, t, intake, flags))
        .collect()
}

/// Why a task is red, in a few words.
fn reason(t: &TaskLine, flags: &[Flag]) -> String {
    let missing: Vec<&str> = t
        .reports
        .iter()
        .filter(|r| r.status.is_none() && r.progress.is_none() && r.text.is_empty())
        .map(|r| r.department.as_str())
        .collect();
    let overdue = flags
        .iter()
        .any(|f| f.code == Code::Overdue && f.task == Some(t.id));
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("{}未报送", missing.join("、")));
    }
    if overdue {
        parts.push("逾期未完成".to_string());
    }
    let behind: Vec<&str> = t
        .reports
        .iter()
        .filter(|r| r.status == Some(Status::Behind))
        .map(|r| r.department.as_str())
        .collect();
    if !behind.is_empty() {
        parts.push(format!("{}自报滞后", behind.join("、")));
    }
    if parts.is_empty() {
        parts.push(t.light.meaning().to_string());
    }
    if let Some(p) = t.progress {
        parts.push(format!("进度{}", text::progress(p)));
    }
    parts.join("；")
}
