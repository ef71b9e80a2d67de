//! Webhook signatures: `signWebhook`, `verifyWebhook`, `createWebhookVerifier` /
//! `WebhookVerifier`. The payload is the raw body and is streamed into the core in 64 KiB
//! chunks (`feed`), never copied into wasm memory whole.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, ArrayBuffer, Object, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use authsmith_core::encoding::{base64_url, Encoding};
use authsmith_core::error::msg;
use authsmith_core::webhook::{self, Builtin, Custom, Scheme, Secret, Verified};
use authsmith_wasm_common::args::{self, type_error, JsResult, OrJs};
use authsmith_wasm_common::input::{feed, fill_random};

#[wasm_bindgen(typescript_custom_section)]
const WEBHOOK_TYPES: &'static str = r#"
/** The built-in webhook schemes. */
export type WebhookSchemeName = "mes" | "github" | "stripe" | "slack" | "shopify" | "standard" | "svix";
/** Any other HMAC-SHA256 sender: `header: prefix + encode(HMAC-SHA256(secret, raw body))`. */
export interface CustomWebhookScheme {
  /** The signature header name (any letter case when verifying). */
  header: string;
  /** `"hex"` (either letter case is accepted when verifying) or padded standard `"base64"`. */
  encoding: "hex" | "base64";
  /** Text before the encoded MAC, e.g. `"sha256="`; default none. */
  prefix?: string;
}
export type WebhookScheme = WebhookSchemeName | CustomWebhookScheme;
export interface SignWebhookInput {
  /** The signing secret: for `standard`/`svix` a string is `whsec_` + base64 and is decoded; otherwise its UTF-8 bytes. A `Uint8Array` is the raw key. */
  secret: Bytes;
  /** The exact body that will be sent. */
  payload: Bytes;
  /** Seconds since the epoch (stripe, slack, standard, svix); default now. */
  timestamp?: number;
  /** Message id (standard, svix); default `"msg_"` + 24 random base64url characters. */
  id?: string;
}
export interface VerifyWebhookInput {
  /** One secret, or several (rotation: any may match). Same forms as `SignWebhookInput.secret`. */
  secret: Bytes | Bytes[];
  /** The RAW request body, byte for byte as received; a parsed object is a TypeError. */
  payload: Bytes;
  /** The request headers: a `Headers`, a plain object in any letter case, Node's `IncomingHttpHeaders`, or `[name, value]` pairs. */
  headers: HeadersLike;
  /** Milliseconds since the epoch; default now. */
  now?: number;
  /** Seconds the timestamp may differ from `now`, either way; default 300; 0 disables the check. */
  toleranceSec?: number;
}
export type WebhookVerifierOptions = Omit<VerifyWebhookInput, "payload">;
export interface VerifiedWebhook {
  scheme: WebhookSchemeName | "custom";
  /** Seconds since the epoch, as sent (stripe, slack, standard, svix). */
  timestamp?: number;
  /** The message id (standard, svix). */
  id?: string;
}
"#;

const RAW_BODY: &str =
    " must be the raw request body as a string, Uint8Array, Buffer or ArrayBuffer";

/// Checks that `v` is a raw body (a string, `Uint8Array`/`Buffer` or `ArrayBuffer`).
fn check_raw_body(v: &JsValue, name: &str) -> JsResult<()> {
    if v.is_string() || v.dyn_ref::<Uint8Array>().is_some() || v.is_instance_of::<ArrayBuffer>() {
        return Ok(());
    }
    let parsed = v.is_object() && !ArrayBuffer::is_view(v) && !v.is_function();
    Err(type_error(&msg(&[
        name,
        RAW_BODY,
        if parsed {
            ", not a parsed object: pass the raw body (e.g. express.raw(), await request.arrayBuffer()); re-serialised JSON does not match the signature"
        } else {
            ": pass the raw body"
        },
    ])))
}

/// The scheme argument: a built-in name or a custom `{ header, encoding, prefix? }`.
fn parse_scheme(v: &JsValue) -> JsResult<Scheme> {
    if v.is_string() {
        return args::choice(v, "scheme", Builtin::parse, Builtin::NAMES).map(Scheme::Builtin);
    }
    if !v.is_object() || Array::is_array(v) || v.is_function() {
        return Err(type_error(
            "scheme must be a scheme name or an object { header, encoding, prefix? }",
        ));
    }
    let o = args::object(v, "scheme", &["header", "encoding", "prefix"])?;
    let header = args::req_string(&o, "header", "scheme.header")?;
    let encoding = args::choice(
        &args::get(&o, "encoding")?,
        "scheme.encoding",
        Encoding::parse,
        "'hex', 'base64'",
    )?;
    let prefix = args::opt_string(Some(&o), "prefix", "scheme.prefix")?.unwrap_or_default();
    Custom::new(&header, encoding, &prefix)
        .map(Scheme::Custom)
        .js()
}

/// A secret copied out of JS (wiped on drop).
enum OwnedSecret {
    Text(Zeroizing<String>),
    Raw(Zeroizing<Vec<u8>>),
}

impl OwnedSecret {
    fn as_secret(&self) -> Secret<'_> {
        match self {
            OwnedSecret::Text(s) => Secret::Text(s),
            OwnedSecret::Raw(b) => Secret::Raw(b),
        }
    }
}

fn secret_one(v: &JsValue, name: &str) -> JsResult<OwnedSecret> {
    if v.is_string() {
        return Ok(OwnedSecret::Text(Zeroizing::new(args::string(v, name)?)));
    }
    if v.dyn_ref::<Uint8Array>().is_some() || v.is_instance_of::<ArrayBuffer>() {
        return Ok(OwnedSecret::Raw(Zeroizing::new(args::bytes(v, name)?)));
    }
    Err(type_error(&msg(&[
        name,
        " must be a string, Uint8Array or ArrayBuffer",
    ])))
}

fn secrets(v: &JsValue) -> JsResult<Vec<OwnedSecret>> {
    let Some(arr) = v.dyn_ref::<Array>() else {
        if v.is_string() || v.dyn_ref::<Uint8Array>().is_some() || v.is_instance_of::<ArrayBuffer>()
        {
            return Ok(alloc::vec![secret_one(v, "input.secret")?]);
        }
        return Err(type_error(
            "input.secret must be a string, Uint8Array or ArrayBuffer, or an array of them",
        ));
    };
    if arr.length() as usize > webhook::MAX_SECRETS {
        return Err(args::range_error(
            "input.secret: at most 32 secrets can be tried at once",
        ));
    }
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        let name = msg(&[
            "input.secret[",
            &authsmith_core::encoding::decimal(i as u64),
            "]",
        ]);
        out.push(secret_one(&item, &name)?);
    }
    Ok(out)
}

fn result(v: Verified) -> Object {
    let mut fields: Vec<(&str, JsValue)> = alloc::vec![("scheme", JsValue::from_str(v.scheme))];
    if let Some(t) = v.timestamp {
        fields.push(("timestamp", JsValue::from_f64(t as f64)));
    }
    if let Some(id) = &v.id {
        fields.push(("id", JsValue::from_str(id)));
    }
    args::record(fields)
}

/// Reads `{ secret, headers, now?, toleranceSec? }` and builds the core verifier.
fn verifier(scheme: &Scheme, o: &Object) -> JsResult<webhook::Verifier> {
    let secrets = secrets(&args::get(o, "secret")?)?;
    let headers_v = args::get(o, "headers")?;
    if headers_v.is_undefined() || headers_v.is_null() {
        return Err(type_error(
            "input.headers is required (a Headers, a plain object or [name, value] pairs)",
        ));
    }
    let headers = args::headers(&headers_v, "input.headers")?;
    let now = args::now_ms(args::get_opt(Some(o), "now")?, "input.now")?;
    let tol = args::opt_uint(Some(o), "toleranceSec", "input.toleranceSec")?
        .unwrap_or(webhook::DEFAULT_TOLERANCE_SEC);
    let refs: Vec<Secret<'_>> = secrets.iter().map(OwnedSecret::as_secret).collect();
    webhook::Verifier::new(scheme, &refs, &headers, now, tol).js()
}

/// Verifies a webhook request: the signature header(s) of `scheme` in `input.headers`
/// against `input.payload`, the raw body (never a parsed object), under any of the
/// secrets. Signatures are decoded and compared as bytes in constant time; the timestamp
/// (stripe, slack, standard, svix) must be within `toleranceSec` (default 300) of `now`,
/// either way. Returns `{ scheme, timestamp?, id? }`; throws `AuthsmithError` with
/// `ERR_MISSING_HEADER`, `ERR_DUPLICATE_HEADER`, `ERR_MALFORMED_SIGNATURE`,
/// `ERR_MALFORMED_TIMESTAMP`, `ERR_NO_SUPPORTED_SIGNATURE`, `ERR_SIGNATURE_MISMATCH`,
/// `ERR_TIMESTAMP_TOO_OLD`, `ERR_TIMESTAMP_TOO_NEW`, `ERR_EMPTY_SECRET` or `ERR_INVALID_SECRET`.
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "VerifiedWebhook")]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookScheme")] scheme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyWebhookInput")] input: JsValue,
) -> JsResult<Object> {
    let scheme = parse_scheme(&scheme)?;
    let o = args::object(
        &input,
        "input",
        &["secret", "payload", "headers", "now", "toleranceSec"],
    )?;
    let payload = args::get(&o, "payload")?;
    check_raw_body(&payload, "input.payload")?;
    let mut v = verifier(&scheme, &o)?;
    feed(&payload, "input.payload", |c| v.update(c))?;
    Ok(result(v.finish().js()?))
}

fn random_id() -> JsResult<String> {
    let buf = fill_random(18)?;
    Ok(msg(&["msg_", &base64_url(&buf)]))
}

/// The headers a sender attaches for `scheme`: e.g. `{ "X-Hub-Signature-256": "sha256=…" }`,
/// `{ "Stripe-Signature": "t=…,v1=…" }` or `{ "webhook-id", "webhook-timestamp",
/// "webhook-signature" }`. `input.timestamp` (seconds) defaults to now; `input.id`
/// (standard, svix) defaults to `"msg_"` + random characters from the CSPRNG.
#[wasm_bindgen(js_name = signWebhook, unchecked_return_type = "Record<string, string>")]
pub fn sign_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookScheme")] scheme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SignWebhookInput")] input: JsValue,
) -> JsResult<Object> {
    let scheme = parse_scheme(&scheme)?;
    let o = args::object(&input, "input", &["secret", "payload", "timestamp", "id"])?;
    let secret = secret_one(&args::get(&o, "secret")?, "input.secret")?;
    let payload = args::get(&o, "payload")?;
    check_raw_body(&payload, "input.payload")?;
    let ts = match args::opt_uint(Some(&o), "timestamp", "input.timestamp")? {
        Some(t) => t,
        None => js_sys::Date::now() as u64 / 1000,
    };
    let id = match args::opt_string(Some(&o), "id", "input.id")? {
        Some(id) => Some(id),
        None if scheme.id_header().is_some() => Some(random_id()?),
        None => None,
    };
    let mut s = webhook::Signer::new(&scheme, secret.as_secret(), ts, id.as_deref()).js()?;
    feed(&payload, "input.payload", |c| s.update(c))?;
    Ok(args::headers_record(s.finish()))
}

/// A streaming webhook verification in constant memory: the headers and secrets are
/// checked when it is made, `update` feeds raw body chunks, `verify` finishes (once).
/// Call `free()` when you drop one without verifying, to wipe its keys at once.
#[wasm_bindgen]
pub struct WebhookVerifier {
    inner: Option<webhook::Verifier>,
}

const USED: &str = "this WebhookVerifier has already verified; create a new one";

#[wasm_bindgen]
impl WebhookVerifier {
    /// Same as `createWebhookVerifier(scheme, options)`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "WebhookScheme")] scheme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WebhookVerifierOptions")] options: JsValue,
    ) -> JsResult<WebhookVerifier> {
        let scheme = parse_scheme(&scheme)?;
        let o = args::object(
            &options,
            "options",
            &["secret", "headers", "now", "toleranceSec"],
        )?;
        Ok(WebhookVerifier {
            inner: Some(verifier(&scheme, &o)?),
        })
    }

    /// Adds the next chunk of the raw body (a string is its UTF-8 bytes).
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Bytes")] chunk: JsValue,
    ) -> JsResult<()> {
        let v = self.inner.as_mut().ok_or_else(|| type_error(USED))?;
        check_raw_body(&chunk, "chunk")?;
        feed(&chunk, "chunk", |c| v.update(c))
    }

    /// Compares the signatures and checks the timestamp, as `verifyWebhook` does.
    #[wasm_bindgen(unchecked_return_type = "VerifiedWebhook")]
    pub fn verify(&mut self) -> JsResult<Object> {
        let v = self.inner.take().ok_or_else(|| type_error(USED))?;
        Ok(result(v.finish().js()?))
    }
}

/// A streaming verifier for big bodies: `const v = createWebhookVerifier("github",
/// { secret, headers }); for await (const c of req) v.update(c); v.verify();`.
/// Memory stays constant whatever the body size.
#[wasm_bindgen(js_name = createWebhookVerifier)]
pub fn create_webhook_verifier(
    #[wasm_bindgen(unchecked_param_type = "WebhookScheme")] scheme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookVerifierOptions")] options: JsValue,
) -> JsResult<WebhookVerifier> {
    WebhookVerifier::new(scheme, options)
}
