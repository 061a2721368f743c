//! IP addresses and CIDR blocks as AWS's `cidr` operator reads them: IPv4 and
//! IPv6, each block a range of addresses from the address written up to the
//! address with every host bit set (AWS does not clear the host bits of the
//! address you give: `10.0.0.5/24` covers `10.0.0.5` to `10.0.0.255`). An
//! exact string in a pattern that is an IP address matches that address in
//! any spelling (`::1` and `0:0:0:0:0:0:0:1`).

use std::net::Ipv6Addr;

/// An address as its bytes: 4 for IPv4, 16 for IPv6 (kept inline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct IpBytes {
    len: u8,
    bytes: [u8; 16],
}

impl IpBytes {
    fn new(b: &[u8]) -> IpBytes {
        let mut bytes = [0u8; 16];
        let len = b.len().min(16);
        bytes[..len].copy_from_slice(&b[..len]);
        IpBytes {
            len: len as u8,
            bytes,
        }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.len)
    }
}

/// A closed range of addresses of one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IpRange {
    pub low: IpBytes,
    pub high: IpBytes,
}

impl IpRange {
    pub(crate) fn contains(&self, ip: &IpBytes) -> bool {
        ip.len() == self.low.len()
            && self.low.as_slice() <= ip.as_slice()
            && ip.as_slice() <= self.high.as_slice()
    }
}

fn looks_like_ipv4(s: &str) -> bool {
    let mut parts = 0;
    for p in s.split('.') {
        parts += 1;
        if parts > 4 || p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    parts == 4
}

fn looks_like_ipv6(s: &str) -> bool {
    s.contains(':') && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
}

/// Whether AWS would even try to read the text as an address.
pub(crate) fn looks_like_ip(s: &str) -> bool {
    looks_like_ipv4(s) || looks_like_ipv6(s)
}

/// Why a text is not an address, in AWS's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IpError {
    /// Looks like an address but is not one ("Invalid IP address: ...").
    Invalid,
    /// Does not look like an address ("Nonstandard IP address: ...").
    Nonstandard,
}

/// Reads an IPv4 or IPv6 literal. IPv4 parts may have leading zeros (read as
/// decimal); an IPv4-mapped IPv6 address reads as its IPv4 address.
pub(crate) fn parse(s: &str) -> Result<IpBytes, IpError> {
    if looks_like_ipv4(s) {
        let mut out = [0u8; 4];
        for (k, part) in s.split('.').enumerate() {
            let trimmed = part.trim_start_matches('0');
            if trimmed.len() > 3 {
                return Err(IpError::Invalid);
            }
            let v: u32 = if trimmed.is_empty() {
                0
            } else {
                trimmed.parse().map_err(|_| IpError::Invalid)?
            };
            if v > 255 {
                return Err(IpError::Invalid);
            }
            out[k & 3] = v as u8;
        }
        return Ok(IpBytes::new(&out));
    }
    if looks_like_ipv6(s) {
        let addr: Ipv6Addr = s.parse().map_err(|_| IpError::Invalid)?;
        if let Some(v4) = addr.to_ipv4_mapped() {
            return Ok(IpBytes::new(&v4.octets()));
        }
        return Ok(IpBytes::new(&addr.octets()));
    }
    Err(IpError::Nonstandard)
}

/// The message AWS gives for an address it cannot read.
pub(crate) fn error_message(e: &IpError, text: &str) -> String {
    match e {
        IpError::Invalid => format!("Invalid IP address: {text}"),
        IpError::Nonstandard => format!("Nonstandard IP address: {text}"),
    }
}

/// Java's `Integer.parseInt`: an optional sign and decimal digits, in range.
fn parse_java_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = s.parse().ok()?;
    (i64::from(i32::MIN)..=i64::from(i32::MAX))
        .contains(&v)
        .then_some(v)
}

/// Reads `address/bits` into the range it covers, or AWS's reason.
pub(crate) fn cidr(text: &str) -> Result<IpRange, String> {
    // Java's split drops trailing empty parts: "a/" has one part.
    let mut parts: Vec<&str> = text.split('/').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    if parts.len() != 2 {
        return Err("Malformed CIDR, one '/' required".to_string());
    }
    let Some(bits) = parse_java_int(parts[1]) else {
        return Err("Malformed CIDR, mask bits must be an integer".to_string());
    };
    if bits < 0 {
        return Err("Malformed CIDR, mask bits must not be negative".to_string());
    }
    let ip = parse(parts[0]).map_err(|e| error_message(&e, parts[0]))?;
    if ip.len() == 4 && bits > 31 {
        return Err("IPv4 mask bits must be < 32".to_string());
    }
    if ip.len() == 16 && bits > 127 {
        return Err("IPv6 mask bits must be < 128".to_string());
    }
    let host_bits = ip.len() as i64 * 8 - bits;
    let mut high = ip;
    let mut remaining = host_bits;
    let len = high.len();
    for byte in high.bytes[..len].iter_mut().rev() {
        if remaining >= 8 {
            *byte = 0xff;
        } else if remaining > 0 {
            *byte |= (1u8 << remaining) - 1;
        }
        remaining -= 8;
    }
    Ok(IpRange { low: ip, high })
}
