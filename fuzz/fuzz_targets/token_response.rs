//! parse_token_response_text on arbitrary text and on well-formed answers built from
//! fuzzed members. Properties: no panic; a success has the access token and token type
//! it was given; an OAuth error message is bounded, printable, and never contains the
//! access or refresh token of the same answer.
#![no_main]
use arbitrary::Unstructured;
use authsmith::json::push_string;
use authsmith::oauth::{parse_token_response_text, ResponseError};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let raw = common::text(&mut u, 600);
    let now: u64 = u.arbitrary().unwrap_or(0);
    let _ = parse_token_response_text(&raw, now);

    // A structured answer.
    let keys = authsmith::oauth::RESPONSE_KEYS;
    let mut doc = String::from("{");
    let mut secrets: Vec<String> = Vec::new();
    for k in keys {
        if !u.arbitrary::<bool>().unwrap_or(false) {
            continue;
        }
        if doc.len() > 1 {
            doc.push(',');
        }
        push_string(&mut doc, k);
        doc.push(':');
        match u.int_in_range(0..=3u8).unwrap_or(0) {
            0 => {
                let s = common::text(&mut u, 60);
                if k.ends_with("token") {
                    secrets.push(s.clone());
                }
                push_string(&mut doc, &s);
            }
            1 => doc.push_str(&u.arbitrary::<u64>().unwrap_or(0).to_string()),
            2 => doc.push_str("null"),
            _ => doc.push_str(&common::text(&mut u, 12)),
        }
    }
    doc.push('}');
    match parse_token_response_text(&doc, now) {
        Ok(t) => {
            assert!(!t.access_token.is_empty() && !t.token_type.is_empty());
            if let Some(at) = t.expires_at {
                assert!(at >= now && at <= (1u64 << 53) - 1);
            }
        }
        Err(ResponseError::OAuth(e)) => {
            assert!(e.message.chars().count() <= 64 + 200 + 40);
            assert!(!e.message.chars().any(char::is_control));
            let secret_refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
            // The message echoes only the server's `error` and `error_description`;
            // a token value appears in it only if the server put it there.
            let echoed = |s: &&str| {
                e.error.contains(*s) || e.description.as_deref().is_some_and(|d| d.contains(*s))
            };
            let not_echoed: Vec<&str> = secret_refs.into_iter().filter(|s| !echoed(s)).collect();
            common::assert_clean(&e.message, &not_echoed);
        }
        Err(ResponseError::Other(e)) => {
            let secret_refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
            common::assert_clean(&e.message, &secret_refs);
        }
    }
});
