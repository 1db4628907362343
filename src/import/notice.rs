//! A draft plan from the text of the official notice (工作要点通知), so that
//! next year's plan needs no programmer: the office gets a plan it checks
//! and corrects instead of one it types.
//!
//! The text is the notice as bureaus publish it, converted from PDF or Word:
//! lines broken mid-sentence, page breaks inside words, stray Markdown (`- `,
//! `**`, `#`), spaces inside names, full- and half-width punctuation. The
//! drafter reads it in three steps:
//!
//! 1. **Lines into paragraphs.** Each line is cleaned of Markdown and page
//!    numbers and classed as a part heading (`一、主要目标`), a section heading
//!    (`（一）抓好重大事项落实`), a numbered item (`1.` `1、` `（1）` `第1项` `①`)
//!    or running text, which is joined to the item before it. Spaces a line
//!    wrap left between two Chinese characters are dropped; a space beside a
//!    Latin word or a number (`PCT 专利`, `形成 3 篇`) is kept.
//! 2. **Paragraphs into the plan.** The front matter gives the name, bureau,
//!    year and document number; the items under a heading about 目标 give the
//!    indicators (`I1`…); the items elsewhere give the tasks: number, title
//!    (before the first `。`), text, and the leads and co-operators from the
//!    label at the end (`（牵头部门：…）`, `【牵头单位：A、B；配合单位：C】`).
//!    Inside each task's text, dated and counted commitments and named
//!    deliverables become milestones (`<task>.<n>`).
//! 3. **What the notice does not say.** Department names are matched with
//!    last year's plan (`reference`) and its aliases; a name it does not know
//!    becomes a new department. An indicator is matched with last year's by
//!    unit and name likeness and then keeps last year's name (so reports that
//!    name it still match; the notice's wording goes to its row), owner, kind
//!    and ledger; an unmatched one gets a guessed kind and owner (the lead of
//!    a task that mentions it). Everything carried over or guessed is marked
//!    待确认 with the reason, in a [`DraftRow`] beside the source sentence
//!    (来源原文).
//!
//! Nothing is invented: text that fits nowhere goes to [`Draft::unplaced`];
//! what keeps the draft from being a valid plan goes to [`Draft::problems`].
//! Conventions the drafted plan shares with the built-in one: counts written
//! with 万/亿 are expanded to their unit (`26 万件` → 260000 件), amounts of
//! money keep the unit as written (`100 亿元` → 100 亿元; a bare `100 亿` for a
//! 金额 reads 亿元); milestones default to year end and to the task's first
//! lead. The words the drafter looks for are data at the top of this file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;

use crate::plan::book::{Note, Notes, Row};
use crate::plan::calendar;
use crate::plan::load::validate;
use crate::plan::{
    Comparator, DEPARTMENT_PREFIXES, Department, Figure, FigureKind, Plan, Reporting, Section,
    Task, Thresholds,
};

// ------------------------------------------------------------------ the vocabulary of notices

/// Labels that name a task's lead departments (牵头部门).
const LEAD_LABELS: &[&str] = &[
    "牵头部门",
    "牵头单位",
    "牵头处室",
    "责任部门",
    "责任单位",
    "责任处室",
    "主责部门",
    "牵头",
];

/// Labels that name the departments that help (配合部门); never leads.
const HELPER_LABELS: &[&str] = &[
    "配合部门",
    "配合单位",
    "配合处室",
    "协办部门",
    "协办单位",
    "协办处室",
    "参与部门",
    "参与单位",
    "协办",
    "配合",
];

/// How names in a label are separated.
const NAME_SEPARATORS: &[char] = &['、', ',', '，', '/', '／', ';', '；', '|'];

/// Words before a number that say how a value is compared with its target.
/// Longest first, so that 不超过 is not read as 超过.
const COMPARATORS_BEFORE: &[(&str, Comparator)] = &[
    ("不少于", Comparator::Ge),
    ("不低于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("保持在", Comparator::Ge),
    ("稳定在", Comparator::Ge),
    ("不超过", Comparator::Le),
    ("不高于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("不多于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("至少", Comparator::Ge),
    ("达到", Comparator::Ge),
    ("超过", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("大于", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("突破", Comparator::Gt),
    ("少于", Comparator::Lt),
    ("低于", Comparator::Lt),
    ("小于", Comparator::Lt),
    ("不足", Comparator::Lt),
];

/// Words after a number and its unit that say how it is compared (以上 counts
/// the number itself, as in Chinese law).
const COMPARATORS_AFTER: &[(&str, Comparator)] = &[
    ("及以上", Comparator::Ge),
    ("及以下", Comparator::Le),
    ("以上", Comparator::Ge),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
];

/// Units a target may carry, longest first. 元 is money: with 万/亿 it keeps
/// the magnitude (亿元); every other unit is expanded (2.1 万件 → 21000 件).
const UNITS: &[&str] = &[
    "个工作日",
    "个百分点",
    "工作日",
    "百分点",
    "人次",
    "场次",
    "%",
    "件",
    "个",
    "家",
    "项",
    "次",
    "场",
    "篇",
    "批",
    "元",
    "人",
    "天",
    "户",
    "笔",
    "份",
    "期",
    "部",
    "所",
    "条",
    "套",
    "本",
    "名",
    "倍",
    "轮",
    "堂",
    "门",
];

/// Units that count occurrences: a number with one of these in a task's text
/// is a count milestone (4 批, 15 次).
const COUNT_UNITS: &[&str] = &[
    "人次", "场次", "个", "家", "项", "次", "场", "篇", "批", "件", "期", "份", "部", "名", "轮",
    "套", "本", "条", "所", "户", "堂", "门",
];

/// Verbs right before a count that make it a commitment (全年形成4批).
const COUNT_VERBS: &[&str] = &[
    "组织开展",
    "形成",
    "完成",
    "举办",
    "开展",
    "组织",
    "发布",
    "召开",
    "培育",
    "新增",
    "推出",
    "编制",
    "征集",
    "制定",
    "出台",
    "建成",
    "打造",
    "认定",
    "举行",
    "办理",
    "评选",
];

/// Words that open a clause without adding to what it is about (积极推进…).
const ADVERBS: &[&str] = &[
    "按上级部署",
    "高标准",
    "常态化",
    "进一步",
    "积极",
    "持续",
    "深入",
    "着力",
    "不断",
    "努力",
    "切实",
    "全面",
    "加快",
    "继续",
    "认真",
    "稳妥",
    "及时",
    "率先",
    "创新",
    "年度",
    "全年",
    "年内",
    "每年",
    "力争",
    "争取",
    "确保",
];

/// Words that open a target's sentence before the thing measured (争取实现…).
const TARGET_LEADS: &[&str] = &[
    "争取", "力争", "确保", "实现", "预计", "全年", "年内", "其中", "推动", "使",
];

/// Verbs that make a document (制定…方案), and the documents.
const DOCUMENT_VERBS: &[&str] = &[
    "研究制定",
    "制定",
    "出台",
    "发布",
    "印发",
    "编制",
    "形成",
    "建立健全",
    "更新",
    "修订完善",
];
const DOCUMENT_NOUNS: &[&str] = &[
    "方案", "细则", "办法", "指南", "措施", "制度", "报告", "清单", "名单", "名录", "意见", "规定",
    "流程", "标准",
];

/// Verbs that hold an event (召开…会议), and the events.
const EVENT_VERBS: &[&str] = &["召开", "举办", "组织", "开展", "进行", "完成"];
const EVENT_NOUNS: &[&str] = &[
    "总结评估",
    "评估",
    "调研",
    "课题研究",
    "抽查",
    "会议",
    "通气会",
    "发布会",
    "述法",
    "回头看",
    "演练",
    "验收",
];

/// Verbs that set something up: whatever follows is the deliverable (设立读书室).
const SET_UP_VERBS: &[&str] = &["设立", "成立", "挂牌", "揭牌"];

/// Campaigns (开展专项保护行动): milestones only when bounded in time (…期间).
const CAMPAIGN_VERBS: &[&str] = &["开展", "组织"];
const CAMPAIGN_NOUNS: &[&str] = &["行动", "活动"];
const CAMPAIGN_BOUNDS: &[&str] = &["期间"];

/// Trailing words that do not change what a deliverable is (…抽查工作).
const FILLERS: &[&str] = &["工作", "探索", "等"];

/// Heads of a measured quantity, shared by the parts of `A和B金额均…`.
const MEASURES: &[&str] = &[
    "案件数",
    "增长率",
    "金额",
    "数量",
    "件数",
    "规模",
    "比例",
    "占比",
    "数",
    "量",
    "率",
    "额",
];

/// Fields a measured quantity belongs to, shared by the parts of `A和B金额均…`.
const DOMAINS: &[&str] = &["知识产权", "专利", "商标", "作品", "版权", "地理标志"];

/// Names of money amounts: a bare `亿` after one of these means 亿元.
const MONEY: &[&str] = &["金额", "资金", "融资", "收入", "产值", "投资"];

/// What a plan is called at the end of its title.
const PLAN_TITLES: &[&str] = &["工作要点", "工作计划", "要点", "计划"];

/// How the issuing body's name ends.
const BUREAU_ENDINGS: &[&str] = &["局", "委员会", "委", "厅", "署", "院", "政府", "中心"];

// ------------------------------------------------------------------ the draft

/// A plan drafted from a notice, with a row per drafted fact saying where it
/// came from and whether someone must confirm it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The drafted plan. It passes [`validate`] whenever `problems` is empty.
    pub plan: Plan,
    /// One row per drafted fact, in plan order: plan fields, departments,
    /// sections, tasks (title, leads, co-operators), figures.
    pub rows: Vec<DraftRow>,
    /// Co-operating departments (配合部门) by task, canonical when known,
    /// else as written. The plan has no place for them; they are never leads.
    pub cooperators: BTreeMap<u32, Vec<String>>,
    /// Text of the notice that fits nowhere in the plan: front matter,
    /// qualitative goals, text after a task's label.
    pub unplaced: Vec<String>,
    /// Why the plan is not yet valid (no task found, a task without a lead),
    /// in Chinese; empty when it is.
    pub problems: Vec<String>,
}

/// One drafted fact: what it is about, what the draft says, the sentence it
/// came from, and 待确认 with a reason when it was guessed or carried over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    pub subject: Subject,
    /// What the draft says, as a reader checks it (`不少于 260,000 件`).
    pub value: String,
    /// 来源原文: the sentence or line of the notice; empty when nothing in the
    /// notice says it (carried over from last year's plan).
    pub source: String,
    /// 待确认 and why, in a short Chinese phrase; `None` when the notice says
    /// it plainly.
    pub to_confirm: Option<String>,
}

/// What a [`DraftRow`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Plan(PlanField),
    /// A department by canonical name.
    Department(String),
    /// A section by id (`一`).
    Section(String),
    /// A task's number, title and text.
    Task(u32),
    /// A task's lead departments.
    Leads(u32),
    /// A task's co-operating departments ([`Draft::cooperators`]).
    Cooperators(u32),
    /// An indicator (`I1`) or milestone (`5.1`).
    Figure(String),
}

/// A field of the plan as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlanField {
    Name,
    Bureau,
    Year,
    Document,
    Calendar,
    Thresholds,
    Reporting,
}

impl PlanField {
    /// The field as the plan workbook heads it.
    pub fn as_chinese(self) -> &'static str {
        match self {
            PlanField::Name => "计划名称",
            PlanField::Bureau => "发文单位",
            PlanField::Year => "计划年度",
            PlanField::Document => "文号",
            PlanField::Calendar => "工作日历",
            PlanField::Thresholds => "预警阈值",
            PlanField::Reporting => "报送时限",
        }
    }
}

impl Subject {
    /// The subject as a reader names it: `任务 3 牵头部门`, `指标 I1`, `节点 5.1`.
    pub fn as_chinese(&self) -> String {
        match self {
            Subject::Plan(f) => f.as_chinese().to_string(),
            Subject::Department(name) => format!("部门 {name}"),
            Subject::Section(id) => format!("第（{id}）部分"),
            Subject::Task(id) => format!("任务 {id}"),
            Subject::Leads(id) => format!("任务 {id} 牵头部门"),
            Subject::Cooperators(id) => format!("任务 {id} 配合部门"),
            Subject::Figure(id) if id.contains('.') => format!("节点 {id}"),
            Subject::Figure(id) => format!("指标 {id}"),
        }
    }
}

impl Draft {
    /// The row about `subject`, if the draft has one.
    pub fn row(&self, subject: &Subject) -> Option<&DraftRow> {
        self.rows.iter().find(|r| r.subject == *subject)
    }

    /// The rows marked 待确认.
    pub fn to_confirm(&self) -> impl Iterator<Item = &DraftRow> {
        self.rows.iter().filter(|r| r.to_confirm.is_some())
    }

    /// The notes the plan workbook shows beside its rows: each row's source
    /// sentences and what to confirm. A task's rows (number, leads,
    /// co-operators) share the task's line; a section's note goes on its
    /// first task. The plan's own fields have no row: [`Draft::loose`] says them.
    pub fn notes(&self) -> Notes {
        let mut notes = Notes::new();
        for r in &self.rows {
            let row = match &r.subject {
                Subject::Department(name) => Row::Department(name.clone()),
                Subject::Task(id) | Subject::Leads(id) => Row::Task(*id),
                Subject::Cooperators(id) => Row::Task(*id),
                Subject::Section(id) => match self.plan.tasks.iter().find(|t| t.section == *id) {
                    Some(t) => Row::Task(t.id),
                    None => continue,
                },
                Subject::Figure(id) => Row::Figure(id.clone()),
                Subject::Plan(_) => continue,
            };
            let note: &mut Note = notes.entry(row).or_default();
            if !r.source.is_empty() && !note.source.contains(&r.source) {
                if !note.source.is_empty() {
                    note.source.push('\n');
                }
                note.source.push_str(&r.source);
            }
            if let Some(why) = &r.to_confirm {
                if !note.confirm.is_empty() {
                    note.confirm.push('；');
                }
                note.confirm
                    .push_str(&format!("{}：{why}", r.subject.as_chinese()));
            }
        }
        for (task, names) in &self.cooperators {
            let note = notes.entry(Row::Task(*task)).or_default();
            let line = format!("配合部门：{}", names.join("、"));
            if !note.source.contains(&line) {
                if !note.source.is_empty() {
                    note.source.push('\n');
                }
                note.source.push_str(&line);
            }
        }
        notes
    }

    /// What the office must read beside the workbook: the plan's own fields
    /// to confirm (name, year …), as `subject：value（why）` lines.
    pub fn loose(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter(|r| matches!(r.subject, Subject::Plan(_)))
            .filter_map(|r| {
                r.to_confirm
                    .as_ref()
                    .map(|why| format!("{}：{}（{why}）", r.subject.as_chinese(), r.value))
            })
            .collect()
    }
}

/// Drafts a plan from the text of a notice. `reference` (last year's plan,
/// usually the built-in one) supplies department names and aliases, and what
/// the notice does not say: indicator owners, kinds and ledger derivations,
/// thresholds and the reporting deadline. Never panics, whatever the text.
pub fn draft(text: &str, reference: Option<&Plan>) -> Draft {
    let blocks = blocks(text);
    let mut b = Builder::new(reference);
    b.front_matter(&blocks);
    b.walk(&blocks);
    b.finish()
}

// ------------------------------------------------------------------ characters

/// Full-width forms folded to ASCII and odd spaces to a space, one char for
/// one char, so that a position in the folded text is one in the original.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{A0}' | '\u{2000}'..='\u{200B}' | '\u{FEFF}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '“' | '”' | '「' | '」' => '"',
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || fold(c) == ' '
}

/// A CJK ideograph (not punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// A text as chars, with its folded twin for matching; names and texts are
/// cut from the original, so the notice's own punctuation is kept.
struct Chars {
    orig: Vec<char>,
    fold: Vec<char>,
}

impl Chars {
    fn new(s: &str) -> Chars {
        let orig: Vec<char> = s.chars().collect();
        let fold = orig.iter().map(|&c| fold(c)).collect();
        Chars { orig, fold }
    }

    fn len(&self) -> usize {
        self.orig.len()
    }

    /// The original text of `a..b`, clamped to the text.
    fn text(&self, a: usize, b: usize) -> String {
        let b = b.min(self.len());
        let a = a.min(b);
        self.orig[a..b].iter().collect()
    }

    /// Whether the folded text has `word` at `i`.
    fn at(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(n, w)| self.fold.get(i + n) == Some(&w))
    }

    /// Whether the folded text has `word` ending just before `i`.
    fn ends_at(&self, i: usize, word: &str) -> bool {
        let n = word.chars().count();
        i >= n && self.at(i - n, word)
    }

    /// The first of `words` at `i`, longest first as the list is ordered.
    fn word_at<'w>(&self, i: usize, words: &[&'w str]) -> Option<&'w str> {
        words.iter().copied().find(|w| self.at(i, w))
    }

    fn word_before<'w>(&self, i: usize, words: &[&'w str]) -> Option<&'w str> {
        words.iter().copied().find(|w| self.ends_at(i, w))
    }

    /// `i` moved forward past spaces.
    fn skip_spaces(&self, mut i: usize) -> usize {
        while i < self.len() && self.fold[i] == ' ' {
            i += 1;
        }
        i
    }

    /// `i` moved back past spaces.
    fn back_spaces(&self, mut i: usize) -> usize {
        while i > 0 && self.fold[i - 1] == ' ' {
            i -= 1;
        }
        i
    }
}

/// Spaces as the notice means them: a run of spaces (a line wrap, OCR noise)
/// is dropped between Chinese characters and beside punctuation, and kept as
/// one space beside a Latin word or a number (`PCT 专利`, `形成 3 篇`).
fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i]) {
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            if let (Some(a), Some(&b)) = (last, chars.get(i)) {
                let (fa, fb) = (fold(a), fold(b));
                if (is_latin(fa) && (is_latin(fb) || is_cjk(fb))) || (is_cjk(fa) && is_latin(fb)) {
                    out.push(' ');
                }
            }
            continue;
        }
        out.push(chars[i]);
        last = Some(chars[i]);
        i += 1;
    }
    out
}

/// A name as names are compared: folded, without spaces.
fn squeeze(s: &str) -> String {
    s.chars()
        .map(fold)
        .filter(|c| *c != ' ' && !c.is_whitespace())
        .collect()
}

/// The value of a CJK numeral up to 99 (`三`, `十五`, `二十`, `两`).
fn cjk_number(s: &[char]) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    match s {
        [] => None,
        ['两'] => Some(2),
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

fn is_cjk_numeral(c: char) -> bool {
    "〇一二两三四五六七八九十".contains(c)
}

/// How alike two names are: the longest common subsequence over the shorter
/// and over the longer name. Names are cut to 64 characters first.
fn likeness(a: &str, b: &str) -> (f64, f64) {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let mut row = vec![0usize; b.len() + 1];
    for &x in &a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    let common = row[b.len()] as f64;
    let (short, long) = (a.len().min(b.len()) as f64, a.len().max(b.len()) as f64);
    (common / short, common / long)
}

// ------------------------------------------------------------------ lines into blocks

/// A line as the drafter classes it.
#[derive(Debug, PartialEq)]
enum Line {
    /// `一、主要目标`: a part of the notice.
    Part {
        numeral: String,
        title: String,
    },
    /// `（一）抓好重大事项落实`: a section of the tasks.
    Section {
        numeral: String,
        title: String,
    },
    /// `1. …`, `1、…`, `（1）…`, `第1项 …`, `① …`: a goal or a task.
    Item {
        number: u32,
        rest: String,
    },
    Text(String),
}

/// A paragraph of the notice, lines joined.
#[derive(Debug, PartialEq)]
enum Block {
    /// A line before the first heading or item: title, document number, addressees.
    Front(String),
    Heading {
        numeral: String,
        title: String,
        /// Whether the heading is about targets (主要目标), so its items are indicators.
        goals: bool,
        source: String,
    },
    /// A paragraph under a heading about targets.
    Goal(String),
    /// A numbered item elsewhere: a task.
    Task { number: u32, text: String },
    /// Running text under a heading that is not in a numbered item.
    Loose(String),
}

/// A line without Markdown (`#`, `- `, `**`) and outer spaces; `None` for an
/// empty line or a page number (`- 3 -`).
fn clean_line(raw: &str) -> Option<String> {
    let t = raw.trim_matches(is_space);
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && t.chars()
            .all(|c| c.is_ascii_digit() || is_space(c) || matches!(c, '-' | '—' | '–' | '－'))
    {
        return None;
    }
    let mut s = t.replace("**", "");
    loop {
        let before = s.len();
        let trimmed = s.trim_start_matches('#').trim_start_matches(is_space);
        let trimmed = ["- ", "* ", "+ ", "• ", "· ", "> "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m))
            .unwrap_or(trimmed)
            .trim_matches(is_space);
        s = trimmed.to_string();
        if s.len() == before {
            break;
        }
    }
    (!s.is_empty()).then_some(s)
}

/// A heading's title, or `None` when the rest of the line is a sentence.
fn heading_title(rest: &str) -> Option<String> {
    let t = tidy(rest);
    let t = t.trim_matches(is_space);
    let t = t.strip_suffix('。').unwrap_or(t);
    (!t.contains('。') && t.chars().count() <= 40).then(|| t.to_string())
}

/// How a numbered item starts: its number and how many chars the numbering takes.
fn numbering(f: &[char]) -> Option<(u32, usize)> {
    let digits = |from: usize| -> Option<(u32, usize)> {
        let n = f[from.min(f.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=3).contains(&n) {
            return None;
        }
        let text: String = f[from..from + n].iter().collect();
        text.parse().ok().map(|v| (v, from + n))
    };
    let spaces = |mut i: usize| {
        while f.get(i) == Some(&' ') {
            i += 1;
        }
        i
    };
    let (number, end) = match *f.first()? {
        c @ '\u{2460}'..='\u{2473}' => (c as u32 - 0x245F, 1),
        '(' => {
            let (n, i) = digits(spaces(1))?;
            let i = spaces(i);
            (f.get(i) == Some(&')')).then_some((n, i + 1))?
        }
        '第' => {
            let (n, i) = match digits(1) {
                Some(d) => d,
                None => {
                    let run = f[1..].iter().take_while(|c| is_cjk_numeral(**c)).count();
                    (cjk_number(&f[1..1 + run])?, 1 + run)
                }
            };
            if !matches!(f.get(i), Some('项' | '条')) {
                return None;
            }
            let i = i + 1;
            let i = if matches!(f.get(i), Some('.' | '、' | ':' | ',')) {
                i + 1
            } else {
                i
            };
            (n, i)
        }
        c if c.is_ascii_digit() => {
            let (n, i) = digits(0)?;
            let i = spaces(i);
            match f.get(i) {
                Some('.' | '、') if !f.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                    (n, i + 1)
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    (number > 0).then_some((number, spaces(end)))
}

fn classify(line: &str) -> Line {
    let c = Chars::new(line);
    let f = &c.fold;
    // 一、…
    let run = f.iter().take_while(|ch| is_cjk_numeral(**ch)).count();
    if (1..=3).contains(&run)
        && f.get(run) == Some(&'、')
        && let Some(title) = heading_title(&c.text(run + 1, c.len()))
    {
        return Line::Part {
            numeral: c.text(0, run),
            title,
        };
    }
    // （一）…
    if f.first() == Some(&'(') {
        let start = c.skip_spaces(1);
        let run = f[start..]
            .iter()
            .take_while(|ch| is_cjk_numeral(**ch))
            .count();
        let close = c.skip_spaces(start + run);
        if (1..=3).contains(&run)
            && f.get(close) == Some(&')')
            && let Some(title) = heading_title(&c.text(close + 1, c.len()))
        {
            return Line::Section {
                numeral: c.text(start, start + run),
                title,
            };
        }
    }
    if let Some((number, end)) = numbering(f) {
        return Line::Item {
            number,
            rest: c.text(end, c.len()),
        };
    }
    Line::Text(line.to_string())
}

/// Appends a wrapped line to its paragraph: no space, unless both sides are
/// Latin letters or digits (`PCT` / `专利` join as `PCT专利`).
fn join(paragraph: &mut String, line: &str) {
    let a = paragraph.chars().next_back().map(fold);
    let b = line.chars().next().map(fold);
    if a.is_some_and(is_latin) && b.is_some_and(is_latin) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// The notice as blocks: front-matter lines, headings, goal and task
/// paragraphs with their wrapped lines joined.
fn blocks(text: &str) -> Vec<Block> {
    #[derive(PartialEq)]
    enum Mode {
        Front,
        Goals,
        Tasks,
    }
    let mut mode = Mode::Front;
    let mut blocks: Vec<Block> = Vec::new();
    // Whether the last block takes the next running line.
    let mut open = false;
    for raw in text.lines() {
        let Some(line) = clean_line(raw) else {
            continue;
        };
        match classify(&line) {
            Line::Part { numeral, title } | Line::Section { numeral, title } => {
                let goals = title.contains("目标");
                mode = if goals { Mode::Goals } else { Mode::Tasks };
                blocks.push(Block::Heading {
                    numeral,
                    title,
                    goals,
                    source: line,
                });
                open = false;
            }
            Line::Item { number, rest } => {
                blocks.push(if mode == Mode::Goals {
                    Block::Goal(rest)
                } else {
                    mode = Mode::Tasks;
                    Block::Task { number, text: rest }
                });
                open = true;
            }
            Line::Text(text) => match (&mode, blocks.last_mut()) {
                (Mode::Front, _) => blocks.push(Block::Front(text)),
                (_, Some(Block::Goal(p) | Block::Task { text: p, .. } | Block::Loose(p)))
                    if open =>
                {
                    join(p, &text)
                }
                (Mode::Goals, _) => {
                    blocks.push(Block::Goal(text));
                    open = true;
                }
                (_, _) => {
                    blocks.push(Block::Loose(text));
                    open = true;
                }
            },
        }
    }
    blocks
}

// ------------------------------------------------------------------ sentences and clauses

/// Sentences of a text: ranges ending before `。`, `；`, `！` or `？`.
fn sentences(c: &Chars) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in c.fold.iter().enumerate() {
        if matches!(ch, '。' | ';' | '；' | '!' | '?' | '！' | '？') {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..c.len());
    out.retain(|r| c.text(r.start, r.end).chars().any(|ch| !is_space(ch)));
    out
}

/// Clauses of a sentence: split at commas outside brackets and quotes, and
/// not inside a number (`3,000`).
fn clauses(c: &Chars, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    let mut depth = 0usize;
    let mut quoted = false;
    for i in sentence.clone() {
        match c.fold[i] {
            '(' | '《' | '[' | '〈' => depth += 1,
            ')' | '》' | ']' | '〉' => depth = depth.saturating_sub(1),
            '"' => quoted = !quoted,
            ',' | '，' if depth == 0 && !quoted => {
                let digits = i > 0
                    && c.fold[i - 1].is_ascii_digit()
                    && c.fold.get(i + 1).is_some_and(|d| d.is_ascii_digit());
                if !digits {
                    out.push(start..i);
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    out.push(start..sentence.end);
    out.retain(|r| c.text(r.start, r.end).chars().any(|ch| !is_space(ch)));
    out
}

/// The text of a range, spaces tidied and trimmed.
fn piece(c: &Chars, r: &Range<usize>) -> String {
    tidy(&c.text(r.start, r.end))
        .trim_matches(is_space)
        .to_string()
}

/// `s` without the words of `words` it starts with, as often as they come.
fn strip_leading<'s>(mut s: &'s str, words: &[&str]) -> &'s str {
    loop {
        let before = s.len();
        for w in words {
            if let Some(rest) = s.strip_prefix(w)
                && !rest.is_empty()
            {
                s = rest.trim_start_matches(is_space);
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// `s` without the words of `words` it ends with, as often as they come.
fn strip_trailing<'s>(mut s: &'s str, words: &[&str]) -> &'s str {
    loop {
        let before = s.len();
        for w in words {
            if let Some(rest) = s.strip_suffix(w)
                && !rest.is_empty()
            {
                s = rest.trim_end_matches(is_space);
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

// ------------------------------------------------------------------ labels

/// Who a task's label names.
#[derive(Debug, Default, PartialEq)]
struct Label {
    leads: Vec<String>,
    helpers: Vec<String>,
}

/// Reads a label's content (`牵头部门：A、B；配合部门：C`, `A牵头，B配合`);
/// `None` when it is not a label (`(草案)`, `(RCEP)`).
fn read_label(content: &str) -> Option<Label> {
    let s = squeeze(content);
    let starts_with_label = |t: &str| {
        LEAD_LABELS
            .iter()
            .chain(HELPER_LABELS)
            .copied()
            .filter(|l| t.starts_with(l))
            .max_by_key(|l| l.len())
    };
    let names = |t: &str| -> Vec<String> {
        t.split(NAME_SEPARATORS)
            .map(|n| n.trim_start_matches([':', '：']))
            .map(|n| strip_trailing(n, &["等"]).to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let mut label = Label::default();
    if starts_with_label(&s).is_some() {
        // Segments start at a label word; other pieces add names to the segment before.
        let mut role_is_lead = true;
        for piece in s.split([';', '；', ',', '，']) {
            let rest = match starts_with_label(piece) {
                Some(word) => {
                    role_is_lead = LEAD_LABELS.contains(&word);
                    &piece[word.len()..]
                }
                None => piece,
            };
            let list = if role_is_lead {
                &mut label.leads
            } else {
                &mut label.helpers
            };
            list.extend(names(rest));
        }
    } else if s.contains("牵头") {
        for piece in s.split([';', '；', ',', '，']) {
            if let Some(rest) = piece
                .strip_suffix("牵头")
                .or_else(|| piece.strip_suffix("负责"))
            {
                label.leads.extend(names(rest));
            } else if let Some(rest) = ["配合", "协办", "参与"]
                .iter()
                .find_map(|w| piece.strip_suffix(w))
            {
                label.helpers.extend(names(rest));
            }
        }
    } else {
        return None;
    }
    (!label.leads.is_empty() || !label.helpers.is_empty()).then_some(label)
}

/// A task paragraph split into its body, its label and what follows the label.
#[derive(Debug, Default, PartialEq)]
struct Labelled {
    body: String,
    label: Label,
    /// The labels as written, for the 来源原文 of the leads.
    label_text: String,
    /// Text after a label that closes the task (a signature, a page footer).
    trailing: Option<String>,
}

/// How far a label's closing bracket may be from its opening one.
const LABEL_REACH: usize = 120;

/// Finds the labels of a task paragraph (any bracket, anywhere; or an
/// unbracketed `牵头部门：…` after the last sentence) and takes them out.
fn split_label(paragraph: &str) -> Labelled {
    let c = Chars::new(paragraph);
    let mut groups: Vec<(usize, usize, Label)> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if matches!(c.fold[i], '(' | '[') {
            // A label is short; one left open runs to the paragraph's end.
            let reach = c.len().min(i + 1 + LABEL_REACH);
            let close = (i + 1..reach)
                .find(|&k| matches!(c.fold[k], ')' | ']'))
                .or((reach == c.len()).then_some(c.len()));
            if let Some(close) = close
                && let Some(label) = read_label(&c.text(i + 1, close))
            {
                groups.push((i, (close + 1).min(c.len()), label));
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    if groups.is_empty() {
        let last_stop = c
            .fold
            .iter()
            .rposition(|ch| *ch == '。')
            .map_or(0, |p| p + 1);
        let start = (last_stop..c.len()).find(|&k| {
            c.word_at(k, LEAD_LABELS)
                .is_some_and(|w| matches!(c.fold.get(k + w.chars().count()), Some(':')))
        });
        if let Some(start) = start
            && let Some(label) = read_label(&c.text(start, c.len()))
        {
            groups.push((start, c.len(), label));
        }
    }
    let mut out = Labelled::default();
    let Some(&(_, last_end, _)) = groups.last() else {
        out.body = paragraph.trim_matches(is_space).to_string();
        return out;
    };
    let mut body = String::new();
    let mut at = 0;
    let mut texts = Vec::new();
    for (start, end, label) in &groups {
        body.push_str(&c.text(at, *start));
        texts.push(c.text(*start, *end));
        out.label.leads.extend(label.leads.iter().cloned());
        out.label.helpers.extend(label.helpers.iter().cloned());
        at = *end;
    }
    let after = c.text(last_end, c.len());
    let after = after.trim_matches(is_space);
    // After a label that follows a whole sentence, the task is over.
    let closed = body
        .trim_end_matches(is_space)
        .ends_with(['。', '；', ';', '.']);
    if !after.is_empty() {
        if closed {
            out.trailing = Some(after.to_string());
        } else {
            body.push_str(after);
        }
    }
    out.body = tidy(&body).trim_matches(is_space).to_string();
    out.label_text = tidy(&texts.join(""));
    out
}

// ------------------------------------------------------------------ numbers and targets

/// A number as written: Arabic (`2.1`, `3,000`) or a CJK numeral (`十五`).
#[derive(Debug, Clone, PartialEq)]
struct Number {
    /// ASCII digits with at most one `.`, separators dropped.
    digits: String,
    cjk: bool,
    start: usize,
    end: usize,
}

impl Number {
    /// The value times `10^shift`, moving the decimal point in the digits so
    /// that `2.1` 万 is exactly 21000.
    fn value(&self, shift: usize) -> Option<f64> {
        let (int, frac) = self.digits.split_once('.').unwrap_or((&self.digits, ""));
        let all = format!("{int}{frac}");
        let point = int.len() + shift;
        let text = if point >= all.len() {
            format!("{all}{}", "0".repeat(point - all.len()))
        } else {
            format!("{}.{}", &all[..point], &all[point..])
        };
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

/// The number starting at `i`, if one does (not inside a longer number).
fn number_at(c: &Chars, i: usize) -> Option<Number> {
    let f = &c.fold;
    let prev = i.checked_sub(1).map(|p| f[p]);
    if f.get(i)?.is_ascii_digit() {
        if prev.is_some_and(|p| p.is_ascii_digit() || p == '.') {
            return None;
        }
        let mut digits = String::new();
        let mut k = i;
        while k < f.len() {
            let ch = f[k];
            if ch.is_ascii_digit() {
                digits.push(ch);
            } else if ch == ','
                && f.get(k + 1..k + 4)
                    .is_some_and(|g| g.iter().all(char::is_ascii_digit))
                && !f.get(k + 4).is_some_and(|d| d.is_ascii_digit())
            {
                // thousands separator
            } else if ch == '.'
                && !digits.contains('.')
                && f.get(k + 1).is_some_and(|d| d.is_ascii_digit())
            {
                digits.push('.');
            } else {
                break;
            }
            k += 1;
        }
        // Forty digits is no target; keep the text from building huge numbers.
        return (digits.len() <= 40).then_some(Number {
            digits,
            cjk: false,
            start: i,
            end: k,
        });
    }
    if is_cjk_numeral(f[i]) && !prev.is_some_and(is_cjk_numeral) {
        let run = f[i..].iter().take_while(|ch| is_cjk_numeral(**ch)).count();
        let value = cjk_number(&f[i..i + run])?;
        return Some(Number {
            digits: value.to_string(),
            cjk: true,
            start: i,
            end: i + run,
        });
    }
    None
}

/// A number with what surrounds it: magnitude, unit, comparator words.
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    number: Number,
    /// 万 (4) or 亿 (8), as a power of ten.
    shift: usize,
    /// `亿`/`万` as written, for amounts that keep it.
    magnitude: Option<char>,
    unit: Option<&'static str>,
    /// The comparator and whether a word before the number said it.
    comparator: Option<(Comparator, bool)>,
    /// Where the words before the number begin (its comparator word).
    lead: usize,
    /// Past the unit and any 以上/以下.
    end: usize,
}

/// The quantity whose number starts at `i`, with a unit from `units`.
fn quantity_at(c: &Chars, i: usize, units: &[&'static str]) -> Option<Quantity> {
    let number = number_at(c, i)?;
    let mut k = c.skip_spaces(number.end);
    let (shift, magnitude) = match c.fold.get(k) {
        Some('万') => (4, Some('万')),
        Some('亿') => (8, Some('亿')),
        _ => (0, None),
    };
    if magnitude.is_some() {
        k = c.skip_spaces(k + 1);
    }
    let unit = c.word_at(k, units);
    if let Some(u) = unit {
        k += u.chars().count();
    }
    let after = c.skip_spaces(k);
    let mut end = k;
    let mut comparator = None;
    if let Some(w) = c.word_at(
        after,
        &COMPARATORS_AFTER.iter().map(|p| p.0).collect::<Vec<_>>(),
    ) {
        comparator = COMPARATORS_AFTER
            .iter()
            .find(|p| p.0 == w)
            .map(|p| (p.1, false));
        end = after + w.chars().count();
    }
    let before = c.back_spaces(number.start);
    let mut lead = before;
    let words: Vec<&str> = COMPARATORS_BEFORE.iter().map(|p| p.0).collect();
    if let Some(w) = c.word_before(before, &words) {
        comparator = COMPARATORS_BEFORE
            .iter()
            .find(|p| p.0 == w)
            .map(|p| (p.1, true));
        lead = before - w.chars().count();
    }
    Some(Quantity {
        number,
        shift,
        magnitude,
        unit,
        comparator,
        lead,
        end,
    })
}

/// A headline target read from 主要目标.
#[derive(Debug, Clone, PartialEq)]
struct Target {
    name: String,
    comparator: Comparator,
    value: f64,
    unit: String,
    /// Why it is to be confirmed beyond the carried-over owner and kind.
    notes: Vec<String>,
    sentence: String,
}

/// The measured quantity `A和B金额` split into `A金额` and `B金额`, sharing the
/// head (金额) and the field (知识产权) the notice writes once.
fn split_measures(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name
        .split(['和', '及', '与', '、'])
        .map(|p| p.trim_matches(is_space))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return vec![name.to_string()];
    }
    let last = parts[parts.len() - 1];
    let head = MEASURES.iter().find(|m| last.ends_with(*m));
    let domain = DOMAINS.iter().find(|d| parts[0].starts_with(*d));
    parts
        .iter()
        .map(|p| {
            let mut s = p.to_string();
            if let Some(h) = head
                && !MEASURES.iter().any(|m| s.ends_with(m))
            {
                s.push_str(h);
            }
            if let Some(d) = domain
                && !DOMAINS.iter().any(|x| s.starts_with(x))
            {
                s = format!("{d}{s}");
            }
            s
        })
        .collect()
}

/// The targets of one paragraph of 主要目标: every number with a comparator
/// (`超过105件`, `55%以上`), named by the words before it.
fn targets(paragraph: &str) -> Vec<Target> {
    let c = Chars::new(&tidy(paragraph));
    let mut out: Vec<Target> = Vec::new();
    let mut subject: Option<String> = None;
    for s in sentences(&c) {
        let sentence = piece(&c, &s);
        for clause in clauses(&c, s) {
            let mut from = clause.start;
            let mut i = clause.start;
            while i < clause.end {
                let Some(q) = quantity_at(&c, i, UNITS)
                    .filter(|q| q.comparator.is_some() && !q.number.cjk && q.end <= clause.end)
                else {
                    i += 1;
                    continue;
                };
                let Some((comparator, _)) = q.comparator else {
                    i += 1;
                    continue;
                };
                let mut notes = Vec::new();
                let raw = piece(&c, &(from..q.lead));
                let mut name = strip_leading(&raw, TARGET_LEADS).to_string();
                let mut split = false;
                for w in ["分别", "均", "都", "各"] {
                    if let Some(rest) = name.strip_suffix(w) {
                        name = rest.trim_end_matches(is_space).to_string();
                        split = true;
                        break;
                    }
                }
                if name.is_empty() || name.starts_with('占') {
                    let Some(s) = &subject else {
                        i = q.end.max(i + 1);
                        continue;
                    };
                    name = if name.is_empty() {
                        s.clone()
                    } else {
                        format!("{s}{name}比例")
                    };
                    notes.push("名称由上文补全".to_string());
                }
                let names = if split {
                    split_measures(&name)
                } else {
                    vec![name.clone()]
                };
                if names.len() > 1 {
                    notes.push(format!("由“{name}”拆为{}项指标", names.len()));
                }
                for name in names {
                    let mut notes = notes.clone();
                    let (value, unit) = target_value(&q, &name, &mut notes);
                    let Some(value) = value else { continue };
                    subject = Some(name.clone());
                    out.push(Target {
                        name,
                        comparator,
                        value,
                        unit,
                        notes,
                        sentence: sentence.clone(),
                    });
                }
                from = q.end;
                i = q.end.max(i + 1);
            }
        }
    }
    out
}

/// A target's value and unit by the built-in plan's convention: counts with
/// 万/亿 expanded to their unit (26万件 → 260000 件), money kept as written
/// (100亿元 → 100 亿元; a bare 亿 after a 金额 is 亿元).
fn target_value(q: &Quantity, name: &str, notes: &mut Vec<String>) -> (Option<f64>, String) {
    match (q.magnitude, q.unit) {
        (Some(m), Some("元")) => (q.number.value(0), format!("{m}元")),
        (Some(_), Some(u)) => (q.number.value(q.shift), u.to_string()),
        (Some(m), None) if MONEY.iter().any(|w| name.contains(w)) => {
            notes.push(format!("原文只写“{m}”，按金额记为“{m}元”"));
            (q.number.value(0), format!("{m}元"))
        }
        (Some(m), None) => {
            notes.push("原文没有写单位".to_string());
            (q.number.value(0), m.to_string())
        }
        (None, Some(u)) => (q.number.value(0), u.to_string()),
        (None, None) => {
            notes.push("原文没有写单位".to_string());
            (q.number.value(0), String::new())
        }
    }
}

// ------------------------------------------------------------------ milestones

/// A commitment inside a task's text.
#[derive(Debug, Clone, PartialEq)]
struct Milestone {
    name: String,
    kind: FigureKind,
    comparator: Comparator,
    target: Option<f64>,
    unit: String,
    due: NaiveDate,
    notes: Vec<String>,
    sentence: String,
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Periods of the year a notice names, and the day they end.
const PERIODS: &[(&str, u32, u32)] = &[
    ("前三季度", 9, 30),
    ("第一季度", 3, 31),
    ("第二季度", 6, 30),
    ("第三季度", 9, 30),
    ("第四季度", 12, 31),
    ("一季度", 3, 31),
    ("二季度", 6, 30),
    ("三季度", 9, 30),
    ("四季度", 12, 31),
    ("上半年", 6, 30),
    ("下半年", 12, 31),
    ("年底前", 12, 31),
    ("年底", 12, 31),
    ("年末", 12, 31),
    ("年内", 12, 31),
];

/// A deadline in a clause (`3月`, `6月底前`, `2025年9月30日前`, `上半年`,
/// `年底前`): the day and the words that say it.
fn deadline(c: &Chars, clause: &Range<usize>, year: i32) -> Option<(NaiveDate, Range<usize>)> {
    let words: Vec<&str> = PERIODS.iter().map(|p| p.0).collect();
    for i in clause.clone() {
        if let Some(w) = c.word_at(i, &words)
            && let Some(&(_, m, d)) = PERIODS.iter().find(|p| p.0 == w)
            && let Some(day) = NaiveDate::from_ymd_opt(year, m, d)
        {
            let mut end = i + w.chars().count();
            if let Some(w) = c.word_at(end, &["之前", "以前", "前"]) {
                end += w.chars().count();
            }
            return Some((day, i..end));
        }
        let Some(n) = number_at(c, i) else { continue };
        let after = c.skip_spaces(n.end);
        if c.fold.get(after) != Some(&'月') || n.digits.contains('.') || n.digits.len() > 2 {
            continue;
        }
        let Ok(month) = n.digits.parse::<u32>() else {
            continue;
        };
        if !(1..=12).contains(&month) {
            continue;
        }
        // An explicit year before the month: `2025年3月`.
        let mut start = i;
        let mut y = year;
        let before = c.back_spaces(i);
        if before >= 5 && c.fold[before - 1] == '年' {
            let digits: String = c.fold[before - 5..before - 1].iter().collect();
            if let Ok(v) = digits.parse::<i32>()
                && digits.chars().all(|d| d.is_ascii_digit())
            {
                y = v;
                start = before - 5;
            }
        }
        let mut end = after + 1;
        if c.fold.get(end) == Some(&'份') {
            end += 1;
        }
        let mut day = month_end(y, month);
        if let Some(d) = number_at(c, c.skip_spaces(end)).filter(|d| !d.cjk)
            && matches!(c.fold.get(d.end), Some('日' | '号'))
        {
            day = d
                .digits
                .parse()
                .ok()
                .and_then(|dd| NaiveDate::from_ymd_opt(y, month, dd));
            end = d.end + 1;
        } else if let Some(w) = c.word_at(end, &["上旬", "中旬", "下旬", "底", "末"]) {
            day = match w {
                "上旬" => NaiveDate::from_ymd_opt(y, month, 10),
                "中旬" => NaiveDate::from_ymd_opt(y, month, 20),
                _ => day,
            };
            end += w.chars().count();
        }
        if let Some(w) = c.word_at(end, &["之前", "以前", "前"]) {
            end += w.chars().count();
        }
        return day.map(|d| (d, start..end));
    }
    None
}

/// A count milestone in a clause: `全年形成4批…`, `不少于15次`, `形成 3 篇以上…`,
/// `第二、三批…`.
struct Count {
    value: f64,
    unit: String,
    comparator: Comparator,
    name: String,
    /// Deliverables named after the counted one (`4批名单和相关报告`).
    extra: Vec<String>,
    notes: Vec<String>,
}

fn count(c: &Chars, clause: &Range<usize>) -> Option<Count> {
    let text = piece(c, clause);
    // 第二、三批: as many batches as ordinals.
    for i in clause.clone() {
        if c.fold[i] != '第' {
            continue;
        }
        let mut k = i + 1;
        let mut n: u32 = 0;
        while let Some(num) = number_at(c, k).filter(|num| num.end <= clause.end) {
            n += 1;
            k = num.end;
            if matches!(c.fold.get(k), Some('、' | ',')) {
                k += 1;
            } else {
                break;
            }
        }
        if n >= 2
            && let Some(unit) = c.word_at(k, &["批", "期", "届", "轮"])
        {
            let name = strip_leading(&text, ADVERBS);
            let name = strip_leading(name, COUNT_VERBS);
            let name = strip_trailing(name, FILLERS);
            let listed = c.text(i, k + 1);
            return Some(Count {
                value: f64::from(n),
                unit: unit.to_string(),
                comparator: Comparator::Ge,
                name: name.to_string(),
                extra: Vec::new(),
                notes: vec![format!("按“{listed}”计为 {n} {unit}")],
            });
        }
    }
    for i in clause.clone() {
        let Some(q) = quantity_at(c, i, COUNT_UNITS) else {
            continue;
        };
        let Some(unit) = q.unit else { continue };
        if q.end > clause.end
            || (q.number.cjk && (q.number.digits == "1" && unit == "批"))
            || (q.number.cjk && i > 0 && c.fold[i - 1] == '第')
        {
            continue;
        }
        let before = c.back_spaces(q.number.start);
        let verb = c.word_before(before, COUNT_VERBS);
        let (comparator, said) = match (q.comparator, verb) {
            (Some((cmp, _)), _) => (cmp, true),
            (None, Some(_)) => (Comparator::Ge, false),
            (None, None) => continue,
        };
        let lead = match (q.comparator, verb) {
            (Some((_, true)), _) => q.lead,
            (_, Some(v)) => before - v.chars().count(),
            _ => before,
        };
        let after = piece(c, &(q.end..clause.end));
        let after = strip_trailing(&after, FILLERS);
        let mut parts = after
            .split(['和', '及'])
            .map(|p| p.trim_matches(is_space).to_string())
            .filter(|p| !p.is_empty());
        let name = match parts.next() {
            Some(first) => first,
            None => {
                let raw = piece(c, &(clause.start..lead));
                let raw = strip_leading(&raw, ADVERBS);
                let bare = strip_leading(raw, COUNT_VERBS);
                let chosen = if bare.chars().count() >= 3 { bare } else { raw };
                chosen.to_string()
            }
        };
        let extra = parts
            .filter(|p| DOCUMENT_NOUNS.iter().any(|n| p.ends_with(n)))
            .collect();
        if name.is_empty() {
            continue;
        }
        let shift = if q.number.cjk { 0 } else { q.shift };
        let Some(value) = q.number.value(shift) else {
            continue;
        };
        let mut notes = Vec::new();
        if !said {
            notes.push("原文未写“不少于”，按不少于计".to_string());
        }
        return Some(Count {
            value,
            unit: unit.to_string(),
            comparator,
            name,
            extra,
            notes,
        });
    }
    None
}

/// A deliverable without a date or a count (制定…方案, 召开…会议, 设立读书室,
/// a campaign bounded in time): its name, or `None`.
fn deliverable(c: &Chars, clause: &Range<usize>) -> Option<String> {
    let text = piece(c, clause);
    let name = strip_leading(&text, ADVERBS);
    let core = strip_trailing(name, FILLERS);
    let core = core.trim_end_matches(['"', '”', '」', '\'', '’']);
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    let ends = |words: &[&str], s: &str| words.iter().any(|w| s.ends_with(w));
    let parts_end = |words: &[&str]| core.split(['和', '及', '与']).any(|p| ends(words, p));
    let found = SET_UP_VERBS.iter().any(|v| name.starts_with(v))
        || (has(DOCUMENT_VERBS) && parts_end(DOCUMENT_NOUNS))
        || (has(&["发布", "印发", "出台"]) && core.ends_with('》'))
        || (has(EVENT_VERBS) && ends(EVENT_NOUNS, core))
        || (has(CAMPAIGN_VERBS) && ends(CAMPAIGN_NOUNS, core) && has(CAMPAIGN_BOUNDS));
    found.then(|| name.to_string())
}

/// The last `《…》` title in a range, to name a dated step that leaves its
/// object to the clause before (`《…(草案)》制定，3月提交…审议`).
fn last_title(c: &Chars, r: &Range<usize>) -> Option<String> {
    let close = (r.start..r.end).rev().find(|&k| c.fold[k] == '》')?;
    let open = (r.start..close).rev().find(|&k| c.fold[k] == '《')?;
    Some(tidy(&c.text(open, close + 1)))
}

/// The milestones in a task's text, in the order the text states them.
fn milestones(text: &str, year: i32) -> Vec<Milestone> {
    let Some(year_end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Vec::new();
    };
    let c = Chars::new(text);
    let mut out = Vec::new();
    for s in sentences(&c) {
        let sentence = piece(&c, &s);
        let mut title: Option<String> = None;
        for clause in clauses(&c, s) {
            let date = deadline(&c, &clause, year);
            if let Some(n) = count(&c, &clause) {
                let due = date.as_ref().map_or(year_end, |d| d.0);
                out.push(Milestone {
                    name: n.name,
                    kind: FigureKind::Count,
                    comparator: n.comparator,
                    target: Some(n.value),
                    unit: n.unit,
                    due,
                    notes: n.notes,
                    sentence: sentence.clone(),
                });
                for extra in n.extra {
                    out.push(Milestone {
                        name: extra,
                        kind: FigureKind::Date,
                        comparator: Comparator::Le,
                        target: None,
                        unit: String::new(),
                        due,
                        notes: vec!["原文未写时限，暂按年底；请确认是否列为节点".to_string()],
                        sentence: sentence.clone(),
                    });
                }
            } else if let Some((due, words)) = date {
                let rest = format!(
                    "{}{}",
                    c.text(clause.start, words.start),
                    c.text(words.end, clause.end)
                );
                let rest = tidy(&rest);
                let mut name = strip_leading(rest.trim_matches(is_space), ADVERBS).to_string();
                let mut notes = Vec::new();
                if !name.contains('《')
                    && let Some(t) = &title
                {
                    name = format!("{t}{name}");
                    notes.push("名称由上文补全".to_string());
                }
                if !name.is_empty() {
                    out.push(Milestone {
                        name,
                        kind: FigureKind::Date,
                        comparator: Comparator::Le,
                        target: None,
                        unit: String::new(),
                        due,
                        notes,
                        sentence: sentence.clone(),
                    });
                }
            } else if let Some(name) = deliverable(&c, &clause) {
                out.push(Milestone {
                    name,
                    kind: FigureKind::Date,
                    comparator: Comparator::Le,
                    target: None,
                    unit: String::new(),
                    due: year_end,
                    notes: vec!["原文未写时限，暂按年底；请确认是否列为节点".to_string()],
                    sentence: sentence.clone(),
                });
            }
            if let Some(t) = last_title(&c, &clause) {
                title = Some(t);
            }
        }
    }
    out
}

// ------------------------------------------------------------------ front matter

/// The document number in a line (`沪浦知局[2025]17号`), written the official
/// way (`沪浦知局〔2025〕17号`), with its year.
fn document_number(line: &str) -> Option<(String, i32)> {
    let c = Chars::new(line);
    for i in 0..c.len() {
        if !matches!(c.fold[i], '[' | '(') {
            continue;
        }
        let digits: String = c.fold.get(i + 1..i + 5)?.iter().collect();
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        if !digits.chars().all(|d| d.is_ascii_digit())
            || !matches!(c.fold.get(i + 5), Some(']' | ')'))
        {
            continue;
        }
        let n: String = c.fold[i + 6..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .collect();
        if n.is_empty() || c.fold.get(i + 6 + n.chars().count()) != Some(&'号') {
            continue;
        }
        let before = c.back_spaces(i);
        let prefix_len = c.orig[..before]
            .iter()
            .rev()
            .take_while(|ch| is_cjk(**ch))
            .take(12)
            .count();
        if prefix_len == 0 {
            continue;
        }
        let prefix = c.text(before - prefix_len, before);
        return Some((format!("{prefix}〔{year}〕{n}号"), year));
    }
    None
}

/// A line without any spaces.
fn no_spaces(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
}

/// The first year written `2025年` in a text.
fn year_in(s: &str) -> Option<i32> {
    let c = Chars::new(&no_spaces(s));
    (0..c.len()).find_map(|i| {
        let n = number_at(&c, i).filter(|n| !n.cjk && n.digits.len() == 4)?;
        (c.fold.get(n.end) == Some(&'年'))
            .then(|| n.digits.parse().ok())
            .flatten()
    })
}

/// The plan's title in a line: `浦东新区知识产权局 2025 年工作要点`, or the
/// `《…》` of `关于印发《…》的通知`.
fn plan_name(line: &str) -> Option<String> {
    let s = no_spaces(line);
    let is_title = |t: &str| PLAN_TITLES.iter().any(|w| t.ends_with(w)) && year_in(t).is_some();
    if !s.starts_with("关于") && s.chars().count() <= 40 && is_title(&s) {
        return Some(s);
    }
    if s.starts_with("关于") {
        let open = s.find('《')?;
        let close = s[open..].find('》')? + open;
        let inner = &s[open + '《'.len_utf8()..close];
        return is_title(inner).then(|| inner.to_string());
    }
    None
}

/// The issuing body in a line: a name alone (`上海市浦东新区知识产权局`), or
/// before the date of a signature (`…知识产权局 2025年3月19日`).
fn bureau_name(line: &str) -> Option<String> {
    let s = no_spaces(line);
    let lead: String = s.chars().take_while(|c| is_cjk(*c)).collect();
    let rest = &s[lead.len()..];
    let fits = (2..=30).contains(&lead.chars().count())
        && BUREAU_ENDINGS.iter().any(|e| lead.ends_with(e))
        && !lead.starts_with("关于")
        && (rest.is_empty()
            || (rest.starts_with(|c: char| c.is_ascii_digit()) && rest.contains('年')));
    fits.then_some(lead)
}

// ------------------------------------------------------------------ departments

/// The departments of the draft: last year's, then those the notice adds.
struct Roster {
    departments: Vec<Department>,
    /// Whether each came from the reference plan.
    carried: Vec<bool>,
    /// Where the notice first names each.
    named: Vec<Option<String>>,
}

impl Roster {
    fn new(reference: Option<&Plan>) -> Roster {
        let departments = reference.map(|r| r.departments.clone()).unwrap_or_default();
        let n = departments.len();
        Roster {
            departments,
            carried: vec![true; n],
            named: vec![None; n],
        }
    }

    /// A name as names are matched: folded, no spaces, no trailing 等, no
    /// prefix naming the bureau (`浦东新区`, `局`).
    fn normal(s: &str) -> String {
        let s = squeeze(s);
        let mut s = strip_trailing(&s, &["等"]).to_string();
        loop {
            let before = s.len();
            for p in DEPARTMENT_PREFIXES {
                if let Some(rest) = s.strip_prefix(p)
                    && !rest.is_empty()
                {
                    s = rest.to_string();
                }
            }
            if s.len() == before {
                return s;
            }
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        let n = Roster::normal(name);
        self.departments.iter().position(|d| {
            std::iter::once(&d.name)
                .chain(&d.aliases)
                .any(|x| Roster::normal(x) == n)
        })
    }

    fn is_known(&self, spelling: &str) -> bool {
        self.departments
            .iter()
            .any(|d| d.name == spelling || d.aliases.iter().any(|a| a == spelling))
    }

    /// Known names written without a separator (`保护处保护中心`), split.
    fn split_run(&self, name: &str) -> Option<Vec<usize>> {
        let n = Roster::normal(name);
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, d) in self.departments.iter().enumerate() {
            for x in std::iter::once(&d.name).chain(&d.aliases) {
                forms.push((squeeze(x), i));
            }
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        let mut rest = n.as_str();
        let mut found = Vec::new();
        while !rest.is_empty() {
            let (form, i) = forms
                .iter()
                .find(|(f, _)| !f.is_empty() && rest.starts_with(f.as_str()))?;
            found.push(*i);
            rest = &rest[form.len()..];
        }
        (found.len() >= 2).then_some(found)
    }

    /// The canonical names a label's name stands for. An unknown lead is
    /// added as a new department; an unknown helper is kept as written.
    fn resolve(&mut self, raw: &str, source: &str, add: bool) -> Vec<String> {
        let spelling = squeeze(raw);
        let found = match self.find(raw) {
            Some(i) => vec![i],
            None => self.split_run(raw).unwrap_or_default(),
        };
        if found.len() == 1 && !spelling.is_empty() && !self.is_known(&spelling) {
            // The notice's own spelling becomes an alias, so reports using it match.
            self.departments[found[0]].aliases.push(spelling.clone());
        }
        if found.is_empty() {
            let name = Roster::normal(raw);
            if name.is_empty() {
                return Vec::new();
            }
            if !add {
                return vec![name];
            }
            let mut aliases = Vec::new();
            if spelling != name && !self.is_known(&spelling) {
                aliases.push(spelling);
            }
            self.departments.push(Department {
                name: name.clone(),
                aliases,
            });
            self.carried.push(false);
            self.named.push(Some(source.to_string()));
            return vec![name];
        }
        for &i in &found {
            if self.named[i].is_none() {
                self.named[i] = Some(source.to_string());
            }
        }
        found
            .into_iter()
            .map(|i| self.departments[i].name.clone())
            .collect()
    }

    /// Another department whose name looks like `name`, for the hint on a
    /// new one (发展与促进处 beside 发展促进处).
    fn similar(&self, name: &str) -> Option<&str> {
        self.departments
            .iter()
            .filter(|d| d.name != name)
            .map(|d| (likeness(name, &d.name).0, d.name.as_str()))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }
}

// ------------------------------------------------------------------ putting the draft together

/// A heading tasks may sit under, and the section made from it once one does.
struct Heading {
    numeral: String,
    title: String,
    source: String,
    section: Option<String>,
}

/// A row's 待确认 reason from its notes.
fn reason(notes: &[String]) -> Option<String> {
    (!notes.is_empty()).then(|| notes.join("；"))
}

fn row(subject: Subject, value: String, source: &str, notes: &[String]) -> DraftRow {
    DraftRow {
        subject,
        value,
        source: source.to_string(),
        to_confirm: reason(notes),
    }
}

/// A figure's kind guessed from its name and unit, when last year's plan has
/// no such indicator.
fn guess_kind(name: &str, unit: &str) -> FigureKind {
    if name.contains("增长") && unit == "%" {
        FigureKind::Growth
    } else if ["拥有量", "比例", "占比", "周期", "平均", "率"]
        .iter()
        .any(|w| name.contains(w))
        || unit == "%"
        || unit.ends_with("工作日")
    {
        FigureKind::Level
    } else {
        FigureKind::Cumulative
    }
}

struct Builder<'r> {
    reference: Option<&'r Plan>,
    roster: Roster,
    year: i32,
    plan_rows: Vec<DraftRow>,
    name: String,
    bureau: String,
    document: String,
    sections: Vec<Section>,
    section_ids: HashSet<String>,
    /// The next suffix for a section numeral written twice (`一-2`).
    repeats: HashMap<String, u32>,
    section_rows: Vec<DraftRow>,
    tasks: Vec<Task>,
    last_task: u32,
    task_rows: Vec<DraftRow>,
    /// Milestones by task id, in text order.
    milestones: Vec<(u32, Milestone)>,
    /// Paragraphs under 主要目标.
    goals: Vec<String>,
    cooperators: BTreeMap<u32, Vec<String>>,
    unplaced: Vec<String>,
    problems: Vec<String>,
}

impl<'r> Builder<'r> {
    fn new(reference: Option<&'r Plan>) -> Builder<'r> {
        Builder {
            reference,
            roster: Roster::new(reference),
            year: 0,
            plan_rows: Vec::new(),
            name: String::new(),
            bureau: String::new(),
            document: String::new(),
            sections: Vec::new(),
            section_ids: HashSet::new(),
            repeats: HashMap::new(),
            section_rows: Vec::new(),
            tasks: Vec::new(),
            last_task: 0,
            task_rows: Vec::new(),
            milestones: Vec::new(),
            goals: Vec::new(),
            cooperators: BTreeMap::new(),
            unplaced: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Name, bureau, year and document number from the lines before the
    /// first heading; the other front lines are unplaced.
    fn front_matter(&mut self, blocks: &[Block]) {
        let lines: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Front(l) => Some(l.as_str()),
                _ => None,
            })
            .collect();
        let mut used = vec![false; lines.len()];
        let mut take = |pick: &dyn Fn(&str) -> Option<String>| -> Option<(String, String)> {
            let (i, v) = lines
                .iter()
                .enumerate()
                .find_map(|(i, l)| pick(l).map(|v| (i, v)))?;
            used[i] = true;
            Some((v, tidy(lines[i])))
        };
        let name = take(&|l| plan_name(l).filter(|_| !l.trim_start().starts_with("关于")))
            .or_else(|| take(&plan_name));
        let document = take(&|l| document_number(l).map(|d| d.0));
        let bureau = take(&|l| bureau_name(l).filter(|_| no_spaces(l).chars().all(is_cjk)))
            .or_else(|| take(&bureau_name));
        for (i, l) in lines.iter().enumerate() {
            if !used[i] {
                self.unplaced
                    .push(tidy(l).trim_matches(is_space).to_string());
            }
        }

        let mut year_notes = Vec::new();
        let year = name
            .as_ref()
            .and_then(|(n, s)| year_in(n).map(|y| (y, s.clone())))
            .or_else(|| {
                document
                    .as_ref()
                    .and_then(|(d, s)| document_number(d).map(|x| (x.1, s.clone())))
            })
            .or_else(|| {
                year_notes.push("原文没有写明年度，取前文第一个年份".to_string());
                lines.iter().find_map(|l| year_in(l).map(|y| (y, tidy(l))))
            });
        let year = match (year, self.reference) {
            (Some(y), _) => Some(y),
            (None, Some(r)) => {
                year_notes = vec![format!("原文没有年份，暂按上年计划的次年 {}", r.year + 1)];
                Some((r.year + 1, String::new()))
            }
            (None, None) => None,
        };
        match year {
            Some((y, source)) => {
                self.year = y;
                self.plan_rows.push(row(
                    Subject::Plan(PlanField::Year),
                    y.to_string(),
                    &source,
                    &year_notes,
                ));
            }
            None => self
                .problems
                .push("原文中没有找到计划年度（如“2026 年工作要点”），请在计划中填写".to_string()),
        }

        let missing = |what: &str| vec![format!("原文中没有找到{what}")];
        let (name, source, notes) = match name {
            Some((v, s)) => (v, s, Vec::new()),
            None => (String::new(), String::new(), missing("计划名称")),
        };
        self.plan_rows.insert(
            0,
            row(
                Subject::Plan(PlanField::Name),
                name.clone(),
                &source,
                &notes,
            ),
        );
        self.name = name;
        let (bureau, source, notes) = match (bureau, self.reference) {
            (Some((v, s)), _) => (v, s, Vec::new()),
            (None, Some(r)) => (
                r.bureau.clone(),
                String::new(),
                vec!["原文中没有找到发文单位，沿用上年计划".to_string()],
            ),
            (None, None) => (String::new(), String::new(), missing("发文单位")),
        };
        self.plan_rows.insert(
            1,
            row(
                Subject::Plan(PlanField::Bureau),
                bureau.clone(),
                &source,
                &notes,
            ),
        );
        self.bureau = bureau;
        let (document, source, notes) = match document {
            Some((v, s)) => (v, s, Vec::new()),
            None => (String::new(), String::new(), missing("文号")),
        };
        self.plan_rows.push(row(
            Subject::Plan(PlanField::Document),
            document.clone(),
            &source,
            &notes,
        ));
        self.document = document;
    }

    /// Headings, goals and tasks in the order of the notice.
    fn walk(&mut self, blocks: &[Block]) {
        let mut heading: Option<Heading> = None;
        for b in blocks {
            match b {
                Block::Front(_) => {}
                Block::Heading {
                    numeral,
                    title,
                    goals,
                    source,
                } => {
                    heading = (!goals).then(|| Heading {
                        numeral: numeral.clone(),
                        title: title.clone(),
                        source: source.clone(),
                        section: None,
                    });
                }
                Block::Goal(text) => self.goals.push(text.clone()),
                Block::Task { number, text } => self.task(*number, text, &mut heading),
                Block::Loose(text) => self
                    .unplaced
                    .push(tidy(text).trim_matches(is_space).to_string()),
            }
        }
        if self.tasks.is_empty() {
            self.problems.push(
                "原文中没有找到编号的重点任务（如“1. 标题。内容……（牵头部门：…）”）".to_string(),
            );
        }
    }

    /// The section a task sits in: its heading's, made on first use.
    fn section(&mut self, heading: &mut Option<Heading>) -> String {
        if let Some(id) = heading.as_ref().and_then(|h| h.section.clone()) {
            return id;
        }
        let (numeral, title, source) = match heading.as_ref() {
            Some(h) => (h.numeral.clone(), h.title.clone(), h.source.clone()),
            None => (String::new(), String::new(), String::new()),
        };
        let mut notes = Vec::new();
        let free = |id: &str| !self.section_ids.contains(id);
        let id = if !numeral.is_empty() && free(&numeral) {
            numeral.clone()
        } else if numeral.is_empty() {
            notes.push("原文在此之前没有分部分标题".to_string());
            let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
            numerals
                .iter()
                .map(|n| n.to_string())
                .chain((11..).map(|n| format!("部分{n}")))
                .find(|id| free(id))
                .unwrap_or_default()
        } else {
            let next = self.repeats.entry(numeral.clone()).or_insert(2);
            let id = (*next..)
                .map(|k| format!("{numeral}-{k}"))
                .find(|id| !self.section_ids.contains(id))
                .unwrap_or_default();
            *next += 1;
            notes.push(format!("原文部分编号“{numeral}”重复，记为“{id}”"));
            id
        };
        self.section_ids.insert(id.clone());
        self.sections.push(Section {
            id: id.clone(),
            title: title.clone(),
        });
        self.section_rows
            .push(row(Subject::Section(id.clone()), title, &source, &notes));
        match heading {
            Some(h) => h.section = Some(id.clone()),
            None => {
                *heading = Some(Heading {
                    numeral: id.clone(),
                    title: String::new(),
                    source: String::new(),
                    section: Some(id.clone()),
                });
            }
        }
        id
    }

    fn task(&mut self, number: u32, paragraph: &str, heading: &mut Option<Heading>) {
        let section = self.section(heading);
        let source = tidy(paragraph).trim_matches(is_space).to_string();
        let mut notes = Vec::new();
        let last = self.last_task;
        let id = if number > last {
            if last > 0 && number > last + 1 {
                notes.push(format!("原文编号不连续：上一项为{last}"));
            }
            number
        } else {
            notes.push(format!(
                "原文编号为{number}，与前文重复，顺延为{}",
                last + 1
            ));
            last + 1
        };
        let labelled = split_label(paragraph);
        if let Some(t) = labelled.trailing {
            self.unplaced.push(t);
        }
        let body = Chars::new(&labelled.body);
        let (title, text) = match body.fold.iter().position(|c| *c == '。') {
            Some(p) => (piece(&body, &(0..p)), piece(&body, &(p + 1..body.len()))),
            None => {
                notes.push("原文没有句号，整段作为标题".to_string());
                (piece(&body, &(0..body.len())), String::new())
            }
        };
        if title.is_empty() {
            self.problems.push(format!("任务{id}没有标题，请补充"));
        }

        // Leads from the label; else last year's task of the same title.
        let mut leads: Vec<String> = Vec::new();
        let mut new_names = Vec::new();
        for raw in &labelled.label.leads {
            let known = self.roster.departments.len();
            for name in self.roster.resolve(raw, &labelled.label_text, true) {
                if self.roster.departments.len() > known {
                    new_names.push(name.clone());
                }
                if !leads.contains(&name) {
                    leads.push(name);
                }
            }
        }
        let mut lead_notes: Vec<String> = new_names
            .iter()
            .map(|n| format!("“{n}”是原文新出现的部门，请确认"))
            .collect();
        let mut lead_source = labelled.label_text.clone();
        if leads.is_empty() {
            let same = self.reference.and_then(|r| {
                r.tasks
                    .iter()
                    .find(|t| squeeze(&t.title) == squeeze(&title) && !title.is_empty())
            });
            match same {
                Some(t) => {
                    leads = t.leads.clone();
                    lead_notes.push(format!(
                        "原文未写牵头部门，沿用上年计划任务{}“{}”",
                        t.id, t.title
                    ));
                    lead_source = String::new();
                }
                None => self
                    .problems
                    .push(format!("任务{id}“{title}”没有牵头部门：原文未写，请补充")),
            }
        }
        let mut helpers: Vec<String> = Vec::new();
        for raw in &labelled.label.helpers {
            for name in self.roster.resolve(raw, &labelled.label_text, false) {
                if !leads.contains(&name) && !helpers.contains(&name) {
                    helpers.push(name);
                }
            }
        }

        for m in milestones(&text, self.year) {
            self.milestones.push((id, m));
        }
        self.task_rows
            .push(row(Subject::Task(id), title.clone(), &source, &notes));
        self.task_rows.push(row(
            Subject::Leads(id),
            leads.join("、"),
            &lead_source,
            &lead_notes,
        ));
        if !helpers.is_empty() {
            self.task_rows.push(row(
                Subject::Cooperators(id),
                helpers.join("、"),
                &labelled.label_text,
                &[],
            ));
            self.cooperators.insert(id, helpers);
        }
        self.last_task = id;
        self.tasks.push(Task {
            id,
            section,
            title,
            text,
            leads,
        });
    }

    /// The owner of an indicator last year's plan does not have: the first
    /// lead of a task that mentions it, else the first department.
    fn guess_owner(&self, name: &str) -> String {
        self.tasks
            .iter()
            .find(|t| t.text.contains(name) || t.title.contains(name))
            .and_then(|t| t.leads.first().cloned())
            .or_else(|| self.roster.departments.first().map(|d| d.name.clone()))
            .unwrap_or_default()
    }

    /// The indicators of 主要目标, matched with last year's by name and unit.
    fn indicators(&mut self, year_end: NaiveDate) -> (Vec<Figure>, Vec<DraftRow>) {
        let goals = std::mem::take(&mut self.goals);
        let reference: Vec<&Figure> = self
            .reference
            .map(|r| r.figures.iter().filter(|f| !f.is_milestone()).collect())
            .unwrap_or_default();
        let mut used = vec![false; reference.len()];
        let mut figures = Vec::new();
        let mut rows = Vec::new();
        for paragraph in goals {
            let found = targets(&paragraph);
            if found.is_empty() {
                self.unplaced
                    .push(tidy(&paragraph).trim_matches(is_space).to_string());
            }
            for t in found {
                let id = format!("I{}", figures.len() + 1);
                let best = reference
                    .iter()
                    .enumerate()
                    .filter(|(k, r)| !used[*k] && r.unit == t.unit)
                    .map(|(k, r)| (k, likeness(&t.name, &r.name)))
                    .filter(|(_, (short, long))| *short >= 0.8 && *long >= 0.4)
                    .max_by(|a, b| (a.1.0 + a.1.1).total_cmp(&(b.1.0 + b.1.1)))
                    .map(|(k, _)| k);
                let mut notes = t.notes.clone();
                let figure = match best {
                    Some(k) => {
                        used[k] = true;
                        let r = reference[k];
                        if r.name != t.name {
                            notes.push(format!("名称沿用上年计划，原文作“{}”", t.name));
                        }
                        notes.push("责任部门、指标类型、台账口径沿用上年计划".to_string());
                        Figure {
                            id: id.clone(),
                            task: None,
                            name: r.name.clone(),
                            unit: t.unit.clone(),
                            kind: r.kind,
                            comparator: t.comparator,
                            target: Some(t.value),
                            due: year_end,
                            owner: r.owner.clone(),
                            ledger: r.ledger,
                        }
                    }
                    None => {
                        notes.push("上年计划没有对应指标：责任部门、指标类型为推测".to_string());
                        Figure {
                            id: id.clone(),
                            task: None,
                            name: t.name.clone(),
                            unit: t.unit.clone(),
                            kind: guess_kind(&t.name, &t.unit),
                            comparator: t.comparator,
                            target: Some(t.value),
                            due: year_end,
                            owner: self.guess_owner(&t.name),
                            ledger: None,
                        }
                    }
                };
                rows.push(row(
                    Subject::Figure(id),
                    format!(
                        "{}：{}；{}；{}",
                        figure.name,
                        figure.goal_text(),
                        figure.kind.as_chinese(),
                        figure.owner
                    ),
                    &t.sentence,
                    &notes,
                ));
                figures.push(figure);
            }
        }
        (figures, rows)
    }

    fn finish(mut self) -> Draft {
        let year_end = NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MIN);
        let (mut figures, mut figure_rows) = self.indicators(year_end);
        let mut numbered: BTreeMap<u32, u32> = BTreeMap::new();
        let first_lead: HashMap<u32, &str> = self
            .tasks
            .iter()
            .filter_map(|t| t.leads.first().map(|l| (t.id, l.as_str())))
            .collect();
        for (task, m) in std::mem::take(&mut self.milestones) {
            let n = numbered.entry(task).or_insert(0);
            *n += 1;
            let id = format!("{task}.{n}");
            let owner = first_lead
                .get(&task)
                .map(|l| l.to_string())
                .unwrap_or_default();
            let figure = Figure {
                id: id.clone(),
                task: Some(task),
                name: m.name,
                unit: m.unit,
                kind: m.kind,
                comparator: m.comparator,
                target: m.target,
                due: m.due,
                owner,
                ledger: None,
            };
            figure_rows.push(row(
                Subject::Figure(id),
                format!("{}：{}，{}", figure.name, figure.goal_text(), figure.due),
                &m.sentence,
                &m.notes,
            ));
            figures.push(figure);
        }

        // Calendar, thresholds and deadline: the notice says none of them.
        let (calendar, warning) = calendar::of_year(self.year);
        let calendar_row = match (calendar::official(self.year), &warning) {
            (Some(o), _) => row(
                Subject::Plan(PlanField::Calendar),
                format!("采用内置放假安排：{}（{}）", o.notice, o.document),
                "",
                &[],
            ),
            (None, Some(w)) => row(
                Subject::Plan(PlanField::Calendar),
                "只按周末计算".to_string(),
                "",
                &[w.to_string()],
            ),
            (None, None) => row(Subject::Plan(PlanField::Calendar), String::new(), "", &[]),
        };
        self.plan_rows.push(calendar_row);
        let carried = |what: &str| match self.reference {
            Some(_) => vec![format!("原文未写{what}，沿用上年计划")],
            None => vec![format!("原文未写{what}，采用默认值")],
        };
        let thresholds = self
            .reference
            .map_or_else(Thresholds::default, |r| r.thresholds);
        let reporting = self
            .reference
            .map_or_else(Reporting::default, |r| r.reporting);
        self.plan_rows.push(row(
            Subject::Plan(PlanField::Thresholds),
            format!(
                "低于序时进度为黄灯，低于其 {}% 为红灯；与台账相差超过 {}% 提示不一致",
                crate::text::number(thresholds.behind_red * 100.0),
                crate::text::number(thresholds.mismatch * 100.0)
            ),
            "",
            &carried("预警阈值"),
        ));
        self.plan_rows.push(row(
            Subject::Plan(PlanField::Reporting),
            format!("次月 {} 日前报送", reporting.due_day),
            "",
            &carried("报送时限"),
        ));

        let roster = self.roster;
        let mut department_rows = Vec::new();
        for (i, d) in roster.departments.iter().enumerate() {
            let value = if d.aliases.is_empty() {
                d.name.clone()
            } else {
                format!("{}（又称{}）", d.name, d.aliases.join("、"))
            };
            let notes = match (roster.carried[i], &roster.named[i]) {
                (true, Some(_)) => Vec::new(),
                (true, None) => vec!["原文未提及，沿用上年计划".to_string()],
                (false, _) => {
                    let mut note = "原文新出现的部门，请确认名称".to_string();
                    if let Some(s) = roster.similar(&d.name) {
                        note.push_str(&format!("；如与“{s}”是同一部门，请改为其别名"));
                    }
                    vec![note]
                }
            };
            department_rows.push(row(
                Subject::Department(d.name.clone()),
                value,
                roster.named[i].as_deref().unwrap_or(""),
                &notes,
            ));
        }

        let plan = Plan {
            name: self.name,
            bureau: self.bureau,
            year: self.year,
            document: self.document,
            departments: roster.departments,
            sections: self.sections,
            tasks: self.tasks,
            figures,
            calendar,
            thresholds,
            reporting,
            warnings: warning.into_iter().collect(),
        };
        let mut problems = self.problems;
        if problems.is_empty()
            && let Err(e) = validate(&plan)
        {
            problems.push(format!("草稿未通过计划校验（{e}），请按提示修改"));
        }
        let mut rows = self.plan_rows;
        rows.extend(department_rows);
        rows.extend(self.section_rows);
        rows.extend(self.task_rows);
        rows.extend(figure_rows);
        Draft {
            plan,
            rows,
            cooperators: self.cooperators,
            unplaced: self
                .unplaced
                .into_iter()
                .filter(|u| !u.is_empty())
                .collect(),
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;
    use crate::plan::{Derivation, LedgerKind, load_default};

    /// The 2025 notice as published (OCR noise and all).
    const NOTICE: &str =
        include_str!("../../tests/fixtures/notice/2025-浦东知识产权局工作要点.txt");

    static BUILT_IN: LazyLock<Plan> = LazyLock::new(|| load_default().expect("the default plan"));
    static SEED: LazyLock<Draft> = LazyLock::new(|| draft(NOTICE, Some(&BUILT_IN)));

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // ------------------------------------------------------------ the seed notice

    #[test]
    fn the_seed_drafts_a_valid_plan() {
        let d = &*SEED;
        assert_eq!(d.problems, Vec::<String>::new());
        assert_eq!(validate(&d.plan), Ok(()));
        assert!(d.plan.warnings.is_empty());
        assert_eq!(d.plan.name, BUILT_IN.name);
        assert_eq!(d.plan.bureau, BUILT_IN.bureau);
        assert_eq!(d.plan.year, 2025);
        assert_eq!(d.plan.document, "沪浦知局〔2025〕17号");
        assert_eq!(d.plan.document, BUILT_IN.document);
        assert_eq!(d.plan.calendar, BUILT_IN.calendar);
        assert_eq!(d.plan.departments, BUILT_IN.departments);
        assert!(d.cooperators.is_empty());
    }

    #[test]
    fn the_seed_gives_the_built_in_sections_and_tasks() {
        let d = &*SEED;
        assert_eq!(d.plan.sections, BUILT_IN.sections);
        assert_eq!(d.plan.tasks.len(), 25);
        for (got, want) in d.plan.tasks.iter().zip(&BUILT_IN.tasks) {
            assert_eq!(got.id, want.id);
            assert_eq!(got.section, want.section, "section of task {}", want.id);
            assert_eq!(got.title, want.title, "title of task {}", want.id);
            assert_eq!(got.leads, want.leads, "leads of task {}", want.id);
            assert_eq!(got.text, want.text, "text of task {}", want.id);
        }
    }

    #[test]
    fn the_seed_gives_the_nine_headline_targets() {
        let d = &*SEED;
        let got: Vec<&Figure> = d
            .plan
            .figures
            .iter()
            .filter(|f| !f.is_milestone())
            .collect();
        let want: Vec<&Figure> = BUILT_IN
            .figures
            .iter()
            .filter(|f| !f.is_milestone())
            .collect();
        assert_eq!(got.len(), 9);
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.id, w.id);
            assert_eq!(g.comparator, w.comparator, "{}", w.id);
            assert_eq!(g.target, w.target, "{}", w.id);
            assert_eq!(g.unit, w.unit, "{}", w.id);
            // Matched with last year's indicator: its name, owner, kind and ledger.
            assert_eq!(g.name, w.name, "{}", w.id);
            assert_eq!(g.owner, w.owner, "{}", w.id);
            assert_eq!(g.kind, w.kind, "{}", w.id);
            assert_eq!(g.ledger, w.ledger, "{}", w.id);
            assert_eq!(g.due, w.due, "{}", w.id);
            let row = d.row(&Subject::Figure(w.id.clone())).unwrap();
            let why = row.to_confirm.as_deref().unwrap_or("");
            assert!(why.contains("沿用上年计划"), "{}: {why}", w.id);
            assert!(!row.source.is_empty(), "{}", w.id);
        }
        // One sentence, two indicators.
        let i5 = d.row(&Subject::Figure("I5".into())).unwrap();
        let i6 = d.row(&Subject::Figure("I6".into())).unwrap();
        assert_eq!(i5.source, i6.source);
        assert!(i5.source.contains("均达到 100 亿"), "{}", i5.source);
        assert!(
            i5.to_confirm
                .as_deref()
                .unwrap()
                .contains("按金额记为“亿元”")
        );
        assert!(i5.to_confirm.as_deref().unwrap().contains("拆为2项指标"));
        // The notice's own wording is kept in the reason when the name differs.
        let i1 = d.row(&Subject::Figure("I1".into())).unwrap();
        assert!(
            i1.to_confirm
                .as_deref()
                .unwrap()
                .contains("原文作“浦东新区每万人口高价值发明专利拥有量”")
        );
    }

    #[test]
    fn the_seed_gives_every_built_in_milestone() {
        let d = &*SEED;
        let key = |f: &Figure| {
            (
                f.id.clone(),
                f.task,
                f.kind,
                f.target,
                f.unit.clone(),
                f.due,
            )
        };
        let got: Vec<_> = d
            .plan
            .figures
            .iter()
            .filter(|f| f.is_milestone())
            .map(key)
            .collect();
        let want: Vec<_> = BUILT_IN
            .figures
            .iter()
            .filter(|f| f.is_milestone())
            .map(key)
            .collect();
        assert_eq!(got, want);
        for f in d.plan.figures.iter().filter(|f| f.is_milestone()) {
            let lead = &d.plan.task(f.task.unwrap()).unwrap().leads[0];
            assert_eq!(&f.owner, lead, "{}", f.id);
        }
        let name = |id: &str| d.plan.figure(id).unwrap().name.clone();
        assert_eq!(name("2.1"), BUILT_IN.figure("2.1").unwrap().name);
        assert_eq!(name("5.1"), "潜力企业关注名单");
        assert_eq!(name("8.1"), "专利导航分析报告");
        assert_eq!(name("12.1"), "第二、三批浦东新区重点商标保护名录征集、发布");
        assert_eq!(name("24.2"), "新闻通气会");
        assert_eq!(name("24.1"), "组织学习");
        // Dated in the text: sure. Guessed year-end deadlines: to be confirmed.
        assert_eq!(
            d.row(&Subject::Figure("2.1".into()))
                .unwrap()
                .to_confirm
                .as_deref(),
            Some("名称由上文补全")
        );
        assert_eq!(
            d.row(&Subject::Figure("24.1".into())).unwrap().to_confirm,
            None
        );
        let guessed = d.row(&Subject::Figure("22.1".into())).unwrap();
        assert!(guessed.to_confirm.as_deref().unwrap().contains("暂按年底"));
        assert!(guessed.source.contains("设立读书室"));
        let implied = d.row(&Subject::Figure("5.1".into())).unwrap();
        assert!(
            implied
                .to_confirm
                .as_deref()
                .unwrap()
                .contains("按不少于计")
        );
    }

    #[test]
    fn the_seed_rows_say_where_each_fact_came_from() {
        let d = &*SEED;
        let leads = d.row(&Subject::Leads(16)).unwrap();
        assert_eq!(leads.value, "发展促进处");
        assert_eq!(leads.source, "(牵头部门:发展与促进处)");
        assert_eq!(leads.to_confirm, None);
        let split = d.row(&Subject::Leads(5)).unwrap();
        assert_eq!(
            split.source, "(牵头部门:发展促进处)",
            "the label broken over two lines"
        );
        let doc = d.row(&Subject::Plan(PlanField::Document)).unwrap();
        assert_eq!(doc.source, "沪浦知局[2025]17号");
        assert!(
            d.row(&Subject::Task(3))
                .unwrap()
                .source
                .ends_with("(牵头部门:监管与预警处、保护处)")
        );
        assert!(
            d.row(&Subject::Section("三".into()))
                .unwrap()
                .source
                .contains("提升知识产权治理能力")
        );
        // Every department leads something the notice names: none carried blindly.
        for dep in &d.plan.departments {
            assert_eq!(
                d.row(&Subject::Department(dep.name.clone()))
                    .unwrap()
                    .to_confirm,
                None
            );
        }
        let calendar = d.row(&Subject::Plan(PlanField::Calendar)).unwrap();
        assert!(
            calendar.value.contains("国办发明电〔2024〕12号"),
            "{}",
            calendar.value
        );
        for field in [PlanField::Thresholds, PlanField::Reporting] {
            assert!(d.row(&Subject::Plan(field)).unwrap().to_confirm.is_some());
        }
        // The front matter and the qualitative goal are left for a person.
        assert!(d.unplaced.iter().any(|u| u.starts_with("局机关各处室")));
        assert!(d.unplaced.iter().any(|u| u.starts_with("到 2025 年末")));
        for u in &d.unplaced {
            assert!(!u.contains("牵头部门"), "{u}");
        }
        assert_eq!(
            d.to_confirm().count(),
            d.rows.iter().filter(|r| r.to_confirm.is_some()).count()
        );
    }

    #[test]
    fn without_a_reference_the_notice_alone_gives_tasks_and_targets() {
        let d = draft(NOTICE, None);
        assert_eq!(d.problems, Vec::<String>::new());
        assert_eq!(validate(&d.plan), Ok(()));
        assert_eq!(d.plan.tasks.len(), 25);
        let names: Vec<&str> = d.plan.departments.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "发展促进处",
                "办公室",
                "监管与预警处",
                "保护处",
                "保护中心",
                "发展与促进处"
            ]
        );
        let row = d.row(&Subject::Department("发展与促进处".into())).unwrap();
        assert!(
            row.to_confirm
                .as_deref()
                .unwrap()
                .contains("如与“发展促进处”是同一部门"),
            "{row:?}"
        );
        let i: Vec<&Figure> = d
            .plan
            .figures
            .iter()
            .filter(|f| !f.is_milestone())
            .collect();
        assert_eq!(i.len(), 9);
        assert_eq!(i[0].name, "浦东新区每万人口高价值发明专利拥有量");
        assert_eq!(i[0].owner, "监管与预警处", "task 7 monitors it");
        assert_eq!(i[2].name, "作品登记量占全市比例");
        assert_eq!(i[8].name, "受理到发证周期");
        let kinds: Vec<FigureKind> = i.iter().map(|f| f.kind).collect();
        let built_in: Vec<FigureKind> = BUILT_IN.figures.iter().take(9).map(|f| f.kind).collect();
        assert_eq!(kinds, built_in, "kinds guessed from the names");
        assert!(i.iter().all(|f| f.ledger.is_none()));
    }

    // ------------------------------------------------------------ a notice written differently

    /// A milestone as the variant test compares it: id, name, kind, target, unit, due.
    type MilestoneRow<'a> = (
        &'a str,
        &'a str,
        FigureKind,
        Option<f64>,
        &'a str,
        NaiveDate,
    );

    /// Next year's notice of the same bureau, written the other ways notices
    /// are: full-width digits and brackets, 【】 labels with co-operators,
    /// （1）/第3项 numbering, a lead not in last year's plan, spaces in names.
    const VARIANT: &str = "\
上海市浦东新区知识产权局

沪浦知局〔2026〕5号

关于印发《浦东新区知识产权局2026年工作要点》的通知

浦东新区知识产权局2026年工作要点

一、主要目标

1．每万人口高价值发明专利拥有量达到１１０件；作品登记量不少于28万件。
2．知识产权质押融资金额超过120亿元，纠纷调解案件数不低于3,200件。

二、重点任务

（一）抓好重大事项落实

（1）编制“十五五”知识产权规划。6月底前完成规划编制，
年底前印发实施。【牵头单位：发展促进处、办公室；配合单位：监管与预警处】

（2）推进数据知识产权登记。上半年设立数据知识产权登记服务站，全年组织培训不少于 10 场。（牵头部门：知识产权 保护中心）

（二）强化知识产权保护

第3项 加强行政执法。在进博会期间开展专项执法行动，形成3篇以上执法典型案例报告。（牵头处室：保护处/法规处）

第4项 完善海外维权服务。开展第四、五批海外维权工作站建设。（保护处牵头，保护中心配合）

上海市浦东新区知识产权局办公室 2026年2月10日印发
";

    #[test]
    fn a_notice_written_differently() {
        let d = draft(VARIANT, Some(&BUILT_IN));
        assert_eq!(d.problems, Vec::<String>::new());
        assert_eq!(validate(&d.plan), Ok(()));
        let p = &d.plan;
        assert_eq!(p.name, "浦东新区知识产权局2026年工作要点");
        assert_eq!(p.bureau, "上海市浦东新区知识产权局");
        assert_eq!(p.year, 2026);
        assert_eq!(p.document, "沪浦知局〔2026〕5号");
        assert!(p.warnings.is_empty(), "2026 has a built-in calendar");
        assert!(!p.calendar.is_workday(day(2026, 2, 16)));
        assert_eq!(
            p.sections,
            [
                Section {
                    id: "一".into(),
                    title: "抓好重大事项落实".into()
                },
                Section {
                    id: "二".into(),
                    title: "强化知识产权保护".into()
                },
            ]
        );

        let tasks: Vec<(u32, &str, &str, Vec<&str>)> = p
            .tasks
            .iter()
            .map(|t| {
                (
                    t.id,
                    t.section.as_str(),
                    t.title.as_str(),
                    t.leads.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            tasks,
            [
                (
                    1,
                    "一",
                    "编制“十五五”知识产权规划",
                    vec!["发展促进处", "办公室"]
                ),
                (2, "一", "推进数据知识产权登记", vec!["保护中心"]),
                (3, "二", "加强行政执法", vec!["保护处", "法规处"]),
                (4, "二", "完善海外维权服务", vec!["保护处"]),
            ]
        );
        assert_eq!(
            p.task(1).unwrap().text,
            "6月底前完成规划编制，年底前印发实施。"
        );
        // Co-operators are recorded, never as leads.
        assert_eq!(d.cooperators[&1], ["监管与预警处"]);
        assert_eq!(d.cooperators[&4], ["保护中心"]);
        assert_eq!(
            d.row(&Subject::Cooperators(1)).unwrap().value,
            "监管与预警处"
        );
        // 法规处 is new: a department to confirm, and the leads row says so.
        let new = p.department("法规处").unwrap();
        assert!(new.aliases.is_empty());
        assert!(
            d.row(&Subject::Department("法规处".into()))
                .unwrap()
                .to_confirm
                .is_some()
        );
        assert!(
            d.row(&Subject::Leads(3))
                .unwrap()
                .to_confirm
                .as_deref()
                .unwrap()
                .contains("法规处")
        );
        assert_eq!(
            d.row(&Subject::Department("发展促进处".into()))
                .unwrap()
                .to_confirm,
            None
        );
        assert_eq!(
            d.row(&Subject::Department("监管与预警处".into()))
                .unwrap()
                .to_confirm,
            None,
            "named as a co-operator: the notice knows it"
        );

        let indicators: Vec<(&str, &str, Comparator, f64, &str, &str)> = p
            .figures
            .iter()
            .filter(|f| !f.is_milestone())
            .map(|f| {
                (
                    f.id.as_str(),
                    f.name.as_str(),
                    f.comparator,
                    f.target.unwrap(),
                    f.unit.as_str(),
                    f.owner.as_str(),
                )
            })
            .collect();
        assert_eq!(
            indicators,
            [
                (
                    "I1",
                    "每万人口高价值发明专利拥有量",
                    Comparator::Ge,
                    110.0,
                    "件",
                    "监管与预警处"
                ),
                (
                    "I2",
                    "作品登记量",
                    Comparator::Ge,
                    280000.0,
                    "件",
                    "监管与预警处"
                ),
                (
                    "I3",
                    "知识产权质押融资金额",
                    Comparator::Gt,
                    120.0,
                    "亿元",
                    "发展促进处"
                ),
                (
                    "I4",
                    "知识产权纠纷调解案件数",
                    Comparator::Ge,
                    3200.0,
                    "件",
                    "保护处"
                ),
            ]
        );
        assert_eq!(
            p.figure("I3")
                .unwrap()
                .ledger
                .map(|l| (l.ledger, l.derivation)),
            Some((LedgerKind::Finance, Derivation::SumPledge))
        );

        let milestones: Vec<MilestoneRow> = p
            .figures
            .iter()
            .filter(|f| f.is_milestone())
            .map(|f| {
                (
                    f.id.as_str(),
                    f.name.as_str(),
                    f.kind,
                    f.target,
                    f.unit.as_str(),
                    f.due,
                )
            })
            .collect();
        assert_eq!(
            milestones,
            [
                (
                    "1.1",
                    "完成规划编制",
                    FigureKind::Date,
                    None,
                    "",
                    day(2026, 6, 30)
                ),
                (
                    "1.2",
                    "印发实施",
                    FigureKind::Date,
                    None,
                    "",
                    day(2026, 12, 31)
                ),
                (
                    "2.1",
                    "设立数据知识产权登记服务站",
                    FigureKind::Date,
                    None,
                    "",
                    day(2026, 6, 30)
                ),
                (
                    "2.2",
                    "组织培训",
                    FigureKind::Count,
                    Some(10.0),
                    "场",
                    day(2026, 12, 31)
                ),
                (
                    "3.1",
                    "在进博会期间开展专项执法行动",
                    FigureKind::Date,
                    None,
                    "",
                    day(2026, 12, 31)
                ),
                (
                    "3.2",
                    "执法典型案例报告",
                    FigureKind::Count,
                    Some(3.0),
                    "篇",
                    day(2026, 12, 31)
                ),
                (
                    "4.1",
                    "第四、五批海外维权工作站建设",
                    FigureKind::Count,
                    Some(2.0),
                    "批",
                    day(2026, 12, 31)
                ),
            ]
        );
        assert_eq!(p.figure("2.1").unwrap().owner, "保护中心");
        assert_eq!(p.figure("1.1").unwrap().owner, "发展促进处");

        // The signature after the last label and the cover lines are unplaced.
        assert!(
            d.unplaced
                .iter()
                .any(|u| u.starts_with("上海市浦东新区知识产权局办公室"))
        );
        assert!(d.unplaced.iter().any(|u| u.starts_with("关于印发")));
    }

    #[test]
    fn numbering_that_restarts_or_a_missing_label() {
        let text =
            "二、重点任务\n1. 严抓党风廉政。落实责任。\n1. 新的任务。内容。（牵头部门：办公室）\n";
        let d = draft(text, Some(&BUILT_IN));
        let ids: Vec<u32> = d.plan.tasks.iter().map(|t| t.id).collect();
        assert_eq!(ids, [1, 2]);
        assert!(
            d.row(&Subject::Task(2))
                .unwrap()
                .to_confirm
                .as_deref()
                .unwrap()
                .contains("顺延为2")
        );
        // No label: last year's task of the same title lends its leads.
        assert_eq!(d.plan.tasks[0].leads, ["办公室"]);
        assert!(
            d.row(&Subject::Leads(1))
                .unwrap()
                .to_confirm
                .as_deref()
                .unwrap()
                .contains("沿用上年计划任务23")
        );
        assert_eq!(
            d.plan.sections,
            [Section {
                id: "二".into(),
                title: "重点任务".into()
            }]
        );
        assert_eq!(
            d.plan.year, 2026,
            "no year in the text: the year after the reference's"
        );
        assert_eq!(d.problems, Vec::<String>::new());
    }

    #[test]
    fn a_task_without_any_lead_is_a_problem() {
        let d = draft("1. 全新的任务。内容。\n", None);
        assert_eq!(d.plan.tasks.len(), 1);
        assert!(
            d.problems
                .iter()
                .any(|p| p.contains("任务1“全新的任务”没有牵头部门")),
            "{:?}",
            d.problems
        );
        assert!(validate(&d.plan).is_err());
    }

    #[test]
    fn a_year_without_a_calendar_warns() {
        let d = draft(
            "浦东新区知识产权局2031年工作要点\n1. 任务。内容。（牵头部门：办公室）\n",
            None,
        );
        assert_eq!(d.plan.year, 2031);
        assert_eq!(
            d.plan.warnings,
            [crate::plan::PlanWarning::NoCalendar { year: 2031 }]
        );
        let row = d.row(&Subject::Plan(PlanField::Calendar)).unwrap();
        assert!(
            row.to_confirm
                .as_deref()
                .unwrap()
                .contains("2031 年没有内置的放假安排")
        );
        assert_eq!(d.problems, Vec::<String>::new());
    }

    // ------------------------------------------------------------ the pieces

    #[test]
    fn spaces_are_dropped_between_chinese_and_kept_beside_latin() {
        assert_eq!(tidy("综合评 价,完善"), "综合评价,完善");
        assert_eq!(
            tidy("增加 PCT 专利申请指标, 引导"),
            "增加 PCT 专利申请指标,引导"
        );
        assert_eq!(tidy("运营 (上海)国际"), "运营(上海)国际");
        assert_eq!(tidy("形成 3 篇以上"), "形成 3 篇以上");
        assert_eq!(tidy("12345 热线"), "12345 热线");
        assert_eq!(tidy("发展促进\u{3000}处"), "发展促进处");
    }

    #[test]
    fn lines_are_classed() {
        let item = |s: &str| match classify(s) {
            Line::Item { number, rest } => Some((number, rest)),
            _ => None,
        };
        assert_eq!(item("1.编制规划。"), Some((1, "编制规划。".into())));
        assert_eq!(item("12、推进"), Some((12, "推进".into())));
        assert_eq!(item("（3）推进"), Some((3, "推进".into())));
        assert_eq!(item("(3) 推进"), Some((3, "推进".into())));
        assert_eq!(item("第4项 推进"), Some((4, "推进".into())));
        assert_eq!(item("第十二项推进"), Some((12, "推进".into())));
        assert_eq!(item("１．推进"), Some((1, "推进".into())));
        assert_eq!(item("⑤推进"), Some((5, "推进".into())));
        assert_eq!(item("2.1 万件"), None);
        assert_eq!(item("2025 年是"), None);
        assert_eq!(item("3月提交"), None);
        assert_eq!(
            classify("（二）强化知识产权创造质量"),
            Line::Section {
                numeral: "二".into(),
                title: "强化知识产权创造质量".into()
            }
        );
        assert_eq!(
            classify("(一) 抓好重大事项落实"),
            Line::Section {
                numeral: "一".into(),
                title: "抓好重大事项落实".into()
            }
        );
        assert_eq!(
            classify("十一、其他"),
            Line::Part {
                numeral: "十一".into(),
                title: "其他".into()
            }
        );
        assert!(matches!(
            classify("一、总体要求。以习近平新时代中国特色社会主义思想为指导，全面贯彻。"),
            Line::Text(_)
        ));
        assert_eq!(
            clean_line("- **2. 高水平。**知识"),
            Some("2. 高水平。知识".into())
        );
        assert_eq!(clean_line("#### (一) 抓好"), Some("(一) 抓好".into()));
        assert_eq!(clean_line("- 3 -"), None);
        assert_eq!(clean_line("   "), None);
    }

    #[test]
    fn labels_name_leads_and_helpers() {
        let l = split_label("标题。正文。【牵头单位：A处、B处；配合单位：C处】");
        assert_eq!(l.body, "标题。正文。");
        assert_eq!(l.label.leads, ["A处", "B处"]);
        assert_eq!(l.label.helpers, ["C处"]);
        let l = split_label("标题。正文。（牵头部门： 保护处／保护中心，协办：办公室）");
        assert_eq!(l.label.leads, ["保护处", "保护中心"]);
        assert_eq!(l.label.helpers, ["办公室"]);
        let l = split_label("标题。正文。(保护处牵头,保护中心配合)");
        assert_eq!(
            (l.label.leads.as_slice(), l.label.helpers.as_slice()),
            (&["保护处".to_string()][..], &["保护中心".to_string()][..])
        );
        let l = split_label("标题(草案)。正文。责任部门：办公室");
        assert_eq!(l.body, "标题(草案)。正文。");
        assert_eq!(l.label.leads, ["办公室"]);
        // A label after the title: the text goes on.
        let l = split_label("标题（牵头部门：办公室）。正文。");
        assert_eq!(l.body, "标题。正文。");
        assert_eq!(l.trailing, None);
        // After a closing label: not the task's.
        let l = split_label("标题。正文。（牵头部门：办公室）\n局办公室 2025年3月19日印发");
        assert_eq!(l.trailing.as_deref(), Some("局办公室 2025年3月19日印发"));
        assert_eq!(read_label("RCEP"), None);
    }

    #[test]
    fn targets_read_comparator_number_and_unit() {
        let t = targets(
            "作品登记量不少于26万件,占全市55%以上。周期少于 5 个工作日；增速超过 7.5%；规模不超过 2.5 亿元",
        );
        let got: Vec<(&str, Comparator, f64, &str)> = t
            .iter()
            .map(|t| (t.name.as_str(), t.comparator, t.value, t.unit.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("作品登记量", Comparator::Ge, 260000.0, "件"),
                ("作品登记量占全市比例", Comparator::Ge, 55.0, "%"),
                ("周期", Comparator::Lt, 5.0, "个工作日"),
                ("增速", Comparator::Gt, 7.5, "%"),
                ("规模", Comparator::Le, 2.5, "亿元"),
            ]
        );
        let t = targets("自贸区作品快速登记不少于 2.1 万件");
        assert_eq!(t[0].value, 21000.0);
        let t = targets("到 2025 年末,全面完成各项指标任务");
        assert!(t.is_empty());
        assert_eq!(
            split_measures("知识产权交易和质押融资金额"),
            ["知识产权交易金额", "知识产权质押融资金额"]
        );
    }

    #[test]
    fn deadlines_and_counts() {
        let at = |s: &str| {
            let c = Chars::new(s);
            deadline(&c, &(0..c.len()), 2025).map(|d| d.0)
        };
        assert_eq!(at("3月提交审议"), Some(day(2025, 3, 31)));
        assert_eq!(at("6月底前完成"), Some(day(2025, 6, 30)));
        assert_eq!(at("2月完成"), Some(day(2025, 2, 28)));
        assert_eq!(at("9月30日前完成"), Some(day(2025, 9, 30)));
        assert_eq!(at("2026年1月中旬前完成"), Some(day(2026, 1, 20)));
        assert_eq!(at("上半年完成"), Some(day(2025, 6, 30)));
        assert_eq!(at("年底前完成"), Some(day(2025, 12, 31)));
        assert_eq!(at("三季度完成"), Some(day(2025, 9, 30)));
        assert_eq!(at("制定 2025 年度方案"), None);
        assert_eq!(at("12345 热线"), None);
        assert_eq!(at("13月"), None);
        let n = |s: &str| {
            let c = Chars::new(s);
            count(&c, &(0..c.len())).map(|n| (n.value, n.unit, n.comparator, n.name))
        };
        assert_eq!(n("不少于15次"), None, "nothing counted: no name");
        assert_eq!(
            n("年度组织学习不少于15次"),
            Some((15.0, "次".into(), Comparator::Ge, "组织学习".into()))
        );
        assert_eq!(
            n("形成 3 篇以上专利导航分析报告"),
            Some((3.0, "篇".into(), Comparator::Ge, "专利导航分析报告".into()))
        );
        assert_eq!(
            n("举办两场发布会"),
            Some((2.0, "场".into(), Comparator::Ge, "发布会".into()))
        );
        assert_eq!(n("形成一批侵权判定咨询报告"), None);
        assert_eq!(n("在前两批名单基础上"), None);
        assert_eq!(n("实现在一次执法中"), None);
    }

    #[test]
    fn document_numbers_and_titles() {
        assert_eq!(
            document_number("沪浦知局[2025]17号"),
            Some(("沪浦知局〔2025〕17号".into(), 2025))
        );
        assert_eq!(
            document_number("沪浦知局（2025）17号"),
            Some(("沪浦知局〔2025〕17号".into(), 2025))
        );
        assert_eq!(document_number("〔2025〕17号"), None);
        assert_eq!(
            plan_name("浦东新区知识产权局 2025 年工作要点"),
            Some("浦东新区知识产权局2025年工作要点".into())
        );
        assert_eq!(
            plan_name("关于印发《浦东新区知识产权局 2025 年工作要点》 的通知"),
            Some("浦东新区知识产权局2025年工作要点".into())
        );
        assert_eq!(
            bureau_name("上海市浦东新区知识产权局 2025年3月19日"),
            Some("上海市浦东新区知识产权局".into())
        );
        assert_eq!(bureau_name("局机关各处室、保护中心:"), None);
    }

    // ------------------------------------------------------------ no text panics it

    /// Pieces of notices, to build texts that reach deep into the drafter.
    const TOKENS: &[&str] = &[
        "\n",
        "\n\n",
        " ",
        "　",
        "一、",
        "二、主要目标",
        "（一）",
        "(二)",
        "1.",
        "2、",
        "（3）",
        "第4项",
        "①",
        "牵头部门",
        "：",
        ":",
        "（",
        "）",
        "(",
        ")",
        "【",
        "】",
        "、",
        "，",
        ",",
        "。",
        "；",
        "配合单位",
        "保护处",
        "办公室",
        "法规处",
        "不少于",
        "超过",
        "以上",
        "达到",
        "均",
        "和",
        "万",
        "亿",
        "件",
        "批",
        "次",
        "%",
        "％",
        "105",
        "2.1",
        "１２",
        "3月",
        "底前",
        "上半年",
        "第二、三批",
        "全年形成",
        "《",
        "》",
        "\"",
        "“",
        "”",
        "制定",
        "方案",
        "设立",
        "期间",
        "开展",
        "行动",
        "**",
        "- ",
        "#",
        "沪浦知局[2025]17号",
        "2026年工作要点",
        "占全市",
        "个工作日",
        "9999999999999999999999",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_drafts_without_panic(text in any::<String>()) {
            let d = draft(&text, Some(&BUILT_IN));
            if d.problems.is_empty() {
                prop_assert_eq!(validate(&d.plan), Ok(()));
            }
        }

        #[test]
        fn notice_like_text_drafts_without_panic(
            parts in prop::collection::vec(prop::sample::select(TOKENS), 0..120)
        ) {
            let text: String = parts.concat();
            for reference in [Some(&*BUILT_IN), None] {
                let d = draft(&text, reference);
                if d.problems.is_empty() {
                    prop_assert_eq!(validate(&d.plan), Ok(()));
                }
            }
        }
    }
}
