#![forbid(unsafe_code)]
//! Unit tests of the OAuth core, against RFC 6749 / RFC 7636 vectors
//! (`tests/vectors/rfc_misc.json`, `tests/vectors/oauth.json`) and edge cases.

use super::*;
use alloc::string::ToString;
use alloc::vec;
use serde_json::Value as J;

fn misc() -> J {
    crate::test_vectors("rfc_misc.json")
}
fn oauth() -> J {
    crate::test_vectors("oauth.json")
}
fn st(v: &J) -> &str {
    v.as_str().unwrap()
}
fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}
fn code_of<T>(r: Result<T>) -> Code {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.code().expect("an AuthsmithError code"),
    }
}

// ---- encoding and client authentication

#[test]
fn form_encoding_vectors() {
    for c in oauth()["form_encoding"].as_array().unwrap() {
        assert_eq!(
            form_encode(st(&c["value"])),
            st(&c["encoded"]),
            "{}",
            c["id"]
        );
    }
    // every byte: safe set kept, space is '+', the rest %XX uppercase
    for b in 0u8..=127 {
        let s = String::from(char::from(b));
        let e = form_encode(&s);
        if b.is_ascii_alphanumeric() || b"*-._".contains(&b) {
            assert_eq!(e, s);
        } else if b == b' ' {
            assert_eq!(e, "+");
        } else {
            assert_eq!(e, std::format!("%{b:02X}"));
        }
        // and a form decoder reads it back
        assert_eq!(percent_decode(&e, true).unwrap(), s);
    }
    assert_eq!(form_encode("€"), "%E2%82%AC");
}

#[test]
fn client_secret_basic_vectors() {
    let v = oauth();
    let cases = v["client_secret_basic"].as_array().unwrap();
    assert!(cases.len() >= 4);
    for c in cases {
        let (id, secret) = (st(&c["client_id"]), st(&c["client_secret"]));
        assert_eq!(
            client_secret_basic(id, secret).unwrap(),
            st(&c["header"]),
            "{}",
            c["id"]
        );
        if let Some(e) = c["encoded_secret"].as_str() {
            assert_eq!(form_encode(secret), e);
            assert_eq!(form_encode(id), st(&c["encoded_id"]));
        }
    }
    // the header decodes to exactly one ':' separating the encoded parts
    let h = client_secret_basic("a:b", "c:d").unwrap();
    let raw = crate::encoding::base64_std_decode(h.strip_prefix("Basic ").unwrap()).unwrap();
    assert_eq!(raw, b"a%3Ab:c%3Ad");
    assert_eq!(
        code_of(client_secret_basic("", "s")),
        Code::InvalidCredential
    );
    assert_eq!(code_of(client_secret_basic("id", "")), Code::EmptySecret);
    assert_eq!(
        code_of(client_secret_basic("id", "s\r\nX: y")),
        Code::InvalidCredential
    );
    assert_eq!(
        code_of(client_secret_basic("i\u{0}d", "s")),
        Code::InvalidCredential
    );
}

// ---- PKCE

#[test]
fn pkce_rfc7636_appendix_b() {
    let m = misc();
    let c = &m["pkce"][0];
    let random: Vec<u8> = c["random_octets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(random.len(), 32);
    assert_eq!(verifier_random_len(43), 32);
    assert_eq!(verifier_random_len(128), 96);
    // 32 octets are 43 characters of base64url: the RFC's verifier exactly; octets
    // past the 32nd are not used.
    assert_eq!(pkce_verifier(&random, 43).unwrap(), st(&c["code_verifier"]));
    let mut more = random.clone();
    more.push(0xff);
    assert_eq!(pkce_verifier(&more, 43).unwrap(), st(&c["code_verifier"]));
    assert_eq!(
        pkce_challenge(st(&c["code_verifier"])).unwrap(),
        st(&c["code_challenge"])
    );
}

#[test]
fn pkce_verifier_syntax_vectors() {
    for c in misc()["pkce_verifier_syntax"].as_array().unwrap() {
        let v = st(&c["code_verifier"]);
        let r = pkce_challenge(v);
        assert_eq!(r.is_ok(), c["valid"].as_bool().unwrap(), "{}", c["why"]);
        if let Err(e) = r {
            assert_eq!(e.code(), Some(Code::InvalidPkceVerifier));
        }
    }
    for bad in ["", "a b", "é".repeat(43).as_str(), &"a".repeat(42)] {
        assert_eq!(code_of(pkce_challenge(bad)), Code::InvalidPkceVerifier);
    }
}

#[test]
fn pkce_verifiers_of_every_length() {
    let random: Vec<u8> = (0..=255u8).collect();
    for len in 43..=128 {
        let v = pkce_verifier(&random, len).unwrap();
        assert_eq!(v.len(), len);
        check_verifier(&v, "v").unwrap();
        // every character carries 6 bits: flipping any random bit that is used
        // changes the verifier
        let need = verifier_random_len(len);
        assert!(crate::encoding::base64_url(&random[..need]).len() >= len);
        assert!(crate::encoding::base64_url(&random[..need - 1]).len() < len);
        for bit in 0..(need * 8).min(len * 6) {
            let mut r = random.clone();
            r[bit / 8] ^= 0x80 >> (bit % 8);
            assert_ne!(pkce_verifier(&r, len).unwrap(), v, "len {len} bit {bit}");
        }
        assert!(pkce_verifier(random.get(..need - 1).unwrap(), len).is_err());
    }
    assert!(pkce_verifier(&random, 42).is_err());
    assert!(pkce_verifier(&random, 129).is_err());
}

// ---- URLs

#[test]
fn verifier_random_len_without_overflow() {
    // The old `3 * (len - 1) / 4 + 1` overflowed (a panic in debug builds, a wrong
    // length in release) for len past usize::MAX / 3; compare with u128 arithmetic.
    let wide = |len: usize| -> u128 { 3 * (len as u128).saturating_sub(1) / 4 + 1 };
    for len in (0..2_000).chain([
        usize::MAX / 3,
        usize::MAX / 3 + 1,
        usize::MAX / 3 + 2,
        usize::MAX - 3,
        usize::MAX - 2,
        usize::MAX - 1,
        usize::MAX,
    ]) {
        assert_eq!(verifier_random_len(len) as u128, wide(len), "len {len}");
    }
}

#[test]
fn client_secret_pair_never_grows() {
    // Each byte form-encodes to at most 3 characters: the pair's buffer is sized for
    // that up front. It used to be sized `id + secret + 8` and grow (reallocate) for
    // secrets with many encoded characters, leaving an unwiped copy of the secret in
    // freed memory.
    for (id, secret) in [
        ("a", "!!!!!!!!!!!!!!!!!!!!"),
        ("client id", "\u{e9}\u{20ac}\u{1f4a1} %/:+&="),
        ("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw"),
    ] {
        let pair = client_secret_pair(id, secret);
        let bound = 3 * (id.len() + secret.len()) + 1;
        assert!(pair.len() <= bound);
        assert!(
            pair.capacity() <= bound,
            "{id:?}: capacity {} > {bound}: the buffer grew",
            pair.capacity()
        );
    }
}

#[test]
fn url_checks() {
    let good = [
        "https://auth.mes.company.com/oauth/authorize",
        "HTTPS://Server.Example.com:8443/authorize?tenant=a&x=%2F",
        "https://server.example.com",
        "https://server.example.com?",
        "https://[2001:db8::1]:443/token",
        "http://localhost:3000/callback",
        "http://LOCALHOST/cb",
        "http://127.0.0.1:8080/cb",
        "http://127.255.0.9/cb",
        "http://[::1]:5000/cb",
        "https://h/p;x=1/(a)!$'*+,=:@~",
        "https://users.example/@me",
    ];
    for u in good {
        assert!(check_url(u, "u").is_ok(), "{u}");
    }
    let bad = [
        "",
        "javascript:alert(1)",
        "javascript://%0aalert(1)",
        "data:text/html,x",
        "/relative/path",
        "//server.example.com/authorize",
        "server.example.com/authorize",
        "https:server.example.com",
        "https:///path",
        "ftp://server.example.com/",
        "http://server.example.com/cb",
        "http://localhost.evil.com/cb",
        "http://127.0.0.1.evil.com/cb",
        "http://127.1/cb",
        "http://0177.0.0.1/cb",
        "http://128.0.0.1/cb",
        "http://[::2]/cb",
        "https://user:pass@server.example.com/",
        "https://server.example.com@evil.com/",
        "https://evil.com\\@server.example.com/",
        "https://server.example.com/cb#frag",
        "https://server.example.com/cb#",
        "https://server.example.com/c b",
        "https://server.example.com/\r\nHost: evil",
        "https://server.example.com/\t",
        "https://server.example.com/\u{7f}",
        "https://sérver.example.com/",
        "https://server.example.com/%zz",
        "https://server.example.com/%4",
        "https://server.example.com:/",
        "https://server.example.com:0/",
        "https://server.example.com:65536/",
        "https://server.example.com:8a/",
        "https://[::1/",
        "https://[::1]x/",
        "https://[zz]/",
        "https://.example.com/",
        "https://a..b/",
        "https://server.example.com/<script>",
        "https://server.example.com/a[0]",
        "https://server.example.com/\"",
        "https://server.example.com/{x}",
    ];
    for u in bad {
        let e = check_url(u, "endpoint").unwrap_err();
        assert_eq!(e.code(), Some(Code::InvalidUrl), "{u:?}");
        assert!(e.message.starts_with("endpoint "), "{}", e.message);
    }
    assert_eq!(
        check_url("https://h/p?a=1", "u").unwrap(),
        Endpoint {
            base: "https://h/p",
            query: Some("a=1")
        }
    );
}

// ---- scopes

#[test]
fn scopes() {
    assert_eq!(
        parse_scopes(["  work-orders:read   inventory:read work-orders:read "]).unwrap(),
        strings(&["work-orders:read", "inventory:read"])
    );
    assert_eq!(
        parse_scopes(["a", "b c", "", "a"]).unwrap(),
        strings(&["a", "b", "c"])
    );
    assert_eq!(parse_scopes([""]).unwrap(), Vec::<String>::new());
    assert_eq!(parse_scopes(["A a"]).unwrap(), strings(&["A", "a"]));
    assert_eq!(
        parse_scopes(["!#[]~ https://graph.example/.default"]).unwrap(),
        strings(&["!#[]~", "https://graph.example/.default"])
    );
    for bad in ["a\tb", "a\nb", "a\"b", "a\\b", "é", "a\u{7f}"] {
        assert_eq!(code_of(parse_scopes([bad])), Code::InvalidScope, "{bad:?}");
    }
    let granted = strings(&["work-orders:read", "inventory:read"]);
    assert_eq!(
        missing_scopes(
            &granted,
            &strings(&["inventory:read", "Work-Orders:read", "x"])
        ),
        strings(&["Work-Orders:read", "x"])
    );
    assert!(missing_scopes(&granted, &[]).is_empty());
}

// ---- authorization URL

fn auth_req<'a>(
    endpoint: &'a str,
    scope: &'a [String],
    extra: &'a [(String, String)],
) -> AuthorizationRequest<'a> {
    AuthorizationRequest {
        endpoint,
        client_id: "s6BhdRkqt3",
        redirect_uri: "https://client.example.com/cb",
        scope,
        state: "xyz",
        code_challenge: None,
        extra,
    }
}

#[test]
fn authorization_url_vectors() {
    for c in oauth()["authorization_requests"].as_array().unwrap() {
        let scope = parse_scopes([c["scope"].as_str().unwrap_or("")]).unwrap();
        let req = AuthorizationRequest {
            endpoint: st(&c["endpoint"]),
            client_id: st(&c["client_id"]),
            redirect_uri: st(&c["redirect_uri"]),
            scope: &scope,
            state: st(&c["state"]),
            code_challenge: c["code_challenge"].as_str(),
            extra: &[],
        };
        assert_eq!(
            authorization_url(&req).unwrap(),
            st(&c["expected_url"]),
            "{}",
            c["id"]
        );
    }
}

#[test]
fn authorization_url_query_and_extra() {
    let extra = vec![
        ("prompt".to_string(), "consent".to_string()),
        ("login_hint".to_string(), "a+b@example.com".to_string()),
    ];
    let url =
        authorization_url(&auth_req("https://h/authorize?tenant=x%20y&", &[], &extra)).unwrap();
    assert_eq!(
        url,
        "https://h/authorize?tenant=x%20y&response_type=code&client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&state=xyz&prompt=consent&login_hint=a%2Bb%40example.com"
    );
    let url = authorization_url(&auth_req("https://h/authorize?", &[], &[])).unwrap();
    assert!(url.starts_with("https://h/authorize?response_type=code&"));
    // a reserved or extra name already in the endpoint query
    for q in [
        "client_id=1",
        "a=1&state=2",
        "scope",
        "code%5Fchallenge=x",
        "prompt=none",
    ] {
        let e = std::format!("https://h/authorize?{q}");
        assert_eq!(
            code_of(authorization_url(&auth_req(&e, &[], &extra))),
            Code::InvalidUrl,
            "{q}"
        );
    }
    // extra must not override reserved parameters
    for name in RESERVED_AUTHORIZATION_PARAMS {
        let extra = vec![(name.to_string(), "x".to_string())];
        let e = authorization_url(&auth_req("https://h/a", &[], &extra)).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Range, "{name}");
    }
    let empty = vec![(String::new(), "x".to_string())];
    assert!(authorization_url(&auth_req("https://h/a", &[], &empty)).is_err());
    // fragment in the endpoint, bad redirect, bad state, bad challenge
    assert_eq!(
        code_of(authorization_url(&auth_req("https://h/a#x", &[], &[]))),
        Code::InvalidUrl
    );
    let mut r = auth_req("https://h/a", &[], &[]);
    r.redirect_uri = "javascript:alert(1)";
    assert_eq!(code_of(authorization_url(&r)), Code::InvalidUrl);
    r.redirect_uri = "http://127.0.0.1:8080/cb";
    assert!(authorization_url(&r).is_ok());
    r.state = "";
    assert_eq!(
        authorization_url(&r).unwrap_err().kind,
        crate::error::Kind::Range
    );
    r.state = "a\nb";
    assert!(authorization_url(&r).is_err());
    r.state = "s";
    r.code_challenge = Some("short");
    assert_eq!(code_of(authorization_url(&r)), Code::InvalidPkceVerifier);
}

#[test]
fn authorization_url_encodes_once() {
    // a redirect URI that already contains escapes is encoded once more as a value, so
    // the server decodes exactly the registered string
    let scope = strings(&["a:b", "c/d"]);
    let mut r = auth_req("https://h/a", &scope, &[]);
    r.redirect_uri = "https://client.example.com/cb?next=%2Fhome&x=a+b";
    let url = authorization_url(&r).unwrap();
    assert!(url.contains(
        "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb%3Fnext%3D%252Fhome%26x%3Da%2Bb&"
    ));
    assert!(url.contains("&scope=a%3Ab+c%2Fd&"));
    let query = url.split_once('?').unwrap().1;
    let decoded: Vec<(String, String)> = query
        .split('&')
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap();
            (
                percent_decode(n, true).unwrap(),
                percent_decode(v, true).unwrap(),
            )
        })
        .collect();
    assert!(decoded.contains(&("redirect_uri".to_string(), r.redirect_uri.to_string())));
    assert!(decoded.contains(&("scope".to_string(), "a:b c/d".to_string())));
}

// ---- token requests

fn client<'a>(secret: Option<&'a str>, auth: Option<ClientAuth>, format: BodyFormat) -> Client<'a> {
    Client {
        endpoint: "https://server.example.com/token",
        client_id: "s6BhdRkqt3",
        client_secret: secret,
        auth,
        format,
    }
}

fn header<'a>(r: &'a TokenRequest, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn token_request_vectors() {
    for c in oauth()["token_requests"].as_array().unwrap() {
        let g = &c["grant"];
        let scope: Vec<String> = vec![];
        let grant = match st(&g["type"]) {
            "authorization_code" => Grant::AuthorizationCode {
                code: st(&g["code"]),
                redirect_uri: st(&g["redirectUri"]),
                code_verifier: None,
            },
            "client_credentials" => Grant::ClientCredentials { scope: &scope },
            _ => Grant::RefreshToken {
                refresh_token: st(&g["refreshToken"]),
                scope: &scope,
            },
        };
        let cl = Client {
            endpoint: st(&c["client"]["endpoint"]),
            client_id: st(&c["client"]["clientId"]),
            client_secret: c["client"]["clientSecret"].as_str(),
            auth: None,
            format: BodyFormat::Form,
        };
        let r = token_request(&grant, &cl).unwrap();
        assert_eq!(r.url, st(&c["client"]["endpoint"]));
        assert_eq!(r.body, st(&c["expected_body"]), "{}", c["id"]);
        assert_eq!(
            header(&r, "Authorization"),
            Some(st(&c["expected_authorization"]))
        );
        assert_eq!(
            header(&r, "Content-Type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(header(&r, "Accept"), Some("application/json"));
    }
}

#[test]
fn token_request_auth_methods_and_formats() {
    let scope = strings(&["work-orders:read", "inventory:read"]);
    let cc = Grant::ClientCredentials { scope: &scope };
    let secret = "p+a/s:s=w%o rd";
    // post
    let r = token_request(
        &cc,
        &client(Some(secret), Some(ClientAuth::SecretPost), BodyFormat::Form),
    )
    .unwrap();
    assert_eq!(
        r.body,
        "grant_type=client_credentials&scope=work-orders%3Aread+inventory%3Aread&client_id=s6BhdRkqt3&client_secret=p%2Ba%2Fs%3As%3Dw%25o+rd"
    );
    assert_eq!(header(&r, "Authorization"), None);
    // json (the MES seed's shape)
    let code = Grant::AuthorizationCode {
        code: "c0de",
        redirect_uri: "https://yourapp.com/callback",
        code_verifier: Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
    };
    let r = token_request(
        &code,
        &client(
            Some("s\"\\é"),
            Some(ClientAuth::SecretPost),
            BodyFormat::Json,
        ),
    )
    .unwrap();
    assert_eq!(header(&r, "Content-Type"), Some("application/json"));
    assert_eq!(
        r.body,
        r#"{"grant_type":"authorization_code","code":"c0de","redirect_uri":"https://yourapp.com/callback","code_verifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk","client_id":"s6BhdRkqt3","client_secret":"s\"\\é"}"#
    );
    let parsed: J = serde_json::from_str(&r.body).unwrap();
    assert_eq!(parsed["client_secret"], "s\"\\é");
    // basic + json: credentials only in the header
    let r = token_request(&cc, &client(Some(secret), None, BodyFormat::Json)).unwrap();
    assert_eq!(
        r.body,
        r#"{"grant_type":"client_credentials","scope":"work-orders:read inventory:read"}"#
    );
    assert_eq!(
        header(&r, "Authorization"),
        Some("Basic czZCaGRSa3F0MzpwJTJCYSUyRnMlM0FzJTNEdyUyNW8rcmQ=")
    );
    // public client: client_id in the body, no secret anywhere
    let refresh = Grant::RefreshToken {
        refresh_token: "tGzv3JOkF0XG5Qx2TIKWIw",
        scope: &[],
    };
    let r = token_request(&refresh, &client(None, None, BodyFormat::Form)).unwrap();
    assert_eq!(
        r.body,
        "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TIKWIw&client_id=s6BhdRkqt3"
    );
    assert_eq!(header(&r, "Authorization"), None);
    assert_eq!(r.headers.len(), 2);
    // conflicting or missing settings
    assert_eq!(
        token_request(
            &cc,
            &client(Some("s"), Some(ClientAuth::None), BodyFormat::Form)
        )
        .err()
        .unwrap()
        .kind,
        crate::error::Kind::Type
    );
    for a in [ClientAuth::SecretBasic, ClientAuth::SecretPost] {
        assert_eq!(
            token_request(&cc, &client(None, Some(a), BodyFormat::Form))
                .err()
                .unwrap()
                .kind,
            crate::error::Kind::Type
        );
    }
    assert_eq!(
        code_of(token_request(
            &cc,
            &client(Some(""), None, BodyFormat::Form)
        )),
        Code::EmptySecret
    );
    let mut cl = client(Some("s"), None, BodyFormat::Form);
    cl.endpoint = "http://server.example.com/token";
    assert_eq!(code_of(token_request(&cc, &cl)), Code::InvalidUrl);
    // grant values
    let bad_code = Grant::AuthorizationCode {
        code: "a\r\nb",
        redirect_uri: "https://c/cb",
        code_verifier: None,
    };
    let cl = client(Some("s"), None, BodyFormat::Form);
    assert_eq!(
        code_of(token_request(&bad_code, &cl)),
        Code::InvalidCredential
    );
    let bad_redirect = Grant::AuthorizationCode {
        code: "c",
        redirect_uri: "https://c/cb#x",
        code_verifier: None,
    };
    assert_eq!(code_of(token_request(&bad_redirect, &cl)), Code::InvalidUrl);
    let bad_verifier = Grant::AuthorizationCode {
        code: "c",
        redirect_uri: "https://c/cb",
        code_verifier: Some("too-short"),
    };
    assert_eq!(
        code_of(token_request(&bad_verifier, &cl)),
        Code::InvalidPkceVerifier
    );
    let bad_refresh = Grant::RefreshToken {
        refresh_token: "",
        scope: &[],
    };
    assert_eq!(
        code_of(token_request(&bad_refresh, &cl)),
        Code::InvalidCredential
    );
}

// ---- token request extra parameters

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

/// The body's pairs, form-decoded.
fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap();
            (
                percent_decode(n, true).unwrap(),
                percent_decode(v, true).unwrap(),
            )
        })
        .collect()
}

#[test]
fn token_request_extra_form_and_json() {
    let scope = strings(&["read"]);
    let cc = Grant::ClientCredentials { scope: &scope };
    // Auth0's client credentials with an audience: after everything tokenRequest sets,
    // the client's post credentials included, in order
    let extra = pairs(&[
        ("audience", "https://api.example.com/"),
        ("resource", "urn:x y&z=1"),
    ]);
    let r = token_request_with_extra(
        &cc,
        &client(Some("s"), Some(ClientAuth::SecretPost), BodyFormat::Form),
        &extra,
    )
    .unwrap();
    assert_eq!(
        r.body,
        "grant_type=client_credentials&scope=read&client_id=s6BhdRkqt3&client_secret=s&audience=https%3A%2F%2Fapi.example.com%2F&resource=urn%3Ax+y%26z%3D1"
    );
    // the same request without extra is what token_request gives
    let plain = token_request(
        &cc,
        &client(Some("s"), Some(ClientAuth::SecretPost), BodyFormat::Form),
    )
    .unwrap();
    assert!(r.body.starts_with(&plain.body));
    assert_eq!(r.headers, plain.headers);
    // JSON: string members after the others; control characters escaped as JSON says
    let code = Grant::AuthorizationCode {
        code: "c0de",
        redirect_uri: "https://app.example/cb",
        code_verifier: None,
    };
    let extra = pairs(&[
        ("resource", "https://api.example.com/"),
        (
            "odd \"name\u{1}",
            "line1\r\nline2\t\u{0}\u{1f}\u{7f}\u{2028}é😀\"\\",
        ),
    ]);
    let r = token_request_with_extra(&code, &client(None, None, BodyFormat::Json), &extra).unwrap();
    // (DEL and U+2028 need no escape in JSON: written as they are, like JSON.stringify)
    assert_eq!(
        r.body,
        concat!(
            r#"{"grant_type":"authorization_code","code":"c0de","redirect_uri":"https://app.example/cb","#,
            r#""client_id":"s6BhdRkqt3","resource":"https://api.example.com/","#,
            r#""odd \"name\u0001":"line1\r\nline2\t\u0000\u001f"#,
            "\u{7f}\u{2028}é😀",
            r#"\"\\"}"#
        )
    );
    // the order by the core's own reader (serde_json's map sorts keys), the values by both
    let members = json::parse_object(&r.body).unwrap();
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    let parsed: serde_json::Map<String, J> = serde_json::from_str(&r.body).unwrap();
    assert_eq!(parsed.len(), 6);
    assert_eq!(
        keys,
        [
            "grant_type",
            "code",
            "redirect_uri",
            "client_id",
            "resource",
            "odd \"name\u{1}"
        ]
    );
    assert_eq!(
        parsed["odd \"name\u{1}"],
        "line1\r\nline2\t\u{0}\u{1f}\u{7f}\u{2028}é😀\"\\"
    );
    // CR/LF and every other byte are percent-encoded in a form body
    let refresh = Grant::RefreshToken {
        refresh_token: "rt",
        scope: &[],
    };
    let extra = pairs(&[("resource", "a\r\nb"), ("é n", "+%&=")]);
    let r = token_request_with_extra(&refresh, &client(Some("s"), None, BodyFormat::Form), &extra)
        .unwrap();
    assert_eq!(
        r.body,
        "grant_type=refresh_token&refresh_token=rt&resource=a%0D%0Ab&%C3%A9+n=%2B%25%26%3D"
    );
    // an empty value is sent as one
    let extra = pairs(&[("prompt", "")]);
    let r = token_request_with_extra(&refresh, &client(Some("s"), None, BodyFormat::Form), &extra)
        .unwrap();
    assert!(r.body.ends_with("&prompt="));
}

/// One grant of each type, with every optional parameter set.
fn every_grant(scope: &[String]) -> [Grant<'_>; 3] {
    [
        Grant::ClientCredentials { scope },
        Grant::AuthorizationCode {
            code: "c",
            redirect_uri: "https://app.example/cb",
            code_verifier: Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        },
        Grant::RefreshToken {
            refresh_token: "r",
            scope,
        },
    ]
}

#[test]
fn token_request_extra_refusals() {
    let scope = strings(&["a"]);
    let grants = every_grant(&scope);
    let clients = [
        client(Some("s"), None, BodyFormat::Form),
        client(Some("s"), Some(ClientAuth::SecretPost), BodyFormat::Json),
        client(None, None, BodyFormat::Form),
    ];
    for g in &grants {
        for c in &clients {
            // every reserved name, for every grant and method: client_secret too where
            // the method sends no secret in the body, code where the grant has none
            for name in RESERVED_TOKEN_PARAMS {
                let extra = pairs(&[("audience", "a"), (name, "x")]);
                let e = token_request_with_extra(g, c, &extra).err().unwrap();
                assert_eq!(e.kind, crate::error::Kind::Range, "{name}");
                assert!(e.message.contains(name), "{}", e.message);
            }
            for bad in [
                pairs(&[("", "x")]),
                pairs(&[("a", "1"), ("b", "2"), ("a", "3")]),
                pairs(&[("a", "1"), ("a", "1")]),
            ] {
                let e = token_request_with_extra(g, c, &bad).err().unwrap();
                assert_eq!(e.kind, crate::error::Kind::Range, "{bad:?}");
            }
            // names are exact: near misses are ordinary parameters
            let near = pairs(&[
                ("Client_Secret", "x"),
                ("scope ", "x"),
                ("grant_type2", "x"),
                ("client_assertion", "x"),
            ]);
            let r = token_request_with_extra(g, c, &near).unwrap();
            assert!(r.body.contains("Client_Secret"));
        }
    }
    // the list is what tokenRequest can set: each name appears in some request it builds
    let post = client(Some("s"), Some(ClientAuth::SecretPost), BodyFormat::Form);
    let mut seen: Vec<String> = vec![];
    for g in &grants {
        for (n, _) in form_pairs(&token_request(g, &post).unwrap().body) {
            if !seen.contains(&n) {
                seen.push(n);
            }
        }
    }
    seen.sort();
    let mut reserved: Vec<String> = RESERVED_TOKEN_PARAMS
        .iter()
        .map(|s| s.to_string())
        .collect();
    reserved.sort();
    assert_eq!(seen, reserved);
    // authorizationUrl shares the check: a repeated name is refused there too
    let dup = pairs(&[("prompt", "a"), ("prompt", "b")]);
    assert_eq!(
        authorization_url(&auth_req("https://h/a", &[], &dup))
            .unwrap_err()
            .kind,
        crate::error::Kind::Range
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod extra_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Random names and values (any Unicode, controls included) form-decode back to
        /// exactly the pairs sent, after the ones tokenRequest sets; JSON parses back too.
        #[test]
        fn extra_round_trips(
            extra in proptest::collection::vec(("\\PC{1,12}|[\\x00-\\x7f]{1,6}", "\\PC{0,24}|[\\x00-\\x7f]{0,12}"), 0..6),
        ) {
            let mut extra: Vec<(String, String)> = extra
                .into_iter()
                .filter(|(n, _)| !RESERVED_TOKEN_PARAMS.contains(&n.as_str()))
                .collect();
            let mut seen: Vec<String> = vec![];
            extra.retain(|(n, _)| if seen.contains(n) { false } else { seen.push(n.clone()); true });
            let cc = Grant::ClientCredentials { scope: &[] };
            let c = client(Some("s"), Some(ClientAuth::SecretPost), BodyFormat::Form);
            let r = token_request_with_extra(&cc, &c, &extra).unwrap();
            let got = form_pairs(&r.body);
            let set = pairs(&[("grant_type", "client_credentials"), ("client_id", "s6BhdRkqt3"), ("client_secret", "s")]);
            prop_assert_eq!(got.get(..3).unwrap(), set.as_slice());
            prop_assert_eq!(got.get(3..).unwrap(), extra.as_slice());
            let c = client(Some("s"), None, BodyFormat::Json);
            let r = token_request_with_extra(&cc, &c, &extra).unwrap();
            // in order (the core's reader), and the same values by serde_json
            let members = json::parse_object(&r.body).unwrap();
            let got: Vec<(String, String)> = members.into_iter().map(|(k, v)| match v {
                json::Value::Str(s) => (k, s),
                other => panic!("{other:?}"),
            }).collect();
            prop_assert_eq!(got.get(1..).unwrap(), extra.as_slice());
            let parsed: serde_json::Map<String, J> = serde_json::from_str(&r.body).unwrap();
            prop_assert_eq!(parsed.len(), extra.len() + 1);
            for (n, v) in &extra {
                prop_assert_eq!(parsed[n.as_str()].as_str(), Some(v.as_str()));
            }
        }
    }
}

// ---- token responses

fn parse(body: &str, now: u64) -> core::result::Result<TokenSet, ResponseError> {
    parse_token_response_text(body, now)
}

fn invalid_kind(r: core::result::Result<TokenSet, ResponseError>) -> Code {
    match r {
        Err(ResponseError::Other(e)) => e.code().unwrap(),
        other => panic!("expected a plain error, got {other:?}"),
    }
}

#[test]
fn token_response_vectors() {
    for c in oauth()["token_responses"].as_array().unwrap() {
        let t = parse(st(&c["body"]), c["now"].as_u64().unwrap()).unwrap();
        let e = &c["expected"];
        assert_eq!(t.access_token, st(&e["accessToken"]));
        assert_eq!(t.token_type, st(&e["tokenType"]));
        assert_eq!(t.expires_at, e["expiresAt"].as_u64(), "{}", c["id"]);
        assert_eq!(t.refresh_token.as_deref(), e["refreshToken"].as_str());
        let scope: Vec<&str> = e["scope"].as_array().unwrap().iter().map(st).collect();
        assert_eq!(t.scope, scope);
    }
}

#[test]
fn error_response_vectors() {
    let v = oauth();
    let cases = v["error_responses"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for c in cases {
        match parse(st(&c["body"]), 0) {
            Err(ResponseError::OAuth(e)) => {
                assert_eq!(e.code.as_str(), st(&c["code"]), "{}", c["id"]);
                assert_eq!(e.error, st(&c["error"]));
                assert_eq!(e.description.as_deref(), c["error_description"].as_str());
                assert_eq!(e.uri.as_deref(), c["error_uri"].as_str());
                assert!(e.message.contains(st(&c["error"])));
            }
            other => panic!("{}: {other:?}", c["id"]),
        }
    }
    // every RFC 6749 §5.2 code has its own code, the rest share ERR_OAUTH_ERROR
    let named = [
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
    ];
    let codes: Vec<Code> = named.iter().map(|e| oauth_error_code(e)).collect();
    for (i, c) in codes.iter().enumerate() {
        assert_ne!(*c, Code::OAuthError);
        assert!(!codes.get(..i).unwrap().contains(c));
    }
    assert_eq!(oauth_error_code("INVALID_GRANT"), Code::OAuthError);
    // the message is printable and bounded; the fields keep the server's text
    let long = "x".repeat(1000);
    let body = std::format!(r#"{{"error":"invalid_grant","error_description":"a\nb{long}"}}"#);
    let Err(ResponseError::OAuth(e)) = parse(&body, 0) else {
        panic!()
    };
    assert!(e.message.len() < 300);
    assert!(!e.message.contains('\n'));
    assert_eq!(e.description.unwrap().len(), 1003);
    // wrong-typed details are dropped, a wrong-typed error is an invalid response
    let Err(ResponseError::OAuth(e)) =
        parse(r#"{"error":"invalid_grant","error_description":5}"#, 0)
    else {
        panic!()
    };
    assert_eq!(e.description, None);
    assert_eq!(
        invalid_kind(parse(r#"{"error":400}"#, 0)),
        Code::InvalidTokenResponse
    );
    assert_eq!(
        invalid_kind(parse(r#"{"error":""}"#, 0)),
        Code::InvalidTokenResponse
    );
    // an error wins over a token in the same body
    assert!(matches!(
        parse(
            r#"{"access_token":"a","token_type":"Bearer","error":"invalid_grant"}"#,
            0
        ),
        Err(ResponseError::OAuth(_))
    ));
    // "error": null is no error
    assert!(parse(
        r#"{"access_token":"a","token_type":"Bearer","error":null}"#,
        0
    )
    .is_ok());
}

#[test]
fn invalid_token_responses() {
    let bad = [
        "",
        "not json",
        "<html><body>502 Bad Gateway</body></html>",
        "access_token=abc&token_type=bearer",
        "[]",
        "null",
        "\"token\"",
        "{}",
        r#"{"token_type":"Bearer"}"#,
        r#"{"access_token":"a"}"#,
        r#"{"access_token":null,"token_type":"Bearer"}"#,
        r#"{"access_token":"","token_type":"Bearer"}"#,
        r#"{"access_token":5,"token_type":"Bearer"}"#,
        r#"{"access_token":"a\nb","token_type":"Bearer"}"#,
        r#"{"access_token":"é","token_type":"Bearer"}"#,
        r#"{"access_token":"a","token_type":"Bearer "}"#,
        r#"{"access_token":"a","token_type":["Bearer"]}"#,
        // expires_in as a string: only decimal digits in range
        r#"{"access_token":"a","token_type":"Bearer","expires_in":""}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":" 3600"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"3600 "}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"+3600"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"-1"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"3600.0"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"3.6e3"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"0x10"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"03600"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"4294967296"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"99999999999999999999999"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"٣٦"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"1h"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":"NaN"}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":["3600"]}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":{}}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":-1}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":-0.5}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":4294967296}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":1e400}"#,
        r#"{"access_token":"a","token_type":"Bearer","expires_in":true}"#,
        r#"{"access_token":"a","token_type":"Bearer","refresh_token":5}"#,
        r#"{"access_token":"a","token_type":"Bearer","refresh_token":""}"#,
        r#"{"access_token":"a","token_type":"Bearer","scope":["a"]}"#,
        r#"{"access_token":"a","token_type":"Bearer","scope":"a\tb"}"#,
        r#"{"access_token":"a","token_type":"Bearer","id_token":""}"#,
        r#"{"access_token":"a","token_type":"Bearer","access_token":"b"}"#,
        r#"{"access_token":"a","token_type":"Bearer"} trailing"#,
    ];
    for b in bad {
        assert_eq!(invalid_kind(parse(b, 0)), Code::InvalidTokenResponse, "{b}");
    }
    // messages never carry the token
    let Err(ResponseError::Other(e)) = parse(
        r#"{"access_token":"SECRET\u0001","token_type":"Bearer"}"#,
        0,
    ) else {
        panic!()
    };
    assert!(!e.message.contains("SECRET"));
}

#[test]
fn token_response_details() {
    // nulls are absent; unknown members and __proto__ are ignored; id_token kept
    let t = parse(
        r#"{"__proto__":{"access_token":"x"},"access_token":"at","token_type":"DPoP","expires_in":null,
            "refresh_token":null,"scope":null,"id_token":"h.p.s","ext_expires_in":"3600"}"#,
        7,
    )
    .unwrap();
    assert_eq!(
        t,
        TokenSet {
            access_token: "at".to_string(),
            token_type: "DPoP".to_string(),
            expires_at: None,
            refresh_token: None,
            scope: vec![],
            id_token: Some("h.p.s".to_string()),
        }
    );
    // a fractional lifetime is cut down (expires a little early, never late)
    let t = parse(
        r#"{"access_token":"a","token_type":"b","expires_in":3599.999}"#,
        1000,
    )
    .unwrap();
    assert_eq!(t.expires_at, Some(1000 + 3_599_000));
    // exponents are read as JSON.parse reads them; -0 is 0
    let t = parse(
        r#"{"access_token":"a","token_type":"b","expires_in":3.6e3}"#,
        0,
    )
    .unwrap();
    assert_eq!(t.expires_at, Some(3_600_000));
    let t = parse(
        r#"{"access_token":"a","token_type":"b","expires_in":-0}"#,
        5,
    )
    .unwrap();
    assert_eq!(t.expires_at, Some(5));
}

#[test]
fn expires_in_as_a_string() {
    // NetDocuments, CMS BCDA, Spring Authorization Server, WordPress OAuth Server and
    // Delta Sharing send `"expires_in": "3600"`.
    let body = |n: &str| {
        std::format!(r#"{{"access_token":"a","token_type":"Bearer","expires_in":"{n}"}}"#)
    };
    let at = |n: &str, now: u64| parse(&body(n), now).map(|t| t.expires_at);
    assert_eq!(at("3600", 1000).unwrap(), Some(1000 + 3_600_000));
    assert_eq!(at("0", 5).unwrap(), Some(5));
    assert_eq!(at("4294967295", 0).unwrap(), Some(4_294_967_295_000));
    assert!(at("4294967296", 0).is_err());
    // the same safe-integer bound as a number
    assert!(at("1", MAX_SAFE_INTEGER).is_err());
    assert_eq!(
        at("1", MAX_SAFE_INTEGER - 1000).unwrap(),
        Some(MAX_SAFE_INTEGER)
    );
    // a JSON escape that spells digits is those digits
    assert_eq!(at(r"\u0033600", 0).unwrap(), Some(3_600_000));
    // the string and the number give the same token set
    assert_eq!(
        parse(&body("3600"), 7).unwrap(),
        parse(
            r#"{"access_token":"a","token_type":"Bearer","expires_in":3600}"#,
            7
        )
        .unwrap()
    );
    let Err(ResponseError::Other(e)) = parse(&body("3600s"), 0) else {
        panic!()
    };
    assert!(e.message.contains("decimal digits"), "{}", e.message);
}

#[test]
fn token_types_other_than_bearer_are_read() {
    // parseTokenResponse reads any RFC 6749 type name; applyAuth refuses to send one it
    // does not implement (see the apply tests).
    for tt in ["DPoP", "MAC", "N_A", "pop", "bearer", "BEARER"] {
        let t = parse(
            &std::format!(r#"{{"access_token":"a","token_type":"{tt}"}}"#),
            0,
        )
        .unwrap();
        assert_eq!(t.token_type, tt);
    }
}

#[test]
fn expiry_arithmetic_boundaries() {
    let body =
        |n: &str| std::format!(r#"{{"access_token":"a","token_type":"Bearer","expires_in":{n}}}"#);
    let at = |n: &str, now: u64| parse(&body(n), now).map(|t| t.expires_at);
    assert_eq!(at("0", 1_700_000_000_000).unwrap(), Some(1_700_000_000_000));
    assert_eq!(at("1", 1_700_000_000_000).unwrap(), Some(1_700_000_001_000));
    assert_eq!(at("3600", 0).unwrap(), Some(3_600_000));
    assert_eq!(at("4294967295", 0).unwrap(), Some(4_294_967_295_000));
    assert!(at("4294967296", 0).is_err());
    // now + expires_in * 1000 must stay a safe integer
    let max = MAX_SAFE_INTEGER;
    assert_eq!(at("0", max).unwrap(), Some(max));
    assert!(at("1", max).is_err());
    assert_eq!(at("1", max - 1000).unwrap(), Some(max));
    assert!(at("1", max - 999).is_err());
    assert!(at("4294967295", max - 4_294_967_295_000 + 1).is_err());
    assert_eq!(
        at("4294967295", max - 4_294_967_295_000).unwrap(),
        Some(max)
    );
}

#[test]
fn refresh_timing() {
    let exp = Some(1_700_000_060_000);
    // default skew 60 s: due exactly 60 s before expiry, not a millisecond earlier
    assert!(!needs_refresh(exp, 1_699_999_999_999, 60));
    assert!(needs_refresh(exp, 1_700_000_000_000, 60));
    assert!(needs_refresh(exp, 1_700_000_060_000, 60));
    assert!(needs_refresh(exp, 1_800_000_000_000, 60));
    assert!(!needs_refresh(exp, 1_700_000_059_999, 0));
    assert!(needs_refresh(exp, 1_700_000_060_000, 0));
    assert!(!needs_refresh(None, u64::MAX, 60));
    assert!(needs_refresh(Some(5), 0, u64::MAX));
    assert!(needs_refresh(Some(u64::MAX), u64::MAX, 0));
}
