//! `Authorization` credentials: Basic (RFC 7617, UTF-8) and Bearer (RFC 6750).
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;
use zeroize::Zeroizing;

use crate::encoding::{base64_std, base64_std_decode_lenient};
use crate::error::{Code, Error, Result};

fn has_ctl(s: &str) -> bool {
    crate::encoding::has_control(s)
}

/// `"Basic " + base64(UTF-8(user-id ":" password))`. A `:` in the user-id or a control
/// character in either part is refused (RFC 7617 §2).
pub fn basic_auth(username: &str, password: &str) -> Result<String> {
    if username.contains(':') {
        return Err(Error::auth(
            Code::InvalidCredential,
            "username must not contain ':' (RFC 7617)",
        ));
    }
    if has_ctl(username) {
        return Err(Error::auth(
            Code::InvalidCredential,
            "username must not contain control characters",
        ));
    }
    if has_ctl(password) {
        return Err(Error::auth(
            Code::InvalidCredential,
            "password must not contain control characters",
        ));
    }
    // Exactly the pair's length, so the Zeroizing buffer never grows (a grown buffer
    // would leave an unwiped copy behind). Both strings are in memory, so the sum fits;
    // saturated, it would fail to allocate as the real size would.
    let cap = username
        .len()
        .saturating_add(1)
        .saturating_add(password.len());
    let mut pair = Zeroizing::new(Vec::with_capacity(cap));
    pair.extend_from_slice(username.as_bytes());
    pair.push(b':');
    pair.extend_from_slice(password.as_bytes());
    let mut out = String::from("Basic ");
    out.push_str(&base64_std(&pair));
    Ok(out)
}

/// Splits `Scheme credentials`: the scheme compared case-insensitively, one or more
/// spaces, then the rest.
pub fn split_scheme<'a>(header: &'a str, scheme: &str) -> Option<&'a str> {
    let header = header.trim_matches(|c| c == ' ' || c == '\t');
    let (word, rest) = header.split_once(' ')?;
    if !word.eq_ignore_ascii_case(scheme) {
        return None;
    }
    Some(rest.trim_start_matches(' '))
}

/// Parses a `Basic` header value into (user-id, password). The password may contain `:`.
pub fn parse_basic_auth(header: &str) -> Result<(String, String)> {
    let bad = |m: &'static str| Error::auth(Code::MalformedAuthorization, m);
    let cred =
        split_scheme(header, "Basic").ok_or_else(|| bad("not a Basic authorization header"))?;
    if !crate::basic::is_token68(cred) {
        return Err(bad("Basic credentials are not base64"));
    }
    let bytes = Zeroizing::new(
        base64_std_decode_lenient(cred).ok_or_else(|| bad("Basic credentials are not base64"))?,
    );
    let text = core::str::from_utf8(&bytes).map_err(|_| bad("Basic credentials are not UTF-8"))?;
    let (user, pass) = text
        .split_once(':')
        .ok_or_else(|| bad("Basic credentials have no ':'"))?;
    if has_ctl(user) || has_ctl(pass) {
        return Err(bad("Basic credentials contain control characters"));
    }
    Ok((String::from(user), String::from(pass)))
}

/// RFC 6750 b64token / RFC 9110 token68: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
pub fn is_token68(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    !body.is_empty()
        && body.bytes().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        })
}

/// `"Bearer " + token`, with the token checked against the b64token syntax.
pub fn bearer_auth(token: &str) -> Result<String> {
    if token.is_empty() {
        return Err(Error::auth(Code::EmptySecret, "token must not be empty"));
    }
    if !is_token68(token) {
        return Err(Error::auth(
            Code::InvalidCredential,
            "token must match the RFC 6750 b64token syntax (letters, digits, - . _ ~ + / and trailing =)",
        ));
    }
    // a capacity hint (saturated, it would fail to allocate as the real size would)
    let mut out = String::with_capacity(token.len().saturating_add(7));
    out.push_str("Bearer ");
    out.push_str(token);
    Ok(out)
}

/// Parses a `Bearer` header value (scheme case-insensitive, `1*SP`, b64token).
pub fn parse_bearer_auth(header: &str) -> Result<String> {
    let bad = || {
        Error::auth(
            Code::MalformedAuthorization,
            "not a Bearer authorization header with a b64token",
        )
    };
    let token = split_scheme(header, "Bearer").ok_or_else(bad)?;
    if !is_token68(token) {
        return Err(bad());
    }
    Ok(String::from(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn misc() -> serde_json::Value {
        crate::test_vectors("rfc_misc.json")
    }

    #[test]
    fn rfc_vectors() {
        let v = misc();
        let basic = v["basic"].as_array().unwrap();
        for c in basic {
            let (u, p) = (
                c["user_id"].as_str().unwrap(),
                c["password"].as_str().unwrap(),
            );
            let header = basic_auth(u, p).unwrap();
            if let Some(cred) = c["expected_credentials"].as_str() {
                assert_eq!(header, std::format!("Basic {cred}"), "{}", c["id"]);
                assert_eq!(parse_basic_auth(&header).unwrap(), (u.into(), p.into()));
            }
            if let Some(h) = c["expected_header"]["Authorization"].as_str() {
                assert_eq!(header, h);
            }
            if let Some(not) = c["must_not_equal"].as_str() {
                assert_eq!(header, std::format!("Basic {not}"), "UTF-8, not Latin-1");
                assert_ne!(
                    header,
                    std::format!("Basic {}", c["credentials_if_latin1"].as_str().unwrap())
                );
            }
        }
        assert_eq!(basic.len(), 4);
        let syntax = v["bearer_header_syntax"].as_array().unwrap();
        for c in syntax {
            let h = c["authorization"].as_str().unwrap();
            let valid = c["valid"].as_bool().unwrap();
            assert_eq!(parse_bearer_auth(h).is_ok(), valid, "{h:?}: {}", c["why"]);
            if valid {
                let t = parse_bearer_auth(h).unwrap();
                assert_eq!(bearer_auth(&t).unwrap().split_once(' ').unwrap().1, t);
            }
        }
        assert_eq!(syntax.len(), 15);
        for c in v["bearer_examples"].as_array().unwrap() {
            if let (Some(t), Some(h)) = (c["token"].as_str(), c["authorization_header"].as_str()) {
                assert_eq!(bearer_auth(t).unwrap(), h);
            }
        }
    }

    #[test]
    fn basic_rules() {
        assert_eq!(
            basic_auth("Aladdin", "open sesame").unwrap(),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(
            basic_auth("a:b", "x").unwrap_err().code(),
            Some(Code::InvalidCredential)
        );
        assert_eq!(
            basic_auth("a", "x\r\n").unwrap_err().code(),
            Some(Code::InvalidCredential)
        );
        assert_eq!(basic_auth("", "").unwrap(), "Basic Og==");
        assert_eq!(
            parse_basic_auth("basic   QWxhZGRpbjpvcGVuIHNlc2FtZQ")
                .unwrap()
                .1,
            "open sesame"
        );
        assert_eq!(
            parse_basic_auth("Basic dTpwOnE=").unwrap(),
            ("u".into(), "p:q".into())
        );
        for bad in [
            "",
            "Basic",
            "Basic ",
            "Bearer abc",
            "Basic !!!",
            "Basic dXNlcg==",
            "Basic /w==",
            "Basic QWxh ZGRp",
        ] {
            assert_eq!(
                parse_basic_auth(bad).unwrap_err().code(),
                Some(Code::MalformedAuthorization),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn bearer_rules() {
        assert_eq!(
            bearer_auth("mF_9.B5f-4.1JqM").unwrap(),
            "Bearer mF_9.B5f-4.1JqM"
        );
        assert_eq!(bearer_auth("abc==").unwrap(), "Bearer abc==");
        for bad in ["a b", "a\r\nX-Evil: 1", "=abc", "a=b", "tök"] {
            assert_eq!(
                bearer_auth(bad).unwrap_err().code(),
                Some(Code::InvalidCredential),
                "{bad:?}"
            );
        }
        assert_eq!(bearer_auth("").unwrap_err().code(), Some(Code::EmptySecret));
    }
}
