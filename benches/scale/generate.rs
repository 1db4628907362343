//! The input generator: a month folder shaped like the real ones, at any scale.
//!
//! The municipal case is 16 districts × 5 departments: each
//! district's folder holds one workbook per department of the plan, with its
//! task progress, its figures and the ledgers it keeps. At `--scale 1` a
//! district's works ledger holds a year of registrations (260,000 rows), the
//! other ledgers their yearly volume (mediation 3,000, prereview 5,000,
//! finance 800): ~4.3 million ledger rows in 80 files. The period is 2025-12,
//! so a year's dates all count.
//!
//! Every header, sheet and id comes from the default plan and
//! `import::vocab`, so everything is recognised. Like departments' files,
//! the sheets have a title and meta rows above the header, dates as real
//! dates with ~2.5% typed as text (`2025年3月12日`), shared strings, and a few
//! planted problems (one duplicate registration in a thousand).
//!
//! Everything is seeded: the same scale gives the same cells.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use rayon::prelude::*;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use workplan::import::SheetKind;
use workplan::import::vocab::{self, Column, Field};
use workplan::plan::{FigureKind, LedgerKind, Plan};

/// The month the generated folder reports.
pub const PERIOD: &str = "2025-12";

/// Ledger rows per district-year at scale 1.
fn yearly_rows(kind: LedgerKind) -> f64 {
    match kind {
        LedgerKind::Works => 260_000.0,
        LedgerKind::Mediation => 3_000.0,
        LedgerKind::Finance => 800.0,
        LedgerKind::Prereview => 5_000.0,
    }
}

/// Bump when the generated files change, so cached inputs are rebuilt.
const VERSION: u32 = 1;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub scale: f64,
    pub districts: u32,
    /// Month folders, [`PERIOD`] and the months before it. Each earlier
    /// month holds the same ledgers cut at its own month end, as a ledger
    /// re-sent in full every month is.
    pub months: u32,
}

impl Shape {
    /// Rows of one ledger in one district's file.
    pub fn rows(&self, kind: LedgerKind) -> usize {
        ((yearly_rows(kind) * self.scale).round() as usize).max(10)
    }

    /// The cache folder for this shape under `base` (target/bench-data).
    pub fn root(&self, base: &Path) -> PathBuf {
        let months = match self.months {
            1 => String::new(),
            n => format!("-months-{n}"),
        };
        base.join(format!(
            "v{VERSION}-scale-{}-districts-{}{months}",
            self.scale, self.districts
        ))
    }
}

/// The generated root (holding the month folder `2025-12`), generated
/// unless a complete earlier run is cached there.
pub fn ensure(plan: &Plan, shape: Shape, base: &Path) -> Result<PathBuf, String> {
    let root = shape.root(base);
    let done = root.join("COMPLETE");
    if done.is_file() {
        return Ok(root);
    }
    let partial = root.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    let last: u32 = PERIOD[5..].parse().unwrap_or(12);
    let months: Vec<u32> = (0..shape.months.min(last)).map(|k| last - k).collect();
    let jobs: Vec<(u32, u32, &str)> = months
        .iter()
        .flat_map(|&m| (1..=shape.districts).map(move |d| (m, d)))
        .flat_map(|(m, d)| {
            plan.departments
                .iter()
                .filter(|dep| plan.must_report(&dep.name))
                .map(move |dep| (m, d, dep.name.as_str()))
        })
        .collect();
    eprintln!("generating {} files into {} …", jobs.len(), root.display());
    jobs.par_iter().try_for_each(|&(m, district, department)| {
        let dir = partial.join(format!("2025-{m:02}/区{district:02}"));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(format!("{department}_2025年{m}月工作要点推进情况.xlsx"));
        let through = NaiveDate::from_ymd_opt(2025 + i32::from(m == 12), m % 12 + 1, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        department_book(plan, shape, district, department, through, &path)
            .map_err(|e| format!("{}: {e}", path.display()))
    })?;
    let _ = std::fs::remove_dir_all(&root);
    std::fs::rename(&partial, &root).map_err(|e| e.to_string())?;
    std::fs::write(&done, format!("{shape:?}\n")).map_err(|e| e.to_string())?;
    Ok(root)
}

// ------------------------------------------------------------------ randomness

/// SplitMix64: small, fast, seeded; enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        // FNV-1a of the seed text.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

// ------------------------------------------------------------------ words

const WORK_CATEGORIES: &[&str] = &[
    "美术作品",
    "摄影作品",
    "文字作品",
    "视听作品",
    "图形作品",
    "计算机软件",
    "音乐作品",
    "模型作品",
];
const TITLE_HEADS: &[&str] = &[
    "浦江",
    "陆家嘴",
    "张江",
    "临港",
    "外滩",
    "世博",
    "滴水湖",
    "川沙",
    "金桥",
    "前滩",
];
const TITLE_BODIES: &[&str] = &[
    "印象",
    "晨曦",
    "夜色",
    "系列插画",
    "文创图案",
    "品牌标识",
    "吉祥物",
    "宣传海报",
    "微电影",
    "短视频",
    "导览手册",
    "字体设计",
    "卡通形象",
    "纹样",
];
const COMPANY_HEADS: &[&str] = &[
    "上海",
    "浦东",
    "张江",
    "临港",
    "金桥",
    "外高桥",
    "陆家嘴",
    "前滩",
    "三林",
    "川沙",
];
const COMPANY_BODIES: &[&str] = &[
    "星河", "远航", "汇智", "博创", "云帆", "鼎新", "华创", "微芯", "易联", "睿图", "海纳", "启明",
    "蓝湾", "智谷", "长风",
];
const COMPANY_TRADES: &[&str] = &[
    "文化传媒",
    "信息科技",
    "生物医药",
    "集成电路",
    "人工智能",
    "数字科技",
    "创意设计",
    "智能装备",
];
const DISPUTE_TYPES: &[&str] = &["专利", "商标", "著作权", "商业秘密", "不正当竞争"];
const MEDIATION_RESULTS: &[&str] = &["调解成功", "调解成功", "调解成功", "调解不成", "撤回申请"];
const MEDIATORS: &[&str] = &["王敏", "李强", "张丽", "陈杰", "刘洋", "周婷"];
const DEAL_PARTIES: &[&str] = &[
    "浦发银行",
    "上海银行",
    "交通银行",
    "招商银行",
    "个人受让方",
    "合作企业",
];
const PATENT_TYPES: &[&str] = &["发明", "实用新型", "外观设计"];
const TECH_FIELDS: &[&str] = &[
    "集成电路",
    "生物医药",
    "人工智能",
    "高端装备",
    "新材料",
    "新能源汽车",
];
const PREREVIEW_RESULTS: &[&str] = &["合格", "合格", "合格", "合格", "不合格"];
const PROGRESS_PHRASES: &[&str] = &[
    "按照年度工作安排，本月召开专题推进会，梳理重点难点问题，明确责任分工和时间节点",
    "会同相关部门开展实地调研，走访重点企业和园区，形成调研报告并提出工作建议",
    "完成阶段性工作任务，相关制度文件已报局领导审定，拟于下月印发实施",
    "持续推进各项工作，组织业务培训和政策宣讲，服务企业和权利人",
    "加强与市局及兄弟区的沟通协调，争取政策和资源支持，推动工作落地见效",
];

fn company(rng: &mut Rng) -> String {
    format!(
        "{}{}{}有限公司",
        rng.pick(COMPANY_HEADS),
        rng.pick(COMPANY_BODIES),
        rng.pick(COMPANY_TRADES)
    )
}

// ------------------------------------------------------------------ dates

/// Excel's 1900-system serial of a date.
fn serial(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days() as f64
}

/// `2025年3月12日`, as departments type dates.
fn chinese(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The working days from 2024-11-01 through 2025-12-31, on the plan's calendar.
fn workdays(plan: &Plan) -> Vec<NaiveDate> {
    let (Some(mut d), Some(end)) = (
        NaiveDate::from_ymd_opt(2024, 11, 1),
        NaiveDate::from_ymd_opt(2025, 12, 31),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while d <= end {
        if plan.calendar.is_workday(d) {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

// ------------------------------------------------------------------ workbooks

/// Formats shared by a workbook's sheets.
struct Styles {
    title: Format,
    header: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            header: Format::new()
                .set_bold()
                .set_border(rust_xlsxwriter::FormatBorder::Thin),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

/// One department's workbook for one district.
fn department_book(
    plan: &Plan,
    shape: Shape,
    district: u32,
    department: &str,
    through: NaiveDate,
    path: &Path,
) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let mut rng = Rng::new(&format!("{district}/{department}"));
    let mut book = Workbook::new();
    tasks_sheet(
        book.add_worksheet(),
        plan,
        department,
        through,
        &styles,
        &mut rng,
    )?;
    figures_sheet(
        book.add_worksheet(),
        plan,
        shape,
        department,
        through,
        &styles,
        &mut rng,
    )?;
    let days = workdays(plan);
    for kind in plan.ledgers_kept_by(department) {
        let ws = book.add_worksheet_with_low_memory()?;
        ledger_sheet(
            ws, kind, shape, district, department, &days, through, &styles, &mut rng,
        )?;
    }
    book.save(path)
}

/// Title, 填报单位/填报日期 and 报送月份 rows, as departments lay them out.
fn meta_rows(
    ws: &mut Worksheet,
    title: &str,
    department: &str,
    width: u16,
    through: NaiveDate,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, width.saturating_sub(1), title, &s.title)?;
    ws.write_string(1, 0, format!("填报单位：{department}"))?;
    let sent = through.succ_opt().unwrap_or(through) + Duration::days(4);
    let sent = format!("填报日期：{}", chinese(sent));
    ws.write_string(1, width.saturating_sub(2).max(1), sent)?;
    let month = format!("报送月份：{}年{}月", through.year(), through.month());
    ws.write_string(2, 0, month)?;
    Ok(())
}

fn header(ws: &mut Worksheet, row: u32, columns: &[Column], s: &Styles) -> Result<(), XlsxError> {
    for (c, column) in columns.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, column.name, &s.header)?;
    }
    Ok(())
}

/// 工作推进情况: one row per task the department leads.
fn tasks_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    department: &str,
    through: NaiveDate,
    s: &Styles,
    rng: &mut Rng,
) -> Result<(), XlsxError> {
    ws.set_name("工作推进情况")?;
    let columns = vocab::columns(SheetKind::Tasks);
    meta_rows(
        ws,
        "2025年工作要点推进情况表",
        department,
        columns.len() as u16,
        through,
        s,
    )?;
    header(ws, 3, columns, s)?;
    for (row, task) in (4..).zip(plan.tasks_led_by(department)) {
        let done = rng.chance(0.3);
        for (c, column) in columns.iter().enumerate() {
            let c = c as u16;
            match column.field {
                Field::TaskId => {
                    ws.write_number(row, c, f64::from(task.id))?;
                }
                Field::TaskTitle => {
                    ws.write_string(row, c, &task.title)?;
                }
                Field::Leads => {
                    ws.write_string(row, c, task.leads.join("、"))?;
                }
                Field::Status => {
                    ws.write_string(row, c, if done { "已完成" } else { "推进中" })?;
                }
                Field::Progress => {
                    let p = if done { 100 } else { 60 + rng.below(35) };
                    ws.write_number(row, c, p as f64)?;
                }
                Field::ProgressText => {
                    let text: Vec<&str> = (0..3).map(|_| rng.pick(PROGRESS_PHRASES)).collect();
                    ws.write_string(row, c, format!("{}。", text.join("；")))?;
                }
                Field::Planned => {
                    ws.write_string(row, c, "2025年12月31日")?;
                }
                Field::Actual if done => {
                    let d = NaiveDate::from_ymd_opt(2025, 1 + rng.below(12) as u32, 15)
                        .unwrap_or_default();
                    ws.write_number_with_format(row, c, serial(d), &s.date)?;
                }
                Field::Problems => {
                    ws.write_string(row, c, "无")?;
                }
                Field::NextSteps => {
                    ws.write_string(row, c, "按计划持续推进，确保年度任务按期完成")?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// 量化指标: one row per figure the department owns.
fn figures_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    shape: Shape,
    department: &str,
    through: NaiveDate,
    s: &Styles,
    rng: &mut Rng,
) -> Result<(), XlsxError> {
    ws.set_name("量化指标")?;
    let columns = vocab::columns(SheetKind::Figures);
    meta_rows(
        ws,
        "量化指标完成情况",
        department,
        columns.len() as u16,
        through,
        s,
    )?;
    header(ws, 3, columns, s)?;
    for (row, figure) in (4..).zip(plan.figures_owned_by(department)) {
        // Roughly what the district's ledger holds, so values look real.
        let cumulative = match (figure.kind, figure.ledger) {
            (FigureKind::Date, _) => None,
            (_, Some(l)) if figure.kind == FigureKind::Cumulative => {
                Some((shape.rows(l.ledger) as f64 * 0.98).round())
            }
            _ => figure.target.map(|t| (t * 1.02 * 10.0).round() / 10.0),
        };
        for (c, column) in columns.iter().enumerate() {
            let c = c as u16;
            match column.field {
                Field::FigureId => {
                    ws.write_string(row, c, &figure.id)?;
                }
                Field::FigureName => {
                    ws.write_string(row, c, &figure.name)?;
                }
                Field::Unit => {
                    ws.write_string(row, c, &figure.unit)?;
                }
                Field::Target => {
                    if let Some(t) = figure.target {
                        ws.write_number(row, c, t)?;
                    }
                }
                Field::Cumulative => {
                    if let Some(v) = cumulative {
                        ws.write_number(row, c, v)?;
                    }
                }
                Field::MonthValue => {
                    if let Some(v) = cumulative {
                        ws.write_number(row, c, (v / 12.0).round())?;
                    }
                }
                Field::LastYear if figure.kind == FigureKind::Growth => {
                    let rows = figure.ledger.map_or(100, |l| shape.rows(l.ledger));
                    ws.write_number(row, c, (rows as f64 / 1.22).round())?;
                }
                Field::DoneDate if figure.kind == FigureKind::Date && rng.chance(0.8) => {
                    let d = figure.due - Duration::days(rng.below(60) as i64);
                    ws.write_number_with_format(row, c, serial(d), &s.date)?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// One ledger sheet: title, meta rows, header, then a year of rows, written
/// row by row (low-memory mode: shared strings, rows streamed to disk).
#[allow(clippy::too_many_arguments)]
fn ledger_sheet(
    ws: &mut Worksheet,
    kind: LedgerKind,
    shape: Shape,
    district: u32,
    department: &str,
    days: &[NaiveDate],
    through: NaiveDate,
    s: &Styles,
    rng: &mut Rng,
) -> Result<(), XlsxError> {
    ws.set_name(kind.title())?;
    // 序号 first, as departments number their rows, then the vocabulary's columns.
    let columns: Vec<Column> = vocab::columns(SheetKind::Ledger(kind))
        .iter()
        .copied()
        .filter(|c| c.field != Field::Note)
        .collect();
    let width = columns.len() as u16 + 1;
    meta_rows(
        ws,
        &format!("2025年{}", kind.title()),
        department,
        width,
        through,
        s,
    )?;
    ws.write_string_with_format(3, 0, "序号", &s.header)?;
    for (c, column) in columns.iter().enumerate() {
        ws.write_string_with_format(3, c as u16 + 1, column.name, &s.header)?;
    }
    let extra_header = match kind {
        LedgerKind::Mediation => Some("承办调解员"),
        LedgerKind::Finance => Some("质权人/交易对方"),
        LedgerKind::Prereview => Some("专利类型"),
        LedgerKind::Works => None,
    };
    if let Some(h) = extra_header {
        ws.write_string_with_format(3, width, h, &s.header)?;
    }
    let n = shape.rows(kind);
    // Working days of 2025 (counting dates) and their index in `days`.
    let first_2025 = days.iter().position(|d| d.year() == 2025).unwrap_or(0);
    let mut key_no = 0usize;
    for i in 0..n {
        let row = 4 + i as u32;
        ws.write_number(row, 0, (i + 1) as f64)?;
        // Spread rows evenly over the year, so months fill alike.
        let at = first_2025 + (i * (days.len() - first_2025)) / n;
        let counted = days[at.min(days.len() - 1)];
        // An earlier month's ledger: the same rows, up to its month end.
        if counted > through {
            break;
        }
        // One row in a thousand repeats the previous registration.
        if !(i > 0 && i % 1000 == 0) {
            key_no += 1;
        }
        let fast = kind == LedgerKind::Works && rng.chance(0.08);
        let lag = if fast {
            2 + rng.below(5)
        } else {
            8 + rng.below(18)
        };
        let earlier = days[at.saturating_sub(lag)];
        for (c, column) in columns.iter().enumerate() {
            let c = c as u16 + 1;
            let date = |d: NaiveDate, ws: &mut Worksheet, rng: &mut Rng| {
                if rng.chance(0.025) {
                    ws.write_string(row, c, chinese(d)).map(|_| ())
                } else {
                    ws.write_number_with_format(row, c, serial(d), &s.date)
                        .map(|_| ())
                }
            };
            match (kind, column.field) {
                (LedgerKind::Works, Field::Key) => {
                    ws.write_string(row, c, format!("作登字-{district:02}-2025-A-{key_no:08}"))?;
                }
                (LedgerKind::Works, Field::WorkTitle) => {
                    let t = format!(
                        "{}{}{}号",
                        rng.pick(TITLE_HEADS),
                        rng.pick(TITLE_BODIES),
                        rng.below(100_000)
                    );
                    ws.write_string(row, c, t)?;
                }
                (LedgerKind::Works, Field::Category) => {
                    ws.write_string(row, c, rng.pick(WORK_CATEGORIES))?;
                }
                (LedgerKind::Works, Field::Owner) => {
                    ws.write_string(row, c, company(rng))?;
                }
                (LedgerKind::Works, Field::Accepted) => date(earlier, ws, rng)?,
                (LedgerKind::Works, Field::Issued) => date(counted, ws, rng)?,
                (LedgerKind::Works, Field::FastTrack) => {
                    ws.write_string(row, c, if fast { "√" } else { "×" })?;
                }
                (LedgerKind::Mediation, Field::Key) => {
                    ws.write_string(
                        row,
                        c,
                        format!("（2025）区{district:02}知调字第{key_no:05}号"),
                    )?;
                }
                (LedgerKind::Mediation, Field::Accepted) => date(counted, ws, rng)?,
                (LedgerKind::Mediation, Field::Category) => {
                    ws.write_string(row, c, format!("{}纠纷", rng.pick(DISPUTE_TYPES)))?;
                }
                (LedgerKind::Mediation, Field::Result) => {
                    ws.write_string(row, c, rng.pick(MEDIATION_RESULTS))?;
                }
                (LedgerKind::Mediation, Field::Closed) => {
                    let closed = days[(at + 5 + rng.below(30)).min(days.len() - 1)];
                    date(closed, ws, rng)?;
                }
                (LedgerKind::Finance, Field::Key) => {
                    ws.write_string(row, c, format!("YZ{district:02}2025{key_no:06}"))?;
                }
                (LedgerKind::Finance, Field::Company) => {
                    ws.write_string(row, c, company(rng))?;
                }
                (LedgerKind::Finance, Field::Category) => {
                    ws.write_string(row, c, rng.pick(vocab::DEAL_TYPES))?;
                }
                (LedgerKind::Finance, Field::Amount) => {
                    ws.write_number(row, c, (50 + rng.below(5000)) as f64)?;
                }
                (LedgerKind::Finance, Field::Registered) => date(counted, ws, rng)?,
                (LedgerKind::Prereview, Field::Key) => {
                    ws.write_string(row, c, format!("YS{district:02}2025{key_no:06}"))?;
                }
                (LedgerKind::Prereview, Field::Accepted) => date(counted, ws, rng)?,
                (LedgerKind::Prereview, Field::Category) => {
                    ws.write_string(row, c, rng.pick(TECH_FIELDS))?;
                }
                (LedgerKind::Prereview, Field::Result) => {
                    ws.write_string(row, c, rng.pick(PREREVIEW_RESULTS))?;
                }
                _ => {}
            }
        }
        // Extra columns nobody asked for, as departments keep them.
        let extra = width;
        match kind {
            LedgerKind::Mediation => {
                ws.write_string(row, extra, rng.pick(MEDIATORS))?;
            }
            LedgerKind::Finance => {
                ws.write_string(row, extra, rng.pick(DEAL_PARTIES))?;
            }
            LedgerKind::Prereview => {
                ws.write_string(row, extra, rng.pick(PATENT_TYPES))?;
            }
            LedgerKind::Works => {}
        }
    }
    Ok(())
}
