//! Basic and Bearer `Authorization` values for authsmith/headers as a lean module (the
//! `basic` feature): plain wasm exports over the input and output buffers of
//! `authsmith-lean`, driven by `crates/lean/js/headers.js`. The entry's other functions
//! (applyAuth, redact, hmacSignatureHeaders) come from its wasm-bindgen crate, started on
//! their first call, so a bundle of these four carries none of it.
#![cfg(target_arch = "wasm32")]
#![no_std]

extern crate alloc;
// The allocator, the panic handler and the buffers: linked even into a build without a
// module feature.
extern crate authsmith_lean;

#[cfg(feature = "basic")]
mod basic;
