//! Request authorization: Basic, Bearer, HMAC signature headers, `applyAuth`, `redact`.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use authsmith_core::apply::{self, Auth, AuthType, Placement};
use authsmith_core::basic;
use authsmith_core::encoding::Encoding;
use authsmith_core::headers::{self, DEFAULT_SIGNATURE_HEADER, DEFAULT_TIMESTAMP_HEADER};
use authsmith_core::redact as core_redact;
use authsmith_core::tedee::Mode;
use authsmith_wasm_common::args::{self, JsResult, OrJs};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export interface HmacSignatureHeadersOptions {
  /** seconds since the epoch; default now */ timestamp?: number;
  /** default "X-Timestamp" */ timestampHeader?: string;
  /** default "X-Signature" */ signatureHeader?: string;
  /** default "hex" */ encoding?: "hex" | "base64";
}

export type AuthConfig =
  | { type: "none" }
  | { type: "basic"; username: string; password: string }
  | { type: "bearer"; token: string }
  | { type: "apiKey"; name: string; value: string; in?: "header" | "query" }
  | { type: "tedee"; token: string; mode?: "encrypted" | "plain"; in?: "header" | "query" }
  | { type: "hmac"; secret: Bytes; timestampHeader?: string; signatureHeader?: string }
  | { type: "oauth2"; tokenSet: TokenSet };

/** What `redact` returns for a value of type `T`: the same shape, except that an
 *  iterable other than a `Headers` or a `Map` becomes an array of pairs. */
export type Redacted<T> = T extends string ? string
  : T extends ReadonlyMap<string, string> ? Map<string, string>
  : T extends { append(name: string, value: string): void; get(name: string): string | null } ? T
  : T extends Iterable<readonly [string, string]> ? Array<[string, string]>
  : T;
/** Masks credentials in a URL, header lines, a request line, an `Authorization` value, `name=value` pairs or JSON, for logs. */
export function redact(value: string): string;
/** Masks credential headers (`Bearer ****`, cookie values, signatures), keeping names and the shape given. */
export function redact<T extends HeadersLike>(value: T): Redacted<T>;
"#;

/// `"Basic " + base64(UTF-8(username + ":" + password))` (RFC 7617). A `:` in the
/// username or a control character in either is `ERR_INVALID_CREDENTIAL`.
#[wasm_bindgen(js_name = basicAuth)]
pub fn basic_auth(
    #[wasm_bindgen(unchecked_param_type = "string")] username: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
) -> JsResult<String> {
    let u = args::string(&username, "username")?;
    let p = Zeroizing::new(args::string(&password, "password")?);
    basic::basic_auth(&u, &p).js()
}

/// Parses a `Basic` `Authorization` value (scheme case-insensitive, UTF-8 credentials;
/// the password may contain `:`). Anything else is `ERR_MALFORMED_AUTHORIZATION`.
#[wasm_bindgen(js_name = parseBasicAuth, unchecked_return_type = "{ username: string; password: string }")]
pub fn parse_basic_auth(
    #[wasm_bindgen(unchecked_param_type = "string")] header: JsValue,
) -> JsResult<Object> {
    let h = Zeroizing::new(args::string(&header, "header")?);
    let (u, p) = basic::parse_basic_auth(&h).js()?;
    let p = Zeroizing::new(p);
    Ok(args::record([
        ("username", JsValue::from_str(&u)),
        ("password", JsValue::from_str(&p)),
    ]))
}

/// `"Bearer " + token`, the token checked against RFC 6750's b64token syntax (so no
/// space, CR or LF can reach a header).
#[wasm_bindgen(js_name = bearerAuth)]
pub fn bearer_auth(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
) -> JsResult<String> {
    let t = Zeroizing::new(args::string(&token, "token")?);
    basic::bearer_auth(&t).js()
}

/// The token of a `Bearer` `Authorization` value (scheme case-insensitive, b64token).
#[wasm_bindgen(js_name = parseBearerAuth)]
pub fn parse_bearer_auth(
    #[wasm_bindgen(unchecked_param_type = "string")] header: JsValue,
) -> JsResult<String> {
    let h = Zeroizing::new(args::string(&header, "header")?);
    basic::parse_bearer_auth(&h).js()
}

/// Time-based HMAC signature headers (the BJET "dynamic authentication" example):
/// `{ [timestampHeader]: "<seconds>", [signatureHeader]: HMAC-SHA256(secret, "<seconds>") }`
/// with `timestamp` in seconds (default: now), headers `X-Timestamp` and `X-Signature`,
/// `encoding` `"hex"` (default) or `"base64"`.
#[wasm_bindgen(js_name = hmacSignatureHeaders, unchecked_return_type = "Record<string, string>")]
pub fn hmac_signature_headers(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] secret: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "HmacSignatureHeadersOptions")] options: Option<
        Object,
    >,
) -> JsResult<Object> {
    let secret = Zeroizing::new(args::bytes(&secret, "secret")?);
    let o = args::options(
        &options.map(JsValue::from).unwrap_or_default(),
        "options",
        &[
            "timestamp",
            "timestampHeader",
            "signatureHeader",
            "encoding",
        ],
    )?;
    let ts = match args::opt_uint(o.as_ref(), "timestamp", "options.timestamp")? {
        Some(t) => t,
        None => js_sys::Date::now() as u64 / 1000,
    };
    let th = args::opt_string(o.as_ref(), "timestampHeader", "options.timestampHeader")?;
    let sh = args::opt_string(o.as_ref(), "signatureHeader", "options.signatureHeader")?;
    let enc = match args::get_opt(o.as_ref(), "encoding")? {
        Some(v) => args::encoding(&v, "options.encoding", false)?,
        None => Encoding::Hex,
    };
    let pairs = headers::hmac_signature_headers(
        &secret,
        ts,
        th.as_deref().unwrap_or(DEFAULT_TIMESTAMP_HEADER),
        sh.as_deref().unwrap_or(DEFAULT_SIGNATURE_HEADER),
        enc,
    )
    .js()?;
    Ok(args::headers_record(pairs.into_iter().collect()))
}

fn placement(o: &Object) -> JsResult<Placement> {
    Ok(args::opt_choice(
        Some(o),
        "in",
        "auth.in",
        Placement::parse,
        "'header', 'query'",
    )?
    .unwrap_or(Placement::Header))
}

/// Owned strings read from an `AuthConfig`, so `Auth` can borrow them.
#[derive(Default)]
struct Fields {
    a: Zeroizing<String>,
    b: Zeroizing<String>,
    secret: Zeroizing<Vec<u8>>,
}

/// Puts the credentials of `auth` on `request` and returns the new `{ url, headers }`
/// (the input is not changed). Headers it sets replace any of the same name in any
/// letter case; query placement keeps the other parameters and the fragment and
/// percent-encodes the value. `options.now` (ms) is the clock for Tedee keys, HMAC
/// timestamps and token expiry; an expired `oauth2` token set is `ERR_TOKEN_EXPIRED`.
#[wasm_bindgen(js_name = applyAuth, unchecked_return_type = "{ url: string; headers: Record<string, string> }")]
pub fn apply_auth(
    #[wasm_bindgen(unchecked_param_type = "{ url: string; headers?: HeadersLike }")]
    request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AuthConfig")] auth: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ now?: number }")] options: Option<Object>,
) -> JsResult<Object> {
    if !request.is_object() {
        return Err(args::type_error("request must be an object with a url"));
    }
    let req: &Object = request.unchecked_ref();
    let url = args::req_string(req, "url", "request.url")?;
    let existing = args::headers(&args::get(req, "headers")?, "request.headers")?;
    let o = args::options(
        &options.map(JsValue::from).unwrap_or_default(),
        "options",
        &["now"],
    )?;
    let now = args::now_ms(args::get_opt(o.as_ref(), "now")?, "options.now")?;

    if !auth.is_object() {
        return Err(args::type_error("auth must be an AuthConfig object"));
    }
    let a: &Object = auth.unchecked_ref();
    let ty = args::get(a, "type")?;
    let ty_s = ty
        .as_string()
        .ok_or_else(|| args::type_error("auth.type must be a string"))?;
    let ty = AuthType::parse(&ty_s).js()?;
    let mut f = Fields::default();
    let config = match ty {
        AuthType::None => {
            args::check_keys(a, "auth", &["type"])?;
            Auth::None
        }
        AuthType::Basic => {
            args::check_keys(a, "auth", &["type", "username", "password"])?;
            f.a = Zeroizing::new(args::req_string(a, "username", "auth.username")?);
            f.b = Zeroizing::new(args::req_string(a, "password", "auth.password")?);
            Auth::Basic {
                username: &f.a,
                password: &f.b,
            }
        }
        AuthType::Bearer => {
            args::check_keys(a, "auth", &["type", "token"])?;
            f.a = Zeroizing::new(args::req_string(a, "token", "auth.token")?);
            Auth::Bearer { token: &f.a }
        }
        AuthType::ApiKey => {
            args::check_keys(a, "auth", &["type", "name", "value", "in"])?;
            f.a = Zeroizing::new(args::req_string(a, "name", "auth.name")?);
            f.b = Zeroizing::new(args::req_string(a, "value", "auth.value")?);
            Auth::ApiKey {
                name: &f.a,
                value: &f.b,
                placement: placement(a)?,
            }
        }
        AuthType::Tedee => {
            args::check_keys(a, "auth", &["type", "token", "mode", "in"])?;
            f.a = Zeroizing::new(args::req_string(a, "token", "auth.token")?);
            let mode = args::opt_choice(
                Some(a),
                "mode",
                "auth.mode",
                Mode::parse,
                "'encrypted', 'plain'",
            )?
            .unwrap_or(Mode::Encrypted);
            Auth::Tedee {
                token: &f.a,
                mode,
                placement: placement(a)?,
            }
        }
        AuthType::Hmac => {
            args::check_keys(
                a,
                "auth",
                &["type", "secret", "timestampHeader", "signatureHeader"],
            )?;
            f.secret = Zeroizing::new(args::bytes(&args::get(a, "secret")?, "auth.secret")?);
            f.a = Zeroizing::new(
                args::opt_string(Some(a), "timestampHeader", "auth.timestampHeader")?
                    .unwrap_or_else(|| DEFAULT_TIMESTAMP_HEADER.into()),
            );
            f.b = Zeroizing::new(
                args::opt_string(Some(a), "signatureHeader", "auth.signatureHeader")?
                    .unwrap_or_else(|| DEFAULT_SIGNATURE_HEADER.into()),
            );
            Auth::Hmac {
                secret: &f.secret,
                timestamp_header: &f.a,
                signature_header: &f.b,
            }
        }
        AuthType::OAuth2 => {
            args::check_keys(a, "auth", &["type", "tokenSet"])?;
            let ts = args::object(
                &args::get(a, "tokenSet")?,
                "auth.tokenSet",
                &[
                    "accessToken",
                    "tokenType",
                    "expiresAt",
                    "refreshToken",
                    "scope",
                    "idToken",
                ],
            )?;
            f.a = Zeroizing::new(args::req_string(
                &ts,
                "accessToken",
                "auth.tokenSet.accessToken",
            )?);
            f.b = Zeroizing::new(args::req_string(
                &ts,
                "tokenType",
                "auth.tokenSet.tokenType",
            )?);
            let expires_at = args::opt_uint(Some(&ts), "expiresAt", "auth.tokenSet.expiresAt")?;
            Auth::OAuth2 {
                access_token: &f.a,
                token_type: &f.b,
                expires_at,
            }
        }
    };
    let applied = apply::apply(&url, &config, now).js()?;
    let headers = apply::merge_headers(existing, applied.headers);
    let url = applied.url.unwrap_or(url);
    Ok(args::record([
        ("url", JsValue::from_str(&url)),
        ("headers", args::headers_record(headers).into()),
    ]))
}

fn redact_pairs(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(n, v)| {
            let r = core_redact::redact_header_value(&n, &v);
            (n, r)
        })
        .collect()
}

/// Masks credentials for logging. A string may be a URL, header lines, a request line, a
/// bare `Authorization` value, `name=value` pairs or JSON; headers keep their names and
/// the auth-scheme word (`Bearer ****`), cookies their names; credential query and
/// fragment parameters and URL userinfo are masked. A plain object gives a plain object
/// (array values stay arrays), a `Headers` a `Headers`, a `Map` a `Map`, any other
/// iterable of pairs an array of pairs.
#[wasm_bindgen(skip_typescript)] // typed as overloads in `types.rs`
pub fn redact(value: JsValue) -> JsResult<JsValue> {
    if value.is_string() {
        return Ok(JsValue::from_str(&core_redact::redact_text(&args::string(
            &value, "value",
        )?)));
    }
    if !value.is_object() {
        return Err(args::type_error("value must be a string or headers"));
    }
    let pairs = redact_pairs(args::headers(&value, "value")?);
    if Array::is_array(&value) {
        let out = Array::new();
        for (n, v) in pairs {
            out.push(&Array::of2(&JsValue::from_str(&n), &JsValue::from_str(&v)));
        }
        return Ok(out.into());
    }
    if args::is_plain_object(&value)? {
        // keep the shape: arrays stay arrays
        let obj: &Object = value.unchecked_ref();
        let out = Object::new();
        for key in args::own_keys(obj)?.iter() {
            let k = args::string(&key, "header name")?;
            let v = Reflect::get(obj, &key)?;
            let masked: JsValue = if let Some(arr) = v.dyn_ref::<Array>() {
                let m = Array::new();
                for item in arr.iter() {
                    m.push(&JsValue::from_str(&core_redact::redact_header_value(
                        &k,
                        &args::string(&item, "header value")?,
                    )));
                }
                m.into()
            } else if v.is_undefined() {
                continue;
            } else {
                JsValue::from_str(&core_redact::redact_header_value(
                    &k,
                    &args::string(&v, "header value")?,
                ))
            };
            args::set(&out, &k, &masked);
        }
        return Ok(out.into());
    }
    // A `Headers` gives a new `Headers` and a `Map` a new `Map` (of the global class);
    // any other iterable gives an array of pairs: its own constructor is not called, as
    // it could drop or change entries.
    let arr = Array::new();
    for (n, v) in pairs {
        arr.push(&Array::of2(&JsValue::from_str(&n), &JsValue::from_str(&v)));
    }
    let global = js_sys::global();
    for class in ["Headers", "Map"] {
        let ctor = Reflect::get(&global, &JsString::from(class))?;
        let Some(f) = ctor.dyn_ref::<js_sys::Function>() else {
            continue;
        };
        let proto = Reflect::get(f, &JsString::from("prototype"))?;
        if let Some(p) = proto.dyn_ref::<Object>() {
            if p.is_prototype_of(&value) {
                return Reflect::construct(f, &Array::of1(&arr));
            }
        }
    }
    Ok(arr.into())
}
