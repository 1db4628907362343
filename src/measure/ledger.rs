//! Ledger pooling with polars. All rows of one ledger kind — the current
//! month's and every earlier month's — are pooled across departments and
//! de-duplicated by key (the latest period's row wins, and within a period
//! the last row read), then tallied by counting month. Figures, trends and
//! the 台账汇总 sheet are all computed from these monthly tallies, so the
//! millions of rows go through polars once.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::import::Intake;
use crate::period::Period;
use crate::plan::{Calendar, LedgerKind};

/// One ledger's aggregates for one counting month, over the pooled,
/// de-duplicated rows.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerMonth {
    pub ledger: LedgerKind,
    /// The month of the counting date.
    pub period: Period,
    pub count: usize,
    /// Works: fast-track rows.
    pub fast_track: usize,
    /// Finance: sum of pledge-financing amounts, 亿元.
    pub pledge_amount: f64,
    /// Finance: sum of the other deals' amounts, 亿元.
    pub other_amount: f64,
    /// Works: sum of working days from 受理日期 to 发证日期 over fast-track rows with both dates.
    pub workdays_sum: f64,
    /// Works: number of fast-track rows with both dates.
    pub workdays_rows: usize,
}

/// A ledger tally: rows and amounts by ledger, month and category.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerTally {
    pub ledger: LedgerKind,
    pub period: String,
    pub category: String,
    pub count: usize,
    /// Finance: amount in 亿元.
    pub amount: Option<f64>,
}

/// Row counts of one pooled ledger.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LedgerPool {
    pub ledger: Option<LedgerKind>,
    /// Rows read over the current and earlier months, before de-duplication.
    pub rows: usize,
    /// Distinct keys after de-duplication.
    pub unique: usize,
    /// Distinct rows without a counting date (never counted).
    pub undated: usize,
    /// Distinct rows counted this year up to the as-of date.
    pub counted: usize,
}

/// What pooling the ledgers yields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LedgerStats {
    /// Per ledger and counting month, every year present, sorted.
    pub months: Vec<LedgerMonth>,
    /// Per ledger that has any row.
    pub pools: Vec<LedgerPool>,
    /// Counted rows (plan year, up to the as-of date) by ledger, month and category.
    pub tallies: Vec<LedgerTally>,
}

fn kind_code(kind: LedgerKind) -> u32 {
    match kind {
        LedgerKind::Works => 0,
        LedgerKind::Mediation => 1,
        LedgerKind::Finance => 2,
        LedgerKind::Prereview => 3,
    }
}

fn kind_of(code: u32) -> Option<LedgerKind> {
    LedgerKind::ALL.get(code as usize).copied()
}

/// Months since year 0, so a month compares as one integer.
fn month_index(p: Period) -> i32 {
    p.year * 12 + p.month as i32 - 1
}

fn period_of_index(i: i32) -> Option<Period> {
    Period::new(i.div_euclid(12), (i.rem_euclid(12) + 1) as u32)
}

/// Builds the pooled frame: history months in order, then the current month.
///
/// Keys repeated within one month never reach it: the importer counts a
/// (ledger, key) once per month and rejects the repeats (DUPLICATE_LEDGER_KEY),
/// so repeats here are only a record re-sent in a later month.
fn frame(
    calendar: &Calendar,
    current: &Intake,
    history: &[(Period, &Intake)],
) -> PolarsResult<DataFrame> {
    let n: usize =
        current.ledgers.len() + history.iter().map(|(_, i)| i.ledgers.len()).sum::<usize>();
    let mut kind = Vec::with_capacity(n);
    // Borrowed from the rows: a million keys are not copied twice.
    let mut key: Vec<Cow<'_, str>> = Vec::with_capacity(n);
    let mut ym: Vec<Option<i32>> = Vec::with_capacity(n);
    let mut category = Vec::with_capacity(n);
    let mut amount: Vec<Option<f64>> = Vec::with_capacity(n);
    let mut pledge = Vec::with_capacity(n);
    let mut fast = Vec::with_capacity(n);
    let mut workdays: Vec<Option<i64>> = Vec::with_capacity(n);
    // Few distinct (accepted, issued) pairs recur over many rows.
    let mut cycles: HashMap<(NaiveDate, NaiveDate), i64> = HashMap::new();

    let intakes = history
        .iter()
        .map(|(_, i)| *i)
        .chain(std::iter::once(current));
    for intake in intakes {
        for r in &intake.ledgers {
            let k = r.key.trim();
            // A row without a key cannot be matched: it stands alone.
            key.push(if k.is_empty() {
                Cow::Owned(format!("\u{1}{}", key.len()))
            } else {
                Cow::Borrowed(k)
            });
            kind.push(kind_code(r.kind));
            ym.push(r.date.map(|d| month_index(Period::of(d))));
            category.push(r.category.trim());
            amount.push(r.amount);
            pledge.push(r.pledge);
            fast.push(r.fast_track);
            workdays.push(match (r.kind, r.fast_track, r.accepted, r.date) {
                // A certificate dated before its acceptance is a typo, not a cycle.
                (LedgerKind::Works, true, Some(a), Some(d)) if a <= d => Some(
                    *cycles
                        .entry((a, d))
                        .or_insert_with(|| calendar.working_days_between(a, d)),
                ),
                _ => None,
            });
        }
    }
    let df = DataFrame::new_infer_height(vec![
        Column::new("kind".into(), kind),
        Column::new("key".into(), key),
        Column::new("ym".into(), ym),
        Column::new("category".into(), category),
        Column::new("amount".into(), amount),
        Column::new("pledge".into(), pledge),
        Column::new("fast".into(), fast),
        Column::new("workdays".into(), workdays),
    ])?;
    Ok(df)
}

/// Pools the ledgers of the current month and the earlier months
/// (`history`, ascending, all before `period`), de-duplicates them by key and
/// tallies them. `year` is the plan year.
pub fn pool(
    calendar: &Calendar,
    year: i32,
    period: Period,
    current: &Intake,
    history: &[(Period, &Intake)],
) -> PolarsResult<LedgerStats> {
    let all = frame(calendar, current, history)?;
    if all.height() == 0 {
        return Ok(LedgerStats::default());
    }

    // Rows are in (period, read order) order: the last occurrence is the latest.
    let unique = all
        .clone()
        .lazy()
        .unique_stable_generic(
            Some(vec![col("kind"), col("key")]),
            UniqueKeepStrategy::Last,
        )
        .collect()?;

    let months = months(&unique)?;
    let first = month_index(Period { year, month: 1 });
    let last = month_index(period);
    let tallies = tallies(&unique, first, last)?;
    let pools = pools(&all, &unique, first, last)?;
    Ok(LedgerStats {
        months,
        pools,
        tallies,
    })
}

/// Rounds a float sum to 1e-6 (亿元: a hundred yuan), so that the order in
/// which parallel group-bys add does not change the output.
fn steady(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn u32s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<u32>>> {
    Ok(df.column(name)?.u32()?.iter().collect())
}

fn i32s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i32>>> {
    Ok(df.column(name)?.i32()?.iter().collect())
}

fn f64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

fn counts(df: &DataFrame, name: &str) -> PolarsResult<Vec<usize>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().map(|v| v.unwrap_or(0.0) as usize).collect())
}

fn strings(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect())
}

/// Monthly aggregates per ledger over the de-duplicated rows with a date.
fn months(unique: &DataFrame) -> PolarsResult<Vec<LedgerMonth>> {
    let df = unique
        .clone()
        .lazy()
        .filter(col("ym").is_not_null())
        .group_by([col("kind"), col("ym")])
        .agg([
            len().alias("count"),
            col("fast").cast(DataType::Int64).sum().alias("fast"),
            when(col("pledge"))
                .then(col("amount"))
                .otherwise(lit(0.0))
                .sum()
                .alias("pledge_amount"),
            when(col("pledge"))
                .then(lit(0.0))
                .otherwise(col("amount"))
                .sum()
                .alias("other_amount"),
            col("workdays").sum().alias("workdays_sum"),
            col("workdays").count().alias("workdays_rows"),
        ])
        .sort(["kind", "ym"], SortMultipleOptions::default())
        .collect()?;
    let kind = u32s(&df, "kind")?;
    let ym = i32s(&df, "ym")?;
    let count = counts(&df, "count")?;
    let fast = counts(&df, "fast")?;
    let pledge = f64s(&df, "pledge_amount")?;
    let other = f64s(&df, "other_amount")?;
    let wd_sum = f64s(&df, "workdays_sum")?;
    let wd_rows = counts(&df, "workdays_rows")?;
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(ledger), Some(period)) =
            (kind[i].and_then(kind_of), ym[i].and_then(period_of_index))
        else {
            continue;
        };
        out.push(LedgerMonth {
            ledger,
            period,
            count: count[i],
            fast_track: fast[i],
            pledge_amount: steady(pledge[i].unwrap_or(0.0)),
            other_amount: steady(other[i].unwrap_or(0.0)),
            workdays_sum: wd_sum[i].unwrap_or(0.0),
            workdays_rows: wd_rows[i],
        });
    }
    Ok(out)
}

/// Counted rows by ledger, month and category.
fn tallies(unique: &DataFrame, first: i32, last: i32) -> PolarsResult<Vec<LedgerTally>> {
    let df = unique
        .clone()
        .lazy()
        .filter(col("ym").gt_eq(lit(first)).and(col("ym").lt_eq(lit(last))))
        .group_by([col("kind"), col("ym"), col("category")])
        .agg([len().alias("count"), col("amount").sum().alias("amount")])
        .sort(["kind", "ym", "category"], SortMultipleOptions::default())
        .collect()?;
    let kind = u32s(&df, "kind")?;
    let ym = i32s(&df, "ym")?;
    let category = strings(&df, "category")?;
    let count = counts(&df, "count")?;
    let amount = f64s(&df, "amount")?;
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(ledger), Some(period)) =
            (kind[i].and_then(kind_of), ym[i].and_then(period_of_index))
        else {
            continue;
        };
        out.push(LedgerTally {
            ledger,
            period: period.to_string(),
            category: category[i].clone(),
            count: count[i],
            amount: (ledger == LedgerKind::Finance).then(|| steady(amount[i].unwrap_or(0.0))),
        });
    }
    Ok(out)
}

/// Row counts per ledger: read, distinct, undated, counted.
fn pools(
    all: &DataFrame,
    unique: &DataFrame,
    first: i32,
    last: i32,
) -> PolarsResult<Vec<LedgerPool>> {
    let read = all
        .clone()
        .lazy()
        .group_by([col("kind")])
        .agg([len().alias("rows")]);
    let kept = unique.clone().lazy().group_by([col("kind")]).agg([
        len().alias("unique"),
        col("ym")
            .is_null()
            .cast(DataType::Int64)
            .sum()
            .alias("undated"),
        col("ym")
            .gt_eq(lit(first))
            .and(col("ym").lt_eq(lit(last)))
            .cast(DataType::Int64)
            .sum()
            .alias("counted"),
    ]);
    let df = read
        .left_join(kept, col("kind"), col("kind"))
        .sort(["kind"], SortMultipleOptions::default())
        .collect()?;
    let kind = u32s(&df, "kind")?;
    let rows = counts(&df, "rows")?;
    let unique_n = counts(&df, "unique")?;
    let undated = counts(&df, "undated")?;
    let counted = counts(&df, "counted")?;
    Ok((0..df.height())
        .map(|i| LedgerPool {
            ledger: kind[i].and_then(kind_of),
            rows: rows[i],
            unique: unique_n[i],
            undated: undated[i],
            counted: counted[i],
        })
        .collect())
}
