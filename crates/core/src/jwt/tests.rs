use super::*;
use crate::encoding::{hex, hex_decode};
use crate::test_vectors as vectors;
use alloc::string::ToString;
use alloc::vec;

const NOW: u64 = 1_700_000_000_000;
const KEY: &[u8] = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn opts(algs: &[Alg], now_ms: u64) -> VerifyOptions<'_> {
    VerifyOptions {
        algorithms: algs,
        now_ms,
        ..Default::default()
    }
}

fn code(r: Result<Decoded>) -> Code {
    r.err().and_then(|e| e.code()).expect("an AuthsmithError")
}

fn claim(r: Result<Decoded>) -> (Code, String) {
    let e = r.expect_err("an error");
    (e.code().unwrap(), e.claim.unwrap_or_default())
}

/// A token with the given header and payload texts, signed with `key` under `alg`.
fn forge(header: &str, payload: &str, alg: Alg, key: &[u8]) -> String {
    let mut t = base64_url(header.as_bytes());
    t.push('.');
    t.push_str(&base64_url(payload.as_bytes()));
    let mac = alg.mac(key, &[t.as_bytes()]);
    t.push('.');
    t.push_str(&base64_url(&mac));
    t
}

fn hs256(payload: &str) -> String {
    forge(r#"{"alg":"HS256","typ":"JWT"}"#, payload, Alg::Hs256, KEY)
}

#[test]
fn rfc7515_a1_and_rfc7519_3_1() {
    let v = vectors("jwt.json");
    let a1 = &v["rfc7515_a1"];
    let token = a1["token"].as_str().unwrap();
    let key = hex_decode(a1["key_hex"].as_str().unwrap(), true).unwrap();
    assert_eq!(
        base64_url_decode_strict(a1["key_jwk_k"].as_str().unwrap()).unwrap(),
        key
    );
    let exp_ms = a1["exp"].as_u64().unwrap() * 1000;
    let d = verify(token, &[&key], &opts(&[Alg::Hs256], exp_ms - 1)).unwrap();
    assert_eq!(d.header_json, a1["header_text"].as_str().unwrap());
    assert_eq!(d.payload_json, a1["payload_text"].as_str().unwrap());
    assert_eq!(
        member(&d.payload, "iss"),
        Some(&Json::Str("joe".to_string()))
    );
    assert_eq!(
        member(&d.payload, "http://example.com/is_root"),
        Some(&Json::Bool(true))
    );
    // the exp boundary: valid up to the millisecond before, expired at it
    assert_eq!(
        claim(verify(token, &[&key], &opts(&[Alg::Hs256], exp_ms))),
        (Code::JwtExpired, "exp".to_string())
    );
    let mut o = opts(&[Alg::Hs256], exp_ms + 59_999);
    o.clock_tolerance_sec = 60;
    assert!(verify(token, &[&key], &o).is_ok());
    o.now_ms = exp_ms + 60_000;
    assert_eq!(code(verify(token, &[&key], &o)), Code::JwtExpired);
    // decode needs no key; expires_at reads exp
    assert_eq!(
        decode(token).unwrap(),
        verify(token, &[&key], &opts(&[Alg::Hs256], exp_ms - 1)).unwrap()
    );
    let exp = expires_at(token).unwrap().unwrap();
    assert_eq!((exp.text.as_str(), exp.floor_ms()), ("1300819380", exp_ms));
    // HS256 only in the list: HS384 refused before any MAC
    assert_eq!(
        code(verify(token, &[&key], &opts(&[Alg::Hs384], exp_ms - 1))),
        Code::JwtAlgNotAllowed
    );
    // a wrong key, one flipped signature bit
    assert_eq!(
        code(verify(
            token,
            &[b"another key, long enough to be allowed"],
            &opts(&[Alg::Hs256], exp_ms - 1)
        )),
        Code::SignatureMismatch
    );
    let mut t = token.to_string();
    let last = t.pop().unwrap();
    t.push(if last == 'k' { 'l' } else { 'k' });
    assert!(matches!(
        code(verify(&t, &[&key], &opts(&[Alg::Hs256], exp_ms - 1))),
        Code::SignatureMismatch | Code::JwtMalformed
    ));
}

#[test]
fn rfc4231_through_hs384_hs512() {
    let v = vectors("jwt.json");
    let cases = v["rfc4231"].as_array().unwrap();
    assert_eq!(cases.len(), 7);
    for t in cases {
        let key = hex_decode(t["key_hex"].as_str().unwrap(), true).unwrap();
        let data = hex_decode(t["data_hex"].as_str().unwrap(), true).unwrap();
        for (alg, field) in [
            (Alg::Hs384, "hmac_sha384_hex"),
            (Alg::Hs512, "hmac_sha512_hex"),
        ] {
            let want = t[field].as_str().unwrap();
            // split input: the parts are concatenated
            let (a, b) = data.split_at(data.len() / 2);
            let got = hex(&alg.mac(&key, &[a, b]));
            assert_eq!(got.len(), alg.mac_len() * 2);
            assert!(
                got.starts_with(want),
                "case {} {}",
                t["tc_id"],
                alg.as_str()
            );
        }
    }
    // and HS256 from the SHA-256 file, through the same code
    let v = vectors("rfc4231_hmac_sha256.json");
    for t in v["tests"].as_array().unwrap() {
        let key = hex_decode(t["key_hex"].as_str().unwrap(), true).unwrap();
        let data = hex_decode(t["data_hex"].as_str().unwrap(), true).unwrap();
        assert!(hex(&Alg::Hs256.mac(&key, &[&data]))
            .starts_with(t["hmac_sha256_hex"].as_str().unwrap()));
    }
}

#[test]
fn sign_and_verify_every_alg() {
    for alg in Alg::ALL {
        let key = vec![7u8; alg.mac_len()];
        let so = SignOptions {
            alg,
            now_ms: NOW + 999,
            expires_in_sec: Some(3600),
            not_before_sec: Some(-5),
        };
        let t = sign(
            r#"{"sub":"u1","n":[1,2]}"#,
            Some(r#"{"kid":"k1"}"#),
            &key,
            &so,
        )
        .unwrap();
        let d = decode(&t).unwrap();
        assert_eq!(
            d.header_json,
            alloc::format!(r#"{{"alg":"{}","typ":"JWT","kid":"k1"}}"#, alg.as_str())
        );
        assert_eq!(
            d.payload_json,
            r#"{"sub":"u1","n":[1,2],"iat":1700000000,"nbf":1699999995,"exp":1700003600}"#
        );
        assert!(verify(&t, &[&key], &opts(&[alg], NOW)).is_ok());
        assert!(verify(&t, &[&key], &opts(&Alg::ALL, NOW + 3_599_999)).is_ok());
        assert_eq!(
            code(verify(&t, &[&key], &opts(&Alg::ALL, NOW + 3_600_000))),
            Code::JwtExpired
        );
        assert_eq!(
            code(verify(&t, &[&key], &opts(&Alg::ALL, NOW - 5_001))),
            Code::JwtNotYetValid
        );
        assert!(verify(&t, &[&key], &opts(&Alg::ALL, NOW - 5_000)).is_ok());
        // the MAC has the hash's length
        let sig = t.rsplit('.').next().unwrap();
        assert_eq!(base64_url_decode_strict(sig).unwrap().len(), alg.mac_len());
    }
    // an empty payload and header; typ kept when given
    let so = SignOptions {
        alg: Alg::Hs256,
        now_ms: NOW,
        expires_in_sec: None,
        not_before_sec: None,
    };
    let t = sign("{}", Some(r#"{"typ":"at+jwt"}"#), KEY, &so).unwrap();
    let d = decode(&t).unwrap();
    assert_eq!(d.header_json, r#"{"alg":"HS256","typ":"at+jwt"}"#);
    assert_eq!(d.payload_json, r#"{"iat":1700000000}"#);
    // the payload's own iat is kept
    let t = sign(r#"{"iat":5}"#, None, KEY, &so).unwrap();
    assert_eq!(decode(&t).unwrap().payload_json, r#"{"iat":5}"#);
}

#[test]
fn sign_refusals() {
    let so = SignOptions {
        alg: Alg::Hs256,
        now_ms: NOW,
        expires_in_sec: Some(60),
        not_before_sec: None,
    };
    // RFC 7518 §3.2: the key must be as long as the hash output
    assert_eq!(
        sign("{}", None, &[1; 31], &so).unwrap_err().kind,
        crate::error::Kind::Range
    );
    assert!(sign("{}", None, &[1; 32], &so).is_ok());
    let so512 = SignOptions {
        alg: Alg::Hs512,
        ..so
    };
    assert_eq!(
        sign("{}", None, &[1; 63], &so512).unwrap_err().kind,
        crate::error::Kind::Range
    );
    assert_eq!(
        sign("{}", None, b"", &so).unwrap_err().code(),
        Some(Code::EmptySecret)
    );
    for bad in [
        r#"{"exp":"1700000000"}"#,
        r#"{"nbf":null}"#,
        r#"{"iat":"now"}"#,
    ] {
        let so = SignOptions {
            expires_in_sec: None,
            ..so
        };
        assert_eq!(
            sign(bad, None, KEY, &so).unwrap_err().kind,
            crate::error::Kind::Type,
            "{bad}"
        );
    }
    // exp twice, alg/crit in the header, not objects, duplicate keys
    assert_eq!(
        sign(r#"{"exp":1}"#, None, KEY, &so).unwrap_err().kind,
        crate::error::Kind::Type
    );
    for h in [
        r#"{"alg":"none"}"#,
        r#"{"crit":["b64"]}"#,
        "[]",
        r#"{"a":1,"a":2}"#,
    ] {
        assert_eq!(
            sign("{}", Some(h), KEY, &so).unwrap_err().kind,
            crate::error::Kind::Type,
            "{h}"
        );
    }
    for p in ["[]", "1", r#"{"a":{"b":1,"b":2}}"#, ""] {
        assert_eq!(
            sign(p, None, KEY, &so).unwrap_err().kind,
            crate::error::Kind::Type,
            "{p}"
        );
    }
    // now given in seconds
    let secs = SignOptions {
        now_ms: 1_700_000_000,
        ..so
    };
    assert_eq!(
        sign("{}", None, KEY, &secs).unwrap_err().kind,
        crate::error::Kind::Range
    );
    assert_eq!(
        verify(&hs256("{}"), &[KEY], &opts(&[Alg::Hs256], 1_700_000_000))
            .unwrap_err()
            .error
            .kind,
        crate::error::Kind::Range
    );
}

#[test]
fn alg_none_and_confusion() {
    let none = alloc::format!(
        "{}.{}.",
        base64_url(br#"{"alg":"none"}"#),
        base64_url(br#"{"sub":"admin"}"#)
    );
    assert_eq!(
        code(verify(&none, &[KEY], &opts(&Alg::ALL, NOW))),
        Code::JwtAlgNotAllowed
    );
    for alg in [
        "none", "None", "NONE", "nOnE", "RS256", "ES256", "PS256", "EdDSA", "HS1", "hs256",
        "HS256 ", "",
    ] {
        let h = alloc::format!(r#"{{"alg":"{alg}"}}"#);
        let t = forge(&h, "{}", Alg::Hs256, KEY);
        assert_eq!(
            code(verify(&t, &[KEY], &opts(&Alg::ALL, NOW))),
            Code::JwtAlgNotAllowed,
            "{alg}"
        );
        // decoding (no verification) still works: it trusts nothing
        assert!(decode(&t).is_ok());
    }
    // alg not a string, absent
    for h in [
        r#"{"alg":256}"#,
        r#"{"alg":null}"#,
        r#"{"typ":"JWT"}"#,
        r#"{"alg":["HS256"]}"#,
    ] {
        let t = forge(h, "{}", Alg::Hs256, KEY);
        assert_eq!(
            code(verify(&t, &[KEY], &opts(&Alg::ALL, NOW))),
            Code::JwtMalformed,
            "{h}"
        );
    }
    // a token signed HS256 relabelled HS512 (same key) fails, and vice versa
    let t = forge(r#"{"alg":"HS512"}"#, "{}", Alg::Hs256, KEY);
    assert_eq!(
        code(verify(&t, &[KEY], &opts(&Alg::ALL, NOW))),
        Code::SignatureMismatch
    );
    // an empty allow-list allows nothing
    assert_eq!(
        code(verify(&hs256("{}"), &[KEY], &opts(&[], NOW))),
        Code::JwtAlgNotAllowed
    );
}

#[test]
fn crit() {
    for (h, ok) in [
        (r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, false),
        (r#"{"alg":"HS256","crit":["b64"],"b64":true}"#, false),
        (r#"{"alg":"HS256","crit":[]}"#, false),
        (r#"{"alg":"HS256","crit":[""]}"#, false),
        (r#"{"alg":"HS256","crit":"x"}"#, false),
        (r#"{"alg":"HS256","crit":["a","a"]}"#, false),
        (r#"{"alg":"HS256","crit":[1]}"#, false),
        (r#"{"alg":"HS256","critical":["x"]}"#, true),
    ] {
        let t = forge(h, "{}", Alg::Hs256, KEY);
        let r = verify(&t, &[KEY], &opts(&Alg::ALL, NOW));
        if ok {
            assert!(r.is_ok(), "{h}");
        } else {
            assert_eq!(code(r), Code::JwtMalformed, "{h}");
        }
    }
}

#[test]
fn malformed_segments() {
    let good = hs256(r#"{"sub":"a"}"#);
    assert!(verify(&good, &[KEY], &opts(&Alg::ALL, NOW)).is_ok());
    let parts: Vec<&str> = good.split('.').collect();
    let (h, p, s) = (parts[0], parts[1], parts[2]);
    let bad = [
        alloc::format!("{h}.{p}"),
        alloc::format!("{h}.{p}.{s}.x"),
        alloc::format!("{h}.{p}.{s}.x.y"),
        alloc::format!("{h}=.{p}.{s}"),
        alloc::format!("{h}.{p}=.{s}"),
        alloc::format!("{h}.{p}.{s}="),
        alloc::format!("{h}.{p}.{}", s.replace('-', "+").replace('_', "/")),
        alloc::format!(" {h}.{p}.{s}"),
        alloc::format!("{h}.{p}.{s}\n"),
        alloc::format!("{h}. {p}.{s}"),
        alloc::format!("{h}.{p}.{s}A"), // stray bits / wrong length
        alloc::format!(".{p}.{s}"),
        alloc::format!("{h}..{s}"),
        "..".to_string(),
        "a.b.c".to_string(),
        "not a token".to_string(),
    ];
    for t in bad.iter().filter(|t| **t != good) {
        let c = code(verify(t, &[KEY], &opts(&Alg::ALL, NOW)));
        assert!(
            matches!(c, Code::JwtMalformed | Code::SignatureMismatch),
            "{t}: {c:?}"
        );
        assert!(decode(t).is_err() || t.ends_with('A'), "{t}");
    }
    // the standard alphabet in the signature is refused outright, not merely mismatched
    let std_sig = alloc::format!("{h}.{p}.{}", s.replace('-', "+").replace('_', "/"));
    if std_sig != good {
        assert_eq!(
            code(verify(&std_sig, &[KEY], &opts(&Alg::ALL, NOW))),
            Code::JwtMalformed
        );
    }
    // an empty token is an empty secret, as elsewhere
    assert_eq!(
        code(verify("", &[KEY], &opts(&Alg::ALL, NOW))),
        Code::EmptySecret
    );
    // header/payload that are not objects, not UTF-8, repeated keys, too deep
    for (hh, pp) in [
        ("[]", "{}"),
        (r#"{"alg":"HS256"}"#, "[]"),
        (r#"{"alg":"HS256"}"#, "\"s\""),
        (r#"{"alg":"HS256","alg":"HS256"}"#, "{}"),
        (r#"{"alg":"HS256"}"#, r#"{"sub":"a","sub":"b"}"#),
        (r#"{"alg":"HS256"}"#, r#"{"x":{"y":1,"y":2}}"#),
        (r#"{"alg":"HS256"}"#, "{\"a\":1,}"),
        (r#"{"alg":"HS256"}"#, "{'a':1}"),
    ] {
        let t = forge(hh, pp, Alg::Hs256, KEY);
        assert_eq!(
            code(verify(&t, &[KEY], &opts(&Alg::ALL, NOW))),
            Code::JwtMalformed,
            "{hh} {pp}"
        );
    }
    let deep = alloc::format!("{{\"a\":{}1{}}}", "[".repeat(70), "]".repeat(70));
    let t = hs256(&deep);
    assert_eq!(
        code(verify(&t, &[KEY], &opts(&Alg::ALL, NOW))),
        Code::JwtMalformed
    );
    let mut t = base64_url(br#"{"alg":"HS256"}"#);
    t.push('.');
    t.push_str(&base64_url(&[0x7b, 0xff, 0x7d]));
    t.push_str(".AA");
    assert_eq!(code(decode(&t).map(|_| unreachable!())), Code::JwtMalformed);
}

#[test]
fn huge_tokens() {
    // just under the limit: accepted (and linear: one pass)
    let filler = "x".repeat(700_000);
    let t = hs256(&alloc::format!(r#"{{"f":"{filler}"}}"#));
    assert!(t.len() < MAX_TOKEN_LEN);
    assert!(verify(&t, &[KEY], &opts(&Alg::ALL, NOW)).is_ok());
    // over it: refused before decoding
    let big = "A".repeat(MAX_TOKEN_LEN + 1);
    assert_eq!(
        code(verify(&big, &[KEY], &opts(&Alg::ALL, NOW))),
        Code::JwtMalformed
    );
    assert_eq!(code(decode(&big)), Code::JwtMalformed);
    // many segments, many dots
    let dots = ".".repeat(100_000);
    assert_eq!(code(decode(&dots)), Code::JwtMalformed);
}

#[test]
fn key_rotation() {
    let t = hs256(r#"{"sub":"a"}"#);
    let old: &[u8] = b"an old key that is long enough, thirty-two+";
    assert!(verify(&t, &[old, KEY], &opts(&Alg::ALL, NOW)).is_ok());
    assert!(verify(&t, &[KEY, old], &opts(&Alg::ALL, NOW)).is_ok());
    assert_eq!(
        code(verify(&t, &[old], &opts(&Alg::ALL, NOW))),
        Code::SignatureMismatch
    );
    assert_eq!(
        code(verify(&t, &[], &opts(&Alg::ALL, NOW))),
        Code::EmptySecret
    );
    assert_eq!(
        code(verify(&t, &[KEY, b""], &opts(&Alg::ALL, NOW))),
        Code::EmptySecret
    );
    // verifying with a key shorter than the hash is allowed (the issuer chose it)
    let short = forge(r#"{"alg":"HS256"}"#, "{}", Alg::Hs256, b"secret");
    assert!(verify(&short, &[b"secret"], &opts(&Alg::ALL, NOW)).is_ok());
}

#[test]
fn claims() {
    let iss = vec!["https://as.example".to_string(), "other".to_string()];
    let aud = vec!["api".to_string()];
    let req = vec!["jti".to_string()];
    let t = hs256(
        r#"{"iss":"https://as.example","aud":["x","api"],"sub":"u1","iat":1700000000,"jti":"j"}"#,
    );
    let mut o = opts(&Alg::ALL, NOW);
    o.issuer = Some(&iss);
    o.audience = Some(&aud);
    o.subject = Some("u1");
    o.typ = Some("jwt");
    o.max_token_age_sec = Some(60);
    o.required_claims = &req;
    assert!(verify(&t, &[KEY], &o).is_ok());
    o.typ = Some("application/JWT");
    assert!(verify(&t, &[KEY], &o).is_ok());
    o.typ = Some("at+jwt");
    assert_eq!(
        claim(verify(&t, &[KEY], &o)),
        (Code::JwtClaimInvalid, "typ".into())
    );
    o.typ = None;
    o.subject = Some("u2");
    assert_eq!(
        claim(verify(&t, &[KEY], &o)),
        (Code::JwtClaimInvalid, "sub".into())
    );
    o.subject = None;
    let other = vec!["nope".to_string()];
    o.audience = Some(&other);
    assert_eq!(
        claim(verify(&t, &[KEY], &o)),
        (Code::JwtClaimInvalid, "aud".into())
    );
    o.audience = None;
    o.issuer = Some(&other);
    assert_eq!(
        claim(verify(&t, &[KEY], &o)),
        (Code::JwtClaimInvalid, "iss".into())
    );
    o.issuer = None;
    // max age: 60 s after iat is the last accepted millisecond
    o.now_ms = NOW + 60_000;
    assert!(verify(&t, &[KEY], &o).is_ok());
    o.now_ms = NOW + 60_001;
    assert_eq!(
        claim(verify(&t, &[KEY], &o)),
        (Code::JwtClaimInvalid, "iat".into())
    );
    o.clock_tolerance_sec = 1;
    assert!(verify(&t, &[KEY], &o).is_ok());
    o.clock_tolerance_sec = 0;
    o.now_ms = NOW - 1;
    assert_eq!(
        claim(verify(&t, &[KEY], &o)),
        (Code::JwtClaimInvalid, "iat".into())
    );
    o.now_ms = NOW;
    let missing = vec!["nonce".to_string()];
    o.required_claims = &missing;
    assert_eq!(
        claim(verify(&t, &[KEY], &o)),
        (Code::JwtClaimInvalid, "nonce".into())
    );
    // aud as a string; iss not a string
    let t2 = hs256(r#"{"aud":"api","iss":1}"#);
    let mut o = opts(&Alg::ALL, NOW);
    o.audience = Some(&aud);
    assert!(verify(&t2, &[KEY], &o).is_ok());
    o.issuer = Some(&iss);
    assert_eq!(
        claim(verify(&t2, &[KEY], &o)),
        (Code::JwtClaimInvalid, "iss".into())
    );
    // NumericDates must be numbers, fractions allowed
    for c in ["exp", "nbf", "iat"] {
        let t = hs256(&alloc::format!(r#"{{"{c}":"1800000000"}}"#));
        assert_eq!(
            claim(verify(&t, &[KEY], &opts(&Alg::ALL, NOW))),
            (Code::JwtClaimInvalid, c.to_string())
        );
    }
    let t = hs256(r#"{"exp":1700000000.5}"#);
    assert!(verify(&t, &[KEY], &opts(&Alg::ALL, NOW + 499)).is_ok());
    assert_eq!(
        code(verify(&t, &[KEY], &opts(&Alg::ALL, NOW + 500))),
        Code::JwtExpired
    );
    let t = hs256(r#"{"nbf":1700000000.25}"#);
    assert_eq!(
        code(verify(&t, &[KEY], &opts(&Alg::ALL, NOW + 249))),
        Code::JwtNotYetValid
    );
    assert!(verify(&t, &[KEY], &opts(&Alg::ALL, NOW + 250)).is_ok());
    // 1e400 is infinity (as JSON.parse reads it): never expires; -1e400 always has
    assert!(verify(&hs256(r#"{"exp":1e400}"#), &[KEY], &opts(&Alg::ALL, NOW)).is_ok());
    assert_eq!(
        code(verify(
            &hs256(r#"{"exp":-1e400}"#),
            &[KEY],
            &opts(&Alg::ALL, NOW)
        )),
        Code::JwtExpired
    );
    assert_eq!(
        code(verify(
            &hs256(r#"{"exp":0}"#),
            &[KEY],
            &opts(&Alg::ALL, NOW)
        )),
        Code::JwtExpired
    );
    assert_eq!(
        code(verify(
            &hs256(r#"{"exp":-0}"#),
            &[KEY],
            &opts(&Alg::ALL, NOW)
        )),
        Code::JwtExpired
    );
    // expires_at
    let ms = |p: &str| expires_at(&hs256(p)).unwrap().map(|e| e.floor_ms());
    assert_eq!(ms(r#"{"exp":1700000000.5}"#), Some(1_700_000_000_500));
    assert_eq!(ms(r#"{"exp":1700000000.0005}"#), Some(1_700_000_000_000));
    assert_eq!(ms(r#"{"exp":17e8}"#), Some(1_700_000_000_000));
    assert_eq!(ms(r#"{"exp":-5}"#), Some(0));
    assert_eq!(ms(r#"{"exp":1e400}"#), Some(u64::MAX));
    assert_eq!(ms(r#"{"exp":1e-400}"#), Some(0));
    assert_eq!(ms("{}"), None);
    assert_eq!(
        expires_at(&hs256(r#"{"exp":"1"}"#))
            .unwrap_err()
            .claim
            .as_deref(),
        Some("exp")
    );
}

#[test]
fn exact_millisecond_comparison() {
    use Ordering::*;
    assert_eq!(cmp_ms(1000, "1"), Equal);
    assert_eq!(cmp_ms(999, "1"), Less);
    assert_eq!(cmp_ms(1001, "1"), Greater);
    assert_eq!(cmp_ms(0, "0"), Equal);
    assert_eq!(cmp_ms(0, "-0"), Equal);
    assert_eq!(cmp_ms(0, "-0.000e5"), Equal);
    assert_eq!(cmp_ms(-1, "-0"), Less);
    assert_eq!(cmp_ms(500, "0.5"), Equal);
    assert_eq!(cmp_ms(500, "5e-1"), Equal);
    assert_eq!(cmp_ms(500, "0.05e1"), Equal);
    // decimal, not binary: 0.1 s is exactly 100 ms, 0.7 s exactly 700 ms
    assert_eq!(cmp_ms(100, "0.1"), Equal);
    assert_eq!(cmp_ms(700, "0.7"), Equal);
    assert_eq!(cmp_ms(699, "0.7"), Less);
    assert_eq!(cmp_ms(701, "0.7"), Greater);
    assert_eq!(cmp_ms(700, "0.7000000000000000000001"), Less);
    assert_eq!(cmp_ms(-700, "-0.7"), Equal);
    assert_eq!(cmp_ms(-699, "-0.7"), Greater);
    assert_eq!(cmp_ms(-701, "-0.7"), Less);
    assert_eq!(cmp_ms(5, "-0.7"), Greater);
    assert_eq!(cmp_ms(-5, "0.7"), Less);
    assert_eq!(cmp_ms(1_700_000_000_500, "1700000000.5"), Equal);
    assert_eq!(cmp_ms(1_700_000_000_500, "1.7000000005E9"), Equal);
    assert_eq!(cmp_ms(1_700_000_000_500, "17000000005e-1"), Equal);
    assert_eq!(cmp_ms(1_700_000_000_499, "1700000000.5"), Less);
    assert_eq!(
        cmp_ms(1_700_000_000_000, "1700000000.0000000000000000001"),
        Less
    );
    assert_eq!(cmp_ms(i128::from(u64::MAX), "1e300"), Less);
    assert_eq!(cmp_ms(-i128::from(u64::MAX), "-1e300"), Greater);
    assert_eq!(cmp_ms(1, "1e-400"), Greater);
    assert_eq!(cmp_ms(0, "1e-400"), Less);
    assert_eq!(cmp_ms(0, "1e999999999999999999999"), Less);
    assert_eq!(
        cmp_ms(i128::from(u64::MAX), "1e999999999999999999999"),
        Less
    );
    assert_eq!(cmp_ms(1, "0e999999999999999999999"), Greater);
    assert_eq!(cmp_ms(9_007_199_254_740_992_000, "9007199254740992"), Equal);
    assert_eq!(cmp_ms(9_007_199_254_740_993_000, "9007199254740993"), Equal);
    assert_eq!(
        cmp_ms(9_007_199_254_740_992_001, "9007199254740992"),
        Greater
    );
    assert_eq!(cmp_ms(100_000, "100"), Equal);
    assert_eq!(cmp_ms(99_999, "100"), Less);
    assert_eq!(cmp_ms(100_001, "100.000"), Greater);
    assert_eq!(cmp_ms(1_000_000_000, "1e6"), Equal);
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            (-1e300f64..1e300).prop_map(|f| serde_json::json!(f)),
            "\\PC{0,12}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("[a-z_]{0,6}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Against integer arithmetic: `secs = micro / 10^6` written in four forms.
        #[test]
        fn cmp_ms_matches_integers(a in -4_000_000_000_000i64..4_000_000_000_000i64, micro in -4_000_000_000_000_000i64..4_000_000_000_000_000i64, form in 0u8..4) {
            let sign = if micro < 0 { "-" } else { "" };
            let m = micro.unsigned_abs();
            let text = match form {
                0 => alloc::format!("{sign}{}.{:06}", m / 1_000_000, m % 1_000_000),
                1 => alloc::format!("{sign}{m}e-6"),
                2 => alloc::format!("{sign}{m}000E-9"),
                _ => alloc::format!("{sign}0.{m:022}e16"),
            };
            // a ms vs 1000 * micro / 10^6 s = micro / 1000 ms  <=>  1000 a vs micro
            let want = (i128::from(a) * 1000).cmp(&i128::from(micro));
            prop_assert_eq!(cmp_ms(i128::from(a), &text), want, "{} vs {}", a, text);
        }

        /// Near the boundary: a equal to micro / 1000 when that is whole.
        #[test]
        fn cmp_ms_boundary(ms in -4_000_000_000_000i64..4_000_000_000_000i64, off in -2i64..=2) {
            let micro = i128::from(ms) * 1000 + i128::from(off);
            let text = alloc::format!("{}e-6", micro);
            prop_assert_eq!(cmp_ms(i128::from(ms), &text), 0i128.cmp(&i128::from(off)));
        }

        /// Whatever the tree reader accepts, serde_json reads to the same values (it
        /// refuses repeated keys, which serde_json would take the last of).
        #[test]
        fn tree_reader_matches_serde_json(text in r#"[{}\[\],:"a-c0-9.eE+\- \\u]{0,60}"#) {
            fn same(a: &Json, b: &serde_json::Value) -> bool {
                match (a, b) {
                    (Json::Null, serde_json::Value::Null) => true,
                    (Json::Bool(x), serde_json::Value::Bool(y)) => x == y,
                    (Json::Str(x), serde_json::Value::String(y)) => x == y,
                    (Json::Num(x), serde_json::Value::Number(y)) => {
                        let x: f64 = x.parse().unwrap();
                        y.as_f64().is_none_or(|f| (f - x).abs() <= f.abs() * 4e-16)
                    }
                    (Json::Arr(x), serde_json::Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
                    (Json::Obj(x), serde_json::Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
                    _ => false,
                }
            }
            let wrapped = String::from("{\"k\":") + &text + "}";
            for t in [text.as_str(), wrapped.as_str()] {
                if let Ok(m) = parse_tree_object(t, 64) {
                    let v: serde_json::Value = serde_json::from_str(t).expect("serde_json reads what the tree reader accepted");
                    prop_assert!(same(&Json::Obj(m), &v), "{t:?}");
                }
            }
        }

        /// JSON that serde_json writes (no repeated keys) is accepted, to the same values.
        #[test]
        fn tree_reader_reads_serde_json_output(v in json_value()) {
            let text = serde_json::to_string(&serde_json::json!({ "v": v })).unwrap();
            let m = parse_tree_object(&text, 64).unwrap();
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            let serde_json::Value::Object(map) = back else { unreachable!() };
            prop_assert_eq!(m.len(), 1);
            prop_assert!(matches!(&m[0], (k, _) if k == "v"));
            let want = &map["v"];
            fn same(a: &Json, b: &serde_json::Value) -> bool {
                match (a, b) {
                    (Json::Null, serde_json::Value::Null) => true,
                    (Json::Bool(x), serde_json::Value::Bool(y)) => x == y,
                    (Json::Str(x), serde_json::Value::String(y)) => x == y,
                    // serde_json's default float parser may be an ULP off (no float_roundtrip);
                    // ours is correctly rounded like JSON.parse (the JS differential checks that)
                    (Json::Num(x), serde_json::Value::Number(y)) => {
                        let x: f64 = x.parse().unwrap();
                        y.as_f64().is_some_and(|f| (f - x).abs() <= f.abs() * 4e-16)
                    }
                    (Json::Arr(x), serde_json::Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
                    (Json::Obj(x), serde_json::Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
                    _ => false,
                }
            }
            prop_assert!(same(&m[0].1, want), "{}", text);
        }

        /// Whatever bytes come in, decode and verify answer without panicking.
        #[test]
        fn never_panics(s in "[A-Za-z0-9_.=+/ -]{0,200}") {
            let _ = decode(&s);
            let _ = verify(&s, &[KEY], &opts(&Alg::ALL, NOW));
        }

        /// Every signed token verifies, and any single-character change is refused.
        #[test]
        fn tamper(sub in "[a-z]{0,20}", exp in 1u64..100_000, pos in any::<prop::sample::Index>()) {
            let so = SignOptions { alg: Alg::Hs256, now_ms: NOW, expires_in_sec: Some(exp), not_before_sec: None };
            let mut p = String::from("{\"sub\":");
            crate::json::push_string(&mut p, &sub);
            p.push('}');
            let t = sign(&p, None, KEY, &so).unwrap();
            prop_assert!(verify(&t, &[KEY], &opts(&Alg::ALL, NOW)).is_ok());
            let i = pos.index(t.len());
            let mut b = t.clone().into_bytes();
            b[i] = if b[i] == b'A' { b'B' } else { b'A' };
            let t2 = String::from_utf8(b).unwrap();
            if t2 != t {
                prop_assert!(verify(&t2, &[KEY], &opts(&Alg::ALL, NOW)).is_err());
            }
        }
    }
}
