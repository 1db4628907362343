//! `workplan status`: the month's 催报 status as a table for the terminal,
//! its JSON (`docs/json.md`), and for each department that owes something a
//! reminder to paste into 政务微信 or a text message — short, polite, with
//! what is missing and by when.

use serde_json::{Value, json};

use crate::report::table::{Align, Column, render_table};
use crate::summarise::{Chase, ChaseLine, Standing};
use crate::text;

/// Items named in a reminder before `等N项`: a text message stays short.
const NAMED: usize = 4;

/// `第13、14项任务`, `第1、5、16、17等8项任务`.
fn tasks_said(tasks: &[u32]) -> String {
    let named: Vec<String> = tasks.iter().take(NAMED).map(u32::to_string).collect();
    if tasks.len() > NAMED {
        format!("第{}等{}项任务", named.join("、"), tasks.len())
    } else {
        format!("第{}项任务", named.join("、"))
    }
}

/// `I4、12.1指标`, `I1、I2、I3、I8等6项指标`.
fn figures_said(figures: &[String]) -> String {
    let named: Vec<&str> = figures.iter().take(NAMED).map(String::as_str).collect();
    if figures.len() > NAMED {
        format!("{}等{}项指标", named.join("、"), figures.len())
    } else {
        format!("{}指标", named.join("、"))
    }
}

/// What is still owed, in a few words: `第13、14项任务和I4指标`.
fn owed_said(l: &ChaseLine) -> String {
    match (l.tasks.is_empty(), l.figures.is_empty()) {
        (false, false) => format!("{}和{}", tasks_said(&l.tasks), figures_said(&l.figures)),
        (false, true) => tasks_said(&l.tasks),
        (true, false) => figures_said(&l.figures),
        (true, true) => String::new(),
    }
}

/// The due day as a reminder says it: `7月5日`.
fn due_said(c: &Chase) -> String {
    use chrono::Datelike;
    format!("{}月{}日", c.due.month(), c.due.day())
}

/// The reminder for a department that owes something; `None` when it owes nothing.
pub fn reminder(c: &Chase, l: &ChaseLine) -> Option<String> {
    if !l.owes() {
        return None;
    }
    let month = c.period.label();
    let left = if c.working_days_left > 0 {
        format!("（还有{}个工作日）", c.working_days_left)
    } else {
        "（今天截止）".to_string()
    };
    let what = format!(
        "牵头任务{}项、指标{}项",
        l.tasks_assigned, l.figures_assigned
    );
    let text = match l.standing {
        Standing::Pending => format!(
            "【工作要点督办】{}：{month}工作要点推进情况尚未报送（{what}），请于{}前{left}报送办公室。谢谢！",
            l.name,
            due_said(c)
        ),
        Standing::Overdue => format!(
            "【工作要点督办】{}：{month}工作要点推进情况应于{}前报送，现已逾期，请尽快报送办公室（{what}）。谢谢！",
            l.name,
            due_said(c)
        ),
        Standing::Sent if c.today <= c.due => format!(
            "【工作要点督办】{}：{month}推进情况已收到，尚缺{}，请于{}前{left}补报办公室。谢谢！",
            l.name,
            owed_said(l),
            due_said(c)
        ),
        Standing::Sent => format!(
            "【工作要点督办】{}：{month}推进情况已收到，尚缺{}，报送截止日{}已过，请尽快补报办公室。谢谢！",
            l.name,
            owed_said(l),
            due_said(c)
        ),
    };
    Some(text)
}

/// The status as the office reads it in the terminal: the deadline, one
/// line per department, then the reminders ready to paste.
pub fn text(c: &Chase) -> String {
    let mut out = format!(
        "{}报送情况（截至{}）\n报送截止：{}，{}\n\n",
        c.period.label(),
        text::date(c.today),
        text::date(c.due),
        if c.today > c.due {
            "已过截止日".to_string()
        } else {
            format!("还有 {} 个工作日", c.working_days_left)
        }
    );
    let columns = [
        Column {
            header: "部门",
            max: 14,
            align: Align::Left,
        },
        Column {
            header: "状态",
            max: 6,
            align: Align::Left,
        },
        Column {
            header: "收到的文件",
            max: 40,
            align: Align::Left,
        },
        Column {
            header: "尚缺",
            max: 36,
            align: Align::Left,
        },
    ];
    let rows: Vec<Vec<String>> = c
        .departments
        .iter()
        .map(|l| {
            let owed = match l.standing {
                Standing::Sent if l.owes() => owed_said(l),
                Standing::Sent => "—".to_string(),
                _ => format!(
                    "全部（任务{}项、指标{}项）",
                    l.tasks_assigned, l.figures_assigned
                ),
            };
            vec![
                l.name.clone(),
                l.standing.as_str().to_string(),
                if l.files.is_empty() {
                    "—".to_string()
                } else {
                    l.files.join("\n")
                },
                owed,
            ]
        })
        .collect();
    out.push_str(&render_table(&columns, &rows));
    let reminders: Vec<(String, String)> = c
        .departments
        .iter()
        .filter_map(|l| reminder(c, l).map(|r| (l.name.clone(), r)))
        .collect();
    if reminders.is_empty() {
        out.push_str("\n各处室均已报送齐全。\n");
    } else {
        out.push_str("\n催报提醒（可直接复制发送）：\n");
        for (name, r) in reminders {
            out.push_str(&format!("\n{name}：\n{r}\n"));
        }
    }
    out
}

/// The status as JSON: `period`, `due`, `working_days_left`, and per
/// department `name`, `status`, `files`, `missing_tasks`, `missing_figures`,
/// `reminder` (null when it owes nothing).
pub fn json(c: &Chase) -> Value {
    json!({
        "period": c.period.to_string(),
        "due": c.due.format("%Y-%m-%d").to_string(),
        "working_days_left": c.working_days_left,
        "departments": c.departments.iter().map(|l| json!({
            "name": l.name,
            "status": l.standing.as_str(),
            "files": l.files,
            "missing_tasks": l.tasks,
            "missing_figures": l.figures,
            "reminder": reminder(c, l),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_in_a_reminder() {
        assert_eq!(tasks_said(&[13, 14]), "第13、14项任务");
        assert_eq!(
            tasks_said(&[1, 5, 16, 17, 20, 21]),
            "第1、5、16、17等6项任务"
        );
        let f: Vec<String> = ["I1", "I2", "I3", "I8", "I9"].map(String::from).to_vec();
        assert_eq!(figures_said(&f), "I1、I2、I3、I8等5项指标");
        assert_eq!(figures_said(&f[..1]), "I1指标");
    }
}
