//! authsmith/crypto as lean modules: plain wasm exports over the input and output buffers
//! of `authsmith-lean`, driven by `crates/lean/js/crypto.js`, which checks the JS types and
//! streams large inputs in chunks. One crate, three modules, one per cargo feature, so a
//! bundle carries only what its imports use:
//!   `hash`    SHA-256, HMAC-SHA256 (one-shot and streamed), constant-time comparison
//!   `hmac`    the `Hmac` class (keyed state on the heap)
//!   `random`  tokens, API keys and webhook secrets from random bytes the JS draws
//!
//! Encodings are numbers: 0 hex, 1 base64, 2 base64url, 3 the raw bytes.
#![cfg(target_arch = "wasm32")]
#![no_std]
#![allow(unsafe_code)] // the `Hmac` handles the JS holds (hmac.rs)

extern crate alloc;
// The allocator, the panic handler and the buffers: linked even into a build without a
// module feature.
extern crate authsmith_lean;

#[cfg(feature = "hash")]
mod hash;
#[cfg(feature = "hmac")]
mod hmac;
#[cfg(feature = "random")]
mod random;

#[cfg(any(feature = "hash", feature = "hmac"))]
use authsmith_core::encoding::Encoding;

#[cfg(any(feature = "hash", feature = "hmac"))]
fn encoding(e: u32) -> Option<Encoding> {
    match e {
        0 => Some(Encoding::Hex),
        1 => Some(Encoding::Base64),
        2 => Some(Encoding::Base64Url),
        _ => None,
    }
}

/// A digest as a result: encoded, or raw for encoding 3.
#[cfg(any(feature = "hash", feature = "hmac"))]
fn digest_out(d: &[u8; 32], enc: u32) -> i32 {
    use authsmith_lean::io::ok;
    let r = match encoding(enc) {
        Some(e) => ok(e.encode(d).as_bytes()),
        None => ok(d),
    };
    authsmith_core::crypto::scrub_stack();
    r
}
