//! authsmith/tedee as lean modules: plain wasm exports over the input and output buffers
//! of `authsmith-lean`, driven by `crates/lean/js/tedee.js`, which checks the JS types.
//! Timestamps arrive as safe non-negative integers (f64); a successful verification's
//! result is the key's timestamp in decimal. One crate, two modules, one per cargo
//! feature, so a bundle carries only what its imports use:
//!   `keys`    tedeeApiKey and TedeeKeyGenerator
//!   `verify`  verifyTedeeApiKey and TedeeVerifier
#![cfg(target_arch = "wasm32")]
#![no_std]
// Built without a module feature (clippy, `cargo check`), the shared helpers go unused.
#![cfg_attr(not(any(feature = "keys", feature = "verify")), allow(dead_code))]
#![allow(unsafe_code)] // Box::from_raw on the handles JS holds
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

extern crate alloc;
// The allocator, the panic handler and the buffers: linked even into a build without a
// module feature.
extern crate authsmith_lean;

use alloc::boxed::Box;
use authsmith_core::tedee::Mode;
use authsmith_lean::io;

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

/// A boxed object for a JS handle, or 0 with the error in the output buffer.
pub(crate) fn handle<T>(r: authsmith_core::error::Result<T>) -> *mut T {
    match r {
        Ok(v) => Box::into_raw(Box::new(v)),
        Err(e) => {
            io::err(&e);
            core::ptr::null_mut()
        }
    }
}

pub(crate) fn with<T>(h: *mut T) -> Option<&'static mut T> {
    // SAFETY: `h` came from `handle` and was not freed (the JS object zeroes its handle
    // when freed and refuses calls after).
    unsafe { h.as_mut() }
}

pub(crate) fn free<T>(h: *mut T) {
    if !h.is_null() {
        // SAFETY: as in `with`; the JS frees each handle once.
        drop(unsafe { Box::from_raw(h) });
    }
}
