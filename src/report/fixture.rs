//! A month as the pipeline makes it, for the report's tests: June 2025 of
//! the default plan, with May before it (trends, stale progress). Each
//! department's files are written as real workbooks with rust_xlsxwriter,
//! then found, read and run through every stage — so the tests render only
//! what the pipeline can produce.
//!
//! Planted: 保护中心 sends nothing; 发展促进处 reports late and reports a
//! task it does not lead; 办公室 reports an unknown task, leaves milestone
//! 2.1 undone, writes text that looks like a formula; 保护处 marks a task
//! 已完成 at 80%, repeats May's text, reports a task twice and sends a
//! mediation ledger that disagrees with its figure; 监管与预警处 types a
//! progress of 150% and sends a works ledger, plus an HTML page saved as
//! `.xls`; a finance row without its number is rejected.

use std::path::Path;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::Workbook;

use crate::check::Scope;
use crate::import::{self, Intake};
use crate::period::Period;
use crate::plan::{self, Plan};
use crate::summarise::Summary;

/// The department that sends nothing.
pub const SILENT: &str = "保护中心";
/// A progress text that looks like a formula; must stay text in the workbook.
pub const FORMULA_TEXT: &str = "=SUM(A1)";

const TASK_HEADER: [&str; 7] = [
    "任务编号",
    "任务名称",
    "完成状态",
    "完成进度(%)",
    "本月进展",
    "存在问题",
    "下步计划",
];
const FIGURE_HEADER: [&str; 5] = ["指标编号", "指标名称", "本月值", "累计值", "完成日期"];

/// June 2025 summarised by the pipeline (built once, cloned per test).
pub fn june() -> Summary {
    static JUNE: OnceLock<Summary> = OnceLock::new();
    JUNE.get_or_init(build).clone()
}

fn build() -> Summary {
    let plan = plan::load_default().expect("the default plan loads");
    let root = tempfile::tempdir().expect("a temporary folder");
    let may = Period::new(2025, 5).expect("a month");
    let june = Period::new(2025, 6).expect("a month");
    write_month(&plan, root.path(), may);
    write_month(&plan, root.path(), june);
    let read = |p: Period| -> Intake {
        let folder = root.path().join(p.to_string());
        let found = import::discover::discover(&[folder], root.path());
        import::intake(&plan, Some(p), &found)
    };
    let history = vec![(may, read(may))];
    crate::pipeline::run(&plan, june, read(june), &history, &Scope::Month)
}

/// One cell as written: a number when it reads as one, else text.
enum V {
    T(String),
    N(f64),
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

fn write(path: &Path, department: &str, filled: NaiveDate, sheets: &[(&str, Vec<Vec<V>>)]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("a sheet name");
        ws.write_string(0, 0, format!("填报单位：{department}"))
            .expect("a cell");
        ws.write_string(0, 3, format!("填报日期：{filled}"))
            .expect("a cell");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                let written = match v {
                    V::T(s) if s.is_empty() => continue,
                    V::T(s) => ws.write_string(r, c, s).map(|_| ()),
                    V::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                };
                written.expect("a cell");
            }
        }
    }
    let bytes = wb.save_to_buffer().expect("a workbook");
    std::fs::write(path, bytes).expect("the workbook is written");
}

fn header<const N: usize>(h: [&str; N]) -> Vec<V> {
    h.iter().map(|s| t(*s)).collect()
}

/// One task row: id, title, status, progress, text, problems, next steps.
fn task(plan: &Plan, id: u32, status: &str, progress: f64, text: &str) -> Vec<V> {
    let title = plan.task(id).map_or("", |t| t.title.as_str());
    vec![
        V::N(f64::from(id)),
        t(title),
        t(status),
        V::N(progress),
        t(text),
        t(""),
        t("按计划推进"),
    ]
}

fn figure(id: &str, name: &str, month: f64, cumulative: f64) -> Vec<V> {
    vec![t(id), t(name), V::N(month), V::N(cumulative), t("")]
}

fn write_month(plan: &Plan, root: &Path, p: Period) {
    let dir = root.join(p.to_string());
    std::fs::create_dir_all(&dir).expect("the month folder");
    let june = p.month == 6;
    let filled = |day: u32| p.next().as_of().with_day(day).expect("a day");
    let m = f64::from(p.month);
    let file = |name: &str| dir.join(format!("{name}{}.xlsx", p.label()));

    // 办公室: tasks 2, 22–25; 2.1 (due 3/31) still undone; an unknown task.
    let mut rows = vec![header(TASK_HEADER)];
    rows.push(task(plan, 2, "推进中", 60.0, "草案已修改完善，待提交审议"));
    let t22 = if june {
        FORMULA_TEXT
    } else {
        "开展主题党日活动"
    };
    rows.push(task(plan, 22, "推进中", 50.0, t22));
    rows.push(task(plan, 23, "推进中", 50.0, "-按计划推进廉政教育"));
    rows.push(task(
        plan,
        24,
        "推进中",
        50.0,
        &format!("{}月组织理论学习", p.month),
    ));
    rows.push(task(plan, 25, "推进中", 45.0, "开展法治宣传"));
    if june {
        rows.push(task(plan, 99, "推进中", 10.0, "计划外事项"));
    }
    let figures = vec![
        header(FIGURE_HEADER),
        figure("24.1", "理论学习中心组学习", 2.0, 2.0 * m),
        figure("24.2", "新闻通气会", 0.0, 1.0),
    ];
    write(
        &file("办公室_"),
        "办公室",
        filled(3),
        &[("任务进展", rows), ("量化指标", figures)],
    );

    // 发展促进处: late in June; also reports task 9 (保护处 leads it).
    let mut rows = vec![header(TASK_HEADER)];
    for id in [1, 5, 16, 17, 20, 21] {
        rows.push(task(
            plan,
            id,
            "推进中",
            40.0 + m,
            &format!("任务{id}{}月进展", p.month),
        ));
    }
    if june {
        rows.push(task(plan, 9, "推进中", 30.0, "配合开展立体保护"));
    }
    let figures = vec![
        header(FIGURE_HEADER),
        figure("I5", "知识产权交易金额", 8.0, 8.0 * m),
        figure("I6", "知识产权质押融资金额", 9.0, 9.0 * m),
        figure("5.1", "潜力企业关注名单", 0.0, 2.0),
    ];
    let day = if june { 9 } else { 4 };
    write(
        &file("发展促进处_"),
        "发展促进处",
        filled(day),
        &[("任务进展", rows), ("量化指标", figures)],
    );

    // 保护处: task 9 已完成 at 80%; task 10 keeps May's text and is sent twice;
    // a mediation ledger that disagrees with the reported I4.
    let mut rows = vec![header(TASK_HEADER)];
    let (s9, p9) = if june {
        ("已完成", 80.0)
    } else {
        ("推进中", 70.0)
    };
    rows.push(task(plan, 9, s9, p9, "立体保护制度持续完善"));
    rows.push(task(plan, 10, "推进中", 50.0, "开展行政执法专项行动"));
    if june {
        rows.push(task(plan, 10, "推进中", 55.0, "开展行政执法专项行动"));
    }
    for id in [3, 11, 12, 13, 14] {
        rows.push(task(
            plan,
            id,
            "推进中",
            40.0,
            &format!("任务{id}{}月进展", p.month),
        ));
    }
    let figures = vec![
        header(FIGURE_HEADER),
        figure("I4", "知识产权纠纷调解案件数", 250.0, 250.0 * m),
    ];
    let mut cases = vec![header(["案件编号", "受理日期", "纠纷类型", "调解结果"])];
    for month in 1..=p.month {
        for k in 0..200 {
            let day = NaiveDate::from_ymd_opt(2025, month, 1 + k % 28).expect("a day");
            cases.push(vec![
                t(format!("TJ-{month:02}-{k:03}")),
                t(day.to_string()),
                t(if k % 3 == 0 { "商标" } else { "专利" }),
                t("调解成功"),
            ]);
        }
    }
    write(
        &file("保护处_"),
        "保护处",
        filled(3),
        &[
            ("任务进展", rows),
            ("量化指标", figures),
            ("纠纷调解台账", cases),
        ],
    );

    // 监管与预警处: a progress of 150%; a works ledger; a finance row without its number.
    let mut rows = vec![header(TASK_HEADER)];
    for id in [3, 7, 8, 15, 19] {
        let progress = if june && id == 7 { 150.0 } else { 45.0 };
        rows.push(task(
            plan,
            id,
            "推进中",
            progress,
            &format!("任务{id}{}月进展", p.month),
        ));
    }
    let figures = vec![
        header(FIGURE_HEADER),
        figure("I1", "每万人口高价值发明专利拥有量", 101.0, 101.0),
        figure("I3", "作品登记量占全市比例", 56.0, 56.0),
    ];
    let mut works = vec![header([
        "登记号",
        "作品类别",
        "受理日期",
        "发证日期",
        "快速登记",
    ])];
    for month in 1..=p.month {
        for k in 0..300 {
            let issued = NaiveDate::from_ymd_opt(2025, month, 10 + k % 15).expect("a day");
            let accepted = issued - chrono::Days::new(3);
            works.push(vec![
                t(format!("2025-W-{month:02}-{k:04}")),
                t(if k % 2 == 0 {
                    "美术作品"
                } else {
                    "文字作品"
                }),
                t(accepted.to_string()),
                t(issued.to_string()),
                t(if k % 10 == 0 { "是" } else { "否" }),
            ]);
        }
    }
    let mut sheets = vec![
        ("任务进展", rows),
        ("量化指标", figures),
        ("作品登记台账", works),
    ];
    if june {
        let deals = vec![
            header(["合同编号", "企业名称", "业务类型", "金额(万元)", "登记日期"]),
            vec![
                t("JR-001"),
                t("某科技公司"),
                t("质押融资"),
                V::N(5000.0),
                t("2025-06-12"),
            ],
            vec![
                t(""),
                t(FORMULA_TEXT),
                t("许可"),
                V::N(300.0),
                t("2025-06-20"),
            ],
        ];
        sheets.push(("运用转化台账", deals));
    }
    write(&file("监管与预警处_"), "监管与预警处", filled(2), &sheets);
    if june {
        let page = "<html><body><table><tr><td>作品登记量</td></tr></table></body></html>";
        std::fs::write(dir.join("监管与预警处-补充.xls"), page).expect("the page is written");
    }
}
