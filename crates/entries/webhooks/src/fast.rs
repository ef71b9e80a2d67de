//! Fast paths for the hot, well-typed calls. The JS front (`crates/wasm-common/src/js/fast.js`)
//! takes these only when every argument already has exactly the right type (a well-formed
//! string, a small `Uint8Array`, a safe non-negative integer, a known encoding); anything
//! else goes through the fully checked adapters, which produce every error. Arguments
//! arrive as primitives (`&str`, `&[u8]`, `f64`), so no reflection and no property reads
//! cross the boundary. The values are still checked here: the core does not trust the
//! front.

use alloc::string::String;
use wasm_bindgen::prelude::*;

use authsmith_wasm_common::args::{range_error, JsResult, OrJs};
use authsmith_wasm_common::fast::timestamp;

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

/// What the JS front must know of the schemes, from the one place they are defined:
/// `"name,name,…\0default tolerance in seconds"`.
#[wasm_bindgen(js_name = __webhookFacts, skip_typescript)]
pub fn webhook_facts() -> String {
    use authsmith_core::webhook::{Builtin, DEFAULT_TOLERANCE_SEC};
    let mut out = String::new();
    for (i, b) in Builtin::ALL.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(b.name());
    }
    out.push('\0');
    out.push_str(&authsmith_core::encoding::decimal(DEFAULT_TOLERANCE_SEC));
    out
}
