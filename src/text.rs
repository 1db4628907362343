//! How things read in Chinese: one place for the forms of a number, a
//! quantity, a percentage, a date, a count in numerals and a system error,
//! so that the workbook, the templates, the plan table, the messages and the
//! circular all write them alike and changing a form is one edit. Below
//! every other module.
//!
//! The plan's own words are built from these forms beside the plan's types:
//! a comparator (`Comparator::word`, `Comparator::sign`) and a figure's
//! target in a table cell (`Figure::target_text`, `≥260,000 件`) or in a
//! sentence (`Figure::goal_text`, `不少于 260,000 件`). Status words are spelt
//! once, by their enums (`Status::as_str`, `TaskStatus::as_str`); Excel's own
//! number formats belong to the xlsx layer. Why the system
//! refused to read or write a file reads here too ([`io_reason`]).

use chrono::{Datelike, NaiveDate};

/// A number as people write it: thousands separators, at most two decimals,
/// no trailing zeros (`260,000`, `105`, `2.5`, `0.75`).
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let text = format!("{:.2}", x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    // -0.001 rounds to 0: no sign for a zero.
    let sign = if x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A number echoed as a cell holds it, for matching and for listing a
/// row's values: no separators, up to six decimals (`3000`, `0.35`).
pub fn cell_number(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number with its unit: `612 件`, `4.5 个工作日`, but `55%`; the bare
/// number when the unit is empty.
pub fn quantity(x: f64, unit: &str) -> String {
    if unit.is_empty() || unit.starts_with(['%', '％']) {
        format!("{}{unit}", number(x))
    } else {
        format!("{} {unit}", number(x))
    }
}

/// A ratio as a percentage with one decimal: `0.816` → `81.6%`.
pub fn percent(ratio: f64) -> String {
    format!("{:.1}%", ratio * 100.0)
}

/// A task's progress (0–100) as departments write it: `60%`, `62.5%`.
pub fn progress(p: f64) -> String {
    format!("{}%", number(p))
}

/// A date as a clerk writes it: `2025年3月31日`.
pub fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A small count as a Chinese numeral, for headings: 1 → 一, 10 → 十,
/// 12 → 十二, 25 → 二十五 (up to 99; larger counts stay Arabic).
pub fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// Why the system refused to read or write a file, as a person says it:
/// `没有权限`, `磁盘已满`. A reason with no Chinese name here is said as
/// 系统错误 with the system's own words after it, for maintainers.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let reason = match e.kind() {
        K::NotFound => "找不到该文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已有同名的文件",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段是文件，不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出了磁盘配额",
        K::FileTooLarge => "文件太大",
        K::InvalidFilename => "文件名无效或太长",
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序占用",
        K::UnexpectedEof => "文件不完整",
        K::OutOfMemory => "内存不足",
        K::Interrupted => "操作被中断",
        K::BrokenPipe => "输出已被关闭",
        _ => return format!("系统错误（{e}）"),
    };
    reason.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_read_like_people_write_them() {
        assert_eq!(number(260_000.0), "260,000");
        assert_eq!(number(105.0), "105");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(0.75), "0.75");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(1_234_567.891), "1,234,567.89");
        assert_eq!(number(-3000.0), "-3,000");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(cell_number(3000.0), "3000");
        assert_eq!(cell_number(0.35), "0.35");
        assert_eq!(cell_number(1_234_567_890_123.0), "1234567890123");
    }

    #[test]
    fn quantities_percentages_and_dates() {
        assert_eq!(quantity(612.0, "件"), "612 件");
        assert_eq!(quantity(55.0, "%"), "55%");
        assert_eq!(quantity(4.5, ""), "4.5");
        assert_eq!(percent(0.8164), "81.6%");
        assert_eq!(progress(60.0), "60%");
        assert_eq!(date(d(2025, 3, 31)), "2025年3月31日");
    }

    #[test]
    fn numerals_for_headings() {
        let got: Vec<String> = [1, 4, 10, 12, 20, 25, 100].map(numeral).to_vec();
        assert_eq!(got, ["一", "四", "十", "十二", "二十", "二十五", "100"]);
    }

    #[test]
    fn io_reasons_in_chinese() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            io_reason(&Error::from(ErrorKind::PermissionDenied)),
            "没有权限"
        );
        assert_eq!(
            io_reason(&Error::from_raw_os_error(2)),
            "找不到该文件或文件夹"
        );
        let other = io_reason(&Error::other("disk on fire"));
        assert!(other.starts_with("系统错误（"), "{other}");
        assert!(other.contains("disk on fire"), "the cause follows: {other}");
    }
}
