//! Tedee Bridge API keys (seed: Tedee "authenticate" how-to).
//!
//! encrypted: `api_token = lowercase_hex(SHA256(token + decimal(ms))) + decimal(ms)`;
//! plain: `api_token = token` (development only). On the wire the key travels as the
//! header `api_token` or the query parameter `api_token`.
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;
use zeroize::Zeroizing;

use crate::crypto::{ct_eq, sha256_parts};
use crate::encoding::{decimal_into, hex_decode_into, hex_digit_lower, parse_decimal};
use crate::error::{Code, Error, Result};

/// The largest timestamp accepted: JavaScript's `Number.MAX_SAFE_INTEGER`.
pub const MAX_TIMESTAMP: u64 = 9_007_199_254_740_991;
/// Default freshness window of the verifiers, in milliseconds.
pub const DEFAULT_TOLERANCE_MS: u64 = 30_000;
/// Default number of keys a [`Verifier`] remembers for replay detection.
pub const DEFAULT_MAX_REMEMBERED: usize = 4096;
/// The most keys a [`Verifier`] may be asked to remember.
pub const MAX_REMEMBERED: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Encrypted,
    Plain,
}

impl Mode {
    pub fn parse(name: &str) -> Option<Mode> {
        match name {
            "encrypted" => Some(Mode::Encrypted),
            "plain" => Some(Mode::Plain),
            _ => None,
        }
    }
}

/// Checks a Tedee token: not empty, no control characters; in plain mode the token is
/// sent as it is, so it must also be visible ASCII (no space, nothing a header can't hold).
pub fn check_token(token: &str, mode: Mode) -> Result<()> {
    if token.is_empty() {
        return Err(Error::auth(Code::EmptySecret, "token must not be empty"));
    }
    let ok = match mode {
        Mode::Encrypted => !crate::encoding::has_control(token),
        Mode::Plain => token.bytes().all(|b| (0x21..=0x7e).contains(&b)),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::auth(
            Code::InvalidCredential,
            match mode {
                Mode::Encrypted => "token must not contain control characters",
                Mode::Plain => "a plain-mode token must be visible ASCII (it is sent as it is)",
            },
        ))
    }
}

fn check_timestamp(ts: u64) -> Result<()> {
    if ts > MAX_TIMESTAMP {
        return Err(Error::range(
            "timestamp must be at most Number.MAX_SAFE_INTEGER",
        ));
    }
    Ok(())
}

/// The longest encrypted key: 64 hex digits and the decimal digits of a u64 (at most 20).
pub const MAX_KEY_LEN: usize = 84;

/// The encrypted key for a checked token, written into `out` without allocating (the hot
/// path: no validation here); returns its length.
fn encrypted_key_into(token: &str, ts: u64, out: &mut [u8; MAX_KEY_LEN]) -> usize {
    let mut buf = [0u8; 20];
    let digits = decimal_into(ts, &mut buf);
    let digest = sha256_parts(&[token.as_bytes(), digits]);
    for (pair, b) in out.chunks_exact_mut(2).zip(digest) {
        if let [hi, lo] = pair {
            *hi = hex_digit_lower(b >> 4);
            *lo = hex_digit_lower(b);
        }
    }
    let n = digits.len().saturating_add(64);
    if let Some(tail) = out.get_mut(64..n) {
        tail.copy_from_slice(digits);
    }
    n
}

/// The encrypted key for a checked token (no validation here: the hot path).
fn encrypted_key(token: &str, ts: u64) -> String {
    let mut out = [0u8; MAX_KEY_LEN];
    let n = encrypted_key_into(token, ts, &mut out);
    // hex digits and decimal digits only
    crate::encoding::ascii_string(out.get(..n).unwrap_or_default().to_vec())
}

/// The encrypted-mode key for `token` at `ts_ms`, as `api_key` checks and makes it, written
/// into `out` without allocating; returns its length.
pub fn encrypted_api_key_into(
    token: &str,
    ts_ms: u64,
    out: &mut [u8; MAX_KEY_LEN],
) -> Result<usize> {
    check_token(token, Mode::Encrypted)?;
    check_timestamp(ts_ms)?;
    Ok(encrypted_key_into(token, ts_ms, out))
}

/// The key for `token` at `ts_ms` (milliseconds since the epoch).
pub fn api_key(token: &str, mode: Mode, ts_ms: u64) -> Result<String> {
    check_token(token, mode)?;
    check_timestamp(ts_ms)?;
    Ok(match mode {
        Mode::Encrypted => encrypted_key(token, ts_ms),
        Mode::Plain => String::from(token),
    })
}

/// An encrypted key split into its parts.
pub struct ParsedKey<'a> {
    pub digest: [u8; 32],
    pub timestamp: u64,
    pub digits: &'a str,
}

/// Parses an encrypted key: exactly 64 lowercase hex digits, then a canonical decimal
/// timestamp (no sign, no leading zero) of at most `MAX_TIMESTAMP`.
pub fn parse_key(api_key: &str) -> Result<ParsedKey<'_>> {
    let malformed = || {
        Error::auth(
            Code::MalformedApiKey,
            "api key must be 64 lowercase hex digits followed by a millisecond timestamp",
        )
    };
    let (hex_part, digits) = match (api_key.get(..64), api_key.get(64..)) {
        (Some(h), Some(d)) => (h, d),
        _ => return Err(malformed()),
    };
    let mut digest = [0u8; 32];
    if !hex_decode_into(hex_part, true, &mut digest) {
        return Err(malformed());
    }
    let timestamp = parse_decimal(digits, MAX_TIMESTAMP).ok_or_else(malformed)?;
    Ok(ParsedKey {
        digest,
        timestamp,
        digits,
    })
}

/// Checks `ts` against `now` with a two-sided window; `tolerance == 0` disables the check.
pub fn check_window(ts: u64, now: u64, tolerance: u64) -> Result<()> {
    if tolerance == 0 {
        return Ok(());
    }
    if ts.saturating_add(tolerance) < now {
        return Err(Error::auth(
            Code::TimestampTooOld,
            "timestamp is older than the tolerance allows",
        ));
    }
    if ts > now.saturating_add(tolerance) {
        return Err(Error::auth(
            Code::TimestampTooNew,
            "timestamp is further in the future than the tolerance allows",
        ));
    }
    Ok(())
}

/// Verifies an encrypted key for `token`; returns its timestamp.
/// The digest is compared in constant time before the timestamp is looked at.
pub fn verify_key(token: &str, api_key: &str, now: u64, tolerance_ms: u64) -> Result<u64> {
    check_token(token, Mode::Encrypted)?;
    let parsed = parse_key(api_key)?;
    let expected = sha256_parts(&[token.as_bytes(), parsed.digits.as_bytes()]);
    if !ct_eq(&expected, &parsed.digest) {
        return Err(Error::auth(
            Code::KeyMismatch,
            "api key does not match the token",
        ));
    }
    check_window(parsed.timestamp, now, tolerance_ms)?;
    Ok(parsed.timestamp)
}

/// Makes keys with strictly increasing timestamps: a second key in the same millisecond
/// (or after the clock stepped back) uses the last timestamp + 1.
pub struct KeyGenerator {
    token: Zeroizing<String>,
    mode: Mode,
    last: Option<u64>,
}

impl core::fmt::Debug for KeyGenerator {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("KeyGenerator([REDACTED])")
    }
}

impl KeyGenerator {
    pub fn new(token: &str, mode: Mode) -> Result<Self> {
        check_token(token, mode)?;
        Ok(KeyGenerator {
            token: Zeroizing::new(String::from(token)),
            mode,
            last: None,
        })
    }

    /// The timestamp the next key will use at `now`.
    /// The timestamp of the last key made, `None` before the first.
    pub fn last(&self) -> Option<u64> {
        self.last
    }

    pub fn next_timestamp(&self, now: u64) -> u64 {
        match self.last {
            Some(last) if now <= last => last.saturating_add(1),
            _ => now,
        }
    }

    /// The next key; `now` in milliseconds.
    pub fn next(&mut self, now: u64) -> Result<(String, u64)> {
        let ts = self.next_timestamp(now);
        check_timestamp(ts)?;
        self.last = Some(ts);
        let key = match self.mode {
            Mode::Encrypted => encrypted_key(&self.token, ts),
            Mode::Plain => String::from(self.token.as_str()),
        };
        Ok((key, ts))
    }
}

/// Bridge-side verification: digest, freshness window and replay rejection, in bounded
/// memory. It remembers up to `max_remembered` recent timestamps; when it must forget
/// one, every timestamp at or below the forgotten one is refused from then on (so a
/// forgotten key can never be replayed; at worst an old, out-of-order key is refused).
pub struct Verifier {
    token: Zeroizing<String>,
    mode: Mode,
    tolerance_ms: u64,
    max_remembered: usize,
    /// The remembered timestamps, ascending and distinct. A sorted vector rather than a
    /// `BTreeSet`: keys arrive almost in order (an insert is an append), lookups are a
    /// binary search, and it is ~8 KB less wasm than the B-tree.
    seen: Vec<u64>,
    floor: Option<u64>,
}

impl core::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Verifier([REDACTED])")
    }
}

impl Verifier {
    pub fn new(token: &str, mode: Mode, tolerance_ms: u64, max_remembered: usize) -> Result<Self> {
        check_token(token, mode)?;
        if max_remembered == 0 || max_remembered > MAX_REMEMBERED {
            return Err(Error::range(
                "options.maxRemembered must be from 1 to 1048576",
            ));
        }
        Ok(Verifier {
            token: Zeroizing::new(String::from(token)),
            mode,
            tolerance_ms,
            max_remembered,
            seen: Vec::new(),
            floor: None,
        })
    }

    /// Verifies `api_key` at `now`; returns its timestamp (0 for a plain-mode key).
    pub fn verify(&mut self, api_key: &str, now: u64) -> Result<u64> {
        if self.mode == Mode::Plain {
            return if ct_eq(self.token.as_bytes(), api_key.as_bytes()) {
                Ok(0)
            } else {
                Err(Error::auth(
                    Code::KeyMismatch,
                    "api key does not match the token",
                ))
            };
        }
        let ts = verify_key(&self.token, api_key, now, self.tolerance_ms)?;
        let at = match self.seen.binary_search(&ts) {
            Ok(_) => return Err(Error::auth(Code::Replay, "api key was already used")),
            Err(_) if self.floor.is_some_and(|f| ts <= f) => {
                return Err(Error::auth(Code::Replay, "api key was already used"))
            }
            Err(at) => at,
        };
        self.seen.insert(at, ts);
        // Keys older than the window are refused by the window check: forget them.
        if self.tolerance_ms > 0 {
            let oldest_fresh = now.saturating_sub(self.tolerance_ms);
            let stale = self.seen.partition_point(|&t| t < oldest_fresh);
            self.seen.drain(..stale);
        }
        // Over the cap: forget the oldest, and refuse everything at or below them.
        let over = self.seen.len().saturating_sub(self.max_remembered);
        if let Some(&forgotten) = over.checked_sub(1).and_then(|i| self.seen.get(i)) {
            self.floor = Some(self.floor.map_or(forgotten, |f| f.max(forgotten)));
            self.seen.drain(..over);
        }
        Ok(ts)
    }

    /// How many keys are remembered now.
    pub fn remembered(&self) -> usize {
        self.seen.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_KEY: &str =
        "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";

    #[test]
    fn shared_vectors() {
        let v = crate::test_vectors("tedee.json");
        for c in v["cases"].as_array().unwrap() {
            let token = c["token"].as_str().unwrap();
            match (c["mode"].as_str().unwrap(), c["valid"].as_bool().unwrap()) {
                ("encrypted", true) => {
                    let ts = c["timestamp_ms"].as_u64().unwrap();
                    assert_eq!(
                        api_key(token, Mode::Encrypted, ts).unwrap(),
                        c["expected_api_token"].as_str().unwrap()
                    );
                }
                ("plain", true) => {
                    assert_eq!(
                        api_key(token, Mode::Plain, 1).unwrap(),
                        c["expected_api_token"].as_str().unwrap()
                    );
                }
                ("encrypted", false) => {
                    let wrong = c["api_token_if_seconds_were_used"].as_str().unwrap();
                    let ms = c["timestamp_s"].as_u64().unwrap() * 1000;
                    assert_ne!(api_key(token, Mode::Encrypted, ms).unwrap(), wrong);
                    assert_eq!(
                        api_key(token, Mode::Encrypted, ms).unwrap(),
                        c["must_not_equal"].as_str().unwrap()
                    );
                }
                other => panic!("unexpected case {other:?}"),
            }
        }
    }

    #[test]
    fn verify_doc_key() {
        let now = 1691058833000;
        assert_eq!(verify_key("BE9xnPnGfVUS", DOC_KEY, now, 30_000), Ok(now));
        assert_eq!(
            verify_key("BE9xnPnGfVUS", DOC_KEY, now + 30_000, 30_000),
            Ok(now)
        );
        assert_eq!(
            verify_key("BE9xnPnGfVUS", DOC_KEY, now + 30_001, 30_000)
                .unwrap_err()
                .code(),
            Some(Code::TimestampTooOld)
        );
        assert_eq!(
            verify_key("BE9xnPnGfVUS", DOC_KEY, now - 30_001, 30_000)
                .unwrap_err()
                .code(),
            Some(Code::TimestampTooNew)
        );
        assert_eq!(
            verify_key("BE9xnPnGfVUS", DOC_KEY, 0, 0),
            Ok(now),
            "0 disables the window"
        );
        assert_eq!(
            verify_key("BE9xnPnGfVUt", DOC_KEY, now, 30_000)
                .unwrap_err()
                .code(),
            Some(Code::KeyMismatch)
        );
    }

    #[test]
    fn malformed_keys() {
        let upper = DOC_KEY.to_uppercase();
        let cases = [
            "",
            "abc",
            &DOC_KEY[..64],
            &upper,
            "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a7101691058833000",
            "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a71-1691058833000",
            "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a71 1691058833000",
            "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a719007199254740992",
            "é59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000",
        ];
        for k in cases {
            assert_eq!(
                verify_key("BE9xnPnGfVUS", k, 0, 0).unwrap_err().code(),
                Some(Code::MalformedApiKey),
                "{k}"
            );
        }
    }

    #[test]
    fn generator_is_strictly_increasing() {
        let mut g = KeyGenerator::new("BE9xnPnGfVUS", Mode::Encrypted).unwrap();
        let (k1, t1) = g.next(1691058833000).unwrap();
        let (k2, t2) = g.next(1691058833000).unwrap();
        let (_, t3) = g.next(1691058832000).unwrap(); // clock stepped back
        let (_, t4) = g.next(1691058840000).unwrap();
        assert_eq!(k1, DOC_KEY);
        assert_ne!(k1, k2);
        assert_eq!(
            (t1, t2, t3, t4),
            (1691058833000, 1691058833001, 1691058833002, 1691058840000)
        );
        let mut g = KeyGenerator::new("t", Mode::Encrypted).unwrap();
        g.next(MAX_TIMESTAMP).unwrap();
        assert_eq!(
            g.next(MAX_TIMESTAMP).unwrap_err().kind,
            crate::error::Kind::Range
        );
    }

    #[test]
    fn verifier_rejects_replay_with_bounded_memory() {
        let mut v = Verifier::new("tok", Mode::Encrypted, 30_000, 3).unwrap();
        let now = 1_700_000_000_000;
        let key = |ts| api_key("tok", Mode::Encrypted, ts).unwrap();
        assert_eq!(v.verify(&key(now), now), Ok(now));
        assert_eq!(
            v.verify(&key(now), now).unwrap_err().code(),
            Some(Code::Replay)
        );
        for i in 1..=5 {
            assert_eq!(v.verify(&key(now + i), now), Ok(now + i));
        }
        assert!(v.remembered() <= 3);
        // Every earlier key is refused, remembered or not.
        for i in 0..=5 {
            assert_eq!(
                v.verify(&key(now + i), now).unwrap_err().code(),
                Some(Code::Replay)
            );
        }
        // Time moves on: old entries are pruned; new keys still pass.
        assert_eq!(v.verify(&key(now + 60_000), now + 60_000), Ok(now + 60_000));
        assert_eq!(v.remembered(), 1);
    }

    #[test]
    fn plain_mode_and_tokens() {
        assert_eq!(
            api_key("", Mode::Encrypted, 1).unwrap_err().code(),
            Some(Code::EmptySecret)
        );
        assert_eq!(
            api_key("a\nb", Mode::Encrypted, 1).unwrap_err().code(),
            Some(Code::InvalidCredential)
        );
        assert_eq!(
            api_key("a b", Mode::Plain, 1).unwrap_err().code(),
            Some(Code::InvalidCredential)
        );
        assert_eq!(api_key("a b", Mode::Encrypted, 1).map(|k| k.len()), Ok(65));
        let mut v = Verifier::new("tok", Mode::Plain, 30_000, 10).unwrap();
        assert_eq!(v.verify("tok", 5), Ok(0));
        assert_eq!(
            v.verify("tok", 5),
            Ok(0),
            "plain keys cannot be replay-checked"
        );
        assert_eq!(
            v.verify("tok2", 5).unwrap_err().code(),
            Some(Code::KeyMismatch)
        );
    }

    /// The remembering rules, written the obvious way (a `BTreeSet`), against `Verifier`
    /// on random sequences of keys: same accept/refuse decisions, same memory.
    mod model {
        use super::*;
        use std::collections::BTreeSet;

        struct Model {
            seen: BTreeSet<u64>,
            floor: Option<u64>,
            tolerance: u64,
            max: usize,
        }

        impl Model {
            fn verify(&mut self, ts: u64, now: u64) -> bool {
                if now.abs_diff(ts) > self.tolerance && self.tolerance > 0 {
                    return false;
                }
                if self.floor.is_some_and(|f| ts <= f) || self.seen.contains(&ts) {
                    return false;
                }
                if self.tolerance > 0 {
                    let oldest = now.saturating_sub(self.tolerance);
                    while self.seen.first().is_some_and(|&t| t < oldest) {
                        self.seen.pop_first();
                    }
                }
                self.seen.insert(ts);
                while self.seen.len() > self.max {
                    let f = self.seen.pop_first().unwrap();
                    self.floor = Some(self.floor.map_or(f, |x| x.max(f)));
                }
                true
            }
        }

        proptest::proptest! {
            #[test]
            fn verifier_matches_the_model(
                max in 1usize..6,
                tolerance in proptest::sample::select(vec![0u64, 5, 30]),
                steps in proptest::collection::vec((0u64..40, 0u64..8), 1..60),
            ) {
                let token = "BE9xnPnGfVUS";
                let mut v = Verifier::new(token, Mode::Encrypted, tolerance, max).unwrap();
                let mut m = Model { seen: BTreeSet::new(), floor: None, tolerance, max };
                let mut now = 1_000u64;
                for (back, advance) in steps {
                    now += advance;
                    let ts = now.saturating_sub(back);
                    let key = encrypted_key(token, ts);
                    let got = v.verify(&key, now).is_ok();
                    proptest::prop_assert_eq!(got, m.verify(ts, now), "ts {} now {}", ts, now);
                    proptest::prop_assert_eq!(v.remembered(), m.seen.len());
                }
            }
        }
    }
}
