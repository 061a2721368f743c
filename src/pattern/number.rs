//! Numbers as the pattern engine compares them: exact decimals scaled by 10^6
//! into an `i64`, which is how AWS documents numeric matching ("values between
//! -5.0e9 and +5.0e9 inclusive, with 15 digits of precision, or six digits to
//! the right of the decimal point"). Parsing is done on the decimal text, so
//! `300`, `3.0e2` and `300.000` are the same number and no float rounding
//! creeps in. Digits past the sixth decimal place are dropped.

/// The largest magnitude a comparable number may have, scaled by 10^6.
pub(crate) const LIMIT_SCALED: i64 = 5_000_000_000 * 1_000_000;

/// Why a number cannot take part in numeric comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// Not a JSON number at all.
    Syntax,
    /// Outside -5.0e9 ..= 5.0e9.
    OutOfRange,
}

/// AWS's wording when a pattern number is out of range (the Java double
/// 5.0E9 printed as Java prints it).
pub(crate) const OUT_OF_RANGE_MESSAGE: &str = "Value must be between -5.0E9 and 5.0E9, inclusive";

/// Parses JSON number text into the value times 10^6, truncated toward zero.
pub(crate) fn scaled(text: &str) -> Result<i64, NumberError> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = &bytes[int_start..i];
    if int_digits.is_empty() {
        return Err(NumberError::Syntax);
    }
    let mut frac_digits: &[u8] = &[];
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(NumberError::Syntax);
        }
        frac_digits = &bytes[start..i];
    }
    let mut exponent: i64 = 0;
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        let mut exp_negative = false;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            exp_negative = bytes[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            exponent = (exponent * 10 + i64::from(bytes[i] - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start {
            return Err(NumberError::Syntax);
        }
        if exp_negative {
            exponent = -exponent;
        }
    }
    if i != bytes.len() {
        return Err(NumberError::Syntax);
    }
    // The digits are int_digits then frac_digits, the point after the
    // integer digits moved by the exponent.
    let total = int_digits.len() + frac_digits.len();
    let digit = |k: usize| -> u8 {
        if k < int_digits.len() {
            int_digits[k] - b'0'
        } else if k < total {
            frac_digits[k - int_digits.len()] - b'0'
        } else {
            0
        }
    };
    let Some(first) = (0..total).find(|&k| digit(k) != 0) else {
        return Ok(0);
    };
    let point = int_digits.len() as i64 + exponent;
    // The scaled integer is made of the digits before position point + 6.
    let end = point + 6;
    if end <= first as i64 {
        return Ok(0);
    }
    if end - first as i64 > 19 {
        return Err(NumberError::OutOfRange);
    }
    let mut value: i128 = 0;
    for k in first..end as usize {
        value = value * 10 + i128::from(digit(k));
    }
    if value > i128::from(LIMIT_SCALED) {
        return Err(NumberError::OutOfRange);
    }
    let value = value as i64;
    Ok(if negative { -value } else { value })
}

/// The scaled value of an event's number, if it can be compared.
pub(crate) fn scaled_of(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return i.checked_mul(1_000_000).filter(|v| v.abs() <= LIMIT_SCALED);
    }
    if let Some(u) = n.as_u64() {
        return i64::try_from(u)
            .ok()
            .and_then(|i| i.checked_mul(1_000_000))
            .filter(|v| *v <= LIMIT_SCALED);
    }
    // A float: its shortest round-trip text is the decimal the sender wrote.
    let mut buf = StackText::default();
    use std::fmt::Write;
    write!(buf, "{n}").ok()?;
    scaled(buf.as_str()?).ok()
}

/// A small text buffer on the stack, for formatting a number without
/// allocating.
struct StackText {
    bytes: [u8; 40],
    len: usize,
    overflow: bool,
}

impl Default for StackText {
    fn default() -> Self {
        StackText {
            bytes: [0; 40],
            len: 0,
            overflow: false,
        }
    }
}

impl StackText {
    fn as_str(&self) -> Option<&str> {
        if self.overflow {
            return None;
        }
        std::str::from_utf8(self.bytes.get(..self.len)?).ok()
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        match self.bytes.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(s.as_bytes());
                self.len = end;
            }
            None => self.overflow = true,
        }
        Ok(())
    }
}

/// The text of a number as the engine compares numbers it cannot scale:
/// serde_json's canonical form of the value.
pub(crate) fn canonical_text(text: &str) -> String {
    match serde_json::from_str::<serde_json::Number>(text) {
        Ok(n) => n.to_string(),
        Err(_) => text.to_string(),
    }
}

/// Formats a scaled number back to decimal text, for explanations.
pub(crate) fn format_scaled(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    let int = abs / 1_000_000;
    let frac = abs % 1_000_000;
    if frac == 0 {
        format!("{sign}{int}")
    } else {
        let frac = format!("{frac:06}");
        format!("{sign}{int}.{}", frac.trim_end_matches('0'))
    }
}
