//! Figures (indicators and milestones) with their value, completion and
//! light under the plan's thresholds.

use super::{FigureLine, Light};
use crate::measure::{FigureMeasure, Measures, Source};
use crate::period::Period;
use crate::plan::{Comparator, Figure, FigureKind, Plan, Thresholds};
use crate::text;

/// A figure's light. Missing value: red. Cumulative figures and count
/// milestones: green at or above the expected-to-date (or once the target is
/// met), yellow from `behind_red × expected`, red below; a count milestone
/// past due and short of its target is red, one due within the next month
/// blue. Level and growth figures (and upper bounds): green when the
/// comparator holds, else yellow. Dated milestones: green when done or not
/// yet due, blue when due within the next month, red when overdue.
pub fn figure_light(f: &Figure, m: &FigureMeasure, period: Period, t: &Thresholds) -> Light {
    let as_of = period.as_of();
    let due_soon = as_of < f.due && f.due <= period.next().as_of();
    if f.kind == FigureKind::Date {
        return if m.done.is_some() || f.due > period.next().as_of() {
            Light::Green
        } else if f.due <= as_of {
            Light::Red
        } else {
            Light::Blue
        };
    }
    let Some(v) = m.value else {
        return Light::Red;
    };
    let meets = f.target.is_some_and(|target| f.comparator.holds(v, target));
    if !f.kind.is_cumulative() || !f.comparator.higher_is_better() {
        return if meets { Light::Green } else { Light::Yellow };
    }
    if meets {
        return Light::Green;
    }
    if f.kind == FigureKind::Count && f.due <= as_of {
        return Light::Red;
    }
    match m.expected {
        Some(e) if v >= e => {
            if f.kind == FigureKind::Count && due_soon {
                Light::Blue
            } else {
                Light::Green
            }
        }
        Some(e) if v >= t.behind_red * e => Light::Yellow,
        Some(_) => Light::Red,
        None => Light::Green,
    }
}

/// value / target; for upper bounds (`<`, `<=`) target / value, so that
/// above 1 still means better than the target.
fn completion(f: &Figure, value: Option<f64>) -> Option<f64> {
    let (v, t) = (value?, f.target?);
    let c = match f.comparator {
        Comparator::Gt | Comparator::Ge if t != 0.0 => v / t,
        Comparator::Lt | Comparator::Le if v > 0.0 => t / v,
        _ => return None,
    };
    Some((c * 10_000.0).round() / 10_000.0)
}

pub(super) fn figure_lines(plan: &Plan, period: Period, measures: &Measures) -> Vec<FigureLine> {
    plan.figures
        .iter()
        .filter_map(|f| {
            let m = measures.figure(&f.id)?;
            Some(FigureLine {
                figure: f.clone(),
                value: m.value,
                source: m.source,
                reported: m.reported,
                ledger: m.ledger,
                expected: m.expected,
                completion: completion(f, m.value),
                light: figure_light(f, m, period, &plan.thresholds),
                done: m.done,
                reason: reason(f, m),
            })
        })
        .collect()
}

/// Why a figure has its light, in a few words.
fn reason(f: &Figure, m: &FigureMeasure) -> String {
    let value = |v: f64| text::quantity(v, &f.unit);
    if f.kind == FigureKind::Date {
        return match m.done {
            Some(d) => format!("已于{}完成", text::date(d)),
            None => format!("应于{}前完成，尚未完成", text::date(f.due)),
        };
    }
    match (m.source, m.value, m.expected) {
        (Source::None, _, _) | (_, None, _) if f.ledger.is_some() => {
            "未报送数值，也未报送台账".to_string()
        }
        (Source::None, _, _) | (_, None, _) => "未报送数值".to_string(),
        (_, Some(v), Some(e)) => format!("本期{}，序时进度应达{}", value(v), value(e)),
        (_, Some(v), None) => format!("本期{}，目标{}", value(v), f.target_text()),
    }
}
