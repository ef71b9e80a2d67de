//! Decoders of crates/core/src/encoding.rs. Properties: no panic; encode → decode round trips
//! (hex, base64, base64url, percent, decimal); whatever a strict decoder accepts
//! re-encodes to the same text (canonical forms), up to hex letter case.
#![no_main]
use arbitrary::Unstructured;
use authsmith::encoding::*;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let text = common::text(&mut u, 200);
    let bytes = u.bytes(u.len().min(200)).unwrap_or(&[]).to_vec();

    // Decoders on arbitrary text.
    if let Some(b) = hex_decode(&text, true) {
        assert_eq!(hex(&b), text);
    }
    if let Some(b) = hex_decode(&text, false) {
        assert_eq!(hex(&b), text.to_ascii_lowercase());
    }
    if let Some(b) = base64_std_decode(&text) {
        assert_eq!(base64_std(&b), text);
    }
    if let Some(b) = base64_std_decode_lenient(&text) {
        let _ = b;
    }
    if let Some(b) = base64_url_decode(&text) {
        assert_eq!(base64_url(&b), text.trim_end_matches('='));
    }
    for plus in [false, true] {
        if let Some(s) = percent_decode(&text, plus) {
            assert!(s.len() <= text.len());
        }
    }
    if let Some(n) = parse_decimal(&text, u64::MAX) {
        assert_eq!(decimal(n), text);
    }
    for e in [Encoding::Hex, Encoding::Base64, Encoding::Base64Url] {
        if let Some(b) = e.decode(&text) {
            assert_eq!(e.decode(&e.encode(&b)), Some(b));
        }
        // Round trips of arbitrary bytes.
        assert_eq!(
            e.decode(&e.encode(&bytes)).as_deref(),
            Some(bytes.as_slice())
        );
    }
    assert_eq!(
        base64_std_decode_lenient(&base64_std(&bytes)).as_deref(),
        Some(bytes.as_slice())
    );
    assert_eq!(
        percent_decode(&percent_encode(&text), false).as_deref(),
        Some(text.as_str())
    );
    assert_eq!(
        percent_decode(&percent_encode(&text), true).as_deref(),
        Some(text.as_str())
    );
    assert!(percent_encode(&text)
        .bytes()
        .all(|c| is_unreserved(c) || c == b'%' || c.is_ascii_hexdigit()));
    let n: u64 = u.arbitrary().unwrap_or(0);
    assert_eq!(parse_decimal(&decimal(n), u64::MAX), Some(n));
    let mut v = Vec::new();
    push_decimal(&mut v, n);
    assert_eq!(v, decimal(n).into_bytes());
});
