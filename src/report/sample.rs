//! A realistic [`Summary`] for the report's tests and for looking at the
//! workbook: June 2025 of the default plan, five departments with 保护中心
//! silent, a mix of lights, I1–I9 and the milestones, ~30 flags, a few rows
//! not accepted, six months of trend and ledger tallies.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::flag::{Code, Flag, Origin};
use crate::import::{
    Cells, Disposition, FigureReport, FileStatus, SheetKind, SheetSummary, Status, Submission,
    TaskReport, Unaccepted,
};
use crate::measure::{LedgerTally, Source};
use crate::period::Period;
use crate::plan::{FigureKind, LedgerKind, Plan};
use crate::summarise::{
    DepartmentLine, FigureLine, LeadReport, Light, Summary, TaskLine, TaskStatus, TaskTrend,
    Totals, TrendPoint,
};

/// The department that sent nothing in the sample.
pub const SILENT: &str = "保护中心";
/// A progress text that looks like a formula; must stay text in the workbook.
pub const FORMULA_TEXT: &str = "=SUM(A1)";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The file a department's progress workbook is read from.
pub fn task_file(department: &str) -> String {
    format!("2025-06/{department}.xlsx")
}

/// The sample summary.
pub fn sample_summary() -> Summary {
    let plan = crate::plan::load_default().expect("the default plan loads");
    let period = Period::new(2025, 6).expect("a month");
    let as_of = period.as_of();

    let mut task_details = Vec::new();
    let mut tasks = Vec::new();
    let mut flags = Vec::new();
    let mut rows: std::collections::BTreeMap<String, u32> = Default::default();

    for task in &plan.tasks {
        let mut reports = Vec::new();
        for lead in &task.leads {
            if lead == SILENT {
                reports.push(missing(lead));
                flags.push(
                    Flag::new(
                        Code::MissingTask,
                        format!(
                            "{lead}未报送任务{}「{}」的本月进展，请补报。",
                            task.id, task.title
                        ),
                    )
                    .department(lead.as_str())
                    .task(task.id),
                );
                continue;
            }
            let row = rows.entry(lead.clone()).or_insert(3);
            *row += 1;
            let (status, progress) = match task.id % 7 {
                0 => (Status::Done, 100.0),
                1 | 4 => (Status::InProgress, 40.0 + f64::from(task.id)),
                2 if task.id == 9 => (Status::Behind, 20.0),
                3 if task.id > 20 => (Status::NotStarted, 0.0),
                _ => (Status::InProgress, 50.0 + f64::from(task.id % 5) * 5.0),
            };
            let text = match task.id {
                22 => FORMULA_TEXT.to_string(),
                23 => "-按计划推进，已召开党风廉政专题会议1次".to_string(),
                _ => format!(
                    "{}：本月召开专题推进会，形成工作方案初稿，完成阶段性目标的{}%。",
                    task.title, progress
                ),
            };
            let origin = Origin {
                file: task_file(lead).into(),
                sheet: "任务进展".into(),
                row: *row,
            };
            let report = TaskReport {
                department: lead.clone(),
                task: task.id,
                title: task.title.clone(),
                status: Some(status),
                progress: Some(progress),
                text: text.clone(),
                planned: Some(day(2025, 12, 31)),
                actual: (status == Status::Done).then(|| day(2025, 6, 20)),
                problems: if status == Status::Behind {
                    "相关部门意见尚未反馈".into()
                } else {
                    String::new()
                },
                next_steps: "继续推进".into(),
                note: String::new(),
                is_lead: true,
                filled: Some(day(2025, 7, 3)),
                extra: vec![("联系人".into(), "张三".into())],
                origin: origin.clone(),
                cells: Cells::default(),
            };
            reports.push(LeadReport {
                department: lead.clone(),
                status: Some(status),
                progress: Some(progress),
                text,
                problems: report.problems.clone(),
                next_steps: report.next_steps.clone(),
                file: Some(origin.file.to_string()),
                sheet: Some(origin.sheet.to_string()),
                row: Some(origin.row),
            });
            task_details.push(report);
        }
        let status = reports
            .iter()
            .map(|r| r.status.map_or(TaskStatus::NotReported, TaskStatus::from))
            .min()
            .unwrap_or(TaskStatus::NotReported);
        let progress = reports
            .iter()
            .filter_map(|r| r.progress)
            .min_by(f64::total_cmp);
        let light = match status {
            TaskStatus::NotReported | TaskStatus::Behind => Light::Red,
            TaskStatus::NotStarted => Light::Yellow,
            _ if [7, 17].contains(&task.id) => Light::Yellow,
            _ if [2, 16, 19].contains(&task.id) => Light::Blue,
            _ => Light::Green,
        };
        let section_title = plan
            .section(&task.section)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        tasks.push(TaskLine {
            id: task.id,
            section: task.section.clone(),
            section_title,
            title: task.title.clone(),
            leads: task.leads.clone(),
            status,
            progress: if status == TaskStatus::NotReported {
                None
            } else {
                progress
            },
            light,
            reports,
            contributions: Vec::new(),
            flag_count: 0,
        });
    }

    // A contribution by a department that does not lead task 20.
    let contribution = TaskReport {
        department: "监管与预警处".into(),
        task: 20,
        title: "加大知识产权公共服务供给".into(),
        status: Some(Status::InProgress),
        progress: Some(30.0),
        text: "配合开展知识产权公共服务进园区活动2场。".into(),
        planned: None,
        actual: None,
        problems: String::new(),
        next_steps: String::new(),
        note: String::new(),
        is_lead: false,
        filled: Some(day(2025, 7, 3)),
        extra: Vec::new(),
        origin: Origin {
            file: task_file("监管与预警处").into(),
            sheet: "任务进展".into(),
            row: 12,
        },
        cells: Cells::default(),
    };
    if let Some(t) = tasks.iter_mut().find(|t| t.id == 20) {
        t.contributions.push(LeadReport {
            department: contribution.department.clone(),
            status: contribution.status,
            progress: contribution.progress,
            text: contribution.text.clone(),
            problems: String::new(),
            next_steps: String::new(),
            file: Some(contribution.origin.file.to_string()),
            sheet: Some(contribution.origin.sheet.to_string()),
            row: Some(contribution.origin.row),
        });
    }
    flags.push(
        Flag::new(
            Code::NotLead,
            "监管与预警处不是任务20的牵头部门，其报送作为协办情况列示。",
        )
        .department("监管与预警处")
        .task(20)
        .at(&contribution.origin)
        .column("A"),
    );
    task_details.push(contribution);

    let (figures, figure_details) = sample_figures(&plan, period);
    flags.extend(row_flags(&task_details));
    flags.extend(month_flags(&figures));

    let unaccepted = sample_unaccepted();
    flags.push(
        Flag::new(
            Code::UnknownTask,
            "任务编号“26”不在2025年工作要点中（共25项），该行未采纳，请核对编号。",
        )
        .department("发展促进处")
        .at(&unaccepted[0].origin)
        .column("A"),
    );
    flags.push(
        Flag::new(
            Code::UnknownDepartment,
            "无法确定报送部门：文件名和“填报单位”均未写明部门，请在表头填写填报单位后重新报送。",
        )
        .file("2025-06/新建 Microsoft Excel 工作表.xlsx"),
    );
    flags.push(
        Flag::new(
            Code::UnreadableFile,
            "文件已加密，无法读取。请取消密码后另存为 .xlsx 重新报送。",
        )
        .file("2025-06/保护处-加密.xlsx"),
    );

    for t in &mut tasks {
        t.flag_count = flags.iter().filter(|f| f.task == Some(t.id)).count();
    }

    let departments = sample_departments(&plan, &tasks, &flags);
    let inputs = sample_inputs();
    let totals = totals(&inputs);
    let (figure_trend, task_trend) = sample_trends(&figures, &tasks);

    Summary {
        period,
        as_of,
        plan: plan.name.clone(),
        bureau: plan.bureau.clone(),
        inputs,
        tasks,
        figures,
        departments,
        flags,
        totals,
        ledgers: sample_ledgers(),
        figure_trend,
        task_trend,
        task_details,
        figure_details,
        unaccepted,
    }
}

/// A lead's empty report: it sent nothing.
fn missing(department: &str) -> LeadReport {
    LeadReport {
        department: department.to_string(),
        status: None,
        progress: None,
        text: String::new(),
        problems: String::new(),
        next_steps: String::new(),
        file: None,
        sheet: None,
        row: None,
    }
}

/// Figure lines and the reports behind them.
fn sample_figures(plan: &Plan, period: Period) -> (Vec<FigureLine>, Vec<FigureReport>) {
    // (id, value, source, reported, ledger, light)
    type Values = (
        &'static str,
        Option<f64>,
        Source,
        Option<f64>,
        Option<f64>,
        Light,
    );
    let values: &[Values] = &[
        (
            "I1",
            Some(103.2),
            Source::Reported,
            Some(103.2),
            None,
            Light::Yellow,
        ),
        (
            "I2",
            Some(118_500.0),
            Source::Ledger,
            Some(118_000.0),
            Some(118_500.0),
            Light::Yellow,
        ),
        (
            "I3",
            Some(56.1),
            Source::Reported,
            Some(56.1),
            None,
            Light::Green,
        ),
        (
            "I4",
            Some(1_620.0),
            Source::Ledger,
            Some(1_600.0),
            Some(1_620.0),
            Light::Green,
        ),
        (
            "I5",
            Some(38.6),
            Source::Ledger,
            Some(41.0),
            Some(38.6),
            Light::Red,
        ),
        (
            "I6",
            Some(52.35),
            Source::Ledger,
            Some(52.35),
            Some(52.35),
            Light::Green,
        ),
        ("I7", None, Source::None, None, None, Light::Red),
        (
            "I8",
            Some(9_800.0),
            Source::Ledger,
            Some(9_800.0),
            Some(9_800.0),
            Light::Yellow,
        ),
        (
            "I9",
            Some(4.2),
            Source::Ledger,
            None,
            Some(4.2),
            Light::Green,
        ),
        (
            "5.1",
            Some(2.0),
            Source::Reported,
            Some(2.0),
            None,
            Light::Green,
        ),
        (
            "8.1",
            Some(1.0),
            Source::Reported,
            Some(1.0),
            None,
            Light::Yellow,
        ),
        (
            "12.1",
            Some(0.0),
            Source::Reported,
            Some(0.0),
            None,
            Light::Red,
        ),
        (
            "24.1",
            Some(7.0),
            Source::Reported,
            Some(7.0),
            None,
            Light::Yellow,
        ),
        (
            "24.2",
            Some(1.0),
            Source::Reported,
            Some(1.0),
            None,
            Light::Green,
        ),
    ];
    let mut lines = Vec::new();
    let mut reports = Vec::new();
    let mut rows: std::collections::BTreeMap<String, u32> = Default::default();
    for f in &plan.figures {
        let found = values.iter().find(|v| v.0 == f.id);
        let (value, source, reported, ledger, light) = match found {
            Some(&(_, v, s, r, l, light)) => (v, s, r, l, light),
            None => (None, Source::None, None, None, Light::Green),
        };
        let (done, light) = match f.id.as_str() {
            "2.1" => (Some(day(2025, 3, 25)), Light::Green),
            "1.1" => (None, Light::Blue),
            _ => (None, light),
        };
        let expected = if f.kind.is_cumulative() {
            f.target.map(|t| t * period.time_progress())
        } else {
            None
        };
        let completion = match (value, f.target) {
            (Some(v), Some(t)) if t != 0.0 => Some(v / t),
            _ if f.kind == FigureKind::Date => Some(if done.is_some() { 1.0 } else { 0.0 }),
            _ => None,
        };
        if reported.is_some() || done.is_some() {
            let row = rows.entry(f.owner.clone()).or_insert(3);
            *row += 1;
            reports.push(FigureReport {
                department: f.owner.clone(),
                figure: f.id.clone(),
                month_value: reported.map(|r| (r / 6.0).round()),
                cumulative: reported,
                last_year: None,
                done,
                note: String::new(),
                origin: Origin {
                    file: task_file(&f.owner).into(),
                    sheet: "量化指标".into(),
                    row: *row,
                },
                cells: Cells::default(),
            });
        }
        lines.push(FigureLine {
            id: f.id.clone(),
            task: f.task,
            name: f.name.clone(),
            unit: f.unit.clone(),
            kind: f.kind,
            comparator: f.comparator,
            target: f.target,
            due: f.due,
            owner: f.owner.clone(),
            value,
            source,
            reported,
            ledger,
            expected,
            completion,
            light,
            done,
        });
    }
    (lines, reports)
}

/// Row-level flags pointing at rows of 进展明细.
fn row_flags(details: &[TaskReport]) -> Vec<Flag> {
    let mut out = Vec::new();
    for (i, r) in details.iter().enumerate().filter(|(i, _)| i % 3 == 1) {
        let (code, column, message) = match i % 4 {
            0 => (
                Code::InvalidValue,
                "E",
                "“完成进度”填写为“过半”，无法识别为百分比，请填写0-100之间的数字。",
            ),
            1 => (
                Code::StaleProgress,
                "F",
                "本月进展与上月完全相同，请更新本月工作进展。",
            ),
            2 => (
                Code::StatusInconsistent,
                "D",
                "状态为“已完成”但完成进度不足100%，请核对。",
            ),
            _ => (
                Code::EmptyProgress,
                "F",
                "未填写“本月进展”，请补充本月工作情况。",
            ),
        };
        out.push(
            Flag::new(code, message)
                .department(r.department.as_str())
                .task(r.task)
                .at(&r.origin)
                .column(column),
        );
    }
    out
}

/// Month-level flags: missing submission and indicator, behind schedule, due soon.
fn month_flags(figures: &[FigureLine]) -> Vec<Flag> {
    let mut out = vec![
        Flag::new(
            Code::MissingSubmission,
            "保护中心本月未报送任何材料，请于3个工作日内补报。",
        )
        .department(SILENT),
        Flag::new(
            Code::MissingIndicator,
            "保护中心未报送指标I7（专利快速审查预审受理量增长率），也未报送专利预审台账。",
        )
        .department(SILENT)
        .figure("I7"),
        Flag::new(
            Code::Overdue,
            "任务9计划于2025-06-15完成，截至2025-06-30仍为“滞后”。",
        )
        .department("保护处")
        .task(9),
        Flag::new(Code::DueSoon, "任务2的里程碑将于下月到期，请关注。")
            .department("办公室")
            .task(2),
        Flag::new(
            Code::DuplicateLedgerKey,
            "登记号“国作登字-2025-F-00012345”重复出现，已按一条计数。",
        )
        .department("监管与预警处")
        .file("2025-06/监管与预警处-作品登记台账.xlsx")
        .sheet("作品登记台账")
        .row(1_208)
        .column("A"),
        Flag::new(
            Code::DateOutOfRange,
            "发证日期2025-07-02晚于截止日期2025-06-30，未计入本期。",
        )
        .department("监管与预警处")
        .file("2025-06/监管与预警处-作品登记台账.xlsx")
        .sheet("作品登记台账")
        .row(3_311)
        .column("F"),
        Flag::new(
            Code::DepartmentConflict,
            "文件名为“发展与促进处”，填报单位为“发展促进处”，以填报单位为准。",
        )
        .department("发展促进处")
        .file("2025-06/发展促进处.xlsx")
        .sheet("任务进展")
        .row(2)
        .column("A"),
        Flag::new(
            Code::LateSubmission,
            "发展促进处于2025-07-08报送，晚于报送时限。",
        )
        .department("发展促进处"),
    ];
    for f in figures {
        if f.light == Light::Yellow || f.light == Light::Red {
            if f.kind.is_cumulative() && f.value.is_some() {
                out.push(
                    Flag::new(
                        Code::BehindSchedule,
                        format!("{}「{}」未达序时进度，请说明原因。", f.id, f.name),
                    )
                    .department(f.owner.as_str())
                    .figure(f.id.as_str()),
                );
            } else if f.value.is_some() {
                out.push(
                    Flag::new(
                        Code::IndicatorOffTarget,
                        format!("{}「{}」未达到目标值。", f.id, f.name),
                    )
                    .department(f.owner.as_str())
                    .figure(f.id.as_str()),
                );
            }
        }
        if f.source == Source::Ledger && f.reported.is_some() && f.reported != f.ledger {
            out.push(
                Flag::new(
                    Code::IndicatorMismatch,
                    format!("{}填报值与台账统计值不一致，以台账为准。", f.id),
                )
                .department(f.owner.as_str())
                .figure(f.id.as_str()),
            );
        }
    }
    out
}

fn sample_unaccepted() -> Vec<Unaccepted> {
    vec![
        Unaccepted {
            origin: Origin {
                file: task_file("发展促进处").into(),
                sheet: "任务进展".into(),
                row: 30,
            },
            department: Some("发展促进处".into()),
            kind: SheetKind::Tasks,
            disposition: Disposition::Rejected,
            values: vec![
                ("任务编号".into(), "26".into()),
                ("任务名称".into(), "筹备知识产权宣传周".into()),
                ("本月进展".into(), "+完成方案".into()),
            ],
            reason: "任务编号不在工作要点中".into(),
        },
        Unaccepted {
            origin: Origin {
                file: task_file("发展促进处").into(),
                sheet: "任务进展".into(),
                row: 32,
            },
            department: Some("发展促进处".into()),
            kind: SheetKind::Tasks,
            disposition: Disposition::Skipped,
            values: vec![("任务编号".into(), "填表说明：进度请填写0-100的数字".into())],
            reason: "说明行".into(),
        },
        Unaccepted {
            origin: Origin {
                file: "2025-06/发展促进处-运用转化台账.xlsx".into(),
                sheet: "运用转化台账".into(),
                row: 57,
            },
            department: Some("发展促进处".into()),
            kind: SheetKind::Ledger(LedgerKind::Finance),
            disposition: Disposition::Rejected,
            values: vec![
                ("编号".into(), "".into()),
                ("企业名称".into(), FORMULA_TEXT.into()),
                ("金额(万元)".into(), "@待定".into()),
            ],
            reason: "缺少编号且金额无法识别".into(),
        },
        Unaccepted {
            origin: Origin {
                file: "2025-06/新建 Microsoft Excel 工作表.xlsx".into(),
                sheet: "Sheet1".into(),
                row: 5,
            },
            department: None,
            kind: SheetKind::Tasks,
            disposition: Disposition::Rejected,
            values: vec![
                ("任务编号".into(), "3".into()),
                ("本月进展".into(), "两部管理措施实施细则已印发".into()),
            ],
            reason: "无法确定报送部门".into(),
        },
    ]
}

fn sample_departments(plan: &Plan, tasks: &[TaskLine], flags: &[Flag]) -> Vec<DepartmentLine> {
    plan.departments
        .iter()
        .map(|d| {
            let name = d.name.as_str();
            let submitted = name != SILENT;
            let assigned = plan.tasks_led_by(name).count();
            let reported = tasks
                .iter()
                .flat_map(|t| &t.reports)
                .filter(|r| r.department == name && r.status.is_some())
                .count();
            let owned = plan.figures_owned_by(name).count();
            let mut files = Vec::new();
            if submitted {
                files.push(task_file(name));
            }
            match name {
                "发展促进处" => files.push("2025-06/发展促进处-运用转化台账.xlsx".into()),
                "监管与预警处" => files.push("2025-06/监管与预警处-作品登记台账.xlsx".into()),
                "保护处" => files.push("2025-06/保护处-调解台账.xls".into()),
                _ => {}
            }
            let count = |sev| {
                flags
                    .iter()
                    .filter(|f| f.department.as_deref() == Some(name) && f.severity() == sev)
                    .count()
            };
            DepartmentLine {
                name: name.to_string(),
                submitted,
                files,
                tasks_assigned: assigned,
                tasks_reported: reported,
                figures_owned: owned,
                figures_reported: if submitted {
                    owned.saturating_sub(1)
                } else {
                    0
                },
                filled: submitted.then(|| {
                    if name == "发展促进处" {
                        day(2025, 7, 8)
                    } else {
                        day(2025, 7, 3)
                    }
                }),
                late: name == "发展促进处",
                errors: count(crate::flag::Severity::Error),
                warnings: count(crate::flag::Severity::Warning),
                infos: count(crate::flag::Severity::Info),
            }
        })
        .collect()
}

fn sheet(
    name: &str,
    kind: SheetKind,
    read: usize,
    rejected: usize,
    skipped: usize,
) -> SheetSummary {
    SheetSummary {
        name: name.into(),
        kind,
        header_row: Some(4),
        rows_read: read,
        accepted: read - rejected - skipped,
        rejected,
        skipped,
    }
}

fn submission(file: &str, department: Option<&str>, sheets: Vec<SheetSummary>) -> Submission {
    Submission {
        file: file.into(),
        path: PathBuf::from(file),
        status: FileStatus::Accepted,
        department: department.map(str::to_string),
        reason: None,
        filled: Some(day(2025, 7, 3)),
        filled_at: None,
        period: Period::new(2025, 6),
        sheets,
    }
}

fn sample_inputs() -> Vec<Submission> {
    let mut out = vec![
        submission(
            "2025-06/办公室.xlsx",
            Some("办公室"),
            vec![
                sheet("任务进展", SheetKind::Tasks, 8, 0, 1),
                sheet("量化指标", SheetKind::Figures, 3, 0, 0),
            ],
        ),
        submission(
            "2025-06/发展促进处.xlsx",
            Some("发展促进处"),
            vec![
                sheet("任务进展", SheetKind::Tasks, 10, 1, 2),
                sheet("量化指标", SheetKind::Figures, 5, 0, 0),
            ],
        ),
        submission(
            "2025-06/发展促进处-运用转化台账.xlsx",
            Some("发展促进处"),
            vec![sheet(
                "运用转化台账",
                SheetKind::Ledger(LedgerKind::Finance),
                412,
                1,
                3,
            )],
        ),
        submission(
            "2025-06/监管与预警处.xlsx",
            Some("监管与预警处"),
            vec![
                sheet("任务进展", SheetKind::Tasks, 8, 0, 1),
                sheet("量化指标", SheetKind::Figures, 6, 0, 0),
            ],
        ),
        submission(
            "2025-06/监管与预警处-作品登记台账.xlsx",
            Some("监管与预警处"),
            vec![sheet(
                "作品登记台账",
                SheetKind::Ledger(LedgerKind::Works),
                118_503,
                0,
                2,
            )],
        ),
        submission(
            "2025-06/保护处.xlsx",
            Some("保护处"),
            vec![
                sheet("任务进展", SheetKind::Tasks, 10, 0, 1),
                sheet("量化指标", SheetKind::Figures, 2, 0, 0),
            ],
        ),
        submission(
            "2025-06/保护处-调解台账.xls",
            Some("保护处"),
            vec![sheet(
                "纠纷调解台账",
                SheetKind::Ledger(LedgerKind::Mediation),
                1_624,
                0,
                4,
            )],
        ),
        submission(
            "2025-06/新建 Microsoft Excel 工作表.xlsx",
            None,
            vec![sheet("Sheet1", SheetKind::Tasks, 3, 1, 2)],
        ),
    ];
    out.push(Submission {
        status: FileStatus::Ignored,
        reason: Some("Excel 临时锁定文件，已跳过。".into()),
        sheets: Vec::new(),
        ..submission("2025-06/~$保护处.xlsx", None, Vec::new())
    });
    out.push(Submission {
        status: FileStatus::Unreadable,
        reason: Some("文件已加密，无法读取。请取消密码后另存为 .xlsx 重新报送。".into()),
        sheets: Vec::new(),
        ..submission("2025-06/保护处-加密.xlsx", Some("保护处"), Vec::new())
    });
    out
}

fn totals(inputs: &[Submission]) -> Totals {
    let sheets = || inputs.iter().flat_map(|s| &s.sheets);
    Totals {
        files: inputs.len(),
        rows_read: sheets().map(|s| s.rows_read).sum(),
        accepted: sheets().map(|s| s.accepted).sum(),
        rejected: sheets().map(|s| s.rejected).sum(),
        skipped: sheets().map(|s| s.skipped).sum(),
    }
}

fn sample_ledgers() -> Vec<LedgerTally> {
    let mut out = Vec::new();
    for m in 1..=6u32 {
        let period = format!("2025-{m:02}");
        let w = f64::from(m);
        for (cat, n) in [
            ("美术作品", 9_000.0),
            ("文字作品", 6_500.0),
            ("摄影作品", 4_200.0),
        ] {
            out.push(LedgerTally {
                ledger: LedgerKind::Works,
                period: period.clone(),
                category: cat.into(),
                count: (n * (0.9 + w * 0.02)) as usize,
                amount: None,
            });
        }
        for (cat, n) in [("专利", 120.0), ("商标", 90.0), ("著作权", 60.0)] {
            out.push(LedgerTally {
                ledger: LedgerKind::Mediation,
                period: period.clone(),
                category: cat.into(),
                count: (n + w * 3.0) as usize,
                amount: None,
            });
        }
        for (cat, n, amount) in [
            ("质押融资", 12.0, 8.1),
            ("转让", 20.0, 4.3),
            ("许可", 9.0, 2.15),
        ] {
            out.push(LedgerTally {
                ledger: LedgerKind::Finance,
                period: period.clone(),
                category: cat.into(),
                count: (n + w) as usize,
                amount: Some(amount + w * 0.3),
            });
        }
    }
    out
}

fn sample_trends(figures: &[FigureLine], tasks: &[TaskLine]) -> (Vec<TrendPoint>, Vec<TaskTrend>) {
    let mut points = Vec::new();
    let mut trend = Vec::new();
    for m in 1..=6u32 {
        let period = format!("2025-{m:02}");
        let share = f64::from(m) / 6.0;
        for f in figures.iter().filter(|f| f.task.is_none()) {
            let value = f.value.map(|v| {
                if f.kind.is_cumulative() {
                    v * share
                } else {
                    v * (0.97 + 0.005 * f64::from(m))
                }
            });
            points.push(TrendPoint {
                period: period.clone(),
                figure: f.id.clone(),
                value,
                expected: f
                    .target
                    .filter(|_| f.kind.is_cumulative())
                    .map(|t| t * f64::from(m) / 12.0),
            });
        }
        let red = if m < 3 { 2 } else { 5 + m as usize / 2 };
        let yellow = 6 - m as usize / 2;
        let blue = 2;
        trend.push(TaskTrend {
            period,
            reported: tasks.len() - 6,
            done: m as usize / 2,
            red,
            yellow,
            blue,
            green: tasks.len() - red - yellow - blue,
        });
    }
    (points, trend)
}
