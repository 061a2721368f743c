//! Schedule expressions, shared by EventBridge's scheduled rules and
//! EventBridge Scheduler: `rate(value unit)` and the six-field
//! `cron(minutes hours day-of-month month day-of-week year)` with AWS's syntax
//! (`, - * ? / L W #`, month and weekday names), and Scheduler's one-time
//! `at(yyyy-mm-ddThh:mm:ss)`. EventBridge rules evaluate them in UTC and answer
//! anything else with "Parameter ScheduleExpression is not valid."; Scheduler
//! evaluates a cron in a time zone (`crate::kernel::timezone`) by reading its
//! `next_after` on the zone's wall clock. `next_after` gives the next firing
//! time; the rule panel lists the next few.

use crate::sim::time::{civil_from_days, days_from_civil};
use crate::sim::{Millis, MINUTE};

#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    /// Every `every` milliseconds, counted from when the rule was scheduled.
    Rate {
        every: Millis,
    },
    Cron(Box<Cron>),
}

/// One cron field: the values it allows, or a day rule that depends on the month.
#[derive(Clone, Debug, PartialEq)]
pub struct Cron {
    minutes: Vec<bool>,
    hours: Vec<bool>,
    days: DayRule,
    months: Vec<bool>,
    years: Vec<bool>,
}

#[derive(Clone, Debug, PartialEq)]
enum DayRule {
    /// Day-of-month given (day-of-week is `?`).
    OfMonth(Vec<MonthDay>),
    /// Day-of-week given (day-of-month is `?`).
    OfWeek(Vec<WeekDay>),
}

#[derive(Clone, Debug, PartialEq)]
enum MonthDay {
    Day(u32),
    /// `L`: the month's last day.
    Last,
    /// `15W`: the weekday nearest the 15th, within the month; `LW`: the last weekday.
    NearestWeekday(u32),
    LastWeekday,
}

#[derive(Clone, Debug, PartialEq)]
enum WeekDay {
    /// 1 (Sunday) to 7 (Saturday).
    Day(u32),
    /// `6L`: the month's last Friday.
    Last(u32),
    /// `6#3`: the month's third Friday.
    Nth(u32, u32),
}

pub const INVALID: &str = "Parameter ScheduleExpression is not valid.";

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const FIRST_YEAR: u32 = 1970;
const LAST_YEAR: u32 = 2199;

impl Schedule {
    pub fn parse(text: &str) -> Result<Schedule, &'static str> {
        if let Some(inner) = text.strip_prefix("rate(").and_then(|t| t.strip_suffix(')')) {
            return parse_rate(inner).ok_or(INVALID);
        }
        if let Some(inner) = text.strip_prefix("cron(").and_then(|t| t.strip_suffix(')')) {
            return parse_cron(inner)
                .map(|c| Schedule::Cron(Box::new(c)))
                .ok_or(INVALID);
        }
        Err(INVALID)
    }

    /// The first firing strictly after `after`; a rate counts from `start` (when the rule was
    /// scheduled). None when a cron has no time left before its last year.
    pub fn next_after(&self, start: Millis, after: Millis) -> Option<Millis> {
        match self {
            Schedule::Rate { every } => {
                let n = after.saturating_sub(start) / every + 1;
                Some(start.saturating_add(n.saturating_mul(*every)))
            }
            Schedule::Cron(cron) => cron.next_after(after),
        }
    }

    /// The next `n` firings after `after`.
    pub fn upcoming(&self, start: Millis, after: Millis, n: usize) -> Vec<Millis> {
        let mut out = Vec::with_capacity(n);
        let mut t = after;
        while out.len() < n {
            match self.next_after(start, t) {
                Some(next) => {
                    out.push(next);
                    t = next;
                }
                None => break,
            }
        }
        out
    }
}

impl Schedule {
    /// A recurring expression as EventBridge Scheduler reads it: the same `cron`, and a `rate`
    /// whose unit may be singular or plural whatever the value (`rate(2 minute)` is taken, as
    /// AWS takes it). None for anything else (an `at` is read by `parse_at`).
    pub fn parse_recurring(text: &str) -> Option<Schedule> {
        if let Some(inner) = text.strip_prefix("rate(").and_then(|t| t.strip_suffix(')')) {
            let (value, unit) = inner.split_once(' ')?;
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let one = value.parse::<u64>().ok()? == 1;
            let canonical = match (unit, one) {
                ("minute" | "minutes", true) => "minute",
                ("minute" | "minutes", false) => "minutes",
                ("hour" | "hours", true) => "hour",
                ("hour" | "hours", false) => "hours",
                ("day" | "days", true) => "day",
                ("day" | "days", false) => "days",
                _ => return None,
            };
            return parse_rate(&format!("{value} {canonical}"));
        }
        let inner = text.strip_prefix("cron(")?.strip_suffix(')')?;
        parse_cron(inner).map(|c| Schedule::Cron(Box::new(c)))
    }
}

/// A one-time expression `at(yyyy-mm-ddThh:mm:ss)`: the wall-clock time it names, in
/// milliseconds from 1970 on that clock (the schedule's time zone turns it into an instant).
pub fn parse_at(text: &str) -> Option<Millis> {
    let inner = text.strip_prefix("at(")?.strip_suffix(')')?;
    let b = inner.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let digits = |from: usize, to: usize| -> Option<u32> {
        let part = inner.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year as i64, month)
        || hour > 23
        || minute > 59
        || second > 59
        || year < FIRST_YEAR
    {
        return None;
    }
    let days = days_from_civil(year as i64, month, day) as u64;
    Some(((days * 24 + hour as u64) * 60 + minute as u64) * MINUTE + second as u64 * 1_000)
}

fn parse_rate(inner: &str) -> Option<Schedule> {
    let mut parts = inner.split(' ');
    let (value, unit) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = value.parse().ok()?;
    if n == 0 {
        return None;
    }
    let (singular, each) = match unit {
        "minute" | "minutes" => ("minute", MINUTE),
        "hour" | "hours" => ("hour", 60 * MINUTE),
        "day" | "days" => ("day", 24 * 60 * MINUTE),
        _ => return None,
    };
    // AWS requires the singular for 1 and the plural for anything else.
    if (n == 1) != (unit == singular) {
        return None;
    }
    Some(Schedule::Rate {
        every: n.checked_mul(each)?,
    })
}

fn parse_cron(inner: &str) -> Option<Cron> {
    let fields: Vec<&str> = inner.split(' ').collect();
    let [min, hour, dom, month, dow, year] = fields.as_slice() else {
        return None;
    };
    let days = match (*dom, *dow) {
        ("?", "?") => return None,
        ("?", dow) => DayRule::OfWeek(
            dow.split(',')
                .map(parse_week_day)
                .collect::<Option<Vec<Vec<WeekDay>>>>()?
                .into_iter()
                .flatten()
                .collect(),
        ),
        (dom, "?") => DayRule::OfMonth(
            dom.split(',')
                .map(parse_month_day)
                .collect::<Option<Vec<Vec<MonthDay>>>>()?
                .into_iter()
                .flatten()
                .collect(),
        ),
        // One of day-of-month and day-of-week must be `?`.
        _ => return None,
    };
    Some(Cron {
        minutes: parse_field(min, 0, 59, &[])?,
        hours: parse_field(hour, 0, 23, &[])?,
        days,
        months: parse_field(month, 1, 12, &MONTHS)?,
        years: parse_field(year, FIRST_YEAR, LAST_YEAR, &[])?,
    })
}

/// A plain field (`*`, `5`, `1-5`, `0/15`, `10-50/5`, lists of those): a table of allowed values
/// from `min`, indexed by value - min.
fn parse_field(text: &str, min: u32, max: u32, names: &[&str]) -> Option<Vec<bool>> {
    let mut allowed = vec![false; (max - min + 1) as usize];
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(number(s)?)),
            None => (part, None),
        };
        let (lo, hi) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (value(a, names, min)?, value(b, names, min)?)
        } else {
            let v = value(range, names, min)?;
            (v, if step.is_some() { max } else { v })
        };
        if lo < min || hi > max || lo > hi || step == Some(0) {
            return None;
        }
        let mut v = lo;
        while v <= hi {
            allowed[(v - min) as usize] = true;
            v += step.unwrap_or(1);
        }
    }
    Some(allowed)
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 4 {
        return None;
    }
    text.parse().ok()
}

/// A number, or a name (`JAN`, `MON`) whose value is its position plus `first`.
fn value(text: &str, names: &[&str], first: u32) -> Option<u32> {
    number(text).or_else(|| {
        let upper = text.to_ascii_uppercase();
        names
            .iter()
            .position(|n| *n == upper)
            .map(|i| i as u32 + first)
    })
}

fn parse_month_day(part: &str) -> Option<Vec<MonthDay>> {
    match part {
        "L" => return Some(vec![MonthDay::Last]),
        "LW" => return Some(vec![MonthDay::LastWeekday]),
        _ => {}
    }
    if let Some(day) = part.strip_suffix('W') {
        let d = number(day)?;
        return (1..=31)
            .contains(&d)
            .then(|| vec![MonthDay::NearestWeekday(d)]);
    }
    let allowed = parse_field(part, 1, 31, &[])?;
    Some(
        allowed
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(|(i, _)| MonthDay::Day(i as u32 + 1))
            .collect(),
    )
}

fn parse_week_day(part: &str) -> Option<Vec<WeekDay>> {
    if let Some((day, nth)) = part.split_once('#') {
        let d = value(day, &WEEKDAYS, 1)?;
        let n = number(nth)?;
        return ((1..=7).contains(&d) && (1..=5).contains(&n)).then(|| vec![WeekDay::Nth(d, n)]);
    }
    if part == "L" {
        return Some(vec![WeekDay::Day(7)]);
    }
    if let Some(day) = part.strip_suffix('L') {
        let d = value(day, &WEEKDAYS, 1)?;
        return (1..=7).contains(&d).then(|| vec![WeekDay::Last(d)]);
    }
    let allowed = parse_field(part, 1, 7, &WEEKDAYS)?;
    Some(
        allowed
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(|(i, _)| WeekDay::Day(i as u32 + 1))
            .collect(),
    )
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month + 1, 1)
    };
    (next - days_from_civil(year, month, 1)) as u32
}

/// 1 (Sunday) to 7 (Saturday); 1970-01-01 was a Thursday.
fn weekday(days: i64) -> u32 {
    ((days + 4).rem_euclid(7) + 1) as u32
}

impl Cron {
    fn day_matches(&self, days: i64) -> bool {
        let (year, month, day) = civil_from_days(days);
        let last = days_in_month(year, month);
        let wd = weekday(days);
        let is_weekday = (2..=6).contains(&wd);
        match &self.days {
            DayRule::OfMonth(list) => list.iter().any(|rule| match *rule {
                MonthDay::Day(d) => d == day,
                MonthDay::Last => day == last,
                MonthDay::NearestWeekday(d) => {
                    let target = d.min(last);
                    nearest_weekday(year, month, target, last) == day && is_weekday
                }
                MonthDay::LastWeekday => nearest_weekday(year, month, last, last) == day,
            }),
            DayRule::OfWeek(list) => list.iter().any(|rule| match *rule {
                WeekDay::Day(d) => d == wd,
                WeekDay::Last(d) => d == wd && day + 7 > last,
                WeekDay::Nth(d, n) => d == wd && (day - 1) / 7 + 1 == n,
            }),
        }
    }

    /// The first matching minute strictly after `after`, both read on the clock the cron is
    /// evaluated on (UTC for EventBridge rules, a zone's wall clock for Scheduler).
    pub fn next_after(&self, after: Millis) -> Option<Millis> {
        // The next whole minute after `after`.
        let from = (after / MINUTE + 1) * MINUTE;
        let mut days = (from / (24 * 60 * MINUTE)) as i64;
        let mut minute_of_day = ((from / MINUTE) % (24 * 60)) as u32;
        let last_day = days_from_civil(LAST_YEAR as i64 + 1, 1, 1);
        while days < last_day {
            let (year, month, _) = civil_from_days(days);
            let year_ok = (FIRST_YEAR as i64..=LAST_YEAR as i64).contains(&year)
                && self.years[(year - FIRST_YEAR as i64) as usize];
            if year_ok && self.months[(month - 1) as usize] && self.day_matches(days) {
                if let Some(m) = (minute_of_day..24 * 60)
                    .find(|m| self.hours[(m / 60) as usize] && self.minutes[(m % 60) as usize])
                {
                    return Some((days as u64 * 24 * 60 + m as u64) * MINUTE);
                }
            }
            days += 1;
            minute_of_day = 0;
        }
        None
    }
}

/// The weekday (Monday to Friday) nearest `day` without leaving the month.
fn nearest_weekday(year: i64, month: u32, day: u32, last: u32) -> u32 {
    let wd = weekday(days_from_civil(year, month, day));
    match wd {
        1 if day == last => day - 2, // Sunday, last day: Friday before
        1 => day + 1,                // Sunday: Monday after
        7 if day == 1 => day + 2,    // Saturday the 1st: Monday the 3rd
        7 => day - 1,                // Saturday: Friday before
        _ => day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::{format_iso, parse_iso};

    fn next(expr: &str, after: &str) -> String {
        let s = Schedule::parse(expr).unwrap();
        format_iso(s.next_after(0, parse_iso(after).unwrap()).unwrap())
    }

    #[test]
    fn rate_needs_the_singular_for_one_and_the_plural_for_more() {
        assert!(Schedule::parse("rate(1 minute)").is_ok());
        assert!(Schedule::parse("rate(5 minutes)").is_ok());
        assert!(Schedule::parse("rate(2 days)").is_ok());
        for bad in [
            "rate(1 minutes)",
            "rate(5 minute)",
            "rate(0 minutes)",
            "rate(-1 minutes)",
            "rate(5 seconds)",
            "rate(five minutes)",
            "rate(5  minutes)",
            "rate(5 minutes",
            "every 5 minutes",
        ] {
            assert_eq!(Schedule::parse(bad), Err(INVALID), "{bad}");
        }
    }

    #[test]
    fn a_rate_too_long_to_ever_fire_again_does_not_overflow() {
        let s = Schedule::parse("rate(213503982334 days)").unwrap();
        let start = 1_767_225_600_000;
        assert_eq!(s.next_after(start, start + 1), Some(u64::MAX));
    }

    #[test]
    fn a_rate_fires_every_period_from_when_it_was_scheduled() {
        let s = Schedule::parse("rate(5 minutes)").unwrap();
        assert_eq!(s.next_after(1_000, 1_000), Some(1_000 + 5 * MINUTE));
        assert_eq!(
            s.upcoming(0, 0, 3),
            vec![5 * MINUTE, 10 * MINUTE, 15 * MINUTE]
        );
    }

    #[test]
    fn cron_has_six_fields_and_one_of_the_day_fields_is_a_question_mark() {
        assert!(Schedule::parse("cron(0 12 * * ? *)").is_ok());
        assert!(Schedule::parse("cron(15 10 ? * 6L 2022-2199)").is_ok());
        assert!(Schedule::parse("cron(0/10 * ? * MON-FRI *)").is_ok());
        assert!(Schedule::parse("cron(0 8 1 * ? *)").is_ok());
        for bad in [
            "cron(0 12 * * *)",
            "cron(0 12 * * * *)",
            "cron(0 12 ? * ? *)",
            "cron(60 12 * * ? *)",
            "cron(0 24 * * ? *)",
            "cron(0 12 32 * ? *)",
            "cron(0 12 * 13 ? *)",
            "cron(0 12 ? * 8 *)",
            "cron(0 12 * * ? 1969)",
            "cron(0/0 * * * ? *)",
        ] {
            assert_eq!(Schedule::parse(bad), Err(INVALID), "{bad}");
        }
    }

    #[test]
    fn cron_fires_at_the_next_matching_minute_in_utc() {
        assert_eq!(
            next("cron(0 12 * * ? *)", "2026-01-01T12:00:00.000Z"),
            "2026-01-02T12:00:00.000Z"
        );
        assert_eq!(
            next("cron(0/15 * * * ? *)", "2026-01-01T10:07:30.000Z"),
            "2026-01-01T10:15:00.000Z"
        );
        // Weekdays at 8:00: Friday 2 Jan 2026, then Monday 5 Jan.
        assert_eq!(
            next("cron(0 8 ? * MON-FRI *)", "2026-01-02T09:00:00.000Z"),
            "2026-01-05T08:00:00.000Z"
        );
    }

    #[test]
    fn cron_last_day_nth_weekday_and_last_weekday() {
        assert_eq!(
            next("cron(0 0 L * ? *)", "2026-02-01T00:00:00.000Z"),
            "2026-02-28T00:00:00.000Z"
        );
        // The third Friday of January 2026 is the 16th.
        assert_eq!(
            next("cron(0 9 ? * 6#3 *)", "2026-01-01T00:00:00.000Z"),
            "2026-01-16T09:00:00.000Z"
        );
        // The last Friday of January 2026 is the 30th.
        assert_eq!(
            next("cron(0 9 ? * 6L *)", "2026-01-01T00:00:00.000Z"),
            "2026-01-30T09:00:00.000Z"
        );
        // 2026-02-01 is a Sunday: 1W is Monday the 2nd.
        assert_eq!(
            next("cron(0 9 1W * ? *)", "2026-01-31T00:00:00.000Z"),
            "2026-02-02T09:00:00.000Z"
        );
    }

    #[test]
    fn a_cron_whose_years_are_past_never_fires() {
        let s = Schedule::parse("cron(0 0 1 1 ? 1970)").unwrap();
        assert_eq!(
            s.next_after(0, parse_iso("2026-01-01T00:00:00Z").unwrap()),
            None
        );
    }
}
