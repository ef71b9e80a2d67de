//! Fast paths for the hot, well-typed calls. The JS front (`src/wasm/js/fast.js`) takes
//! these only when every argument already has exactly the right type (a well-formed
//! string, a small `Uint8Array`, a safe non-negative integer, a known encoding); anything
//! else goes through the fully checked adapters, which produce every error. Arguments
//! arrive as primitives (`&str`, `&[u8]`, `f64`), so no reflection and no property reads
//! cross the boundary. The values are still checked here: the core does not trust the
//! front.

use alloc::string::String;
use wasm_bindgen::prelude::*;

use super::args::{range_error, JsResult, OrJs};
use super::primitives::Hmac;
use super::tedee::TedeeKeyGenerator;
use crate::crypto::{sha256, HmacKey};
use crate::encoding::{hex, Encoding};
use crate::tedee::{self, Mode};

fn encoding(code: u8) -> Encoding {
    match code {
        1 => Encoding::Base64,
        2 => Encoding::Base64Url,
        _ => Encoding::Hex,
    }
}

fn timestamp(v: f64, name: &str) -> JsResult<u64> {
    if (0.0..=9_007_199_254_740_991.0).contains(&v) && v == (v as u64) as f64 {
        Ok(v as u64)
    } else {
        Err(range_error(&crate::error::msg(&[
            name,
            " must be a safe non-negative integer",
        ])))
    }
}

#[wasm_bindgen(js_name = __tedeeApiKey, skip_typescript)]
pub fn tedee_api_key(token: &str, ts: f64, plain: bool) -> JsResult<String> {
    let mode = if plain { Mode::Plain } else { Mode::Encrypted };
    tedee::api_key(token, mode, timestamp(ts, "options.timestamp")?).js()
}

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
impl TedeeKeyGenerator {
    #[wasm_bindgen(js_name = __next, skip_typescript)]
    pub fn next_fast(&mut self, now: f64) -> JsResult<String> {
        let now = timestamp(now, "now")?;
        self.next_at(now)
    }
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
