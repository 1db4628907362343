//! Finding the header row and recognising a sheet's kind by its columns,
//! never by the sheet's name or position. The first 30 rows holding values
//! are scanned; each row (and each pair of rows, for a two-row header whose
//! upper row is merged over sub-columns) is matched against every kind's
//! column aliases, and the best match that has the kind's distinctive
//! columns wins.

use std::sync::LazyLock;

use super::grid::{Grid, Line};
use crate::import::SheetKind;
use crate::import::value::{self, squeeze};
use crate::import::vocab::{self, Field};

/// How many rows holding values are searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;
/// Longer header texts are matched exactly only, never by containment:
/// long texts are data or notes, not headers.
const MAX_CONTAINED_LEN: usize = 16;

/// A header text normalised for matching.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct HeaderText {
    /// Without spaces, marks (`*`) or width differences; brackets as `()`.
    pub full: String,
    /// `full` without its bracketed parts: `金额(万元)` → `金额`.
    pub key: String,
    /// The last bracketed part or a unit after `/`: `万元`, `%`.
    pub unit: Option<String>,
}

impl HeaderText {
    /// A text that is only a unit (`万元`, `（%）`): the lower row under a merged `金额`.
    pub fn is_unit_only(&self) -> bool {
        self.key.is_empty() && self.unit.is_some()
    }
}

/// Normalises a header cell's text for matching.
pub(crate) fn normalise(text: &str) -> HeaderText {
    let s: String = squeeze(text)
        .chars()
        .filter(|c| !matches!(c, '*' | '※' | '★' | '☆' | '▲' | '△' | '●' | '"' | '“' | '”'))
        .map(|c| match c {
            '【' | '〔' | '[' | '〈' | '<' | '「' | '{' => '(',
            '】' | '〕' | ']' | '〉' | '>' | '」' | '}' => ')',
            _ => c,
        })
        .collect();
    let full = s.trim_end_matches([':', '：']).to_string();
    let mut key = String::with_capacity(full.len());
    let mut unit = None;
    let mut depth = 0usize;
    let mut inner = String::new();
    for c in full.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    inner.clear();
                }
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 && !inner.is_empty() {
                    unit = Some(std::mem::take(&mut inner));
                }
            }
            _ if depth > 0 => inner.push(c),
            _ => key.push(c),
        }
    }
    if depth > 0 && !inner.is_empty() {
        unit = Some(inner);
    }
    if let Some((a, b)) = key.rsplit_once('/')
        && !a.is_empty()
        && is_unit(b)
    {
        unit = Some(b.to_string());
        key.truncate(a.len());
    }
    for u in ["万元", "亿元", "千元"] {
        if key.len() > u.len() && key.ends_with(u) {
            key.truncate(key.len() - u.len());
            unit = Some(u.to_string());
            break;
        }
    }
    if is_unit(&key) {
        unit = Some(std::mem::take(&mut key));
    }
    HeaderText { full, key, unit }
}

fn is_unit(s: &str) -> bool {
    vocab::UNIT_WORDS.contains(&s)
}

// ------------------------------------------------------------------ aliases

/// Points for a match: the canonical name, an alias, a generic header (序号), or containment.
const CANONICAL: u32 = 4;
const ALIAS: u32 = 3;
const GENERIC: u32 = 1;
const CONTAINED: u32 = 1;

struct AliasEntry {
    field: Field,
    text: HeaderText,
    points: u32,
    generic: bool,
    /// Written with a bracketed part (`金额(万元)`): matched whole only.
    bracketed: bool,
    /// May be found inside a longer header: neither generic nor
    /// bracketed, and at least two characters.
    containable: bool,
}

static ALIASES: LazyLock<Vec<(SheetKind, Vec<AliasEntry>)>> = LazyLock::new(|| {
    vocab::KINDS
        .iter()
        .map(|&kind| {
            let mut entries = Vec::new();
            // Reference columns (上月进展) are matched too, so that they win
            // their own headers rather than lend them to 本月进展.
            for column in vocab::columns(kind)
                .iter()
                .chain(vocab::reference_columns(kind))
            {
                for (i, name) in std::iter::once(&column.name)
                    .chain(column.aliases.iter())
                    .enumerate()
                {
                    let generic = vocab::GENERIC_HEADERS.contains(name);
                    let text = normalise(name);
                    let bracketed = text.full != text.key;
                    let containable = !generic && !bracketed && text.key.chars().count() >= 2;
                    entries.push(AliasEntry {
                        field: column.field,
                        bracketed,
                        containable,
                        text,
                        points: if generic {
                            GENERIC
                        } else if i == 0 {
                            CANONICAL
                        } else {
                            ALIAS
                        },
                        generic,
                    });
                }
            }
            (kind, entries)
        })
        .collect()
});

fn aliases(kind: SheetKind) -> &'static [AliasEntry] {
    ALIASES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, v)| v.as_slice())
        .unwrap_or(&[])
}

/// The best field of `kind` for a header text: `(field, points, generic)`.
fn best_field(text: &HeaderText, kind: SheetKind) -> Option<(Field, u32, bool)> {
    if text.key.is_empty() && text.full.is_empty() {
        return None;
    }
    let short = text.key.chars().count() <= MAX_CONTAINED_LEN;
    let mut best: Option<(u32, usize, Field, bool)> = None;
    for e in aliases(kind) {
        let exact = text.full == e.text.full || (!e.bracketed && text.key == e.text.key);
        let points = if exact {
            e.points
        } else if short
            && e.containable
            && text.key.len() > e.text.key.len()
            && text.key.contains(e.text.key.as_str())
        {
            CONTAINED
        } else {
            continue;
        };
        let rank = (points, e.text.key.len());
        if best.is_none_or(|(p, l, _, _)| rank > (p, l)) {
            best = Some((points, e.text.key.len(), e.field, e.generic && exact));
        }
    }
    best.map(|(p, _, f, g)| (f, p, g))
}

// ------------------------------------------------------------------ header

/// One labelled column of a header.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub col: u32,
    /// The header as shown (spaces removed), for listing values.
    pub display: String,
    pub text: HeaderText,
    /// The field the column was recognised as, if any.
    pub field: Option<Field>,
    /// Recognised only by a generic header (`序号`).
    pub generic: bool,
    /// Taken from the lower row of a two-row header.
    lower: bool,
}

/// A sheet's header: its kind, where it is, and what each column holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    pub kind: SheetKind,
    /// The (last) header row, 0-based: data starts below it.
    pub row: u32,
    /// The first header row (the upper row of a two-row header), 0-based.
    pub first_row: u32,
    /// Every labelled column, by column.
    pub labels: Vec<Label>,
    score: u32,
}

impl Header {
    /// The column of a field.
    pub fn col(&self, field: Field) -> Option<u32> {
        self.labels
            .iter()
            .find(|l| l.field == Some(field))
            .map(|l| l.col)
    }

    /// The label over a column.
    pub fn label(&self, col: u32) -> Option<&Label> {
        self.labels
            .binary_search_by_key(&col, |l| l.col)
            .ok()
            .map(|i| &self.labels[i])
    }

    /// The unit written in a field's header (`金额(万元)` → `万元`).
    pub fn unit(&self, field: Field) -> Option<&str> {
        self.labels
            .iter()
            .find(|l| l.field == Some(field))
            .and_then(|l| l.text.unit.as_deref())
    }

    /// A field's header without its unit (`完成进度(%)` → `完成进度`), for messages.
    pub fn short(&self, field: Field) -> String {
        match self.labels.iter().find(|l| l.field == Some(field)) {
            Some(l) if !l.text.key.is_empty() => l.text.key.clone(),
            Some(l) => l.display.clone(),
            None => normalise(vocab::canonical(self.kind, field)).key,
        }
    }

    /// Whether the field's column is only a generic row number (`序号`).
    pub fn is_generic(&self, field: Field) -> bool {
        self.labels
            .iter()
            .any(|l| l.field == Some(field) && l.generic)
    }
}

/// Labels of one row, or of an upper and a lower row combined.
fn labels_of(upper: Option<&Line<'_>>, lower: &Line<'_>) -> Vec<Label> {
    let text_of = |line: &Line<'_>, col: u32| -> Option<String> {
        super::grid::get(line, col)
            .map(|c| value::text(c).into_owned())
            .filter(|t| !t.trim().is_empty())
    };
    let mut cols: Vec<u32> = lower.iter().map(|e| e.col).collect();
    if let Some(up) = upper {
        cols.extend(up.iter().map(|e| e.col));
        cols.sort_unstable();
        cols.dedup();
    }
    let mut labels = Vec::with_capacity(cols.len());
    for col in cols {
        let low = text_of(lower, col);
        let up = upper.and_then(|u| text_of(u, col));
        let (display, text, from_lower) = match (low, up) {
            (Some(l), Some(u)) => {
                let lt = normalise(&l);
                if lt.is_unit_only() && upper.is_some() {
                    let mut ut = normalise(&u);
                    ut.unit = lt.unit;
                    (format!("{}({})", squeeze(&u), squeeze(&l)), ut, true)
                } else {
                    (squeeze(&l), lt, true)
                }
            }
            (Some(l), None) => (squeeze(&l), normalise(&l), true),
            (None, Some(u)) => (squeeze(&u), normalise(&u), false),
            (None, None) => continue,
        };
        labels.push(Label {
            col,
            display,
            text,
            field: None,
            generic: false,
            lower: from_lower,
        });
    }
    labels
}

/// A column's best field of one kind: `(field, points, generic)`.
type Found = Option<(Field, u32, bool)>;

/// Each header text's best field of every kind, worked out once per sheet:
/// the rows searched for the header are also paired into two-row headers,
/// which meet the same texts again.
#[derive(Default)]
struct Matches(std::collections::HashMap<HeaderText, [Found; vocab::KINDS.len()]>);

impl Matches {
    fn of(&mut self, text: &HeaderText) -> [Found; vocab::KINDS.len()] {
        if let Some(found) = self.0.get(text) {
            return *found;
        }
        let found = vocab::KINDS.map(|kind| best_field(text, kind));
        self.0.insert(text.clone(), found);
        found
    }
}

/// Assigns fields to columns from each column's best field: each column its
/// best field, each field its best column. Returns each column's field
/// (with whether it was generic) and the score.
fn assign(found: &[Found]) -> (Vec<Option<(Field, bool)>>, u32) {
    let mut score = 0;
    let mut fields = vec![None; found.len()];
    for (i, f) in found.iter().enumerate() {
        let Some((field, points, generic)) = *f else {
            continue;
        };
        let better = found.iter().enumerate().any(|(j, g)| {
            j != i
                && g.is_some_and(|(gf, gp, _)| {
                    gf == field && (gp > points || (gp == points && j < i))
                })
        });
        if !better {
            fields[i] = Some((field, generic));
            score += points;
        }
    }
    (fields, score)
}

fn satisfies(fields: &[Option<(Field, bool)>], kind: SheetKind) -> bool {
    vocab::required(kind).iter().all(|group| {
        group
            .iter()
            .any(|f| fields.iter().any(|l| l.is_some_and(|(lf, _)| lf == *f)))
    })
}

/// Finds the header of a sheet, if any row looks like one.
pub(crate) fn detect(grid: &Grid<'_>) -> Option<Header> {
    let rows: Vec<u32> = grid.value_rows().take(HEADER_SEARCH_ROWS).collect();
    let mut best: Option<Header> = None;
    let mut matches = Matches::default();
    let mut prev: Option<(u32, Line<'_>)> = None;
    for &r in &rows {
        let line = grid.line(r);
        consider(&mut best, &mut matches, labels_of(None, &line), r, r);
        if let Some((pr, pl)) = &prev
            && pr + 1 == r
        {
            consider(&mut best, &mut matches, labels_of(Some(pl), &line), *pr, r);
        }
        prev = Some((r, line));
    }
    best
}

fn consider(
    best: &mut Option<Header>,
    matches: &mut Matches,
    labels: Vec<Label>,
    first_row: u32,
    row: u32,
) {
    let two_rows = first_row != row;
    let found: Vec<[Found; vocab::KINDS.len()]> =
        labels.iter().map(|l| matches.of(&l.text)).collect();
    for (k, kind) in vocab::KINDS.into_iter().enumerate() {
        let of_kind: Vec<Found> = found.iter().map(|f| f[k]).collect();
        let (fields, score) = assign(&of_kind);
        if !satisfies(&fields, kind) {
            continue;
        }
        // A two-row header must get something from its lower row.
        if two_rows
            && !labels
                .iter()
                .zip(&fields)
                .any(|(l, f)| f.is_some() && l.lower)
        {
            continue;
        }
        let wins = match best {
            None => true,
            Some(b) => score > b.score || (score == b.score && two_rows && first_row == b.row),
        };
        if wins {
            let labels = labels
                .iter()
                .zip(&fields)
                .map(|(l, f)| Label {
                    field: f.map(|(field, _)| field),
                    generic: f.is_some_and(|(_, generic)| generic),
                    ..l.clone()
                })
                .collect();
            *best = Some(Header {
                kind,
                row,
                first_row,
                labels,
                score,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::RawSheet;
    use crate::plan::LedgerKind;

    fn sheet(rows: &[&[&str]], merges: Vec<(u32, u32, u32, u32)>) -> RawSheet {
        RawSheet::of_text("s", rows, merges)
    }

    #[test]
    fn header_texts_normalise() {
        let h = normalise("金额（万元）");
        assert_eq!((h.key.as_str(), h.unit.as_deref()), ("金额", Some("万元")));
        let h = normalise(" *完成\n进度(%) ");
        assert_eq!(
            (h.full.as_str(), h.key.as_str()),
            ("完成进度(%)", "完成进度")
        );
        assert_eq!(h.unit.as_deref(), Some("%"));
        let h = normalise("金额/亿元");
        assert_eq!((h.key.as_str(), h.unit.as_deref()), ("金额", Some("亿元")));
        let h = normalise("融资金额万元");
        assert_eq!(
            (h.key.as_str(), h.unit.as_deref()),
            ("融资金额", Some("万元"))
        );
        assert!(normalise("（万元）").is_unit_only());
        assert!(normalise("万元").is_unit_only());
        assert!(!normalise("金额").is_unit_only());
    }

    #[test]
    fn fields_by_alias_and_containment() {
        let f = |s: &str, k| best_field(&normalise(s), k).map(|x| x.0);
        assert_eq!(f("完成情况", SheetKind::Tasks), Some(Field::ProgressText));
        assert_eq!(f("完成情况（状态）", SheetKind::Tasks), Some(Field::Status));
        assert_eq!(f("进度（%）", SheetKind::Tasks), Some(Field::Progress));
        assert_eq!(
            f("2025年3月工作进展", SheetKind::Tasks),
            Some(Field::ProgressText)
        );
        assert_eq!(
            f("计划完成时间节点", SheetKind::Tasks),
            Some(Field::Planned)
        );
        assert_eq!(
            f("上年同期累计值", SheetKind::Figures),
            Some(Field::LastYear)
        );
        assert_eq!(f("作品登记量（件）", SheetKind::Figures), None);
        assert_eq!(
            f("金额(亿元)", SheetKind::Ledger(LedgerKind::Finance)),
            Some(Field::Amount)
        );
    }

    #[test]
    fn task_header_below_title_and_meta() {
        let s = sheet(
            &[
                &["浦东新区知识产权局2025年工作要点推进情况表"],
                &["填报单位：保护处", "", "", "填报日期：2025年4月3日"],
                &[],
                &[
                    "序号",
                    "任务名称",
                    "牵头部门",
                    "完成状态",
                    "完成进度(%)",
                    "本月进展",
                    "备注",
                ],
                &[
                    "9",
                    "健全完善立体交叉保护制度",
                    "保护处",
                    "推进中",
                    "60",
                    "……",
                ],
            ],
            vec![(0, 0, 0, 6)],
        );
        let g = Grid::new(&s);
        let h = detect(&g).expect("a header");
        assert_eq!(h.kind, SheetKind::Tasks);
        assert_eq!(h.row, 3);
        assert_eq!(h.col(Field::TaskId), Some(0));
        assert_eq!(h.col(Field::ProgressText), Some(5));
        assert!(h.is_generic(Field::TaskId));
        assert_eq!(h.col(Field::Note), Some(6));
    }

    #[test]
    fn last_months_reference_columns_are_not_this_months() {
        let f = |s: &str| best_field(&normalise(s), SheetKind::Tasks).map(|x| x.0);
        assert_eq!(f("上月进展"), Some(Field::LastProgressText));
        assert_eq!(f("上月问题"), Some(Field::LastProblems));
        // The carried-forward template's header: 本月进展 keeps its column.
        let s = sheet(
            &[
                &[
                    "任务编号",
                    "任务名称",
                    "完成状态",
                    "本月进展",
                    "存在问题",
                    "上月进展",
                    "上月问题",
                ],
                &["9", "x", "推进中", "本月", "", "上月", "上月的问题"],
            ],
            vec![],
        );
        let h = detect(&Grid::new(&s)).expect("a header");
        assert_eq!(h.kind, SheetKind::Tasks);
        assert_eq!(h.col(Field::ProgressText), Some(3));
        assert_eq!(h.col(Field::Problems), Some(4));
        assert_eq!(h.col(Field::LastProgressText), Some(5));
        assert_eq!(h.col(Field::LastProblems), Some(6));
        // Without 本月进展, last month's text is still not taken for it.
        let s = sheet(
            &[
                &["任务编号", "完成状态", "上月进展"],
                &["9", "推进中", "上月"],
            ],
            vec![],
        );
        let h = detect(&Grid::new(&s)).expect("a header");
        assert_eq!(h.col(Field::ProgressText), None);
    }

    #[test]
    fn header_at_row_twelve_with_columns_in_any_order() {
        let mut rows: Vec<&[&str]> = vec![&["说明"]; 11];
        rows.push(&["本月进展", "其他", "完成状态", "任务编号"]);
        rows.push(&["进展", "", "推进中", "3"]);
        let s = sheet(&rows, vec![]);
        let h = detect(&Grid::new(&s)).expect("a header");
        assert_eq!((h.kind, h.row), (SheetKind::Tasks, 11));
        assert_eq!(h.col(Field::TaskId), Some(3));
        assert_eq!(h.col(Field::ProgressText), Some(0));
        assert_eq!(h.label(1).and_then(|l| l.field), None);
    }

    #[test]
    fn two_row_header_merged_over_sub_columns() {
        let s = sheet(
            &[
                &["序号", "任务名称", "完成情况", "", "", "存在问题"],
                &["", "", "完成状态", "完成进度", "本月进展", ""],
                &["1", "编制规划", "推进中", "50%", "……", ""],
            ],
            vec![(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (0, 5, 1, 5)],
        );
        let h = detect(&Grid::new(&s)).expect("a header");
        assert_eq!(h.kind, SheetKind::Tasks);
        assert_eq!(h.row, 1);
        assert_eq!(h.col(Field::Status), Some(2));
        assert_eq!(h.col(Field::Progress), Some(3));
        assert_eq!(h.col(Field::ProgressText), Some(4));
        assert_eq!(h.col(Field::Problems), Some(5));
        assert_eq!(h.col(Field::TaskTitle), Some(1));
    }

    #[test]
    fn two_row_header_without_merges() {
        let s = sheet(
            &[
                &["合同编号", "企业名称", "业务类型", "金额", "登记日期"],
                &["", "", "", "亿元", ""],
                &["HT-1", "甲公司", "质押融资", "1.5", "2025-03-01"],
            ],
            vec![],
        );
        let h = detect(&Grid::new(&s)).expect("a header");
        assert_eq!(h.kind, SheetKind::Ledger(LedgerKind::Finance));
        assert_eq!(h.row, 1);
        assert_eq!(h.first_row, 0);
        assert_eq!(h.unit(Field::Amount), Some("亿元"));
        assert_eq!(h.col(Field::Key), Some(0));
    }

    #[test]
    fn kinds_by_distinctive_columns() {
        let kind = |rows: &[&[&str]]| detect(&Grid::new(&sheet(rows, vec![]))).map(|h| h.kind);
        assert_eq!(
            kind(&[&[
                "序号",
                "指标名称",
                "单位",
                "目标值",
                "本月值",
                "累计值",
                "上年同期"
            ]]),
            Some(SheetKind::Figures)
        );
        assert_eq!(
            kind(&[&[
                "登记号",
                "作品名称",
                "作品类别",
                "著作权人",
                "受理日期",
                "发证日期",
                "快速登记"
            ]]),
            Some(SheetKind::Ledger(LedgerKind::Works))
        );
        assert_eq!(
            kind(&[&["案件编号", "受理日期", "纠纷类型", "调解结果", "结案日期"]]),
            Some(SheetKind::Ledger(LedgerKind::Mediation))
        );
        assert_eq!(
            kind(&[&["案件编号", "受理日期", "技术领域", "预审结果"]]),
            Some(SheetKind::Ledger(LedgerKind::Prereview))
        );
        assert_eq!(
            kind(&[&["编号", "企业名称", "类型", "金额（万元）", "日期"]]),
            Some(SheetKind::Ledger(LedgerKind::Finance))
        );
        assert_eq!(kind(&[&["姓名", "电话", "地址"]]), None);
        assert_eq!(
            kind(&[&["任务名称", "牵头部门"]]),
            None,
            "no status/progress column"
        );
    }
}
