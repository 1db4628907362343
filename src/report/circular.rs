//! The draft of the month's circular (督办通报): the overview told in the
//! words the general office sends round — overall progress, what is red,
//! behind or due, who reported late or not at all, and what is asked of
//! whom. Plain text with Chinese numbering, to paste into the office's
//! document template and edit.

use std::fmt::Write as _;

use crate::flag::{Code, Severity};
use crate::plan::FigureKind;
use crate::summarise::{FigureLine, Light, Summary, TaskLine, TaskStatus};
use crate::text;

/// The circular's draft text.
pub fn circular(s: &Summary) -> String {
    let mut out = String::new();
    let title = format!("{}推进情况通报", s.heading());
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "（{}，征求意见稿）", s.period.label());
    let _ = writeln!(out);
    let _ = writeln!(out, "局机关各处室、保护中心：");
    let _ = writeln!(out, "{}", opening(s));
    let _ = writeln!(out);

    let _ = writeln!(out, "一、总体进展");
    let _ = writeln!(out, "{}", overall(s));
    let _ = writeln!(out, "{}", figures_overall(s));
    let _ = writeln!(out);

    let _ = writeln!(out, "二、需重点督办的事项");
    let mut n = 0;
    let mut item = |out: &mut String, heading: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        n += 1;
        let _ = writeln!(out, "（{}）{heading}", text::numeral(n));
        for (i, l) in lines.iter().enumerate() {
            let _ = writeln!(out, "{}. {l}", i + 1);
        }
    };
    item(&mut out, "逾期或未报送（红灯）", red(s));
    item(&mut out, "未达序时进度（黄灯）", yellow(s));
    item(&mut out, "临近时限（蓝灯）", blue(s));
    if n == 0 {
        let _ = writeln!(out, "本月各项任务和指标均正常推进。");
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "三、报送情况");
    let _ = writeln!(out, "{}", reporting(s));
    let _ = writeln!(out);

    let _ = writeln!(out, "四、下步工作要求");
    for (i, l) in asks(s).iter().enumerate() {
        let _ = writeln!(out, "{}. {l}", i + 1);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}办公室", s.bureau);
    let _ = writeln!(out, "{}", text::date(s.as_of));
    out
}

fn opening(s: &Summary) -> String {
    format!(
        "根据各处室报送的{}工作要点推进情况（截至{}），现将{}重点任务和主要指标推进情况通报如下：",
        s.period.label(),
        text::date(s.as_of),
        s.period.label()
    )
}

fn overall(s: &Summary) -> String {
    let by_status = |st: TaskStatus| s.tasks.iter().filter(|t| t.status == st).count();
    let by_light = |l: Light| s.tasks.iter().filter(|t| t.light == l).count();
    let mut parts = vec![format!("已完成{}项", by_status(TaskStatus::Done))];
    for st in [
        TaskStatus::InProgress,
        TaskStatus::NotStarted,
        TaskStatus::Behind,
        TaskStatus::NotReported,
    ] {
        let k = by_status(st);
        if k > 0 {
            parts.push(format!("{}{k}项", st.as_str()));
        }
    }
    format!(
        "重点任务{}项，{}。按督办灯统计：红灯{}项、黄灯{}项、蓝灯{}项、绿灯{}项。",
        s.tasks.len(),
        parts.join("，"),
        by_light(Light::Red),
        by_light(Light::Yellow),
        by_light(Light::Blue),
        by_light(Light::Green)
    )
}

fn figures_overall(s: &Summary) -> String {
    let indicators: Vec<&FigureLine> = s
        .figures
        .iter()
        .filter(|f| f.figure.task.is_none())
        .collect();
    let ok = indicators
        .iter()
        .filter(|f| matches!(f.light, Light::Green | Light::Blue))
        .count();
    let mut text = format!(
        "主要指标{}项，{}项达到目标或序时进度，",
        indicators.len(),
        ok
    );
    let behind: Vec<String> = indicators
        .iter()
        .filter(|f| matches!(f.light, Light::Red | Light::Yellow))
        .map(|f| format!("{}{}", f.figure.name, figure_value(f)))
        .collect();
    if behind.is_empty() {
        text.push_str("其余均正常。");
    } else {
        let _ = write!(
            text,
            "{}项需加快推进：{}。",
            behind.len(),
            behind.join("；")
        );
    }
    text
}

/// `（累计 1,398 件，完成 46.6%）` for a figure with a value.
fn figure_value(f: &FigureLine) -> String {
    match (f.value, f.completion) {
        (Some(v), Some(c)) if f.figure.kind != FigureKind::Date => format!(
            "（{} {}，目标{}，完成{}）",
            if f.figure.kind.is_cumulative() {
                "累计"
            } else {
                "当前"
            },
            text::quantity(v, &f.figure.unit),
            text::target(&f.figure),
            text::percent(c)
        ),
        _ => String::new(),
    }
}

fn task_line(t: &TaskLine, s: &Summary, why: &str) -> String {
    format!(
        "第{}项「{}」（{}）：{}",
        t.id,
        t.title,
        t.leads.join("、"),
        why.trim_end_matches('。').to_string() + "。" + &task_tail(t, s)
    )
}

/// The problems and next steps the leads reported, when they did.
fn task_tail(t: &TaskLine, _s: &Summary) -> String {
    let problems: Vec<String> = t
        .reports
        .iter()
        .filter(|r| !r.problems.trim().is_empty() && !is_nil(&r.problems))
        .map(|r| format!("{}反映：{}", r.department, r.problems.trim()))
        .collect();
    if problems.is_empty() {
        String::new()
    } else {
        problems.join("；") + "。"
    }
}

/// Words meaning "none" that people write in 存在问题.
fn is_nil(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches('。'),
        "无" | "暂无" | "/" | "—" | "-" | "没有"
    )
}

fn red(s: &Summary) -> Vec<String> {
    let mut lines: Vec<String> = s
        .tasks
        .iter()
        .filter(|t| t.light == Light::Red)
        .map(|t| task_line(t, s, &t.reason))
        .collect();
    lines.extend(s.figures.iter().filter(|f| f.light == Light::Red).map(|f| {
        format!(
            "{} {}（{}）：{}。",
            f.figure.id, f.figure.name, f.figure.owner, f.reason
        )
    }));
    lines
}

fn yellow(s: &Summary) -> Vec<String> {
    let mut lines: Vec<String> = s
        .tasks
        .iter()
        .filter(|t| t.light == Light::Yellow)
        .map(|t| {
            let why: Vec<&str> = s
                .flags
                .iter()
                .filter(|f| f.task == Some(t.id) && f.severity() != Severity::Info)
                .map(|f| f.code.title())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let why = if why.is_empty() {
                Light::Yellow.meaning().to_string()
            } else {
                why.join("、")
            };
            task_line(t, s, &why)
        })
        .collect();
    lines.extend(
        s.figures
            .iter()
            .filter(|f| f.light == Light::Yellow)
            .map(|f| {
                format!(
                    "{} {}（{}）：{}。",
                    f.figure.id, f.figure.name, f.figure.owner, f.reason
                )
            }),
    );
    lines
}

fn blue(s: &Summary) -> Vec<String> {
    let mut lines: Vec<String> = s
        .tasks
        .iter()
        .filter(|t| t.light == Light::Blue)
        .map(|t| task_line(t, s, "临近完成时限"))
        .collect();
    lines.extend(
        s.figures
            .iter()
            .filter(|f| f.light == Light::Blue)
            .map(|f| {
                format!(
                    "{} {}（{}）：应于{}前完成。",
                    f.figure.id,
                    f.figure.name,
                    f.figure.owner,
                    text::date(f.figure.due)
                )
            }),
    );
    lines
}

fn reporting(s: &Summary) -> String {
    let expected: Vec<_> = s
        .departments
        .iter()
        .filter(|d| d.tasks_assigned > 0 || d.figures_owned > 0)
        .collect();
    let sent = expected.iter().filter(|d| d.submitted).count();
    let mut text = format!("应报送部门{}个，已报送{}个", expected.len(), sent);
    let missing: Vec<&str> = expected
        .iter()
        .filter(|d| !d.submitted)
        .map(|d| d.name.as_str())
        .collect();
    if !missing.is_empty() {
        let _ = write!(text, "，{}未报送", missing.join("、"));
    }
    let late: Vec<String> = expected
        .iter()
        .filter(|d| d.late)
        .map(|d| match d.filled {
            Some(f) => format!("{}（{}填报）", d.name, text::date(f)),
            None => d.name.clone(),
        })
        .collect();
    if !late.is_empty() {
        let _ = write!(text, "，{}逾期报送", late.join("、"));
    }
    let short: Vec<String> = expected
        .iter()
        .filter(|d| d.submitted && d.tasks_reported < d.tasks_assigned)
        .map(|d| {
            format!(
                "{}缺报任务{}项",
                d.name,
                d.tasks_assigned - d.tasks_reported
            )
        })
        .collect();
    if !short.is_empty() {
        let _ = write!(text, "，{}", short.join("、"));
    }
    let count = |sev| s.flags.iter().filter(|f| f.severity() == sev).count();
    let _ = write!(
        text,
        "。汇总发现问题{}条（错误{}条、警告{}条、提示{}条），详见汇总表「问题清单」。",
        s.flags.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    text
}

fn asks(s: &Summary) -> Vec<String> {
    let next = s.period.next();
    let mut asks = Vec::new();
    let red_leads: std::collections::BTreeSet<&str> = s
        .tasks
        .iter()
        .filter(|t| t.light == Light::Red)
        .flat_map(|t| t.leads.iter().map(String::as_str))
        .collect();
    if !red_leads.is_empty() {
        asks.push(format!(
            "请{}针对红灯事项分析原因、提出整改措施和完成时限，于{}上旬书面报办公室。",
            red_leads.into_iter().collect::<Vec<_>>().join("、"),
            next.label()
        ));
    }
    if s.flags.iter().any(|f| {
        matches!(
            f.code,
            Code::BehindSchedule | Code::StaleProgress | Code::IndicatorMismatch
        )
    }) {
        asks.push(
            "未达序时进度的任务和指标，请责任处室加快推进；进展未更新的，请如实填写本月新进展；报送数据与台账不一致的，请核对后更正。"
                .to_string(),
        );
    }
    asks.push(format!(
        "请各处室按时报送{}推进情况，报送前请使用 workplan check 自查。",
        next.label()
    ));
    asks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture::june;

    #[test]
    fn the_circular_names_what_is_red_and_who_is_late() {
        let s = june();
        let text = circular(&s);
        assert!(
            text.starts_with("上海市浦东新区知识产权局2025年工作要点推进情况通报"),
            "{text}"
        );
        for heading in [
            "一、总体进展",
            "二、需重点督办的事项",
            "三、报送情况",
            "四、下步工作要求",
        ] {
            assert!(text.contains(heading), "{heading} missing:\n{text}");
        }
        for t in s.tasks.iter().filter(|t| t.light == Light::Red) {
            assert!(
                text.contains(&format!("第{}项「{}」", t.id, t.title)),
                "red task {} missing:\n{text}",
                t.id
            );
        }
        let red = s.tasks.iter().filter(|t| t.light == Light::Red).count();
        assert!(text.contains(&format!("红灯{red}项")), "{text}");
        for d in s.departments.iter().filter(|d| d.late) {
            assert!(
                text.contains(&format!("{}（", d.name)),
                "late {} missing",
                d.name
            );
        }
    }
}
