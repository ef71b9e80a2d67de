//! Primitives: SHA-256, HMAC-SHA256, constant-time comparison, CSPRNG output.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use authsmith_core::crypto::{ct_eq, HmacKey, HmacStream, Sha256Stream};
use authsmith_core::encoding::Encoding;
use authsmith_core::random;
use authsmith_wasm_common::args::{self, bytes, encoding, type_error, uint, JsResult, OrJs};
use authsmith_wasm_common::input::{feed, fill_random};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export interface GenerateApiKeyOptions { /** default "sk-" */ prefix?: string; /** random bytes, 16..1024, default 32 */ bytes?: number }
export interface GenerateWebhookSecretOptions { /** random bytes, 24..64, default 32 */ bytes?: number }
/** Adds `chunk` to the streamed message; returns this object (declaration merged into the class). */
export interface Hmac { update(chunk: Bytes): this }
"#;

fn sha256_of(data: &JsValue) -> JsResult<[u8; 32]> {
    let mut h = Sha256Stream::new();
    feed(data, "data", |c| h.update(c))?;
    Ok(h.finalize())
}

/// SHA-256 of `data` (a string is hashed as its UTF-8 bytes).
#[wasm_bindgen(js_name = sha256)]
pub fn sha256(#[wasm_bindgen(unchecked_param_type = "Bytes")] data: JsValue) -> JsResult<Vec<u8>> {
    Ok(sha256_of(&data)?.to_vec())
}

/// SHA-256 of `data` as lowercase hex.
#[wasm_bindgen(js_name = sha256Hex)]
pub fn sha256_hex(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] data: JsValue,
) -> JsResult<String> {
    Ok(authsmith_core::encoding::hex(&sha256_of(&data)?))
}

fn hmac_of(key: &JsValue, data: &JsValue) -> JsResult<[u8; 32]> {
    let key = Zeroizing::new(bytes(key, "key")?);
    let mut s = HmacKey::new(&key).stream();
    feed(data, "data", |c| s.update(c))?;
    Ok(s.finalize())
}

/// HMAC-SHA256 of `data` under `key`, encoded as `"hex"` (default), `"base64"` (padded)
/// or `"base64url"` (unpadded). An empty key is valid (RFC 2104).
#[wasm_bindgen(js_name = hmacSha256)]
pub fn hmac_sha256(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bytes")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Encoding")] encoding: Option<JsString>,
) -> JsResult<String> {
    let enc = encoding_arg(encoding, "encoding")?;
    Ok(enc.encode(&hmac_of(&key, &data)?))
}

pub(crate) fn encoding_arg(v: Option<JsString>, name: &str) -> JsResult<Encoding> {
    match v {
        None => Ok(Encoding::Hex),
        Some(s) => encoding(s.as_ref(), name, true),
    }
}

/// HMAC-SHA256 of `data` under `key`, as 32 raw bytes.
#[wasm_bindgen(js_name = hmacSha256Bytes)]
pub fn hmac_sha256_bytes(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bytes")] data: JsValue,
) -> JsResult<Vec<u8>> {
    Ok(hmac_of(&key, &data)?.to_vec())
}

/// Compares `a` and `b` in time that depends only on their lengths; different lengths
/// are simply unequal.
// Returns 0/1, declared `boolean`: the JS front (src/wasm/js/fast.js) maps it with a table
// lookup, never `!== 0` (see `fast::timing_safe_equal_bb`).
#[wasm_bindgen(js_name = timingSafeEqual, unchecked_return_type = "boolean")]
pub fn timing_safe_equal(
    #[wasm_bindgen(unchecked_param_type = "Bytes")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bytes")] b: JsValue,
) -> JsResult<u32> {
    let a = Zeroizing::new(bytes(&a, "a")?);
    let b = Zeroizing::new(bytes(&b, "b")?);
    Ok(u32::from(ct_eq(&a, &b)))
}

/// HMAC-SHA256 keyed once and reused: `sign` many messages with one key schedule, or
/// stream one message with `update` and finish it with `digest` or `verify`.
/// Call `free()` (or use `using`) to wipe the key from memory when done.
#[wasm_bindgen]
pub struct Hmac {
    key: HmacKey,
    stream: Option<HmacStream>,
}

impl Hmac {
    pub(crate) fn key(&self) -> &HmacKey {
        &self.key
    }

    pub(crate) fn stream_mut(&mut self) -> &mut HmacStream {
        let key = &self.key;
        self.stream.get_or_insert_with(|| key.stream())
    }

    pub(crate) fn finish_stream(&mut self) -> [u8; 32] {
        self.take_stream().finalize()
    }

    fn take_stream(&mut self) -> HmacStream {
        self.stream.take().unwrap_or_else(|| self.key.stream())
    }
}

#[wasm_bindgen]
impl Hmac {
    /// Keys an HMAC-SHA256 with `key` (any length; empty is valid).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Bytes")] key: JsValue) -> JsResult<Hmac> {
        let key = Zeroizing::new(bytes(&key, "key")?);
        Ok(Hmac {
            key: HmacKey::new(&key),
            stream: None,
        })
    }

    /// The MAC of `data` in `encoding` (default `"hex"`). Independent of `update`.
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Bytes")] data: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Encoding")] encoding: Option<JsString>,
    ) -> JsResult<String> {
        let enc = encoding_arg(encoding, "encoding")?;
        let mut s = self.key.stream();
        feed(&data, "data", |c| s.update(c))?;
        Ok(enc.encode(&s.finalize()))
    }

    /// Adds `chunk` to the streamed message. (The entry module makes it return `this`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Bytes")] chunk: JsValue,
    ) -> JsResult<()> {
        let mut s = self.take_stream();
        let r = feed(&chunk, "chunk", |c| s.update(c));
        self.stream = Some(s);
        r
    }

    /// Finishes the streamed message and returns its MAC; the object is ready for a new
    /// message (same key) afterwards.
    pub fn digest(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "Encoding")] encoding: Option<JsString>,
    ) -> JsResult<String> {
        let enc = encoding_arg(encoding, "encoding")?;
        Ok(enc.encode(&self.take_stream().finalize()))
    }

    /// Finishes the streamed message and compares its MAC with `signature` in constant
    /// time. A string is the encoded MAC (`encoding`, default `"hex"`); a `Uint8Array` is
    /// the raw MAC. A signature that does not decode is simply `false`.
    // 0/1 declared `boolean`, mapped by the JS front (see `timing_safe_equal`).
    #[wasm_bindgen(unchecked_return_type = "boolean")]
    pub fn verify(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] signature: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Encoding")] encoding: Option<JsString>,
    ) -> JsResult<u32> {
        let enc = encoding_arg(encoding, "encoding")?;
        let expected = if let Some(a) = signature.dyn_ref::<Uint8Array>() {
            Some(a.to_vec())
        } else if signature.is_string() {
            enc.decode(&args::string(&signature, "signature")?)
        } else {
            return Err(type_error("signature must be a string or Uint8Array"));
        };
        let expected = Zeroizing::new(expected);
        let mac = self.take_stream().finalize();
        Ok(expected.as_deref().map_or(0, |e| u32::from(ct_eq(&mac, e))))
    }
}

/// `n` bytes from the platform CSPRNG (`crypto.getRandomValues`); `n` at most 1 MiB.
/// Throws `ERR_NO_RANDOM` where the runtime has none; never falls back.
#[wasm_bindgen(js_name = randomBytes)]
pub fn random_bytes(
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> JsResult<Vec<u8>> {
    let n = uint(&n, "n")?;
    let n = random::check_size(
        n,
        (0, random::MAX_RANDOM_BYTES),
        "n must be at most 1048576",
    )
    .js()?;
    fill_random(n)
}

fn size_opt(
    v: Option<JsValue>,
    default: u64,
    bounds: (u64, u64),
    what: &'static str,
    name: &str,
) -> JsResult<usize> {
    let n = match v {
        Some(v) if !v.is_undefined() => uint(&v, name)?,
        _ => default,
    };
    random::check_size(n, bounds, what).js()
}

/// A random token of `bytes` random bytes (default 32, 16..=1024), as `"base64url"`
/// (default, unpadded) or `"hex"`.
#[wasm_bindgen(js_name = randomToken)]
pub fn random_token(
    #[wasm_bindgen(unchecked_optional_param_type = "number")] bytes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"base64url\" | \"hex\"")] encoding: Option<
        JsString,
    >,
) -> JsResult<String> {
    let n = size_opt(
        Some(bytes),
        random::DEFAULT_TOKEN_BYTES,
        random::TOKEN_BYTES,
        "bytes must be 16 to 1024",
        "bytes",
    )?;
    let enc = match encoding {
        None => Encoding::Base64Url,
        Some(s) => args::choice(
            s.as_ref(),
            "encoding",
            Encoding::parse,
            "'base64url', 'hex'",
        )?,
    };
    if enc == Encoding::Base64 {
        return Err(args::range_error(
            "encoding must be one of 'base64url', 'hex'",
        ));
    }
    Ok(random::token(&Zeroizing::new(fill_random(n)?), enc))
}

/// A new API key: `prefix` (default `"sk-"`, up to 32 of `A-Z a-z 0-9 _ -`) followed by
/// base64url of `bytes` random bytes (default 32, 16..=1024).
#[wasm_bindgen(js_name = generateApiKey)]
pub fn generate_api_key(
    #[wasm_bindgen(unchecked_optional_param_type = "GenerateApiKeyOptions")] options: Option<
        js_sys::Object,
    >,
) -> JsResult<String> {
    let o = args::options(
        &options.map(JsValue::from).unwrap_or_default(),
        "options",
        &["prefix", "bytes"],
    )?;
    let prefix = args::opt_string(o.as_ref(), "prefix", "options.prefix")?;
    let prefix = prefix.as_deref().unwrap_or(random::DEFAULT_API_KEY_PREFIX);
    random::check_prefix(prefix).js()?;
    let n = size_opt(
        args::get_opt(o.as_ref(), "bytes")?,
        random::DEFAULT_TOKEN_BYTES,
        random::TOKEN_BYTES,
        "options.bytes must be 16 to 1024",
        "options.bytes",
    )?;
    Ok(random::api_key(prefix, &Zeroizing::new(fill_random(n)?)))
}

/// A new webhook secret: `"whsec_"` + base64 of `bytes` random bytes (default 32, 24..=64),
/// the Standard Webhooks format.
#[wasm_bindgen(js_name = generateWebhookSecret)]
pub fn generate_webhook_secret(
    #[wasm_bindgen(unchecked_optional_param_type = "GenerateWebhookSecretOptions")] options: Option<
        js_sys::Object,
    >,
) -> JsResult<String> {
    let o = args::options(
        &options.map(JsValue::from).unwrap_or_default(),
        "options",
        &["bytes"],
    )?;
    let n = size_opt(
        args::get_opt(o.as_ref(), "bytes")?,
        32,
        random::WEBHOOK_SECRET_BYTES,
        "options.bytes must be 24 to 64",
        "options.bytes",
    )?;
    Ok(random::webhook_secret(&Zeroizing::new(fill_random(n)?)))
}
