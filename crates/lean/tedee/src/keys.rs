//! tedeeApiKey and TedeeKeyGenerator.

use crate::mode;
use crate::{live, release};
use authsmith_core::tedee::{self, KeyGenerator};
use authsmith_lean::handle::from_result as handle;
use authsmith_lean::io::{input_str, status, uint, wipe_input};

/// The key for the token in input `0..t` at `ts` (ms). The encrypted key (the hot path) is
/// made on the stack, without a heap allocation.
#[no_mangle]
pub extern "C" fn tedee_key(t: usize, ts: f64, plain: u32) -> i32 {
    let token = input_str(0, t);
    let r = if plain != 0 {
        status(tedee::api_key(token, mode(plain), uint(ts)))
    } else {
        let mut out = [0u8; tedee::MAX_KEY_LEN];
        let n = tedee::encrypted_api_key_into(token, uint(ts), &mut out);
        status(n.map(|n| out.get(..n).unwrap_or_default()))
    };
    wipe_input(t);
    r
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
    let Some(g) = live(h) else { return 0 };
    status(g.next(uint(now)).map(|(key, _)| key))
}

/// The timestamp of the generator's last key, or -1 before the first.
#[no_mangle]
pub extern "C" fn gen_last(h: *mut KeyGenerator) -> f64 {
    live(h).and_then(|g| g.last()).map_or(-1.0, |t| t as f64)
}

#[no_mangle]
pub extern "C" fn gen_free(h: *mut KeyGenerator) {
    release(h);
}
