//! Measuring, the stage after import: the ledgers of the month and of the
//! earlier months pooled and de-duplicated with polars ([`ledger`], the only
//! polars user), then every plan figure's value at the as-of date — from the
//! pooled ledger when one was sent this month, else from its owner's report
//! — with what the checks and lights need beside it (the reported and the
//! ledger-derived value, last year's base, the completion date of a dated
//! milestone, the expected-to-date).

pub mod ledger;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::flag::Origin;
use crate::import::{FigureReport, Intake, Status, TaskReport};
use crate::period::Period;
use crate::plan::{Derivation, Figure, FigureKind, LedgerKind, LedgerSource, Plan};
pub use ledger::{LedgerMonth, LedgerStats, LedgerTally};

/// One plan figure measured for the period.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureMeasure {
    pub id: String,
    /// Whether this month's files hold rows of the figure's ledger.
    pub ledger_sent: bool,
    /// The value derived from the pooled ledger (growth: the percentage),
    /// when the ledger was sent and the value can be derived.
    pub ledger: Option<f64>,
    /// The value from the latest report (累计值; level: 累计值 or 本月值;
    /// growth: the percentage computed from 累计值 and 上年同期).
    pub reported: Option<f64>,
    /// Growth: the year-to-date count behind `value` (ledger, else reported).
    pub ytd: Option<f64>,
    /// Growth: the reported year-to-date count (累计值).
    pub reported_ytd: Option<f64>,
    /// Growth: last year's same-period count behind `value` (ledger rows of
    /// last year when sent, else the reported 上年同期).
    pub last_year: Option<f64>,
    /// Dated milestones: the completion date on or before the as-of date.
    pub done: Option<NaiveDate>,
    /// The figure's value: the ledger's when sent, else the reported one.
    pub value: Option<f64>,
    pub source: Source,
    /// Expected-to-date for cumulative figures and count milestones.
    pub expected: Option<f64>,
    /// The report row the reported value came from.
    pub report: Option<Origin>,
    /// The department whose report was used.
    pub reporter: Option<String>,
}

/// Figures measured for one period, and the pooled ledgers behind them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measures {
    pub period: Option<Period>,
    /// One per plan figure, in plan order.
    pub figures: Vec<FigureMeasure>,
    /// Pooled, de-duplicated ledgers: monthly aggregates, row counts per
    /// ledger, tallies, keys repeated across this month's files.
    pub stats: LedgerStats,
    /// Ledgers this month's files hold rows of.
    pub sent: Vec<LedgerKind>,
    /// Set when pooling the ledgers failed (figures then use reported values).
    pub ledger_error: Option<String>,
}

impl Measures {
    /// The measure of figure `id`.
    pub fn figure(&self, id: &str) -> Option<&FigureMeasure> {
        self.figures.iter().find(|f| f.id == id)
    }
}

/// Where a figure's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Ledger,
    Reported,
    None,
}

/// Pools the ledgers and measures every plan figure for `period` from the
/// current month's intake and the earlier months' (`history`: ascending,
/// all before `period`).
pub fn measure(
    plan: &Plan,
    period: Period,
    current: &Intake,
    history: &[(Period, &Intake)],
) -> Measures {
    let (stats, ledger_error) =
        match ledger::pool(&plan.calendar, plan.year, period, current, history) {
            Ok(s) => (s, None),
            Err(e) => (LedgerStats::default(), Some(e.to_string())),
        };
    let mut m = recount(plan, period, current, history, &stats);
    m.stats = stats;
    m.ledger_error = ledger_error;
    m
}

/// Measures an earlier month's figures from ledgers already pooled up to a
/// later month (only months up to `period` are used), for the trends.
/// `stats` is not copied into the result.
pub fn recount(
    plan: &Plan,
    period: Period,
    current: &Intake,
    history: &[(Period, &Intake)],
    stats: &LedgerStats,
) -> Measures {
    let sent = ledgers_sent(current);
    let filled = filled_by_file(current);
    let figures = plan
        .figures
        .iter()
        .map(|f| measure_figure(plan, period, f, current, history, stats, &sent, &filled))
        .collect();
    Measures {
        period: Some(period),
        figures,
        stats: LedgerStats::default(),
        sent,
        ledger_error: None,
    }
}

/// Ledgers of which an accepted file holds accepted rows ([`Submission::ledgers`]).
///
/// [`Submission::ledgers`]: crate::import::Submission::ledgers
pub fn ledgers_sent(intake: &Intake) -> Vec<LedgerKind> {
    let mut kinds: Vec<LedgerKind> = intake
        .submissions
        .iter()
        .flat_map(|s| s.ledgers())
        .collect();
    // A ledger row whose sheet summary is missing still shows the ledger was
    // sent (each kind once: there are millions of rows).
    let mut rows = [false; LedgerKind::ALL.len()];
    for kind in intake.ledgers.kinds() {
        rows[kind.index()] = true;
    }
    kinds.extend(
        LedgerKind::ALL
            .iter()
            .zip(rows)
            .filter(|(_, r)| *r)
            .map(|(k, _)| *k),
    );
    kinds.sort();
    kinds.dedup();
    kinds
}

fn filled_by_file(intake: &Intake) -> HashMap<&str, Option<NaiveDate>> {
    intake
        .submissions
        .iter()
        .map(|s| (s.file.as_str(), s.filled))
        .collect()
}

/// The latest of `reports` (by the file's 填报日期, then reading order).
fn latest<'a, T>(
    reports: impl Iterator<Item = (usize, &'a T)>,
    filled: impl Fn(&T) -> Option<NaiveDate>,
) -> Option<&'a T> {
    reports.max_by_key(|(i, r)| (filled(r), *i)).map(|(_, r)| r)
}

/// The latest report of `department` on `task` in `intake`
/// (填报日期, then reading order), as DUPLICATE_TASK_REPORT promises.
pub fn latest_task_report<'a>(
    intake: &'a Intake,
    department: &str,
    task: u32,
) -> Option<&'a TaskReport> {
    latest(
        intake
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, r)| r.task == task && r.department == department),
        |r| r.filled,
    )
}

/// The latest report on figure `id` by one of `departments` (tried in order).
fn latest_figure_report<'a>(
    intake: &'a Intake,
    filled: &HashMap<&str, Option<NaiveDate>>,
    id: &str,
    departments: &[&str],
) -> Option<&'a FigureReport> {
    departments.iter().find_map(|d| {
        latest(
            intake
                .figures
                .iter()
                .enumerate()
                .filter(|(_, r)| r.figure == id && r.department == *d),
            |r| filled.get(&*r.origin.file).copied().flatten(),
        )
    })
}

/// Departments whose report counts for a figure: its owner, then (for a
/// milestone) the task's other leads.
fn reporters<'a>(plan: &'a Plan, f: &'a Figure) -> Vec<&'a str> {
    let mut out = vec![f.owner.as_str()];
    if let Some(task) = f.task.and_then(|t| plan.task(t)) {
        for l in &task.leads {
            if !out.contains(&l.as_str()) {
                out.push(l.as_str());
            }
        }
    }
    out
}

/// The share of the year's target expected by the period, as
/// `(months elapsed, months until due)` counted from the plan year's January;
/// the elapsed months never exceed the months until due.
pub fn time_share(plan_year: i32, due: NaiveDate, period: Period) -> (u32, u32) {
    let months = |y: i32, m: u32| ((y - plan_year) * 12 + m as i32).max(0) as u32;
    let total = months(chrono::Datelike::year(&due), chrono::Datelike::month(&due)).max(1);
    let elapsed = months(period.year, period.month).min(total);
    (elapsed, total)
}

/// Expected-to-date of a cumulative figure or count milestone whose
/// comparator asks for more: target × months elapsed / months until due
/// (target × month / 12 for a figure due at year end).
pub fn expected(plan_year: i32, f: &Figure, period: Period) -> Option<f64> {
    if !f.kind.is_cumulative() || !f.comparator.higher_is_better() {
        return None;
    }
    let (elapsed, total) = time_share(plan_year, f.due, period);
    f.target.map(|t| t * f64::from(elapsed) / f64::from(total))
}

/// Growth in percent: (this ÷ last − 1) × 100; none when last year is not positive.
pub fn growth(this: Option<f64>, last: Option<f64>) -> Option<f64> {
    match (this, last) {
        (Some(t), Some(l)) if l > 0.0 => Some((t / l - 1.0) * 100.0),
        _ => None,
    }
}

/// Sums of the monthly aggregates of one ledger over the year to date.
#[derive(Default)]
struct YearToDate {
    count: f64,
    fast_track: f64,
    pledge: f64,
    other: f64,
    workdays_sum: f64,
    workdays_rows: f64,
}

/// Sums the monthly aggregates of one ledger over the months `from..=to`.
fn year_to_date<'a>(
    months: impl Iterator<Item = &'a LedgerMonth>,
    ledger: LedgerKind,
    from: Period,
    to: Period,
) -> YearToDate {
    let mut y = YearToDate::default();
    for m in months.filter(|m| m.ledger == ledger && from <= m.period && m.period <= to) {
        y.count += m.count as f64;
        y.fast_track += m.fast_track as f64;
        y.pledge += m.pledge_amount;
        y.other += m.other_amount;
        y.workdays_sum += m.workdays_sum;
        y.workdays_rows += m.workdays_rows as f64;
    }
    y
}

/// The ledger-derived value, with (for growth) the counts behind it.
struct Derived {
    value: Option<f64>,
    ytd: Option<f64>,
    last_year: Option<f64>,
}

fn derive(
    src: LedgerSource,
    stats: &LedgerStats,
    year: i32,
    period: Period,
    reported_last_year: Option<f64>,
    with_history: bool,
) -> Derived {
    // The year to date ends at the period, or at the plan year's end.
    let upto = period.min(Period { year, month: 12 });
    let jan = |year| Period { year, month: 1 };
    let y = year_to_date(stats.months.iter(), src.ledger, jan(year), upto);
    let plain = |v: Option<f64>| Derived {
        value: v,
        ytd: None,
        last_year: None,
    };
    // A year-to-date sum needs rows in every month so far: a ledger of this
    // month only (`workplan check` on one file, or a month whose ledger was
    // not sent) says nothing about the year, and the report stands. Without
    // the earlier months' folders, one month's files are not trusted to hold
    // the year either: a ledger of cases closed in February also lists some
    // accepted in January, and would look like the year.
    let whole_year =
        covers(stats, src.ledger, jan(year), upto) && (with_history || upto.month == 1);
    if !whole_year && src.derivation != Derivation::FastTrackMeanWorkdays {
        return plain(None);
    }
    match src.derivation {
        Derivation::Count => plain(Some(y.count)),
        Derivation::FastTrackCount => plain(Some(y.fast_track)),
        Derivation::SumNonPledge => plain(Some(y.other)),
        Derivation::SumPledge => plain(Some(y.pledge)),
        Derivation::FastTrackMeanWorkdays => {
            plain((y.workdays_rows > 0.0).then(|| y.workdays_sum / y.workdays_rows))
        }
        Derivation::YearToDateGrowth => {
            let has_last_year = stats
                .months
                .iter()
                .any(|m| m.ledger == src.ledger && m.period.year == year - 1);
            let last_year = if has_last_year {
                let same = Period {
                    year: year - 1,
                    month: upto.month,
                };
                Some(year_to_date(stats.months.iter(), src.ledger, jan(year - 1), same).count)
            } else {
                reported_last_year
            };
            Derived {
                value: growth(Some(y.count), last_year),
                ytd: Some(y.count),
                last_year,
            }
        }
    }
}

/// Whether the pooled ledger has counted rows in every month `from..=to`.
fn covers(stats: &LedgerStats, ledger: LedgerKind, from: Period, to: Period) -> bool {
    let mut month = from;
    while month <= to {
        let any = stats
            .months
            .iter()
            .any(|m| m.ledger == ledger && m.period == month && m.count > 0);
        if !any {
            return false;
        }
        month = month.next();
    }
    true
}

#[allow(clippy::too_many_arguments)]
fn measure_figure(
    plan: &Plan,
    period: Period,
    f: &Figure,
    current: &Intake,
    history: &[(Period, &Intake)],
    stats: &LedgerStats,
    sent: &[LedgerKind],
    filled: &HashMap<&str, Option<NaiveDate>>,
) -> FigureMeasure {
    let who = reporters(plan, f);
    let report = latest_figure_report(current, filled, &f.id, &who[..1]).or_else(|| {
        if f.is_milestone() {
            latest_figure_report(current, filled, &f.id, &who)
        } else {
            None
        }
    });
    // In January the month's value is the year to date.
    let cumulative = report.and_then(|r| {
        r.cumulative.or(if period.month == 1 {
            r.month_value
        } else {
            None
        })
    });
    let mut m = FigureMeasure {
        id: f.id.clone(),
        ledger_sent: false,
        ledger: None,
        reported: None,
        ytd: None,
        reported_ytd: None,
        last_year: None,
        done: None,
        value: None,
        source: Source::None,
        expected: expected(plan.year, f, period),
        report: report.map(|r| r.origin.clone()),
        reporter: report.map(|r| r.department.clone()),
    };
    match f.kind {
        FigureKind::Date => {
            m.done = milestone_done(plan, period, f, report, current, history, &who);
            m.source = if m.done.is_some() || report.is_some() {
                Source::Reported
            } else {
                Source::None
            };
            return m;
        }
        FigureKind::Level => {
            m.reported = report.and_then(|r| r.cumulative.or(r.month_value));
        }
        FigureKind::Cumulative | FigureKind::Count => m.reported = cumulative,
        FigureKind::Growth => {
            m.reported_ytd = cumulative;
            m.last_year = report.and_then(|r| r.last_year);
            m.ytd = cumulative;
            m.reported = growth(cumulative, m.last_year);
        }
    }
    if let Some(src) = f.ledger {
        m.ledger_sent = sent.contains(&src.ledger);
        if m.ledger_sent {
            let reported_last_year = report.and_then(|r| r.last_year);
            let d = derive(
                src,
                stats,
                plan.year,
                period,
                reported_last_year,
                !history.is_empty(),
            );
            m.ledger = d.value;
            if src.derivation == Derivation::YearToDateGrowth {
                m.ytd = d.ytd;
                m.last_year = d.last_year;
            }
        }
    }
    (m.value, m.source) = match (m.ledger, m.reported) {
        (Some(v), _) => (Some(v), Source::Ledger),
        (None, Some(v)) => (Some(v), Source::Reported),
        (None, None) => (None, Source::None),
    };
    if m.source == Source::Reported && f.kind == FigureKind::Growth {
        m.ytd = m.reported_ytd;
        m.last_year = report.and_then(|r| r.last_year);
    }
    m
}

/// When a dated milestone was done, on or before the as-of date: the
/// 完成日期 reported this month, else one reported in an earlier month (a
/// milestone once done stays done), else — when every lead of its task
/// reports the task 已完成 — the latest 实际完成时间 (or the as-of date).
fn milestone_done(
    plan: &Plan,
    period: Period,
    f: &Figure,
    report: Option<&FigureReport>,
    current: &Intake,
    history: &[(Period, &Intake)],
    who: &[&str],
) -> Option<NaiveDate> {
    let as_of = period.as_of();
    if let Some(d) = report.and_then(|r| r.done).filter(|d| *d <= as_of) {
        return Some(d);
    }
    let earlier = history
        .iter()
        .rev()
        .flat_map(|(p, i)| {
            let p_as_of = p.as_of();
            i.figures
                .iter()
                .filter(move |r| r.figure == f.id && who.contains(&r.department.as_str()))
                .filter_map(move |r| r.done.filter(|d| *d <= p_as_of))
        })
        .max();
    if earlier.is_some() {
        return earlier;
    }
    let task = plan.task(f.task?)?;
    let reports: Vec<&TaskReport> = task
        .leads
        .iter()
        .filter_map(|l| latest_task_report(current, l, task.id))
        .collect();
    let all_done =
        reports.len() == task.leads.len() && reports.iter().all(|r| r.status == Some(Status::Done));
    if !all_done {
        return None;
    }
    Some(
        reports
            .iter()
            .filter_map(|r| r.actual.filter(|d| *d <= as_of))
            .max()
            .unwrap_or(as_of),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sample::{Builder, d, january, p, plan, refs};

    fn works(b: Builder, key: &str, accepted: NaiveDate, issued: NaiveDate, fast: bool) -> Builder {
        b.ledger_row(
            "监管与预警处",
            LedgerKind::Works,
            key,
            Some(issued),
            "美术作品",
            None,
            false,
            fast,
            Some(accepted),
        )
    }

    #[test]
    fn working_days_across_the_spring_festival() {
        // Accepted Fri 1/24; 1/26 (make-up) and 1/27 work, 1/28–2/4 rest, 2/5 works.
        let current = works(
            Builder::new("2025-02"),
            "W-1",
            d(2025, 1, 24),
            d(2025, 2, 5),
            true,
        );
        // Not fast-track: left out of the mean, counted in I2 (January's row
        // makes the ledger cover the year to date).
        let current = works(current, "W-2", d(2025, 2, 3), d(2025, 2, 20), false);
        let current = works(current, "W-0", d(2025, 1, 3), d(2025, 1, 20), false).build();
        let m = measure(&plan(), p("2025-02"), &current, &refs(&january()));
        let i9 = m.figure("I9").unwrap();
        assert_eq!(i9.value, Some(3.0));
        assert_eq!(i9.source, Source::Ledger);
        assert_eq!(m.figure("I8").unwrap().value, Some(1.0));
        assert_eq!(m.figure("I2").unwrap().value, Some(3.0));
    }

    #[test]
    fn mean_working_days_skips_rows_without_acceptance_date() {
        let current = works(
            Builder::new("2025-03"),
            "W-1",
            d(2025, 3, 3),
            d(2025, 3, 7),
            true,
        )
        .ledger_row(
            "监管与预警处",
            LedgerKind::Works,
            "W-2",
            Some(d(2025, 3, 10)),
            "",
            None,
            false,
            true,
            None,
        );
        // Ordinary registrations in January and February: the ledger covers the year.
        let current = works(current, "W-J", d(2025, 1, 3), d(2025, 1, 20), false);
        let current = works(current, "W-F", d(2025, 2, 3), d(2025, 2, 20), false).build();
        let m = measure(&plan(), p("2025-03"), &current, &refs(&january()));
        assert_eq!(m.figure("I9").unwrap().value, Some(4.0));
        assert_eq!(m.figure("I8").unwrap().value, Some(2.0));
    }

    #[test]
    fn ledgers_pool_across_months_and_departments_latest_row_wins() {
        let feb = Builder::new("2025-02")
            .ledger("保护处", LedgerKind::Mediation, "Z", d(2025, 1, 15))
            .ledger("保护处", LedgerKind::Mediation, "A", d(2025, 2, 10))
            .ledger("保护处", LedgerKind::Mediation, "B", d(2025, 2, 11))
            .build();
        let mar = Builder::new("2025-03")
            // A again, its date corrected: counted once, in March.
            .ledger("保护处", LedgerKind::Mediation, "A", d(2025, 3, 1))
            .ledger("保护处", LedgerKind::Mediation, "C", d(2025, 3, 2))
            .ledger("保护中心", LedgerKind::Mediation, "C", d(2025, 3, 2))
            // Last year and undated: pooled, not counted.
            .ledger("保护处", LedgerKind::Mediation, "D", d(2024, 12, 30))
            .ledger_row(
                "保护处",
                LedgerKind::Mediation,
                "E",
                None,
                "",
                None,
                false,
                false,
                None,
            )
            .build();
        let m = measure(&plan(), p("2025-03"), &mar, &[(p("2025-02"), &feb)]);
        assert_eq!(m.figure("I4").unwrap().value, Some(4.0));
        let pool = &m.stats.pools[0];
        assert_eq!(pool.ledger, Some(LedgerKind::Mediation));
        assert_eq!(
            (pool.rows, pool.unique, pool.undated, pool.counted),
            (8, 6, 1, 4)
        );
        let by_month: Vec<_> = m
            .stats
            .tallies
            .iter()
            .map(|t| (t.period.as_str(), t.count))
            .collect();
        assert_eq!(by_month, [("2025-01", 1), ("2025-02", 1), ("2025-03", 2)]);
    }

    #[test]
    fn a_ledger_not_sent_this_month_leaves_the_reported_value() {
        let feb = Builder::new("2025-02")
            .ledger("保护处", LedgerKind::Mediation, "Z", d(2025, 1, 15))
            .ledger("保护处", LedgerKind::Mediation, "A", d(2025, 2, 10))
            .build();
        // March sends an empty ledger sheet and a reported figure.
        let mar = Builder::new("2025-03")
            .sent(
                "保护处",
                crate::import::SheetKind::Ledger(LedgerKind::Mediation),
            )
            .figure("保护处", "I4", Some(612.0), None, None)
            .build();
        let m = measure(&plan(), p("2025-03"), &mar, &[(p("2025-02"), &feb)]);
        let i4 = m.figure("I4").unwrap();
        assert!(!i4.ledger_sent);
        assert_eq!((i4.value, i4.source), (Some(612.0), Source::Reported));
        assert_eq!(i4.expected, Some(750.0));
    }

    #[test]
    fn growth_from_the_ledger_against_reported_or_ledger_last_year() {
        let pre = |b: Builder, n: usize, y: i32, m: u32| {
            (0..n).fold(b, |b, i| {
                b.ledger(
                    "保护中心",
                    LedgerKind::Prereview,
                    &format!("{y}-{m}-{i}"),
                    d(y, m, 5),
                )
            })
        };
        let this_year = |b| pre(pre(pre(b, 4, 2025, 1), 4, 2025, 2), 4, 2025, 3);
        let current = this_year(Builder::new("2025-03"))
            .figure("保护中心", "I7", Some(12.0), Some(10.0), None)
            .build();
        let m = measure(&plan(), p("2025-03"), &current, &refs(&january()));
        let i7 = m.figure("I7").unwrap();
        assert_eq!((i7.ytd, i7.last_year), (Some(12.0), Some(10.0)));
        assert!((i7.value.unwrap() - 20.0).abs() < 1e-9);
        assert_eq!(i7.source, Source::Ledger);

        // Last year's rows, when sent, give the base: Jan–Mar 2024 only.
        let current = pre(
            pre(this_year(Builder::new("2025-03")), 8, 2024, 2),
            5,
            2024,
            4,
        )
        .figure("保护中心", "I7", Some(12.0), Some(10.0), None)
        .build();
        let m = measure(&plan(), p("2025-03"), &current, &refs(&january()));
        let i7 = m.figure("I7").unwrap();
        assert_eq!(i7.last_year, Some(8.0));
        assert!((i7.value.unwrap() - 50.0).abs() < 1e-9);
        // The reported figure is the percentage from 累计值 and 上年同期.
        assert!((i7.reported.unwrap() - 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_ledger_of_one_month_leaves_the_year_to_the_report() {
        // `workplan check` on June's file alone: its ledger holds June's cases only.
        let current = (0..5)
            .fold(Builder::new("2025-06"), |b, i| {
                b.ledger(
                    "保护处",
                    LedgerKind::Mediation,
                    &format!("J{i}"),
                    d(2025, 6, 3),
                )
            })
            .figure("保护处", "I4", Some(1461.0), None, None)
            .build();
        let m = measure(&plan(), p("2025-06"), &current, &[]);
        let i4 = m.figure("I4").unwrap();
        assert!(i4.ledger_sent);
        assert_eq!((i4.ledger, i4.value), (None, Some(1461.0)));
        assert_eq!(i4.source, Source::Reported);
    }

    #[test]
    fn one_month_of_files_alone_does_not_stand_for_the_year() {
        // February's ledger of cases closed in February lists some accepted in
        // January: without January's folder it still is not the year to date.
        let current = Builder::new("2025-02")
            .ledger("保护处", LedgerKind::Mediation, "A", d(2025, 1, 20))
            .ledger("保护处", LedgerKind::Mediation, "B", d(2025, 2, 3))
            .figure("保护处", "I4", Some(377.0), None, None)
            .build();
        let i4 = measure(&plan(), p("2025-02"), &current, &[])
            .figure("I4")
            .cloned()
            .unwrap();
        assert_eq!((i4.value, i4.source), (Some(377.0), Source::Reported));
        // Read with January's folder, the pooled ledger is the year.
        let i4 = measure(&plan(), p("2025-02"), &current, &refs(&january()))
            .figure("I4")
            .cloned()
            .unwrap();
        assert_eq!((i4.value, i4.source), (Some(2.0), Source::Ledger));
    }

    #[test]
    fn finance_sums_pledge_and_other_deals_in_yi() {
        let deal = |b: Builder, key: &str, amount: f64, pledge: bool| {
            b.ledger_row(
                "发展促进处",
                LedgerKind::Finance,
                key,
                Some(d(2025, 1, 3)),
                if pledge { "质押融资" } else { "转让" },
                Some(amount),
                pledge,
                false,
                None,
            )
        };
        let b = deal(Builder::new("2025-01"), "F1", 1.5, true);
        let b = deal(b, "F2", 2.25, true);
        let current = deal(b, "F3", 0.5, false).build();
        let m = measure(&plan(), p("2025-01"), &current, &[]);
        assert_eq!(m.figure("I6").unwrap().value, Some(3.75));
        assert_eq!(m.figure("I5").unwrap().value, Some(0.5));
        let amounts: Vec<_> = m
            .stats
            .tallies
            .iter()
            .map(|t| (t.category.as_str(), t.count, t.amount))
            .collect();
        assert_eq!(
            amounts,
            [("质押融资", 2, Some(3.75)), ("转让", 1, Some(0.5))]
        );
    }

    #[test]
    fn expected_follows_the_months_until_due() {
        let plan = plan();
        let i4 = plan.figure("I4").unwrap();
        assert_eq!(expected(plan.year, i4, p("2025-03")), Some(750.0));
        assert_eq!(
            expected(plan.year, plan.figure("I1").unwrap(), p("2025-03")),
            None
        );
        assert_eq!(time_share(2025, d(2025, 6, 30), p("2025-09")), (6, 6));
        assert_eq!(growth(Some(12.0), Some(0.0)), None);
    }

    #[test]
    fn a_done_task_completes_its_dated_milestones() {
        let current = Builder::new("2025-04")
            .task("办公室", 2, Some(Status::Done), Some(100.0), "已审议")
            .build();
        let m = measure(&plan(), p("2025-04"), &current, &[]);
        assert_eq!(m.figure("2.1").unwrap().done, Some(d(2025, 4, 30)));
    }
}
