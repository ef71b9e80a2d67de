//! What every authsmith WebAssembly entry shares (the entry crates under `crates/entries/`
//! hold the adapters): argument conversion and checks (`args`), the mapping of core errors
//! to `AuthsmithError` (stable `code`), `TypeError` or `RangeError`, byte input and the
//! CSPRNG (`input`), the fast paths' helpers (`fast`), the zeroing allocator, the panic
//! handler, the wasm-memory hooks of the tests and the shared TypeScript declarations. Together with the entry
//! crates this is the only code that uses wasm-bindgen / js-sys. Everything here is for
//! `target_arch = "wasm32"`; on other targets the crate is empty.
#![cfg(target_arch = "wasm32")]
#![no_std]
#![allow(unsafe_code)] // wasm-bindgen's generated glue and the zeroing allocator

extern crate alloc;

pub mod args;
pub mod fast;
pub mod input;
mod types;
mod zeroing;

// No std on either wasm target, so the panic handler is ours. The adapters and the core do
// not panic on any input (the core denies unwrap/expect/panic/indexing); should a bug
// panic all the same, the call throws a plain `Error` naming the source location (and
// the message when it is a literal): "authsmith: internal error (Rust panic at
// src/x.rs:12: ...); please report it". Nothing is formatted with `core::fmt`, which keeps
// it out of the module. As after any trap, the module's state may then be inconsistent.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    use js_sys::JsString;
    let mut m = JsString::from("authsmith: internal error (Rust panic");
    if let Some(at) = info.location() {
        m = m
            .concat(&" at ".into())
            .concat(&at.file().into())
            .concat(&":".into())
            .concat(&at.line().into());
    }
    if let Some(text) = info.message().as_str() {
        m = m.concat(&": ".into()).concat(&text.into());
    }
    m = m.concat(&"); please report it".into());
    let e = js_sys::Error::new("");
    let _ = js_sys::Reflect::set(&e, &"message".into(), &m);
    wasm_bindgen::throw_val(e.into())
}

/// The wasm-memory hooks of the tests (the `testing` feature; never in a published module).
#[cfg(feature = "testing")]
mod testing {
    use wasm_bindgen::prelude::*;

    /// Bytes of wasm linear memory now (it never shrinks): for the memory checks in the
    /// benchmark and the tests, which import them from build/testing/ (built with the
    /// `testing` feature; the published modules do not have them).
    #[wasm_bindgen(js_name = __wasmMemoryBytes, skip_typescript)]
    pub fn wasm_memory_bytes() -> f64 {
        // In f64: pages * 65536 is 2^32 at the 4 GiB maximum, which wraps a wasm32 usize.
        core::arch::wasm32::memory_size(0) as f64 * 65536.0
    }

    /// The wasm linear memory itself, for the tests that scan it for leftover secrets
    /// (build/testing/ only, like `__wasmMemoryBytes`).
    #[wasm_bindgen(js_name = __wasmMemory, skip_typescript)]
    pub fn wasm_memory() -> JsValue {
        wasm_bindgen::memory()
    }
}
