#![forbid(unsafe_code)]
//! JSON Web Tokens with HMAC (HS256, HS384, HS512): compact JWS only (RFC 7515 §7.1,
//! RFC 7519), signed, verified and read without a clock (`now` is an argument, in
//! milliseconds like everywhere in authsmith; the claims are NumericDate seconds).
//!
//! - Each segment is base64url without padding, strictly: no `=`, no `+` or `/`, no
//!   whitespace, no stray bits (RFC 7515 §2).
//! - The header and the claims set are JSON objects read by the strict reader
//!   ([`crate::json::parse_tree_object`]): a key repeated at any depth is refused (RFC 7515
//!   §5.2 allows refusing; reading it either way is how two parsers disagree).
//! - `alg` is checked against the caller's allow-list; `none` and every non-HMAC
//!   algorithm are never accepted, whatever the list says. The signature is compared in
//!   constant time under every key given (rotation), all keys always tried.
//! - `crit` must be a non-empty array of distinct non-empty names; as no extension is
//!   understood here, any name in it makes the token invalid (RFC 7515 §4.1.11).
//! - Claims (RFC 7519 §4.1): `exp`, `nbf`, `iat` must be numbers (fractions allowed,
//!   strings refused); `now < exp + tolerance` and `now ≥ nbf − tolerance`, compared
//!   exactly: the number's decimal digits against `now` in milliseconds (no float
//!   parsing, no rounding).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use hmac::{KeyInit, Mac};
use zeroize::Zeroizing;

use crate::crypto::{ct_eq, scrub_stack};
use crate::encoding::{base64_url, base64_url_decode_strict, decimal};
use crate::error::{msg, Code, Error};
use crate::json::{parse_tree_object, Json, JsonError};

/// Longest token accepted (1 MiB): far above any real token (HTTP servers refuse headers
/// of more than 8–64 KiB), low enough that a hostile one cannot grow wasm memory (which
/// never shrinks) by much.
pub const MAX_TOKEN_LEN: usize = 1 << 20;
/// Deepest nesting in a header or claims set (the object itself counts).
pub const MAX_DEPTH: usize = 64;
/// `now` values below this (1973-03-03 in milliseconds) are refused: they are seconds
/// given where milliseconds are expected (today in seconds is about 1.7e9).
pub const MIN_NOW_MS: u64 = 100_000_000_000;

/// An HMAC JWS algorithm (RFC 7518 §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    Hs256,
    Hs384,
    Hs512,
}

impl Alg {
    pub const ALL: [Alg; 3] = [Alg::Hs256, Alg::Hs384, Alg::Hs512];

    pub fn parse(name: &str) -> Option<Alg> {
        match name {
            "HS256" => Some(Alg::Hs256),
            "HS384" => Some(Alg::Hs384),
            "HS512" => Some(Alg::Hs512),
            _ => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
        }
    }

    /// Bytes of the MAC, which is also the shortest key RFC 7518 §3.2 allows.
    pub const fn mac_len(self) -> usize {
        match self {
            Alg::Hs256 => 32,
            Alg::Hs384 => 48,
            Alg::Hs512 => 64,
        }
    }

    /// The HMAC of the concatenation of `parts` under `key` (any length). The keyed
    /// states left on the stack are overwritten afterwards.
    pub fn mac(self, key: &[u8], parts: &[&[u8]]) -> Zeroizing<Vec<u8>> {
        let out = match self {
            Alg::Hs256 => mac_with::<hmac::Hmac<sha2::Sha256>>(key, parts),
            Alg::Hs384 => mac_with::<hmac::Hmac<sha2::Sha384>>(key, parts),
            Alg::Hs512 => mac_with::<hmac::Hmac<sha2::Sha512>>(key, parts),
        };
        scrub_stack();
        out
    }
}

#[inline(never)]
fn mac_with<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]]) -> Zeroizing<Vec<u8>> {
    // HMAC takes keys of every length: `new_from_slice` does not fail for it.
    let Ok(mut m) = <M as KeyInit>::new_from_slice(key) else {
        return Zeroizing::new(Vec::new());
    };
    for p in parts {
        m.update(p);
    }
    Zeroizing::new(m.finalize().into_bytes().to_vec())
}

/// A JWT failure: the error, and for claim failures the claim's name (`claim` on the
/// `AuthsmithError`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JwtError {
    pub error: Error,
    pub claim: Option<String>,
}

impl From<Error> for JwtError {
    fn from(error: Error) -> Self {
        JwtError { error, claim: None }
    }
}

impl JwtError {
    pub fn code(&self) -> Option<Code> {
        self.error.code()
    }
}

pub type Result<T> = core::result::Result<T, JwtError>;

fn malformed(message: impl Into<Cow<'static, str>>) -> JwtError {
    Error::auth(Code::JwtMalformed, message).into()
}

fn claim_error(code: Code, claim: &str, message: &str) -> JwtError {
    JwtError {
        error: Error::auth(code, msg(&["\"", claim, "\" ", message])),
        claim: Some(String::from(claim)),
    }
}

fn invalid(claim: &str, message: &str) -> JwtError {
    claim_error(Code::JwtClaimInvalid, claim, message)
}

/// A decoded token: the header and claims set as checked trees, and as the exact JSON
/// texts they were decoded from (which `JSON.parse` reads to the same values, as no key
/// repeats).
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub header: Vec<(String, Json)>,
    pub payload: Vec<(String, Json)>,
    pub header_json: String,
    pub payload_json: String,
}

fn member<'a>(m: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    m.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The three segments of a compact JWS.
struct Parts<'a> {
    header: &'a str,
    payload: &'a str,
    signature: &'a str,
}

fn split(token: &str) -> Result<Parts<'_>> {
    if token.is_empty() {
        return Err(Error::auth(Code::EmptySecret, "token must not be empty").into());
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(malformed("token is longer than 1 MiB"));
    }
    let mut it = token.split('.');
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(header), Some(payload), Some(signature), None) => Ok(Parts {
            header,
            payload,
            signature,
        }),
        _ => {
            let dots = token.bytes().filter(|&c| c == b'.').count();
            Err(malformed(if dots == 4 {
                "token has 5 segments: a JWE (encrypted JWT) is not supported, only a compact JWS"
            } else {
                "token is not a compact JWS (three base64url segments separated by '.')"
            }))
        }
    }
}

fn segment_json(seg: &str, name: &'static str) -> Result<(Vec<(String, Json)>, String)> {
    if seg.is_empty() {
        return Err(malformed(msg(&["the ", name, " segment is empty"])));
    }
    let bytes = base64_url_decode_strict(seg).ok_or_else(|| {
        malformed(msg(&[
            "the ",
            name,
            " segment is not base64url without padding (RFC 7515 §2)",
        ]))
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| malformed(msg(&["the ", name, " is not UTF-8"])))?;
    let tree = parse_tree_object(&text, MAX_DEPTH).map_err(|e| {
        malformed(msg(&[
            "the ",
            name,
            match e {
                JsonError::Syntax => " is not JSON",
                JsonError::NotObject => " is not a JSON object",
                JsonError::DuplicateKey => " has a key twice (refused: parsers disagree on it)",
                JsonError::TooDeep => " is nested too deeply",
            },
        ]))
    })?;
    Ok((tree, text))
}

/// Decodes a token without checking its signature: for reading `exp`, `iat`, `iss` of a
/// token you hold, never for trusting it. The structure is checked as strictly as by
/// [`verify`] (three segments, strict base64url, JSON objects without repeated keys);
/// the signature segment may be empty.
pub fn decode(token: &str) -> Result<Decoded> {
    let p = split(token)?;
    let (header, header_json) = segment_json(p.header, "header")?;
    let (payload, payload_json) = segment_json(p.payload, "payload")?;
    if !p.signature.is_empty() && base64_url_decode_strict(p.signature).is_none() {
        return Err(malformed(
            "the signature segment is not base64url without padding (RFC 7515 §2)",
        ));
    }
    Ok(Decoded {
        header,
        payload,
        header_json,
        payload_json,
    })
}

/// `exp` of an unverified token, `None` when the token has no `exp`. A non-number `exp`
/// is `ERR_JWT_CLAIM_INVALID`.
pub fn expires_at(token: &str) -> Result<Option<NumericDate>> {
    let d = decode(token)?;
    match member(&d.payload, "exp") {
        None => Ok(None),
        Some(Json::Num(n)) => Ok(Some(NumericDate { text: n.clone() })),
        Some(_) => Err(invalid("exp", "must be a number (NumericDate seconds)")),
    }
}

/// `now` in milliseconds, refused when it is plainly seconds.
pub fn check_now_ms(now_ms: u64) -> core::result::Result<(), Error> {
    if now_ms < MIN_NOW_MS {
        return Err(Error::range(
            "now is in milliseconds (Date.now()); a value below 1e11 is seconds or a date before 1973",
        ));
    }
    Ok(())
}

/// What [`verify`] checks besides the signature.
#[derive(Clone, Debug, Default)]
pub struct VerifyOptions<'a> {
    /// The allow-list; empty allows nothing.
    pub algorithms: &'a [Alg],
    pub now_ms: u64,
    pub clock_tolerance_sec: u64,
    /// `iss` must be one of these.
    pub issuer: Option<&'a [String]>,
    /// `aud` (a string or an array) must hold one of these.
    pub audience: Option<&'a [String]>,
    pub subject: Option<&'a str>,
    /// The header's `typ`, compared as a media type (case-insensitive, `application/`
    /// implied: `JWT` equals `application/jwt`; RFC 7515 §4.1.9).
    pub typ: Option<&'a str>,
    /// `iat` must be present and at most this old (and not in the future).
    pub max_token_age_sec: Option<u64>,
    /// Claims that must be present (any value).
    pub required_claims: &'a [String],
}

/// Verifies a compact JWS JWT under any of `keys` and checks its claims. Order: structure
/// and header, `alg` against the allow-list, the signature (every key, constant time),
/// the claims set, then the claims: `typ`, presence (`iss`, `sub`, `aud`, `iat` when
/// checked, then `requiredClaims`), `iss`, `sub`, `aud`, `iat` type, `nbf`, `exp`, max age.
pub fn verify(token: &str, keys: &[&[u8]], o: &VerifyOptions<'_>) -> Result<Decoded> {
    check_now_ms(o.now_ms)?;
    if keys.is_empty() || keys.iter().any(|k| k.is_empty()) {
        return Err(Error::auth(Code::EmptySecret, "a JWT key must not be empty").into());
    }
    let p = split(token)?;
    let (header, header_json) = segment_json(p.header, "header")?;
    check_crit(&header)?;
    let alg_name = match member(&header, "alg") {
        Some(Json::Str(s)) => s.as_str(),
        _ => return Err(malformed("the header has no \"alg\" string")),
    };
    let Some(alg) = Alg::parse(alg_name) else {
        return Err(Error::auth(
            Code::JwtAlgNotAllowed,
            if alg_name.eq_ignore_ascii_case("none") {
                "alg \"none\" (an unsecured JWT) is never accepted"
            } else {
                "only HS256, HS384 and HS512 are supported"
            },
        )
        .into());
    };
    if !o.algorithms.contains(&alg) {
        return Err(Error::auth(
            Code::JwtAlgNotAllowed,
            msg(&["alg ", alg.as_str(), " is not in options.algorithms"]),
        )
        .into());
    }
    let sig = base64_url_decode_strict(p.signature).ok_or_else(|| {
        malformed("the signature segment is not base64url without padding (RFC 7515 §2)")
    })?;
    // The signing input is the first two segments as sent, with the dot between them.
    let mut matched = false;
    for key in keys {
        let mac = alg.mac(key, &[p.header.as_bytes(), b".", p.payload.as_bytes()]);
        matched |= ct_eq(&mac, &sig);
    }
    if !matched {
        return Err(Error::auth(
            Code::SignatureMismatch,
            "the JWT signature does not match under any of the keys",
        )
        .into());
    }
    let (payload, payload_json) = segment_json(p.payload, "payload")?;
    check_claims(&header, &payload, o)?;
    Ok(Decoded {
        header,
        payload,
        header_json,
        payload_json,
    })
}

fn check_crit(header: &[(String, Json)]) -> Result<()> {
    let Some(crit) = member(header, "crit") else {
        return Ok(());
    };
    let names: Vec<&str> = match crit {
        Json::Arr(items) if !items.is_empty() => items
            .iter()
            .map(|v| match v {
                Json::Str(s) if !s.is_empty() => Ok(s.as_str()),
                _ => Err(()),
            })
            .collect::<core::result::Result<_, ()>>()
            .map_err(|_| malformed("\"crit\" must be an array of non-empty strings"))?,
        _ => return Err(malformed("\"crit\" must be a non-empty array of strings")),
    };
    let mut sorted = names.clone();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
        return Err(malformed("\"crit\" names an extension twice"));
    }
    match names.first() {
        // No extension is understood: the token is invalid (RFC 7515 §4.1.11).
        Some(name) => Err(malformed(msg(&[
            "critical extension \"",
            name,
            "\" is not supported",
        ]))),
        None => Ok(()),
    }
}

/// A JSON number's exact value as decimal digits: `value = ±0.d₁d₂… × 10^point`, the
/// digits without leading or trailing zeros (none at all for zero).
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    point: i64,
}

impl Decimal {
    /// Reads a number text the JSON reader has already checked (`-?int(.frac)?(e±exp)?`).
    fn parse(text: &str) -> Decimal {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(i) => (
                rest.get(..i).unwrap_or(""),
                rest.get(i.saturating_add(1)..).unwrap_or(""),
            ),
            None => (rest, ""),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut e: i64 = 0;
        let (neg_exp, exp_digits) = match exp.as_bytes().first() {
            Some(b'-') => (true, exp.get(1..).unwrap_or("")),
            Some(b'+') => (false, exp.get(1..).unwrap_or("")),
            _ => (false, exp),
        };
        for c in exp_digits.bytes() {
            let d = i64::from(crate::encoding::digit_value(c).unwrap_or(0));
            // saturate: past a million digits the value is 0 or beyond any time anyway
            e = e.saturating_mul(10).saturating_add(d).min(1_000_000);
        }
        if neg_exp {
            e = e.saturating_neg();
        }
        let all = int.bytes().chain(frac.bytes());
        let mut point = i64::try_from(int.len())
            .unwrap_or(i64::MAX)
            .saturating_add(e);
        let mut digits: Vec<u8> = Vec::new();
        for c in all {
            let d = crate::encoding::digit_value(c).unwrap_or(0);
            if digits.is_empty() && d == 0 {
                point = point.saturating_sub(1); // a leading zero
            } else {
                digits.push(d);
            }
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        Decimal {
            negative: negative && !digits.is_empty(),
            digits,
            point,
        }
    }

    /// The value times 1000 (milliseconds from seconds), as the digits of `self` with the
    /// point moved three places.
    fn point_ms(&self) -> i64 {
        self.point.saturating_add(3)
    }

    /// `floor(value * 1000)` clamped to `0..=u64::MAX`.
    fn floor_ms(&self) -> u64 {
        if self.negative || self.digits.is_empty() {
            return 0;
        }
        let p = self.point_ms();
        if p <= 0 {
            return 0;
        }
        if p > 20 {
            return u64::MAX;
        }
        let mut v: u64 = 0;
        for k in 0..usize::try_from(p).unwrap_or(0) {
            let d = u64::from(self.digits.get(k).copied().unwrap_or(0));
            match v.checked_mul(10).and_then(|v| v.checked_add(d)) {
                Some(x) => v = x,
                None => return u64::MAX,
            }
        }
        v
    }
}

/// Compares the integer `a` (milliseconds) with `1000 * n` for the JSON number text `n`
/// (seconds), exactly: decimal digits against decimal digits, no floating point.
fn cmp_ms(a: i128, n: &str) -> Ordering {
    let d = Decimal::parse(n);
    if d.digits.is_empty() {
        return a.cmp(&0);
    }
    if d.negative {
        // a vs -m  <=>  reverse(-a vs m); |a| < 2^127, so negating cannot overflow
        return cmp_ms_pos(a.saturating_neg(), &d).reverse();
    }
    cmp_ms_pos(a, &d)
}

/// `a` against `1000 * value` for a positive `value`.
fn cmp_ms_pos(a: i128, d: &Decimal) -> Ordering {
    if a <= 0 {
        return Ordering::Less;
    }
    // a's decimal digits, most significant first
    let mut a_digits: Vec<u8> = Vec::new();
    let mut rest = a.unsigned_abs();
    while rest > 0 {
        a_digits.push(u8::try_from(rest % 10).unwrap_or(0));
        rest /= 10;
    }
    a_digits.reverse();
    let n = i64::try_from(a_digits.len()).unwrap_or(i64::MAX);
    // 1000 * value has `point_ms` integer digits (its first digit is not zero)
    match n.cmp(&d.point_ms()) {
        Ordering::Equal => {}
        other => return other,
    }
    for (k, ad) in a_digits.iter().enumerate() {
        match ad.cmp(&d.digits.get(k).copied().unwrap_or(0)) {
            Ordering::Equal => {}
            other => return other,
        }
    }
    // equal integer parts: any digit left in the value (none is a trailing zero) is a fraction
    if d.digits.len() > a_digits.len() {
        Ordering::Less
    } else {
        Ordering::Equal
    }
}

/// The `exp` of an unverified token (see [`expires_at`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumericDate {
    /// The number as written in the token (seconds).
    pub text: String,
}

impl NumericDate {
    /// `floor(seconds * 1000)`, clamped to `0..=u64::MAX` (exactly, from the digits).
    pub fn floor_ms(&self) -> u64 {
        Decimal::parse(&self.text).floor_ms()
    }
}

/// `application/` prefixed unless there is a `/`, lowercased (RFC 7515 §4.1.9; media type
/// names are ASCII, RFC 6838 §4.2, so only ASCII letters are folded).
fn normalize_typ(t: &str) -> String {
    let lower = t.to_ascii_lowercase();
    if lower.contains('/') {
        lower
    } else {
        msg(&["application/", &lower])
    }
}

fn numeric_date<'a>(payload: &'a [(String, Json)], claim: &str) -> Result<Option<&'a str>> {
    match member(payload, claim) {
        None => Ok(None),
        Some(Json::Num(n)) => Ok(Some(n.as_str())),
        Some(_) => Err(invalid(claim, "must be a number (NumericDate seconds)")),
    }
}

fn check_claims(
    header: &[(String, Json)],
    payload: &[(String, Json)],
    o: &VerifyOptions<'_>,
) -> Result<()> {
    if let Some(want) = o.typ {
        let ok = match member(header, "typ") {
            Some(Json::Str(t)) => normalize_typ(t) == normalize_typ(want),
            _ => false,
        };
        if !ok {
            return Err(invalid(
                "typ",
                "header parameter is missing or not the expected type",
            ));
        }
    }
    // The claims asked about first (as jose reports them), then `requiredClaims`.
    let mut present: Vec<&str> = Vec::new();
    if o.issuer.is_some() {
        present.push("iss");
    }
    if o.subject.is_some() {
        present.push("sub");
    }
    if o.audience.is_some() {
        present.push("aud");
    }
    if o.max_token_age_sec.is_some() {
        present.push("iat");
    }
    present.extend(o.required_claims.iter().map(String::as_str));
    for c in present {
        if member(payload, c).is_none() {
            return Err(invalid(c, "claim is missing"));
        }
    }
    if let Some(list) = o.issuer {
        let ok = matches!(member(payload, "iss"), Some(Json::Str(s)) if list.contains(s));
        if !ok {
            return Err(invalid("iss", "claim is not the expected issuer"));
        }
    }
    if let Some(want) = o.subject {
        let ok = matches!(member(payload, "sub"), Some(Json::Str(s)) if s == want);
        if !ok {
            return Err(invalid("sub", "claim is not the expected subject"));
        }
    }
    if let Some(list) = o.audience {
        let ok = match member(payload, "aud") {
            Some(Json::Str(s)) => list.contains(s),
            Some(Json::Arr(items)) => items
                .iter()
                .any(|v| matches!(v, Json::Str(s) if list.contains(s))),
            _ => false,
        };
        if !ok {
            return Err(invalid("aud", "claim does not name an expected audience"));
        }
    }
    let now = i128::from(o.now_ms);
    let tol = i128::from(o.clock_tolerance_sec).saturating_mul(1000);
    let iat = numeric_date(payload, "iat")?;
    if let Some(nbf) = numeric_date(payload, "nbf")? {
        // valid when now + tolerance >= nbf
        if cmp_ms(now.saturating_add(tol), nbf) == Ordering::Less {
            return Err(claim_error(
                Code::JwtNotYetValid,
                "nbf",
                "claim is in the future: the token is not valid yet",
            ));
        }
    }
    if let Some(exp) = numeric_date(payload, "exp")? {
        // valid when now - tolerance < exp
        if cmp_ms(now.saturating_sub(tol), exp) != Ordering::Less {
            return Err(claim_error(
                Code::JwtExpired,
                "exp",
                "claim has passed: the token has expired",
            ));
        }
    }
    if let (Some(max), Some(iat)) = (o.max_token_age_sec, iat) {
        let max = i128::from(max).saturating_mul(1000);
        // too old when now - tolerance - max > iat
        if cmp_ms(now.saturating_sub(tol).saturating_sub(max), iat) == Ordering::Greater {
            return Err(invalid("iat", "claim is older than options.maxTokenAgeSec"));
        }
        // in the future when now + tolerance < iat
        if cmp_ms(now.saturating_add(tol), iat) == Ordering::Less {
            return Err(invalid("iat", "claim is in the future"));
        }
    }
    Ok(())
}

/// What [`sign`] adds.
#[derive(Clone, Copy, Debug)]
pub struct SignOptions {
    pub alg: Alg,
    pub now_ms: u64,
    /// Sets `exp = iat + expires_in_sec`.
    pub expires_in_sec: Option<u64>,
    /// Sets `nbf = iat + not_before_sec` (negative: before now).
    pub not_before_sec: Option<i64>,
}

/// The members of a JSON object text, without the braces (`""` for `{}`).
fn inner(object_text: &str) -> &str {
    let t = object_text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    t.strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or("")
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

fn push_member(out: &mut String, first: &mut bool, key: &str, value: &str) {
    if !*first {
        out.push(',');
    }
    *first = false;
    crate::json::push_string(out, key);
    out.push(':');
    out.push_str(value);
}

fn signed_decimal(n: i64) -> String {
    if n < 0 {
        msg(&["-", &decimal(n.unsigned_abs())])
    } else {
        decimal(n.unsigned_abs())
    }
}

/// Signs a claims set. `payload_json` and `header_json` are JSON object texts
/// (`JSON.stringify` of plain objects); the header may hold `typ`, `kid`, `cty` and
/// other parameters, never `alg` or `crit` (set here). `typ: "JWT"` is added when the
/// header has no `typ`. `iat` is `now` in whole seconds unless the payload has its own;
/// `exp`/`nbf` come from the options and must not also be in the payload. The key must
/// be at least as long as the MAC (RFC 7518 §3.2; `RangeError`).
pub fn sign(
    payload_json: &str,
    header_json: Option<&str>,
    key: &[u8],
    o: &SignOptions,
) -> core::result::Result<String, Error> {
    check_now_ms(o.now_ms)?;
    if key.is_empty() {
        return Err(Error::auth(
            Code::EmptySecret,
            "a JWT key must not be empty",
        ));
    }
    if key.len() < o.alg.mac_len() {
        return Err(Error::range(msg(&[
            "key must be at least ",
            &decimal(o.alg.mac_len() as u64),
            " bytes for ",
            o.alg.as_str(),
            " (RFC 7518 §3.2: a key as long as the hash output)",
        ])));
    }
    let header = match header_json {
        Some(t) => parse_tree_object(t, MAX_DEPTH)
            .map_err(|_| Error::type_error("options.header must be a JSON object"))?,
        None => Vec::new(),
    };
    for k in ["alg", "crit"] {
        if member(&header, k).is_some() {
            return Err(Error::type_error(msg(&[
                "options.header.",
                k,
                " is set by the library (use options.alg; no extensions)",
            ])));
        }
    }
    let payload = parse_tree_object(payload_json, MAX_DEPTH).map_err(|e| {
        Error::type_error(match e {
            JsonError::TooDeep => "payload is nested too deeply",
            _ => "payload must be a JSON object",
        })
    })?;
    for c in ["iat", "nbf", "exp"] {
        match member(&payload, c) {
            None | Some(Json::Num(_)) => {}
            Some(_) => {
                return Err(Error::type_error(msg(&[
                    "payload.",
                    c,
                    " must be a number of seconds (NumericDate), not a string",
                ])))
            }
        }
    }
    if o.expires_in_sec.is_some() && member(&payload, "exp").is_some() {
        return Err(Error::type_error(
            "payload.exp and options.expiresInSec are both set: give one",
        ));
    }
    if o.not_before_sec.is_some() && member(&payload, "nbf").is_some() {
        return Err(Error::type_error(
            "payload.nbf and options.notBeforeSec are both set: give one",
        ));
    }
    let iat = o.now_ms / 1000;
    let too_far = || Error::range("the resulting NumericDate is out of range");
    let mut h = String::from("{");
    let mut first = true;
    push_member(
        &mut h,
        &mut first,
        "alg",
        &msg(&["\"", o.alg.as_str(), "\""]),
    );
    if member(&header, "typ").is_none() {
        push_member(&mut h, &mut first, "typ", "\"JWT\"");
    }
    if let Some(t) = header_json {
        let members = inner(t);
        if !members.is_empty() {
            h.push(',');
            h.push_str(members);
        }
    }
    h.push('}');
    let mut pl = String::from("{");
    let members = inner(payload_json);
    pl.push_str(members);
    let mut first = members.is_empty();
    if member(&payload, "iat").is_none() {
        push_member(&mut pl, &mut first, "iat", &decimal(iat));
    }
    if let Some(nb) = o.not_before_sec {
        let iat_i = i64::try_from(iat).map_err(|_| too_far())?;
        let nbf = iat_i.checked_add(nb).ok_or_else(too_far)?;
        push_member(&mut pl, &mut first, "nbf", &signed_decimal(nbf));
    }
    if let Some(e) = o.expires_in_sec {
        let exp = iat.checked_add(e).ok_or_else(too_far)?;
        push_member(&mut pl, &mut first, "exp", &decimal(exp));
    }
    pl.push('}');
    let mut token = base64_url(h.as_bytes());
    token.push('.');
    token.push_str(&base64_url(pl.as_bytes()));
    let mac = o.alg.mac(key, &[token.as_bytes()]);
    token.push('.');
    token.push_str(&base64_url(&mac));
    Ok(token)
}

#[cfg(test)]
mod tests;
