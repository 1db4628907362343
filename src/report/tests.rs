//! The workbook and JSON report, read back as a user (or a program) would:
//! the workbook with calamine (and its XML where calamine cannot see, such
//! as quote prefixes and frozen panes), the JSON key for key against §6.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader, Xlsx};
use serde_json::Value;

use super::fixture::{FORMULA_TEXT, SILENT, june};
use super::*;
use crate::flag::{Code, Flag, Severity};
use crate::summarise::{Light, Summary, Totals};

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("the workbook opens")
}

fn range(bytes: &[u8], sheet: &str) -> Range<Data> {
    open(bytes).worksheet_range(sheet).expect("the sheet reads")
}

/// The text of a cell (0-based), numbers as they are.
fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => format!("{other:?}"),
        None => String::new(),
    }
}

fn number(r: &Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("no number at ({row}, {col}): {other:?}"),
    }
}

/// The 0-based row whose column `col` reads `want`.
fn find_row(r: &Range<Data>, col: u32, want: &str) -> Option<u32> {
    let (start, end) = (r.start()?, r.end()?);
    (start.0..=end.0).find(|&row| text(r, row, col) == want)
}

/// The 0-based column whose header (in `row`) reads `want`.
fn find_col(r: &Range<Data>, row: u32, want: &str) -> u32 {
    let end = r.end().map_or(0, |e| e.1);
    (0..=end)
        .find(|&c| text(r, row, c) == want)
        .unwrap_or_else(|| panic!("no column {want}"))
}

/// A part of the workbook's zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = String::new();
    zip.by_name(name)
        .expect("the part exists")
        .read_to_string(&mut out)
        .expect("utf-8");
    out
}

#[test]
fn nine_sheets_in_the_contract_order() {
    let bytes = render(&june()).unwrap();
    let names = open(&bytes).sheet_names();
    assert_eq!(
        names,
        [
            "总览",
            "重点任务",
            "主要指标",
            "部门报送",
            "问题清单",
            "月度趋势",
            "台账汇总",
            "进展明细",
            "未采纳记录"
        ]
    );
    assert_eq!(names, SHEETS);
}

#[test]
fn overview_counts_lights_and_names_the_period() {
    let s = june();
    let r = range(&render(&s).unwrap(), "总览");
    let title = text(&r, 0, 0);
    assert_eq!(
        title,
        "上海市浦东新区知识产权局2025年工作要点推进情况（2025年6月）"
    );
    assert!(
        text(&r, 1, 0).contains("截至2025年6月30日"),
        "{}",
        text(&r, 1, 0)
    );

    let count = |lights: &[Light], l: Light| lights.iter().filter(|x| **x == l).count() as f64;
    let tasks: Vec<Light> = s.tasks.iter().map(|t| t.light).collect();
    let indicators: Vec<Light> = s
        .figures
        .iter()
        .filter(|f| f.figure.task.is_none())
        .map(|f| f.light)
        .collect();
    let row = find_row(&r, 0, "重点任务").expect("a 重点任务 row");
    let order = [Light::Red, Light::Yellow, Light::Blue, Light::Green];
    for (k, l) in order.iter().enumerate() {
        assert_eq!(number(&r, row, 2 + k as u32), count(&tasks, *l), "{l:?}");
    }
    assert_eq!(number(&r, row, 6), 25.0);
    assert!(count(&tasks, Light::Red) > 0.0 && count(&tasks, Light::Green) > 0.0);
    let row = find_row(&r, 0, "主要指标（I1–I9）").expect("an indicator row");
    for (k, l) in order.iter().enumerate() {
        assert_eq!(
            number(&r, row, 2 + k as u32),
            count(&indicators, *l),
            "{l:?}"
        );
    }
    assert_eq!(number(&r, row, 6), 9.0);

    // Every red task is named, with the silent department as the reason.
    let task4 = find_row(&r, 0, "任务4").expect("task 4 is red and listed");
    assert!(text(&r, task4, 2).contains(&format!("{SILENT}未报送")));
    // The silent department shows as 未报送.
    let dept = find_row(&r, 8, SILENT).expect("the silent department is listed");
    assert_eq!(text(&r, dept, 10), "未报送");
}

#[test]
fn overview_has_two_charts_and_prints_on_one_a4_landscape_page() {
    let bytes = render(&june()).unwrap();
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"paperSize="9""#), "{xml}");
    assert!(xml.contains(r#"orientation="landscape""#));
    // Fit to one page wide and one page tall (1 × 1 is the default, so not written).
    assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#));
    assert!(!xml.contains("fitToHeight=") && !xml.contains("fitToWidth="));
    let drawing = part(&bytes, "xl/drawings/drawing1.xml");
    assert_eq!(drawing.matches("<c:chart ").count(), 2, "{drawing}");
    let chart = part(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains(r#"<c:grouping val="stacked"/>"#), "{chart}");
    assert!(
        chart.contains("<c:f>总览!$"),
        "charts read cells of the overview"
    );
}

#[test]
fn a_flag_links_to_the_row_it_is_about() {
    let s = june();
    let bytes = render(&s).unwrap();
    let flags = range(&bytes, "问题清单");
    let details = range(&bytes, "进展明细");
    let unaccepted = range(&bytes, "未采纳记录");
    let links = open(&bytes).hyperlinks_by_sheet_name("问题清单").unwrap();
    let file_col = find_col(&flags, 2, "文件");
    let cell_col = find_col(&flags, 2, "单元格");

    let mut checked = 0;
    for f in s.flags.iter().filter(|f| f.row.is_some()) {
        let on_details = s.task_details.iter().any(|d| {
            f.file.as_deref() == Some(&*d.origin.file)
                && f.sheet.as_deref() == Some(&*d.origin.sheet)
                && Some(d.origin.row) == f.row
        });
        let on_unaccepted = s.unaccepted.iter().any(|u| {
            f.file.as_deref() == Some(&*u.origin.file)
                && f.sheet.as_deref() == Some(&*u.origin.sheet)
                && Some(u.origin.row) == f.row
        });
        if !on_details && !on_unaccepted {
            continue;
        }
        let cell = format!("{}{}", f.column.clone().unwrap_or_default(), f.row.unwrap());
        let end = flags.end().unwrap().0;
        let row = (3..=end)
            .find(|&r| {
                Some(text(&flags, r, file_col)) == f.file && text(&flags, r, cell_col) == cell
            })
            .expect("the flag is listed");
        let link = links
            .iter()
            .find(|l| l.range.start.0 == row)
            .expect("the flag's row has a link");
        let location = link.location.clone().expect("an internal link");
        let (sheet, target) = if on_details {
            ("'进展明细'!A", &details)
        } else {
            ("'未采纳记录'!A", &unaccepted)
        };
        let excel_row: u32 = location
            .strip_prefix(sheet)
            .unwrap_or_else(|| panic!("{location} points into {sheet}"))
            .parse()
            .unwrap();
        // The linked row shows the flag's file, sheet and row.
        let r = excel_row - 1;
        let header = 2;
        let (file_col, sheet_col, row_col) = if on_details {
            (
                find_col(target, header, "来源文件"),
                find_col(target, header, "工作表"),
                find_col(target, header, "行号"),
            )
        } else {
            (
                find_col(target, header, "文件"),
                find_col(target, header, "工作表"),
                find_col(target, header, "行号"),
            )
        };
        assert_eq!(Some(text(target, r, file_col)), f.file, "{location}");
        assert_eq!(Some(text(target, r, sheet_col)), f.sheet, "{location}");
        assert_eq!(number(target, r, row_col), f64::from(f.row.unwrap()));
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} flags checked");
}

#[test]
fn department_text_that_looks_like_a_formula_stays_text() {
    let s = june();
    let bytes = render(&s).unwrap();
    let mut wb = open(&bytes);
    for sheet in ["重点任务", "进展明细"] {
        let r = wb.worksheet_range(sheet).unwrap();
        let found = r
            .used_cells()
            .any(|(_, _, v)| *v == Data::String(FORMULA_TEXT.to_string()));
        assert!(found, "{FORMULA_TEXT} reads back as text on {sheet}");
        let formulas = wb.worksheet_formula(sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formulas on {sheet}"
        );
    }
    let r = wb.worksheet_range("未采纳记录").unwrap();
    assert!(
        r.used_cells()
            .any(|(_, _, v)| matches!(v, Data::String(t) if t.contains("企业名称：=SUM(A1)")))
    );
    let r = wb.worksheet_range("重点任务").unwrap();
    assert!(
        r.used_cells()
            .any(|(_, _, v)| matches!(v, Data::String(t) if t.starts_with("-按计划推进")))
    );
    // And a quote prefix keeps Excel from reading it as a formula on editing.
    assert!(part(&bytes, "xl/styles.xml").contains(r#"quotePrefix="1""#));
}

#[test]
fn same_summary_same_bytes() {
    let s = june();
    let a = render(&s).unwrap();
    let b = render(&s.clone()).unwrap();
    assert_eq!(a, b);
    assert!(part(&a, "docProps/core.xml").contains("2025-01-01T00:00:00Z"));
}

#[test]
fn table_sheets_freeze_filter_and_print() {
    let bytes = render(&june()).unwrap();
    for (i, name) in SHEETS.iter().enumerate().skip(1) {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(
            xml.contains(r#"state="frozen""#),
            "{name} freezes its header"
        );
        assert!(
            xml.contains(r#"orientation="landscape""#),
            "{name} prints landscape"
        );
        if *name != "月度趋势" {
            assert!(xml.contains("<autoFilter"), "{name} has a filter");
        }
    }
    // Lights are coloured by rule, on the light column.
    let tasks = part(&bytes, "xl/worksheets/sheet2.xml");
    for light in ["红灯", "黄灯", "蓝灯", "绿灯"] {
        assert!(
            tasks.contains(&format!("NOT(ISERROR(SEARCH(\"{light}\"")),
            "{light}"
        );
    }
    // Widths fit CJK text: the 本月进展 column is wider than rust_xlsxwriter's default.
    assert!(tasks.contains("<col "), "{tasks}");
}

#[test]
fn departments_sheet_prints_its_files_on_their_own_page() {
    let s = june();
    let bytes = render(&s).unwrap();
    let r = range(&bytes, "部门报送");
    let files = find_row(&r, 0, "收到的文件").expect("the files table");
    let xml = part(&bytes, "xl/worksheets/sheet4.xml");
    // A page break before the files' caption.
    assert!(
        xml.contains(&format!(r#"<brk id="{files}""#)),
        "{}",
        &xml[xml.find("<rowBreaks").unwrap_or(0)..]
    );
    // No header repeated over the files: no print titles for this sheet,
    // while the other table sheets repeat theirs.
    let book = part(&bytes, "xl/workbook.xml");
    assert!(!book.contains("部门报送!$3:$3"), "{book}");
    assert!(book.contains("问题清单!$3:$3"), "{book}");
}

#[test]
fn tasks_sheet_shows_each_leads_report() {
    let s = june();
    let r = range(&render(&s).unwrap(), "重点任务");
    let id_col = find_col(&r, 2, "编号");
    let row = find_row(&r, id_col, "13").expect("task 13");
    let states = text(&r, row, find_col(&r, 2, "各部门状态"));
    assert!(
        states.contains("【保护处】") && states.contains("【保护中心】未报送"),
        "{states}"
    );
    assert_eq!(text(&r, row, find_col(&r, 2, "综合状态")), "未报送");
    assert_eq!(text(&r, row, find_col(&r, 2, "督办灯")), "红灯");
}

#[test]
fn an_empty_summary_still_renders() {
    let s = Summary {
        period: crate::period::Period::new(2025, 1).unwrap(),
        as_of: crate::period::Period::new(2025, 1).unwrap().as_of(),
        plan: "计划".into(),
        bureau: String::new(),
        inputs: Vec::new(),
        tasks: Vec::new(),
        figures: Vec::new(),
        departments: Vec::new(),
        flags: Vec::new(),
        totals: Totals::default(),
        ledgers: Vec::new(),
        figure_trend: Vec::new(),
        task_trend: Vec::new(),
        task_details: Vec::new(),
        figure_details: Vec::new(),
        unaccepted: Vec::new(),
    };
    let bytes = render(&s).unwrap();
    assert_eq!(open(&bytes).sheet_names(), SHEETS);
    let r = range(&bytes, "问题清单");
    assert_eq!(text(&r, 3, 0), "本期未发现问题");
}

#[test]
fn oversized_text_is_clipped_not_an_error() {
    let mut s = june();
    s.flags
        .push(Flag::new(Code::InvalidValue, "长".repeat(40_000)));
    s.task_details[0].text = "=".repeat(50_000);
    let bytes = render(&s).expect("long text does not stop the run");
    let r = range(&bytes, "问题清单");
    let longest = r
        .used_cells()
        .filter_map(|(_, _, v)| match v {
            Data::String(t) => Some(t.chars().count()),
            _ => None,
        })
        .max()
        .unwrap();
    assert!(longest <= 32_767, "{longest}");
}

// ------------------------------------------------------------------ JSON

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(k: &[&'a str]) -> BTreeSet<&'a str> {
    k.iter().copied().collect()
}

#[test]
fn json_has_exactly_the_contract_keys() {
    let s = june();
    let v = json(&s);
    assert_eq!(
        keys(&v),
        set(&[
            "period",
            "as_of",
            "plan",
            "inputs",
            "tasks",
            "figures",
            "departments",
            "flags",
            "totals"
        ])
    );
    let each = |key: &str, want: &[&str]| {
        let items = v[key].as_array().expect("an array");
        assert!(!items.is_empty(), "{key} has items");
        for item in items {
            assert_eq!(keys(item), set(want), "{key}");
        }
    };
    each(
        "inputs",
        &["file", "status", "department", "reason", "sheets"],
    );
    each(
        "tasks",
        &[
            "id", "section", "title", "leads", "status", "progress", "light", "reports",
        ],
    );
    each(
        "figures",
        &[
            "id",
            "task",
            "name",
            "unit",
            "comparator",
            "target",
            "value",
            "source",
            "reported",
            "expected",
            "completion",
            "light",
        ],
    );
    each(
        "departments",
        &[
            "name",
            "submitted",
            "files",
            "tasks_assigned",
            "tasks_reported",
            "errors",
            "warnings",
        ],
    );
    each(
        "flags",
        &[
            "code",
            "severity",
            "department",
            "task",
            "figure",
            "file",
            "sheet",
            "row",
            "column",
            "message",
        ],
    );
    assert_eq!(
        keys(&v["totals"]),
        set(&["files", "rows_read", "accepted", "rejected", "skipped"])
    );
    for input in v["inputs"].as_array().unwrap() {
        for sheet in input["sheets"].as_array().unwrap() {
            assert_eq!(
                keys(sheet),
                set(&[
                    "name",
                    "kind",
                    "header_row",
                    "rows_read",
                    "accepted",
                    "rejected",
                    "skipped"
                ])
            );
        }
    }
    for task in v["tasks"].as_array().unwrap() {
        for report in task["reports"].as_array().unwrap() {
            assert_eq!(
                keys(report),
                set(&[
                    "department",
                    "status",
                    "progress",
                    "text",
                    "file",
                    "sheet",
                    "row"
                ])
            );
        }
    }
}

#[test]
fn json_values_follow_the_contract() {
    let s = june();
    let v = json(&s);
    assert_eq!(v["period"], "2025-06");
    assert_eq!(v["as_of"], "2025-06-30");
    assert_eq!(v["plan"], "浦东新区知识产权局2025年工作要点");

    let task = |id: u64| {
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
    };
    let t13 = task(13);
    assert_eq!(t13["section"], "三");
    assert_eq!(t13["leads"], serde_json::json!(["保护处", "保护中心"]));
    assert_eq!(t13["status"], "未报送");
    assert_eq!(t13["light"], "red");
    let silent = &t13["reports"][1];
    assert_eq!(silent["department"], SILENT);
    assert!(silent["status"].is_null() && silent["file"].is_null() && silent["row"].is_null());
    let lead = &t13["reports"][0];
    assert_eq!(lead["status"], "推进中");
    assert!(
        lead["progress"].is_u64(),
        "whole progress is an integer: {lead}"
    );
    assert!(lead["row"].is_u64());

    let figure = |id: &str| {
        v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()
    };
    let i2 = figure("I2");
    assert_eq!(i2["comparator"], ">=");
    assert_eq!(i2["target"], 260_000);
    assert_eq!(i2["source"], "ledger");
    assert_eq!(i2["expected"], 130_000);
    // The ledger's rows over the target, to four decimals.
    let i2_value = i2["value"].as_f64().unwrap();
    assert_eq!(i2_value, 1_800.0);
    assert_eq!(i2["completion"], (i2_value / 260_000.0 * 1e4).round() / 1e4);
    assert!(i2["task"].is_null());
    let i7 = figure("I7");
    assert!(i7["value"].is_null() && i7["completion"].is_null() && i7["reported"].is_null());
    assert_eq!(i7["source"], "none");
    assert_eq!(figure("24.1")["task"], 24);

    let flag = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "MISSING_SUBMISSION")
        .unwrap();
    assert_eq!(flag["severity"], "error");
    assert!(flag["row"].is_null() && flag["file"].is_null());

    let input = &v["inputs"][0];
    assert_eq!(input["status"], "accepted");
    assert_eq!(input["sheets"][0]["kind"], "tasks");
    assert!(input["reason"].is_null());
    let unreadable = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["status"] == "unreadable")
        .unwrap();
    assert!(unreadable["reason"].as_str().unwrap().contains("另存为"));

    let t = &v["totals"];
    assert_eq!(
        t["rows_read"].as_u64().unwrap(),
        t["accepted"].as_u64().unwrap()
            + t["rejected"].as_u64().unwrap()
            + t["skipped"].as_u64().unwrap()
    );
    let errors = s
        .flags
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count();
    let json_errors = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(errors, json_errors);
}

#[test]
fn the_fixture_month_is_realistic() {
    let s = june();
    assert_eq!(s.tasks.len(), 25);
    assert_eq!(s.departments.len(), 5);
    assert_eq!(s.departments.iter().filter(|d| !d.submitted).count(), 1);
    assert!((20..=45).contains(&s.flags.len()), "{}", s.flags.len());
    let codes: BTreeSet<Code> = s.flags.iter().map(|f| f.code).collect();
    assert!(codes.len() >= 10, "{codes:?}");
    assert!(s.figures.iter().any(|f| f.figure.id == "I9"));
    assert!(s.figures.iter().any(|f| f.figure.task.is_some()));
}

/// Writes the fixture month's workbook and JSON for a person to look at:
/// `WORKPLAN_SAMPLE_DIR=/tmp cargo test --lib report::tests::write_sample -- --ignored`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_sample() {
    let s = june();
    let dir = std::env::var_os("WORKPLAN_SAMPLE_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    std::fs::write(dir.join("workplan-sample.xlsx"), render(&s).unwrap()).unwrap();
    let text = serde_json::to_string_pretty(&json(&s)).unwrap();
    std::fs::write(dir.join("workplan-sample.json"), text).unwrap();
}
