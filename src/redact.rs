//! Masks credentials in headers, header text and URLs so they can be logged.
//! `Authorization: Bearer abc` becomes `Authorization: Bearer ****`: the scheme word
//! stays (logs remain useful), the secret never does.
#![forbid(unsafe_code)]

use alloc::string::String;

use crate::url::mask_url;

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
}

fn lower_contains(name: &str, needle: &str) -> bool {
    name.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether a header carries credentials, and how to mask it.
pub fn header_style(name: &str) -> Option<Style> {
    let n = name.trim();
    if n.eq_ignore_ascii_case("authorization") || n.eq_ignore_ascii_case("proxy-authorization") {
        return Some(Style::KeepScheme);
    }
    if n.eq_ignore_ascii_case("cookie") || n.eq_ignore_ascii_case("set-cookie") {
        return Some(Style::Cookie);
    }
    const WORDS: &[&str] = &[
        "token",
        "secret",
        "signature",
        "password",
        "passwd",
        "api-key",
        "api_key",
        "apikey",
        "x-auth",
        "session",
        "credential",
        "hmac",
    ];
    if WORDS.iter().any(|w| lower_contains(n, w)) {
        return Some(Style::Whole);
    }
    None
}

/// Whether a query parameter carries credentials.
pub fn is_sensitive_param(name: &str) -> bool {
    const EXACT: &[&str] = &["key", "code", "sig", "pass", "pwd", "auth"];
    EXACT.iter().any(|e| name.eq_ignore_ascii_case(e)) || header_style(name).is_some()
}

/// Masks one header value according to its name.
pub fn redact_header_value(name: &str, value: &str) -> String {
    match header_style(name) {
        None => {
            if value.contains('?') || value.contains("://") {
                mask_url(value, MASK, is_sensitive_param)
            } else {
                String::from(value)
            }
        }
        Some(Style::Whole) => String::from(MASK),
        Some(Style::KeepScheme) => match value.trim_start().split_once(' ') {
            Some((scheme, _)) if !scheme.is_empty() => {
                let mut s = String::from(scheme);
                s.push(' ');
                s.push_str(MASK);
                s
            }
            _ => String::from(MASK),
        },
        Some(Style::Cookie) => {
            let mut s = String::with_capacity(value.len());
            for (i, part) in value.split(';').enumerate() {
                if i > 0 {
                    s.push(';');
                }
                match part.split_once('=') {
                    Some((n, _)) if i == 0 || name.eq_ignore_ascii_case("cookie") => {
                        s.push_str(n);
                        s.push('=');
                        s.push_str(MASK);
                    }
                    _ => s.push_str(part),
                }
            }
            s
        }
    }
}

const SCHEMES: &[&str] = &[
    "basic",
    "bearer",
    "digest",
    "token",
    "apikey",
    "hmac",
    "negotiate",
    "dpop",
    "mac",
    "aws4-hmac-sha256",
];

/// Masks a text that may be header lines (`Name: value`), a URL, or a bare
/// `Authorization` value (`Bearer abc`). Each line is treated on its own.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let (line, nl, next) = match rest.find('\n') {
            Some(i) => (
                rest.get(..i).unwrap_or(""),
                true,
                rest.get(i + 1..).unwrap_or(""),
            ),
            None => (rest, false, ""),
        };
        let (line, cr) = match line.strip_suffix('\r') {
            Some(l) => (l, true),
            None => (line, false),
        };
        out.push_str(&redact_line(line));
        if cr {
            out.push('\r');
        }
        if !nl {
            break;
        }
        out.push('\n');
        rest = next;
    }
    out
}

fn redact_line(line: &str) -> String {
    // `Name: value` with a header-name token before the colon.
    if let Some((name, value)) = line.split_once(':') {
        if crate::headers::is_token(name.trim_end()) && !value.starts_with("//") {
            let lead = value.len() - value.trim_start().len();
            let mut s = String::from(name);
            s.push(':');
            s.push_str(value.get(..lead).unwrap_or(""));
            s.push_str(&redact_header_value(name, value.trim_start()));
            return s;
        }
    }
    // A bare credentials value: `Bearer abc`.
    let trimmed = line.trim_start();
    if let Some((scheme, cred)) = trimmed.split_once(' ') {
        if SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)) && !cred.trim().is_empty() {
            let mut s = String::from(line.get(..line.len() - trimmed.len()).unwrap_or(""));
            s.push_str(scheme);
            s.push(' ');
            s.push_str(MASK);
            return s;
        }
    }
    // A URL, a path with a query, or a request line (`GET /p?api_token=… HTTP/1.1`).
    let mut s = String::with_capacity(line.len());
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            s.push(' ');
        }
        if word.contains('?') || word.contains('@') || word.contains('=') {
            if word.contains('?') || word.contains("://") {
                s.push_str(&mask_url(word, MASK, is_sensitive_param));
            } else {
                // a bare query string: `a=1&api_token=x`
                let mut q = String::from("?");
                q.push_str(word);
                let masked = mask_url(&q, MASK, is_sensitive_param);
                s.push_str(masked.get(1..).unwrap_or(""));
            }
        } else {
            s.push_str(word);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            redact_header_value("Authorization", "Bearer abc.def"),
            "Bearer ****"
        );
        assert_eq!(redact_header_value("authorization", "abc"), "****");
        assert_eq!(redact_header_value("api_token", "e59d…"), "****");
        assert_eq!(redact_header_value("X-API-Key", "k"), "****");
        assert_eq!(redact_header_value("Cookie", "a=1; b=2"), "a=****; b=****");
        assert_eq!(
            redact_header_value("Set-Cookie", "sid=1; Path=/; HttpOnly"),
            "sid=****; Path=/; HttpOnly"
        );
        assert_eq!(
            redact_header_value("X-Hub-Signature-256", "sha256=ab"),
            "****"
        );
        assert_eq!(
            redact_header_value("Content-Type", "application/json"),
            "application/json"
        );
        assert_eq!(
            redact_header_value("Location", "https://h/cb?code=abc&state=1"),
            "https://h/cb?code=****&state=1"
        );
    }

    #[test]
    fn texts() {
        assert_eq!(redact_text("Bearer abc"), "Bearer ****");
        assert_eq!(
            redact_text("GET /v1.0/lock?api_token=abc123 HTTP/1.1\r\nHost: h\r\nAuthorization: Basic QWxh\r\n"),
            "GET /v1.0/lock?api_token=**** HTTP/1.1\r\nHost: h\r\nAuthorization: Basic ****\r\n"
        );
        assert_eq!(
            redact_text("https://u:p@h/x?access_token=t#f"),
            "https://u:****@h/x?access_token=****#f"
        );
        assert_eq!(
            redact_text("client_id=a&client_secret=b"),
            "client_id=a&client_secret=****"
        );
        assert_eq!(redact_text("nothing here"), "nothing here");
    }
}
