//! The departments' usual files: a sheet that keeps the state of each task
//! only in the words of 推进情况 (tests/fixtures/usual, made by openpyxl).

use serde_json::Value;

use crate::util::{code, fixtures, read_json, rows, run, tempdir, write_book};

const USUAL: &str = "usual/保护处_6月工作推进表.xlsx";

/// `(task, status, progress)` of 保护处's reports in a JSON report.
fn states(report: &Value) -> Vec<(u64, Value, Value)> {
    let mut out = Vec::new();
    for t in report["tasks"].as_array().expect("tasks") {
        for r in t["reports"].as_array().expect("reports") {
            if r["department"] == "保护处" && !r["row"].is_null() {
                out.push((
                    t["id"].as_u64().expect("an id"),
                    r["status"].clone(),
                    r["progress"].clone(),
                ));
            }
        }
    }
    out
}

/// The flags of `code` as `(row, column, message)`.
fn flags(report: &Value, code: &str) -> Vec<(u64, String, String)> {
    report["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            (
                f["row"].as_u64().unwrap_or(0),
                f["column"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_state_is_read_from_the_words_and_said_at_each_cell() {
    let dir = tempdir();
    let json = dir.path().join("check.json");
    let file = fixtures().join(USUAL);
    let out = run(&[
        "check",
        file.to_str().unwrap(),
        "--period",
        "2025-06",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "OVERDUE on task 9 is an error");
    let report = read_json(&json);
    let sheet = &report["inputs"][0]["sheets"][0];
    assert_eq!(sheet["kind"], "tasks");
    assert_eq!(
        (sheet["accepted"].as_u64(), sheet["skipped"].as_u64()),
        (Some(7), Some(1))
    );

    let null = Value::Null;
    let s = |w: &str| Value::from(w);
    assert_eq!(
        states(&report),
        [
            (3, s("未启动"), null.clone()),
            (9, s("滞后"), null.clone()),
            (10, s("已完成"), null.clone()),
            // A part done, and the progress in words.
            (11, s("推进中"), Value::from(40)),
            // A batch done is not the task.
            (12, s("推进中"), null.clone()),
            // A denied 滞后; 过半 is not a number.
            (13, s("推进中"), null.clone()),
            // Two states at once: left empty, with a warning.
            (14, null.clone(), null.clone()),
        ]
    );

    // Each value read from words is said at the 推进情况 cell (F), quoting them.
    let said = flags(&report, "VALUE_FROM_TEXT");
    let at = |row: u64, col: &str| {
        said.iter()
            .find(|(r, c, _)| *r == row && c == col)
            .map(|(_, _, m)| m.clone())
            .unwrap_or_else(|| panic!("no VALUE_FROM_TEXT at {col}{row}: {said:?}"))
    };
    assert!(at(4, "F").contains("“尚未启动”"), "{}", at(4, "F"));
    assert!(at(5, "F").contains("“进度滞后”"));
    assert!(at(6, "F").contains("“任务已全部完成”"));
    assert!(at(7, "F").contains("“进度约40%”") && at(7, "F").contains("40%"));
    assert!(at(8, "F").contains("“推进中”"));
    // 完成时限 in words only, at column E, with the day counted; a month
    // named by its number (`6月底前`, `12月`) reads as that month's end
    // without comment, as any date form.
    for (row, words, day) in [
        (4, "全年", "2025年12月31日"),
        (6, "上半年", "2025年6月30日"),
        (7, "年底前", "2025年12月31日"),
        (8, "三季度", "2025年9月30日"),
        (9, "年内", "2025年12月31日"),
    ] {
        let m = at(row, "E");
        assert!(m.contains(&format!("“{words}”按{day}计")), "{m}");
    }
    assert!(
        !said
            .iter()
            .any(|(r, c, _)| (*r == 5 || *r == 10) && c == "E"),
        "{said:?}"
    );
    // 6月底前 is the planned date of task 9: 滞后 on 6-30 is overdue.
    let overdue = flags(&report, "OVERDUE");
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert!(overdue[0].2.contains("2025年6月30日"));
    let unclear = flags(&report, "STATUS_UNCLEAR");
    assert_eq!(unclear.len(), 1, "{unclear:?}");
    assert_eq!((unclear[0].0, unclear[0].1.as_str()), (10, "F"));
    assert!(unclear[0].2.contains("“延期”") && unclear[0].2.contains("“尚未启动”"));
    let severity = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "STATUS_UNCLEAR")
        .unwrap()["severity"]
        .clone();
    assert_eq!(severity, "warning");
}

#[test]
fn the_lights_follow_the_state_read() {
    let root = tempdir();
    let month = root.path().join("2025-06");
    std::fs::create_dir_all(&month).unwrap();
    std::fs::copy(
        fixtures().join(USUAL),
        month.join("保护处_6月工作推进表.xlsx"),
    )
    .unwrap();
    // The other lead of tasks 10, 13 and 14 reports them, in a template-like sheet.
    let sheet = rows(&[
        ["填报单位：保护中心", "", "", ""],
        ["任务编号", "完成状态", "完成进度(%)", "本月进展"],
        ["10", "推进中", "50", "开展行政执法"],
        ["13", "推进中", "50", "调解工作"],
        ["14", "推进中", "50", "海外维权"],
    ]);
    write_book(&month.join("保护中心.xlsx"), &[("任务进展", sheet)]);
    let json = root.path().join("merge.json");
    let out = run(&[
        "merge",
        month.to_str().unwrap(),
        "-o",
        root.path().join("out.xlsx").to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let report = read_json(&json);
    let light = |id: u64| {
        report["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .map(|t| (t["status"].clone(), t["light"].clone()))
            .unwrap()
    };
    let v = Value::from;
    assert_eq!(light(9), (v("滞后"), v("red")));
    assert_eq!(light(11), (v("推进中"), v("green")));
    assert_eq!(light(12), (v("推进中"), v("green")));
    // Done by one lead, going on with the other.
    assert_eq!(light(10), (v("推进中"), v("green")));
    // An unread state is not a silent green.
    assert_eq!(light(14).1, v("yellow"));
}
