//! One line per department: what it was assigned, what it sent, its flags;
//! and the row totals over every input.

use super::{DepartmentLine, Totals};
use crate::flag::{Flag, Severity};
use crate::import::{FileStatus, Intake};
use crate::measure::latest_task_report;
use crate::period::Period;
use crate::plan::Plan;

pub(super) fn department_lines(
    plan: &Plan,
    period: Period,
    intake: &Intake,
    flags: &[Flag],
) -> Vec<DepartmentLine> {
    let due = plan.reporting.due_date(period);
    plan.departments
        .iter()
        .map(|d| {
            let name = d.name.as_str();
            // A lock file named after the department is not one of its files.
            let mine: Vec<_> = intake
                .submissions
                .iter()
                .filter(|s| s.department.as_deref() == Some(name))
                .filter(|s| s.status != FileStatus::Ignored)
                .collect();
            let accepted: Vec<_> = mine
                .iter()
                .filter(|s| s.status == FileStatus::Accepted)
                .collect();
            let sent_ledgers: Vec<_> = accepted.iter().flat_map(|s| s.ledgers()).collect();
            let filled = accepted.iter().filter_map(|s| s.filled).max();
            let count = |sev: Severity| {
                flags
                    .iter()
                    .filter(|f| f.severity() == sev && f.department.as_deref() == Some(name))
                    .count()
            };
            DepartmentLine {
                name: d.name.clone(),
                submitted: !accepted.is_empty(),
                // Lock and temporary files are not submissions, even when
                // their name tells the department (`~$保护处….xlsx`).
                files: mine
                    .iter()
                    .filter(|s| s.status != FileStatus::Ignored)
                    .map(|s| s.file.clone())
                    .collect(),
                tasks_assigned: plan.tasks_led_by(name).count(),
                tasks_reported: plan
                    .tasks_led_by(name)
                    .filter(|t| latest_task_report(intake, name, t.id).is_some())
                    .count(),
                figures_owned: plan.figures_owned_by(name).count(),
                figures_reported: plan
                    .figures_owned_by(name)
                    .filter(|f| {
                        intake
                            .figures
                            .iter()
                            .any(|r| r.figure == f.id && r.department == name)
                            || f.ledger.is_some_and(|l| sent_ledgers.contains(&l.ledger))
                    })
                    .count(),
                filled,
                late: filled.is_some_and(|f| f > due),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            }
        })
        .collect()
}

/// Row counts summed over every sheet of every input.
pub(super) fn totals(intake: &Intake) -> Totals {
    let mut t = Totals {
        files: intake.submissions.len(),
        ..Totals::default()
    };
    for s in intake.submissions.iter().flat_map(|s| &s.sheets) {
        t.rows_read += s.rows_read;
        t.accepted += s.accepted;
        t.rejected += s.rejected;
        t.skipped += s.skipped;
    }
    t
}
