//! authsmith: API-authentication chores in one small, audited-crate Rust core.
//!
//! This crate is `no_std` + `alloc`, has no clock and no I/O: time and randomness come
//! in as arguments. It knows nothing of JavaScript: `crates/wasm` (authsmith-wasm) is the
//! only place that talks to it (wasm-bindgen); it converts and checks JS values, calls
//! this core and maps [`Error`] to `AuthsmithError`, `TypeError` or `RangeError`.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
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
pub mod jwt;
pub mod oauth;
pub mod random;
pub mod ratelimit;
pub mod redact;
pub mod replay;
pub mod tedee;
pub mod url;
pub mod webhook;

#[cfg(test)]
mod hardening_tests;

/// A vector file of the repository's `tests/vectors/` (every test reads its data there).
#[cfg(test)]
pub(crate) fn test_vectors(name: &str) -> serde_json::Value {
    let path = std::format!("{}/../../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub use error::{Code, Error};
