//! Receipt handles: opaque base64 to the user, but they name the queue, the
//! message and the receive they came from, so a handle from an earlier
//! receive can be told apart from the current one.

use crate::sim::Rng;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

const MAGIC: [u8; 3] = [1, 1, 1]; // encodes as "AQEB", the prefix AWS's handles have
const SALT: usize = 14;
const LEN: usize = 3 + SALT + 16;
/// The length of a handle's text (base64 of its bytes, padded).
pub const HANDLE_LEN: usize = LEN.div_ceil(3) * 4;

/// The named fields are masked with the random salt so handles look as opaque as AWS's.
fn mask(bytes: &mut [u8; LEN]) {
    for i in 0..16 {
        bytes[3 + SALT + i] ^= bytes[3 + (i % SALT)].rotate_left(i as u32 % 8);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub queue_id: u32,
    pub seq: u64,
    /// Which receive of the message (its receive count then).
    pub receive_gen: u32,
    /// The random part, so a handle cannot be forged from the other three.
    pub salt: [u8; SALT],
}

/// A new receipt for a receive, with its handle.
#[cfg(test)]
pub fn issue(queue_id: u32, seq: u64, receive_gen: u32, rng: &mut Rng) -> (Receipt, String) {
    let receipt = draw(queue_id, seq, receive_gen, rng);
    (receipt, encode(receipt))
}

/// A new receipt for a receive (its handle's text is rendered only when asked for).
pub fn draw(queue_id: u32, seq: u64, receive_gen: u32, rng: &mut Rng) -> Receipt {
    let mut salt = [0u8; SALT];
    rng.fill(&mut salt);
    Receipt {
        queue_id,
        seq,
        receive_gen,
        salt,
    }
}

pub fn encode(receipt: Receipt) -> String {
    STANDARD.encode(to_bytes(receipt))
}

/// The handle's text, written into `buf`.
pub fn encode_into(receipt: Receipt, buf: &mut [u8; HANDLE_LEN]) -> &str {
    let written = STANDARD
        .encode_slice(to_bytes(receipt), buf)
        .unwrap_or_default();
    std::str::from_utf8(&buf[..written]).unwrap_or_default()
}

fn to_bytes(receipt: Receipt) -> [u8; LEN] {
    let mut bytes = [0u8; LEN];
    bytes[..3].copy_from_slice(&MAGIC);
    bytes[3..3 + SALT].copy_from_slice(&receipt.salt);
    let f = 3 + SALT;
    bytes[f..f + 4].copy_from_slice(&receipt.queue_id.to_be_bytes());
    bytes[f + 4..f + 12].copy_from_slice(&receipt.seq.to_be_bytes());
    bytes[f + 12..f + 16].copy_from_slice(&receipt.receive_gen.to_be_bytes());
    mask(&mut bytes);
    bytes
}

pub fn decode(handle: &str) -> Option<Receipt> {
    if handle.len() != HANDLE_LEN {
        return None;
    }
    let mut buf = [0u8; LEN + 2];
    let n = STANDARD.decode_slice(handle, &mut buf).ok()?;
    let mut bytes: [u8; LEN] = buf.get(..n)?.try_into().ok()?;
    if bytes[..3] != MAGIC {
        return None;
    }
    mask(&mut bytes);
    let f = 3 + SALT;
    Some(Receipt {
        queue_id: u32::from_be_bytes(bytes[f..f + 4].try_into().ok()?),
        seq: u64::from_be_bytes(bytes[f + 4..f + 12].try_into().ok()?),
        receive_gen: u32::from_be_bytes(bytes[f + 12..f + 16].try_into().ok()?),
        salt: bytes[3..3 + SALT].try_into().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_names_its_queue_message_and_receive() {
        let (r, handle) = issue(3, 99, 2, &mut Rng::new(1));
        assert_eq!((r.queue_id, r.seq, r.receive_gen), (3, 99, 2));
        assert!(handle.starts_with("AQEB"));
        assert_eq!(decode(&handle), Some(r));
        assert_eq!(decode("not-a-handle"), None);
        assert_eq!(decode(&handle[1..]), None);
    }
}
