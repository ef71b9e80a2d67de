//! JSON Web Tokens with HMAC: `signJwt`, `verifyJwt`, `decodeJwt`, `jwtExpiresAt`.
//!
//! The core checks every byte (strict base64url, strict JSON without repeated keys, the
//! claims) and hands back the decoded JSON texts; the objects returned are built from
//! them by `JSON.parse`, so payload values are exactly what `JSON.parse` gives (large
//! integers, `-0`, exponents) and a `__proto__` key is an own property, never the
//! prototype. Signing serializes the payload with `JSON.stringify` after checking that
//! every value survives it.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use authsmith_core::encoding::decimal;
use authsmith_core::error::{msg, Code, Error};
use authsmith_core::jwt::{self, Alg, Decoded, SignOptions, VerifyOptions, MAX_TOKEN_LEN};
use authsmith_wasm_common::args::{self, range_error, type_error, JsResult};

#[wasm_bindgen(typescript_custom_section)]
const JWT_TYPES: &'static str = r#"
/** The HMAC JWS algorithms (RFC 7518 §3.2). `none` and every other algorithm are refused. */
export type JwtAlg = "HS256" | "HS384" | "HS512";
/** A decoded JWT: the JOSE header and the claims set, as `JSON.parse` reads them. */
export interface DecodedJwt { header: Record<string, unknown>; payload: Record<string, unknown> }
export interface SignJwtOptions {
  /** default "HS256" */
  alg?: JwtAlg;
  /** more header parameters (`typ`, `kid`, `cty`…); `alg` and `crit` are set by the library; `typ` defaults to "JWT" */
  header?: Record<string, unknown>;
  /** MILLISECONDS since the epoch (Date.now()); default now. `iat` is it in whole seconds. Below 1e11 is a RangeError (seconds given by mistake). */
  now?: number;
  /** sets `exp = iat + expiresInSec` (seconds) */
  expiresInSec?: number;
  /** sets `nbf = iat + notBeforeSec` (seconds; may be negative) */
  notBeforeSec?: number;
}
export interface VerifyJwtOptions {
  /** required: the algorithms you accept (the token's own `alg` is only checked against this list) */
  algorithms: JwtAlg[];
  /** MILLISECONDS since the epoch (Date.now()); default now. Below 1e11 is a RangeError (seconds given by mistake). */
  now?: number;
  /** seconds of clock skew allowed for `exp`, `nbf` and `iat`; default 0 */
  clockToleranceSec?: number;
  /** `iss` must be this (or one of these) */
  issuer?: string | string[];
  /** `aud` (a string or an array) must contain this (or one of these) */
  audience?: string | string[];
  /** `sub` must be this */
  subject?: string;
  /** the header's `typ`, compared as a media type ("JWT" equals "application/jwt") */
  typ?: string;
  /** `iat` must be present and at most this many seconds old (and not in the future) */
  maxTokenAgeSec?: number;
  /** claims that must be present, whatever their value */
  requiredClaims?: string[];
}
/** What an `ERR_JWT_*` AuthsmithError about a claim carries besides `code` and `message`. */
export interface JwtErrorDetails {
  /** the claim (or header parameter `typ`) that failed: "exp", "nbf", "iat", "iss", "aud", "sub", "typ", or a required claim */
  claim?: string;
}
"#;

type JwtResult<T> = Result<T, jwt::JwtError>;

fn js<T>(r: JwtResult<T>) -> JsResult<T> {
    r.map_err(args::jwt_to_js)
}

fn malformed(m: &'static str) -> JsValue {
    args::to_js(Error::auth(Code::JwtMalformed, m))
}

/// The token as Rust text; a string longer than the limit is refused before it is copied
/// into wasm memory (which never shrinks).
fn token_arg(v: &JsValue) -> JsResult<Zeroizing<String>> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(type_error("token must be a string"));
    };
    // UTF-16 length: a token within the limit has at most that many UTF-8 bytes for ASCII;
    // anything longer in code units is surely over it.
    if s.length() as usize > MAX_TOKEN_LEN {
        return Err(malformed("token is longer than 1 MiB"));
    }
    Ok(Zeroizing::new(args::string(v, "token")?))
}

fn parse_json(text: &str) -> JsResult<JsValue> {
    // The core accepted the text: JSON without repeated keys, so JSON.parse reads it to
    // the same values. `__proto__` becomes an own data property.
    js_sys::JSON::parse(text).map_err(|_| malformed("the JSON could not be read"))
}

fn decoded_js(d: &Decoded) -> JsResult<Object> {
    let header = parse_json(&d.header_json)?;
    let payload = parse_json(&d.payload_json)?;
    Ok(args::record([("header", header), ("payload", payload)]))
}

fn alg_choice(v: &JsValue, name: &str) -> JsResult<Alg> {
    args::choice(v, name, Alg::parse, "'HS256', 'HS384', 'HS512'")
}

/// A safe integer, negative allowed.
fn int(v: &JsValue, name: &str) -> JsResult<i64> {
    let Some(n) = v.as_f64() else {
        return Err(type_error(&msg(&[name, " must be a number"])));
    };
    if !n.is_finite() || n.abs() > 9_007_199_254_740_991.0 {
        return Err(range_error(&msg(&[
            name,
            " must be a safe integer (seconds)",
        ])));
    }
    if n != (n as i64) as f64 {
        return Err(range_error(&msg(&[name, " must be an integer"])));
    }
    Ok(n as i64)
}

const MAX_VALUE_DEPTH: usize = 60;

/// Checks that `v` survives `JSON.stringify` unchanged: strings (well-formed UTF-16),
/// finite numbers, booleans, null, arrays without holes and plain objects of those.
/// `undefined`, functions, symbols, bigints, `NaN`/`Infinity` (which JSON.stringify would
/// drop, turn into `null` or throw for) and other objects (`Date`, `Map`, class
/// instances) are a `TypeError` naming the path.
fn check_json_value(v: &JsValue, path: &str, depth: usize) -> JsResult<()> {
    if depth > MAX_VALUE_DEPTH {
        return Err(type_error(&msg(&[
            path,
            " is nested too deeply (or is circular)",
        ])));
    }
    if v.is_null() || v.as_bool().is_some() {
        return Ok(());
    }
    if let Some(n) = v.as_f64() {
        if n.is_finite() {
            return Ok(());
        }
        return Err(type_error(&msg(&[
            path,
            " is NaN or Infinity, which JSON cannot carry",
        ])));
    }
    if v.is_string() {
        args::string(v, path)?;
        return Ok(());
    }
    if v.is_undefined() {
        return Err(type_error(&msg(&[
            path,
            " is undefined, which JSON cannot carry (leave the property out)",
        ])));
    }
    if v.is_function() || v.is_symbol() || v.is_bigint() {
        return Err(type_error(&msg(&[
            path,
            " is a function, symbol or bigint, which JSON cannot carry",
        ])));
    }
    let next = depth.saturating_add(1);
    if let Some(arr) = v.dyn_ref::<Array>() {
        for i in 0..arr.length() {
            let p = msg(&[path, "[", &decimal(u64::from(i)), "]"]);
            check_json_value(&arr.get(i), &p, next)?;
        }
        return Ok(());
    }
    if !args::is_plain_object(v)? {
        return Err(type_error(&msg(&[
            path,
            " must be a plain object, array, string, finite number, boolean or null (a Date, Map or class instance does not survive JSON.stringify)",
        ])));
    }
    let obj: &Object = v.unchecked_ref();
    for key in args::own_keys(obj)?.iter() {
        let k = args::string(&key, path)?;
        let p = msg(&[path, ".", &k]);
        check_json_value(&Reflect::get(obj, &key)?, &p, next)?;
    }
    Ok(())
}

/// A plain object argument as its `JSON.stringify` text.
fn json_object_text(v: &JsValue, name: &str) -> JsResult<String> {
    if !v.is_object() || Array::is_array(v) || v.is_function() || !args::is_plain_object(v)? {
        return Err(type_error(&msg(&[name, " must be a plain object"])));
    }
    check_json_value(v, name, 0)?;
    js_sys::JSON::stringify(v)?
        .as_string()
        .ok_or_else(|| type_error(&msg(&[name, " could not be serialized"])))
}

fn key_one(v: &JsValue, name: &str) -> JsResult<Zeroizing<Vec<u8>>> {
    if v.is_string() || v.dyn_ref::<Uint8Array>().is_some() || v.is_instance_of::<ArrayBuffer>() {
        return Ok(Zeroizing::new(args::bytes(v, name)?));
    }
    Err(type_error(&msg(&[
        name,
        " must be a string, Uint8Array or ArrayBuffer",
    ])))
}

/// Most keys tried at once (rotation needs two or three).
const MAX_KEYS: u32 = 32;

fn keys(v: &JsValue) -> JsResult<Vec<Zeroizing<Vec<u8>>>> {
    let Some(arr) = v.dyn_ref::<Array>() else {
        if v.is_string() || v.dyn_ref::<Uint8Array>().is_some() || v.is_instance_of::<ArrayBuffer>()
        {
            return Ok(alloc::vec![key_one(v, "key")?]);
        }
        return Err(type_error(
            "key must be a string, Uint8Array or ArrayBuffer, or an array of them",
        ));
    };
    if arr.length() == 0 {
        return Err(range_error("key must not be an empty array"));
    }
    if arr.length() > MAX_KEYS {
        return Err(range_error("key: at most 32 keys can be tried at once"));
    }
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        let name = msg(&["key[", &decimal(i as u64), "]"]);
        out.push(key_one(&item, &name)?);
    }
    Ok(out)
}

/// `string | string[]` as a list.
fn strings(v: &JsValue, name: &str) -> JsResult<Vec<String>> {
    if v.is_string() {
        return Ok(alloc::vec![args::string(v, name)?]);
    }
    let Some(arr) = v.dyn_ref::<Array>() else {
        return Err(type_error(&msg(&[
            name,
            " must be a string or an array of strings",
        ])));
    };
    string_array(arr, name)
}

fn string_array(arr: &Array, name: &str) -> JsResult<Vec<String>> {
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        if !item.is_string() {
            return Err(type_error(&msg(&[
                name,
                "[",
                &decimal(i as u64),
                "] must be a string",
            ])));
        }
        out.push(args::string(&item, name)?);
    }
    Ok(out)
}

/// Decodes a JWT **without checking its signature**: for reading `exp`, `iat`, `iss` of
/// a token you hold (a bearer token you were given, your own access token). Never use
/// what it returns to decide whom to trust: that is `verifyJwt`. The structure is checked
/// as strictly as by `verifyJwt`: three base64url segments without padding, a header and
/// a claims set that are JSON objects without a repeated key (`ERR_JWT_MALFORMED`).
#[wasm_bindgen(js_name = decodeJwt, unchecked_return_type = "DecodedJwt")]
pub fn decode_jwt(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
) -> JsResult<Object> {
    let token = token_arg(&token)?;
    let d = js(jwt::decode(&token))?;
    decoded_js(&d)
}

/// `exp` of a JWT in **milliseconds** since the epoch (`exp * 1000`, ready to compare with
/// `Date.now()`), or `undefined` when the token has no `exp`. Read from an unverified
/// decode (as `decodeJwt`): for knowing when to refresh a token you hold. A non-number
/// `exp` is `ERR_JWT_CLAIM_INVALID` (`claim: "exp"`).
#[wasm_bindgen(js_name = jwtExpiresAt, unchecked_return_type = "number | undefined")]
pub fn jwt_expires_at(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
) -> JsResult<JsValue> {
    let token = token_arg(&token)?;
    Ok(match js(jwt::expires_at(&token))? {
        // JSON.parse reads the number as every JS JWT library does (1e400 is Infinity)
        Some(exp) => match parse_json(&exp.text)?.as_f64() {
            Some(secs) => JsValue::from_f64(secs * 1000.0),
            None => return Err(malformed("exp could not be read")),
        },
        None => JsValue::UNDEFINED,
    })
}

/// Signs a JWT (compact JWS) with HMAC: `alg` HS256 (default), HS384 or HS512. `payload`
/// is a plain object serialized with `JSON.stringify`; a value that would not survive
/// (`undefined`, a function, `NaN`, a `Date`, a bigint) is a `TypeError`, as is a
/// string `exp`/`nbf`/`iat` (they are NumericDate seconds). `iat` is set to `now` in whole
/// seconds unless the payload has one; `expiresInSec`/`notBeforeSec` set `exp`/`nbf`
/// relative to it. `now` is in **milliseconds** (`Date.now()`). The key must be at least
/// as long as the hash output (32/48/64 bytes; RFC 7518 §3.2): a shorter one is a
/// `RangeError`; an empty one `ERR_EMPTY_SECRET`.
#[wasm_bindgen(js_name = signJwt)]
pub fn sign_jwt(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bytes")] key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SignJwtOptions")] options: Option<Object>,
) -> JsResult<String> {
    let o = args::options(
        &options.map(JsValue::from).unwrap_or_default(),
        "options",
        &["alg", "header", "now", "expiresInSec", "notBeforeSec"],
    )?;
    let alg = match args::get_opt(o.as_ref(), "alg")? {
        Some(v) => alg_choice(&v, "options.alg")?,
        None => Alg::Hs256,
    };
    let header = match args::get_opt(o.as_ref(), "header")? {
        Some(h) => Some(json_object_text(&h, "options.header")?),
        None => None,
    };
    let now_ms = args::now_ms(args::get_opt(o.as_ref(), "now")?, "options.now")?;
    let expires_in_sec = args::opt_uint(o.as_ref(), "expiresInSec", "options.expiresInSec")?;
    let not_before_sec = args::get_opt(o.as_ref(), "notBeforeSec")?
        .map(|v| int(&v, "options.notBeforeSec"))
        .transpose()?;
    let payload = Zeroizing::new(json_object_text(&payload, "payload")?);
    let key = key_one(&key, "key")?;
    let so = SignOptions {
        alg,
        now_ms,
        expires_in_sec,
        not_before_sec,
    };
    jwt::sign(&payload, header.as_deref(), &key, &so).map_err(args::to_js)
}

/// Verifies a JWT signed with HMAC and checks its claims; returns `{ header, payload }`.
/// `options.algorithms` is required: the token's `alg` must be in it (`none` and non-HMAC
/// algorithms never are; `ERR_JWT_ALG_NOT_ALLOWED`). With several keys (rotation) every
/// one is tried in constant time; no match is `ERR_SIGNATURE_MISMATCH`. Then `exp`
/// (`now < exp + clockToleranceSec`, `ERR_JWT_EXPIRED`), `nbf` (`ERR_JWT_NOT_YET_VALID`),
/// and the claims asked for (`issuer`, `audience`, `subject`, `typ`, `maxTokenAgeSec`,
/// `requiredClaims`: `ERR_JWT_CLAIM_INVALID`); the error's `claim` says which. `now` is
/// in **milliseconds**; claims are NumericDate seconds (fractions allowed, strings
/// refused). Verifying with a key shorter than the hash output is allowed (the issuer
/// chose it), signing with one is not.
#[wasm_bindgen(js_name = verifyJwt, unchecked_return_type = "DecodedJwt")]
pub fn verify_jwt(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bytes | Bytes[]")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyJwtOptions")] options: JsValue,
) -> JsResult<Object> {
    let o = args::object(
        &options,
        "options",
        &[
            "algorithms",
            "now",
            "clockToleranceSec",
            "issuer",
            "audience",
            "subject",
            "typ",
            "maxTokenAgeSec",
            "requiredClaims",
        ],
    )?;
    let algs_v = args::get(&o, "algorithms")?;
    let Some(algs_arr) = algs_v.dyn_ref::<Array>() else {
        return Err(type_error(
            "options.algorithms must be an array such as [\"HS256\"] (required: the token's own alg is never trusted alone)",
        ));
    };
    if algs_arr.length() == 0 {
        return Err(range_error(
            "options.algorithms must name at least one of 'HS256', 'HS384', 'HS512'",
        ));
    }
    let mut algorithms = Vec::new();
    for (i, a) in algs_arr.iter().enumerate() {
        let name = msg(&["options.algorithms[", &decimal(i as u64), "]"]);
        algorithms.push(alg_choice(&a, &name)?);
    }
    let now_ms = args::now_ms(args::get_opt(Some(&o), "now")?, "options.now")?;
    let clock_tolerance_sec =
        args::opt_uint(Some(&o), "clockToleranceSec", "options.clockToleranceSec")?.unwrap_or(0);
    let issuer = args::get_opt(Some(&o), "issuer")?
        .map(|v| strings(&v, "options.issuer"))
        .transpose()?;
    let audience = args::get_opt(Some(&o), "audience")?
        .map(|v| strings(&v, "options.audience"))
        .transpose()?;
    let subject = args::opt_string(Some(&o), "subject", "options.subject")?;
    let typ = args::opt_string(Some(&o), "typ", "options.typ")?;
    let max_token_age_sec = args::opt_uint(Some(&o), "maxTokenAgeSec", "options.maxTokenAgeSec")?;
    let required_claims = match args::get_opt(Some(&o), "requiredClaims")? {
        Some(v) => match v.dyn_ref::<Array>() {
            Some(a) => string_array(a, "options.requiredClaims")?,
            None => {
                return Err(type_error(
                    "options.requiredClaims must be an array of strings",
                ))
            }
        },
        None => Vec::new(),
    };
    let keys = keys(&key)?;
    let token = token_arg(&token)?;
    let refs: Vec<&[u8]> = keys.iter().map(|k| k.as_slice()).collect();
    let vo = VerifyOptions {
        algorithms: &algorithms,
        now_ms,
        clock_tolerance_sec,
        issuer: issuer.as_deref(),
        audience: audience.as_deref(),
        subject: subject.as_deref(),
        typ: typ.as_deref(),
        max_token_age_sec,
        required_claims: &required_claims,
    };
    let d = js(jwt::verify(&token, &refs, &vo))?;
    decoded_js(&d)
}
