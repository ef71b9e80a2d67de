//! Tedee Bridge keys.

use alloc::string::String;
use js_sys::Object;
use wasm_bindgen::prelude::*;

use authsmith_core::tedee::{self, Mode};
use authsmith_wasm_common::args::{self, JsResult, OrJs};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type TedeeMode = "encrypted" | "plain";
export interface TedeeApiKeyOptions { mode?: TedeeMode; /** ms since the epoch; default now */ timestamp?: number }
export interface TedeeKeyGeneratorOptions { mode?: TedeeMode }
export interface VerifyTedeeApiKeyOptions { /** ms; default now */ now?: number; /** default 30000; 0 disables */ toleranceMs?: number }
export interface TedeeVerifierOptions { /** default 30000; 0 disables */ toleranceMs?: number; /** default 4096 */ maxRemembered?: number; mode?: TedeeMode }
"#;

const MODES: &str = "'encrypted', 'plain'";

fn mode(o: Option<&Object>) -> JsResult<Mode> {
    Ok(args::opt_choice(o, "mode", "options.mode", Mode::parse, MODES)?.unwrap_or(Mode::Encrypted))
}

fn opts(v: Option<Object>, allowed: &[&str]) -> JsResult<Option<Object>> {
    args::options(
        &v.map(JsValue::from).unwrap_or_default(),
        "options",
        allowed,
    )
}

fn result(timestamp: u64) -> Object {
    args::record([("timestamp", JsValue::from_f64(timestamp as f64))])
}

/// The Tedee Bridge `api_token` for `token`: in `"encrypted"` mode (default)
/// `lowercase_hex(SHA256(token + ms)) + ms`, with `ms` = `options.timestamp` or now, in
/// milliseconds since the epoch; in `"plain"` mode the token itself.
/// Two calls in the same millisecond give the same key: use `TedeeKeyGenerator` for
/// requests in a row.
#[wasm_bindgen(js_name = tedeeApiKey)]
pub fn tedee_api_key(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TedeeApiKeyOptions")] options: Option<Object>,
) -> JsResult<String> {
    let token = args::string(&token, "token")?;
    let o = opts(options, &["mode", "timestamp"])?;
    let mode = mode(o.as_ref())?;
    let ts = args::now_ms(args::get_opt(o.as_ref(), "timestamp")?, "options.timestamp")?;
    tedee::api_key(&token, mode, ts).js()
}

/// Makes Tedee keys with strictly increasing timestamps, even for several requests in
/// one millisecond or after the clock stepped back (a bridge refuses a reused key).
#[wasm_bindgen]
pub struct TedeeKeyGenerator {
    inner: tedee::KeyGenerator,
    last: Option<u64>,
}

#[wasm_bindgen]
impl TedeeKeyGenerator {
    /// A generator for `token`; `options.mode` is `"encrypted"` (default) or `"plain"`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TedeeKeyGeneratorOptions")] options: Option<
            Object,
        >,
    ) -> JsResult<TedeeKeyGenerator> {
        let token = args::string(&token, "token")?;
        let o = opts(options, &["mode"])?;
        Ok(TedeeKeyGenerator {
            inner: tedee::KeyGenerator::new(&token, mode(o.as_ref())?).js()?,
            last: None,
        })
    }

    /// The next key; `now` (milliseconds) defaults to the clock. Its timestamp is
    /// `max(now, previous + 1)`.
    pub fn next(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue,
    ) -> JsResult<String> {
        let now = args::now_ms(Some(now), "now")?;
        self.next_at(now)
    }

    /// The timestamp (milliseconds) of the last key made, or `undefined` before the first.
    #[wasm_bindgen(getter, js_name = lastTimestamp)]
    pub fn last_timestamp(&self) -> Option<f64> {
        self.last.map(|t| t as f64)
    }
}

impl TedeeKeyGenerator {
    pub(crate) fn next_at(&mut self, now: u64) -> JsResult<String> {
        let (key, ts) = self.inner.next(now).js()?;
        self.last = Some(ts);
        Ok(key)
    }
}

/// Verifies an encrypted Tedee key for `token`: exactly 64 lowercase hex digits followed
/// by the decimal millisecond timestamp, the digest compared in constant time, the
/// timestamp within `toleranceMs` (default 30000; `0` disables the check) of `now`.
/// Returns `{ timestamp }`; throws `ERR_MALFORMED_API_KEY`, `ERR_KEY_MISMATCH`,
/// `ERR_TIMESTAMP_TOO_OLD` or `ERR_TIMESTAMP_TOO_NEW`. It cannot see replays: a bridge
/// or mock uses `TedeeVerifier`.
#[wasm_bindgen(js_name = verifyTedeeApiKey, unchecked_return_type = "{ timestamp: number }")]
pub fn verify_tedee_api_key(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string", js_name = apiKey)] api_key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyTedeeApiKeyOptions")] options: Option<
        Object,
    >,
) -> JsResult<Object> {
    let token = args::string(&token, "token")?;
    let api_key = args::string(&api_key, "apiKey")?;
    let o = opts(options, &["now", "toleranceMs"])?;
    let now = args::now_ms(args::get_opt(o.as_ref(), "now")?, "options.now")?;
    let tol = args::opt_uint(o.as_ref(), "toleranceMs", "options.toleranceMs")?
        .unwrap_or(tedee::DEFAULT_TOLERANCE_MS);
    Ok(result(tedee::verify_key(&token, &api_key, now, tol).js()?))
}

/// The bridge (or mock) side: digest, freshness window and replay rejection in bounded
/// memory (`maxRemembered`, default 4096, keys; when one must be forgotten, every key at or
/// before it is refused from then on, so none can be replayed).
#[wasm_bindgen]
pub struct TedeeVerifier {
    inner: tedee::Verifier,
}

#[wasm_bindgen]
impl TedeeVerifier {
    /// A verifier for `token`. `options.mode` `"plain"` compares the key with the token
    /// (constant time) and cannot detect replays.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TedeeVerifierOptions")] options: Option<
            Object,
        >,
    ) -> JsResult<TedeeVerifier> {
        let token = args::string(&token, "token")?;
        let o = opts(options, &["toleranceMs", "maxRemembered", "mode"])?;
        let tol = args::opt_uint(o.as_ref(), "toleranceMs", "options.toleranceMs")?
            .unwrap_or(tedee::DEFAULT_TOLERANCE_MS);
        let max = args::opt_uint(o.as_ref(), "maxRemembered", "options.maxRemembered")?
            .unwrap_or(tedee::DEFAULT_MAX_REMEMBERED as u64);
        let max = usize::try_from(max).unwrap_or(usize::MAX);
        let inner = tedee::Verifier::new(&token, mode(o.as_ref())?, tol, max).js()?;
        Ok(TedeeVerifier { inner })
    }

    /// Verifies `apiKey` at `now` (default: the clock). Returns `{ timestamp }`
    /// (0 in plain mode); a reused key throws `ERR_REPLAY`.
    #[wasm_bindgen(unchecked_return_type = "{ timestamp: number }")]
    pub fn verify(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = apiKey)] api_key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue,
    ) -> JsResult<Object> {
        let api_key = args::string(&api_key, "apiKey")?;
        let now = args::now_ms(Some(now), "now")?;
        Ok(result(self.inner.verify(&api_key, now).js()?))
    }
}
