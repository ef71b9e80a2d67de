//! The main `authsmith` entry: one wasm module with the exports of every per-feature
//! entry crate (their `#[wasm_bindgen]` items are linked in by naming the crates here).
#![cfg(target_arch = "wasm32")]
#![no_std]

pub use authsmith_crypto;
pub use authsmith_headers;
pub use authsmith_jwt;
pub use authsmith_oauth;
pub use authsmith_responses;
pub use authsmith_tedee;
pub use authsmith_webhooks;
