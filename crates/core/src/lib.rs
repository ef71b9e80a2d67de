//! authsmith: API-authentication chores in one small, audited-crate Rust core.
//!
//! The core (every module here but `wasm`) is `no_std` + `alloc`, has no clock and no
//! I/O: time and randomness come in as arguments. `src/wasm/` is the only place that
//! talks to JavaScript (wasm-bindgen); it converts and checks JS values, calls the
//! core and maps [`Error`] to `AuthsmithError`, `TypeError` or `RangeError`.
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]
// Integer arithmetic is written out: `checked_*` where overflow is bad input (it becomes
// the module's error or `None`), `saturating_*` where saturation is the meaning (clamped
// values, capacity hints, cursor steps that stay at or past the end of a slice read with
// `.get()`), `wrapping_*` only on values shown not to wrap, iterators instead of index
// sums.

extern crate alloc;
// Host builds (the cdylib/rlib used by tests and tools) link std for its allocator and
// panic handler; the code itself still only sees `core` and `alloc`.
#[cfg(all(not(test), not(target_arch = "wasm32")))]
extern crate std as _;

pub mod apply;
pub mod basic;
pub mod challenge;
pub mod crypto;
pub mod encoding;
pub mod error;
pub mod explain;
pub mod headers;
pub mod json;
pub mod oauth;
pub mod random;
pub mod ratelimit;
pub mod redact;
pub mod tedee;
pub mod url;
pub mod webhook;

#[cfg(test)]
mod hardening_tests;

pub use error::{Code, Error};

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)] // wasm-bindgen's generated glue; the core modules forbid it
mod wasm;
