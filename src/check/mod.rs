//! The checks, the stage after measuring: rules that look at a whole period — who sent nothing,
//! which tasks and figures are missing, what is overdue, due soon, behind
//! time progress or off target, which reports disagree with their ledgers,
//! and what did not move since last month. One function per rule, each
//! returning its flags; [`check`] runs them all.
//!
//! Decisions the contract leaves open:
//! - MISSING_TASK and MISSING_INDICATOR are raised only for a department that
//!   sent an accepted file this period; one that sent nothing gets a single
//!   MISSING_SUBMISSION instead (its tasks still show 未报送).
//! - Dated milestones are never MISSING_INDICATOR: until done there is
//!   nothing to report; OVERDUE and DUE_SOON cover them.
//! - MISSING_INDICATOR is raised whenever a figure ends up without a value,
//!   also when a ledger was sent but the figure cannot be derived from it
//!   (I9 with no fast-track row carrying both dates, I7 without last year's
//!   base); the message says which.
//! - STALE_PROGRESS and PROGRESS_REGRESSED compare with the department's
//!   latest earlier report on the task (normally last month's); a task
//!   reported 已完成 both times is not stale.
//! - LATE_SUBMISSION (warning) when a department's latest 填报日期 is after
//!   the plan's due day of the next month. DUPLICATE_LEDGER_KEY is the
//!   importer's: it counts a (ledger, key) once per month, across files.
//!
//! Row-level flags (unreadable values, unknown tasks, …) are raised by the
//! importer as it reads. The codes and what a clerk does about each are in
//! `docs/flags.md`.
//!
//! Each flag about a report row names the cell a clerk must look at (the
//! columns the importer remembered in [`crate::import::Cells`]): a task's OVERDUE its
//! 完成状态 (what must change; the message gives the planned date), DUE_SOON
//! its 计划完成时间, STALE_PROGRESS its 本月进展, PROGRESS_REGRESSED its
//! 完成进度 (or 完成状态 when the status went back); a dated milestone's
//! OVERDUE and DUE_SOON its 完成日期; a figure's value flags the cell its
//! reported value came from — 累计值, or 本月值 when only that was filled
//! (level figures, January) — and MISSING_INDICATOR for a growth figure
//! without last year's base its 上年同期; LATE_SUBMISSION the 填报日期 cell.
//! A column the sheet does not have is left out, never guessed.

use crate::flag::{Code, Flag};
use crate::import::vocab::Field;
use crate::import::{FigureReport, FileStatus, Intake, SheetKind, Status, TaskReport};
use crate::measure::{Measures, latest_task_report};
use crate::period::Period;
use crate::plan::{Figure, Plan, Task};

/// Which departments the month-level checks are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole month (`workplan merge`): every department, including who sent nothing.
    Month,
    /// Some departments' own files (`workplan check`): only what they lead or
    /// own; nothing about the month as a whole (missing or late submissions).
    Departments(Vec<String>),
}

impl Scope {
    /// Whether flags about `department` belong in this scope.
    pub fn covers(&self, department: &str) -> bool {
        match self {
            Scope::Month => true,
            Scope::Departments(d) => d.iter().any(|x| x == department),
        }
    }
}

/// Everything the rules look at.
#[derive(Debug, Clone)]
pub struct Month<'a> {
    pub plan: &'a Plan,
    pub period: Period,
    pub current: &'a Intake,
    /// Earlier periods, ascending, all before `period`.
    pub history: Vec<(Period, &'a Intake)>,
    pub measures: &'a Measures,
    pub scope: &'a Scope,
}

/// Runs every month-level rule (for [`Scope::Month`] also the ones about the
/// whole month) and returns the flags, unsorted. `history` is ascending and
/// all before `period`.
pub fn check(
    plan: &Plan,
    period: Period,
    current: &Intake,
    history: &[(Period, &Intake)],
    measures: &Measures,
    scope: &Scope,
) -> Vec<Flag> {
    let m = Month {
        plan,
        period,
        current,
        history: history.to_vec(),
        measures,
        scope,
    };
    let rules: [fn(&Month) -> Vec<Flag>; 11] = [
        missing_submission,
        late_submission,
        missing_task,
        missing_indicator,
        overdue,
        due_soon,
        behind_schedule,
        indicator_off_target,
        indicator_mismatch,
        stale_progress,
        progress_regressed,
    ];
    rules.iter().flat_map(|rule| rule(&m)).collect()
}

mod deadlines;
mod figures;
mod progress;
mod submissions;
#[cfg(test)]
mod tests;

use deadlines::{due_soon, overdue};
use figures::{behind_schedule, indicator_mismatch, indicator_off_target};
use progress::{progress_regressed, stale_progress};
pub use submissions::{Owed, owed};
use submissions::{late_submission, missing_indicator, missing_submission, missing_task};

// ------------------------------------------------------------ labels

fn figure_label(f: &Figure) -> String {
    format!("{} {}", f.id, f.name)
}

fn task_label(t: &Task) -> String {
    format!("第{}项任务「{}」", t.id, t.title)
}

// ------------------------------------------------------------ lookups

impl Month<'_> {
    /// Whether `department` sent an accepted file this period.
    fn submitted(&self, department: &str) -> bool {
        self.current.submissions.iter().any(|s| {
            s.status == FileStatus::Accepted && s.department.as_deref() == Some(department)
        })
    }

    /// The department's file (and sheet) holding `kind`, else its first accepted file.
    fn place(&self, department: &str, kind: SheetKind) -> Option<(String, Option<String>)> {
        let files: Vec<_> = self
            .current
            .submissions
            .iter()
            .filter(|s| {
                s.status == FileStatus::Accepted && s.department.as_deref() == Some(department)
            })
            .collect();
        files
            .iter()
            .find_map(|s| {
                s.sheets
                    .iter()
                    .find(|sh| sh.kind == kind)
                    .map(|sh| (s.file.clone(), Some(sh.name.clone())))
            })
            .or_else(|| files.first().map(|s| (s.file.clone(), None)))
    }

    fn placed(&self, flag: Flag, department: &str, kind: SheetKind) -> Flag {
        match self.place(department, kind) {
            Some((file, Some(sheet))) => flag.file(file).sheet(sheet),
            Some((file, None)) => flag.file(file),
            None => flag,
        }
    }

    /// A flag about figure `f`, located at its report row when there is one,
    /// and at the cell `look` names in that row when the sheet has it.
    fn figure_flag(&self, code: Code, f: &Figure, look: Look, message: String) -> Flag {
        let m = self.measures.figure(&f.id);
        let department = m
            .and_then(|m| m.reporter.clone())
            .unwrap_or_else(|| f.owner.clone());
        let mut flag = Flag::new(code, message)
            .department(department.clone())
            .figure(f.id.clone());
        if let Some(t) = f.task {
            flag = flag.task(t);
        }
        match m.and_then(|m| m.report.as_ref()) {
            Some(origin) => {
                let report = self.current.figures.iter().find(|r| r.origin == *origin);
                flag = flag.at(origin);
                match report.and_then(|r| look.column(r)) {
                    Some(column) => flag.column(column),
                    None => flag,
                }
            }
            None => self.placed(flag, &department, SheetKind::Figures),
        }
    }

    /// Whether flags about figure `f` belong in scope.
    fn covers_figure(&self, f: &Figure) -> bool {
        let reporter = self
            .measures
            .figure(&f.id)
            .and_then(|m| m.reporter.as_deref());
        self.scope.covers(&f.owner) || reporter.is_some_and(|r| self.scope.covers(r))
    }

    /// The latest reports of each lead of each task, in scope.
    fn lead_reports(&self) -> Vec<(&Task, &TaskReport)> {
        let mut out = Vec::new();
        for t in &self.plan.tasks {
            for l in t.leads.iter().filter(|l| self.scope.covers(l)) {
                if let Some(r) = latest_task_report(self.current, l, t.id) {
                    out.push((t, r));
                }
            }
        }
        out
    }

    /// Each department's latest report per task this period, in scope, with
    /// its latest earlier report on the same task and that report's period.
    fn with_previous(&self) -> Vec<(&TaskReport, Period, &TaskReport)> {
        let mut pairs: Vec<(&str, u32)> = self
            .current
            .tasks
            .iter()
            .filter(|r| self.scope.covers(&r.department))
            .map(|r| (r.department.as_str(), r.task))
            .collect();
        pairs.sort();
        pairs.dedup();
        pairs
            .into_iter()
            .filter_map(|(d, t)| {
                let now = latest_task_report(self.current, d, t)?;
                let (p, before) = self
                    .history
                    .iter()
                    .rev()
                    .find_map(|(p, i)| latest_task_report(i, d, t).map(|r| (*p, r)))?;
                Some((now, p, before))
            })
            .collect()
    }
}

/// Which cell of a figure report row a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    /// The cell the reported value came from: 累计值, else 本月值 when only
    /// that holds a value; 累计值 (else 本月值) when neither does.
    Value,
    /// 完成日期 (a dated milestone; its date may also sit in a value column).
    DoneDate,
    /// 上年同期 (a growth figure's base), else the value's cell.
    LastYear,
}

impl Look {
    /// The column letter of the cell in `r`'s row, when its sheet has the column.
    fn column(self, r: &FigureReport) -> Option<String> {
        let value: &[Field] = if r.cumulative.is_none() && r.month_value.is_some() {
            &[Field::MonthValue, Field::Cumulative]
        } else {
            &[Field::Cumulative, Field::MonthValue]
        };
        let fields: Vec<Field> = match self {
            Look::Value => value.to_vec(),
            Look::DoneDate => [Field::DoneDate]
                .into_iter()
                .chain(value.iter().copied())
                .collect(),
            Look::LastYear => [Field::LastYear]
                .into_iter()
                .chain(value.iter().copied())
                .collect(),
        };
        r.cells.column(&fields)
    }
}

/// A flag about task report `r`, located at the cell of the first of
/// `fields` its sheet has (else at its row).
fn at_cell(flag: Flag, r: &TaskReport, fields: &[Field]) -> Flag {
    let flag = flag.at(&r.origin);
    match r.cells.column(fields) {
        Some(c) => flag.column(c),
        None => flag,
    }
}

fn status_word(s: Option<Status>) -> String {
    match s {
        Some(s) => format!("「{}」", s.as_str()),
        None => "未填写".to_string(),
    }
}
