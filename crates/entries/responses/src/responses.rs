//! Reading what the server answers: `parseWwwAuthenticate`, `parseRateLimit`,
//! `explainAuthFailure`.

use alloc::vec::Vec;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use authsmith_core::challenge::{self, Challenge};
use authsmith_core::encoding::decimal;
use authsmith_core::error::msg;
use authsmith_core::explain;
use authsmith_core::ratelimit;
use authsmith_wasm_common::args::{self, JsResult, OrJs};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** One challenge of a `WWW-Authenticate` / `Proxy-Authenticate` header. */
export interface AuthChallenge {
  /** As sent; compare case-insensitively. */
  scheme: string;
  /** Lowercased names; values unquoted and unescaped. */
  params: Record<string, string>;
  token68?: string;
}
/** What the rate-limit headers say; anything malformed or absurd is left out. */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** ms since the epoch */
  resetAt?: number;
  /** from `Retry-After`; 0 for a date in the past */
  retryAfterMs?: number;
  /** the IETF `RateLimit` policy name the numbers belong to */
  policy?: string;
}
export interface ParseRateLimitOptions { /** ms; default now */ now?: number }
export type AuthFailureKind = "unauthorized" | "forbidden" | "rate_limited" | "other";
/** `explainAuthFailure`'s answer. */
export interface AuthFailure {
  status: number;
  kind: AuthFailureKind;
  /** Smartstore's AuthResultDesc ("InvalidCredentials", or "Unknown" for an id outside the table), or a challenge's `error` ("invalid_token") */
  reason?: string;
  /** Smartstore-Api-AuthResultId */
  reasonId?: number;
  challenges: AuthChallenge[];
  retryAfterMs?: number;
  /** one or two sentences for a person */
  hint: string;
}
/** A response: a fetch `Response` works as it is (other properties are ignored). */
export interface AuthFailureResponse { status: number; headers?: HeadersLike }
export interface ExplainAuthFailureOptions { /** ms; default now */ now?: number }
"#;

fn challenge_js(c: &Challenge) -> JsValue {
    let params = Object::new();
    for (k, v) in &c.params {
        args::set(&params, k, &JsValue::from_str(v));
    }
    let o = args::record([
        ("scheme", JsValue::from_str(&c.scheme)),
        ("params", params.into()),
    ]);
    if let Some(t) = &c.token68 {
        args::set(&o, "token68", &JsValue::from_str(t));
    }
    o.into()
}

fn challenges_js(cs: &[Challenge]) -> Array {
    cs.iter().map(challenge_js).collect()
}

fn set_num(o: &Object, key: &str, v: Option<u64>) {
    if let Some(n) = v {
        args::set(o, key, &JsValue::from_f64(n as f64));
    }
}

/// Parses `WWW-Authenticate` (or `Proxy-Authenticate`) challenges (RFC 9110 §11.6.1):
/// several per header and across repeated headers (pass an array), quoted strings with
/// escapes and commas, token68. Parameter names are lowercased, values unquoted.
/// An empty value gives `[]`; any syntax error (an unterminated quoted string, a
/// parameter without a scheme, a repeated parameter) is `ERR_MALFORMED_HEADER` naming
/// the offset. (`explainAuthFailure` is lenient instead.)
#[wasm_bindgen(js_name = parseWwwAuthenticate, unchecked_return_type = "AuthChallenge[]")]
pub fn parse_www_authenticate(
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] header: JsValue,
) -> JsResult<Array> {
    if header.is_string() {
        let h = args::string(&header, "header")?;
        return Ok(challenges_js(&challenge::parse(&h).js()?));
    }
    let Some(arr) = header.dyn_ref::<Array>() else {
        return Err(args::type_error(
            "header must be a string or an array of strings",
        ));
    };
    let mut all: Vec<Challenge> = Vec::new();
    for (i, item) in arr.iter().enumerate() {
        let label = msg(&["header[", &decimal(i as u64), "]"]);
        let h = args::string(&item, &label)?;
        let field = msg(&["WWW-Authenticate[", &decimal(i as u64), "]"]);
        all.extend(challenge::parse_field(&h, &field).js()?);
    }
    Ok(challenges_js(&all))
}

fn now_option(options: Option<Object>) -> JsResult<u64> {
    let o = args::options(
        &options.map(JsValue::from).unwrap_or_default(),
        "options",
        &["now"],
    )?;
    args::now_ms(args::get_opt(o.as_ref(), "now")?, "options.now")
}

/// Reads rate-limit headers: the IETF `RateLimit` / `RateLimit-Policy` fields (current
/// draft, the draft-07 dictionary, and the older `RateLimit-Limit/-Remaining/-Reset`),
/// then `X-RateLimit-*`; and `Retry-After` (seconds or an HTTP-date). A `*-Reset` of at
/// least 1e9 is epoch seconds, a smaller one seconds from `now`. Malformed, negative or
/// absurd values are left out, never guessed; this function does not throw for header
/// contents.
#[wasm_bindgen(js_name = parseRateLimit, unchecked_return_type = "RateLimitInfo")]
pub fn parse_rate_limit(
    #[wasm_bindgen(unchecked_param_type = "HeadersLike")] headers: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseRateLimitOptions")] options: Option<
        Object,
    >,
) -> JsResult<Object> {
    let pairs = args::headers(&headers, "headers")?;
    let now = now_option(options)?;
    let r = ratelimit::parse(&pairs, now);
    let o = Object::new();
    set_num(&o, "limit", r.limit);
    set_num(&o, "remaining", r.remaining);
    set_num(&o, "resetAt", r.reset_at);
    set_num(&o, "retryAfterMs", r.retry_after_ms);
    if let Some(p) = &r.policy {
        args::set(&o, "policy", &JsValue::from_str(p));
    }
    Ok(o)
}

/// Explains a failed response: `kind` from the status (401/407 unauthorized, 403
/// forbidden — or rate_limited when the quota is used up —, 429 rate_limited),
/// Smartstore's `Smartstore-Api-AuthResultId` as `reason`/`reasonId` (an id outside the
/// table is "Unknown"), a challenge's `error` (`invalid_token` → refresh the token), the
/// parsed challenges, `retryAfterMs` for 429/503, and a `hint` for a person. Pass a fetch
/// `Response` or `{ status, headers }`; `status` must be an integer 100..599
/// (`RangeError`). Header contents never make it throw.
#[wasm_bindgen(js_name = explainAuthFailure, unchecked_return_type = "AuthFailure")]
pub fn explain_auth_failure(
    #[wasm_bindgen(unchecked_param_type = "AuthFailureResponse")] response: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ExplainAuthFailureOptions")] options: Option<
        Object,
    >,
) -> JsResult<Object> {
    if !response.is_object() {
        return Err(args::type_error(
            "response must be an object with a status (a fetch Response or { status, headers })",
        ));
    }
    let res: &Object = response.unchecked_ref();
    let status = args::uint(&args::get(res, "status")?, "response.status")?;
    let pairs = args::headers(&args::get(res, "headers")?, "response.headers")?;
    let now = now_option(options)?;
    let e = explain::explain(status, &pairs, now).js()?;
    let o = args::record([
        ("status", JsValue::from_f64(f64::from(e.status))),
        ("kind", JsValue::from_str(e.kind.as_str())),
    ]);
    if let Some(r) = &e.reason {
        args::set(&o, "reason", &JsValue::from_str(r));
    }
    set_num(&o, "reasonId", e.reason_id);
    args::set(&o, "challenges", &challenges_js(&e.challenges).into());
    set_num(&o, "retryAfterMs", e.retry_after_ms);
    args::set(&o, "hint", &JsValue::from_str(&e.hint));
    Ok(o)
}
