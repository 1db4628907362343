//! Helpers shared by the integration tests: running the binary, building
//! input workbooks, and reading the JSON report `check` and `merge` write.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;
use workplan::plan::{self, Plan};

/// The `workplan` executable under test.
pub fn workplan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_workplan"))
}

/// Runs `workplan` with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    workplan()
        .args(args)
        .output()
        .expect("the workplan binary runs")
}

/// stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// The committed fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The sample months (`samples/2025-01` …, with `facts.json`).
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The embedded default plan, loaded once.
pub fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| plan::load_default().expect("the default plan loads"))
}

/// Runs `workplan` with `args` in the folder `dir`, so that the paths it
/// reports (relative to the current folder) are the bare names given.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    workplan()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the workplan binary runs")
}

/// The exit code, or -1 when the process was killed by a signal.
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

// ------------------------------------------------------------ input workbooks

/// Rows of cells, as [`write_book`] takes them.
pub type Rows = Vec<Vec<String>>;

/// Rows from string arrays: `rows(&[["任务编号", "任务名称"], ["9", "…"]])`.
pub fn rows<const N: usize>(r: &[[&str; N]]) -> Rows {
    r.iter()
        .map(|row| row.iter().map(|c| (*c).to_string()).collect())
        .collect()
}

/// Whether `s` is written as a number: digits with at most one point and a
/// leading minus, no leading zero before another digit (`03` stays text).
fn plain_number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && !digits.starts_with('.')
        && !(digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."));
    ok.then(|| s.parse().ok()).flatten()
}

/// Writes an `.xlsx` with `sheets` (as [`book_bytes`] makes it), and its folder.
pub fn write_book(path: &Path, sheets: &[(&str, Rows)]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("the folder");
    }
    std::fs::write(path, book_bytes(sheets)).expect("the workbook is written");
}

/// The bytes of an `.xlsx` with `sheets` (name, rows from A1). Every cell is
/// text, except: a plain number (`3`, `0.35`) is written as a number; `'…` is
/// the text after the quote (`'03`); `=…` is a formula left without a cached
/// value, as a program that never calculates writes it; `""` is left empty.
pub fn book_bytes(sheets: &[(&str, Rows)]) -> Vec<u8> {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut wb = Workbook::new();
    let mut formulas = false;
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("a valid sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if cell.is_empty() {
                    continue;
                }
                if let Some(text) = cell.strip_prefix('\'') {
                    ws.write_string(r, c, text).expect("a cell");
                } else if cell.starts_with('=') {
                    formulas = true;
                    ws.write_formula(r, c, Formula::new(cell.as_str()))
                        .expect("a cell");
                } else if let Some(n) = plain_number(cell) {
                    ws.write_number(r, c, n).expect("a cell");
                } else {
                    ws.write_string(r, c, cell.as_str()).expect("a cell");
                }
            }
        }
    }
    let bytes = wb.save_to_buffer().expect("the workbook");
    if formulas {
        strip_formula_values(&bytes)
    } else {
        bytes
    }
}

/// The same `.xlsx` with the cached value of every formula removed
/// (rust_xlsxwriter always writes `<v>0</v>`; openpyxl writes none).
fn strip_formula_values(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().expect("an entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("entry bytes");
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(data).expect("UTF-8 XML");
            let mut stripped = String::new();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("</f><v>") {
                stripped.push_str(&rest[..at + 4]);
                rest = &rest[at + 4..];
                let end = rest.find("</v>").expect("a closed value") + 4;
                rest = &rest[end..];
            }
            stripped.push_str(rest);
            data = stripped.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("an entry");
        out.write_all(&data).expect("entry bytes");
    }
    out.finish().expect("a zip").into_inner()
}

/// The canonical 任务进展 header, as the template writes it (columns A–I).
pub const TASK_HEADER: [&str; 9] = [
    "任务编号",
    "任务名称",
    "牵头部门",
    "完成状态",
    "完成进度(%)",
    "本月进展",
    "计划完成时间",
    "实际完成时间",
    "备注",
];

/// The canonical 量化指标 header (columns A–H).
pub const FIGURE_HEADER: [&str; 8] = [
    "指标编号",
    "指标名称",
    "单位",
    "本月值",
    "累计值",
    "上年同期",
    "完成日期",
    "备注",
];

/// Reads a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("the JSON file");
    serde_json::from_str(&text).expect("valid JSON")
}

// ------------------------------------------------------------ the JSON report

/// The input `file` of a report (`inputs[]`, by its path as reported).
pub fn input<'a>(json: &'a Value, file: &str) -> &'a Value {
    json["inputs"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["file"] == file))
        .unwrap_or_else(|| panic!("no input {file} in {:#}", json["inputs"]))
}

/// What does not reconcile in a report: a sheet or the totals whose rows
/// read are not accepted, rejected and skipped together, or totals that are
/// not the sum of the sheets. Empty when all reconcile.
pub fn unreconciled(json: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let n = |v: &Value, k: &str| v[k].as_u64().unwrap_or(u64::MAX);
    let mut sums = [0u64; 4];
    let keys = ["rows_read", "accepted", "rejected", "skipped"];
    for input in json["inputs"].as_array().into_iter().flatten() {
        for sheet in input["sheets"].as_array().into_iter().flatten() {
            let [r, a, j, s] = keys.map(|k| n(sheet, k));
            if r != a + j + s {
                wrong.push(format!(
                    "{} 「{}」: read {r} ≠ {a} + {j} + {s}",
                    input["file"], sheet["name"]
                ));
            }
            for (sum, k) in sums.iter_mut().zip(keys) {
                *sum += n(sheet, k);
            }
        }
    }
    let totals = keys.map(|k| n(&json["totals"], k));
    if totals != sums {
        wrong.push(format!("totals {totals:?} ≠ the sheets' sums {sums:?}"));
    }
    if totals[0] != totals[1] + totals[2] + totals[3] {
        wrong.push(format!("totals do not reconcile: {totals:?}"));
    }
    wrong
}

/// A flag's severity as the clerk reads it: 错误, 警告 or 提示.
pub fn severity_word(flag: &Value) -> &'static str {
    match flag["severity"].as_str() {
        Some("error") => "错误",
        Some("warning") => "警告",
        _ => "提示",
    }
}

/// The cell a flag points at as the clerk reads it: `D13`, `第13行` for a
/// whole row, empty for none.
pub fn cell_of(flag: &Value) -> String {
    match (flag["column"].as_str(), flag["row"].as_u64()) {
        (Some(c), Some(row)) => format!("{c}{row}"),
        (None, Some(row)) => format!("第{row}行"),
        _ => String::new(),
    }
}
