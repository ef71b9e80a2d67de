#![forbid(unsafe_code)]
//! OAuth 2.0 client chores (RFC 6749, RFC 7636 PKCE): authorization URLs, token requests
//! and their client authentication, token responses, refresh timing and scopes.
//!
//! Pure: random bytes and `now` are arguments; nothing here does I/O. The caller sends
//! the requests (the wasm adapter returns `{ url, method, headers, body }` for `fetch`).
//!
//! One encoder for every parameter: `application/x-www-form-urlencoded` exactly as the
//! WHATWG URL standard serializes it (what `URLSearchParams` and HTML forms send):
//! `A-Z a-z 0-9 * - . _` stay as they are, a space becomes `+`, every other byte of the
//! value's UTF-8 encoding becomes `%XX` with uppercase hex. RFC 6749 Appendix B's example
//! (`" %&+£€"` → `+%25%26%2B%C2%A3%E2%82%AC`) holds, and every form decoder reads it back.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;
use zeroize::Zeroizing;

use crate::crypto::sha256;
use crate::encoding::{base64_std, base64_url, hex_digit_upper, is_unreserved, percent_decode};
use crate::error::{msg, Code, Error, Result};
use crate::json::{self, JsonError, Value};

// ---------------------------------------------------------------------------------------
// Character classes (RFC 6749 Appendix A)

/// `VSCHAR = %x20-7E` (printable ASCII and space).
fn is_vschar(c: u8) -> bool {
    (0x20..=0x7e).contains(&c)
}

/// `1*VSCHAR`.
fn is_vschars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_vschar)
}

/// RFC 6749 §3.3 `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`.
fn is_scope_char(c: u8) -> bool {
    c == 0x21 || (0x23..=0x5b).contains(&c) || (0x5d..=0x7e).contains(&c)
}

/// RFC 6749 Appendix A.13 `type-name = 1*name-char`, `name-char = "-" / "." / "_" / DIGIT / ALPHA`.
fn is_type_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'))
}

fn has_control(s: &str) -> bool {
    crate::encoding::has_control(s)
}

// ---------------------------------------------------------------------------------------
// application/x-www-form-urlencoded

/// Whether the form encoder leaves `c` as it is: `A-Z a-z 0-9 * - . _`.
pub fn is_form_safe(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'*' | b'-' | b'.' | b'_')
}

fn upper_hex(n: u8) -> char {
    char::from(hex_digit_upper(n))
}

/// Appends `value` form-urlencoded (see the module docs for the exact rule).
pub fn form_encode_into(out: &mut String, value: &str) {
    for &c in value.as_bytes() {
        if is_form_safe(c) {
            out.push(char::from(c));
        } else if c == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(upper_hex(c >> 4));
            out.push(upper_hex(c));
        }
    }
}

/// `value` form-urlencoded.
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    form_encode_into(&mut out, value);
    out
}

fn push_pair(out: &mut String, name: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    form_encode_into(out, name);
    out.push('=');
    form_encode_into(out, value);
}

// ---------------------------------------------------------------------------------------
// Client authentication (RFC 6749 §2.3.1)

/// Checks a client identifier: not empty, no control characters.
pub fn check_client_id(client_id: &str) -> Result<()> {
    if client_id.is_empty() {
        return Err(Error::auth(
            Code::InvalidCredential,
            "clientId must not be empty",
        ));
    }
    if has_control(client_id) {
        return Err(Error::auth(
            Code::InvalidCredential,
            "clientId must not contain control characters",
        ));
    }
    Ok(())
}

/// Checks a client secret: not empty, no control characters (any other character,
/// non-ASCII included, is encoded).
pub fn check_client_secret(secret: &str) -> Result<()> {
    if secret.is_empty() {
        return Err(Error::auth(
            Code::EmptySecret,
            "clientSecret must not be empty",
        ));
    }
    if has_control(secret) {
        return Err(Error::auth(
            Code::InvalidCredential,
            "clientSecret must not contain control characters",
        ));
    }
    Ok(())
}

/// `"Basic " + base64(form(client_id) ":" form(client_secret))` (RFC 6749 §2.3.1: each
/// part is form-urlencoded first, so a `:` in either cannot split them wrongly).
pub fn client_secret_basic(client_id: &str, client_secret: &str) -> Result<String> {
    check_client_id(client_id)?;
    check_client_secret(client_secret)?;
    let pair = client_secret_pair(client_id, client_secret);
    let mut out = String::from("Basic ");
    out.push_str(&base64_std(pair.as_bytes()));
    Ok(out)
}

/// `form(client_id) ":" form(client_secret)` in a buffer that never grows: each byte
/// form-encodes to at most 3 characters, so the capacity is set for that up front (a
/// buffer that grew would leave an unwiped copy of the secret in freed memory).
fn client_secret_pair(client_id: &str, client_secret: &str) -> Zeroizing<String> {
    // A capacity: both strings are in memory, so the sum fits; saturated, it would fail
    // to allocate as the real size would.
    let cap = client_id
        .len()
        .saturating_add(client_secret.len())
        .saturating_mul(3)
        .saturating_add(1);
    let mut pair = Zeroizing::new(String::with_capacity(cap));
    form_encode_into(&mut pair, client_id);
    pair.push(':');
    form_encode_into(&mut pair, client_secret);
    pair
}

// ---------------------------------------------------------------------------------------
// PKCE (RFC 7636)

/// Verifier length bounds in characters (RFC 7636 §4.1) and the default: 43 characters,
/// the base64url of 32 random octets as §4.1 recommends.
pub const VERIFIER_LEN: (usize, usize) = (43, 128);
pub const DEFAULT_VERIFIER_LEN: usize = 43;

/// Checks `createPkce`'s `options.length` (43 to 128 characters); the random octets a
/// verifier of that length needs ([`verifier_random_len`]).
pub fn check_verifier_len(len: u64) -> Result<usize> {
    match usize::try_from(len) {
        Ok(n) if (VERIFIER_LEN.0..=VERIFIER_LEN.1).contains(&n) => Ok(verifier_random_len(n)),
        _ => Err(Error::range("options.length must be 43 to 128")),
    }
}

/// Random octets needed for a verifier of `len` characters: the fewest whose base64url
/// is at least `len` characters long (32 for 43, 96 for 128).
pub fn verifier_random_len(len: usize) -> usize {
    // 3 * (len - 1) / 4 + 1, as 3 * q + 3 * r / 4 + 1 with q, r = (len - 1) / 4, % 4:
    // no intermediate exceeds 3/4 of usize::MAX + 1, so none of these saturates (3 * m
    // itself would overflow for len past usize::MAX / 3).
    let m = len.saturating_sub(1);
    (m / 4)
        .saturating_mul(3)
        .saturating_add((m % 4).saturating_mul(3) / 4)
        .saturating_add(1)
}

/// Checks `code-verifier = 43*128unreserved` (also the syntax of a code challenge).
pub fn check_verifier(v: &str, what: &str) -> Result<()> {
    let n = v.len();
    if n < VERIFIER_LEN.0 || n > VERIFIER_LEN.1 || !v.bytes().all(is_unreserved) {
        return Err(Error::auth(
            Code::InvalidPkceVerifier,
            msg(&[
                what,
                " must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)",
            ]),
        ));
    }
    Ok(())
}

/// A verifier of `len` characters: base64url of the first [`verifier_random_len`] octets
/// of `random`, cut to `len`. Every character but possibly the last carries 6 random
/// bits; the 43-character default is the base64url of 32 octets (256 bits), as RFC 7636
/// §4.1 recommends, so Appendix B's octets give Appendix B's verifier.
pub fn pkce_verifier(random: &[u8], len: usize) -> Result<String> {
    if len < VERIFIER_LEN.0 || len > VERIFIER_LEN.1 {
        return Err(Error::range("length must be 43 to 128"));
    }
    let need = verifier_random_len(len);
    let bytes = random
        .get(..need)
        .ok_or_else(|| Error::range("not enough random octets for the verifier"))?;
    let mut v = base64_url(bytes);
    v.truncate(len);
    Ok(v)
}

/// `BASE64URL(SHA256(ASCII(verifier)))` (the S256 method), after checking the verifier.
pub fn pkce_challenge(verifier: &str) -> Result<String> {
    check_verifier(verifier, "code verifier")?;
    Ok(base64_url(&sha256(verifier.as_bytes())))
}

// ---------------------------------------------------------------------------------------
// Endpoint and redirect URIs

/// A checked absolute URL: everything before the query, and the query (without `?`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint<'a> {
    pub base: &'a str,
    pub query: Option<&'a str>,
}

/// Bytes RFC 3986 allows anywhere in a URI reference (ASCII only; `%` checked apart).
fn is_uri_char(c: u8) -> bool {
    is_unreserved(c)
        || matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
                | b'#'
                | b'['
                | b']'
                | b'%'
        )
}

fn is_hex(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

/// A canonical dotted-quad octet: 1 to 3 digits, no leading zero, at most 255.
fn octet(part: &str) -> Option<u8> {
    let b = part.as_bytes();
    if b.is_empty()
        || b.len() > 3
        || !b.iter().all(u8::is_ascii_digit)
        || (b.len() > 1 && b.first() == Some(&b'0'))
    {
        return None;
    }
    part.parse().ok()
}

/// `127.x.y.z` written as a canonical dotted quad.
fn is_ipv4_loopback(host: &str) -> bool {
    let mut parts = host.split('.');
    let octets: [Option<u8>; 4] = core::array::from_fn(|_| parts.next().and_then(octet));
    parts.next().is_none()
        && octets.iter().all(Option::is_some)
        && octets.first() == Some(&Some(127))
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host == "[::1]" || is_ipv4_loopback(host)
}

fn check_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.contains(':') && inner.bytes().all(|c| is_hex(c) || c == b':' || c == b'.');
    }
    !host.is_empty()
        && !host.starts_with('.')
        && !host.contains("..")
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'))
}

fn check_port(port: &str) -> bool {
    let b = port.as_bytes();
    !b.is_empty()
        && b.len() <= 5
        && b.iter().all(u8::is_ascii_digit)
        && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p))
}

/// Checks an authorization/token endpoint or a redirect URI: an absolute `https:` URL
/// (`http:` only for the loopback hosts `localhost`, `127.0.0.0/8` and `[::1]`), ASCII
/// characters RFC 3986 allows with well-formed `%XX` escapes, a host (and optional
/// port), no userinfo and no fragment (RFC 6749 §3.1, §3.1.2). Everything else,
/// `javascript:` and relative references included, is `ERR_INVALID_URL`.
pub fn check_url<'a>(url: &'a str, what: &str) -> Result<Endpoint<'a>> {
    let bad = |m: &str| Error::auth(Code::InvalidUrl, msg(&[what, m]));
    let b = url.as_bytes();
    if b.is_empty() {
        return Err(bad(" must not be empty"));
    }
    if !b.iter().all(|&c| is_uri_char(c)) {
        return Err(bad(
            " must be ASCII without spaces, control characters, backslashes or other characters URLs do not allow (percent-encode them)",
        ));
    }
    for (i, &c) in b.iter().enumerate() {
        if c == b'%' && !matches!(b.get(i..), Some([_, h, l, ..]) if is_hex(*h) && is_hex(*l)) {
            return Err(bad(" has a '%' that is not followed by two hex digits"));
        }
    }
    if url.contains('#') {
        return Err(bad(" must not have a fragment ('#', RFC 6749 §3.1)"));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(bad(" must be an absolute https: URL"));
    };
    let https = scheme.eq_ignore_ascii_case("https");
    if !https && !scheme.eq_ignore_ascii_case("http") {
        return Err(bad(" must be an https: URL"));
    }
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or_default();
    let tail = rest.get(authority_end..).unwrap_or_default();
    if authority.contains('@') {
        return Err(bad(" must not contain userinfo (user:password@)"));
    }
    let (host, port) = if authority.starts_with('[') {
        match authority.split_once(']') {
            Some((_, p)) => {
                // the host is `[...]`, up to and including the ']'
                let h = authority.strip_suffix(p).unwrap_or(authority);
                match p {
                    "" => (h, None),
                    _ => match p.strip_prefix(':') {
                        Some(p) => (h, Some(p)),
                        None => return Err(bad(" has an invalid host")),
                    },
                }
            }
            None => return Err(bad(" has an invalid host")),
        }
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if !check_host(host) {
        return Err(bad(" has an invalid or empty host"));
    }
    if port.is_some_and(|p| !check_port(p)) {
        return Err(bad(" has an invalid port"));
    }
    if tail.contains(['[', ']']) {
        return Err(bad(" has '[' or ']' outside the host"));
    }
    if !https && !is_loopback(host) {
        return Err(bad(
            " must use https: (http: only for localhost, 127.0.0.0/8 and [::1])",
        ));
    }
    Ok(match url.split_once('?') {
        Some((base, query)) => Endpoint {
            base,
            query: Some(query),
        },
        None => Endpoint {
            base: url,
            query: None,
        },
    })
}

// ---------------------------------------------------------------------------------------
// Scopes (RFC 6749 §3.3)

/// Splits each part on spaces and returns the scope tokens, duplicates removed in
/// first-seen order. Extra spaces are ignored; any other character outside the
/// scope-token set (tabs and line breaks included) is `ERR_INVALID_SCOPE`.
pub fn parse_scopes<'a>(parts: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        for token in part.split(' ').filter(|t| !t.is_empty()) {
            if !token.bytes().all(is_scope_char) {
                return Err(Error::auth(
                    Code::InvalidScope,
                    "a scope may only contain printable ASCII other than space, '\"' and '\\' (RFC 6749 §3.3)",
                ));
            }
            if !out.iter().any(|s| s == token) {
                out.push(String::from(token));
            }
        }
    }
    Ok(out)
}

/// The scopes of `required` that `granted` lacks (exact, case-sensitive comparison), in
/// the order of `required`.
pub fn missing_scopes(granted: &[String], required: &[String]) -> Vec<String> {
    required
        .iter()
        .filter(|r| !granted.contains(r))
        .cloned()
        .collect()
}

fn join_scopes(scopes: &[String]) -> String {
    let mut s = String::new();
    for (i, t) in scopes.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(t);
    }
    s
}

// ---------------------------------------------------------------------------------------
// Authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3)

/// Octets of a generated `state` (base64url: 43 characters).
pub const STATE_RANDOM_LEN: usize = 32;

/// A `state` value from random octets.
pub fn state_from_random(random: &[u8]) -> String {
    base64_url(random)
}

/// Checks the names of `extra` parameters: not empty, none of `reserved` (the
/// parameters the caller sets itself; `why` says so in the message), none twice (RFC 6749
/// §3.1, §3.2: a parameter must not be sent more than once). A `RangeError`.
pub fn check_extra(extra: &[(String, String)], reserved: &[&str], why: &str) -> Result<()> {
    // A set, so that a long list costs n log n, not n² (`BTreeSet<String>`: the
    // WWW-Authenticate parser's, so no new code in the wasm).
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (name, _) in extra {
        if name.is_empty() {
            return Err(Error::range("extra parameter names must not be empty"));
        }
        if reserved.contains(&name.as_str()) {
            return Err(Error::range(msg(&[
                "extra must not set '",
                name,
                "': ",
                why,
            ])));
        }
        if !seen.insert(name.clone()) {
            return Err(Error::range(msg(&[
                "extra has the parameter '",
                name,
                "' twice",
            ])));
        }
    }
    Ok(())
}

/// Parameters authorizationUrl sets itself; `extra` may not set them.
pub const RESERVED_AUTHORIZATION_PARAMS: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

pub struct AuthorizationRequest<'a> {
    pub endpoint: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scope: &'a [String],
    pub state: &'a str,
    pub code_challenge: Option<&'a str>,
    pub extra: &'a [(String, String)],
}

/// The names in a query string, form-decoded (`None` for a name that is not UTF-8).
fn query_names(query: &str) -> impl Iterator<Item = Option<String>> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let raw = pair.split_once('=').map_or(pair, |(n, _)| n);
        percent_decode(raw, true)
    })
}

/// The authorization URL: the endpoint (its query kept as it is) plus `response_type=code`,
/// `client_id`, `redirect_uri`, `scope` (when not empty), `state`, `code_challenge` and
/// `code_challenge_method=S256` (when a challenge is given), then `extra` in order.
pub fn authorization_url(req: &AuthorizationRequest<'_>) -> Result<String> {
    let endpoint = check_url(req.endpoint, "endpoint")?;
    check_client_id(req.client_id)?;
    check_url(req.redirect_uri, "redirectUri")?;
    if !is_vschars(req.state) {
        return Err(Error::range(
            "state must be 1 or more printable ASCII characters (RFC 6749 Appendix A.5)",
        ));
    }
    if let Some(c) = req.code_challenge {
        check_verifier(c, "codeChallenge")?;
    }
    check_extra(
        req.extra,
        RESERVED_AUTHORIZATION_PARAMS,
        "authorizationUrl sets it from its own option",
    )?;
    let mut params = String::new();
    push_pair(&mut params, "response_type", "code");
    push_pair(&mut params, "client_id", req.client_id);
    push_pair(&mut params, "redirect_uri", req.redirect_uri);
    if !req.scope.is_empty() {
        push_pair(&mut params, "scope", &join_scopes(req.scope));
    }
    push_pair(&mut params, "state", req.state);
    if let Some(c) = req.code_challenge {
        push_pair(&mut params, "code_challenge", c);
        push_pair(&mut params, "code_challenge_method", "S256");
    }
    for (n, v) in req.extra {
        push_pair(&mut params, n, v);
    }
    let mut url = String::from(endpoint.base);
    url.push('?');
    if let Some(q) = endpoint.query.filter(|q| !q.is_empty()) {
        // RFC 6749 §3.1: keep the endpoint's query; parameters must not appear twice.
        for name in query_names(q) {
            let name = name.unwrap_or_default();
            if RESERVED_AUTHORIZATION_PARAMS.contains(&name.as_str())
                || req.extra.iter().any(|(n, _)| *n == name)
            {
                return Err(Error::auth(
                    Code::InvalidUrl,
                    msg(&[
                        "endpoint already has the query parameter '",
                        &name,
                        "' (RFC 6749 §3.1: a parameter must not appear twice)",
                    ]),
                ));
            }
        }
        url.push_str(q);
        if !q.ends_with('&') {
            url.push('&');
        }
    }
    url.push_str(&params);
    Ok(url)
}

// ---------------------------------------------------------------------------------------
// Token request (RFC 6749 §4.1.3, §4.4.2, §6)

impl core::fmt::Debug for Grant<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Grant([REDACTED])")
    }
}

pub enum Grant<'a> {
    ClientCredentials {
        scope: &'a [String],
    },
    AuthorizationCode {
        code: &'a str,
        redirect_uri: &'a str,
        code_verifier: Option<&'a str>,
    },
    RefreshToken {
        refresh_token: &'a str,
        scope: &'a [String],
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAuth {
    /// `Authorization: Basic` with form-urlencoded id and secret (RFC 6749 §2.3.1).
    SecretBasic,
    /// `client_id` and `client_secret` in the body.
    SecretPost,
    /// A public client: `client_id` in the body, no secret.
    None,
}

impl ClientAuth {
    pub fn parse(s: &str) -> Option<ClientAuth> {
        match s {
            "client_secret_basic" => Some(ClientAuth::SecretBasic),
            "client_secret_post" => Some(ClientAuth::SecretPost),
            "none" => Some(ClientAuth::None),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// `application/x-www-form-urlencoded` (RFC 6749 §4.1.3: the standard).
    Form,
    /// `application/json` (what some servers, such as the MES API, document).
    Json,
}

impl BodyFormat {
    pub fn parse(s: &str) -> Option<BodyFormat> {
        match s {
            "form" => Some(BodyFormat::Form),
            "json" => Some(BodyFormat::Json),
            _ => None,
        }
    }
}

impl core::fmt::Debug for Client<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Client([REDACTED])")
    }
}

pub struct Client<'a> {
    pub endpoint: &'a str,
    pub client_id: &'a str,
    pub client_secret: Option<&'a str>,
    /// `None`: `SecretBasic` with a secret, else `None`.
    pub auth: Option<ClientAuth>,
    pub format: BodyFormat,
}

impl core::fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("TokenRequest([REDACTED])")
    }
}

pub struct TokenRequest {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

fn check_grant_value(v: &str, what: &str) -> Result<()> {
    if is_vschars(v) {
        Ok(())
    } else {
        Err(Error::auth(
            Code::InvalidCredential,
            msg(&[
                what,
                " must be 1 or more printable ASCII characters (RFC 6749 Appendix A)",
            ]),
        ))
    }
}

/// Parameters a token request may carry that tokenRequest sets itself (for one grant or
/// another, or for one client authentication method or another); `extra` may not set
/// them, whatever the grant and the method: a second `client_id`/`client_secret`, or a
/// `refresh_token` in a client-credentials request, is a mistake.
pub const RESERVED_TOKEN_PARAMS: &[&str] = &[
    "grant_type",
    "code",
    "redirect_uri",
    "code_verifier",
    "refresh_token",
    "scope",
    "client_id",
    "client_secret",
];

/// The token request for `grant`, authenticated as `client` says.
pub fn token_request(grant: &Grant<'_>, client: &Client<'_>) -> Result<TokenRequest> {
    token_request_with_extra(grant, client, &[])
}

/// [`token_request`] with more body parameters (`audience`, RFC 8707 `resource`, …),
/// sent after the ones it sets, in order, encoded the same way. A name in
/// [`RESERVED_TOKEN_PARAMS`], an empty name or a name given twice is a `RangeError`.
pub fn token_request_with_extra(
    grant: &Grant<'_>,
    client: &Client<'_>,
    extra: &[(String, String)],
) -> Result<TokenRequest> {
    check_url(client.endpoint, "endpoint")?;
    check_client_id(client.client_id)?;
    let auth = client.auth.unwrap_or(if client.client_secret.is_some() {
        ClientAuth::SecretBasic
    } else {
        ClientAuth::None
    });
    let secret =
        match (auth, client.client_secret) {
            (ClientAuth::None, Some(_)) => {
                return Err(Error::type_error(
                    "client.clientSecret is given but client.auth is 'none': leave one out",
                ))
            }
            (ClientAuth::None, None) => None,
            (_, None) => return Err(Error::type_error(
                "client.clientSecret is required for client_secret_basic and client_secret_post",
            )),
            (_, Some(s)) => {
                check_client_secret(s)?;
                Some(s)
            }
        };

    let mut params: Vec<(&str, &str)> = Vec::with_capacity(6);
    let scope = match grant {
        Grant::ClientCredentials { scope: s } => {
            params.push(("grant_type", "client_credentials"));
            join_scopes(s)
        }
        Grant::AuthorizationCode {
            code,
            redirect_uri,
            code_verifier,
        } => {
            check_grant_value(code, "grant.code")?;
            check_url(redirect_uri, "grant.redirectUri")?;
            params.push(("grant_type", "authorization_code"));
            params.push(("code", code));
            params.push(("redirect_uri", redirect_uri));
            if let Some(v) = code_verifier {
                check_verifier(v, "grant.codeVerifier")?;
                params.push(("code_verifier", v));
            }
            String::new()
        }
        Grant::RefreshToken {
            refresh_token,
            scope: s,
        } => {
            check_grant_value(refresh_token, "grant.refreshToken")?;
            params.push(("grant_type", "refresh_token"));
            params.push(("refresh_token", refresh_token));
            join_scopes(s)
        }
    };
    if !scope.is_empty() {
        params.push(("scope", &scope));
    }
    let mut headers: Vec<(String, String)> = Vec::with_capacity(3);
    match (auth, secret) {
        (ClientAuth::SecretBasic, Some(s)) => {
            headers.push((
                String::from("Authorization"),
                client_secret_basic(client.client_id, s)?,
            ));
        }
        (ClientAuth::SecretPost, Some(s)) => {
            params.push(("client_id", client.client_id));
            params.push(("client_secret", s));
        }
        _ => params.push(("client_id", client.client_id)),
    }
    check_extra(
        extra,
        RESERVED_TOKEN_PARAMS,
        "tokenRequest sets it from the grant or the client",
    )?;
    params.extend(extra.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let (content_type, body) = match client.format {
        BodyFormat::Form => {
            let mut body = String::new();
            for (n, v) in &params {
                push_pair(&mut body, n, v);
            }
            ("application/x-www-form-urlencoded", body)
        }
        BodyFormat::Json => {
            let mut body = String::from("{");
            for (i, (n, v)) in params.iter().enumerate() {
                if i > 0 {
                    body.push(',');
                }
                json::push_string(&mut body, n);
                body.push(':');
                json::push_string(&mut body, v);
            }
            body.push('}');
            ("application/json", body)
        }
    };
    headers.insert(
        0,
        (String::from("Accept"), String::from("application/json")),
    );
    headers.insert(
        0,
        (String::from("Content-Type"), String::from(content_type)),
    );
    Ok(TokenRequest {
        url: String::from(client.endpoint),
        headers,
        body,
    })
}

// ---------------------------------------------------------------------------------------
// Token response (RFC 6749 §5.1, §5.2)

/// Largest `expires_in` accepted, in seconds (u32::MAX, about 136 years: every "never"
/// sentinel servers use fits; anything larger is a broken answer, not a lifetime).
pub const MAX_EXPIRES_IN: u64 = u32::MAX as u64;
/// Largest millisecond time JavaScript numbers hold exactly.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

#[derive(Clone, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: String,
    pub token_type: String,
    /// ms since the epoch: `now + expires_in * 1000`.
    pub expires_at: Option<u64>,
    pub refresh_token: Option<String>,
    /// `[]` when the answer has no `scope` (RFC 6749 §5.1: then it is the scope requested).
    pub scope: Vec<String>,
    pub id_token: Option<String>,
}

/// Shows the token type, expiry and scope; the tokens are `[REDACTED]`.
impl core::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &"[REDACTED]")
            .field("token_type", &self.token_type)
            .field("expires_at", &self.expires_at)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("scope", &self.scope)
            .field("id_token", &self.id_token.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// An RFC 6749 §5.2 error answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthError {
    pub code: Code,
    pub error: String,
    pub description: Option<String>,
    pub uri: Option<String>,
    /// A short message: the code, and the description made printable and cut to 200
    /// characters.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseError {
    OAuth(OAuthError),
    Other(Error),
}

impl From<Error> for ResponseError {
    fn from(e: Error) -> Self {
        ResponseError::Other(e)
    }
}

/// The code for an OAuth `error` value.
pub fn oauth_error_code(error: &str) -> Code {
    match error {
        "invalid_request" => Code::OAuthInvalidRequest,
        "invalid_client" => Code::OAuthInvalidClient,
        "invalid_grant" => Code::OAuthInvalidGrant,
        "unauthorized_client" => Code::OAuthUnauthorizedClient,
        "unsupported_grant_type" => Code::OAuthUnsupportedGrantType,
        "invalid_scope" => Code::OAuthInvalidScope,
        _ => Code::OAuthError,
    }
}

/// An OAuth error answer from `who` (the token endpoint, the authorization server): the
/// fields as sent, and a message of the error code and the description made printable
/// and bounded.
fn oauth_error(
    code: Code,
    who: &str,
    error: String,
    description: Option<String>,
    uri: Option<String>,
) -> OAuthError {
    let mut message = String::from(who);
    message.push_str(" answered ");
    message.push_str(&printable(&error, 64));
    if let Some(d) = &description {
        message.push_str(": ");
        message.push_str(&printable(d, 200));
    }
    OAuthError {
        code,
        error,
        description,
        uri,
        message,
    }
}

fn invalid(m: &str) -> ResponseError {
    ResponseError::Other(Error::auth(
        Code::InvalidTokenResponse,
        msg(&["token response: ", m]),
    ))
}

/// Printable, bounded text for a message: control characters become `?`, at most `max`
/// characters.
fn printable(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { '?' } else { c });
    }
    out
}

/// The members of a token response the core reads.
pub const RESPONSE_KEYS: &[&str] = &[
    "access_token",
    "token_type",
    "expires_in",
    "refresh_token",
    "scope",
    "id_token",
    "error",
    "error_description",
    "error_uri",
];

/// Reads a token response from its JSON text.
pub fn parse_token_response_text(
    text: &str,
    now_ms: u64,
) -> core::result::Result<TokenSet, ResponseError> {
    let members = json::parse_object(text).map_err(|e| {
        invalid(match e {
            JsonError::Syntax => "the body is not JSON (is it an HTML error page or a form-encoded answer? send Accept: application/json)",
            JsonError::NotObject => "the body is JSON but not an object",
            JsonError::DuplicateKey => "the JSON object has a key twice",
            JsonError::TooDeep => "the JSON is nested too deeply",
        })
    })?;
    parse_token_response(&members, now_ms)
}

/// Reads a token response from its top-level members (from [`json::parse_object`], or
/// from a JS object's own properties). `null` counts as absent for optional members.
pub fn parse_token_response(
    members: &[(String, Value)],
    now_ms: u64,
) -> core::result::Result<TokenSet, ResponseError> {
    let get = |k: &str| {
        members
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v)
            .filter(|v| **v != Value::Null)
    };
    let opt_str = |k: &str| match get(k) {
        Some(Value::Str(s)) => Some(s.clone()),
        _ => None,
    };

    if let Some(e) = get("error") {
        let Value::Str(error) = e else {
            return Err(invalid("error must be a string"));
        };
        if error.is_empty() {
            return Err(invalid("error must not be empty"));
        }
        return Err(ResponseError::OAuth(oauth_error(
            oauth_error_code(error),
            "the token endpoint",
            error.clone(),
            opt_str("error_description"),
            opt_str("error_uri"),
        )));
    }

    let access_token = match get("access_token") {
        Some(Value::Str(s)) if is_vschars(s) => s.clone(),
        Some(Value::Str(_)) => {
            return Err(invalid(
                "access_token must be 1 or more printable ASCII characters",
            ))
        }
        Some(_) => return Err(invalid("access_token must be a string")),
        None => return Err(invalid("access_token is missing")),
    };
    let token_type = match get("token_type") {
        Some(Value::Str(s)) if is_type_name(s) => s.clone(),
        Some(Value::Str(_)) => {
            return Err(invalid(
                "token_type must be letters, digits, '-', '.' or '_' (RFC 6749 Appendix A.13)",
            ))
        }
        Some(_) => return Err(invalid("token_type must be a string")),
        None => return Err(invalid("token_type is missing")),
    };
    // RFC 6749 §5.1 says a number, but servers send `"3600"` too (NetDocuments, CMS BCDA,
    // Spring Authorization Server, WordPress OAuth Server, Delta Sharing): a string of
    // ASCII decimal digits (no sign, space, fraction, exponent or leading zero) in the
    // same range is read as that number; any other string is refused.
    let lifetime = match get("expires_in") {
        None => None,
        Some(Value::Num(n)) => Some(*n),
        Some(Value::Str(s)) => Some(Some(crate::encoding::parse_decimal(s, MAX_EXPIRES_IN).ok_or_else(|| {
            invalid("expires_in as a string must be decimal digits (no sign, space, fraction or leading zero), at most 4294967295")
        })?)),
        Some(_) => return Err(invalid("expires_in must be a JSON number (or a string of decimal digits)")),
    };
    let expires_at = match lifetime {
        None => None,
        Some(Some(n)) if n <= MAX_EXPIRES_IN => {
            let at = n
                .checked_mul(1000)
                .and_then(|ms| now_ms.checked_add(ms))
                .filter(|at| *at <= MAX_SAFE_INTEGER)
                .ok_or_else(|| invalid("now + expires_in is past Number.MAX_SAFE_INTEGER"))?;
            Some(at)
        }
        Some(_) => {
            return Err(invalid(
                "expires_in must be a non-negative number of seconds, at most 4294967295",
            ))
        }
    };
    let refresh_token = match get("refresh_token") {
        None => None,
        Some(Value::Str(s)) if is_vschars(s) => Some(s.clone()),
        Some(Value::Str(_)) => {
            return Err(invalid(
                "refresh_token must be 1 or more printable ASCII characters",
            ))
        }
        Some(_) => return Err(invalid("refresh_token must be a string")),
    };
    let scope = match get("scope") {
        None => Vec::new(),
        Some(Value::Str(s)) => parse_scopes([s.as_str()])
            .map_err(|_| invalid("scope has a character outside RFC 6749 §3.3's set"))?,
        Some(_) => return Err(invalid("scope must be a space-separated string")),
    };
    let id_token = match get("id_token") {
        None => None,
        Some(Value::Str(s)) if is_vschars(s) => Some(s.clone()),
        Some(_) => return Err(invalid("id_token must be a non-empty printable string")),
    };
    Ok(TokenSet {
        access_token,
        token_type,
        expires_at,
        refresh_token,
        scope,
        id_token,
    })
}

/// Whether a token set expiring at `expires_at` (ms) should be refreshed at `now_ms`:
/// once `now + skew` reaches the expiry. Without an expiry the answer is `false` (only a
/// 401 tells).
pub fn needs_refresh(expires_at: Option<u64>, now_ms: u64, skew_sec: u64) -> bool {
    match expires_at {
        None => false,
        Some(at) => now_ms.saturating_add(skew_sec.saturating_mul(1000)) >= at,
    }
}

pub mod callback;

#[cfg(test)]
mod tests;
