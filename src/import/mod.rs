//! Reading what departments send: discover files → read cells (the only
//! calamine user) → find header rows and recognise sheet kinds → normalise
//! values into records, raising row-level flags on the way.
//!
//! Every file ends up accepted, ignored or unreadable; every row of a
//! recognised sheet ends up accepted, rejected or skipped, with a reason.

pub mod discover;
mod ledgers;
pub mod notice;
pub mod plan_book;
pub mod read;
pub mod rows;
#[cfg(test)]
pub(crate) mod sample;
mod sheet;
pub mod state;
pub mod value;
pub mod vocab;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::flag::{CellRef, Code, Flag, Origin};
use crate::period::Period;
use crate::plan::{LedgerKind, Plan};

use discover::Found;
pub use ledgers::{Later, LedgerRef, Ledgers, repeats};
use rows::FileIntake;
pub use sheet::{CellView, RawSheet};
pub(crate) use sheet::{Full, SheetBuilder};

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

/// The 0-based column of Excel's column letters: `A` → 0, `AB` → 27;
/// `None` for anything else (lower case is accepted).
pub fn column_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: u32 = 0;
    for c in letters.chars() {
        let c = c.to_ascii_uppercase();
        if !c.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (c as u32 - 'A' as u32 + 1);
    }
    Some(n - 1)
}

// ---------------------------------------------------------------- files

/// What became of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// One sheet's accounting: rows read = accepted + rejected + skipped.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// Path relative to the input root, with `/` separators.
    pub file: String,
    pub path: PathBuf,
    pub status: FileStatus,
    /// The sending department by canonical name, when it could be told.
    pub department: Option<String>,
    /// Why the file was ignored or unreadable, in Chinese, with what to do.
    pub reason: Option<String>,
    /// 填报日期 as the file states it.
    pub filled: Option<NaiveDate>,
    /// The cell 填报日期 was read from (the value's cell when label and
    /// value sit side by side), for pointing a flag at it.
    pub filled_at: Option<CellRef>,
    /// 报送月份 as the file states it.
    pub period: Option<Period>,
    pub sheets: Vec<SheetSummary>,
}

impl Submission {
    /// The ledgers this file holds accepted rows of; none unless the file
    /// was accepted. An empty ledger sheet (as the template sends it) holds
    /// none: it would otherwise turn a reported figure into zero.
    pub fn ledgers(&self) -> impl Iterator<Item = LedgerKind> + '_ {
        let accepted = self.status == FileStatus::Accepted;
        self.sheets
            .iter()
            .filter(move |s| accepted && s.accepted > 0)
            .filter_map(|s| match s.kind {
                SheetKind::Ledger(k) => Some(k),
                _ => None,
            })
    }
}

// ---------------------------------------------------------------- records

/// Where a report's fields sit in its row: the 0-based column of each field
/// the sheet's header holds, so that a flag about a value can name its cell.
/// Task and figure reports carry one (they are few); ledger rows do not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells(Vec<(vocab::Field, u32)>);

impl Cells {
    /// From `(field, column)` pairs; a field given twice keeps its first column.
    pub fn new(columns: impl IntoIterator<Item = (vocab::Field, u32)>) -> Cells {
        let mut out: Vec<(vocab::Field, u32)> = Vec::new();
        for (f, c) in columns {
            if !out.iter().any(|(g, _)| *g == f) {
                out.push((f, c));
            }
        }
        Cells(out)
    }

    /// The 0-based column of `field`, when the header holds it.
    pub fn col(&self, field: vocab::Field) -> Option<u32> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, c)| *c)
    }

    /// The field whose column is `col`, when the header holds one there.
    pub fn field_at(&self, col: u32) -> Option<vocab::Field> {
        self.0.iter().find(|(_, c)| *c == col).map(|(f, _)| *f)
    }

    /// The column letter of the first of `fields` the header holds.
    pub fn column(&self, fields: &[vocab::Field]) -> Option<String> {
        fields.iter().find_map(|f| self.col(*f)).map(column_letter)
    }
}

/// A task status as departments report it, after aliases are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    NotStarted,
    InProgress,
    Done,
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
    /// The column of each field in the row.
    pub cells: Cells,
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
    /// The column of each field in the row.
    pub cells: Cells,
}

/// One ledger row after normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerRow {
    pub kind: LedgerKind,
    /// Canonical name, shared by the rows of a sheet.
    pub department: Arc<str>,
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

/// One accepted ledger row as the department wrote it, for giving it back
/// (`merge --feedback`): a [`LedgerRow`] keeps only what the figures need,
/// the department also wrote 作品名称, 著作权人, 结案日期….
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedRow {
    pub kind: LedgerKind,
    pub origin: Origin,
    /// Where each field of the sheet's header sits, for naming the field a
    /// flag's column points at (also an empty cell's).
    pub columns: Cells,
    /// Each non-empty cell under a recognised header, by field, in the
    /// header's order.
    pub cells: Vec<(vocab::Field, Cell)>,
}

/// Whether a row was rejected (it carried data that could not be used) or
/// skipped (it carried no data: blank, notes, section rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    Rejected,
    Skipped,
}

/// A row that was not accepted, with its values and why.
#[derive(Debug, Clone, PartialEq)]
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
    /// Held compactly: millions of rows at a municipal scale.
    pub ledgers: Ledgers,
    /// Ledger rows read but dropped because a later month re-sent their key
    /// (its row is the one pooled), per ledger in [`LedgerKind::ALL`] order.
    pub superseded: [usize; 4],
    pub unaccepted: Vec<Unaccepted>,
    /// Row- and file-level flags raised while reading.
    pub flags: Vec<Flag>,
}

// ---------------------------------------------------------------- intake

/// Reads and interprets all found files in parallel (rayon), in `found`
/// order: ignored files become `Submission{status: Ignored}`, unreadable ones
/// `Submission{status: Unreadable}` with an UNREADABLE_FILE flag. Then the
/// checks across rows of different files: DUPLICATE_TASK_REPORT (the same
/// department reports the same task twice: the latest by 填报日期, then
/// file, sheet and row order, is kept; the others are rejected) and
/// DUPLICATE_LEDGER_KEY (the same ledger kind and key twice anywhere in the
/// intake: the first is counted, later ones are rejected).
pub fn intake(plan: &Plan, period: Option<Period>, found: &[Found]) -> Intake {
    intake_with(plan, period, found, &|_| {})
}

/// [`intake`], telling `on_file` the relative path of each file as it is done
/// (from the reading threads, in any order), for a progress bar.
pub fn intake_with(
    plan: &Plan,
    period: Option<Period>,
    found: &[Found],
    on_file: &(dyn Fn(&str) + Sync),
) -> Intake {
    let yields = read_files(plan, period, found, on_file, None);
    combine(yields.into_iter().map(|y| y.file).collect())
}

/// [`intake_with`] for an earlier month read for the trends: each file's
/// ledger rows whose key `later` (the months after it) holds are dropped as
/// soon as the file is read — the pool keeps the later row anyway — so a
/// ledger re-sent in full every month is held once, not once a month. The
/// rows dropped are counted in `superseded`, as
/// [`Ledgers::set_aside`] counts them after a whole intake; a key a
/// file repeats stays until the month's duplicate check has seen it. `None`
/// when two files hold a re-sent key (the check would need both): the
/// caller then reads the month whole.
pub fn intake_before(
    plan: &Plan,
    period: Option<Period>,
    found: &[Found],
    on_file: &(dyn Fn(&str) + Sync),
    later: &Later,
) -> Option<Intake> {
    finish_before(read_files(plan, period, found, on_file, Some(later)), later)
}

/// What one file yields to its month.
struct Yield {
    file: FileIntake,
    /// Ledger rows dropped because a later month re-sent their key, per
    /// ledger ([`LedgerKind::ALL`] order).
    superseded: [usize; 4],
    /// The exact (ledger, key) of each row a later month re-sent, hashed,
    /// once each.
    resent: Vec<u64>,
}

impl Yield {
    fn of(mut file: FileIntake, later: Option<&Later>) -> Yield {
        let (superseded, resent) = match later {
            Some(later) => file.ledgers.set_aside_unrepeated(later),
            None => ([0; 4], Vec::new()),
        };
        Yield {
            file,
            superseded,
            resent,
        }
    }
}

fn finish_before(yields: Vec<Yield>, later: &Later) -> Option<Intake> {
    let mut resent: Vec<u64> = yields
        .iter()
        .flat_map(|y| y.resent.iter().copied())
        .collect();
    resent.sort_unstable();
    if resent.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    drop(resent);
    let mut superseded = [0usize; 4];
    for y in &yields {
        for (total, n) in superseded.iter_mut().zip(y.superseded) {
            *total += n;
        }
    }
    let mut intake = combine(yields.into_iter().map(|y| y.file).collect());
    // The repeated keys kept for the duplicate check.
    for (total, n) in superseded.iter_mut().zip(intake.ledgers.set_aside(later)) {
        *total += n;
    }
    intake.superseded = superseded;
    Some(intake)
}

/// Reads and interprets the files on every core, largest first; each
/// file's ledger rows that `later` holds are dropped as it is done.
fn read_files(
    plan: &Plan,
    period: Option<Period>,
    found: &[Found],
    on_file: &(dyn Fn(&str) + Sync),
    later: Option<&Later>,
) -> Vec<Yield> {
    // Largest files first, each thread taking the next when it is done: a
    // big ledger met last would leave one core reading it alone.
    let size = |f: &Found| std::fs::metadata(&f.path).map_or(0, |m| m.len());
    let mut order: Vec<(u64, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (if f.ignored.is_some() { 0 } else { size(f) }, i))
        .collect();
    order.sort_by_key(|&(bytes, i)| (std::cmp::Reverse(bytes), i));
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Yield>>> = found.iter().map(|_| Mutex::new(None)).collect();
    rayon::scope(|s| {
        for _ in 0..rayon::current_num_threads().min(found.len()) {
            s.spawn(|_| {
                let _reuse = sheet::Reuse::start();
                while let Some(&(_, i)) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let f = &found[i];
                    let yielded = Yield::of(intake_file(plan, period, f), later);
                    on_file(&f.file);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(yielded);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(found)
        .map(|(slot, f)| {
            slot.into_inner()
                .ok()
                .flatten()
                // Only a panic in another thread leaves a slot empty, and
                // rayon passes that panic on before this line.
                .unwrap_or_else(|| Yield::of(intake_file(plan, period, f), later))
        })
        .collect()
}

/// Joins the files' yields in order and runs the checks across files.
fn combine(files: Vec<FileIntake>) -> Intake {
    let mut intake = Intake::default();
    // Exact sizes: a doubling vector of a million rows would waste half.
    intake
        .tasks
        .reserve_exact(files.iter().map(|f| f.tasks.len()).sum());
    intake
        .figures
        .reserve_exact(files.iter().map(|f| f.figures.len()).sum());
    intake.ledgers.reserve_for(files.iter().map(|f| &f.ledgers));
    intake
        .unaccepted
        .reserve_exact(files.iter().map(|f| f.unaccepted.len()).sum());
    let mut key_columns = HashMap::new();
    for f in files {
        for (sheet, col) in f.key_columns {
            key_columns.insert((f.submission.file.clone(), sheet), col);
        }
        intake.submissions.push(f.submission);
        intake.tasks.extend(f.tasks);
        intake.figures.extend(f.figures);
        intake.ledgers.append(f.ledgers);
        intake.unaccepted.extend(f.unaccepted);
        intake.flags.extend(f.flags);
    }
    duplicate_tasks(&mut intake, &key_columns);
    duplicate_ledger_keys(&mut intake, &key_columns);
    intake
}

/// One found file: ignored (by its name, or a document passed over by its
/// content), unreadable, or read and interpreted.
fn intake_file(plan: &Plan, period: Option<Period>, found: &Found) -> FileIntake {
    let bare = |status: FileStatus, reason: &str| {
        FileIntake::of(Submission {
            file: found.file.clone(),
            path: found.path.clone(),
            status,
            department: rows::department_of_file(plan, &found.file),
            reason: Some(reason.to_string()),
            filled: None,
            filled_at: None,
            period: None,
            sheets: Vec::new(),
        })
    };
    if let Some(reason) = &found.ignored {
        return bare(FileStatus::Ignored, reason);
    }
    match read::read(&found.path) {
        // An old `.doc` and its kin: listed like a non-spreadsheet.
        Err(read::NotRead::PassedOver(reason)) => bare(FileStatus::Ignored, &reason),
        Err(read::NotRead::Unreadable(reason)) => {
            let mut f = bare(FileStatus::Unreadable, &reason);
            f.flags.push(
                Flag::new(Code::UnreadableFile, format!("文件无法读取：{reason}"))
                    .department_opt(f.submission.department.as_deref())
                    .file(found.file.as_str()),
            );
            f
        }
        Ok(book) => {
            let mut f = rows::interpret(plan, period, &found.file, &book);
            f.submission.path = found.path.clone();
            f
        }
    }
}

/// Reads `found` again and returns their accepted ledger rows cell by cell
/// ([`ReceivedRow`]), for workbooks returned to their departments. Only
/// `merge --feedback` pays for it, and only for the files it names. Rows the
/// intake rejects across files (DUPLICATE_LEDGER_KEY) are among them: the
/// intake's unaccepted rows say which.
pub fn received_ledgers(plan: &Plan, period: Option<Period>, found: &[Found]) -> Vec<ReceivedRow> {
    found
        .par_iter()
        .filter(|f| f.ignored.is_none())
        .map(|f| match read::read(&f.path) {
            Ok(book) => rows::interpret_keeping(plan, period, &f.file, &book).received,
            Err(_) => Vec::new(),
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// Where a row sits among the intake's files and sheets, for "latest" and "first".
fn position(submissions: &[Submission], origin: &Origin) -> (usize, usize) {
    submissions
        .iter()
        .enumerate()
        .find(|(_, s)| *s.file == *origin.file)
        .map(|(i, s)| {
            let sheet = s
                .sheets
                .iter()
                .position(|sh| *sh.name == *origin.sheet)
                .unwrap_or(usize::MAX);
            (i, sheet)
        })
        .unwrap_or((usize::MAX, usize::MAX))
}

/// Moves one accepted row of a sheet to rejected in its file's accounting.
fn reaccount(submissions: &mut [Submission], origin: &Origin) {
    if let Some(sheet) = submissions
        .iter_mut()
        .find(|s| *s.file == *origin.file)
        .and_then(|s| s.sheets.iter_mut().find(|sh| *sh.name == *origin.sheet))
    {
        sheet.accepted = sheet.accepted.saturating_sub(1);
        sheet.rejected += 1;
    }
}

fn flag_at(
    code: Code,
    origin: &Origin,
    department: &str,
    column: Option<&String>,
    message: String,
) -> Flag {
    // The location travels in the flag's fields, which every output shows
    // beside the message.
    let mut f = Flag::new(code, message).department(department).at(origin);
    if let Some(c) = column {
        f = f.column(c.clone());
    }
    f
}

fn push_value(values: &mut Vec<(String, String)>, name: &str, value: String) {
    if !value.is_empty() {
        values.push((name.to_string(), value));
    }
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A task report's values, for listing it as not accepted.
fn task_values(t: &TaskReport) -> Vec<(String, String)> {
    let mut v = Vec::new();
    push_value(&mut v, "任务编号", t.task.to_string());
    push_value(&mut v, "任务名称", t.title.clone());
    push_value(
        &mut v,
        "完成状态",
        t.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
    );
    push_value(
        &mut v,
        "完成进度(%)",
        t.progress.map(crate::text::cell_number).unwrap_or_default(),
    );
    push_value(&mut v, "本月进展", t.text.clone());
    push_value(&mut v, "计划完成时间", date_text(t.planned));
    push_value(&mut v, "实际完成时间", date_text(t.actual));
    push_value(&mut v, "存在问题", t.problems.clone());
    push_value(&mut v, "下步计划", t.next_steps.clone());
    push_value(&mut v, "备注", t.note.clone());
    v.extend(t.extra.iter().cloned());
    v
}

/// A ledger row's values, for listing it as not accepted.
fn ledger_values(l: &LedgerRef<'_>) -> Vec<(String, String)> {
    let kind = SheetKind::Ledger(l.kind);
    let name = |f| vocab::canonical(kind, f);
    let mut v = Vec::new();
    push_value(&mut v, name(vocab::Field::Key), l.key.to_string());
    push_value(
        &mut v,
        name(vocab::counting_field(l.kind)),
        date_text(l.date),
    );
    push_value(&mut v, name(vocab::Field::Category), l.category.to_string());
    push_value(&mut v, name(vocab::Field::Result), l.result.to_string());
    if let Some(a) = l.amount {
        push_value(&mut v, "金额(亿元)", crate::text::cell_number(a));
    }
    if l.kind == LedgerKind::Works {
        push_value(
            &mut v,
            name(vocab::Field::FastTrack),
            (if l.fast_track { "是" } else { "否" }).to_string(),
        );
    }
    v
}

/// DUPLICATE_TASK_REPORT: one report per department and task; the latest wins.
fn duplicate_tasks(intake: &mut Intake, key_columns: &HashMap<(String, String), String>) {
    let mut groups: BTreeMap<(&str, u32), Vec<usize>> = BTreeMap::new();
    for (i, t) in intake.tasks.iter().enumerate() {
        groups
            .entry((t.department.as_str(), t.task))
            .or_default()
            .push(i);
    }
    let rank = |i: usize| {
        let t = &intake.tasks[i];
        let (file, sheet) = position(&intake.submissions, &t.origin);
        (t.filled, file, sheet, t.origin.row)
    };
    let mut losers: Vec<(usize, usize)> = Vec::new();
    for idx in groups.values().filter(|g| g.len() > 1) {
        let Some(&winner) = idx.iter().max_by_key(|&&i| rank(i)) else {
            continue;
        };
        losers.extend(idx.iter().filter(|&&i| i != winner).map(|&i| (i, winner)));
    }
    if losers.is_empty() {
        return;
    }
    losers.sort_unstable();
    for &(i, w) in &losers {
        let (t, kept) = (&intake.tasks[i], &intake.tasks[w]);
        let column = key_columns.get(&(t.origin.file.to_string(), t.origin.sheet.to_string()));
        let message = format!(
            "{}第{}项任务重复报送，已采用{} 工作表「{}」第{}行的报告（按填报日期、文件和行的先后取最新），本行未采用。",
            t.department, t.task, kept.origin.file, kept.origin.sheet, kept.origin.row
        );
        let flag = flag_at(
            Code::DuplicateTaskReport,
            &t.origin,
            &t.department,
            column,
            message,
        )
        .task(t.task);
        let unaccepted = Unaccepted {
            origin: t.origin.clone(),
            department: Some(t.department.clone()),
            kind: SheetKind::Tasks,
            disposition: Disposition::Rejected,
            values: task_values(t),
            reason: format!(
                "同一任务重复报送，已采用{}「{}」第{}行",
                kept.origin.file, kept.origin.sheet, kept.origin.row
            ),
        };
        let origin = t.origin.clone();
        intake.flags.push(flag);
        intake.unaccepted.push(unaccepted);
        reaccount(&mut intake.submissions, &origin);
    }
    let mut drop = losers.iter().map(|l| l.0).peekable();
    let mut i = 0;
    intake.tasks.retain(|_| {
        let keep = drop.peek() != Some(&i);
        if !keep {
            drop.next();
        }
        i += 1;
        keep
    });
}

/// DUPLICATE_LEDGER_KEY: a registration, case or deal counts once; the first wins.
fn duplicate_ledger_keys(intake: &mut Intake, key_columns: &HashMap<(String, String), String>) {
    let ledgers = &intake.ledgers;
    let losers = ledgers::repeats(ledgers.len(), |j| Some(ledgers.kind_key(j)));
    if losers.is_empty() {
        return;
    }
    let mut per_sheet: BTreeMap<(String, String), (usize, String)> = BTreeMap::new();
    for &(i, f) in &losers {
        let (l, kept) = (intake.ledgers.get(i), intake.ledgers.get(f));
        let (origin, kept_origin) = (l.origin(), kept.origin());
        let sheet_key = (origin.file.to_string(), origin.sheet.to_string());
        let key_name = vocab::canonical(SheetKind::Ledger(l.kind), vocab::Field::Key);
        let count = per_sheet
            .entry(sheet_key.clone())
            .or_insert((0, l.department.to_string()));
        count.0 += 1;
        if count.0 <= rows::FLAG_CAP {
            let message = format!(
                "{key_name}“{}”与{} 工作表「{}」第{}行重复，只计一次，本行不计入。",
                l.key, kept_origin.file, kept_origin.sheet, kept_origin.row
            );
            let flag = flag_at(
                Code::DuplicateLedgerKey,
                &origin,
                l.department,
                key_columns.get(&sheet_key),
                message,
            );
            intake.flags.push(flag);
        }
        intake.unaccepted.push(Unaccepted {
            origin: origin.clone(),
            department: Some(l.department.to_string()),
            kind: SheetKind::Ledger(l.kind),
            disposition: Disposition::Rejected,
            values: ledger_values(&l),
            reason: format!(
                "{key_name}重复（{}），与{}「{}」第{}行只计一次",
                l.key, kept_origin.file, kept_origin.sheet, kept_origin.row
            ),
        });
        reaccount(&mut intake.submissions, &origin);
    }
    for ((file, sheet), (n, department)) in per_sheet {
        if n > rows::FLAG_CAP {
            intake.flags.push(
                Flag::new(
                    Code::DuplicateLedgerKey,
                    format!(
                        "另有{}处重复记录未逐一列出，请检查整张台账。",
                        n - rows::FLAG_CAP
                    ),
                )
                .department(department)
                .file(file)
                .sheet(sheet),
            );
        }
    }
    let drop: Vec<usize> = losers.iter().map(|l| l.0).collect();
    intake.ledgers.remove_sorted(&drop);
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
        for col in [0, 25, 26, 27, 701, 702, 16383] {
            assert_eq!(column_index(&column_letter(col)), Some(col));
        }
        assert_eq!(column_index("e"), Some(4));
        for bad in ["", "A1", "ABCD", "甲"] {
            assert_eq!(column_index(bad), None, "{bad}");
        }
    }

    fn file(plan: &Plan, name: &str, sheets: Vec<RawSheet>) -> FileIntake {
        let book = RawWorkbook {
            sheets,
            failed: vec![],
        };
        rows::interpret(plan, Period::new(2025, 3), name, &book)
    }

    fn reconciles(intake: &Intake) {
        for s in intake.submissions.iter().flat_map(|s| &s.sheets) {
            assert_eq!(s.rows_read, s.accepted + s.rejected + s.skipped, "{s:?}");
        }
    }

    #[test]
    fn duplicate_task_reports_keep_the_latest() {
        let plan = crate::plan::load_default().unwrap();
        let header: &[&str] = &["任务编号", "完成状态", "本月进展"];
        let a = file(
            &plan,
            "2025-03/保护处-a.xlsx",
            vec![RawSheet::of_text(
                "s",
                &[
                    &["填报日期：2025-04-05"],
                    header,
                    &["9", "推进中", "新"],
                    &["9", "推进中", "同文件更晚"],
                ],
                vec![],
            )],
        );
        let b = file(
            &plan,
            "2025-03/保护处-b.xlsx",
            vec![RawSheet::of_text(
                "s",
                &[
                    &["填报日期：2025-04-01"],
                    header,
                    &["9", "推进中", "旧"],
                    &["11", "推进中", "x"],
                ],
                vec![],
            )],
        );
        let intake = combine(vec![a, b]);
        reconciles(&intake);
        let kept: Vec<(u32, &str)> = intake
            .tasks
            .iter()
            .map(|t| (t.task, t.text.as_str()))
            .collect();
        assert_eq!(kept, vec![(9, "同文件更晚"), (11, "x")]);
        let dup: Vec<&Flag> = intake
            .flags
            .iter()
            .filter(|f| f.code == Code::DuplicateTaskReport)
            .collect();
        assert_eq!(dup.len(), 2);
        assert_eq!(
            (
                dup[0].file.as_deref(),
                dup[0].row,
                dup[0].column.as_deref(),
                dup[0].task
            ),
            (Some("2025-03/保护处-a.xlsx"), Some(3), Some("A"), Some(9))
        );
        assert!(dup[0].message.contains("第4行"), "{}", dup[0].message);
        // The location is in the fields; the message does not repeat it.
        assert!(
            dup[0].message.starts_with("保护处第9项"),
            "{}",
            dup[0].message
        );
        assert_eq!(intake.submissions[0].sheets[0].accepted, 1);
        assert_eq!(intake.submissions[0].sheets[0].rejected, 1);
        assert_eq!(intake.submissions[1].sheets[0].rejected, 1);
        let rejected: Vec<&Unaccepted> = intake
            .unaccepted
            .iter()
            .filter(|u| u.disposition == Disposition::Rejected)
            .collect();
        assert_eq!(rejected.len(), 2);
        assert!(rejected.iter().any(|u| {
            u.values
                .contains(&("本月进展".to_string(), "旧".to_string()))
        }));
    }

    #[test]
    fn duplicate_ledger_keys_count_once() {
        let plan = crate::plan::load_default().unwrap();
        let rows: &[&[&str]] = &[
            &["案件编号", "受理日期", "纠纷类型"],
            &["TJ-1", "2025-01-05", "专利"],
            &["TJ-2", "2025-01-06", "专利"],
            &["TJ-1", "2025-01-07", "商标"],
        ];
        let a = file(
            &plan,
            "2025-03/保护处.xlsx",
            vec![RawSheet::of_text("台账", rows, vec![])],
        );
        let b = file(
            &plan,
            "2025-03/保护处-补报.xlsx",
            vec![RawSheet::of_text("台账", &rows[..3], vec![])],
        );
        let intake = combine(vec![a, b]);
        reconciles(&intake);
        let keys: Vec<(&str, u32)> = intake.ledgers.iter().map(|l| (l.key, l.row)).collect();
        assert_eq!(keys, vec![("TJ-1", 2), ("TJ-2", 3)]);
        let dup: Vec<&Flag> = intake
            .flags
            .iter()
            .filter(|f| f.code == Code::DuplicateLedgerKey)
            .collect();
        assert_eq!(dup.len(), 3);
        assert_eq!((dup[0].row, dup[0].column.as_deref()), (Some(4), Some("A")));
        assert!(
            dup[0].message.starts_with("案件编号“TJ-1”"),
            "{}",
            dup[0].message
        );
        assert_eq!(intake.submissions[1].sheets[0].accepted, 0);
        assert_eq!(intake.submissions[1].sheets[0].rejected, 2);
    }

    fn duplicate_flagged(intake: &Intake) -> bool {
        intake
            .flags
            .iter()
            .any(|f| f.code == Code::DuplicateLedgerKey)
    }

    /// An earlier month's files with the rows a later month re-sent dropped
    /// file by file, and the same month read whole then dropped: the same
    /// intake, flags and counts — or `None` where a duplicate needs the
    /// whole month.
    #[test]
    fn earlier_months_drop_resent_rows_as_each_file_is_read() {
        let plan = crate::plan::load_default().unwrap();
        let header: &[&str] = &["案件编号", "受理日期", "纠纷类型"];
        let sheet = |rows: &[&[&str]]| {
            let all: Vec<&[&str]> = std::iter::once(header)
                .chain(rows.iter().copied())
                .collect();
            vec![RawSheet::of_text("台账", &all, vec![])]
        };
        let april = file(
            &plan,
            "2025-04/保护处.xlsx",
            sheet(&[
                &["TJ-1", "2025-01-05", "专利"],
                &["TJ-3", "2025-02-01", "商标"],
            ]),
        );
        let fresh = || {
            let mut later = Later::default();
            later.add(april.ledgers.clone());
            later
        };
        let march = [
            file(
                &plan,
                "2025-03/保护处.xlsx",
                sheet(&[
                    &["TJ-1", "2025-01-05", "专利"],
                    &["TJ-2", "2025-01-06", "专利"],
                    &["TJ-2", "2025-01-08", "专利"],
                    &["", "2025-01-09", "专利"],
                ]),
            ),
            file(
                &plan,
                "2025-03/保护处-补报.xlsx",
                sheet(&[
                    &["TJ-3", "2025-02-01", "商标"],
                    &["TJ-4", "2025-02-02", "著作权"],
                ]),
            ),
        ];
        let mut whole = combine(march.to_vec());
        whole.superseded = whole.ledgers.set_aside(&fresh());
        let later = fresh();
        let yields = march
            .iter()
            .map(|f| Yield::of(f.clone(), Some(&later)))
            .collect();
        let as_read = finish_before(yields, &later).expect("no re-sent key in two files");
        assert_eq!(as_read, whole);
        let keys: Vec<&str> = as_read.ledgers.iter().map(|l| l.key).collect();
        assert_eq!(keys, vec!["TJ-2", "TJ-4"]);
        assert_eq!(as_read.superseded.iter().sum::<usize>(), 2);
        assert!(duplicate_flagged(&as_read));
        reconciles(&as_read);

        // TJ-1 twice in one file and re-sent in April: kept for March's
        // duplicate check, then dropped, as when read whole.
        let twice = || {
            file(
                &plan,
                "2025-03/保护处.xlsx",
                sheet(&[
                    &["TJ-1", "2025-01-05", "专利"],
                    &["TJ-1", "2025-01-07", "专利"],
                    &["TJ-5", "2025-01-08", "专利"],
                ]),
            )
        };
        let mut whole = combine(vec![twice()]);
        whole.superseded = whole.ledgers.set_aside(&fresh());
        let as_read = finish_before(vec![Yield::of(twice(), Some(&later))], &later);
        assert_eq!(as_read.as_ref(), Some(&whole));
        assert!(duplicate_flagged(&whole));
        assert_eq!(whole.superseded.iter().sum::<usize>(), 1);

        // TJ-3 in two files of March: the check needs both, so the month is
        // read whole.
        let again = file(
            &plan,
            "2025-03/保护处-再报.xlsx",
            sheet(&[&["TJ-3", "2025-02-01", "商标"]]),
        );
        let yields = [march[1].clone(), again]
            .into_iter()
            .map(|f| Yield::of(f, Some(&later)))
            .collect();
        assert_eq!(finish_before(yields, &later), None);
    }

    #[test]
    fn ignored_and_unreadable_files_are_listed() {
        let plan = crate::plan::load_default().unwrap();
        let found = vec![
            Found {
                path: PathBuf::from("/nonexistent/2025-03/~$保护处.xlsx"),
                file: "2025-03/~$保护处.xlsx".into(),
                ignored: Some("Excel临时锁定文件".into()),
            },
            Found {
                path: PathBuf::from("/nonexistent/2025-03/保护处.xlsx"),
                file: "2025-03/保护处.xlsx".into(),
                ignored: None,
            },
        ];
        let intake = intake(&plan, Period::new(2025, 3), &found);
        let st: Vec<FileStatus> = intake.submissions.iter().map(|s| s.status).collect();
        assert_eq!(st, vec![FileStatus::Ignored, FileStatus::Unreadable]);
        assert_eq!(
            intake.submissions[0].reason.as_deref(),
            Some("Excel临时锁定文件")
        );
        assert_eq!(intake.submissions[1].department.as_deref(), Some("保护处"));
        assert_eq!(intake.flags.len(), 1);
        assert_eq!(intake.flags[0].code, Code::UnreadableFile);
        assert_eq!(intake.flags[0].file.as_deref(), Some("2025-03/保护处.xlsx"));
    }
}
