//! verifyTedeeApiKey and TedeeVerifier.

use crate::mode;
use crate::{live, release};
use authsmith_core::encoding::decimal;
use authsmith_core::tedee::{self, Verifier};
use authsmith_lean::handle::from_result as handle;
use authsmith_lean::io::{input_str, status, uint, wipe_input};

/// A tolerance from JS: negative for the core's default.
fn tolerance_ms(v: f64) -> u64 {
    if v < 0.0 {
        tedee::DEFAULT_TOLERANCE_MS
    } else {
        uint(v)
    }
}

/// Checks the key in input `t..t+k` against the token in input `0..t` at `now`.
#[no_mangle]
pub extern "C" fn tedee_verify(t: usize, k: usize, now: f64, tolerance: f64) -> i32 {
    let r = tedee::verify_key(
        input_str(0, t),
        input_str(t, k),
        uint(now),
        tolerance_ms(tolerance),
    );
    wipe_input(t.saturating_add(k));
    status(r.map(decimal))
}

/// A verifier for the token in input `0..t` (`tolerance`, `max` negative: the defaults) (0: the error is in the output buffer).
#[no_mangle]
pub extern "C" fn ver_new(t: usize, plain: u32, tolerance: f64, max: f64) -> *mut Verifier {
    let max = if max < 0.0 {
        tedee::DEFAULT_MAX_REMEMBERED
    } else {
        usize::try_from(uint(max)).unwrap_or(usize::MAX)
    };
    let r = Verifier::new(input_str(0, t), mode(plain), tolerance_ms(tolerance), max);
    wipe_input(t);
    handle(r)
}

/// Verifies the key in input `0..k` at `now`.
#[no_mangle]
pub extern "C" fn ver_verify(h: *mut Verifier, k: usize, now: f64) -> i32 {
    let Some(v) = live(h) else { return 0 };
    let r = v.verify(input_str(0, k), uint(now));
    wipe_input(k);
    status(r.map(decimal))
}

#[no_mangle]
pub extern "C" fn ver_free(h: *mut Verifier) {
    release(h);
}
