//! Integration tests for `workplan plan`.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::util::{run, stderr, stdout, tempdir};

/// The default plan file as shipped.
fn default_plan_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/plan-2025.toml");
    std::fs::read_to_string(path).expect("the default plan file")
}

fn plan_json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("stdout is JSON")
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_str().expect("a string"))
        .collect()
}

#[test]
fn plan_prints_a_table() {
    let out = run(&["plan"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("浦东新区知识产权局2025年工作要点\n"),
        "{text}"
    );
    assert!(text.contains("重点任务（25项）"));
    let task13 = text
        .lines()
        .find(|l| l.contains("深化知识产权纠纷多元解决机制"))
        .expect("task 13 listed");
    assert!(task13.trim_start().starts_with("13"), "{task13}");
    assert!(task13.contains("三"), "{task13}");
    assert!(task13.ends_with("保护处、保护中心"), "{task13}");
    let i2 = text
        .lines()
        .find(|l| l.starts_with("I2 "))
        .expect("I2 listed");
    assert!(
        i2.contains("作品登记量") && i2.contains("≥260,000 件"),
        "{i2}"
    );
    assert!(
        i2.contains("累计值") && i2.ends_with("监管与预警处"),
        "{i2}"
    );
    assert!(text.contains("调休上班：2025-01-26、2025-02-08"));
    assert!(text.contains("全年工作日：248天"));
}

#[test]
fn plan_json_has_the_contract_shape() {
    let v = plan_json(&["plan", "--json"]);
    assert_eq!(
        keys(&v),
        [
            "calendar",
            "departments",
            "figures",
            "name",
            "tasks",
            "year"
        ]
    );
    assert_eq!(v["name"], "浦东新区知识产权局2025年工作要点");
    assert_eq!(v["year"], 2025);

    let departments = v["departments"].as_array().unwrap();
    let names: Vec<&str> = departments
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["办公室", "发展促进处", "监管与预警处", "保护处", "保护中心"]
    );
    for d in departments {
        assert_eq!(keys(d), ["aliases", "name"]);
    }
    assert!(strings(&departments[1]["aliases"]).contains(&"发展与促进处"));
    let centre = strings(&departments[4]["aliases"]);
    assert!(centre.contains(&"知识产权保护中心") && centre.contains(&"浦东新区知识产权保护中心"));

    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 25);
    for t in tasks {
        assert_eq!(keys(t), ["id", "leads", "section", "text", "title"]);
    }
    assert_eq!(tasks[12]["id"], 13);
    assert_eq!(tasks[12]["section"], "三");
    assert_eq!(strings(&tasks[12]["leads"]), ["保护处", "保护中心"]);
    // Leads by canonical name, though the seed writes 发展与促进处 here.
    assert_eq!(strings(&tasks[15]["leads"]), ["发展促进处"]);
    assert_eq!(tasks[1]["title"], "推动知识产权立法修法工作");
    assert!(
        tasks[1]["text"]
            .as_str()
            .unwrap()
            .contains("3月提交区政府常务会议审议")
    );

    let figures = v["figures"].as_array().unwrap();
    for f in figures {
        assert_eq!(
            keys(f),
            [
                "comparator",
                "due",
                "id",
                "kind",
                "name",
                "owner",
                "target",
                "task",
                "unit"
            ]
        );
    }
    let ids: Vec<&str> = figures.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(
        &ids[..9],
        ["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9"]
    );
    for id in ["2.1", "5.1", "8.1", "24.1", "24.2"] {
        assert!(ids.contains(&id), "milestone {id} listed");
    }
    let fig = |id: &str| &figures[ids.iter().position(|x| *x == id).unwrap()];
    assert_eq!(fig("I4")["target"], 3000);
    assert_eq!(fig("I4")["comparator"], ">=");
    assert_eq!(fig("I4")["kind"], "cumulative");
    assert_eq!(fig("I4")["owner"], "保护处");
    assert!(fig("I4")["task"].is_null());
    assert_eq!(fig("I1")["comparator"], ">");
    assert_eq!(fig("I9")["comparator"], "<");
    assert_eq!(fig("I9")["unit"], "个工作日");
    assert_eq!(fig("I5")["unit"], "亿元");
    assert_eq!(fig("I7")["kind"], "growth");
    assert_eq!(fig("2.1")["due"], "2025-03-31");
    assert_eq!(fig("2.1")["task"], 2);
    assert_eq!(fig("2.1")["kind"], "date");
    assert!(fig("2.1")["target"].is_null());
    assert_eq!(fig("24.1")["target"], 15);
    assert_eq!(fig("24.1")["unit"], "次");
    assert_eq!(fig("24.1")["due"], "2025-12-31");
    assert_eq!(fig("5.1")["target"], 4);

    assert_eq!(keys(&v["calendar"]), ["holidays", "workdays"]);
    let holidays = strings(&v["calendar"]["holidays"]);
    let workdays = strings(&v["calendar"]["workdays"]);
    assert!(holidays.contains(&"2025-01-29"));
    assert!(holidays.contains(&"2025-10-08"));
    assert!(!holidays.contains(&"2025-01-26"));
    assert_eq!(
        workdays,
        [
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11"
        ]
    );
}

#[test]
fn a_bad_plan_exits_2_naming_file_and_line() {
    let dir = tempdir();
    let text = default_plan_text();
    // Task 2's lead becomes a department the plan does not have.
    let at = text.find("leads = [\"办公室\"]").unwrap();
    let line = text[..at].lines().count() + 1;
    let bad = format!(
        "{}leads = [\"财务处\"]{}",
        &text[..at],
        &text[at + "leads = [\"办公室\"]".len()..]
    );
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, bad).unwrap();
    let out = run(&["plan", "--plan", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let expected = format!(
        "错误：计划文件 `{}` 第{line}行：任务 2 的牵头部门 `财务处` 不是计划中的部门：计划中的部门有 办公室、",
        path.display()
    );
    assert!(err.starts_with(&expected), "{err}\nexpected: {expected}");
    assert!(stdout(&out).is_empty());

    // A syntax error too.
    std::fs::write(&path, "name = \"p\"\nyear = 2025\n[[tasks]\n").unwrap();
    let out = run(&["plan", "--plan", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let prefix = format!("错误：计划文件 `{}` 第3行：", path.display());
    assert!(stderr(&out).starts_with(&prefix), "{}", stderr(&out));
}

#[test]
fn a_plan_file_is_used_when_given() {
    let dir = tempdir();
    let text = default_plan_text().replace("due_day = 5", "due_day = 10");
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, text).unwrap();
    let out = run(&["plan", "--plan", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("次月10日前"));
}

/// The default plan moved to another year, without its own `[calendar]`.
fn plan_of_year(year: i32) -> String {
    let text = default_plan_text();
    let calendar = text.find("[calendar]").unwrap();
    let reporting = text.find("[reporting]").unwrap();
    let text = format!("{}{}", &text[..calendar], &text[reporting..]);
    text.replace("2025", &year.to_string())
}

#[test]
fn a_plan_without_a_calendar_uses_the_official_one_of_its_year() {
    let dir = tempdir();
    let path = dir.path().join("plan-2026.toml");
    std::fs::write(&path, plan_of_year(2026)).unwrap();
    let json = plan_json(&["plan", "--plan", path.to_str().unwrap(), "--json"]);
    let holidays = json["calendar"]["holidays"].as_array().unwrap();
    let workdays = json["calendar"]["workdays"].as_array().unwrap();
    assert_eq!((holidays.len(), workdays.len()), (33, 6));
    assert!(workdays.contains(&Value::from("2026-02-14")));
    assert!(holidays.contains(&Value::from("2026-02-23")));
}

#[test]
fn a_year_without_an_official_calendar_warns_and_goes_on() {
    let dir = tempdir();
    let path = dir.path().join("plan-2031.toml");
    std::fs::write(&path, plan_of_year(2031)).unwrap();
    let out = run(&["plan", "--plan", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.starts_with("警告：2031 年没有内置的放假安排"), "{err}");
    assert!(err.contains("[calendar]"), "{err}");
    let json: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    assert_eq!(json["calendar"]["holidays"].as_array().unwrap().len(), 0);
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::DateTime(d)) => format!("serial {}", d.as_f64()),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

fn write_book(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let out = run(&["plan", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("任务分解表已写入"));
    path
}

#[test]
fn plan_writes_the_task_breakdown_workbook() {
    let dir = tempdir();
    let path = write_book(dir.path(), "任务分解表.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("the workbook opens");
    assert_eq!(
        book.sheet_names(),
        [
            "基本信息",
            "部门",
            "重点任务",
            "指标与节点",
            "节假日",
            "阈值"
        ]
    );

    let info = book.worksheet_range("基本信息").unwrap();
    assert_eq!(cell(&info, 3, 0), "计划名称");
    assert_eq!(cell(&info, 3, 1), "浦东新区知识产权局2025年工作要点");
    assert_eq!(cell(&info, 5, 1), "2025");
    assert_eq!(cell(&info, 6, 1), "沪浦知局〔2025〕17号");
    assert_eq!(cell(&info, 7, 1), "5");

    let tasks = book.worksheet_range("重点任务").unwrap();
    assert_eq!(
        cell(&tasks, 0, 0),
        "浦东新区知识产权局2025年工作要点任务分解表"
    );
    let header: Vec<String> = (0..7).map(|c| cell(&tasks, 2, c)).collect();
    assert_eq!(
        header,
        [
            "板块",
            "板块名称",
            "任务编号",
            "任务名称",
            "任务全文",
            "牵头部门",
            "共同牵头部门"
        ]
    );
    // One row per task from row 4 (index 3), in order.
    for id in 1..=25u32 {
        assert_eq!(cell(&tasks, 2 + id, 2), id.to_string(), "task {id}");
    }
    assert_eq!(cell(&tasks, 3, 0), "一");
    assert_eq!(cell(&tasks, 3, 1), "抓好重大事项落实");
    assert_eq!(cell(&tasks, 3, 3), "编制\"十五五\"知识产权规划");
    assert_eq!(
        (cell(&tasks, 15, 5), cell(&tasks, 15, 6)),
        ("保护处".into(), "保护中心".into())
    ); // task 13
    assert!(cell(&tasks, 4, 4).contains("3月提交区政府常务会议审议")); // task 2's text

    let figures = book.worksheet_range("指标与节点").unwrap();
    assert_eq!(cell(&figures, 2, 0), "编号");
    assert_eq!(cell(&figures, 2, 5), "目标值");
    let find = |id: &str| {
        (3..figures.height() as u32)
            .find(|&r| cell(&figures, r, 0) == id)
            .unwrap_or_else(|| panic!("{id} listed"))
    };
    let i4 = find("I4");
    assert_eq!(i4, 6, "indicators first, in order");
    assert_eq!(cell(&figures, i4, 3), "累计值");
    assert_eq!(cell(&figures, i4, 4), "不少于");
    assert_eq!(cell(&figures, i4, 5), "3000");
    assert_eq!(cell(&figures, i4, 6), "件");
    assert_eq!(cell(&figures, i4, 8), "保护处");
    assert_eq!(cell(&figures, i4, 9), "纠纷调解台账");
    assert_eq!(cell(&figures, i4, 10), "按台账条数");
    let m = find("2.1");
    assert_eq!(cell(&figures, m, 1), "2");
    assert_eq!(cell(&figures, m, 3), "时间节点");
    assert_eq!(cell(&figures, m, 4), "");
    assert_eq!(cell(&figures, m, 7), "serial 45747"); // 2025-03-31
    assert_eq!(cell(&figures, find("24.1"), 5), "15");
    assert_eq!(cell(&figures, find("I9"), 4), "少于");

    let days = book.worksheet_range("节假日").unwrap();
    assert_eq!(cell(&days, 3, 2), "放假"); // 2025-01-01
    let spring = (3..days.height() as u32)
        .find(|&r| cell(&days, r, 0) == "serial 45685") // 2025-01-28
        .expect("the spring festival");
    assert_eq!(cell(&days, spring, 1), "serial 45692"); // to 2025-02-04
    let thresholds = book.worksheet_range("阈值").unwrap();
    assert_eq!(
        (cell(&thresholds, 3, 0), cell(&thresholds, 3, 1)),
        ("红灯线".into(), "0.9".into())
    );
}

#[test]
fn the_workbook_is_byte_identical_and_written_whole() {
    let dir = tempdir();
    let a = write_book(dir.path(), "a.xlsx");
    let b = write_book(&dir.path().join("sub/folder"), "b.xlsx");
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // Rewriting in place leaves no temporary file behind.
    let again = write_book(dir.path(), "a.xlsx");
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&b).unwrap());
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.xlsx", "sub"]);
}

#[test]
fn json_and_workbook_together_keep_stdout_pure_json() {
    let dir = tempdir();
    let path = dir.path().join("plan.xlsx");
    let out = run(&["plan", "--json", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON only");
    assert_eq!(v["year"], 2025);
    assert!(path.is_file());
    assert!(stderr(&out).contains("任务分解表已写入"));
}

#[test]
fn an_unwritable_output_exits_2() {
    let dir = tempdir();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let path = blocker.join("plan.xlsx");
    let out = run(&["plan", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("错误：无法写入 `{}`", path.display())),
        "{err}"
    );
    assert!(
        stdout(&out).is_empty(),
        "nothing printed when the write fails"
    );
}

// ------------------------------------------------------------ the plan as a workbook

fn plan_book(name: &str) -> PathBuf {
    crate::util::fixtures().join("plan_book").join(name)
}

#[test]
fn the_exported_plan_loads_back_as_the_same_plan() {
    let dir = tempdir();
    let book = write_book(dir.path(), "任务分解表.xlsx");
    let builtin = plan_json(&["plan", "--json"]);
    let loaded = plan_json(&["plan", "--plan", book.to_str().unwrap(), "--json"]);
    assert_eq!(builtin, loaded);
    // The committed export (made the same way) loads to the same plan too.
    let committed = plan_book("exported.xlsx");
    assert_eq!(
        builtin,
        plan_json(&["plan", "--plan", committed.to_str().unwrap(), "--json"])
    );
}

#[test]
fn a_plan_edited_elsewhere_loads_with_its_edits_in_every_format() {
    let load = |name: &str| {
        let path = plan_book(name);
        plan_json(&["plan", "--plan", path.to_str().unwrap(), "--json"])
    };
    let edited = load("edited_openpyxl.xlsx");
    assert_eq!(edited, load("edited_libreoffice.xls"));
    assert_eq!(edited, load("edited_libreoffice.ods"));

    // The five edits, and nothing else.
    let mut want = plan_json(&["plan", "--json"]);
    want["name"] = "浦东新区知识产权局2025年工作要点（修订）".into();
    let departments = want["departments"].as_array_mut().unwrap();
    let centre = departments
        .iter_mut()
        .find(|d| d["name"] == "保护中心")
        .unwrap();
    centre["aliases"]
        .as_array_mut()
        .unwrap()
        .push("浦东知保中心".into());
    let task5 = want["tasks"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["id"] == 5)
        .unwrap();
    task5["title"] = "持续挖掘培育优质企业（修订）".into();
    task5["leads"]
        .as_array_mut()
        .unwrap()
        .push("监管与预警处".into());
    let i4 = want["figures"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["id"] == "I4")
        .unwrap();
    i4["target"] = 3200.into();
    want["calendar"]["holidays"]
        .as_array_mut()
        .unwrap()
        .push("2025-12-31".into());
    assert_eq!(edited, want);
}

/// A plan workbook written cell by cell: 基本信息, 部门, 重点任务, 指标与节点
/// (headers in row 1), `patch` changing the rows before they are written.
fn small_plan_book(path: &Path, patch: impl FnOnce(&mut [(&str, crate::util::Rows)])) {
    use crate::util::rows;
    let mut sheets = vec![
        (
            "基本信息",
            rows(&[
                ["项目", "内容", "说明"],
                ["计划名称", "某局2026年工作要点", ""],
                ["发文机关", "某局", ""],
                ["年度", "2026", ""],
                ["文号", "", ""],
                ["报送截止日", "5", ""],
            ]),
        ),
        (
            "部门",
            rows(&[
                ["部门名称", "其他写法"],
                ["办公室", ""],
                ["业务处", "业务一处"],
            ]),
        ),
        (
            "重点任务",
            rows(&[
                [
                    "板块",
                    "板块名称",
                    "任务编号",
                    "任务名称",
                    "任务全文",
                    "牵头部门",
                    "共同牵头部门",
                ],
                ["一", "重点工作", "1", "做好甲", "做好甲。", "办公室", ""],
                ["一", "重点工作", "2", "做好乙", "做好乙。", "业务一处", ""],
            ]),
        ),
        (
            "指标与节点",
            rows(&[
                [
                    "编号",
                    "所属任务",
                    "名称",
                    "类型",
                    "比较",
                    "目标值",
                    "单位",
                    "完成时限",
                    "责任部门",
                    "台账",
                    "计算方式",
                ],
                [
                    "I1",
                    "",
                    "受理量",
                    "累计值",
                    "不少于",
                    "100",
                    "件",
                    "2026-12-31",
                    "业务处",
                    "",
                    "",
                ],
                [
                    "1.1",
                    "1",
                    "提交审议",
                    "时间节点",
                    "",
                    "",
                    "",
                    "2026-06-30",
                    "办公室",
                    "",
                    "",
                ],
            ]),
        ),
    ];
    patch(&mut sheets);
    crate::util::write_book(path, &sheets);
}

#[test]
fn a_plan_workbook_made_by_hand_loads() {
    let dir = tempdir();
    let path = dir.path().join("2026.xlsx");
    small_plan_book(&path, |_| {});
    let plan = plan_json(&["plan", "--plan", path.to_str().unwrap(), "--json"]);
    assert_eq!(plan["year"], 2026);
    assert_eq!(plan["tasks"][1]["leads"], serde_json::json!(["业务处"]));
    assert_eq!(plan["figures"][1]["due"], "2026-06-30");
    // No 节假日 sheet: the official 2026 calendar (春节 2026-02-15 to 23).
    let holidays = strings(&plan["calendar"]["holidays"]);
    assert!(holidays.contains(&"2026-02-16"), "{holidays:?}");
}

#[test]
fn a_wrong_plan_workbook_is_refused_at_its_cells() {
    type Patch = fn(&mut [(&str, crate::util::Rows)]);
    let cases: &[(&str, Patch, &str)] = &[
        (
            "an unknown department",
            |s| s[2].1[2][5] = "财务处".into(),
            "工作表「重点任务」F3单元格：牵头部门“财务处”不在「部门」表中",
        ),
        (
            "a task without a lead",
            |s| s[2].1[1][5] = String::new(),
            "工作表「重点任务」F2单元格：没有牵头部门",
        ),
        (
            "a figure without a target",
            |s| s[3].1[1][5] = String::new(),
            "工作表「指标与节点」F2单元格：I1没有目标值",
        ),
        (
            "a duplicate task number",
            |s| s[2].1[2][2] = "1".into(),
            "工作表「重点任务」C3单元格：任务编号 1 重复",
        ),
        (
            "a bad date",
            |s| s[3].1[2][7] = "六月底左右".into(),
            "工作表「指标与节点」H3单元格：完成时限“六月底左右”不是日期",
        ),
    ];
    for (what, patch, fragment) in cases {
        let dir = tempdir();
        let path = dir.path().join("plan.xlsx");
        small_plan_book(&path, patch);
        let out = run(&["plan", "--plan", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(err.starts_with("错误：计划工作簿 `"), "{what}: {err}");
        assert!(
            err.contains(fragment),
            "{what}: wants «{fragment}» in\n{err}"
        );
        assert!(stdout(&out).is_empty(), "{what}");
    }
}

#[test]
fn a_draft_from_the_notice_is_the_built_in_plan_and_loads_as_it_stands() {
    let dir = tempdir();
    let notice = crate::util::fixtures().join("notice/2025-浦东知识产权局工作要点.txt");
    let out_path = dir.path().join("草稿.xlsx");
    let out = run(&[
        "plan",
        "--draft",
        notice.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("重点任务25项、主要指标9项、任务节点26项"),
        "{said}"
    );
    assert!(said.contains("待确认"), "{said}");
    assert!(said.contains("未归入计划"), "{said}");

    let drafted = plan_json(&["plan", "--plan", out_path.to_str().unwrap(), "--json"]);
    let builtin = plan_json(&["plan", "--json"]);
    for key in ["name", "year", "departments", "tasks", "calendar"] {
        assert_eq!(drafted[key], builtin[key], "{key}");
    }
    let ids = |v: &Value| -> Vec<String> {
        v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].to_string())
            .collect()
    };
    assert_eq!(ids(&drafted), ids(&builtin));
    for (d, b) in drafted["figures"]
        .as_array()
        .unwrap()
        .iter()
        .zip(builtin["figures"].as_array().unwrap())
    {
        for key in [
            "task",
            "kind",
            "comparator",
            "target",
            "unit",
            "due",
            "owner",
        ] {
            assert_eq!(d[key], b[key], "{} {key}", b["id"]);
        }
    }

    // The workbook shows each row's source and what to confirm.
    let mut book: Xlsx<_> = open_workbook(&out_path).expect("the draft opens");
    let figures = book.worksheet_range("指标与节点").unwrap();
    let header: Vec<String> = (0..13).map(|c| cell(&figures, 2, c)).collect();
    assert_eq!(&header[11..], ["来源原文", "待确认"]);
    let i5 = (3..figures.height() as u32)
        .find(|&r| cell(&figures, r, 0) == "I5")
        .unwrap();
    assert!(
        cell(&figures, i5, 11).contains("100"),
        "{}",
        cell(&figures, i5, 11)
    );

    // The same notice as a Word document gives the same draft.
    let docx = crate::util::fixtures().join("notice/2025-浦东知识产权局工作要点.docx");
    let from_docx = dir.path().join("草稿-docx.xlsx");
    let out = run(&[
        "plan",
        "--draft",
        docx.to_str().unwrap(),
        "-o",
        from_docx.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        plan_json(&["plan", "--plan", from_docx.to_str().unwrap(), "--json"]),
        drafted
    );
}

#[test]
fn a_notice_that_cannot_be_read_is_refused() {
    let dir = tempdir();
    let doc = dir.path().join("通知.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap();
    let out = run(&["plan", "--draft", doc.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("错误：无法读取通知 `"), "{err}");
    assert!(err.contains(".docx"), "{err}");
}

#[test]
fn from_next_years_notice_to_a_merged_month() {
    // Next year's notice: this year's, its year moved on.
    let dir = tempdir();
    let text = std::fs::read_to_string(
        crate::util::fixtures().join("notice/2025-浦东知识产权局工作要点.txt"),
    )
    .unwrap()
    .replace("2025", "2026");
    let notice = dir.path().join("2026年工作要点通知.txt");
    std::fs::write(&notice, text).unwrap();
    let plan = dir.path().join("2026年工作要点.xlsx");
    let run_ok = |args: &[&str]| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let p = |x: &Path| x.to_str().unwrap().to_string();
    run_ok(&["plan", "--draft", &p(&notice), "-o", &p(&plan)]);

    // Without the new plan, 2026 is refused with what to run.
    let out = run(&["template", "--period", "2026-01", "-o", &p(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("workplan plan --draft"),
        "{}",
        stderr(&out)
    );

    // With it: templates for January, a department's report, the merge.
    let templates = dir.path().join("填报表");
    run_ok(&[
        "template",
        "--plan",
        &p(&plan),
        "--period",
        "2026-01",
        "--department",
        "保护处",
        "-o",
        &p(&templates),
    ]);
    assert!(
        templates
            .join("2026年1月_保护处_工作要点推进情况表.xlsx")
            .exists()
    );
    let month = dir.path().join("2026-01");
    crate::util::write_book(
        &month.join("保护处.xlsx"),
        &[(
            "任务进展",
            crate::util::rows(&[
                ["填报单位：保护处", "", "", ""],
                ["任务编号", "完成状态", "完成进度(%)", "本月进展"],
                ["9", "推进中", "10", "研究制定立体保护工作方案"],
            ]),
        )],
    );
    let json = dir.path().join("2026-01.json");
    run_ok(&[
        "merge",
        &p(&month),
        "--plan",
        &p(&plan),
        "-o",
        &p(&dir.path().join("汇总.xlsx")),
        "--json",
        &p(&json),
    ]);
    let report = crate::util::read_json(&json);
    assert_eq!(report["period"], "2026-01");
    assert!(report["plan"].as_str().unwrap().contains("2026"));
    let task9 = report["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == 9)
        .unwrap();
    assert_eq!(task9["reports"][0]["status"], "推进中");
}
