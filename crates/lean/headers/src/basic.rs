//! basicAuth, parseBasicAuth, bearerAuth, parseBearerAuth.

use authsmith_core::basic;
use authsmith_lean::io::{input_str, status, wipe_input};

/// `Basic` credentials of the username in input `0..u` and the password in input `u..u+p`.
#[no_mangle]
pub extern "C" fn basic_auth(u: usize, p: usize) -> i32 {
    let r = basic::basic_auth(input_str(0, u), input_str(u, p));
    wipe_input(u.saturating_add(p));
    status(r)
}

/// The username and password of the `Basic` value in input `0..n`, as `username NUL
/// password` (neither may contain a control character, so the NUL separates them).
#[no_mangle]
pub extern "C" fn parse_basic_auth(n: usize) -> i32 {
    // Every block these strings had is wiped when freed (the allocator).
    let r = basic::parse_basic_auth(input_str(0, n)).map(|(mut u, p)| {
        u.push('\0');
        u.push_str(&p);
        u
    });
    wipe_input(n);
    status(r)
}

/// `Bearer` + the token in input `0..n`.
#[no_mangle]
pub extern "C" fn bearer_auth(n: usize) -> i32 {
    let r = basic::bearer_auth(input_str(0, n));
    wipe_input(n);
    status(r)
}

/// The token of the `Bearer` value in input `0..n`.
#[no_mangle]
pub extern "C" fn parse_bearer_auth(n: usize) -> i32 {
    let r = basic::parse_bearer_auth(input_str(0, n));
    wipe_input(n);
    status(r)
}
