//! The working-day calendar: weekends, public holidays and the make-up
//! working days (调休) that fall on weekends.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

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
}
