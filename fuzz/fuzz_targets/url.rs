//! URL checks: oauth::check_url (endpoints, redirect URIs), url::check_url, url::split,
//! url::set_query_param, oauth::authorization_url. Properties: no panic; an accepted
//! endpoint is ASCII with no space, control character, backslash, fragment or userinfo,
//! and its scheme is https (http only for loopback hosts); set_query_param's output has
//! exactly one occurrence of the parameter and keeps the fragment; an authorization URL
//! passes check_url itself (minus nothing: it has no fragment).
#![no_main]
use arbitrary::Unstructured;
use authsmith::encoding::percent_decode;
use authsmith::oauth::{authorization_url, check_url, AuthorizationRequest};
use authsmith::url::{check_url as check_request_url, set_query_param, split};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let prefix = [
        "https://",
        "http://",
        "HTTPS://",
        "http://127.0.0.1",
        "http://[::1]",
        "javascript:",
        "",
    ];
    let p = prefix[u.int_in_range(0..=prefix.len() - 1).unwrap_or(0)];
    let url = format!("{p}{}", common::text(&mut u, 200));

    if let Ok(ep) = check_url(&url, "endpoint") {
        assert!(url.bytes().all(|c| c.is_ascii_graphic()));
        assert!(!url.contains('#') && !url.contains('\\'));
        let (scheme, rest) = url.split_once("://").expect("absolute");
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        assert!(!authority.contains('@'), "{url}");
        assert!(!authority.is_empty());
        if scheme.eq_ignore_ascii_case("http") {
            let host = authority.rsplit_once(':').map_or(authority, |(h, p)| {
                if p.bytes().all(|c| c.is_ascii_digit()) {
                    h
                } else {
                    authority
                }
            });
            assert!(
                host.eq_ignore_ascii_case("localhost")
                    || host == "[::1]"
                    || host.starts_with("127."),
                "http to a non-loopback host accepted: {url}"
            );
        } else {
            assert!(scheme.eq_ignore_ascii_case("https"));
        }
        assert_eq!(ep.query.is_some(), url.contains('?'));

        let state = common::text(&mut u, 20);
        let req = AuthorizationRequest {
            endpoint: &url,
            client_id: "client",
            redirect_uri: "https://app.example/cb",
            scope: &[],
            state: if state.is_empty() { "s" } else { &state },
            code_challenge: None,
            extra: &[],
        };
        if let Ok(a) = authorization_url(&req) {
            assert!(check_url(&a, "authorization url").is_ok(), "{a}");
        }
    }

    let parts = split(&url);
    let rebuilt = match parts.query {
        Some(q) => format!("{}?{}{}", parts.base, q, parts.fragment),
        None => format!("{}{}", parts.base, parts.fragment),
    };
    assert_eq!(rebuilt, url);

    let name = common::text(&mut u, 16);
    let value = common::text(&mut u, 32);
    match set_query_param(&url, &name, &value) {
        Ok(out) => {
            assert!(check_request_url(&url).is_ok());
            assert!(check_request_url(&out).is_ok(), "{out:?}");
            let s = split(&out);
            assert_eq!(s.fragment, parts.fragment);
            let q = s.query.expect("a query");
            let hits = q
                .split('&')
                .filter(|p| {
                    let raw = p.split_once('=').map_or(*p, |(n, _)| n);
                    percent_decode(raw, true).as_deref() == Some(name.as_str())
                })
                .count();
            assert_eq!(hits, 1, "{out:?}");
        }
        Err(_) => assert!(check_request_url(&url).is_err()),
    }
});
