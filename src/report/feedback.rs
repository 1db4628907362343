//! Workbooks returned to departments for correction (退回修改, `merge
//! --feedback`): a first sheet 反馈说明 — the department's problems of the
//! month, errors first, each with where it was and what to do, the rows not
//! taken, and how its tasks and figures will appear to leadership — then its
//! fill-in workbook for the month pre-filled with what it sent, each cell a
//! flag is about filled with the flag's colour and carrying its message as a
//! note ([`template`] with the [`Return`]'s fill). Fixed and sent back, the
//! workbook reads as a submission like any filled-in template: the importer
//! never searches its first sheet for a table (`vocab::EXPLANATION_SHEETS`),
//! whose rows quote sheet names and cells that could pass for headers.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::template;
use super::workbook::light_rgb;
use super::xlsx::{self, Cell};
use crate::flag::Severity;
use crate::import::vocab;
use crate::import::{SheetKind, Unaccepted};
use crate::period::Period;
use crate::plan::Plan;
use crate::summarise::feedback::{Problem, Return, Standing};
use crate::summarise::{Light, Reporting};

/// Name of the first sheet.
pub const SHEET: &str = vocab::FEEDBACK_SHEET;

/// The file name a clerk recognises, e.g. `2025年3月_保护处_反馈单.xlsx`;
/// characters that file systems refuse are replaced by `_`.
pub fn file_name(department: &str, period: Period) -> String {
    let template = template::file_name(department, period);
    let stem = template
        .strip_suffix("_工作要点推进情况表.xlsx")
        .unwrap_or(&template);
    format!("{stem}_反馈单.xlsx")
}

/// The workbook returned to one department, as `.xlsx` bytes.
pub fn render(plan: &Plan, r: &Return) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.push_worksheet(first_sheet(plan, r)?);
    for ws in template::sheets(plan, &r.department, r.period, Some(&r.fill))? {
        wb.push_worksheet(ws);
    }
    let title = format!(
        "{}推进情况反馈单（{}，{}）",
        plan.name,
        r.department,
        r.period.label()
    );
    xlsx::pin_properties(&mut wb, &title, &plan.bureau)?;
    wb.save_to_buffer()
}

/// The sheet's columns; the tables below span them as [`Span`]s say.
const WIDTHS: [f64; 8] = [6.0, 8.0, 14.0, 26.0, 12.0, 9.0, 16.0, 52.0];

/// A table column over the sheet's columns `first..=last`.
struct Span {
    header: &'static str,
    first: u16,
    last: u16,
}

const fn span(header: &'static str, first: u16, last: u16) -> Span {
    Span {
        header,
        first,
        last,
    }
}

/// The problems: one column each.
const PROBLEM_SPANS: [Span; 8] = [
    span("序号", 0, 0),
    span("级别", 1, 1),
    span("问题", 2, 2),
    span("原文件", 3, 3),
    span("工作表", 4, 4),
    span("单元格", 5, 5),
    span("本工作簿中", 6, 6),
    span("问题说明及修改要求", 7, 7),
];

/// The rows not taken.
const REJECTED_SPANS: [Span; 6] = [
    span("序号", 0, 0),
    span("表", 1, 2),
    span("原文件", 3, 3),
    span("工作表", 4, 4),
    span("行号", 5, 5),
    span("内容及未采纳原因", 6, 7),
];

/// The lights.
const LIGHT_SPANS: [Span; 6] = [
    span("序号", 0, 0),
    span("类别", 1, 1),
    span("编号", 2, 2),
    span("名称", 3, 4),
    span("督办灯", 5, 5),
    span("原因", 6, 7),
];

/// The width of a span.
fn width(s: &Span) -> f64 {
    WIDTHS[usize::from(s.first)..=usize::from(s.last)]
        .iter()
        .sum()
}

/// Writes one row of a table: each span's cell, merged over its columns,
/// with a height that shows every text whole.
fn row(
    ws: &mut Worksheet,
    r: u32,
    spans: &[Span],
    cells: &[(Cell, Option<Format>)],
) -> Result<(), XlsxError> {
    for (s, (cell, format)) in spans.iter().zip(cells) {
        let format = format.clone().unwrap_or_else(|| match cell {
            Cell::Text(_) => xlsx::text(),
            _ => xlsx::centred(),
        });
        if s.first != s.last {
            ws.merge_range(r, s.first, r, s.last, "", &format)?;
        }
        xlsx::put_with(ws, r, s.first, cell, Some(&format))?;
    }
    let lines = spans
        .iter()
        .zip(cells)
        .map(|(s, (c, _))| match c {
            Cell::Text(t) | Cell::Centre(t) => xlsx::lines_in(t, width(s)),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(r, xlsx::height(lines))?;
    }
    Ok(())
}

/// Writes a table's header row.
fn header(ws: &mut Worksheet, r: u32, spans: &[Span]) -> Result<(), XlsxError> {
    let cells: Vec<(Cell, Option<Format>)> = spans
        .iter()
        .map(|s| (Cell::centre(s.header), Some(xlsx::header())))
        .collect();
    row(ws, r, spans, &cells)?;
    ws.set_row_height(r, 22).map(|_| ())
}

/// A section heading over the whole width.
fn heading(ws: &mut Worksheet, r: u32, text: &str) -> Result<(), XlsxError> {
    let last = u16::try_from(WIDTHS.len() - 1).unwrap_or(0);
    let f = xlsx::subtitle().set_bold();
    ws.merge_range(r, 0, r, last, text, &f)?;
    ws.set_row_height(r, 24).map(|_| ())
}

/// A line of text over the whole width (`无` under an empty section).
fn line(ws: &mut Worksheet, r: u32, text: &str) -> Result<(), XlsxError> {
    let last = u16::try_from(WIDTHS.len() - 1).unwrap_or(0);
    let f = xlsx::text();
    ws.merge_range(r, 0, r, last, "", &f)?;
    xlsx::write_text(ws, r, 0, text, &f)?;
    let lines = xlsx::lines_in(text, WIDTHS.iter().sum());
    if lines > 1 {
        ws.set_row_height(r, xlsx::height(lines))?;
    }
    Ok(())
}

/// What the department is told first: what was received, what to do.
fn opening(r: &Return) -> String {
    let file = file_name(&r.department, r.period);
    let count = |sev: Severity| {
        r.problems
            .iter()
            .filter(|p| p.flag.severity() == sev)
            .count()
    };
    let check = format!("修改后请运行 workplan check {file} 自查，没有“错误”后报送办公室。");
    match r.reporting {
        Reporting::Missing => format!(
            "截至汇总时，未收到{}{}的推进情况表。本工作簿后面是{}的填报表，请填写后报送；{check}",
            r.department,
            r.period.label(),
            r.period.label()
        ),
        _ => {
            let received = if r.files.is_empty() {
                String::new()
            } else {
                format!("（{}）", r.files.join("、"))
            };
            let late = if r.reporting == Reporting::Late {
                "，已逾期"
            } else {
                ""
            };
            let found = if r.is_clean() {
                "经汇总检查，报送的内容没有需要修改的问题。本工作簿后面是按报送内容预填的填报表，供核对和下月参考。"
                    .to_string()
            } else {
                format!(
                    "经汇总检查，有错误 {} 条、警告 {} 条、提示 {} 条，见下表。本工作簿后面是按报送内容预填的填报表，\
                     需要修改的单元格已标色（红色为错误，黄色为警告，蓝色为提示），鼠标移到单元格上可看批注。{check}",
                    count(Severity::Error),
                    count(Severity::Warning),
                    count(Severity::Info),
                )
            };
            format!(
                "已收到{}{}的报送{received}{late}。{found}",
                r.department,
                r.period.label()
            )
        }
    }
}

/// A problem's row.
fn problem_row(plan: &Plan, r: &Return, i: usize, p: &Problem) -> Vec<(Cell, Option<Format>)> {
    let f = &p.flag;
    let severity = f.severity();
    let cell = match (&f.column, f.row) {
        (Some(c), Some(row)) => format!("{c}{row}"),
        (None, Some(row)) => format!("第{row}行"),
        _ => String::new(),
    };
    let here = p
        .spot
        .as_ref()
        .and_then(|s| template::locate(plan, &r.department, s))
        .map(|c| format!("{} {}{}", c.sheet, c.column, c.row))
        .unwrap_or_default();
    vec![
        (Cell::int(i + 1), None),
        (
            Cell::centre(severity.as_chinese()),
            Some(xlsx::flagged(&xlsx::centred(), severity)),
        ),
        (Cell::centre(f.code.title()), None),
        (Cell::text(f.file.clone().unwrap_or_default()), None),
        (Cell::centre(f.sheet.clone().unwrap_or_default()), None),
        (Cell::centre(cell), None),
        (Cell::centre(here), None),
        (Cell::text(f.message.as_str()), None),
    ]
}

/// A row not taken: where it was, what it held and why.
fn rejected_row(i: usize, u: &Unaccepted) -> Vec<(Cell, Option<Format>)> {
    let values: Vec<String> = u.values.iter().map(|(h, v)| format!("{h}：{v}")).collect();
    let kind = match u.kind {
        SheetKind::Other => "",
        k => k.title(),
    };
    vec![
        (Cell::int(i + 1), None),
        (Cell::centre(kind), None),
        (Cell::text(u.origin.file.to_string()), None),
        (Cell::centre(u.origin.sheet.to_string()), None),
        (Cell::int(u.origin.row as usize), None),
        (
            Cell::text(format!("{}\n未采纳原因：{}", values.join("；"), u.reason)),
            None,
        ),
    ]
}

/// A task's or figure's light.
fn standing_row(i: usize, kind: &str, s: &Standing) -> Vec<(Cell, Option<Format>)> {
    vec![
        (Cell::int(i + 1), None),
        (Cell::centre(kind), None),
        (Cell::centre(s.id.as_str()), None),
        (Cell::text(s.name.as_str()), None),
        (
            Cell::centre(s.light.label()),
            Some(xlsx::centred().set_background_color(Color::RGB(light_rgb(s.light)))),
        ),
        (Cell::text(s.reason.as_str()), None),
    ]
}

/// The 反馈说明 sheet.
fn first_sheet(plan: &Plan, r: &Return) -> Result<Worksheet, XlsxError> {
    let mut ws = xlsx::new_sheet(SHEET)?;
    let heading_text = format!(
        "{}推进情况反馈单（{}，{}）",
        plan.name,
        r.department,
        r.period.label()
    );
    xlsx::titles(&mut ws, &WIDTHS, &heading_text, &opening(r))?;
    xlsx::set_widths(&mut ws, &WIDTHS)?;
    let mut at = xlsx::HEADER_ROW + 1;

    let worst_first = if r.problems.is_empty() {
        String::new()
    } else {
        format!("（{}条，按错误、警告、提示排列）", r.problems.len())
    };
    heading(&mut ws, at, &format!("一、本月的问题{worst_first}"))?;
    at += 1;
    if r.problems.is_empty() {
        line(&mut ws, at, "没有发现问题，不需要修改。")?;
        at += 1;
    } else {
        header(&mut ws, at, &PROBLEM_SPANS)?;
        at += 1;
        for (i, p) in r.problems.iter().enumerate() {
            row(&mut ws, at, &PROBLEM_SPANS, &problem_row(plan, r, i, p))?;
            at += 1;
        }
        let unplaced = r.problems.iter().filter(|p| p.spot.is_none()).count();
        if unplaced > 0 {
            line(
                &mut ws,
                at,
                &format!(
                    "“本工作簿中”为空的 {unplaced} 条问题不在某个单元格上（整个文件的、未采纳的行的或整月的情况），请按说明处理。"
                ),
            )?;
            at += 1;
        }
    }
    at += 1;

    let mut section = 2;
    if !r.rejected.is_empty() {
        heading(
            &mut ws,
            at,
            &format!(
                "{}、未采纳的行（{}行，请在本工作簿相应的表中重新填写）",
                numeral(section),
                r.rejected.len()
            ),
        )?;
        section += 1;
        at += 1;
        header(&mut ws, at, &REJECTED_SPANS)?;
        at += 1;
        for (i, u) in r.rejected.iter().enumerate() {
            row(&mut ws, at, &REJECTED_SPANS, &rejected_row(i, u))?;
            at += 1;
        }
        at += 1;
    }

    heading(
        &mut ws,
        at,
        &format!(
            "{}、督办灯：汇总表中本处室的任务和指标（{}）",
            numeral(section),
            legend()
        ),
    )?;
    at += 1;
    if r.tasks.is_empty() && r.figures.is_empty() {
        line(&mut ws, at, "本处室不牵头重点任务，也不负责指标。")?;
    } else {
        header(&mut ws, at, &LIGHT_SPANS)?;
        at += 1;
        let all = r
            .tasks
            .iter()
            .map(|s| ("任务", s))
            .chain(r.figures.iter().map(|s| ("指标", s)));
        for (i, (kind, s)) in all.enumerate() {
            row(&mut ws, at, &LIGHT_SPANS, &standing_row(i, kind, s))?;
            at += 1;
        }
    }

    xlsx::print_setup(&mut ws, None)?;
    ws.protect();
    Ok(ws)
}

/// 一, 二, 三… for section headings.
fn numeral(n: usize) -> &'static str {
    n.checked_sub(1)
        .and_then(|i| ["一", "二", "三", "四", "五"].get(i))
        .copied()
        .unwrap_or("")
}

/// The lights' meanings in one line.
fn legend() -> String {
    [Light::Red, Light::Yellow, Light::Blue, Light::Green]
        .iter()
        .map(|l| format!("{}：{}", l.label(), l.meaning()))
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Scope;
    use crate::import::sample;

    #[test]
    fn file_names_carry_month_and_department() {
        let p = sample::p("2025-03");
        assert_eq!(file_name("保护处", p), "2025年3月_保护处_反馈单.xlsx");
        assert_eq!(file_name("a/b", p), "2025年3月_a_b_反馈单.xlsx");
    }

    #[test]
    fn every_return_renders_the_same_bytes_twice() {
        let plan = sample::plan();
        let intake = sample::Builder::new("2025-03")
            .task("保护处", 9, None, Some(150.0), "")
            .build();
        let summary = crate::pipeline::run(&plan, sample::p("2025-03"), intake, &[], &Scope::Month);
        let returns = crate::summarise::feedback::returns(&plan, &summary, &[]);
        assert!(returns.len() >= 4);
        for r in &returns {
            let a = render(&plan, r).unwrap();
            assert_eq!(&a[..2], b"PK");
            assert_eq!(a, render(&plan, r).unwrap(), "{}", r.department);
        }
        let missing = returns
            .iter()
            .find(|r| r.department == "发展促进处")
            .unwrap();
        assert!(opening(missing).starts_with("截至汇总时，未收到发展促进处2025年3月"));
    }
}
