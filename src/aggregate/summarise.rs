//! Summarising a period: tasks consolidated across their leads with 督办
//! lights, figures with their lights, departments, reconciled totals, and
//! the month-by-month trends. Plain Rust over tens of rows; the ledger work
//! was done with polars when measuring.

use super::measure::{FigureMeasure, Measures, earlier, latest_task_report, measure_with};
use super::{
    DepartmentLine, FigureLine, LeadReport, Light, Summary, TaskLine, TaskStatus, TaskTrend,
    Totals, TrendPoint,
};
use crate::check::month::{Scope, check_with};
use crate::check::{self, Code, Flag, Severity};
use crate::import::{FileStatus, Intake, SheetKind, TaskReport};
use crate::period::Period;
use crate::plan::{Comparator, Figure, FigureKind, Plan, Task, Thresholds};

/// Builds the period's summary. `flags` are the month-level flags
/// ([`crate::check::month::check`]); the intake's own flags are added and all
/// are sorted with [`check::sort`].
pub fn summarise(
    plan: &Plan,
    period: Period,
    current: Intake,
    history: &[(Period, Intake)],
    measures: Measures,
    flags: Vec<Flag>,
) -> Summary {
    let mut all_flags = current.flags.clone();
    all_flags.extend(flags);
    check::sort(&mut all_flags);

    let tasks = task_lines(plan, period, &current, &all_flags);
    let figures = figure_lines(plan, period, &measures);
    let departments = department_lines(plan, period, &current, &all_flags);
    let totals = totals(&current);
    let (figure_trend, task_trend) = trends(plan, period, history, &measures, &figures, &tasks);

    let Intake {
        submissions,
        tasks: task_details,
        figures: figure_details,
        ledgers: _,
        unaccepted,
        flags: _,
    } = current;
    Summary {
        period,
        as_of: period.as_of(),
        plan: plan.name.clone(),
        bureau: plan.bureau.clone(),
        inputs: submissions,
        tasks,
        figures,
        departments,
        flags: all_flags,
        totals,
        ledgers: measures.stats.tallies,
        figure_trend,
        task_trend,
        task_details,
        figure_details,
        unaccepted,
    }
}

// ------------------------------------------------------------ tasks

/// One lead's status for consolidation: 未报送 without a report; a report
/// with an empty status counts as 已完成 at 100%, 推进中 with some progress
/// or text, else 未启动.
pub fn task_status(report: Option<&TaskReport>) -> TaskStatus {
    let Some(r) = report else {
        return TaskStatus::NotReported;
    };
    match r.status {
        Some(s) => s.into(),
        None if r.progress.is_some_and(|p| p >= 100.0) => TaskStatus::Done,
        None if r.progress.is_some_and(|p| p > 0.0) || !r.text.trim().is_empty() => {
            TaskStatus::InProgress
        }
        None => TaskStatus::NotStarted,
    }
}

fn lead_report(department: &str, r: Option<&TaskReport>) -> LeadReport {
    LeadReport {
        department: department.to_string(),
        status: r.and_then(|r| r.status),
        progress: r.and_then(|r| r.progress),
        text: r.map(|r| r.text.clone()).unwrap_or_default(),
        problems: r.map(|r| r.problems.clone()).unwrap_or_default(),
        next_steps: r.map(|r| r.next_steps.clone()).unwrap_or_default(),
        file: r.map(|r| r.origin.file.to_string()),
        sheet: r.map(|r| r.origin.sheet.to_string()),
        row: r.map(|r| r.origin.row),
    }
}

/// One task consolidated over its leads, with its light.
fn task_line(plan: &Plan, period: Period, t: &Task, intake: &Intake, flags: &[Flag]) -> TaskLine {
    let leads: Vec<Option<&TaskReport>> = t
        .leads
        .iter()
        .map(|l| latest_task_report(intake, l, t.id))
        .collect();
    let status = leads
        .iter()
        .map(|r| task_status(*r))
        .min()
        .unwrap_or(TaskStatus::NotReported);
    let progress = leads
        .iter()
        .filter_map(|r| r.and_then(|r| r.progress))
        .min_by(f64::total_cmp);

    let mut others: Vec<&str> = intake
        .tasks
        .iter()
        .filter(|r| r.task == t.id && !t.leads.contains(&r.department))
        .map(|r| r.department.as_str())
        .collect();
    others.sort();
    others.dedup();
    let contributions = others
        .iter()
        .map(|d| lead_report(d, latest_task_report(intake, d, t.id)))
        .collect();

    let about: Vec<&Flag> = flags.iter().filter(|f| f.task == Some(t.id)).collect();
    let has = |code: Code| about.iter().any(|f| f.code == code);
    let from_lead = |code: Code| {
        about
            .iter()
            .any(|f| f.code == code && f.department.as_ref().is_some_and(|d| t.leads.contains(d)))
    };
    let light = if has(Code::Overdue)
        || leads.iter().any(|r| {
            matches!(
                task_status(*r),
                TaskStatus::NotReported | TaskStatus::Behind
            )
        }) {
        Light::Red
    } else if has(Code::BehindSchedule)
        || from_lead(Code::StaleProgress)
        || (status == TaskStatus::NotStarted && period.month > 3)
    {
        Light::Yellow
    } else if has(Code::DueSoon) {
        Light::Blue
    } else {
        Light::Green
    };

    TaskLine {
        id: t.id,
        section: t.section.clone(),
        section_title: plan
            .section(&t.section)
            .map(|s| s.title.clone())
            .unwrap_or_default(),
        title: t.title.clone(),
        leads: t.leads.clone(),
        status,
        progress,
        light,
        reports: t
            .leads
            .iter()
            .zip(&leads)
            .map(|(l, r)| lead_report(l, *r))
            .collect(),
        contributions,
        flag_count: about.len(),
    }
}

fn task_lines(plan: &Plan, period: Period, intake: &Intake, flags: &[Flag]) -> Vec<TaskLine> {
    plan.tasks
        .iter()
        .map(|t| task_line(plan, period, t, intake, flags))
        .collect()
}

// ------------------------------------------------------------ figures

/// A figure's light. Missing value: red. Cumulative figures and count
/// milestones: green at or above the expected-to-date (or once the target is
/// met), yellow from `behind_red × expected`, red below; a count milestone
/// past due and short of its target is red, one due within the next month
/// blue. Level and growth figures (and upper bounds): green when the
/// comparator holds, else yellow. Dated milestones: green when done or not
/// yet due, blue when due within the next month, red when overdue.
pub fn figure_light(f: &Figure, m: &FigureMeasure, period: Period, t: &Thresholds) -> Light {
    let as_of = period.as_of();
    let due_soon = as_of < f.due && f.due <= period.next().as_of();
    if f.kind == FigureKind::Date {
        return if m.done.is_some() || f.due > period.next().as_of() {
            Light::Green
        } else if f.due <= as_of {
            Light::Red
        } else {
            Light::Blue
        };
    }
    let Some(v) = m.value else {
        return Light::Red;
    };
    let meets = f.target.is_some_and(|target| f.comparator.holds(v, target));
    if !f.kind.is_cumulative() || !f.comparator.higher_is_better() {
        return if meets { Light::Green } else { Light::Yellow };
    }
    if meets {
        return Light::Green;
    }
    if f.kind == FigureKind::Count && f.due <= as_of {
        return Light::Red;
    }
    match m.expected {
        Some(e) if v >= e => {
            if f.kind == FigureKind::Count && due_soon {
                Light::Blue
            } else {
                Light::Green
            }
        }
        Some(e) if v >= t.behind_red * e => Light::Yellow,
        Some(_) => Light::Red,
        None => Light::Green,
    }
}

/// value / target; for upper bounds (`<`, `<=`) target / value, so that
/// above 1 still means better than the target.
fn completion(f: &Figure, value: Option<f64>) -> Option<f64> {
    let (v, t) = (value?, f.target?);
    let c = match f.comparator {
        Comparator::Gt | Comparator::Ge if t != 0.0 => v / t,
        Comparator::Lt | Comparator::Le if v > 0.0 => t / v,
        _ => return None,
    };
    Some((c * 10_000.0).round() / 10_000.0)
}

fn figure_lines(plan: &Plan, period: Period, measures: &Measures) -> Vec<FigureLine> {
    plan.figures
        .iter()
        .filter_map(|f| {
            let m = measures.figure(&f.id)?;
            Some(FigureLine {
                id: f.id.clone(),
                task: f.task,
                name: f.name.clone(),
                unit: f.unit.clone(),
                kind: f.kind,
                comparator: f.comparator,
                target: f.target,
                due: f.due,
                owner: f.owner.clone(),
                value: m.value,
                source: m.source,
                reported: m.reported,
                ledger: m.ledger,
                expected: m.expected,
                completion: completion(f, m.value),
                light: figure_light(f, m, period, &plan.thresholds),
                done: m.done,
            })
        })
        .collect()
}

// ------------------------------------------------------------ departments

fn department_lines(
    plan: &Plan,
    period: Period,
    intake: &Intake,
    flags: &[Flag],
) -> Vec<DepartmentLine> {
    let due = plan.reporting.due_date(period);
    plan.departments
        .iter()
        .map(|d| {
            let name = d.name.as_str();
            // A lock file named after the department is not one of its files.
            let mine: Vec<_> = intake
                .submissions
                .iter()
                .filter(|s| s.department.as_deref() == Some(name))
                .filter(|s| s.status != FileStatus::Ignored)
                .collect();
            let accepted: Vec<_> = mine
                .iter()
                .filter(|s| s.status == FileStatus::Accepted)
                .collect();
            let sent_ledgers: Vec<_> = accepted
                .iter()
                .flat_map(|s| &s.sheets)
                .filter(|s| s.accepted > 0)
                .filter_map(|s| match s.kind {
                    SheetKind::Ledger(k) => Some(k),
                    _ => None,
                })
                .collect();
            let filled = accepted.iter().filter_map(|s| s.filled).max();
            let count = |sev: Severity| {
                flags
                    .iter()
                    .filter(|f| f.severity == sev && f.department.as_deref() == Some(name))
                    .count()
            };
            DepartmentLine {
                name: d.name.clone(),
                submitted: !accepted.is_empty(),
                // Lock and temporary files are not submissions, even when
                // their name tells the department (`~$保护处….xlsx`).
                files: mine
                    .iter()
                    .filter(|s| s.status != FileStatus::Ignored)
                    .map(|s| s.file.clone())
                    .collect(),
                tasks_assigned: plan.tasks_led_by(name).count(),
                tasks_reported: plan
                    .tasks_led_by(name)
                    .filter(|t| latest_task_report(intake, name, t.id).is_some())
                    .count(),
                figures_owned: plan.figures_owned_by(name).count(),
                figures_reported: plan
                    .figures_owned_by(name)
                    .filter(|f| {
                        intake
                            .figures
                            .iter()
                            .any(|r| r.figure == f.id && r.department == name)
                            || f.ledger.is_some_and(|l| sent_ledgers.contains(&l.ledger))
                    })
                    .count(),
                filled,
                late: filled.is_some_and(|f| f > due),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            }
        })
        .collect()
}

/// Row counts summed over every sheet of every input.
fn totals(intake: &Intake) -> Totals {
    let mut t = Totals {
        files: intake.submissions.len(),
        ..Totals::default()
    };
    for s in intake.submissions.iter().flat_map(|s| &s.sheets) {
        t.rows_read += s.rows_read;
        t.accepted += s.accepted;
        t.rejected += s.rejected;
        t.skipped += s.skipped;
    }
    t
}

// ------------------------------------------------------------ trends

fn trend_points(plan: &Plan, period: Period, m: &Measures) -> Vec<TrendPoint> {
    plan.figures
        .iter()
        .filter(|f| f.kind != FigureKind::Date)
        .filter_map(|f| {
            let fm = m.figure(&f.id)?;
            Some(TrendPoint {
                period: period.to_string(),
                figure: f.id.clone(),
                value: fm.value,
                expected: fm.expected,
            })
        })
        .collect()
}

fn task_trend(period: Period, lines: &[TaskLine]) -> TaskTrend {
    let lights = |l: Light| lines.iter().filter(|t| t.light == l).count();
    TaskTrend {
        period: period.to_string(),
        reported: lines
            .iter()
            .filter(|t| t.status != TaskStatus::NotReported)
            .count(),
        done: lines
            .iter()
            .filter(|t| t.status == TaskStatus::Done)
            .count(),
        red: lights(Light::Red),
        yellow: lights(Light::Yellow),
        blue: lights(Light::Blue),
        green: lights(Light::Green),
    }
}

/// Figure values and task lights per month of the plan year: earlier months
/// are measured and checked again as of their own month end (their ledger
/// values from today's pooled ledgers, cut at that month), then the current
/// month's lines are appended.
fn trends(
    plan: &Plan,
    period: Period,
    history: &[(Period, Intake)],
    measures: &Measures,
    figures: &[FigureLine],
    tasks: &[TaskLine],
) -> (Vec<TrendPoint>, Vec<TaskTrend>) {
    let history = earlier(period, history);
    let mut points = Vec::new();
    let mut lights = Vec::new();
    for (i, (p, intake)) in history.iter().enumerate() {
        if p.year != plan.year {
            continue;
        }
        let before = &history[..i];
        let m = measure_with(plan, *p, intake, before, &measures.stats);
        let mut flags = check_with(plan, *p, intake, before, &m, &Scope::Month);
        flags.extend(intake.flags.iter().cloned());
        points.extend(trend_points(plan, *p, &m));
        lights.push(task_trend(*p, &task_lines(plan, *p, intake, &flags)));
    }
    // The current month: the lines already built (same values as the measures).
    points.extend(
        figures
            .iter()
            .filter(|f| f.kind != FigureKind::Date)
            .map(|f| TrendPoint {
                period: period.to_string(),
                figure: f.id.clone(),
                value: f.value,
                expected: f.expected,
            }),
    );
    lights.push(task_trend(period, tasks));
    (points, lights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Source;
    use crate::aggregate::measure;
    use crate::aggregate::sample::{Builder, d, january, p, plan};
    use crate::check::month::check;
    use crate::import::{Status, Submission};
    use crate::plan::LedgerKind;
    use chrono::NaiveDate;

    fn summary(period: &str, current: Intake, history: &[(Period, Intake)]) -> Summary {
        let plan = plan();
        let period = p(period);
        let m = measure(&plan, period, &current, history);
        let flags = check(&plan, period, &current, history, &m, &Scope::Month);
        summarise(&plan, period, current, history, m, flags)
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

    fn measure_of(
        value: Option<f64>,
        expected: Option<f64>,
        done: Option<NaiveDate>,
    ) -> FigureMeasure {
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
        let i4 = s.figures.iter().find(|f| f.id == "I4").unwrap();
        assert_eq!(
            (i4.value, i4.source, i4.reported),
            (Some(812.0), Source::Ledger, Some(800.0))
        );
        assert_eq!((i4.expected, i4.completion), (Some(750.0), Some(0.2707)));
        assert_eq!(i4.light, Light::Green);
        let i9 = s.figures.iter().find(|f| f.id == "I9").unwrap();
        assert_eq!((i9.source, i9.completion), (Source::Reported, Some(1.25)));
        let i2 = s.figures.iter().find(|f| f.id == "I2").unwrap();
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
            .filter(|f| f.severity == Severity::Error && f.department.as_deref() == Some("保护处"))
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
        check::sort(&mut sorted);
        assert_eq!(sorted, s.flags);
    }
}
