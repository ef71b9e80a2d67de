//! Webhook verification for authsmith/webhooks as a lean module (the `verify` feature):
//! plain wasm exports over the input and output buffers of `authsmith-lean`, driven by
//! `crates/lean/js/webhooks.js`. The entry's other functions and classes (signWebhook,
//! createWebhookVerifier, WebhookVerifier, createReplayGuard, ReplayGuard) come from its
//! wasm-bindgen crate, started on first use, so a bundle of verifyWebhook carries none of it.
#![cfg(target_arch = "wasm32")]
#![no_std]

extern crate alloc;
// The allocator, the panic handler and the buffers: linked even into a build without a
// module feature.
extern crate authsmith_lean;

#[cfg(feature = "verify")]
mod verify;
