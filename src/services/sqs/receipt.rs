//! Receipt handles: opaque base64 to the user, but they name the queue, the
//! message and the receive they came from, so a handle from an earlier
//! receive can be told apart from the current one.

use crate::sim::Rng;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

const MAGIC: [u8; 3] = [1, 1, 1]; // encodes as "AQEB", the prefix AWS's handles have
const SALT: usize = 14;
const LEN: usize = 3 + SALT + 16;

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
pub fn issue(queue_id: u32, seq: u64, receive_gen: u32, rng: &mut Rng) -> (Receipt, String) {
    let mut salt = [0u8; SALT];
    rng.fill(&mut salt);
    let receipt = Receipt {
        queue_id,
        seq,
        receive_gen,
        salt,
    };
    (receipt, encode(receipt))
}

pub fn encode(receipt: Receipt) -> String {
    let mut bytes = [0u8; LEN];
    bytes[..3].copy_from_slice(&MAGIC);
    bytes[3..3 + SALT].copy_from_slice(&receipt.salt);
    let f = 3 + SALT;
    bytes[f..f + 4].copy_from_slice(&receipt.queue_id.to_be_bytes());
    bytes[f + 4..f + 12].copy_from_slice(&receipt.seq.to_be_bytes());
    bytes[f + 12..f + 16].copy_from_slice(&receipt.receive_gen.to_be_bytes());
    mask(&mut bytes);
    STANDARD.encode(bytes)
}

pub fn decode(handle: &str) -> Option<Receipt> {
    if handle.len() != LEN.div_ceil(3) * 4 {
        return None;
    }
    let mut bytes: [u8; LEN] = STANDARD.decode(handle).ok()?.try_into().ok()?;
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
