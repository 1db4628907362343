//! Loading a plan file (TOML) and validating it. Every mistake is reported
//! with the file, the line and what is wrong, so the person editing the plan
//! can fix it without reading code.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::{
    Calendar, Comparator, Department, Derivation, Figure, FigureKind, LedgerKind, LedgerSource,
    Plan, Reporting, Section, Task, Thresholds,
};

/// Why a plan could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot read plan file `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
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
    let bytes = std::fs::read(path).map_err(|source| PlanError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        PlanError::Invalid {
            path: path.to_path_buf(),
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            message:
                "the file is not UTF-8 text: save it as UTF-8 (in Notepad: 另存为, 编码 UTF-8)"
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
    #[serde(default)]
    calendar: CalendarFile,
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

#[derive(Deserialize, Default)]
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

// ------------------------------------------------------------ validation

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
                format!("{what} `{text}` is not a date: write it as YYYY-MM-DD, e.g. 2025-03-31"),
            )
        })
    }

    /// A calendar entry: one date or an inclusive range `A..B`.
    fn dates(&self, value: &Spanned<DateText>, what: &str) -> Result<Vec<NaiveDate>, PlanError> {
        let text = value.get_ref().as_text();
        let bad = || {
            self.err(
                &value.span(),
                format!(
                    "{what} `{text}` is not a date or a range: write 2025-01-01 or 2025-01-28..2025-02-04"
                ),
            )
        };
        match text.split_once("..") {
            None => Ok(vec![parse_date(&text).ok_or_else(bad)?]),
            Some((a, b)) => {
                let (a, b) = (
                    parse_date(a).ok_or_else(bad)?,
                    parse_date(b).ok_or_else(bad)?,
                );
                if b < a || (b - a).num_days() > 366 {
                    return Err(bad());
                }
                Ok(a.iter_days().take_while(|d| *d <= b).collect())
            }
        }
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Parses and validates a plan from text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Plan, PlanError> {
    let cx = Ctx { text, path };
    let file: PlanFile = toml::from_str(text).map_err(|e| PlanError::Invalid {
        path: path.to_path_buf(),
        line: e.span().map(|s| cx.line_of(&s)).unwrap_or(1),
        message: e.message().trim().to_string(),
    })?;

    let year = *file.year.get_ref();
    if !(2000..=2100).contains(&year) {
        return Err(cx.err(&file.year.span(), format!("year {year} is not a plan year")));
    }
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);

    // Departments: names and aliases unique across all departments.
    let mut seen_names: HashSet<String> = HashSet::new();
    let mut departments = Vec::new();
    for d in &file.departments {
        let d = d.get_ref();
        let mut aliases = Vec::new();
        for name in std::iter::once(&d.name).chain(d.aliases.iter()) {
            let n = name.get_ref().trim().to_string();
            if n.is_empty() {
                return Err(cx.err(&name.span(), "a department name is empty"));
            }
            if !seen_names.insert(n.clone()) {
                return Err(cx.err(
                    &name.span(),
                    format!("duplicate department name or alias `{n}`"),
                ));
            }
            if name != &d.name {
                aliases.push(n);
            }
        }
        departments.push(Department {
            name: d.name.get_ref().trim().to_string(),
            aliases,
        });
    }
    let canonical = |name: &Spanned<String>, what: &str| -> Result<String, PlanError> {
        let n = name.get_ref().trim();
        departments
            .iter()
            .find(|d| d.name == n || d.aliases.iter().any(|a| a == n))
            .map(|d| d.name.clone())
            .ok_or_else(|| {
                let known: Vec<&str> = departments.iter().map(|d| d.name.as_str()).collect();
                cx.err(
                    &name.span(),
                    format!(
                        "unknown department `{n}` in {what}: the plan's departments are {}",
                        known.join("、")
                    ),
                )
            })
    };

    // Sections.
    let mut sections = Vec::new();
    for s in &file.sections {
        let s = s.get_ref();
        let id = s.id.get_ref().trim().to_string();
        if sections.iter().any(|x: &Section| x.id == id) {
            return Err(cx.err(&s.id.span(), format!("duplicate section id `{id}`")));
        }
        sections.push(Section {
            id,
            title: s.title.trim().to_string(),
        });
    }

    // Tasks.
    let mut tasks: Vec<Task> = Vec::new();
    for t in &file.tasks {
        let t = t.get_ref();
        let id = *t.id.get_ref();
        if id == 0 {
            return Err(cx.err(&t.id.span(), "task id 0: tasks are numbered from 1"));
        }
        if tasks.iter().any(|x| x.id == id) {
            return Err(cx.err(&t.id.span(), format!("duplicate task id {id}")));
        }
        let section = t.section.get_ref().trim().to_string();
        if !sections.iter().any(|s| s.id == section) {
            return Err(cx.err(
                &t.section.span(),
                format!("task {id} names section `{section}`, which is not in [[sections]]"),
            ));
        }
        if t.title.trim().is_empty() {
            return Err(cx.err(&t.id.span(), format!("task {id} has no title")));
        }
        if t.leads.get_ref().is_empty() {
            return Err(cx.err(&t.leads.span(), format!("task {id} has no lead department")));
        }
        let mut leads = Vec::new();
        for l in t.leads.get_ref() {
            let name = canonical(l, &format!("the leads of task {id}"))?;
            if !leads.contains(&name) {
                leads.push(name);
            }
        }
        tasks.push(Task {
            id,
            section,
            title: t.title.trim().to_string(),
            text: t.text.trim().to_string(),
            leads,
        });
    }

    // Figures.
    let mut figures: Vec<Figure> = Vec::new();
    for spanned in &file.figures {
        let f = spanned.get_ref();
        let id = f.id.get_ref().trim().to_string();
        if id.is_empty() {
            return Err(cx.err(&f.id.span(), "a figure id is empty"));
        }
        if figures.iter().any(|x| x.id == id) {
            return Err(cx.err(&f.id.span(), format!("duplicate figure id `{id}`")));
        }
        let task = match &f.task {
            Some(t) => {
                let tid = *t.get_ref();
                if !tasks.iter().any(|x| x.id == tid) {
                    return Err(cx.err(
                        &t.span(),
                        format!("figure `{id}` belongs to task {tid}, which is not in [[tasks]]"),
                    ));
                }
                Some(tid)
            }
            None => None,
        };
        if let Some(tid) = task {
            let numbered = id
                .strip_prefix(&format!("{tid}."))
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| n > 0);
            if !numbered {
                return Err(cx.err(
                    &f.id.span(),
                    format!("milestone `{id}` of task {tid} must be numbered `{tid}.<n>`, e.g. `{tid}.1`"),
                ));
            }
        } else if id.contains('.') {
            return Err(cx.err(
                &f.id.span(),
                format!("figure `{id}` looks like a milestone: add `task = <task id>`"),
            ));
        }
        if f.name.trim().is_empty() {
            return Err(cx.err(&f.id.span(), format!("figure `{id}` has no name")));
        }
        let target = match (f.kind, f.target) {
            (FigureKind::Date, t) => t,
            (_, Some(t)) if t.is_finite() => Some(t),
            _ => {
                return Err(cx.err(
                    &spanned.span(),
                    format!("figure `{id}` has no target: add `target = <number>`"),
                ));
            }
        };
        let comparator = match (f.kind, f.comparator) {
            (_, Some(c)) => c,
            (FigureKind::Date, None) => Comparator::Le,
            _ => {
                return Err(cx.err(
                    &spanned.span(),
                    format!(
                        "figure `{id}` has no comparator: add `comparator = \">=\"` (or \">\", \"<\", \"<=\")"
                    ),
                ));
            }
        };
        let due = match &f.due {
            Some(d) => cx.date(d, &format!("the due date of figure `{id}`"))?,
            None if f.kind == FigureKind::Date => {
                return Err(cx.err(
                    &spanned.span(),
                    format!("dated milestone `{id}` has no due date: add `due = 2025-12-31`"),
                ));
            }
            None => year_end,
        };
        let owner = match &f.owner {
            Some(o) => canonical(o, &format!("the owner of figure `{id}`"))?,
            None => match task.and_then(|t| tasks.iter().find(|x| x.id == t)) {
                Some(t) => t.leads[0].clone(),
                None => {
                    return Err(cx.err(
                        &spanned.span(),
                        format!("indicator `{id}` has no owner: add `owner = \"<department>\"`"),
                    ));
                }
            },
        };
        let ledger = match (f.ledger, f.derive) {
            (Some(ledger), Some(derivation)) => {
                if !derivation_fits(ledger, derivation) {
                    return Err(cx.err(
                        &spanned.span(),
                        format!(
                            "figure `{id}`: `derive = \"{}\"` does not apply to the {} ledger",
                            derivation.as_str(),
                            ledger.as_str()
                        ),
                    ));
                }
                Some(LedgerSource { ledger, derivation })
            }
            (None, None) => None,
            _ => {
                return Err(cx.err(
                    &spanned.span(),
                    format!("figure `{id}` must give both `ledger` and `derive`, or neither"),
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
            target,
            due,
            owner,
            ledger,
        });
    }

    // Calendar.
    let mut holidays = BTreeSet::new();
    for h in &file.calendar.holidays {
        holidays.extend(cx.dates(h, "holiday")?);
    }
    let mut workdays = BTreeSet::new();
    for w in &file.calendar.workdays {
        for day in cx.dates(w, "make-up working day")? {
            if holidays.contains(&day) {
                return Err(cx.err(
                    &w.span(),
                    format!("{day} is listed both as a holiday and as a working day"),
                ));
            }
            workdays.insert(day);
        }
    }

    // Thresholds.
    let mut thresholds = Thresholds::default();
    if let Some(t) = &file.thresholds {
        let span = t.span();
        let t = t.get_ref();
        if let Some(v) = t.behind_red {
            if !(0.0..=1.0).contains(&v) {
                return Err(cx.err(&span, format!("behind_red {v} must lie between 0 and 1")));
            }
            thresholds.behind_red = v;
        }
        if let Some(v) = t.mismatch {
            if !(0.0..=1.0).contains(&v) {
                return Err(cx.err(&span, format!("mismatch {v} must lie between 0 and 1")));
            }
            thresholds.mismatch = v;
        }
    }

    // Reporting deadline.
    let mut reporting = Reporting::default();
    if let Some(day) = file.reporting.as_ref().and_then(|r| r.due_day.as_ref()) {
        let d = *day.get_ref();
        if !(1..=31).contains(&d) {
            return Err(cx.err(
                &day.span(),
                format!("due_day {d} must be a day of the month, 1 to 31"),
            ));
        }
        reporting.due_day = d as u32;
    }

    Ok(Plan {
        name: file.name.trim().to_string(),
        bureau: file.bureau.trim().to_string(),
        year,
        document: file.document.trim().to_string(),
        departments,
        sections,
        tasks,
        figures,
        calendar: Calendar { holidays, workdays },
        thresholds,
        reporting,
    })
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

    #[test]
    fn the_default_plan_loads() {
        let plan = load_default().unwrap();
        assert_eq!(plan.tasks.len(), 25);
        assert_eq!(plan.sections.len(), 6);
        assert_eq!(plan.departments.len(), 5);
        assert_eq!(plan.task(16).unwrap().leads, ["发展促进处"]);
        assert_eq!(plan.task(13).unwrap().leads, ["保护处", "保护中心"]);
        assert!(plan.figure("24.1").is_some());
    }
}
