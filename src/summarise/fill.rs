//! What a department's fill-in workbook is pre-filled with, as plain data:
//! the values of its rows and the cells to mark with a flag's message.
//! Two kinds of workbook are pre-filled — a workbook returned for
//! correction ([`super::feedback`]), holding what the department sent, and
//! next month's template carried forward from last month ([`Fill::carried`]).
//! `report::template` writes either; it knows where each [`Spot`] sits.

use chrono::NaiveDate;

use crate::flag::Severity;
use crate::import::vocab::Field;
use crate::import::{Intake, Status};
use crate::measure::latest_task_report;
use crate::plan::{LedgerKind, Plan};

/// One workbook's pre-filled values and marked cells. The default fills nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fill {
    /// By task, in any order; tasks without one are left to fill.
    pub tasks: Vec<TaskFill>,
    /// By figure, in any order.
    pub figures: Vec<FigureFill>,
    /// The rows of each ledger, in the order received.
    pub ledgers: Vec<LedgerFill>,
    /// Cells a flag is about; several on one cell are shown together.
    pub marks: Vec<Mark>,
    /// Whether the 任务进展 sheet shows last month's 本月进展 and 存在问题 in
    /// reference columns after the input columns.
    pub references: bool,
    /// The month the values come from when carried forward (`YYYY年M月`),
    /// for the guide to name.
    pub carried_from: Option<String>,
}

/// A task row's values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskFill {
    pub task: u32,
    pub status: Option<Status>,
    pub progress: Option<f64>,
    /// 本月进展.
    pub text: String,
    pub planned: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
    pub problems: String,
    pub next_steps: String,
    pub note: String,
    /// Last month's 本月进展, for the reference column.
    pub last_text: String,
    /// Last month's 存在问题, for the reference column.
    pub last_problems: String,
}

/// A figure row's values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FigureFill {
    pub figure: String,
    pub month_value: Option<f64>,
    pub cumulative: Option<f64>,
    pub last_year: Option<f64>,
    pub done: Option<NaiveDate>,
    pub note: String,
}

/// One ledger's rows, each its values by field.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerFill {
    pub kind: LedgerKind,
    pub rows: Vec<Vec<(Field, Value)>>,
}

/// A value as written back into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// A cell of a fill-in workbook, by what it holds rather than where: the
/// template decides rows and columns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Spot {
    /// A task's row of 任务进展, at a field's column.
    Task(u32, Field),
    /// A figure's row of 量化指标, at a field's column.
    Figure(String, Field),
    /// The row of a ledger's sheet holding [`LedgerFill::rows`]`[i]`, at a field's column.
    Ledger(LedgerKind, usize, Field),
}

/// A cell to mark: where, how serious, and the flag's message.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub spot: Spot,
    pub severity: Severity,
    /// What is wrong and what to do, as the flag says it.
    pub message: String,
}

impl Fill {
    /// The pre-filled values of a task, if any.
    pub fn task(&self, id: u32) -> Option<&TaskFill> {
        self.tasks.iter().find(|t| t.task == id)
    }

    /// The pre-filled values of a figure, if any.
    pub fn figure(&self, id: &str) -> Option<&FigureFill> {
        self.figures.iter().find(|f| f.figure == id)
    }

    /// The pre-filled rows of a ledger (none when nothing was received).
    pub fn ledger(&self, kind: LedgerKind) -> &[Vec<(Field, Value)>] {
        self.ledgers
            .iter()
            .find(|l| l.kind == kind)
            .map_or(&[], |l| l.rows.as_slice())
    }

    /// What the cell at `spot` is marked with: the most serious severity and
    /// every message, one a line, most serious first.
    pub fn mark(&self, spot: &Spot) -> Option<(Severity, String)> {
        let mut here: Vec<&Mark> = self.marks.iter().filter(|m| m.spot == *spot).collect();
        here.sort_by_key(|m| m.severity);
        let worst = here.first()?.severity;
        let mut lines: Vec<String> = Vec::new();
        for m in here {
            let line = format!("【{}】{}", m.severity.as_chinese(), m.message);
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
        Some((worst, lines.join("\n")))
    }

    /// Next month's template for `department`, carried forward from last
    /// month's `intake`: each task's latest report gives its 完成状态,
    /// 完成进度 and 计划完成时间 (and 实际完成时间 once 已完成, so that a done
    /// task stays consistent), and its 本月进展 and 存在问题 go to the
    /// reference columns. This month's 本月进展 is left empty: it must be
    /// written anew, and STALE_PROGRESS still catches a copied text.
    pub fn carried(plan: &Plan, department: &str, intake: &Intake, from: &str) -> Fill {
        let tasks = plan
            .tasks_led_by(department)
            .filter_map(|t| latest_task_report(intake, department, t.id))
            .map(|r| TaskFill {
                task: r.task,
                status: r.status,
                progress: r.progress,
                planned: r.planned,
                actual: r.actual.filter(|_| r.status == Some(Status::Done)),
                last_text: r.text.clone(),
                last_problems: r.problems.clone(),
                ..TaskFill::default()
            })
            .collect();
        Fill {
            tasks,
            references: true,
            carried_from: Some(from.to_string()),
            ..Fill::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sample;

    #[test]
    fn marks_on_one_cell_are_shown_together_most_serious_first() {
        let spot = Spot::Task(9, Field::Status);
        let fill = Fill {
            marks: vec![
                Mark {
                    spot: spot.clone(),
                    severity: Severity::Warning,
                    message: "甲".into(),
                },
                Mark {
                    spot: spot.clone(),
                    severity: Severity::Error,
                    message: "乙".into(),
                },
                Mark {
                    spot: Spot::Task(10, Field::Status),
                    severity: Severity::Info,
                    message: "丙".into(),
                },
            ],
            ..Fill::default()
        };
        assert_eq!(
            fill.mark(&spot),
            Some((Severity::Error, "【错误】乙\n【警告】甲".to_string()))
        );
        assert_eq!(fill.mark(&Spot::Task(9, Field::Progress)), None);
    }

    #[test]
    fn carried_forward_keeps_the_state_and_moves_the_texts_aside() {
        let plan = sample::plan();
        let mut intake = sample::Builder::new("2025-03")
            .task("保护处", 10, Some(Status::Done), Some(100.0), "已印发")
            .task(
                "保护处",
                9,
                Some(Status::InProgress),
                Some(40.0),
                "召开联席会议",
            )
            .task("发展促进处", 1, Some(Status::InProgress), Some(10.0), "x")
            .build();
        intake.tasks[0].actual = Some(sample::d(2025, 3, 20));
        intake.tasks[1].actual = Some(sample::d(2025, 3, 1));
        intake.tasks[1].problems = "人手紧张".into();
        let fill = Fill::carried(&plan, "保护处", &intake, "2025年3月");
        assert!(fill.references);
        let t9 = fill.task(9).unwrap();
        assert_eq!(
            (t9.status, t9.progress, t9.actual),
            (Some(Status::InProgress), Some(40.0), None)
        );
        assert_eq!(t9.text, "");
        assert_eq!(
            (t9.last_text.as_str(), t9.last_problems.as_str()),
            ("召开联席会议", "人手紧张")
        );
        assert_eq!(fill.task(10).unwrap().actual, Some(sample::d(2025, 3, 20)));
        assert!(fill.task(1).is_none(), "another department's task");
    }
}
