//! The month's circular (督办通报): the overview told in the words the
//! general office sends round — overall progress, what is red, behind or
//! due, who reported late or not at all, and what is asked of whom.
//!
//! [`draft`] builds it once from the summary as a small document
//! ([`Circular`]: title, 主送, numbered paragraphs, signature, date); two
//! renderers lay it out: [`text`] (module `plain`), plain text with Chinese numbering to paste
//! into the office's template, and [`docx`], a Word 公文 laid out as
//! GB/T 9704-2012 asks.

mod docx;
mod plain;

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::flag::{Code, Severity};
use crate::plan::FigureKind;
use crate::summarise::{FigureLine, Light, Summary, TaskLine, TaskStatus};
use crate::text;

pub use docx::docx;
pub use plain::text;

/// The circular's content, before any layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Circular {
    /// 标题.
    pub title: String,
    /// The line under the title: the month, and that this is a draft for comment.
    pub subtitle: String,
    /// 主送机关, with its colon; a circular may have none.
    pub addressee: Option<String>,
    /// 正文, in reading order.
    pub body: Vec<Block>,
    /// 发文机关署名.
    pub signature: String,
    /// 成文日期.
    pub date: NaiveDate,
}

impl Circular {
    /// The date as the circular writes it: `2025年7月8日`.
    pub fn date_text(&self) -> String {
        text::date(self.date)
    }
}

/// One paragraph of the 正文, by its level in the numbering of
/// GB/T 9704-2012 §7.3.3 (一、 / （一） / 1.). Numbers are kept as numbers;
/// each renderer writes them its way.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// An unnumbered paragraph.
    Text(String),
    /// A level-one heading: `一、总体进展`.
    Heading(usize, String),
    /// A level-two heading: `（一）逾期或未报送（红灯）`.
    Subheading(usize, String),
    /// A level-three point: `1. 第3项「…」（…）：…`.
    Point(usize, Point),
}

/// A level-three point's words: what it is about (may be empty), then what
/// is said of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// `第3项「…」（牵头处室）：`, set bold in the 公文.
    pub lead: String,
    pub text: String,
}

/// The formats `--circular` writes, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: the plain-text draft.
    Text,
    /// `.docx`: the Word 公文.
    Docx,
}

impl Format {
    /// The format a file name asks for (extension in any case), or `None`.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// What `--circular` accepts, for messages.
    pub const ACCEPTED: &'static str = ".txt（文字稿）或 .docx（Word 公文）";
}

/// The circular in `format`, as the bytes of its file.
pub fn render(c: &Circular, format: Format) -> std::io::Result<Vec<u8>> {
    match format {
        Format::Text => Ok(text(c).into_bytes()),
        Format::Docx => docx(c),
    }
}

/// The circular's content, from the summary.
pub fn draft(s: &Summary) -> Circular {
    let mut body = vec![Block::Text(opening(s))];
    let mut part = 0;
    let mut start_part = |body: &mut Vec<Block>, title: &str| {
        part += 1;
        body.push(Block::Heading(part, title.to_string()));
    };

    start_part(&mut body, "总体进展");
    body.push(Block::Text(overall(s)));
    body.push(Block::Text(figures_overall(s)));

    start_part(&mut body, "需重点督办的事项");
    let mut n = 0;
    for (title, points) in [
        ("逾期或未报送（红灯）", red(s)),
        ("未达序时进度（黄灯）", yellow(s)),
        ("临近时限（蓝灯）", blue(s)),
    ] {
        if points.is_empty() {
            continue;
        }
        n += 1;
        body.push(Block::Subheading(n, title.to_string()));
        body.extend(numbered(points));
    }
    if n == 0 {
        body.push(Block::Text("本月各项任务和指标均正常推进。".to_string()));
    }

    start_part(&mut body, "报送情况");
    body.push(Block::Text(reporting(s)));

    start_part(&mut body, "下步工作要求");
    body.extend(numbered(
        asks(s)
            .into_iter()
            .map(|text| Point {
                lead: String::new(),
                text,
            })
            .collect(),
    ));

    Circular {
        title: format!("{}推进情况通报", s.heading()),
        subtitle: format!("（{}，征求意见稿）", s.period.label()),
        addressee: Some("局机关各处室、保护中心：".to_string()),
        body,
        signature: format!("{}办公室", s.bureau),
        date: s.as_of,
    }
}

/// Points numbered from 1.
fn numbered(points: Vec<Point>) -> impl Iterator<Item = Block> {
    points
        .into_iter()
        .enumerate()
        .map(|(i, p)| Block::Point(i + 1, p))
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
    for (st, word) in [
        (TaskStatus::InProgress, "推进中"),
        (TaskStatus::NotStarted, "未启动"),
        (TaskStatus::Behind, "滞后"),
        (TaskStatus::NotReported, "未报送"),
    ] {
        let k = by_status(st);
        if k > 0 {
            parts.push(format!("{word}{k}项"));
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
            f.figure.target_text(),
            text::percent(c)
        ),
        _ => String::new(),
    }
}

fn task_line(t: &TaskLine, s: &Summary, why: &str) -> Point {
    Point {
        lead: format!("第{}项「{}」（{}）：", t.id, t.title, t.leads.join("、")),
        text: why.trim_end_matches('。').to_string() + "。" + &task_tail(t, s),
    }
}

/// A figure's point: what it is and who owns it, then why it is listed.
fn figure_line(f: &FigureLine, why: &str) -> Point {
    Point {
        lead: format!("{} {}（{}）：", f.figure.id, f.figure.name, f.figure.owner),
        text: why.to_string(),
    }
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

fn red(s: &Summary) -> Vec<Point> {
    let mut lines: Vec<Point> = s
        .tasks
        .iter()
        .filter(|t| t.light == Light::Red)
        .map(|t| task_line(t, s, &t.reason))
        .collect();
    lines.extend(
        s.figures
            .iter()
            .filter(|f| f.light == Light::Red)
            .map(|f| figure_line(f, &format!("{}。", f.reason))),
    );
    lines
}

fn yellow(s: &Summary) -> Vec<Point> {
    let mut lines: Vec<Point> = s
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
            .map(|f| figure_line(f, &format!("{}。", f.reason))),
    );
    lines
}

fn blue(s: &Summary) -> Vec<Point> {
    let mut lines: Vec<Point> = s
        .tasks
        .iter()
        .filter(|t| t.light == Light::Blue)
        .map(|t| task_line(t, s, "临近完成时限"))
        .collect();
    lines.extend(
        s.figures
            .iter()
            .filter(|f| f.light == Light::Blue)
            .map(|f| figure_line(f, &format!("应于{}前完成。", text::date(f.figure.due)))),
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

/// `2025年7月8日`: Arabic numerals, no leading zeros (GB/T 9704-2012 §7.3.5.1).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture::june as sample_summary;

    #[test]
    fn the_circular_names_what_is_red_and_who_is_late() {
        let s = sample_summary();
        let text = text(&draft(&s));
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

    /// The text draft of the fixture month reads as committed in
    /// `sample.txt`, so a change of wording shows in review. To accept a
    /// change: `WORKPLAN_BLESS=1 cargo test --lib circular`.
    #[test]
    fn the_text_draft_reads_as_committed() {
        let got = text(&draft(&sample_summary()));
        if std::env::var_os("WORKPLAN_BLESS").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/report/circular/sample.txt"
            );
            std::fs::write(path, &got).unwrap();
        }
        assert_eq!(got, include_str!("sample.txt"));
    }

    #[test]
    fn the_draft_is_numbered_by_level() {
        let c = draft(&sample_summary());
        let headings: Vec<usize> = c
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Heading(n, _) => Some(*n),
                _ => None,
            })
            .collect();
        assert_eq!(headings, [1, 2, 3, 4]);
        // Points restart at 1 under each subheading and under 四、.
        let mut last = 0;
        for b in &c.body {
            match b {
                Block::Point(n, _) => {
                    assert_eq!(*n, last + 1);
                    last = *n;
                }
                _ => last = 0,
            }
        }
        assert_eq!(c.signature, "上海市浦东新区知识产权局办公室");
        assert_eq!(c.date_text(), text::date(sample_summary().as_of));
    }

    #[test]
    fn a_quiet_month_says_so_and_a_circular_may_have_no_addressee() {
        let mut s = sample_summary();
        s.tasks.iter_mut().for_each(|t| t.light = Light::Green);
        s.figures.iter_mut().for_each(|f| f.light = Light::Green);
        let mut c = draft(&s);
        assert!(!c.body.iter().any(|b| matches!(b, Block::Subheading(..))));
        let t = text(&c);
        assert!(
            t.contains("二、需重点督办的事项\n本月各项任务和指标均正常推进。\n"),
            "{t}"
        );
        c.addressee = None;
        let t = text(&c);
        assert!(!t.contains("局机关各处室"), "{t}");
        assert!(t.contains("征求意见稿）\n\n根据各处室报送的"), "{t}");
    }

    #[test]
    fn the_format_is_the_extension() {
        for (name, format) in [
            ("通报.txt", Some(Format::Text)),
            ("通报.TXT", Some(Format::Text)),
            ("out/通报.docx", Some(Format::Docx)),
            ("通报.Docx", Some(Format::Docx)),
            ("通报.doc", None),
            ("通报.pdf", None),
            ("通报", None),
            (".docx", None),
        ] {
            assert_eq!(Format::of(Path::new(name)), format, "{name}");
        }
    }
}
