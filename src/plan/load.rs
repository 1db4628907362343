//! Loading a plan file (TOML), and the rules every plan keeps ([`validate`],
//! shared with plans made another way, such as a draft from a notice). Every
//! mistake in a file is reported with the file, the line and what is wrong,
//! so the person editing the plan can fix it without reading code.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::calendar::{self, parse_date, parse_days};
use super::{
    Calendar, Comparator, Department, Derivation, Figure, FigureKind, LedgerKind, LedgerSource,
    Plan, Reporting, Section, Task, Thresholds,
};

/// Why a plan could not be loaded, said in Chinese for the person editing
/// the plan file.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    // `io` is not marked as the source: the message already says it, and
    // printing the chain would say it twice.
    #[error("无法读取计划文件 `{}`：{}", path.display(), crate::text::io_reason(io))]
    Read { path: PathBuf, io: std::io::Error },
    #[error("计划文件 `{}` 第{line}行：{message}", path.display())]
    Invalid {
        path: PathBuf,
        /// 1-based line of the mistake (1 when the file as a whole is wrong).
        line: usize,
        message: String,
    },
}

impl PlanError {
    /// The line the mistake is on, for tests and editors.
    pub fn line(&self) -> Option<usize> {
        match self {
            PlanError::Invalid { line, .. } => Some(*line),
            PlanError::Read { .. } => None,
        }
    }
}

/// The embedded 2025 default.
pub fn load_default() -> Result<Plan, PlanError> {
    parse(
        super::DEFAULT_PLAN_TOML,
        Path::new("<内置计划 plan-2025.toml>"),
    )
}

/// Loads and validates a plan file (UTF-8, with or without a byte-order mark).
pub fn load_file(path: &Path) -> Result<Plan, PlanError> {
    let bytes = std::fs::read(path).map_err(|io| PlanError::Read {
        path: path.to_path_buf(),
        io,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        PlanError::Invalid {
            path: path.to_path_buf(),
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            message:
                "文件不是 UTF-8 编码的文本：请另存为 UTF-8 编码（记事本：另存为，编码选 UTF-8）"
                    .to_string(),
        }
    })?;
    parse(text, path)
}

// ------------------------------------------------------------ file schema

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    name: String,
    bureau: String,
    year: Spanned<i32>,
    #[serde(default)]
    document: String,
    departments: Vec<Spanned<DepartmentFile>>,
    sections: Vec<Spanned<SectionFile>>,
    tasks: Vec<Spanned<TaskFile>>,
    #[serde(default)]
    figures: Vec<Spanned<FigureFile>>,
    /// The plan's own calendar; without one, the official calendar of its year.
    #[serde(default)]
    calendar: Option<CalendarFile>,
    #[serde(default)]
    thresholds: Option<Spanned<ThresholdsFile>>,
    #[serde(default)]
    reporting: Option<ReportingFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DepartmentFile {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    id: Spanned<String>,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskFile {
    id: Spanned<u32>,
    section: Spanned<String>,
    title: String,
    #[serde(default)]
    text: String,
    leads: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureFile {
    id: Spanned<String>,
    #[serde(default)]
    task: Option<Spanned<u32>>,
    name: String,
    #[serde(default)]
    unit: String,
    kind: FigureKind,
    #[serde(default)]
    comparator: Option<Comparator>,
    #[serde(default)]
    target: Option<f64>,
    #[serde(default)]
    due: Option<Spanned<DateText>>,
    #[serde(default)]
    owner: Option<Spanned<String>>,
    #[serde(default)]
    ledger: Option<LedgerKind>,
    #[serde(default)]
    derive: Option<Derivation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    /// Dates or ranges `2025-01-28..2025-02-04`.
    #[serde(default)]
    holidays: Vec<Spanned<DateText>>,
    #[serde(default)]
    workdays: Vec<Spanned<DateText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdsFile {
    #[serde(default)]
    behind_red: Option<f64>,
    #[serde(default)]
    mismatch: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportingFile {
    #[serde(default)]
    due_day: Option<Spanned<i64>>,
}

/// A date written as a TOML date or as a string (`"2025-03-31"`, or a range
/// `"2025-01-28..2025-02-04"` in the calendar).
#[derive(Deserialize)]
#[serde(untagged)]
enum DateText {
    Native(toml::value::Datetime),
    Text(String),
}

impl DateText {
    fn as_text(&self) -> String {
        match self {
            DateText::Native(d) => d.to_string(),
            DateText::Text(s) => s.trim().to_string(),
        }
    }
}

// ------------------------------------------------------------ reading the file

struct Ctx<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Ctx<'_> {
    fn line_of(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn err(&self, span: &Range<usize>, message: impl Into<String>) -> PlanError {
        PlanError::Invalid {
            path: self.path.to_path_buf(),
            line: self.line_of(span),
            message: message.into(),
        }
    }

    fn date(&self, value: &Spanned<DateText>, what: &str) -> Result<NaiveDate, PlanError> {
        let text = value.get_ref().as_text();
        parse_date(&text).ok_or_else(|| {
            self.err(
                &value.span(),
                format!("{what} `{text}` 不是日期：请写成 YYYY-MM-DD，例如 2025-03-31"),
            )
        })
    }

    /// A calendar entry: one date or an inclusive range `A..B`.
    fn dates(&self, value: &Spanned<DateText>, what: &str) -> Result<Vec<NaiveDate>, PlanError> {
        let text = value.get_ref().as_text();
        parse_days(&text).ok_or_else(|| {
            self.err(
                &value.span(),
                format!(
                    "{what} `{text}` 不是日期或日期范围：请写成 2025-01-01 或 2025-01-28..2025-02-04"
                ),
            )
        })
    }
}

/// Where each part of the plan sits in the file, so that a rule [`validate`]
/// finds broken can be reported on its line.
#[derive(Default)]
struct Spans {
    year: Range<usize>,
    /// Per department: its name, then each alias.
    department_names: Vec<Vec<Range<usize>>>,
    sections: Vec<Range<usize>>,
    tasks: Vec<TaskSpans>,
    figures: Vec<FigureSpans>,
    /// Each `workdays` entry with the days it names.
    workdays: Vec<(Vec<NaiveDate>, Range<usize>)>,
    thresholds: Range<usize>,
    reporting: Range<usize>,
}

struct TaskSpans {
    id: Range<usize>,
    section: Range<usize>,
    leads: Range<usize>,
    /// Per lead as the plan keeps it (duplicates dropped).
    lead: Vec<Range<usize>>,
}

struct FigureSpans {
    whole: Range<usize>,
    id: Range<usize>,
    task: Option<Range<usize>>,
    owner: Option<Range<usize>>,
}

impl Spans {
    fn of(&self, place: &Place) -> Range<usize> {
        let whole = 0..0;
        let span = match place {
            Place::Plan => None,
            Place::Year => Some(self.year.clone()),
            Place::DepartmentName { department, name } => self
                .department_names
                .get(*department)
                .and_then(|names| names.get(*name))
                .cloned(),
            Place::Section(i) => self.sections.get(*i).cloned(),
            Place::TaskId(i) | Place::TaskTitle(i) => self.tasks.get(*i).map(|t| t.id.clone()),
            Place::TaskSection(i) => self.tasks.get(*i).map(|t| t.section.clone()),
            Place::TaskLeads(i) => self.tasks.get(*i).map(|t| t.leads.clone()),
            Place::TaskLead { task, lead } => self
                .tasks
                .get(*task)
                .and_then(|t| t.lead.get(*lead).or(Some(&t.leads)))
                .cloned(),
            Place::Figure(i) => self.figures.get(*i).map(|f| f.whole.clone()),
            Place::FigureId(i) => self.figures.get(*i).map(|f| f.id.clone()),
            Place::FigureTask(i) => self
                .figures
                .get(*i)
                .map(|f| f.task.clone().unwrap_or_else(|| f.whole.clone())),
            Place::FigureOwner(i) => self
                .figures
                .get(*i)
                .map(|f| f.owner.clone().unwrap_or_else(|| f.whole.clone())),
            Place::Workday(day) => self
                .workdays
                .iter()
                .find(|(days, _)| days.contains(day))
                .map(|(_, span)| span.clone()),
            Place::Thresholds => Some(self.thresholds.clone()),
            Place::Reporting => Some(self.reporting.clone()),
        };
        span.unwrap_or(whole)
    }
}

/// Parses and validates a plan from text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Plan, PlanError> {
    let cx = Ctx { text, path };
    let file: PlanFile = toml::from_str(text).map_err(|e| PlanError::Invalid {
        path: path.to_path_buf(),
        line: e.span().map(|s| cx.line_of(&s)).unwrap_or(1),
        message: super::toml_message::chinese(e.message()),
    })?;
    let (plan, spans) = build(&cx, &file)?;
    validate(&plan).map_err(|e| cx.err(&spans.of(&e.place), e.message))?;
    Ok(plan)
}

/// The plan the file describes, with its defaults filled in: what the file
/// format alone decides (dates that do not parse, a figure without a
/// comparator, `ledger` without `derive`) is refused here; the rules every
/// plan keeps are left to [`validate`].
fn build(cx: &Ctx, file: &PlanFile) -> Result<(Plan, Spans), PlanError> {
    let mut spans = Spans {
        year: file.year.span(),
        ..Spans::default()
    };
    let year = *file.year.get_ref();
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);

    let mut departments = Vec::new();
    for d in &file.departments {
        let d = d.get_ref();
        departments.push(Department {
            name: d.name.get_ref().trim().to_string(),
            aliases: d
                .aliases
                .iter()
                .map(|a| a.get_ref().trim().to_string())
                .collect(),
        });
        spans.department_names.push(
            std::iter::once(&d.name)
                .chain(&d.aliases)
                .map(|n| n.span())
                .collect(),
        );
    }
    // A name as the file writes it, made canonical when it is a known name
    // or alias; an unknown name stays as written for `validate` to refuse.
    let canonical = |name: &str| -> String {
        let n = name.trim();
        departments
            .iter()
            .find(|d| d.name == n || d.aliases.iter().any(|a| a == n))
            .map_or_else(|| n.to_string(), |d| d.name.clone())
    };

    let mut sections = Vec::new();
    for s in &file.sections {
        let s = s.get_ref();
        sections.push(Section {
            id: s.id.get_ref().trim().to_string(),
            title: s.title.trim().to_string(),
        });
        spans.sections.push(s.id.span());
    }

    let mut tasks: Vec<Task> = Vec::new();
    for t in &file.tasks {
        let t = t.get_ref();
        let mut leads: Vec<String> = Vec::new();
        let mut lead_spans = Vec::new();
        for l in t.leads.get_ref() {
            let name = canonical(l.get_ref());
            if !leads.contains(&name) {
                leads.push(name);
                lead_spans.push(l.span());
            }
        }
        tasks.push(Task {
            id: *t.id.get_ref(),
            section: t.section.get_ref().trim().to_string(),
            title: t.title.trim().to_string(),
            text: t.text.trim().to_string(),
            leads,
        });
        spans.tasks.push(TaskSpans {
            id: t.id.span(),
            section: t.section.span(),
            leads: t.leads.span(),
            lead: lead_spans,
        });
    }

    let mut figures: Vec<Figure> = Vec::new();
    for spanned in &file.figures {
        let f = spanned.get_ref();
        let id = f.id.get_ref().trim().to_string();
        let task = f.task.as_ref().map(|t| *t.get_ref());
        let comparator = match (f.kind, f.comparator) {
            (_, Some(c)) => c,
            (FigureKind::Date, None) => Comparator::Le,
            _ => {
                return Err(cx.err(
                    &spanned.span(),
                    format!(
                        "`{id}` 没有比较方式：请加上 `comparator = \">=\"`（或 \">\"、\"<\"、\"<=\"）"
                    ),
                ));
            }
        };
        let due = match &f.due {
            Some(d) => cx.date(d, &format!("`{id}` 的完成时限"))?,
            None if f.kind == FigureKind::Date => {
                return Err(cx.err(
                    &spanned.span(),
                    format!("时间节点 `{id}` 没有完成时限：请加上 `due = 2025-12-31`"),
                ));
            }
            None => year_end,
        };
        // A milestone belongs by default to its task's first lead; an
        // indicator without an owner stays ownerless for `validate` to refuse.
        let owner = match &f.owner {
            Some(o) => canonical(o.get_ref()),
            None => task
                .and_then(|t| tasks.iter().find(|x| x.id == t))
                .and_then(|t| t.leads.first().cloned())
                .unwrap_or_default(),
        };
        let ledger = match (f.ledger, f.derive) {
            (Some(ledger), Some(derivation)) => Some(LedgerSource { ledger, derivation }),
            (None, None) => None,
            _ => {
                return Err(cx.err(
                    &spanned.span(),
                    format!("`{id}` 须同时写 `ledger` 和 `derive`，或都不写"),
                ));
            }
        };
        figures.push(Figure {
            id,
            task,
            name: f.name.trim().to_string(),
            unit: f.unit.trim().to_string(),
            kind: f.kind,
            comparator,
            target: f.target,
            due,
            owner,
            ledger,
        });
        spans.figures.push(FigureSpans {
            whole: spanned.span(),
            id: f.id.span(),
            task: f.task.as_ref().map(|t| t.span()),
            owner: f.owner.as_ref().map(|o| o.span()),
        });
    }

    // The plan's own calendar when it gives one, else its year's official one.
    let mut warnings = Vec::new();
    let calendar = match &file.calendar {
        Some(c) => {
            let mut holidays = BTreeSet::new();
            for h in &c.holidays {
                holidays.extend(cx.dates(h, "节假日")?);
            }
            let mut workdays = BTreeSet::new();
            for w in &c.workdays {
                let days = cx.dates(w, "调休上班日")?;
                workdays.extend(days.iter().copied());
                spans.workdays.push((days, w.span()));
            }
            Calendar { holidays, workdays }
        }
        None => {
            let (calendar, warning) = calendar::of_year(year);
            warnings.extend(warning);
            calendar
        }
    };

    let mut thresholds = Thresholds::default();
    if let Some(t) = &file.thresholds {
        spans.thresholds = t.span();
        let t = t.get_ref();
        thresholds.behind_red = t.behind_red.unwrap_or(thresholds.behind_red);
        thresholds.mismatch = t.mismatch.unwrap_or(thresholds.mismatch);
    }

    let mut reporting = Reporting::default();
    if let Some(day) = file.reporting.as_ref().and_then(|r| r.due_day.as_ref()) {
        spans.reporting = day.span();
        let d = *day.get_ref();
        reporting.due_day = u32::try_from(d).map_err(|_| {
            cx.err(
                &day.span(),
                format!("due_day {d} 须是每月中的一天（1 到 31）"),
            )
        })?;
    }

    let plan = Plan {
        name: file.name.trim().to_string(),
        bureau: file.bureau.trim().to_string(),
        year,
        document: file.document.trim().to_string(),
        departments,
        sections,
        tasks,
        figures,
        calendar,
        thresholds,
        reporting,
        warnings,
    };
    Ok((plan, spans))
}

// ------------------------------------------------------------ the rules of a plan

/// Where in a plan a rule is broken: by position in the plan's lists, so
/// that the loader can name the file's line and the drafter its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The plan as a whole.
    Plan,
    Year,
    /// A department's name (`name` 0) or one of its aliases (`name` 1…).
    DepartmentName {
        department: usize,
        name: usize,
    },
    /// A section, by position.
    Section(usize),
    TaskId(usize),
    TaskSection(usize),
    TaskTitle(usize),
    /// A task's list of leads as a whole.
    TaskLeads(usize),
    /// One lead of a task.
    TaskLead {
        task: usize,
        lead: usize,
    },
    /// A figure as a whole.
    Figure(usize),
    FigureId(usize),
    FigureTask(usize),
    FigureOwner(usize),
    /// A make-up working day.
    Workday(NaiveDate),
    Thresholds,
    Reporting,
}

/// A rule a plan breaks: where, and what is wrong and how to put it right.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub place: Place,
    pub message: String,
}

/// The rules every plan keeps, whoever made it (a plan file, a workbook, a
/// draft from a notice): names unique, every task in a known section with a
/// known lead, every figure with a target, an owner and an id the reports can
/// use, a consistent calendar, thresholds and deadline in range. The first
/// rule broken is returned.
pub fn validate(plan: &Plan) -> Result<(), Invalid> {
    let bad = |place: Place, message: String| Err(Invalid { place, message });

    if !(2000..=2100).contains(&plan.year) {
        return bad(
            Place::Year,
            format!(
                "年度 {} 不是有效的计划年度：请写四位年份，例如 2026",
                plan.year
            ),
        );
    }

    // Departments: names and aliases unique across all departments.
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, d) in plan.departments.iter().enumerate() {
        for (j, n) in std::iter::once(&d.name).chain(&d.aliases).enumerate() {
            let place = Place::DepartmentName {
                department: i,
                name: j,
            };
            if n.trim().is_empty() {
                return bad(place, "部门名称为空".to_string());
            }
            if !seen.insert(n.as_str()) {
                return bad(place, format!("部门名称或别名 `{n}` 重复"));
            }
        }
    }
    if plan.departments.is_empty() {
        return bad(
            Place::Plan,
            "计划中没有部门：请添加 [[departments]]".to_string(),
        );
    }
    if plan.tasks.is_empty() {
        return bad(Place::Plan, "计划中没有任务：请添加 [[tasks]]".to_string());
    }
    let canonical: HashSet<&str> = plan.departments.iter().map(|d| d.name.as_str()).collect();
    let known = |name: &str| canonical.contains(name);
    let unknown = |name: &str, what: &str| {
        let names: Vec<&str> = plan.departments.iter().map(|d| d.name.as_str()).collect();
        format!(
            "{what} `{name}` 不是计划中的部门：计划中的部门有 {}",
            names.join("、")
        )
    };

    let mut sections: HashSet<&str> = HashSet::new();
    for (i, s) in plan.sections.iter().enumerate() {
        if !sections.insert(s.id.as_str()) {
            return bad(Place::Section(i), format!("板块编号 `{}` 重复", s.id));
        }
    }

    let mut tasks: HashSet<u32> = HashSet::new();
    for (i, t) in plan.tasks.iter().enumerate() {
        let id = t.id;
        if id == 0 {
            return bad(
                Place::TaskId(i),
                "任务编号为 0：任务从 1 开始编号".to_string(),
            );
        }
        if !tasks.insert(id) {
            return bad(Place::TaskId(i), format!("任务编号 {id} 重复"));
        }
        if !sections.contains(t.section.as_str()) {
            return bad(
                Place::TaskSection(i),
                format!(
                    "任务 {id} 所属板块 `{}` 不在板块（[[sections]]）中",
                    t.section
                ),
            );
        }
        if t.title.trim().is_empty() {
            return bad(Place::TaskTitle(i), format!("任务 {id} 没有任务名称"));
        }
        if t.leads.is_empty() {
            return bad(Place::TaskLeads(i), format!("任务 {id} 没有牵头部门"));
        }
        for (j, l) in t.leads.iter().enumerate() {
            if !known(l) {
                return bad(
                    Place::TaskLead { task: i, lead: j },
                    unknown(l, &format!("任务 {id} 的牵头部门")),
                );
            }
        }
    }

    let mut figures: HashSet<&str> = HashSet::new();
    for (i, f) in plan.figures.iter().enumerate() {
        let id = &f.id;
        if id.trim().is_empty() {
            return bad(Place::FigureId(i), "指标或节点的编号为空".to_string());
        }
        if !figures.insert(id.as_str()) {
            return bad(Place::FigureId(i), format!("指标或节点编号 `{id}` 重复"));
        }
        match f.task {
            Some(tid) => {
                if !tasks.contains(&tid) {
                    return bad(
                        Place::FigureTask(i),
                        format!("`{id}` 所属的任务 {tid} 不在重点任务中"),
                    );
                }
                let numbered = id
                    .strip_prefix(&format!("{tid}."))
                    .and_then(|n| n.parse::<u32>().ok())
                    .is_some_and(|n| n > 0);
                if !numbered {
                    return bad(
                        Place::FigureId(i),
                        format!("任务 {tid} 的节点 `{id}` 须编号为 `{tid}.<序号>`，例如 `{tid}.1`"),
                    );
                }
            }
            None if id.contains('.') => {
                return bad(
                    Place::FigureId(i),
                    format!("`{id}` 看起来是节点：请添加 `task = <任务编号>`"),
                );
            }
            None => {}
        }
        if f.name.trim().is_empty() {
            return bad(Place::FigureId(i), format!("`{id}` 没有名称"));
        }
        if f.kind != FigureKind::Date && !f.target.is_some_and(f64::is_finite) {
            return bad(
                Place::Figure(i),
                format!("`{id}` 没有目标值：请添加 `target = <数值>`"),
            );
        }
        if f.owner.is_empty() {
            return bad(
                Place::Figure(i),
                format!("指标 `{id}` 没有责任部门：请加上 `owner = \"部门名称\"`"),
            );
        }
        if !known(&f.owner) {
            return bad(
                Place::FigureOwner(i),
                unknown(&f.owner, &format!("`{id}` 的责任部门")),
            );
        }
        if let Some(l) = f.ledger
            && !derivation_fits(l.ledger, l.derivation)
        {
            return bad(
                Place::Figure(i),
                format!(
                    "`{id}`：计算方式“{}”不适用于{}",
                    l.derivation.as_chinese(),
                    l.ledger.title()
                ),
            );
        }
    }

    if let Some(day) = plan
        .calendar
        .workdays
        .intersection(&plan.calendar.holidays)
        .next()
    {
        return bad(
            Place::Workday(*day),
            format!("{day} 既列为放假日，又列为调休上班日"),
        );
    }

    for (name, v) in [
        ("behind_red", plan.thresholds.behind_red),
        ("mismatch", plan.thresholds.mismatch),
    ] {
        if !(0.0..=1.0).contains(&v) {
            return bad(Place::Thresholds, format!("{name} {v} 须在 0 到 1 之间"));
        }
    }

    let d = plan.reporting.due_day;
    if !(1..=31).contains(&d) {
        return bad(
            Place::Reporting,
            format!("due_day {d} 须是每月中的一天（1 到 31）"),
        );
    }
    Ok(())
}

/// Whether a derivation makes sense for a ledger: amounts only in the finance
/// ledger, fast-track rows only in the works ledger.
fn derivation_fits(ledger: LedgerKind, derivation: Derivation) -> bool {
    match derivation {
        Derivation::Count | Derivation::YearToDateGrowth => true,
        Derivation::FastTrackCount | Derivation::FastTrackMeanWorkdays => {
            ledger == LedgerKind::Works
        }
        Derivation::SumNonPledge | Derivation::SumPledge => ledger == LedgerKind::Finance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    // ------------------------------------------------------------ the 2025 transcription

    #[test]
    fn the_default_plan_loads() {
        let plan = load_default().unwrap();
        assert_eq!(plan.tasks.len(), 25);
        assert_eq!(plan.sections.len(), 6);
        assert_eq!(plan.departments.len(), 5);
        assert_eq!(plan.year, 2025);
        assert_eq!(plan.reporting.due_day, 5);
        assert_eq!(plan.thresholds, Thresholds::default());
    }

    #[test]
    fn every_task_has_the_seeds_section_and_leads() {
        let plan = load_default().unwrap();
        let (dev, office, watch, prot, centre) =
            ("发展促进处", "办公室", "监管与预警处", "保护处", "保护中心");
        let expected: [(&str, &[&str]); 25] = [
            ("一", &[dev]),
            ("一", &[office]),
            ("一", &[watch, prot]),
            ("一", &[centre]),
            ("二", &[dev]),
            ("二", &[centre]),
            ("二", &[watch]),
            ("二", &[watch]),
            ("三", &[prot]),
            ("三", &[prot, centre]),
            ("三", &[prot]),
            ("三", &[prot]),
            ("三", &[prot, centre]),
            ("三", &[prot, centre]),
            ("三", &[watch]),
            ("四", &[dev]),
            ("四", &[dev]),
            ("五", &[centre]),
            ("五", &[watch]),
            ("五", &[dev]),
            ("五", &[dev]),
            ("六", &[office]),
            ("六", &[office]),
            ("六", &[office]),
            ("六", &[office]),
        ];
        for (task, (section, leads)) in plan.tasks.iter().zip(expected) {
            assert_eq!(task.section, section, "section of task {}", task.id);
            assert_eq!(task.leads, leads, "leads of task {}", task.id);
        }
        let ids: Vec<u32> = plan.tasks.iter().map(|t| t.id).collect();
        assert_eq!(ids, (1..=25).collect::<Vec<_>>());
        assert_eq!(
            plan.task(18).unwrap().title,
            "深入推进科创板拟上市企业知识产权服务站建设"
        );
        assert_eq!(plan.task(1).unwrap().title, "编制\"十五五\"知识产权规划");
    }

    #[test]
    fn the_file_writes_leads_as_the_seed_does() {
        // The seed spells 发展促进处 as 发展与促进处 in tasks 16, 17, 20, 21.
        let raw: toml::Table = toml::from_str(crate::plan::DEFAULT_PLAN_TOML).unwrap();
        let tasks = raw["tasks"].as_array().unwrap();
        for t in tasks {
            let id = t["id"].as_integer().unwrap();
            let leads: Vec<&str> = t["leads"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            match id {
                16 | 17 | 20 | 21 => assert_eq!(leads, ["发展与促进处"], "task {id}"),
                1 | 5 => assert_eq!(leads, ["发展促进处"], "task {id}"),
                _ => assert!(!leads.contains(&"发展与促进处"), "task {id}"),
            }
        }
    }

    #[test]
    fn task_texts_are_whole_and_free_of_line_wrap_spaces() {
        let plan = load_default().unwrap();
        let is_wide = |c: char| !c.is_ascii();
        for t in &plan.tasks {
            assert!(
                t.text.ends_with('。'),
                "task {} text ends mid-sentence",
                t.id
            );
            assert!(
                !t.text.contains("牵头部门"),
                "task {} text holds its leads",
                t.id
            );
            assert!(
                !t.text.contains('\n'),
                "task {} text has a line break",
                t.id
            );
            let chars: Vec<char> = t.text.chars().collect();
            for w in chars.windows(3) {
                assert!(
                    !(w[1] == ' ' && is_wide(w[0]) && is_wide(w[2])),
                    "task {}: a line-wrap space in `{}`",
                    t.id,
                    w.iter().collect::<String>()
                );
            }
        }
        // Joined across the seed's page breaks.
        assert!(
            plan.task(2)
                .unwrap()
                .text
                .contains("强化支撑高质量发展的法治保障")
        );
        assert!(
            plan.task(5)
                .unwrap()
                .text
                .contains("在前两批名单基础上,合理选择细分领域")
        );
        assert!(
            plan.task(7)
                .unwrap()
                .text
                .contains("增加 PCT 专利申请指标,引导市场主体")
        );
        assert!(plan.task(9).unwrap().text.contains("案件互移、信息互通"));
        assert!(
            plan.task(17)
                .unwrap()
                .text
                .starts_with("指导推进国家知识产权运营(上海)国际服务平台建设")
        );
        assert!(
            plan.task(23)
                .unwrap()
                .text
                .contains("巩固深化党纪学习教育成果")
        );
    }

    #[test]
    fn the_indicators_match_the_main_targets() {
        use Comparator::*;
        use FigureKind::*;
        let plan = load_default().unwrap();
        let (watch, prot, dev, centre) = ("监管与预警处", "保护处", "发展促进处", "保护中心");
        let expected = [
            ("I1", Gt, 105.0, "件", Level, watch, None),
            (
                "I2",
                Ge,
                260000.0,
                "件",
                Cumulative,
                watch,
                Some((LedgerKind::Works, Derivation::Count)),
            ),
            ("I3", Ge, 55.0, "%", Level, watch, None),
            (
                "I4",
                Ge,
                3000.0,
                "件",
                Cumulative,
                prot,
                Some((LedgerKind::Mediation, Derivation::Count)),
            ),
            (
                "I5",
                Ge,
                100.0,
                "亿元",
                Cumulative,
                dev,
                Some((LedgerKind::Finance, Derivation::SumNonPledge)),
            ),
            (
                "I6",
                Ge,
                100.0,
                "亿元",
                Cumulative,
                dev,
                Some((LedgerKind::Finance, Derivation::SumPledge)),
            ),
            (
                "I7",
                Ge,
                20.0,
                "%",
                Growth,
                centre,
                Some((LedgerKind::Prereview, Derivation::YearToDateGrowth)),
            ),
            (
                "I8",
                Ge,
                21000.0,
                "件",
                Cumulative,
                watch,
                Some((LedgerKind::Works, Derivation::FastTrackCount)),
            ),
            (
                "I9",
                Lt,
                5.0,
                "个工作日",
                Level,
                watch,
                Some((LedgerKind::Works, Derivation::FastTrackMeanWorkdays)),
            ),
        ];
        let indicators: Vec<&Figure> = plan.figures.iter().filter(|f| !f.is_milestone()).collect();
        assert_eq!(indicators.len(), expected.len());
        for (f, (id, cmp, target, unit, kind, owner, ledger)) in
            indicators.into_iter().zip(expected)
        {
            assert_eq!(f.id, id);
            assert_eq!(f.comparator, cmp, "{id}");
            assert_eq!(f.target, Some(target), "{id}");
            assert_eq!(f.unit, unit, "{id}");
            assert_eq!(f.kind, kind, "{id}");
            assert_eq!(f.owner, owner, "{id}");
            assert_eq!(f.ledger.map(|l| (l.ledger, l.derivation)), ledger, "{id}");
            assert_eq!(f.due, day(12, 31), "{id}");
            assert_eq!(f.task, None, "{id}");
        }
        assert_eq!(plan.figure("I4").unwrap().name, "知识产权纠纷调解案件数");
    }

    #[test]
    fn the_milestones_follow_the_task_texts() {
        let plan = load_default().unwrap();
        let ids: Vec<&str> = plan
            .figures
            .iter()
            .filter(|f| f.is_milestone())
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "1.1", "1.2", "2.1", "4.1", "5.1", "5.2", "7.1", "8.1", "10.1", "10.2", "11.1",
                "11.2", "12.1", "12.2", "13.1", "15.1", "16.1", "18.1", "22.1", "23.1", "24.1",
                "24.2", "24.3", "24.4", "25.1", "25.2"
            ]
        );
        let counts = [
            ("5.1", 4.0, "批"),
            ("8.1", 3.0, "篇"),
            ("12.1", 2.0, "批"),
            ("24.1", 15.0, "次"),
            ("24.2", 1.0, "场"),
        ];
        for (id, target, unit) in counts {
            let f = plan.figure(id).unwrap();
            assert_eq!(f.kind, FigureKind::Count, "{id}");
            assert_eq!(f.comparator, Comparator::Ge, "{id}");
            assert_eq!(f.target, Some(target), "{id}");
            assert_eq!(f.unit, unit, "{id}");
        }
        let submit = plan.figure("2.1").unwrap();
        assert_eq!(submit.kind, FigureKind::Date);
        assert_eq!(submit.due, day(3, 31));
        assert_eq!(submit.owner, "办公室");
        assert!(submit.name.contains("提交区政府常务会议审议"));
        assert_eq!(plan.figure("5.1").unwrap().name, "潜力企业关注名单");
        assert_eq!(plan.figure("8.1").unwrap().name, "专利导航分析报告");
        assert_eq!(plan.figure("24.1").unwrap().name, "理论学习中心组学习");
        assert_eq!(plan.figure("24.2").unwrap().name, "新闻通气会");
        for f in plan.figures.iter().filter(|f| f.is_milestone()) {
            let task = plan.task(f.task.unwrap()).unwrap();
            // Default owner: the task's first lead; default due: year end (2.1 aside).
            assert_eq!(f.owner, task.leads[0], "{}", f.id);
            if f.id != "2.1" {
                assert_eq!(f.due, day(12, 31), "{}", f.id);
            }
            assert!(f.ledger.is_none(), "{}", f.id);
            if f.kind == FigureKind::Date {
                assert!(f.unit.is_empty(), "{}", f.id);
            }
        }
    }

    #[test]
    fn the_2025_calendar() {
        let plan = load_default().unwrap();
        let c = &plan.calendar;
        for (m, d) in [(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)] {
            assert!(
                c.is_workday(day(m, d)),
                "2025-{m}-{d} is a make-up working day"
            );
        }
        for (m, d) in [
            (1, 1),
            (1, 28),
            (1, 29),
            (2, 3),
            (2, 4),
            (4, 4),
            (5, 1),
            (5, 5),
            (6, 2),
            (10, 1),
            (10, 8),
        ] {
            assert!(!c.is_workday(day(m, d)), "2025-{m}-{d} is a holiday");
        }
        assert!(
            c.is_workday(day(2, 5)),
            "back to work after the Spring Festival"
        );
        assert!(c.is_workday(day(10, 9)));
        assert!(!c.is_workday(day(3, 1)), "an ordinary Saturday rests");
        assert_eq!(c.holidays.len(), 28);
        assert_eq!(c.workdays.len(), 5);
        let working = day(1, 1)
            .iter_days()
            .take_while(|d| *d <= day(12, 31))
            .filter(|d| c.is_workday(*d))
            .count();
        assert_eq!(working, 248);
    }

    #[test]
    fn the_default_plan_keeps_the_rules_and_the_official_calendar() {
        let plan = load_default().unwrap();
        assert_eq!(validate(&plan), Ok(()));
        assert!(plan.warnings.is_empty());
        // The file's own [calendar] is the State Council's 2025 notice.
        assert_eq!(plan.calendar, calendar::official(2025).unwrap().calendar);
    }

    #[test]
    fn a_plan_without_a_calendar_uses_its_years_official_one() {
        let plan = parse(&MINI.replace("2025", "2026"), Path::new("p.toml")).unwrap();
        assert!(plan.warnings.is_empty());
        assert!(
            plan.calendar
                .is_workday(NaiveDate::from_ymd_opt(2026, 2, 14).unwrap())
        );
        assert!(
            !plan
                .calendar
                .is_workday(NaiveDate::from_ymd_opt(2026, 2, 16).unwrap())
        );
        // Its own [calendar], even an empty one, wins.
        let own = format!(
            "{}\n[calendar]\nholidays = [\"2026-03-02\"]\n",
            MINI.replace("2025", "2026")
        );
        let plan = parse(&own, Path::new("p.toml")).unwrap();
        assert!(
            plan.calendar
                .is_workday(NaiveDate::from_ymd_opt(2026, 2, 16).unwrap())
        );
        assert!(
            !plan
                .calendar
                .is_workday(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
        );
        assert!(plan.warnings.is_empty());
    }

    #[test]
    fn a_year_without_an_official_calendar_loads_with_a_warning() {
        let plan = parse(&MINI.replace("2025", "2031"), Path::new("p.toml")).unwrap();
        assert_eq!(plan.calendar, Calendar::default());
        assert_eq!(
            plan.warnings,
            [crate::plan::PlanWarning::NoCalendar { year: 2031 }]
        );
        let text = plan.warnings[0].to_string();
        assert!(text.starts_with("2031 年没有内置的放假安排"), "{text}");
        assert!(
            text.contains("[calendar]") && text.contains("workdays"),
            "{text}"
        );
    }

    #[test]
    fn validate_names_the_place_of_the_broken_rule() {
        let mut plan = load_default().unwrap();
        plan.tasks[4].leads.push("财务处".to_string());
        let e = validate(&plan).unwrap_err();
        assert_eq!(e.place, Place::TaskLead { task: 4, lead: 1 });
        assert!(e.message.contains("`财务处`"), "{e}");
        let mut plan = load_default().unwrap();
        plan.figures[3].target = None;
        assert_eq!(validate(&plan).unwrap_err().place, Place::Figure(3));
        let mut plan = load_default().unwrap();
        plan.calendar
            .workdays
            .insert(NaiveDate::from_ymd_opt(2025, 10, 2).unwrap());
        assert_eq!(
            validate(&plan).unwrap_err().place,
            Place::Workday(NaiveDate::from_ymd_opt(2025, 10, 2).unwrap())
        );
    }

    // ------------------------------------------------------------ plan-file errors

    const MINI: &str = r#"name = "p"
bureau = "b"
year = 2025

[[departments]]
name = "办公室"

[[sections]]
id = "一"
title = "s"

[[tasks]]
id = 1
section = "一"
title = "t"
leads = ["办公室"]

[[figures]]
id = "I1"
name = "n"
unit = "件"
kind = "level"
comparator = ">"
target = 1
owner = "办公室"
due = 2025-12-31
"#;

    const TASK: &str =
        "\n[[tasks]]\nid = 1\nsection = \"一\"\ntitle = \"x\"\nleads = [\"办公室\"]\n";

    /// The error `text` gives, as `(line, message)`.
    fn refused(text: &str) -> (usize, String) {
        match parse(text, Path::new("bad.toml")) {
            Ok(_) => panic!("the plan was accepted:\n{text}"),
            Err(e) => {
                let message = e.to_string();
                let prefix = format!("计划文件 `bad.toml` 第{}行：", e.line().unwrap());
                assert!(message.starts_with(&prefix), "{message}");
                (e.line().unwrap(), message[prefix.len()..].to_string())
            }
        }
    }

    #[test]
    fn the_minimal_plan_loads() {
        let plan = parse(MINI, Path::new("mini.toml")).unwrap();
        assert_eq!(plan.tasks[0].leads, ["办公室"]);
        assert_eq!(plan.reporting, Reporting::default());
    }

    #[test]
    fn an_unknown_lead_is_refused_on_its_line() {
        let (line, msg) = refused(&MINI.replace(r#"leads = ["办公室"]"#, r#"leads = ["财务处"]"#));
        assert_eq!(line, 16);
        assert!(
            msg.contains("任务 1 的牵头部门 `财务处` 不是计划中的部门"),
            "{msg}"
        );
        assert!(msg.contains("办公室"), "names the known departments: {msg}");
    }

    #[test]
    fn duplicate_ids_are_refused_on_the_second() {
        let (line, msg) = refused(&format!("{MINI}{TASK}"));
        assert_eq!((line, msg.as_str()), (29, "任务编号 1 重复"));
        let figure = "\n[[figures]]\nid = \"I1\"\nname = \"m\"\nkind = \"level\"\ncomparator = \">\"\ntarget = 1\nowner = \"办公室\"\n";
        let (line, msg) = refused(&format!("{MINI}{figure}"));
        assert_eq!((line, msg.as_str()), (29, "指标或节点编号 `I1` 重复"));
    }

    #[test]
    fn a_date_that_does_not_parse_is_refused() {
        let (line, msg) = refused(&MINI.replace("due = 2025-12-31", "due = \"2025-13-01\""));
        assert_eq!(line, 26);
        assert!(
            msg.contains("`I1` 的完成时限 `2025-13-01` 不是日期"),
            "{msg}"
        );
        assert!(msg.contains("YYYY-MM-DD"), "{msg}");
        let (line, _) = refused(&MINI.replace("due = 2025-12-31", "due = 2025-02-30"));
        assert_eq!(line, 26);
        let (line, msg) = refused(&MINI.replace("due = 2025-12-31", "due = \"3月底\""));
        assert_eq!(line, 26);
        assert!(msg.contains("`3月底`"), "{msg}");
        let calendar =
            "\n[calendar]\nholidays = [\n  \"2025-01-01\",\n  \"2025-02-04..2025-01-28\",\n]\n";
        let (line, msg) = refused(&format!("{MINI}{calendar}"));
        assert_eq!(line, 31);
        assert!(
            msg.contains("节假日 `2025-02-04..2025-01-28` 不是日期或日期范围"),
            "{msg}"
        );
    }

    #[test]
    fn an_unknown_field_is_refused_on_its_own_line() {
        let (line, msg) =
            refused(&MINI.replace("title = \"t\"", "title = \"t\"\nlead = \"办公室\""));
        assert_eq!(line, 16);
        assert!(msg.starts_with("没有 `lead` 这一项：请检查拼写"), "{msg}");
        let (line, msg) = refused(&MINI.replace("unit = \"件\"", "unit = \"件\"\ntargte = 3"));
        assert_eq!(line, 22);
        assert!(msg.starts_with("没有 `targte` 这一项"), "{msg}");
        let (line, msg) = refused(&MINI.replace("year = 2025", "year = 2025\nyaer = 1"));
        assert_eq!(line, 4);
        assert!(msg.starts_with("没有 `yaer` 这一项"), "{msg}");
        let (line, msg) = refused(&format!("{MINI}\n[reporting]\ndue_days = 5\n"));
        assert_eq!(line, 29);
        assert!(msg.starts_with("没有 `due_days` 这一项"), "{msg}");
    }

    #[test]
    fn a_figure_without_a_target_is_refused() {
        let (line, msg) = refused(&MINI.replace("target = 1\n", ""));
        assert_eq!(line, 18, "points at the figure's [[figures]] line");
        assert_eq!(msg, "`I1` 没有目标值：请添加 `target = <数值>`");
    }

    #[test]
    fn a_toml_syntax_error_is_refused_on_its_line() {
        let (line, _) = refused(&MINI.replace("title = \"t\"", "title = \"t"));
        assert_eq!(line, 15);
        let (line, _) = refused(&MINI.replace("[[figures]]", "[[figures]"));
        assert_eq!(line, 18);
    }

    #[test]
    fn other_mistakes_name_their_line() {
        let (line, msg) = refused(&MINI.replace("kind = \"level\"", "kind = \"levle\""));
        assert_eq!(line, 22);
        assert!(msg.contains("取值 `levle` 无效"), "{msg}");
        let (line, _) = refused(&MINI.replace("target = 1", "target = \"many\""));
        assert_eq!(line, 24);
        let (line, msg) = refused(&MINI.replace("section = \"一\"", "section = \"七\""));
        assert_eq!(line, 14);
        assert!(msg.contains("板块 `七`"), "{msg}");
        let (line, msg) = refused(&MINI.replace("id = \"I1\"", "id = \"1.1\""));
        assert_eq!(line, 19);
        assert!(msg.contains("请添加 `task = <任务编号>`"), "{msg}");
        let (line, msg) = refused(&MINI.replace("id = \"I1\"", "id = \"1.x\"\ntask = 1"));
        assert_eq!(line, 19);
        assert!(msg.contains("须编号为 `1.<序号>`"), "{msg}");
        let (line, msg) = refused(&MINI.replace(
            "due = 2025-12-31",
            "due = 2025-12-31\nledger = \"mediation\"\nderive = \"sum_pledge\"",
        ));
        assert_eq!(line, 18);
        assert!(msg.contains("不适用于纠纷调解台账"), "{msg}");
        let (line, msg) = refused(&format!("{MINI}\n[reporting]\ndue_day = 40\n"));
        assert_eq!(line, 29);
        assert!(msg.contains("due_day 40"), "{msg}");
        let (line, msg) = refused(&MINI.replace("year = 2025", "year = 25"));
        assert_eq!(line, 3);
        assert!(msg.contains("年度 25"), "{msg}");
    }

    #[test]
    fn an_empty_plan_is_refused() {
        let empty = "name = \"p\"\nbureau = \"b\"\nyear = 2025\ndepartments = []\nsections = []\ntasks = []\n";
        assert_eq!(
            refused(empty),
            (1, "计划中没有部门：请添加 [[departments]]".to_string())
        );
        let (line, msg) = refused(&MINI.replace("[[tasks]]", "[[tasks_]]"));
        assert_eq!(line, 12);
        assert!(msg.starts_with("没有 `tasks_` 这一项"), "{msg}");
    }

    #[test]
    fn a_file_in_another_encoding_or_with_a_bom_is_handled() {
        let dir = tempfile::tempdir().unwrap();
        let bom = dir.path().join("bom.toml");
        std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), MINI.as_bytes()].concat()).unwrap();
        assert_eq!(load_file(&bom).unwrap().name, "p");
        // GBK bytes for 办公室 on line 6.
        let gbk = dir.path().join("gbk.toml");
        let text = MINI.replace("办公室", "\u{0}").into_bytes();
        let mut bytes = Vec::new();
        for b in text {
            if b == 0 {
                bytes.extend_from_slice(b"\xB0\xEC\xB9\xAB\xCA\xD2");
            } else {
                bytes.push(b);
            }
        }
        std::fs::write(&gbk, bytes).unwrap();
        let err = load_file(&gbk).unwrap_err();
        assert_eq!(err.line(), Some(6));
        assert!(err.to_string().contains("不是 UTF-8 编码"), "{err}");
        let missing = load_file(&dir.path().join("none.toml")).unwrap_err();
        assert!(
            missing.to_string().starts_with("无法读取计划文件 `")
                && missing.to_string().ends_with("`：找不到该文件或文件夹"),
            "{missing}"
        );
    }
}
