//! Test intakes built in code: a period's submissions and records as the
//! importer would hand them over, with as little ceremony as the tests need.

use chrono::NaiveDate;

use crate::flag::{CellRef, Origin};
use crate::import::vocab::Field;
use crate::import::{
    Cells, FigureReport, FileStatus, Intake, LedgerRow, SheetKind, SheetSummary, Status,
    Submission, TaskReport,
};
use crate::period::Period;
use crate::plan::{LedgerKind, Plan};

pub fn plan() -> Plan {
    crate::plan::load_default().expect("the default plan loads")
}

pub fn p(s: &str) -> Period {
    s.parse().expect("a period")
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

/// The task sheet's columns in test intakes: A 任务编号, B 任务名称,
/// C 牵头部门, D 完成状态, E 完成进度, F 本月进展, G 计划完成时间,
/// H 实际完成时间, I 存在问题, J 下步计划, K 备注.
pub fn task_cells() -> Cells {
    Cells::new(
        [
            Field::TaskId,
            Field::TaskTitle,
            Field::Leads,
            Field::Status,
            Field::Progress,
            Field::ProgressText,
            Field::Planned,
            Field::Actual,
            Field::Problems,
            Field::NextSteps,
            Field::Note,
        ]
        .into_iter()
        .zip(0..),
    )
}

/// The figure sheet's columns in test intakes: A 编号, B 指标名称, C 单位,
/// D 本月值, E 累计值, F 上年同期, G 完成日期, H 备注.
pub fn figure_cells() -> Cells {
    Cells::new(
        [
            Field::FigureId,
            Field::FigureName,
            Field::Unit,
            Field::MonthValue,
            Field::Cumulative,
            Field::LastYear,
            Field::DoneDate,
            Field::Note,
        ]
        .into_iter()
        .zip(0..),
    )
}

fn origin(file: &str, sheet: &str, row: u32) -> Origin {
    Origin {
        file: file.into(),
        sheet: sheet.into(),
        row,
    }
}

/// Builds one period's intake department by department.
pub struct Builder {
    pub intake: Intake,
    period: String,
}

impl Builder {
    pub fn new(period: &str) -> Builder {
        Builder {
            intake: Intake::default(),
            period: period.to_string(),
        }
    }

    fn file_of(&self, department: &str) -> String {
        format!("{}/{department}.xlsx", self.period)
    }

    /// The department's submission, created on first use.
    fn submission(&mut self, department: &str) -> &mut Submission {
        let file = self.file_of(department);
        let i = match self.intake.submissions.iter().position(|s| s.file == file) {
            Some(i) => i,
            None => {
                self.intake.submissions.push(Submission {
                    file: file.clone(),
                    path: file.clone().into(),
                    status: FileStatus::Accepted,
                    department: Some(department.to_string()),
                    reason: None,
                    filled: None,
                    filled_at: None,
                    period: None,
                    sheets: Vec::new(),
                });
                self.intake.submissions.len() - 1
            }
        };
        &mut self.intake.submissions[i]
    }

    /// Counts one accepted row on the department's sheet of `kind`, returning its origin.
    fn row(&mut self, department: &str, kind: SheetKind) -> Origin {
        let s = self.submission(department);
        let file = s.file.clone();
        let i = match s.sheets.iter().position(|sh| sh.kind == kind) {
            Some(i) => i,
            None => {
                s.sheets.push(SheetSummary {
                    name: kind.title().to_string(),
                    kind,
                    header_row: Some(3),
                    rows_read: 0,
                    accepted: 0,
                    rejected: 0,
                    skipped: 0,
                });
                s.sheets.len() - 1
            }
        };
        let sh = &mut s.sheets[i];
        sh.rows_read += 1;
        sh.accepted += 1;
        origin(&file, &sh.name, 3 + sh.rows_read as u32)
    }

    /// A department that sent a file (with an empty sheet of `kind`).
    pub fn sent(mut self, department: &str, kind: SheetKind) -> Builder {
        let s = self.submission(department);
        if !s.sheets.iter().any(|sh| sh.kind == kind) {
            s.sheets.push(SheetSummary {
                name: kind.title().to_string(),
                kind,
                header_row: Some(3),
                rows_read: 0,
                accepted: 0,
                rejected: 0,
                skipped: 0,
            });
        }
        self
    }

    /// The department's 填报日期, written in G2 of its first sheet.
    pub fn filled(mut self, department: &str, date: NaiveDate) -> Builder {
        let s = self.submission(department);
        let sheet = s.sheets.first().map_or_else(
            || SheetKind::Tasks.title().to_string(),
            |sh| sh.name.clone(),
        );
        s.filled = Some(date);
        s.filled_at = Some(CellRef {
            sheet,
            row: 2,
            column: "G".into(),
        });
        self
    }

    pub fn task(
        mut self,
        department: &str,
        task: u32,
        status: Option<Status>,
        progress: Option<f64>,
        text: &str,
    ) -> Builder {
        self = self.task_planned(department, task, status, progress, text, None);
        self
    }

    pub fn task_planned(
        mut self,
        department: &str,
        task: u32,
        status: Option<Status>,
        progress: Option<f64>,
        text: &str,
        planned: Option<NaiveDate>,
    ) -> Builder {
        let origin = self.row(department, SheetKind::Tasks);
        let is_lead = plan()
            .task(task)
            .is_some_and(|t| t.leads.iter().any(|l| l == department));
        self.intake.tasks.push(TaskReport {
            department: department.into(),
            task,
            title: String::new(),
            status,
            progress,
            text: text.to_string(),
            planned,
            actual: None,
            problems: String::new(),
            next_steps: String::new(),
            note: String::new(),
            is_lead,
            filled: None,
            extra: Vec::new(),
            origin,
            cells: task_cells(),
        });
        self
    }

    pub fn figure(
        mut self,
        department: &str,
        id: &str,
        cumulative: Option<f64>,
        last_year: Option<f64>,
        done: Option<NaiveDate>,
    ) -> Builder {
        let origin = self.row(department, SheetKind::Figures);
        self.intake.figures.push(FigureReport {
            department: department.into(),
            figure: id.to_string(),
            month_value: None,
            cumulative,
            last_year,
            done,
            note: String::new(),
            origin,
            cells: figure_cells(),
        });
        self
    }

    /// A ledger row; `fast` and `accepted` matter for works, `amount` and
    /// `pledge` for finance.
    #[allow(clippy::too_many_arguments)]
    pub fn ledger_row(
        mut self,
        department: &str,
        kind: LedgerKind,
        key: &str,
        date: Option<NaiveDate>,
        category: &str,
        amount: Option<f64>,
        pledge: bool,
        fast: bool,
        accepted: Option<NaiveDate>,
    ) -> Builder {
        let origin = self.row(department, SheetKind::Ledger(kind));
        self.intake.ledgers.push(LedgerRow {
            kind,
            department: department.into(),
            key: key.to_string(),
            date,
            category: category.to_string(),
            amount,
            pledge,
            fast_track: fast,
            accepted,
            result: String::new(),
            origin,
        });
        self
    }

    /// A plain counted ledger row.
    pub fn ledger(self, department: &str, kind: LedgerKind, key: &str, date: NaiveDate) -> Builder {
        self.ledger_row(
            department,
            kind,
            key,
            Some(date),
            "",
            None,
            false,
            false,
            None,
        )
    }

    pub fn build(self) -> Intake {
        self.intake
    }
}

/// An empty January read as history: the earlier months' folders were
/// there, so a ledger in the current intake may stand for the year.
pub fn january() -> Vec<(Period, Intake)> {
    vec![(p("2025-01"), Builder::new("2025-01").build())]
}

/// The history as the stages take it: borrowed intakes, in the given order.
pub fn refs(history: &[(Period, Intake)]) -> Vec<(Period, &Intake)> {
    history.iter().map(|(p, i)| (*p, i)).collect()
}
