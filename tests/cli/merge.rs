//! Integration tests for `workplan merge`: the samples merged end to end and
//! compared with `samples/facts.json`; one table of problems planted in a
//! month built here, each with the flags it must raise; determinism and
//! untouched inputs; working days across the Spring Festival; reconciled row
//! counts; the ways DIR and --period name the month; exit codes.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use serde_json::Value;
use workplan::plan::FigureKind;

use crate::util::{
    FIGURE_HEADER, Rows, TASK_HEADER, book_bytes, cell_of, input, plan, read_json, rows, run,
    samples, severity_word, stderr, stdout, tempdir, unreconciled, write_book,
};

/// The nine sheets of the consolidated workbook, in order (docs/workbook.md).
const SHEETS: [&str; 9] = [
    "总览",
    "重点任务",
    "主要指标",
    "部门报送",
    "问题清单",
    "月度趋势",
    "台账汇总",
    "进展明细",
    "未采纳记录",
];

// ------------------------------------------------------------ running

/// A finished merge: its exit code, what it printed, the JSON and the workbook.
pub(crate) struct Merged {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) json: Value,
    pub(crate) xlsx: PathBuf,
    /// The folder the inputs and outputs live in, removed when dropped.
    _root: Option<tempfile::TempDir>,
}

/// Runs `workplan merge ARGS -o OUT/汇总.xlsx --json OUT/汇总.json`; the run
/// must write both.
pub(crate) fn merge_into(out: &Path, args: &[&str]) -> Merged {
    let xlsx = out.join("汇总.xlsx");
    let json = out.join("汇总.json");
    let mut all: Vec<&str> = vec!["merge"];
    all.extend_from_slice(args);
    all.extend([
        "-o",
        xlsx.to_str().expect("a UTF-8 path"),
        "--json",
        json.to_str().expect("a UTF-8 path"),
    ]);
    let o = run(&all);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "merge {args:?} failed: {}",
        stderr(&o)
    );
    assert!(xlsx.is_file(), "merge {args:?} wrote no workbook");
    Merged {
        code: o.status.code(),
        stdout: stdout(&o),
        stderr: stderr(&o),
        json: read_json(&json),
        xlsx,
        _root: None,
    }
}

pub(crate) fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The flags with `code`.
fn flags<'a>(json: &'a Value, code: &str) -> Vec<&'a Value> {
    json["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The one flag with `code`.
fn the_flag<'a>(json: &'a Value, code: &str) -> &'a Value {
    let found = flags(json, code);
    assert_eq!(found.len(), 1, "one {code}: {:#}", json["flags"]);
    found[0]
}

/// The distinct codes raised, sorted.
fn codes(json: &Value) -> Vec<String> {
    let mut c: Vec<String> = json["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .map(|f| f["code"].as_str().expect("a code").to_string())
        .collect();
    c.sort();
    c.dedup();
    c
}

fn figure<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("figure {id}"))
}

fn task(json: &Value, id: u64) -> &Value {
    json["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("task {id}"))
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

// ------------------------------------------------------------ reading the workbook

fn sheet_names(xlsx: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(xlsx).expect("the workbook opens");
    book.sheet_names()
}

pub(crate) fn sheet(xlsx: &Path, name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(xlsx).expect("the workbook opens");
    book.worksheet_range(name).expect("the sheet")
}

/// A cell as a person reads it (0-based absolute coordinates).
pub(crate) fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::DateTime(d)) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|e| e.checked_add_days(chrono::Days::new(d.as_f64() as u64)))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Some(Data::DateTimeIso(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The 0-based data rows of a table sheet: title, note and header rows
/// come first (rows 1–3); data ends at the first row with an empty first cell.
pub(crate) fn data_rows(range: &Range<Data>) -> Vec<u32> {
    (3..)
        .take_while(|&r| !text(range, r, 0).is_empty())
        .collect()
}

// ------------------------------------------------------------ the samples

fn facts() -> &'static Value {
    static FACTS: OnceLock<Value> = OnceLock::new();
    FACTS.get_or_init(|| read_json(&samples().join("facts.json")))
}

/// The samples merged for `period` once per test run (a merge of June reads
/// six months of works ledgers), into the target's temporary folder.
fn sample_merge(period: &'static str) -> &'static Merged {
    static RUNS: OnceLock<[OnceLock<Merged>; 2]> = OnceLock::new();
    let runs = RUNS.get_or_init(|| [OnceLock::new(), OnceLock::new()]);
    let slot = match period {
        "2025-06" => &runs[0],
        "2025-03" => &runs[1],
        _ => panic!("no shared merge for {period}"),
    };
    slot.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("merge-samples-{period}"));
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).expect("the output folder");
        merge_into(&out, &[path_str(&samples()), "--period", period])
    })
}

/// What a flag is about: code, department, task, figure.
type Subject = (String, String, Option<u64>, Option<String>);

fn subject(f: &Value) -> Subject {
    (
        f["code"].as_str().unwrap_or_default().to_string(),
        f["department"].as_str().unwrap_or_default().to_string(),
        f["task"].as_u64(),
        f["figure"].as_str().map(str::to_string),
    )
}

/// The figure values a merge of `period` must show, from facts.json: the
/// ledgers pooled January…month (I2, I4, I5, I6, I8, I9, I7's growth), the
/// levels and count milestones as reported.
fn expected_values(period: &str) -> BTreeMap<&'static str, f64> {
    let months = facts()["months"].as_object().expect("months");
    let m = &months[period];
    let l = &m["ledgers"];
    let f = &m["figures"];
    let (mut pledge, mut other) = (0.0, 0.0);
    for (p, month) in months {
        if p.as_str() <= period {
            pledge += num(&month["ledgers"]["finance"]["pledge_wan"]);
            other += num(&month["ledgers"]["finance"]["other_wan"]);
        }
    }
    BTreeMap::from([
        ("I1", num(&f["I1"]["cum"])),
        ("I2", num(&l["works"]["ytd_rows"])),
        ("I3", num(&f["I3"]["cum"])),
        ("I4", num(&l["mediation"]["ytd_count_pooled"])),
        ("I5", other / 10_000.0),
        ("I6", pledge / 10_000.0),
        ("I7", num(&l["prereview"]["growth_percent"])),
        ("I8", num(&l["works"]["ytd_fast_track"])),
        ("I9", num(&l["works"]["ytd_fast_track_mean_workdays"])),
        ("5.1", num(&f["5.1"]["cum"])),
        ("8.1", num(&f["8.1"]["cum"])),
        ("12.1", num(&f["12.1"]["cum"])),
        ("24.1", num(&f["24.1"]["cum"])),
        ("24.2", num(&f["24.2"]["cum"])),
    ])
}

/// The flags a merge of `period` must raise and nothing else: the planted
/// problems of facts.json, plus what the values imply — BEHIND_SCHEDULE for
/// a cumulative figure below target × month / 12, INDICATOR_OFF_TARGET for a
/// level or growth figure missing its comparator.
fn expected_subjects(period: &str) -> Vec<Subject> {
    let month: u32 = period[5..].parse().expect("a month");
    let mut out: Vec<Subject> = Vec::new();
    for p in facts()["planted"].as_array().expect("planted") {
        if p["period"] != period {
            continue;
        }
        let code = match p["what"].as_str().expect("what") {
            "late submission" => "LATE_SUBMISSION",
            "ignored file" | "stale text, first month" => continue,
            code => code,
        };
        let figure = p["figure"].as_str();
        // A milestone's flags name its task too.
        let task = p["task"].as_u64().or_else(|| {
            let f = plan().figure(figure?)?;
            f.task.map(u64::from)
        });
        out.push((
            code.to_string(),
            p["department"].as_str().expect("department").to_string(),
            task,
            figure.map(str::to_string),
        ));
    }
    for (id, value) in expected_values(period) {
        let f = plan().figure(id).expect("a plan figure");
        let target = f.target.expect("a target");
        let code = match f.kind {
            FigureKind::Cumulative | FigureKind::Count
                if value < target * f64::from(month) / 12.0 =>
            {
                "BEHIND_SCHEDULE"
            }
            FigureKind::Level | FigureKind::Growth if !f.comparator.holds(value, target) => {
                "INDICATOR_OFF_TARGET"
            }
            _ => continue,
        };
        out.push((
            code.to_string(),
            f.owner.clone(),
            f.task.map(u64::from),
            Some(id.to_string()),
        ));
    }
    out.sort();
    out
}

fn actual_subjects(json: &Value) -> Vec<Subject> {
    let mut s: Vec<Subject> = json["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .map(subject)
        .collect();
    s.sort();
    s
}

/// Every planted problem of `period` is flagged where facts.json says.
fn assert_planted_locations(json: &Value, period: &str) {
    for p in facts()["planted"].as_array().expect("planted") {
        if p["period"] != period {
            continue;
        }
        let code = match p["what"].as_str().expect("what") {
            "late submission" => "LATE_SUBMISSION",
            "ignored file" | "stale text, first month" => continue,
            code => code,
        };
        let found: Vec<&Value> = flags(json, code)
            .into_iter()
            .filter(|f| {
                // A file-level flag without a department is planted with "".
                f["department"].as_str().unwrap_or_default() == p["department"]
                    && (p["task"].is_null() || f["task"] == p["task"])
                    && (p["figure"].is_null() || f["figure"] == p["figure"])
            })
            .collect();
        assert_eq!(found.len(), 1, "{code} as planted: {p:#}");
        let f = found[0];
        assert_eq!(f["file"], p["file"], "{code} file");
        // Every planted flag points at the sheet, row and cell facts.json
        // names; a task left out (MISSING_TASK) has no row, so no cell.
        assert_eq!(f["sheet"], p["sheet"], "{code} sheet");
        assert_eq!(f["row"], p["row"], "{code} row");
        // An overdue task points at its 完成状态 cell (G in 保护处's sheet),
        // which must change; facts.json names the 时间节点 cell (F) that
        // passed, and the message quotes that date.
        let column = if code == "OVERDUE" && !p["task"].is_null() {
            assert!(
                f["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("计划完成时间为"),
                "{f:#}"
            );
            Value::from("G")
        } else {
            p["column"].clone()
        };
        assert_eq!(f["column"], column, "{code} column");
    }
}

fn assert_figures_match_facts(json: &Value, period: &str) {
    for (id, want) in expected_values(period) {
        let got = num(&figure(json, id)["value"]);
        // facts.json rounds the mean working days and the growth to 2 decimals.
        let tolerance = if matches!(id, "I7" | "I9") {
            0.006
        } else {
            1e-6
        };
        assert!(
            (got - want).abs() <= tolerance,
            "{period} {id}: merged {got}, facts {want}"
        );
    }
    for id in ["I2", "I4", "I5", "I6", "I7", "I8", "I9"] {
        assert_eq!(figure(json, id)["source"], "ledger", "{id} from its ledger");
    }
}

/// rows_read = accepted + rejected + skipped for every sheet and in the totals;
/// 未采纳记录 lists every rejected and skipped row (the inputs here stay under the caps).
pub(crate) fn assert_rows_reconcile(m: &Merged) {
    let json = &m.json;
    let wrong = unreconciled(json);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let t = &json["totals"];
    assert_eq!(
        t["files"].as_u64(),
        json["inputs"].as_array().map(|a| a.len() as u64)
    );
    let not_accepted = t["rejected"].as_u64().unwrap() + t["skipped"].as_u64().unwrap();
    assert_eq!(
        data_rows(&sheet(&m.xlsx, "未采纳记录")).len() as u64,
        not_accepted,
        "未采纳记录 lists every row not accepted"
    );
}

/// June and March (whose milestone 2.1 is overdue) flag exactly the problems
/// planted in them, where facts.json says; their figures are facts.json's,
/// their rows reconcile and the workbook has its nine sheets.
#[test]
fn samples_flag_exactly_the_planted_problems_and_match_the_facts() {
    for (period, as_of) in [("2025-06", "2025-06-30"), ("2025-03", "2025-03-31")] {
        let m = sample_merge(period);
        assert_eq!(m.code, Some(0), "{}", m.stderr);
        assert_eq!(
            (&m.json["period"], &m.json["as_of"]),
            (&period.into(), &as_of.into())
        );
        assert_eq!(actual_subjects(&m.json), expected_subjects(period));
        assert_planted_locations(&m.json, period);
        assert_figures_match_facts(&m.json, period);
        assert_rows_reconcile(m);
        assert_eq!(sheet_names(&m.xlsx), SHEETS);
    }
    let m = sample_merge("2025-06");
    assert_eq!(m.json["totals"]["rejected"], 0);
    let errors: Vec<Subject> = m.json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(subject)
        .collect();
    assert_eq!(errors.len(), 2, "only MISSING_TASK and OVERDUE: {errors:?}");
    assert!(
        m.stdout.contains("问题清单：错误 2、警告 7、提示 0"),
        "{}",
        m.stdout
    );
    let m = sample_merge("2025-03");
    let overdue = the_flag(&m.json, "OVERDUE");
    assert_eq!(
        (&overdue["figure"], &overdue["severity"]),
        (&"2.1".into(), &"error".into())
    );
    assert_eq!(figure(&m.json, "2.1")["light"], "red");
    // 16.1 was done on 2025-03-28: no flag, green.
    assert_eq!(figure(&m.json, "16.1")["light"], "green");
}

#[test]
fn june_samples_figures_equal_the_pooled_ledgers() {
    let json = &sample_merge("2025-06").json;
    // I4: the department reported 1,461; the ledger's 1,398 wins.
    assert_eq!(figure(json, "I4")["reported"], 1461);
    assert_eq!(figure(json, "I4")["expected"], 1500);
    let lights: BTreeMap<String, String> = json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().into(),
                f["light"].as_str().unwrap().into(),
            )
        })
        .collect();
    for (id, light) in &lights {
        let want = if matches!(id.as_str(), "I2" | "I4") {
            "yellow"
        } else {
            "green"
        };
        assert_eq!(light, want, "figure {id}");
    }
}

#[test]
fn june_samples_tasks_lights_and_departments() {
    let json = &sample_merge("2025-06").json;
    for t in json["tasks"].as_array().unwrap() {
        let id = t["id"].as_u64().unwrap();
        let want = match id {
            11 | 15 => "red",
            4 => "yellow",
            _ => "green",
        };
        assert_eq!(t["light"], want, "task {id}");
    }
    assert_eq!(task(json, 2)["status"], "已完成");
    assert_eq!(task(json, 20)["status"], "已完成");
    assert_eq!(task(json, 15)["status"], "未报送");
    assert_eq!(task(json, 11)["reports"][0]["row"], 8);
    // Two leads, each report beside the task.
    let leads: Vec<&Value> = task(json, 13)["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["department"])
        .collect();
    assert_eq!(leads, ["保护处", "保护中心"]);

    let departments = json["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 5);
    for d in departments {
        assert_eq!(d["submitted"], true, "{d}");
        for f in d["files"].as_array().unwrap() {
            let name = f.as_str().unwrap();
            assert!(
                !name.contains("~$"),
                "a lock file is not a department's file: {d}"
            );
        }
    }
    let d = |name: &str| departments.iter().find(|d| d["name"] == name).unwrap();
    assert_eq!(d("监管与预警处")["tasks_assigned"], 5);
    assert_eq!(d("监管与预警处")["tasks_reported"], 4);
    assert_eq!(d("监管与预警处")["errors"], 1);
    assert_eq!(d("办公室")["files"].as_array().unwrap().len(), 1);

    // 发展促进处 reported late: flagged, and shown so in 部门报送.
    let late = the_flag(json, "LATE_SUBMISSION");
    assert_eq!(late["department"], "发展促进处");
    assert!(
        late["message"].as_str().unwrap().contains("2025年7月8日"),
        "{late}"
    );
    let ws = sheet(&sample_merge("2025-06").xlsx, "部门报送");
    let row = data_rows(&ws)
        .into_iter()
        .find(|&r| text(&ws, r, 0) == "发展促进处")
        .expect("发展促进处 in 部门报送");
    assert_eq!(text(&ws, row, 1), "逾期报送");
    assert_eq!(text(&ws, row, 2), "2025-07-08");
}

#[test]
fn june_samples_list_the_files_that_are_not_submissions() {
    let json = &sample_merge("2025-06").json;
    for file in [
        "2025-06/~$办公室_2025年6月工作要点推进情况.xlsx",
        "2025-06/.DS_Store",
        "2025-06/说明.docx",
    ] {
        let i = input(json, file);
        assert_eq!(i["status"], "ignored", "{i}");
        assert!(!i["reason"].as_str().unwrap_or_default().is_empty(), "{i}");
        assert_eq!(i["sheets"].as_array().map(Vec::len), Some(0));
    }
    // A Word note without a table is read, found not to be a report, and
    // passed over with what to do.
    let note = input(json, "2025-06/说明.docx")["reason"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        note.contains("没有表格") && note.contains(".xlsx"),
        "{note}"
    );
    let accepted = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "accepted")
        .count();
    assert_eq!(accepted, 6);
    // The lock file is no flag: it is not a department's problem.
    assert!(
        json["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["file"].as_str().unwrap_or_default().contains("~$"))
    );
}

#[test]
fn june_samples_workbook_lists_the_flags_of_the_json() {
    let m = sample_merge("2025-06");
    let ws = sheet(&m.xlsx, "问题清单");
    let rows = data_rows(&ws);
    let flags = m.json["flags"].as_array().unwrap();
    assert_eq!(rows.len(), flags.len());
    for (r, f) in rows.into_iter().zip(flags) {
        assert_eq!(text(&ws, r, 1), severity_word(f), "row {r}");
        assert_eq!(text(&ws, r, 2), f["code"].as_str().unwrap(), "row {r}");
        assert_eq!(
            text(&ws, r, 4),
            f["department"].as_str().unwrap_or_default()
        );
        assert_eq!(text(&ws, r, 6), f["file"].as_str().unwrap_or_default());
        assert_eq!(text(&ws, r, 7), f["sheet"].as_str().unwrap_or_default());
        assert_eq!(text(&ws, r, 8), cell_of(f), "row {r}");
        assert_eq!(text(&ws, r, 9), f["message"].as_str().unwrap());
    }

    // 重点任务: one row per task, in the plan's order, with its light.
    let ws = sheet(&m.xlsx, "重点任务");
    let rows = data_rows(&ws);
    assert_eq!(rows.len(), 25);
    let light_of = |id: u32| {
        let r = rows[id as usize - 1];
        assert_eq!(text(&ws, r, 1), id.to_string());
        (0..20)
            .map(|c| text(&ws, r, c))
            .find(|t| t.ends_with('灯'))
            .unwrap_or_default()
    };
    assert_eq!(light_of(11), "红灯");
    assert_eq!(light_of(15), "红灯");
    assert_eq!(light_of(4), "黄灯");
    assert_eq!(light_of(1), "绿灯");

    // 主要指标: I1–I9 first, the ledger's I4.
    let ws = sheet(&m.xlsx, "主要指标");
    let rows = data_rows(&ws);
    assert_eq!(rows.len(), m.json["figures"].as_array().unwrap().len());
    let i4 = rows[3];
    assert_eq!(text(&ws, i4, 0), "I4");
    assert!(
        (0..16).any(|c| text(&ws, i4, c) == "1398"),
        "I4 shows 1,398"
    );
}

#[test]
fn january_samples_reject_last_years_cases_and_reconcile() {
    // The 72 mediation cases accepted in December 2024 are rejected
    // (DATE_OUT_OF_RANGE, listed one by one in 未采纳记录, flagged up to the cap).
    let out = tempdir();
    let jan = merge_into(out.path(), &[path_str(&samples()), "--period", "2025-01"]);
    assert_rows_reconcile(&jan);
    assert_eq!(jan.json["totals"]["rejected"], 72);
    let listed = flags(&jan.json, "DATE_OUT_OF_RANGE");
    assert!(
        listed.len() > 1 && listed.len() <= 51,
        "capped per sheet: {}",
        listed.len()
    );
    let summary = listed
        .iter()
        .find(|f| f["row"].is_null())
        .expect("one flag counts those not listed");
    assert!(
        summary["message"].as_str().unwrap().contains("22"),
        "{summary}"
    );
    let first = listed.iter().find(|f| f["row"] == 3).expect("row 3 listed");
    assert_eq!(first["file"], "2025-01/保护处2025年1月工作推进情况.ods");
    assert_eq!(first["sheet"], MEDIATION);
    assert_eq!(first["column"], "C");
    // Not counted: I4 is the 140 cases accepted in January.
    assert_eq!(figure(&jan.json, "I4")["value"], 140);
    // The 2024 prereview sheet is last year's base, not this year's count.
    assert_eq!(
        figure(&jan.json, "I7")["value"]
            .as_f64()
            .map(|v| (v * 10.0).round()),
        Some(232.0)
    );
}

// ------------------------------------------------------------ a month built here

/// Columns of a 任务进展 row ([`TASK_HEADER`]).
pub(crate) const T_TITLE: usize = 1;
pub(crate) const T_STATUS: usize = 3;
pub(crate) const T_PROGRESS: usize = 4;
pub(crate) const T_TEXT: usize = 5;
pub(crate) const T_PLANNED: usize = 6;
pub(crate) const T_ACTUAL: usize = 7;
/// Columns of a 量化指标 row ([`FIGURE_HEADER`]).
pub(crate) const F_CUM: usize = 4;
pub(crate) const F_LAST: usize = 5;
pub(crate) const F_DONE: usize = 6;
pub(crate) const F_NOTE: usize = 7;

pub(crate) const TASKS: &str = "任务进展";
pub(crate) const MEDIATION: &str = "纠纷调解台账";
pub(crate) const FIGURES: &str = "量化指标";
/// 任务进展: 填报单位, 填报日期 and 报送月份 in rows 1–3, the header in row 4.
const TASK_HEADER_ROW: usize = 4;
/// 量化指标: the header in row 1.
const FIGURE_HEADER_ROW: usize = 1;

/// One workbook of a department.
#[derive(Clone)]
pub(crate) struct Book {
    file: String,
    sheets: Vec<(String, Rows)>,
}

/// A month of submissions from every department of the plan, each reporting
/// every task it leads and every figure it owns, all on track — no flag at
/// all. A test changes what it is about, then writes the month.
#[derive(Clone)]
pub(crate) struct Month {
    month: u32,
    pub(crate) books: BTreeMap<String, Book>,
    /// Other files of the month folder (name, bytes): not a department's workbook.
    others: Vec<(String, Vec<u8>)>,
}

/// The plan's departments that must report.
fn reporting_departments() -> Vec<&'static str> {
    plan()
        .departments
        .iter()
        .map(|d| d.name.as_str())
        .filter(|d| plan().must_report(d))
        .collect()
}

pub(crate) fn owned(v: impl Into<String>) -> String {
    v.into()
}

impl Month {
    pub(crate) fn clean(month: u32) -> Month {
        let books = reporting_departments()
            .into_iter()
            .map(|d| (d.to_string(), Month::book(d, month)))
            .collect();
        Month {
            month,
            books,
            others: Vec::new(),
        }
    }

    fn book(department: &str, month: u32) -> Book {
        let (ny, nm) = if month == 12 {
            (2026, 1)
        } else {
            (2025, month + 1)
        };
        let mut tasks: Rows = vec![
            vec![format!("填报单位：{department}")],
            vec![format!("填报日期：{ny}年{nm}月3日")],
            vec![format!("报送月份：2025年{month}月")],
            TASK_HEADER.iter().map(|h| owned(*h)).collect(),
        ];
        for t in plan().tasks_led_by(department) {
            tasks.push(vec![
                t.id.to_string(),
                t.title.clone(),
                department.to_string(),
                owned("推进中"),
                (10 + 5 * month).to_string(),
                format!("任务{}第{month}月：按计划推进，完成阶段工作", t.id),
                owned("2025-12-31"),
                String::new(),
                String::new(),
            ]);
        }
        let as_of = workplan::period::Period::new(2025, month)
            .expect("a month")
            .as_of();
        let mut figures: Rows = vec![FIGURE_HEADER.iter().map(|h| owned(*h)).collect()];
        for f in plan().figures_owned_by(department) {
            let mut row = vec![
                f.id.clone(),
                f.name.clone(),
                f.unit.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
            let target = f.target.unwrap_or(0.0);
            match f.kind {
                FigureKind::Cumulative | FigureKind::Count => {
                    row[F_CUM] = (target * f64::from(month) / 12.0).ceil().to_string();
                }
                FigureKind::Level => {
                    // Meets its comparator: above a floor, below a ceiling.
                    let v = if f.comparator.higher_is_better() {
                        target + 1.0
                    } else {
                        target * 0.7
                    };
                    row[F_CUM] = v.to_string();
                }
                FigureKind::Growth => {
                    // Two counts, the tool computes the rate (the template's
                    // `%` unit is read too: see the case "growth counts
                    // under the template's % unit" of CASES).
                    row[2] = owned("件");
                    row[F_CUM] = owned("130");
                    row[F_LAST] = owned("100");
                }
                FigureKind::Date => {
                    // Done in January when due by next month; otherwise not reported yet.
                    if f.due <= as_of + chrono::Days::new(31) {
                        row[F_DONE] = owned("2025-01-20");
                    } else {
                        continue;
                    }
                }
            }
            figures.push(row);
        }
        Book {
            file: format!("{department}-2025年{month}月工作要点推进情况.xlsx"),
            sheets: vec![(owned(TASKS), tasks), (owned(FIGURES), figures)],
        }
    }

    fn folder(&self) -> String {
        format!("2025-{:02}", self.month)
    }

    fn period(&self) -> String {
        self.folder()
    }

    /// The path of a department's workbook relative to the root.
    fn file_of(&self, department: &str) -> String {
        format!("{}/{}", self.folder(), self.books[department].file)
    }

    pub(crate) fn sheet(&self, department: &str, sheet: &str) -> &Rows {
        let book = &self.books[department];
        &book
            .sheets
            .iter()
            .find(|(n, _)| n == sheet)
            .expect("the sheet")
            .1
    }

    fn sheet_mut(&mut self, department: &str, sheet: &str) -> &mut Rows {
        let book = self.books.get_mut(department).expect("a department's book");
        &mut book
            .sheets
            .iter_mut()
            .find(|(n, _)| n == sheet)
            .expect("the sheet")
            .1
    }

    /// Index of `key` in column A below the header of `sheet`.
    pub(crate) fn index_of(&self, department: &str, sheet: &str, key: &str) -> usize {
        let rows = self.sheet(department, sheet);
        let header = if sheet == TASKS {
            TASK_HEADER_ROW
        } else {
            FIGURE_HEADER_ROW
        };
        (header..rows.len())
            .find(|&i| rows[i].first().is_some_and(|c| c == key))
            .unwrap_or_else(|| panic!("{department} {sheet} has no row {key}"))
    }

    pub(crate) fn task_mut(&mut self, department: &str, task: u32) -> &mut Vec<String> {
        let i = self.index_of(department, TASKS, &task.to_string());
        &mut self.sheet_mut(department, TASKS)[i]
    }

    pub(crate) fn figure_mut(&mut self, department: &str, id: &str) -> &mut Vec<String> {
        let i = self.index_of(department, FIGURES, id);
        &mut self.sheet_mut(department, FIGURES)[i]
    }

    /// The Excel row (1-based) of a task's row.
    fn task_row(&self, department: &str, task: u32) -> u64 {
        self.index_of(department, TASKS, &task.to_string()) as u64 + 1
    }

    fn figure_row(&self, department: &str, id: &str) -> u64 {
        self.index_of(department, FIGURES, id) as u64 + 1
    }

    pub(crate) fn remove_task(&mut self, department: &str, task: u32) {
        let i = self.index_of(department, TASKS, &task.to_string());
        self.sheet_mut(department, TASKS).remove(i);
    }

    pub(crate) fn remove_figure(&mut self, department: &str, id: &str) {
        let i = self.index_of(department, FIGURES, id);
        self.sheet_mut(department, FIGURES).remove(i);
    }

    /// Adds a row at the end of a sheet.
    pub(crate) fn push(&mut self, department: &str, sheet: &str, row: Vec<String>) {
        self.sheet_mut(department, sheet).push(row);
    }

    pub(crate) fn add_sheet(&mut self, department: &str, name: &str, rows: Rows) {
        let book = self.books.get_mut(department).expect("a department's book");
        book.sheets.push((name.to_string(), rows));
    }

    /// Adds a file that is no department's workbook to the month folder.
    fn add_file(&mut self, name: &str, bytes: Vec<u8>) {
        self.others.push((name.to_string(), bytes));
    }

    /// Adds a workbook with `sheets` that is no department's workbook.
    fn add_book(&mut self, name: &str, sheets: &[(&str, Rows)]) {
        self.add_file(name, book_bytes(sheets));
    }

    /// Writes every book and other file into `root/2025-MM/`.
    pub(crate) fn write(&self, root: &Path) {
        let folder = root.join(self.folder());
        std::fs::create_dir_all(&folder).expect("the month folder");
        for book in self.books.values() {
            let sheets: Vec<(&str, Rows)> = book
                .sheets
                .iter()
                .map(|(n, r)| (n.as_str(), r.clone()))
                .collect();
            write_book(&folder.join(&book.file), &sheets);
        }
        for (name, bytes) in &self.others {
            std::fs::write(folder.join(name), bytes).expect("a file is written");
        }
    }
}

/// Writes `months` under a fresh root and merges the last one (history from
/// the earlier ones), with `args` besides DIR and --period.
fn merge_months(months: &[Month], args: &[&str]) -> Merged {
    let root = tempdir();
    for m in months {
        m.write(&root.path().join("in"));
    }
    let last = months.last().expect("a month");
    let out = root.path().join("out");
    let dir = root.path().join("in");
    let period = last.period();
    let mut all = vec![path_str(&dir), "--period", &period];
    all.extend_from_slice(args);
    let mut merged = merge_into(&out, &all);
    merged._root = Some(root);
    merged
}

fn merge_month(m: &Month) -> Merged {
    merge_months(std::slice::from_ref(m), &[])
}

// ------------------------------------------------------------ planted problems

/// The codes whose flags are errors, and the one that is info; every other
/// code is a warning (the flag contract). Whatever case raises a flag, its
/// severity must be its code's.
const ERRORS: &[&str] = &[
    "UNREADABLE_FILE",
    "UNKNOWN_DEPARTMENT",
    "MISSING_SUBMISSION",
    "MISSING_TASK",
    "MISSING_INDICATOR",
    "UNKNOWN_TASK",
    "OVERDUE",
];
const INFO: &str = "DUE_SOON";

/// What a flag is about besides its department.
#[derive(Clone, Copy)]
enum About {
    /// The department alone.
    Dept,
    Task(u64),
    Figure(&'static str),
    /// A milestone: a figure of a task.
    Milestone(u64, &'static str),
}

/// Where a flag points. The department's workbook is the workbook of the
/// flag's department in the month built.
#[derive(Clone, Copy)]
enum At {
    /// No file: the department as a whole.
    Nowhere,
    /// A sheet of the department's workbook, no row.
    Sheet(&'static str),
    /// The row of the task or figure the flag is about, in the department's
    /// workbook, at a column.
    Its(&'static str),
    /// A row of a sheet of the department's workbook, at a column.
    Cell(&'static str, Line, &'static str),
    /// Another file of the month folder ([`Month::add_file`]), no sheet.
    File(&'static str),
    /// A cell of another file of the month folder.
    FileCell(&'static str, &'static str, u64, &'static str),
}

/// A row of a sheet, 1-based.
#[derive(Clone, Copy)]
enum Line {
    N(u64),
    /// The last row (one added by [`Month::push`]).
    Last,
}

/// A flag a planted problem raises: code, department (`""`: none), what it
/// is about, where it points, and a fragment of its message. Each field is
/// compared exactly with the JSON's; the severity is the code's ([`ERRORS`]).
struct W(&'static str, &'static str, About, At, &'static str);

/// The month merged: the current one and the earlier ones, in order.
struct Inputs {
    history: Vec<Month>,
    m: Month,
}

/// One row of the table: a problem planted in a clean month, the flags it
/// raises and nothing else, and what else it changes.
struct Case {
    /// The problem, as a failure names it.
    plant: &'static str,
    /// The month built (its history is `build`'s to add).
    month: u32,
    build: fn(&mut Inputs),
    want: &'static [W],
    /// What else the problem changes (lights, values, listings).
    then: fn(&Merged, &Month),
}

use About::{Dept, Figure, Milestone, Task};
use At::{Cell, File, FileCell, Its, Nowhere, Sheet};
use Line::{Last, N};

/// The flag `w` stands for in month `m`, as the JSON writes it, with the
/// fragment as its message.
fn expected(w: &W, m: &Month) -> Value {
    let W(code, department, about, at, says) = *w;
    let (task, figure) = match about {
        Dept => (None, None),
        Task(t) => (Some(t), None),
        Figure(id) => (None, Some(id)),
        Milestone(t, id) => (Some(t), Some(id)),
    };
    // The department's workbook, when the flag points into it.
    let own = || Some(m.file_of(department));
    let other = |name: &str| Some(format!("{}/{name}", m.folder()));
    let (file, sheet, row, column) = match at {
        Nowhere => (None, None, None, None),
        Sheet(sheet) => (own(), Some(sheet), None, None),
        Its(column) => {
            let (sheet, row) = match about {
                Task(t) => (TASKS, m.task_row(department, t as u32)),
                Figure(id) | Milestone(_, id) => (FIGURES, m.figure_row(department, id)),
                Dept => panic!("At::Its needs a task or a figure"),
            };
            (own(), Some(sheet), Some(row), Some(column))
        }
        Cell(sheet, N(row), column) => (own(), Some(sheet), Some(row), Some(column)),
        Cell(sheet, Last, column) => {
            let last = m.sheet(department, sheet).len() as u64;
            (own(), Some(sheet), Some(last), Some(column))
        }
        File(name) => (other(name), None, None, None),
        FileCell(name, sheet, row, column) => (other(name), Some(sheet), Some(row), Some(column)),
    };
    serde_json::json!({
        "code": code,
        "department": Some(department).filter(|d| !d.is_empty()),
        "task": task,
        "figure": figure,
        "file": file,
        "sheet": sheet,
        "row": row,
        "column": column,
        "message": says,
    })
}

/// What a wanted flag must match exactly; its message need only hold the fragment.
const FIELDS: [&str; 8] = [
    "code",
    "department",
    "task",
    "figure",
    "file",
    "sheet",
    "row",
    "column",
];

/// A flag on one line, for a failure.
fn describe(f: &Value) -> String {
    let s = |k: &str| f[k].as_str().unwrap_or("-").to_string();
    let n = |k: &str| f[k].as_u64().map_or("-".to_string(), |n| n.to_string());
    format!(
        "{} {} {} task {} figure {} @ {} 「{}」 {}: {}",
        s("code"),
        s("severity"),
        s("department"),
        n("task"),
        s("figure"),
        s("file"),
        s("sheet"),
        cell_of(f),
        s("message")
    )
}

/// What is wrong with one case's merge: wanted flags not raised once (or
/// raised without their message), flags not wanted, severities, exit code.
fn mismatches(case: &Case, merged: &Merged, m: &Month) -> Vec<String> {
    let raised = merged.json["flags"].as_array().expect("flags");
    let mut wrong = Vec::new();
    let mut wanted = vec![false; raised.len()];
    for w in case.want {
        let e = expected(w, m);
        let found: Vec<usize> = (0..raised.len())
            .filter(|&i| FIELDS.iter().all(|k| raised[i][*k] == e[*k]))
            .collect();
        let message = |i: usize| raised[i]["message"].as_str().unwrap_or_default();
        match found[..] {
            [i] if !w.4.is_empty() && message(i).contains(w.4) => wanted[i] = true,
            [i] => {
                wanted[i] = true;
                wrong.push(format!("message lacks its fragment: {}", describe(&e)));
            }
            _ => wrong.push(format!(
                "raised {} times, wanted once: {}",
                found.len(),
                describe(&e)
            )),
        }
    }
    for (f, _) in raised.iter().zip(&wanted).filter(|(_, w)| !**w) {
        wrong.push(format!("not wanted: {}", describe(f)));
    }
    for f in raised {
        let severity = match f["code"].as_str().unwrap_or_default() {
            code if ERRORS.contains(&code) => "error",
            INFO => "info",
            _ => "warning",
        };
        if f["severity"] != severity {
            wrong.push(format!("{severity} wanted: {}", describe(f)));
        }
    }
    // Merged with --strict: 1 when an error is flagged, else 0.
    let errors = raised.iter().any(|f| f["severity"] == "error");
    if merged.code != Some(i32::from(errors)) {
        wrong.push(format!("exit code {:?} with --strict", merged.code));
    }
    wrong
}

/// Builds one case's month, merges it with --strict and compares.
fn run_case(case: &Case) -> Result<(), String> {
    let mut inputs = Inputs {
        history: Vec::new(),
        m: Month::clean(case.month),
    };
    (case.build)(&mut inputs);
    let mut months = inputs.history;
    months.push(inputs.m);
    let merged = merge_months(&months, &["--strict"]);
    let m = months.last().expect("the month");
    let mut wrong = mismatches(case, &merged, m);
    if let Err(panic) = catch_unwind(AssertUnwindSafe(|| (case.then)(&merged, m))) {
        wrong.push(panic_text(&*panic));
    }
    if wrong.is_empty() {
        return Ok(());
    }
    let raised: Vec<String> = merged.json["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .map(|f| format!("    {}", describe(f)))
        .collect();
    Err(format!(
        "{}\n  flags raised:\n{}",
        wrong.join("\n  "),
        raised.join("\n")
    ))
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".to_string())
}

/// Each problem of [`CASES`] planted in a clean month raises exactly its
/// flags. The cases run two at a time; every failing row is reported with
/// the flags its merge raised.
#[test]
fn each_planted_problem_raises_its_flags() {
    let next = AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let row = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = CASES.get(row) else { break };
                    let outcome = catch_unwind(|| run_case(case))
                        .unwrap_or_else(|panic| Err(panic_text(&*panic)));
                    if let Err(why) = outcome {
                        let failure = format!("CASES[{row}] «{}»:\n  {why}", case.plant);
                        failures.lock().unwrap().push((row, failure));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let failures: Vec<String> = failures.into_iter().map(|(_, f)| f).collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// A 纠纷调解台账 sheet: header in row 1, then `cases` as (案件编号, 受理日期).
fn mediation_sheet(cases: &[(String, String)]) -> Rows {
    let mut rows = rows(&[["案件编号", "受理日期", "纠纷类型", "调解结果", "结案日期"]]);
    for (key, date) in cases {
        rows.push(vec![
            key.clone(),
            date.clone(),
            owned("专利侵权纠纷"),
            owned("调解成功"),
            owned("2025-01-30"),
        ]);
    }
    rows
}

/// `n` cases accepted in January 2025.
fn january_cases(n: usize) -> Vec<(String, String)> {
    (1..=n)
        .map(|i| {
            (
                format!("（2025）浦知调字第{i:04}号"),
                format!("2025-01-{:02}", 2 + i % 28),
            )
        })
        .collect()
}

/// 保护处 keeps a 纠纷调解台账 of `cases` and reports I4 as `reported`.
fn mediation(m: &mut Month, cases: &[(String, String)], reported: &str) {
    m.add_sheet("保护处", MEDIATION, mediation_sheet(cases));
    m.figure_mut("保护处", "I4")[F_CUM] = owned(reported);
}

/// 保护处's task 9 as March wrote it.
fn march_text() -> String {
    let march = Month::clean(3);
    march.sheet("保护处", TASKS)[march.index_of("保护处", TASKS, "9")][T_TEXT].clone()
}

/// A month with nothing planted: every task green, every department in.
fn all_clean(r: &Merged, _: &Month) {
    for t in r.json["tasks"].as_array().unwrap() {
        assert_eq!(t["light"], "green", "{t}");
    }
    for d in r.json["departments"].as_array().unwrap() {
        assert_eq!(d["tasks_reported"], d["tasks_assigned"], "{d}");
        assert_eq!(d["files"].as_array().map(Vec::len), Some(1), "{d}");
    }
    assert_eq!(r.json["totals"]["rejected"], 0);
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    Case {
        plant: "nothing, in January",
        month: 1,
        build: |_| {},
        want: &[],
        then: all_clean,
    },
    Case {
        plant: "nothing, in April",
        month: 4,
        build: |_| {},
        want: &[],
        then: all_clean,
    },
    Case {
        plant: "a department sends nothing",
        month: 4,
        build: |i| {
            i.m.books.remove("保护中心");
        },
        // Not MISSING_TASK too.
        want: &[W("MISSING_SUBMISSION", "保护中心", Dept, Nowhere,
                  "保护中心未报送2025年4月工作要点推进情况")],
        then: |r, _| {
            let json = &r.json;
            assert_eq!(task(json, 4)["status"], "未报送");
            assert_eq!(task(json, 4)["light"], "red");
            // Task 10 has two leads: 保护处 reported, 保护中心 did not.
            let t10 = task(json, 10);
            assert_eq!(t10["status"], "未报送");
            assert_eq!(t10["reports"][0]["status"], "推进中");
            assert_eq!(t10["reports"][1]["status"], Value::Null);
            let d = json["departments"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["name"] == "保护中心")
                .unwrap();
            assert_eq!(d["submitted"], false);
            assert_eq!(d["tasks_reported"], 0);
            assert!(r.stdout.contains("未报送 保护中心"), "{}", r.stdout);
        },
    },
    Case {
        plant: "a task left out of the lead's sheet",
        month: 4,
        build: |i| i.m.remove_task("监管与预警处", 7),
        want: &[W("MISSING_TASK", "监管与预警处", Task(7), Sheet(TASKS), "未报送第7项任务")],
        then: |r, _| {
            assert_eq!(task(&r.json, 7)["status"], "未报送");
            assert_eq!(task(&r.json, 7)["light"], "red");
        },
    },
    Case {
        plant: "a figure left out of the owner's sheet",
        month: 4,
        build: |i| i.m.remove_figure("保护处", "I4"),
        want: &[W("MISSING_INDICATOR", "保护处", Figure("I4"), Sheet(FIGURES),
                  "I4 知识产权纠纷调解案件数：未报送数值")],
        then: |r, _| {
            assert_eq!(figure(&r.json, "I4")["source"], "none");
            assert_eq!(figure(&r.json, "I4")["light"], "red");
        },
    },
    Case {
        plant: "figure rows without their value: 累计值, 上年同期",
        month: 4,
        build: |i| {
            // I4's row with a note but no value: its 累计值 cell.
            let i4 = i.m.figure_mut("保护处", "I4");
            i4[F_CUM] = String::new();
            i4[F_NOTE] = owned("数据统计中");
            // I7 without last year's count: its 上年同期 cell.
            i.m.figure_mut("保护中心", "I7")[F_LAST] = String::new();
        },
        want: &[
            W("MISSING_INDICATOR", "保护处", Figure("I4"), Its("E"),
              "I4 知识产权纠纷调解案件数：未报送数值"),
            W("MISSING_INDICATOR", "保护中心", Figure("I7"), Its("F"), "缺少上年同期数"),
        ],
        then: |_, _| {},
    },
    Case {
        plant: "a planned date and a milestone's due date passed",
        month: 4,
        build: |i| {
            i.m.task_mut("保护处", 9)[T_PLANNED] = owned("2025年4月15日");
            let office = i.m.figure_mut("办公室", "2.1");
            office[F_DONE] = String::new();
            office[F_NOTE] = owned("已报区政府办公室，待排期上会");
        },
        // At the status cell, which must change; the planned date in the message.
        want: &[
            W("OVERDUE", "保护处", Task(9), Its("D"), "计划完成时间为2025年4月15日"),
            W("OVERDUE", "办公室", Milestone(2, "2.1"), Its("G"), "完成时限为2025年3月31日"),
        ],
        then: |r, _| {
            assert_eq!(task(&r.json, 9)["light"], "red");
            assert_eq!(figure(&r.json, "2.1")["light"], "red");
        },
    },
    Case {
        // Info only: --strict exits 0.
        plant: "a planned date next month",
        month: 4,
        build: |i| i.m.task_mut("保护处", 9)[T_PLANNED] = owned("2025/5/20"),
        want: &[W("DUE_SOON", "保护处", Task(9), Its("G"), "计划完成时间为2025年5月20日")],
        then: |r, _| assert_eq!(task(&r.json, 9)["light"], "blue"),
    },
    Case {
        plant: "cumulative figures behind schedule, a little and much",
        month: 4,
        build: |i| {
            // Expected by April: 260,000 × 4/12 = 86,667 and 3,000 × 4/12 = 1,000.
            i.m.figure_mut("监管与预警处", "I2")[F_CUM] = owned("82,000");
            i.m.figure_mut("保护处", "I4")[F_CUM] = owned("800件");
        },
        want: &[
            W("BEHIND_SCHEDULE", "监管与预警处", Figure("I2"), Its("E"),
              "累计 82,000 件，序时进度应达 86,666.67 件"),
            W("BEHIND_SCHEDULE", "保护处", Figure("I4"), Its("E"),
              "累计 800 件，序时进度应达 1,000 件"),
        ],
        then: |r, _| {
            let i2 = figure(&r.json, "I2");
            assert_eq!(i2["value"], 82000);
            assert!((num(&i2["expected"]) - 86_666.666_667).abs() < 1e-3, "{i2}");
            assert_eq!(i2["light"], "yellow", "94.6% of expected");
            assert_eq!(figure(&r.json, "I4")["light"], "red", "80% of expected");
        },
    },
    Case {
        plant: "a level, a ceiling and a growth off target",
        month: 4,
        build: |i| {
            i.m.figure_mut("监管与预警处", "I1")[F_CUM] = owned("104.9");
            i.m.figure_mut("监管与预警处", "I9")[F_CUM] = owned("5");
            i.m.figure_mut("保护中心", "I7")[F_CUM] = owned("115");
        },
        want: &[
            W("INDICATOR_OFF_TARGET", "监管与预警处", Figure("I1"), Its("E"), "当前 104.9 件"),
            W("INDICATOR_OFF_TARGET", "监管与预警处", Figure("I9"), Its("E"), "当前 5 个工作日"),
            W("INDICATOR_OFF_TARGET", "保护中心", Figure("I7"), Its("E"), "增长 15%"),
        ],
        then: |r, _| {
            for id in ["I1", "I9", "I7"] {
                assert_eq!(figure(&r.json, id)["light"], "yellow", "{id}");
            }
            assert!((num(&figure(&r.json, "I7")["value"]) - 15.0).abs() < 1e-9);
        },
    },
    Case {
        plant: "a reported figure 15% off its ledger",
        month: 1,
        build: |i| mediation(&mut i.m, &january_cases(260), "300"),
        want: &[W("INDICATOR_MISMATCH", "保护处", Figure("I4"), Its("E"),
                  "报送累计值 300 件，纠纷调解台账统计为 260 件")],
        then: |r, _| {
            let i4 = figure(&r.json, "I4");
            assert_eq!(
                (&i4["value"], &i4["reported"], &i4["source"]),
                (&Value::from(260), &Value::from(300), &Value::from("ledger"))
            );
        },
    },
    Case {
        plant: "a reported figure within 1% of its ledger",
        month: 1,
        build: |i| mediation(&mut i.m, &january_cases(260), "262"),
        want: &[],
        then: |r, _| assert_eq!(figure(&r.json, "I4")["value"], 260),
    },
    Case {
        plant: "a ledger key twice in one sheet",
        month: 1,
        build: |i| {
            let mut cases = january_cases(260);
            cases.push(cases[4].clone());
            mediation(&mut i.m, &cases, "260");
        },
        // The repeat is the last row: header in row 1, 261 cases before it.
        want: &[W("DUPLICATE_LEDGER_KEY", "保护处", Dept, Cell(MEDIATION, N(262), "A"),
                  "“(2025)浦知调字第0005号”与2025-01/保护处-2025年1月工作要点推进情况.xlsx")],
        then: |r, _| {
            assert_eq!(figure(&r.json, "I4")["value"], 260);
            assert_rows_reconcile(r);
        },
    },
    Case {
        // The only way two files of a month can share a ledger key. Import
        // rejects every repeat of (ledger, key) in the month's intake, keys
        // folded and squeezed, before the ledgers are pooled; so the pool's
        // cross-file duplicates (aggregate::ledger) and their flag without a
        // row (check::month::duplicate_ledger_key) never come up: the table
        // would show that flag as not wanted. Keys repeated from January's
        // folder are the usual cumulative ledger, counted once, unflagged.
        plant: "ledger keys of this month's workbook again in a second file, written otherwise",
        month: 2,
        build: |i| {
            let mut january = Month::clean(1);
            mediation(&mut january, &january_cases(260), "260");
            i.history.push(january);
            mediation(&mut i.m, &january_cases(520), "521");
            let again = rows(&[
                ["案件编号", "受理日期", "纠纷类型", "调解结果", "结案日期"],
                ["(2025)浦知调字第0005号", "2025-01-07", "专利侵权纠纷", "调解成功", ""],
                [" （2025） 浦知调字第 0300号", "2025-01-22", "商标侵权纠纷", "调解成功", ""],
                ["（2025）浦知调字第0521号", "2025-02-10", "专利侵权纠纷", "调解成功", ""],
            ]);
            i.m.add_book("保护处-补报.xlsx", &[(MEDIATION, again)]);
        },
        want: &[
            W("DUPLICATE_LEDGER_KEY", "保护处", Dept,
              FileCell("保护处-补报.xlsx", MEDIATION, 2, "A"),
              "“(2025)浦知调字第0005号”与2025-02/保护处-2025年2月工作要点推进情况.xlsx"),
            W("DUPLICATE_LEDGER_KEY", "保护处", Dept,
              FileCell("保护处-补报.xlsx", MEDIATION, 3, "A"),
              "“(2025)浦知调字第0300号”与2025-02/保护处-2025年2月工作要点推进情况.xlsx"),
        ],
        then: |r, _| {
            assert_eq!(figure(&r.json, "I4")["value"], 521, "each case once");
            assert_rows_reconcile(r);
        },
    },
    Case {
        plant: "ledger dates before the year and after the month",
        month: 1,
        build: |i| {
            let mut cases = january_cases(260);
            cases.push((owned("（2024）浦知调字第0999号"), owned("2024-12-20")));
            cases.push((owned("（2025）浦知调字第0998号"), owned("2025年2月3日")));
            mediation(&mut i.m, &cases, "260");
        },
        want: &[
            W("DATE_OUT_OF_RANGE", "保护处", Dept, Cell(MEDIATION, N(262), "B"),
              "受理日期为2024-12-20"),
            W("DATE_OUT_OF_RANGE", "保护处", Dept, Cell(MEDIATION, N(263), "B"),
              "受理日期为2025-02-03"),
        ],
        then: |r, m| {
            assert_eq!(figure(&r.json, "I4")["value"], 260);
            let ledger = &input(&r.json, &m.file_of("保护处"))["sheets"][2];
            assert_eq!(ledger["name"], MEDIATION);
            assert_eq!(
                (&ledger["accepted"], &ledger["rejected"]),
                (&Value::from(260), &Value::from(2))
            );
            assert_rows_reconcile(r);
        },
    },
    Case {
        plant: "last month's progress text again",
        month: 4,
        build: |i| {
            i.history.push(Month::clean(3));
            i.m.task_mut("保护处", 9)[T_TEXT] = march_text();
        },
        want: &[W("STALE_PROGRESS", "保护处", Task(9), Its("F"), "与2025年3月报送的内容完全相同")],
        then: |r, _| assert_eq!(task(&r.json, 9)["light"], "yellow"),
    },
    Case {
        plant: "last month's progress text, without last month's folder",
        month: 4,
        build: |i| i.m.task_mut("保护处", 9)[T_TEXT] = march_text(),
        want: &[],
        then: |_, _| {},
    },
    Case {
        plant: "progress below last month's; 已完成 last month, 推进中 now",
        month: 4,
        build: |i| {
            let mut march = Month::clean(3);
            let row = march.task_mut("保护处", 12);
            row[T_STATUS] = owned("已完成");
            row[T_PROGRESS] = owned("100");
            row[T_ACTUAL] = owned("2025-03-20");
            i.history.push(march);
            // 20% after March's 25%.
            i.m.task_mut("保护处", 11)[T_PROGRESS] = owned("20%");
        },
        want: &[
            W("PROGRESS_REGRESSED", "保护处", Task(11), Its("E"), "低于2025年3月的 25%"),
            W("PROGRESS_REGRESSED", "保护处", Task(12), Its("D"), "2025年3月已报「已完成」"),
        ],
        then: |_, _| {},
    },
    Case {
        plant: "填报日期 after the fifth of the next month",
        month: 4,
        build: |i| i.m.sheet_mut("保护处", TASKS)[1][0] = owned("填报日期：2025年5月12日"),
        // The 填报日期 cell.
        want: &[W("LATE_SUBMISSION", "保护处", Dept, Cell(TASKS, N(2), "A"),
                  "填报日期为2025年5月12日")],
        then: |r, _| {
            assert!(r.stdout.contains("逾期报送 保护处"), "{}", r.stdout);
            let ws = sheet(&r.xlsx, "部门报送");
            let row = data_rows(&ws)
                .into_iter()
                .find(|&k| text(&ws, k, 0) == "保护处")
                .expect("保护处 in 部门报送");
            assert_eq!(text(&ws, row, 1), "逾期报送");
        },
    },
    Case {
        plant: "a file that is no workbook, named for a department",
        month: 4,
        build: |i| {
            i.m.add_file(
                "保护处-补充材料.xlsx",
                b"PK\x03\x04 not really a zip".to_vec(),
            )
        },
        // The department told by the file name; the merge goes on.
        want: &[W("UNREADABLE_FILE", "保护处", Dept, File("保护处-补充材料.xlsx"),
                  "文件已损坏或不完整")],
        then: |r, _| {
            let i = input(&r.json, "2025-04/保护处-补充材料.xlsx");
            assert_eq!(i["status"], "unreadable");
            assert!(!i["reason"].as_str().unwrap_or_default().is_empty(), "{i}");
        },
    },
    Case {
        plant: "a workbook of a department the plan does not know",
        month: 4,
        build: |i| {
            // No department the plan knows in the file, its name or a lead column.
            let mut tasks = rows(&[["填报单位：市场监管科"]]);
            tasks.extend(rows(&[TASK_HEADER]));
            tasks.extend(rows(&[
                ["9", "健全完善立体交叉保护制度", "", "推进中", "30", "进展"],
                ["11", "推进浦东地理标志保护", "", "推进中", "30", "进展"],
            ]));
            i.m.add_book("推进情况汇总表.xlsx", &[(TASKS, tasks)]);
        },
        want: &[W("UNKNOWN_DEPARTMENT", "", Dept, FileCell("推进情况汇总表.xlsx", TASKS, 1, "A"),
                  "“市场监管科”不是工作要点中的部门")],
        then: |r, _| {
            let sheet = &input(&r.json, "2025-04/推进情况汇总表.xlsx")["sheets"][0];
            assert_eq!(
                (&sheet["accepted"], &sheet["rejected"]),
                (&Value::from(0), &Value::from(2))
            );
            assert_rows_reconcile(r);
        },
    },
    Case {
        plant: "a workbook named for one department, filled in by another",
        month: 4,
        build: |i| i.m.books.get_mut("保护中心").unwrap().file = owned("保护处代报-2025年4月.xlsx"),
        // The 填报单位 cell wins.
        want: &[W("DEPARTMENT_CONFLICT", "保护中心", Dept, Cell(TASKS, N(1), "A"),
                  "已按填报单位保护中心处理")],
        then: |r, _| {
            let i = input(&r.json, "2025-04/保护处代报-2025年4月.xlsx");
            assert_eq!(i["department"], "保护中心");
        },
    },
    Case {
        plant: "报送月份 another month",
        month: 4,
        build: |i| i.m.sheet_mut("保护处", TASKS)[2][0] = owned("报送月份：2025年3月"),
        want: &[W("PERIOD_MISMATCH", "保护处", Dept, Cell(TASKS, N(3), "A"),
                  "报送月份为2025年3月")],
        then: |_, _| {},
    },
    Case {
        plant: "a workbook without a known table",
        month: 4,
        build: |i| {
            let minutes = rows(&[["会议纪要"], ["时间：4月8日"], ["议题：一季度工作"]]);
            i.m.add_book("办公室-会议纪要.xlsx", &[("纪要", minutes)]);
        },
        want: &[W("NO_DATA", "办公室", Dept, File("办公室-会议纪要.xlsx"), "未找到可识别的报表")],
        then: |r, _| {
            assert_eq!(
                input(&r.json, "2025-04/办公室-会议纪要.xlsx")["sheets"][0]["kind"],
                "other"
            );
            assert_rows_reconcile(r);
        },
    },
    Case {
        plant: "a task not in the plan",
        month: 4,
        build: |i| {
            let mut row = i.m.task_mut("保护处", 9).clone();
            row[0] = owned("26");
            row[T_TITLE] = owned("开展知识产权宣传周活动");
            i.m.push("保护处", TASKS, row);
        },
        want: &[W("UNKNOWN_TASK", "保护处", Dept, Cell(TASKS, Last, "A"),
                  "任务编号“26”不在工作要点中")],
        then: |r, m| {
            assert_eq!(
                input(&r.json, &m.file_of("保护处"))["sheets"][0]["rejected"],
                1
            );
            // Listed in 未采纳记录 with its values.
            let row = m.sheet("保护处", TASKS).len().to_string();
            let ws = sheet(&r.xlsx, "未采纳记录");
            let listed = data_rows(&ws)
                .into_iter()
                .find(|&k| text(&ws, k, 3) == row)
                .expect("the rejected row is listed");
            assert_eq!(text(&ws, listed, 6), "拒收");
            assert!(text(&ws, listed, 8).contains("开展知识产权宣传周活动"));
            assert_rows_reconcile(r);
        },
    },
    Case {
        plant: "another task's title beside a task's id",
        month: 4,
        build: |i| i.m.task_mut("保护处", 9)[T_TITLE] = owned("推进浦东地理标志保护"),
        // The id wins.
        want: &[W("TITLE_MISMATCH", "保护处", Task(9), Its("B"),
                  "任务名称“推进浦东地理标志保护”对应第11项")],
        then: |r, m| {
            assert_eq!(
                task(&r.json, 9)["reports"][0]["row"],
                m.task_row("保护处", 9)
            )
        },
    },
    Case {
        plant: "a task reported by a department that does not lead it",
        month: 4,
        build: |i| {
            let mut row = i.m.task_mut("保护处", 9).clone();
            row[2] = owned("保护中心");
            row[T_PROGRESS] = owned("5");
            row[T_TEXT] = owned("配合保护处开展工作");
            i.m.push("保护中心", TASKS, row);
        },
        want: &[W("NOT_LEAD", "保护中心", Task(9), Cell(TASKS, Last, "A"), "牵头部门为保护处")],
        then: |r, _| {
            // A contribution, not the lead's report: task 9 keeps 保护处's progress.
            let t9 = task(&r.json, 9);
            assert_eq!(t9["reports"].as_array().map(Vec::len), Some(1));
            assert_eq!(t9["progress"], 30);
        },
    },
    Case {
        plant: "a task reported twice by its lead",
        month: 4,
        build: |i| {
            let mut row = i.m.task_mut("保护处", 9).clone();
            row[T_PROGRESS] = owned("40");
            row[T_TEXT] = owned("更正后的本月进展");
            i.m.push("保护处", TASKS, row);
        },
        want: &[W("DUPLICATE_TASK_REPORT", "保护处", Task(9), Its("A"),
                  "工作表「任务进展」第12行的报告")],
        then: |r, m| {
            // The latest row is kept.
            let t9 = task(&r.json, 9);
            assert_eq!(t9["progress"], 40);
            assert_eq!(
                t9["reports"][0]["row"],
                m.sheet("保护处", TASKS).len() as u64
            );
            assert_eq!(t9["reports"][0]["text"], "更正后的本月进展");
            assert_rows_reconcile(r);
        },
    },
    Case {
        plant: "values that do not read: progress, status, a figure",
        month: 4,
        build: |i| {
            i.m.task_mut("保护处", 9)[T_PROGRESS] = owned("过半");
            i.m.task_mut("保护处", 11)[T_PROGRESS] = owned("150");
            i.m.task_mut("保护处", 12)[T_STATUS] = owned("看情况");
            i.m.figure_mut("保护处", "I4")[F_CUM] = owned("待统计");
        },
        // I4 without a value is missing too.
        want: &[
            W("INVALID_VALUE", "保护处", Task(9), Its("E"), "完成进度“过半”无法识别"),
            W("INVALID_VALUE", "保护处", Task(11), Its("E"), "完成进度“150”超出0–100的范围"),
            W("INVALID_VALUE", "保护处", Task(12), Its("D"), "完成状态“看情况”无法识别"),
            W("INVALID_VALUE", "保护处", Figure("I4"), Its("E"), "累计值“待统计”无法识别"),
            W("MISSING_INDICATOR", "保护处", Figure("I4"), Its("E"),
              "I4 知识产权纠纷调解案件数：未报送数值"),
        ],
        then: |r, m| {
            // The rows are kept with the field empty.
            let report = &task(&r.json, 9)["reports"][0];
            assert_eq!(report["progress"], Value::Null);
            assert_eq!(report["status"], "推进中");
            assert_eq!(
                input(&r.json, &m.file_of("保护处"))["sheets"][0]["rejected"],
                0
            );
        },
    },
    Case {
        plant: "a formula without its value",
        month: 4,
        build: |i| i.m.task_mut("保护处", 9)[T_PROGRESS] = owned("=10+20"),
        want: &[W("FORMULA_NOT_CALCULATED", "保护处", Task(9), Its("E"), "公式“=10+20”")],
        then: |_, _| {},
    },
    Case {
        plant: "an empty 本月进展",
        month: 4,
        build: |i| i.m.task_mut("保护处", 9)[T_TEXT] = String::new(),
        want: &[W("EMPTY_PROGRESS", "保护处", Task(9), Its("F"), "第9项任务未填写本月进展")],
        then: |_, _| {},
    },
    Case {
        plant: "已完成 at 80%, and 100% 推进中",
        month: 4,
        build: |i| {
            let row = i.m.task_mut("保护处", 9);
            row[T_STATUS] = owned("已完成");
            row[T_PROGRESS] = owned("80%");
            row[T_ACTUAL] = owned("2025-04-25");
            i.m.task_mut("保护处", 11)[T_PROGRESS] = owned("100");
        },
        // Both at the 完成状态 cell: the status word is what contradicts the percentage.
        want: &[
            W("STATUS_INCONSISTENT", "保护处", Task(9), Its("D"),
              "完成状态为已完成，但完成进度为80%"),
            W("STATUS_INCONSISTENT", "保护处", Task(11), Its("D"),
              "完成进度为100%，但完成状态为“推进中”"),
        ],
        then: |r, _| assert_eq!(task(&r.json, 9)["status"], "已完成"),
    },
    Case {
        // The template writes I7's plan unit `%` in the 单位 column; a
        // department that fills in the two counts as it asks is not refused.
        plant: "growth counts under the template's % unit",
        month: 4,
        build: |i| i.m.figure_mut("保护中心", "I7")[2] = owned("%"),
        want: &[],
        then: |r, _| assert!((num(&figure(&r.json, "I7")["value"]) - 30.0).abs() < 1e-9),
    },
    Case {
        plant: "text that starts like a formula",
        month: 4,
        build: |i| i.m.task_mut("保护处", 9)[T_TEXT] = owned("'=SUM(1,2) 不是公式，是文字"),
        want: &[],
        then: |r, _| {
            let text = &task(&r.json, 9)["reports"][0]["text"];
            assert_eq!(text, "=SUM(1,2) 不是公式，是文字");
        },
    },
];
// ------------------------------------------------------------ determinism and writing

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("a folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("a file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &mut out);
    out
}

#[test]
fn samples_merge_to_the_same_bytes_from_another_root_and_leave_the_inputs_alone() {
    let before = snapshot(&samples());
    let first = sample_merge("2025-03");
    // The same months under another root (paths are relative to the root),
    // merged into another folder.
    let root = tempdir();
    for (path, bytes) in &before {
        let to = root.path().join(path.strip_prefix(samples()).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let out = tempdir();
    let again = merge_into(out.path(), &[path_str(root.path()), "--period", "2025-03"]);
    assert!(
        std::fs::read(&first.xlsx).unwrap() == std::fs::read(&again.xlsx).unwrap(),
        "the workbook is byte-identical"
    );
    assert_eq!(
        std::fs::read_to_string(first.xlsx.with_extension("json")).unwrap(),
        std::fs::read_to_string(out.path().join("汇总.json")).unwrap()
    );
    let after = snapshot(&samples());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file added to or removed from the inputs"
    );
    assert!(before == after, "no input file changed");
}

#[test]
fn an_existing_workbook_is_replaced_through_a_temporary_file() {
    let m = Month::clean(4);
    let dir = tempdir();
    m.write(&dir.path().join("in"));
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("汇总.xlsx"), b"an old, broken workbook").unwrap();
    let merged = merge_into(
        &out,
        &[path_str(&dir.path().join("in")), "--period", "2025-04"],
    );
    assert_eq!(sheet_names(&merged.xlsx), SHEETS);
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut left = left;
    left.sort();
    assert_eq!(
        left,
        ["汇总.json", "汇总.xlsx"],
        "no temporary file left behind"
    );
}

// ------------------------------------------------------------ working days

#[test]
fn spring_festival_working_days_through_the_pipeline() {
    // Accepted Friday 2025-01-24, certified Wednesday 2025-02-05: working days
    // after acceptance are Sunday 1/26 (调休), Monday 1/27 and 2/5 — the
    // holiday 1/28–2/4 and the weekend 1/25 do not count. I9 = 3.
    let mut m = Month::clean(2);
    m.figure_mut("监管与预警处", "I9")[F_CUM] = owned("3");
    m.add_sheet(
        "监管与预警处",
        "作品登记台账",
        rows(&[
            [
                "登记号",
                "作品名称",
                "作品类别",
                "著作权人",
                "受理日期",
                "发证日期",
                "是否自贸区快速登记",
            ],
            [
                "沪作登字-2025-F-00000001",
                "春节海报",
                "美术作品",
                "某公司",
                "2025-01-24",
                "2025-02-05",
                "√",
            ],
        ]),
    );
    let json = merge_month(&m).json;
    let i9 = figure(&json, "I9");
    assert_eq!(
        (&i9["value"], &i9["source"]),
        (&Value::from(3), &Value::from("ledger")),
        "{i9}"
    );
    assert_eq!(codes(&json), Vec::<String>::new());

    // And 2025-02-07 (Friday) → 2025-02-10 (Monday): Saturday 2/8 is a
    // make-up working day, so 2; the mean of 3 and 2 is 2.5.
    m.sheet_mut("监管与预警处", "作品登记台账").push(
        [
            "沪作登字-2025-F-00000002",
            "元宵灯会",
            "美术作品",
            "某公司",
            "2025/2/7",
            "2025年2月10日",
            "是",
        ]
        .map(owned)
        .to_vec(),
    );
    m.figure_mut("监管与预警处", "I9")[F_CUM] = owned("2.5");
    let json = merge_month(&m).json;
    assert_eq!(figure(&json, "I9")["value"], 2.5);
}

// ------------------------------------------------------------ layouts and exit codes

/// How DIR and --period name the month: the folders written under a root
/// (month, folder name; April repeats March's text of task 9, which only
/// March's folder reveals), DIR below the root, --period, the month merged
/// and the folder its inputs are read from.
#[test]
fn dir_and_period_name_the_month() {
    type Layout = (
        &'static [(u32, &'static str)],
        &'static str,
        Option<&'static str>,
        &'static str,
        &'static str,
    );
    const BOTH: &[(u32, &str)] = &[(3, "2025-03"), (4, "2025-04")];
    let layouts: &[Layout] = &[
        // The root: the latest month, March read as history.
        (BOTH, "", None, "2025-04", "2025-04"),
        // --period picks an earlier month of the root; April is not its history.
        (BOTH, "", Some("2025-03"), "2025-03", "2025-03"),
        // A month folder: the period from its name, history from beside it.
        (BOTH, "2025-04", None, "2025-04", "2025-04"),
        (
            &[(3, "2025-03"), (4, "2025年4月")],
            "2025年4月",
            None,
            "2025-04",
            "2025年4月",
        ),
        // --period overrides the folder's name (its files report March).
        (
            &[(3, "2025-04")],
            "2025-04",
            Some("2025-03"),
            "2025-03",
            "2025-04",
        ),
        // A folder with no month in its name and none beside it: files straight in DIR.
        (
            &[(4, "四月报表")],
            "四月报表",
            Some("2025-04"),
            "2025-04",
            "",
        ),
    ];
    for &(folders, dir, period, merged, under) in layouts {
        let at = format!("{folders:?} DIR {dir:?} --period {period:?}");
        let root = tempdir();
        let input = root.path().join("in");
        let mut months: Vec<Month> = folders.iter().map(|(m, _)| Month::clean(*m)).collect();
        if let [march, april] = &mut months[..] {
            april.task_mut("保护处", 9)[T_TEXT] = march.task_mut("保护处", 9)[T_TEXT].clone();
        }
        for (m, (_, name)) in months.iter().zip(folders) {
            m.write(&input);
            std::fs::rename(input.join(m.folder()), input.join(name)).unwrap();
        }
        let mut args = vec![path_str(&input.join(dir)).to_string()];
        args.extend(
            period
                .into_iter()
                .flat_map(|p| ["--period".to_string(), p.to_string()]),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = merge_into(&root.path().join("out"), &args);
        let json = &run.json;
        let p: workplan::period::Period = merged.parse().unwrap();
        assert_eq!(json["period"], merged, "{at}");
        assert_eq!(json["as_of"], p.as_of().to_string(), "{at}");
        assert!(run.stdout.contains(&p.label()), "{at}: {}", run.stdout);
        let stale = merged == "2025-04" && folders.len() == 2;
        let want: &[&str] = if stale { &["STALE_PROGRESS"] } else { &[] };
        assert_eq!(codes(json), want, "{at}");
        // Paths relative to the root: the month folder, or bare names.
        let files: Vec<&str> = json["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .chain(json["flags"].as_array().unwrap())
            .map(|i| i["file"].as_str().unwrap())
            .collect();
        assert_eq!(files.len(), 5 + usize::from(stale), "{at}: {files:?}");
        for file in files {
            assert_eq!(
                Path::new(file).parent(),
                Some(Path::new(under)),
                "{at}: {file}"
            );
        }
    }
}

#[test]
fn exit_codes() {
    let dir = tempdir();
    let mut m = Month::clean(4);
    m.remove_task("保护处", 9);
    m.write(dir.path());
    let root = path_str(dir.path());
    let out = dir.path().join("out.xlsx");
    let out = path_str(&out);

    // 0: written, whatever it flags (--strict and error flags: 1, as every
    // case of `each_planted_problem_raises_its_flags` checks).
    let o = run(&["merge", root, "-o", out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(Path::new(out).is_file());

    // 2: the merge cannot run or cannot write; stderr says why.
    let missing = dir.path().join("no-such-folder");
    let bad = dir.path().join("bad-plan.toml");
    std::fs::write(&bad, "name = \"x\"\nyear = \"not a year\"\n").unwrap();
    // A folder that cannot be made: its parent is a file.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let (blocked_xlsx, blocked_json) = (blocker.join("汇总.xlsx"), blocker.join("r.json"));
    // (arguments, how stderr starts, what else it says)
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["merge", path_str(&missing), "-o", out],
            "错误：",
            "no-such-folder",
        ),
        (
            &["merge", root, "--period", "2024-12", "-o", out],
            "错误：",
            "不在计划年度 2025 内",
        ),
        (
            &["merge", root, "--period", "2025-13", "-o", out],
            "",
            "2025-13",
        ),
        // No folder for May: names the months found.
        (
            &["merge", root, "--period", "2025-05", "-o", out],
            "错误：",
            "2025-04",
        ),
        (
            &["merge", root, "--plan", path_str(&bad), "-o", out],
            "错误：",
            "bad-plan.toml",
        ),
        (
            &["merge", root, "-o", path_str(&blocked_xlsx)],
            "错误：无法写入 `",
            "汇总.xlsx",
        ),
        (
            &["merge", root, "-o", out, "--json", path_str(&blocked_json)],
            "错误：无法写入 `",
            "r.json",
        ),
    ];
    for (args, starts, says) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with(starts) && err.contains(says),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn the_default_output_goes_beside_the_months() {
    let dir = tempdir();
    Month::clean(4).write(dir.path());
    let o = run(&["merge", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let line = text
        .lines()
        .find(|l| l.starts_with("汇总表："))
        .expect("says where the workbook went");
    let path = PathBuf::from(line.trim_start_matches("汇总表："));
    assert!(path.is_file(), "{line}");
    assert!(path.starts_with(dir.path()), "{line}");
    // A second merge does not read the first one's output as a submission.
    let o = run(&[
        "merge",
        path_str(dir.path()),
        "--json",
        path_str(&dir.path().join("r.json")),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let json = read_json(&dir.path().join("r.json"));
    assert_eq!(
        json["inputs"].as_array().map(Vec::len),
        Some(5),
        "{:#}",
        json["inputs"]
    );
}

#[test]
fn rows_reconcile_with_skipped_rows_and_the_listing_cap() {
    let mut m = Month::clean(4);
    {
        let rows = m.sheet_mut("保护处", TASKS);
        rows.insert(TASK_HEADER_ROW, vec![owned("（三）提升知识产权治理能力")]);
        rows.insert(TASK_HEADER_ROW + 2, Vec::new());
        rows.push(Vec::new());
        rows.push(vec![owned("填表说明：完成进度填0—100的数字。")]);
    }
    // A sheet of no known kind with 80 rows: counted, the first 50 listed.
    let book: Rows = (1..=80)
        .map(|i| vec![format!("联系人{i}"), format!("5879{i:04}")])
        .collect();
    m.add_book("办公室-通讯录.xlsx", &[("通讯录", book)]);
    let other = "2025-04/办公室-通讯录.xlsx";
    let merged = merge_month(&m);
    let json = &merged.json;
    let tasks = &input(json, &m.file_of("保护处"))["sheets"][0];
    assert_eq!(
        [
            &tasks["rows_read"],
            &tasks["accepted"],
            &tasks["rejected"],
            &tasks["skipped"]
        ],
        [
            &Value::from(11),
            &Value::from(7),
            &Value::from(0),
            &Value::from(4)
        ],
        "{tasks}"
    );
    let sheet_json = &input(json, other)["sheets"][0];
    assert_eq!(
        (&sheet_json["rows_read"], &sheet_json["skipped"]),
        (&Value::from(80), &Value::from(80))
    );
    assert_eq!(
        codes(json),
        ["NO_DATA"],
        "the section, blank and note rows are no problem"
    );

    let t = &json["totals"];
    let sum = |k: &str| t[k].as_u64().unwrap();
    assert_eq!(
        sum("rows_read"),
        sum("accepted") + sum("rejected") + sum("skipped")
    );
    let ws = sheet(&merged.xlsx, "未采纳记录");
    let listed = data_rows(&ws);
    // 4 from 保护处, 50 of the 80 (the cap), nothing else.
    assert_eq!(listed.len() as u64, sum("rejected") + sum("skipped") - 30);
    let last_other = listed
        .iter()
        .rfind(|&&r| text(&ws, r, 1) == other)
        .copied()
        .expect("the other sheet listed");
    assert!(
        text(&ws, last_other, 7).contains("本表共80行，仅列出前50行"),
        "{}",
        text(&ws, last_other, 7)
    );
}
