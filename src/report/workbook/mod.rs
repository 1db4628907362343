//! The consolidated workbook: [`render`] lays out the nine sheets
//! (`docs/workbook.md`) from a [`Summary`] and returns the bytes: 总览
//! ([`overview`]) and the table sheets ([`tables`]); what both show alike
//! (links, lights, labels) is here, how cells are written is the xlsx layer's.
//!
//! Rows that other sheets link to (问题清单 → 进展明细 / 未采纳记录 / 重点任务
//! / 主要指标 / 部门报送) are placed first, in [`Index`], so every link is
//! known before any sheet is written. Every text a department wrote goes
//! through [`Cell::Text`], written as a string (quote-prefixed when it starts
//! like a formula) and clipped to Excel's cell limit; nothing from a user's
//! file can make writing fail.

use std::collections::BTreeMap;

mod overview;
mod tables;

use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, Workbook,
    XlsxError,
};

use super::xlsx::{self, Cell, FIRST_ROW, MAX_ROWS};
use crate::flag::Severity;
use crate::measure::Source;
use crate::plan::FigureKind;
use crate::summarise::{FigureLine, Light, Summary, TaskLine};
use crate::text;

/// Sheet names, in order: part of the contract.
pub const SHEETS: [&str; 9] = [
    OVERVIEW,
    TASKS,
    FIGURES,
    DEPARTMENTS,
    FLAGS,
    TREND,
    LEDGERS,
    DETAILS,
    UNACCEPTED,
];
pub const OVERVIEW: &str = "总览";
pub const TASKS: &str = "重点任务";
pub const FIGURES: &str = "主要指标";
pub const DEPARTMENTS: &str = "部门报送";
pub const FLAGS: &str = "问题清单";
pub const TREND: &str = "月度趋势";
pub const LEDGERS: &str = "台账汇总";
pub const DETAILS: &str = "进展明细";
pub const UNACCEPTED: &str = "未采纳记录";

/// The consolidated workbook as bytes (no I/O). Same summary → byte-identical bytes.
pub fn render(summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let index = Index::new(summary);
    let mut wb = Workbook::new();
    let title = format!(
        "{}推进情况（{}）",
        summary.heading(),
        summary.period.label()
    );
    xlsx::pin_properties(&mut wb, &title, &summary.bureau)?;
    let sheets = [
        overview::sheet(summary, &index)?,
        tables::tasks(summary, &index)?,
        tables::figures(summary, &index)?,
        tables::departments(summary, &index)?,
        tables::flags(summary, &index)?,
        tables::trend(summary)?,
        tables::ledgers(summary)?,
        tables::details(summary, &index)?,
        tables::unaccepted(summary, &index)?,
    ];
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

// ------------------------------------------------------------------ links

/// Where rows land in the sheets that others link to (1-based Excel rows).
#[derive(Debug, Default)]
pub struct Index {
    /// 进展明细: source row → its row.
    pub details: BTreeMap<(String, String, u32), u32>,
    /// 未采纳记录: source row → its row.
    pub unaccepted: BTreeMap<(String, String, u32), u32>,
    /// 重点任务: task id → its row.
    pub tasks: BTreeMap<u32, u32>,
    /// 主要指标: figure id → its row.
    pub figures: BTreeMap<String, u32>,
    /// 部门报送: department → its row.
    pub departments: BTreeMap<String, u32>,
    /// 问题清单: the flags in display order (indices into `summary.flags`).
    pub flag_order: Vec<usize>,
    /// 问题清单: task id → row of its first flag.
    pub first_flag_of_task: BTreeMap<u32, u32>,
    /// 进展明细: task reports then figure reports, in display order
    /// (indices into `task_details`, `figure_details`).
    pub detail_tasks: Vec<usize>,
    pub detail_figures: Vec<usize>,
    /// 未采纳记录: display order (indices into `unaccepted`).
    pub unaccepted_order: Vec<usize>,
}

/// 1-based Excel row of the `i`-th data row of a table sheet.
pub fn excel_row(i: usize) -> u32 {
    FIRST_ROW + 1 + u32::try_from(i).unwrap_or(u32::MAX - FIRST_ROW - 1)
}

impl Index {
    /// Lays out the linked-to sheets' rows for `s`.
    pub fn new(s: &Summary) -> Index {
        let mut ix = Index::default();

        // 进展明细: task reports by task, leads first, then figures in plan order.
        let mut dt: Vec<usize> = (0..s.task_details.len()).collect();
        dt.sort_by(|&a, &b| {
            let (x, y) = (&s.task_details[a], &s.task_details[b]);
            (x.task, !x.is_lead, &x.department, &x.origin).cmp(&(
                y.task,
                !y.is_lead,
                &y.department,
                &y.origin,
            ))
        });
        let figure_pos = |id: &str| s.figures.iter().position(|f| f.figure.id == id);
        let mut df: Vec<usize> = (0..s.figure_details.len()).collect();
        df.sort_by(|&a, &b| {
            let (x, y) = (&s.figure_details[a], &s.figure_details[b]);
            (figure_pos(&x.figure), &x.figure, &x.department, &x.origin).cmp(&(
                figure_pos(&y.figure),
                &y.figure,
                &y.department,
                &y.origin,
            ))
        });
        let origins = dt
            .iter()
            .map(|&i| &s.task_details[i].origin)
            .chain(df.iter().map(|&i| &s.figure_details[i].origin));
        for (i, o) in origins.enumerate().take(MAX_ROWS) {
            ix.details
                .entry((o.file.to_string(), o.sheet.to_string(), o.row))
                .or_insert(excel_row(i));
        }
        ix.detail_tasks = dt;
        ix.detail_figures = df;

        // 未采纳记录: by source position.
        let mut un: Vec<usize> = (0..s.unaccepted.len()).collect();
        un.sort_by(|&a, &b| s.unaccepted[a].origin.cmp(&s.unaccepted[b].origin));
        for (i, &u) in un.iter().enumerate().take(MAX_ROWS) {
            let o = &s.unaccepted[u].origin;
            ix.unaccepted
                .entry((o.file.to_string(), o.sheet.to_string(), o.row))
                .or_insert(excel_row(i));
        }
        ix.unaccepted_order = un;

        for (i, t) in s.tasks.iter().enumerate() {
            ix.tasks.insert(t.id, excel_row(i));
        }
        for (i, f) in s.figures.iter().enumerate() {
            ix.figures.insert(f.figure.id.clone(), excel_row(i));
        }
        for (i, d) in s.departments.iter().enumerate() {
            ix.departments.insert(d.name.clone(), excel_row(i));
        }

        let mut sorted: Vec<(usize, &crate::flag::Flag)> = s.flags.iter().enumerate().collect();
        // Stable: flags that order alike keep the summary's order.
        sorted.sort_by(|(_, a), (_, b)| crate::flag::order(a, b));
        ix.flag_order = sorted.iter().map(|(i, _)| *i).collect();
        for (i, (_, f)) in sorted.iter().enumerate().take(MAX_ROWS) {
            if let Some(t) = f.task {
                ix.first_flag_of_task.entry(t).or_insert(excel_row(i));
            }
        }
        ix
    }

    /// Where a flag's row is shown: the sheet and 1-based row, most specific first.
    pub fn target_of(&self, f: &crate::flag::Flag) -> Option<(&'static str, u32)> {
        if let (Some(file), Some(sheet), Some(row)) = (&f.file, &f.sheet, f.row) {
            let key = (file.clone(), sheet.clone(), row);
            if let Some(&r) = self.details.get(&key) {
                return Some((DETAILS, r));
            }
            if let Some(&r) = self.unaccepted.get(&key) {
                return Some((UNACCEPTED, r));
            }
        }
        if let Some(r) = f.figure.as_ref().and_then(|id| self.figures.get(id)) {
            return Some((FIGURES, *r));
        }
        if let Some(r) = f.task.and_then(|t| self.tasks.get(&t)) {
            return Some((TASKS, *r));
        }
        f.department
            .as_ref()
            .and_then(|d| self.departments.get(d))
            .map(|r| (DEPARTMENTS, *r))
    }
}

/// An internal link to `row` (1-based) of `sheet`.
pub fn link_to(sheet: &str, row: u32, text: &str) -> Cell {
    Cell::Link {
        url: format!("internal:'{sheet}'!A{row}"),
        text: text.to_string(),
    }
}

// ------------------------------------------------------------------ labels

/// `一、抓好重大事项落实`.
pub fn section_label(t: &TaskLine) -> String {
    if t.section_title.is_empty() {
        t.section.clone()
    } else {
        format!("{}、{}", t.section, t.section_title)
    }
}

/// 台账 / 填报 / 无.
pub fn source_label(s: Source) -> &'static str {
    match s {
        Source::Ledger => "台账",
        Source::Reported => "填报",
        Source::None => "无",
    }
}

/// The value of a figure as a cell: a number, or for a dated milestone whether it is done.
pub fn value_cell(f: &FigureLine) -> Cell {
    if f.figure.kind == FigureKind::Date {
        return match f.done {
            Some(d) => Cell::centre(format!("已完成（{}）", text::date(d))),
            None => Cell::centre("未完成"),
        };
    }
    Cell::num(f.value)
}

// ------------------------------------------------------------------ charts

/// The font of chart texts.
pub fn chart_font(size: f64, bold: bool) -> ChartFont {
    let mut f = ChartFont::new();
    f.set_name(xlsx::FONT).set_size(size);
    if bold {
        f.set_bold();
    }
    f
}

/// Titles, axes and legend in the report's font.
pub fn dress(chart: &mut Chart, title: &str) {
    chart
        .title()
        .set_name(title)
        .set_font(&chart_font(11.0, true));
    chart.x_axis().set_font(&chart_font(9.0, false));
    chart.y_axis().set_font(&chart_font(9.0, false));
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&chart_font(9.0, false));
}

/// A solid line of a colour.
pub fn line_format(rgb: u32, dashed: bool) -> ChartFormat {
    let mut line = ChartLine::new();
    line.set_color(rgb).set_width(2.0);
    if dashed {
        line.set_dash_type(ChartLineDashType::Dash);
    }
    let mut f = ChartFormat::new();
    f.set_line(&line);
    f
}

// ------------------------------------------------------------------ colours

/// The fill of a light.
pub fn light_rgb(light: Light) -> u32 {
    match light {
        Light::Red => xlsx::RED,
        Light::Yellow => xlsx::YELLOW,
        Light::Blue => xlsx::BLUE,
        Light::Green => xlsx::GREEN,
    }
}

/// The lights with their fills, for conditional formats.
pub fn light_words() -> Vec<(&'static str, u32)> {
    [Light::Red, Light::Yellow, Light::Blue, Light::Green]
        .into_iter()
        .map(|l| (l.label(), light_rgb(l)))
        .collect()
}

/// Severities with their fills.
pub fn severity_words() -> Vec<(&'static str, u32)> {
    vec![
        (Severity::Error.as_chinese(), xlsx::RED),
        (Severity::Warning.as_chinese(), xlsx::YELLOW),
        (Severity::Info.as_chinese(), xlsx::BLUE),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_a_sheet_row() {
        assert_eq!(
            link_to(DETAILS, 12, "x"),
            Cell::Link {
                url: "internal:'进展明细'!A12".into(),
                text: "x".into()
            }
        );
        assert_eq!(excel_row(0), FIRST_ROW + 1);
    }
}
