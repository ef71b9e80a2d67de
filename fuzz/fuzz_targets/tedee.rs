//! Tedee keys: parse_key, verify_key, KeyGenerator/Verifier. Properties: a generated key
//! parses to its timestamp and verifies at that time; a key is never accepted twice by a
//! Verifier; error messages never contain the token.
#![no_main]
use arbitrary::Unstructured;
use authsmith::tedee::{api_key, parse_key, verify_key, KeyGenerator, Mode, Verifier};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mode = if u.arbitrary::<bool>().unwrap_or(false) {
        Mode::Plain
    } else {
        Mode::Encrypted
    };
    let token = common::text(&mut u, 80);
    let key = common::text(&mut u, 120);
    let now: u64 = u.arbitrary().unwrap_or(0);
    let tol: u64 = u.arbitrary().unwrap_or(0);

    // Arbitrary text through the parser and the verifier.
    if let Ok(p) = parse_key(&key) {
        assert_eq!(p.digits.parse::<u64>().ok(), Some(p.timestamp));
    }
    if let Err(e) = verify_key(&token, &key, now, tol) {
        common::assert_clean(&e.message, &[&token]);
    }

    // Generated keys round-trip.
    let ts = now % 9_007_199_254_740_992;
    if let Ok(k) = api_key(&token, mode, ts) {
        if mode == Mode::Encrypted {
            let p = parse_key(&k).expect("a generated key parses");
            assert_eq!(p.timestamp, ts);
            assert_eq!(verify_key(&token, &k, ts, 0), Ok(ts));
            assert!(!k.contains(token.as_str()) || token.len() < 8);
            // Any other token (differing in one byte) does not verify.
            let mut other = token.clone().into_bytes();
            if let Some(b) = other.first_mut() {
                *b ^= 1;
                if let Ok(o) = String::from_utf8(other) {
                    assert!(verify_key(&o, &k, ts, 0).is_err());
                }
            }
        } else {
            assert_eq!(k, token);
        }
    }

    // A generator and a verifier driven by the fuzzer: accepted keys are unique.
    let (Ok(mut g), Ok(mut v)) = (
        KeyGenerator::new(&token, mode),
        Verifier::new(&token, mode, tol % 100_000, 1 + (now as usize % 8)),
    ) else {
        return;
    };
    assert_eq!(format!("{g:?}").contains("REDACTED"), true);
    assert_eq!(format!("{v:?}").contains("REDACTED"), true);
    let mut accepted = std::collections::BTreeSet::new();
    let mut clock = ts;
    for _ in 0..u.int_in_range(0..=16u8).unwrap_or(0) {
        let step: u16 = u.arbitrary().unwrap_or(0);
        clock = clock
            .saturating_add(u64::from(step))
            .min(9_007_199_254_740_991);
        let (k, _) = match g.next(clock) {
            Ok(x) => x,
            Err(_) => break,
        };
        let replay: bool = u.arbitrary().unwrap_or(false);
        let used = if replay {
            accepted.iter().next().cloned().unwrap_or(k)
        } else {
            k
        };
        if let Ok(t) = v.verify(&used, clock) {
            if mode == Mode::Encrypted {
                assert!(accepted.insert(used), "a key was accepted twice (ts {t})");
            }
        }
    }
});
