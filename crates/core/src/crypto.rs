//! SHA-256, HMAC-SHA256 and constant-time comparison, on the RustCrypto crates.
#![forbid(unsafe_code)]

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub type HmacSha256 = hmac::Hmac<Sha256>;

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// SHA-256 of the concatenation of `parts` (no copy of the whole input). The stack the
/// hash used (its block buffer holds input bytes: a Tedee token, a PKCE verifier) is
/// overwritten afterwards.
pub fn sha256_parts(parts: &[&[u8]]) -> [u8; 32] {
    let out = sha256_parts_inner(parts);
    scrub_stack();
    out
}

#[inline(never)]
fn sha256_parts_inner(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// A streaming SHA-256.
#[derive(Clone, Default)]
pub struct Sha256Stream(Sha256);

impl Sha256Stream {
    pub fn new() -> Self {
        Self(Sha256::new())
    }
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    pub fn finalize(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

/// A keyed HMAC-SHA256: the key schedule is done once and reused for every message.
/// Any key length is valid (an empty key included, as RFC 2104 allows).
#[derive(Clone)]
pub struct HmacKey {
    keyed: HmacSha256,
}

impl core::fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("HmacKey([REDACTED])")
    }
}

impl HmacKey {
    pub fn new(key: &[u8]) -> Self {
        // HMAC accepts keys of every length; `new_from_slice` cannot fail for it.
        let keyed = key_schedule(key);
        // The key schedule left the padded key (K ^ ipad, K ^ opad) in its stack frame,
        // which in wasm is linear memory: overwrite that region.
        scrub_stack();
        HmacKey { keyed }
    }

    /// The MAC of `data`.
    pub fn mac(&self, data: &[u8]) -> [u8; 32] {
        self.mac_parts(&[data])
    }

    /// The MAC of the concatenation of `parts`. The keyed states copied onto the stack
    /// for it are overwritten afterwards.
    pub fn mac_parts(&self, parts: &[&[u8]]) -> [u8; 32] {
        let out = self.mac_parts_inner(parts);
        scrub_stack();
        out
    }

    #[inline(never)]
    fn mac_parts_inner(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut m = self.keyed.clone();
        for p in parts {
            m.update(p);
        }
        m.finalize().into_bytes().into()
    }

    /// A stream keyed with this key.
    pub fn stream(&self) -> HmacStream {
        HmacStream {
            mac: self.keyed.clone(),
        }
    }
}

impl core::fmt::Debug for HmacStream {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("HmacStream([REDACTED])")
    }
}

/// An HMAC-SHA256 over data given in chunks.
#[derive(Clone)]
pub struct HmacStream {
    mac: HmacSha256,
}

impl HmacStream {
    pub fn update(&mut self, data: &[u8]) {
        self.mac.update(data);
    }
    pub fn finalize(self) -> [u8; 32] {
        let out = Self::finalize_inner(self);
        scrub_stack();
        out
    }

    #[inline(never)]
    fn finalize_inner(self) -> [u8; 32] {
        self.mac.finalize().into_bytes().into()
    }
}

/// The keyed HMAC state, in a frame of its own so that `scrub_stack` can reach it.
#[inline(never)]
fn key_schedule(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => HmacSha256::new(&Default::default()),
    }
}

/// Overwrites the stack below the caller's frame with zeros (2 KiB: more than the HMAC
/// key schedule and the SHA-256 compression use). Not inlined, so its
/// frame lies where the frames of the functions the caller just returned from were.
#[inline(never)]
pub fn scrub_stack() {
    // `black_box` makes the zeroed array observable, so it is really written (one
    // `memory.fill` in wasm) where the previous frames were.
    let area = [0u64; 256];
    core::hint::black_box(&area);
}

/// HMAC-SHA256 of `data` under `key`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    HmacKey::new(key).mac(data)
}

/// Compares two byte strings in time that depends only on their lengths.
/// Different lengths are unequal (lengths are not secret).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::{hex, hex_decode};

    use crate::test_vectors as vectors;

    #[test]
    fn nist_sha256_short() {
        let v = vectors("nist_sha256_short.json");
        let tests = v["tests"].as_array().unwrap();
        assert_eq!(tests.len(), 65);
        for t in tests {
            let msg = hex_decode(t["msg_hex"].as_str().unwrap(), true).unwrap();
            assert_eq!(hex(&sha256(&msg)), t["md_hex"].as_str().unwrap());
            // Streaming in odd-sized chunks gives the same digest.
            let mut s = Sha256Stream::new();
            for c in msg.chunks(7) {
                s.update(c);
            }
            assert_eq!(hex(&s.finalize()), t["md_hex"].as_str().unwrap());
        }
    }

    #[test]
    fn rfc4231_hmac_sha256() {
        let v = vectors("rfc4231_hmac_sha256.json");
        let tests = v["tests"].as_array().unwrap();
        assert_eq!(tests.len(), 7);
        for t in tests {
            let key = hex_decode(t["key_hex"].as_str().unwrap(), true).unwrap();
            let data = hex_decode(t["data_hex"].as_str().unwrap(), true).unwrap();
            let want = t["hmac_sha256_hex"].as_str().unwrap();
            let got = hex(&hmac_sha256(&key, &data));
            assert!(got.starts_with(want), "case {}", t["tc_id"]);
            let mut s = HmacKey::new(&key).stream();
            for c in data.chunks(5) {
                s.update(c);
            }
            assert_eq!(hex(&s.finalize()), got);
        }
    }

    #[test]
    fn constant_time_eq() {
        assert!(ct_eq(b"", b""));
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"abcd"));
    }

    #[test]
    fn empty_key_is_valid() {
        assert_eq!(
            hex(&hmac_sha256(b"", b"")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
        );
    }
}
