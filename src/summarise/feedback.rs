//! What goes back to each department after a merge (`merge --feedback`), as
//! plain data: its problems of the month, how its tasks and figures will
//! appear to leadership, the rows not taken, and its fill-in workbook
//! pre-filled with what it sent, each flagged cell marked ([`Return`]).
//! `report::feedback` writes it.
//!
//! A flag is placed on a cell of the department's workbook thus:
//! - a flag at a row (file, sheet, row) that is one of the department's
//!   kept reports — its latest report on a task it leads, its latest on a
//!   figure it owns, an accepted row of a ledger it keeps — goes on that
//!   task's, figure's or ledger row's cell in the field its column holds
//!   (the report's [`Cells`]); a row-level flag without a column, on the
//!   row's 任务编号/指标编号 (a ledger row's first field);
//! - a flag about a task or figure without a row (MISSING_TASK,
//!   MISSING_INDICATOR, a milestone's OVERDUE…) goes on the row of that task
//!   (its 完成状态, the first cell to fill) or figure (its value: 完成日期
//!   for a dated milestone, else 累计值);
//! - anything else (rejected rows, other departments' tasks, the file's
//!   填报日期 or 报送月份, the month as a whole) has no cell: it is listed
//!   on the first sheet only, like every flag.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::fill::{FigureFill, Fill, LedgerFill, Mark, Spot, TaskFill, Value};
use super::{Light, Reporting, Summary};
use crate::flag::{Flag, Origin};
use crate::import::vocab::Field;
use crate::import::{
    Cell, Cells, Disposition, FileStatus, ReceivedRow, Unaccepted, column_index, value,
};
use crate::period::Period;
use crate::plan::{FigureKind, LedgerKind, Plan};

/// Everything a department gets back for the month.
#[derive(Debug, Clone, PartialEq)]
pub struct Return {
    pub department: String,
    pub period: Period,
    pub reporting: Reporting,
    /// The files it sent (read or unreadable), relative to the input root.
    pub files: Vec<String>,
    /// Its flags in the display order (errors first), each with the cell it
    /// marks in the returned workbook, when it has one.
    pub problems: Vec<Problem>,
    /// The tasks it leads, as leadership sees them.
    pub tasks: Vec<Standing>,
    /// The figures it owns, as leadership sees them.
    pub figures: Vec<Standing>,
    /// Its rows that held data but were not taken, with their values and why.
    pub rejected: Vec<Unaccepted>,
    /// Its workbook's pre-filled values and marked cells.
    pub fill: Fill,
}

/// One flag and where it is marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub flag: Flag,
    pub spot: Option<Spot>,
}

/// A task or figure with its light and why, as the consolidated workbook shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub id: String,
    pub name: String,
    pub light: Light,
    pub reason: String,
}

impl Return {
    /// Whether nothing needs changing: no error or warning.
    pub fn is_clean(&self) -> bool {
        self.problems
            .iter()
            .all(|p| p.flag.severity() == crate::flag::Severity::Info)
    }
}

/// One [`Return`] for every department that sent files or should have
/// (`plan.must_report`), in the plan's order. `received` are the month's
/// accepted ledger rows cell by cell (`import::received_ledgers`).
pub fn returns(plan: &Plan, summary: &Summary, received: &[ReceivedRow]) -> Vec<Return> {
    summary
        .departments
        .iter()
        .filter(|d| plan.must_report(&d.name) || !d.files.is_empty())
        .map(|d| returned(plan, summary, received, &d.name))
        .collect()
}

/// Where a row of the department's kept reports is in its workbook.
#[derive(Clone)]
enum Row<'s> {
    Task(u32, &'s Cells),
    Figure(String, &'s Cells),
    Ledger(LedgerKind, usize, &'s Cells),
}

/// The origin as a key: file, sheet and row.
fn key(o: &Origin) -> (&str, &str, u32) {
    (&*o.file, &*o.sheet, o.row)
}

/// The [`Return`] of one department.
pub fn returned(
    plan: &Plan,
    summary: &Summary,
    received: &[ReceivedRow],
    department: &str,
) -> Return {
    let filled_of: HashMap<&str, Option<NaiveDate>> = summary
        .inputs
        .iter()
        .map(|s| (s.file.as_str(), s.filled))
        .collect();
    let mut rows: HashMap<(&str, &str, u32), Row<'_>> = HashMap::new();
    let mut fill = Fill::default();

    for t in plan.tasks_led_by(department) {
        let latest = summary
            .task_details
            .iter()
            .enumerate()
            .filter(|(_, r)| r.department == department && r.task == t.id && r.is_lead)
            .max_by_key(|(i, r)| (r.filled, *i))
            .map(|(_, r)| r);
        if let Some(r) = latest {
            rows.insert(key(&r.origin), Row::Task(t.id, &r.cells));
            fill.tasks.push(TaskFill {
                task: t.id,
                status: r.status,
                progress: r.progress,
                text: r.text.clone(),
                planned: r.planned,
                actual: r.actual,
                problems: r.problems.clone(),
                next_steps: r.next_steps.clone(),
                note: r.note.clone(),
                ..TaskFill::default()
            });
        }
    }
    for f in plan.figures_owned_by(department) {
        let latest = summary
            .figure_details
            .iter()
            .enumerate()
            .filter(|(_, r)| r.department == department && r.figure == f.id)
            .max_by_key(|(i, r)| (filled_of.get(&*r.origin.file).copied().flatten(), *i))
            .map(|(_, r)| r);
        if let Some(r) = latest {
            rows.insert(key(&r.origin), Row::Figure(f.id.clone(), &r.cells));
            fill.figures.push(FigureFill {
                figure: f.id.clone(),
                month_value: r.month_value,
                cumulative: r.cumulative,
                last_year: r.last_year,
                done: r.done,
                note: r.note.clone(),
            });
        }
    }

    // Ledger rows as received, less those the intake rejected across files.
    let mine: Vec<&str> = summary
        .inputs
        .iter()
        .filter(|s| s.status == FileStatus::Accepted && s.department.as_deref() == Some(department))
        .map(|s| s.file.as_str())
        .collect();
    let rejected_rows: Vec<(&str, &str, u32)> = summary
        .unaccepted
        .iter()
        .filter(|u| u.disposition == Disposition::Rejected)
        .map(|u| key(&u.origin))
        .collect();
    for kind in plan.ledgers_kept_by(department) {
        let mut ledger = LedgerFill {
            kind,
            rows: Vec::new(),
        };
        for r in received.iter().filter(|r| {
            r.kind == kind
                && mine.contains(&&*r.origin.file)
                && !rejected_rows.contains(&key(&r.origin))
        }) {
            rows.insert(
                key(&r.origin),
                Row::Ledger(kind, ledger.rows.len(), &r.columns),
            );
            ledger.rows.push(
                r.cells
                    .iter()
                    .map(|(f, c)| (*f, written(*f, c, plan.year)))
                    .collect(),
            );
        }
        if !ledger.rows.is_empty() {
            fill.ledgers.push(ledger);
        }
    }

    let problems: Vec<Problem> = summary
        .flags
        .iter()
        .filter(|f| f.department.as_deref() == Some(department))
        .map(|f| Problem {
            flag: f.clone(),
            spot: place(plan, department, f, &rows),
        })
        .collect();
    fill.marks = problems
        .iter()
        .filter_map(|p| {
            p.spot.clone().map(|spot| Mark {
                spot,
                severity: p.flag.severity(),
                message: p.flag.message.clone(),
            })
        })
        .collect();

    let line = summary.departments.iter().find(|d| d.name == department);
    Return {
        department: department.to_string(),
        period: summary.period,
        reporting: line.map_or(Reporting::Missing, |d| d.reporting()),
        files: line.map(|d| d.files.clone()).unwrap_or_default(),
        problems,
        tasks: summary
            .tasks
            .iter()
            .filter(|t| t.leads.iter().any(|l| l == department))
            .map(|t| Standing {
                id: t.id.to_string(),
                name: t.title.clone(),
                light: t.light,
                reason: t.reason.clone(),
            })
            .collect(),
        figures: summary
            .figures
            .iter()
            .filter(|f| f.figure.owner == department)
            .map(|f| Standing {
                id: f.figure.id.clone(),
                name: f.figure.name.clone(),
                light: f.light,
                reason: f.reason.clone(),
            })
            .collect(),
        rejected: summary
            .unaccepted
            .iter()
            .filter(|u| {
                u.disposition == Disposition::Rejected
                    && u.department.as_deref() == Some(department)
            })
            .cloned()
            .collect(),
        fill,
    }
}

/// The cell of the department's workbook a flag is about, if it has one
/// (see the module's documentation).
fn place(
    plan: &Plan,
    department: &str,
    flag: &Flag,
    rows: &HashMap<(&str, &str, u32), Row<'_>>,
) -> Option<Spot> {
    if let Some(row) = flag.row {
        let (file, sheet) = (flag.file.as_deref()?, flag.sheet.as_deref()?);
        let field = |cells: &Cells| {
            flag.column
                .as_deref()
                .and_then(column_index)
                .and_then(|c| cells.field_at(c))
        };
        // A row that is not one of the kept reports (rejected, another
        // department's task) has no place in the workbook.
        return match rows.get(&(file, sheet, row))? {
            Row::Task(id, cells) => Some(Spot::Task(*id, field(cells).unwrap_or(Field::TaskId))),
            Row::Figure(id, cells) => Some(Spot::Figure(
                id.clone(),
                field(cells).unwrap_or(Field::FigureId),
            )),
            Row::Ledger(kind, i, cells) => {
                Some(Spot::Ledger(*kind, *i, field(cells).unwrap_or(Field::Key)))
            }
        };
    }
    if let Some(id) = &flag.figure
        && let Some(f) = plan.figures_owned_by(department).find(|f| f.id == *id)
    {
        let field = if f.kind == FigureKind::Date {
            Field::DoneDate
        } else {
            Field::Cumulative
        };
        return Some(Spot::Figure(f.id.clone(), field));
    }
    let id = flag.task?;
    plan.tasks_led_by(department)
        .any(|t| t.id == id)
        .then_some(Spot::Task(id, Field::Status))
}

/// A received ledger cell as it is written back: dates as dates when they
/// read as dates, amounts as numbers, everything else as the text it showed.
fn written(field: Field, cell: &Cell, year: i32) -> Value {
    let text = || Value::Text(value::text(cell).into_owned());
    match field {
        Field::Accepted | Field::Issued | Field::Closed | Field::Registered => {
            match value::date(cell, year) {
                Ok(Some(d)) => Value::Date(d),
                _ => text(),
            }
        }
        Field::Amount => match cell {
            Cell::Number(n) if n.is_finite() => Value::Number(*n),
            _ => text(),
        },
        _ => text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Scope;
    use crate::flag::Code;
    use crate::import::sample::{self, Builder};
    use crate::import::{SheetKind, Status};

    /// March: 保护处 reports task 9 (bad progress), not task 10; I4 without
    /// a value; 发展促进处 sends nothing.
    fn march() -> (Plan, Summary) {
        let plan = sample::plan();
        let intake = Builder::new("2025-03")
            .task("保护处", 9, Some(Status::InProgress), None, "召开联席会议")
            .task("保护处", 11, Some(Status::Done), Some(60.0), "完成方案")
            .sent("保护处", SheetKind::Figures)
            .build();
        let mut intake = intake;
        // The importer's flag on the unreadable progress of task 9 (E5).
        let origin = intake.tasks[0].origin.clone();
        intake.flags.push(
            Flag::new(Code::InvalidValue, "完成进度“150”超出0–100的范围")
                .department("保护处")
                .task(9)
                .at(&origin)
                .column("E"),
        );
        // The importer's flag on task 11's 已完成 at 60% (its 完成状态, D).
        let origin = intake.tasks[1].origin.clone();
        intake.flags.push(
            Flag::new(
                Code::StatusInconsistent,
                "完成状态为已完成，但完成进度为60%",
            )
            .department("保护处")
            .task(11)
            .at(&origin)
            .column("D"),
        );
        let summary = crate::pipeline::run(&plan, sample::p("2025-03"), intake, &[], &Scope::Month);
        (plan, summary)
    }

    #[test]
    fn flags_land_on_the_cells_of_the_reports_they_are_about() {
        let (plan, summary) = march();
        let r = returned(&plan, &summary, &[], "保护处");
        assert_eq!(r.reporting, Reporting::OnTime);
        assert!(!r.is_clean());
        let spot = |code: Code, task: Option<u32>| {
            r.problems
                .iter()
                .find(|p| p.flag.code == code && (task.is_none() || p.flag.task == task))
                .unwrap_or_else(|| panic!("{code:?} {task:?}: {:#?}", r.problems))
                .spot
                .clone()
        };
        assert_eq!(
            spot(Code::InvalidValue, Some(9)),
            Some(Spot::Task(9, Field::Progress))
        );
        // 已完成 at 60%: the 完成状态 cell (D).
        assert_eq!(
            spot(Code::StatusInconsistent, Some(11)),
            Some(Spot::Task(11, Field::Status))
        );
        // No row for task 10: its 完成状态.
        assert_eq!(
            spot(Code::MissingTask, Some(10)),
            Some(Spot::Task(10, Field::Status))
        );
        assert_eq!(
            spot(Code::MissingIndicator, None),
            Some(Spot::Figure("I4".into(), Field::Cumulative))
        );
        // Errors come first, and every one is marked in the fill.
        let first_warning = r
            .problems
            .iter()
            .position(|p| p.flag.severity() != crate::flag::Severity::Error)
            .unwrap_or(r.problems.len());
        assert!(
            r.problems[first_warning..]
                .iter()
                .all(|p| p.flag.severity() != crate::flag::Severity::Error)
        );
        assert_eq!(
            r.fill.marks.len(),
            r.problems.iter().filter(|p| p.spot.is_some()).count()
        );
        let t9 = r.fill.task(9).expect("task 9 pre-filled");
        assert_eq!((t9.status, t9.progress), (Some(Status::InProgress), None));
        assert_eq!(t9.text, "召开联席会议");
        assert!(r.fill.task(10).is_none());
        assert!(
            r.tasks
                .iter()
                .any(|t| t.id == "10" && t.light == Light::Red)
        );
        assert!(r.figures.iter().any(|f| f.id == "I4"));
    }

    #[test]
    fn a_department_that_sent_nothing_gets_its_blank_workbook_back() {
        let (plan, summary) = march();
        let all = returns(&plan, &summary, &[]);
        let names: Vec<&str> = all.iter().map(|r| r.department.as_str()).collect();
        for d in plan
            .departments
            .iter()
            .filter(|d| plan.must_report(&d.name))
        {
            assert!(names.contains(&d.name.as_str()), "{}", d.name);
        }
        let missing = all
            .iter()
            .find(|r| r.department == "发展促进处")
            .expect("发展促进处");
        assert_eq!(missing.reporting, Reporting::Missing);
        assert_eq!(missing.fill, Fill::default());
        assert!(
            missing
                .problems
                .iter()
                .any(|p| p.flag.code == Code::MissingSubmission && p.spot.is_none())
        );
    }

    #[test]
    fn ledger_rows_come_back_as_received_with_their_flags() {
        let plan = sample::plan();
        let intake = Builder::new("2025-03")
            .sent("保护处", SheetKind::Tasks)
            .ledger(
                "保护处",
                LedgerKind::Mediation,
                "TJ-1",
                sample::d(2025, 3, 3),
            )
            .build();
        let origin = intake.ledgers.get(0).origin();
        let columns = Cells::new([
            (Field::Key, 0),
            (Field::Accepted, 1),
            (Field::Category, 2),
            (Field::Closed, 4),
        ]);
        let received = vec![
            ReceivedRow {
                kind: LedgerKind::Mediation,
                origin: origin.clone(),
                columns: columns.clone(),
                cells: vec![
                    (Field::Key, Cell::Text("TJ-1".into())),
                    (Field::Accepted, Cell::Date(45719.0)),
                    (Field::Category, Cell::Text("专利".into())),
                    (Field::Closed, Cell::Text("待定".into())),
                ],
            },
            // Another department's row is not ours.
            ReceivedRow {
                kind: LedgerKind::Mediation,
                origin: Origin {
                    file: "2025-03/其他.xlsx".into(),
                    ..origin.clone()
                },
                columns,
                cells: vec![(Field::Key, Cell::Text("TJ-9".into()))],
            },
        ];
        let mut intake = intake;
        intake.flags.push(
            Flag::new(Code::InvalidValue, "结案日期“待定”无法识别")
                .department("保护处")
                .at(&origin)
                .column("E"),
        );
        let summary = crate::pipeline::run(&plan, sample::p("2025-03"), intake, &[], &Scope::Month);
        let r = returned(&plan, &summary, &received, "保护处");
        let rows = r.fill.ledger(LedgerKind::Mediation);
        assert_eq!(rows.len(), 1);
        assert!(rows[0].contains(&(Field::Accepted, Value::Date(sample::d(2025, 3, 3)))));
        assert!(rows[0].contains(&(Field::Closed, Value::Text("待定".into()))));
        let p = r
            .problems
            .iter()
            .find(|p| p.flag.message.starts_with("结案日期"))
            .expect("the flag");
        assert_eq!(
            p.spot,
            Some(Spot::Ledger(LedgerKind::Mediation, 0, Field::Closed))
        );
    }
}
