//! Figures against their targets: behind time progress, off target, at odds with the ledger.

use super::{Look, Month, figure_label};
use crate::flag::{Code, Flag};
use crate::measure::{Source, time_share};
use crate::plan::FigureKind;
use crate::text;

/// BEHIND_SCHEDULE: a cumulative indicator or count milestone below its
/// time-progress expectation (target × months elapsed / months until due).
/// A count milestone already due is OVERDUE instead.
pub fn behind_schedule(m: &Month) -> Vec<Flag> {
    let as_of = m.period.as_of();
    let mut out = Vec::new();
    for f in &m.plan.figures {
        if !f.kind.is_cumulative() || !m.covers_figure(f) {
            continue;
        }
        if f.kind == FigureKind::Count && f.due <= as_of {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let (Some(v), Some(expected), Some(target)) = (fm.value, fm.expected, f.target) else {
            continue;
        };
        if v >= expected {
            continue;
        }
        let (elapsed, total) = time_share(m.plan.year, f.due, m.period);
        let done = if expected > 0.0 { v / expected } else { 0.0 };
        out.push(m.figure_flag(
            Code::BehindSchedule,
            f,
            Look::Value,
            format!(
                "{}：累计 {}，序时进度应达 {}（目标 {} × {elapsed}/{total}），完成 {}。请加快推进。",
                figure_label(f),
                text::quantity(v, &f.unit),
                text::quantity(expected, &f.unit),
                text::quantity(target, &f.unit),
                text::percent(done)
            ),
        ));
    }
    out
}

/// INDICATOR_OFF_TARGET: a level or growth indicator, or an upper-bound
/// figure, whose value does not meet its comparator.
pub fn indicator_off_target(m: &Month) -> Vec<Flag> {
    let mut out = Vec::new();
    for f in &m.plan.figures {
        let applies = matches!(f.kind, FigureKind::Level | FigureKind::Growth)
            || (f.kind.is_cumulative() && !f.comparator.higher_is_better());
        if !applies || !m.covers_figure(f) {
            continue;
        }
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let (Some(v), Some(target)) = (fm.value, f.target) else {
            continue;
        };
        if f.comparator.holds(v, target) {
            continue;
        }
        let goal = f.goal_text();
        let message = match (f.kind, fm.ytd, fm.last_year) {
            (FigureKind::Growth, Some(ytd), Some(ly)) => format!(
                "{}：本年累计 {}，上年同期 {}，增长 {}{}，目标为{goal}，未达目标。",
                figure_label(f),
                text::number(ytd),
                text::number(ly),
                text::number((v * 10.0).round() / 10.0),
                f.unit
            ),
            _ => format!(
                "{}：当前 {}，目标为{goal}，未达目标。",
                figure_label(f),
                text::quantity(v, &f.unit)
            ),
        };
        out.push(m.figure_flag(Code::IndicatorOffTarget, f, Look::Value, message));
    }
    out
}

/// INDICATOR_MISMATCH: a reported figure differs from the one derived from
/// the ledger by more than the plan's tolerance (relative to the ledger's).
/// For growth the year-to-date counts are compared. The ledger wins.
pub fn indicator_mismatch(m: &Month) -> Vec<Flag> {
    let tolerance = m.plan.thresholds.mismatch;
    let mut out = Vec::new();
    for f in &m.plan.figures {
        let (Some(src), true) = (f.ledger, m.covers_figure(f)) else {
            continue;
        };
        let Some(fm) = m.measures.figure(&f.id) else {
            continue;
        };
        let (reported, ledger, unit) = if f.kind == FigureKind::Growth {
            if fm.source != Source::Ledger {
                continue;
            }
            (fm.reported_ytd, fm.ytd, "件")
        } else {
            (fm.reported, fm.ledger, f.unit.as_str())
        };
        let (Some(r), Some(l)) = (reported, ledger) else {
            continue;
        };
        let diff = (r - l).abs();
        let relative = if l.abs() > f64::EPSILON {
            diff / l.abs()
        } else if diff > f64::EPSILON {
            f64::INFINITY
        } else {
            0.0
        };
        if relative <= tolerance {
            continue;
        }
        let gap = if relative.is_finite() {
            format!("，相差 {}", text::percent(relative))
        } else {
            String::new()
        };
        out.push(m.figure_flag(
            Code::IndicatorMismatch,
            f,
            Look::Value,
            format!(
                "{}：报送累计值 {}，{}统计为 {}{gap}，以台账为准，请核对。",
                figure_label(f),
                text::quantity(r, unit),
                src.ledger.title(),
                text::quantity(l, unit)
            ),
        ));
    }
    out
}
