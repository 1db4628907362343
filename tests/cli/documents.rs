//! Integration tests for the departments' usual files besides workbooks,
//! made by other programs (`tests/fixtures/documents`, see its README): a
//! Word report read table by table, the same report as an old `.doc` passed
//! over, a WPS `.et` that holds a workbook read, one that does not refused,
//! and a month folder holding all four merged with every file and row
//! accounted for.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::Value;

use crate::check::{check_in, intake_of};
use crate::merge::{assert_rows_reconcile, merge_into, path_str};
use crate::util::{code, fixtures, tempdir};
use crate::util::{input, unreconciled};

const PERIOD: &str = "2025-06";
const REPORT: &str = "保护处2025年6月工作要点推进情况.docx";
const REPORT_DOC: &str = "保护处2025年6月工作要点推进情况.doc";
const ET_GOOD: &str = "保护中心2025年6月推进情况.et";
const ET_BAD: &str = "监管与预警处2025年6月推进情况.et";

fn documents() -> PathBuf {
    fixtures().join("documents")
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// A sheet's line in the JSON: `(name, kind, header_row, rows_read,
/// accepted, rejected, skipped)`.
type SheetLine = (String, String, Option<u64>, u64, u64, u64, u64);

/// A figure report: `(id, 本月值, 累计值, 完成日期)`.
type FigureLine<'a> = (&'a str, Option<f64>, Option<f64>, Option<NaiveDate>);

/// A file's sheets in the JSON.
fn sheets(input: &Value) -> Vec<SheetLine> {
    input["sheets"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let n = |k: &str| s[k].as_u64().unwrap_or(u64::MAX);
            (
                str_of(&s["name"]).to_string(),
                str_of(&s["kind"]).to_string(),
                s["header_row"].as_u64(),
                n("rows_read"),
                n("accepted"),
                n("rejected"),
                n("skipped"),
            )
        })
        .collect()
}

#[test]
fn a_word_report_is_checked_table_by_table() {
    let dir = documents();
    let c = check_in(&dir, &[REPORT], Some(PERIOD));
    c.assert_ran(REPORT);
    let input = c.input(REPORT);
    assert_eq!(input["status"], "accepted");
    // 填报单位：保护处, a paragraph above the first table.
    assert_eq!(input["department"], "保护处");
    let s = |n: &str, k: &str, h: u64, r: u64, a: u64, j: u64, sk: u64| {
        (n.to_string(), k.to_string(), Some(h), r, a, j, sk)
    };
    assert_eq!(
        sheets(input),
        vec![
            // Three paragraphs above the header (the empty one takes no
            // row); 9 rows: 2 section rows skipped, 7 tasks.
            s("表格1", "tasks", 4, 9, 7, 0, 2),
            // A heading paragraph above; 5 figures.
            s("表格2", "figures", 2, 5, 5, 0, 0),
            ("正文".into(), "other".into(), None, 2, 0, 0, 2),
        ]
    );
    assert!(
        unreconciled(&c.json).is_empty(),
        "{:?}",
        unreconciled(&c.json)
    );

    let intake = intake_of(&dir, REPORT, PERIOD);
    let sub = &intake.submissions[0];
    assert_eq!(sub.filled, date(2025, 7, 3));
    let at = sub.filled_at.as_ref().expect("填报日期's cell");
    assert_eq!(
        (at.sheet.as_str(), at.row, at.column.as_str()),
        ("表格1", 3, "A")
    );
    assert_eq!(sub.period.map(|p| p.to_string()).as_deref(), Some(PERIOD));

    // Tasks in table order, each at its row of 表格1; 计划完成时间 `12月底`
    // is written once and merged down over the six tasks of section 三.
    let tasks: Vec<(u32, &str, u32, Option<NaiveDate>)> = intake
        .tasks
        .iter()
        .map(|t| (t.task, &*t.origin.sheet, t.origin.row, t.planned))
        .collect();
    let dec = date(2025, 12, 31);
    assert_eq!(
        tasks,
        vec![
            (3, "表格1", 6, dec),
            (9, "表格1", 8, dec),
            (11, "表格1", 9, dec),
            (12, "表格1", 10, dec),
            (10, "表格1", 11, dec),
            (13, "表格1", 12, dec),
            (14, "表格1", 13, dec),
        ]
    );
    assert!(intake.tasks.iter().all(|t| t.department == "保护处"));
    let t12 = intake.tasks.iter().find(|t| t.task == 12).expect("task 12");
    assert_eq!(t12.progress, Some(80.0));
    assert_eq!(t12.text, "发布第二批重点商标保护名录");
    // The section rows merged across the table are skipped as sections.
    let sections: Vec<(u32, &str)> = intake
        .unaccepted
        .iter()
        .filter(|u| &*u.origin.sheet == "表格1")
        .map(|u| (u.origin.row, u.reason.as_str()))
        .collect();
    assert_eq!(sections, vec![(5, "分组标题行"), (7, "分组标题行")]);

    let figures: Vec<FigureLine<'_>> = intake
        .figures
        .iter()
        .map(|f| (f.figure.as_str(), f.month_value, f.cumulative, f.done))
        .collect();
    assert_eq!(
        figures,
        vec![
            ("I4", Some(286.0), Some(1642.0), None),
            ("10.1", None, None, date(2025, 5, 20)),
            ("11.1", None, None, date(2025, 3, 28)),
            ("12.1", Some(1.0), None, None),
            ("13.1", None, None, None),
        ]
    );
    let f101 = intake.figures.iter().find(|f| f.figure == "10.1");
    assert_eq!(f101.map(|f| f.note.as_str()), Some("已发布\n见局网站"));

    // Every flag points at 表格N and the cell: task 12's 完成状态 (已完成 at
    // 80%, no 实际完成时间), 12.1's 累计值 `一批` and so its missing value.
    let mut located: Vec<(&str, &str, u64, &str)> = c
        .flags()
        .iter()
        .map(|f| {
            assert_eq!(f["file"], REPORT);
            (
                str_of(&f["code"]),
                str_of(&f["sheet"]),
                f["row"].as_u64().unwrap_or(0),
                str_of(&f["column"]),
            )
        })
        .collect();
    located.sort();
    assert_eq!(
        located,
        vec![
            ("INVALID_VALUE", "表格2", 6, "E"),
            ("MISSING_INDICATOR", "表格2", 6, "D"),
            ("STATUS_INCONSISTENT", "表格1", 10, "D"),
            ("STATUS_INCONSISTENT", "表格1", 10, "D"),
        ]
    );
    let text = c.stdout();
    for line in [
        "  [警告] 工作表「表格1」D10：完成状态为已完成，但完成进度为80%，请核对。（STATUS_INCONSISTENT）",
        "  [警告] 工作表「表格2」E6：累计值“一批”无法识别，请只填写数字（如3000），单位为批。（INVALID_VALUE）",
    ] {
        assert!(text.lines().any(|l| l == line), "{line}\n{text}");
    }
}

#[test]
fn an_old_doc_is_passed_over_with_save_as_docx() {
    let c = check_in(&documents(), &[REPORT_DOC], Some(PERIOD));
    c.assert_ran(REPORT_DOC);
    assert!(c.flags().is_empty(), "{:?}", c.codes());
    let input = c.input(REPORT_DOC);
    assert_eq!(input["status"], "ignored");
    assert_eq!(
        str_of(&input["reason"]),
        "文件是旧版Word格式（Word 97-2003 .doc），读不出其中的表格，已跳过：如是报送材料，请在Word或WPS中打开，另存为 .docx（或把表格复制到Excel，另存为 .xlsx）后重新报送"
    );
    assert_eq!(input["sheets"].as_array().map(Vec::len), Some(0));
    let text = c.stdout();
    assert!(
        text.contains(&format!(
            "文件：{REPORT_DOC}（保护处）\n  已跳过：文件是旧版Word格式"
        )),
        "{text}"
    );
}

#[test]
fn a_wps_et_holding_a_workbook_is_read() {
    let c = check_in(&documents(), &[ET_GOOD], Some(PERIOD));
    c.assert_ran(ET_GOOD);
    assert!(!c.codes().contains(&"UNREADABLE_FILE"), "{:?}", c.codes());
    let input = c.input(ET_GOOD);
    assert_eq!(input["status"], "accepted");
    assert_eq!(input["department"], "保护中心");
    assert_eq!(
        sheets(input),
        vec![("工作推进".into(), "tasks".into(), Some(3), 3, 3, 0, 0)]
    );
}

#[test]
fn a_wps_et_that_is_no_workbook_is_refused_naming_wps() {
    let c = check_in(&documents(), &[ET_BAD], Some(PERIOD));
    c.assert_ran(ET_BAD);
    assert_eq!(code(&c.out), 1);
    assert_eq!(c.codes(), vec!["UNREADABLE_FILE"]);
    let input = c.input(ET_BAD);
    assert_eq!(input["status"], "unreadable");
    assert_eq!(input["department"], "监管与预警处", "told by the file name");
    let reason = "文件扩展名是WPS表格（.et），内容却是Word文档，不是可以读取的表格：请在WPS中打开，另存为 .xlsx 再报送";
    assert_eq!(str_of(&input["reason"]), reason);
    let flag = c.flags()[0];
    assert_eq!(flag["file"], ET_BAD);
    assert_eq!(str_of(&flag["message"]), format!("文件无法读取：{reason}"));
}

#[test]
fn a_month_folder_of_documents_accounts_for_every_file_and_row() {
    let root = tempdir();
    let month = root.path().join("in").join(PERIOD);
    std::fs::create_dir_all(&month).expect("the month folder");
    for f in [REPORT, REPORT_DOC, ET_GOOD, ET_BAD] {
        std::fs::copy(documents().join(f), month.join(f)).expect("a copy");
    }
    let m = merge_into(
        &root.path().join("out"),
        &[path_str(&root.path().join("in")), "--period", PERIOD],
    );
    assert!(m.stderr.is_empty(), "{}", m.stderr);
    let json = &m.json;
    let file = |f: &str| format!("{PERIOD}/{f}");
    let statuses: Vec<(String, String)> = json["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|i| {
            (
                str_of(&i["file"]).to_string(),
                str_of(&i["status"]).to_string(),
            )
        })
        .collect();
    let mut want = vec![
        (file(REPORT), "accepted".to_string()),
        (file(REPORT_DOC), "ignored".to_string()),
        (file(ET_GOOD), "accepted".to_string()),
        (file(ET_BAD), "unreadable".to_string()),
    ];
    want.sort();
    let mut got = statuses.clone();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(json["totals"]["files"], 4);
    // Rows: 16 from the Word report (9 + 5 + 2), 3 from the .et.
    assert_eq!(json["totals"]["rows_read"], 19);
    assert_rows_reconcile(&m);
    assert!(
        str_of(&input(json, &file(REPORT_DOC))["reason"]).contains("另存为 .docx"),
        "{}",
        input(json, &file(REPORT_DOC))
    );
    // The refused .et is one UNREADABLE_FILE for its department.
    let unreadable: Vec<&Value> = json["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .filter(|f| f["code"] == "UNREADABLE_FILE")
        .collect();
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0]["file"], file(ET_BAD).as_str());
    assert_eq!(unreadable[0]["department"], "监管与预警处");
    // Who reported: 保护处 by its Word report (the .doc is not one of its
    // files), 保护中心 by its .et; 监管与预警处 sent only a file that did not read.
    let departments = json["departments"].as_array().expect("departments");
    let d = |name: &str| {
        departments
            .iter()
            .find(|d| d["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(d("保护处")["submitted"], true);
    assert_eq!(d("保护处")["files"], serde_json::json!([file(REPORT)]));
    assert_eq!(d("保护中心")["submitted"], true);
    assert_eq!(d("监管与预警处")["submitted"], false);
    assert_eq!(
        d("监管与预警处")["files"],
        serde_json::json!([file(ET_BAD)])
    );
}
