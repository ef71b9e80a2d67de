//! authsmith/tedee as lean modules: plain wasm exports over the input and output buffers
//! of `authsmith-lean`, driven by `crates/lean/js/tedee.js`, which checks the JS types.
//! Timestamps arrive as safe non-negative integers (f64); a successful verification's
//! result is the key's timestamp in decimal. One crate, two modules, one per cargo
//! feature, so a bundle carries only what its imports use:
//!   `keys`    tedeeApiKey and TedeeKeyGenerator
//!   `verify`  verifyTedeeApiKey and TedeeVerifier
#![cfg(target_arch = "wasm32")]
#![no_std]
#![allow(unsafe_code)]
// the handles the JS holds (`live`, `release`)
// Built without a module feature (clippy, `cargo check`), the shared helpers go unused.
#![cfg_attr(not(any(feature = "keys", feature = "verify")), allow(dead_code))]

extern crate alloc;
// The allocator, the panic handler and the buffers: linked even into a build without a
// module feature.
extern crate authsmith_lean;

use authsmith_core::tedee::Mode;

#[cfg(feature = "keys")]
mod keys;
#[cfg(feature = "verify")]
mod verify;

pub(crate) fn mode(plain: u32) -> Mode {
    if plain != 0 {
        Mode::Plain
    } else {
        Mode::Encrypted
    }
}

/// The object of a handle the JS passed (see `authsmith_lean::handle`).
pub(crate) fn live<T>(h: *mut T) -> Option<&'static mut T> {
    // SAFETY: the JS passes only handles this module made and has not freed (its objects
    // zero their handle when freed and refuse calls after), or 0.
    unsafe { authsmith_lean::handle::with(h) }
}

/// Frees the object of a handle the JS passed, once.
pub(crate) fn release<T>(h: *mut T) {
    // SAFETY: as in `live`; the JS object frees its handle once and zeroes it.
    unsafe { authsmith_lean::handle::free(h) }
}
