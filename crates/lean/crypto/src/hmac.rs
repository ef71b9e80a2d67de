//! The `Hmac` class: a keyed HMAC-SHA256 on the heap, for many messages or one streamed.

use crate::{digest_out, encoding};
use authsmith_core::crypto::{ct_eq, scrub_stack, HmacKey, HmacStream};
use authsmith_lean::handle;
use authsmith_lean::io::{input, input_str, wipe_input, Global};

/// An `Hmac` object: the keyed state and the message being streamed.
pub struct Hmac {
    key: HmacKey,
    stream: Option<HmacStream>,
}

impl Hmac {
    fn take_stream(&mut self) -> HmacStream {
        self.stream.take().unwrap_or_else(|| self.key.stream())
    }
}

/// A handle the JS object holds (0 once freed).
type Handle = *mut Hmac;

/// A new `Hmac` keyed with input `0..k`.
#[no_mangle]
pub extern "C" fn hmac_new(k: usize) -> Handle {
    let key = HmacKey::new(input(0, k));
    wipe_input(k);
    handle::new(Hmac { key, stream: None })
}

/// Frees an `Hmac` (the allocator wipes its block).
#[no_mangle]
pub extern "C" fn hmac_free(h: Handle) {
    release(h);
}

/// The MAC of input `0..n` (independent of the streamed message).
#[no_mangle]
pub extern "C" fn hmac_sign(h: Handle, n: usize, enc: u32) -> i32 {
    let Some(o) = live(h) else { return 0 };
    let d = o.key.mac(input(0, n));
    wipe_input(n);
    digest_out(&d, enc)
}

/// `sign` of a message larger than one chunk: `sign_begin`, `sign_update`s, `sign_finish`.
static SIGNING: Global<Option<HmacStream>> = Global::new(None);

#[no_mangle]
pub extern "C" fn sign_begin(h: Handle) {
    *SIGNING.get() = live(h).map(|o| o.key.stream());
}

#[no_mangle]
pub extern "C" fn sign_update(n: usize) {
    if let Some(s) = SIGNING.get() {
        s.update(input(0, n));
    }
    wipe_input(n);
}

#[no_mangle]
pub extern "C" fn sign_finish(enc: u32) -> i32 {
    SIGNING
        .get()
        .take()
        .map_or(0, |s| digest_out(&s.finalize(), enc))
}

/// Adds input `0..n` to the object's streamed message.
#[no_mangle]
pub extern "C" fn hmac_update(h: Handle, n: usize) {
    if let Some(o) = live(h) {
        let mut s = o.take_stream();
        s.update(input(0, n));
        o.stream = Some(s);
    }
    wipe_input(n);
}

/// Finishes the object's streamed message: its MAC in `enc`.
#[no_mangle]
pub extern "C" fn hmac_digest(h: Handle, enc: u32) -> i32 {
    let Some(o) = live(h) else { return 0 };
    digest_out(&o.take_stream().finalize(), enc)
}

/// Finishes the object's streamed message and compares its MAC in constant time with
/// input `0..n`: the signature as text in `enc`, or the raw MAC for encoding 3. A text
/// that does not decode is unequal. 1 when equal, else 0.
#[no_mangle]
pub extern "C" fn hmac_verify(h: Handle, n: usize, enc: u32) -> u32 {
    let Some(o) = live(h) else { return 0 };
    let mac = o.take_stream().finalize();
    let r = match encoding(enc) {
        Some(e) => e.decode(input_str(0, n)).map_or(0, |mut sig| {
            let r = u32::from(ct_eq(&mac, &sig));
            sig.fill(0);
            r
        }),
        None => u32::from(ct_eq(&mac, input(0, n))),
    };
    wipe_input(n);
    scrub_stack();
    r
}

/// The object of a handle the JS passed (see `authsmith_lean::handle`).
fn live<T>(h: *mut T) -> Option<&'static mut T> {
    // SAFETY: the JS passes only handles this module made and has not freed (its objects
    // zero their handle when freed and refuse calls after), or 0.
    unsafe { authsmith_lean::handle::with(h) }
}

/// Frees the object of a handle the JS passed, once.
fn release<T>(h: *mut T) {
    // SAFETY: as in `live`; the JS object frees its handle once and zeroes it.
    unsafe { authsmith_lean::handle::free(h) }
}
