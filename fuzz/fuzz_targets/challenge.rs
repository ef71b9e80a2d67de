//! WWW-Authenticate parsing (strict and lenient) and explainAuthFailure on arbitrary
//! header values. Properties: no panic; the lenient parse of one value agrees with the
//! strict parse when the latter succeeds; every parsed scheme is a non-empty token and
//! every parameter name is lowercase; strict parsing is deterministic.
#![no_main]
use arbitrary::Unstructured;
use authsmith::challenge::{is_tchar, parse, parse_field, parse_lenient};
use authsmith::explain::explain;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let value = common::text(&mut u, 400);
    let strict = parse(&value);
    let (lenient, malformed) = parse_lenient([value.as_str()]);
    match &strict {
        Ok(cs) => {
            assert!(!malformed);
            assert_eq!(&lenient, cs);
            for c in cs {
                assert!(!c.scheme.is_empty() && c.scheme.bytes().all(is_tchar));
                for (n, _) in &c.params {
                    assert_eq!(n, &n.to_ascii_lowercase());
                }
            }
        }
        Err(e) => {
            assert!(malformed);
            assert!(e.message.starts_with("WWW-Authenticate: "));
            assert_eq!(parse_field(&value, "Proxy-Authenticate").is_err(), true);
        }
    }
    let second = common::text(&mut u, 200);
    let _ = parse_lenient([value.as_str(), second.as_str()]);

    let status: u64 = u.int_in_range(0..=1000u64).unwrap_or(401);
    let now: u64 = u.arbitrary().unwrap_or(0);
    let mut headers = common::headers(
        &mut u,
        &[
            "www-authenticate",
            "proxy-authenticate",
            "retry-after",
            "smartstore-api-authresultid",
            "smartstore-api-authresultdesc",
        ],
    );
    headers.push(("WWW-Authenticate".into(), value));
    if let Ok(x) = explain(status, &headers, now) {
        assert_eq!(u64::from(x.status), status);
        assert!(!x.hint.is_empty());
    }
});
