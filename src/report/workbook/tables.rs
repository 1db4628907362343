//! The table sheets of the consolidated workbook: one row per task, figure,
//! department, flag, ledger tally, accepted report and unaccepted row, plus
//! the month-by-month trend with its charts.

use std::collections::{BTreeMap, BTreeSet};

use rust_xlsxwriter::{Chart, ChartMarker, ChartMarkerType, ChartType, Worksheet, XlsxError};

use super::*;
use crate::import::{Disposition, FileStatus, Status};
use crate::plan::LedgerKind;
use crate::report::xlsx::{
    self, Cell, FIRST_ROW, HEADER_ROW, col, colour_words, decimals, finish, new_sheet, put,
    row_height, set_widths, simple_sheet, table, titles, widths, write_text,
};
use crate::summarise::{FigureLine, LeadReport, Light, Reporting, Summary, TaskLine, TaskStatus};

/// `【保护处】` before a department's part of a joined text.
fn tag(department: &str) -> String {
    format!("【{department}】")
}

/// A lead's status and progress: `推进中 60%`, or `未报送`.
fn lead_state(r: &LeadReport) -> String {
    match (r.status, r.progress) {
        (None, None) => TaskStatus::NotReported.as_str().to_string(),
        (Some(s), Some(p)) => format!("{} {p:.0}%", s.as_str()),
        (Some(s), None) => s.as_str().to_string(),
        (None, Some(p)) => format!("状态未填 {p:.0}%"),
    }
}

/// One part per report, tagged with its department when there is more than one.
fn joined<'a>(
    reports: impl IntoIterator<Item = (String, &'a LeadReport)>,
    part: impl Fn(&LeadReport) -> String,
) -> String {
    let parts: Vec<(String, String)> = reports
        .into_iter()
        .map(|(label, r)| (label, part(r)))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    if parts.len() == 1 && !parts[0].0.starts_with("【协办") {
        return parts[0].1.clone();
    }
    parts
        .into_iter()
        .map(|(label, p)| format!("{label}{p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A task's reports with their labels: leads, then contributors.
fn labelled(t: &TaskLine) -> Vec<(String, &LeadReport)> {
    t.reports
        .iter()
        .map(|r| (tag(&r.department), r))
        .chain(
            t.contributions
                .iter()
                .map(|r| (format!("【协办·{}】", r.department), r)),
        )
        .collect()
}

/// 重点任务: one row per task.
pub fn tasks(s: &Summary, ix: &Index) -> Result<Worksheet, XlsxError> {
    let columns = [
        col("板块", 10.0, 16.0),
        col("编号", 6.0, 6.0),
        col("重点任务", 16.0, 22.0),
        col("牵头部门", 10.0, 12.0),
        col("各部门状态", 14.0, 24.0),
        col("本月进展", 30.0, 50.0),
        col("存在问题及下步计划", 20.0, 30.0),
        col("综合状态", 9.0, 9.0),
        col("综合进度", 9.0, 9.0),
        col("督办灯", 8.0, 8.0),
        col("问题数", 7.0, 7.0),
    ];
    let rows: Vec<Vec<Cell>> = s
        .tasks
        .iter()
        .map(|t| {
            let reports = labelled(t);
            let states = t
                .reports
                .iter()
                .map(|r| format!("{}{}", tag(&r.department), lead_state(r)))
                .collect::<Vec<_>>()
                .join("\n");
            let text = joined(reports.clone(), |r| r.text.clone());
            let plans = joined(reports, |r| {
                let mut p = Vec::new();
                if !r.problems.is_empty() {
                    p.push(format!("问题：{}", r.problems));
                }
                if !r.next_steps.is_empty() {
                    p.push(format!("下步：{}", r.next_steps));
                }
                p.join("；")
            });
            let flags = match ix.first_flag_of_task.get(&t.id) {
                Some(&row) if t.flag_count > 0 => link_to(FLAGS, row, &t.flag_count.to_string()),
                _ => Cell::int(t.flag_count),
            };
            vec![
                Cell::text(section_label(t)),
                Cell::int(t.id as usize),
                Cell::text(t.title.as_str()),
                Cell::centre(t.leads.join("\n")),
                Cell::text(states),
                Cell::text(text),
                Cell::text(plans),
                Cell::centre(t.status.as_str()),
                Cell::progress(t.progress),
                Cell::centre(t.light.label()),
                flags,
            ]
        })
        .collect();
    let note = format!(
        "截至{}；共{}项任务。综合状态取各牵头部门中最差者，综合进度取最低者；“问题数”可点击跳转至问题清单。",
        text::date(s.as_of),
        s.tasks.len()
    );
    let title = format!("重点任务推进情况（{}）", s.period.label());
    let (mut ws, last) = simple_sheet(TASKS, &title, &note, &columns, &rows, "无任务")?;
    colour_words(&mut ws, FIRST_ROW, last, 9, &light_words())?;
    colour_words(
        &mut ws,
        FIRST_ROW,
        last,
        7,
        &[
            (TaskStatus::NotReported.as_str(), xlsx::RED),
            (TaskStatus::Behind.as_str(), xlsx::RED),
        ],
    )?;
    ws.set_freeze_panes(FIRST_ROW, 3)?;
    Ok(ws)
}

/// 主要指标: one row per indicator and milestone.
pub fn figures(s: &Summary, _ix: &Index) -> Result<Worksheet, XlsxError> {
    let columns = [
        col("编号", 6.0, 7.0),
        col("指标/里程碑", 20.0, 36.0),
        col("类别", 8.0, 12.0),
        col("责任部门", 10.0, 14.0),
        col("单位", 6.0, 10.0),
        col("目标", 10.0, 18.0),
        col("本期值", 10.0, 18.0),
        col("数据来源", 8.0, 8.0),
        col("填报值", 10.0, 14.0),
        col("台账值", 10.0, 14.0),
        col("序时进度", 10.0, 14.0),
        col("完成率", 8.0, 9.0),
        col("督办灯", 8.0, 8.0),
    ];
    let rows: Vec<Vec<Cell>> = s
        .figures
        .iter()
        .map(|f| {
            vec![
                Cell::centre(f.figure.id.as_str()),
                Cell::text(f.figure.name.as_str()),
                Cell::centre(match f.figure.task {
                    Some(t) => format!("任务{t}里程碑"),
                    None => "主要目标".to_string(),
                }),
                Cell::centre(f.figure.owner.as_str()),
                Cell::centre(f.figure.unit.as_str()),
                Cell::centre(f.figure.target_text()),
                value_cell(f),
                Cell::centre(source_label(f.source)),
                Cell::num(f.reported),
                Cell::num(f.ledger),
                Cell::num(f.expected),
                Cell::pct(f.completion),
                Cell::centre(f.light.label()),
            ]
        })
        .collect();
    let note = format!(
        "截至{}，序时进度{:.1}%（累计类指标的序时进度 = 目标 × 月份 ÷ 12）；报送了台账的指标以台账统计值为准。",
        text::date(s.as_of),
        s.period.time_progress() * 100.0
    );
    let title = format!("主要指标完成情况（{}）", s.period.label());
    let (mut ws, last) = simple_sheet(FIGURES, &title, &note, &columns, &rows, "无指标")?;
    colour_words(&mut ws, FIRST_ROW, last, 12, &light_words())?;
    ws.set_freeze_panes(FIRST_ROW, 2)?;
    Ok(ws)
}

/// 部门报送: one row per department, then every file with its row accounting.
pub fn departments(s: &Summary, _ix: &Index) -> Result<Worksheet, XlsxError> {
    let columns = [
        col("部门", 12.0, 22.0),
        col("报送情况", 10.0, 12.0),
        col("填报日期", 11.0, 11.0),
        col("报送文件", 24.0, 44.0),
        col("牵头任务", 8.0, 9.0),
        col("已报任务", 8.0, 9.0),
        col("缺报任务", 8.0, 9.0),
        col("负责指标", 8.0, 9.0),
        col("已报指标", 8.0, 9.0),
        col("错误", 6.0, 8.0),
        col("警告", 6.0, 8.0),
    ];
    let rows: Vec<Vec<Cell>> = s
        .departments
        .iter()
        .map(|d| {
            vec![
                Cell::centre(d.name.as_str()),
                Cell::centre(d.reporting().as_str()),
                Cell::date(d.filled),
                Cell::text(d.files.join("\n")),
                Cell::int(d.tasks_assigned),
                Cell::int(d.tasks_reported),
                Cell::int(d.tasks_assigned.saturating_sub(d.tasks_reported)),
                Cell::int(d.figures_owned),
                Cell::int(d.figures_reported),
                Cell::int(d.errors),
                Cell::int(d.warnings),
            ]
        })
        .collect();
    let submitted = s.departments.iter().filter(|d| d.submitted).count();
    let note = format!(
        "应报部门{}个，已报送{}个；下表列出收到的全部文件及其读取情况（读取行数 = 采纳 + 拒收 + 跳过）。",
        s.departments.len(),
        submitted
    );
    let title = format!("部门报送情况（{}）", s.period.label());

    // The files, below.
    let file_columns = [
        col("文件", 12.0, 22.0),
        col("处理结果", 10.0, 12.0),
        col("部门", 11.0, 11.0),
        col("工作表 / 原因", 24.0, 44.0),
        col("读取行数", 8.0, 9.0),
        col("采纳", 8.0, 9.0),
        col("拒收", 8.0, 9.0),
        col("跳过", 8.0, 9.0),
    ];
    let mut file_rows: Vec<Vec<Cell>> = s
        .inputs
        .iter()
        .map(|f| {
            let status = match f.status {
                FileStatus::Accepted => "已读取",
                FileStatus::Ignored => "已忽略",
                FileStatus::Unreadable => "无法读取",
            };
            let mut parts: Vec<String> = f
                .sheets
                .iter()
                .map(|sh| {
                    let header = sh
                        .header_row
                        .map(|r| format!("，表头第{r}行"))
                        .unwrap_or_default();
                    format!(
                        "「{}」{}{}：读取{}行，采纳{}、拒收{}、跳过{}",
                        sh.name,
                        sh.kind.title(),
                        header,
                        sh.rows_read,
                        sh.accepted,
                        sh.rejected,
                        sh.skipped
                    )
                })
                .collect();
            if let Some(r) = &f.reason {
                parts.push(r.clone());
            }
            let sum = |g: fn(&crate::import::SheetSummary) -> usize| {
                Cell::int(f.sheets.iter().map(g).sum())
            };
            vec![
                Cell::text(f.file.as_str()),
                Cell::centre(status),
                Cell::centre(f.department.clone().unwrap_or_default()),
                Cell::text(parts.join("\n")),
                sum(|x| x.rows_read),
                sum(|x| x.accepted),
                sum(|x| x.rejected),
                sum(|x| x.skipped),
            ]
        })
        .collect();
    let t = &s.totals;
    file_rows.push(vec![
        Cell::text(format!("合计（{}个文件）", t.files)),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::int(t.rows_read),
        Cell::int(t.accepted),
        Cell::int(t.rejected),
        Cell::int(t.skipped),
    ]);
    let a = widths(&columns, &rows);
    let b = widths(&file_columns, &file_rows);
    let merged: Vec<f64> = (0..a.len().max(b.len()))
        .map(|i| {
            a.get(i)
                .copied()
                .unwrap_or(0.0)
                .max(b.get(i).copied().unwrap_or(0.0))
        })
        .collect();
    let mut ws = new_sheet(DEPARTMENTS)?;
    titles(&mut ws, &merged[..columns.len()], &title, &note)?;
    let last = table(&mut ws, HEADER_ROW, &columns, &rows, "无部门", &merged)?;
    colour_words(
        &mut ws,
        FIRST_ROW,
        last,
        1,
        &[
            (Reporting::Missing.as_str(), xlsx::RED),
            (Reporting::Late.as_str(), xlsx::YELLOW),
        ],
    )?;
    let files_top = last + 2;
    write_text(
        &mut ws,
        files_top,
        0,
        "收到的文件",
        &xlsx::subtitle().set_bold(),
    )?;
    let files_last = table(
        &mut ws,
        files_top + 1,
        &file_columns,
        &file_rows,
        "无文件",
        &merged,
    )?;
    colour_words(
        &mut ws,
        files_top + 2,
        files_last,
        1,
        &[("无法读取", xlsx::RED), ("已忽略", xlsx::YELLOW)],
    )?;
    set_widths(&mut ws, &merged)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    if !rows.is_empty() {
        ws.autofilter(HEADER_ROW, 0, last, columns.len() as u16 - 1)?;
    }
    // Two tables with different headers: repeating the departments' header
    // would print it over the files on later pages. The files start a page
    // of their own, under their own header.
    xlsx::print_setup(&mut ws, None)?;
    ws.set_page_breaks(&[files_top])?;
    Ok(ws)
}

/// `任务13`, `I4`, `任务13 / 13.1`.
pub fn subject(task: Option<u32>, figure: Option<&str>) -> String {
    match (task, figure) {
        (Some(t), Some(f)) => format!("任务{t} / {f}"),
        (Some(t), None) => format!("任务{t}"),
        (None, Some(f)) => f.to_string(),
        (None, None) => String::new(),
    }
}

/// 问题清单: one row per flag, errors first, each linked to where its row is shown.
pub fn flags(s: &Summary, ix: &Index) -> Result<Worksheet, XlsxError> {
    let columns = [
        col("序号", 6.0, 7.0),
        col("级别", 6.0, 6.0),
        col("代码", 10.0, 24.0),
        col("问题类型", 10.0, 18.0),
        col("部门", 10.0, 14.0),
        col("任务/指标", 8.0, 14.0),
        col("文件", 14.0, 26.0),
        col("工作表", 8.0, 16.0),
        col("单元格", 7.0, 10.0),
        col("说明", 30.0, 48.0),
        col("对应记录", 12.0, 18.0),
    ];
    let rows: Vec<Vec<Cell>> = ix
        .flag_order
        .iter()
        .enumerate()
        .filter_map(|(n, &i)| s.flags.get(i).map(|f| (n, f)))
        .map(|(n, f)| {
            let cell = match (&f.column, f.row) {
                (Some(c), Some(r)) => format!("{c}{r}"),
                (None, Some(r)) => format!("第{r}行"),
                (Some(c), None) => format!("{c}列"),
                (None, None) => String::new(),
            };
            let target = match ix.target_of(f) {
                Some((sheet, row)) if n < MAX_LINKS => {
                    link_to(sheet, row, &format!("{sheet}第{row}行"))
                }
                Some((sheet, row)) => Cell::centre(format!("{sheet}第{row}行")),
                None => Cell::Empty,
            };
            vec![
                Cell::int(n + 1),
                Cell::centre(f.severity().as_chinese()),
                Cell::centre(f.code.as_str()),
                Cell::centre(f.code.title()),
                Cell::centre(f.department.clone().unwrap_or_default()),
                Cell::centre(subject(f.task, f.figure.as_deref())),
                Cell::text(f.file.clone().unwrap_or_default()),
                Cell::text(f.sheet.clone().unwrap_or_default()),
                Cell::centre(cell),
                Cell::text(f.message.as_str()),
                target,
            ]
        })
        .collect();
    let count = |sev| s.flags.iter().filter(|f| f.severity() == sev).count();
    use super::*;
    use crate::flag::Severity;
    use crate::report::xlsx::{Cell, FIRST_ROW, MAX_LINKS, col, colour_words, simple_sheet};
    let note = format!(
        "共{}条：错误{}条、警告{}条、提示{}条。“对应记录”可点击跳转至该行所在位置。",
        s.flags.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    let title = format!("问题清单（{}）", s.period.label());
    let (mut ws, last) = simple_sheet(FLAGS, &title, &note, &columns, &rows, "本期未发现问题")?;
    colour_words(&mut ws, FIRST_ROW, last, 1, &severity_words())?;
    Ok(ws)
}

/// The periods of the trend, sorted.
fn trend_periods(s: &Summary) -> Vec<String> {
    let set: BTreeSet<&str> = s
        .task_trend
        .iter()
        .map(|t| t.period.as_str())
        .chain(s.figure_trend.iter().map(|p| p.period.as_str()))
        .collect();
    set.into_iter().map(str::to_string).collect()
}

/// 月度趋势: month by month (months across, one row per series): task lights,
/// each indicator's completion against time progress (both charted above the
/// tables), the indicators' values and their time-progress expectations.
pub fn trend(s: &Summary) -> Result<Worksheet, XlsxError> {
    const MONTH_COL: u16 = 3;
    const CHART_ROWS: u32 = 17;
    let mut ws = new_sheet(TREND)?;
    let periods = trend_periods(s);
    let n = periods.len() as u16;
    let mut w = vec![12.0, 30.0, 8.0];
    w.extend(std::iter::repeat_n(10.0, usize::from(n.max(1))));
    let title = format!("月度趋势（截至{}）", s.period.label());
    let note = "上图及表一：各月重点任务督办灯数量；右图及表二：各主要指标完成率（实际值 ÷ 目标）与序时进度；表三、表四：各月指标实际值与序时进度值。以往各月按截至本月收到的全部台账重新统计（含后来补报的记录），可能与当月汇总时的数值略有不同。";
    titles(&mut ws, &w, &title, note)?;
    set_widths(&mut ws, &w)?;

    let points: BTreeMap<(&str, &str), &crate::summarise::TrendPoint> = s
        .figure_trend
        .iter()
        .map(|p| ((p.period.as_str(), p.figure.as_str()), p))
        .collect();
    let charted: Vec<&FigureLine> = s
        .figures
        .iter()
        .filter(|f| s.figure_trend.iter().any(|p| p.figure == f.figure.id))
        .collect();

    // A block: a caption, a header of months, then one row per series.
    let block = |ws: &mut Worksheet,
                 top: u32,
                 caption: &str,
                 rows: &[(Vec<Cell>, Vec<Cell>)]|
     -> Result<u32, XlsxError> {
        write_text(ws, top, 0, caption, &xlsx::subtitle().set_bold())?;
        let header = top + 1;
        for (c, h) in ["编号", "名称", "单位"].iter().enumerate() {
            ws.write_string_with_format(header, c as u16, *h, &xlsx::header())?;
        }
        for (k, p) in periods.iter().enumerate() {
            ws.write_string_with_format(header, MONTH_COL + k as u16, p, &xlsx::header())?;
        }
        let mut last = header;
        for (label, values) in rows {
            last += 1;
            for (c, cell) in label.iter().chain(values).enumerate() {
                put(ws, last, c as u16, cell)?;
            }
            if let Some(h) = row_height(label, &w) {
                ws.set_row_height(last, h)?;
            }
        }
        Ok(last)
    };

    // Table 1: task lights.
    let mut by_period: BTreeMap<&str, &crate::summarise::TaskTrend> = BTreeMap::new();
    for t in &s.task_trend {
        by_period.insert(t.period.as_str(), t);
    }
    type Series = (
        &'static str,
        &'static str,
        fn(&crate::summarise::TaskTrend) -> usize,
    );
    let series: [Series; 6] = [
        ("已报任务", "已报送进展的任务", |t| t.reported),
        ("已完成", "已完成的任务", |t| t.done),
        ("红灯", Light::Red.meaning(), |t| t.red),
        ("黄灯", Light::Yellow.meaning(), |t| t.yellow),
        ("蓝灯", Light::Blue.meaning(), |t| t.blue),
        ("绿灯", Light::Green.meaning(), |t| t.green),
    ];
    let rows1: Vec<(Vec<Cell>, Vec<Cell>)> = series
        .iter()
        .map(|(id, name, get)| {
            let label = vec![Cell::centre(*id), Cell::text(*name), Cell::centre("项")];
            let values = periods
                .iter()
                .map(|p| {
                    by_period
                        .get(p.as_str())
                        .map_or(Cell::Empty, |t| Cell::int(get(t)))
                })
                .collect();
            (label, values)
        })
        .collect();
    let top1 = HEADER_ROW + CHART_ROWS + 1;
    let last1 = block(&mut ws, top1, "表一　重点任务督办灯（项）", &rows1)?;
    colour_words(
        &mut ws,
        top1 + 2,
        last1,
        0,
        &light_words()
            .iter()
            .map(|(l, c)| (*l, *c))
            .collect::<Vec<_>>(),
    )?;

    // Table 2: completion, with time progress first.
    let month_of = |p: &str| {
        p.rsplit('-')
            .next()
            .and_then(|m| m.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let mut rows2 = vec![(
        vec![
            Cell::centre("序时进度"),
            Cell::text("时间进度（月份 ÷ 12）"),
            Cell::centre("%"),
        ],
        periods
            .iter()
            .map(|p| Cell::pct(Some(month_of(p) / 12.0)))
            .collect(),
    )];
    let with_target: Vec<&&FigureLine> = charted
        .iter()
        .filter(|f| f.figure.target.is_some_and(|t| t != 0.0))
        .collect();
    for f in &with_target {
        let values = periods
            .iter()
            .map(|p| {
                let v = points
                    .get(&(p.as_str(), f.figure.id.as_str()))
                    .and_then(|pt| pt.value);
                Cell::pct(v.zip(f.figure.target).map(|(v, t)| v / t))
            })
            .collect();
        rows2.push((
            vec![
                Cell::centre(f.figure.id.as_str()),
                Cell::text(f.figure.name.as_str()),
                Cell::centre("%"),
            ],
            values,
        ));
    }
    let top2 = last1 + 2;
    let last2 = block(
        &mut ws,
        top2,
        "表二　主要指标完成率（实际值 ÷ 目标）",
        &rows2,
    )?;

    // Tables 3 and 4: values and expectations.
    let values_of = |get: fn(&crate::summarise::TrendPoint) -> Option<f64>, only: bool| {
        charted
            .iter()
            .filter(|f| !only || f.figure.kind.is_cumulative())
            .map(|f| {
                let row: Vec<Option<f64>> = periods
                    .iter()
                    .map(|p| {
                        points
                            .get(&(p.as_str(), f.figure.id.as_str()))
                            .and_then(|pt| get(pt))
                            .filter(|v| v.is_finite())
                    })
                    .collect();
                // One format per row, so that months line up (6.10 … 50.50).
                let d = decimals(row.iter().flatten().copied());
                let values = row
                    .iter()
                    .map(|v| v.map_or(Cell::Empty, |v| Cell::Fixed(v, d)))
                    .collect();
                (
                    vec![
                        Cell::centre(f.figure.id.as_str()),
                        Cell::text(f.figure.name.as_str()),
                        Cell::centre(f.figure.unit.as_str()),
                    ],
                    values,
                )
            })
            .collect::<Vec<_>>()
    };
    let rows3 = values_of(|p| p.value, false);
    let top3 = last2 + 2;
    let last3 = block(&mut ws, top3, "表三　各月指标实际值（累计）", &rows3)?;
    let rows4 = values_of(|p| p.expected, true);
    let top4 = last3 + 2;
    block(
        &mut ws,
        top4,
        "表四　各月序时进度值（目标 × 月份 ÷ 12）",
        &rows4,
    )?;

    // Charts above the tables, side by side.
    if n > 0 {
        let months = |row: u32| (TREND, row, MONTH_COL, row, MONTH_COL + n - 1);
        let mut chart = Chart::new(ChartType::Line);
        for (k, rgb) in [
            (2u32, 0xC00000u32),
            (3, 0xE6A100),
            (4, 0x2E75B6),
            (5, 0x548235),
        ] {
            let row = top1 + 2 + k;
            chart
                .add_series()
                .set_name((TREND, row, 0))
                .set_categories(months(top1 + 1))
                .set_values(months(row))
                .set_format(&mut line_format(rgb, false))
                .set_marker(
                    ChartMarker::new()
                        .set_type(ChartMarkerType::Circle)
                        .set_size(6),
                );
        }
        dress(&mut chart, "重点任务督办灯数量（项）");
        chart.set_width(390).set_height(340);
        ws.insert_chart_with_offset(HEADER_ROW, 0, &chart, 4, 4)?;

        let mut chart = Chart::new(ChartType::Line);
        let palette = [
            0x4472C4u32,
            0xED7D31,
            0x7F7F7F,
            0xFFC000,
            0x5B9BD5,
            0x70AD47,
            0x264478,
            0x9E480E,
            0x636363,
            0x997300,
        ];
        for k in 0..with_target.len() {
            let row = top2 + 3 + k as u32;
            chart
                .add_series()
                .set_name((TREND, row, 0))
                .set_categories(months(top2 + 1))
                .set_values(months(row))
                .set_format(&mut line_format(palette[k % palette.len()], false));
        }
        chart
            .add_series()
            .set_name((TREND, top2 + 2, 0))
            .set_categories(months(top2 + 1))
            .set_values(months(top2 + 2))
            .set_format(&mut line_format(0xC00000, true));
        dress(&mut chart, "主要指标完成率与序时进度");
        chart.y_axis().set_num_format("0%");
        chart.set_width(410).set_height(340);
        // Right of the first chart: column D starts at 365 px (widths 12, 30, 8).
        ws.insert_chart_with_offset(HEADER_ROW, MONTH_COL, &chart, 40, 4)?;
    }
    ws.set_freeze_panes(HEADER_ROW, 3)?;
    xlsx::print_setup(&mut ws, None)?;
    Ok(ws)
}

/// 台账汇总: counts and amounts by ledger × month × category, and a month matrix.
pub fn ledgers(s: &Summary) -> Result<Worksheet, XlsxError> {
    let columns = [
        col("台账", 12.0, 14.0),
        col("月份", 9.0, 10.0),
        col("类别", 10.0, 20.0),
        col("件数", 8.0, 12.0),
        col("金额（亿元）", 12.0, 14.0),
    ];
    let mut tallies = s.ledgers.clone();
    tallies.sort_by(|a, b| {
        (a.ledger, &a.period, &a.category).cmp(&(b.ledger, &b.period, &b.category))
    });
    let rows: Vec<Vec<Cell>> = tallies
        .iter()
        .map(|t| {
            vec![
                Cell::centre(t.ledger.title()),
                Cell::centre(t.period.as_str()),
                Cell::text(t.category.as_str()),
                Cell::int(t.count),
                // 亿元 with two decimals throughout.
                t.amount
                    .filter(|v| v.is_finite())
                    .map_or(Cell::Empty, |v| Cell::Fixed(v, 2)),
            ]
        })
        .collect();
    let title = format!("台账汇总（{}）", s.period.label());
    let note = "左表：各台账按月份、类别的件数与金额（重复记录只计一次；日期超出范围的记录不计）；右表：各台账逐月合计。";
    let mut ws = new_sheet(LEDGERS)?;
    let mut w = widths(&columns, &rows);
    let last = table(&mut ws, HEADER_ROW, &columns, &rows, "本期未收到台账", &w)?;

    // The matrix: ledger (and finance amounts) × month, with the year's total.
    let periods: Vec<String> = tallies
        .iter()
        .map(|t| t.period.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !periods.is_empty() {
        let left = columns.len() as u16 + 1;
        ws.write_string_with_format(HEADER_ROW, left, "台账", &xlsx::header())?;
        for (k, p) in periods.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, left + 1 + k as u16, p, &xlsx::header())?;
        }
        let total_col = left + 1 + periods.len() as u16;
        ws.write_string_with_format(HEADER_ROW, total_col, "合计", &xlsx::header())?;
        let kinds: BTreeSet<LedgerKind> = tallies.iter().map(|t| t.ledger).collect();
        let mut r = FIRST_ROW;
        for kind in kinds {
            let mut lines = vec![(format!("{}（件）", kind.title()), false)];
            if tallies
                .iter()
                .any(|t| t.ledger == kind && t.amount.is_some())
            {
                lines.push((format!("{}（亿元）", kind.title()), true));
            }
            for (label, amounts) in lines {
                // Counts whole, 亿元 with two decimals, the same in every month.
                let d = if amounts { 2 } else { 0 };
                write_text(&mut ws, r, left, &label, &xlsx::text())?;
                let mut total = 0.0;
                for (k, p) in periods.iter().enumerate() {
                    let v: f64 = tallies
                        .iter()
                        .filter(|t| t.ledger == kind && &t.period == p)
                        .map(|t| {
                            if amounts {
                                t.amount.unwrap_or(0.0)
                            } else {
                                t.count as f64
                            }
                        })
                        .sum();
                    total += v;
                    put(&mut ws, r, left + 1 + k as u16, &Cell::Fixed(v, d))?;
                }
                put(&mut ws, r, total_col, &Cell::Fixed(total, d))?;
                r += 1;
            }
        }
        w.push(2.0);
        w.push(24.0);
        w.extend(std::iter::repeat_n(10.0, periods.len() + 1));
    }
    titles(&mut ws, &w, &title, note)?;
    set_widths(&mut ws, &w)?;
    finish(&mut ws, columns.len() as u16, last, !rows.is_empty())?;
    Ok(ws)
}

/// 进展明细: every accepted task and figure report with where it came from.
pub fn details(s: &Summary, ix: &Index) -> Result<Worksheet, XlsxError> {
    let columns = [
        col("序号", 6.0, 7.0),
        col("类型", 6.0, 6.0),
        col("报送部门", 10.0, 14.0),
        col("编号", 6.0, 7.0),
        col("名称", 16.0, 30.0),
        col("牵头/协办", 8.0, 9.0),
        col("完成状态", 8.0, 9.0),
        col("完成进度", 8.0, 9.0),
        col("本月进展", 30.0, 50.0),
        col("存在问题", 14.0, 30.0),
        col("下步计划", 14.0, 30.0),
        col("计划完成时间", 11.0, 12.0),
        col("实际完成时间", 11.0, 12.0),
        col("本月值", 10.0, 14.0),
        col("累计值", 10.0, 14.0),
        col("上年同期", 10.0, 14.0),
        col("完成日期", 11.0, 12.0),
        col("备注及其他列", 12.0, 30.0),
        col("来源文件", 14.0, 30.0),
        col("工作表", 8.0, 14.0),
        col("行号", 6.0, 7.0),
    ];
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for &i in &ix.detail_tasks {
        let Some(r) = s.task_details.get(i) else {
            continue;
        };
        let mut note: Vec<String> = Vec::new();
        if !r.note.is_empty() {
            note.push(r.note.clone());
        }
        note.extend(r.extra.iter().map(|(h, v)| format!("{h}：{v}")));
        rows.push(vec![
            Cell::int(rows.len() + 1),
            Cell::centre("任务"),
            Cell::centre(r.department.as_str()),
            Cell::centre(r.task.to_string()),
            Cell::text(r.title.as_str()),
            Cell::centre(if r.is_lead { "牵头" } else { "协办" }),
            Cell::centre(r.status.map(Status::as_str).unwrap_or_default()),
            Cell::progress(r.progress),
            Cell::text(r.text.as_str()),
            Cell::text(r.problems.as_str()),
            Cell::text(r.next_steps.as_str()),
            Cell::date(r.planned),
            Cell::date(r.actual),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(note.join("；")),
            Cell::text(&*r.origin.file),
            Cell::text(&*r.origin.sheet),
            Cell::int(r.origin.row as usize),
        ]);
    }
    for &i in &ix.detail_figures {
        let Some(r) = s.figure_details.get(i) else {
            continue;
        };
        let name = s
            .figures
            .iter()
            .find(|f| f.figure.id == r.figure)
            .map(|f| f.figure.name.clone())
            .unwrap_or_default();
        rows.push(vec![
            Cell::int(rows.len() + 1),
            Cell::centre("指标"),
            Cell::centre(r.department.as_str()),
            Cell::centre(r.figure.as_str()),
            Cell::text(name),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::num(r.month_value),
            Cell::num(r.cumulative),
            Cell::num(r.last_year),
            Cell::date(r.done),
            Cell::text(r.note.as_str()),
            Cell::text(&*r.origin.file),
            Cell::text(&*r.origin.sheet),
            Cell::int(r.origin.row as usize),
        ]);
    }
    let note = format!(
        "本期采纳的全部任务进展{}条、指标填报{}条，均注明来源文件、工作表和行号。",
        s.task_details.len(),
        s.figure_details.len()
    );
    let title = format!("进展明细（{}）", s.period.label());
    let (mut ws, _) = simple_sheet(DETAILS, &title, &note, &columns, &rows, "本期无采纳记录")?;
    ws.set_freeze_panes(FIRST_ROW, 5)?;
    Ok(ws)
}

/// `表头：值` pairs joined; empty cells left out.
pub fn values_text(values: &[(String, String)]) -> String {
    values
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(h, v)| format!("{h}：{v}"))
        .collect::<Vec<_>>()
        .join("；")
}

/// 未采纳记录: every row not accepted, its values and why.
pub fn unaccepted(s: &Summary, ix: &Index) -> Result<Worksheet, XlsxError> {
    let columns = [
        col("序号", 6.0, 7.0),
        col("文件", 14.0, 30.0),
        col("工作表", 8.0, 14.0),
        col("行号", 6.0, 7.0),
        col("部门", 10.0, 14.0),
        col("表格类型", 10.0, 14.0),
        col("处理", 6.0, 6.0),
        col("原因", 16.0, 36.0),
        col("原始内容", 30.0, 70.0),
    ];
    let rows: Vec<Vec<Cell>> = ix
        .unaccepted_order
        .iter()
        .filter_map(|&i| s.unaccepted.get(i))
        .enumerate()
        .map(|(n, u)| {
            vec![
                Cell::int(n + 1),
                Cell::text(&*u.origin.file),
                Cell::text(&*u.origin.sheet),
                Cell::int(u.origin.row as usize),
                Cell::centre(u.department.clone().unwrap_or_default()),
                Cell::centre(u.kind.title()),
                Cell::centre(match u.disposition {
                    Disposition::Rejected => "拒收",
                    Disposition::Skipped => "跳过",
                }),
                Cell::text(u.reason.as_str()),
                Cell::text(values_text(&u.values)),
            ]
        })
        .collect();
    let rejected = s
        .unaccepted
        .iter()
        .filter(|u| u.disposition == Disposition::Rejected)
        .count();
    let note = format!(
        "拒收{}行（含有数据但无法使用，请核对后重新报送），跳过{}行（空行、说明行、分节行）。",
        rejected,
        s.unaccepted.len() - rejected
    );
    let title = format!("未采纳记录（{}）", s.period.label());
    let (mut ws, last) = simple_sheet(
        UNACCEPTED,
        &title,
        &note,
        &columns,
        &rows,
        "本期所有记录均已采纳",
    )?;
    colour_words(&mut ws, FIRST_ROW, last, 6, &[("拒收", xlsx::RED)])?;
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_group_thousands() {
        assert_eq!(text::number(260_000.0), "260,000");
        assert_eq!(text::number(1_234_567.5), "1,234,567.5");
        assert_eq!(text::number(38.6), "38.6");
        assert_eq!(text::number(-1200.25), "-1,200.25");
        assert_eq!(text::number(0.0), "0");
    }

    #[test]
    fn unaccepted_values_leave_out_empty_cells() {
        let values = vec![
            ("编号".to_string(), " ".to_string()),
            ("企业名称".to_string(), "=SUM(A1)".to_string()),
            ("金额".to_string(), "@待定".to_string()),
        ];
        assert_eq!(values_text(&values), "企业名称：=SUM(A1)；金额：@待定");
    }
}
