//! The input buffer (JS writes arguments' bytes there), the output buffer (results and
//! errors) and the status convention (see the crate's documentation).

use alloc::vec::Vec;
use authsmith_core::error::{Error, Kind};
use core::cell::UnsafeCell;

/// A global of the single-threaded wasm instance.
pub struct Global<T>(UnsafeCell<T>);
// SAFETY: a wasm32 instance without threads runs one export at a time; no export keeps a
// reference to a global across calls or hands one out.
unsafe impl<T> Sync for Global<T> {}

impl<T> Global<T> {
    pub const fn new(v: T) -> Self {
        Global(UnsafeCell::new(v))
    }
    /// The value. Callers take it once per export and never while another borrow lives.
    #[allow(clippy::mut_from_ref)]
    pub fn get(&self) -> &mut T {
        // SAFETY: see the `Sync` impl; each export takes each global once.
        unsafe { &mut *self.0.get() }
    }
}

static INPUT: Global<Vec<u8>> = Global::new(Vec::new());
static OUTPUT: Global<Vec<u8>> = Global::new(Vec::new());

/// The input buffer, at least `n` bytes long, for JS to write into. A larger buffer
/// replaces the old one (the allocator wipes the old block).
#[no_mangle]
pub extern "C" fn in_ptr(n: usize) -> *mut u8 {
    let v = INPUT.get();
    if v.len() < n {
        *v = Vec::new();
        v.resize(n, 0);
    }
    v.as_mut_ptr()
}

/// Where the last result or error is.
#[no_mangle]
pub extern "C" fn out_ptr() -> *const u8 {
    OUTPUT.get().as_ptr()
}

/// Overwrites the last result with zeros: the JS calls it once it has read the result
/// (an API key, a token, a MAC must not stay in the module's memory until the next call).
#[no_mangle]
pub extern "C" fn out_wipe() {
    let out = OUTPUT.get();
    out.fill(0);
    core::hint::black_box(out.as_ptr());
}

/// The length of the last result or error (for the exports that return a handle, 0 on
/// error).
#[no_mangle]
pub extern "C" fn out_len() -> usize {
    OUTPUT.get().len()
}

/// Bytes `at..at + n` of the input (empty when out of range, which the JS never asks).
pub fn input(at: usize, n: usize) -> &'static [u8] {
    let v = INPUT.get();
    at.checked_add(n)
        .and_then(|end| v.get(at..end))
        .unwrap_or_default()
}

/// Input bytes as text: bytes the JS wrote with `TextEncoder.encodeInto` from a string it
/// checked to be well-formed (`string()` in crates/lean/js/runtime.js), so valid UTF-8.
/// As wasm-bindgen does for every `&str` argument, that is trusted rather than validated
/// again (the validation is ~800 bytes of code in every module); debug builds check it.
pub fn input_str(at: usize, n: usize) -> &'static str {
    text(input(at, n))
}

/// Input bytes the JS wrote as text (see `input_str`), as `&str`.
pub fn text(b: &'static [u8]) -> &'static str {
    debug_assert!(core::str::from_utf8(b).is_ok());
    // SAFETY: `b` is UTF-8 (above).
    unsafe { core::str::from_utf8_unchecked(b) }
}

/// Overwrites the first `n` input bytes with zeros (called after a secret was read).
pub fn wipe_input(n: usize) {
    let v = INPUT.get();
    let n = n.min(v.len());
    if let Some(head) = v.get_mut(..n) {
        head.fill(0);
    }
    core::hint::black_box(v.as_ptr());
}

fn set_output(parts: &[&[u8]]) -> usize {
    let out = OUTPUT.get();
    out.fill(0);
    out.clear();
    for p in parts {
        out.extend_from_slice(p);
    }
    out.len()
}

/// A result: its bytes in the output buffer, their length as the status.
pub fn ok(bytes: &[u8]) -> i32 {
    i32::try_from(set_output(&[bytes])).unwrap_or(i32::MAX)
}

/// An error of the core, encoded in the output buffer; the status is negative.
pub fn err(e: &Error) -> i32 {
    let m = e.message.as_bytes();
    let n = match e.kind {
        Kind::Type => set_output(&[b"T", m]),
        Kind::Range => set_output(&[b"R", m]),
        // The code as its index in `Code::ALL` (= ERROR_CODES in JS): the code strings
        // stay out of the module.
        Kind::Auth(code) => set_output(&[b"A", &[code.index()], m]),
    };
    i32::try_from(n).map_or(i32::MIN, i32::wrapping_neg)
}

/// `ok` for a string result, `err` for an error.
pub fn status(r: authsmith_core::error::Result<impl AsRef<[u8]>>) -> i32 {
    match r {
        Ok(v) => ok(v.as_ref()),
        Err(e) => err(&e),
    }
}

/// A safe non-negative integer from JS (the JS checked it; anything else reads as 0).
pub fn uint(v: f64) -> u64 {
    if (0.0..=9_007_199_254_740_991.0).contains(&v) {
        v as u64
    } else {
        0
    }
}
