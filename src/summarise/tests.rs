//! The summary as the pipeline makes it from intakes built in code.

use chrono::NaiveDate;

use super::*;
use crate::check::Scope;
use crate::flag::{Code, Severity};
use crate::import::sample::{Builder, d, january, p, plan};
use crate::import::{FileStatus, Status, Submission};
use crate::measure::{self, FigureMeasure};
use crate::plan::LedgerKind;

fn summary(period: &str, current: Intake, history: &[(Period, Intake)]) -> Summary {
    crate::pipeline::run(&plan(), p(period), current, history, &Scope::Month)
}

fn task(s: &Summary, id: u32) -> &TaskLine {
    s.tasks.iter().find(|t| t.id == id).unwrap()
}

#[test]
fn two_leads_consolidate_to_the_worst_and_lowest() {
    let current = Builder::new("2025-04")
        .task(
            "保护处",
            13,
            Some(Status::InProgress),
            Some(60.0),
            "调解委员会运行",
        )
        .task(
            "保护中心",
            13,
            Some(Status::NotStarted),
            Some(20.0),
            "待启动",
        )
        .task("发展促进处", 13, Some(Status::InProgress), None, "配合")
        .task("保护处", 10, Some(Status::Done), Some(100.0), "已完成")
        .build();
    let s = summary("2025-04", current, &[]);
    let t13 = task(&s, 13);
    assert_eq!(t13.status, TaskStatus::NotStarted);
    assert_eq!(t13.progress, Some(20.0));
    let leads: Vec<_> = t13.reports.iter().map(|r| r.department.as_str()).collect();
    assert_eq!(leads, ["保护处", "保护中心"]);
    assert_eq!(t13.reports[0].text, "调解委员会运行");
    assert_eq!(t13.contributions.len(), 1);
    assert_eq!(t13.contributions[0].department, "发展促进处");
    assert_eq!(t13.light, Light::Yellow, "未启动 after the first quarter");

    // 保护中心 sent no report on task 10: 未报送, red, its report empty.
    let t10 = task(&s, 10);
    assert_eq!(t10.status, TaskStatus::NotReported);
    assert_eq!(t10.light, Light::Red);
    assert_eq!(t10.reports[1].file, None);
    assert!(t10.flag_count >= 1, "MISSING_TASK for 保护中心");
}

#[test]
fn task_lights_follow_the_flags() {
    let office = |b: Builder, t: u32, status: Status, planned: Option<NaiveDate>| {
        b.task_planned(
            "办公室",
            t,
            Some(status),
            Some(50.0),
            &format!("任务{t}进展"),
            planned,
        )
    };
    let feb = Builder::new("2025-05")
        .task(
            "办公室",
            23,
            Some(Status::InProgress),
            Some(40.0),
            "同样的话",
        )
        .build();
    let b = Builder::new("2025-06");
    let b = office(b, 2, Status::Done, None);
    let b = office(b, 22, Status::Behind, None);
    let b = b.task(
        "办公室",
        23,
        Some(Status::InProgress),
        Some(50.0),
        "同样的话",
    );
    let b = office(b, 24, Status::InProgress, None);
    let b = office(b, 25, Status::InProgress, Some(d(2025, 7, 15)));
    let current = b
        .figure("办公室", "2.1", None, None, Some(d(2025, 3, 20)))
        .figure("办公室", "24.1", Some(2.0), None, None)
        .figure("办公室", "24.2", Some(1.0), None, None)
        .build();
    let s = summary("2025-06", current, &[(p("2025-05"), feb)]);
    let lights: Vec<_> = [2, 22, 23, 24, 25]
        .iter()
        .map(|&i| task(&s, i).light)
        .collect();
    assert_eq!(
        lights,
        [
            Light::Green,  // done, its milestone done
            Light::Red,    // self-reported 滞后
            Light::Yellow, // STALE_PROGRESS
            Light::Yellow, // 24.1 behind: 2 < 15 × 6/12
            Light::Blue,   // planned date within July
        ]
    );
}

fn measure_of(value: Option<f64>, expected: Option<f64>, done: Option<NaiveDate>) -> FigureMeasure {
    FigureMeasure {
        id: String::new(),
        ledger_sent: false,
        ledger: None,
        reported: value,
        ytd: None,
        reported_ytd: None,
        last_year: None,
        done,
        value,
        source: Source::Reported,
        expected,
        report: None,
        reporter: None,
    }
}

#[test]
fn figure_lights_by_kind() {
    let plan = plan();
    let t = plan.thresholds;
    let mar = p("2025-03");
    let light = |id: &str, v: Option<f64>, done: Option<NaiveDate>, period: Period| {
        let f = plan.figure(id).unwrap();
        let e = measure::expected(plan.year, f, period);
        figure_light(f, &measure_of(v, e, done), period, &t)
    };
    // I4 expected 750 in March; red below 675.
    assert_eq!(light("I4", Some(750.0), None, mar), Light::Green);
    assert_eq!(light("I4", Some(700.0), None, mar), Light::Yellow);
    assert_eq!(light("I4", Some(612.0), None, mar), Light::Red);
    assert_eq!(light("I4", None, None, mar), Light::Red);
    assert_eq!(light("I1", Some(104.0), None, mar), Light::Yellow);
    assert_eq!(light("I9", Some(4.2), None, mar), Light::Green);
    assert_eq!(light("I9", Some(5.0), None, mar), Light::Yellow);
    // Dated milestone 2.1, due 2025-03-31.
    assert_eq!(light("2.1", None, None, p("2025-01")), Light::Green);
    assert_eq!(light("2.1", None, None, p("2025-02")), Light::Blue);
    assert_eq!(light("2.1", None, None, mar), Light::Red);
    assert_eq!(light("2.1", None, Some(d(2025, 3, 5)), mar), Light::Green);
    // Count milestone 5.1 (4 批 by year end).
    assert_eq!(light("5.1", Some(3.0), None, p("2025-12")), Light::Red);
    assert_eq!(light("5.1", Some(4.0), None, p("2025-12")), Light::Green);
    assert_eq!(light("5.1", Some(4.0), None, p("2025-11")), Light::Green);
    assert_eq!(light("5.1", Some(3.7), None, p("2025-11")), Light::Blue);
}

#[test]
fn figure_lines_carry_value_source_and_completion() {
    let current = (0..812)
        .fold(Builder::new("2025-03"), |b, i| {
            b.ledger(
                "保护处",
                LedgerKind::Mediation,
                &format!("TJ{i}"),
                d(2025, 1 + i % 3, 10),
            )
        })
        .figure("保护处", "I4", Some(800.0), None, None)
        .figure("监管与预警处", "I9", Some(4.0), None, None)
        .build();
    let s = summary("2025-03", current, &january());
    let i4 = s.figures.iter().find(|f| f.figure.id == "I4").unwrap();
    assert_eq!(
        (i4.value, i4.source, i4.reported),
        (Some(812.0), Source::Ledger, Some(800.0))
    );
    assert_eq!((i4.expected, i4.completion), (Some(750.0), Some(0.2707)));
    assert_eq!(i4.light, Light::Green);
    let i9 = s.figures.iter().find(|f| f.figure.id == "I9").unwrap();
    assert_eq!((i9.source, i9.completion), (Source::Reported, Some(1.25)));
    let i2 = s.figures.iter().find(|f| f.figure.id == "I2").unwrap();
    assert_eq!(
        (i2.value, i2.source, i2.light),
        (None, Source::None, Light::Red)
    );
}

#[test]
fn totals_reconcile_over_every_sheet() {
    let mut current = Builder::new("2025-03")
        .task("保护处", 9, Some(Status::InProgress), Some(10.0), "a")
        .task("保护处", 11, Some(Status::InProgress), Some(10.0), "b")
        .ledger("保护中心", LedgerKind::Prereview, "Y1", d(2025, 3, 1))
        .build();
    current.submissions[0].sheets[0].rows_read += 3;
    current.submissions[0].sheets[0].rejected += 1;
    current.submissions[0].sheets[0].skipped += 2;
    current.submissions.push(Submission {
        file: "2025-03/~$保护处.xlsx".into(),
        path: "x".into(),
        status: FileStatus::Ignored,
        department: None,
        reason: Some("临时文件".into()),
        filled: None,
        filled_at: None,
        period: None,
        sheets: Vec::new(),
    });
    let s = summary("2025-03", current, &[]);
    let t = s.totals;
    assert_eq!(t.files, 3);
    assert_eq!(
        (t.rows_read, t.accepted, t.rejected, t.skipped),
        (6, 3, 1, 2)
    );
    assert_eq!(t.rows_read, t.accepted + t.rejected + t.skipped);
}

#[test]
fn departments_count_their_flags_and_lateness() {
    let current = Builder::new("2025-03")
        .task("保护处", 9, Some(Status::InProgress), Some(10.0), "a")
        .filled("保护处", d(2025, 4, 7))
        .build();
    let s = summary("2025-03", current, &[]);
    let line = |n: &str| s.departments.iter().find(|d| d.name == n).unwrap();
    let bh = line("保护处");
    assert!(bh.submitted && bh.late);
    assert_eq!((bh.tasks_assigned, bh.tasks_reported), (7, 1));
    assert_eq!(bh.files, ["2025-03/保护处.xlsx"]);
    let errors = s
        .flags
        .iter()
        .filter(|f| f.severity() == Severity::Error && f.department.as_deref() == Some("保护处"))
        .count();
    assert_eq!(bh.errors, errors);
    assert!(bh.errors >= 6, "six tasks missing");
    assert!(!line("办公室").submitted);
    assert_eq!(s.departments.len(), 5);
}

#[test]
fn a_departments_files_leave_out_ignored_ones() {
    let mut current = Builder::new("2025-06")
        .task("办公室", 22, Some(Status::InProgress), Some(10.0), "a")
        .build();
    for (file, status) in [
        ("2025-06/~$办公室.xlsx", FileStatus::Ignored),
        ("2025-06/办公室-补充.xlsx", FileStatus::Unreadable),
    ] {
        current.submissions.push(Submission {
            file: file.into(),
            path: "x".into(),
            status,
            department: Some("办公室".into()),
            reason: Some("x".into()),
            filled: None,
            filled_at: None,
            period: None,
            sheets: Vec::new(),
        });
    }
    let s = summary("2025-06", current, &[]);
    let office = s.departments.iter().find(|d| d.name == "办公室").unwrap();
    // An unreadable file was sent (and is flagged); a lock file was not.
    assert_eq!(
        office.files,
        ["2025-06/办公室.xlsx", "2025-06/办公室-补充.xlsx"]
    );
}

#[test]
fn trends_cover_history_and_the_current_month() {
    let jan = Builder::new("2025-01")
        .figure("保护处", "I4", Some(200.0), None, None)
        .task("保护处", 9, Some(Status::InProgress), Some(10.0), "a")
        .build();
    let feb = Builder::new("2025-02")
        .figure("保护处", "I4", Some(450.0), None, None)
        .build();
    let mar = Builder::new("2025-03")
        .figure("保护处", "I4", Some(700.0), None, None)
        .build();
    let s = summary("2025-03", mar, &[(p("2025-02"), feb), (p("2025-01"), jan)]);
    let i4: Vec<_> = s
        .figure_trend
        .iter()
        .filter(|t| t.figure == "I4")
        .map(|t| (t.period.as_str(), t.value, t.expected))
        .collect();
    assert_eq!(
        i4,
        [
            ("2025-01", Some(200.0), Some(250.0)),
            ("2025-02", Some(450.0), Some(500.0)),
            ("2025-03", Some(700.0), Some(750.0)),
        ]
    );
    let months: Vec<_> = s.task_trend.iter().map(|t| t.period.as_str()).collect();
    assert_eq!(months, ["2025-01", "2025-02", "2025-03"]);
    assert!(
        s.task_trend
            .iter()
            .all(|t| t.red + t.yellow + t.blue + t.green == 25)
    );
    assert_eq!(s.task_trend[0].reported, 1);
}

#[test]
fn flags_are_the_intake_s_and_the_month_s_sorted() {
    let mut current = Builder::new("2025-03").build();
    current
        .flags
        .push(Flag::new(Code::NoData, "x").file("2025-03/a.xlsx"));
    let s = summary("2025-03", current, &[]);
    assert!(s.flags.iter().any(|f| f.code == Code::NoData));
    assert!(s.flags.iter().any(|f| f.code == Code::MissingSubmission));
    let mut sorted = s.flags.clone();
    crate::flag::sort(&mut sorted);
    assert_eq!(sorted, s.flags);
}

#[test]
fn the_bureau_and_plan_overlap_is_said_once() {
    let titled = |bureau: &str, name: &str| {
        let mut s = summary("2025-04", Builder::new("2025-04").build(), &[]);
        s.bureau = bureau.into();
        s.plan = name.into();
        s.heading()
    };
    assert_eq!(
        titled(
            "上海市浦东新区知识产权局",
            "浦东新区知识产权局2025年工作要点"
        ),
        "上海市浦东新区知识产权局2025年工作要点"
    );
    assert_eq!(
        titled("浦东新区知识产权局", "浦东新区知识产权局2025年工作要点"),
        "浦东新区知识产权局2025年工作要点"
    );
    assert_eq!(titled("某某局", "2026年工作要点"), "某某局 2026年工作要点");
    assert_eq!(titled("", "2026年工作要点"), "2026年工作要点");
}
