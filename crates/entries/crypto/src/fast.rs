//! Fast paths for the hot, well-typed calls. The JS front (`crates/wasm-common/src/js/fast.js`)
//! takes these only when every argument already has exactly the right type (a well-formed
//! string, a small `Uint8Array`, a safe non-negative integer, a known encoding); anything
//! else goes through the fully checked adapters, which produce every error. Arguments
//! arrive as primitives (`&str`, `&[u8]`, `f64`), so no reflection and no property reads
//! cross the boundary. The values are still checked here: the core does not trust the
//! front.

use alloc::string::String;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::primitives::Hmac;
use authsmith_core::crypto::{sha256, HmacKey};
use authsmith_core::encoding::hex;
use authsmith_wasm_common::fast::encoding;

#[wasm_bindgen(js_name = __sha256HexS, skip_typescript)]
pub fn sha256_hex_s(data: &str) -> String {
    hex(&sha256(data.as_bytes()))
}

#[wasm_bindgen(js_name = __sha256HexB, skip_typescript)]
pub fn sha256_hex_b(data: &[u8]) -> String {
    hex(&sha256(data))
}

#[wasm_bindgen(js_name = __hmacSS, skip_typescript)]
pub fn hmac_ss(key: &str, data: &str, enc: u8) -> String {
    encoding(enc).encode(&HmacKey::new(key.as_bytes()).mac(data.as_bytes()))
}

#[wasm_bindgen(js_name = __hmacBB, skip_typescript)]
pub fn hmac_bb(key: &[u8], data: &[u8], enc: u8) -> String {
    encoding(enc).encode(&HmacKey::new(key).mac(data))
}

#[wasm_bindgen]
impl Hmac {
    #[wasm_bindgen(js_name = __signS, skip_typescript)]
    pub fn sign_s(&self, data: &str, enc: u8) -> String {
        encoding(enc).encode(&self.key().mac(data.as_bytes()))
    }

    #[wasm_bindgen(js_name = __signB, skip_typescript)]
    pub fn sign_b(&self, data: &[u8], enc: u8) -> String {
        encoding(enc).encode(&self.key().mac(data))
    }
}

#[wasm_bindgen]
impl Hmac {
    #[wasm_bindgen(js_name = __updateS, skip_typescript)]
    pub fn update_s(&mut self, data: &str) {
        self.stream_mut().update(data.as_bytes());
    }

    #[wasm_bindgen(js_name = __updateB, skip_typescript)]
    pub fn update_b(&mut self, data: &[u8]) {
        self.stream_mut().update(data);
    }

    /// Finishes the stream and compares with an encoded signature (`enc` as in `sign`).
    /// 1 when equal, else 0 (see `timing_safe_equal_bb` for why not a bool).
    #[wasm_bindgen(js_name = __verifyS, skip_typescript)]
    pub fn verify_s(&mut self, signature: &str, enc: u8) -> u32 {
        let mac = self.finish_stream();
        let expected = Zeroizing::new(encoding(enc).decode(signature));
        expected
            .as_deref()
            .map_or(0, |e| u32::from(authsmith_core::crypto::ct_eq(&mac, e)))
    }

    /// Finishes the stream and compares with a raw signature: 1 when equal, else 0.
    #[wasm_bindgen(js_name = __verifyB, skip_typescript)]
    pub fn verify_b(&mut self, signature: &[u8]) -> u32 {
        let mac = self.finish_stream();
        u32::from(authsmith_core::crypto::ct_eq(&mac, signature))
    }
}

/// `timingSafeEqual` of two small byte arrays: 1 when equal, else 0. A number, not a
/// bool: wasm-bindgen turns a returned bool into `ret !== 0`, which V8 may compile to a
/// branch on the result, and the JS front maps 0/1 to false/true with a table lookup
/// instead (`npm run ct-check`, "equal vs unequal").
#[wasm_bindgen(js_name = __timingSafeEqualBB, skip_typescript)]
pub fn timing_safe_equal_bb(a: &[u8], b: &[u8]) -> u32 {
    u32::from(authsmith_core::crypto::ct_eq(a, b))
}
