#![forbid(unsafe_code)]
//! Unit tests of the authorization callback reader: every rule of the module docs, in
//! their order, and property tests against URLs built the way authorizationUrl builds.

use super::*;
use crate::error::Kind;
use crate::oauth::{authorization_url, form_encode, AuthorizationRequest};
use alloc::string::ToString;
use alloc::vec::Vec;
use std::format;

const STATE: &str = "xyz";
const CB: &str = "https://client.example.com/cb";

fn parse(url: &str) -> core::result::Result<Callback, ResponseError> {
    parse_authorization_callback(url, STATE, None)
}

/// The code of a plain (non-OAuth) error; panics on success or an OAuth error.
fn code_of(r: core::result::Result<Callback, ResponseError>) -> Code {
    match r {
        Err(ResponseError::Other(e)) => e.code().expect("an AuthsmithError code"),
        other => panic!("expected a plain error, got {other:?}"),
    }
}

fn message_of(r: core::result::Result<Callback, ResponseError>) -> String {
    match r {
        Err(ResponseError::Other(e)) => e.message.to_string(),
        Err(ResponseError::OAuth(e)) => e.message,
        Ok(c) => panic!("expected an error, got {c:?}"),
    }
}

fn oauth_of(r: core::result::Result<Callback, ResponseError>) -> crate::oauth::OAuthError {
    match r {
        Err(ResponseError::OAuth(e)) => e,
        other => panic!("expected an OAuth error, got {other:?}"),
    }
}

#[test]
fn rfc6749_4_1_2_example() {
    // RFC 6749 §4.1.2: "HTTP/1.1 302 Found / Location: https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"
    let c = parse("https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz").unwrap();
    assert_eq!(c.code, "SplxlOBeZQQYbYS6WxSbIA");
    assert_eq!(c.state, "xyz");
    assert_eq!(c.iss, None);
    // the same answer as a query alone, as a path with its query (Node's req.url), with
    // other parameters around and in another order
    for url in [
        "?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz",
        "/cb?state=xyz&code=SplxlOBeZQQYbYS6WxSbIA",
        "https://client.example.com/cb?from=auth&state=xyz&&session_state=1&code=SplxlOBeZQQYbYS6WxSbIA&",
        "http://127.0.0.1:8080/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz#",
    ] {
        let c = parse(url).unwrap();
        assert_eq!((c.code.as_str(), c.state.as_str()), ("SplxlOBeZQQYbYS6WxSbIA", "xyz"), "{url}");
    }
}

#[test]
fn decoding_is_urlsearchparams() {
    // `+` is a space, %2B a '+', %20 a space; names are decoded too; an invalid escape
    // stays as it is (as URLSearchParams keeps it)
    let c = parse("?c%6Fde=a+b%2Bc%20d%zz%4&st%61te=x%79z").unwrap();
    assert_eq!(c.code, "a b+c d%zz%4");
    assert_eq!(c.state, "xyz");
    assert_eq!(parse("?code=100%&state=xyz").unwrap().code, "100%");
    // a '?' inside the query and '=' inside a value are data
    assert_eq!(parse("/cb?code=a?b=c&state=xyz").unwrap().code, "a?b=c");
    // a piece without '=' is a name with an empty value
    assert_eq!(code_of(parse("?code&state=xyz")), Code::MalformedCallback);
    // names are case-sensitive: Code is not code
    assert_eq!(code_of(parse("?Code=a&state=xyz")), Code::MalformedCallback);
    // octets that are not UTF-8 become U+FFFD (seen in iss, which is returned unchecked)
    let c = parse("?code=a&state=xyz&iss=%FF%C3%28").unwrap();
    assert_eq!(c.iss.as_deref(), Some("\u{FFFD}\u{FFFD}("));
    // raw non-ASCII in the query reads as its UTF-8
    let c = parse("?code=a&state=xyz&iss=https://é.example").unwrap();
    assert_eq!(c.iss.as_deref(), Some("https://é.example"));
}

#[test]
fn only_the_query_is_read() {
    let e = parse("https://client.example.com/cb#code=a&state=xyz");
    assert_eq!(code_of(e.clone()), Code::MalformedCallback);
    assert!(message_of(e).contains("fragment"));
    assert_eq!(code_of(parse(CB)), Code::MalformedCallback);
    assert_eq!(
        code_of(parse("code=a&state=xyz")),
        Code::MalformedCallback,
        "no '?'"
    );
    // a '?' after the '#' is in the fragment
    assert_eq!(
        code_of(parse("https://c/cb#?code=a&state=xyz")),
        Code::MalformedCallback
    );
    // the query has the state, the fragment the code: no code
    assert_eq!(code_of(parse("?state=xyz#code=a")), Code::MalformedCallback);
    // the fragment cannot override the query
    let c = parse("?code=a&state=xyz#code=b&state=other&error=access_denied").unwrap();
    assert_eq!(c.code, "a");
    // the state only in the fragment: a state mismatch that says so
    let e = parse("?code=a#state=xyz");
    assert_eq!(code_of(e.clone()), Code::StateMismatch);
    assert!(message_of(e).contains("fragment"));
}

#[test]
fn url_characters() {
    for bad in [
        "",
        "?code=a&state=xyz ",
        " ?code=a&state=xyz",
        "?code=a\n&state=xyz",
        "?code=a&state=xyz\r\n",
        "?code=a\t&state=xyz",
        "?code=a\u{0}&state=xyz",
        "?code=a\u{7f}&state=xyz",
        "?code=a\u{85}&state=xyz",
    ] {
        assert_eq!(code_of(parse(bad)), Code::InvalidUrl, "{bad:?}");
    }
}

#[test]
fn state_is_checked_first() {
    for (url, why) in [
        ("?code=a", "missing"),
        ("?code=a&state=", "empty"),
        ("?code=a&state=xy", "shorter"),
        ("?code=a&state=xyzz", "longer"),
        ("?code=a&state=XYZ", "case"),
        ("?code=a&state=xyz+", "trailing space"),
        ("?code=a&state=x%79z&state=xyz", "twice, both equal"),
        ("?code=a&state=xyz&state=evil", "twice"),
        ("?state=evil&state=xyz&code=a", "twice, the good one last"),
        // whatever else the callback says, a wrong state wins
        (
            "?error=access_denied&error_description=Call+0800-FRAUD&state=evil",
            "error response",
        ),
        ("?error=server_error", "error response without state"),
        ("?code=a&code=b&state=evil", "repeated code"),
        ("?state=evil", "no code"),
        ("?code=%0A&state=evil", "bad code"),
    ] {
        assert_eq!(code_of(parse(url)), Code::StateMismatch, "{why}: {url}");
        // the issuer check comes after the state too
        assert_eq!(
            code_of(parse_authorization_callback(
                url,
                STATE,
                Some("https://as.example")
            )),
            Code::StateMismatch,
            "{why}: {url} (issuer expected)"
        );
    }
}

#[test]
fn expected_state_and_issuer_are_checked() {
    for bad in ["", "a b\n", "é", "\u{7f}"] {
        let e = parse_authorization_callback("?code=a&state=", bad, None).unwrap_err();
        let ResponseError::Other(e) = e else { panic!() };
        assert_eq!(e.kind, Kind::Range, "{bad:?}");
    }
    // an empty expected state must never match an empty state in the callback
    assert!(parse_authorization_callback("?code=a&state=", "", None).is_err());
    // a state with spaces and symbols (any VSCHAR) works
    let s = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    let url = format!("?code=c&state={}", form_encode(s));
    assert_eq!(
        parse_authorization_callback(&url, s, None).unwrap().state,
        s
    );
    for bad in [
        "",
        "as.example",
        "http://as.example",
        "https://as.example#x",
        "javascript:x",
    ] {
        assert_eq!(
            code_of(parse_authorization_callback(
                "?code=a&state=xyz",
                STATE,
                Some(bad)
            )),
            Code::InvalidUrl,
            "{bad:?}"
        );
    }
}

#[test]
fn repeated_parameters() {
    for name in ["code", "error", "error_description", "error_uri", "iss"] {
        let url = format!("?state=xyz&code=a&{name}=1&{name}=2");
        let e = parse(&url);
        assert_eq!(code_of(e.clone()), Code::MalformedCallback, "{url}");
        assert!(message_of(e).contains(name), "{url}");
    }
    // the same value twice is still twice; encoded names count
    assert_eq!(
        code_of(parse("?code=a&state=xyz&c%6Fde=a")),
        Code::MalformedCallback
    );
    // parameters authsmith does not read may repeat
    assert_eq!(
        parse("?code=a&state=xyz&x=1&x=2&session_state=a&session_state=b")
            .unwrap()
            .code,
        "a"
    );
}

#[test]
fn issuer_rfc9207() {
    let iss = "https://as.example.com";
    let url = format!("?code=a&state=xyz&iss={}", form_encode(iss));
    // without an expected issuer: returned, not checked
    assert_eq!(parse(&url).unwrap().iss.as_deref(), Some(iss));
    assert_eq!(
        parse("?code=a&state=xyz&iss=anything")
            .unwrap()
            .iss
            .as_deref(),
        Some("anything")
    );
    // with one: present and equal (simple string comparison, RFC 9207 §2.4)
    let ok = parse_authorization_callback(&url, STATE, Some(iss)).unwrap();
    assert_eq!(ok.iss.as_deref(), Some(iss));
    // RFC 9207 §2's example: iss=https%3A%2F%2Fhonest.as.example
    let c = parse_authorization_callback(
        "https://client.example/cb?code=x1848ZT64p4IirMPT0R-X3141MFPTuBX-VFL_cvaplMH58&state=ZWVlNDBlYzA1NjdkMDNhYjg3ZjUxZjAyNGQzMTM2NzI&iss=https%3A%2F%2Fhonest.as.example",
        "ZWVlNDBlYzA1NjdkMDNhYjg3ZjUxZjAyNGQzMTM2NzI",
        Some("https://honest.as.example"),
    )
    .unwrap();
    assert_eq!(c.code, "x1848ZT64p4IirMPT0R-X3141MFPTuBX-VFL_cvaplMH58");
    for bad in [
        "?code=a&state=xyz",
        "?code=a&state=xyz&iss=",
        "?code=a&state=xyz&iss=https%3A%2F%2Fas.example.com%2F",
        "?code=a&state=xyz&iss=https%3A%2F%2FAS.example.com",
        "?code=a&state=xyz&iss=https%3A%2F%2Fevil.example",
        // error responses carry iss too (RFC 9207 §2): checked before the error
        "?error=access_denied&state=xyz",
        "?error=access_denied&state=xyz&iss=https%3A%2F%2Fevil.example",
    ] {
        assert_eq!(
            code_of(parse_authorization_callback(bad, STATE, Some(iss))),
            Code::IssuerMismatch,
            "{bad}"
        );
    }
    let e = oauth_of(parse_authorization_callback(
        &format!("?error=access_denied&state=xyz&iss={}", form_encode(iss)),
        STATE,
        Some(iss),
    ));
    assert_eq!(e.code, Code::OAuthAccessDenied);
    // the message names both issuers, printable
    let m = message_of(parse_authorization_callback(
        "?code=a&state=xyz&iss=https%3A%2F%2Fevil%0A.example",
        STATE,
        Some(iss),
    ));
    assert!(
        m.contains(iss) && m.contains("https://evil?.example") && !m.contains('\n'),
        "{m}"
    );
}

#[test]
fn error_responses() {
    // RFC 6749 §4.1.2.1's example
    let e = oauth_of(parse(
        "https://client.example.com/cb?error=access_denied&state=xyz",
    ));
    assert_eq!(e.code, Code::OAuthAccessDenied);
    assert_eq!(e.error, "access_denied");
    assert_eq!((e.description, e.uri), (None, None));
    assert_eq!(e.message, "the authorization server answered access_denied");
    for (error, code) in [
        ("access_denied", Code::OAuthAccessDenied),
        ("invalid_request", Code::OAuthInvalidRequest),
        ("unauthorized_client", Code::OAuthUnauthorizedClient),
        ("invalid_scope", Code::OAuthInvalidScope),
        ("unsupported_response_type", Code::OAuthError),
        ("server_error", Code::OAuthError),
        ("temporarily_unavailable", Code::OAuthError),
        ("interaction_required", Code::OAuthError),
        ("login_required", Code::OAuthError),
        // token endpoint codes: not this endpoint's
        ("invalid_grant", Code::OAuthError),
        ("invalid_client", Code::OAuthError),
        ("unsupported_grant_type", Code::OAuthError),
        ("ACCESS_DENIED", Code::OAuthError),
    ] {
        assert_eq!(authorization_error_code(error), code, "{error}");
        let e = oauth_of(parse(&format!(
            "?state=xyz&error={error}&error_description=The+user+said+no%21&error_uri=https%3A%2F%2Fas.example%2Ferr%3Fx%3D1"
        )));
        assert_eq!(e.code, code, "{error}");
        assert_eq!(e.error, error);
        assert_eq!(e.description.as_deref(), Some("The user said no!"));
        assert_eq!(e.uri.as_deref(), Some("https://as.example/err?x=1"));
        assert_eq!(
            e.message,
            format!("the authorization server answered {error}: The user said no!")
        );
    }
    // an error wins over a code in the same callback
    let e = oauth_of(parse("?code=a&state=xyz&error=server_error"));
    assert_eq!(e.code, Code::OAuthError);
    // the message is one printable, bounded line; the fields keep the text as sent
    let long = "x".repeat(1000);
    let e = oauth_of(parse(&format!(
        "?state=xyz&error=invalid%0Arequest&error_description=a%0Db%0A{long}"
    )));
    assert_eq!(e.code, Code::OAuthError);
    assert_eq!(e.error, "invalid\nrequest");
    assert_eq!(e.description.as_deref().map(str::len), Some(1004));
    assert!(
        !e.message.contains(['\n', '\r']) && e.message.len() < 300,
        "{}",
        e.message
    );
    // an empty error is malformed, an empty description is kept
    assert_eq!(code_of(parse("?state=xyz&error=")), Code::MalformedCallback);
    assert_eq!(code_of(parse("?state=xyz&error")), Code::MalformedCallback);
    let e = oauth_of(parse("?state=xyz&error=server_error&error_description="));
    assert_eq!(e.description.as_deref(), Some(""));
}

#[test]
fn codes() {
    assert_eq!(
        code_of(parse("?state=xyz")),
        Code::MalformedCallback,
        "neither code nor error"
    );
    assert_eq!(
        code_of(parse("?state=xyz&error_description=x")),
        Code::MalformedCallback
    );
    for bad in ["", "a%0Ab", "%09", "%C3%A9", "%7F", "%FF", "a%00"] {
        assert_eq!(
            code_of(parse(&format!("?state=xyz&code={bad}"))),
            Code::MalformedCallback,
            "{bad:?}"
        );
    }
    // every VSCHAR, space included (RFC 6749 Appendix A.11)
    let all: String = (0x20u8..=0x7e).map(char::from).collect();
    let c = parse(&format!("?state=xyz&code={}", form_encode(&all))).unwrap();
    assert_eq!(c.code, all);
}

#[test]
fn messages_never_hold_the_code_or_the_states() {
    let code = "C0DE-Pl4nted-Q7zX9";
    let sent = "ST4TE-Pl4nted-K5nR8";
    let got = "F0RGED-Pl4nted-T3yW";
    let cases = [
        format!("?code={code}&state={got}"),
        format!("?code={code}&state={sent}&state={got}"),
        format!("?code={code}%0A&state={sent}"),
        format!("?code={code}&code={code}&state={sent}"),
        format!("?code={code}&state={sent}&iss=https%3A%2F%2Fevil"),
        format!("?code={code}&state={sent}&error="),
        format!("?code={code}{code}"),
        format!("?code={code}&state={got}#state={sent}"),
    ];
    for url in &cases {
        let r = parse_authorization_callback(url, sent, Some("https://as.example"));
        let m = message_of(r);
        for s in [code, sent, got, "Pl4nted"] {
            assert!(!m.contains(s), "{url}: {m}");
        }
    }
    let c =
        parse_authorization_callback(&format!("?code={code}&state={sent}"), sent, None).unwrap();
    let d = format!("{c:?}");
    assert!(d.contains("[REDACTED]") && !d.contains(code), "{d}");
}

#[test]
fn callback_of_an_authorization_url() {
    // The redirect URI the client registered (with its own query), as authorizationUrl
    // sends it; the server appends code, state and iss as a form encoder does.
    let redirect = "https://client.example.com/cb?from=auth&x=a+b%2F";
    let state = "s t+a/t%e&=";
    let url = authorization_url(&AuthorizationRequest {
        endpoint: "https://as.example/authorize",
        client_id: "c",
        redirect_uri: redirect,
        scope: &[],
        state,
        code_challenge: None,
        extra: &[],
    })
    .unwrap();
    // what the server decodes from the request: the redirect URI and the state
    let query = url.split_once('?').unwrap().1;
    let get = |name: &str| {
        query.split('&').find_map(|p| {
            let (n, v) = p.split_once('=')?;
            (n == name).then(|| crate::encoding::percent_decode(v, true).unwrap())
        })
    };
    assert_eq!(get("redirect_uri").as_deref(), Some(redirect));
    let back = format!(
        "{}&code={}&state={}&iss={}",
        get("redirect_uri").unwrap(),
        form_encode("Splx/lOB+eZQ=QYb"),
        form_encode(&get("state").unwrap()),
        form_encode("https://as.example")
    );
    let c = parse_authorization_callback(&back, state, Some("https://as.example")).unwrap();
    assert_eq!(c.code, "Splx/lOB+eZQ=QYb");
    assert_eq!(c.state, state);
    assert_eq!(c.iss.as_deref(), Some("https://as.example"));
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn vschar() -> impl Strategy<Value = String> {
        "[ -~]{1,60}"
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// A callback built by a form encoder, with other parameters around in any order,
        /// reads back the code, state and iss sent.
        #[test]
        fn built_callbacks_read_back(
            code in vschar(),
            state in vschar(),
            iss in proptest::option::of("https://[a-z]{1,10}\\.example(/[a-zA-Z0-9._~-]{0,10})?"),
            others in proptest::collection::vec(("[a-z_]{1,8}", "\\PC{0,12}"), 0..5),
            order in any::<prop::sample::Index>(),
        ) {
            let others: Vec<(String, String)> = others
                .into_iter()
                .filter(|(n, _)| !["code", "state", "iss", "error", "error_description", "error_uri"].contains(&n.as_str()))
                .collect();
            let mut pairs: Vec<(&str, &str)> = others.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let at = order.index(pairs.len() + 1);
            pairs.insert(at, ("code", &code));
            pairs.push(("state", &state));
            if let Some(i) = &iss {
                pairs.insert(0, ("iss", i));
            }
            let query: Vec<String> = pairs.iter().map(|(n, v)| format!("{}={}", form_encode(n), form_encode(v))).collect();
            let url = format!("https://client.example.com/cb?{}", query.join("&"));
            let c = parse_authorization_callback(&url, &state, iss.as_deref()).unwrap();
            prop_assert_eq!(c.code, code);
            prop_assert_eq!(c.state, state.clone());
            prop_assert_eq!(c.iss, iss);
            // any other expected state is a mismatch
            let other = format!("{state}x");
            prop_assert_eq!(
                code_of(parse_authorization_callback(&url, &other, None)),
                Code::StateMismatch
            );
        }

        /// Whatever the query, the reader answers (never panics), and accepts only a
        /// callback whose state is the expected one.
        #[test]
        fn any_query(q in "[?]?[a-z_=&%+#0-9A-F]{0,80}|\\PC{0,80}") {
            for url in [q.clone(), format!("?state=x&{q}"), format!("?{q}&state=x")] {
                match parse_authorization_callback(&url, "x", None) {
                    Ok(c) => prop_assert_eq!(c.state, "x"),
                    Err(ResponseError::Other(e)) => prop_assert!(e.code().is_some()),
                    Err(ResponseError::OAuth(e)) => prop_assert!(!e.error.is_empty()),
                }
            }
        }
    }
}
