//! `workplan status`: the 催报 status of a month folder as it is.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::{code, read_json, run, samples, stderr, stdout, tempdir};

/// Copies the June samples into `root/2025-06`, leaving out `drop`.
fn half_full(root: &Path, drop: &[&str]) {
    let month = root.join("2025-06");
    std::fs::create_dir_all(&month).unwrap();
    for entry in std::fs::read_dir(samples().join("2025-06")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !drop.contains(&name.as_str()) {
            std::fs::copy(&path, month.join(&name)).unwrap();
        }
    }
}

fn status(root: &Path, today: &str) -> (String, Value) {
    let json = root.join("status.json");
    let out = run(&[
        "status",
        root.to_str().unwrap(),
        "--today",
        today,
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    (stdout(&out), read_json(&json))
}

fn department<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == name)
        .unwrap_or_else(|| panic!("{name} listed"))
}

#[test]
fn a_half_full_month_lists_exactly_who_and_what_is_missing() {
    let dir = tempdir();
    half_full(dir.path(), &["保护处2025年6月工作推进情况.ods"]);
    let (text, v) = status(dir.path(), "2025-07-02");

    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["departments", "due", "period", "working_days_left"]);
    assert_eq!(v["period"], "2025-06");
    assert_eq!(v["due"], "2025-07-05");
    // Wed 2, Thu 3, Fri 4 July; the 5th is a Saturday.
    assert_eq!(v["working_days_left"], 3);

    let names: Vec<&str> = v["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["办公室", "发展促进处", "监管与预警处", "保护处", "保护中心"]
    );
    for d in v["departments"].as_array().unwrap() {
        let mut k: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        assert_eq!(
            k,
            [
                "files",
                "missing_figures",
                "missing_tasks",
                "name",
                "reminder",
                "status"
            ]
        );
    }
    // The one that sent nothing owes all it leads and owns.
    let p = department(&v, "保护处");
    assert_eq!(p["status"], "未报送");
    assert_eq!(p["files"], json!([]));
    assert_eq!(p["missing_tasks"], json!([3, 9, 10, 11, 12, 13, 14]));
    assert_eq!(p["missing_figures"], json!(["I4", "12.1"]));
    let r = p["reminder"].as_str().unwrap();
    assert!(
        r.contains("尚未报送") && r.contains("7月5日前（还有3个工作日）"),
        "{r}"
    );
    assert!(r.chars().count() <= 100, "a text message: {r}");
    // The samples' planted MISSING_TASK: 监管与预警处 sent, without task 15.
    let m = department(&v, "监管与预警处");
    assert_eq!(m["status"], "已报送");
    assert_eq!(m["missing_tasks"], json!([15]));
    assert_eq!(m["missing_figures"], json!([]));
    assert_eq!(m["files"].as_array().unwrap().len(), 2);
    assert!(m["reminder"].as_str().unwrap().contains("尚缺第15项任务"));
    // The others owe nothing and get no reminder.
    for name in ["办公室", "发展促进处", "保护中心"] {
        let d = department(&v, name);
        assert_eq!(d["status"], "已报送", "{name}");
        assert!(d["reminder"].is_null(), "{name}");
        assert_eq!(
            (d["missing_tasks"].clone(), d["missing_figures"].clone()),
            (json!([]), json!([]))
        );
    }
    assert!(text.contains("还有 3 个工作日"), "{text}");
    assert!(text.contains("催报提醒（可直接复制发送）"), "{text}");
    assert!(
        !text.contains("办公室：\n【"),
        "no reminder for 办公室: {text}"
    );
}

#[test]
fn after_the_deadline_the_silent_are_overdue() {
    let dir = tempdir();
    half_full(dir.path(), &["保护处2025年6月工作推进情况.ods"]);
    let (_, v) = status(dir.path(), "2025-07-07");
    assert_eq!(v["working_days_left"], 0);
    let p = department(&v, "保护处");
    assert_eq!(p["status"], "逾期");
    assert!(p["reminder"].as_str().unwrap().contains("现已逾期"));
    assert_eq!(department(&v, "办公室")["status"], "已报送");
}

#[test]
fn a_month_nobody_has_sent_for_yet_needs_no_folder() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("2025-08")).unwrap();
    let json = dir.path().join("s.json");
    // September's reports are due 5 October, inside the National Day holiday:
    // on 29 September only the 29th and 30th are left.
    let out = run(&[
        "status",
        dir.path().to_str().unwrap(),
        "--period",
        "2025-09",
        "--today",
        "2025-09-29",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v = read_json(&json);
    assert_eq!(v["working_days_left"], 2);
    for d in v["departments"].as_array().unwrap() {
        assert_eq!(d["status"], "未报送", "{d}");
        assert!(d["reminder"].is_string());
    }
}
