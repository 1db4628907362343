"""The Python peer of `cargo bench --bench scale`: the same ledger pooling
with polars and fastexcel (calamine underneath), on two threads.

    pip install polars fastexcel
    POLARS_MAX_THREADS=2 python3 benches/scale/peer.py target/bench-data/<shape>/2025-12

The benchmark runs it when python3 has both modules and prints its time and
peak memory beside `workplan merge` (README, Speed). It does only what the
tool's ledger pooling does, and less than the tool around it: it finds the
ledger sheets by their names and reads their headers from row 4 (as the
generator writes them) instead of recognising sheets by their columns; it
checks no values, raises no flags and writes no workbook. Per file: every
ledger sheet read whole (two files at a time); then per ledger: key and
dates normalised, repeated keys found (the first counts), and the distinct
rows tallied by ledger and month (count, fast-track, pledge and other
amounts, fast-track working days) and by ledger, month and category.
Working days skip weekends only (the tool also knows the holiday calendar).
It prints one `key=value` line the benchmark reads.
"""

import os
import sys
import time

os.environ.setdefault("POLARS_MAX_THREADS", "2")

from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import fastexcel  # noqa: E402
import polars as pl  # noqa: E402

# Sheet name → (ledger, key column, counting date column, category column).
LEDGERS = {
    "作品登记台账": ("works", "登记号", "发证日期", "作品类别"),
    "纠纷调解台账": ("mediation", "案件编号", "受理日期", "纠纷类型"),
    "运用转化台账": ("finance", "合同编号", "登记日期", "业务类型"),
    "专利预审台账": ("prereview", "预审编号", "受理日期", "技术领域"),
}
HEADER_ROW = 3
YEAR = 2025
THREADS = int(os.environ["POLARS_MAX_THREADS"])


def day(column: str) -> pl.Expr:
    """A date cell as read: a real date (`2025-03-12 00:00:00`) or text
    (`2025年3月12日`)."""
    c = pl.col(column).cast(pl.String)
    return pl.coalesce(
        c.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False),
        c.str.to_date("%Y年%m月%d日", strict=False),
    )


def read_file(path: str) -> list[tuple[str, pl.DataFrame]]:
    reader = fastexcel.read_excel(path)
    out = []
    for name in reader.sheet_names:
        if name not in LEDGERS:
            continue
        ledger, key, counting, category = LEDGERS[name]
        df = reader.load_sheet(name, header_row=HEADER_ROW).to_polars()
        cols = [
            pl.col(key).cast(pl.String).str.strip_chars().alias("key"),
            day(counting).alias("date"),
            pl.col(category).cast(pl.String).str.strip_chars().alias("category"),
        ]
        if ledger == "works":
            cols += [
                day("受理日期").alias("accepted"),
                pl.col("快速登记").is_in(["√", "是"]).alias("fast"),
            ]
        if ledger == "finance":
            cols += [(pl.col("金额(万元)").cast(pl.Float64) / 1e4).alias("amount")]
        out.append((ledger, df.select(cols).with_row_index("row")))
    return out


def pool(ledger: str, frames: list[pl.DataFrame]) -> dict:
    df = pl.concat(frames, how="diagonal_relaxed").filter(pl.col("key").is_not_null())
    rows = df.height
    df = df.filter(pl.col("key").is_first_distinct())
    ym = pl.col("date").dt.year() * 12 + pl.col("date").dt.month() - 1
    df = df.with_columns(ym.alias("ym"))
    aggs = [pl.len().alias("count")]
    if ledger == "works":
        df = df.with_columns(
            pl.when(pl.col("fast") & (pl.col("accepted") <= pl.col("date")))
            .then(pl.business_day_count(pl.col("accepted"), pl.col("date")))
            .alias("workdays")
        )
        aggs += [
            pl.col("fast").sum().alias("fast"),
            pl.col("workdays").sum().alias("workdays_sum"),
            pl.col("workdays").count().alias("workdays_rows"),
        ]
    if ledger == "finance":
        pledge = pl.col("category").str.contains("质押")
        aggs += [
            pl.when(pledge).then(pl.col("amount")).otherwise(0.0).sum().alias("pledge"),
            pl.when(pledge).then(0.0).otherwise(pl.col("amount")).sum().alias("other"),
        ]
    months = df.filter(pl.col("ym").is_not_null()).group_by("ym").agg(aggs).sort("ym")
    first, last = YEAR * 12, YEAR * 12 + 11
    counted = df.filter(pl.col("ym").is_between(first, last))
    tally_aggs = [pl.len().alias("count")]
    if ledger == "finance":
        tally_aggs.append(pl.col("amount").sum())
    tallies = counted.group_by("ym", "category").agg(tally_aggs).sort("ym", "category")
    return {
        "rows": rows,
        "unique": df.height,
        "undated": df.filter(pl.col("ym").is_null()).height,
        "counted": counted.height,
        "months": months.height,
        "tallies": tallies.height,
    }


def main() -> None:
    month = sys.argv[1]
    started = time.perf_counter()
    paths = sorted(
        (os.path.join(d, f) for d, _, fs in os.walk(month) for f in fs if f.endswith(".xlsx")),
        key=os.path.getsize,
        reverse=True,
    )
    with ThreadPoolExecutor(THREADS) as ex:
        read = list(ex.map(read_file, paths))
    by_ledger: dict[str, list[pl.DataFrame]] = {}
    for sheets in read:
        for ledger, df in sheets:
            by_ledger.setdefault(ledger, []).append(df)
    del read
    pools = {ledger: pool(ledger, frames) for ledger, frames in sorted(by_ledger.items())}
    secs = time.perf_counter() - started
    rows = sum(p["rows"] for p in pools.values())
    unique = sum(p["unique"] for p in pools.values())
    print(f"secs={secs} files={len(paths)} rows={rows} unique={unique} repeats={rows - unique}")


if __name__ == "__main__":
    main()
