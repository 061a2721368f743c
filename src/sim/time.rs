//! Virtual time: milliseconds since the Unix epoch, with the ISO 8601 and
//! duration ("31s", "4d") text forms that scenarios and the UI use.

/// A point in virtual time, in milliseconds since 1970-01-01T00:00:00Z.
pub type Millis = u64;

pub const SECOND: Millis = 1_000;
pub const MINUTE: Millis = 60 * SECOND;
pub const HOUR: Millis = 60 * MINUTE;
pub const DAY: Millis = 24 * HOUR;

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// `2026-01-01T00:00:00.000Z`
pub fn format_iso(t: Millis) -> String {
    let secs = (t / 1000) as i64;
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        sod / 3600,
        (sod / 60) % 60,
        sod % 60,
        t % 1000
    )
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (UTC only, as scenario epochs are).
pub fn parse_iso(text: &str) -> Option<Millis> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(range)?;
        if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let millis = match &text[19..] {
        "Z" => 0,
        rest if rest.len() == 5 && rest.starts_with('.') && rest.ends_with('Z') => num(20..23)?,
        _ => return None,
    };
    let month_days = [
        31,
        28 + u32::from(is_leap(year)),
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day == 0
        || day > month_days[month as usize - 1]
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year as i64, month, day);
    if days < 0 {
        return None;
    }
    Some(
        days as u64 * DAY
            + hour as u64 * HOUR
            + minute as u64 * MINUTE
            + second as u64 * SECOND
            + millis as u64,
    )
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// Parses a scenario duration: a whole number followed by `ms`, `s`, `m`, `h` or `d`.
pub fn parse_duration(text: &str) -> Option<Millis> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (digits, unit) = text.split_at(split);
    if digits.is_empty() {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    let unit_ms = match unit {
        "ms" => 1,
        "s" => SECOND,
        "m" => MINUTE,
        "h" => HOUR,
        "d" => DAY,
        _ => return None,
    };
    n.checked_mul(unit_ms)
}

/// The shortest exact text form of a duration: `90s` stays `90s`, `86400000ms` is `1d`.
pub fn format_duration(ms: Millis) -> String {
    for (unit, size) in [("d", DAY), ("h", HOUR), ("m", MINUTE), ("s", SECOND)] {
        if ms != 0 && ms.is_multiple_of(size) {
            return format!("{}{unit}", ms / size);
        }
    }
    format!("{ms}ms")
}

/// A duration in its two largest units: "250 ms", "2.5 s", "30 s", "1 min 30 s", "4 d".
pub fn spoken_duration(ms: Millis) -> String {
    if ms < SECOND {
        return format!("{ms} ms");
    }
    if ms < MINUTE {
        return if ms.is_multiple_of(SECOND) {
            format!("{} s", ms / SECOND)
        } else {
            format!("{:.1} s", ms as f64 / SECOND as f64)
        };
    }
    let units = [(DAY, "d"), (HOUR, "h"), (MINUTE, "min"), (SECOND, "s")];
    let mut parts = Vec::new();
    let mut rest = ms;
    for (size, unit) in units {
        if rest >= size {
            parts.push(format!("{} {unit}", rest / size));
            rest %= size;
        } else if !parts.is_empty() {
            // "1 d 30 s" would hide that the hours were zero: stop at the first gap.
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_said_in_their_two_largest_units() {
        assert_eq!(spoken_duration(250), "250 ms");
        assert_eq!(spoken_duration(2_500), "2.5 s");
        assert_eq!(spoken_duration(30 * SECOND), "30 s");
        assert_eq!(spoken_duration(90 * SECOND), "1 min 30 s");
        assert_eq!(spoken_duration(4 * DAY), "4 d");
        assert_eq!(spoken_duration(DAY + 30 * SECOND), "1 d");
        assert_eq!(
            spoken_duration(3 * DAY + 23 * HOUR + 59 * MINUTE),
            "3 d 23 h"
        );
    }

    #[test]
    fn iso_round_trips_across_leap_days_and_centuries() {
        for text in [
            "1970-01-01T00:00:00.000Z",
            "2026-01-01T00:00:00.000Z",
            "2024-02-29T23:59:59.999Z",
            "2000-03-01T12:34:56.789Z",
        ] {
            assert_eq!(format_iso(parse_iso(text).unwrap()), text);
        }
        assert_eq!(parse_iso("2026-01-01T00:00:00Z"), Some(1_767_225_600_000));
    }

    #[test]
    fn iso_rejects_impossible_dates_and_offsets() {
        for text in [
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00+01:00",
            "2026-01-01",
            "x",
        ] {
            assert_eq!(parse_iso(text), None, "{text}");
        }
    }

    #[test]
    fn durations_take_the_five_documented_units() {
        assert_eq!(parse_duration("250ms"), Some(250));
        assert_eq!(parse_duration("31s"), Some(31_000));
        assert_eq!(parse_duration("2m"), Some(120_000));
        assert_eq!(parse_duration("1h"), Some(3_600_000));
        assert_eq!(parse_duration("4d"), Some(345_600_000));
        for bad in ["", "s", "10", "1.5s", "-1s", "3w", "1 s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(format_duration(345_600_000), "4d");
        assert_eq!(format_duration(90_000), "90s");
        assert_eq!(format_duration(1_500), "1500ms");
    }
}
