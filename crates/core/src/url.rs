//! Just enough URL handling for credentials: set or mask one query parameter while
//! keeping the other parameters and the fragment exactly as they were.
#![forbid(unsafe_code)]

use alloc::string::String;

use crate::encoding::{percent_decode, percent_encode};
use crate::error::{Code, Error, Result};

/// The parts of a URL-ish string: everything before `?`, the query (without `?`), and
/// the fragment (with its `#`).
pub struct Split<'a> {
    pub base: &'a str,
    pub query: Option<&'a str>,
    pub fragment: &'a str,
}

pub fn split(url: &str) -> Split<'_> {
    let (rest, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    match rest.split_once('?') {
        Some((base, query)) => Split {
            base,
            query: Some(query),
            fragment,
        },
        None => Split {
            base: rest,
            query: None,
            fragment,
        },
    }
}

/// Refuses URLs that would smuggle anything into a request line: control characters,
/// spaces, and empty strings.
pub fn check_url(url: &str) -> Result<()> {
    if url.is_empty() || url.chars().any(|c| c.is_control() || c == ' ') {
        return Err(Error::auth(
            Code::InvalidUrl,
            "url must be non-empty with no spaces or control characters",
        ));
    }
    Ok(())
}

/// The decoded name of a `name=value` query pair.
fn pair_name(pair: &str) -> Option<String> {
    let raw = pair.split_once('=').map_or(pair, |(n, _)| n);
    percent_decode(raw, true)
}

/// Sets query parameter `name` to `value` (both percent-encoded): every existing
/// parameter of that name is replaced, the others and the fragment are kept.
pub fn set_query_param(url: &str, name: &str, value: &str) -> Result<String> {
    check_url(url)?;
    let parts = split(url);
    // a capacity hint (saturated, it would fail to allocate as the real size would)
    let cap = value
        .len()
        .saturating_mul(3)
        .saturating_add(url.len())
        .saturating_add(name.len())
        .saturating_add(2);
    let mut out = String::with_capacity(cap);
    out.push_str(parts.base);
    out.push('?');
    let mut first = true;
    if let Some(q) = parts.query {
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            if pair_name(pair).as_deref() == Some(name) {
                continue;
            }
            if !first {
                out.push('&');
            }
            out.push_str(pair);
            first = false;
        }
    }
    if !first {
        out.push('&');
    }
    out.push_str(&percent_encode(name));
    out.push('=');
    out.push_str(&percent_encode(value));
    out.push_str(parts.fragment);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_placement() {
        assert_eq!(
            set_query_param("http://h/v1.0/lock", "api_token", "a b").unwrap(),
            "http://h/v1.0/lock?api_token=a%20b"
        );
        assert_eq!(
            set_query_param(
                "http://h/p?x=1&api_token=old&y=2#frag",
                "api_token",
                "k&v=1"
            )
            .unwrap(),
            "http://h/p?x=1&y=2&api_token=k%26v%3D1#frag"
        );
        assert_eq!(set_query_param("/p?#f", "k", "v").unwrap(), "/p?k=v#f");
        assert_eq!(
            set_query_param("/p?a=%3F#x?y", "k", "v").unwrap(),
            "/p?a=%3F&k=v#x?y"
        );
        assert_eq!(
            set_query_param("/p?api%5Ftoken=1", "api_token", "v").unwrap(),
            "/p?api_token=v"
        );
        assert_eq!(
            set_query_param("http://h/\r\n", "k", "v")
                .unwrap_err()
                .code(),
            Some(Code::InvalidUrl)
        );
        assert_eq!(
            set_query_param("", "k", "v").unwrap_err().code(),
            Some(Code::InvalidUrl)
        );
    }
}
