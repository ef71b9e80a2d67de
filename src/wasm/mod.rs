//! The JavaScript boundary: the only code that uses wasm-bindgen / js-sys. Each
//! function converts and checks its JS arguments (`args`), calls the core, and maps
//! errors to `AuthsmithError` (stable `code`), `TypeError` or `RangeError`.

mod args;
mod fast;
mod oauth;
mod primitives;
mod request;
mod responses;
mod tedee;
mod types;
mod webhook;
mod zeroing;

use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use crate::error::Code;

#[cfg(not(target_os = "none"))]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

// wasm32v1-none (the script build) has no std: the allocator is dlmalloc under the
// zero-on-free wrapper (`zeroing`), and the panic handler traps (wasm2js turns the trap
// into a thrown Error). The adapters and the core do not panic on any input; this only
// closes the build.
#[cfg(all(target_os = "none", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Every `AuthsmithError` code (exported as `ERROR_CODES` by the entry module).
#[wasm_bindgen(js_name = __errorCodes, skip_typescript)]
pub fn error_codes() -> Vec<JsValue> {
    Code::ALL
        .iter()
        .map(|c| JsValue::from_str(c.as_str()))
        .collect()
}

/// Bytes of wasm linear memory now (it never shrinks): for the memory checks in the
/// benchmark and the tests. Not part of the typed API.
#[wasm_bindgen(js_name = __wasmMemoryBytes, skip_typescript)]
pub fn wasm_memory_bytes() -> f64 {
    // In f64: pages * 65536 is 2^32 at the 4 GiB maximum, which wraps a wasm32 usize.
    core::arch::wasm32::memory_size(0) as f64 * 65536.0
}

/// The wasm linear memory itself, for the tests that scan it for leftover secrets. Not
/// part of the typed API.
#[wasm_bindgen(js_name = __wasmMemory, skip_typescript)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
