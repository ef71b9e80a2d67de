//! Fast paths for the hot, well-typed calls. The JS front (`crates/wasm-common/src/js/fast.js`)
//! takes these only when every argument already has exactly the right type (a well-formed
//! string, a small `Uint8Array`, a safe non-negative integer, a known encoding); anything
//! else goes through the fully checked adapters, which produce every error. Arguments
//! arrive as primitives (`&str`, `&[u8]`, `f64`), so no reflection and no property reads
//! cross the boundary. The values are still checked here: the core does not trust the
//! front.

use alloc::string::String;
use wasm_bindgen::prelude::*;

use crate::tedee::TedeeKeyGenerator;
use authsmith_core::tedee::{self, Mode};
use authsmith_wasm_common::args::{JsResult, OrJs};
use authsmith_wasm_common::fast::timestamp;

#[wasm_bindgen(js_name = __tedeeApiKey, skip_typescript)]
pub fn tedee_api_key(token: &str, ts: f64, plain: bool) -> JsResult<String> {
    let mode = if plain { Mode::Plain } else { Mode::Encrypted };
    tedee::api_key(token, mode, timestamp(ts, "options.timestamp")?).js()
}

#[wasm_bindgen]
impl TedeeKeyGenerator {
    #[wasm_bindgen(js_name = __next, skip_typescript)]
    pub fn next_fast(&mut self, now: f64) -> JsResult<String> {
        let now = timestamp(now, "now")?;
        self.next_at(now)
    }
}
