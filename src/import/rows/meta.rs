//! Meta rows around a table: `填报单位：保护处` (in one cell, or label and
//! value in adjacent cells), `填报日期：2025年4月3日`, `报送月份：2025年3月`,
//! and a title row that may carry the month
//! (`…推进情况表（2025年3月）`).

use chrono::NaiveDate;

use super::grid::{Grid, Line};
use crate::import::CellView;
use crate::import::value::{self, squeeze};
use crate::import::vocab;
use crate::period::Period;

/// Where a meta value was found: sheet index, 0-based row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At {
    pub sheet: usize,
    pub row: u32,
    pub col: u32,
}

/// What the meta rows of a workbook say (the first of each wins).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Meta {
    /// Every 填报单位 value as written, in order (the first the plan knows is used).
    pub departments: Vec<(String, At)>,
    pub filled: Option<(NaiveDate, At)>,
    /// 报送月份.
    pub period: Option<(Period, At)>,
    /// A month found in a title row.
    pub title_period: Option<(Period, At)>,
}

impl Meta {
    /// The month the file says it reports: 报送月份, else the title's.
    pub fn stated_period(&self) -> Option<(Period, At)> {
        self.period.or(self.title_period)
    }
}

fn all_labels() -> impl Iterator<Item = &'static str> {
    vocab::DEPARTMENT_LABELS
        .iter()
        .chain(vocab::FILLED_LABELS)
        .chain(vocab::PERIOD_LABELS)
        .chain(vocab::OTHER_META_LABELS)
        .copied()
}

/// Whether a (squeezed) text starts like a meta row: a label then `:` or nothing.
pub(crate) fn is_meta_text(t: &str) -> bool {
    all_labels().any(|l| {
        t.strip_prefix(l)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
    })
}

/// The value after one of `labels` in a squeezed text: `Some("")` when the
/// label ends the text (the value is in the next cell).
fn labelled<'t>(t: &'t str, labels: &[&str]) -> Option<&'t str> {
    for label in labels {
        for (i, _) in t.match_indices(label) {
            let rest = &t[i + label.len()..];
            let at_start = i == 0;
            if let Some(v) = rest.strip_prefix(':') {
                return Some(cut_at_next_label(v.trim_start_matches([':', '-', '_'])));
            }
            if at_start && rest.is_empty() {
                return Some("");
            }
        }
    }
    None
}

fn cut_at_next_label(v: &str) -> &str {
    let end = all_labels()
        .filter_map(|l| v.find(l))
        .min()
        .unwrap_or(v.len());
    v[..end].trim_end_matches([',', ';', '。', '，', '；', '、', ':'])
}

/// The text of the next cell to the right of `col` (a label's value cell).
fn next_value(line: &Line<'_>, col: u32, anchor: (u32, u32)) -> Option<(String, u32)> {
    line.iter()
        .filter(|e| e.col > col && e.anchor != anchor)
        .find_map(|e| {
            let t = squeeze(&value::text(e.cell));
            (!t.is_empty()).then(|| (cut_at_next_label(&t).to_string(), e.col))
        })
}

/// Reads meta values from the given rows of a sheet into `meta`; with
/// `titles`, also a month in a title row (not below a table, where texts
/// are data).
pub(crate) fn scan(
    grid: &Grid<'_>,
    sheet: usize,
    rows: impl Iterator<Item = u32>,
    year: i32,
    titles: bool,
    meta: &mut Meta,
) {
    for r in rows {
        let line = grid.line(r);
        for e in &line {
            // Each cell once: skip the copies a merge spreads.
            if e.anchor != (r, e.col) {
                continue;
            }
            let t = match e.cell {
                CellView::Text(s) => squeeze(s),
                _ => continue,
            };
            if t.is_empty() {
                continue;
            }
            let at = At {
                sheet,
                row: r,
                col: e.col,
            };
            let mut labelled_any = false;
            let value_of = |v: &str| -> Option<(String, u32)> {
                if v.is_empty() {
                    next_value(&line, e.col, e.anchor)
                } else {
                    Some((v.to_string(), e.col))
                }
            };
            if let Some(v) = labelled(&t, vocab::DEPARTMENT_LABELS) {
                labelled_any = true;
                if let Some((v, col)) = value_of(v) {
                    meta.departments.push((v, At { col, ..at }));
                }
            }
            if let Some(v) = labelled(&t, vocab::FILLED_LABELS) {
                labelled_any = true;
                if meta.filled.is_none()
                    && let Some((v, col)) = value_of(v)
                    && let Ok(Some(d)) = value::date(CellView::Text(&v), year)
                {
                    meta.filled = Some((d, At { col, ..at }));
                }
            }
            if let Some(v) = labelled(&t, vocab::PERIOD_LABELS) {
                labelled_any = true;
                if meta.period.is_none()
                    && let Some((v, col)) = value_of(v)
                    && let Some(p) = value::month(&v, year)
                {
                    meta.period = Some((p, At { col, ..at }));
                }
            }
            if titles
                && !labelled_any
                && !is_meta_text(&t)
                && !super::is_note(&t)
                && meta.title_period.is_none()
                && let Some(p) = value::month_in(&t)
            {
                meta.title_period = Some((p, at));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::RawSheet;

    fn sheet(rows: &[&[&str]]) -> RawSheet {
        RawSheet::of_text("s", rows, vec![])
    }

    fn meta_of(rows: &[&[&str]]) -> Meta {
        let s = sheet(rows);
        let g = Grid::new(&s);
        let mut m = Meta::default();
        scan(&g, 0, 0..rows.len() as u32, 2025, true, &mut m);
        m
    }

    #[test]
    fn labels_in_one_cell_or_beside_their_value() {
        let m = meta_of(&[
            &["浦东新区知识产权局2025年工作要点推进情况表（2025年3月）"],
            &["填报单位：保护处", "", "填报日期：2025年4月3日"],
        ]);
        assert_eq!(m.departments.first().map(|d| d.0.as_str()), Some("保护处"));
        assert_eq!(m.filled.map(|f| f.0), NaiveDate::from_ymd_opt(2025, 4, 3));
        assert_eq!(m.title_period.map(|p| p.0), Period::new(2025, 3));
        assert_eq!(m.period, None);

        let m = meta_of(&[&["填报单位", "监管与预警处", "报送月份", "2025年2月"]]);
        let (d, at) = m.departments.first().cloned().expect("department");
        assert_eq!((d.as_str(), at.col), ("监管与预警处", 1));
        assert_eq!(m.period.map(|p| p.0), Period::new(2025, 2));
    }

    #[test]
    fn several_labels_in_one_cell() {
        let m = meta_of(&[&["填报单位：发展促进处 填报人：张三 填报日期：2025-04-02"]]);
        assert_eq!(
            m.departments.first().map(|d| d.0.as_str()),
            Some("发展促进处")
        );
        assert_eq!(m.filled.map(|f| f.0), NaiveDate::from_ymd_opt(2025, 4, 2));
    }

    #[test]
    fn a_label_inside_a_sentence_is_not_a_label() {
        let m = meta_of(&[&["请各填报单位于每月5日前报送"]]);
        assert!(m.departments.is_empty());
        assert!(is_meta_text("填报人:张三"));
        assert!(is_meta_text("填报单位"));
        assert!(!is_meta_text("填报单位请注意"));
    }
}
