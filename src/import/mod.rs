//! Reading what departments send: discover files → read cells (the only
//! calamine user) → find header rows and recognise sheet kinds → normalise
//! values into records, raising row-level flags on the way.
//!
//! Every file ends up accepted, ignored or unreadable; every row of a
//! recognised sheet ends up accepted, rejected or skipped, with a reason.

pub mod discover;
pub mod read;
pub mod rows;
pub mod value;
pub mod vocab;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::Flag;
use crate::period::Period;
use crate::plan::LedgerKind;

// ---------------------------------------------------------------- raw cells

/// A cell value as read from a spreadsheet, before interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or time as an Excel serial day number (1900 system), when the
    /// reader knew the cell was a date. Serials in Chinese date formats arrive
    /// as [`Cell::Number`]: date columns accept both.
    Date(f64),
    /// A cell error such as `#DIV/0!`.
    Error(String),
    /// A formula with no cached value; holds the formula text.
    Formula(String),
}

/// One sheet's cells, sparse, with true 0-based coordinates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawSheet {
    pub name: String,
    /// `(row, col, value)` with 0-based worksheet coordinates (row 0 is Excel row 1),
    /// sorted by row then column; empty cells are absent.
    pub cells: Vec<(u32, u32, Cell)>,
    /// Merged ranges, inclusive, 0-based: `(first_row, first_col, last_row, last_col)`.
    pub merges: Vec<(u32, u32, u32, u32)>,
}

/// What a workbook yielded: its sheets, and the sheets that failed with why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawWorkbook {
    pub sheets: Vec<RawSheet>,
    /// `(sheet name, Chinese reason)` for sheets that could not be read.
    pub failed: Vec<(String, String)>,
}

/// Excel's column letters for a 0-based column: 0 → `A`, 27 → `AB`.
pub fn column_letter(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

// ---------------------------------------------------------------- files

/// What became of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Accepted,
    Ignored,
    Unreadable,
}

/// The kind of a sheet, recognised by its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetKind {
    Tasks,
    Figures,
    Ledger(LedgerKind),
    Other,
}

impl SheetKind {
    /// The contract's name: `tasks|figures|works|mediation|finance|prereview|other`.
    pub fn as_str(self) -> &'static str {
        match self {
            SheetKind::Tasks => "tasks",
            SheetKind::Figures => "figures",
            SheetKind::Ledger(l) => l.as_str(),
            SheetKind::Other => "other",
        }
    }

    /// The Chinese name of the kind of table.
    pub fn title(self) -> &'static str {
        match self {
            SheetKind::Tasks => "任务进展",
            SheetKind::Figures => "量化指标",
            SheetKind::Ledger(l) => l.title(),
            SheetKind::Other => "其他",
        }
    }
}

impl Serialize for SheetKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One sheet's accounting: rows read = accepted + rejected + skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetSummary {
    pub name: String,
    pub kind: SheetKind,
    /// 1-based row of the (last) header row, when one was found.
    pub header_row: Option<u32>,
    pub rows_read: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub skipped: usize,
}

/// One input file and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Submission {
    /// Path relative to the input root, with `/` separators.
    pub file: String,
    #[serde(skip)]
    pub path: PathBuf,
    pub status: FileStatus,
    /// The sending department by canonical name, when it could be told.
    pub department: Option<String>,
    /// Why the file was ignored or unreadable, in Chinese, with what to do.
    pub reason: Option<String>,
    /// 填报日期 as the file states it.
    #[serde(skip)]
    pub filled: Option<NaiveDate>,
    /// 报送月份 as the file states it.
    #[serde(skip)]
    pub period: Option<Period>,
    pub sheets: Vec<SheetSummary>,
}

// ---------------------------------------------------------------- records

/// Where a row came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// Path relative to the input root.
    pub file: String,
    pub sheet: String,
    /// 1-based Excel row.
    pub row: u32,
}

/// A task status as departments report it, after aliases are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Status {
    #[serde(rename = "未启动")]
    NotStarted,
    #[serde(rename = "推进中")]
    InProgress,
    #[serde(rename = "已完成")]
    Done,
    #[serde(rename = "滞后")]
    Behind,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Behind,
    ];

    /// The canonical Chinese word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::Done => "已完成",
            Status::Behind => "滞后",
        }
    }
}

/// One department's report on one task for the period.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskReport {
    /// Reporting department, canonical name.
    pub department: String,
    pub task: u32,
    /// The title as written in the row (may differ from the plan's).
    pub title: String,
    pub status: Option<Status>,
    /// 0–100.
    pub progress: Option<f64>,
    /// 本月进展.
    pub text: String,
    pub planned: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
    pub problems: String,
    pub next_steps: String,
    pub note: String,
    /// Whether the department leads the task (false: a contribution, NOT_LEAD).
    pub is_lead: bool,
    /// 填报日期 of the file, for choosing the latest of duplicates.
    pub filled: Option<NaiveDate>,
    /// Columns nobody asked for: `(header, value as text)`.
    pub extra: Vec<(String, String)>,
    pub origin: Origin,
}

/// One department's report on one figure (indicator or milestone).
#[derive(Debug, Clone, PartialEq)]
pub struct FigureReport {
    pub department: String,
    /// Plan figure id (`I4`, `24.1`).
    pub figure: String,
    /// 本月值, in the plan's unit.
    pub month_value: Option<f64>,
    /// 累计值 (year to date), in the plan's unit.
    pub cumulative: Option<f64>,
    /// 上年同期, in the plan's unit.
    pub last_year: Option<f64>,
    /// 完成日期, for dated milestones.
    pub done: Option<NaiveDate>,
    pub note: String,
    pub origin: Origin,
}

/// One ledger row after normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerRow {
    pub kind: LedgerKind,
    pub department: String,
    /// The registration, case, deal or request number; de-duplication key.
    pub key: String,
    /// The counting date of the ledger (发证日期, 受理日期 or 登记日期).
    pub date: Option<NaiveDate>,
    /// 作品类别, 纠纷类型, 业务类型 or 技术领域.
    pub category: String,
    /// Finance: amount in 亿元.
    pub amount: Option<f64>,
    /// Finance: a pledge-financing deal (质押融资).
    pub pledge: bool,
    /// Works: a fast-track registration (自贸区快速登记).
    pub fast_track: bool,
    /// 受理日期 (works: for the working-day cycle).
    pub accepted: Option<NaiveDate>,
    /// Result or outcome text (调解结果, 预审结果).
    pub result: String,
    pub origin: Origin,
}

/// Whether a row was rejected (it carried data that could not be used) or
/// skipped (it carried no data: blank, notes, section rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Disposition {
    Rejected,
    Skipped,
}

/// A row that was not accepted, with its values and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unaccepted {
    pub origin: Origin,
    pub department: Option<String>,
    pub kind: SheetKind,
    pub disposition: Disposition,
    /// `(header, value as text)` for the row's non-empty cells.
    pub values: Vec<(String, String)>,
    /// Chinese reason.
    pub reason: String,
}

/// Everything read from one period's files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intake {
    pub submissions: Vec<Submission>,
    pub tasks: Vec<TaskReport>,
    pub figures: Vec<FigureReport>,
    pub ledgers: Vec<LedgerRow>,
    pub unaccepted: Vec<Unaccepted>,
    /// Row- and file-level flags raised while reading.
    pub flags: Vec<Flag>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(16383), "XFD");
    }
}
