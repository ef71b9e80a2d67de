//! SHA-256, HMAC-SHA256 and constant-time comparison over the input buffer.

use crate::digest_out;
use authsmith_core::crypto::{ct_eq, HmacKey, HmacStream, Sha256Stream};
use authsmith_lean::io::{input, wipe_input, Global};

/// The stream of a one-shot call whose input is larger than one chunk: begun, fed with
/// `update`, then `finish`ed.
enum Active {
    None,
    Sha(Sha256Stream),
    Mac(HmacStream),
}
static ACTIVE: Global<Active> = Global::new(Active::None);

/// SHA-256 of input `0..n`.
#[no_mangle]
pub extern "C" fn sha(n: usize, enc: u32) -> i32 {
    let mut s = Sha256Stream::new();
    s.update(input(0, n));
    wipe_input(n);
    digest_out(&s.finalize(), enc)
}

/// HMAC-SHA256 of input `k..k+n` under input `0..k`.
#[no_mangle]
pub extern "C" fn mac(k: usize, n: usize, enc: u32) -> i32 {
    let d = HmacKey::new(input(0, k)).mac(input(k, n));
    wipe_input(k.saturating_add(n));
    digest_out(&d, enc)
}

/// Starts a streamed SHA-256.
#[no_mangle]
pub extern "C" fn sha_begin() {
    *ACTIVE.get() = Active::Sha(Sha256Stream::new());
}

/// Starts a streamed HMAC-SHA256 keyed with input `0..k`.
#[no_mangle]
pub extern "C" fn mac_begin(k: usize) {
    *ACTIVE.get() = Active::Mac(HmacKey::new(input(0, k)).stream());
    wipe_input(k);
}

/// Feeds input `0..n` to the stream begun last.
#[no_mangle]
pub extern "C" fn update(n: usize) {
    match ACTIVE.get() {
        Active::Sha(s) => s.update(input(0, n)),
        Active::Mac(s) => s.update(input(0, n)),
        Active::None => {}
    }
    wipe_input(n);
}

/// Finishes the stream begun last: its digest in `enc`.
#[no_mangle]
pub extern "C" fn finish(enc: u32) -> i32 {
    match core::mem::replace(ACTIVE.get(), Active::None) {
        Active::Sha(s) => digest_out(&s.finalize(), enc),
        Active::Mac(s) => digest_out(&s.finalize(), enc),
        Active::None => 0,
    }
}

/// Constant-time comparison of input `0..a` with input `a..a+b`: 1 when equal, else 0.
#[no_mangle]
pub extern "C" fn eq(a: usize, b: usize) -> u32 {
    let r = u32::from(ct_eq(input(0, a), input(a, b)));
    wipe_input(a.saturating_add(b));
    r
}
