//! Rows to records, one function per sheet kind — task reports, figure
//! reports, ledger rows — raising the row-level flags on the way.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::grid::Line;
use super::{NO_DEPARTMENT, Outcome, SheetRun};
use crate::flag::{Code, Flag};
use crate::import::value::{self, MoneyUnit, Suffix, ValueError, squeeze};
use crate::import::vocab::{self, Field};
use crate::import::{
    CellView, Cells, FigureReport, LedgerRef, ReceivedRow, Status, TaskReport, state,
};
use crate::plan::{Figure, FigureKind, LedgerKind, Task};

const UNREPORTED_TASK: &str = "未填写完成状态、完成进度或本月进展，视为未报送该任务";
const UNREPORTED_FIGURE: &str = "未填写本月值、累计值、完成日期或备注，视为未报送该指标";
pub(super) const UNKNOWN_FIGURE: &str = "指标不在工作要点中";

/// What a value column expects, for the hint in a message.
#[derive(Clone, Copy)]
enum Expect<'u> {
    Status,
    Percent,
    Date,
    Number(&'u str),
    Money,
    YesNo,
}

impl Expect<'_> {
    fn hint(self) -> String {
        match self {
            Expect::Status => "请填写未启动、推进中、已完成或滞后。".into(),
            Expect::Percent => "请填写0–100之间的数字（如60）。".into(),
            Expect::Date => "请填写日期（如2025-06-30或2025年6月30日）。".into(),
            Expect::Number(u) if !u.is_empty() => format!("请只填写数字（如3000），单位为{u}。"),
            Expect::Number(_) => "请只填写数字（如3000）。".into(),
            Expect::Money => "请填写金额数字（如500），单位以表头为准。".into(),
            Expect::YesNo => "请填写“是”或“否”。".into(),
        }
    }
}

/// What a flag is about.
#[derive(Clone, Copy)]
enum About<'f> {
    Nothing,
    Task(u32),
    Figure(&'f Figure),
}

fn about(flag: Flag, about: About<'_>) -> Flag {
    match about {
        About::Nothing => flag,
        About::Task(id) => flag.task(id),
        About::Figure(f) => {
            let flag = flag.figure(f.id.clone());
            match f.task {
                Some(t) => flag.task(t),
                None => flag,
            }
        }
    }
}

/// Which figure a row's id cell names.
enum FigureId<'p> {
    Known(&'p Figure),
    /// A plain integer: a 序号 numbering rows, not an id.
    RowNumber,
    Unknown(String),
    Missing,
}

/// A figure value in the plan's unit: money converted through 亿元 (from the
/// cell's or the header's unit), shares as percentages, counts with any
/// `万` multiplier (in the cell, or `万件` in the header).
fn figure_value(
    cell: CellView<'_>,
    fig: &Figure,
    context_unit: Option<&str>,
) -> Result<Option<f64>, ValueError> {
    if let Some(plan_unit) = MoneyUnit::parse(&fig.unit) {
        let unit = context_unit.and_then(MoneyUnit::parse).unwrap_or(plan_unit);
        return Ok(value::money(cell, unit)?.map(|yi| yi * 1e8 / plan_unit.yuan()));
    }
    if fig.unit == "%" && fig.kind != FigureKind::Growth {
        return value::percent(cell);
    }
    let Some(q) = value::quantity(cell)? else {
        return Ok(None);
    };
    if fig.kind == FigureKind::Growth && q.suffix == Suffix::Percent {
        // A growth figure is reported as two counts; the tool computes the
        // rate. The row's 单位 may well say `%` (the plan's unit, as the
        // template shows it): only a value written as a rate is refused.
        return Err(ValueError::Unreadable(value::text(cell).into_owned()));
    }
    let scale = if !q.scaled && context_unit.is_some_and(|u| u.starts_with('万')) {
        1e4
    } else {
        1.0
    };
    Ok(Some(q.value * scale))
}

impl<'a> SheetRun<'a> {
    /// Reports a value that could not be read.
    fn bad_value(
        &mut self,
        r: u32,
        col: u32,
        field: Field,
        err: &ValueError,
        expect: Expect<'_>,
        on: About<'_>,
    ) {
        let name = self.header.short(field);
        let (code, message) = match err {
            ValueError::Formula(f) => (
                Code::FormulaNotCalculated,
                format!(
                    "{name}是公式“={f}”，但文件中没有保存计算结果。请用Excel或WPS打开并保存后再报送，或直接填写数值。"
                ),
            ),
            ValueError::CellError(e) => (
                Code::InvalidValue,
                format!("{name}显示错误值{e}，请修正公式或直接填写。"),
            ),
            ValueError::Unreadable(x) => (
                Code::InvalidValue,
                format!("{name}“{x}”无法识别，{}", expect.hint()),
            ),
            ValueError::OutOfRange(x) => (
                Code::InvalidValue,
                format!("{name}“{x}”超出0–100的范围，{}", expect.hint()),
            ),
        };
        let flag = about(self.flag(code, r, Some(col), message), on);
        self.raise(flag);
    }

    /// Parses a field's cell; an unreadable value is flagged and left empty.
    fn parse<T>(
        &mut self,
        r: u32,
        line: &Line<'_>,
        field: Field,
        expect: Expect<'_>,
        on: About<'_>,
        parse: impl FnOnce(CellView<'_>) -> Result<Option<T>, ValueError>,
    ) -> Option<T> {
        let (col, cell) = self.at(line, field)?;
        match parse(cell) {
            Ok(v) => v,
            Err(e) => {
                self.bad_value(r, col, field, &e, expect, on);
                None
            }
        }
    }

    /// A text field; a formula without a value is flagged and left empty.
    fn text_of<'l>(
        &mut self,
        r: u32,
        line: &Line<'l>,
        field: Field,
        on: About<'_>,
    ) -> Cow<'l, str> {
        let Some((col, cell)) = self.at(line, field) else {
            return Cow::Borrowed("");
        };
        if let CellView::Formula(f) = cell {
            let err = ValueError::Formula(f.to_string());
            self.bad_value(r, col, field, &err, Expect::Number(""), on);
            return Cow::Borrowed("");
        }
        value::text(cell)
    }

    /// The column of each field the header holds, for a report to remember.
    fn cells(&self) -> Cells {
        Cells::new(
            self.header
                .labels
                .iter()
                .filter_map(|l| l.field)
                .filter_map(|f| self.col(f).map(|c| (f, c))),
        )
    }

    /// Whether a field's cell holds something (not blank, `-` or `无`).
    fn has_value(&self, line: &Line<'_>, field: Field) -> bool {
        self.at(line, field).is_some_and(|(_, c)| match c {
            CellView::Text(s) => !value::is_empty_word(s),
            _ => true,
        })
    }

    fn date_of(
        &mut self,
        r: u32,
        line: &Line<'_>,
        field: Field,
        on: About<'_>,
    ) -> Option<NaiveDate> {
        let year = self.ctx.plan.year;
        self.parse(r, line, field, Expect::Date, on, |c| value::date(c, year))
    }

    // ------------------------------------------------------------------ tasks

    /// A task report.
    pub(super) fn task(&mut self, r: u32, line: &Line<'_>) -> Outcome {
        const REPORTED: [Field; 6] = [
            Field::Status,
            Field::Progress,
            Field::ProgressText,
            Field::Actual,
            Field::Problems,
            Field::NextSteps,
        ];
        if !REPORTED.iter().any(|f| self.has_value(line, *f)) {
            return Outcome::Skipped(UNREPORTED_TASK);
        }
        let Some(department) = self.ctx.department else {
            return Outcome::Rejected(NO_DEPARTMENT.to_string());
        };
        let task = match self.identify_task(r, line) {
            Ok(t) => t,
            Err(reason) => return Outcome::Rejected(reason),
        };
        let id = task.id;
        let on = About::Task(id);
        let id_col = self.col(Field::TaskId).or(self.col(Field::TaskTitle));
        let is_lead = task.leads.iter().any(|l| l == department);
        if !is_lead {
            let flag = self.flag(
                Code::NotLead,
                r,
                id_col,
                format!(
                    "第{id}项“{}”的牵头部门为{}，{department}不是牵头部门；本行作为配合进展保留，不计入牵头部门报送。",
                    task.title,
                    task.leads.join("、")
                ),
            );
            self.raise(flag.task(id));
        }

        let status = self.parse(r, line, Field::Status, Expect::Status, on, |c| match c {
            CellView::Text(s) if value::is_empty_word(s) => Ok(None),
            CellView::Text(s) => value::status(s)
                .map(Some)
                .ok_or_else(|| ValueError::Unreadable(s.trim().to_string())),
            CellView::Formula(f) => Err(ValueError::Formula(f.to_string())),
            CellView::Error(e) => Err(ValueError::CellError(e.to_string())),
            other => Err(ValueError::Unreadable(value::text(other).into_owned())),
        });
        let progress = self.parse(r, line, Field::Progress, Expect::Percent, on, |c| {
            value::percent(c)
        });
        let text = self.text_of(r, line, Field::ProgressText, on).into_owned();
        let status_empty = !self.has_value(line, Field::Status);
        let progress_empty = !self.has_value(line, Field::Progress);
        let (status, progress, from_words) =
            self.state_from_words(r, id, &text, status, progress, status_empty, progress_empty);
        let planned = self.date_of(r, line, Field::Planned, on);
        self.planned_from_words(r, id, line, planned);
        let actual = self.date_of(r, line, Field::Actual, on);
        let title = self
            .text_of(r, line, Field::TaskTitle, About::Nothing)
            .into_owned();
        let problems = self.text_of(r, line, Field::Problems, on).into_owned();
        let next_steps = self.text_of(r, line, Field::NextSteps, on).into_owned();
        let note = self.text_of(r, line, Field::Note, on).into_owned();

        if text.is_empty() || value::is_empty_word(&text) {
            let flag = self.flag(
                Code::EmptyProgress,
                r,
                self.col(Field::ProgressText).or(id_col),
                format!("第{id}项任务未填写本月进展，请简要填写本月推进情况。"),
            );
            self.raise(flag.task(id));
        }
        if !from_words {
            self.check_consistency(r, id, status, progress, actual);
        }

        self.out.tasks.push(TaskReport {
            department: department.to_string(),
            task: id,
            title,
            status,
            progress,
            text,
            planned,
            actual,
            problems,
            next_steps,
            note,
            is_lead,
            filled: self.ctx.filled,
            extra: self.extra(line),
            origin: self.origin(r),
            cells: self.cells(),
        });
        Outcome::Accepted
    }

    /// The status and progress of a row that leaves them empty (or has no
    /// column for them), read from its progress text (`import::state`), and
    /// said openly: VALUE_FROM_TEXT (info) at the text's cell quoting the
    /// words, or STATUS_UNCLEAR (warning) when the words say two states.
    /// Returns the status, the progress, and whether either came from words.
    #[allow(clippy::too_many_arguments)]
    fn state_from_words(
        &mut self,
        r: u32,
        id: u32,
        text: &str,
        status: Option<Status>,
        progress: Option<f64>,
        status_empty: bool,
        progress_empty: bool,
    ) -> (Option<Status>, Option<f64>, bool) {
        let col = self.col(Field::ProgressText);
        let text_name = self.header.short(Field::ProgressText);
        let status_name = self.header.short(Field::Status);
        let progress_name = self.header.short(Field::Progress);
        let mut read: Vec<String> = Vec::new();
        let mut quoted: Vec<String> = Vec::new();
        let mut blank: Vec<String> = Vec::new();
        let mut status = status;
        let mut progress = progress;
        if status.is_none() && status_empty {
            match state::status_in(text) {
                state::Said::Clearly(s, words) => {
                    status = Some(s);
                    read.push(format!("{status_name}为“{}”", s.as_str()));
                    quoted.push(words);
                    blank.push(status_name.clone());
                }
                state::Said::Going => {
                    status = Some(Status::InProgress);
                    read.push(format!("{status_name}为“{}”", Status::InProgress.as_str()));
                    blank.push(status_name.clone());
                }
                state::Said::Unclear(found) => {
                    let words: Vec<String> = found.iter().map(|(_, w)| format!("“{w}”")).collect();
                    let states: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
                    let flag = self.flag(
                        Code::StatusUnclear,
                        r,
                        col,
                        format!(
                            "第{id}项任务未填写{status_name}，{text_name}中{}分别像是{}，无法判断。请在{status_name}列填写{}。",
                            words.join("、"),
                            states.join("和"),
                            Status::ALL.map(|s| s.as_str()).join("、")
                        ),
                    );
                    self.raise(flag.task(id));
                }
                state::Said::Nothing => {}
            }
        }
        if progress.is_none()
            && progress_empty
            && let Some((p, words)) = state::progress_in(text)
        {
            progress = Some(p);
            read.push(format!("{progress_name}为{}", crate::text::progress(p)));
            quoted.push(words);
            blank.push(progress_name.clone());
        }
        if read.is_empty() {
            return (status, progress, false);
        }
        let from = if quoted.is_empty() {
            format!("根据{text_name}")
        } else {
            let q: Vec<String> = quoted.iter().map(|w| format!("“{w}”")).collect();
            format!("根据{text_name}中的{}", q.join("、"))
        };
        let flag = self.flag(
            Code::ValueFromText,
            r,
            col,
            format!(
                "第{id}项任务未填写{}，{from}按{}统计。如不准确，请在{}列填写。",
                blank.join("和"),
                read.join("、"),
                blank.join("、")
            ),
        );
        self.raise(flag.task(id));
        (status, progress, true)
    }

    /// VALUE_FROM_TEXT for a planned date written in words only (`全年`,
    /// `上半年`, `三季度`): which day it was counted as.
    fn planned_from_words(&mut self, r: u32, id: u32, line: &Line<'_>, planned: Option<NaiveDate>) {
        let (Some(day), Some((col, CellView::Text(words)))) =
            (planned, self.at(line, Field::Planned))
        else {
            return;
        };
        if !value::is_date_in_words(words) {
            return;
        }
        let name = self.header.short(Field::Planned);
        let message = format!(
            "第{id}项任务{name}“{}”按{}计；如不准确，请填写具体日期。",
            words.trim(),
            crate::text::date(day)
        );
        let flag = self.flag(Code::ValueFromText, r, Some(col), message);
        self.raise(flag.task(id));
    }

    /// STATUS_INCONSISTENT: 已完成 below 100% or without a completion date, or 100% not 已完成.
    ///
    /// Each flag names the cell a clerk must look at: 已完成 below 100% and
    /// 100% not 已完成 point at the 完成状态 cell (the status word is what
    /// contradicts the figure; the message quotes both); 已完成 without a
    /// date points at the empty 实际完成时间 cell, which must be filled.
    /// Without those columns, the flag falls back to the other of status and
    /// progress.
    fn check_consistency(
        &mut self,
        r: u32,
        id: u32,
        status: Option<Status>,
        progress: Option<f64>,
        actual: Option<NaiveDate>,
    ) {
        let status_col = self.col(Field::Status).or(self.col(Field::Progress));
        let mut problems = Vec::new();
        if status == Some(Status::Done) {
            if let Some(p) = progress.filter(|p| *p < 100.0) {
                problems.push((
                    status_col,
                    format!(
                        "完成状态为{}，但完成进度为{}，请核对。",
                        Status::Done.as_str(),
                        crate::text::progress(p)
                    ),
                ));
            }
            if actual.is_none() {
                problems.push((
                    self.col(Field::Actual).or(status_col),
                    "完成状态为已完成，但未填写实际完成时间，请补填。".to_string(),
                ));
            }
        } else if progress.is_some_and(|p| p >= 100.0) {
            let now = match status {
                Some(s) => format!("为“{}”", s.as_str()),
                None => "未填写".to_string(),
            };
            problems.push((
                status_col,
                format!("完成进度为100%，但完成状态{now}；如已完成，请将完成状态改为“已完成”。"),
            ));
        }
        for (col, message) in problems {
            let flag = self.flag(Code::StatusInconsistent, r, col, message);
            self.raise(flag.task(id));
        }
    }

    /// The task a row reports on: by id, else by a title that clearly names
    /// one. Unknown ids and titles are UNKNOWN_TASK and reject the row.
    fn identify_task(&mut self, r: u32, line: &Line<'_>) -> Result<&'a Task, String> {
        let plan = self.ctx.plan;
        let title_at = self.at(line, Field::TaskTitle);
        let title = title_at
            .map(|(_, c)| value::text(c).into_owned())
            .unwrap_or_default();
        let by_title = if title.is_empty() {
            None
        } else {
            self.ctx.titles.task(&title)
        };
        let (mut by_id, mut id_text, mut id_col) = (None, None, None);
        if self.use_task_ids
            && let Some((col, cell)) = self.at(line, Field::TaskId)
        {
            id_col = Some(col);
            if let CellView::Formula(f) = cell {
                let err = ValueError::Formula(f.to_string());
                self.bad_value(
                    r,
                    col,
                    Field::TaskId,
                    &err,
                    Expect::Number(""),
                    About::Nothing,
                );
            } else {
                by_id = value::task_id(cell);
                id_text = Some(value::text(cell).into_owned());
            }
        }
        let title_col = title_at.map(|(c, _)| c);
        let count = plan.tasks.len();
        let known = |id: u32| plan.task(id);
        match (by_id, by_title) {
            (Some(id), t) if known(id).is_some() => {
                let task = known(id).ok_or_else(String::new)?;
                if let Some(other) = t.filter(|t| *t != id).and_then(known) {
                    let flag = self.flag(
                        Code::TitleMismatch,
                        r,
                        title_col.or(id_col),
                        format!(
                            "任务编号为{id}（{}），但任务名称“{title}”对应第{}项（{}）。已按编号第{id}项处理，请核对编号和名称。",
                            task.title, other.id, other.title
                        ),
                    );
                    self.raise(flag.task(id));
                }
                Ok(task)
            }
            (Some(id), Some(t)) => {
                let task = known(t).ok_or_else(String::new)?;
                let flag = self.flag(
                    Code::InvalidValue,
                    r,
                    id_col,
                    format!(
                        "任务编号“{id}”不在工作要点中，已按任务名称对应到第{t}项（{}），请更正任务编号。",
                        task.title
                    ),
                );
                self.raise(flag.task(t));
                Ok(task)
            }
            (Some(id), None) => {
                let flag = self.flag(
                    Code::UnknownTask,
                    r,
                    id_col,
                    format!(
                        "任务编号“{id}”不在工作要点中（共{count}项），本行未采纳。请核对任务编号。"
                    ),
                );
                self.raise(flag);
                Err(format!("任务编号{id}不在工作要点中"))
            }
            (None, Some(t)) => known(t).ok_or_else(String::new),
            (None, None) => {
                let (col, message, reason) = if !title.is_empty() {
                    (
                        title_col,
                        format!(
                            "任务名称“{title}”无法对应到工作要点中的任务，本行未采纳。请填写任务编号（1–{count}）。"
                        ),
                        "任务名称无法对应到工作要点中的任务".to_string(),
                    )
                } else if let Some(x) = id_text.filter(|x| !x.is_empty()) {
                    (
                        id_col,
                        format!(
                            "任务编号“{x}”无法识别，本行未采纳。请填写1–{count}之间的任务编号。"
                        ),
                        format!("任务编号“{x}”无法识别"),
                    )
                } else {
                    (
                        self.col(Field::TaskId).or(self.col(Field::TaskTitle)),
                        format!(
                            "本行填写了进展，但没有任务编号和任务名称，本行未采纳。请填写任务编号（1–{count}）。"
                        ),
                        "未填写任务编号和任务名称".to_string(),
                    )
                };
                let flag = self.flag(Code::UnknownTask, r, col, message);
                self.raise(flag);
                Err(reason)
            }
        }
    }

    // ------------------------------------------------------------------ figures

    /// A figure report.
    pub(super) fn figure(&mut self, r: u32, line: &Line<'_>) -> Outcome {
        const VALUES: [Field; 4] = [
            Field::MonthValue,
            Field::Cumulative,
            Field::LastYear,
            Field::DoneDate,
        ];
        // A note alone ("指南起草中") reports a milestone not yet done.
        let noted = self.has_value(line, Field::Note)
            && (self.has_value(line, Field::FigureId) || self.has_value(line, Field::FigureName));
        if !VALUES.iter().any(|f| self.has_value(line, *f)) && !noted {
            return Outcome::Skipped(UNREPORTED_FIGURE);
        }
        let Some(department) = self.ctx.department else {
            return Outcome::Rejected(NO_DEPARTMENT.to_string());
        };
        let fig = match self.identify_figure(r, line) {
            Ok(f) => f,
            Err(reason) => return Outcome::Rejected(reason),
        };
        let on = About::Figure(fig);
        let row_unit = self
            .at(line, Field::Unit)
            .map(|(_, c)| squeeze(&value::text(c)))
            .filter(|u| !u.is_empty());
        let mut done = self.date_of(r, line, Field::DoneDate, on);
        let (mut month_value, mut cumulative, mut last_year) = (None, None, None);
        if fig.kind == FigureKind::Date {
            // A dated milestone: a date written in a value column is its completion date.
            for f in [Field::Cumulative, Field::MonthValue] {
                if done.is_none() {
                    let year = self.ctx.plan.year;
                    done = self
                        .at(line, f)
                        .and_then(|(_, c)| value::date(c, year).ok().flatten());
                }
            }
        } else {
            for (field, slot) in [
                (Field::MonthValue, &mut month_value),
                (Field::Cumulative, &mut cumulative),
                (Field::LastYear, &mut last_year),
            ] {
                let unit = row_unit
                    .as_deref()
                    .or(self.header.unit(field))
                    .map(str::to_string);
                // A growth figure's values are counts (this year's and last year's).
                let expect = match fig.kind {
                    FigureKind::Growth => {
                        Expect::Number("件（本年累计受理量和上年同期受理量，增长率由系统计算）")
                    }
                    _ => Expect::Number(&fig.unit),
                };
                *slot = self.parse(r, line, field, expect, on, |c| {
                    figure_value(c, fig, unit.as_deref())
                });
            }
        }
        let note = self.text_of(r, line, Field::Note, on).into_owned();
        self.out.figures.push(FigureReport {
            department: department.to_string(),
            figure: fig.id.clone(),
            month_value,
            cumulative,
            last_year,
            done,
            note,
            origin: self.origin(r),
            cells: self.cells(),
        });
        Outcome::Accepted
    }

    /// The figure a row reports: by id (`I4`, `24.1`), else by name; a 序号
    /// holding 1, 2, 3 only numbers the rows.
    fn identify_figure(&mut self, r: u32, line: &Line<'_>) -> Result<&'a Figure, String> {
        let plan = self.ctx.plan;
        let id_at = self.at(line, Field::FigureId);
        let id = match id_at {
            None => FigureId::Missing,
            Some((_, cell)) => match value::figure_id(cell) {
                None => FigureId::Missing,
                Some(s) => match plan.figure(&s) {
                    Some(f) => FigureId::Known(f),
                    None if s.bytes().all(|b| b.is_ascii_digit()) => FigureId::RowNumber,
                    None => FigureId::Unknown(value::text(cell).into_owned()),
                },
            },
        };
        let name_at = self.at(line, Field::FigureName);
        let name = name_at
            .map(|(_, c)| value::text(c).into_owned())
            .unwrap_or_default();
        let by_name = if name.is_empty() {
            None
        } else {
            self.ctx.titles.figure(&name).and_then(|id| plan.figure(id))
        };
        let id_col = id_at.map(|(c, _)| c);
        let name_col = name_at.map(|(c, _)| c);
        match (id, by_name) {
            (FigureId::Known(f), Some(n)) if n.id != f.id => {
                let flag = self.flag(
                    Code::TitleMismatch,
                    r,
                    name_col.or(id_col),
                    format!(
                        "指标编号为{}（{}），但指标名称“{name}”对应{}（{}）。已按编号{}处理，请核对编号和名称。",
                        f.id, f.name, n.id, n.name, f.id
                    ),
                );
                self.raise(about(flag, About::Figure(f)));
                Ok(f)
            }
            (FigureId::Known(f), _) => Ok(f),
            (FigureId::Unknown(x), Some(n)) => {
                let flag = self.flag(
                    Code::InvalidValue,
                    r,
                    id_col,
                    format!(
                        "指标编号“{x}”不在工作要点中，已按指标名称对应到{}（{}），请更正指标编号。",
                        n.id, n.name
                    ),
                );
                self.raise(about(flag, About::Figure(n)));
                Ok(n)
            }
            (_, Some(n)) => Ok(n),
            (FigureId::Unknown(x), None) => {
                let flag = self.flag(
                    Code::InvalidValue,
                    r,
                    id_col,
                    format!("指标“{x}”不在工作要点中，本行未采纳。请核对指标编号（如I4、24.1）或指标名称。"),
                );
                self.raise(flag);
                Err(UNKNOWN_FIGURE.to_string())
            }
            (_, None) => {
                let (col, message) = if name.is_empty() {
                    (
                        id_col.or(self.col(Field::FigureName)),
                        "本行填写了数值，但没有指标编号和指标名称，本行未采纳。请填写指标编号（如I4、24.1）。".to_string(),
                    )
                } else {
                    (
                        name_col,
                        format!(
                            "指标“{name}”不在工作要点中，本行未采纳。请核对指标编号（如I4、24.1）或指标名称。"
                        ),
                    )
                };
                let flag = self.flag(Code::InvalidValue, r, col, message);
                self.raise(flag);
                Err(UNKNOWN_FIGURE.to_string())
            }
        }
    }

    // ------------------------------------------------------------------ ledgers

    /// A ledger row.
    pub(super) fn ledger(&mut self, kind: LedgerKind, r: u32, line: &Line<'_>) -> Outcome {
        let Some(department) = self.shared.department.clone() else {
            return Outcome::Rejected(NO_DEPARTMENT.to_string());
        };
        let key = if self.col(Field::Key).is_some() {
            match self.at(line, Field::Key) {
                Some((col, CellView::Formula(f))) => {
                    let err = ValueError::Formula(f.to_string());
                    self.bad_value(r, col, Field::Key, &err, Expect::Number(""), About::Nothing);
                    None
                }
                Some((_, cell)) => {
                    let k = squeeze(&value::text(cell));
                    (!k.is_empty() && !vocab::EMPTY_WORDS.contains(&k.as_str())).then_some(k)
                }
                None => None,
            }
        } else {
            // No key column (a finance ledger numbered by 序号 only): the deal is its company, date and amount.
            let parts: Vec<String> = [Field::Company, Field::Registered, Field::Amount]
                .iter()
                .filter_map(|f| self.at(line, *f).map(|(_, c)| squeeze(&value::text(c))))
                .collect();
            (!parts.is_empty()).then(|| parts.join("|"))
        };
        let Some(key) = key else {
            let name = self.header.short(Field::Key);
            let flag = self.flag(
                Code::InvalidValue,
                r,
                self.col(Field::Key),
                format!("未填写{name}，本行无法计数，未采纳。请补填{name}。"),
            );
            self.raise(flag);
            return Outcome::Rejected(format!("缺少{name}，无法计数"));
        };

        let counting = vocab::counting_field(kind);
        let year = self.ctx.plan.year;
        let date = match self.col(counting) {
            None => None,
            Some(col) => match self.at(line, counting) {
                Some((col, cell)) => match value::date(cell, year) {
                    Ok(Some(d)) => Some(d),
                    Ok(None) => {
                        self.missing_date(r, col, counting);
                        None
                    }
                    Err(e) => {
                        self.bad_value(r, col, counting, &e, Expect::Date, About::Nothing);
                        None
                    }
                },
                None => {
                    self.missing_date(r, col, counting);
                    None
                }
            },
        };
        if let Some(d) = date {
            let baseline = kind == LedgerKind::Prereview && d.year() == year - 1;
            let after = self.ctx.as_of.is_some_and(|a| d > a);
            if !baseline && (d.year() != year || after) {
                let counting_name = self.header.short(counting);
                let end = self
                    .ctx
                    .as_of
                    .filter(|a| a.year() == year)
                    .or_else(|| NaiveDate::from_ymd_opt(year, 12, 31));
                let end = end.map(|e| e.to_string()).unwrap_or_default();
                let flag = self.flag(
                    Code::DateOutOfRange,
                    r,
                    self.col(counting),
                    format!(
                        "{counting_name}为{d}，不在本期统计范围（{year}-01-01至{end}）内，本行不计入。如日期填错，请更正。"
                    ),
                );
                self.raise(flag);
                return Outcome::Rejected(format!(
                    "{counting_name}{d}不在本期统计范围（{year}-01-01至{end}）内，不计入"
                ));
            }
        }

        let accepted = match kind {
            LedgerKind::Works => self.date_of(r, line, Field::Accepted, About::Nothing),
            LedgerKind::Mediation | LedgerKind::Prereview => date,
            LedgerKind::Finance => None,
        };
        let category = self.text_of(r, line, Field::Category, About::Nothing);
        let result = self.text_of(r, line, Field::Result, About::Nothing);
        let (mut amount, mut pledge, mut fast_track) = (None, false, false);
        match kind {
            LedgerKind::Finance => {
                let unit = self
                    .header
                    .unit(Field::Amount)
                    .and_then(MoneyUnit::parse)
                    .unwrap_or(MoneyUnit::Wan);
                amount = self.parse(r, line, Field::Amount, Expect::Money, About::Nothing, |c| {
                    value::money(c, unit)
                });
                if amount.is_none()
                    && let Some(col) = self.col(Field::Amount)
                    && self.at(line, Field::Amount).is_none()
                {
                    let name = self.header.short(Field::Amount);
                    let flag = self.flag(
                        Code::InvalidValue,
                        r,
                        Some(col),
                        format!("未填写{name}，本行金额不计入合计。请补填{name}。"),
                    );
                    self.raise(flag);
                }
                pledge = vocab::PLEDGE_WORDS.iter().any(|w| category.contains(w));
            }
            LedgerKind::Works => {
                fast_track = self
                    .parse(
                        r,
                        line,
                        Field::FastTrack,
                        Expect::YesNo,
                        About::Nothing,
                        |c| value::yes_no(c),
                    )
                    .unwrap_or(false);
            }
            LedgerKind::Mediation | LedgerKind::Prereview => {}
        }
        if self.ctx.keep {
            let cells = self
                .header
                .labels
                .iter()
                .filter_map(|l| l.field)
                .filter_map(|f| self.at(line, f).map(|(_, cell)| (f, cell.to_cell())))
                .collect();
            self.out.received.push(ReceivedRow {
                kind,
                origin: self.origin(r),
                columns: self.cells(),
                cells,
            });
        }
        self.out.ledgers.add(LedgerRef {
            kind,
            department: &department,
            key: &key,
            date,
            category: &category,
            amount,
            pledge,
            fast_track,
            accepted,
            result: &result,
            file: &self.shared.file,
            sheet: &self.shared.sheet,
            row: r + 1,
        });
        Outcome::Accepted
    }

    fn missing_date(&mut self, r: u32, col: u32, field: Field) {
        let name = self.header.short(field);
        let flag = self.flag(
            Code::InvalidValue,
            r,
            Some(col),
            format!("未填写{name}，本行无法按月统计。请补填{name}。"),
        );
        self.raise(flag);
    }
}
