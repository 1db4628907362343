//! Ledger pooling. All rows of one ledger kind — the current month's and
//! every earlier month's — are pooled across departments and de-duplicated
//! by key (the latest period's row wins, and within a period the last row
//! read) in one pass over a hash table of row indices, summed by ledger,
//! counting month and category as they go, and those sums are then grouped
//! with polars by counting month. Figures, trends and the 台账汇总 sheet are
//! all computed from these monthly tallies; the millions of rows are never
//! copied into a frame.

use std::collections::HashMap;

use chrono::NaiveDate;
use foldhash::fast::FixedState;
use polars::prelude::*;

use crate::import::{Intake, LedgerRef, repeats};
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

/// The intakes' ledger rows in pooling order — history months ascending,
/// then the current month — addressed by one index over all of them.
struct Rows<'a> {
    intakes: Vec<&'a Intake>,
    /// Index of each intake's first row.
    starts: Vec<usize>,
    len: usize,
}

impl<'a> Rows<'a> {
    fn new(current: &'a Intake, history: &[(Period, &'a Intake)]) -> Rows<'a> {
        let intakes: Vec<&Intake> = history
            .iter()
            .map(|(_, i)| *i)
            .chain(std::iter::once(current))
            .collect();
        let mut starts = Vec::with_capacity(intakes.len());
        let mut len = 0;
        for i in &intakes {
            starts.push(len);
            len += i.ledgers.len();
        }
        Rows {
            intakes,
            starts,
            len,
        }
    }

    /// Row `i`'s pooling identity: its ledger and key trimmed; none for a
    /// row without a key.
    fn identity(&self, i: usize) -> Option<(LedgerKind, &'a str)> {
        let k = self.starts.partition_point(|&s| s <= i) - 1;
        let intake: &'a Intake = self.intakes[k];
        intake.ledgers.identity(i - self.starts[k])
    }

    fn iter(&self) -> impl Iterator<Item = LedgerRef<'a>> + '_ {
        self.intakes.iter().copied().flat_map(|i| i.ledgers.iter())
    }
}

/// Which rows survive de-duplication by (ledger, key): of rows sharing a
/// key the last one read (the latest month's) is kept; a row without a key
/// stands alone. Also the rows read per ledger.
fn distinct(rows: &Rows<'_>) -> (Vec<bool>, [usize; 4]) {
    // Rows a later month superseded were dropped when read: still read.
    let mut read = [0usize; 4];
    for intake in &rows.intakes {
        for (kind, n) in LedgerKind::ALL.iter().zip(intake.superseded) {
            read[kind.index()] += n;
        }
        for kind in intake.ledgers.kinds() {
            read[kind.index()] += 1;
        }
    }
    let repeats = repeats(rows.len, |j| rows.identity(j));
    // Each key's last row, by its first.
    let mut last: HashMap<usize, usize> = HashMap::new();
    for &(i, first) in &repeats {
        last.insert(first, i);
    }
    let mut kept = vec![true; rows.len];
    for &first in last.keys() {
        kept[first] = false;
    }
    for &(i, first) in &repeats {
        kept[i] = last.get(&first) == Some(&i);
    }
    (kept, read)
}

/// Sums over the distinct rows of one ledger, counting month and category.
#[derive(Default)]
struct Bucket {
    count: u64,
    fast: u64,
    pledge_amount: f64,
    other_amount: f64,
    amount: f64,
    workdays_sum: i64,
    workdays_rows: u64,
}

/// The distinct rows summed by (ledger, counting month, category), in the
/// order first met, as a frame for the group-bys: a few hundred rows
/// however many millions were read.
fn frame(
    calendar: &Calendar,
    rows: &Rows<'_>,
    kept: &[bool],
    read: &[usize; 4],
) -> PolarsResult<(DataFrame, DataFrame)> {
    let state = FixedState::with_seed(0x5eed);
    let mut index: std::collections::HashMap<(u32, Option<i32>, &str), usize, FixedState> =
        std::collections::HashMap::with_hasher(state);
    let mut keys: Vec<(u32, Option<i32>, &str)> = Vec::new();
    let mut sums: Vec<Bucket> = Vec::new();
    // Few distinct (accepted, issued) pairs recur over many rows.
    let mut cycles: HashMap<(NaiveDate, NaiveDate), i64> = HashMap::new();
    for (r, _) in rows.iter().zip(kept).filter(|(_, k)| **k) {
        let kind = r.kind.index() as u32;
        let ym = r.date.map(|d| month_index(Period::of(d)));
        let at = *index
            .entry((kind, ym, r.category.trim()))
            .or_insert_with(|| {
                keys.push((kind, ym, r.category.trim()));
                sums.push(Bucket::default());
                sums.len() - 1
            });
        let b = &mut sums[at];
        b.count += 1;
        b.fast += u64::from(r.fast_track);
        if let Some(a) = r.amount {
            b.amount += a;
            if r.pledge {
                b.pledge_amount += a;
            } else {
                b.other_amount += a;
            }
        }
        // A certificate dated before its acceptance is a typo, not a cycle.
        if let (LedgerKind::Works, true, Some(a), Some(d)) =
            (r.kind, r.fast_track, r.accepted, r.date)
            && a <= d
        {
            b.workdays_sum += *cycles
                .entry((a, d))
                .or_insert_with(|| calendar.working_days_between(a, d));
            b.workdays_rows += 1;
        }
    }
    let buckets = DataFrame::new_infer_height(vec![
        Column::new("kind".into(), keys.iter().map(|k| k.0).collect::<Vec<_>>()),
        Column::new("ym".into(), keys.iter().map(|k| k.1).collect::<Vec<_>>()),
        Column::new(
            "category".into(),
            keys.iter().map(|k| k.2).collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            sums.iter().map(|b| b.count).collect::<Vec<_>>(),
        ),
        Column::new(
            "fast".into(),
            sums.iter().map(|b| b.fast).collect::<Vec<_>>(),
        ),
        Column::new(
            "pledge_amount".into(),
            sums.iter().map(|b| b.pledge_amount).collect::<Vec<_>>(),
        ),
        Column::new(
            "other_amount".into(),
            sums.iter().map(|b| b.other_amount).collect::<Vec<_>>(),
        ),
        Column::new(
            "amount".into(),
            sums.iter().map(|b| b.amount).collect::<Vec<_>>(),
        ),
        Column::new(
            "workdays_sum".into(),
            sums.iter().map(|b| b.workdays_sum).collect::<Vec<_>>(),
        ),
        Column::new(
            "workdays_rows".into(),
            sums.iter().map(|b| b.workdays_rows).collect::<Vec<_>>(),
        ),
    ])?;
    let (kinds, counts): (Vec<u32>, Vec<u64>) = (0..4u32)
        .filter(|&k| read[k as usize] > 0)
        .map(|k| (k, read[k as usize] as u64))
        .unzip();
    let read = DataFrame::new_infer_height(vec![
        Column::new("kind".into(), kinds),
        Column::new("rows".into(), counts),
    ])?;
    Ok((buckets, read))
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
    let rows = Rows::new(current, history);
    if rows.len == 0 {
        return Ok(LedgerStats::default());
    }
    let (kept, read) = distinct(&rows);
    let (buckets, read) = frame(calendar, &rows, &kept, &read)?;
    drop(kept);

    let months = months(&buckets)?;
    let first = month_index(Period { year, month: 1 });
    let last = month_index(period);
    let tallies = tallies(&buckets, first, last)?;
    let pools = pools(&read, &buckets, first, last)?;
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
fn months(buckets: &DataFrame) -> PolarsResult<Vec<LedgerMonth>> {
    let df = buckets
        .clone()
        .lazy()
        .filter(col("ym").is_not_null())
        .group_by([col("kind"), col("ym")])
        .agg([
            col("count").sum().alias("count"),
            col("fast").sum().alias("fast"),
            col("pledge_amount").sum().alias("pledge_amount"),
            col("other_amount").sum().alias("other_amount"),
            col("workdays_sum").sum().alias("workdays_sum"),
            col("workdays_rows").sum().alias("workdays_rows"),
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
fn tallies(buckets: &DataFrame, first: i32, last: i32) -> PolarsResult<Vec<LedgerTally>> {
    let df = buckets
        .clone()
        .lazy()
        .filter(col("ym").gt_eq(lit(first)).and(col("ym").lt_eq(lit(last))))
        .group_by([col("kind"), col("ym"), col("category")])
        .agg([
            col("count").sum().alias("count"),
            col("amount").sum().alias("amount"),
        ])
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
    read: &DataFrame,
    buckets: &DataFrame,
    first: i32,
    last: i32,
) -> PolarsResult<Vec<LedgerPool>> {
    let read = read.clone().lazy();
    let zero = || lit(0u64);
    let kept = buckets.clone().lazy().group_by([col("kind")]).agg([
        col("count").sum().alias("unique"),
        when(col("ym").is_null())
            .then(col("count"))
            .otherwise(zero())
            .sum()
            .alias("undated"),
        when(col("ym").gt_eq(lit(first)).and(col("ym").lt_eq(lit(last))))
            .then(col("count"))
            .otherwise(zero())
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
