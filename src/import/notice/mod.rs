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
//! lead. The words the drafter looks for are data, in [`words`].

mod blocks;
mod builder;
mod chars;
mod clauses;
mod front;
mod labels;
mod milestones;
mod roster;
mod targets;
#[cfg(test)]
mod tests;
mod words;

use blocks::*;
use builder::*;
use chars::*;
use clauses::*;
use front::*;
use labels::*;
use milestones::*;
use roster::*;
use targets::*;
use words::*;

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
