//! The plan as `workplan plan` shows it: a Chinese text table aligned for
//! CJK display width, and its JSON (`docs/json.md`). Pure functions from a
//! [`Plan`] to text; the caller prints.

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

pub mod book;

use crate::plan::Plan;
use crate::report::table::{Align, Column, render_table};
use crate::text;

/// Consecutive dates collapsed into ranges: `2025-01-01`, `2025-01-28至2025-02-04`.
pub fn date_ranges<'a>(days: impl IntoIterator<Item = &'a NaiveDate>) -> Vec<String> {
    crate::plan::calendar::runs(days)
        .into_iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}至{b}")
            }
        })
        .collect()
}

/// The plan as a readable Chinese text: the tasks (id, section, title,
/// leads), the figures (id, task, name, target, kind, due, owner), then the
/// calendar, the reporting deadline and the thresholds.
pub fn table(plan: &Plan) -> String {
    let mut out = String::new();
    out.push_str(&plan.name);
    out.push('\n');
    let mut byline = vec![plan.bureau.clone()];
    if !plan.document.is_empty() {
        byline.push(plan.document.clone());
    }
    byline.push(format!("{}年", plan.year));
    out.push_str(&byline.join("  "));
    out.push_str("\n\n");

    // Tasks.
    out.push_str(&format!("重点任务（{}项）\n", plan.tasks.len()));
    for s in &plan.sections {
        let n = plan.tasks.iter().filter(|t| t.section == s.id).count();
        out.push_str(&format!("  {}、{}（{}项）\n", s.id, s.title, n));
    }
    out.push('\n');
    let columns = [
        Column {
            header: "编号",
            max: 4,
            align: Align::Right,
        },
        Column {
            header: "板块",
            max: 4,
            align: Align::Left,
        },
        Column {
            header: "任务名称",
            max: 44,
            align: Align::Left,
        },
        Column {
            header: "牵头部门",
            max: 30,
            align: Align::Left,
        },
    ];
    let rows: Vec<Vec<String>> = plan
        .tasks
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.section.clone(),
                t.title.clone(),
                t.leads.join("、"),
            ]
        })
        .collect();
    out.push_str(&render_table(&columns, &rows));
    out.push('\n');

    // Figures.
    let indicators = plan.figures.iter().filter(|f| !f.is_milestone()).count();
    let milestones = plan.figures.len() - indicators;
    out.push_str(&format!(
        "主要指标（{indicators}项）与任务节点（{milestones}项）\n"
    ));
    let columns = [
        Column {
            header: "编号",
            max: 6,
            align: Align::Left,
        },
        Column {
            header: "任务",
            max: 4,
            align: Align::Right,
        },
        Column {
            header: "名称",
            max: 40,
            align: Align::Left,
        },
        Column {
            header: "目标",
            max: 24,
            align: Align::Left,
        },
        Column {
            header: "类型",
            max: 8,
            align: Align::Left,
        },
        Column {
            header: "完成时限",
            max: 10,
            align: Align::Left,
        },
        Column {
            header: "责任部门",
            max: 12,
            align: Align::Left,
        },
    ];
    let rows: Vec<Vec<String>> = plan
        .figures
        .iter()
        .map(|f| {
            vec![
                f.id.clone(),
                f.task.map(|t| t.to_string()).unwrap_or_default(),
                f.name.clone(),
                f.target_text(),
                f.kind.as_chinese().to_string(),
                f.due.to_string(),
                f.owner.clone(),
            ]
        })
        .collect();
    out.push_str(&render_table(&columns, &rows));
    out.push('\n');

    // Calendar, deadline, thresholds.
    let cal = &plan.calendar;
    out.push_str(&format!("工作日历（{}年）\n", plan.year));
    let holidays = date_ranges(&cal.holidays);
    out.push_str(&format!(
        "  法定节假日：{}（共{}天）\n",
        if holidays.is_empty() {
            "无".to_string()
        } else {
            holidays.join("；")
        },
        cal.holidays.len()
    ));
    let workdays: Vec<String> = cal.workdays.iter().map(|d| d.to_string()).collect();
    out.push_str(&format!(
        "  调休上班：{}（共{}天）\n",
        if workdays.is_empty() {
            "无".to_string()
        } else {
            workdays.join("、")
        },
        workdays.len()
    ));
    let working = NaiveDate::from_ymd_opt(plan.year, 1, 1)
        .map(|first| {
            first
                .iter_days()
                .take_while(|d| d.year() == plan.year)
                .filter(|d| cal.is_workday(*d))
                .count()
        })
        .unwrap_or(0);
    out.push_str(&format!("  全年工作日：{working}天\n"));
    out.push_str(&format!(
        "报送时限：每月情况于次月{}日前报送\n",
        plan.reporting.due_day
    ));
    let t = &plan.thresholds;
    out.push_str(&format!(
        "预警规则：累计指标低于序时进度亮黄灯，低于序时进度的{}%亮红灯；报送数与台账相差超过{}%提示不一致\n",
        text::number(t.behind_red * 100.0),
        text::number(t.mismatch * 100.0)
    ));
    out
}

// ------------------------------------------------------------------ JSON

/// A number that prints as an integer when it is whole (`3000`, not `3000.0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64(x)
        }
    }
}

/// The JSON of `workplan plan --json` (`docs/json.md`); field order is the
/// output order.
#[derive(Debug, Serialize)]
pub struct PlanJson<'a> {
    pub name: &'a str,
    pub year: i32,
    pub departments: Vec<DepartmentJson<'a>>,
    pub tasks: Vec<TaskJson<'a>>,
    /// Indicators `I1`… then milestones, in plan order.
    pub figures: Vec<FigureJson<'a>>,
    pub calendar: CalendarJson,
}

/// A department in the plan's JSON.
#[derive(Debug, Serialize)]
pub struct DepartmentJson<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
}

/// A task in the plan's JSON.
#[derive(Debug, Serialize)]
pub struct TaskJson<'a> {
    pub id: u32,
    pub section: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    pub leads: &'a [String],
}

/// A figure in the plan's JSON; `target` is null for a dated milestone,
/// `task` null for an indicator.
#[derive(Debug, Serialize)]
pub struct FigureJson<'a> {
    pub id: &'a str,
    pub task: Option<u32>,
    pub name: &'a str,
    pub unit: &'a str,
    pub kind: &'static str,
    pub comparator: &'static str,
    pub target: Option<Num>,
    /// `YYYY-MM-DD`.
    pub due: String,
    pub owner: &'a str,
}

/// The calendar in the plan's JSON: dates as `YYYY-MM-DD`, sorted.
#[derive(Debug, Serialize)]
pub struct CalendarJson {
    pub holidays: Vec<String>,
    pub workdays: Vec<String>,
}

impl<'a> From<&'a Plan> for PlanJson<'a> {
    fn from(plan: &'a Plan) -> Self {
        // Indicators first, then milestones, each group in plan order.
        let figures = plan
            .figures
            .iter()
            .filter(|f| !f.is_milestone())
            .chain(plan.figures.iter().filter(|f| f.is_milestone()))
            .map(|f| FigureJson {
                id: &f.id,
                task: f.task,
                name: &f.name,
                unit: &f.unit,
                kind: f.kind.as_str(),
                comparator: f.comparator.as_str(),
                target: f.target.map(Num),
                due: f.due.to_string(),
                owner: &f.owner,
            })
            .collect();
        PlanJson {
            name: &plan.name,
            year: plan.year,
            departments: plan
                .departments
                .iter()
                .map(|d| DepartmentJson {
                    name: &d.name,
                    aliases: &d.aliases,
                })
                .collect(),
            tasks: plan
                .tasks
                .iter()
                .map(|t| TaskJson {
                    id: t.id,
                    section: &t.section,
                    title: &t.title,
                    text: &t.text,
                    leads: &t.leads,
                })
                .collect(),
            figures,
            calendar: CalendarJson {
                holidays: plan
                    .calendar
                    .holidays
                    .iter()
                    .map(|d| d.to_string())
                    .collect(),
                workdays: plan
                    .calendar
                    .workdays
                    .iter()
                    .map(|d| d.to_string())
                    .collect(),
            },
        }
    }
}

/// What `plan --draft` prints: what the draft found, what needs a look,
/// what it could not place, and where the workbook went.
pub fn drafted(d: &crate::import::notice::Draft, out: &std::path::Path) -> String {
    use std::fmt::Write as _;
    let p = &d.plan;
    let milestones = p.figures.iter().filter(|f| f.is_milestone()).count();
    let mut s = String::new();
    let _ = writeln!(s, "{}（{}年）", p.name, p.year);
    let _ = writeln!(
        s,
        "已起草：{}个板块、重点任务{}项、主要指标{}项、任务节点{}项、部门{}个",
        p.sections.len(),
        p.tasks.len(),
        p.figures.len() - milestones,
        milestones,
        p.departments.len()
    );
    let unsure = d.to_confirm().count();
    if unsure > 0 {
        let _ = writeln!(
            s,
            "待确认 {unsure} 处：已在工作簿中标黄，“待确认”列写明原因，请逐项核对。"
        );
    }
    for line in d.loose() {
        let _ = writeln!(s, "  待确认 {line}");
    }
    if !d.problems.is_empty() {
        let _ = writeln!(s, "还不能直接用作计划，请先在工作簿中补充：");
        for problem in &d.problems {
            let _ = writeln!(s, "  {problem}");
        }
    }
    if !d.unplaced.is_empty() {
        let _ = writeln!(s, "通知中以下文字未归入计划（如有遗漏请补进工作簿）：");
        for text in &d.unplaced {
            let _ = writeln!(s, "  {text}");
        }
    }
    let _ = writeln!(s, "计划工作簿：{}", out.display());
    let _ = writeln!(
        s,
        "核对修改后，用 --plan {} 使用这份计划（如 workplan template --plan … --period {}-01）。",
        out.display(),
        p.year
    );
    s
}

/// The plan as pretty-printed JSON (`docs/json.md`).
pub fn json(plan: &Plan) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&PlanJson::from(plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load_default;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn ranges_collapse_consecutive_days() {
        let plan = load_default().unwrap();
        let ranges = date_ranges(&plan.calendar.holidays);
        assert_eq!(ranges[0], "2025-01-01");
        assert_eq!(ranges[1], "2025-01-28至2025-02-04");
        assert_eq!(ranges.last().unwrap(), "2025-10-01至2025-10-08");
    }

    #[test]
    fn the_table_aligns_columns_for_cjk_width() {
        let plan = load_default().unwrap();
        let text = table(&plan);
        let lines: Vec<&str> = text.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.starts_with("编号  板块"))
            .unwrap();
        // Titles and leads start at the same display column in every task
        // row, whatever the CJK text before them.
        let col = |line: &str, text: &str| line[..line.find(text).unwrap()].width();
        let task1 = lines[header + 2];
        let task13 = lines
            .iter()
            .find(|l| l.contains("深化知识产权纠纷多元解决机制"))
            .unwrap();
        let task18 = lines.iter().find(|l| l.contains("科创板拟上市")).unwrap();
        assert_eq!(
            task1.split_whitespace().take(2).collect::<Vec<_>>(),
            ["1", "一"]
        );
        assert_eq!(col(task1, "编制"), col(task13, "深化知识产权"));
        assert_eq!(col(task1, "发展促进处"), col(task13, "保护处、保护中心"));
        assert_eq!(col(task1, "发展促进处"), col(task18, "保护中心"));
        assert_eq!(col(lines[header], "牵头部门"), col(task1, "发展促进处"));
        assert!(text.contains("24.1"));
        assert!(text.contains("≥15 次"));
        assert!(text.contains("2025-01-28至2025-02-04"));
        assert!(
            text.contains("调休上班：2025-01-26、2025-02-08、2025-04-27、2025-09-28、2025-10-11")
        );
        assert!(text.contains("全年工作日：248天"));
        assert!(text.contains("次月5日前"));
        assert!(lines.iter().all(|l| l == &l.trim_end()));
    }

    #[test]
    fn json_lists_indicators_before_milestones() {
        let plan = load_default().unwrap();
        let value: serde_json::Value = serde_json::from_str(&json(&plan).unwrap()).unwrap();
        let ids: Vec<&str> = value["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            &ids[..9],
            ["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9"]
        );
        assert_eq!(ids[9], "1.1");
        assert_eq!(value["figures"][3]["target"], serde_json::json!(3000));
        assert!(value["figures"][3]["target"].is_i64());
        assert!(value["figures"][9]["target"].is_null());
    }
}
