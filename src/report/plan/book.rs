//! The plan as a workbook the office edits and prints (the 任务分解表): one
//! sheet per part of the plan (`plan::book`), every cell a clerk fills with
//! a hint, drop-downs for departments, kinds, comparators, ledgers and
//! holiday types, A4 landscape. `import::plan_book` reads it back; the same
//! plan exported and loaded gives the same plan. A draft's rows carry their
//! source sentence and a 待确认 mark in two more columns.

use chrono::NaiveDate;
use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};

use crate::plan::book::{self as vocab, Column, Note, Notes, Row};
use crate::plan::{Calendar, Figure, FigureKind, Plan, calendar};
use crate::report::xlsx::{self, FIRST_ROW, HEADER_ROW, LAST_ROW, Lists};
use crate::text;

/// Fill of a row the office must look at (待确认).
const CONFIRM_FILL: u32 = 0xFFE699;

/// The plan workbook; `notes` mark a draft's rows (empty for a plan as it is).
/// The same plan and notes give the same bytes.
pub fn render(plan: &Plan, notes: &Notes) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    xlsx::pin_properties(&mut wb, &format!("{}任务分解表", plan.name), &plan.bureau)?;
    let mut lists = Lists::default();
    let departments: Vec<&str> = plan.departments.iter().map(|d| d.name.as_str()).collect();
    wb.push_worksheet(info_sheet(plan)?);
    wb.push_worksheet(departments_sheet(plan, notes)?);
    wb.push_worksheet(tasks_sheet(plan, notes, &mut lists, &departments)?);
    wb.push_worksheet(figures_sheet(plan, notes, &mut lists, &departments)?);
    wb.push_worksheet(calendar_sheet(&plan.calendar, &mut lists)?);
    wb.push_worksheet(thresholds_sheet(plan)?);
    if let Some(ws) = lists.into_sheet()? {
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

/// One cell of a list sheet's row.
enum V {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

fn t(s: impl Into<String>) -> V {
    V::Text(s.into())
}

/// Writes a list sheet: title, a note on how to edit, the header, rows;
/// widths fitted, heights set, hints on every column, drop-downs where
/// `drops` names one, print settings. Rows with a [`Note`] get the draft's
/// two columns, the ones to confirm filled.
fn list_sheet(
    name: &str,
    title: &str,
    note: &str,
    columns: &[Column],
    rows: &[(Vec<V>, Option<&Note>)],
    drops: &[(usize, DataValidation)],
) -> Result<Worksheet, XlsxError> {
    let mut ws = xlsx::new_sheet(name)?;
    let drafted = rows.iter().any(|(_, n)| n.is_some());
    let mut headers: Vec<&str> = columns.iter().map(|c| c.header).collect();
    if drafted {
        headers.extend([vocab::SOURCE_HEADER, vocab::CONFIRM_HEADER]);
    }
    let shown = |v: &V| match v {
        V::Text(s) => s.clone(),
        V::Number(x) => text::number(*x),
        V::Date(_) => "2025-12-31".to_string(),
    };
    let mut widths: Vec<f64> = columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let texts: Vec<String> = rows
                .iter()
                .filter_map(|(r, _)| r.get(c).map(shown))
                .collect();
            xlsx::fit_width(
                std::iter::once(col.header).chain(texts.iter().map(String::as_str)),
                col.min,
                col.max,
            )
        })
        .collect();
    if drafted {
        widths.extend([40.0, 16.0]);
    }
    xlsx::titles(&mut ws, &widths, title, note)?;
    xlsx::set_widths(&mut ws, &widths)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &xlsx::header())?;
    }
    if let Some(h) = xlsx::row_height(
        &headers
            .iter()
            .map(|h| xlsx::Cell::centre(*h))
            .collect::<Vec<_>>(),
        &widths,
    ) {
        ws.set_row_height(HEADER_ROW, h)?;
    }

    let confirm = |f: Format| f.set_background_color(rust_xlsxwriter::Color::RGB(CONFIRM_FILL));
    for (i, (cells, note)) in rows.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        let unsure = note.is_some_and(|n| !n.confirm.is_empty());
        let pick = |f: Format| if unsure { confirm(f) } else { f };
        let mut texts: Vec<(String, f64)> = Vec::new();
        for (c, v) in cells.iter().enumerate() {
            let c16 = c as u16;
            // Short columns (ids, kinds, names of departments) read centred.
            let short = columns.get(c).is_some_and(|col| col.max <= 14.0);
            match v {
                V::Text(s) => {
                    let f = if short { xlsx::centred() } else { xlsx::text() };
                    xlsx::write_text(&mut ws, r, c16, s, &pick(f))?;
                    texts.push((s.clone(), widths[c]));
                }
                V::Number(x) => {
                    let f = if short {
                        xlsx::centred()
                    } else {
                        xlsx::number()
                    };
                    let f = pick(f.set_num_format(xlsx::number_format(*x, "")));
                    ws.write_number_with_format(r, c16, *x, &f)?;
                }
                V::Date(d) => {
                    ws.write_datetime_with_format(
                        r,
                        c16,
                        xlsx::excel_date(*d),
                        &pick(xlsx::date()),
                    )?;
                }
            }
        }
        if let Some(n) = note {
            let c = columns.len();
            xlsx::write_text(&mut ws, r, c as u16, &n.source, &pick(xlsx::text()))?;
            xlsx::write_text(&mut ws, r, c as u16 + 1, &n.confirm, &pick(xlsx::text()))?;
            texts.push((n.source.clone(), widths[c]));
            texts.push((n.confirm.clone(), widths[c + 1]));
        }
        let lines = texts
            .iter()
            .map(|(s, w)| xlsx::lines_in(s, *w))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r, xlsx::height(lines))?;
        }
    }

    // Hints on every column down to Excel's last row, so rows the office adds
    // get them too; a drop-down carries its own.
    for (c, col) in columns.iter().enumerate() {
        let c16 = c as u16;
        let v = match drops.iter().find(|(d, _)| *d == c) {
            Some((_, v)) => v.clone(),
            None => xlsx::hint(
                DataValidation::new().allow_any_value(),
                col.header,
                col.hint,
            )?,
        };
        ws.add_data_validation(FIRST_ROW, c16, LAST_ROW, c16, &v)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    xlsx::print_setup(&mut ws, Some((HEADER_ROW, HEADER_ROW)))?;
    Ok(ws)
}

/// A sheet of `label | value | hint` items (基本信息, 阈值).
fn items_sheet(
    name: &str,
    title: &str,
    items: &[(&str, V, &str)],
    value_format: impl Fn(&V) -> Format,
) -> Result<Worksheet, XlsxError> {
    let mut ws = xlsx::new_sheet(name)?;
    let widths = [16.0, 44.0, 60.0];
    xlsx::titles(
        &mut ws,
        &widths,
        title,
        "请在“内容”列填写或修改，“说明”列不必改动。",
    )?;
    xlsx::set_widths(&mut ws, &widths)?;
    for (c, h) in ["项目", "内容", "说明"].iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &xlsx::header())?;
    }
    for (i, (label, value, hint)) in items.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        ws.write_string_with_format(r, 0, *label, &xlsx::centred().set_bold())?;
        match value {
            V::Text(s) => xlsx::write_text(&mut ws, r, 1, s, &value_format(value))?,
            V::Number(x) => {
                ws.write_number_with_format(r, 1, *x, &value_format(value))?;
            }
            V::Date(d) => {
                ws.write_datetime_with_format(r, 1, xlsx::excel_date(*d), &value_format(value))?;
            }
        }
        xlsx::write_text(&mut ws, r, 2, hint, &xlsx::text())?;
        let v = xlsx::hint(DataValidation::new().allow_any_value(), label, hint)?;
        ws.add_data_validation(r, 1, r, 1, &v)?;
        ws.set_row_height(
            r,
            xlsx::height_of([(*hint, widths[2])]).max(xlsx::height(1)),
        )?;
    }
    xlsx::print_setup(&mut ws, None)?;
    Ok(ws)
}

fn info_sheet(plan: &Plan) -> Result<Worksheet, XlsxError> {
    let value = |label: &str| match label {
        vocab::NAME => t(plan.name.as_str()),
        vocab::BUREAU => t(plan.bureau.as_str()),
        vocab::YEAR => V::Number(f64::from(plan.year)),
        vocab::DOCUMENT => t(plan.document.as_str()),
        _ => V::Number(f64::from(plan.reporting.due_day)),
    };
    let items: Vec<(&str, V, &str)> = vocab::INFO_ITEMS
        .iter()
        .map(|(label, hint)| (*label, value(label), *hint))
        .collect();
    items_sheet(
        vocab::INFO_SHEET,
        &format!("{}　基本信息", plan.name),
        &items,
        |v| match v {
            V::Number(_) => xlsx::text().set_num_format("0"),
            _ => xlsx::text(),
        },
    )
}

fn thresholds_sheet(plan: &Plan) -> Result<Worksheet, XlsxError> {
    let th = &plan.thresholds;
    let items: Vec<(&str, V, &str)> = vocab::THRESHOLD_ITEMS
        .iter()
        .map(|(label, hint)| {
            let v = if *label == vocab::BEHIND_RED {
                th.behind_red
            } else {
                th.mismatch
            };
            (*label, V::Number(v), *hint)
        })
        .collect();
    items_sheet(
        vocab::THRESHOLDS_SHEET,
        "督办灯和核对的阈值",
        &items,
        |_| xlsx::text().set_num_format("0.##%"),
    )
}

fn departments_sheet(plan: &Plan, notes: &Notes) -> Result<Worksheet, XlsxError> {
    let rows: Vec<(Vec<V>, Option<&Note>)> = plan
        .departments
        .iter()
        .map(|d| {
            (
                vec![t(d.name.as_str()), t(d.aliases.join("、"))],
                notes.get(&Row::Department(d.name.clone())),
            )
        })
        .collect();
    list_sheet(
        vocab::DEPARTMENTS_SHEET,
        "部门",
        "牵头部门、责任部门只能从这里的部门名称中选；报表中的其他写法列在“其他写法”中，汇总时视为同一部门。",
        &vocab::DEPARTMENT_COLUMNS,
        &rows,
        &[],
    )
}

fn tasks_sheet(
    plan: &Plan,
    notes: &Notes,
    lists: &mut Lists,
    departments: &[&str],
) -> Result<Worksheet, XlsxError> {
    let rows: Vec<(Vec<V>, Option<&Note>)> = plan
        .tasks
        .iter()
        .map(|task| {
            let section = plan.section(&task.section).map_or("", |s| s.title.as_str());
            let (first, more) = match task.leads.split_first() {
                Some((f, m)) => (f.clone(), m.join("、")),
                None => (String::new(), String::new()),
            };
            (
                vec![
                    t(task.section.as_str()),
                    t(section),
                    V::Number(f64::from(task.id)),
                    t(task.title.as_str()),
                    t(task.text.as_str()),
                    t(first),
                    t(more),
                ],
                notes.get(&Row::Task(task.id)),
            )
        })
        .collect();
    let lead = lists.validation(vocab::TASK_COLUMNS[5].header, departments)?;
    let colead = lists
        .validation(vocab::TASK_COLUMNS[6].header, departments)?
        // `保护处、保护中心` may still be typed: a third lead is rare but real.
        .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information);
    list_sheet(
        vocab::TASKS_SHEET,
        &format!("{}任务分解表", plan.name),
        &format!(
            "{}　重点任务{}项。每行一项任务；增删任务时同时修改“指标与节点”中的任务节点。",
            [plan.bureau.as_str(), plan.document.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("　"),
            plan.tasks.len()
        ),
        &vocab::TASK_COLUMNS,
        &rows,
        &[(5, lead), (6, colead)],
    )
}

fn figures_sheet(
    plan: &Plan,
    notes: &Notes,
    lists: &mut Lists,
    departments: &[&str],
) -> Result<Worksheet, XlsxError> {
    // Indicators first, then milestones, each in plan order.
    let ordered = plan
        .figures
        .iter()
        .filter(|f| !f.is_milestone())
        .chain(plan.figures.iter().filter(|f| f.is_milestone()));
    let rows: Vec<(Vec<V>, Option<&Note>)> = ordered
        .map(|f| (figure_row(f), notes.get(&Row::Figure(f.id.clone()))))
        .collect();
    let kinds: Vec<&str> = vocab::KINDS.iter().map(|k| k.as_chinese()).collect();
    let comparators: Vec<&str> = vocab::COMPARATORS.iter().map(|c| c.word()).collect();
    let ledgers: Vec<&str> = vocab::LEDGERS.iter().map(|l| l.title()).collect();
    let derivations: Vec<&str> = vocab::DERIVATIONS.iter().map(|d| d.as_chinese()).collect();
    let c = &vocab::FIGURE_COLUMNS;
    let drops = [
        (3, lists.validation(c[3].header, &kinds)?),
        (4, lists.validation(c[4].header, &comparators)?),
        (8, lists.validation(c[8].header, departments)?),
        (9, lists.validation(c[9].header, &ledgers)?),
        (10, lists.validation(c[10].header, &derivations)?),
    ];
    let indicators = plan.figures.iter().filter(|f| !f.is_milestone()).count();
    list_sheet(
        vocab::FIGURES_SHEET,
        &format!("{}主要指标与任务节点", plan.name),
        &format!(
            "主要指标{indicators}项、任务节点{}项。时间节点只填完成时限；计数节点和指标填比较、目标值和单位。台账和计算方式决定能否由台账统计。",
            plan.figures.len() - indicators
        ),
        &vocab::FIGURE_COLUMNS,
        &rows,
        &drops,
    )
}

fn figure_row(f: &Figure) -> Vec<V> {
    let dated = f.kind == FigureKind::Date;
    vec![
        t(f.id.as_str()),
        f.task
            .map_or_else(|| t(""), |task| V::Number(f64::from(task))),
        t(f.name.as_str()),
        t(f.kind.as_chinese()),
        t(if dated { "" } else { f.comparator.word() }),
        match f.target {
            Some(x) if !dated => V::Number(x),
            _ => t(""),
        },
        t(f.unit.as_str()),
        V::Date(f.due),
        t(f.owner.as_str()),
        t(f.ledger.map_or("", |l| l.ledger.title())),
        t(f.ledger.map_or("", |l| l.derivation.as_chinese())),
    ]
}

fn calendar_sheet(cal: &Calendar, lists: &mut Lists) -> Result<Worksheet, XlsxError> {
    let mut rows: Vec<(Vec<V>, Option<&Note>)> = Vec::new();
    for (days, kind) in [
        (&cal.holidays, vocab::HOLIDAY),
        (&cal.workdays, vocab::WORKDAY),
    ] {
        for (a, b) in calendar::runs(days) {
            let end = if a == b { t("") } else { V::Date(b) };
            rows.push((vec![V::Date(a), end, t(kind), t("")], None));
        }
    }
    rows.sort_by_key(|(cells, _)| match cells.first() {
        Some(V::Date(d)) => Some(*d),
        _ => None,
    });
    let kind = lists.validation(
        vocab::CALENDAR_COLUMNS[2].header,
        &[vocab::HOLIDAY, vocab::WORKDAY],
    )?;
    list_sheet(
        vocab::CALENDAR_SHEET,
        "节假日安排（放假和调休上班）",
        "按国务院办公厅公布的节假日安排填写：放假的日子和周末调休上班的日子。用于计算工作日（如作品登记周期）。",
        &vocab::CALENDAR_COLUMNS,
        &rows,
        &[(2, kind)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load_default;

    #[test]
    fn the_same_plan_gives_the_same_bytes() {
        let plan = load_default().unwrap();
        assert_eq!(
            render(&plan, &Notes::new()).unwrap(),
            render(&plan, &Notes::new()).unwrap()
        );
    }
}
