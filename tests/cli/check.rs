//! Integration tests for `workplan check` on files other programs made: the
//! spreadsheet variations (openpyxl, LibreOffice) against their
//! `expected.json`, the odd and broken formats, a template filled by openpyxl
//! and by LibreOffice, and the samples one department at a time. Also the
//! accounting of every sheet, the text a clerk reads, and the exit codes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::NaiveDate;
use serde_json::Value;
use workplan::import::discover::discover;
use workplan::import::{self, Disposition, Intake, RawSheet};

use crate::util::{
    cell_of, code, fixtures, input, plan, run, run_in, samples, severity_word, stderr, stdout,
    tempdir, unreconciled,
};

const PERIOD: &str = "2025-03";

/// Codes raised while reading a file's rows, as opposed to the checks on a
/// department's whole month (MISSING_TASK, OVERDUE …), which a fixture that
/// holds only part of a department's work is bound to raise.
const READING: &[&str] = &[
    "UNREADABLE_FILE",
    "UNKNOWN_DEPARTMENT",
    "DEPARTMENT_CONFLICT",
    "PERIOD_MISMATCH",
    "NO_DATA",
    "UNKNOWN_TASK",
    "TITLE_MISMATCH",
    "NOT_LEAD",
    "DUPLICATE_TASK_REPORT",
    "INVALID_VALUE",
    "FORMULA_NOT_CALCULATED",
    "EMPTY_PROGRESS",
    "STATUS_INCONSISTENT",
    "DUPLICATE_LEDGER_KEY",
    "DATE_OUT_OF_RANGE",
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a YYYY-MM-DD date")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// One run of `workplan check … --json`.
pub(crate) struct Checked {
    pub(crate) out: Output,
    pub(crate) json: Value,
}

impl Checked {
    pub(crate) fn stdout(&self) -> String {
        stdout(&self.out)
    }

    pub(crate) fn flags(&self) -> Vec<&Value> {
        self.json["flags"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    }

    pub(crate) fn codes(&self) -> Vec<&str> {
        self.flags().iter().map(|f| str_of(&f["code"])).collect()
    }

    pub(crate) fn input(&self, file: &str) -> &Value {
        input(&self.json, file)
    }

    /// Ran to the end: no panic message or other noise on stderr, and the
    /// exit code says whether error flags were raised.
    pub(crate) fn assert_ran(&self, what: &str) {
        let err = stderr(&self.out);
        assert!(err.is_empty(), "{what}: stderr is not clean:\n{err}");
        let errors = self.flags().iter().any(|f| f["severity"] == "error");
        assert_eq!(
            code(&self.out),
            i32::from(errors),
            "{what}: exit code vs error flags\n{}",
            self.stdout()
        );
    }
}

/// Runs `workplan check FILES --period PERIOD --json …` inside `dir`.
pub(crate) fn check_in(dir: &Path, files: &[&str], period: Option<&str>) -> Checked {
    let tmp = tempdir();
    let json = tmp.path().join("check.json");
    let json_arg = json.to_str().expect("a UTF-8 path");
    let mut args = vec!["check"];
    args.extend_from_slice(files);
    if let Some(p) = period {
        args.extend(["--period", p]);
    }
    args.extend(["--json", json_arg]);
    let out = run_in(dir, &args);
    let json = std::fs::read(&json)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    Checked { out, json }
}

/// What the importer reads from `dir/file`, through the library.
pub(crate) fn intake_of(dir: &Path, file: &str, period: &str) -> Intake {
    let found = discover(&[dir.join(file)], dir);
    import::intake(plan(), period.parse().ok(), &found)
}

// ------------------------------------------------------------ variations

fn variations() -> PathBuf {
    fixtures().join("variations")
}

fn expected() -> serde_json::Map<String, Value> {
    let bytes = std::fs::read(variations().join("expected.json")).expect("expected.json");
    serde_json::from_slice(&bytes).expect("expected.json is JSON")
}

fn period_of(exp: &Value) -> &str {
    exp["period"].as_str().unwrap_or(PERIOD)
}

/// Collects mismatches so that one run lists all of them.
#[derive(Default)]
struct Mismatches(Vec<String>);

impl Mismatches {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, at: &str, got: T, want: T) {
        if got != want {
            self.0.push(format!("{at}: got {got:?}, expected {want:?}"));
        }
    }

    fn ok(&mut self, at: &str, ok: bool, what: impl std::fmt::Display) {
        if !ok {
            self.0.push(format!("{at}: {what}"));
        }
    }

    fn assert_none(self) {
        assert!(self.0.is_empty(), "\n{}", self.0.join("\n"));
    }
}

#[test]
fn every_variation_reads_as_expected_json_says() {
    let dir = variations();
    let all = expected();
    // Every workbook in the folder is listed.
    let workbooks = std::fs::read_dir(&dir)
        .expect("the variations folder")
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".json"))
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".md"))
        .count();
    assert_eq!(all.len(), workbooks);
    let mut m = Mismatches::default();
    for (file, exp) in &all {
        let c = check_in(&dir, &[file], Some(period_of(exp)));
        c.assert_ran(file);
        let input = c.input(file);
        m.eq(
            &format!("{file} status"),
            str_of(&input["status"]),
            "accepted",
        );
        m.eq(
            &format!("{file} department"),
            str_of(&input["department"]),
            str_of(&exp["department"]),
        );

        // Sheets: the same names, kinds, header rows and row counts.
        let sheets: Vec<&Value> = input["sheets"].as_array().into_iter().flatten().collect();
        let names = |v: &[&Value]| -> Vec<String> {
            let mut n: Vec<String> = v.iter().map(|s| str_of(&s["name"]).to_string()).collect();
            n.sort();
            n
        };
        let want: Vec<&Value> = exp["sheets"].as_array().into_iter().flatten().collect();
        m.eq(&format!("{file} sheets"), names(&sheets), names(&want));
        for ws in want {
            let name = str_of(&ws["name"]);
            let at = format!("{file} 「{name}」");
            let Some(gs) = sheets.iter().find(|s| s["name"] == ws["name"]) else {
                continue;
            };
            m.eq(&format!("{at} kind"), &gs["kind"], &ws["kind"]);
            if !ws["header_row"].is_null() {
                m.eq(
                    &format!("{at} header_row"),
                    &gs["header_row"],
                    &ws["header_row"],
                );
            }
            // A blank row inside the table may be counted as read and
            // skipped, or not at all (expected.json leaves it open).
            let blank = ws["blank_rows"].as_array().map_or(0, Vec::len) as u64;
            for key in ["rows_read", "accepted", "rejected", "skipped"] {
                let (Some(w), Some(g)) = (ws[key].as_u64(), gs[key].as_u64()) else {
                    m.ok(&at, ws[key].is_null(), format!("{key} missing"));
                    continue;
                };
                let loose = matches!(key, "rows_read" | "skipped");
                m.ok(
                    &format!("{at} {key}"),
                    g == w || (loose && g == w + blank),
                    format!("got {g}, expected {w}"),
                );
            }
        }

        // Tasks: each expected row is a lead's report in the JSON.
        for ws in exp["sheets"].as_array().into_iter().flatten() {
            for t in ws["tasks"].as_array().into_iter().flatten() {
                let at = format!("{file} 「{}」 row {}", str_of(&ws["name"]), t["row"]);
                let report = c.json["tasks"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|task| task["id"] == t["task"])
                    .flat_map(|task| task["reports"].as_array().into_iter().flatten())
                    .find(|r| r["sheet"] == ws["name"] && r["row"] == t["row"]);
                let Some(r) = report else {
                    m.ok(&at, false, format!("no report of task {}", t["task"]));
                    continue;
                };
                m.eq(&format!("{at} status"), &r["status"], &t["status"]);
                let progress = r["progress"].as_f64().unwrap_or(f64::NAN);
                let want = t["progress"].as_f64().unwrap_or(f64::NAN);
                m.ok(
                    &at,
                    close(progress, want),
                    format!("progress {progress} ≠ {want}"),
                );
                m.eq(
                    &format!("{at} department"),
                    &r["department"],
                    &exp["department"],
                );
            }
        }

        // Flags raised while reading: exactly the expected ones.
        let reading: Vec<&Value> = c
            .flags()
            .into_iter()
            .filter(|f| READING.contains(&str_of(&f["code"])))
            .collect();
        let wanted: Vec<&Value> = exp["flags"].as_array().into_iter().flatten().collect();
        let matches = |want: &Value, got: &Value| {
            ["code", "row", "column", "severity"]
                .iter()
                .all(|k| want[*k].is_null() || want[*k] == got[*k])
        };
        for w in &wanted {
            m.ok(
                file,
                reading
                    .iter()
                    .any(|g| matches(w, g) && g["file"] == file.as_str()),
                format!("expected flag {w} not raised on this file"),
            );
        }
        for g in &reading {
            // percent_forms has placeholder titles 任务N: TITLE_MISMATCH may be raised.
            let allowed = g["code"] == "TITLE_MISMATCH" && file.starts_with("percent_forms");
            m.ok(
                file,
                allowed || wanted.iter().any(|w| matches(w, g)),
                format!("unexpected flag {} {}", g["code"], g["message"]),
            );
        }
        for wrong in unreconciled(&c.json) {
            m.ok(file, false, wrong);
        }
    }
    m.assert_none();
}

#[test]
fn every_variation_value_is_read_as_expected_json_says() {
    let dir = variations();
    let plan = plan();
    let mut m = Mismatches::default();
    for (file, exp) in &expected() {
        let intake = intake_of(&dir, file, period_of(exp));
        let Some(sub) = intake.submissions.first() else {
            m.ok(file, false, "no submission");
            continue;
        };
        m.eq(
            &format!("{file} department"),
            sub.department.as_deref(),
            exp["department"].as_str(),
        );
        m.eq(
            &format!("{file} 填报日期"),
            sub.filled,
            exp["filled"].as_str().map(date),
        );
        m.eq(
            &format!("{file} 报送月份"),
            sub.period.map(|p| p.to_string()),
            exp["period"].as_str().map(str::to_string),
        );
        let mut pledge = 0.0;
        let mut other = 0.0;
        for ws in exp["sheets"].as_array().into_iter().flatten() {
            let sheet = str_of(&ws["name"]);
            let row_of = |r: &Value| r["row"].as_u64().unwrap_or(0) as u32;
            for t in ws["tasks"].as_array().into_iter().flatten() {
                let at = format!("{file} 「{sheet}」 task row {}", t["row"]);
                let Some(got) = intake
                    .tasks
                    .iter()
                    .find(|r| *r.origin.sheet == *sheet && r.origin.row == row_of(t))
                else {
                    m.ok(&at, false, "not accepted");
                    continue;
                };
                m.eq(
                    &format!("{at} id"),
                    u64::from(got.task),
                    t["task"].as_u64().unwrap_or(0),
                );
                m.eq(
                    &format!("{at} status"),
                    got.status.map(|s| s.as_str()),
                    t["status"].as_str(),
                );
                let (g, w) = (
                    got.progress.unwrap_or(f64::NAN),
                    t["progress"].as_f64().unwrap_or(f64::NAN),
                );
                m.ok(&at, close(g, w), format!("progress {g} ≠ {w}"));
                if let Some(text) = t["text"].as_str() {
                    m.eq(&format!("{at} text"), got.text.as_str(), text);
                }
                if let Some(note) = t["note"].as_str() {
                    m.eq(&format!("{at} note"), got.note.as_str(), note);
                }
                for (key, field) in [("planned", got.planned), ("actual", got.actual)] {
                    if let Some(d) = t[key].as_str() {
                        m.eq(&format!("{at} {key}"), field, Some(date(d)));
                    }
                }
                for (header, value) in t["extra"].as_object().into_iter().flatten() {
                    let pair = (header.clone(), str_of(value).to_string());
                    m.ok(
                        &at,
                        got.extra.contains(&pair),
                        format!("extra {pair:?} not kept"),
                    );
                }
                if t["leads"].is_array() {
                    m.ok(&at, got.is_lead, "read as a contribution, not the lead's");
                }
            }
            for f in ws["figures"].as_array().into_iter().flatten() {
                let at = format!("{file} 「{sheet}」 figure row {}", f["row"]);
                let Some(got) = intake
                    .figures
                    .iter()
                    .find(|r| *r.origin.sheet == *sheet && r.origin.row == row_of(f))
                else {
                    m.ok(&at, false, "not accepted");
                    continue;
                };
                m.eq(
                    &format!("{at} id"),
                    got.figure.as_str(),
                    str_of(&f["figure"]),
                );
                for (key, field) in [
                    ("month_value", got.month_value),
                    ("cumulative", got.cumulative),
                    ("last_year", got.last_year),
                ] {
                    let Some(want) = f.get(key) else { continue };
                    let ok = match (field, want.as_f64()) {
                        (Some(g), Some(w)) => close(g, w),
                        (None, None) => true,
                        _ => false,
                    };
                    m.ok(&at, ok, format!("{key} {field:?} ≠ {want}"));
                }
                if let Some(d) = f["done"].as_str() {
                    m.eq(&format!("{at} done"), got.done, Some(date(d)));
                }
            }
            for l in ws["ledger"].as_array().into_iter().flatten() {
                let at = format!("{file} 「{sheet}」 ledger row {}", l["row"]);
                let Some(got) = intake
                    .ledgers
                    .iter()
                    .find(|r| **r.sheet == *sheet && r.row == row_of(l))
                else {
                    m.ok(&at, false, "not accepted");
                    continue;
                };
                // Keys are folded (full-width brackets and digits to ASCII)
                // so that one case written two ways counts once.
                let key = import::value::fold(str_of(&l["key"]));
                m.eq(&format!("{at} key"), got.key, key.as_ref());
                m.eq(
                    &format!("{at} date"),
                    got.date,
                    l["date"].as_str().map(date),
                );
                if let Some(kind) = l["type"].as_str() {
                    m.eq(&format!("{at} type"), got.category, kind);
                }
                if let Some(p) = l["pledge"].as_bool() {
                    m.eq(&format!("{at} pledge"), got.pledge, p);
                }
                if let Some(fast) = l["fast_track"].as_bool() {
                    m.eq(&format!("{at} fast track"), got.fast_track, fast);
                }
                let yi = l["amount_yi"]
                    .as_f64()
                    .or_else(|| l["amount_wan"].as_f64().map(|w| w / 10_000.0));
                if let Some(yi) = yi {
                    let g = got.amount.unwrap_or(f64::NAN);
                    m.ok(&at, close(g, yi), format!("amount {g} 亿元 ≠ {yi}"));
                    if got.pledge {
                        pledge += g;
                    } else {
                        other += g;
                    }
                }
                if let Some(days) = l["workdays"].as_i64() {
                    let got_days = got
                        .accepted
                        .zip(got.date)
                        .map(|(a, d)| plan.calendar.working_days_between(a, d));
                    m.eq(&format!("{at} working days"), got_days, Some(days));
                }
            }
            for r in ws["skipped_rows"].as_array().into_iter().flatten() {
                let skipped = intake.unaccepted.iter().any(|u| {
                    *u.origin.sheet == *sheet
                        && u.origin.row == row_of(&serde_json::json!({ "row": r }))
                        && u.disposition == Disposition::Skipped
                });
                m.ok(file, skipped, format!("row {r} of 「{sheet}」 not skipped"));
                let task = intake.tasks.iter().any(|t| {
                    *t.origin.sheet == *sheet && Some(u64::from(t.origin.row)) == r.as_u64()
                });
                m.ok(file, !task, format!("row {r} of 「{sheet}」 became a task"));
            }
        }
        if let Some(totals) = exp["totals_yi"].as_object() {
            let want_pledge = totals["I6_pledge"].as_f64().unwrap_or(f64::NAN);
            let want_other = totals["I5_other"].as_f64().unwrap_or(f64::NAN);
            m.ok(
                file,
                close(pledge, want_pledge),
                format!("pledge {pledge} ≠ {want_pledge}"),
            );
            m.ok(
                file,
                close(other, want_other),
                format!("other {other} ≠ {want_other}"),
            );
        }
    }
    m.assert_none();
}

// ------------------------------------------------------------ formats

fn formats() -> PathBuf {
    fixtures().join("formats")
}

/// Broken files, each with a word its reason must contain.
const BROKEN: &[(&str, &str)] = &[
    ("encrypted.xlsx", "密码"),
    ("truncated.xlsx", "损坏"),
    ("random.xlsx", "无法识别"),
    ("html.xls", "网页"),
    ("csv.xls", "CSV"),
    ("empty.xlsx", "空"),
    ("ole_not_excel.xls", "WPS"),
    ("calamine_panic.xls", "损坏"),
    // A Word note under a spreadsheet's name: read by its content, no table.
    ("word.xlsx", "没有表格"),
];

/// Files that read: the task table in five formats and three odd workbooks
/// that hold no recognisable table.
const READABLE: &[&str] = &[
    "tasks.xlsx",
    "tasks_lo.xlsx",
    "tasks.xlsm",
    "tasks.xls",
    "tasks.ods",
    "formula_nocache.xlsx",
    "chartsheet.xlsx",
    "huge_extent.xlsx",
];

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn each_readable_format_reads_without_unreadable_file() {
    let dir = formats();
    for file in READABLE {
        let c = check_in(&dir, &[file], Some(PERIOD));
        c.assert_ran(file);
        assert!(
            !c.codes().contains(&"UNREADABLE_FILE"),
            "{file}: {:?}",
            c.codes()
        );
        let input = c.input(file);
        assert_eq!(input["status"], "accepted", "{file}");
        if file.starts_with("tasks") {
            let sheet = &input["sheets"][0];
            assert_eq!(
                (str_of(&sheet["name"]), str_of(&sheet["kind"])),
                ("任务进展", "tasks"),
                "{file}"
            );
            // The table starts at B2: the header is on row 5 whatever the format.
            assert_eq!(sheet["header_row"], 5, "{file}");
            assert_eq!(sheet["rows_read"], 3, "{file}");
            assert_eq!(sheet["accepted"], 3, "{file}");
            assert_eq!(input["department"], "保护处", "{file}");
        } else {
            assert_eq!(c.codes(), vec!["NO_DATA"], "{file}");
        }
    }
}

#[test]
fn each_broken_file_is_one_unreadable_file_with_a_reason_and_what_to_do() {
    let dir = formats();
    for (file, word) in BROKEN {
        let c = check_in(&dir, &[file], Some(PERIOD));
        c.assert_ran(file);
        assert_eq!(code(&c.out), 1, "{file}");
        assert_eq!(c.codes(), vec!["UNREADABLE_FILE"], "{file}");
        let input = c.input(file);
        assert_eq!(input["status"], "unreadable", "{file}");
        let reason = str_of(&input["reason"]);
        assert!(has_cjk(reason), "{file}: {reason}");
        assert!(reason.contains(word), "{file}: {reason}");
        // What to do: re-save, or send something else.
        assert!(reason.contains('请'), "{file}: {reason}");
        let flag = c.flags()[0];
        assert_eq!(flag["file"], *file);
        assert!(str_of(&flag["message"]).contains(reason), "{file}: {flag}");
        let text = c.stdout();
        assert!(text.contains(&format!("文件：{file}")), "{text}");
        assert!(text.contains("[错误] 文件无法读取"), "{text}");
        assert!(
            text.lines()
                .last()
                .unwrap_or_default()
                .contains("没有读到可以报送的表格"),
            "{text}"
        );
    }
}

#[test]
fn broken_files_do_not_stop_the_others_on_the_command_line() {
    let dir = formats();
    let mut files: Vec<&str> = BROKEN.iter().map(|(f, _)| *f).collect();
    files.insert(3, "tasks_lo.xlsx");
    files.push("README.md");
    let c = check_in(&dir, &files, Some(PERIOD));
    c.assert_ran("broken and readable files together");
    assert_eq!(code(&c.out), 1);
    let statuses: BTreeMap<&str, &str> = c.json["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| (str_of(&i["file"]), str_of(&i["status"])))
        .collect();
    assert_eq!(statuses.len(), files.len(), "{statuses:?}");
    for (file, _) in BROKEN {
        assert_eq!(statuses[file], "unreadable", "{file}");
        let n = c
            .flags()
            .iter()
            .filter(|f| f["code"] == "UNREADABLE_FILE" && f["file"] == *file)
            .count();
        assert_eq!(n, 1, "{file}");
    }
    assert_eq!(statuses["README.md"], "ignored");
    assert_eq!(statuses["tasks_lo.xlsx"], "accepted");
    assert_eq!(c.input("tasks_lo.xlsx")["sheets"][0]["accepted"], 3);
    assert_eq!(
        c.codes()
            .iter()
            .filter(|c| **c == "UNREADABLE_FILE")
            .count(),
        BROKEN.len()
    );
    // The readable file is checked as usual: its department's tasks.
    assert!(c.codes().contains(&"MISSING_TASK"), "{:?}", c.codes());
    assert!(c.stdout().contains("文件：tasks_lo.xlsx（保护处）"));
}

// ------------------------------------------------------------ filled template

fn filled() -> PathBuf {
    fixtures().join("filled")
}

const FILLED: &[&str] = &[
    "保护处_2025-03_openpyxl.xlsx",
    "保护处_2025-03_libreoffice.xlsx",
    "保护处_2025-03_libreoffice.ods",
];

#[test]
fn a_template_filled_by_other_programs_reads_back_with_no_flags() {
    let dir = filled();
    for file in FILLED {
        let c = check_in(&dir, &[file], Some(PERIOD));
        c.assert_ran(file);
        assert_eq!(code(&c.out), 0, "{file}\n{}", c.stdout());
        assert!(c.flags().is_empty(), "{file}: {:?}", c.json["flags"]);
        let text = c.stdout();
        assert!(text.contains("未发现问题。"), "{text}");
        assert!(
            text.lines().last().unwrap_or_default().contains("可以报送"),
            "{text}"
        );
        let kinds: Vec<(&str, &str, u64)> = c.input(file)["sheets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| s["kind"] != "other")
            .map(|s| {
                (
                    str_of(&s["name"]),
                    str_of(&s["kind"]),
                    s["accepted"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("任务进展", "tasks", 7),
                ("量化指标", "figures", 3),
                ("纠纷调解台账", "mediation", 4)
            ],
            "{file}"
        );

        let intake = intake_of(&dir, file, PERIOD);
        let sub = &intake.submissions[0];
        assert_eq!(sub.department.as_deref(), Some("保护处"), "{file}");
        assert_eq!(sub.filled, Some(date("2025-04-03")), "{file}");
        assert_eq!(sub.period.map(|p| p.to_string()).as_deref(), Some(PERIOD));
        let tasks: Vec<(u32, &str, f64)> = intake
            .tasks
            .iter()
            .map(|t| {
                (
                    t.task,
                    t.status.map_or("", |s| s.as_str()),
                    t.progress.unwrap_or(-1.0),
                )
            })
            .collect();
        assert_eq!(
            tasks,
            vec![
                (3, "推进中", 30.0),
                (9, "推进中", 40.0),
                (10, "已完成", 100.0),
                (11, "推进中", 35.0),
                (12, "未启动", 0.0),
                (13, "滞后", 20.0),
                (14, "推进中", 25.0),
            ],
            "{file}"
        );
        let t10 = intake.tasks.iter().find(|t| t.task == 10).expect("task 10");
        assert_eq!(t10.actual, Some(date("2025-03-20")), "{file}");
        assert_eq!(t10.planned, Some(date("2025-12-31")), "{file}");
        let t13 = intake.tasks.iter().find(|t| t.task == 13).expect("task 13");
        assert!(t13.problems.contains("司法确认"), "{file}: {t13:?}");
        assert_eq!(t13.next_steps, "4月中旬召开专题协调会", "{file}");
        type Figure<'a> = (&'a str, Option<f64>, Option<f64>, Option<NaiveDate>);
        let figures: Vec<Figure> = intake
            .figures
            .iter()
            .map(|f| (f.figure.as_str(), f.month_value, f.cumulative, f.done))
            .collect();
        assert_eq!(
            figures,
            vec![
                ("I4", Some(265.0), Some(800.0), None),
                ("11.1", None, None, Some(date("2025-03-15"))),
                ("12.1", Some(0.0), Some(1.0), None),
            ],
            "{file}"
        );
        let ledger: Vec<(&str, Option<NaiveDate>, &str)> = intake
            .ledgers
            .iter()
            .map(|l| (l.key, l.date, l.category))
            .collect();
        assert_eq!(
            ledger,
            vec![
                ("(2025)浦知调字第0301号", Some(date("2025-03-03")), "专利"),
                ("(2025)浦知调字第0302号", Some(date("2025-03-05")), "商标"),
                ("(2025)浦知调字第0303号", Some(date("2025-03-12")), "著作权"),
                ("(2025)浦知调字第0304号", Some(date("2025-03-24")), "专利"),
            ],
            "{file}"
        );
    }
}

/// The cells of one row as text, by column.
fn row_text(sheet: &RawSheet, row: u32) -> Vec<(u32, String)> {
    sheet
        .cells()
        .iter()
        .filter(|(r, ..)| *r == row)
        .map(|(_, c, v)| (*c, import::value::text(v).into_owned()))
        .collect()
}

/// Column A below the header (the pre-filled ids) as text.
fn ids(sheet: &RawSheet) -> Vec<String> {
    sheet
        .cells()
        .iter()
        .filter(|(r, c, _)| *r > 2 && *c == 0)
        .map(|(.., v)| import::value::text(v).into_owned())
        .collect()
}

#[test]
fn the_filled_fixture_is_todays_template() {
    // If this fails, the template changed: run
    // `python3 tests/fixtures/fill_template.py` to fill the new one.
    let tmp = tempdir();
    let out = tmp.path().to_str().expect("a UTF-8 path");
    let o = run(&[
        "template",
        "--period",
        PERIOD,
        "--department",
        "保护处",
        "-o",
        out,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let blank_path = std::fs::read_dir(tmp.path())
        .expect("the output folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("a template");
    let blank = import::read::read(&blank_path).expect("the template reads");
    let mine = import::read::read(&filled().join(FILLED[0])).expect("the fixture reads");
    let names = |b: &import::RawWorkbook| -> Vec<String> {
        b.sheets.iter().map(|s| s.name.clone()).collect()
    };
    assert_eq!(names(&mine), names(&blank));
    for (a, b) in blank.sheets.iter().zip(&mine.sheets) {
        assert_eq!(row_text(a, 2), row_text(b, 2), "header of 「{}」", a.name);
        if a.name == "任务进展" || a.name == "量化指标" {
            assert_eq!(ids(a), ids(b), "ids in 「{}」", a.name);
        }
    }
}

// ------------------------------------------------------------ accounting

#[test]
fn every_fixture_sheet_reconciles_rows_read() {
    let sets: Vec<(PathBuf, Vec<String>)> = [variations(), formats(), filled()]
        .into_iter()
        .map(|dir| {
            let mut files: Vec<String> = std::fs::read_dir(&dir)
                .expect("a fixture folder")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            files.sort();
            (dir, files)
        })
        .collect();
    for (dir, files) in &sets {
        let names: Vec<&str> = files.iter().map(String::as_str).collect();
        let c = check_in(dir, &names, Some(PERIOD));
        c.assert_ran(&dir.display().to_string());
        assert_eq!(
            c.json["inputs"].as_array().map_or(0, Vec::len),
            files.len(),
            "{}",
            dir.display()
        );
        let wrong = unreconciled(&c.json);
        assert!(wrong.is_empty(), "{}:\n{}", dir.display(), wrong.join("\n"));
        let rows = c.json["totals"]["rows_read"].as_u64().unwrap_or(0);
        assert!(rows > 0, "{}: nothing read", dir.display());
    }
}

// ------------------------------------------------------------ samples

/// The department a sample file belongs to, by its name.
fn sample_department(file: &str) -> Option<&'static str> {
    [
        ("保护处", "保护处"),
        ("办公室", "办公室"),
        ("发展与促进处", "发展促进处"),
        ("保护中心", "保护中心"),
        ("监管与预警处", "监管与预警处"),
    ]
    .into_iter()
    .find(|(word, _)| file.contains(word))
    .map(|(_, d)| d)
}

/// Reading flags the samples carry on purpose (samples/README.md): month,
/// department, code.
const PLANTED_READING: &[(&str, &str, &str)] = &[
    // Cases closed in January, accepted in December 2024.
    ("2025-01", "保护处", "DATE_OUT_OF_RANGE"),
    ("2025-02", "保护处", "DATE_OUT_OF_RANGE"),
    ("2025-06", "保护中心", "NOT_LEAD"),
    ("2025-06", "发展促进处", "STATUS_INCONSISTENT"),
];

/// Ledger sheets and their row counts per month, from samples/facts.json.
fn ledger_rows(facts: &Value, month: &str) -> BTreeMap<&'static str, u64> {
    let l = &facts["months"][month]["ledgers"];
    let n = |kind: &str| l[kind]["rows"].as_u64().unwrap_or(0);
    BTreeMap::from([
        ("works", n("works")),
        ("mediation", n("mediation")),
        ("finance", n("finance")),
        (
            "prereview",
            n("prereview") + l["prereview"]["rows_2024_sheet"].as_u64().unwrap_or(0),
        ),
    ])
}

#[test]
fn each_sample_department_checks_its_own_files_without_false_alarms() {
    let facts: Value =
        serde_json::from_slice(&std::fs::read(samples().join("facts.json")).expect("facts.json"))
            .expect("facts.json is JSON");
    let mut m = Mismatches::default();
    for month in [
        "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
    ] {
        let dir = samples().join(month);
        let mut by_department: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for e in std::fs::read_dir(&dir).expect("a month folder").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let sheet_like =
                name.ends_with(".xlsx") || name.ends_with(".xls") || name.ends_with(".ods");
            if let (Some(d), false, true) =
                (sample_department(&name), name.starts_with("~$"), sheet_like)
            {
                by_department.entry(d).or_default().push(name);
            }
        }
        assert_eq!(by_department.len(), 5, "{month}: {by_department:?}");
        let mut ledgers: BTreeMap<&'static str, u64> = BTreeMap::new();
        for (department, files) in &by_department {
            let at = format!("{month} {department}");
            let names: Vec<&str> = files.iter().map(String::as_str).collect();
            // No --period: the files say which month they report.
            let c = check_in(&dir, &names, None);
            c.assert_ran(&at);
            m.eq(&format!("{at} period"), str_of(&c.json["period"]), month);
            for input in c.json["inputs"].as_array().into_iter().flatten() {
                m.eq(
                    &format!("{at} {}", input["file"]),
                    str_of(&input["department"]),
                    department,
                );
                for s in input["sheets"].as_array().into_iter().flatten() {
                    if let Some(kind) = ["works", "mediation", "finance", "prereview"]
                        .into_iter()
                        .find(|k| s["kind"] == *k)
                    {
                        *ledgers.entry(kind).or_default() += s["rows_read"].as_u64().unwrap_or(0);
                    }
                }
            }
            for wrong in unreconciled(&c.json) {
                m.ok(&at, false, wrong);
            }
            for f in c.flags() {
                let code = str_of(&f["code"]);
                let planted = match code {
                    _ if READING.contains(&code) => {
                        PLANTED_READING.contains(&(month, *department, code))
                    }
                    "MISSING_TASK" => {
                        (month, *department, &f["task"])
                            == ("2025-06", "监管与预警处", &Value::from(15))
                    }
                    "OVERDUE" => {
                        (matches!(month, "2025-03" | "2025-04") && f["figure"] == "2.1")
                            || (month == "2025-06" && f["task"] == 11)
                    }
                    "MISSING_INDICATOR" | "UNKNOWN_DEPARTMENT" => false,
                    // Behind schedule, off target, due soon, the ledger's
                    // figures: judgements on true values, not false alarms.
                    _ => true,
                };
                m.ok(&at, planted, format!("unexpected {code}: {}", f["message"]));
            }
        }
        m.eq(
            &format!("{month} ledger rows"),
            ledgers,
            ledger_rows(&facts, month),
        );
    }
    m.assert_none();
}

// ------------------------------------------------------------ what a clerk reads

#[test]
fn a_clean_department_file_reads_like_this() {
    let c = check_in(
        &samples().join("2025-06"),
        &["发展与促进处2025年6月重点工作推进表.xls"],
        None,
    );
    c.assert_ran("2025-06 发展促进处");
    assert_eq!(
        c.stdout(),
        "\
发展促进处 自查结果（报送月份 2025年6月）

文件：发展与促进处2025年6月重点工作推进表.xls（发展促进处）
  工作表「推进表」：任务进展，读取 10 行，采纳 6，拒收 0，跳过 4
  工作表「主要指标」：量化指标，读取 6 行，采纳 6，拒收 0，跳过 0
  工作表「运用转化台账」：运用转化台账，读取 74 行，采纳 74，拒收 0，跳过 0
  [警告] 工作表「推进表」D13：完成状态为已完成，但完成进度为80%，请核对。（STATUS_INCONSISTENT）

没有发现错误（警告 1 条、提示 0 条），可以报送；警告请核实后再报。
"
    );
}

#[test]
fn each_finding_names_its_sheet_and_cell_under_its_file() {
    let files = ["tasks.xlsx", "empty.xlsx", "chartsheet.xlsx"];
    let c = check_in(&formats(), &files, Some(PERIOD));
    c.assert_ran("tasks.xlsx and friends");
    let text = c.stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "保护处 自查结果（报送月份 2025年3月）");

    // Grouped by file, in the order given (sorted by name).
    let heads: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("文件："))
        .collect();
    assert_eq!(
        heads,
        vec![
            "文件：chartsheet.xlsx（部门未识别）",
            "文件：empty.xlsx（部门未识别）",
            "文件：tasks.xlsx（保护处）"
        ]
    );
    let group = |file: &str| -> Vec<&str> {
        let start = lines
            .iter()
            .position(|l| l.starts_with(&format!("文件：{file}")))
            .expect("the file's group");
        lines[start + 1..]
            .iter()
            .copied()
            .take_while(|l| l.starts_with("  "))
            .collect()
    };
    assert_eq!(
        group("tasks.xlsx")[0],
        "  工作表「任务进展」：任务进展，读取 3 行，采纳 3，拒收 0，跳过 0"
    );
    assert!(group("empty.xlsx")[0].starts_with("  [错误] 文件无法读取：文件是空的"));
    assert!(group("chartsheet.xlsx")[0].starts_with("  [警告] 未找到可识别的报表"));

    // Every flag is one line under its file, naming sheet and cell when it
    // has them, in plain Chinese with the code only at the end.
    for f in c.flags() {
        let code = str_of(&f["code"]);
        let file = str_of(&f["file"]);
        let mut place = String::new();
        if let Some(sheet) = f["sheet"].as_str() {
            place.push_str(&format!("工作表「{sheet}」"));
        }
        place.push_str(&cell_of(f));
        let sep = if place.is_empty() { "" } else { "：" };
        let severity = severity_word(f);
        let line = format!(
            "  [{severity}] {place}{sep}{}（{code}）",
            str_of(&f["message"])
        );
        assert!(
            group(file).contains(&line.as_str()),
            "{line}\nnot under {file}:\n{text}"
        );
        let message = str_of(&f["message"]);
        assert!(has_cjk(message), "{message}");
        assert!(
            !message.contains('_') && !message.contains(code),
            "a code in the sentence: {message}"
        );
        // The sheet and cell are said once, before the message.
        if let Some(sheet) = f["sheet"].as_str() {
            assert!(!message.starts_with(sheet), "{message}");
        }
        if severity == "错误" {
            assert!(
                message.contains('请'),
                "an error says what to do: {message}"
            );
        }
    }
    let expected_cells = [
        "[警告] 工作表「任务进展」C6：任务编号为13",
        "[警告] 工作表「任务进展」F7：完成进度是公式“=F6+0.4”",
        "[警告] 工作表「任务进展」E7：完成状态为已完成",
        "[警告] 工作表「任务进展」B8：第15项",
        "[错误] 工作表「任务进展」：保护处未报送第3项任务",
    ];
    for cell in expected_cells {
        assert!(text.contains(cell), "{cell}\n{text}");
    }
    // Missing tasks: a hint to check all of the department's files together.
    assert!(
        lines[lines.len() - 2].contains("请把这些文件一起自查"),
        "{text}"
    );
    assert_eq!(
        *lines.last().expect("a last line"),
        format!(
            "发现错误 {} 条、警告 {} 条、提示 0 条：请按提示修改错误后再报送。",
            c.flags()
                .iter()
                .filter(|f| f["severity"] == "error")
                .count(),
            c.flags()
                .iter()
                .filter(|f| f["severity"] == "warning")
                .count()
        )
    );
}

#[test]
fn a_file_that_names_no_month_is_checked_for_a_month_said_aloud() {
    let c = check_in(&variations(), &["columns_shuffled_extra.xlsx"], None);
    c.assert_ran("columns_shuffled_extra.xlsx");
    let text = c.stdout();
    let second = text.lines().nth(1).unwrap_or_default();
    assert!(second.starts_with("文件未写明报送月份，暂按"), "{text}");
    assert!(
        second.contains(&format!("--period {}", str_of(&c.json["period"]))),
        "{text}"
    );
}

#[test]
fn a_lock_file_alone_raises_nothing_and_is_not_to_send() {
    let dir = samples().join("2025-06");
    let c = check_in(
        &dir,
        &["~$办公室_2025年6月工作要点推进情况.xlsx", ".DS_Store"],
        None,
    );
    c.assert_ran("lock file and hidden file");
    assert_eq!(code(&c.out), 0);
    assert!(c.flags().is_empty(), "{:?}", c.codes());
    let text = c.stdout();
    assert!(text.contains("已跳过：Excel/WPS 的临时锁定文件"), "{text}");
    assert!(
        text.lines()
            .last()
            .unwrap_or_default()
            .starts_with("没有读到可以报送的表格"),
        "{text}"
    );
}

// ------------------------------------------------------------ exit codes

#[test]
fn exit_codes_say_clean_flagged_or_could_not_run() {
    let filled = filled().join(FILLED[0]);
    let filled = filled.to_str().expect("a UTF-8 path");
    let tasks = formats().join("tasks.xlsx");
    let tasks = tasks.to_str().expect("a UTF-8 path");
    assert_eq!(code(&run(&["check", filled, "--period", PERIOD])), 0);
    assert_eq!(code(&run(&["check", tasks, "--period", PERIOD])), 1);

    let tmp = tempdir();
    let bad_plan = tmp.path().join("plan.toml");
    std::fs::write(&bad_plan, "name = [\n").expect("written");
    let bad_plan = bad_plan.to_str().expect("a UTF-8 path");
    let missing = tmp.path().join("保护处.xlsx");
    let missing = missing.to_str().expect("a UTF-8 path");
    let json = tmp.path().join("out.json");
    let json = json.to_str().expect("a UTF-8 path");
    let cases: &[(&[&str], &str)] = &[
        (&["check", filled, missing, "--json", json], "找不到文件"),
        (&["check", filled, "--period", "2025-13"], "2025-13"),
        (&["check", filled, "--period", "三月"], "YYYY-MM"),
        (&["check", filled, "--period", "2024-03"], "不在计划年度"),
        (
            &["check", filled, "--plan", "/nonexistent/plan.toml"],
            "plan",
        ),
        (&["check", filled, "--plan", bad_plan], "plan.toml"),
        (&["check"], "<文件>"),
    ];
    for (args, says) in cases {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
        let err = stderr(&o);
        // clap's own argument errors speak as the tool does.
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert!(
        !Path::new(json).exists(),
        "no report when the check could not run"
    );
}
