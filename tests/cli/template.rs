//! Integration tests for `workplan template`: the files written, what each
//! lists (read back with calamine), the drop-downs and protection (the sheet
//! XML inside the xlsx), aliases, errors and reproducibility.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use workplan::import::SheetKind;
use workplan::import::vocab::{self, FIGURE_COLUMNS, TASK_COLUMNS};
use workplan::period::Period;
use workplan::plan::{self, Plan};
use workplan::report::template;

use crate::util::{run, stderr, stdout, tempdir};

const PERIOD: &str = "2025-03";

fn plan() -> Plan {
    plan::load_default().expect("the default plan loads")
}

fn period() -> Period {
    PERIOD.parse().expect("a period")
}

/// Runs `workplan template` into `dir` with extra `args`.
fn write_templates(dir: &Path, args: &[&str]) -> std::process::Output {
    let dir = dir.to_str().expect("a UTF-8 path");
    let mut all = vec!["template", "--period", PERIOD, "-o", dir];
    all.extend_from_slice(args);
    run(&all)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the output folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

/// Row 3 (0-based 2) is the header; data follow until the first empty first cell.
const HEADER: u32 = 2;

fn header(range: &Range<Data>, n: usize) -> Vec<String> {
    (0..n as u32).map(|c| text(range, HEADER, c)).collect()
}

fn first_column(range: &Range<Data>) -> Vec<String> {
    (HEADER + 1..)
        .map(|r| text(range, r, 0))
        .take_while(|s| !s.is_empty())
        .collect()
}

/// The XML of the sheet at `index` (0-based, workbook order) inside the xlsx.
fn sheet_xml(path: &Path, index: usize) -> String {
    let mut zip = zip::ZipArchive::new(File::open(path).expect("the workbook")).expect("a zip");
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{}.xml", index + 1))
        .expect("the sheet part")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    xml
}

fn path_of(dir: &Path, department: &str) -> PathBuf {
    dir.join(template::file_name(department, period()))
}

#[test]
fn one_file_per_department_that_must_report() {
    let plan = plan();
    let dir = tempdir();
    let out = write_templates(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut expected: Vec<String> = plan
        .departments
        .iter()
        .filter(|d| plan.must_report(&d.name))
        .map(|d| template::file_name(&d.name, period()))
        .collect();
    expected.sort();
    assert_eq!(files_in(dir.path()), expected);
    assert!(expected.contains(&"2025年3月_保护处_工作要点推进情况表.xlsx".to_string()));
    // One line per file, naming the path.
    let said = stdout(&out);
    assert_eq!(said.lines().count(), expected.len(), "{said}");
    assert!(
        said.contains("2025年3月_保护中心_工作要点推进情况表.xlsx"),
        "{said}"
    );
}

#[test]
fn each_lists_exactly_its_tasks_figures_and_ledgers() {
    let plan = plan();
    let dir = tempdir();
    let out = write_templates(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    for d in plan
        .departments
        .iter()
        .filter(|d| plan.must_report(&d.name))
    {
        let path = path_of(dir.path(), &d.name);
        let mut book: Xlsx<_> = open_workbook(&path).expect("calamine opens the template");
        let tasks: Vec<String> = plan
            .tasks_led_by(&d.name)
            .map(|t| t.id.to_string())
            .collect();
        let figures: Vec<String> = plan
            .figures_owned_by(&d.name)
            .map(|f| f.id.clone())
            .collect();
        let ledgers = plan.ledgers_kept_by(&d.name);

        let mut sheets = vec![template::GUIDE_SHEET.to_string()];
        if !tasks.is_empty() {
            sheets.push(SheetKind::Tasks.title().to_string());
        }
        if !figures.is_empty() {
            sheets.push(SheetKind::Figures.title().to_string());
        }
        sheets.extend(ledgers.iter().map(|l| l.title().to_string()));
        assert_eq!(book.sheet_names(), sheets, "{}", d.name);

        if !tasks.is_empty() {
            let r = book
                .worksheet_range(SheetKind::Tasks.title())
                .expect("任务进展");
            let names: Vec<&str> = TASK_COLUMNS.iter().map(|c| c.name).collect();
            assert_eq!(header(&r, names.len()), names, "{}", d.name);
            assert_eq!(first_column(&r), tasks, "{}", d.name);
            assert_eq!(text(&r, 1, 0), format!("填报单位：{}", d.name));
            assert!(
                (0..12).any(|c| text(&r, 1, c) == "报送月份：2025年3月"),
                "{}",
                d.name
            );
            assert!((0..12).any(|c| text(&r, 1, c).starts_with("填报日期")));
            assert_eq!(text(&r, 0, 0), format!("{}推进情况表", plan.name));
            // Leads of a two-lead task are joined with 、.
            for (i, id) in tasks.iter().enumerate() {
                let task = plan.task(id.parse().expect("an id")).expect("a task");
                assert_eq!(text(&r, HEADER + 1 + i as u32, 1), task.title);
                assert_eq!(text(&r, HEADER + 1 + i as u32, 2), task.leads.join("、"));
            }
        }
        if !figures.is_empty() {
            let r = book
                .worksheet_range(SheetKind::Figures.title())
                .expect("量化指标");
            let names: Vec<&str> = FIGURE_COLUMNS.iter().map(|c| c.name).collect();
            assert_eq!(header(&r, names.len()), names, "{}", d.name);
            assert_eq!(first_column(&r), figures, "{}", d.name);
        }
        for kind in ledgers {
            let r = book.worksheet_range(kind.title()).expect("a ledger sheet");
            let columns = vocab::columns(SheetKind::Ledger(kind));
            let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
            assert_eq!(
                header(&r, names.len()),
                names,
                "{} {}",
                d.name,
                kind.title()
            );
            assert!(first_column(&r).is_empty(), "ledgers start empty");
        }
    }
}

#[test]
fn targets_and_planned_dates_are_prefilled() {
    let dir = tempdir();
    let out = write_templates(dir.path(), &["--department", "办公室"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut book: Xlsx<_> = open_workbook(path_of(dir.path(), "办公室")).expect("a workbook");

    let r = book.worksheet_range("任务进展").expect("任务进展");
    let planned = TASK_COLUMNS
        .iter()
        .position(|c| c.name == "计划完成时间")
        .expect("column") as u32;
    let row_of = |id: &str| {
        (HEADER + 1..HEADER + 40)
            .find(|&row| text(&r, row, 0) == id)
            .expect("the task row")
    };
    // Tasks of the annual plan are due at year end (2025-12-31, serial 46022);
    // task 2's milestone 2.1 (due 2025-03-31) is on the 量化指标 sheet.
    match r.get_value((row_of("2"), planned)) {
        Some(Data::DateTime(d)) => assert_eq!(d.as_f64(), 46022.0),
        other => panic!("planned date of task 2: {other:?}"),
    }

    let r = book.worksheet_range("量化指标").expect("量化指标");
    let target = FIGURE_COLUMNS
        .iter()
        .position(|c| c.name == "目标值")
        .expect("column") as u32;
    let row = (HEADER + 1..HEADER + 40)
        .find(|&row| text(&r, row, 0) == "24.1")
        .expect("milestone 24.1");
    assert_eq!(text(&r, row, target), "≥15 次");
}

#[test]
fn status_is_a_drop_down_and_sheets_are_protected() {
    let dir = tempdir();
    let out = write_templates(dir.path(), &["--department", "保护处"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = path_of(dir.path(), "保护处");
    let book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    let names = book.sheet_names();
    let index = |name: &str| names.iter().position(|n| n == name).expect(name);

    let tasks = sheet_xml(&path, index("任务进展"));
    assert!(
        tasks.contains(r#"<dataValidation type="list""#),
        "no drop-down"
    );
    let words: Vec<&str> = workplan::import::Status::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert!(
        tasks.contains(&format!("\"{}\"", words.join(","))),
        "status list"
    );
    assert!(
        tasks.contains("<sheetProtection"),
        "task sheet not protected"
    );
    assert!(
        !tasks.contains("password="),
        "protection must have no password"
    );
    assert!(tasks.contains(r#"type="decimal""#), "progress validation");
    assert!(tasks.contains("<autoFilter"), "autofilter");
    assert!(tasks.contains(r#"state="frozen""#), "frozen header");

    let ledger = sheet_xml(&path, index("纠纷调解台账"));
    assert!(ledger.contains("<sheetProtection"));
    assert!(
        ledger.contains(r#"type="date""#),
        "date validation on the ledger"
    );

    // Input cells are unlocked in the styles.
    let mut zip = zip::ZipArchive::new(File::open(&path).expect("file")).expect("zip");
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .expect("styles")
        .read_to_string(&mut styles)
        .expect("UTF-8");
    assert!(styles.contains(r#"locked="0""#), "no unlocked cell format");
}

#[test]
fn finance_ledger_offers_deal_types() {
    let dir = tempdir();
    let out = write_templates(dir.path(), &["--department", "发展与促进处"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = path_of(dir.path(), "发展促进处");
    let book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    let names = book.sheet_names();
    let i = names
        .iter()
        .position(|n| n == "运用转化台账")
        .expect("finance ledger");
    let xml = sheet_xml(&path, i);
    assert!(
        xml.contains(&format!("\"{}\"", vocab::DEAL_TYPES.join(","))),
        "deal types"
    );
}

#[test]
fn department_alias_writes_only_that_department() {
    let dir = tempdir();
    let out = write_templates(dir.path(), &["--department", "知识产权保护中心"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files_in(dir.path()),
        vec!["2025年3月_保护中心_工作要点推进情况表.xlsx".to_string()]
    );
}

#[test]
fn unknown_department_exits_2_and_lists_the_departments() {
    let dir = tempdir();
    let out = write_templates(dir.path(), &["--department", "财务处"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("财务处"), "{err}");
    for name in ["办公室", "发展促进处", "监管与预警处", "保护处", "保护中心"]
    {
        assert!(err.contains(name), "{err}");
    }
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn a_period_outside_the_plan_year_exits_2() {
    let dir = tempdir();
    let d = dir.path().to_str().expect("UTF-8");
    let out = run(&["template", "--period", "2024-12", "-o", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--period 2025-"), "{}", stderr(&out));
}

#[test]
fn same_inputs_give_byte_identical_files() {
    let (a, b) = (tempdir(), tempdir());
    assert!(write_templates(a.path(), &[]).status.success());
    assert!(write_templates(b.path(), &[]).status.success());
    let names = files_in(a.path());
    assert_eq!(names, files_in(b.path()));
    for name in names {
        let x = std::fs::read(a.path().join(&name)).expect("a");
        let y = std::fs::read(b.path().join(&name)).expect("b");
        assert!(x == y, "{name} differs between runs");
    }
    // No temporary files are left behind.
    assert!(files_in(a.path()).iter().all(|n| n.ends_with(".xlsx")));
}
