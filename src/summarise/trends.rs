//! Month-by-month trends: figure values against their expected-to-date,
//! and task lights, per month of the plan year.

use super::tasks::task_lines;
use super::{FigureLine, Light, TaskLine, TaskStatus, TaskTrend, TrendPoint};
use crate::flag::Flag;
use crate::import::Intake;
use crate::measure::Measures;
use crate::period::Period;
use crate::plan::{FigureKind, Plan};

fn trend_points(plan: &Plan, period: Period, m: &Measures) -> Vec<TrendPoint> {
    plan.figures
        .iter()
        .filter(|f| f.kind != FigureKind::Date)
        .filter_map(|f| {
            let fm = m.figure(&f.id)?;
            Some(TrendPoint {
                period: period.to_string(),
                figure: f.id.clone(),
                value: fm.value,
                expected: fm.expected,
            })
        })
        .collect()
}

fn task_trend(period: Period, lines: &[TaskLine]) -> TaskTrend {
    let lights = |l: Light| lines.iter().filter(|t| t.light == l).count();
    TaskTrend {
        period: period.to_string(),
        reported: lines
            .iter()
            .filter(|t| t.status != TaskStatus::NotReported)
            .count(),
        done: lines
            .iter()
            .filter(|t| t.status == TaskStatus::Done)
            .count(),
        red: lights(Light::Red),
        yellow: lights(Light::Yellow),
        blue: lights(Light::Blue),
        green: lights(Light::Green),
    }
}

/// An earlier month measured and checked again as of its own month end
/// (its ledger values from today's pooled ledgers, cut at that month), for
/// the trends. The pipeline makes them with the same stages as the month.
#[derive(Debug)]
pub struct Recount<'a> {
    pub period: Period,
    pub intake: &'a Intake,
    pub measures: Measures,
    /// The month's flags: the intake's own and the month-level ones.
    pub flags: Vec<Flag>,
}

/// Figure values and task lights per month of the plan year: the earlier
/// months' recounts, then the current month's lines.
pub(super) fn trends(
    plan: &Plan,
    period: Period,
    earlier: &[Recount<'_>],
    figures: &[FigureLine],
    tasks: &[TaskLine],
) -> (Vec<TrendPoint>, Vec<TaskTrend>) {
    let mut points = Vec::new();
    let mut lights = Vec::new();
    for r in earlier.iter().filter(|r| r.period.year == plan.year) {
        points.extend(trend_points(plan, r.period, &r.measures));
        lights.push(task_trend(
            r.period,
            &task_lines(plan, r.period, r.intake, &r.flags),
        ));
    }
    // The current month: the lines already built (same values as the measures).
    points.extend(
        figures
            .iter()
            .filter(|f| f.figure.kind != FigureKind::Date)
            .map(|f| TrendPoint {
                period: period.to_string(),
                figure: f.figure.id.clone(),
                value: f.value,
                expected: f.expected,
            }),
    );
    lights.push(task_trend(period, tasks));
    (points, lights)
}
