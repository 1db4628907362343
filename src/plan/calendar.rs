//! The working-day calendar: weekends, public holidays and the make-up
//! working days (调休) that fall on weekends; and the official calendars
//! built into the binary (`templates/holidays.toml`, transcribed from the
//! State Council's 放假安排 notices), which a plan uses unless it gives its own.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::PlanWarning;

/// The built-in official calendars, one `[[years]]` entry per year.
pub const OFFICIAL_TOML: &str = include_str!("../../templates/holidays.toml");

/// Public holidays and make-up working days of the plan's year(s).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Days off that would otherwise be working days (and holiday weekends).
    pub holidays: BTreeSet<NaiveDate>,
    /// Weekend days that are working days (调休).
    pub workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// Whether `day` is a working day: a weekday that is not a holiday, or a
    /// make-up working day.
    pub fn is_workday(&self, day: NaiveDate) -> bool {
        if self.workdays.contains(&day) {
            return true;
        }
        if self.holidays.contains(&day) {
            return false;
        }
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// Working days `d` with `from < d ≤ to`: a certificate issued the next
    /// working day after acceptance counts 1; the same day counts 0.
    /// Negative when `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let mut n = 0;
        let mut d = from;
        while d < to {
            d = match d.succ_opt() {
                Some(next) => next,
                None => break,
            };
            if self.is_workday(d) {
                n += 1;
            }
        }
        n
    }
}

/// Consecutive days collapsed into runs `(first, last)`, in order.
pub fn runs<'a>(days: impl IntoIterator<Item = &'a NaiveDate>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &d in days {
        match runs.last_mut() {
            Some((_, end)) if end.succ_opt() == Some(d) => *end = d,
            _ => runs.push((d, d)),
        }
    }
    runs
}

/// A year's official calendar and the notice it was transcribed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    pub year: i32,
    /// The notice's title, e.g. `国务院办公厅关于2025年部分节假日安排的通知`.
    pub notice: String,
    /// Its document number, e.g. `国办发明电〔2024〕12号`.
    pub document: String,
    /// The day it was issued.
    pub issued: NaiveDate,
    pub calendar: Calendar,
}

/// The official calendar of `year`, when one is built in.
pub fn official(year: i32) -> Option<&'static Official> {
    OFFICIAL.iter().find(|o| o.year == year)
}

/// The years that have a built-in official calendar, in order.
pub fn official_years() -> Vec<i32> {
    OFFICIAL.iter().map(|o| o.year).collect()
}

/// The calendar of a plan of `year` that gives none of its own: the official
/// one, else weekends only and a warning saying how to add the holidays.
pub fn of_year(year: i32) -> (Calendar, Option<PlanWarning>) {
    match official(year) {
        Some(o) => (o.calendar.clone(), None),
        None => (Calendar::default(), Some(PlanWarning::NoCalendar { year })),
    }
}

/// Parsed once; the file is embedded and a test reads it, so a mistake in it
/// fails the build's tests rather than a user's run.
static OFFICIAL: LazyLock<Vec<Official>> =
    LazyLock::new(|| parse_official(OFFICIAL_TOML).unwrap_or_default());

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialFile {
    years: Vec<OfficialYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialYear {
    year: i32,
    notice: String,
    document: String,
    issued: String,
    holidays: Vec<String>,
    workdays: Vec<String>,
}

/// Reads `templates/holidays.toml`, checking that every day lies in its year
/// and that no day is both a holiday and a working day.
fn parse_official(text: &str) -> Result<Vec<Official>, String> {
    let file: OfficialFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut years = Vec::new();
    for y in file.years {
        let days = |entries: &[String]| -> Result<BTreeSet<NaiveDate>, String> {
            let mut set = BTreeSet::new();
            for e in entries {
                let list = parse_days(e).ok_or_else(|| format!("{}: `{e}` 不是日期", y.year))?;
                if list.iter().any(|d| d.year() != y.year) {
                    return Err(format!("{}: `{e}` 不在该年内", y.year));
                }
                set.extend(list);
            }
            Ok(set)
        };
        let holidays = days(&y.holidays)?;
        let workdays = days(&y.workdays)?;
        if let Some(d) = holidays.intersection(&workdays).next() {
            return Err(format!("{d} 既是放假日又是上班日"));
        }
        let issued =
            parse_date(&y.issued).ok_or_else(|| format!("{}: 发布日期 `{}`", y.year, y.issued))?;
        years.push(Official {
            year: y.year,
            notice: y.notice,
            document: y.document,
            issued,
            calendar: Calendar { holidays, workdays },
        });
    }
    Ok(years)
}

/// A date written `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A calendar entry: one date, or an inclusive range `2025-01-28..2025-02-04`
/// of at most a year.
pub(crate) fn parse_days(text: &str) -> Option<Vec<NaiveDate>> {
    match text.split_once("..") {
        None => Some(vec![parse_date(text)?]),
        Some((a, b)) => {
            let (a, b) = (parse_date(a)?, parse_date(b)?);
            if b < a || (b - a).num_days() > 366 {
                return None;
            }
            Some(a.iter_days().take_while(|d| *d <= b).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn spring_festival() -> Calendar {
        Calendar {
            holidays: (28..=31)
                .map(|x| d(1, x))
                .chain((1..=4).map(|x| d(2, x)))
                .collect(),
            workdays: [d(1, 26), d(2, 8)].into_iter().collect(),
        }
    }

    #[test]
    fn make_up_days_work_and_holidays_rest() {
        let c = spring_festival();
        assert!(
            c.is_workday(d(1, 26)),
            "Sunday 1/26 is a make-up working day"
        );
        assert!(!c.is_workday(d(1, 29)), "1/29 is the Spring Festival");
        assert!(!c.is_workday(d(1, 25)), "an ordinary Saturday rests");
        assert!(c.is_workday(d(1, 27)));
    }

    #[test]
    fn counts_working_days_after_acceptance_up_to_issue() {
        let c = spring_festival();
        // accepted Fri 1/24: Sun 1/26 (make-up) and Mon 1/27 work, 1/28–2/4 rest, Wed 2/5 works.
        assert_eq!(c.working_days_between(d(1, 24), d(2, 5)), 3);
        assert_eq!(c.working_days_between(d(3, 3), d(3, 4)), 1);
        assert_eq!(c.working_days_between(d(3, 3), d(3, 3)), 0);
        // Friday to Monday: one working day.
        assert_eq!(c.working_days_between(d(3, 7), d(3, 10)), 1);
        assert_eq!(c.working_days_between(d(3, 10), d(3, 7)), -1);
    }

    fn ymd(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_built_in_file_reads() {
        let years = parse_official(OFFICIAL_TOML).unwrap();
        assert_eq!(
            years.iter().map(|o| o.year).collect::<Vec<_>>(),
            [2025, 2026]
        );
        assert_eq!(official_years(), [2025, 2026]);
        let y2025 = official(2025).unwrap();
        assert_eq!(y2025.document, "国办发明电〔2024〕12号");
        assert_eq!(y2025.issued, ymd(2024, 11, 12));
        let y2026 = official(2026).unwrap();
        assert_eq!(y2026.document, "国办发明电〔2025〕7号");
        assert_eq!(y2026.issued, ymd(2025, 11, 4));
        assert!(y2026.notice.contains("2026年部分节假日安排"));
    }

    #[test]
    fn make_up_days_fall_on_weekends_and_holidays_cover_them() {
        for o in parse_official(OFFICIAL_TOML).unwrap() {
            for d in &o.calendar.workdays {
                assert!(
                    matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
                    "{d} is a make-up working day on a weekday"
                );
            }
        }
    }

    #[test]
    fn the_2025_notice() {
        let c = &official(2025).unwrap().calendar;
        assert_eq!((c.holidays.len(), c.workdays.len()), (28, 5));
        for (m, day) in [
            (1, 1),
            (1, 28),
            (2, 4),
            (4, 4),
            (5, 5),
            (5, 31),
            (6, 2),
            (10, 8),
        ] {
            assert!(
                !c.is_workday(ymd(2025, m, day)),
                "2025-{m}-{day} is a holiday"
            );
        }
        for (m, day) in [(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)] {
            assert!(
                c.is_workday(ymd(2025, m, day)),
                "2025-{m}-{day} is a make-up working day"
            );
        }
        assert!(c.is_workday(ymd(2025, 1, 2)), "元旦 is one day, not moved");
        assert!(c.is_workday(ymd(2025, 10, 9)));
    }

    #[test]
    fn the_2026_notice() {
        let c = &official(2026).unwrap().calendar;
        assert_eq!((c.holidays.len(), c.workdays.len()), (33, 6));
        // 元旦 1/1 (Thu) – 1/3; Sunday 1/4 works.
        assert!(!c.is_workday(ymd(2026, 1, 2)));
        assert!(c.is_workday(ymd(2026, 1, 4)));
        // 春节 2/15 – 2/23, nine days; Saturdays 2/14 and 2/28 work.
        assert!(c.is_workday(ymd(2026, 2, 14)));
        assert!(!c.is_workday(ymd(2026, 2, 15)));
        assert!(
            !c.is_workday(ymd(2026, 2, 23)),
            "Monday 2/23 (正月初七) rests"
        );
        assert!(c.is_workday(ymd(2026, 2, 24)));
        assert!(c.is_workday(ymd(2026, 2, 28)));
        // 劳动节 5/1 – 5/5; Saturday 5/9 works.
        assert!(!c.is_workday(ymd(2026, 5, 5)));
        assert!(c.is_workday(ymd(2026, 5, 9)));
        // 端午 6/19 (Fri) and 中秋 9/25 (Fri): three days each, no make-up day.
        assert!(!c.is_workday(ymd(2026, 6, 19)));
        assert!(c.is_workday(ymd(2026, 6, 22)));
        assert!(!c.is_workday(ymd(2026, 9, 25)));
        // 国庆 10/1 – 10/7; Sunday 9/20 and Saturday 10/10 work; 10/8 is back to work.
        assert!(c.is_workday(ymd(2026, 9, 20)));
        assert!(!c.is_workday(ymd(2026, 10, 7)));
        assert!(c.is_workday(ymd(2026, 10, 8)));
        assert!(c.is_workday(ymd(2026, 10, 10)));
        let working = ymd(2026, 1, 1)
            .iter_days()
            .take_while(|d| d.year() == 2026)
            .filter(|d| c.is_workday(*d))
            .count();
        // 261 weekdays in 2026, less 19 holiday weekdays, plus 6 make-up days.
        assert_eq!(working, 261 - 19 + 6);
    }

    #[test]
    fn a_year_without_a_notice_is_weekends_only_with_a_warning() {
        let (c, warning) = of_year(2031);
        assert_eq!(c, Calendar::default());
        let warning = warning.unwrap();
        assert_eq!(warning, PlanWarning::NoCalendar { year: 2031 });
        let text = warning.to_string();
        assert!(text.contains("2031 年"), "{text}");
        assert!(text.contains("[calendar]"), "{text}");
        let (c, warning) = of_year(2026);
        assert!(warning.is_none());
        assert!(c.workdays.contains(&ymd(2026, 2, 14)));
    }

    #[test]
    fn calendar_entries_read_as_days_or_ranges() {
        assert_eq!(parse_days("2025-01-01"), Some(vec![ymd(2025, 1, 1)]));
        assert_eq!(
            parse_days("2025-01-30..2025-02-01").map(|d| d.len()),
            Some(3)
        );
        assert_eq!(parse_days("2025-02-04..2025-01-28"), None);
        assert_eq!(parse_days("2025-01-01..2027-01-01"), None);
        assert_eq!(parse_days("1月1日"), None);
    }
}
