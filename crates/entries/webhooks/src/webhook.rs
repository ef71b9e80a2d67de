//! Webhook signatures: `signWebhook`, `verifyWebhook`, `createWebhookVerifier` /
//! `WebhookVerifier`. The payload is the raw body and is streamed into the core in 64 KiB
//! chunks (`feed`), never copied into wasm memory whole.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, ArrayBuffer, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use authsmith_core::encoding::{base64_url, Encoding};
use authsmith_core::error::msg;
use authsmith_core::replay;
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
  /** Refuses a delivery seen before: a `ReplayGuard` (`createReplayGuard()`), or any object whose `check(replayKey, timestamp, now)` throws for a replay. It is called once the signature and timestamp are verified. */
  replayGuard?: ReplayGuardLike;
}
export type WebhookVerifierOptions = Omit<VerifyWebhookInput, "payload">;
export interface VerifiedWebhook {
  scheme: WebhookSchemeName | "custom";
  /** Seconds since the epoch, as sent (stripe, slack, standard, svix). */
  timestamp?: number;
  /** The message id (standard, svix). */
  id?: string;
  /** With `replayGuard`: the key the guard recorded — the signed message id (standard, svix), else the base64url HMAC of the signed content under the first secret (the same for every copy of the delivery; not a secret: it is that delivery's signature). */
  replayKey?: string;
}
/** What `replayGuard` takes: `check` throws for a delivery it has seen. */
export interface ReplayGuardLike {
  /** `timestamp`: the signed timestamp in seconds, or `undefined` (github, shopify, mes, custom sign none); `now`: milliseconds. */
  check(replayKey: string, timestamp: number | undefined, now: number): void;
}
export interface ReplayGuardOptions {
  /** Seconds a delivery is remembered, and the window its timestamp must be in (either way); default 300, at least 1. Use the `toleranceSec` you verify with. */
  toleranceSec?: number;
  /** The cap on remembered deliveries (80 to 160 bytes each, whatever the id length); default 10000, at most 1048576. */
  maxRemembered?: number;
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
        let name = v.as_string().unwrap_or_default();
        return Builtin::parse(&name).map(Scheme::Builtin).ok_or_else(|| {
            args::range_error(&authsmith_core::error::msg(&[
                "scheme must be one of ",
                &Builtin::names(),
            ]))
        });
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

fn result(v: Verified, replay_key: Option<&str>) -> Object {
    let mut fields: Vec<(&str, JsValue)> = alloc::vec![("scheme", JsValue::from_str(v.scheme))];
    if let Some(t) = v.timestamp {
        fields.push(("timestamp", JsValue::from_f64(t as f64)));
    }
    if let Some(id) = &v.id {
        fields.push(("id", JsValue::from_str(id)));
    }
    if let Some(k) = replay_key {
        fields.push(("replayKey", JsValue::from_str(k)));
    }
    args::record(fields)
}

/// The `replayGuard` option: the object and its `check` method.
struct Guard {
    this: JsValue,
    check: Function,
    now: u64,
}

fn replay_guard(o: &Object, now: u64) -> JsResult<Option<Guard>> {
    let g = args::get(o, "replayGuard")?;
    if g.is_undefined() {
        return Ok(None);
    }
    const NEED: &str = "replayGuard must be a ReplayGuard (createReplayGuard()) or an object with a check(replayKey, timestamp, now) method";
    if !g.is_object() {
        return Err(type_error(NEED));
    }
    let check = Reflect::get(&g, &JsValue::from_str("check"))?;
    let Ok(check) = check.dyn_into::<Function>() else {
        return Err(type_error(NEED));
    };
    Ok(Some(Guard {
        this: g,
        check,
        now,
    }))
}

/// Finishes a verification; with a guard, records the delivery in it (its `check`
/// throws for a replay) and adds `replayKey` to the result.
fn finish(v: webhook::Verifier, guard: Option<&Guard>) -> JsResult<Object> {
    let Some(g) = guard else {
        return Ok(result(v.finish().js()?, None));
    };
    let (r, key) = v.finish_keyed().js()?;
    let ts = r
        .timestamp
        .map_or(JsValue::UNDEFINED, |t| JsValue::from_f64(t as f64));
    g.check.call3(
        &g.this,
        &JsValue::from_str(&key),
        &ts,
        &JsValue::from_f64(g.now as f64),
    )?;
    Ok(result(r, Some(&key)))
}

/// Reads `{ secret, headers, now?, toleranceSec?, replayGuard? }` and builds the core
/// verifier.
fn verifier(scheme: &Scheme, o: &Object) -> JsResult<(webhook::Verifier, Option<Guard>)> {
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
    let guard = replay_guard(o, now)?;
    let refs: Vec<Secret<'_>> = secrets.iter().map(OwnedSecret::as_secret).collect();
    Ok((
        webhook::Verifier::new(scheme, &refs, &headers, now, tol).js()?,
        guard,
    ))
}

/// Verifies a webhook request: the signature header(s) of `scheme` in `input.headers`
/// against `input.payload`, the raw body (never a parsed object), under any of the
/// secrets. Signatures are decoded and compared as bytes in constant time; the timestamp
/// (stripe, slack, standard, svix) must be within `toleranceSec` (default 300) of `now`,
/// either way. `svix` reads the `svix-*` headers, or the unbranded `webhook-*` ones when no
/// `svix-*` header is present (never a mix). Returns `{ scheme, timestamp?, id?,
/// replayKey? }`; throws `AuthsmithError` with
/// `ERR_MISSING_HEADER`, `ERR_DUPLICATE_HEADER`, `ERR_MALFORMED_SIGNATURE`,
/// `ERR_MALFORMED_TIMESTAMP`, `ERR_NO_SUPPORTED_SIGNATURE`, `ERR_SIGNATURE_MISMATCH`,
/// `ERR_TIMESTAMP_TOO_OLD`, `ERR_TIMESTAMP_TOO_NEW`, `ERR_EMPTY_SECRET` or `ERR_INVALID_SECRET`;
/// with `input.replayGuard`, a delivery seen before is `ERR_REPLAY`.
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "VerifiedWebhook")]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookScheme")] scheme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyWebhookInput")] input: JsValue,
) -> JsResult<Object> {
    let scheme = parse_scheme(&scheme)?;
    let o = args::object(
        &input,
        "input",
        &[
            "secret",
            "payload",
            "headers",
            "now",
            "toleranceSec",
            "replayGuard",
        ],
    )?;
    let payload = args::get(&o, "payload")?;
    check_raw_body(&payload, "input.payload")?;
    let (mut v, guard) = verifier(&scheme, &o)?;
    feed(&payload, "input.payload", |c| v.update(c))?;
    finish(v, guard.as_ref())
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
    guard: Option<Guard>,
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
            &["secret", "headers", "now", "toleranceSec", "replayGuard"],
        )?;
        let (v, guard) = verifier(&scheme, &o)?;
        Ok(WebhookVerifier {
            inner: Some(v),
            guard,
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
        finish(v, self.guard.as_ref())
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

/// Refuses webhook deliveries seen before, in bounded memory: pass it to `verifyWebhook` /
/// `createWebhookVerifier` as `replayGuard`, or call `check` yourself. A delivery is
/// remembered for `toleranceSec` (default 300) after its signed timestamp (or, for
/// senders that sign none, after it was first seen); a timestamp outside `now ±
/// toleranceSec` is refused, since it could have been forgotten. At most `maxRemembered`
/// (default 10000, 80 to 160 bytes each) are kept; past that the oldest is forgotten and
/// every delivery at or before its time is refused with `ERR_REPLAY`, so a copy of a
/// forgotten delivery with a signed timestamp is never accepted (one without, GitHub's or
/// Shopify's, may be). One guard remembers one process's deliveries: with several
/// processes, keep the keys in a shared store (see docs/webhook-frameworks.md).
#[wasm_bindgen]
pub struct ReplayGuard {
    inner: replay::ReplayGuard,
}

fn replay_id(v: &JsValue) -> JsResult<String> {
    let id = args::string(v, "id")?;
    if id.is_empty() || id.len() > replay::MAX_ID_BYTES {
        return Err(args::range_error("id must be 1 to 1024 bytes of UTF-8"));
    }
    Ok(id)
}

#[wasm_bindgen]
impl ReplayGuard {
    /// Same as `createReplayGuard(options)`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ReplayGuardOptions")] options: Option<
            Object,
        >,
    ) -> JsResult<ReplayGuard> {
        let o = args::options(
            &options.map(JsValue::from).unwrap_or_default(),
            "options",
            &["toleranceSec", "maxRemembered"],
        )?;
        let tol = args::opt_uint(o.as_ref(), "toleranceSec", "options.toleranceSec")?
            .unwrap_or(webhook::DEFAULT_TOLERANCE_SEC);
        let max = args::opt_uint(o.as_ref(), "maxRemembered", "options.maxRemembered")?
            .unwrap_or(replay::DEFAULT_MAX_REMEMBERED as u64);
        let max = usize::try_from(max)
            .map_err(|_| args::range_error("options.maxRemembered must be from 1 to 1048576"))?;
        Ok(ReplayGuard {
            inner: replay::ReplayGuard::new(tol, max).js()?,
        })
    }

    /// Records delivery `id` (a verified result's `replayKey` or `id`, `X-GitHub-Delivery`,
    /// a Stripe event id…) with its signed `timestamp` in seconds (omit it when the
    /// sender signs none: then the first sighting counts) at `now` (ms, default the
    /// clock). Throws `ERR_REPLAY` for an id seen within the window,
    /// `ERR_TIMESTAMP_TOO_OLD` / `ERR_TIMESTAMP_TOO_NEW` outside it.
    pub fn check(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] timestamp: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] now: JsValue,
    ) -> JsResult<()> {
        let id = replay_id(&id)?;
        let at = if timestamp.is_undefined() {
            None
        } else {
            let t = args::uint(&timestamp, "timestamp")?;
            if t > webhook::MAX_TIMESTAMP_SEC {
                return Err(args::range_error(
                    "timestamp (seconds) must be at most 9007199254740",
                ));
            }
            Some(t.saturating_mul(1000))
        };
        let now = args::now_ms(Some(now), "now")?;
        self.inner.check(id.as_bytes(), at, now).js()
    }

    /// Forgets `id` (say, when handling it failed and the sender should be able to retry);
    /// whether it was remembered.
    pub fn forget(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> JsResult<bool> {
        let id = replay_id(&id)?;
        Ok(self.inner.forget(id.as_bytes()))
    }

    /// How many deliveries are remembered now.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> f64 {
        self.inner.len() as f64
    }
}

/// A replay guard for webhook deliveries (see `ReplayGuard`):
/// `const guard = createReplayGuard(); verifyWebhook("standard", { ..., replayGuard: guard })`.
#[wasm_bindgen(js_name = createReplayGuard)]
pub fn create_replay_guard(
    #[wasm_bindgen(unchecked_optional_param_type = "ReplayGuardOptions")] options: Option<Object>,
) -> JsResult<ReplayGuard> {
    ReplayGuard::new(options)
}
