//! sign → verify round trips for every scheme, with extra noise headers and a tampered
//! body/secret that must fail.
#![no_main]
use arbitrary::Unstructured;
use authsmith::encoding::Encoding;
use authsmith::webhook::{sign, verify, Builtin, Custom, Scheme, Secret};
use authsmith::Code;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let i = u.int_in_range(0..=Builtin::ALL.len()).unwrap_or(0);
    let scheme = match Builtin::ALL.get(i) {
        Some(b) => Scheme::Builtin(*b),
        None => {
            let enc = if u.arbitrary::<bool>().unwrap_or(false) {
                Encoding::Hex
            } else {
                Encoding::Base64
            };
            let prefix = common::text(&mut u, 10);
            match Custom::new("X-Custom-Sig", enc, &prefix) {
                Ok(c) => Scheme::Custom(c),
                Err(_) => return,
            }
        }
    };
    let n = u.int_in_range(1..=40usize).unwrap_or(1);
    let secret_bytes = u.bytes(n).unwrap_or(&[7]).to_vec();
    if secret_bytes.is_empty() {
        return;
    }
    let ts: u64 = u.int_in_range(0..=9_007_199_254_740u64).unwrap_or(0);
    let id = common::text(&mut u, 20);
    let body = u.bytes(u.len()).unwrap_or(&[]).to_vec();
    let secret = Secret::Raw(&secret_bytes);
    let headers = match sign(&scheme, secret, &body, ts, Some(&id)) {
        Ok(h) => h,
        Err(e) => {
            // Only a bad id may fail (the secret is non-empty raw bytes, ts in range).
            assert!(e.code().is_none(), "sign failed: {e:?}");
            return;
        }
    };
    let now = ts * 1000;
    let ok = verify(&scheme, &[secret], &headers, &body, now, 300).expect("own signature verifies");
    assert_eq!(ok.scheme, scheme.name());
    // Header names are case-insensitive.
    let upper: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_uppercase(), v.clone()))
        .collect();
    assert!(verify(&scheme, &[secret], &upper, &body, now, 300).is_ok());
    // A wrong secret among several still verifies with the right one; alone it fails.
    let mut wrong = secret_bytes.clone();
    wrong.push(1);
    let w = Secret::Raw(&wrong);
    assert!(verify(&scheme, &[w, secret], &headers, &body, now, 300).is_ok());
    let e = verify(&scheme, &[w], &headers, &body, now, 300).unwrap_err();
    assert_eq!(e.code(), Some(Code::SignatureMismatch));
    // A tampered body fails.
    let mut tampered = body.clone();
    match tampered.last_mut() {
        Some(b) => *b ^= 0x80,
        None => tampered.push(0),
    }
    let e = verify(&scheme, &[secret], &headers, &tampered, now, 300).unwrap_err();
    assert_eq!(e.code(), Some(Code::SignatureMismatch));
    // Outside the window fails for the schemes with a timestamp.
    if scheme.has_timestamp() {
        let late = verify(&scheme, &[secret], &headers, &body, now + 301_000, 300).unwrap_err();
        assert_eq!(late.code(), Some(Code::TimestampTooOld));
    }
});
