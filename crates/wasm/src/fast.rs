//! Fast paths for the hot, well-typed calls. The JS front (`src/wasm/js/fast.js`) takes
//! these only when every argument already has exactly the right type (a well-formed
//! string, a small `Uint8Array`, a safe non-negative integer, a known encoding); anything
//! else goes through the fully checked adapters, which produce every error. Arguments
//! arrive as primitives (`&str`, `&[u8]`, `f64`), so no reflection and no property reads
//! cross the boundary. The values are still checked here: the core does not trust the
//! front.

use alloc::string::String;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::args::{range_error, JsResult, OrJs};
use super::primitives::Hmac;
use super::tedee::TedeeKeyGenerator;
use authsmith_core::crypto::{sha256, HmacKey};
use authsmith_core::encoding::{hex, Encoding};
use authsmith_core::tedee::{self, Mode};

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
        Err(range_error(&authsmith_core::error::msg(&[
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

/// `name \0 value \0 name \0 value …` (the JS front refuses strings containing NUL).
fn split_headers(flat: &str) -> alloc::vec::Vec<(&str, &str)> {
    let mut out = alloc::vec::Vec::new();
    let mut it = flat.split('\0');
    while let (Some(n), Some(v)) = (it.next(), it.next()) {
        out.push((n, v));
    }
    out
}

fn verify_webhook_with(
    scheme: &str,
    secret: &str,
    headers: &str,
    now: f64,
    tol: f64,
    body: &[u8],
) -> JsResult<String> {
    use authsmith_core::webhook::{Builtin, Scheme, Secret, Verifier};
    let scheme = Builtin::parse(scheme)
        .map(Scheme::Builtin)
        .ok_or_else(|| range_error("scheme must be a built-in scheme name"))?;
    let headers = split_headers(headers);
    let now = timestamp(now, "input.now")?;
    let tol = timestamp(tol, "input.toleranceSec")?;
    let mut v = Verifier::new(&scheme, &[Secret::Text(secret)], &headers, now, tol).js()?;
    v.update(body);
    let r = v.finish().js()?;
    // `scheme \0 timestamp \0 id`: the front builds the result object.
    let mut out = String::from(r.scheme);
    out.push('\0');
    if let Some(t) = r.timestamp {
        out.push_str(&authsmith_core::encoding::decimal(t));
    }
    out.push('\0');
    if let Some(id) = &r.id {
        out.push_str(id);
    }
    Ok(out)
}

#[wasm_bindgen(js_name = __verifyWebhookS, skip_typescript)]
pub fn verify_webhook_s(
    scheme: &str,
    secret: &str,
    payload: &str,
    headers: &str,
    now: f64,
    tol: f64,
) -> JsResult<String> {
    verify_webhook_with(scheme, secret, headers, now, tol, payload.as_bytes())
}

#[wasm_bindgen(js_name = __verifyWebhookB, skip_typescript)]
pub fn verify_webhook_b(
    scheme: &str,
    secret: &str,
    payload: &[u8],
    headers: &str,
    now: f64,
    tol: f64,
) -> JsResult<String> {
    verify_webhook_with(scheme, secret, headers, now, tol, payload)
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
