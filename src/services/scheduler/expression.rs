//! When a schedule fires: its expression (`at`, `rate` or `cron`, read by
//! `crate::kernel::schedule`) evaluated in its time zone, between its
//! StartDate and EndDate. A cron names wall-clock times: one that daylight
//! saving skips never fires, and one it repeats fires once (AWS: "When the
//! time shifts forward in Spring, your schedule invocation gets skipped ...
//! When the time shifts back in the Fall, your schedule runs only once").
//! A rate counts fixed durations from its StartDate (or from when the
//! schedule was created or updated, its first firing then), whatever the
//! zone. A one-time schedule ignores StartDate and EndDate, as AWS does.

use crate::kernel::schedule::{parse_at, Schedule as Recurring};
use crate::kernel::timezone::{Resolved, TimeZone};
use crate::sim::{Millis, HOUR};

#[derive(Clone, Debug, PartialEq)]
pub enum Expression {
    /// `at(...)`: a wall-clock time in the schedule's zone.
    At(Millis),
    Recurring(Recurring),
}

/// The window a schedule fires in.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// A rate counts from here.
    pub anchor: Millis,
    pub start: Option<Millis>,
    pub end: Option<Millis>,
}

impl Expression {
    pub fn parse(text: &str) -> Option<Expression> {
        if text.starts_with("at(") {
            return parse_at(text).map(Expression::At);
        }
        Recurring::parse_recurring(text).map(Expression::Recurring)
    }

    pub fn one_time(&self) -> bool {
        matches!(self, Expression::At(_))
    }

    /// The first firing strictly after the instant `after`, or None when there is none left.
    pub fn next_after(&self, zone: &TimeZone, bounds: Bounds, after: Millis) -> Option<Millis> {
        let next = match self {
            Expression::At(local) => {
                let at = match zone.resolve(*local) {
                    Resolved::Unique(t) | Resolved::Repeated(t, _) => t,
                    // A wall-clock time the zone skips: the instant it would have been an hour on.
                    Resolved::Skipped => match zone.resolve(local + HOUR) {
                        Resolved::Unique(t) | Resolved::Repeated(t, _) => t.saturating_sub(HOUR),
                        Resolved::Skipped => return None,
                    },
                };
                return (at > after).then_some(at);
            }
            Expression::Recurring(Recurring::Rate { every }) => {
                let anchor = bounds.start.unwrap_or(bounds.anchor);
                if after < anchor {
                    anchor
                } else {
                    let periods = (after - anchor) / every + 1;
                    anchor.saturating_add(periods.saturating_mul(*every))
                }
            }
            Expression::Recurring(Recurring::Cron(cron)) => {
                let after = match bounds.start {
                    Some(start) if start > after => start - 1,
                    _ => after,
                };
                let mut local = zone.local(after);
                let mut found = None;
                // A cron's next minute on the wall clock, until it is an instant after `after`.
                for _ in 0..1_000 {
                    let candidate = cron.next_after(local)?;
                    match zone.resolve(candidate) {
                        Resolved::Unique(t) if t > after => {
                            found = Some(t);
                            break;
                        }
                        // Repeated by a change back: only its first instant fires.
                        Resolved::Repeated(t, _) if t > after => {
                            found = Some(t);
                            break;
                        }
                        _ => local = candidate,
                    }
                }
                found?
            }
        };
        match bounds.end {
            Some(end) if next >= end => None,
            _ => Some(next),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::{format_iso, parse_iso};
    use crate::sim::MINUTE;

    fn t(iso: &str) -> Millis {
        parse_iso(iso).unwrap()
    }

    fn firings(expr: &str, zone: &str, bounds: Bounds, after: &str, n: usize) -> Vec<String> {
        let e = Expression::parse(expr).unwrap();
        let z = TimeZone::find(zone).unwrap();
        let mut at = t(after);
        let mut out = Vec::new();
        while out.len() < n {
            match e.next_after(&z, bounds, at) {
                Some(next) => {
                    out.push(format_iso(next));
                    at = next;
                }
                None => break,
            }
        }
        out
    }

    fn open(anchor: Millis) -> Bounds {
        Bounds {
            anchor,
            start: None,
            end: None,
        }
    }

    #[test]
    fn scheduler_reads_at_rate_and_cron_and_nothing_else() {
        for ok in [
            "at(2026-03-01T09:30:00)",
            "rate(5 minutes)",
            "rate(1 minute)",
            "rate(2 minute)",
            "rate(1 hours)",
            "cron(0 9 ? * MON-FRI *)",
        ] {
            assert!(Expression::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "cron(0 1 * * * *)",
            "cron(7 20 * * NOT *)",
            "cron(INVALID)",
            "cron(71 8 1 * ? *)",
            "cron()",
            "rate(10 seconds)",
            "rate(10 years)",
            "rate()",
            "rate(10)",
            "rate(10 minutess)",
            "rate(foo minutes)",
            "rate(-10 minutes)",
            "rate( 10 minutes )",
            " rate(10 minutes)",
            "at(2021-12-31T23:59:59Z)",
            "at(2021-12-31)",
            "at(2026-02-30T10:00:00)",
            "at(2026-01-01T24:00:00)",
        ] {
            assert!(Expression::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_one_time_schedule_fires_at_its_wall_clock_time_in_its_zone() {
        let e = Expression::parse("at(2026-07-01T09:00:00)").unwrap();
        let ny = TimeZone::find("America/New_York").unwrap();
        assert_eq!(
            e.next_after(&ny, open(0), t("2026-06-01T00:00:00Z")),
            Some(t("2026-07-01T13:00:00Z"))
        );
        // Once past, never again; StartDate and EndDate do not apply to it.
        let bounds = Bounds {
            anchor: 0,
            start: Some(t("2027-01-01T00:00:00Z")),
            end: Some(t("2026-01-01T00:00:00Z")),
        };
        assert_eq!(
            e.next_after(&ny, bounds, t("2026-06-01T00:00:00Z")),
            Some(t("2026-07-01T13:00:00Z"))
        );
        assert_eq!(e.next_after(&ny, open(0), t("2026-07-01T13:00:00Z")), None);
    }

    #[test]
    fn a_rate_fires_at_once_then_every_period_until_its_end_date() {
        let created = t("2026-01-01T10:00:00Z");
        let bounds = Bounds {
            anchor: created,
            start: None,
            end: Some(created + 15 * MINUTE),
        };
        assert_eq!(
            firings(
                "rate(5 minutes)",
                "UTC",
                bounds,
                "2026-01-01T09:59:59.999Z",
                10
            ),
            [
                "2026-01-01T10:00:00.000Z",
                "2026-01-01T10:05:00.000Z",
                "2026-01-01T10:10:00.000Z"
            ]
        );
        // A StartDate sets the first firing.
        let bounds = Bounds {
            anchor: created,
            start: Some(t("2026-01-02T00:00:00Z")),
            end: None,
        };
        assert_eq!(
            firings("rate(1 day)", "UTC", bounds, "2026-01-01T10:00:00Z", 2),
            ["2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"]
        );
    }

    #[test]
    fn a_cron_fires_on_the_wall_clock_of_its_zone() {
        // 09:00 in Tokyo is 00:00 UTC; 09:00 in Kolkata is 03:30 UTC.
        assert_eq!(
            firings(
                "cron(0 9 * * ? *)",
                "Asia/Tokyo",
                open(0),
                "2026-01-01T00:00:00Z",
                1
            ),
            ["2026-01-02T00:00:00.000Z"]
        );
        assert_eq!(
            firings(
                "cron(0 9 * * ? *)",
                "Asia/Kolkata",
                open(0),
                "2026-01-01T00:00:00Z",
                1
            ),
            ["2026-01-01T03:30:00.000Z"]
        );
        // 09:00 in New York moves an hour in UTC when daylight saving starts.
        assert_eq!(
            firings(
                "cron(0 9 * * ? *)",
                "America/New_York",
                open(0),
                "2026-03-07T00:00:00Z",
                2
            ),
            ["2026-03-07T14:00:00.000Z", "2026-03-08T13:00:00.000Z"]
        );
    }

    #[test]
    fn a_time_daylight_saving_skips_never_fires_and_one_it_repeats_fires_once() {
        // 02:30 on 8 March 2026 does not exist in New York: that day has no firing.
        assert_eq!(
            firings(
                "cron(30 2 * * ? *)",
                "America/New_York",
                open(0),
                "2026-03-07T00:00:00Z",
                2
            ),
            ["2026-03-07T07:30:00.000Z", "2026-03-09T06:30:00.000Z"]
        );
        // 01:30 on 1 November 2026 happens twice: it fires at the first (EDT) only.
        assert_eq!(
            firings(
                "cron(30 1 * * ? *)",
                "America/New_York",
                open(0),
                "2026-10-31T12:00:00Z",
                2
            ),
            ["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]
        );
        // Every 30 minutes through the repeated hour: 01:00 and 01:30 once each.
        assert_eq!(
            firings(
                "cron(0/30 * * * ? *)",
                "America/New_York",
                open(0),
                "2026-11-01T04:45:00Z",
                4
            ),
            [
                "2026-11-01T05:00:00.000Z",
                "2026-11-01T05:30:00.000Z",
                "2026-11-01T07:00:00.000Z",
                "2026-11-01T07:30:00.000Z"
            ]
        );
    }

    mod properties {
        use super::*;
        use crate::sim::DAY;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

            /// In every zone of the table, a daily cron's next firing comes after the moment
            /// asked, lands on the wall-clock minute it names, and is at most two days away
            /// (a day whose time daylight saving skips is the only one passed over).
            #[test]
            fn a_daily_cron_fires_next_at_its_wall_clock_minute_in_every_zone(
                zone in 0..TimeZone::names().count(),
                hour in 0u64..24,
                minute in 0u64..60,
                after in 1_767_225_600_000u64..1_893_456_000_000,
            ) {
                let name = TimeZone::names().nth(zone).unwrap();
                let z = TimeZone::find(name).unwrap();
                let e = Expression::parse(&format!("cron({minute} {hour} * * ? *)")).unwrap();
                let next = e.next_after(&z, open(0), after).unwrap();
                prop_assert!(next > after);
                prop_assert!(next - after <= 2 * DAY, "{name}: {} after {}", format_iso(next), format_iso(after));
                prop_assert_eq!(z.local(next) % DAY, (hour * 60 + minute) * MINUTE, "{}", name);
            }
        }
    }
}
