//! Values as people type them: task ids, numbers with units, percentages,
//! dates, statuses, yes/no, money. Pure functions: a cell in, a value or a
//! [`ValueError`] saying what was wrong out. An empty cell (or `-`, `无`) is
//! `Ok(None)`, never an error.

use std::borrow::Cow;

use chrono::{Datelike, Days, NaiveDate};

use crate::import::vocab;
use crate::import::{CellView, Status};
use crate::period::Period;

/// Why a cell could not be read as the value its column wants. Each variant
/// carries the cell as written, for the clerk's message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueError {
    /// Not a value of the expected kind (`百分之六十` for a percentage).
    #[error("“{0}”无法识别")]
    Unreadable(String),
    /// A number outside the allowed range (a percentage above 100).
    #[error("“{0}”超出0–100的范围")]
    OutOfRange(String),
    /// A formula whose value was never calculated; holds the formula.
    #[error("公式“={0}”没有计算结果")]
    Formula(String),
    /// A cell holding an error value such as `#DIV/0!`.
    #[error("单元格为错误值{0}")]
    CellError(String),
}

// ------------------------------------------------------------------ text

/// Full-width forms (`１２３`, `（`, `：`, `％`) and odd spaces folded to
/// ASCII; borrowed when nothing changes.
pub fn fold(s: &str) -> Cow<'_, str> {
    if plain(s) || s.chars().all(|c| fold_char(c) == c) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(fold_char).collect())
    }
}

/// A cheap byte scan: no whitespace and no character [`fold_char`] changes
/// can be present (those start with the bytes 0xC2, 0xE1–0xE3 or 0xEF in
/// UTF-8; CJK ideographs do not). Most cells of a big ledger are plain.
fn plain(s: &str) -> bool {
    !s.bytes()
        .any(|b| b.is_ascii_whitespace() || matches!(b, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF))
}

fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{A0}' => ' ',
        '\u{2014}' | '\u{2013}' | '\u{2212}' | '\u{2015}' => '-',
        _ => c,
    }
}

/// [`fold`] and drop every whitespace character: the form texts are compared in.
pub fn squeeze(s: &str) -> String {
    if plain(s) {
        return s.to_string();
    }
    s.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A cell as text, the way a person sees it: numbers without `.0`, dates as
/// `2025-03-31`, formulas with their `=`.
pub fn text<'a>(cell: impl Into<CellView<'a>>) -> Cow<'a, str> {
    match cell.into() {
        CellView::Text(s) => Cow::Borrowed(s.trim()),
        CellView::Number(x) => Cow::Owned(crate::text::cell_number(x)),
        CellView::Bool(b) => Cow::Borrowed(if b { "TRUE" } else { "FALSE" }),
        CellView::Date(x) => match from_serial(x) {
            Some(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
            None => Cow::Owned(crate::text::cell_number(x)),
        },
        CellView::Error(e) => Cow::Borrowed(e),
        CellView::Formula(f) => Cow::Owned(format!("={}", f.trim_start_matches('='))),
    }
}

/// Whether a text means "nothing here" (empty, `-`, `/`, `无`).
pub fn is_empty_word(s: &str) -> bool {
    let t = squeeze(s);
    t.is_empty() || vocab::EMPTY_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))
}

/// The error for a cell that is not text or a number (formula, error value).
fn special(cell: CellView<'_>) -> Option<ValueError> {
    match cell {
        CellView::Formula(f) => Some(ValueError::Formula(f.trim_start_matches('=').to_string())),
        CellView::Error(e) => Some(ValueError::CellError(e.to_string())),
        _ => None,
    }
}

// ------------------------------------------------------------------ task ids

/// A task number in any of the forms departments write: `1`, `1.0`, `01`,
/// `１`, `第1项`, `第一项`, `任务1`, `（1）`, `1.`, `1、`. `None` for anything
/// else, including milestone ids (`24.1`) and section numerals (`（一）`).
pub fn task_id<'a>(cell: impl Into<CellView<'a>>) -> Option<u32> {
    match cell.into() {
        CellView::Number(x) => integral(x),
        CellView::Text(s) => task_id_text(s),
        _ => None,
    }
}

fn integral(x: f64) -> Option<u32> {
    (x.is_finite() && x.fract() == 0.0 && x >= 1.0 && x <= f64::from(u32::MAX)).then_some(x as u32)
}

fn task_id_text(s: &str) -> Option<u32> {
    let t = squeeze(s);
    let mut t = t.as_str();
    let mut chinese_ok = false;
    for prefix in ["重点任务", "任务", "事项", "No.", "NO.", "no.", "No", "#"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest;
            chinese_ok = true;
            break;
        }
    }
    if let Some(rest) = t.strip_prefix('第') {
        let inner = rest
            .strip_suffix('项')
            .or_else(|| rest.strip_suffix('条'))?;
        t = inner;
        chinese_ok = true;
    }
    let t = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
        .unwrap_or(t);
    let t = t.trim_end_matches(['.', '、', ',', ':', ')']);
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u32>().ok().filter(|&n| n > 0);
    }
    if let Some((int, frac)) = t.split_once('.')
        && !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b == b'0')
    {
        return int.parse::<u32>().ok().filter(|&n| n > 0);
    }
    if chinese_ok {
        return chinese_numeral(t);
    }
    None
}

/// `一`…`九十九` as a number.
pub fn chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// A figure id as the plan writes it: `I4` from `i4`, `Ｉ４`, `I-4`; `24.1`
/// from `24.1` or the number 24.1. The caller looks it up in the plan.
pub fn figure_id<'a>(cell: impl Into<CellView<'a>>) -> Option<String> {
    match cell.into() {
        CellView::Number(x) if x.is_finite() && x > 0.0 => Some(crate::text::cell_number(x)),
        CellView::Text(s) => {
            let t: String = squeeze(s)
                .chars()
                .filter(|c| !matches!(c, '-' | '_' | '#'))
                .map(|c| c.to_ascii_uppercase())
                .collect();
            let t = t.trim_end_matches(['.', '、']);
            (!t.is_empty()).then(|| t.to_string())
        }
        _ => None,
    }
}

// ------------------------------------------------------------------ numbers

/// What follows a number: nothing, a money unit, a percent sign, or another unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix {
    None,
    /// `元` (after any multiplier): the number is an amount of money.
    Yuan,
    /// `%`.
    Percent,
    /// Any other unit word (`件`, `批`, `次`…).
    Other,
}

/// A number as written, with its multiplier applied and its unit noted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The number times any `千`/`万`/`亿` written after it.
    pub value: f64,
    /// Whether a `千`/`万`/`亿` multiplier was written.
    pub scaled: bool,
    pub suffix: Suffix,
    /// Whether the number had a decimal point (`1.0` rather than `1`).
    pub decimal: bool,
}

/// Reads a cell as a quantity: a number, or text like `3,000件`, `100亿元`,
/// `1.2万`, `4批`, `１２３`, `约60%`.
pub fn quantity<'a>(cell: impl Into<CellView<'a>>) -> Result<Option<Quantity>, ValueError> {
    let cell = cell.into();
    if let Some(e) = special(cell) {
        return Err(e);
    }
    match cell {
        CellView::Number(x) if x.is_finite() => Ok(Some(Quantity {
            value: x,
            scaled: false,
            suffix: Suffix::None,
            decimal: x.fract() != 0.0,
        })),
        CellView::Text(s) => {
            if is_empty_word(s) {
                return Ok(None);
            }
            quantity_text(s)
                .map(Some)
                .ok_or_else(|| ValueError::Unreadable(s.trim().to_string()))
        }
        other => Err(ValueError::Unreadable(text(other).into_owned())),
    }
}

fn strip_any<'a>(s: &'a str, words: &[&str]) -> &'a str {
    for w in words {
        if let Some(rest) = s.strip_prefix(w) {
            return rest;
        }
    }
    s
}

fn quantity_text(s: &str) -> Option<Quantity> {
    let t = squeeze(s);
    let t = strip_any(&t, vocab::NUMBER_PREFIXES);
    let b = t.as_bytes();
    let mut i = 0;
    let mut digits = String::with_capacity(t.len());
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        if b[i] == b'-' {
            digits.push('-');
        }
        i += 1;
    }
    let mut int_digits = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            digits.push(c as char);
            int_digits += 1;
            i += 1;
        } else if c == b',' && int_digits > 0 && thousands_group(&b[i + 1..]) {
            i += 1;
        } else {
            break;
        }
    }
    let mut decimal = false;
    if i < b.len() && b[i] == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
        decimal = true;
        digits.push('.');
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            digits.push(b[i] as char);
            i += 1;
        }
    } else if int_digits > 0 && i < b.len() && b[i] == b'.' {
        // `3.` : a trailing dot
        i += 1;
    }
    if int_digits == 0 && !decimal {
        return None;
    }
    if i + 1 < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        let mut exp = String::from("e");
        if b[j] == b'+' || b[j] == b'-' {
            exp.push(b[j] as char);
            j += 1;
        }
        let start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            exp.push(b[j] as char);
            j += 1;
        }
        if j > start {
            digits.push_str(&exp);
            i = j;
        }
    }
    let mut value: f64 = digits.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let rest = &t[i..];
    let rest = strip_any(rest, &["余", "多", "+"]);
    let (mult, rest) = if let Some(r) = rest.strip_prefix("万亿") {
        (1e12, r)
    } else if let Some(r) = rest.strip_prefix("百万") {
        (1e6, r)
    } else if let Some(r) = rest.strip_prefix('亿') {
        (1e8, r)
    } else if let Some(r) = rest.strip_prefix('万') {
        (1e4, r)
    } else if let Some(r) = rest.strip_prefix('千') {
        (1e3, r)
    } else {
        (1.0, rest)
    };
    let rest = strip_any(rest, &["余", "多", "+"]);
    if rest.bytes().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let suffix = if rest.is_empty() || rest.starts_with("左右") {
        Suffix::None
    } else if rest.starts_with('元') {
        Suffix::Yuan
    } else if rest.starts_with('%') {
        Suffix::Percent
    } else {
        Suffix::Other
    };
    value *= mult;
    Some(Quantity {
        value,
        scaled: mult != 1.0,
        suffix,
        decimal,
    })
}

/// After a comma: exactly three digits, then no further digit.
fn thousands_group(b: &[u8]) -> bool {
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && b.get(3).is_none_or(|c| !c.is_ascii_digit())
}

/// A plain number, multipliers applied (`1.2万` → 12000; `3,000件` → 3000).
pub fn number<'a>(cell: impl Into<CellView<'a>>) -> Result<Option<f64>, ValueError> {
    Ok(quantity(cell)?.map(|q| q.value))
}

/// A percentage 0–100: `35%`, `35`, `0.35` (a share written as a fraction,
/// or a cell formatted as a percentage) → 35. Outside 0–100 is an error.
pub fn percent<'a>(cell: impl Into<CellView<'a>>) -> Result<Option<f64>, ValueError> {
    let cell = cell.into();
    let Some(q) = quantity(cell)? else {
        return Ok(None);
    };
    let v = percent_value(q, matches!(cell, CellView::Number(_)));
    if (-1e-9..=100.0 + 1e-9).contains(&v) {
        Ok(Some(v.clamp(0.0, 100.0)))
    } else {
        Err(ValueError::OutOfRange(text(cell).into_owned()))
    }
}

/// A quantity as a percentage, without a range check (`0.35` → 35).
pub fn percent_value(q: Quantity, is_number_cell: bool) -> f64 {
    let v = q.value;
    let v = if q.suffix == Suffix::Percent || q.scaled {
        v
    } else if v > 0.0 && (v < 1.0 || (v == 1.0 && (is_number_cell || q.decimal))) {
        v * 100.0
    } else {
        v
    };
    (v * 1e6).round() / 1e6
}

// ------------------------------------------------------------------ money

/// The unit of an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyUnit {
    Yuan,
    Thousand,
    /// 万元.
    Wan,
    /// 亿元.
    Yi,
}

impl MoneyUnit {
    /// The unit named by a header's unit text (`万元`, `（亿元）`, `元`).
    pub fn parse(text: &str) -> Option<MoneyUnit> {
        let t = squeeze(text);
        let t = t.trim_matches(['(', ')', '[', ']']);
        match t {
            "元" | "人民币元" => Some(MoneyUnit::Yuan),
            "千元" => Some(MoneyUnit::Thousand),
            "万元" | "万" | "人民币万元" => Some(MoneyUnit::Wan),
            "亿元" | "亿" | "人民币亿元" => Some(MoneyUnit::Yi),
            _ => None,
        }
    }

    /// How many yuan one unit is.
    pub fn yuan(self) -> f64 {
        match self {
            MoneyUnit::Yuan => 1.0,
            MoneyUnit::Thousand => 1e3,
            MoneyUnit::Wan => 1e4,
            MoneyUnit::Yi => 1e8,
        }
    }
}

/// An amount in 亿元. A cell that names its unit (`500万元`, `1.2亿`,
/// `300元`) is read in that unit; a bare number in the header's unit.
pub fn money<'a>(
    cell: impl Into<CellView<'a>>,
    header_unit: MoneyUnit,
) -> Result<Option<f64>, ValueError> {
    let Some(q) = quantity(cell)? else {
        return Ok(None);
    };
    let yuan = if q.scaled || q.suffix == Suffix::Yuan {
        q.value
    } else {
        q.value * header_unit.yuan()
    };
    Ok(Some(yuan / 1e8))
}

// ------------------------------------------------------------------ dates

/// An Excel serial day number (1900 system) as a date; `None` out of range.
pub fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() {
        return None;
    }
    let days = serial.floor();
    if !(1.0..=2_958_465.0).contains(&days) {
        return None;
    }
    let days = days as u64;
    // Serial 60 is Lotus's 1900-02-29, which never was.
    let base = if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else if days == 60 {
        return NaiveDate::from_ymd_opt(1900, 2, 28);
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_days(Days::new(days))
}

/// A date in any of the forms departments write: a real date, an Excel
/// serial (also as a plain number: Chinese date formats arrive as numbers),
/// `20250331`, `2025-03-31`, `2025/3/31`, `2025年3月31日`, `2025.3.31`,
/// `2025-03-31 10:00:00`; a month (`2025年3月`, `3月底`, `2025-03`) is its
/// last day, `上旬`/`中旬` the 10th/20th; `3月31日` takes `year_hint`;
/// `年底`, `上半年`, `一季度` and the like their last day. Words meaning "no
/// deadline" (`长期`, `持续推进`) and `-` are `Ok(None)`.
pub fn date<'a>(
    cell: impl Into<CellView<'a>>,
    year_hint: i32,
) -> Result<Option<NaiveDate>, ValueError> {
    let cell = cell.into();
    if let Some(e) = special(cell) {
        return Err(e);
    }
    let bad = || ValueError::Unreadable(text(cell).into_owned());
    match cell {
        CellView::Date(x) => from_serial(x).map(Some).ok_or_else(bad),
        CellView::Number(x) => date_number(x).map(Some).ok_or_else(bad),
        CellView::Text(s) => {
            let t = squeeze(cut_time(s));
            if t.is_empty()
                || vocab::EMPTY_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))
                || vocab::NO_DATE_WORDS.contains(&t.as_str())
            {
                return Ok(None);
            }
            date_text(&t, year_hint).map(Some).ok_or_else(bad)
        }
        CellView::Bool(_) | CellView::Error(_) | CellView::Formula(_) => Err(bad()),
    }
}

fn date_number(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() || x < 1.0 {
        return None;
    }
    if x.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(&x) {
        let n = x as u32;
        return NaiveDate::from_ymd_opt((n / 10_000) as i32, n / 100 % 100, n % 100);
    }
    if (1900.0..2200.0).contains(&x) {
        // `2025.3` typed as a number: a month; `2025`: the year.
        let year = x.trunc() as i32;
        let frac = crate::text::cell_number(x);
        let month = match frac.split_once('.') {
            None => 12,
            Some((_, m)) => m.parse::<u32>().ok()?,
        };
        return Period::new(year, month).map(Period::as_of);
    }
    from_serial(x)
}

/// Drops a time of day after a date: `2025-03-31 10:00:00`, `2025-03-31T10:00`.
fn cut_time(s: &str) -> &str {
    let s = s.trim();
    match s.find(':') {
        Some(i) => match s[..i].rfind([' ', 'T']) {
            Some(j) => &s[..j],
            None => s,
        },
        None => s,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A run of ASCII digits: its value and how many digits.
    Num(u32, usize),
    Ch(char),
}

fn tokens(t: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut n: u64 = 0;
    let mut len = 0usize;
    for c in t.chars() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            n = (n * 10 + u64::from(d)).min(u64::from(u32::MAX));
            len += 1;
        } else {
            if len > 0 {
                out.push(Tok::Num(n as u32, len));
                n = 0;
                len = 0;
            }
            out.push(Tok::Ch(c));
        }
    }
    if len > 0 {
        out.push(Tok::Num(n as u32, len));
    }
    out
}

fn chars_of(toks: &[Tok]) -> Option<String> {
    toks.iter()
        .map(|t| match t {
            Tok::Ch(c) => Some(*c),
            Tok::Num(..) => None,
        })
        .collect()
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    Period::new(y, m).map(Period::as_of)
}

/// The day a suffix after a month names: `底`/`末`/`份`/`下旬` the last, `中旬` the 20th, `上旬`/`初` the 10th.
fn month_day(y: i32, m: u32, suffix: &str) -> Option<NaiveDate> {
    let s = suffix
        .trim_end_matches("之前")
        .trim_end_matches("以前")
        .trim_end_matches('前')
        .trim_end_matches('止');
    match s {
        "" | "底" | "末" | "份" | "下旬" | "内" | "中下旬" => month_end(y, m),
        "中旬" | "中" => NaiveDate::from_ymd_opt(y, m, 20),
        "上旬" | "初" | "上中旬" => NaiveDate::from_ymd_opt(y, m, 10),
        _ => None,
    }
}

/// Dates named by words: `年底`, `上半年`, `一季度末`, `Q3`.
fn keyword_date(y: i32, s: &str) -> Option<NaiveDate> {
    let s = s
        .trim_end_matches("之前")
        .trim_end_matches("以前")
        .trim_end_matches('前')
        .trim_end_matches('止');
    let s = s.strip_prefix("年").unwrap_or(s);
    match s {
        "" | "底" | "末" | "年底" | "年末" | "内" | "年内" | "全年" | "下半年" | "四季度"
        | "第四季度" => {
            return month_end(y, 12);
        }
        "上半年" | "年中" => return month_end(y, 6),
        _ => {}
    }
    let q = s.strip_prefix('第').unwrap_or(s);
    let q = q
        .strip_suffix("季度末")
        .or_else(|| q.strip_suffix("季度底"))
        .or_else(|| q.strip_suffix("季度"))
        .or_else(|| q.strip_prefix('Q').or_else(|| q.strip_prefix('q')))?;
    let n = q
        .parse::<u32>()
        .ok()
        .or_else(|| chinese_numeral(q))
        .filter(|n| (1..=4).contains(n))?;
    month_end(y, n * 3)
}

fn is_date_sep(c: char) -> bool {
    matches!(c, '-' | '/' | '.' | '年' | '_')
}

fn date_text(t: &str, year_hint: i32) -> Option<NaiveDate> {
    let toks = tokens(t);
    use Tok::{Ch, Num};
    match toks.as_slice() {
        [Num(n, 8), rest @ ..] if rest.is_empty() || rest == [Ch('日')] => {
            ymd(n / 10_000, n / 100 % 100, n % 100)
        }
        [Num(n, 5)] if (20_000..80_000).contains(n) => from_serial(f64::from(*n)),
        [Num(y, 4), Ch(a), Num(m, _), Ch(b), Num(d, _), rest @ ..]
            if is_date_sep(*a) && (is_date_sep(*b) || *b == '月') =>
        {
            match chars_of(rest)?.as_str() {
                "" | "日" | "号" | "前" | "日前" | "号前" | "之前" | "日之前" => {
                    ymd(*y, *m, *d)
                }
                _ => None,
            }
        }
        [Num(y, 4), Ch(a), Num(m, _), rest @ ..] if is_date_sep(*a) => {
            let s = chars_of(rest)?;
            let s = s.strip_prefix('月').unwrap_or(&s);
            if !(1900..2200).contains(y) {
                return None;
            }
            month_day(*y as i32, *m, s)
        }
        [Num(y, 4), rest @ ..] if (1900..2200).contains(y) => {
            keyword_date(*y as i32, &chars_of(rest)?)
        }
        [Num(m, 1 | 2), Ch('月'), Num(d, 1 | 2), rest @ ..] => match chars_of(rest)?.as_str() {
            "" | "日" | "号" | "前" | "日前" | "号前" => {
                NaiveDate::from_ymd_opt(year_hint, *m, *d)
            }
            _ => None,
        },
        [Num(m, 1 | 2), Ch('月'), rest @ ..] => month_day(year_hint, *m, &chars_of(rest)?),
        [Num(m, 1 | 2), Ch('-' | '/' | '.'), Num(d, 1 | 2)] => {
            NaiveDate::from_ymd_opt(year_hint, *m, *d)
        }
        [Ch('第'), Num(q, 1), rest @ ..] | [Num(q, 1), rest @ ..] => {
            let s = chars_of(rest)?;
            keyword_date(year_hint, &format!("{q}{s}"))
        }
        _ => keyword_date(year_hint, t),
    }
}

/// Whether a date text is a period in words only (`全年`, `年底前`,
/// `上半年`, `三季度`), with no number: the day it stands for is the
/// tool's reading, to be said. `6月底前`, `2025年12月` and `3月底` name
/// their month and read without comment.
pub fn is_date_in_words(text: &str) -> bool {
    !squeeze(text).chars().any(|c| c.is_ascii_digit())
}

/// The reporting month a text names: `2025年3月`, `2025-03`, `202503`,
/// `2025年1-3月` (the last month of a range), `3月` (in `year_hint`).
pub fn month(text: &str, year_hint: i32) -> Option<Period> {
    let t = squeeze(text);
    let toks = tokens(&t);
    use Tok::{Ch, Num};
    match toks.as_slice() {
        [Num(n, 6), ..] => Period::new((n / 100) as i32, n % 100),
        [Num(n, 8), ..] => Period::new((n / 10_000) as i32, n / 100 % 100),
        [
            Num(y, 4),
            Ch(a),
            Num(_, 1 | 2),
            Ch('-' | '~' | '至' | '到'),
            Num(m, 1 | 2),
            Ch('月'),
            ..,
        ] if is_date_sep(*a) => Period::new(*y as i32, *m),
        [Num(y, 4), Ch(a), Num(m, 1 | 2), ..] if is_date_sep(*a) => Period::new(*y as i32, *m),
        [
            Num(_, 1 | 2),
            Ch('-' | '~' | '至' | '到'),
            Num(m, 1 | 2),
            Ch('月'),
            ..,
        ] => Period::new(year_hint, *m),
        [Num(m, 1 | 2), Ch('月'), ..] => Period::new(year_hint, *m),
        _ => None,
    }
}

/// The first `YYYY年M月` (or `YYYY年M-N月`) inside a longer text such as a
/// title `…推进情况表（2025年3月）`.
pub fn month_in(text: &str) -> Option<Period> {
    let t = squeeze(text);
    let toks = tokens(&t);
    use Tok::{Ch, Num};
    for i in 0..toks.len() {
        match &toks[i..] {
            [
                Num(y, 4),
                Ch('年'),
                Num(_, 1 | 2),
                Ch('-' | '~' | '至' | '到'),
                Num(m, 1 | 2),
                Ch('月'),
                rest @ ..,
            ]
            | [Num(y, 4), Ch('年'), Num(m, 1 | 2), Ch('月'), rest @ ..] => {
                let Some(p) = Period::new(*y as i32, *m) else {
                    continue;
                };
                // A day after the month makes a date: only the month's last
                // day (截至2025年3月31日) names the month reported.
                match rest {
                    [Num(d, 1 | 2), ..] if p.as_of().day() != *d => {}
                    _ => return Some(p),
                }
            }
            _ => {}
        }
    }
    None
}

// ------------------------------------------------------------------ words

/// A task status from its word or an alias ([`vocab::status_words`]): exact, or
/// text that starts with one (`推进中，已完成80%`). `未完成` is not a status.
pub fn status(text: &str) -> Option<Status> {
    let t = squeeze(text);
    let t = t.trim_end_matches(['.', '。', ';', '；', '!', '！', ',', '，']);
    if t.is_empty() || t.starts_with("未完成") || t.starts_with("尚未完成") {
        return None;
    }
    for status in Status::ALL {
        if vocab::status_words(status).any(|w| w == t) {
            return Some(status);
        }
    }
    let mut best: Option<(usize, Status)> = None;
    for status in Status::ALL {
        for w in vocab::status_words(status) {
            // `完成80%` is a percentage, not 已完成.
            let fits = t
                .strip_prefix(w)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()));
            if fits && best.is_none_or(|(len, _)| w.len() > len) {
                best = Some((w.len(), status));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Yes or no: `是`/`否`, `Y`/`N`, `√`/`×`, TRUE/FALSE, 1/0.
pub fn yes_no<'a>(cell: impl Into<CellView<'a>>) -> Result<Option<bool>, ValueError> {
    let cell = cell.into();
    if let Some(e) = special(cell) {
        return Err(e);
    }
    let bad = || ValueError::Unreadable(text(cell).into_owned());
    match cell {
        CellView::Bool(b) => Ok(Some(b)),
        CellView::Number(1.0) => Ok(Some(true)),
        CellView::Number(0.0) => Ok(Some(false)),
        CellView::Text(s) => {
            let t = squeeze(s);
            if t.is_empty() {
                return Ok(None);
            }
            if vocab::YES_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w)) {
                Ok(Some(true))
            } else if vocab::NO_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w)) {
                Ok(Some(false))
            } else if t.starts_with('是') {
                Ok(Some(true))
            } else if t.starts_with('否') || t.starts_with("不是") {
                Ok(Some(false))
            } else if ["-", "/", "无"].contains(&t.as_str()) {
                Ok(None)
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Cell;
    use proptest::prelude::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn task_ids_in_every_form() {
        for (cell, want) in [
            (Cell::Number(1.0), Some(1)),
            (Cell::Number(25.0), Some(25)),
            (t("1"), Some(1)),
            (t("1.0"), Some(1)),
            (t("01"), Some(1)),
            (t("１"), Some(1)),
            (t("１３"), Some(13)),
            (t("第1项"), Some(1)),
            (t("第十三项"), Some(13)),
            (t("任务1"), Some(1)),
            (t("任务 7"), Some(7)),
            (t("（1）"), Some(1)),
            (t("(12)"), Some(12)),
            (t("1."), Some(1)),
            (t("3、"), Some(3)),
            (t(" 5 "), Some(5)),
            (Cell::Number(24.1), None),
            (Cell::Number(0.0), None),
            (t("24.1"), None),
            (t("（一）"), None),
            (t("一"), None),
            (t("I4"), None),
            (t("编制规划"), None),
            (t(""), None),
            (t("0"), None),
            (Cell::Bool(true), None),
        ] {
            assert_eq!(task_id(&cell), want, "{cell:?}");
        }
    }

    #[test]
    fn figure_ids_fold_case_and_width() {
        assert_eq!(figure_id(&t("i4")).as_deref(), Some("I4"));
        assert_eq!(figure_id(&t("Ｉ４")).as_deref(), Some("I4"));
        assert_eq!(figure_id(&t("I-4")).as_deref(), Some("I4"));
        assert_eq!(figure_id(&t("24.1")).as_deref(), Some("24.1"));
        assert_eq!(figure_id(&Cell::Number(24.1)).as_deref(), Some("24.1"));
        assert_eq!(figure_id(&Cell::Number(3.0)).as_deref(), Some("3"));
        assert_eq!(figure_id(&t("  ")), None);
    }

    #[test]
    fn numbers_with_separators_units_and_multipliers() {
        for (cell, want) in [
            (Cell::Number(3000.0), 3000.0),
            (t("3000"), 3000.0),
            (t("3,000件"), 3000.0),
            (t("3，000件"), 3000.0),
            (t("1,234,567"), 1_234_567.0),
            (t("100亿元"), 1e10),
            (t("1.2万"), 12_000.0),
            (t("1.2万件"), 12_000.0),
            (t("4批"), 4.0),
            (t("１２３"), 123.0),
            (t("１，２３４．５"), 1234.5),
            (t("约3000件"), 3000.0),
            (t("3000余件"), 3000.0),
            (t("-5"), -5.0),
            (t(".5"), 0.5),
            (t("1.5E+03"), 1500.0),
            (t("26万"), 260_000.0),
        ] {
            assert_eq!(number(&cell), Ok(Some(want)), "{cell:?}");
        }
        for s in ["", "  ", "-", "/", "无", "—"] {
            assert_eq!(number(&t(s)), Ok(None), "{s:?}");
        }
        for s in ["三千", "3-5件", "abc", "截至3月", "1,2", "3月5日"] {
            assert!(
                matches!(number(&t(s)), Err(ValueError::Unreadable(_))),
                "{s:?}"
            );
        }
        assert_eq!(
            number(&Cell::Formula("SUM(A1:A3)".into())),
            Err(ValueError::Formula("SUM(A1:A3)".into()))
        );
        assert_eq!(
            number(&Cell::Error("#DIV/0!".into())),
            Err(ValueError::CellError("#DIV/0!".into()))
        );
    }

    #[test]
    fn percentages() {
        for (cell, want) in [
            (t("35%"), 35.0),
            (t("35％"), 35.0),
            (t("35"), 35.0),
            (t("0.35"), 35.0),
            (Cell::Number(0.35), 35.0),
            (Cell::Number(1.0), 100.0),
            (Cell::Number(60.0), 60.0),
            (t("100%"), 100.0),
            (t("1"), 1.0),
            (t("1.0"), 100.0),
            (t("0"), 0.0),
            (t("约60%"), 60.0),
            (t("100%（已完成）"), 100.0),
        ] {
            assert_eq!(percent(&cell), Ok(Some(want)), "{cell:?}");
        }
        assert_eq!(
            percent(&t("百分之六十")),
            Err(ValueError::Unreadable("百分之六十".into()))
        );
        assert_eq!(
            percent(&t("120%")),
            Err(ValueError::OutOfRange("120%".into()))
        );
        assert_eq!(
            percent(&Cell::Number(-5.0)),
            Err(ValueError::OutOfRange("-5".into()))
        );
        assert_eq!(percent(&t("")), Ok(None));
    }

    #[test]
    fn money_in_yi_yuan() {
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-12);
        assert!(close(
            money(&Cell::Number(5000.0), MoneyUnit::Wan).unwrap(),
            0.5
        ));
        assert!(close(money(&t("500万元"), MoneyUnit::Yi).unwrap(), 0.05));
        assert!(close(money(&t("1.2亿"), MoneyUnit::Wan).unwrap(), 1.2));
        assert!(close(money(&t("1.2亿元"), MoneyUnit::Yuan).unwrap(), 1.2));
        assert!(close(money(&t("300元"), MoneyUnit::Wan).unwrap(), 3e-6));
        assert!(close(
            money(&Cell::Number(2.5), MoneyUnit::Yi).unwrap(),
            2.5
        ));
        assert!(close(
            money(&t("12,000,000"), MoneyUnit::Yuan).unwrap(),
            0.12
        ));
        assert_eq!(money(&t(""), MoneyUnit::Wan), Ok(None));
        assert!(money(&t("一百万"), MoneyUnit::Wan).is_err());
        assert_eq!(MoneyUnit::parse("（万元）"), Some(MoneyUnit::Wan));
        assert_eq!(MoneyUnit::parse("亿元"), Some(MoneyUnit::Yi));
        assert_eq!(MoneyUnit::parse("元"), Some(MoneyUnit::Yuan));
        assert_eq!(MoneyUnit::parse("件"), None);
    }

    #[test]
    fn serials_follow_excel() {
        assert_eq!(from_serial(1.0), Some(d(1900, 1, 1)));
        assert_eq!(from_serial(59.0), Some(d(1900, 2, 28)));
        assert_eq!(from_serial(61.0), Some(d(1900, 3, 1)));
        assert_eq!(from_serial(45658.0), Some(d(2025, 1, 1)));
        assert_eq!(from_serial(45747.0), Some(d(2025, 3, 31)));
        assert_eq!(from_serial(45747.75), Some(d(2025, 3, 31)));
        assert_eq!(from_serial(0.0), None);
        assert_eq!(from_serial(f64::NAN), None);
        assert_eq!(from_serial(1e12), None);
    }

    #[test]
    fn dates_in_every_form() {
        let y = 2025;
        for (cell, want) in [
            (Cell::Date(45747.0), d(2025, 3, 31)),
            (Cell::Number(45747.0), d(2025, 3, 31)),
            (Cell::Number(20250331.0), d(2025, 3, 31)),
            (t("2025-03-31"), d(2025, 3, 31)),
            (t("2025/3/31"), d(2025, 3, 31)),
            (t("2025年3月31日"), d(2025, 3, 31)),
            (t("2025 年 3 月 31 日"), d(2025, 3, 31)),
            (t("２０２５年３月３１日"), d(2025, 3, 31)),
            (t("2025.3.31"), d(2025, 3, 31)),
            (t("2025-03-31 10:30:00"), d(2025, 3, 31)),
            (t("2025-03-31T10:30"), d(2025, 3, 31)),
            (t("20250331"), d(2025, 3, 31)),
            (t("45747"), d(2025, 3, 31)),
            (t("2025年3月"), d(2025, 3, 31)),
            (t("2025年2月"), d(2025, 2, 28)),
            (t("2025-03"), d(2025, 3, 31)),
            (t("2025.6"), d(2025, 6, 30)),
            (t("2025年3月底"), d(2025, 3, 31)),
            (t("2025年6月底前"), d(2025, 6, 30)),
            (t("3月底"), d(2025, 3, 31)),
            (t("3月"), d(2025, 3, 31)),
            (t("12月底前"), d(2025, 12, 31)),
            (t("3月31日"), d(2025, 3, 31)),
            (t("6月中旬"), d(2025, 6, 20)),
            (t("6月上旬"), d(2025, 6, 10)),
            (t("年底"), d(2025, 12, 31)),
            (t("2025年底"), d(2025, 12, 31)),
            (t("2025年"), d(2025, 12, 31)),
            (t("上半年"), d(2025, 6, 30)),
            (t("一季度"), d(2025, 3, 31)),
            (t("第三季度末"), d(2025, 9, 30)),
            (t("Q2"), d(2025, 6, 30)),
            (t("2025年二季度"), d(2025, 6, 30)),
            (Cell::Number(2025.0), d(2025, 12, 31)),
            (Cell::Number(2025.06), d(2025, 6, 30)),
        ] {
            assert_eq!(date(&cell, y), Ok(Some(want)), "{cell:?}");
        }
        for s in ["", "-", "长期", "持续推进", "无"] {
            assert_eq!(date(&t(s), y), Ok(None), "{s:?}");
        }
        for s in [
            "2025-13-01",
            "2025年2月30日",
            "明天",
            "3/4/2025",
            "13月",
            "下个月",
        ] {
            assert!(
                matches!(date(&t(s), y), Err(ValueError::Unreadable(_))),
                "{s:?}"
            );
        }
        assert!(date(&Cell::Bool(true), y).is_err());
        assert!(matches!(
            date(&Cell::Formula("TODAY()".into()), y),
            Err(ValueError::Formula(_))
        ));
    }

    #[test]
    fn months_of_reporting() {
        let p = |y, m| Period::new(y, m);
        assert_eq!(month("2025年3月", 2025), p(2025, 3));
        assert_eq!(month("2025-03", 2025), p(2025, 3));
        assert_eq!(month("202503", 2025), p(2025, 3));
        assert_eq!(month("2025年1-3月", 2025), p(2025, 3));
        assert_eq!(month("3月", 2025), p(2025, 3));
        assert_eq!(month("2025年3月31日", 2025), p(2025, 3));
        assert_eq!(month("三月", 2025), None);
        assert_eq!(
            month_in("浦东新区知识产权局2025年工作要点推进情况表（2025年3月）"),
            p(2025, 3)
        );
        assert_eq!(
            month_in("2025年工作要点推进情况（2025年1-4月）"),
            p(2025, 4)
        );
        assert_eq!(month_in("2025年工作要点推进情况表"), None);
        assert_eq!(month_in("请于2025年4月5日前报送"), None);
        assert_eq!(month_in("推进情况（截至2025年3月31日）"), p(2025, 3));
    }

    #[test]
    fn statuses_and_aliases() {
        for (word, want) in [
            ("未启动", Status::NotStarted),
            ("暂缓", Status::NotStarted),
            ("未开展", Status::NotStarted),
            ("推进中", Status::InProgress),
            ("进行中", Status::InProgress),
            ("正常推进", Status::InProgress),
            ("按计划推进", Status::InProgress),
            ("已完成", Status::Done),
            ("完成", Status::Done),
            ("已办结", Status::Done),
            ("滞后", Status::Behind),
            ("延期", Status::Behind),
            ("逾期", Status::Behind),
            ("未按期", Status::Behind),
            (" 已完成。", Status::Done),
            ("推进中，已完成80%", Status::InProgress),
        ] {
            assert_eq!(status(word), Some(want), "{word}");
        }
        assert_eq!(status("未完成"), None);
        assert_eq!(status("完成80%"), None);
        assert_eq!(status("已完成80%"), None);
        assert_eq!(status("滞后，因经费未到位"), Some(Status::Behind));
        assert_eq!(status("未按期完成"), Some(Status::Behind));
        assert_eq!(status("很好"), None);
        assert_eq!(status(""), None);
    }

    #[test]
    fn yes_and_no() {
        for s in ["是", "Y", "y", "√", "yes"] {
            assert_eq!(yes_no(&t(s)), Ok(Some(true)), "{s}");
        }
        for s in ["否", "N", "×", "no"] {
            assert_eq!(yes_no(&t(s)), Ok(Some(false)), "{s}");
        }
        assert_eq!(yes_no(&Cell::Bool(true)), Ok(Some(true)));
        assert_eq!(yes_no(&Cell::Number(0.0)), Ok(Some(false)));
        assert_eq!(yes_no(&t("")), Ok(None));
        assert!(yes_no(&t("也许")).is_err());
    }

    #[test]
    fn text_shows_cells_as_people_see_them() {
        assert_eq!(text(&Cell::Number(3.0)), "3");
        assert_eq!(text(&Cell::Number(0.35)), "0.35");
        assert_eq!(text(&Cell::Date(45747.0)), "2025-03-31");
        assert_eq!(text(&Cell::Formula("SUM(A1)".into())), "=SUM(A1)");
        assert_eq!(text(&t("  x ")), "x");
        assert_eq!(squeeze("（ 万元 ）\n"), "(万元)");
    }

    fn to_full_width(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' | ',' | '.' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                _ => c,
            })
            .collect()
    }

    fn with_separators(n: u64) -> String {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn numbers_round_trip_with_separators(n in 0u64..10_000_000_000, full in any::<bool>(), unit in prop::sample::select(vec!["", "件", "批", "次", "元"])) {
            let mut s = with_separators(n);
            if full { s = to_full_width(&s); }
            s.push_str(unit);
            prop_assert_eq!(number(&Cell::Text(s)), Ok(Some(n as f64)));
        }

        #[test]
        fn decimals_round_trip(int in 0u32..1_000_000, frac in 0u32..100) {
            let s = format!("{int}.{frac:02}");
            let want: f64 = s.parse().unwrap();
            prop_assert_eq!(number(&Cell::Text(s)), Ok(Some(want)));
        }

        #[test]
        fn any_string_never_panics(s in "\\PC*") {
            let c = Cell::Text(s.clone());
            let _ = task_id(&c);
            let _ = figure_id(&c);
            let _ = number(&c);
            let _ = percent(&c);
            let _ = money(&c, MoneyUnit::Wan);
            let _ = date(&c, 2025);
            let _ = status(&s);
            let _ = yes_no(&c);
            let _ = month(&s, 2025);
            let _ = month_in(&s);
        }

        #[test]
        fn any_number_never_panics(x in any::<f64>()) {
            let c = Cell::Number(x);
            let _ = task_id(&c);
            let _ = number(&c);
            let _ = percent(&c);
            let _ = date(&c, 2025);
            let _ = date(&Cell::Date(x), 2025);
            let _ = text(&c);
        }

        #[test]
        fn dates_in_all_forms(days in 0i64..3650, form in 0usize..7) {
            let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(days);
            let (y, m, dd) = (day.year(), day.month(), day.day());
            let s = match form {
                0 => format!("{y}-{m:02}-{dd:02}"),
                1 => format!("{y}/{m}/{dd}"),
                2 => format!("{y}年{m}月{dd}日"),
                3 => format!("{y}.{m}.{dd}"),
                4 => format!("{y}{m:02}{dd:02}"),
                5 => to_full_width(&format!("{y}年{m}月{dd}日")),
                _ => format!("{y}-{m:02}-{dd:02} 08:00:00"),
            };
            prop_assert_eq!(date(&Cell::Text(s), 2025), Ok(Some(day)));
            let serial = (day - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days() as f64;
            prop_assert_eq!(date(&Cell::Number(serial), 2025), Ok(Some(day)));
            prop_assert_eq!(date(&Cell::Date(serial), 2025), Ok(Some(day)));
        }

        #[test]
        fn month_forms_are_month_ends(y in 2000i32..2100, m in 1u32..=12) {
            let end = Period::new(y, m).unwrap().as_of();
            prop_assert_eq!(date(&Cell::Text(format!("{y}年{m}月")), 2025), Ok(Some(end)));
            prop_assert_eq!(date(&Cell::Text(format!("{m}月底")), y), Ok(Some(end)));
        }
    }
}
