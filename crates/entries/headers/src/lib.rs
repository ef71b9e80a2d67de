//! authsmith/headers: Basic, Bearer and HMAC-signature headers, applyAuth, redact.
//!
//! The wasm-bindgen adapters of one npm entry: each checks its JS arguments
//! (`authsmith_wasm_common::args`), calls `authsmith-core` and maps errors. On targets other
//! than wasm32 the crate is empty.
#![cfg(target_arch = "wasm32")]
#![no_std]
#![allow(unsafe_code)] // wasm-bindgen's generated glue

extern crate alloc;

// The allocator and the panic handler come with the shared crate.
pub use authsmith_wasm_common;

mod request;
