//! 催报: before (and after) the deadline, who has sent the month's report,
//! who owes what, and how many working days are left — read from the month
//! folder as it is, for the general office to chase the departments.

use chrono::{Days, NaiveDate};

use crate::check::Owed;
use crate::import::{FileStatus, Intake};
use crate::period::Period;
use crate::plan::Plan;

/// Where a department stands with the month's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standing {
    /// Nothing readable received, and the due day is past.
    Overdue,
    /// Nothing readable received yet; the due day is still to come.
    Pending,
    /// A readable report received (it may still owe some tasks or figures).
    Sent,
}

impl Standing {
    /// 逾期, 未报送, 已报送.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Overdue => "逾期",
            Standing::Pending => "未报送",
            Standing::Sent => "已报送",
        }
    }
}

/// One department that must report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChaseLine {
    pub name: String,
    pub standing: Standing,
    /// Its files so far (read or not), relative to the root.
    pub files: Vec<String>,
    /// Tasks it leads without a report of its own.
    pub tasks: Vec<u32>,
    /// Figures it owns without a value.
    pub figures: Vec<String>,
    /// All it must report: tasks led and figures owned (dated milestones aside).
    pub tasks_assigned: usize,
    pub figures_assigned: usize,
}

impl ChaseLine {
    /// Whether it still owes anything: a report, a task or a figure.
    pub fn owes(&self) -> bool {
        self.standing != Standing::Sent || !self.tasks.is_empty() || !self.figures.is_empty()
    }
}

/// The month's 催报 status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chase {
    pub period: Period,
    /// The plan's name and bureau, for the reminders.
    pub plan: String,
    pub bureau: String,
    /// The day it was read for.
    pub today: NaiveDate,
    /// The last day on which the report is on time.
    pub due: NaiveDate,
    /// Working days from today (counted when it is one) to the due day,
    /// both included; 0 once the due day is past.
    pub working_days_left: i64,
    /// The departments that must report, in plan order.
    pub departments: Vec<ChaseLine>,
}

/// Who stands where for `period` on `today`, from the month's intake and
/// what each department still owes ([`crate::check::owed`]).
pub fn chase(
    plan: &Plan,
    period: Period,
    today: NaiveDate,
    intake: &Intake,
    owed: &[Owed],
) -> Chase {
    let due = plan.reporting.due_date(period);
    let working_days_left = match today.checked_sub_days(Days::new(1)) {
        Some(eve) if today <= due => plan.calendar.working_days_between(eve, due),
        _ => 0,
    };
    let departments = owed
        .iter()
        .map(|o| {
            let name = o.department.as_str();
            let mine = intake
                .submissions
                .iter()
                .filter(|s| s.department.as_deref() == Some(name))
                .filter(|s| s.status != FileStatus::Ignored);
            let files: Vec<String> = mine.clone().map(|s| s.file.clone()).collect();
            let sent = mine.clone().any(|s| s.status == FileStatus::Accepted);
            let standing = match (sent, today > due) {
                (true, _) => Standing::Sent,
                (false, true) => Standing::Overdue,
                (false, false) => Standing::Pending,
            };
            ChaseLine {
                name: name.to_string(),
                standing,
                files,
                tasks: o.tasks.clone(),
                figures: o.figures.clone(),
                tasks_assigned: plan.tasks_led_by(name).count(),
                figures_assigned: plan
                    .figures_owned_by(name)
                    .filter(|f| f.kind != crate::plan::FigureKind::Date)
                    .count(),
            }
        })
        .collect();
    Chase {
        period,
        plan: plan.name.clone(),
        bureau: plan.bureau.clone(),
        today,
        due,
        working_days_left,
        departments,
    }
}
