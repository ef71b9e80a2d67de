//! tedeeApiKey and TedeeKeyGenerator.

use crate::{free, handle, mode, with};
use authsmith_core::tedee::{self, KeyGenerator};
use authsmith_lean::io::{input_str, status, uint, wipe_input};

/// The key for the token in input `0..t` at `ts` (ms).
#[no_mangle]
pub extern "C" fn tedee_key(t: usize, ts: f64, plain: u32) -> i32 {
    let r = tedee::api_key(input_str(0, t), mode(plain), uint(ts));
    wipe_input(t);
    status(r)
}

/// A key generator for the token in input `0..t` (0: the error is in the output buffer).
#[no_mangle]
pub extern "C" fn gen_new(t: usize, plain: u32) -> *mut KeyGenerator {
    let r = KeyGenerator::new(input_str(0, t), mode(plain));
    wipe_input(t);
    handle(r)
}

/// The generator's next key at `now`.
#[no_mangle]
pub extern "C" fn gen_next(h: *mut KeyGenerator, now: f64) -> i32 {
    let Some(g) = with(h) else { return 0 };
    status(g.next(uint(now)).map(|(key, _)| key))
}

/// The timestamp of the generator's last key, or -1 before the first.
#[no_mangle]
pub extern "C" fn gen_last(h: *mut KeyGenerator) -> f64 {
    with(h).and_then(|g| g.last()).map_or(-1.0, |t| t as f64)
}

#[no_mangle]
pub extern "C" fn gen_free(h: *mut KeyGenerator) {
    free(h);
}
