//! 总览: the leader's one printed page (A4 landscape). Left: the lights at a
//! glance, what is red and why, the indicators against time progress. Right:
//! task status by section and indicator completion as charts, departments'
//! reporting. Bottom: the problems found. The charts' data sits in a block to
//! the right of the print area.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartDataLabelPosition, ChartFormat, ChartMarker, ChartMarkerType,
    ChartPoint, ChartSolidFill, ChartType, Color, Format, FormatAlign, FormatBorder, Worksheet,
    XlsxError,
};

use super::*;
use crate::flag::{Code, Severity};
use crate::measure::Source;
use crate::report::xlsx::{self, Cell, new_sheet, put, put_with, write_text};
use crate::summarise::{FigureLine, Light, Reporting, Summary, TaskLine, TaskStatus};

/// Last column of the left half (G), first and last of the right half (I, N).
const LEFT_END: u16 = 6;
const RIGHT: u16 = 8;
const RIGHT_END: u16 = 13;
/// First column of the chart data block, outside the print area.
const DATA_COL: u16 = 16;
/// Red items listed by name before "另有 N 项".
const MAX_RED: usize = 10;
/// Body row height (points).
const ROW_PT: f64 = 19.0;
/// Strong colours for chart bars, by light.
const INK_RED: u32 = 0xC00000;
const INK_YELLOW: u32 = 0xE6A100;
const INK_BLUE: u32 = 0x2E75B6;
const INK_GREEN: u32 = 0x548235;

fn ink(light: Light) -> u32 {
    match light {
        Light::Red => INK_RED,
        Light::Yellow => INK_YELLOW,
        Light::Blue => INK_BLUE,
        Light::Green => INK_GREEN,
    }
}

fn section_format() -> Format {
    Format::new()
        .set_font_name(xlsx::FONT)
        .set_font_size(12)
        .set_bold()
        .set_align(FormatAlign::VerticalCenter)
        .set_border_bottom(FormatBorder::Medium)
        .set_border_bottom_color(Color::RGB(0x1F4E79))
        .set_font_color(Color::RGB(0x1F4E79))
}

fn big_number() -> Format {
    xlsx::base()
        .set_align(FormatAlign::Center)
        .set_font_size(14)
        .set_bold()
}

/// Writes `text` merged over columns `first..=last` of `row`.
fn span(
    ws: &mut Worksheet,
    row: u32,
    first: u16,
    last: u16,
    cell: &Cell,
    format: &Format,
) -> Result<(), XlsxError> {
    if last > first {
        ws.merge_range(row, first, row, last, "", format)?;
    }
    put_with(ws, row, first, cell, Some(format))
}

/// 总览.
pub fn sheet(s: &Summary, ix: &Index) -> Result<Worksheet, XlsxError> {
    let mut ws = new_sheet(OVERVIEW)?;
    ws.set_screen_gridlines(false);
    for (c, w) in [7.0, 34.0, 12.0, 13.0, 13.0, 9.0, 8.0, 2.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    for c in RIGHT..=RIGHT_END {
        ws.set_column_width(c, 11.0)?;
    }

    // Title and as-of line.
    let title = format!("{}推进情况（{}）", s.heading(), s.period.label());
    ws.merge_range(
        0,
        0,
        0,
        RIGHT_END,
        &xlsx::clip(&title),
        &xlsx::title().set_font_size(18),
    )?;
    ws.set_row_height(0, 34)?;
    let submitted = s.departments.iter().filter(|d| d.submitted).count();
    let t = &s.totals;
    let ignored = s
        .inputs
        .iter()
        .filter(|i| i.status == crate::import::FileStatus::Ignored)
        .count();
    let files = if ignored > 0 {
        format!(
            "报送文件{}个（另忽略{ignored}个非报送文件）",
            t.files - ignored
        )
    } else {
        format!("报送文件{}个", t.files)
    };
    let sub = format!(
        "截至{}　｜　序时进度 {:.1}%　｜　应报部门{}个，已报送{}个　｜　{files}，读取{}行：采纳{}、拒收{}、跳过{}",
        text::date(s.as_of),
        s.period.time_progress() * 100.0,
        s.departments.len(),
        submitted,
        text::number(t.rows_read as f64),
        text::number(t.accepted as f64),
        text::number(t.rejected as f64),
        text::number(t.skipped as f64)
    );
    ws.merge_range(
        1,
        0,
        1,
        RIGHT_END,
        &sub,
        &xlsx::subtitle().set_align(FormatAlign::Center),
    )?;
    ws.set_row_height(1, 20)?;
    ws.set_row_height(2, 6)?;

    let mut heights: BTreeMap<u32, f64> = BTreeMap::new();
    let left_end = left(&mut ws, s, ix, &mut heights)?;
    let right_end = right(&mut ws, s, &mut heights)?;
    let bottom = left_end.max(right_end) + 2;
    heights.insert(bottom - 1, 8.0);
    let last = problems(&mut ws, s, bottom, &mut heights)?;
    for r in 3..=last {
        let h = heights.get(&r).copied().unwrap_or(ROW_PT);
        ws.set_row_height(r, h)?;
    }
    chart_data(&mut ws, s)?;

    xlsx::print_setup(&mut ws, None)?;
    ws.set_print_fit_to_pages(1, 1);
    ws.set_print_center_vertically(true);
    ws.set_print_area(0, 0, last, RIGHT_END)?;
    Ok(ws)
}

/// Left half: lights, red items, indicators. Returns the last row used.
fn left(
    ws: &mut Worksheet,
    s: &Summary,
    ix: &Index,
    heights: &mut BTreeMap<u32, f64>,
) -> Result<u32, XlsxError> {
    let sec = section_format();
    let mut r = 3;
    span(ws, r, 0, LEFT_END, &Cell::text("一、督办灯总体情况"), &sec)?;

    // The light table.
    r += 1;
    heights.insert(r, 32.0);
    span(ws, r, 0, 1, &Cell::centre("类别"), &xlsx::header())?;
    let lights = [Light::Red, Light::Yellow, Light::Blue, Light::Green];
    for (k, l) in lights.iter().enumerate() {
        let f = xlsx::header().set_background_color(Color::RGB(light_rgb(*l)));
        let label = format!("{}\n{}", l.label(), l.meaning());
        ws.write_string_with_format(r, 2 + k as u16, label, &f)?;
    }
    ws.write_string_with_format(r, LEFT_END, "合计", &xlsx::header())?;
    let task_lights: Vec<Light> = s.tasks.iter().map(|t| t.light).collect();
    let indicator_lights: Vec<Light> = s
        .figures
        .iter()
        .filter(|f| f.figure.task.is_none())
        .map(|f| f.light)
        .collect();
    let milestone_lights: Vec<Light> = s
        .figures
        .iter()
        .filter(|f| f.figure.task.is_some())
        .map(|f| f.light)
        .collect();
    let indicator_ids: Vec<&str> = s
        .figures
        .iter()
        .filter(|f| f.figure.task.is_none())
        .map(|f| f.figure.id.as_str())
        .collect();
    let indicator_label = match (indicator_ids.first(), indicator_ids.last()) {
        (Some(a), Some(b)) if a != b => format!("主要指标（{a}–{b}）"),
        _ => "主要指标".to_string(),
    };
    for (label, set) in [
        ("重点任务".to_string(), &task_lights),
        (indicator_label, &indicator_lights),
        ("任务里程碑".to_string(), &milestone_lights),
    ] {
        r += 1;
        heights.insert(r, 24.0);
        span(
            ws,
            r,
            0,
            1,
            &Cell::centre(label),
            &xlsx::centred().set_bold(),
        )?;
        for (k, l) in lights.iter().enumerate() {
            let n = set.iter().filter(|x| *x == l).count();
            let mut f = big_number();
            if n > 0 {
                f = f
                    .set_background_color(Color::RGB(light_rgb(*l)))
                    .set_font_color(Color::RGB(ink(*l)));
            }
            ws.write_number_with_format(r, 2 + k as u16, n as f64, &f)?;
        }
        ws.write_number_with_format(r, LEFT_END, set.len() as f64, &big_number())?;
    }

    // Red items.
    r += 2;
    let red_tasks: Vec<&TaskLine> = s.tasks.iter().filter(|t| t.light == Light::Red).collect();
    let red_figures: Vec<&FigureLine> =
        s.figures.iter().filter(|f| f.light == Light::Red).collect();
    let red_count = red_tasks.len() + red_figures.len();
    span(
        ws,
        r,
        0,
        LEFT_END,
        &Cell::text(format!("二、红灯事项（{red_count}项，请重点督办）")),
        &sec,
    )?;
    r += 1;
    for (c, h) in [(0u16, "编号"), (1, "事项")] {
        ws.write_string_with_format(r, c, h, &xlsx::header())?;
    }
    span(ws, r, 2, 4, &Cell::centre("情况"), &xlsx::header())?;
    span(
        ws,
        r,
        5,
        LEFT_END,
        &Cell::centre("责任部门"),
        &xlsx::header(),
    )?;
    let red_id = xlsx::centred().set_background_color(Color::RGB(xlsx::RED));
    let mut items: Vec<(Cell, String, String, String)> = Vec::new();
    for t in &red_tasks {
        let id = match ix.tasks.get(&t.id) {
            Some(&row) => link_to(TASKS, row, &format!("任务{}", t.id)),
            None => Cell::centre(format!("任务{}", t.id)),
        };
        items.push((id, t.title.clone(), t.reason.clone(), t.leads.join("、")));
    }
    for f in &red_figures {
        let id = match ix.figures.get(&f.figure.id) {
            Some(&row) => link_to(FIGURES, row, &f.figure.id),
            None => Cell::centre(f.figure.id.as_str()),
        };
        items.push((
            id,
            f.figure.name.clone(),
            f.reason.clone(),
            f.figure.owner.clone(),
        ));
    }
    if items.is_empty() {
        r += 1;
        span(
            ws,
            r,
            0,
            LEFT_END,
            &Cell::centre("本期无红灯事项"),
            &xlsx::centred(),
        )?;
    }
    for (id, name, reason, owner) in items.iter().take(MAX_RED) {
        r += 1;
        let lines = [
            xlsx::text_width(name).div_ceil(32),
            xlsx::text_width(reason).div_ceil(36),
            xlsx::text_width(owner).div_ceil(16),
        ]
        .into_iter()
        .max()
        .unwrap_or(1)
        .max(1);
        if lines > 1 {
            heights.insert(r, 15.0 * lines as f64 + 4.0);
        }
        put_with(ws, r, 0, id, Some(&red_id))?;
        put(ws, r, 1, &Cell::text(name.as_str()))?;
        span(ws, r, 2, 4, &Cell::text(reason.as_str()), &xlsx::text())?;
        span(
            ws,
            r,
            5,
            LEFT_END,
            &Cell::centre(owner.as_str()),
            &xlsx::centred(),
        )?;
    }
    if items.len() > MAX_RED {
        r += 1;
        let more = format!(
            "另有{}项红灯事项，详见「重点任务」「主要指标」工作表。",
            items.len() - MAX_RED
        );
        span(ws, r, 0, LEFT_END, &Cell::text(more), &xlsx::text())?;
    }
    // Yellow, in one line.
    let yellow_tasks: Vec<String> = s
        .tasks
        .iter()
        .filter(|t| t.light == Light::Yellow)
        .map(|t| t.id.to_string())
        .collect();
    let yellow_figures: Vec<&str> = s
        .figures
        .iter()
        .filter(|f| f.light == Light::Yellow)
        .map(|f| f.figure.id.as_str())
        .collect();
    if !yellow_tasks.is_empty() || !yellow_figures.is_empty() {
        r += 1;
        let mut parts = Vec::new();
        if !yellow_tasks.is_empty() {
            parts.push(format!("任务{}", yellow_tasks.join("、")));
        }
        if !yellow_figures.is_empty() {
            parts.push(format!("指标{}", yellow_figures.join("、")));
        }
        let text = format!("黄灯（未达序时进度）：{}", parts.join("；"));
        let lines = xlsx::text_width(&text).div_ceil(108).max(1);
        if lines > 1 {
            heights.insert(r, 15.0 * lines as f64 + 4.0);
        }
        span(
            ws,
            r,
            0,
            LEFT_END,
            &Cell::text(text),
            &xlsx::text().set_background_color(Color::RGB(xlsx::YELLOW)),
        )?;
    }

    // Indicators.
    r += 2;
    span(
        ws,
        r,
        0,
        LEFT_END,
        &Cell::text(format!(
            "三、主要指标完成情况（序时进度 {:.1}%）",
            s.period.time_progress() * 100.0
        )),
        &sec,
    )?;
    r += 1;
    for (c, h) in [
        "编号",
        "指标",
        "目标",
        "本期值",
        "序时进度值",
        "完成率",
        "督办灯",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &xlsx::header())?;
    }
    for f in s.figures.iter().filter(|f| f.figure.task.is_none()) {
        r += 1;
        if xlsx::text_width(&f.figure.name) > 32 {
            heights.insert(r, 34.0);
        }
        put(ws, r, 0, &Cell::centre(f.figure.id.as_str()))?;
        put(ws, r, 1, &Cell::text(f.figure.name.as_str()))?;
        put(ws, r, 2, &Cell::centre(f.figure.target_text()))?;
        let value_format = xlsx::base()
            .set_align(FormatAlign::Right)
            .set_num_format(xlsx::number_format(f.value.unwrap_or(0.0), &f.figure.unit));
        match (value_cell(f), f.source) {
            (Cell::Num(v), _) => {
                ws.write_number_with_format(r, 3, v, &value_format)?;
            }
            (_, Source::None) => {
                write_text(
                    ws,
                    r,
                    3,
                    Reporting::Missing.as_str(),
                    &xlsx::centred().set_font_color(Color::RGB(INK_RED)),
                )?;
            }
            (other, _) => put(ws, r, 3, &other)?,
        }
        match f.expected {
            Some(e) => {
                let fmt = xlsx::base()
                    .set_align(FormatAlign::Right)
                    .set_num_format(xlsx::number_format(e, &f.figure.unit));
                ws.write_number_with_format(r, 4, e, &fmt)?;
            }
            None => put(ws, r, 4, &Cell::centre("—"))?,
        }
        put(ws, r, 5, &Cell::pct(f.completion))?;
        let light = xlsx::centred().set_background_color(Color::RGB(light_rgb(f.light)));
        write_text(ws, r, 6, f.light.label(), &light)?;
        let _ = source_label(f.source);
    }
    Ok(r)
}

/// Right half: the two charts and departments' reporting. Returns the last row used.
fn right(
    ws: &mut Worksheet,
    s: &Summary,
    heights: &mut BTreeMap<u32, f64>,
) -> Result<u32, XlsxError> {
    let sec = section_format();
    let px = |rows: u32| (f64::from(rows) * ROW_PT * 4.0 / 3.0).round() as u32;
    let width_px = (11.0 * 7.0 + 5.0) as u32 * u32::from(RIGHT_END - RIGHT + 1);

    let mut r = 3;
    // A titled chart over 11 rows; rows of the left half that are taller
    // than usual make the chart taller too.
    let titled_chart = |ws: &mut Worksheet, r: &mut u32, title: &str, mut chart: Chart| {
        span(ws, *r, RIGHT, RIGHT_END, &Cell::text(title), &sec)?;
        *r += 1;
        let chart_rows = 11;
        let extra: f64 = (*r..*r + chart_rows)
            .map(|x| heights.get(&x).copied().unwrap_or(ROW_PT) - ROW_PT)
            .sum();
        chart
            .set_width(width_px)
            .set_height(px(chart_rows) + (extra * 4.0 / 3.0) as u32 - 4);
        ws.insert_chart_with_offset(*r, RIGHT, &chart, 2, 2)?;
        *r += chart_rows;
        Ok::<(), XlsxError>(())
    };
    titled_chart(ws, &mut r, "四、各板块重点任务状态", section_chart(s))?;
    titled_chart(
        ws,
        &mut r,
        "五、主要指标完成率与序时进度（柱色即督办灯）",
        completion_chart(s),
    )?;

    // Departments.
    span(
        ws,
        r,
        RIGHT,
        RIGHT_END,
        &Cell::text("六、部门报送情况"),
        &sec,
    )?;
    r += 1;
    span(
        ws,
        r,
        RIGHT,
        RIGHT + 1,
        &Cell::centre("部门"),
        &xlsx::header(),
    )?;
    for (c, h) in ["报送情况", "任务报送", "错误", "警告"].iter().enumerate() {
        ws.write_string_with_format(r, RIGHT + 2 + c as u16, *h, &xlsx::header())?;
    }
    for d in &s.departments {
        r += 1;
        span(
            ws,
            r,
            RIGHT,
            RIGHT + 1,
            &Cell::centre(d.name.as_str()),
            &xlsx::centred(),
        )?;
        let reporting = d.reporting();
        let label = reporting.as_str();
        let fill = match reporting {
            Reporting::Missing => Some(xlsx::RED),
            Reporting::Late => Some(xlsx::YELLOW),
            Reporting::OnTime => None,
        };
        let mut f = xlsx::centred();
        if let Some(rgb) = fill {
            f = f.set_background_color(Color::RGB(rgb)).set_bold();
        }
        write_text(ws, r, RIGHT + 2, label, &f)?;
        put(
            ws,
            r,
            RIGHT + 3,
            &Cell::centre(format!("{}/{}", d.tasks_reported, d.tasks_assigned)),
        )?;
        let err = if d.errors > 0 {
            xlsx::centred()
                .set_font_color(Color::RGB(INK_RED))
                .set_bold()
        } else {
            xlsx::centred()
        };
        ws.write_number_with_format(r, RIGHT + 4, d.errors as f64, &err)?;
        ws.write_number_with_format(r, RIGHT + 5, d.warnings as f64, &xlsx::centred())?;
    }
    Ok(r)
}

/// The bottom line: flags by severity and the commonest problems.
fn problems(
    ws: &mut Worksheet,
    s: &Summary,
    top: u32,
    heights: &mut BTreeMap<u32, f64>,
) -> Result<u32, XlsxError> {
    let mut r = top;
    span(
        ws,
        r,
        0,
        RIGHT_END,
        &Cell::text(format!(
            "七、问题概况（共{}条，详见「问题清单」）",
            s.flags.len()
        )),
        &section_format(),
    )?;
    r += 1;
    let count = |sev| s.flags.iter().filter(|f| f.severity() == sev).count();
    let cells = [
        (Severity::Error, xlsx::RED, 0, 1, "须整改"),
        (Severity::Warning, xlsx::YELLOW, 2, 3, "请核实"),
        (Severity::Info, xlsx::BLUE, 4, LEFT_END, "请关注"),
    ];
    for (sev, rgb, first, last, hint) in cells {
        let f = xlsx::centred()
            .set_bold()
            .set_font_size(12)
            .set_background_color(Color::RGB(rgb));
        let n = count(sev);
        let text = if n == 0 {
            format!("{} 0 条", sev.as_chinese())
        } else {
            format!("{} {} 条（{}）", sev.as_chinese(), n, hint)
        };
        span(ws, r, first, last, &Cell::centre(text), &f)?;
    }
    let mut by_code: BTreeMap<Code, usize> = BTreeMap::new();
    for f in &s.flags {
        *by_code.entry(f.code).or_default() += 1;
    }
    let mut top_codes: Vec<(Code, usize)> = by_code.into_iter().collect();
    top_codes.sort_by(|a, b| {
        (a.0.severity(), std::cmp::Reverse(a.1), a.0).cmp(&(
            b.0.severity(),
            std::cmp::Reverse(b.1),
            b.0,
        ))
    });
    let text = top_codes
        .iter()
        .take(6)
        .map(|(c, n)| format!("{}{}条", c.title(), n))
        .collect::<Vec<_>>()
        .join("、");
    let text = if text.is_empty() {
        "本期未发现问题".to_string()
    } else {
        format!("主要问题：{text}")
    };
    let lines = xlsx::text_width(&text).div_ceil(64).max(1);
    heights.insert(r, (15.0 * lines as f64 + 6.0).max(26.0));
    span(ws, r, RIGHT, RIGHT_END, &Cell::text(text), &xlsx::text())?;
    Ok(r)
}

/// Where the chart data block starts (0-based row) and its two tables' rows.
const DATA_TOP: u32 = 3;

/// The sections in plan order.
fn sections(s: &Summary) -> Vec<(String, Vec<&TaskLine>)> {
    let mut out: Vec<(String, Vec<&TaskLine>)> = Vec::new();
    for t in &s.tasks {
        match out.iter_mut().find(|(id, _)| *id == t.section) {
            Some((_, v)) => v.push(t),
            None => out.push((t.section.clone(), vec![t])),
        }
    }
    out
}

const STATUSES: [(TaskStatus, u32); 5] = [
    (TaskStatus::Done, INK_GREEN),
    (TaskStatus::InProgress, 0x5B9BD5),
    (TaskStatus::NotStarted, 0xFFC000),
    (TaskStatus::Behind, 0xFF7C80),
    (TaskStatus::NotReported, INK_RED),
];

/// The indicators charted: those with a target.
fn charted(s: &Summary) -> Vec<&FigureLine> {
    s.figures
        .iter()
        .filter(|f| f.figure.task.is_none() && f.figure.target.is_some())
        .collect()
}

/// Writes the data the charts reference, right of the print area.
fn chart_data(ws: &mut Worksheet, s: &Summary) -> Result<(), XlsxError> {
    let c0 = DATA_COL;
    let note = xlsx::subtitle().set_italic();
    write_text(
        ws,
        DATA_TOP - 1,
        c0,
        "图表数据（供左侧图表引用，不打印）",
        &note,
    )?;
    // Sections × statuses.
    ws.write_string_with_format(DATA_TOP, c0, "板块", &xlsx::header())?;
    for (k, (st, _)) in STATUSES.iter().enumerate() {
        ws.write_string_with_format(DATA_TOP, c0 + 1 + k as u16, st.as_str(), &xlsx::header())?;
    }
    let secs = sections(s);
    for (i, (_, tasks)) in secs.iter().enumerate() {
        let r = DATA_TOP + 1 + i as u32;
        let label = tasks.first().map(|t| section_label(t)).unwrap_or_default();
        write_text(ws, r, c0, &label, &xlsx::text())?;
        for (k, (st, _)) in STATUSES.iter().enumerate() {
            let n = tasks.iter().filter(|t| t.status == *st).count();
            let cell = if n == 0 { Cell::Empty } else { Cell::int(n) };
            put(ws, r, c0 + 1 + k as u16, &cell)?;
        }
    }
    // Indicators × (completion, time progress).
    let top = completion_top(s);
    for (k, h) in ["指标", "完成率", "序时进度"].iter().enumerate() {
        ws.write_string_with_format(top, c0 + k as u16, *h, &xlsx::header())?;
    }
    for (i, f) in charted(s).iter().enumerate() {
        let r = top + 1 + i as u32;
        write_text(ws, r, c0, &f.figure.id, &xlsx::centred())?;
        put(ws, r, c0 + 1, &Cell::pct(f.completion))?;
        let expected = f
            .expected
            .zip(f.figure.target)
            .filter(|(_, t)| *t != 0.0)
            .map(|(e, t)| e / t);
        put(ws, r, c0 + 2, &Cell::pct(expected))?;
    }
    ws.set_column_width(c0, 24.0)?;
    Ok(())
}

fn completion_top(s: &Summary) -> u32 {
    DATA_TOP + sections(s).len() as u32 + 3
}

fn solid(rgb: u32) -> ChartFormat {
    let mut fill = ChartSolidFill::new();
    fill.set_color(rgb);
    let mut f = ChartFormat::new();
    f.set_solid_fill(&fill);
    f
}

/// Stacked columns: sections 一…六 × consolidated status.
fn section_chart(s: &Summary) -> Chart {
    let mut chart = Chart::new(ChartType::ColumnStacked);
    let n = sections(s).len() as u32;
    let (first, last) = (DATA_TOP + 1, DATA_TOP + n.max(1));
    let mut label = ChartDataLabel::new();
    label
        .show_value()
        .set_position(ChartDataLabelPosition::Center);
    for (k, (_, rgb)) in STATUSES.iter().enumerate() {
        let c = DATA_COL + 1 + k as u16;
        chart
            .add_series()
            .set_name((OVERVIEW, DATA_TOP, c))
            .set_categories((OVERVIEW, first, DATA_COL, last, DATA_COL))
            .set_values((OVERVIEW, first, c, last, c))
            .set_format(&mut solid(*rgb))
            .set_data_label(&label)
            .set_gap(60);
    }
    dress(&mut chart, "各板块任务状态（项）");
    chart.title().set_hidden();
    let mut font = chart_font(8.0, false);
    font.set_rotation(0);
    chart.x_axis().set_font(&font);
    chart.y_axis().set_major_unit(1).set_num_format("0");
    chart
}

/// Columns of completion per indicator, coloured by light, with time progress as markers.
fn completion_chart(s: &Summary) -> Chart {
    let figures = charted(s);
    let top = completion_top(s);
    let (first, last) = (top + 1, top + (figures.len() as u32).max(1));
    let mut chart = Chart::new(ChartType::Column);
    let points: Vec<ChartPoint> = figures
        .iter()
        .map(|f| ChartPoint::new().set_format(&mut solid(ink(f.light))))
        .collect();
    // Labels at the foot of the bars, clear of the time-progress marks.
    let mut font = chart_font(8.0, true);
    font.set_color(0xFFFFFF);
    let mut label = ChartDataLabel::new();
    label
        .show_value()
        .set_num_format("0%")
        .set_font(&font)
        .set_position(ChartDataLabelPosition::InsideBase);
    chart
        .add_series()
        .set_name((OVERVIEW, top, DATA_COL + 1))
        .set_categories((OVERVIEW, first, DATA_COL, last, DATA_COL))
        .set_values((OVERVIEW, first, DATA_COL + 1, last, DATA_COL + 1))
        .set_format(&mut solid(0x8EA9DB))
        .set_points(&points)
        .set_data_label(&label)
        .set_gap(80);
    let mut progress = Chart::new(ChartType::Line);
    let mut marker = ChartMarker::new();
    marker
        .set_type(ChartMarkerType::LongDash)
        .set_size(16)
        .set_format(&mut solid(0x000000));
    let mut no_line = ChartFormat::new();
    no_line.set_no_line();
    progress
        .add_series()
        .set_name((OVERVIEW, top, DATA_COL + 2))
        .set_categories((OVERVIEW, first, DATA_COL, last, DATA_COL))
        .set_values((OVERVIEW, first, DATA_COL + 2, last, DATA_COL + 2))
        .set_format(&mut no_line)
        .set_marker(&marker);
    chart.combine(&progress);
    dress(&mut chart, "完成率与序时进度");
    chart.title().set_hidden();
    chart.legend().delete_entries(&[0]);
    chart.y_axis().set_num_format("0%").set_min(0);
    chart
}
