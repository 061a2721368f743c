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
    pub receive_gen: u32,
}

pub fn encode(receipt: Receipt, rng: &mut Rng) -> String {
    let mut bytes = [0u8; LEN];
    bytes[..3].copy_from_slice(&MAGIC);
    rng.fill(&mut bytes[3..3 + SALT]);
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_names_its_queue_message_and_receive() {
        let r = Receipt {
            queue_id: 3,
            seq: 99,
            receive_gen: 2,
        };
        let handle = encode(r, &mut Rng::new(1));
        assert!(handle.starts_with("AQEB"));
        assert_eq!(decode(&handle), Some(r));
        assert_eq!(decode("not-a-handle"), None);
        assert_eq!(decode(&handle[1..]), None);
    }
}
