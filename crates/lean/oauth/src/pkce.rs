//! createPkce and pkceChallenge.

use authsmith_core::oauth;
use authsmith_lean::io::{self, input, input_str, status, uint, wipe_input};

/// The random octets a verifier of `len` characters needs (`len` < 0: the default
/// length), or the RangeError.
#[no_mangle]
pub extern "C" fn pkce_random_len(len: f64) -> i32 {
    let len = if len < 0.0 {
        oauth::DEFAULT_VERIFIER_LEN as u64
    } else {
        uint(len)
    };
    match oauth::check_verifier_len(len) {
        Ok(n) => i32::try_from(n).unwrap_or(i32::MAX),
        Err(e) => io::err(&e),
    }
}

/// A PKCE pair from the random input `0..n`: the verifier of `len` characters (`len` < 0:
/// the default) followed by its S256 challenge.
#[no_mangle]
pub extern "C" fn pkce_new(len: f64, n: usize) -> i32 {
    let len = if len < 0.0 {
        oauth::DEFAULT_VERIFIER_LEN
    } else {
        usize::try_from(uint(len)).unwrap_or(usize::MAX)
    };
    let r = oauth::pkce_verifier(input(0, n), len).and_then(|mut v| {
        let c = oauth::pkce_challenge(&v)?;
        v.push_str(&c);
        Ok(v)
    });
    wipe_input(n);
    status(r)
}

/// The S256 challenge of the verifier in input `0..n`.
#[no_mangle]
pub extern "C" fn pkce_challenge(n: usize) -> i32 {
    let r = oauth::pkce_challenge(input_str(0, n));
    wipe_input(n);
    status(r)
}
