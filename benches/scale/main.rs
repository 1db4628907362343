//! The speed benchmark (README, Speed): how much the whole pipeline adds on
//! top of reading the cells, and how it compares with a Python peer.
//!
//! ```text
//! cargo bench --bench scale                      # scale 0.05: 16 districts, ~216,000 ledger rows
//! cargo bench --bench scale -- --scale 1         # the municipal case: 80 files, ~4.3 million rows
//! cargo bench --bench scale -- --scale 1 --repeat 5 --districts 16
//! cargo bench --bench scale -- --months 4          # merge over 1…4 months re-sending the same ledgers
//! ```
//!
//! Inputs are generated once per shape into `target/bench-data/` (see
//! `generate.rs`) and reused. Each measurement runs in a fresh child process
//! (this same binary with `--child`), so its peak memory (VmHWM) is its own
//! and no allocator state carries over; each is repeated and the median kept.
//! Measured, in one run, each repetition taking its turn:
//!
//! - (a) floor: calamine alone reading every cell of every sheet through its
//!   cell reader (values borrowed, nothing kept), files shared out over all
//!   cores largest first;
//! - (b) pipeline: `app::summarise_month` (read, normalise, check, pool);
//! - (c) render: `report::render` (the workbook) and `report::json` serialised;
//! - (d) merge: the real `workplan merge` binary, files to workbook, as a
//!   user runs it (its peak memory and CPU time from `getrusage`);
//! - (e) peer: `peer.py`, Python polars + fastexcel doing the same ledger
//!   pooling on two threads, when python3 has both modules;
//!
//! then, once, the pipeline's stages timed one by one (intake, measure,
//! checks, summarise) to show where the time goes.

mod generate;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use workplan::app::{self, Progress};
use workplan::import::{self, discover, read};
use workplan::period::Period;
use workplan::plan;

use generate::Shape;

fn main() {
    // As the real binary does, so the stages' peaks compare with its own.
    app::return_large_blocks();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let stage = args.get(i + 1).cloned().unwrap_or_default();
        let root = value(&args, "--root").map(PathBuf::from);
        match root {
            Some(root) => child(&stage, &root),
            None => fail("--child needs --root"),
        }
        return;
    }
    let scale: f64 = parse(&args, "--scale", 0.05);
    let districts: u32 = parse(&args, "--districts", 16);
    let repeat: usize = parse(&args, "--repeat", 3);
    let months: u32 = parse(&args, "--months", 1);
    if scale.is_nan() || scale <= 0.0 || districts == 0 || repeat == 0 || months == 0 {
        fail("--scale, --districts, --repeat and --months must be positive");
    }
    let plan = plan::load_default().unwrap_or_else(|e| fail(&format!("default plan: {e}")));
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    if months > 1 {
        by_months(&plan, scale, districts, months, &base);
        return;
    }
    let shape = Shape {
        scale,
        districts,
        months: 1,
    };
    let started = Instant::now();
    let root = generate::ensure(&plan, shape, &base).unwrap_or_else(|e| fail(&e));
    let made = started.elapsed().as_secs_f64();
    if made > 1.0 {
        eprintln!("generated in {made:.1} s");
    }
    bench(&root, shape, repeat);
}

/// `--months N`: the real merge over 1, 2, … N months of the same ledgers
/// re-sent in full (each earlier month cut at its month end), for how
/// memory and time grow with the months read for the trends.
fn by_months(plan: &plan::Plan, scale: f64, districts: u32, months: u32, base: &Path) {
    println!("| months read | merge wall s | CPU s | peak RSS |");
    println!("|---:|---:|---:|---:|");
    for m in 1..=months {
        let shape = Shape {
            scale,
            districts,
            months: m,
        };
        let root = generate::ensure(plan, shape, base).unwrap_or_else(|e| fail(&e));
        let r = run_child("merge", &root);
        println!(
            "| {m} | {:.2} | {:.2} | {:.0} MB |",
            get(&r, "secs"),
            get(&r, "cpu"),
            get(&r, "peak") / 1024.0
        );
    }
}

fn value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1).map(String::as_str)
}

fn parse<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    match value(args, name) {
        None => default,
        Some(v) => v
            .parse()
            .unwrap_or_else(|_| fail(&format!("{name}: cannot read `{v}`"))),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(2)
}

// ------------------------------------------------------------------ children

/// One measurement, printed as `key=value` pairs on one line for the parent.
fn child(stage: &str, root: &Path) {
    let plan = plan::load_default().unwrap_or_else(|e| fail(&format!("default plan: {e}")));
    let period: Period = generate::PERIOD
        .parse()
        .unwrap_or_else(|_| fail("generator period"));
    let layout = app::locate(root, Some(period), &plan).unwrap_or_else(|e| fail(&e.to_string()));
    let mut out: Vec<(&str, String)> = Vec::new();
    match stage {
        "floor" => {
            let found = discover::discover(std::slice::from_ref(&layout.month), &layout.root);
            let paths: Vec<PathBuf> = found
                .iter()
                .filter(|f| f.ignored.is_none())
                .map(|f| f.path.clone())
                .collect();
            let cpu = cpu_seconds();
            let t = Instant::now();
            let counts = largest_first(&paths, floor_file);
            out.push(("secs", t.elapsed().as_secs_f64().to_string()));
            out.push(("cpu", (cpu_seconds() - cpu).to_string()));
            out.push(("files", counts.len().to_string()));
            out.push((
                "cells",
                counts.iter().map(|c| c.0).sum::<usize>().to_string(),
            ));
            out.push((
                "rows",
                counts.iter().map(|c| c.1).sum::<usize>().to_string(),
            ));
        }
        "pipeline" => {
            let cpu = cpu_seconds();
            let t = Instant::now();
            let summary = app::summarise_month(&plan, &layout, &Progress::hidden());
            out.push(("secs", t.elapsed().as_secs_f64().to_string()));
            out.push(("cpu", (cpu_seconds() - cpu).to_string()));
            out.push(("rows", summary.totals.rows_read.to_string()));
            out.push(("accepted", summary.totals.accepted.to_string()));
            out.push(("rejected", summary.totals.rejected.to_string()));
            out.push(("skipped", summary.totals.skipped.to_string()));
            out.push(("flags", summary.flags.len().to_string()));
        }
        "render" => {
            let summary = app::summarise_month(&plan, &layout, &Progress::hidden());
            reset_peak();
            let cpu = cpu_seconds();
            let t = Instant::now();
            let bytes = workplan::report::render(&summary)
                .unwrap_or_else(|e| fail(&format!("render: {e}")));
            let book = t.elapsed().as_secs_f64();
            let j = Instant::now();
            let json = serde_json::to_vec_pretty(&workplan::report::json(&summary))
                .unwrap_or_else(|e| fail(&format!("json: {e}")));
            out.push(("json", j.elapsed().as_secs_f64().to_string()));
            out.push(("secs", t.elapsed().as_secs_f64().to_string()));
            out.push(("cpu", (cpu_seconds() - cpu).to_string()));
            out.push(("book", book.to_string()));
            out.push(("bytes", bytes.len().to_string()));
            out.push(("json_bytes", json.len().to_string()));
        }
        "merge" => {
            let dir = std::env::temp_dir().join(format!("workplan-bench-{}", std::process::id()));
            let book = dir.join("汇总.xlsx");
            let mut command = Command::new(env!("CARGO_BIN_EXE_workplan"));
            command
                .arg("merge")
                .arg(root)
                .args(["--period", generate::PERIOD, "-o"])
                .arg(&book);
            let (secs, cpu, peak, stdout) = run_measured(&mut command);
            let _ = std::fs::remove_dir_all(&dir);
            out.push(("secs", secs.to_string()));
            out.push(("cpu", cpu.to_string()));
            // `读取文件 80 个、数据行 216064：采纳 215372、拒收 212、跳过 480`
            let line = stdout
                .lines()
                .find(|l| l.starts_with("读取文件"))
                .unwrap_or_default();
            let numbers: Vec<String> = line
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect();
            for (key, n) in ["files", "rows", "accepted", "rejected", "skipped"]
                .iter()
                .zip(numbers)
            {
                out.push((key, n));
            }
            // The child's own peak, not this process's.
            println!(
                "{} peak={peak}",
                out.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            return;
        }
        "peer" => {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/scale/peer.py");
            let mut command = Command::new("python3");
            command
                .arg(script)
                .arg(&layout.month)
                .env("POLARS_MAX_THREADS", "2");
            let (secs, cpu, peak, stdout) = run_measured(&mut command);
            let line = stdout.lines().last().unwrap_or_default();
            let inner = line
                .split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| format!("peer_{k}={v}"));
            println!(
                "secs={secs} cpu={cpu} peak={peak} {}",
                inner.collect::<Vec<_>>().join(" ")
            );
            return;
        }
        "stages" => stages(&plan, &layout, &mut out),
        _ => fail(&format!("unknown child stage `{stage}`")),
    }
    out.push(("peak", rss_kb("VmHWM").to_string()));
    let line: Vec<String> = out.iter().map(|(k, v)| format!("{k}={v}")).collect();
    println!("{}", line.join(" "));
}

/// Runs `f` over `paths` on every core, the largest files first (so that
/// no core is left alone with a big file at the end), in any order.
fn largest_first<T: Send>(paths: &[PathBuf], f: impl Fn(&Path) -> T + Sync) -> Vec<T> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut order: Vec<(u64, &PathBuf)> = paths
        .iter()
        .map(|p| (std::fs::metadata(p).map_or(0, |m| m.len()), p))
        .collect();
    order.sort_by_key(|o| std::cmp::Reverse(o.0));
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(paths.len()));
    rayon::scope(|s| {
        for _ in 0..rayon::current_num_threads() {
            s.spawn(|_| {
                while let Some((_, path)) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let r = f(path);
                    results.lock().unwrap_or_else(|e| e.into_inner()).push(r);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// calamine alone on one file: the bytes read, the workbook opened (shared
/// strings, styles), every worksheet's cells streamed by its cell reader.
/// Returns the cells and the rows holding a value.
fn floor_file(path: &Path) -> (usize, usize) {
    use calamine::{DataRef, Reader, Xlsx};
    let Ok(bytes) = std::fs::read(path) else {
        return (0, 0);
    };
    let Ok(mut book) = Xlsx::new(std::io::Cursor::new(bytes)) else {
        return (0, 0);
    };
    let names: Vec<String> = book.sheet_names();
    let (mut cells, mut rows) = (0, 0);
    for name in names {
        let Ok(mut reader) = book.worksheet_cells_reader(&name) else {
            continue;
        };
        let mut last = None;
        while let Ok(Some(cell)) = reader.next_cell() {
            if matches!(cell.get_value(), DataRef::Empty) {
                continue;
            }
            cells += 1;
            let row = cell.get_position().0;
            if last.replace(row) != Some(row) {
                rows += 1;
            }
        }
    }
    (cells, rows)
}

/// Runs a command to its end: wall seconds, CPU seconds (user + system) and
/// peak resident memory in kB of the command and its children, and its
/// standard output. This process must have waited for no other child.
fn run_measured(command: &mut Command) -> (f64, f64, u64, String) {
    let t = Instant::now();
    let output = command
        .output()
        .unwrap_or_else(|e| fail(&format!("cannot run {command:?}: {e}")));
    let secs = t.elapsed().as_secs_f64();
    if !output.status.success() {
        fail(&format!(
            "{command:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // SAFETY: getrusage writes into the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let time = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    (
        secs,
        cpu,
        peak,
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// `app::summarise_month` taken apart, each stage timed, with its peak
/// memory and the memory held after it. First, one file at a time, reading
/// (`read::read`) and interpreting (`rows::interpret`) are timed apart.
fn stages(plan: &plan::Plan, layout: &app::Layout, out: &mut Vec<(&str, String)>) {
    use workplan::{check, measure, summarise};
    let found = discover::discover(std::slice::from_ref(&layout.month), &layout.root);
    // CPU time of this thread, so other processes on the machine do not count.
    let (mut reading, mut interpreting) = (0.0, 0.0);
    for f in found.iter().filter(|f| f.ignored.is_none()) {
        let t = thread_cpu_seconds();
        let Ok(book) = read::read(&f.path) else {
            continue;
        };
        let u = thread_cpu_seconds();
        let yielded = import::rows::interpret(plan, Some(layout.period), &f.file, &book);
        interpreting += thread_cpu_seconds() - u;
        reading += u - t;
        drop((yielded, book));
    }
    out.push(("read_1", reading.to_string()));
    out.push(("interpret_1", interpreting.to_string()));
    let mut cpu = cpu_seconds();
    let mut mark = |name: &'static str, t: Instant| {
        let secs = t.elapsed().as_secs_f64();
        let now = cpu_seconds();
        out.push((
            name,
            format!(
                "{secs}/{}/{}/{}",
                now - cpu,
                rss_kb("VmHWM"),
                rss_kb("VmRSS")
            ),
        ));
        cpu = now;
        reset_peak();
    };
    reset_peak();
    let t = Instant::now();
    let intake = import::intake(plan, Some(layout.period), &found);
    mark("intake", t);
    let t = Instant::now();
    let measures = measure::measure(plan, layout.period, &intake, &[]);
    mark("measure", t);
    let t = Instant::now();
    let flags = check::check(
        plan,
        layout.period,
        &intake,
        &[],
        &measures,
        &check::Scope::Month,
    );
    mark("check", t);
    let t = Instant::now();
    let summary = summarise::summarise(plan, layout.period, intake, measures, flags, &[]);
    mark("summarise", t);
    let t = Instant::now();
    drop(summary);
    mark("drop", t);
}

/// A `/proc/self/status` line in kB (`VmHWM`: peak resident set; `VmRSS`: now).
fn rss_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0), so a later peak is the
/// stage's own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// CPU time of the calling thread in seconds (`/proc/thread-self/schedstat`, ns).
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// User + system CPU time of this process so far, from `/proc/self/stat`
/// (clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the `(comm)`, which may hold spaces: state is field 3,
    // utime field 14, stime field 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (tick(11) + tick(12)) / 100.0
}

// ------------------------------------------------------------------ parent

/// One child's `key=value` line.
type Record = Vec<(String, String)>;

fn run_child(stage: &str, root: &Path) -> Record {
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(&format!("current exe: {e}")));
    let output = Command::new(exe)
        .args(["--child", stage, "--root"])
        .arg(root)
        .output()
        .unwrap_or_else(|e| fail(&format!("cannot run the {stage} child: {e}")));
    if !output.status.success() {
        fail(&format!(
            "the {stage} child failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().last().unwrap_or_default();
    line.split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn get(r: &Record, key: &str) -> f64 {
    r.iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// The median of `key` over runs (the lower middle for an even count).
fn median(runs: &[Record], key: &str) -> f64 {
    let mut v: Vec<f64> = runs.iter().map(|r| get(r, key)).collect();
    v.sort_by(f64::total_cmp);
    v.get((v.len().saturating_sub(1)) / 2)
        .copied()
        .unwrap_or(f64::NAN)
}

fn bench(root: &Path, shape: Shape, repeat: usize) {
    let month = root.join(generate::PERIOD);
    let (files, bytes) = folder_size(&month);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let peer = peer_available();
    // Warm the page cache so the first timed run reads like the others.
    let _ = run_child("floor", root);
    let mut floor = Vec::new();
    let mut pipeline = Vec::new();
    let mut render = Vec::new();
    let mut merge = Vec::new();
    let mut python = Vec::new();
    for i in 0..repeat {
        eprintln!("run {}/{repeat} …", i + 1);
        floor.push(run_child("floor", root));
        merge.push(run_child("merge", root));
        if peer {
            python.push(run_child("peer", root));
        }
        pipeline.push(run_child("pipeline", root));
        render.push(run_child("render", root));
    }
    let stages = run_child("stages", root);

    let f = median(&floor, "secs");
    let fc = median(&floor, "cpu");
    let rows = median(&pipeline, "rows");
    let cells = median(&floor, "cells");
    println!();
    println!(
        "workplan scale benchmark: scale {} ({} districts), {files} files, {:.1} MB of xlsx, \
         {} rows, {:.1} M cells; {cores} cores; median of {repeat}",
        shape.scale,
        shape.districts,
        bytes as f64 / 1e6,
        thousands(rows),
        cells / 1e6,
    );
    println!();
    println!(
        "| {:<40} | {:>7} | {:>7} | {:>7} | {:>7} | {:>10} | {:>5} | {:>8} |",
        "stage", "wall s", "÷ floor", "CPU s", "÷ floor", "rows/s", "cores", "peak RSS"
    );
    println!(
        "|{:-<42}|{:->8}:|{:->8}:|{:->8}:|{:->8}:|{:->11}:|{:->6}:|{:->9}:|",
        "", "", "", "", "", "", "", ""
    );
    let line = |name: &str, runs: &[Record]| {
        let (secs, cpu) = (median(runs, "secs"), median(runs, "cpu"));
        println!(
            "| {:<40} | {:>7.2} | {:>7.2} | {:>7.2} | {:>7.2} | {:>10} | {:>5.2} | {:>5.0} MB |",
            name,
            secs,
            secs / f,
            cpu,
            cpu / fc,
            thousands(rows / secs),
            cpu / secs,
            median(runs, "peak") / 1024.0
        );
    };
    line("(a) floor: calamine alone reads the cells", &floor);
    line("(b) pipeline: summarise_month", &pipeline);
    line("(c) render: workbook + JSON", &render);
    line("(d) workplan merge: files to workbook", &merge);
    if peer {
        line("(e) Python polars + fastexcel, pooling", &python);
    }
    println!();
    let m = median(&merge, "secs");
    println!(
        "merge ÷ floor: {:.2} (wall), {:.2} (CPU); merge peak {:.0} MB, {:.0} MB per million rows",
        m / f,
        median(&merge, "cpu") / fc,
        median(&merge, "peak") / 1024.0,
        median(&merge, "peak") / 1024.0 / (rows / 1e6),
    );
    if peer {
        let p = median(&python, "peer_secs");
        println!(
            "merge ÷ Python peer: {:.2} (peer's own timing, {p:.2} s, without starting Python); \
             {:.2} (the whole process, {:.2} s); peer peak {:.0} MB; peer rows {}, distinct {}",
            m / p,
            m / median(&python, "secs"),
            median(&python, "secs"),
            median(&python, "peak") / 1024.0,
            thousands(median(&python, "peer_rows")),
            thousands(median(&python, "peer_unique")),
        );
    } else {
        println!("Python peer not run: python3 with polars and fastexcel was not found");
    }
    println!(
        "counts: merge {} rows read = {} accepted + {} rejected + {} skipped; pipeline {} = {} + {} + {}, {} flags",
        thousands(median(&merge, "rows")),
        thousands(median(&merge, "accepted")),
        thousands(median(&merge, "rejected")),
        thousands(median(&merge, "skipped")),
        thousands(rows),
        thousands(median(&pipeline, "accepted")),
        thousands(median(&pipeline, "rejected")),
        thousands(median(&pipeline, "skipped")),
        thousands(median(&pipeline, "flags")),
    );
    println!(
        "render: workbook {:.2} s ({:.1} MB), JSON {:.2} s ({:.1} MB); its peak RSS includes the summary",
        median(&render, "book"),
        median(&render, "bytes") / 1e6,
        median(&render, "json"),
        median(&render, "json_bytes") / 1e6,
    );
    println!();
    println!("the pipeline taken apart (one run):");
    println!(
        "  one file at a time (thread CPU): read {:.2} s, interpret (import::rows) {:.2} s = {:.0}% of reading",
        get(&stages, "read_1"),
        get(&stages, "interpret_1"),
        100.0 * get(&stages, "interpret_1") / get(&stages, "read_1")
    );
    println!(
        "  {:<44} {:>7} {:>7} {:>10} {:>10}",
        "stage", "wall s", "CPU s", "peak RSS", "RSS after"
    );
    let parts = [
        ("intake", "import::intake (read + normalise, parallel)"),
        ("measure", "measure::measure (ledger pool)"),
        ("check", "check::check"),
        ("summarise", "summarise::summarise"),
        ("drop", "dropping the summary"),
    ];
    for (key, name) in parts {
        let v: Vec<f64> = stages
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.split('/').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_default();
        if let [secs, cpu, peak, rss] = v[..] {
            println!(
                "  {name:<44} {secs:>7.2} {cpu:>7.2} {:>7.0} MB {:>7.0} MB",
                peak / 1024.0,
                rss / 1024.0
            );
        }
    }
}

/// Whether python3 can run the peer (it needs polars and fastexcel).
fn peer_available() -> bool {
    Command::new("python3")
        .args(["-c", "import polars, fastexcel"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Files and bytes under a folder.
fn folder_size(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(m) = e.metadata() {
                files += 1;
                bytes += m.len();
            }
        }
    }
    (files, bytes)
}

/// `4300800` → `4,300,800`.
fn thousands(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
