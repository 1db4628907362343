//! The 填报说明 sheet: how to fill in this department's workbook, what each
//! status means, when and to whom to send it, and to self-check first.

use chrono::Datelike;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::file_name;
use super::sheet::Context;
use crate::import::vocab::{self, Field, TASK_COLUMNS, TASK_REFERENCE_COLUMNS};
use crate::import::{SheetKind, Status};
use crate::plan::{Figure, FigureKind, LedgerKind, Task};
use crate::report::xlsx;

/// Name of the sheet.
pub const SHEET: &str = vocab::GUIDE_SHEET;

const ITEM_WIDTH: f64 = 16.0;
const TEXT_WIDTH: f64 = 80.0;

/// When to choose each status.
fn status_meaning(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "尚未开展实质性工作。一季度过后仍未启动的，汇总时标黄灯。",
        Status::InProgress => "已经启动并按计划推进，尚未全部完成。",
        Status::Done => "任务已全部完成。须同时填写“实际完成时间”，完成进度填 100。",
        Status::Behind => {
            "进度落后于计划，或预计不能按时完成。请在“存在问题”写明原因，在“下步计划”写明措施。汇总时标红灯。"
        }
    }
}

/// The header the vocabulary gives a task field.
fn task_header(field: Field) -> &'static str {
    TASK_COLUMNS
        .iter()
        .find(|c| c.field == field)
        .map(|c| c.name)
        .unwrap_or_default()
}

/// The header of a reference column.
fn reference_header(field: Field) -> &'static str {
    TASK_REFERENCE_COLUMNS
        .iter()
        .find(|c| c.field == field)
        .map(|c| c.name)
        .unwrap_or_default()
}

/// What to say about one ledger beyond the common rules.
fn ledger_note(kind: LedgerKind) -> String {
    let columns = vocab::columns(SheetKind::Ledger(kind));
    let header = |field: Field| {
        columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.name)
            .unwrap_or_default()
    };
    match kind {
        LedgerKind::Works => format!(
            "按{}统计；自贸区快速登记的“{}”填“是”，其余填“否”。",
            header(Field::Issued),
            header(Field::FastTrack)
        ),
        LedgerKind::Mediation => format!(
            "按{}统计本年受理的案件；结案后补填结案日期和调解结果。",
            header(Field::Accepted)
        ),
        LedgerKind::Finance => format!(
            "按{}统计；“{}”从下拉列表选择（{}），金额按表头单位填写，不带单位。",
            header(Field::Registered),
            header(Field::Category),
            vocab::DEAL_TYPES.join("、"),
        ),
        LedgerKind::Prereview => format!(
            "按{}统计；上年同期的预审记录也可一并填写，用于计算增长率。",
            header(Field::Accepted)
        ),
    }
}

/// The guide's lines: (item, text).
fn items(
    ctx: &Context,
    tasks: &[&Task],
    figures: &[&Figure],
    ledgers: &[LedgerKind],
) -> Vec<(String, String)> {
    let p = ctx.period;
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |item: &str, text: String| out.push((item.to_string(), text));

    push(
        "填报范围",
        format!(
            "本表由{}填报{}（截至{}）{}推进情况。填报单位、报送月份已填好，请填写“填报日期”。",
            ctx.department,
            p.label(),
            ctx.example_date(),
            ctx.plan.name
        ),
    );
    push("报送时间", {
        let due = ctx.plan.reporting.due_date(p);
        format!(
            "请于{}年{}月{}日前将本表报送办公室。",
            due.year(),
            due.month(),
            due.day()
        )
    });
    push(
        "报送前自查",
        format!(
            "报送前请运行 workplan check {} 自查，按提示（写明工作表和单元格）修改，没有“错误”后再报送。",
            file_name(ctx.department, p)
        ),
    );
    push(
        "其他报送形式",
        "用本表最方便。也可以用本处室习惯的表格报送：Excel（.xlsx、.xls）、WPS 表格（另存为 .xlsx 更稳妥）、\
         Word 文档中的表格（.docx；旧版 .doc 请另存为 .docx）均可读取，表头写清任务编号或任务名称即可。\
         没有“完成状态”“完成进度”列的，程序从本月进展的文字中判断（如“尚未启动”“进度约40%”），并逐条提示，请核对。"
            .to_string(),
    );
    push(
        "表格结构",
        "不要修改工作表名称和表头（列名），不要插入、删除或合并列，表内不要合并单元格。\
         白色单元格由工作要点预填并已锁定；淡黄色单元格为填报区；灰色单元格不用填写。\
         选中填报单元格会显示填写提示。工作表保护未设密码，可调整行高、列宽。"
            .to_string(),
    );

    if !tasks.is_empty() {
        push(
            SheetKind::Tasks.title(),
            format!(
                "每行一项本处室牵头的重点任务（共{}项），任务编号、名称、牵头部门已预填。\
                 请逐项填写{}、{}、{}；已完成的填{}。",
                tasks.len(),
                task_header(Field::Status),
                task_header(Field::Progress),
                task_header(Field::ProgressText),
                task_header(Field::Actual),
            ),
        );
        for status in Status::ALL {
            push(status.as_str(), status_meaning(status).to_string());
        }
        push(
            task_header(Field::Progress),
            "填 0–100 之间的数字，如 60 表示完成60%，不带%号；已完成填 100。".to_string(),
        );
        push(
            task_header(Field::ProgressText),
            "写明本月做了哪些工作、取得什么成效（事项、数量、时间），不要照抄上月内容；本月没有进展的写明原因。"
                .to_string(),
        );
        push(
            "日期",
            format!(
                "日期填完整日期，如 {} 或 {}。{}已按工作要点预填的不要改动，未预填的可填本处室计划的完成时间。",
                ctx.example_date(),
                ctx.example_date().replace('-', "/"),
                task_header(Field::Planned)
            ),
        );
        if let Some(from) = ctx.fill.and_then(|f| f.carried_from.as_deref()) {
            push(
                "上月内容",
                format!(
                    "本表已按{from}报送的内容预填{}、{}和{}，请按本月实际情况更新。\
                     最右侧的“{}”“{}”两列（灰色）是{from}报送的内容，仅供参考，不用填写，汇总时也不读取。\
                     {}须重新填写本月新做的工作，照抄上月内容的，汇总时列为“进展未更新”。",
                    task_header(Field::Status),
                    task_header(Field::Progress),
                    task_header(Field::Planned),
                    reference_header(Field::LastProgressText),
                    reference_header(Field::LastProblems),
                    task_header(Field::ProgressText),
                ),
            );
        }
    }

    if !figures.is_empty() {
        let mut text = format!(
            "每行一项本处室负责的指标或任务里程碑（共{}项），目标值已预填。\
             本月值填当月数，累计值填本年1月至{}月的累计数。",
            figures.len(),
            p.month
        );
        let level: Vec<&str> = figures
            .iter()
            .filter(|f| f.kind == FigureKind::Level)
            .map(|f| f.name.as_str())
            .collect();
        if !level.is_empty() {
            text.push_str(&format!(
                "{}等水平类指标在累计值中填截至月末的最新值。",
                level.join("、")
            ));
        }
        let growth: Vec<&str> = figures
            .iter()
            .filter(|f| f.kind == FigureKind::Growth)
            .map(|f| f.name.as_str())
            .collect();
        if !growth.is_empty() {
            text.push_str(&format!(
                "{}：累计值填本年累计数量，上年同期填上年1月至{}月的数量，增长率由系统计算，不要填百分比。",
                growth.join("、"),
                p.month
            ));
        }
        if figures.iter().any(|f| f.kind == FigureKind::Date) {
            text.push_str("日期类里程碑完成后填完成日期，未完成留空。");
        }
        if figures.iter().any(|f| f.ledger.is_some()) {
            text.push_str("报送了台账的指标由系统按台账计算，填写的数值将与台账核对。");
        }
        push(SheetKind::Figures.title(), text);
    }

    if !ledgers.is_empty() {
        push(
            "台账",
            "每行一条记录，编号必填且不重复；可只填本月新增记录，也可填写本年全部记录（编号相同的只计一次）。\
             不要加合计、小计行。可从业务系统导出后粘贴（请选择“只粘贴数值”）。"
                .to_string(),
        );
        for kind in ledgers {
            push(kind.title(), ledger_note(*kind));
        }
    }
    push(
        "联系",
        "对任务口径、指标统计有疑问的，请与办公室联系。".to_string(),
    );
    out
}

/// Builds the sheet.
pub(super) fn sheet(
    ctx: &Context,
    tasks: &[&Task],
    figures: &[&Figure],
    ledgers: &[LedgerKind],
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SHEET)?;
    ws.set_column_width(0, ITEM_WIDTH)?;
    ws.set_column_width(1, TEXT_WIDTH)?;
    let f = &ctx.f;
    let title = format!("{}（{}，{}）", SHEET, ctx.department, ctx.period.label());
    ws.merge_range(0, 0, 0, 1, &title, &f.title)?;
    ws.set_row_height(0, 32)?;
    ws.write_string_with_format(1, 0, "事项", &f.header)?;
    ws.write_string_with_format(1, 1, "填报要求", &f.header)?;
    ws.set_row_height(1, 22)?;
    for (i, (item, text)) in items(ctx, tasks, figures, ledgers).iter().enumerate() {
        let r = 2 + u32::try_from(i).unwrap_or(0);
        ws.write_string_with_format(r, 0, item, &f.guide_item)?;
        ws.write_string_with_format(r, 1, text, &f.guide_text)?;
        let lines = xlsx::lines_in(text, TEXT_WIDTH).max(xlsx::lines_in(item, ITEM_WIDTH));
        ws.set_row_height(r, xlsx::height(lines))?;
    }
    crate::report::xlsx::print_setup(&mut ws, Some((1, 1)))?;
    // A page of text reads better upright, on one sheet of paper.
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 1);
    ws.protect();
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Period;
    use crate::plan;

    #[test]
    fn the_guide_says_when_and_what() {
        let plan = plan::load_default().unwrap();
        let ctx = Context::new(&plan, "保护处", Period::new(2025, 3).unwrap());
        let tasks: Vec<&Task> = plan.tasks_led_by("保护处").collect();
        let figures: Vec<&Figure> = plan.figures_owned_by("保护处").collect();
        let ledgers = plan.ledgers_kept_by("保护处");
        let all: String = items(&ctx, &tasks, &figures, &ledgers)
            .into_iter()
            .map(|(a, b)| a + &b)
            .collect();
        assert!(all.contains("2025年4月5日前"));
        assert!(all.contains("办公室"));
        assert!(all.contains("workplan check"));
        for status in Status::ALL {
            assert!(all.contains(status.as_str()), "{status:?}");
        }
        assert!(all.contains("纠纷调解台账"));
        assert!(!all.contains("作品登记台账"));
    }

    #[test]
    fn december_is_due_in_january() {
        let plan = plan::load_default().unwrap();
        let ctx = Context::new(&plan, "办公室", Period::new(2025, 12).unwrap());
        let text: String = items(&ctx, &[], &[], &[])
            .into_iter()
            .map(|(a, b)| a + &b)
            .collect();
        assert!(text.contains("2026年1月5日前"));
    }
}
