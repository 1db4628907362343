//! The printable 任务分解表: the plan as a workbook. Sheet `任务分解表` has one
//! row per task (section, id, title, full text, leads, its milestones with
//! due dates); sheet `指标与节点` one row per indicator and milestone. Pure:
//! plan in, bytes out; the caller writes the file.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::plan::{Figure, FigureKind, Plan};
use crate::report::xlsx;
use crate::text;

/// Name of the tasks sheet.
pub const TASKS_SHEET: &str = "任务分解表";
/// Name of the figures sheet.
pub const FIGURES_SHEET: &str = "指标与节点";

/// Header of the tasks sheet (row 3 in Excel).
pub const TASK_HEADERS: [&str; 6] = [
    "板块",
    "序号",
    "重点任务",
    "工作内容",
    "牵头部门",
    "节点目标及完成时限",
];

/// Header of the figures sheet (row 2 in Excel).
pub const FIGURE_HEADERS: [&str; 10] = [
    "编号",
    "所属任务",
    "名称",
    "类型",
    "比较",
    "目标值",
    "单位",
    "完成时限",
    "责任部门",
    "数据来源",
];

/// The 任务分解表 workbook of `plan`; the same plan gives the same bytes.
pub fn render(plan: &Plan) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    xlsx::pin_properties(&mut wb, &format!("{}任务分解表", plan.name), &plan.bureau)?;
    tasks_sheet(wb.add_worksheet(), plan)?;
    figures_sheet(wb.add_worksheet(), plan)?;
    wb.save_to_buffer()
}

/// Points per line of 11-point text, with the cell's padding on top.
const LINE_HEIGHT: f64 = 14.5;
const ROW_PADDING: f64 = 6.0;

/// The height (points) a row needs so that each cell's text, wrapped at its
/// column's width, shows whole. Set explicitly because LibreOffice and WPS
/// do not grow rows for wrapped text in a file they did not write.
fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(text, width)| {
            // As xlsx::fit_width sizes a column: 1.1 units per display column, plus 2.
            let usable = (width - 2.0).max(1.0);
            text.lines()
                .map(|l| {
                    ((xlsx::text_width(l) as f64 * 1.1) / usable)
                        .ceil()
                        .max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    lines * LINE_HEIGHT + ROW_PADDING
}

/// `（一）抓好重大事项落实`, as the plan prints a section heading.
fn section_label(plan: &Plan, id: &str) -> String {
    match plan.section(id) {
        Some(s) => format!("（{}）{}", s.id, s.title),
        None => id.to_string(),
    }
}

/// One line per milestone of a task: `2.1 …（2025-03-31前）`, with the target
/// for a count milestone.
fn milestone_lines(plan: &Plan, task: u32) -> String {
    plan.figures
        .iter()
        .filter(|f| f.task == Some(task))
        .map(|f| {
            let target = if f.kind == FigureKind::Date {
                String::new()
            } else {
                format!("：{}", text::goal(f))
            };
            format!("{} {}{target}（{}前）", f.id, f.name, text::date(f.due))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn tasks_sheet(ws: &mut Worksheet, plan: &Plan) -> Result<(), XlsxError> {
    ws.set_name(TASKS_SHEET)?;
    let last_col = (TASK_HEADERS.len() - 1) as u16;
    let milestones = plan.figures.iter().filter(|f| f.is_milestone()).count();

    ws.set_row_height(0, 30)?;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}任务分解表", plan.name),
        &xlsx::title(),
    )?;
    let mut byline = vec![plan.bureau.clone()];
    if !plan.document.is_empty() {
        byline.push(plan.document.clone());
    }
    byline.push(format!(
        "重点任务{}项，任务节点{}项",
        plan.tasks.len(),
        milestones
    ));
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &byline.join("　"),
        &xlsx::subtitle().set_align(FormatAlign::Center),
    )?;

    let header = xlsx::header();
    for (c, h) in TASK_HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &header)?;
    }

    let text = xlsx::text();
    let centred = xlsx::centred();
    let mut row = 3u32;
    let mut rows: Vec<[String; 6]> = Vec::new();
    // Tasks grouped by section in plan order; a section's cells merge down.
    let mut start = 0;
    while start < plan.tasks.len() {
        let section = &plan.tasks[start].section;
        let end = plan.tasks[start..]
            .iter()
            .position(|t| &t.section != section)
            .map_or(plan.tasks.len(), |n| start + n);
        let label = section_label(plan, section);
        let first = row;
        for t in &plan.tasks[start..end] {
            let cells = [
                label.clone(),
                t.id.to_string(),
                t.title.clone(),
                t.text.clone(),
                t.leads.join("、"),
                milestone_lines(plan, t.id),
            ];
            ws.write_number_with_format(row, 1, t.id, &centred)?;
            ws.write_string_with_format(row, 2, &cells[2], &text)?;
            ws.write_string_with_format(row, 3, &cells[3], &text)?;
            ws.write_string_with_format(row, 4, &cells[4], &centred)?;
            ws.write_string_with_format(row, 5, &cells[5], &text)?;
            rows.push(cells);
            row += 1;
        }
        if row - first > 1 {
            ws.merge_range(first, 0, row - 1, 0, &label, &centred)?;
        } else {
            ws.write_string_with_format(first, 0, &label, &centred)?;
        }
        start = end;
    }
    ws.merge_range(
        row,
        0,
        row,
        last_col,
        &format!(
            "报送时限：各处室每月情况于次月{}日前报送；任务节点未写明时限的，以年底为限。",
            plan.reporting.due_day
        ),
        &xlsx::subtitle(),
    )?;

    let limits: [(f64, f64); 6] = [
        (10.0, 14.0),
        (6.0, 6.0),
        (14.0, 24.0),
        (60.0, 60.0),
        (10.0, 16.0),
        (30.0, 44.0),
    ];
    let mut widths = [0.0; 6];
    for (c, (min, max)) in limits.iter().enumerate() {
        let texts = std::iter::once(TASK_HEADERS[c]).chain(rows.iter().map(|r| r[c].as_str()));
        widths[c] = xlsx::fit_width(texts, *min, *max);
        ws.set_column_width(c as u16, widths[c])?;
    }
    // The section column is merged down, so it does not set a row's height.
    for (i, cells) in rows.iter().enumerate() {
        let height = row_height(
            cells
                .iter()
                .zip(widths)
                .skip(1)
                .map(|(t, w)| (t.as_str(), w)),
        );
        ws.set_row_height(3 + i as u32, height)?;
    }
    ws.set_freeze_panes(3, 0)?;
    xlsx::print_setup(ws, Some((2, 2)))?;
    Ok(())
}

/// The number format of a target: no decimals for a whole number (Excel
/// shows `105.` for `#,##0.##`).
fn target_format(x: f64) -> Format {
    let format = if x.fract() == 0.0 {
        "#,##0"
    } else {
        "#,##0.##"
    };
    xlsx::number().set_num_format(format)
}

fn source_text(f: &Figure) -> String {
    match f.ledger {
        Some(l) => format!("{}，{}", l.ledger.title(), l.derivation.as_chinese()),
        None => "处室报送".to_string(),
    }
}

fn figures_sheet(ws: &mut Worksheet, plan: &Plan) -> Result<(), XlsxError> {
    ws.set_name(FIGURES_SHEET)?;
    let last_col = (FIGURE_HEADERS.len() - 1) as u16;
    ws.set_row_height(0, 30)?;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}主要指标与任务节点", plan.name),
        &xlsx::title(),
    )?;
    let header = xlsx::header();
    for (c, h) in FIGURE_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &header)?;
    }

    let text = xlsx::text();
    let centred = xlsx::centred();
    let date = xlsx::date();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let ordered = plan
        .figures
        .iter()
        .filter(|f| !f.is_milestone())
        .chain(plan.figures.iter().filter(|f| f.is_milestone()));
    for (i, f) in ordered.enumerate() {
        let row = 2 + i as u32;
        let dated = f.kind == FigureKind::Date;
        // Ids stay text: `24.10` must not become the number 24.1.
        ws.write_string_with_format(row, 0, &f.id, &centred)?;
        match f.task {
            Some(t) => ws.write_number_with_format(row, 1, t, &centred)?,
            None => ws.write_blank(row, 1, &centred)?,
        };
        ws.write_string_with_format(row, 2, &f.name, &text)?;
        ws.write_string_with_format(row, 3, f.kind.as_chinese(), &centred)?;
        let target = f.target.filter(|_| !dated);
        let compare = match target {
            Some(_) => text::comparator(f.comparator),
            None => "按期完成",
        };
        ws.write_string_with_format(row, 4, compare, &centred)?;
        match target {
            Some(t) => ws.write_number_with_format(row, 5, t, &target_format(t))?,
            None => ws.write_blank(row, 5, &centred)?,
        };
        ws.write_string_with_format(row, 6, &f.unit, &centred)?;
        let due = ExcelDateTime::from_ymd(
            u16::try_from(chrono::Datelike::year(&f.due)).unwrap_or(9999),
            chrono::Datelike::month(&f.due) as u8,
            chrono::Datelike::day(&f.due) as u8,
        )?;
        ws.write_datetime_with_format(row, 7, &due, &date)?;
        ws.write_string_with_format(row, 8, &f.owner, &centred)?;
        ws.write_string_with_format(row, 9, source_text(f), &text)?;
        rows.push(vec![
            f.id.clone(),
            f.task.map(|t| t.to_string()).unwrap_or_default(),
            f.name.clone(),
            f.kind.as_chinese().to_string(),
            compare.to_string(),
            target.map(text::number).unwrap_or_default(),
            f.unit.clone(),
            f.due.to_string(),
            f.owner.clone(),
            source_text(f),
        ]);
    }

    let limits: [(f64, f64); 10] = [
        (6.0, 8.0),
        (6.0, 10.0),
        (24.0, 44.0),
        (8.0, 12.0),
        (6.0, 12.0),
        (8.0, 12.0),
        (6.0, 12.0),
        (12.0, 14.0),
        (10.0, 16.0),
        (14.0, 30.0),
    ];
    let mut widths = [0.0; 10];
    for (c, (min, max)) in limits.iter().enumerate() {
        let texts = std::iter::once(FIGURE_HEADERS[c]).chain(rows.iter().map(|r| r[c].as_str()));
        widths[c] = xlsx::fit_width(texts, *min, *max);
        ws.set_column_width(c as u16, widths[c])?;
    }
    for (i, cells) in rows.iter().enumerate() {
        let height = row_height(cells.iter().zip(widths).map(|(t, w)| (t.as_str(), w)));
        ws.set_row_height(2 + i as u32, height)?;
    }
    ws.set_freeze_panes(2, 0)?;
    xlsx::print_setup(ws, Some((1, 1)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load_default;

    #[test]
    fn the_same_plan_gives_the_same_bytes() {
        let plan = load_default().unwrap();
        let a = render(&plan).unwrap();
        let b = render(&plan).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, b);
    }

    #[test]
    fn rows_grow_with_wrapped_text() {
        let one = row_height([("保护处", 10.0)]);
        assert_eq!(one, LINE_HEIGHT + ROW_PADDING);
        let long = "知".repeat(40);
        // 40 CJK characters (88 units with the margin) in a 24-unit column: 4 lines.
        assert_eq!(
            row_height([(long.as_str(), 24.0), ("x", 6.0)]),
            4.0 * LINE_HEIGHT + ROW_PADDING
        );
        assert_eq!(
            row_height([("a\nb\nc", 10.0)]),
            3.0 * LINE_HEIGHT + ROW_PADDING
        );
    }

    #[test]
    fn milestones_are_listed_under_their_task() {
        let plan = load_default().unwrap();
        let lines = milestone_lines(&plan, 24);
        assert!(lines.starts_with("24.1 理论学习中心组学习：不少于 15 次（2025年12月31日前）"));
        assert_eq!(lines.lines().count(), 4);
        assert!(milestone_lines(&plan, 2).contains("（2025年3月31日前）"));
        assert_eq!(milestone_lines(&plan, 19), "");
        assert_eq!(section_label(&plan, "三"), "（三）提升知识产权治理能力");
    }
}
