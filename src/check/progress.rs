//! Progress against last month: the same text again, or less done.

use super::{Month, at_cell, status_word, task_label};
use crate::flag::{Code, Flag};
use crate::import::Status;
use crate::import::vocab::Field;
use crate::text;

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
