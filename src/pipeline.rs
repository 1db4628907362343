//! The stages in their order, written once: what was read (the month's
//! intake and the earlier months') is measured, checked and summarised. The
//! merge, the self-check and the trends' recount of earlier months all go
//! through [`run`].
//!
//! ```text
//! import ──▶ measure ──▶ check ──▶ summarise ──▶ report
//! ```

use crate::check::{self, Scope};
use crate::import::Intake;
use crate::measure;
use crate::period::Period;
use crate::plan::Plan;
use crate::summarise::{self, Recount, Summary};

/// Measures, checks and summarises `period` from its intake and the
/// intakes of earlier months (`history`, in any order; months not before
/// `period` are left out). The ledgers are pooled once, over every month;
/// each earlier month of the plan year is recounted as of its own month end
/// with the same stages, for the trends.
pub fn run(
    plan: &Plan,
    period: Period,
    current: Intake,
    history: &[(Period, Intake)],
    scope: &Scope,
) -> Summary {
    let history = earlier(period, history);
    let measures = measure::measure(plan, period, &current, &history);
    let recounts: Vec<Recount<'_>> = history
        .iter()
        .enumerate()
        .filter(|(_, (p, _))| p.year == plan.year)
        .map(|(i, (p, intake))| {
            let before = &history[..i];
            let m = measure::recount(plan, *p, intake, before, &measures.stats);
            let mut flags = intake.flags.clone();
            flags.extend(check::check(plan, *p, intake, before, &m, &Scope::Month));
            Recount {
                period: *p,
                intake,
                measures: m,
                flags,
            }
        })
        .collect();
    let flags = check::check(plan, period, &current, &history, &measures, scope);
    summarise::summarise(plan, period, current, measures, flags, &recounts)
}

/// The history before `period`, ascending.
fn earlier(period: Period, history: &[(Period, Intake)]) -> Vec<(Period, &Intake)> {
    let mut h: Vec<(Period, &Intake)> = history
        .iter()
        .filter(|(p, _)| *p < period)
        .map(|(p, i)| (*p, i))
        .collect();
    h.sort_by_key(|(p, _)| *p);
    h
}
