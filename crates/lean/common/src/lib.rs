//! What the lean wasm entries share (`authsmith/crypto`, `authsmith/tedee`): modules with
//! plain wasm exports and no wasm-bindgen, driven by a small hand-written JS module
//! (`crates/lean/js/`). The JS checks the JavaScript types of the arguments (a string, a
//! `Uint8Array`, a safe integer, an options object with known keys) and copies bytes into
//! the input buffer; the exports here call `authsmith-core`, which checks the values, and
//! write the result or the core's error to the output buffer. On targets other than
//! wasm32 the crate is empty.
//!
//! The calling convention of every export that can fail: it returns the byte length of its
//! result (`>= 0`) or minus the length of an encoded error (`< 0`); either is in the output
//! buffer (`out_ptr()`). An error is one kind byte (`T` TypeError, `R` RangeError, `A`
//! AuthsmithError), for `A` the code and a NUL, then the message (UTF-8).
#![cfg(target_arch = "wasm32")]
#![no_std]
#![allow(unsafe_code)] // the allocator, the two global buffers and the object handles

extern crate alloc;

pub mod handle;
mod heap;
pub mod io;

// The exports return before they could panic (the core denies unwrap/expect/panic/indexing
// and every slice here is taken with `get`); should a bug panic all the same, the module
// traps (`unreachable`), and the JS module turns the trap into an `Error` saying so.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
