//! parse_basic_auth / parse_bearer_auth on arbitrary text, and round trips through
//! basic_auth / bearer_auth.
#![no_main]
use arbitrary::Unstructured;
use authsmith::basic::{basic_auth, bearer_auth, parse_basic_auth, parse_bearer_auth};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let header = common::text(&mut u, 300);
    match parse_basic_auth(&header) {
        Ok((user, pass)) => {
            assert!(!user.contains(':'));
            // Re-encoding gives a header that parses to the same pair.
            if let Ok(again) = basic_auth(&user, &pass) {
                assert_eq!(parse_basic_auth(&again), Ok((user, pass)));
            }
        }
        Err(e) => common::assert_clean(&e.message, &[&header]),
    }
    match parse_bearer_auth(&header) {
        Ok(t) => assert_eq!(
            parse_bearer_auth(&bearer_auth(&t).expect("re-encodes")),
            Ok(t)
        ),
        Err(e) => common::assert_clean(&e.message, &[&header]),
    }
    let user = common::text(&mut u, 64);
    let pass = common::text(&mut u, 64);
    match basic_auth(&user, &pass) {
        Ok(h) => assert_eq!(parse_basic_auth(&h), Ok((user, pass))),
        Err(e) => common::assert_clean(&e.message, &[&user, &pass]),
    }
    let token = common::text(&mut u, 64);
    match bearer_auth(&token) {
        Ok(h) => assert_eq!(parse_bearer_auth(&h), Ok(token)),
        Err(e) => common::assert_clean(&e.message, &[&token]),
    }
});
