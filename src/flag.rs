//! The flag model, below every stage: a flag's stable [`Code`] (its
//! [`Severity`] follows from the code), where it points ([`Origin`],
//! [`CellRef`]) and its Chinese message. The importer raises row-level
//! flags as it reads, the checks month-level ones; every output lists them
//! in one [`order`]. The codes, what each means and what a clerk does about
//! it are in `docs/flags.md`.
//!
//! A problem in a department's file is never an `Err`: it is a [`Flag`].

use std::sync::Arc;

/// How serious a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Chinese word for the severity: 错误, 警告, 提示.
    pub fn as_chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $title:literal;)*) => {
        /// A flag's stable code (`docs/flags.md`). The string form is part of the contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the contract.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The contract's upper-case name, e.g. `MISSING_TASK`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// How serious a flag of this code is: fixed by the code, never stored apart.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// A short Chinese title for the kind of problem, e.g. `缺报任务`.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$variant => $title,)*
                }
            }
        }
    };
}

codes! {
    UnreadableFile => "UNREADABLE_FILE", Error, "文件无法读取";
    UnknownDepartment => "UNKNOWN_DEPARTMENT", Error, "无法识别报送部门";
    DepartmentConflict => "DEPARTMENT_CONFLICT", Warning, "部门名称不一致";
    PeriodMismatch => "PERIOD_MISMATCH", Warning, "报送月份不符";
    NoData => "NO_DATA", Warning, "未找到可识别的报表";
    MissingSubmission => "MISSING_SUBMISSION", Error, "未报送";
    MissingTask => "MISSING_TASK", Error, "缺报任务";
    MissingIndicator => "MISSING_INDICATOR", Error, "缺报指标";
    UnknownTask => "UNKNOWN_TASK", Error, "任务不在工作要点中";
    TitleMismatch => "TITLE_MISMATCH", Warning, "任务编号与名称不符";
    NotLead => "NOT_LEAD", Warning, "非牵头部门报送";
    DuplicateTaskReport => "DUPLICATE_TASK_REPORT", Warning, "任务重复报送";
    InvalidValue => "INVALID_VALUE", Warning, "数值无法识别";
    FormulaNotCalculated => "FORMULA_NOT_CALCULATED", Warning, "公式未计算";
    EmptyProgress => "EMPTY_PROGRESS", Warning, "未填写进展";
    StatusUnclear => "STATUS_UNCLEAR", Warning, "状态无法判断";
    ValueFromText => "VALUE_FROM_TEXT", Info, "由文字判断";
    StatusInconsistent => "STATUS_INCONSISTENT", Warning, "状态与进度不一致";
    Overdue => "OVERDUE", Error, "逾期未完成";
    BehindSchedule => "BEHIND_SCHEDULE", Warning, "未达序时进度";
    IndicatorOffTarget => "INDICATOR_OFF_TARGET", Warning, "指标未达目标";
    IndicatorMismatch => "INDICATOR_MISMATCH", Warning, "指标与台账不符";
    DuplicateLedgerKey => "DUPLICATE_LEDGER_KEY", Warning, "台账重复记录";
    DateOutOfRange => "DATE_OUT_OF_RANGE", Warning, "台账日期超出范围";
    StaleProgress => "STALE_PROGRESS", Warning, "进展未更新";
    ProgressRegressed => "PROGRESS_REGRESSED", Warning, "进度倒退";
    DueSoon => "DUE_SOON", Info, "临近时限";
    LateSubmission => "LATE_SUBMISSION", Warning, "逾期报送";
}

/// Where a row came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// Path relative to the input root. Shared by the rows of a file: a
    /// ledger of a million rows holds the name once.
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// 1-based Excel row.
    pub row: u32,
}

/// One cell of a workbook, as a clerk finds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub sheet: String,
    /// 1-based Excel row.
    pub row: u32,
    /// Column letter(s), as Excel shows them.
    pub column: String,
}

/// One problem found, with where it is and a Chinese message a clerk can act on.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub code: Code,
    pub department: Option<String>,
    pub task: Option<u32>,
    pub figure: Option<String>,
    /// Path relative to the input root.
    pub file: Option<String>,
    pub sheet: Option<String>,
    /// 1-based, as Excel shows it.
    pub row: Option<u32>,
    /// Column letter(s), as Excel shows them.
    pub column: Option<String>,
    pub message: String,
}

impl Flag {
    /// A flag with the code's severity and no location yet.
    pub fn new(code: Code, message: impl Into<String>) -> Flag {
        Flag {
            code,
            department: None,
            task: None,
            figure: None,
            file: None,
            sheet: None,
            row: None,
            column: None,
            message: message.into(),
        }
    }

    /// The code's severity.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn department(mut self, department: impl Into<String>) -> Flag {
        self.department = Some(department.into());
        self
    }

    pub fn department_opt(mut self, department: Option<&str>) -> Flag {
        self.department = department.map(str::to_string);
        self
    }

    pub fn task(mut self, task: u32) -> Flag {
        self.task = Some(task);
        self
    }

    pub fn figure(mut self, figure: impl Into<String>) -> Flag {
        self.figure = Some(figure.into());
        self
    }

    pub fn file(mut self, file: impl Into<String>) -> Flag {
        self.file = Some(file.into());
        self
    }

    pub fn sheet(mut self, sheet: impl Into<String>) -> Flag {
        self.sheet = Some(sheet.into());
        self
    }

    /// Sets file, sheet and row from a row's origin.
    pub fn at(mut self, origin: &Origin) -> Flag {
        self.file = Some(origin.file.to_string());
        self.sheet = Some(origin.sheet.to_string());
        self.row = Some(origin.row);
        self
    }

    pub fn row(mut self, row: u32) -> Flag {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Flag {
        self.column = Some(column.into());
        self
    }

    /// `文件 › 工作表 › C7` as a clerk reads a location; empty parts are left out.
    pub fn location(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = &self.file {
            parts.push(f.clone());
        }
        if let Some(s) = &self.sheet {
            parts.push(format!("工作表「{s}」"));
        }
        match (&self.column, self.row) {
            (Some(c), Some(r)) => parts.push(format!("{c}{r}单元格")),
            (None, Some(r)) => parts.push(format!("第{r}行")),
            _ => {}
        }
        parts.join(" ")
    }
}

/// The display order of flags: severity, department, file, sheet, row,
/// code, task, figure.
pub fn order(a: &Flag, b: &Flag) -> std::cmp::Ordering {
    fn key(f: &Flag) -> impl Ord + '_ {
        (
            f.severity(),
            &f.department,
            &f.file,
            &f.sheet,
            f.row,
            f.code,
            f.task,
            &f.figure,
        )
    }
    key(a).cmp(&key(b))
}

/// Orders flags for display (stable: equal flags keep their order).
pub fn sort(flags: &mut [Flag]) {
    flags.sort_by(order);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_contract_names() {
        assert_eq!(Code::MissingTask.as_str(), "MISSING_TASK");
        assert_eq!(Code::DueSoon.severity(), Severity::Info);
        assert_eq!(Code::Overdue.severity(), Severity::Error);
        assert_eq!(Flag::new(Code::NoData, "x").severity().as_str(), "warning");
    }

    #[test]
    fn location_reads_like_a_clerk_would_say_it() {
        let f = Flag::new(Code::InvalidValue, "x")
            .file("2025-03/保护处.xlsx")
            .sheet("任务进展")
            .row(7)
            .column("E");
        assert_eq!(
            f.location(),
            "2025-03/保护处.xlsx 工作表「任务进展」 E7单元格"
        );
    }
}
