//! Reading a plan workbook (`--plan X.xlsx`, `.xls`, `.ods`) — the one
//! `workplan plan -o` or `--draft` writes, as the office edited it in Excel,
//! WPS or LibreOffice — into a [`Plan`]. The sheets and columns are
//! `plan::book`'s; columns are found by their header, so reordered or added
//! columns (a draft's 来源原文, 待确认) do not matter.
//!
//! Every problem names the sheet and the cell and says what to do; all
//! problems of the cells are listed at once. The rules every plan keeps
//! (unique numbers, known departments, …) are `plan::load::validate`'s,
//! mapped back onto the cell they concern.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::value::{self, squeeze};
use super::{CellView, RawSheet, RawWorkbook, column_letter};
use crate::plan::book::{self as vocab, Column};
use crate::plan::load::{Place, validate};
use crate::plan::{
    Calendar, Comparator, Department, Figure, FigureKind, LedgerKind, LedgerSource, Plan,
    Reporting, Section, Task, Thresholds, calendar,
};
use crate::text;

/// One thing wrong in a plan workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub sheet: String,
    /// `C7`, when the problem is one cell's.
    pub cell: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.cell {
            Some(c) => write!(f, "工作表「{}」{c}单元格：{}", self.sheet, self.message),
            None => write!(f, "工作表「{}」：{}", self.sheet, self.message),
        }
    }
}

/// Why a plan workbook was refused: every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
pub struct Problems(pub Vec<Problem>);

/// Reads a plan from a plan workbook's cells.
pub fn read(book: &RawWorkbook) -> Result<Plan, Problems> {
    let mut r = Reader::default();
    let sheet = |name: &str| book.sheets.iter().find(|s| s.name == name);
    let missing: Vec<&str> = vocab::SHEETS
        .iter()
        .copied()
        .filter(|name| sheet(name).is_none())
        .filter(|name| *name != vocab::CALENDAR_SHEET && *name != vocab::THRESHOLDS_SHEET)
        .collect();
    if !missing.is_empty() {
        let message = format!(
            "这不是计划工作簿：缺少工作表「{}」。请用 workplan plan -o 导出的工作簿修改，或用 workplan plan --draft 生成。",
            missing.join("」「")
        );
        return Err(Problems(vec![Problem {
            sheet: missing[0].to_string(),
            cell: None,
            message,
        }]));
    }
    let empty = RawSheet::default();
    let get = |name: &str| sheet(name).unwrap_or(&empty);

    let info = r.info(get(vocab::INFO_SHEET));
    let departments = r.departments(get(vocab::DEPARTMENTS_SHEET));
    let (sections, tasks) = r.tasks(get(vocab::TASKS_SHEET), &departments);
    let figures = r.figures(get(vocab::FIGURES_SHEET), &departments, info.year);
    let calendar = match sheet(vocab::CALENDAR_SHEET) {
        Some(s) => r.calendar(s, info.year),
        None => None,
    };
    let thresholds = match sheet(vocab::THRESHOLDS_SHEET) {
        Some(s) => r.thresholds(s),
        None => Thresholds::default(),
    };
    if !r.problems.is_empty() {
        return Err(Problems(r.problems));
    }
    let (calendar, warnings) = match calendar {
        Some(c) => (c, Vec::new()),
        None => {
            let (c, warning) = calendar::of_year(info.year);
            (c, warning.into_iter().collect())
        }
    };
    let plan = Plan {
        name: info.name,
        bureau: info.bureau,
        year: info.year,
        document: info.document,
        departments,
        sections,
        tasks,
        figures,
        calendar,
        thresholds,
        reporting: Reporting {
            due_day: info.due_day,
        },
        warnings,
    };
    match validate(&plan) {
        Ok(()) => Ok(plan),
        Err(invalid) => Err(Problems(vec![r.place(&invalid.place, invalid.message)])),
    }
}

/// 基本信息 as read.
struct Info {
    name: String,
    bureau: String,
    year: i32,
    document: String,
    due_day: u32,
}

/// Where the rows of the plan's lists were, for naming a rule's cell.
#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
    /// 1-based rows of 基本信息's items, by label.
    info_rows: HashMap<&'static str, u32>,
    departments: Vec<u32>,
    tasks: Vec<u32>,
    /// Columns of 重点任务 and 指标与节点, 0-based, by header.
    task_cols: HashMap<&'static str, u32>,
    figures: Vec<u32>,
    figure_cols: HashMap<&'static str, u32>,
    workdays: HashMap<NaiveDate, u32>,
    threshold_rows: HashMap<&'static str, u32>,
}

/// A sheet's rows below its header: `(1-based row, cells by column)`.
type Rows<'s> = Vec<(u32, HashMap<u32, CellView<'s>>)>;

/// The rows of a sheet, grouped.
fn rows_of(sheet: &RawSheet) -> Rows<'_> {
    let mut out: Rows<'_> = Vec::new();
    for (r, c, cell) in sheet.views() {
        if out.last().is_none_or(|(row, _)| *row != r + 1) {
            out.push((r + 1, HashMap::new()));
        }
        if let Some((_, cells)) = out.last_mut() {
            cells.insert(c, cell);
        }
    }
    out
}

/// A cell's text, trimmed; empty for an empty cell.
fn text_of(cells: &HashMap<u32, CellView<'_>>, col: Option<u32>) -> String {
    col.and_then(|c| cells.get(&c))
        .map(|cell| match cell {
            CellView::Number(x) => text::cell_number(*x),
            other => value::text(other).trim().to_string(),
        })
        .unwrap_or_default()
}

/// Names separated by 、，, / or spaces.
fn names(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '/', '／', ';', '；', '\n', ' ', '　'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

impl Reader {
    fn problem(&mut self, sheet: &str, row: u32, col: Option<u32>, message: String) {
        self.problems.push(Problem {
            sheet: sheet.to_string(),
            cell: col.map(|c| format!("{}{row}", column_letter(c))),
            message,
        });
    }

    /// The header row of a list sheet (within its first ten rows) and the
    /// column of each header; the data rows below it.
    fn table<'s>(
        &mut self,
        sheet: &'s RawSheet,
        columns: &[Column],
    ) -> (HashMap<&'static str, u32>, Rows<'s>) {
        let rows = rows_of(sheet);
        let first = columns[0].header;
        let Some(at) = rows.iter().take(10).position(|(_, cells)| {
            cells
                .values()
                .any(|c| squeeze(&value::text(c)) == squeeze(first))
        }) else {
            self.problem(
                &sheet.name,
                1,
                None,
                format!("找不到表头（“{first}”等列）。请保留导出时的表头行，不要删除或改名。"),
            );
            return (HashMap::new(), Vec::new());
        };
        let (header_row, header) = &rows[at];
        let mut cols = HashMap::new();
        for column in columns {
            let found = header
                .iter()
                .find(|(_, c)| squeeze(&value::text(**c)) == squeeze(column.header))
                .map(|(col, _)| *col);
            match found {
                Some(c) => {
                    cols.insert(column.header, c);
                }
                None => self.problem(
                    &sheet.name,
                    *header_row,
                    None,
                    format!(
                        "表头中缺少“{}”列。请按导出时的表头恢复这一列。",
                        column.header
                    ),
                ),
            }
        }
        let data = rows
            .into_iter()
            .skip(at + 1)
            .filter(|(_, cells)| cells.values().any(|c| !value::text(c).trim().is_empty()))
            .collect();
        (cols, data)
    }

    fn info(&mut self, sheet: &RawSheet) -> Info {
        let rows = rows_of(sheet);
        let mut find = |label: &'static str| -> (u32, String, Option<CellView<'_>>) {
            for (r, cells) in &rows {
                if cells
                    .get(&0)
                    .is_some_and(|c| squeeze(&value::text(c)) == label)
                {
                    self.info_rows.insert(label, *r);
                    let cell = cells.get(&1).copied();
                    return (*r, text_of(cells, Some(1)), cell);
                }
            }
            (0, String::new(), None)
        };
        let name = find(vocab::NAME);
        let bureau = find(vocab::BUREAU);
        let year = find(vocab::YEAR);
        let document = find(vocab::DOCUMENT);
        let due = find(vocab::DUE_DAY);
        for (label, (row, text, _)) in [(vocab::NAME, &name), (vocab::BUREAU, &bureau)] {
            if *row == 0 {
                self.problem(
                    &sheet.name,
                    1,
                    None,
                    format!("缺少“{label}”一行，请按导出时的样子恢复。"),
                );
            } else if text.is_empty() {
                self.problem(&sheet.name, *row, Some(1), format!("请填写{label}。"));
            }
        }
        let year_value = year
            .2
            .and_then(|c| value::number(c).ok().flatten())
            .filter(|y| y.fract() == 0.0 && (2000.0..=2100.0).contains(y));
        if year_value.is_none() {
            let row = year.0.max(1);
            self.problem(
                &sheet.name,
                row,
                (year.0 > 0).then_some(1),
                format!(
                    "{}“{}”不是年份：请填写四位数字的年度，如 2026。",
                    vocab::YEAR,
                    year.1
                ),
            );
        }
        let due_day = if due.0 == 0 || due.1.is_empty() {
            Reporting::default().due_day
        } else {
            match due.2.and_then(|c| value::number(c).ok().flatten()) {
                Some(d) if d.fract() == 0.0 && (1.0..=31.0).contains(&d) => d as u32,
                _ => {
                    self.problem(
                        &sheet.name,
                        due.0,
                        Some(1),
                        format!(
                            "{}“{}”应为 1–31 的数字（次月几日前报送），如 5。",
                            vocab::DUE_DAY,
                            due.1
                        ),
                    );
                    Reporting::default().due_day
                }
            }
        };
        Info {
            name: name.1,
            bureau: bureau.1,
            year: year_value.map_or(0, |y| y as i32),
            document: document.1,
            due_day,
        }
    }

    fn departments(&mut self, sheet: &RawSheet) -> Vec<Department> {
        let (cols, rows) = self.table(sheet, &vocab::DEPARTMENT_COLUMNS);
        let [name, aliases] = vocab::DEPARTMENT_COLUMNS.map(|c| cols.get(c.header).copied());
        let mut out = Vec::new();
        for (r, cells) in &rows {
            let n = text_of(cells, name);
            if n.is_empty() {
                self.problem(
                    &sheet.name,
                    *r,
                    name,
                    "部门名称空着：请填写，或删除这一行。".into(),
                );
                continue;
            }
            self.departments.push(*r);
            out.push(Department {
                name: n,
                aliases: names(&text_of(cells, aliases)),
            });
        }
        out
    }

    /// The canonical name of a department written in a cell, or a problem.
    fn department(
        &mut self,
        departments: &[Department],
        written: &str,
        at: (&str, u32, Option<u32>),
        what: &str,
    ) -> Option<String> {
        let w = squeeze(written);
        let found = departments
            .iter()
            .find(|d| squeeze(&d.name) == w || d.aliases.iter().any(|a| squeeze(a) == w));
        match found {
            Some(d) => Some(d.name.clone()),
            None => {
                self.problem(
                    at.0,
                    at.1,
                    at.2,
                    format!(
                        "{what}“{written}”不在「部门」表中：请从下拉列表中选择，或先在「部门」表中添加这个部门。"
                    ),
                );
                None
            }
        }
    }

    fn tasks(&mut self, sheet: &RawSheet, departments: &[Department]) -> (Vec<Section>, Vec<Task>) {
        let (cols, rows) = self.table(sheet, &vocab::TASK_COLUMNS);
        let [section, section_title, id, title, full, lead, colead] =
            vocab::TASK_COLUMNS.map(|c| cols.get(c.header).copied());
        self.task_cols = cols;
        let mut sections: Vec<Section> = Vec::new();
        let mut tasks = Vec::new();
        for (r, cells) in &rows {
            let r = *r;
            let sec = text_of(cells, section)
                .trim_matches(['（', '）', '(', ')', '、', '.', '．'])
                .to_string();
            let sec_title = text_of(cells, section_title);
            if sec.is_empty() {
                self.problem(
                    &sheet.name,
                    r,
                    section,
                    "板块空着：请填写板块序号，如 一。".into(),
                );
            } else {
                match sections.iter().find(|s| s.id == sec) {
                    Some(s) if !sec_title.is_empty() && s.title != sec_title => self.problem(
                        &sheet.name,
                        r,
                        section_title,
                        format!(
                            "板块“{sec}”的名称“{sec_title}”与前面各行的“{}”不同：同一板块的名称请写成一样。",
                            s.title
                        ),
                    ),
                    Some(_) => {}
                    None => sections.push(Section {
                        id: sec.clone(),
                        title: sec_title,
                    }),
                }
            }
            let id_text = text_of(cells, id);
            let task_id = id_text
                .trim_start_matches('第')
                .trim_end_matches('项')
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0);
            if task_id.is_none() {
                self.problem(
                    &sheet.name,
                    r,
                    id,
                    format!("任务编号“{id_text}”不是正整数：请填写 1、2、3……"),
                );
            }
            let t = text_of(cells, title);
            if t.is_empty() {
                self.problem(&sheet.name, r, title, "任务名称空着：请填写。".into());
            }
            let mut leads = Vec::new();
            let written: Vec<(String, Option<u32>)> = names(&text_of(cells, lead))
                .into_iter()
                .map(|n| (n, lead))
                .chain(
                    names(&text_of(cells, colead))
                        .into_iter()
                        .map(|n| (n, colead)),
                )
                .collect();
            if written.is_empty() {
                self.problem(
                    &sheet.name,
                    r,
                    lead,
                    "没有牵头部门：请从下拉列表中选择牵头部门。".into(),
                );
            }
            for (n, col) in written {
                if let Some(d) = self.department(departments, &n, (&sheet.name, r, col), "牵头部门")
                    && !leads.contains(&d)
                {
                    leads.push(d);
                }
            }
            self.tasks.push(r);
            tasks.push(Task {
                id: task_id.unwrap_or(0),
                section: sec,
                title: t,
                text: text_of(cells, full),
                leads,
            });
        }
        (sections, tasks)
    }

    fn figures(&mut self, sheet: &RawSheet, departments: &[Department], year: i32) -> Vec<Figure> {
        let (cols, rows) = self.table(sheet, &vocab::FIGURE_COLUMNS);
        let [
            id,
            task,
            name,
            kind,
            comparator,
            target,
            unit,
            due,
            owner,
            ledger,
            derivation,
        ] = vocab::FIGURE_COLUMNS.map(|c| cols.get(c.header).copied());
        self.figure_cols = cols;
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let mut out = Vec::new();
        for (r, cells) in &rows {
            let r = *r;
            let sheet_name = sheet.name.as_str();
            let fid = text_of(cells, id);
            if fid.is_empty() {
                self.problem(
                    sheet_name,
                    r,
                    id,
                    "编号空着：主要指标填 I1、I2……，任务节点填“任务编号.序号”。".into(),
                );
            }
            let task_text = text_of(cells, task);
            let task_id = if task_text.is_empty() {
                None
            } else {
                let n = task_text.parse::<u32>().ok();
                if n.is_none() {
                    self.problem(
                        sheet_name,
                        r,
                        task,
                        format!("所属任务“{task_text}”不是任务编号：请填写数字，主要指标空着。"),
                    );
                }
                n
            };
            let kind_text = text_of(cells, kind);
            let figure_kind = vocab::KINDS
                .iter()
                .copied()
                .find(|k| k.as_chinese() == kind_text || k.as_str() == kind_text);
            if figure_kind.is_none() {
                self.problem(
                    sheet_name,
                    r,
                    kind,
                    format!(
                        "类型“{kind_text}”无法识别：请从下拉列表中选择（{}）。",
                        vocab::KINDS.map(|k| k.as_chinese()).join("、")
                    ),
                );
            }
            let dated = figure_kind == Some(FigureKind::Date);
            let cmp_text = text_of(cells, comparator);
            let cmp = if cmp_text.is_empty() && dated {
                Some(Comparator::Le)
            } else {
                let found = vocab::COMPARATORS.iter().copied().find(|c| {
                    c.word() == cmp_text || c.sign() == cmp_text || c.as_str() == cmp_text
                });
                if found.is_none() {
                    let words = vocab::COMPARATORS.map(Comparator::word).join("、");
                    let message = if cmp_text.is_empty() {
                        format!("比较空着：请从下拉列表中选择（{words}）。")
                    } else {
                        format!("比较“{cmp_text}”无法识别：请从下拉列表中选择（{words}）。")
                    };
                    self.problem(sheet_name, r, comparator, message);
                }
                found
            };
            let target_value = target.and_then(|c| cells.get(&c)).map(value::number);
            let goal = match target_value {
                Some(Ok(v)) => v,
                Some(Err(_)) => {
                    self.problem(
                        sheet_name,
                        r,
                        target,
                        format!(
                            "目标值“{}”不是数字：请只填数字，单位写在“单位”列。",
                            text_of(cells, target)
                        ),
                    );
                    None
                }
                None => None,
            };
            if goal.is_none() && !dated && figure_kind.is_some() {
                self.problem(
                    sheet_name,
                    r,
                    target,
                    format!("{fid}没有目标值：请填写数字（时间节点才可空着）。"),
                );
            }
            let due_day = match due.and_then(|c| cells.get(&c)) {
                None => {
                    if dated {
                        self.problem(
                            sheet_name,
                            r,
                            due,
                            format!("时间节点{fid}没有完成时限：请填写日期，如 {year}-06-30。"),
                        );
                    }
                    Some(year_end)
                }
                Some(c) => match value::date(c, year) {
                    Ok(Some(d)) => Some(d),
                    Ok(None) => Some(year_end),
                    Err(_) => {
                        self.problem(
                            sheet_name,
                            r,
                            due,
                            format!(
                                "完成时限“{}”不是日期：请填写日期，如 {year}-06-30。",
                                text_of(cells, due)
                            ),
                        );
                        None
                    }
                },
            };
            let owner_text = text_of(cells, owner);
            let owner_name = if owner_text.is_empty() {
                self.problem(
                    sheet_name,
                    r,
                    owner,
                    "责任部门空着：请从下拉列表中选择。".into(),
                );
                None
            } else {
                self.department(departments, &owner_text, (sheet_name, r, owner), "责任部门")
            };
            let ledger_text = text_of(cells, ledger);
            let derive_text = text_of(cells, derivation);
            let source = match (ledger_text.is_empty(), derive_text.is_empty()) {
                (true, true) => None,
                (false, false) => {
                    let l = LedgerKind::ALL
                        .into_iter()
                        .find(|l| l.title() == ledger_text || l.as_str() == ledger_text);
                    let d = vocab::DERIVATIONS
                        .into_iter()
                        .find(|d| d.as_chinese() == derive_text || d.as_str() == derive_text);
                    if l.is_none() {
                        self.problem(
                            sheet_name,
                            r,
                            ledger,
                            format!("台账“{ledger_text}”无法识别：请从下拉列表中选择。"),
                        );
                    }
                    if d.is_none() {
                        self.problem(
                            sheet_name,
                            r,
                            derivation,
                            format!("计算方式“{derive_text}”无法识别：请从下拉列表中选择。"),
                        );
                    }
                    l.zip(d)
                        .map(|(ledger, derivation)| LedgerSource { ledger, derivation })
                }
                (false, true) => {
                    self.problem(
                        sheet_name,
                        r,
                        derivation,
                        "选了台账，还要选计算方式；不由台账统计的，两列都空着。".into(),
                    );
                    None
                }
                (true, false) => {
                    self.problem(
                        sheet_name,
                        r,
                        ledger,
                        "选了计算方式，还要选台账；不由台账统计的，两列都空着。".into(),
                    );
                    None
                }
            };
            self.figures.push(r);
            out.push(Figure {
                id: fid,
                task: task_id,
                name: text_of(cells, name),
                unit: text_of(cells, unit),
                kind: figure_kind.unwrap_or(FigureKind::Level),
                comparator: cmp.unwrap_or(Comparator::Ge),
                target: if dated { None } else { goal },
                due: due_day.unwrap_or(year_end),
                owner: owner_name.unwrap_or_default(),
                ledger: source,
            });
        }
        out
    }

    /// 节假日, or `None` when it lists nothing (the year's official calendar then).
    fn calendar(&mut self, sheet: &RawSheet, year: i32) -> Option<Calendar> {
        let (cols, rows) = self.table(sheet, &vocab::CALENDAR_COLUMNS);
        let [start, end, kind, _] = vocab::CALENDAR_COLUMNS.map(|c| cols.get(c.header).copied());
        if rows.is_empty() {
            return None;
        }
        let mut holidays = BTreeSet::new();
        let mut workdays = BTreeSet::new();
        let date = |c: Option<u32>, cells: &HashMap<u32, CellView<'_>>| {
            c.and_then(|c| cells.get(&c))
                .map(|cell| value::date(cell, year))
        };
        for (r, cells) in &rows {
            let r = *r;
            let first = match date(start, cells) {
                Some(Ok(Some(d))) => d,
                _ => {
                    self.problem(
                        &sheet.name,
                        r,
                        start,
                        format!(
                            "开始日期“{}”不是日期：请填写日期，如 {year}-10-01。",
                            text_of(cells, start)
                        ),
                    );
                    continue;
                }
            };
            let last = match date(end, cells) {
                None | Some(Ok(None)) => first,
                Some(Ok(Some(d))) if d >= first && (d - first).num_days() < 60 => d,
                _ => {
                    self.problem(
                        &sheet.name,
                        r,
                        end,
                        format!("结束日期“{}”不对：应为开始日期当天或之后（60天内）的日期；只有一天可空着。", text_of(cells, end)),
                    );
                    continue;
                }
            };
            let k = text_of(cells, kind);
            let set = if k == vocab::HOLIDAY {
                &mut holidays
            } else if k == vocab::WORKDAY {
                &mut workdays
            } else {
                self.problem(
                    &sheet.name,
                    r,
                    kind,
                    format!(
                        "类型“{k}”无法识别：请选“{}”或“{}”。",
                        vocab::HOLIDAY,
                        vocab::WORKDAY
                    ),
                );
                continue;
            };
            let mut d = first;
            while d <= last {
                set.insert(d);
                if k == vocab::WORKDAY {
                    self.workdays.insert(d, r);
                }
                d = d.succ_opt().unwrap_or(last);
                if d == last && set.contains(&d) {
                    break;
                }
            }
        }
        Some(Calendar { holidays, workdays })
    }

    fn thresholds(&mut self, sheet: &RawSheet) -> Thresholds {
        let rows = rows_of(sheet);
        let mut out = Thresholds::default();
        for (label, _) in vocab::THRESHOLD_ITEMS {
            let Some((r, cells)) = rows.iter().find(|(_, cells)| {
                cells
                    .get(&0)
                    .is_some_and(|c| squeeze(&value::text(c)) == label)
            }) else {
                continue;
            };
            self.threshold_rows.insert(label, *r);
            let v = match cells.get(&1).map(value::percent) {
                Some(Ok(Some(p))) if (0.0..=100.0).contains(&p) => p / 100.0,
                _ => {
                    self.problem(
                        &sheet.name,
                        *r,
                        Some(1),
                        format!(
                            "{label}“{}”应为 0–100% 之间的百分比，如 90%。",
                            text_of(cells, Some(1))
                        ),
                    );
                    continue;
                }
            };
            if label == vocab::BEHIND_RED {
                out.behind_red = v;
            } else {
                out.mismatch = v;
            }
        }
        out
    }

    /// The cell a broken rule is about.
    fn place(&self, place: &Place, message: String) -> Problem {
        let at = |sheet: &str, row: Option<&u32>, col: Option<u32>| Problem {
            sheet: sheet.to_string(),
            cell: row
                .zip(col)
                .map(|(r, c)| format!("{}{r}", column_letter(c))),
            message: message.clone(),
        };
        let task_col = |h: &str| self.task_cols.get(h).copied();
        let figure_col = |h: &str| self.figure_cols.get(h).copied();
        let t = &vocab::TASK_COLUMNS;
        let f = &vocab::FIGURE_COLUMNS;
        match place {
            Place::Plan => at(vocab::INFO_SHEET, None, None),
            Place::Year => at(vocab::INFO_SHEET, self.info_rows.get(vocab::YEAR), Some(1)),
            Place::Reporting => at(
                vocab::INFO_SHEET,
                self.info_rows.get(vocab::DUE_DAY),
                Some(1),
            ),
            Place::DepartmentName { department, name } => at(
                vocab::DEPARTMENTS_SHEET,
                self.departments.get(*department),
                Some(u32::from(*name > 0)),
            ),
            Place::Section(i) => at(
                vocab::TASKS_SHEET,
                self.tasks.get(*i),
                task_col(t[0].header),
            ),
            Place::TaskId(i) => at(
                vocab::TASKS_SHEET,
                self.tasks.get(*i),
                task_col(t[2].header),
            ),
            Place::TaskSection(i) => at(
                vocab::TASKS_SHEET,
                self.tasks.get(*i),
                task_col(t[0].header),
            ),
            Place::TaskTitle(i) => at(
                vocab::TASKS_SHEET,
                self.tasks.get(*i),
                task_col(t[3].header),
            ),
            Place::TaskLeads(i) => at(
                vocab::TASKS_SHEET,
                self.tasks.get(*i),
                task_col(t[5].header),
            ),
            Place::TaskLead { task, lead } => at(
                vocab::TASKS_SHEET,
                self.tasks.get(*task),
                task_col(if *lead == 0 { t[5].header } else { t[6].header }),
            ),
            Place::Figure(i) | Place::FigureId(i) => at(
                vocab::FIGURES_SHEET,
                self.figures.get(*i),
                figure_col(f[0].header),
            ),
            Place::FigureTask(i) => at(
                vocab::FIGURES_SHEET,
                self.figures.get(*i),
                figure_col(f[1].header),
            ),
            Place::FigureOwner(i) => at(
                vocab::FIGURES_SHEET,
                self.figures.get(*i),
                figure_col(f[8].header),
            ),
            Place::Workday(d) => at(vocab::CALENDAR_SHEET, self.workdays.get(d), Some(0)),
            Place::Thresholds => at(
                vocab::THRESHOLDS_SHEET,
                self.threshold_rows.get(vocab::BEHIND_RED),
                Some(1),
            ),
        }
    }
}
