//! Response values SQS renders only when a response is serialised: MD5
//! digests (hex on the wire) and receipt handles (base64 on the wire). The
//! typed path carries them as bytes; the JSON edges write them without an
//! intermediate string.

use super::receipt::{self, Receipt};
use md5::Digest as _;
use serde::{Serialize, Serializer};
use std::cell::OnceCell;
use std::fmt;
use std::rc::Rc;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// An MD5 digest, serialised as its 32 lowercase hex digits (MD5OfMessageBody and friends).
/// A message body's digest is taken only when it is read or serialised: a typed caller that
/// never looks at it (a delivery, a benchmark) never pays for it.
#[derive(Clone, Debug)]
pub struct Md5(Lazy);

#[derive(Clone, Debug)]
enum Lazy {
    Taken([u8; 16]),
    /// The digest of a message body, taken once (the first time any answer shows it).
    Of(Rc<Body>),
}

/// A message body, shared by the stored message and the answers that carry it, with its MD5
/// digest taken once, when an answer first shows it (a typed caller never pays for it).
#[derive(Debug)]
pub struct Body {
    text: Box<str>,
    md5: OnceCell<[u8; 16]>,
}

impl Body {
    pub fn new(text: &str) -> Rc<Body> {
        Rc::new(Body {
            text: text.into(),
            md5: OnceCell::new(),
        })
    }

    fn digest(&self) -> [u8; 16] {
        *self
            .md5
            .get_or_init(|| md5::Md5::digest(self.text.as_bytes()).into())
    }
}

impl std::ops::Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        &*self.text == other
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl Default for Md5 {
    fn default() -> Self {
        Md5(Lazy::Taken([0; 16]))
    }
}

impl PartialEq for Md5 {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for Md5 {}

impl Md5 {
    pub fn of(bytes: &[u8]) -> Md5 {
        Md5(Lazy::Taken(md5::Md5::digest(bytes).into()))
    }

    /// The digest of a body's UTF-8 bytes, taken when first needed (and then kept with it).
    pub fn of_body(body: Rc<Body>) -> Md5 {
        Md5(Lazy::Of(body))
    }

    /// The 16 bytes of the digest.
    pub fn bytes(&self) -> [u8; 16] {
        match &self.0 {
            Lazy::Taken(bytes) => *bytes,
            Lazy::Of(body) => body.digest(),
        }
    }

    fn hex(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, byte) in self.bytes().iter().enumerate() {
            out[2 * i] = HEX[(byte >> 4) as usize];
            out[2 * i + 1] = HEX[(byte & 15) as usize];
        }
        out
    }
}

impl fmt::Display for Md5 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.hex();
        f.write_str(std::str::from_utf8(&hex).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Md5 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let hex = self.hex();
        // Hex digits are ASCII, so this never fails.
        s.serialize_str(std::str::from_utf8(&hex).unwrap_or_default())
    }
}

/// A receipt handle as ReceiveMessage returns it: the receipt, base64-encoded when serialised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handle(pub(super) Receipt);

impl Handle {
    /// The handle as text, for a DeleteMessage or ChangeMessageVisibility request.
    pub fn text(&self) -> String {
        receipt::encode(self.0)
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; receipt::HANDLE_LEN];
        f.write_str(receipt::encode_into(self.0, &mut buf))
    }
}

impl Serialize for Handle {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; receipt::HANDLE_LEN];
        s.serialize_str(receipt::encode_into(self.0, &mut buf))
    }
}

/// A new message id: a random (version 4) UUID from the seeded source, as
/// `Rng::uuid` makes it, built straight into the shared string.
pub fn message_id(rng: &mut crate::sim::Rng) -> Rc<str> {
    /// Where each byte's two hex digits go in the 8-4-4-4-12 form.
    const AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    let mut b = [0u8; 16];
    rng.fill(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = [b'-'; 36];
    for (byte, at) in b.iter().zip(AT) {
        out[at] = HEX[(byte >> 4) as usize];
        out[at + 1] = HEX[(byte & 15) as usize];
    }
    Rc::from(std::str::from_utf8(&out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Rng;

    #[test]
    fn a_message_id_is_the_uuid_the_seeded_source_gives() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..3 {
            assert_eq!(&*message_id(&mut a), b.uuid());
        }
    }

    #[test]
    fn a_digest_serialises_as_lowercase_hex() {
        let md5 = Md5::of(b"hello");
        assert_eq!(md5.to_string(), "5d41402abc4b2a76b9719d911017c592");
        assert_eq!(
            serde_json::to_string(&md5).ok().as_deref(),
            Some("\"5d41402abc4b2a76b9719d911017c592\"")
        );
    }

    #[test]
    fn a_text_digest_taken_later_is_the_same_digest() {
        let body = Body::new("hello");
        let later = Md5::of_body(body.clone());
        assert_eq!(later, Md5::of(b"hello"));
        assert_eq!(later.to_string(), "5d41402abc4b2a76b9719d911017c592");
        // Taken once, then kept with the body for every later answer.
        assert!(body.md5.get().is_some());
        assert_eq!(Md5::of_body(body), Md5::of(b"hello"));
    }

    #[test]
    fn a_handle_serialises_as_its_text() {
        let (r, text) = receipt::issue(1, 2, 3, &mut Rng::new(1));
        let handle = Handle(r);
        assert_eq!(handle.text(), text);
        assert_eq!(handle.to_string(), text);
        assert_eq!(serde_json::to_value(handle).ok(), Some(text.into()));
    }
}
