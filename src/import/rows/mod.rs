//! From raw sheets to records: find the header row, recognise the sheet kind,
//! tell the department, normalise each row, and account for every row.
//!
//! [`interpret`] reads one workbook in two passes: first each sheet's header
//! and the meta rows around it (which tell the department and the month),
//! then every row below each header. Every row read is accepted, rejected
//! (it had data that cannot be used) or skipped (blank, notes, section,
//! repeated header, total), with a Chinese reason; rows read = accepted +
//! rejected + skipped for every sheet.

mod department;
mod grid;
mod header;
mod meta;
mod records;
mod titles;

use std::collections::BTreeMap;
use std::fmt::Display;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;

use crate::flag::{Code, Flag};
use crate::import::value::{self, squeeze};
use crate::import::vocab::{self, Field};
use crate::import::{
    CellRef, CellView, Disposition, FigureReport, FileStatus, Ledgers, Origin, RawWorkbook,
    ReceivedRow, SheetKind, SheetSummary, Submission, TaskReport, Unaccepted, column_letter,
};
use crate::period::Period;
use crate::plan::{LedgerKind, Plan};

use department::Departments;
use grid::{Entry, Grid, Line};
use header::Header;
use meta::Meta;
use titles::Titles;

/// What one file yielded.
#[derive(Debug, Clone, PartialEq)]
pub struct FileIntake {
    pub submission: Submission,
    pub tasks: Vec<TaskReport>,
    pub figures: Vec<FigureReport>,
    pub ledgers: Ledgers,
    pub unaccepted: Vec<Unaccepted>,
    pub flags: Vec<Flag>,
    /// `(sheet, column letter)` of each recognised sheet's identifying column
    /// (任务编号, 指标编号, 登记号…), for locating flags raised across files.
    pub key_columns: Vec<(String, String)>,
    /// The accepted ledger rows cell by cell, when asked for ([`interpret_keeping`]).
    pub received: Vec<ReceivedRow>,
}

impl FileIntake {
    /// A file's submission with nothing read from it yet.
    pub(crate) fn of(submission: Submission) -> FileIntake {
        FileIntake {
            submission,
            tasks: Vec::new(),
            figures: Vec::new(),
            ledgers: Ledgers::default(),
            unaccepted: Vec::new(),
            flags: Vec::new(),
            key_columns: Vec::new(),
            received: Vec::new(),
        }
    }
}

/// At most this many flags of one code are listed per sheet; the rest are
/// counted in one summary flag (a 260,000-row ledger must not drown the list).
pub(crate) const FLAG_CAP: usize = 50;
/// At most this many rows of an unrecognised sheet, or blank rows of a
/// recognised one, are listed one by one.
const LIST_CAP: usize = 50;
/// How many rows below a table are searched for meta rows (填报日期 at the foot).
const FOOT_ROWS: usize = 10;

const BLANK: &str = "空行";
const NOTE: &str = "说明行（填表说明、注释）";
const META_ROW: &str = "填报信息行（填报单位、填报人、日期等）";
const SECTION: &str = "分组标题行";
const REPEATED_HEADER: &str = "重复的表头行";
const TOTAL: &str = "合计行（合计由系统自动计算）";
const OTHER_SHEET: &str = "未识别为任务进展、量化指标或台账的工作表（表头不符），本表内容未采纳";
const NO_DEPARTMENT: &str = "无法识别报送部门，本行未采纳";

/// Interprets one readable workbook. `file` is the path relative to the root
/// (used in flags and origins); `period` the month being reported (`None`:
/// take the file's 报送月份, if any).
pub fn interpret(
    plan: &Plan,
    period: Option<Period>,
    file: &str,
    book: &RawWorkbook,
) -> FileIntake {
    interpret_with(plan, period, file, book, false)
}

/// [`interpret`], keeping each accepted ledger row's cells as written
/// ([`FileIntake::received`]): the records keep only what the figures need.
pub fn interpret_keeping(
    plan: &Plan,
    period: Option<Period>,
    file: &str,
    book: &RawWorkbook,
) -> FileIntake {
    interpret_with(plan, period, file, book, true)
}

fn interpret_with(
    plan: &Plan,
    period: Option<Period>,
    file: &str,
    book: &RawWorkbook,
    keep: bool,
) -> FileIntake {
    let departments = Departments::new(plan);
    let titles = Titles::new(plan);
    let grids: Vec<Grid<'_>> = book.sheets.iter().map(Grid::new).collect();
    let explains = |i: usize| {
        book.sheets
            .get(i)
            .is_some_and(|s| vocab::EXPLANATION_SHEETS.contains(&s.name.trim()))
    };
    let headers: Vec<Option<Header>> = grids
        .iter()
        .enumerate()
        .map(|(i, g)| if explains(i) { None } else { header::detect(g) })
        .collect();

    let mut meta = Meta::default();
    for (i, (g, h)) in grids.iter().zip(&headers).enumerate() {
        if explains(i) {
            continue;
        }
        let top: Vec<u32> = match h {
            Some(h) => g.value_rows().take_while(|&r| r < h.first_row).collect(),
            None => g.value_rows().take(30).collect(),
        };
        meta::scan(g, i, top.into_iter(), plan.year, true, &mut meta);
    }
    for (i, (g, h)) in grids.iter().zip(&headers).enumerate() {
        if let Some(h) = h {
            let foot: Vec<u32> = g
                .value_rows()
                .rev()
                .take(FOOT_ROWS)
                .filter(|&r| r > h.row)
                .collect();
            meta::scan(g, i, foot.into_iter().rev(), plan.year, false, &mut meta);
        }
    }

    let mut out = FileIntake::of(Submission {
        file: file.to_string(),
        path: PathBuf::from(file),
        status: FileStatus::Accepted,
        department: None,
        reason: None,
        filled: meta.filled.map(|f| f.0),
        filled_at: meta.filled.and_then(|(_, at)| {
            book.sheets.get(at.sheet).map(|s| CellRef {
                sheet: s.name.clone(),
                row: at.row + 1,
                column: column_letter(at.col),
            })
        }),
        period: meta.stated_period().map(|p| p.0),
        sheets: Vec::new(),
    });
    let recognised = headers.iter().any(Option::is_some);
    let at_meta = |code: Code, at: meta::At, message: String| -> Flag {
        let sheet = book
            .sheets
            .get(at.sheet)
            .map(|s| s.name.as_str())
            .unwrap_or("");
        let col = column_letter(at.col);
        Flag::new(code, message)
            .file(file)
            .sheet(sheet)
            .row(at.row + 1)
            .column(col)
    };

    // The department: the 填报单位 cell, else the file name, else a unanimous 牵头部门 column.
    let from_cell = meta
        .departments
        .iter()
        .find_map(|(raw, at)| departments.resolve(raw).map(|d| (d, raw, *at)));
    let from_file = departments.named_in_path(file);
    let department = match (from_cell, from_file) {
        (Some((cell, raw, at)), Some(named)) if cell != named => {
            let message = format!(
                "填报单位“{raw}”与文件名所示部门（{named}）不一致，已按填报单位{cell}处理。如有误，请更正文件名或填报单位。"
            );
            out.flags
                .push(at_meta(Code::DepartmentConflict, at, message).department(cell));
            Some(cell)
        }
        (Some((cell, ..)), _) => Some(cell),
        (None, Some(named)) => Some(named),
        (None, None) => lead_department(&departments, &grids, &headers),
    };
    out.submission.department = department.map(str::to_string);
    if department.is_none() && recognised {
        out.flags.push(match meta.departments.first() {
            Some((raw, at)) => at_meta(
                Code::UnknownDepartment,
                *at,
                format!(
                    "填报单位“{raw}”不是工作要点中的部门（{}），也无法从文件名判断报送部门。请按部门全称填写“填报单位”，或在文件名中写明部门（如“保护处-2025年3月.xlsx”）。本文件的数据行均未采纳。",
                    departments.names().join("、")
                ),
            ),
            None => Flag::new(
                Code::UnknownDepartment,
                "无法识别报送部门：请在表格上方填写“填报单位：XX处”，或在文件名中写明部门（如“保护处-2025年3月.xlsx”）。本文件的数据行均未采纳。",
            )
            .file(file),
        });
    }

    // The month: PERIOD_MISMATCH once per file.
    let stated = meta.stated_period();
    if let (Some(p), Some((q, at))) = (period, stated)
        && p != q
    {
        let message = format!(
            "本文件写明的报送月份为{}，与本次汇总的{}不一致。请确认是否报错了文件或填错了月份。",
            q.label(),
            p.label()
        );
        out.flags
            .push(at_meta(Code::PeriodMismatch, at, message).department_opt(department));
    }

    let ctx = Ctx {
        plan,
        file,
        department,
        filled: meta.filled.map(|f| f.0),
        as_of: period.or(stated.map(|s| s.0)).map(Period::as_of),
        titles: &titles,
        keep,
    };
    for ((raw, grid), h) in book.sheets.iter().zip(&grids).zip(&headers) {
        let summary = match h {
            Some(h) => {
                let mut run = SheetRun::new(&ctx, &raw.name, h, grid, &mut out);
                run.rows(grid);
                run.finish()
            }
            None => other_sheet(&ctx, &raw.name, grid, &mut out),
        };
        out.submission.sheets.push(summary);
    }
    for (name, reason) in &book.failed {
        out.submission.sheets.push(SheetSummary {
            name: name.clone(),
            kind: SheetKind::Other,
            header_row: None,
            rows_read: 0,
            accepted: 0,
            rejected: 0,
            skipped: 0,
        });
        out.flags.push(
            Flag::new(Code::UnreadableFile, sheet_failure(name, reason))
                .department_opt(department)
                .file(file)
                .sheet(name.as_str()),
        );
    }
    if !recognised {
        out.flags.push(
            Flag::new(
                Code::NoData,
                "未找到可识别的报表（任务进展、量化指标或台账）。请使用统一模板，或检查表头是否包含“任务编号”“完成状态”“本月进展”等列。",
            )
            .department_opt(department)
            .file(file),
        );
    }
    // Files wait for each other in memory: give back what the vectors grew into.
    out.ledgers.shrink_to_fit();
    out
}

/// The department a file's name (or folder) names, for files that cannot be read.
pub(crate) fn department_of_file(plan: &Plan, file: &str) -> Option<String> {
    Departments::new(plan)
        .named_in_path(file)
        .map(str::to_string)
}

/// The department named by every 牵头部门 cell of the task sheets, when they agree.
fn lead_department<'p>(
    departments: &Departments<'p>,
    grids: &[Grid<'_>],
    headers: &[Option<Header>],
) -> Option<&'p str> {
    let mut found: Option<&'p str> = None;
    for (g, h) in grids.iter().zip(headers) {
        let Some(h) = h.as_ref().filter(|h| h.kind == SheetKind::Tasks) else {
            continue;
        };
        let Some(col) = h.col(Field::Leads) else {
            continue;
        };
        for (_, line) in g.lines_from(h.row + 1) {
            let Some(cell) = grid::get(&line, col) else {
                continue;
            };
            let text = value::text(cell);
            if text.is_empty() {
                continue;
            }
            let d = departments.resolve(&text)?;
            if found.is_some_and(|f| f != d) {
                return None;
            }
            found = Some(d);
        }
    }
    found
}

/// What a row came to.
pub(crate) enum Outcome {
    Accepted,
    Rejected(String),
    Skipped(&'static str),
    Blank,
}

/// What a sheet's rows need to know about the file.
pub(crate) struct Ctx<'a> {
    pub plan: &'a Plan,
    pub file: &'a str,
    pub department: Option<&'a str>,
    pub filled: Option<NaiveDate>,
    /// The last day a ledger date may fall on.
    pub as_of: Option<NaiveDate>,
    pub titles: &'a Titles<'a>,
    /// Whether to keep accepted ledger rows cell by cell ([`interpret_keeping`]).
    pub keep: bool,
}

/// The file, sheet and department names as the rows of one sheet share them:
/// a ledger of a million rows holds each name once.
struct Shared {
    file: Arc<str>,
    sheet: Arc<str>,
    department: Option<Arc<str>>,
}

/// One recognised sheet being read row by row.
pub(crate) struct SheetRun<'a> {
    ctx: &'a Ctx<'a>,
    sheet: &'a str,
    /// Names every row of the sheet shares.
    shared: Shared,
    header: &'a Header,
    out: &'a mut FileIntake,
    summary: SheetSummary,
    /// Field → column, indexed by the field's discriminant.
    cols: Vec<Option<u32>>,
    counts: BTreeMap<Code, usize>,
    blanks_listed: usize,
    /// Whether the task id column holds task ids (not a 序号 numbering rows).
    use_task_ids: bool,
}

static NOTE_PREFIXES: LazyLock<Vec<String>> =
    LazyLock::new(|| vocab::NOTE_PREFIXES.iter().map(|p| squeeze(p)).collect());

/// The first characters of notes and meta rows: other rows skip those checks cheaply.
static LEAD_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = vocab::NOTE_PREFIXES
        .iter()
        .chain(vocab::DEPARTMENT_LABELS)
        .chain(vocab::FILLED_LABELS)
        .chain(vocab::PERIOD_LABELS)
        .chain(vocab::OTHER_META_LABELS)
        .filter_map(|w| w.chars().next())
        .collect();
    v.push('注');
    v.sort_unstable();
    v.dedup();
    v
});

fn is_note(t: &str) -> bool {
    NOTE_PREFIXES.iter().any(|p| t.starts_with(p.as_str()))
        || t.strip_prefix('注').is_some_and(|r| {
            r.starts_with(|c: char| c.is_ascii_digit() || matches!(c, ':' | '、' | '.'))
        })
}

/// `（一）`, `一、`, `第一部分`: the start of a section row.
fn is_section_marker(t: &str) -> bool {
    let numeral = |s: &str| -> usize {
        s.chars()
            .take_while(|c| vocab::SECTION_NUMERALS.contains(c))
            .map(char::len_utf8)
            .sum()
    };
    if let Some(rest) = t.strip_prefix('(') {
        let n = numeral(rest);
        return n > 0 && rest[n..].starts_with(')');
    }
    if let Some(rest) = t.strip_prefix('第') {
        let n = numeral(rest);
        return n > 0
            && ["部分", "板块", "章", "篇"]
                .iter()
                .any(|w| rest[n..].starts_with(w));
    }
    let n = numeral(t);
    n > 0 && (t[n..].starts_with('、') || t[n..].starts_with('.'))
}

fn blank(cell: CellView<'_>) -> bool {
    matches!(cell, CellView::Text(s) if s.trim().is_empty())
}

impl<'a> SheetRun<'a> {
    fn new(
        ctx: &'a Ctx<'a>,
        sheet: &'a str,
        header: &'a Header,
        grid: &Grid<'_>,
        out: &'a mut FileIntake,
    ) -> SheetRun<'a> {
        let mut cols = Vec::new();
        for l in &header.labels {
            if let Some(f) = l.field {
                let i = f as usize;
                if cols.len() <= i {
                    cols.resize(i + 1, None);
                }
                cols[i] = Some(l.col);
            }
        }
        let key_field = match header.kind {
            SheetKind::Tasks => [Field::TaskId, Field::TaskTitle],
            SheetKind::Figures => [Field::FigureId, Field::FigureName],
            _ => [Field::Key, Field::Amount],
        };
        if let Some(col) = key_field.iter().find_map(|f| header.col(*f)) {
            out.key_columns
                .push((sheet.to_string(), column_letter(col)));
        }
        let mut run = SheetRun {
            ctx,
            sheet,
            shared: Shared {
                file: ctx.file.into(),
                sheet: sheet.into(),
                department: ctx.department.map(Arc::from),
            },
            header,
            out,
            summary: SheetSummary {
                name: sheet.to_string(),
                kind: header.kind,
                header_row: Some(header.row + 1),
                rows_read: 0,
                accepted: 0,
                rejected: 0,
                skipped: 0,
            },
            cols,
            counts: BTreeMap::new(),
            blanks_listed: 0,
            use_task_ids: true,
        };
        run.use_task_ids = run.task_ids_are_ids(grid);
        if header.kind == SheetKind::Ledger(LedgerKind::Finance) && run.col(Field::Key).is_none() {
            let name = vocab::canonical(header.kind, Field::Key);
            let flag = run.flag(
                Code::InvalidValue,
                header.row,
                None,
                format!("运用转化台账缺少“{name}”列，已按企业名称、日期和金额识别重复记录。请补充“{name}”列。"),
            );
            run.raise(flag);
        }
        if let SheetKind::Ledger(kind) = header.kind {
            let field = vocab::counting_field(kind);
            if run.col(field).is_none() {
                let name = vocab::canonical(header.kind, field);
                let flag = run.flag(
                    Code::InvalidValue,
                    header.row,
                    None,
                    format!(
                        "{}缺少“{name}”列，本表各行无法按月统计。请补充“{name}”列。",
                        kind.title()
                    ),
                );
                run.raise(flag);
            }
        }
        run
    }

    /// A 序号 column numbers rows rather than naming tasks when the titles
    /// beside it name other tasks more often than the same ones.
    fn task_ids_are_ids(&self, grid: &Grid<'_>) -> bool {
        if self.header.kind != SheetKind::Tasks || !self.header.is_generic(Field::TaskId) {
            return true;
        }
        let (Some(id_col), Some(title_col)) = (self.col(Field::TaskId), self.col(Field::TaskTitle))
        else {
            return true;
        };
        let (mut agree, mut disagree) = (0, 0);
        for (_, line) in grid.lines_from(self.header.row + 1) {
            let id = grid::get(&line, id_col).and_then(value::task_id);
            let title =
                grid::get(&line, title_col).and_then(|c| self.ctx.titles.task(&value::text(c)));
            if let (Some(id), Some(t)) = (id, title) {
                if id == t {
                    agree += 1;
                } else {
                    disagree += 1;
                }
            }
        }
        disagree <= agree
    }

    /// The column of a field.
    fn col(&self, field: Field) -> Option<u32> {
        self.cols.get(field as usize).copied().flatten()
    }

    /// The cell of a field in a row, with its column.
    fn at<'l>(&self, line: &Line<'l>, field: Field) -> Option<(u32, CellView<'l>)> {
        let col = self.col(field)?;
        grid::get(line, col)
            .filter(|c| !blank(*c))
            .map(|c| (col, c))
    }

    /// Reads every row below the header.
    fn rows(&mut self, grid: &Grid<'_>) {
        // One line's room for all the rows.
        let mut lines = grid.lines_from(self.header.row + 1);
        let mut line = Vec::new();
        while let Some(r) = lines.next_into(&mut line) {
            self.summary.rows_read += 1;
            match self.row(r, &line) {
                Outcome::Accepted => self.summary.accepted += 1,
                Outcome::Rejected(reason) => {
                    self.summary.rejected += 1;
                    self.list(r, &line, Disposition::Rejected, reason);
                }
                Outcome::Skipped(reason) => {
                    self.summary.skipped += 1;
                    self.list(r, &line, Disposition::Skipped, reason.to_string());
                }
                Outcome::Blank => {
                    self.summary.skipped += 1;
                    self.blanks_listed += 1;
                    if self.blanks_listed <= LIST_CAP {
                        let reason = if self.blanks_listed == LIST_CAP {
                            format!("{BLANK}（以下空行不再逐一列出）")
                        } else {
                            BLANK.to_string()
                        };
                        self.list(r, &line, Disposition::Skipped, reason);
                    }
                }
            }
        }
    }

    fn row(&mut self, r: u32, line: &Line<'_>) -> Outcome {
        let own = |e: &&Entry<'_>| e.anchor.0 == r && !blank(e.cell);
        let Some(first) = line.iter().find(own) else {
            return Outcome::Blank;
        };
        if let CellView::Text(s) = first.cell
            && s.trim_start()
                .starts_with(|c: char| LEAD_CHARS.contains(&c))
        {
            let t = squeeze(s);
            if is_note(&t) {
                return Outcome::Skipped(NOTE);
            }
            if meta::is_meta_text(&t) {
                return Outcome::Skipped(META_ROW);
            }
        }
        if line.iter().filter(own).all(|e| e.anchor == first.anchor) && self.is_section(first, line)
        {
            return Outcome::Skipped(SECTION);
        }
        if line.iter().filter(own).take(3).any(|e| match e.cell {
            CellView::Text(s) if s.len() <= 24 && s.contains('计') => {
                let t = squeeze(s);
                vocab::TOTAL_WORDS.contains(&t.trim_end_matches(':'))
            }
            _ => false,
        }) {
            return Outcome::Skipped(TOTAL);
        }
        if self.is_repeated_header(line) {
            return Outcome::Skipped(REPEATED_HEADER);
        }
        match self.header.kind {
            SheetKind::Tasks => self.task(r, line),
            SheetKind::Figures => self.figure(r, line),
            SheetKind::Ledger(kind) => self.ledger(kind, r, line),
            SheetKind::Other => Outcome::Skipped(OTHER_SHEET),
        }
    }

    /// A row holding one value only: a section marker, a banner merged
    /// across columns, or a plan section's title.
    fn is_section(&self, first: &Entry<'_>, line: &Line<'_>) -> bool {
        let CellView::Text(s) = first.cell else {
            return false;
        };
        let t = squeeze(s);
        if value::number(first.cell).is_ok_and(|n| n.is_some()) {
            return false;
        }
        if is_section_marker(&t) {
            return true;
        }
        let span = line.iter().filter(|e| e.anchor == first.anchor).count();
        if span >= 3 {
            return true;
        }
        let n = titles::norm(&t);
        self.ctx
            .plan
            .sections
            .iter()
            .any(|sec| titles::norm(&sec.title) == n)
    }

    /// A header row repeated below the first (page breaks, pasted tables).
    fn is_repeated_header(&self, line: &Line<'_>) -> bool {
        let primary = vocab::required(self.header.kind)
            .first()
            .and_then(|g| g.iter().find_map(|f| self.col(*f)));
        let Some(primary) = primary else {
            return false;
        };
        let matches = |col: u32| -> bool {
            let (Some(CellView::Text(s)), Some(label)) =
                (grid::get(line, col), self.header.label(col))
            else {
                return false;
            };
            let first = label
                .text
                .key
                .chars()
                .next()
                .or_else(|| label.text.full.chars().next());
            if s.len() > 60 || first.is_some_and(|c| !s.trim_start().starts_with(c)) {
                return false;
            }
            let h = header::normalise(s);
            h.full == label.text.full || (!h.key.is_empty() && h.key == label.text.key)
        };
        if !matches(primary) {
            return false;
        }
        self.header
            .labels
            .iter()
            .filter(|l| l.field.is_some() && matches(l.col))
            .count()
            >= 2
    }

    /// Lists a row that was not accepted, with its values and why.
    fn list(&mut self, r: u32, line: &Line<'_>, disposition: Disposition, reason: String) {
        let values = self.values(line);
        self.out.unaccepted.push(Unaccepted {
            origin: self.origin(r),
            department: self.ctx.department.map(str::to_string),
            kind: self.header.kind,
            disposition,
            values,
            reason,
        });
    }

    /// A row's non-empty values as `(header, text)`; a value merged across
    /// several columns is listed once, under its first column.
    fn values(&self, line: &Line<'_>) -> Vec<(String, String)> {
        let mut anchors = Vec::new();
        line.iter()
            .filter(|e| {
                let first = !anchors.contains(&e.anchor);
                anchors.push(e.anchor);
                first
            })
            .filter_map(|e| {
                let t = value::text(e.cell);
                (!t.is_empty()).then(|| (self.col_name(e.col), t.into_owned()))
            })
            .collect()
    }

    /// Values of columns nobody asked for.
    fn extra(&self, line: &Line<'_>) -> Vec<(String, String)> {
        line.iter()
            .filter(|e| self.header.label(e.col).is_none_or(|l| l.field.is_none()))
            .filter_map(|e| {
                let t = value::text(e.cell);
                (!t.is_empty()).then(|| (self.col_name(e.col), t.into_owned()))
            })
            .collect()
    }

    fn col_name(&self, col: u32) -> String {
        self.header
            .label(col)
            .map(|l| l.display.clone())
            .unwrap_or_else(|| column_letter(col))
    }

    fn origin(&self, r: u32) -> Origin {
        Origin {
            file: Arc::clone(&self.shared.file),
            sheet: Arc::clone(&self.shared.sheet),
            row: r + 1,
        }
    }

    /// A flag located at a cell (or a row) of this sheet. The message says
    /// what is wrong and what to do; the location travels in the flag's
    /// fields, which every output shows beside it.
    fn flag(&self, code: Code, r: u32, col: Option<u32>, message: impl Display) -> Flag {
        let mut f = Flag::new(code, message.to_string())
            .department_opt(self.ctx.department)
            .file(self.ctx.file)
            .sheet(self.sheet)
            .row(r + 1);
        if let Some(c) = col {
            f = f.column(column_letter(c));
        }
        f
    }

    /// Records a flag, listing at most [`FLAG_CAP`] of one code per sheet.
    fn raise(&mut self, flag: Flag) {
        let n = self.counts.entry(flag.code).or_default();
        *n += 1;
        if *n <= FLAG_CAP {
            self.out.flags.push(flag);
        }
    }

    /// The sheet's accounting, after a summary flag for each code over the cap.
    fn finish(self) -> SheetSummary {
        for (code, n) in &self.counts {
            if *n > FLAG_CAP {
                self.out.flags.push(
                    Flag::new(
                        *code,
                        format!(
                            "另有{}处“{}”问题未逐一列出，请检查整张表。",
                            n - FLAG_CAP,
                            code.title()
                        ),
                    )
                    .department_opt(self.ctx.department)
                    .file(self.ctx.file)
                    .sheet(self.sheet),
                );
            }
        }
        self.summary
    }
}

/// The message of a sheet that could not be read. The flag carries the
/// sheet, which every output shows before the message, so the reader's
/// reason (`工作表「X」内容已损坏…`) is not made to name it again.
fn sheet_failure(name: &str, reason: &str) -> String {
    match reason.strip_prefix(&format!("工作表「{name}」")) {
        Some(rest) => format!("该工作表{rest}"),
        None => format!("该工作表无法读取：{reason}"),
    }
}

/// A sheet of no recognised kind: its non-empty rows are counted as skipped,
/// the first [`LIST_CAP`] listed.
fn other_sheet(ctx: &Ctx<'_>, name: &str, grid: &Grid<'_>, out: &mut FileIntake) -> SheetSummary {
    let rows: Vec<u32> = grid.value_rows().collect();
    let total = rows.len();
    for (i, &r) in rows.iter().enumerate().take(LIST_CAP) {
        let line = grid.line(r);
        let values: Vec<(String, String)> = line
            .iter()
            .filter(|e| e.anchor.0 == r)
            .filter_map(|e| {
                let t = value::text(e.cell);
                (!t.is_empty()).then(|| (column_letter(e.col), t.into_owned()))
            })
            .collect();
        let reason = if i + 1 == LIST_CAP && total > LIST_CAP {
            format!("{OTHER_SHEET}（本表共{total}行，仅列出前{LIST_CAP}行）")
        } else {
            OTHER_SHEET.to_string()
        };
        out.unaccepted.push(Unaccepted {
            origin: Origin {
                file: ctx.file.into(),
                sheet: name.into(),
                row: r + 1,
            },
            department: ctx.department.map(str::to_string),
            kind: SheetKind::Other,
            disposition: Disposition::Skipped,
            values,
            reason,
        });
    }
    SheetSummary {
        name: name.to_string(),
        kind: SheetKind::Other,
        header_row: None,
        rows_read: total,
        accepted: 0,
        rejected: 0,
        skipped: total,
    }
}

#[cfg(test)]
mod tests;
