//! Interpreting whole workbooks built in code: headers, departments, flags
//! and the accounting of every row.

use super::*;
use crate::import::{Cell, CellRef, RawSheet, Status};
use crate::plan::LedgerKind;

/// A cell from a short form: `""` none, `=…` a formula without a value,
/// `#…` a number, `D…` a date serial, `!…` an error, else text.
fn c(s: &str) -> Option<Cell> {
    if s.is_empty() {
        None
    } else if let Some(f) = s.strip_prefix('=') {
        Some(Cell::Formula(f.to_string()))
    } else if let Some(n) = s.strip_prefix('#') {
        n.parse().ok().map(Cell::Number)
    } else if let Some(n) = s.strip_prefix('D') {
        n.parse().ok().map(Cell::Date)
    } else if let Some(e) = s.strip_prefix('!') {
        Some(Cell::Error(e.to_string()))
    } else {
        Some(Cell::Text(s.to_string()))
    }
}

fn sheet(name: &str, rows: &[&[&str]], merges: Vec<(u32, u32, u32, u32)>) -> RawSheet {
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            if let Some(cell) = c(v) {
                cells.push((r as u32, col as u32, cell));
            }
        }
    }
    RawSheet::new(name, cells, merges)
}

fn book(sheets: Vec<RawSheet>) -> RawWorkbook {
    RawWorkbook {
        sheets,
        failed: Vec::new(),
    }
}

fn plan() -> Plan {
    crate::plan::load_default().expect("the default plan loads")
}

fn march() -> Option<Period> {
    Period::new(2025, 3)
}

/// Interprets and checks the accounting of every sheet.
fn run(file: &str, b: &RawWorkbook) -> FileIntake {
    let p = plan();
    let fi = interpret(&p, march(), file, b);
    for s in &fi.submission.sheets {
        assert_eq!(
            s.rows_read,
            s.accepted + s.rejected + s.skipped,
            "accounting of sheet {}: {s:?}",
            s.name
        );
        let listed = fi
            .unaccepted
            .iter()
            .filter(|u| *u.origin.sheet == *s.name)
            .count();
        if s.rejected + s.skipped <= LIST_CAP {
            assert_eq!(
                listed,
                s.rejected + s.skipped,
                "every row not accepted is listed: {}",
                s.name
            );
        }
    }
    fi
}

fn codes(fi: &FileIntake) -> Vec<&'static str> {
    fi.flags.iter().map(|f| f.code.as_str()).collect()
}

fn flags_of(fi: &FileIntake, code: Code) -> Vec<&Flag> {
    fi.flags.iter().filter(|f| f.code == code).collect()
}

const TASK_HEADER: &[&str] = &[
    "任务编号",
    "任务名称",
    "牵头部门",
    "完成状态",
    "完成进度(%)",
    "本月进展",
    "计划完成时间",
    "实际完成时间",
    "存在问题",
    "下步计划",
    "备注",
];

fn task_sheet(rows: &[&[&str]]) -> RawSheet {
    let mut all: Vec<&[&str]> = vec![&["填报单位：保护处"], TASK_HEADER];
    all.extend_from_slice(rows);
    sheet("任务进展", &all, vec![])
}

// ------------------------------------------------------------------ headers and meta

#[test]
fn task_sheet_below_title_and_meta_rows() {
    let b = book(vec![sheet(
        "Sheet1",
        &[
            &["浦东新区知识产权局2025年工作要点推进情况表（2025年3月）"],
            &["填报单位：保护处", "", "", "填报日期：2025年4月3日"],
            TASK_HEADER,
            &[
                "9",
                "健全完善立体交叉保护制度",
                "保护处",
                "推进中",
                "60%",
                "开展联合执法2次",
                "2025年12月底",
                "",
                "无",
                "继续推进",
                "",
            ],
            &[
                "第11项",
                "推进浦东地理标志保护",
                "保护处",
                "已完成",
                "#1",
                "方案已印发",
                "3月底",
                "2025/3/28",
                "",
                "",
                "提前完成",
            ],
        ],
        vec![(0, 0, 0, 10)],
    )]);
    let fi = run("2025-03/进展.xlsx", &b);
    assert_eq!(fi.submission.department.as_deref(), Some("保护处"));
    assert_eq!(fi.submission.filled, NaiveDate::from_ymd_opt(2025, 4, 3));
    assert_eq!(
        fi.submission.filled_at,
        Some(CellRef {
            sheet: "Sheet1".into(),
            row: 2,
            column: "D".into()
        })
    );
    assert_eq!(fi.submission.period, march());
    let s = &fi.submission.sheets[0];
    assert_eq!(
        (s.kind, s.header_row, s.rows_read, s.accepted),
        (SheetKind::Tasks, Some(3), 2, 2)
    );
    assert_eq!(fi.tasks.len(), 2);
    let t = &fi.tasks[0];
    assert_eq!(
        (t.task, t.status, t.progress),
        (9, Some(Status::InProgress), Some(60.0))
    );
    assert_eq!(t.text, "开展联合执法2次");
    assert_eq!(t.planned, NaiveDate::from_ymd_opt(2025, 12, 31));
    assert_eq!(t.next_steps, "继续推进");
    assert_eq!(t.origin.row, 4);
    assert!(t.is_lead);
    assert_eq!(t.filled, NaiveDate::from_ymd_opt(2025, 4, 3));
    // Each field's column, for flags about its cell.
    let columns: Vec<Option<String>> = [Field::TaskId, Field::Status, Field::ProgressText]
        .iter()
        .map(|f| t.cells.column(&[*f]))
        .collect();
    assert_eq!(
        columns,
        [Some("A".into()), Some("D".into()), Some("F".into())]
    );
    let t = &fi.tasks[1];
    assert_eq!(
        (t.task, t.status, t.progress),
        (11, Some(Status::Done), Some(100.0))
    );
    assert_eq!(t.actual, NaiveDate::from_ymd_opt(2025, 3, 28));
    assert_eq!(t.note, "提前完成");
    // `2025年12月底` and `3月底` name their month: read without comment.
    assert!(fi.flags.is_empty(), "{:?}", fi.flags);
}

#[test]
fn header_at_row_twelve_columns_in_any_order_and_extra_columns() {
    let mut rows: Vec<&[&str]> = vec![&[]; 11];
    rows[0] = &["填报单位", "保护处"];
    rows[1] = &["", "", "填报日期", "2025-04-03"];
    rows[3] = &["2025年工作要点推进表"];
    rows.push(&["联系人", "本月进展", "完成状态", "任务编号", "完成进度"]);
    rows.push(&["张三", "完成专项行动", "推进中", "12", "30"]);
    let fi = run("a.xlsx", &book(vec![sheet("s", &rows, vec![])]));
    let s = &fi.submission.sheets[0];
    assert_eq!((s.kind, s.header_row), (SheetKind::Tasks, Some(12)));
    assert_eq!(fi.tasks.len(), 1);
    assert_eq!(fi.tasks[0].task, 12);
    assert_eq!(
        fi.tasks[0].extra,
        vec![("联系人".to_string(), "张三".to_string())]
    );
    // Columns as the header has them; a field it lacks has none.
    let cells = &fi.tasks[0].cells;
    assert_eq!(cells.column(&[Field::Status]).as_deref(), Some("C"));
    assert_eq!(cells.column(&[Field::TaskId]).as_deref(), Some("D"));
    assert_eq!(cells.column(&[Field::Planned]), None);
    assert_eq!(
        cells.column(&[Field::Planned, Field::Progress]).as_deref(),
        Some("E")
    );
    // A label beside its value: the value's cell.
    let at = fi
        .submission
        .filled_at
        .as_ref()
        .map(|c| (c.row, c.column.as_str()));
    assert_eq!(at, Some((2, "D")));
}

#[test]
fn two_row_header_merged_over_sub_columns() {
    let b = book(vec![sheet(
        "s",
        &[
            &["填报单位：保护中心"],
            &["序号", "任务名称", "完成情况", "", "", "存在问题"],
            &["", "", "完成状态", "完成进度", "本月进展", ""],
            &[
                "4",
                "开展数据产品知识产权登记",
                "推进中",
                "40",
                "登记存证120件",
                "",
            ],
        ],
        vec![(1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 1, 4), (1, 5, 2, 5)],
    )]);
    let fi = run("a.xlsx", &b);
    assert_eq!(fi.submission.sheets[0].header_row, Some(3));
    assert_eq!(fi.tasks.len(), 1);
    let t = &fi.tasks[0];
    assert_eq!(
        (t.task, t.status, t.progress),
        (4, Some(Status::InProgress), Some(40.0))
    );
    assert_eq!(t.text, "登记存证120件");
}

#[test]
fn notes_sections_blanks_totals_and_repeated_headers_are_skipped() {
    let b = book(vec![sheet(
        "s",
        &[
            &["填报单位：保护处"],
            TASK_HEADER,
            &["（三）提升知识产权治理能力"],
            &[
                "9",
                "健全完善立体交叉保护制度",
                "保护处",
                "推进中",
                "50",
                "进展",
            ],
            &[],
            TASK_HEADER,
            &["抓好重大事项落实"],
            &[
                "11",
                "推进浦东地理标志保护",
                "保护处",
                "推进中",
                "50",
                "进展",
            ],
            &["合计", "", "", "", "#100"],
            &["填表说明：完成状态请从下拉列表选择。"],
            &["注：完成进度填0–100的数字。"],
            &["填报人：张三", "", "联系电话：12345"],
        ],
        vec![(2, 0, 2, 10)],
    )]);
    let fi = run("a.xlsx", &b);
    let s = &fi.submission.sheets[0];
    assert_eq!(
        (s.rows_read, s.accepted, s.rejected, s.skipped),
        (10, 2, 0, 8)
    );
    let reasons: Vec<(u32, &str)> = fi
        .unaccepted
        .iter()
        .map(|u| (u.origin.row, u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (3, SECTION),
            (5, BLANK),
            (6, REPEATED_HEADER),
            (7, SECTION),
            (9, TOTAL),
            (10, NOTE),
            (11, NOTE),
            (12, META_ROW),
        ]
    );
    assert!(
        fi.unaccepted
            .iter()
            .all(|u| u.disposition == Disposition::Skipped)
    );
    let v = &fi.unaccepted[0].values;
    assert_eq!(v.len(), 1, "a merged section row shows its text once");
    assert_eq!(
        v[0],
        (
            "任务编号".to_string(),
            "（三）提升知识产权治理能力".to_string()
        )
    );
}

#[test]
fn merged_ids_and_leads_apply_to_each_row() {
    let b = book(vec![sheet(
        "s",
        &[
            &[
                "任务编号",
                "任务名称",
                "牵头部门",
                "完成状态",
                "完成进度",
                "本月进展",
            ],
            &[
                "13",
                "深化知识产权纠纷多元解决机制",
                "保护中心",
                "推进中",
                "30",
                "调解案件",
            ],
            &[
                "14",
                "完善海外知识产权纠纷维权服务",
                "",
                "推进中",
                "20",
                "海外维权",
            ],
            &["", "", "", "推进中", "25", "工作站"],
        ],
        vec![(1, 2, 3, 2), (2, 0, 3, 0), (2, 1, 3, 1)],
    )]);
    let fi = run("2025-03/报送.xlsx", &b);
    assert_eq!(
        fi.submission.department.as_deref(),
        Some("保护中心"),
        "from the unanimous 牵头部门 column"
    );
    let ids: Vec<u32> = fi.tasks.iter().map(|t| t.task).collect();
    assert_eq!(ids, vec![13, 14, 14]);
    assert_eq!(fi.tasks[2].text, "工作站");
    assert_eq!(fi.tasks[2].title, "完善海外知识产权纠纷维权服务");
}

#[test]
fn a_row_numbering_column_is_not_a_task_id() {
    let b = book(vec![task_sheet(&[
        &["1", "强化知识产权行政保护", "保护处", "推进中", "50", "a"],
        &["2", "推进浦东地理标志保护", "保护处", "推进中", "50", "b"],
        &["3", "加强浦东重点商标保护", "保护处", "推进中", "50", "c"],
    ])]);
    let mut b = b;
    let mut cells = b.sheets[0].cells();
    cells.retain(|x| x.0 != 1 || x.1 != 0);
    cells.push((1, 0, Cell::Text("序号".into())));
    let merges = b.sheets[0].merges.clone();
    b.sheets[0] = RawSheet::new(b.sheets[0].name.clone(), cells, merges);
    let fi = run("保护处.xlsx", &b);
    let ids: Vec<u32> = fi.tasks.iter().map(|t| t.task).collect();
    assert_eq!(ids, vec![10, 11, 12]);
    assert!(flags_of(&fi, Code::TitleMismatch).is_empty());
}

#[test]
fn task_ids_in_many_forms_and_by_title() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[
            &["#9", "", "", "推进中", "", "a"],
            &["第十项", "", "", "推进中", "", "b"],
            &["任务11", "", "", "推进中", "", "c"],
            &["（12）", "", "", "推进中", "", "d"],
            &["", "深化知识产权纠纷多元解决机制", "", "推进中", "", "e"],
            &["１４", "", "", "推进中", "", "f"],
        ])]),
    );
    let ids: Vec<u32> = fi.tasks.iter().map(|t| t.task).collect();
    assert_eq!(ids, vec![9, 10, 11, 12, 13, 14]);
}

#[test]
fn other_sheets_are_counted_and_listed_up_to_a_cap() {
    let rows: Vec<Vec<String>> = (0..60)
        .map(|i| vec![format!("名单{i}"), "x".to_string()])
        .collect();
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let b = book(vec![
        task_sheet(&[&["9", "", "", "推进中", "", "a"]]),
        sheet("名单", &slices, vec![]),
    ]);
    let fi = run("a.xlsx", &b);
    let s = &fi.submission.sheets[1];
    assert_eq!(
        (s.kind, s.rows_read, s.skipped, s.header_row),
        (SheetKind::Other, 60, 60, None)
    );
    let listed: Vec<&Unaccepted> = fi
        .unaccepted
        .iter()
        .filter(|u| &*u.origin.sheet == "名单")
        .collect();
    assert_eq!(listed.len(), LIST_CAP);
    assert!(
        listed[LIST_CAP - 1].reason.contains("本表共60行"),
        "{}",
        listed[LIST_CAP - 1].reason
    );
    assert!(!codes(&fi).contains(&"NO_DATA"));
}

// ------------------------------------------------------------------ departments

#[test]
fn department_from_file_name_when_no_cell() {
    let b = book(vec![sheet(
        "s",
        &[TASK_HEADER, &["3", "", "", "推进中", "", "a"]],
        vec![],
    )]);
    let fi = run("2025-03/2025.03 知识产权保护中心 工作要点推进表.xls", &b);
    assert_eq!(fi.submission.department.as_deref(), Some("保护中心"));
    assert_eq!(fi.tasks[0].department, "保护中心");
    assert_eq!(codes(&fi), vec!["NOT_LEAD"]);
}

#[test]
fn cell_wins_over_a_conflicting_file_name() {
    let fi = run(
        "2025-03/保护处-2025年3月.xlsx",
        &book(vec![sheet(
            "s",
            &[
                &["填报单位：", "知识产权保护中心"],
                TASK_HEADER,
                &["10", "", "", "推进中", "", "a"],
            ],
            vec![],
        )]),
    );
    assert_eq!(fi.submission.department.as_deref(), Some("保护中心"));
    let f = flags_of(&fi, Code::DepartmentConflict);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].row, f[0].column.as_deref()), (Some(1), Some("B")));
    assert!(f[0].message.contains("保护处"), "{}", f[0].message);
    // The location is in the fields; the message does not repeat it.
    assert!(f[0].message.starts_with("填报单位“"), "{}", f[0].message);
}

#[test]
fn unknown_department_rejects_the_rows() {
    let fi = run(
        "2025-03/推进表.xlsx",
        &book(vec![sheet(
            "s",
            &[
                TASK_HEADER,
                &["10", "", "保护处、保护中心", "推进中", "", "a"],
                &[],
            ],
            vec![],
        )]),
    );
    assert_eq!(fi.submission.department, None);
    assert_eq!(codes(&fi), vec!["UNKNOWN_DEPARTMENT"]);
    assert!(fi.tasks.is_empty());
    let s = &fi.submission.sheets[0];
    assert_eq!((s.rejected, s.skipped), (1, 0));
    assert_eq!(fi.unaccepted[0].reason, NO_DEPARTMENT);
    assert_eq!(fi.unaccepted[0].disposition, Disposition::Rejected);

    let fi = run(
        "x.xlsx",
        &book(vec![sheet(
            "s",
            &[
                &["填报单位：法规处"],
                TASK_HEADER,
                &["10", "", "", "推进中"],
            ],
            vec![],
        )]),
    );
    let f = flags_of(&fi, Code::UnknownDepartment);
    assert!(f[0].message.contains("法规处"), "{}", f[0].message);
    assert_eq!(f[0].row, Some(1));
}

// ------------------------------------------------------------------ task flags

#[test]
fn unknown_tasks_are_rejected() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[
            &["99", "", "", "推进中", "", "a"],
            &["", "植树造林", "", "推进中", "", "b"],
            &["", "", "", "推进中", "", "c"],
        ])]),
    );
    assert!(fi.tasks.is_empty());
    let f = flags_of(&fi, Code::UnknownTask);
    assert_eq!(f.len(), 3);
    assert_eq!((f[0].row, f[0].column.as_deref()), (Some(3), Some("A")));
    assert!(
        f[0].message.starts_with("任务编号“99”不在工作要点中"),
        "{}",
        f[0].message
    );
    assert_eq!(f[1].column.as_deref(), Some("B"));
    assert!(f[1].message.contains("植树造林"));
    assert_eq!(fi.submission.sheets[0].rejected, 3);
    assert_eq!(
        fi.unaccepted[0].values[0],
        ("任务编号".to_string(), "99".to_string())
    );
}

#[test]
fn title_mismatch_keeps_the_id() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[&[
            "9",
            "推进浦东地理标志保护",
            "",
            "推进中",
            "",
            "a",
        ]])]),
    );
    assert_eq!(fi.tasks[0].task, 9);
    let f = flags_of(&fi, Code::TitleMismatch);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].task, Some(9));
    assert!(
        f[0].message.contains("健全完善立体交叉保护制度") && f[0].message.contains("第11项"),
        "{}",
        f[0].message
    );
}

#[test]
fn not_lead_is_kept_as_a_contribution() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[&["1", "", "", "推进中", "", "配合"]])]),
    );
    assert_eq!(fi.tasks.len(), 1);
    assert!(!fi.tasks[0].is_lead);
    let f = flags_of(&fi, Code::NotLead);
    assert_eq!(
        (f[0].department.as_deref(), f[0].task),
        (Some("保护处"), Some(1))
    );
    assert!(f[0].message.contains("发展促进处"));
}

#[test]
fn invalid_values_leave_the_field_empty() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[
            &[
                "9",
                "",
                "",
                "还行",
                "百分之六十",
                "a",
                "明年",
                "",
                "",
                "",
                "",
            ],
            &["10", "", "", "推进中", "150", "b"],
        ])]),
    );
    assert_eq!(fi.tasks.len(), 2);
    let t = &fi.tasks[0];
    assert_eq!((t.status, t.progress, t.planned), (None, None, None));
    let f = flags_of(&fi, Code::InvalidValue);
    let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        msgs,
        vec![
            "完成状态“还行”无法识别，请填写未启动、推进中、已完成或滞后。",
            "完成进度“百分之六十”无法识别，请填写0–100之间的数字（如60）。",
            "计划完成时间“明年”无法识别，请填写日期（如2025-06-30或2025年6月30日）。",
            "完成进度“150”超出0–100的范围，请填写0–100之间的数字（如60）。",
        ]
    );
    assert_eq!(
        (
            f[1].file.as_deref(),
            f[1].sheet.as_deref(),
            f[1].row,
            f[1].column.as_deref(),
            f[1].task
        ),
        (
            Some("a.xlsx"),
            Some("任务进展"),
            Some(3),
            Some("E"),
            Some(9)
        )
    );
}

#[test]
fn formulas_without_values_and_error_cells() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[&[
            "9",
            "",
            "",
            "推进中",
            "=B2*100",
            "!#DIV/0!",
        ]])]),
    );
    assert_eq!(fi.tasks[0].progress, None);
    let f = flags_of(&fi, Code::FormulaNotCalculated);
    assert_eq!((f.len(), f[0].column.as_deref()), (1, Some("E")));
    assert_eq!(fi.tasks[0].text, "#DIV/0!");
}

#[test]
fn empty_progress_and_inconsistent_status() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[
            &["9", "", "", "推进中", "30", ""],
            &["10", "", "", "已完成", "80", "完成", "", "2025-03-20"],
            &["11", "", "", "已完成", "100", "完成"],
            &["12", "", "", "推进中", "100%", "完成"],
            &["13", "", "", "已完成", "100", "完成", "", "2025-03-20"],
        ])]),
    );
    assert_eq!(fi.tasks.len(), 5);
    let e = flags_of(&fi, Code::EmptyProgress);
    assert_eq!(
        (e.len(), e[0].column.as_deref(), e[0].task),
        (1, Some("F"), Some(9))
    );
    let s: Vec<(Option<u32>, Option<&str>)> = flags_of(&fi, Code::StatusInconsistent)
        .iter()
        .map(|f| (f.task, f.column.as_deref()))
        .collect();
    // 已完成 below 100% and 100% not 已完成: the status cell (D); 已完成
    // without a date: the empty 实际完成时间 cell (H).
    assert_eq!(
        s,
        vec![
            (Some(10), Some("D")),
            (Some(11), Some("H")),
            (Some(12), Some("D"))
        ]
    );
}

#[test]
fn unreported_template_rows_are_skipped() {
    let fi = run(
        "a.xlsx",
        &book(vec![task_sheet(&[
            &[
                "9",
                "健全完善立体交叉保护制度",
                "保护处",
                "",
                "",
                "",
                "2025-12-31",
            ],
            &[
                "11",
                "推进浦东地理标志保护",
                "保护处",
                "推进中",
                "",
                "制定方案",
            ],
        ])]),
    );
    assert_eq!(fi.tasks.len(), 1);
    let s = &fi.submission.sheets[0];
    assert_eq!((s.accepted, s.skipped), (1, 1));
}

#[test]
fn period_mismatch_once_per_file() {
    let b = book(vec![
        sheet(
            "a",
            &[
                &["报送月份：2025年2月"],
                TASK_HEADER,
                &["9", "", "", "推进中", "", "x"],
            ],
            vec![],
        ),
        sheet(
            "b",
            &[
                &["报送月份：2025年2月"],
                TASK_HEADER,
                &["11", "", "", "推进中", "", "x"],
            ],
            vec![],
        ),
    ]);
    let fi = run("保护处.xlsx", &b);
    let f = flags_of(&fi, Code::PeriodMismatch);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("2025年2月") && f[0].message.contains("2025年3月"),
        "{}",
        f[0].message
    );
    assert_eq!(fi.submission.period, Period::new(2025, 2));
}

#[test]
fn no_recognisable_sheet_is_no_data() {
    let fi = run(
        "保护处.xlsx",
        &book(vec![sheet(
            "s",
            &[&["姓名", "电话"], &["张三", "123"]],
            vec![],
        )]),
    );
    assert_eq!(codes(&fi), vec!["NO_DATA"]);
    assert_eq!(fi.submission.status, FileStatus::Accepted);
    assert_eq!(fi.submission.sheets[0].skipped, 2);
}

#[test]
fn failed_sheets_are_listed_and_flagged() {
    let mut b = book(vec![task_sheet(&[&["9", "", "", "推进中", "", "a"]])]);
    b.failed.push(("坏表".into(), "工作表已损坏".into()));
    b.failed.push((
        "台账".into(),
        "工作表「台账」内容已损坏，无法读取：请另存为 .xlsx".into(),
    ));
    let fi = run("a.xlsx", &b);
    assert_eq!(fi.submission.sheets.len(), 3);
    let f = flags_of(&fi, Code::UnreadableFile);
    assert_eq!((f.len(), f[0].sheet.as_deref()), (2, Some("坏表")));
    // The sheet is named by the flag's field, not again in the message.
    assert_eq!(f[0].message, "该工作表无法读取：工作表已损坏");
    assert_eq!(f[1].message, "该工作表内容已损坏，无法读取：请另存为 .xlsx");
}

// ------------------------------------------------------------------ figures

const FIGURE_HEADER: &[&str] = &[
    "序号",
    "指标名称",
    "单位",
    "目标值",
    "本月值",
    "累计值",
    "上年同期",
    "完成日期",
    "备注",
];

#[test]
fn figures_by_id_or_name_in_the_plan_unit() {
    let b = book(vec![sheet(
        "量化指标",
        &[
            &["填报单位：发展促进处"],
            FIGURE_HEADER,
            &["1", "知识产权交易金额", "亿元", "100", "5", "100亿元"],
            &["2", "知识产权质押融资金额", "万元", "", "", "#120000"],
            &["3", "作品登记量（件）", "件", "", "", "1.2万"],
            &[
                "4",
                "专利快速审查预审受理量增长率",
                "",
                "",
                "",
                "#1200",
                "#1000",
            ],
            &[
                "5",
                "《浦东新区促进知识产权运用若干规定（草案）》提交区政府常务会议审议",
                "",
                "",
                "",
                "",
                "",
                "2025年3月25日",
            ],
            &["6", "潜力企业关注名单", "批", "4", "", "1批"],
        ],
        vec![],
    )]);
    let fi = run("a.xlsx", &b);
    let got: Vec<(&str, Option<f64>, Option<f64>)> = fi
        .figures
        .iter()
        .map(|f| (f.figure.as_str(), f.cumulative, f.month_value))
        .collect();
    assert_eq!(
        got,
        vec![
            ("I5", Some(100.0), Some(5.0)),
            ("I6", Some(12.0), None),
            ("I2", Some(12000.0), None),
            ("I7", Some(1200.0), None),
            ("2.1", None, None),
            ("5.1", Some(1.0), None),
        ]
    );
    assert_eq!(fi.figures[3].last_year, Some(1000.0));
    assert_eq!(fi.figures[4].done, NaiveDate::from_ymd_opt(2025, 3, 25));
    let cells = &fi.figures[3].cells;
    let columns: Vec<Option<String>> = [
        Field::MonthValue,
        Field::Cumulative,
        Field::LastYear,
        Field::DoneDate,
    ]
    .iter()
    .map(|f| cells.column(&[*f]))
    .collect();
    assert_eq!(
        columns,
        [
            Some("E".into()),
            Some("F".into()),
            Some("G".into()),
            Some("H".into())
        ]
    );
    assert!(fi.flags.is_empty(), "{:?}", fi.flags);
}

#[test]
fn figure_ids_win_and_unknown_figures_are_rejected() {
    let b = book(vec![sheet(
        "s",
        &[
            &["填报单位：保护处"],
            &["指标编号", "指标名称", "累计值", "备注"],
            &["i4", "", "812"],
            &["Ｉ４", "作品登记量", "812"],
            &["I12", "", "5"],
            &["I99", "知识产权纠纷调解案件数", "800"],
            &["", "植树数量", "3"],
            &["", "", "", "只有备注"],
        ],
        vec![],
    )]);
    let fi = run("a.xlsx", &b);
    let ids: Vec<&str> = fi.figures.iter().map(|f| f.figure.as_str()).collect();
    assert_eq!(ids, vec!["I4", "I4", "I4"]);
    assert_eq!(flags_of(&fi, Code::TitleMismatch).len(), 1);
    let inv = flags_of(&fi, Code::InvalidValue);
    let at: Vec<(Option<u32>, Option<&str>)> =
        inv.iter().map(|f| (f.row, f.column.as_deref())).collect();
    assert_eq!(
        at,
        vec![
            (Some(5), Some("A")),
            (Some(6), Some("A")),
            (Some(7), Some("B"))
        ]
    );
    let rejected: Vec<&str> = fi
        .unaccepted
        .iter()
        .filter(|u| u.disposition == Disposition::Rejected)
        .map(|u| u.reason.as_str())
        .collect();
    assert_eq!(rejected, vec![UNKNOWN_FIGURE, UNKNOWN_FIGURE]);
    assert_eq!(fi.submission.sheets[0].skipped, 1);
}

use super::records::UNKNOWN_FIGURE;

// ------------------------------------------------------------------ ledgers

#[test]
fn works_ledger_with_fast_track_and_dates_as_numbers() {
    let b = book(vec![sheet(
        "作品登记",
        &[
            &["填报单位：监管与预警处"],
            &[
                "登记号",
                "作品名称",
                "作品类别",
                "著作权人",
                "受理日期",
                "发证日期",
                "是否自贸区快速登记",
            ],
            &[
                "沪作登字-2025-A-001",
                "甲",
                "美术",
                "某公司",
                "#45743",
                "#45747",
                "√",
            ],
            &[
                "沪作登字-2025-A-002",
                "乙",
                "文字",
                "某人",
                "2025/3/1",
                "2025年3月5日",
                "×",
            ],
            &["", "丙", "文字", "某人", "2025/3/1", "2025年3月5日", "否"],
            &[
                "沪作登字-2024-A-009",
                "丁",
                "文字",
                "某人",
                "2024-12-20",
                "2024-12-28",
                "否",
            ],
            &[
                "沪作登字-2025-A-010",
                "戊",
                "文字",
                "某人",
                "2025-04-01",
                "2025-04-02",
                "否",
            ],
            &[
                "沪作登字-2025-A-011",
                "己",
                "文字",
                "某人",
                "",
                "不详",
                "也许",
            ],
        ],
        vec![],
    )]);
    let fi = run("2025-03/监管与预警处台账.xlsx", &b);
    assert_eq!(fi.ledgers.len(), 3);
    let l = fi.ledgers.get(0);
    assert_eq!(l.kind, LedgerKind::Works);
    assert_eq!(l.date, NaiveDate::from_ymd_opt(2025, 3, 31));
    assert_eq!(l.accepted, NaiveDate::from_ymd_opt(2025, 3, 27));
    assert!(l.fast_track);
    assert_eq!(l.category, "美术");
    assert!(!fi.ledgers.get(1).fast_track);
    assert_eq!(fi.ledgers.get(2).date, None);
    let s = &fi.submission.sheets[0];
    assert_eq!((s.accepted, s.rejected), (3, 3));
    let out = flags_of(&fi, Code::DateOutOfRange);
    assert_eq!(out.len(), 2);
    assert_eq!((out[0].row, out[0].column.as_deref()), (Some(6), Some("F")));
    assert!(
        out[1].message.contains("2025-01-01至2025-03-31"),
        "{}",
        out[1].message
    );
    let inv: Vec<(Option<u32>, Option<&str>)> = flags_of(&fi, Code::InvalidValue)
        .iter()
        .map(|f| (f.row, f.column.as_deref()))
        .collect();
    assert_eq!(
        inv,
        vec![
            (Some(5), Some("A")),
            (Some(8), Some("F")),
            (Some(8), Some("G"))
        ]
    );
}

#[test]
fn prereview_rows_of_last_year_are_the_baseline() {
    let b = book(vec![sheet(
        "预审",
        &[
            &["预审编号", "受理日期", "技术领域", "预审结果"],
            &["YS2025001", "2025-02-10", "集成电路", "合格"],
            &["YS2024001", "2024-02-10", "生物医药", "合格"],
            &["YS2023001", "2023-02-10", "生物医药", "合格"],
        ],
        vec![],
    )]);
    let fi = run("保护中心-预审台账.xlsx", &b);
    let keys: Vec<&str> = fi.ledgers.iter().map(|l| l.key).collect();
    assert_eq!(keys, vec!["YS2025001", "YS2024001"]);
    assert_eq!(flags_of(&fi, Code::DateOutOfRange).len(), 1);
    assert_eq!(fi.ledgers.get(0).accepted, fi.ledgers.get(0).date);
}

#[test]
fn finance_amounts_in_yi_yuan_and_pledges() {
    let b = book(vec![sheet(
        "运用转化",
        &[
            &["填报单位：发展与促进处"],
            &["合同编号", "企业名称", "业务类型", "金额", "登记日期"],
            &["", "", "", "万元", ""],
            &["HT-1", "甲公司", "专利质押融资", "#5000", "2025-03-01"],
            &["HT-2", "乙公司", "专利转让", "1.2亿元", "2025-03-02"],
            &["HT-3", "丙公司", "许可", "", "2025-03-03"],
        ],
        vec![],
    )]);
    let fi = run("a.xlsx", &b);
    assert_eq!(fi.submission.department.as_deref(), Some("发展促进处"));
    let got: Vec<(Option<f64>, bool)> = fi.ledgers.iter().map(|l| (l.amount, l.pledge)).collect();
    assert_eq!(
        got,
        vec![(Some(0.5), true), (Some(1.2), false), (None, false)]
    );
    let inv = flags_of(&fi, Code::InvalidValue);
    assert_eq!((inv.len(), inv[0].column.as_deref()), (1, Some("D")));
}

#[test]
fn mediation_counts_by_acceptance_and_other_dates_are_information() {
    let b = book(vec![sheet(
        "调解",
        &[
            &["案件编号", "收案日期", "纠纷类型", "调解结果", "结案日期"],
            &["TJ-1", "2025-01-05", "专利", "调解成功", "2024-12-01"],
            &["TJ-2", "2024-12-20", "商标", "调解成功", "2025-01-10"],
        ],
        vec![],
    )]);
    let fi = run("保护处.xlsx", &b);
    assert_eq!(fi.ledgers.len(), 1);
    assert_eq!(fi.ledgers.get(0).result, "调解成功");
    assert_eq!(flags_of(&fi, Code::DateOutOfRange).len(), 1);
}

#[test]
fn flags_are_capped_per_sheet_with_a_summary() {
    let rows: Vec<Vec<String>> = (0..70)
        .map(|i| {
            vec![
                format!("K{i}"),
                "2024-05-01".to_string(),
                "专利".to_string(),
                "成功".to_string(),
            ]
        })
        .collect();
    let mut all: Vec<Vec<&str>> = vec![vec!["案件编号", "受理日期", "纠纷类型", "调解结果"]];
    all.extend(
        rows.iter()
            .map(|r| r.iter().map(String::as_str).collect::<Vec<_>>()),
    );
    let slices: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
    let fi = run("保护处.xlsx", &book(vec![sheet("s", &slices, vec![])]));
    let f = flags_of(&fi, Code::DateOutOfRange);
    assert_eq!(f.len(), FLAG_CAP + 1);
    assert!(
        f[FLAG_CAP].message.starts_with("另有20处"),
        "{}",
        f[FLAG_CAP].message
    );
    assert_eq!(f[FLAG_CAP].sheet.as_deref(), Some("s"));
    assert_eq!(fi.submission.sheets[0].rejected, 70);
    assert_eq!(fi.unaccepted.len(), 70);
}

#[test]
fn a_large_ledger_is_read_row_by_row() {
    let n = 5000u32;
    let mut cells = vec![
        (0, 0, Cell::Text("登记号".into())),
        (0, 1, Cell::Text("作品名称".into())),
        (0, 2, Cell::Text("发证日期".into())),
    ];
    for i in 1..=n {
        cells.push((i, 0, Cell::Text(format!("K{i}"))));
        cells.push((i, 1, Cell::Text("作品".into())));
        cells.push((i, 2, Cell::Date(45700.0)));
    }
    let b = book(vec![RawSheet::new("s", cells, vec![])]);
    let fi = run("监管与预警处.xlsx", &b);
    assert_eq!(fi.ledgers.len(), n as usize);
    assert_eq!(fi.submission.sheets[0].rows_read, n as usize);
}

#[test]
fn a_growth_rate_written_as_a_percentage_is_not_a_count() {
    let b = book(vec![sheet(
        "s",
        &[
            &["填报单位：保护中心"],
            &["指标编号", "指标名称", "累计值", "上年同期"],
            &["I7", "专利快速审查预审受理量增长率", "23%", "#1000"],
        ],
        vec![],
    )]);
    let fi = run("a.xlsx", &b);
    assert_eq!(fi.figures[0].cumulative, None);
    assert_eq!(fi.figures[0].last_year, Some(1000.0));
    let f = flags_of(&fi, Code::InvalidValue);
    assert_eq!(
        (f.len(), f[0].column.as_deref(), f[0].figure.as_deref()),
        (1, Some("C"), Some("I7"))
    );
    assert!(
        f[0].message.contains("增长率由系统计算"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_deadline_in_a_note_is_not_the_reported_month() {
    let b = book(vec![sheet(
        "s",
        &[
            &["请于2025年4月5日前报送"],
            &["填表说明：2025年2月数据请勿重复填报"],
            TASK_HEADER,
            &["9", "", "", "推进中", "", "x"],
        ],
        vec![],
    )]);
    let fi = run("保护处.xlsx", &b);
    assert_eq!(fi.submission.period, None);
    assert!(flags_of(&fi, Code::PeriodMismatch).is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Texts that look like what departments write, plus anything at all.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "任务编号",
                "序号",
                "任务名称",
                "完成状态",
                "完成进度",
                "本月进展",
                "完成情况",
                "指标名称",
                "累计值",
                "登记号",
                "发证日期",
                "金额",
                "万元",
                "合计",
                "填报单位：保护处",
                "报送月份：2025年2月",
                "注：",
                "（一）抓好重大事项落实",
                "推进中",
                "已完成",
                "60%",
                "9",
                "I4",
                "2025-03-01",
                "保护处",
                "作品登记量",
                "是",
            ])
            .prop_map(str::to_string),
            "\\PC{0,12}",
        ]
    }

    fn cell() -> impl Strategy<Value = Cell> {
        prop_oneof![
            6 => text().prop_map(Cell::Text),
            1 => any::<f64>().prop_map(Cell::Number),
            1 => (0.0f64..80000.0).prop_map(Cell::Date),
            1 => "\\PC{0,6}".prop_map(Cell::Formula),
            1 => Just(Cell::Error("#N/A".into())),
            1 => any::<bool>().prop_map(Cell::Bool),
        ]
    }

    fn raw_sheet() -> impl Strategy<Value = RawSheet> {
        (
            prop::collection::vec((0u32..40, 0u32..8, cell()), 0..120),
            prop::collection::vec((0u32..45, 0u32..10, 0u32..45, 0u32..10), 0..6),
        )
            .prop_map(|(cells, merges)| RawSheet::new("s", cells, merges))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_sheet_reads_without_panic_and_reconciles(sheets in prop::collection::vec(raw_sheet(), 1..3)) {
            let mut sheets = sheets;
            for (i, s) in sheets.iter_mut().enumerate() {
                s.name = format!("s{i}");
            }
            let fi = interpret(&plan(), march(), "2025-03/保护处.xlsx", &book(sheets));
            for s in &fi.submission.sheets {
                prop_assert_eq!(s.rows_read, s.accepted + s.rejected + s.skipped);
            }
            let accepted: usize = fi.submission.sheets.iter().map(|s| s.accepted).sum();
            prop_assert_eq!(accepted, fi.tasks.len() + fi.figures.len() + fi.ledgers.len());
            for f in &fi.flags {
                prop_assert!(!f.message.is_empty());
                prop_assert_eq!(f.file.as_deref(), Some("2025-03/保护处.xlsx"));
            }
        }

        #[test]
        fn any_text_normalises_without_panic(s in "\\PC*") {
            let _ = header::normalise(&s);
            let _ = titles::norm(&s);
            let p = plan();
            let _ = Departments::new(&p).resolve(&s);
            let _ = Departments::new(&p).named_in_path(&s);
            let _ = Titles::new(&p).task(&s);
            let _ = Titles::new(&p).figure(&s);
            let _ = meta::is_meta_text(&s);
            let _ = is_section_marker(&s);
        }
    }
}

#[test]
fn a_departments_own_headers() {
    let b = book(vec![sheet(
        "s",
        &[
            &[
                "序号",
                "重点工作",
                "责任处室",
                "推进状态",
                "2025年3月工作推进情况",
                "存在困难",
                "下步打算",
            ],
            &[
                "1",
                "强化知识产权行政保护",
                "保护处、保护中心",
                "正常推进",
                "开展专项行动",
                "人手紧张",
                "继续",
            ],
        ],
        vec![],
    )]);
    let fi = run("2025-03/保护处.xlsx", &b);
    let t = &fi.tasks[0];
    assert_eq!((t.task, t.status), (10, Some(Status::InProgress)));
    assert_eq!(
        (t.text.as_str(), t.problems.as_str(), t.next_steps.as_str()),
        ("开展专项行动", "人手紧张", "继续")
    );
    assert!(t.extra.is_empty(), "{:?}", t.extra);
}

#[test]
fn last_months_reference_columns_are_read_past() {
    let rows: &[&[&str]] = &[
        &["填报单位：保护处"],
        &[
            "任务编号",
            "完成状态",
            "完成进度(%)",
            "本月进展",
            "存在问题",
            "上月进展",
            "上月问题",
        ],
        &[
            "9",
            "推进中",
            "#40",
            "本月新的进展",
            "",
            "上月的进展",
            "上月的问题",
        ],
        // Only last month's text: the task is not reported this month.
        &["10", "", "", "", "", "上月的进展", ""],
    ];
    let fi = run("a.xlsx", &book(vec![sheet("任务进展", rows, vec![])]));
    assert_eq!(fi.tasks.len(), 1);
    let t = &fi.tasks[0];
    assert_eq!((t.text.as_str(), t.problems.as_str()), ("本月新的进展", ""));
    assert!(t.extra.is_empty(), "{:?}", t.extra);
    assert!(fi.flags.is_empty(), "{:?}", fi.flags);
}

#[test]
fn ledger_rows_are_kept_cell_by_cell_when_asked() {
    let rows: &[&[&str]] = &[
        &["填报单位：保护处"],
        &[
            "案件编号",
            "受理日期",
            "纠纷类型",
            "调解结果",
            "结案日期",
            "备注",
        ],
        &["TJ-1", "D45719", "专利", "调解成功", "3月底", "已结"],
        &["", "", "", "", "", "只有备注"],
    ];
    let b = book(vec![sheet("纠纷调解台账", rows, vec![])]);
    let p = plan();
    assert!(interpret(&p, march(), "a.xlsx", &b).received.is_empty());
    let fi = interpret_keeping(&p, march(), "a.xlsx", &b);
    assert_eq!(fi.received.len(), 1, "{:?}", fi.received);
    let r = &fi.received[0];
    assert_eq!(r.origin.row, 3);
    assert_eq!(r.columns.field_at(4), Some(Field::Closed));
    assert_eq!(
        r.cells,
        vec![
            (Field::Key, Cell::Text("TJ-1".into())),
            (Field::Accepted, Cell::Date(45719.0)),
            (Field::Category, Cell::Text("专利".into())),
            (Field::Result, Cell::Text("调解成功".into())),
            (Field::Closed, Cell::Text("3月底".into())),
            (Field::Note, Cell::Text("已结".into())),
        ]
    );
}

#[test]
fn the_tools_explanation_sheets_are_never_read_as_tables() {
    // A returned workbook's first sheet quotes sheet names and cells that
    // look like a task header (推进情况 → 本月进展, 任务进展D7 → 任务名称).
    let feedback = sheet(
        "反馈说明",
        &[
            &["填报单位：发展促进处"],
            &["序号", "级别", "问题", "工作表", "本工作簿中"],
            &["#1", "错误", "逾期未完成", "推进情况", "任务进展 D7"],
            &["#2", "警告", "进展未更新", "推进情况", "任务进展 D8"],
        ],
        vec![],
    );
    let tasks = sheet(
        "任务进展",
        &[
            &["填报单位：保护处"],
            &["任务编号", "完成状态", "本月进展"],
            &["9", "推进中", "召开联席会议"],
        ],
        vec![],
    );
    let fi = run("a.xlsx", &book(vec![feedback, tasks]));
    assert_eq!(fi.submission.department.as_deref(), Some("保护处"));
    let kinds: Vec<SheetKind> = fi.submission.sheets.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SheetKind::Other, SheetKind::Tasks]);
    assert_eq!(fi.tasks.len(), 1);
    assert!(fi.flags.is_empty(), "{:?}", fi.flags);
}
