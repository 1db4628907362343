//! The reporting period: one calendar month (`2025-03`), whose as-of date is
//! the month's last day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A reporting month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

/// Why a text is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` 不是有效的月份：请写成 YYYY-MM，例如 2025-03")]
pub struct PeriodError(pub String);

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year))
            .then_some(Period { year, month })
    }

    /// The period a date falls in.
    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month's first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The as-of date: the month's last day.
    pub fn as_of(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The Chinese label, e.g. `2025年3月`.
    pub fn label(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// Time progress (序时进度) at the as-of date: month / 12.
    pub fn time_progress(self) -> f64 {
        f64::from(self.month) / 12.0
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Reads `2025-03`, `2025-3`, `202503`, `2025.03`, `2025/03` and `2025年3月`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodError(s.to_string());
        let t = s.trim().trim_end_matches('月');
        let (y, m) = if let Some((y, m)) = t.split_once(['-', '.', '/', '年']) {
            (y, m)
        } else if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.split_at(4)
        } else {
            return Err(err());
        };
        let year: i32 = y.trim().parse().map_err(|_| err())?;
        let month: u32 = m.trim().parse().map_err(|_| err())?;
        Period::new(year, month).ok_or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_forms() {
        for s in [
            "2025-03",
            "2025-3",
            "202503",
            "2025.03",
            "2025/3",
            "2025年3月",
        ] {
            assert_eq!(
                s.parse::<Period>(),
                Ok(Period {
                    year: 2025,
                    month: 3
                }),
                "{s}"
            );
        }
        assert!("2025-13".parse::<Period>().is_err());
        assert!("March".parse::<Period>().is_err());
    }

    #[test]
    fn as_of_is_the_last_day() {
        let p: Period = "2025-02".parse().unwrap();
        assert_eq!(p.as_of(), NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
        assert_eq!(p.to_string(), "2025-02");
        assert_eq!(
            Period {
                year: 2025,
                month: 12
            }
            .next()
            .to_string(),
            "2026-01"
        );
        assert_eq!(
            Period {
                year: 2025,
                month: 1
            }
            .prev()
            .to_string(),
            "2024-12"
        );
    }
}
