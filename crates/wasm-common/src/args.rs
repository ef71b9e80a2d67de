//! Converting and checking JavaScript arguments, and mapping core errors to JS errors.
//! Every public function goes through these: a wrong type is a `TypeError`, a value out
//! of range a `RangeError`, never a silently converted value.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use authsmith_core::encoding::Encoding;
use authsmith_core::error::{msg, Error, Kind};

#[wasm_bindgen(module = "/src/js/error.js")]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type AuthsmithError;
    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str) -> AuthsmithError;
}

pub type JsResult<T> = Result<T, JsValue>;

pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

pub fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

/// Maps a core error to the JS error users see.
pub fn to_js(e: Error) -> JsValue {
    match e.kind {
        Kind::Auth(code) => AuthsmithError::new(code.as_str(), &e.message).into(),
        Kind::Type => type_error(&e.message),
        Kind::Range => range_error(&e.message),
    }
}

/// Maps a JWT error: an `AuthsmithError` that also carries `claim` when a claim failed.
pub fn jwt_to_js(e: authsmith_core::jwt::JwtError) -> JsValue {
    let err = to_js(e.error);
    if let Some(c) = &e.claim {
        if err.is_object() {
            let _ = Reflect::set(&err, &JsValue::from_str("claim"), &JsValue::from_str(c));
        }
    }
    err
}

pub trait OrJs<T> {
    fn js(self) -> JsResult<T>;
}

impl<T> OrJs<T> for Result<T, Error> {
    fn js(self) -> JsResult<T> {
        self.map_err(to_js)
    }
}

/// A JS string as Rust UTF-8. A lone surrogate (which the encoder would turn into
/// U+FFFD without a word) is a `TypeError`.
pub fn string(v: &JsValue, name: &str) -> JsResult<String> {
    match v.as_string() {
        Some(s) => {
            // U+FFFD is EF BF BD in UTF-8. A byte-window search: `str::contains` with a
            // multi-byte char links core's two-way substring searcher (~1.5 KB of wasm).
            let replaced = s.as_bytes().windows(3).any(|w| w == [0xEF, 0xBF, 0xBD]);
            if replaced && !v.unchecked_ref::<JsString>().is_valid_utf16() {
                return Err(type_error(&msg(&[
                    name,
                    " contains a lone surrogate (not valid UTF-16)",
                ])));
            }
            Ok(s)
        }
        None => Err(type_error(&msg(&[name, " must be a string"]))),
    }
}

/// `string | Uint8Array | ArrayBuffer` as bytes (a string as its UTF-8 bytes).
pub fn bytes(v: &JsValue, name: &str) -> JsResult<Vec<u8>> {
    if v.is_string() {
        return string(v, name).map(String::into_bytes);
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if v.is_instance_of::<ArrayBuffer>() {
        return Ok(Uint8Array::new(v).to_vec());
    }
    Err(type_error(&msg(&[
        name,
        " must be a string, Uint8Array or ArrayBuffer",
    ])))
}

/// An options object: `undefined`/`null` → `None`; anything but a plain object, or an
/// unknown key (a typo would otherwise be ignored), is a `TypeError`.
pub fn options(v: &JsValue, name: &str, allowed: &[&str]) -> JsResult<Option<Object>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if !v.is_object() || Array::is_array(v) || v.is_function() {
        return Err(type_error(&msg(&[name, " must be an object"])));
    }
    let obj: Object = v.clone().unchecked_into();
    check_keys(&obj, name, allowed)?;
    Ok(Some(obj))
}

pub fn check_keys(obj: &Object, name: &str, allowed: &[&str]) -> JsResult<()> {
    for key in own_keys(obj)?.iter() {
        let k = key.as_string().unwrap_or_default();
        if !allowed.contains(&k.as_str()) {
            return Err(type_error(&msg(&[
                name,
                " has an unknown property '",
                &k,
                "'",
            ])));
        }
    }
    Ok(())
}

/// A required object argument.
pub fn object(v: &JsValue, name: &str, allowed: &[&str]) -> JsResult<Object> {
    options(v, name, allowed)?.ok_or_else(|| type_error(&msg(&[name, " must be an object"])))
}

/// Property names as JS strings, made once: sending a Rust string to JS decodes it on
/// every call, which dominated the cost of reading an options object.
struct KeyCache(core::cell::RefCell<Vec<(String, JsValue)>>);
// SAFETY: wasm32 without the atomics feature is single-threaded; the cache is only used
// from that thread.
unsafe impl Sync for KeyCache {}
static KEYS: KeyCache = KeyCache(core::cell::RefCell::new(Vec::new()));
const MAX_CACHED_KEYS: usize = 128;

/// Calls `f` with `key` as a JS string, cached. A getter that re-enters the module
/// while the cache is borrowed just gets an uncached string (never a panic).
fn with_key<R>(key: &str, f: impl FnOnce(&JsValue) -> R) -> R {
    if let Ok(cache) = KEYS.0.try_borrow() {
        if let Some((_, v)) = cache.iter().find(|(k, _)| k == key) {
            return f(v);
        }
    }
    let v = JsValue::from_str(key);
    if let Ok(mut cache) = KEYS.0.try_borrow_mut() {
        if cache.len() < MAX_CACHED_KEYS {
            cache.push((String::from(key), v.clone()));
        }
    }
    f(&v)
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = hasOwn, catch)]
    fn has_own(obj: &Object, key: &JsValue) -> JsResult<bool>;
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf, catch)]
    fn prototype_of(obj: &Object) -> JsResult<Object>;
    /// `Object.keys(obj)`; a throwing Proxy trap is an `Err` (the Rust frames unwind
    /// normally and wipe what they hold), not an exception through them.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    pub fn own_keys(obj: &Object) -> JsResult<Array>;
}

/// Whether `v` is an object whose prototype is `Object.prototype` or `null` (a throwing
/// Proxy `getPrototypeOf` trap is an `Err`).
pub fn is_plain_object(v: &JsValue) -> JsResult<bool> {
    Ok(v.is_object() && is_plain_proto(&prototype_of(v.unchecked_ref())?))
}

/// `obj[key]`; a throwing getter or Proxy trap propagates as it is. A value a plain
/// object (prototype `Object.prototype` or `null`) only inherits is ignored: it can only
/// come from a polluted `Object.prototype`, which must not change a result (a polluted
/// `mode: "plain"` would otherwise send a Tedee token in the clear). Other objects (a
/// fetch `Response`, class instances) keep their inherited accessors.
pub fn get(obj: &Object, key: &str) -> JsResult<JsValue> {
    with_key(key, |k| {
        let v = Reflect::get(obj, k)?;
        if v.is_undefined() || has_own(obj, k)? || !is_plain_proto(&prototype_of(obj)?) {
            Ok(v)
        } else {
            Ok(JsValue::UNDEFINED)
        }
    })
}

/// `obj?.[key]`, `None` when absent or `undefined`.
pub fn get_opt(obj: Option<&Object>, key: &str) -> JsResult<Option<JsValue>> {
    match obj {
        None => Ok(None),
        Some(o) => {
            let v = get(o, key)?;
            Ok(if v.is_undefined() { None } else { Some(v) })
        }
    }
}

pub fn opt_string(obj: Option<&Object>, key: &str, name: &str) -> JsResult<Option<String>> {
    get_opt(obj, key)?.map(|v| string(&v, name)).transpose()
}

pub fn req_string(obj: &Object, key: &str, name: &str) -> JsResult<String> {
    string(&get(obj, key)?, name)
}

/// A non-negative integer number of at most `Number.MAX_SAFE_INTEGER`.
pub fn uint(v: &JsValue, name: &str) -> JsResult<u64> {
    let Some(n) = v.as_f64() else {
        return Err(type_error(&msg(&[name, " must be a number"])));
    };
    if !n.is_finite() {
        return Err(range_error(&msg(&[name, " must be a finite number"])));
    }
    if n < 0.0 {
        return Err(range_error(&msg(&[name, " must not be negative"])));
    }
    if n > 9_007_199_254_740_991.0 {
        return Err(range_error(&msg(&[
            name,
            " must be at most Number.MAX_SAFE_INTEGER",
        ])));
    }
    if n != (n as u64) as f64 {
        return Err(range_error(&msg(&[name, " must be an integer"])));
    }
    Ok(n as u64)
}

pub fn opt_uint(obj: Option<&Object>, key: &str, name: &str) -> JsResult<Option<u64>> {
    get_opt(obj, key)?.map(|v| uint(&v, name)).transpose()
}

/// `now` in milliseconds: the given value, or the clock.
pub fn now_ms(v: Option<JsValue>, name: &str) -> JsResult<u64> {
    match v {
        Some(v) if !v.is_undefined() => uint(&v, name),
        _ => Ok(js_sys::Date::now() as u64),
    }
}

/// A string naming one of a fixed set of values.
pub fn choice<T>(
    v: &JsValue,
    name: &str,
    parse: fn(&str) -> Option<T>,
    allowed: &str,
) -> JsResult<T> {
    let s = v
        .as_string()
        .ok_or_else(|| type_error(&msg(&[name, " must be a string"])))?;
    parse(&s).ok_or_else(|| range_error(&msg(&[name, " must be one of ", allowed])))
}

pub fn opt_choice<T>(
    obj: Option<&Object>,
    key: &str,
    name: &str,
    parse: fn(&str) -> Option<T>,
    allowed: &str,
) -> JsResult<Option<T>> {
    get_opt(obj, key)?
        .map(|v| choice(&v, name, parse, allowed))
        .transpose()
}

/// An optional encoding argument (`"hex"` by default).
pub fn encoding(v: &JsValue, name: &str, allow_url: bool) -> JsResult<Encoding> {
    if v.is_undefined() {
        return Ok(Encoding::Hex);
    }
    let e = choice(
        v,
        name,
        Encoding::parse,
        if allow_url {
            "'hex', 'base64', 'base64url'"
        } else {
            "'hex', 'base64'"
        },
    )?;
    if !allow_url && e == Encoding::Base64Url {
        return Err(range_error(&msg(&[
            name,
            " must be one of 'hex', 'base64'",
        ])));
    }
    Ok(e)
}

/// A fresh object with own data properties (safe for names such as `__proto__`).
pub fn record<'a>(pairs: impl IntoIterator<Item = (&'a str, JsValue)>) -> Object {
    let obj = Object::new();
    for (k, v) in pairs {
        set(&obj, k, &v);
    }
    obj
}

pub fn set(obj: &Object, key: &str, value: &JsValue) {
    let k = JsValue::from_str(key);
    if key == "__proto__" {
        let desc = Object::new();
        let _ = Reflect::set(&desc, &"value".into(), value);
        for flag in ["writable", "enumerable", "configurable"] {
            let _ = Reflect::set(&desc, &flag.into(), &JsValue::TRUE);
        }
        let _ = Reflect::define_property(obj, &k, &desc);
    } else {
        let _ = Reflect::set(obj, &k, value);
    }
}

/// A `HeadersLike` (a `Headers`, a plain object with string or string-array values in
/// any letter case, or an iterable of `[name, value]` pairs) as a list of pairs.
/// Array values (Node's `IncomingHttpHeaders`) give one pair per element.
pub fn headers(v: &JsValue, name: &str) -> JsResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    if v.is_undefined() || v.is_null() {
        return Ok(out);
    }
    if !v.is_object() {
        return Err(type_error(&msg(&[
            name,
            " must be a Headers, an object or an iterable of [name, value] pairs",
        ])));
    }
    let is_plain = is_plain_object(v)?;
    if !is_plain || Array::is_array(v) {
        let iter = js_sys::try_iter(v)?.ok_or_else(|| {
            type_error(&msg(&[
                name,
                " must be a Headers, an object or an iterable of [name, value] pairs",
            ]))
        })?;
        for item in iter {
            let item = item?;
            let pair = item
                .dyn_ref::<Array>()
                .filter(|a| a.length() == 2)
                .ok_or_else(|| {
                    type_error(&msg(&[
                        name,
                        " entries must be [name, value] pairs of strings",
                    ]))
                })?;
            out.push((
                string(&pair.get(0), "header name")?,
                string(&pair.get(1), "header value")?,
            ));
        }
        return Ok(out);
    }
    let obj: &Object = v.unchecked_ref();
    for key in own_keys(obj)?.iter() {
        let k = string(&key, "header name")?;
        let val = Reflect::get(obj, &key)?;
        if val.is_undefined() {
            continue;
        }
        if let Some(arr) = val.dyn_ref::<Array>() {
            for item in arr.iter() {
                out.push((k.clone(), string(&item, "header value")?));
            }
        } else {
            out.push((k, string(&val, "header value")?));
        }
    }
    Ok(out)
}

/// Whether a prototype is `null` or `Object.prototype` (a plain object).
pub fn is_plain_proto(proto: &Object) -> bool {
    proto.is_null() || *proto == Object::get_prototype_of(&Object::new())
}

/// Pairs as a `Record<string, string>`; repeated names are joined with ", ".
pub fn headers_record(pairs: Vec<(String, String)>) -> Object {
    let mut merged: Vec<(String, String)> = Vec::with_capacity(pairs.len());
    for (n, v) in pairs {
        if let Some(slot) = merged.iter_mut().find(|(m, _)| *m == n) {
            slot.1.push_str(", ");
            slot.1.push_str(&v);
        } else {
            merged.push((n, v));
        }
    }
    record(
        merged
            .iter()
            .map(|(n, v)| (n.as_str(), JsValue::from_str(v))),
    )
}
