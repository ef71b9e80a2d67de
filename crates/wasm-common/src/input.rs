//! Reading byte input from JavaScript (`string | Uint8Array | ArrayBuffer`) in bounded
//! pieces, and the platform CSPRNG: shared by every entry that hashes or draws random
//! bytes.

use alloc::vec::Vec;
use js_sys::{ArrayBuffer, JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::args::{self, type_error, JsResult};
use authsmith_core::error::{Code, Error};

const CHUNK: u32 = 64 * 1024;
/// UTF-16 code units per piece of a long string (at most 96 KiB of UTF-8).
const STR_CHUNK: u32 = 32 * 1024;

#[wasm_bindgen(module = "/src/js/strings.js")]
extern "C" {
    #[wasm_bindgen(js_name = wellFormed)]
    fn well_formed(s: &JsString) -> bool;
}

/// Feeds `v` (`string | Uint8Array | ArrayBuffer`) to `f`: strings as their UTF-8 bytes,
/// binary input in 64 KiB chunks and long strings in pieces of 32 Ki UTF-16 code units
/// (cut between the two halves of no surrogate pair), so large inputs are never copied
/// into wasm memory whole (its memory never shrinks). A long string is checked for lone
/// surrogates before any piece is fed, so an error never leaves a stream half-fed.
pub fn feed(v: &JsValue, name: &str, mut f: impl FnMut(&[u8])) -> JsResult<()> {
    let view: Uint8Array = if let Some(a) = v.dyn_ref::<Uint8Array>() {
        a.clone()
    } else if v.is_instance_of::<ArrayBuffer>() {
        Uint8Array::new(v)
    } else if let Some(s) = v.dyn_ref::<JsString>().filter(|s| s.length() > STR_CHUNK) {
        return feed_long_string(s, name, f);
    } else {
        f(args::string(v, name)?.as_bytes());
        return Ok(());
    };
    let len = view.length();
    if len <= CHUNK {
        f(&view.to_vec());
        return Ok(());
    }
    let mut buf = alloc::vec![0u8; CHUNK as usize];
    let mut at = 0;
    while at < len {
        // Saturating: `at + CHUNK` overflowed u32 for a view within 64 KiB of 4 GiB
        // (wrapping to a smaller `end`: a length mismatch, or a loop that never ends).
        let end = at.saturating_add(CHUNK).min(len);
        // at < end <= at + CHUNK
        let n = end.saturating_sub(at) as usize;
        let part = buf.get_mut(..n).unwrap_or_default();
        view.subarray(at, end).copy_to(part);
        f(part);
        at = end;
    }
    Ok(())
}

fn feed_long_string(s: &JsString, name: &str, mut f: impl FnMut(&[u8])) -> JsResult<()> {
    if !well_formed(s) {
        return Err(type_error(&authsmith_core::error::msg(&[
            name,
            " contains a lone surrogate (not valid UTF-16)",
        ])));
    }
    let len = s.length();
    let mut at = 0;
    while at < len {
        let mut end = at.saturating_add(STR_CHUNK).min(len);
        // Never end a piece on a high surrogate: its pair is the next code unit. (`end`
        // is above `at` here, so `last` is a code unit of this piece, never `at` itself
        // as STR_CHUNK > 1.)
        let last = end.saturating_sub(1);
        if end < len && (0xD800..0xDC00).contains(&(s.char_code_at(last) as u32)) {
            end = last;
        }
        let piece = s.slice(at, end).as_string().unwrap_or_default();
        f(piece.as_bytes());
        at = end;
    }
    Ok(())
}

pub fn fill_random(n: usize) -> JsResult<Vec<u8>> {
    let mut buf = alloc::vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|_| {
        args::to_js(Error::auth(
            Code::NoRandom,
            "no cryptographically secure random source (crypto.getRandomValues) in this runtime",
        ))
    })?;
    Ok(buf)
}
