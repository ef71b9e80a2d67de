//! `WWW-Authenticate` challenges for authsmith/responses as a lean module (the `challenge`
//! feature): plain wasm exports over the input and output buffers of `authsmith-lean`,
//! driven by `crates/lean/js/responses.js`. The entry's other functions (parseRateLimit,
//! explainAuthFailure) come from its wasm-bindgen crate, started on their first call, so a
//! bundle of parseWwwAuthenticate carries none of it.
#![cfg(target_arch = "wasm32")]
#![no_std]

extern crate alloc;
// The allocator, the panic handler and the buffers: linked even into a build without a
// module feature.
extern crate authsmith_lean;

#[cfg(feature = "challenge")]
mod challenge;
