//! Secrets made from random bytes the JS drew into the input buffer: the sizes, the
//! prefix and the formats are the core's (`authsmith_core::random`).

use alloc::string::String;
use authsmith_core::encoding::Encoding;
use authsmith_core::random;
use authsmith_lean::io::{self, input, input_str, ok, status, uint, wipe_input};

/// The size check of the random functions (`what`: 0 randomBytes' `n`, 1 randomToken's
/// `bytes`, 2 generateApiKey's `options.bytes`, 3 generateWebhookSecret's
/// `options.bytes`): the size to draw, or the RangeError. `n` < 0: the default.
#[no_mangle]
pub extern "C" fn random_size(what: u32, n: f64) -> i32 {
    let (default, bounds, message) = match what {
        0 => (
            0,
            (0, random::MAX_RANDOM_BYTES),
            "n must be at most 1048576",
        ),
        1 => (
            random::DEFAULT_TOKEN_BYTES,
            random::TOKEN_BYTES,
            "bytes must be 16 to 1024",
        ),
        2 => (
            random::DEFAULT_TOKEN_BYTES,
            random::TOKEN_BYTES,
            "options.bytes must be 16 to 1024",
        ),
        _ => (
            32,
            random::WEBHOOK_SECRET_BYTES,
            "options.bytes must be 24 to 64",
        ),
    };
    let n = if n < 0.0 { default } else { uint(n) };
    match random::check_size(n, bounds, message) {
        Ok(n) => i32::try_from(n).unwrap_or(i32::MAX),
        Err(e) => io::err(&e),
    }
}

/// A token of the random input `0..n`: base64url (`enc` 2) or hex (0).
#[no_mangle]
pub extern "C" fn random_token(n: usize, enc: u32) -> i32 {
    let e = if enc == 0 {
        Encoding::Hex
    } else {
        Encoding::Base64Url
    };
    let r = ok(random::token(input(0, n), e).as_bytes());
    wipe_input(n);
    r
}

/// Checks an API-key prefix (input `0..p`): 0, or the error.
#[no_mangle]
pub extern "C" fn check_prefix(p: usize) -> i32 {
    status(random::check_prefix(input_str(0, p)).map(|()| ""))
}

/// An API key: the prefix in input `0..p` (the default prefix when `default_prefix` is
/// not 0) followed by base64url of the random input `p..p+n`.
#[no_mangle]
pub extern "C" fn api_key(p: usize, n: usize, default_prefix: u32) -> i32 {
    let prefix = if default_prefix != 0 {
        random::DEFAULT_API_KEY_PREFIX
    } else {
        input_str(0, p)
    };
    let r = random::check_prefix(prefix).map(|()| random::api_key(prefix, input(p, n)));
    wipe_input(p.saturating_add(n));
    status(r.map(String::into_bytes))
}

/// A webhook secret (`whsec_` + base64) of the random input `0..n`.
#[no_mangle]
pub extern "C" fn webhook_secret(n: usize) -> i32 {
    let r = ok(random::webhook_secret(input(0, n)).as_bytes());
    wipe_input(n);
    r
}
