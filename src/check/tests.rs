//! The rules on intakes built in code.

use super::*;
use crate::import::Cells;
use crate::import::sample::{Builder, d, january, p, plan, refs};
use crate::measure::measure;
use crate::plan::LedgerKind;

fn run_scoped(
    period: &str,
    current: &Intake,
    history: &[(Period, Intake)],
    scope: &Scope,
) -> Vec<Flag> {
    let plan = plan();
    let period = p(period);
    let history = refs(history);
    let m = measure(&plan, period, current, &history);
    check(&plan, period, current, &history, &m, scope)
}

fn run(period: &str, current: &Intake, history: &[(Period, Intake)]) -> Vec<Flag> {
    run_scoped(period, current, history, &Scope::Month)
}

fn of(flags: &[Flag], code: Code) -> Vec<&Flag> {
    flags.iter().filter(|f| f.code == code).collect()
}

/// Every task 办公室 leads, reported 推进中.
fn office(b: Builder) -> Builder {
    [2, 22, 23, 24, 25].into_iter().fold(b, |b, t| {
        b.task(
            "办公室",
            t,
            Some(Status::InProgress),
            Some(50.0),
            "按计划推进",
        )
    })
}

#[test]
fn missing_submission_names_each_silent_department() {
    let current = office(Builder::new("2025-03")).build();
    let flags = run("2025-03", &current, &[]);
    let missing = of(&flags, Code::MissingSubmission);
    let names: Vec<_> = missing
        .iter()
        .filter_map(|f| f.department.as_deref())
        .collect();
    assert_eq!(names, ["发展促进处", "监管与预警处", "保护处", "保护中心"]);
    assert!(
        missing[2].message.contains("保护处未报送2025年3月"),
        "{}",
        missing[2].message
    );
    assert_eq!(missing[0].severity(), crate::flag::Severity::Error);
    // A self-check is not about the month as a whole.
    let own = run_scoped(
        "2025-03",
        &current,
        &[],
        &Scope::Departments(vec!["办公室".into()]),
    );
    assert!(of(&own, Code::MissingSubmission).is_empty());
}

#[test]
fn missing_task_only_for_departments_that_sent_something() {
    let current = Builder::new("2025-03")
        .task("办公室", 2, Some(Status::InProgress), Some(50.0), "已起草")
        .build();
    let flags = run("2025-03", &current, &[]);
    let missing = of(&flags, Code::MissingTask);
    let tasks: Vec<_> = missing.iter().filter_map(|f| f.task).collect();
    assert_eq!(tasks, [22, 23, 24, 25]);
    assert!(
        missing
            .iter()
            .all(|f| f.department.as_deref() == Some("办公室"))
    );
    assert_eq!(missing[0].file.as_deref(), Some("2025-03/办公室.xlsx"));
    assert_eq!(missing[0].sheet.as_deref(), Some("任务进展"));
    assert!(
        missing[0].message.contains("第22项任务「夯实基层党建」"),
        "{}",
        missing[0].message
    );
}

#[test]
fn missing_indicator_when_no_value_and_no_ledger() {
    let current = Builder::new("2025-03")
        .task(
            "保护处",
            9,
            Some(Status::InProgress),
            Some(30.0),
            "开展执法",
        )
        .build();
    let flags = run("2025-03", &current, &[]);
    let missing = of(&flags, Code::MissingIndicator);
    let ids: Vec<_> = missing.iter().filter_map(|f| f.figure.as_deref()).collect();
    // I4 and the count milestone 12.1; dated milestones are not asked for.
    assert_eq!(ids, ["I4", "12.1"]);
    assert!(
        missing[0].message.contains("纠纷调解台账"),
        "{}",
        missing[0].message
    );

    // A ledger (or a reported value) settles it.
    let current = Builder::new("2025-03")
        .ledger("保护处", LedgerKind::Mediation, "TJ-1", d(2025, 1, 3))
        .ledger("保护处", LedgerKind::Mediation, "TJ-2", d(2025, 2, 3))
        .ledger("保护处", LedgerKind::Mediation, "TJ-3", d(2025, 3, 3))
        .figure("保护处", "12.1", Some(1.0), None, None)
        .build();
    let flags = run("2025-03", &current, &january());
    assert!(of(&flags, Code::MissingIndicator).is_empty(), "{flags:#?}");
}

#[test]
fn missing_indicator_for_growth_without_last_year() {
    let current = Builder::new("2025-03")
        .figure("保护中心", "I7", Some(1200.0), None, None)
        .build();
    let flags = run("2025-03", &current, &[]);
    let missing = of(&flags, Code::MissingIndicator);
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].message.contains("上年同期"),
        "{}",
        missing[0].message
    );
    // The empty 上年同期 cell is what to fill.
    assert_eq!(
        (missing[0].row, missing[0].column.as_deref()),
        (Some(4), Some("F"))
    );
}

#[test]
fn overdue_milestones_and_planned_dates() {
    let current = office(Builder::new("2025-04"))
        .task_planned(
            "发展促进处",
            5,
            Some(Status::InProgress),
            Some(40.0),
            "筛选中",
            Some(d(2025, 3, 31)),
        )
        .task_planned(
            "发展促进处",
            1,
            Some(Status::Done),
            Some(100.0),
            "已完成",
            Some(d(2025, 3, 31)),
        )
        .build();
    let flags = run("2025-04", &current, &[]);
    let overdue = of(&flags, Code::Overdue);
    // 2.1 (due 3-31, no completion date) and task 5's planned date; task 1 is done.
    let about: Vec<_> = overdue
        .iter()
        .map(|f| (f.task, f.figure.as_deref()))
        .collect();
    assert_eq!(about, [(Some(2), Some("2.1")), (Some(5), None)]);
    assert!(
        overdue[0].message.contains("2025年3月31日"),
        "{}",
        overdue[0].message
    );
    assert_eq!(overdue[1].file.as_deref(), Some("2025-04/发展促进处.xlsx"));
    assert_eq!(overdue[1].row, Some(4), "at task 5's report row");
    // At the status cell, which must change; the planned date is in the message.
    assert_eq!(overdue[1].column.as_deref(), Some("D"));
    assert!(overdue[1].message.contains("计划完成时间为2025年3月31日"));
    // 2.1 has no report row: its file and sheet, no cell.
    assert_eq!((overdue[0].row, overdue[0].column.as_deref()), (None, None));

    // A completion date on or before the as-of date clears the milestone,
    // also when it was reported in an earlier month.
    let march = Builder::new("2025-03")
        .figure("办公室", "2.1", None, None, Some(d(2025, 3, 25)))
        .build();
    let flags = run(
        "2025-04",
        &office(Builder::new("2025-04")).build(),
        &[(p("2025-03"), march)],
    );
    assert!(of(&flags, Code::Overdue).is_empty(), "{flags:#?}");
}

#[test]
fn overdue_count_milestone_at_its_due_date() {
    let current = Builder::new("2025-12")
        .figure("发展促进处", "5.1", Some(3.0), None, None)
        .figure("监管与预警处", "8.1", Some(3.0), None, None)
        .build();
    let flags = run("2025-12", &current, &[]);
    let overdue: Vec<_> = of(&flags, Code::Overdue)
        .into_iter()
        .filter_map(|f| f.figure.as_deref())
        .filter(|f| ["5.1", "8.1"].contains(f))
        .collect();
    assert_eq!(overdue, ["5.1"], "8.1 met its target of 3");
}

#[test]
fn due_soon_within_the_next_month() {
    let current = office(Builder::new("2025-02"))
        .task_planned(
            "保护处",
            11,
            Some(Status::InProgress),
            Some(40.0),
            "起草方案",
            Some(d(2025, 3, 15)),
        )
        .task_planned(
            "保护处",
            12,
            Some(Status::InProgress),
            Some(40.0),
            "征集中",
            Some(d(2025, 4, 1)),
        )
        .build();
    let flags = run("2025-02", &current, &[]);
    let soon = of(&flags, Code::DueSoon);
    let about: Vec<_> = soon.iter().map(|f| (f.task, f.figure.as_deref())).collect();
    assert_eq!(about, [(Some(2), Some("2.1")), (Some(11), None)]);
    assert!(
        soon.iter()
            .all(|f| f.severity() == crate::flag::Severity::Info)
    );
    // The planned date's cell.
    assert_eq!(
        (soon[1].row, soon[1].column.as_deref()),
        (Some(4), Some("G"))
    );
}

#[test]
fn a_dated_milestone_points_at_its_completion_date() {
    // Reported without a date: overdue in April, due soon in February.
    let row = |period: &str| {
        office(Builder::new(period))
            .figure("办公室", "2.1", None, None, None)
            .build()
    };
    let flags = run("2025-04", &row("2025-04"), &[]);
    let overdue = of(&flags, Code::Overdue);
    assert_eq!(overdue.len(), 1, "{overdue:#?}");
    assert_eq!(
        (
            overdue[0].sheet.as_deref(),
            overdue[0].row,
            overdue[0].column.as_deref()
        ),
        (Some("量化指标"), Some(4), Some("G"))
    );
    let flags = run("2025-02", &row("2025-02"), &[]);
    let soon = of(&flags, Code::DueSoon);
    assert_eq!(soon.len(), 1, "{soon:#?}");
    assert_eq!(
        (soon[0].row, soon[0].column.as_deref()),
        (Some(4), Some("G"))
    );

    // A sheet without a 完成日期 column: the date goes in 累计值.
    let mut current = row("2025-04");
    current.figures[0].cells = Cells::new([(Field::FigureId, 0), (Field::Cumulative, 2)]);
    let flags = run("2025-04", &current, &[]);
    assert_eq!(of(&flags, Code::Overdue)[0].column.as_deref(), Some("C"));
    // Nor that: the row, no cell.
    current.figures[0].cells = Cells::default();
    let flags = run("2025-04", &current, &[]);
    let overdue = of(&flags, Code::Overdue);
    assert_eq!(
        (overdue[0].row, overdue[0].column.as_deref()),
        (Some(4), None)
    );
}

#[test]
fn behind_schedule_message_has_the_numbers() {
    let current = Builder::new("2025-03")
        .figure("保护处", "I4", Some(612.0), None, None)
        .figure("办公室", "24.1", Some(4.0), None, None)
        .build();
    let flags = run("2025-03", &current, &[]);
    let behind = of(&flags, Code::BehindSchedule);
    assert_eq!(behind.len(), 1, "24.1: 4 ≥ 15 × 3/12 = 3.75");
    assert!(
        behind[0].message.starts_with(
            "I4 知识产权纠纷调解案件数：累计 612 件，序时进度应达 750 件（目标 3,000 件 × 3/12），完成 81.6%。"
        ),
        "{}",
        behind[0].message
    );
    assert_eq!(behind[0].department.as_deref(), Some("保护处"));
    assert_eq!(behind[0].file.as_deref(), Some("2025-03/保护处.xlsx"));
    // The 累计值 cell of I4's row.
    assert_eq!(
        (behind[0].row, behind[0].column.as_deref()),
        (Some(4), Some("E"))
    );
}

#[test]
fn off_target_for_level_growth_and_upper_bounds() {
    let current = Builder::new("2025-03")
        .figure("监管与预警处", "I1", Some(106.0), None, None)
        .figure("监管与预警处", "I3", Some(50.0), None, None)
        .figure("监管与预警处", "I9", Some(5.4), None, None)
        .figure("保护中心", "I7", Some(1200.0), Some(1100.0), None)
        .build();
    let flags = run("2025-03", &current, &[]);
    let off: Vec<_> = of(&flags, Code::IndicatorOffTarget)
        .into_iter()
        .filter_map(|f| f.figure.as_deref())
        .collect();
    assert_eq!(off, ["I3", "I7", "I9"], "I1 106 > 105 holds");
    let i7 = flags
        .iter()
        .find(|f| f.figure.as_deref() == Some("I7"))
        .map(|f| f.message.clone())
        .unwrap_or_default();
    assert!(i7.contains("增长 9.1%"), "{i7}");
    let column = |id: &str| {
        of(&flags, Code::IndicatorOffTarget)
            .into_iter()
            .find(|f| f.figure.as_deref() == Some(id))
            .and_then(|f| f.column.clone())
    };
    assert_eq!(column("I3").as_deref(), Some("E"));
    assert_eq!(column("I7").as_deref(), Some("E"), "this year's count");
}

#[test]
fn a_level_figure_reported_as_the_months_value_points_there() {
    let mut current = Builder::new("2025-03")
        .figure("监管与预警处", "I3", None, None, None)
        .build();
    current.figures[0].month_value = Some(50.0);
    let flags = run("2025-03", &current, &[]);
    let off = of(&flags, Code::IndicatorOffTarget);
    assert_eq!(off.len(), 1, "{off:#?}");
    assert_eq!((off[0].row, off[0].column.as_deref()), (Some(4), Some("D")));
}

#[test]
fn mismatch_beyond_tolerance_only() {
    let ledger = |b: Builder, n: usize| {
        (0..n).fold(b, |b, i| {
            b.ledger(
                "保护处",
                LedgerKind::Mediation,
                &format!("TJ-{i}"),
                d(2025, 1 + (i % 3) as u32, 3),
            )
        })
    };
    let current = ledger(Builder::new("2025-03"), 200)
        .figure("保护处", "I4", Some(203.0), None, None)
        .build();
    let flags = run("2025-03", &current, &january());
    let mismatch = of(&flags, Code::IndicatorMismatch);
    assert_eq!(mismatch.len(), 1);
    assert!(
        mismatch[0]
            .message
            .contains("报送累计值 203 件，纠纷调解台账统计为 200 件，相差 1.5%"),
        "{}",
        mismatch[0].message
    );
    assert_eq!(
        (
            mismatch[0].sheet.as_deref(),
            mismatch[0].row,
            mismatch[0].column.as_deref()
        ),
        (Some("量化指标"), Some(4), Some("E"))
    );
    let current = ledger(Builder::new("2025-03"), 200)
        .figure("保护处", "I4", Some(201.0), None, None)
        .build();
    assert!(
        of(
            &run("2025-03", &current, &january()),
            Code::IndicatorMismatch
        )
        .is_empty()
    );
}

#[test]
fn stale_progress_against_last_month() {
    let feb = Builder::new("2025-02")
        .task(
            "保护处",
            9,
            Some(Status::InProgress),
            Some(20.0),
            "开展专项执法行动",
        )
        .task(
            "保护处",
            11,
            Some(Status::InProgress),
            Some(20.0),
            "起草方案",
        )
        .task("保护处", 12, Some(Status::Done), Some(100.0), "已发布")
        .build();
    let mar = Builder::new("2025-03")
        .task(
            "保护处",
            9,
            Some(Status::InProgress),
            Some(30.0),
            " 开展专项执法行动\n",
        )
        .task(
            "保护处",
            11,
            Some(Status::InProgress),
            Some(40.0),
            "方案已报局务会",
        )
        .task("保护处", 12, Some(Status::Done), Some(100.0), "已发布")
        .build();
    let flags = run("2025-03", &mar, &[(p("2025-02"), feb)]);
    let stale = of(&flags, Code::StaleProgress);
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(stale[0].task, Some(9));
    assert_eq!(
        (stale[0].row, stale[0].column.as_deref()),
        (Some(4), Some("F")),
        "the 本月进展 cell"
    );
    assert!(
        stale[0].message.contains("2025年2月"),
        "{}",
        stale[0].message
    );
}

#[test]
fn progress_regressed_in_percent_or_status() {
    let feb = Builder::new("2025-02")
        .task("保护处", 9, Some(Status::InProgress), Some(60.0), "a")
        .task("保护处", 11, Some(Status::Done), Some(100.0), "b")
        .task("保护处", 12, Some(Status::InProgress), Some(30.0), "c")
        .task("保护处", 13, Some(Status::Done), Some(100.0), "d")
        .build();
    let mar = Builder::new("2025-03")
        .task("保护处", 9, Some(Status::InProgress), Some(40.0), "a2")
        .task("保护处", 11, Some(Status::InProgress), Some(100.0), "b2")
        .task("保护处", 12, Some(Status::InProgress), Some(50.0), "c2")
        .task("保护处", 13, Some(Status::InProgress), Some(70.0), "d2")
        .build();
    let flags = run("2025-03", &mar, &[(p("2025-02"), feb)]);
    let regressed = of(&flags, Code::ProgressRegressed);
    let tasks: Vec<_> = regressed.iter().filter_map(|f| f.task).collect();
    assert_eq!(tasks, [9, 11, 13]);
    assert!(
        regressed[0]
            .message
            .contains("完成进度 40%，低于2025年2月的 60%")
    );
    assert!(regressed[1].message.contains("已报「已完成」"));
    // The percentage's cell, or the status's when the status went back.
    let columns: Vec<_> = regressed.iter().map(|f| f.column.as_deref()).collect();
    assert_eq!(columns, [Some("E"), Some("D"), Some("D")]);
    // Both went back: the status, with the percentage beside it.
    assert!(
        regressed[2]
            .message
            .contains("2025年2月已报「已完成」，本月为「推进中」（完成进度 70%）"),
        "{}",
        regressed[2].message
    );
}

#[test]
fn late_submission_after_the_fifth() {
    let current = office(Builder::new("2025-03"))
        .filled("办公室", d(2025, 4, 8))
        .task("保护处", 9, None, None, "x")
        .filled("保护处", d(2025, 4, 5))
        .build();
    let flags = run("2025-03", &current, &[]);
    let late: Vec<_> = of(&flags, Code::LateSubmission)
        .into_iter()
        .filter_map(|f| f.department.as_deref())
        .collect();
    assert_eq!(late, ["办公室"]);
    // At the 填报日期 cell.
    let f = of(&flags, Code::LateSubmission)[0];
    assert_eq!(
        (
            f.file.as_deref(),
            f.sheet.as_deref(),
            f.row,
            f.column.as_deref()
        ),
        (
            Some("2025-03/办公室.xlsx"),
            Some("任务进展"),
            Some(2),
            Some("G")
        )
    );
}

#[test]
fn department_scope_keeps_to_its_own_tasks() {
    let current = Builder::new("2025-03")
        .task("保护处", 9, Some(Status::InProgress), Some(30.0), "x")
        .task("办公室", 2, Some(Status::InProgress), Some(30.0), "y")
        .build();
    let flags = run_scoped(
        "2025-03",
        &current,
        &[],
        &Scope::Departments(vec!["保护处".into()]),
    );
    assert!(!flags.is_empty());
    assert!(
        flags
            .iter()
            .all(|f| f.department.as_deref() == Some("保护处")),
        "{flags:#?}"
    );
}
