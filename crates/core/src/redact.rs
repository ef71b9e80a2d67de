#![forbid(unsafe_code)]
//! Masks credentials in headers, header text and URLs so they can be logged.
//! `Authorization: Bearer abc` becomes `Authorization: Bearer ****`: the scheme word
//! stays (logs remain useful), the secret never does.
//!
//! What is masked:
//! - headers: `Authorization`, `Proxy-Authorization` and any name containing
//!   "authorization" keep their scheme word; `Cookie` keeps cookie names; `Set-Cookie`
//!   keeps names and attributes (`Path`, `Expires` …), also when several are joined with
//!   commas; names containing token, secret, signature, password, api-key, session,
//!   credential, hmac … or ending in `-key`/`_key`/`-sig` (`api_token`, `X-API-Key`,
//!   `X-Hub-Signature-256`, `Stripe-Signature`, `X-Shopify-Hmac-Sha256`,
//!   `webhook-signature`, `svix-signature`, `x-mes-signature` …) are masked whole;
//! - URLs: credential query parameters (also in a `#fragment`, where the OAuth implicit
//!   flow puts tokens), the password of `user:password@`, and a bare `token@host`
//!   userinfo; a URL nested in a parameter value is masked whole if it holds one;
//! - text: header lines (`Name: value`, with folded continuation lines), request lines,
//!   bare `Bearer abc` values, `name=value` pairs, and JSON `"name": "value"` members
//!   whose name is a credential.
//!
//! Every function is linear in its input and never fails.

use alloc::string::String;

use crate::encoding::percent_decode;

pub const MASK: &str = "****";

/// How a header's value is masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Keep the auth-scheme word: `Bearer ****`.
    KeepScheme,
    /// Mask the whole value.
    Whole,
    /// Mask cookie values but keep their names: `a=****; b=****`.
    Cookie,
    /// Mask the cookie value, keep the name and the attributes.
    SetCookie,
}

/// Parts of names that mark a credential (lowercase).
const NAME_WORDS: &[&str] = &[
    "token",
    "secret",
    "signature",
    "password",
    "passwd",
    "passphrase",
    "passcode",
    "api-key",
    "api_key",
    "apikey",
    "accesskey",
    "authkey",
    "privatekey",
    "x-auth",
    "session",
    "credential",
    "hmac",
    "cookie",
    "jwt",
];

/// Names that match the rules above but carry no secret.
const NOT_SECRET: &[&str] = &["idempotency-key", "x-idempotency-key", "sec-websocket-key"];

/// Endings of names that describe a credential rather than hold one: `token_type`,
/// `token_type_hint`, `oauth_signature_method`, `max_tokens`, `token_endpoint`.
const DESCRIPTORS: &[&str] = &[
    "_type",
    "-type",
    "_hint",
    "_method",
    "-method",
    "_endpoint",
    "_uri",
    "_url",
    "-url",
    "tokens",
    "_count",
    "-count",
    "_length",
    "-length",
];

/// Whether a header carries credentials, and how to mask it.
pub fn header_style(name: &str) -> Option<Style> {
    let n = name.trim_matches([' ', '\t']).to_ascii_lowercase();
    match n.as_str() {
        "authorization" | "proxy-authorization" => return Some(Style::KeepScheme),
        "cookie" => return Some(Style::Cookie),
        "set-cookie" | "set-cookie2" => return Some(Style::SetCookie),
        _ => {}
    }
    if NOT_SECRET.contains(&n.as_str()) || DESCRIPTORS.iter().any(|d| n.ends_with(d)) {
        return None;
    }
    if n.contains("authorization") {
        return Some(Style::KeepScheme);
    }
    let suffix = ["-key", "_key", ".key", "-sig", "_sig"]
        .iter()
        .any(|s| n.ends_with(s));
    (suffix || NAME_WORDS.iter().any(|w| n.contains(w))).then_some(Style::Whole)
}

/// Whether a query parameter (or a JSON member, or a `name=value` pair) carries
/// credentials. `name` is already percent-decoded.
pub fn is_sensitive_param(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "key",
        "code",
        "sig",
        "pass",
        "pwd",
        "pin",
        "otp",
        "auth",
        "sid",
        "ticket",
        "auth_code",
        "device_code",
    ];
    const WORDS: &[&str] = &["verifier", "assertion"];
    let n = name.trim().to_ascii_lowercase();
    EXACT.contains(&n.as_str()) || WORDS.iter().any(|w| n.contains(w)) || header_style(&n).is_some()
}

/// Auth-scheme words recognised at the start of a bare value or before a credential.
const SCHEMES: &[&str] = &[
    "basic",
    "bearer",
    "digest",
    "token",
    "apikey",
    "hmac",
    "negotiate",
    "ntlm",
    "dpop",
    "mac",
    "oauth",
    "hawk",
    "sharedkey",
    "gnap",
    "ssws",
    "sso-key",
    "signature",
    "hoba",
    "mutual",
    "vapid",
    "privatetoken",
    "concealed",
    "scram-sha-1",
    "scram-sha-256",
    "aws4-hmac-sha256",
];

/// Schemes that are not English words: in free text the word after them is masked
/// whatever it looks like (after `Basic` or `Token` only a credential-looking word is).
const STRONG_SCHEMES: &[&str] = &[
    "bearer",
    "dpop",
    "negotiate",
    "ntlm",
    "apikey",
    "gnap",
    "ssws",
    "sso-key",
    "aws4-hmac-sha256",
    "scram-sha-1",
    "scram-sha-256",
];

/// Schemes whose credentials are a parameter list: everything after them is masked.
const PARAM_SCHEMES: &[&str] = &[
    "digest",
    "oauth",
    "hawk",
    "signature",
    "hoba",
    "mutual",
    "vapid",
    "privatetoken",
    "concealed",
    "scram-sha-1",
    "scram-sha-256",
    "aws4-hmac-sha256",
];

fn is_ws(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn trim_ws_start(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(|&c| is_ws(c)).count();
    s.split_at_checked(n).unwrap_or(("", s))
}

/// `s` split at byte `at` with the byte there (an ASCII separator) dropped:
/// `(before, after)`; `(s, None)` when `at` is the end.
fn split_around(s: &str, at: usize) -> (&str, Option<&str>) {
    match s.split_at_checked(at) {
        Some((before, sep_rest)) if !sep_rest.is_empty() => {
            (before, Some(sep_rest.get(1..).unwrap_or("")))
        }
        _ => (s, None),
    }
}

fn is_known_scheme(w: &str) -> bool {
    SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(w))
}

fn is_param_scheme(w: &str) -> bool {
    PARAM_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// A word kept in front of a masked `Authorization` value: a known scheme, or a short
/// word of letters and dashes (an unknown scheme; secrets have digits or symbols).
fn is_scheme_word(w: &str) -> bool {
    is_known_scheme(w)
        || (w.len() <= 20
            && w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && w.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-'))
}

/// A word that looks like a credential rather than prose: 8+ characters of a token
/// alphabet with a digit, a symbol, or both letter cases.
fn looks_like_credential(word: &str) -> bool {
    let w = word.trim_end_matches([',', ';', '.', ')', '"', '\'']);
    let w = w.trim_start_matches(['"', '\'', '(']);
    word.len() >= 8
        && !w.is_empty()
        && w.bytes().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
        })
        && (w
            .bytes()
            .any(|c| c.is_ascii_digit() || !c.is_ascii_alphanumeric())
            || (w.bytes().any(|c| c.is_ascii_uppercase())
                && w.bytes().any(|c| c.is_ascii_lowercase())))
}

fn mask_keep_scheme(value: &str) -> String {
    let (lead, t) = trim_ws_start(value);
    if t.is_empty() {
        return String::from(value);
    }
    if let Some(i) = t.find([' ', '\t']) {
        let scheme = t.get(..i).unwrap_or("");
        if is_scheme_word(scheme) {
            let mut s = String::from(lead);
            s.push_str(scheme);
            s.push(' ');
            s.push_str(MASK);
            return s;
        }
    }
    String::from(MASK)
}

fn mask_cookie(value: &str) -> String {
    let mut s = String::with_capacity(value.len());
    for (i, part) in value.split(';').enumerate() {
        if i > 0 {
            s.push(';');
        }
        let (lead, t) = trim_ws_start(part);
        if t.trim_matches([' ', '\t']).is_empty() {
            s.push_str(part);
            continue;
        }
        s.push_str(lead);
        if let Some(n) = cookie_name(t) {
            s.push_str(n);
            s.push('=');
        }
        s.push_str(MASK);
    }
    s
}

/// The name of a `name=value` cookie pair. A pair whose value is empty or only `=` is
/// taken as a nameless value (`abc==` is base64 padding, not the cookie `abc`).
fn cookie_name(pair: &str) -> Option<&str> {
    let (n, v) = pair.split_once('=')?;
    (!v.trim_matches([' ', '\t']).bytes().all(|c| c == b'=')).then_some(n)
}

const COOKIE_ATTRIBUTES: &[&str] = &[
    "expires",
    "max-age",
    "domain",
    "path",
    "secure",
    "httponly",
    "samesite",
    "partitioned",
    "priority",
    "version",
    "comment",
    "commenturl",
    "discard",
    "port",
];

/// `Set-Cookie` values, possibly several joined with ", ": each cookie's value is
/// masked; attributes are kept; anything unknown is masked. A comma inside an `Expires`
/// date (`Wed, 21 Oct 2015 …`: a comma followed by a digit) does not start a cookie.
fn mask_set_cookie(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    let mut at_cookie = true;
    loop {
        let (_, body) = trim_ws_start(rest);
        let name_len = body.find(['=', ';', ',']).unwrap_or(body.len());
        let name = body
            .get(..name_len)
            .unwrap_or("")
            .trim_matches([' ', '\t'])
            .to_ascii_lowercase();
        let b = rest.as_bytes();
        let expires = !at_cookie && name == "expires";
        // The segment ends at a ';', or at a ',' unless it is the one inside an
        // `expires` date (`Wed, 21 Oct ...`: a digit follows it).
        let end = b
            .iter()
            .enumerate()
            .find(|&(k, &c)| {
                c == b';'
                    || (c == b','
                        && !(expires
                            && b.get(k..)
                                .and_then(|r| r.iter().skip(1).find(|&&x| !is_ws(x)))
                                .is_some_and(u8::is_ascii_digit)))
            })
            .map_or(b.len(), |(k, _)| k);
        let (seg, after) = split_around(rest, end);
        let (lead, t) = trim_ws_start(seg);
        if t.trim_matches([' ', '\t']).is_empty()
            || (!at_cookie && COOKIE_ATTRIBUTES.contains(&name.as_str()))
        {
            out.push_str(seg);
        } else {
            out.push_str(lead);
            if let Some(n) = cookie_name(t) {
                out.push_str(n);
                out.push('=');
            }
            out.push_str(MASK);
        }
        match b.get(end) {
            Some(b';') => {
                out.push(';');
                at_cookie = false;
            }
            Some(_) => {
                out.push(',');
                at_cookie = true;
            }
            None => break,
        }
        rest = after.unwrap_or("");
    }
    out
}

/// Masks the values of credential pairs in `a=1&token=x;b=2` (separators `&` and `;`).
/// With `nested`, a non-credential value that is itself a URL or query holding a
/// credential is masked whole.
fn mask_pairs(q: &str, nested: bool) -> String {
    let mut out = String::with_capacity(q.len());
    let mut rest = q;
    loop {
        let end = rest.find(['&', ';']).unwrap_or(rest.len());
        let (pair, after) = split_around(rest, end);
        match pair.split_once('=') {
            // `abc==`: base64 padding, not a parameter `abc`
            Some((_, v)) if !v.is_empty() && v.bytes().all(|c| c == b'=') => out.push_str(MASK),
            Some((n, v)) => {
                out.push_str(n);
                out.push('=');
                let sensitive = percent_decode(n, true).is_none_or(|n| is_sensitive_param(&n));
                let hides = nested
                    && !sensitive
                    && (v.contains('=') || v.contains('%') || v.contains('@'))
                    && percent_decode(v, true).is_none_or(|d| {
                        let masked = if d.contains("://") || d.contains('?') {
                            mask_url_inner(&d, false)
                        } else {
                            mask_pairs(&d, false)
                        };
                        masked != d
                    });
                out.push_str(if sensitive || hides { MASK } else { v });
            }
            None => out.push_str(pair),
        }
        match rest.as_bytes().get(end) {
            Some(&c) => out.push(char::from(c)),
            None => break,
        }
        rest = after.unwrap_or("");
    }
    out
}

fn mask_url_inner(url: &str, nested: bool) -> String {
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    if let Some((scheme, tail)) = url.split_once("://") {
        let mut authority = tail
            .get(..tail.find('/').unwrap_or(tail.len()))
            .unwrap_or("");
        // A password with an unencoded '/' (`user:pa/ss@host`, invalid but pasted into
        // configs and logs): the authority seems to end at the '/', before the '@'. When
        // what follows the ':' cannot be a port, the userinfo runs to the last '@' before
        // the query, fragment or a space.
        if !authority.contains('@') {
            if let Some((_, port)) = authority.split_once(':') {
                if !port.bytes().all(|c| c.is_ascii_digit()) {
                    let end = tail.find(['?', '#', ' ', '\t']).unwrap_or(tail.len());
                    if let Some(wide) = tail.get(..end).filter(|t| t.contains('@')) {
                        authority = wide;
                    }
                }
            }
        }
        if let Some(at) = authority.rfind('@') {
            let userinfo = authority.get(..at).unwrap_or("");
            out.push_str(scheme);
            out.push_str("://");
            match userinfo.split_once(':') {
                Some((user, _)) if !user.is_empty() && !user.contains(['?', '#']) => {
                    out.push_str(user);
                    out.push(':');
                }
                _ => {}
            }
            out.push_str(MASK);
            rest = tail.get(at..).unwrap_or("");
        }
    }
    let (before, fragment) = match rest.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (rest, None),
    };
    match before.split_once('?') {
        Some((base, q)) => {
            out.push_str(base);
            out.push('?');
            out.push_str(&mask_pairs(q, nested));
        }
        None => out.push_str(before),
    }
    if let Some(f) = fragment {
        out.push('#');
        if f.contains('=') {
            out.push_str(&mask_pairs(f, nested));
        } else {
            out.push_str(f);
        }
    }
    out
}

/// Masks a URL (absolute, or a path with a query): credential query and fragment
/// parameters and userinfo.
pub fn mask_url(url: &str) -> String {
    mask_url_inner(url, true)
}

/// Masks JSON members `"name": "value"` (or a number/literal value) whose name is a
/// credential. An unterminated credential string is masked to the end.
fn mask_json(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // bytes of `text` already in `out`

    // Indices below move with saturating adds: every index is at most `b.len()` (at most
    // isize::MAX), so none saturates; one that did would only be past the end, which
    // `b.get` reads as the end of the text.
    let count_from = |j: usize, f: fn(u8) -> bool| -> usize {
        b.get(j..)
            .map_or(0, |r| r.iter().take_while(|&&c| f(c)).count())
    };
    let past_ws = |j: usize| j.saturating_add(count_from(j, is_ws));
    // The end (after the closing quote) of the string whose opening quote is at `start`.
    let string_end = |start: usize| -> Option<usize> {
        let mut escaped = false;
        for (k, &c) in b.get(start..)?.iter().enumerate().skip(1) {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                return Some(start.saturating_add(k).saturating_add(1));
            }
        }
        None
    };
    let mut i = 0;
    // the next quote at or after i
    while let Some(q) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'"')) {
        i = i.saturating_add(q);
        let Some(key_end) = string_end(i) else {
            break;
        };
        // key_end >= i + 2 (two quotes)
        let key = text
            .get(i.saturating_add(1)..key_end.saturating_sub(1))
            .unwrap_or("");
        let mut j = past_ws(key_end);
        if b.get(j) != Some(&b':') || !is_sensitive_param(key) {
            i = key_end;
            continue;
        }
        j = past_ws(j.saturating_add(1));
        // The value: a string, or a bare literal up to , } ] or whitespace.
        let (v_start, v_end, quoted) = match b.get(j) {
            Some(b'"') => match string_end(j) {
                Some(e) => (j.saturating_add(1), e.saturating_sub(1), true),
                None => (j.saturating_add(1), b.len(), true),
            },
            Some(b'{' | b'[') | None => {
                i = j;
                continue;
            }
            Some(_) => {
                let n = count_from(j, |c| !matches!(c, b',' | b'}' | b']') && !is_ws(c));
                (j, j.saturating_add(n), false)
            }
        };
        if v_end > v_start {
            out.push_str(text.get(copied..v_start).unwrap_or(""));
            out.push_str(MASK);
            copied = v_end;
        }
        i = if quoted {
            v_end.saturating_add(1).min(b.len())
        } else {
            v_end
        };
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// Masks free text (a non-credential header value, or a line of a log). A known scheme
/// as the first word, or a scheme that is not an English word (`Bearer`), masks the next
/// word whatever it looks like; after `Basic`, `Token` … later in a text only a
/// credential-looking word (8+ token characters with a digit, a symbol or both cases)
/// is masked, so prose such as "basic authentication" stays readable.
fn redact_free(text: &str) -> String {
    let json;
    let text = if text.contains('"') {
        json = mask_json(text);
        json.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut first = true;
    // After a scheme word: mask the next word (strictly, or if it looks like one).
    let mut after_scheme: Option<(bool, bool)> = None; // (strict, param scheme)
                                                       // Inside a quoted credential value that spans words: mask until the closing quote.
    let mut in_quote = false;
    loop {
        let (space, from_word) = trim_ws_start(rest);
        out.push_str(space);
        if from_word.is_empty() {
            break;
        }
        // the word, up to the next space or tab; `from_word` goes on to the end
        let w_len = from_word.find([' ', '\t']).unwrap_or(from_word.len());
        let (w, tail) = from_word.split_at_checked(w_len).unwrap_or((from_word, ""));
        rest = tail;
        let was_first = first;
        first = false;

        if in_quote {
            out.push_str(MASK);
            in_quote = !w.contains('"');
            continue;
        }
        if let Some((strict, param)) = after_scheme.take() {
            if param && (strict || w.contains('=')) {
                out.push_str(MASK);
                return out;
            }
            if strict || looks_like_credential(w) {
                out.push_str(MASK);
                continue;
            }
        }
        // `Name: value` or `name:value` inside a text: a credential header name masks
        // the rest of the line the way the header would be masked.
        // (the first ':' of `from_word` is the one in `w`)
        if let Some((name, after)) = from_word.split_once(':').filter(|_| w.contains(':')) {
            if !after.starts_with('/') && crate::headers::is_token(name) {
                if let Some(style) = header_style(name) {
                    let (lead, value) = trim_ws_start(after);
                    out.push_str(name);
                    out.push(':');
                    out.push_str(lead);
                    out.push_str(&mask_value(style, value));
                    return out;
                }
            }
        }
        if is_known_scheme(w) {
            out.push_str(w);
            let strong = STRONG_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(w));
            after_scheme = Some((was_first || strong, is_param_scheme(w)));
            continue;
        }
        if w.contains("://") || w.contains('?') {
            out.push_str(&mask_url(w));
        } else if w.contains('=') {
            let masked = mask_pairs(w, true);
            // `password="two words"`: keep masking until the quote closes.
            if masked != w {
                if let Some((_, v)) = w.rsplit_once('=') {
                    in_quote = v.starts_with('"') && v.matches('"').count() == 1;
                }
            }
            out.push_str(&masked);
        } else {
            out.push_str(w);
        }
    }
    out
}

fn mask_value(style: Style, value: &str) -> String {
    match style {
        Style::Whole if value.trim_matches([' ', '\t']).is_empty() => String::from(value),
        Style::Whole => String::from(MASK),
        Style::KeepScheme => mask_keep_scheme(value),
        Style::Cookie => mask_cookie(value),
        Style::SetCookie => mask_set_cookie(value),
    }
}

/// Masks one header value according to its name. `WWW-Authenticate` and
/// `Proxy-Authenticate` are challenges (no client credentials): they are kept as sent,
/// so `Bearer realm="x", error="invalid_token"` stays readable in logs.
pub fn redact_header_value(name: &str, value: &str) -> String {
    match header_style(name) {
        Some(style) => mask_value(style, value),
        None if is_challenge_header(name) => String::from(value),
        None => redact_free(value),
    }
}

fn is_challenge_header(name: &str) -> bool {
    let n = name.trim_matches([' ', '\t']);
    n.eq_ignore_ascii_case("www-authenticate") || n.eq_ignore_ascii_case("proxy-authenticate")
}

/// `Name: value` with a header-name token before the colon (not a URL's `scheme://`).
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    (crate::headers::is_token(name.trim_end_matches([' ', '\t'])) && !value.starts_with("//"))
        .then_some((name, value))
}

/// Masks a text that may be header lines (`Name: value`), a URL, a request line, a bare
/// `Authorization` value (`Bearer abc`), `name=value` pairs or JSON. Each line is
/// treated on its own, except that a folded continuation line (starting with a space or
/// tab) of a credential header is masked too.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_credential_header = false;
    loop {
        let (line, next) = match rest.split_once('\n') {
            Some((l, n)) => (l, Some(n)),
            None => (rest, None),
        };
        let (line, cr) = match line.strip_suffix('\r') {
            Some(l) => (l, true),
            None => (line, false),
        };
        let (lead, body) = trim_ws_start(line);
        if !lead.is_empty() && in_credential_header && !body.is_empty() {
            out.push_str(lead);
            out.push_str(MASK);
        } else if let Some((name, value)) = header_line(line) {
            let (vlead, v) = trim_ws_start(value);
            let style = header_style(name);
            in_credential_header = style.is_some();
            out.push_str(name);
            out.push(':');
            out.push_str(vlead);
            out.push_str(&redact_header_value(name, v));
        } else {
            in_credential_header = false;
            out.push_str(&redact_free(line));
        }
        if cr {
            out.push('\r');
        }
        match next {
            Some(n) => {
                out.push('\n');
                rest = n;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let cases: &[(&str, &str, &str)] = &[
            ("Authorization", "Bearer abc.def", "Bearer ****"),
            ("authorization", "abc", "****"),
            ("Authorization", "sk-live-123 456", "****"),
            (
                "Authorization",
                "  Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
                "  Basic ****",
            ),
            (
                "Authorization",
                "Digest username=\"a\", response=\"b\"",
                "Digest ****",
            ),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=ab",
                "AWS4-HMAC-SHA256 ****",
            ),
            ("Proxy-Authorization", "Basic abc", "Basic ****"),
            ("X-Forwarded-Authorization", "Bearer abc", "Bearer ****"),
            ("Authorization", "", ""),
            ("api_token", "e59d…", "****"),
            ("X-API-Key", "k", "****"),
            ("Ocp-Apim-Subscription-Key", "k", "****"),
            ("X-Hub-Signature-256", "sha256=ab", "****"),
            ("Stripe-Signature", "t=1,v1=ab", "****"),
            ("X-Slack-Signature", "v0=ab", "****"),
            ("X-Shopify-Hmac-Sha256", "ab==", "****"),
            ("webhook-signature", "v1,ab", "****"),
            ("svix-signature", "v1,ab", "****"),
            ("x-mes-signature", "ab", "****"),
            ("X-CSRF-Token", "ab", "****"),
            ("Cookie", "a=1; b=2", "a=****; b=****"),
            ("Cookie", "nameless; a=1;", "****; a=****;"),
            ("Cookie", "YWJjZA==; a=", "****; ****"),
            ("Set-Cookie", "YWJjZA==; Path=/", "****; Path=/"),
            (
                "Set-Cookie",
                "sid=1; Path=/; HttpOnly",
                "sid=****; Path=/; HttpOnly",
            ),
            (
                "Set-Cookie",
                "sid=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure, other=2; Max-Age=60",
                "sid=****; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure, other=****; Max-Age=60",
            ),
            (
                "set-cookie",
                "a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT, b=2",
                "a=****; Expires=Wed, 21 Oct 2015 07:28:00 GMT, b=****",
            ),
            (
                "Set-Cookie",
                "secretonly; Weird=x; flag",
                "****; Weird=****; ****",
            ),
            ("Content-Type", "application/json", "application/json"),
            ("Idempotency-Key", "abc", "abc"),
            (
                "Location",
                "https://h/cb?code=abc&state=1",
                "https://h/cb?code=****&state=1",
            ),
            (
                "Location",
                "https://app/cb#access_token=abc&token_type=bearer",
                "https://app/cb#access_token=****&token_type=bearer",
            ),
            ("X-Debug", "Bearer abc", "Bearer ****"),
            (
                "WWW-Authenticate",
                r#"Bearer realm="example", error="invalid_token""#,
                r#"Bearer realm="example", error="invalid_token""#,
            ),
        ];
        for (name, value, want) in cases {
            assert_eq!(redact_header_value(name, value), *want, "{name}: {value}");
        }
    }

    #[test]
    fn urls() {
        let cases: &[(&str, &str)] = &[
            (
                "https://u:pw@h/p?api_token=abc&x=1#f",
                "https://u:****@h/p?api_token=****&x=1#f",
            ),
            (
                "https://ghp_abc@github.com/o/r.git",
                "https://****@github.com/o/r.git",
            ),
            ("https://u:p@ss@h/", "https://u:****@h/"),
            // fuzz (redact): a '/' in the password must not end the userinfo
            (
                "https://user:S3cr/AAAAAAAA@h.example/",
                "https://user:****@h.example/",
            ),
            ("https://u:pa/ss/x@h/p?q=1", "https://u:****@h/p?q=1"),
            ("https://h:8080/p/@me", "https://h:8080/p/@me"),
            ("/p?x=1", "/p?x=1"),
            (
                "/p?api%5Ftoken=1&Access_Token=2",
                "/p?api%5Ftoken=****&Access_Token=****",
            ),
            ("/p?a=1;token=2", "/p?a=1;token=****"),
            (
                "/p?client_secret=a=b&code_verifier=v",
                "/p?client_secret=****&code_verifier=****",
            ),
            ("/p?key&sig=", "/p?key&sig=****"),
            ("/p?YWJjZA==&x=1", "/p?****&x=1"),
            (
                "/login?next=https%3A%2F%2Fh%2Fcb%3Fcode%3Dabc&x=1",
                "/login?next=****&x=1",
            ),
            ("/login?next=%2Fhome&x=1", "/login?next=%2Fhome&x=1"),
            ("/p?%ff=secret", "/p?%ff=****"),
        ];
        for (url, want) in cases {
            assert_eq!(mask_url(url), *want, "{url}");
        }
    }

    #[test]
    fn texts() {
        let cases: &[(&str, &str)] = &[
            ("Bearer abc", "Bearer ****"),
            ("bearer abc def", "bearer **** def"),
            (
                "GET /v1.0/lock?api_token=abc123 HTTP/1.1\r\nHost: h\r\nAuthorization: Basic QWxh\r\n",
                "GET /v1.0/lock?api_token=**** HTTP/1.1\r\nHost: h\r\nAuthorization: Basic ****\r\n",
            ),
            ("https://u:p@h/x?access_token=t#f", "https://u:****@h/x?access_token=****#f"),
            ("client_id=a&client_secret=b", "client_id=a&client_secret=****"),
            ("nothing here", "nothing here"),
            ("a basic example of token use", "a basic example of token use"),
            (
                "request failed: Authorization: Bearer abc.def (401)",
                "request failed: Authorization: Bearer ****",
            ),
            ("sent password: hunter2 to the server", "sent password: ****"),
            ("config api_token:abc", "config api_token:****"),
            ("retrying with Bearer eyJhbGciOi.x.y now", "retrying with Bearer **** now"),
            ("Digest username=\"a\", realm=\"r x\", response=\"c\"", "Digest ****"),
            (
                "Authorization: Digest username=\"a\",\r\n response=\"c\"\r\nHost: h",
                "Authorization: Digest ****\r\n ****\r\nHost: h",
            ),
            ("Host: h\r\n folded", "Host: h\r\n folded"),
            (
                r#"{"access_token":"abc","token_type":"bearer","expires_in":3600}"#,
                r#"{"access_token":"****","token_type":"bearer","expires_in":3600}"#,
            ),
            (
                r#"{"refresh_token": "r\"x", "pin": 1234, "user": "u"}"#,
                r#"{"refresh_token": "****", "pin": ****, "user": "u"}"#,
            ),
            (r#"{"password":"unterminated"#, r#"{"password":"****"#),
            (r#"login password="two words" ok"#, r#"login password=**** **** ok"#),
            ("Set-Cookie: sid=1; Path=/", "Set-Cookie: sid=****; Path=/"),
            (
                "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Negotiate abc==, Basic realm=\"x\"",
                "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Negotiate abc==, Basic realm=\"x\"",
            ),
            (
                "Content-Type: multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
                "Content-Type: multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
            ),
            (
                "Link: <https://api.github.com/user/repos?page=2>; rel=\"next\"",
                "Link: <https://api.github.com/user/repos?page=2>; rel=\"next\"",
            ),
            ("", ""),
            ("\n\r\n", "\n\r\n"),
        ];
        for (text, want) in cases {
            assert_eq!(redact_text(text), *want, "{text:?}");
        }
    }

    /// Time for every redaction of inputs of `n` bytes (each shape scaled to about `n`).
    fn redact_all(n: usize) -> std::time::Duration {
        let inputs = [
            "a=1&".repeat(n / 4),
            "\"k\":".repeat(n / 4),
            "Bearer ".repeat(n / 7),
            "x".repeat(n),
            "h: v\n".repeat(n / 5),
            ";".repeat(n),
            "\"".repeat(n),
            std::format!(
                "https://{}@h/?{}",
                "u".repeat(n / 2),
                "token=x&".repeat(n / 16)
            ),
        ];
        let t = std::time::Instant::now();
        for i in &inputs {
            let _ = redact_text(i);
            let _ = redact_header_value("Set-Cookie", i);
            let _ = redact_header_value("Cookie", i);
            let _ = redact_header_value("Location", i);
        }
        t.elapsed()
    }

    #[test]
    fn large_inputs_take_linear_time() {
        // 16x the input must take about 16x the time (a quadratic step would take 256x).
        // A ratio, not a time limit, so a loaded machine does not decide the outcome; the
        // best of three runs of each size smooths out a stall.
        let best = |n| (0..3).map(|_| redact_all(n)).min().unwrap_or_default();
        let small = best(16 << 10);
        let large = best(256 << 10);
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        assert!(
            ratio < 64.0,
            "16x the input took {ratio:.1}x the time ({small:?} -> {large:?})"
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Secrets as APIs issue them: base64/base64url/hex-like, 8+ characters.
    const HEADER_SECRET: &str = "[A-Za-z0-9+/_.~-]{8,40}={0,2}";
    /// Secrets that appear in URLs unencoded (RFC 3986 unreserved).
    const URL_SECRET: &str = "[A-Za-z0-9_.~-]{8,40}";

    const HEADER_POSITIONS: &[(&str, &str)] = &[
        ("Authorization", "Bearer {S}"),
        ("Authorization", "Basic {S}"),
        ("Authorization", "{S}"),
        ("Authorization", "Token {S}"),
        (
            "Authorization",
            "Digest username=\"u\", realm=\"a b\", response=\"{S}\"",
        ),
        (
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIA/20240101, Signature={S}",
        ),
        ("authorization", "  bearer {S}  "),
        ("Proxy-Authorization", "Basic {S}"),
        ("api_token", "{S}"),
        ("X-API-Key", "{S}"),
        ("X-Auth-Token", "{S}"),
        ("Cookie", "sid={S}; theme=dark"),
        ("Cookie", "a=1; sid={S}"),
        ("Cookie", "{S}"),
        ("Set-Cookie", "sid={S}; Path=/; HttpOnly"),
        ("Set-Cookie", "a=1; Path=/, sid={S}; Secure"),
        (
            "Set-Cookie",
            "a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT, sid={S}",
        ),
        ("Set-Cookie", "{S}; Path=/"),
        ("X-Hub-Signature-256", "sha256={S}"),
        ("Stripe-Signature", "t=1492774577,v1={S}"),
        ("X-Slack-Signature", "v0={S}"),
        ("X-Shopify-Hmac-Sha256", "{S}"),
        ("webhook-signature", "v1,{S}"),
        ("svix-signature", "v1,{S}"),
        ("x-mes-signature", "{S}"),
        ("X-Debug", "Bearer {S}"),
    ];

    const URL_PARAMS: &[&str] = &[
        "api_token",
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "code",
        "token",
        "key",
        "api_key",
        "apikey",
        "password",
        "signature",
        "sig",
        "X-Amz-Signature",
        "X-Amz-Security-Token",
        "code_verifier",
        "client_assertion",
        "Access_Token",
        "api%5Ftoken",
    ];

    const URL_POSITIONS: &[&str] = &[
        "https://h/p?{P}={S}",
        "https://h/p?x=1&{P}={S}&y=2#frag",
        "https://h/p?x=1;{P}={S}",
        "https://app/cb#{P}={S}&state=x",
        "/v1.0/lock?{P}={S}",
        "https://user:{S}@h/p?x=1",
        "https://{S}@h/p",
        "https://h/login?next=https%3A%2F%2Fh%2Fcb%3F{P}%3D{S}",
    ];

    fn place(template: &str, secret: &str, param: &str) -> String {
        template.replace("{P}", param).replace("{S}", secret)
    }

    fn check(input: &str, output: &str, secret: &str, template: &str) -> Result<(), TestCaseError> {
        prop_assert!(
            !output.contains(secret),
            "secret {:?} survived in {:?} (from {:?}, template {:?})",
            secret,
            output,
            input,
            template
        );
        Ok(())
    }

    proptest! {
        #[test]
        fn header_secrets_never_survive(secret in HEADER_SECRET, crlf in any::<bool>()) {
            for (name, template) in HEADER_POSITIONS {
                // the secret must not be part of the fixed text around it
                prop_assume!(!name.contains(&secret) && !template.contains(&secret));
                let value = place(template, &secret, "");
                check(&value, &redact_header_value(name, &value), &secret, template)?;
                let nl = if crlf { "\r\n" } else { "\n" };
                let text = std::format!("GET /p HTTP/1.1{nl}Host: h{nl}{name}: {value}{nl}Accept: */*");
                check(&text, &redact_text(&text), &secret, template)?;
                // in prose, a header name is recognised when it is a credential header
                if header_style(name).is_some() {
                    let prose = std::format!("request failed, {name}: {value}");
                    check(&prose, &redact_text(&prose), &secret, template)?;
                }
            }
            for bare in ["Bearer {S}", "Basic {S}", "client_id=a&client_secret={S}",
                "retrying with Bearer {S} now", "x Negotiate {S}", "DPoP {S}",
                "{\"access_token\":\"{S}\",\"token_type\":\"Bearer\"}",
                "{\"refresh_token\": \"{S}\"}", "password={S}", "api_token: {S}"] {
                let text = place(bare, &secret, "");
                check(&text, &redact_text(&text), &secret, bare)?;
            }
        }

        #[test]
        fn url_secrets_never_survive(secret in URL_SECRET) {
            for template in URL_POSITIONS {
                for param in URL_PARAMS {
                    prop_assume!(!template.contains(&secret) && !param.contains(&secret));
                    let url = place(template, &secret, param);
                    check(&url, &mask_url(&url), &secret, template)?;
                    check(&url, &redact_text(&url), &secret, template)?;
                    let line = std::format!("GET {url} HTTP/1.1");
                    check(&line, &redact_text(&line), &secret, template)?;
                    check(&url, &redact_header_value("Location", &url), &secret, template)?;
                }
            }
        }

        #[test]
        fn never_panics(s in ".{0,200}", name in ".{0,20}") {
            let _ = redact_text(&s);
            let _ = redact_header_value(&name, &s);
            let _ = mask_url(&s);
            for n in ["Set-Cookie", "Cookie", "Authorization"] {
                let _ = redact_header_value(n, &s);
            }
        }
    }
}
