//! IANA time zones for schedule expressions (EventBridge Scheduler's
//! `ScheduleExpressionTimezone`): a table of the common zones, each a
//! standard offset and the daylight-saving rule it follows today (the United
//! States' since 2007, the European Union's, south-eastern Australia's, New
//! Zealand's, or none), applied to every year. Not the whole tz database:
//! historical offsets are not kept, and a zone missing here is refused as
//! unknown (the Scheduler panel says so). `resolve` turns a wall-clock time
//! into an instant, telling the hour skipped when clocks go forward and the
//! hour repeated when they go back.

use crate::sim::time::{civil_from_days, days_from_civil};
use crate::sim::{Millis, HOUR, MINUTE};

/// The daylight-saving rules Stratus knows, as each is in force today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dst {
    None,
    /// Second Sunday of March 02:00 local to first Sunday of November 02:00 local.
    UnitedStates,
    /// Last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
    EuropeanUnion,
    /// First Sunday of October 02:00 standard to first Sunday of April 03:00 daylight.
    SouthEastAustralia,
    /// Last Sunday of September 02:00 standard to first Sunday of April 03:00 daylight.
    NewZealand,
}

/// One time zone: its name, its standard offset from UTC in minutes, its daylight rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeZone {
    pub name: &'static str,
    standard_minutes: i32,
    dst: Dst,
}

/// A wall-clock time in a zone, as an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    Unique(Millis),
    /// Clocks went forward over it: it never happens.
    Skipped,
    /// Clocks went back over it: it happens twice (daylight first, then standard).
    Repeated(Millis, Millis),
}

const ZONES: &[(&str, i32, Dst)] = &[
    ("UTC", 0, Dst::None),
    ("Etc/UTC", 0, Dst::None),
    ("GMT", 0, Dst::None),
    ("Etc/GMT", 0, Dst::None),
    // The United States and Canada.
    ("America/New_York", -300, Dst::UnitedStates),
    ("America/Detroit", -300, Dst::UnitedStates),
    ("America/Toronto", -300, Dst::UnitedStates),
    ("America/Chicago", -360, Dst::UnitedStates),
    ("America/Winnipeg", -360, Dst::UnitedStates),
    ("America/Denver", -420, Dst::UnitedStates),
    ("America/Edmonton", -420, Dst::UnitedStates),
    ("America/Phoenix", -420, Dst::None),
    ("America/Los_Angeles", -480, Dst::UnitedStates),
    ("America/Vancouver", -480, Dst::UnitedStates),
    ("America/Anchorage", -540, Dst::UnitedStates),
    ("America/Halifax", -240, Dst::UnitedStates),
    ("America/St_Johns", -210, Dst::UnitedStates),
    ("America/Regina", -360, Dst::None),
    ("Pacific/Honolulu", -600, Dst::None),
    ("US/Eastern", -300, Dst::UnitedStates),
    ("US/Central", -360, Dst::UnitedStates),
    ("US/Mountain", -420, Dst::UnitedStates),
    ("US/Pacific", -480, Dst::UnitedStates),
    // Latin America (no daylight saving today).
    ("America/Mexico_City", -360, Dst::None),
    ("America/Bogota", -300, Dst::None),
    ("America/Lima", -300, Dst::None),
    ("America/Sao_Paulo", -180, Dst::None),
    ("America/Argentina/Buenos_Aires", -180, Dst::None),
    // Europe.
    ("Europe/London", 0, Dst::EuropeanUnion),
    ("Europe/Dublin", 0, Dst::EuropeanUnion),
    ("Europe/Lisbon", 0, Dst::EuropeanUnion),
    ("Europe/Paris", 60, Dst::EuropeanUnion),
    ("Europe/Berlin", 60, Dst::EuropeanUnion),
    ("Europe/Madrid", 60, Dst::EuropeanUnion),
    ("Europe/Rome", 60, Dst::EuropeanUnion),
    ("Europe/Amsterdam", 60, Dst::EuropeanUnion),
    ("Europe/Brussels", 60, Dst::EuropeanUnion),
    ("Europe/Vienna", 60, Dst::EuropeanUnion),
    ("Europe/Zurich", 60, Dst::EuropeanUnion),
    ("Europe/Stockholm", 60, Dst::EuropeanUnion),
    ("Europe/Oslo", 60, Dst::EuropeanUnion),
    ("Europe/Copenhagen", 60, Dst::EuropeanUnion),
    ("Europe/Warsaw", 60, Dst::EuropeanUnion),
    ("Europe/Prague", 60, Dst::EuropeanUnion),
    ("Europe/Budapest", 60, Dst::EuropeanUnion),
    ("Europe/Belgrade", 60, Dst::EuropeanUnion),
    ("Europe/Luxembourg", 60, Dst::EuropeanUnion),
    ("Europe/Athens", 120, Dst::EuropeanUnion),
    ("Europe/Helsinki", 120, Dst::EuropeanUnion),
    ("Europe/Bucharest", 120, Dst::EuropeanUnion),
    ("Europe/Kiev", 120, Dst::EuropeanUnion),
    ("Europe/Kyiv", 120, Dst::EuropeanUnion),
    ("Europe/Sofia", 120, Dst::EuropeanUnion),
    ("Europe/Riga", 120, Dst::EuropeanUnion),
    ("Europe/Vilnius", 120, Dst::EuropeanUnion),
    ("Europe/Tallinn", 120, Dst::EuropeanUnion),
    ("Europe/Istanbul", 180, Dst::None),
    ("Europe/Moscow", 180, Dst::None),
    // Africa and the Middle East.
    ("Africa/Lagos", 60, Dst::None),
    ("Africa/Johannesburg", 120, Dst::None),
    ("Africa/Nairobi", 180, Dst::None),
    ("Asia/Riyadh", 180, Dst::None),
    ("Asia/Tehran", 210, Dst::None),
    ("Asia/Dubai", 240, Dst::None),
    // Asia (no daylight saving).
    ("Asia/Karachi", 300, Dst::None),
    ("Asia/Kolkata", 330, Dst::None),
    ("Asia/Calcutta", 330, Dst::None),
    ("Asia/Colombo", 330, Dst::None),
    ("Asia/Kathmandu", 345, Dst::None),
    ("Asia/Dhaka", 360, Dst::None),
    ("Asia/Yangon", 390, Dst::None),
    ("Asia/Bangkok", 420, Dst::None),
    ("Asia/Jakarta", 420, Dst::None),
    ("Asia/Ho_Chi_Minh", 420, Dst::None),
    ("Asia/Shanghai", 480, Dst::None),
    ("Asia/Hong_Kong", 480, Dst::None),
    ("Asia/Singapore", 480, Dst::None),
    ("Asia/Taipei", 480, Dst::None),
    ("Asia/Manila", 480, Dst::None),
    ("Asia/Kuala_Lumpur", 480, Dst::None),
    ("Australia/Perth", 480, Dst::None),
    ("Asia/Seoul", 540, Dst::None),
    ("Asia/Tokyo", 540, Dst::None),
    // Oceania.
    ("Australia/Brisbane", 600, Dst::None),
    ("Australia/Darwin", 570, Dst::None),
    ("Australia/Adelaide", 570, Dst::SouthEastAustralia),
    ("Australia/Sydney", 600, Dst::SouthEastAustralia),
    ("Australia/Melbourne", 600, Dst::SouthEastAustralia),
    ("Australia/Hobart", 600, Dst::SouthEastAustralia),
    ("Pacific/Auckland", 720, Dst::NewZealand),
];

/// 0 (Sunday) to 6 (Saturday); 1970-01-01 was a Thursday.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// The day (days from 1970) of the `n`th Sunday of a month (n from 1), or its last (`n` = 0).
fn sunday(year: i64, month: u32, n: u32) -> i64 {
    if n == 0 {
        let next = if month == 12 {
            days_from_civil(year + 1, 1, 1)
        } else {
            days_from_civil(year, month + 1, 1)
        };
        let last = next - 1;
        return last - weekday(last);
    }
    let first = days_from_civil(year, month, 1);
    first + (7 - weekday(first)) % 7 + 7 * (n as i64 - 1)
}

fn at(day: i64, hour: i64) -> i64 {
    day * 24 * HOUR as i64 + hour * HOUR as i64
}

impl TimeZone {
    /// The zone of an IANA name Stratus knows.
    pub fn find(name: &str) -> Option<TimeZone> {
        ZONES
            .iter()
            .find(|(n, ..)| *n == name)
            .map(|&(name, standard_minutes, dst)| TimeZone {
                name,
                standard_minutes,
                dst,
            })
            .or_else(|| etc_gmt(name))
    }

    pub fn utc() -> TimeZone {
        TimeZone {
            name: "UTC",
            standard_minutes: 0,
            dst: Dst::None,
        }
    }

    /// Every zone name the table holds (the UI lists them).
    pub fn names() -> impl Iterator<Item = &'static str> {
        ZONES.iter().map(|(n, ..)| *n)
    }

    fn standard(&self) -> i64 {
        self.standard_minutes as i64 * MINUTE as i64
    }

    /// Whether daylight saving time is in force at the instant `utc` (ms from 1970, UTC).
    fn daylight(&self, utc: i64) -> bool {
        let std = self.standard();
        let (year, ..) = civil_from_days((utc + std).div_euclid(24 * HOUR as i64));
        let local_std = |day: i64, hour: i64| at(day, hour) - std;
        match self.dst {
            Dst::None => false,
            Dst::UnitedStates => {
                let start = local_std(sunday(year, 3, 2), 2);
                let end = local_std(sunday(year, 11, 1), 2) - HOUR as i64;
                (start..end).contains(&utc)
            }
            Dst::EuropeanUnion => {
                let start = at(sunday(year, 3, 0), 1);
                let end = at(sunday(year, 10, 0), 1);
                (start..end).contains(&utc)
            }
            Dst::SouthEastAustralia | Dst::NewZealand => {
                let start_day = if self.dst == Dst::NewZealand {
                    sunday(year, 9, 0)
                } else {
                    sunday(year, 10, 1)
                };
                let start = local_std(start_day, 2);
                let end = local_std(sunday(year, 4, 1), 3) - HOUR as i64;
                utc < end || utc >= start
            }
        }
    }

    /// The zone's offset from UTC at the instant `utc`, in milliseconds.
    pub fn offset_at(&self, utc: Millis) -> i64 {
        let utc = utc as i64;
        self.standard() + if self.daylight(utc) { HOUR as i64 } else { 0 }
    }

    /// The zone's wall clock at the instant `utc` (ms from 1970 on that clock).
    pub fn local(&self, utc: Millis) -> Millis {
        (utc as i64 + self.offset_at(utc)).max(0) as Millis
    }

    /// The instant(s) a wall-clock time of the zone names.
    pub fn resolve(&self, local: Millis) -> Resolved {
        let local = local as i64;
        let std = local - self.standard();
        let daylight = std - HOUR as i64;
        let fits = |utc: i64| utc >= 0 && utc + self.offset_at(utc as Millis) == local;
        match (fits(daylight) && self.dst != Dst::None, fits(std)) {
            (true, true) => Resolved::Repeated(daylight as Millis, std as Millis),
            (true, false) => Resolved::Unique(daylight as Millis),
            (false, true) => Resolved::Unique(std as Millis),
            (false, false) => Resolved::Skipped,
        }
    }
}

/// `Etc/GMT+5` is five hours behind UTC (the POSIX sign), `Etc/GMT-9` nine ahead.
fn etc_gmt(name: &str) -> Option<TimeZone> {
    let rest = name.strip_prefix("Etc/GMT")?;
    let (sign, hours) = match rest.as_bytes().first()? {
        b'+' => (-1, &rest[1..]),
        b'-' => (1, &rest[1..]),
        _ => return None,
    };
    if hours.is_empty() || hours.len() > 2 || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = hours.parse().ok()?;
    let limit = if sign < 0 { 12 } else { 14 };
    if h > limit || hours.starts_with('0') {
        return None;
    }
    let name = ZONES_ETC.iter().find(|n| **n == name)?;
    Some(TimeZone {
        name,
        standard_minutes: sign * h * 60,
        dst: Dst::None,
    })
}

/// The `Etc/GMT±N` names, so a zone's name stays `&'static str`.
const ZONES_ETC: &[&str] = &[
    "Etc/GMT+1",
    "Etc/GMT+2",
    "Etc/GMT+3",
    "Etc/GMT+4",
    "Etc/GMT+5",
    "Etc/GMT+6",
    "Etc/GMT+7",
    "Etc/GMT+8",
    "Etc/GMT+9",
    "Etc/GMT+10",
    "Etc/GMT+11",
    "Etc/GMT+12",
    "Etc/GMT-1",
    "Etc/GMT-2",
    "Etc/GMT-3",
    "Etc/GMT-4",
    "Etc/GMT-5",
    "Etc/GMT-6",
    "Etc/GMT-7",
    "Etc/GMT-8",
    "Etc/GMT-9",
    "Etc/GMT-10",
    "Etc/GMT-11",
    "Etc/GMT-12",
    "Etc/GMT-13",
    "Etc/GMT-14",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::{format_iso, parse_iso};

    fn t(iso: &str) -> Millis {
        parse_iso(iso).unwrap()
    }

    fn zone(name: &str) -> TimeZone {
        TimeZone::find(name).unwrap()
    }

    #[test]
    fn fixed_offset_zones_never_change() {
        let tokyo = zone("Asia/Tokyo");
        assert_eq!(tokyo.offset_at(t("2026-01-15T00:00:00Z")), 9 * HOUR as i64);
        assert_eq!(tokyo.offset_at(t("2026-07-15T00:00:00Z")), 9 * HOUR as i64);
        let kolkata = zone("Asia/Kolkata");
        assert_eq!(
            kolkata.offset_at(t("2026-07-15T00:00:00Z")),
            (5 * HOUR + 30 * MINUTE) as i64
        );
        assert_eq!(zone("Etc/GMT+5").offset_at(0), -5 * HOUR as i64);
        assert!(TimeZone::find("Mars/Olympus_Mons").is_none());
        assert!(TimeZone::find("Etc/GMT+13").is_none());
    }

    #[test]
    fn new_york_springs_forward_in_march_and_falls_back_in_november() {
        let ny = zone("America/New_York");
        // 2026: DST from Sunday 8 March 07:00Z to Sunday 1 November 06:00Z.
        assert_eq!(ny.offset_at(t("2026-03-08T06:59:00Z")), -5 * HOUR as i64);
        assert_eq!(ny.offset_at(t("2026-03-08T07:00:00Z")), -4 * HOUR as i64);
        assert_eq!(ny.offset_at(t("2026-11-01T05:59:00Z")), -4 * HOUR as i64);
        assert_eq!(ny.offset_at(t("2026-11-01T06:00:00Z")), -5 * HOUR as i64);
        // 02:30 on 8 March never happens; 01:30 on 1 November happens twice.
        assert_eq!(ny.resolve(t("2026-03-08T02:30:00Z")), Resolved::Skipped);
        assert_eq!(
            ny.resolve(t("2026-11-01T01:30:00Z")),
            Resolved::Repeated(t("2026-11-01T05:30:00Z"), t("2026-11-01T06:30:00Z"))
        );
        assert_eq!(
            ny.resolve(t("2026-07-01T09:00:00Z")),
            Resolved::Unique(t("2026-07-01T13:00:00Z"))
        );
    }

    #[test]
    fn europe_changes_at_one_in_the_morning_utc_on_the_last_sundays() {
        let berlin = zone("Europe/Berlin");
        // 2026: last Sunday of March is the 29th, of October the 25th.
        assert_eq!(berlin.offset_at(t("2026-03-29T00:59:00Z")), HOUR as i64);
        assert_eq!(berlin.offset_at(t("2026-03-29T01:00:00Z")), 2 * HOUR as i64);
        assert_eq!(berlin.offset_at(t("2026-10-25T00:59:00Z")), 2 * HOUR as i64);
        assert_eq!(berlin.offset_at(t("2026-10-25T01:00:00Z")), HOUR as i64);
        let london = zone("Europe/London");
        assert_eq!(
            london.local(t("2026-06-01T12:00:00Z")),
            t("2026-06-01T13:00:00Z")
        );
    }

    #[test]
    fn sydney_has_daylight_saving_in_the_southern_summer() {
        let sydney = zone("Australia/Sydney");
        assert_eq!(
            sydney.offset_at(t("2026-01-15T00:00:00Z")),
            11 * HOUR as i64
        );
        assert_eq!(
            sydney.offset_at(t("2026-07-15T00:00:00Z")),
            10 * HOUR as i64
        );
        // 2026: ends Sunday 5 April 03:00 local daylight (16:00Z the 4th).
        assert_eq!(
            sydney.offset_at(t("2026-04-04T15:59:00Z")),
            11 * HOUR as i64
        );
        assert_eq!(
            sydney.offset_at(t("2026-04-04T16:00:00Z")),
            10 * HOUR as i64
        );
        let auckland = zone("Pacific/Auckland");
        assert_eq!(
            auckland.offset_at(t("2026-01-15T00:00:00Z")),
            13 * HOUR as i64
        );
        assert_eq!(
            format_iso(auckland.local(t("2026-07-15T00:00:00Z"))),
            "2026-07-15T12:00:00.000Z"
        );
    }
}
