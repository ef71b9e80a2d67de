//! Hardening tests that span modules: `Debug` of every secret-holding type is
//! `[REDACTED]`, the hash/HMAC states wipe themselves when dropped, and property tests
//! (proptest, host only) for the parsers that had none: Tedee keys, Basic/Bearer,
//! webhook signature headers, the JSON reader, token responses, URLs and the decoders.
#![forbid(unsafe_code)]

use alloc::string::{String, ToString};
use alloc::vec;
use std::format;

use crate::apply::{Applied, Auth, Placement};
use crate::crypto::{HmacKey, HmacSha256};
use crate::oauth::{BodyFormat, Client, ClientAuth, Grant, TokenRequest, TokenSet};
use crate::tedee::{KeyGenerator, Mode, Verifier as TedeeVerifier};
use crate::webhook::{Builtin, Scheme, Secret, Signer, Verifier as WebhookVerifier};

const SECRET: &str = "pl4nted-S3CRET-value-0123456789";

fn assert_redacted(debug: String) {
    assert!(debug.contains("[REDACTED]"), "{debug}");
    assert!(!debug.contains(SECRET), "Debug leaks the secret: {debug}");
    assert!(
        !debug.contains("pl4nted"),
        "Debug leaks part of the secret: {debug}"
    );
}

#[test]
fn debug_of_every_secret_holding_type_is_redacted() {
    let key = HmacKey::new(SECRET.as_bytes());
    assert_redacted(format!("{key:?}"));
    assert_redacted(format!("{:?}", key.stream()));
    assert_redacted(format!(
        "{:?}",
        KeyGenerator::new(SECRET, Mode::Plain).unwrap()
    ));
    assert_redacted(format!(
        "{:?}",
        TedeeVerifier::new(SECRET, Mode::Encrypted, 1000, 4).unwrap()
    ));
    assert_redacted(format!("{:?}", Secret::Text(SECRET)));
    assert_redacted(format!("{:?}", Secret::Raw(SECRET.as_bytes())));
    let github = Scheme::Builtin(Builtin::Github);
    let headers = [(
        "x-hub-signature-256",
        "sha256=".to_string() + &"0".repeat(64),
    )];
    let v = WebhookVerifier::new(&github, &[Secret::Text(SECRET)], &headers, 0, 0).unwrap();
    assert_redacted(format!("{v:?}"));
    let s = Signer::new(&github, Secret::Text(SECRET), 0, None).unwrap();
    assert_redacted(format!("{s:?}"));
    let set = TokenSet {
        access_token: SECRET.into(),
        token_type: "Bearer".into(),
        expires_at: Some(5),
        refresh_token: Some(SECRET.into()),
        scope: vec!["read".into()],
        id_token: Some(SECRET.into()),
    };
    let d = format!("{set:?}");
    assert_redacted(d.clone());
    assert!(d.contains("Bearer") && d.contains("read"), "{d}");
    let client = Client {
        endpoint: "https://as.example/token",
        client_id: "id",
        client_secret: Some(SECRET),
        auth: Some(ClientAuth::SecretPost),
        format: BodyFormat::Form,
    };
    assert_redacted(format!("{client:?}"));
    let grant = Grant::RefreshToken {
        refresh_token: SECRET,
        scope: &[],
    };
    assert_redacted(format!("{grant:?}"));
    let req = crate::oauth::token_request(&grant, &client).unwrap();
    assert!(req.body.contains(SECRET)); // the request really holds it…
    assert_redacted(format!("{req:?}")); // …and Debug does not show it
    let _: &TokenRequest = &req;
    for auth in [
        Auth::Basic {
            username: "u",
            password: SECRET,
        },
        Auth::Bearer { token: SECRET },
        Auth::ApiKey {
            name: "X-Key",
            value: SECRET,
            placement: Placement::Header,
        },
        Auth::Tedee {
            token: SECRET,
            mode: Mode::Plain,
            placement: Placement::Query,
        },
        Auth::Hmac {
            secret: SECRET.as_bytes(),
            timestamp_header: "X-Timestamp",
            signature_header: "X-Signature",
        },
    ] {
        assert_redacted(format!("{auth:?}"));
        let applied: Applied = crate::apply::apply("https://h.example/p", &auth, 1000).unwrap();
        assert_redacted(format!("{applied:?}"));
    }
}

#[test]
fn hash_and_hmac_states_wipe_themselves_on_drop() {
    // The `zeroize` features of sha2/hmac: a compile-time check that the hash state
    // and the core HMAC keeps twice (inner and outer keyed states) implement
    // `ZeroizeOnDrop` (dropping the feature from Cargo.toml fails to compile this test).
    fn wipes<T: zeroize::ZeroizeOnDrop>() {}
    wipes::<sha2::Sha256>();
    wipes::<<sha2::Sha256 as sha2::digest::block_api::CoreProxy>::Core>();
    let _: Option<HmacSha256> = None;
}

// ---------------------------------------------------------------------------------
// Property tests for the parsers that had none.

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use crate::basic::{basic_auth, bearer_auth, parse_basic_auth, parse_bearer_auth};
    use crate::encoding::{
        base64_std, base64_std_decode, base64_url, base64_url_decode, hex, hex_decode,
        parse_decimal, percent_decode, percent_encode,
    };
    use crate::json::{parse_object, push_string, Value};
    use crate::oauth::{check_url, parse_scopes, parse_token_response_text};
    use crate::tedee::{api_key, parse_key, verify_key};
    use crate::url::set_query_param;
    use crate::webhook::{sign, verify};
    use crate::Code;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn tedee_keys_round_trip(token in "[ -~]{1,64}", ts in 0u64..=9_007_199_254_740_991) {
            let key = api_key(&token, Mode::Encrypted, ts).unwrap();
            let p = parse_key(&key).unwrap();
            prop_assert_eq!(p.timestamp, ts);
            prop_assert_eq!(verify_key(&token, &key, ts, 0), Ok(ts));
            let other = format!("{token}x");
            prop_assert_eq!(verify_key(&other, &key, ts, 0).unwrap_err().code(), Some(Code::KeyMismatch));
        }

        #[test]
        fn tedee_parse_never_panics(s in "\\PC{0,120}", now in any::<u64>(), tol in any::<u64>()) {
            let _ = parse_key(&s);
            if let Err(e) = verify_key("token", &s, now, tol) {
                prop_assert!(e.code().is_some());
            }
        }

        #[test]
        fn basic_round_trip(user in "[^:\\p{Cc}]{0,40}", pass in "[^\\p{Cc}]{0,40}") {
            let h = basic_auth(&user, &pass).unwrap();
            prop_assert_eq!(parse_basic_auth(&h), Ok((user, pass)));
        }

        #[test]
        fn bearer_round_trip(token in "[A-Za-z0-9._~+/-]{1,80}={0,2}") {
            let h = bearer_auth(&token).unwrap();
            prop_assert_eq!(parse_bearer_auth(&h), Ok(token));
        }

        #[test]
        fn authorization_parsers_never_panic(s in "\\PC{0,200}") {
            if let Err(e) = parse_basic_auth(&s) {
                prop_assert_eq!(e.code(), Some(Code::MalformedAuthorization));
            }
            if let Err(e) = parse_bearer_auth(&s) {
                prop_assert_eq!(e.code(), Some(Code::MalformedAuthorization));
            }
        }

        #[test]
        fn webhook_sign_verify_round_trip(
            which in 0usize..7,
            secret in proptest::collection::vec(any::<u8>(), 1..48),
            body in proptest::collection::vec(any::<u8>(), 0..256),
            ts in 0u64..=9_007_199_254_740,
            flip in any::<prop::sample::Index>(),
        ) {
            let scheme = Scheme::Builtin(Builtin::ALL[which]);
            let s = Secret::Raw(&secret);
            let headers = sign(&scheme, s, &body, ts, Some("msg_1")).unwrap();
            let ok = verify(&scheme, &[s], &headers, &body, ts * 1000, 300).unwrap();
            prop_assert_eq!(ok.scheme, scheme.name());
            let mut bad = body.clone();
            if bad.is_empty() { bad.push(0) } else { let i = flip.index(bad.len()); bad[i] ^= 1; }
            let e = verify(&scheme, &[s], &headers, &bad, ts * 1000, 300).unwrap_err();
            prop_assert_eq!(e.code(), Some(Code::SignatureMismatch));
        }

        #[test]
        fn webhook_headers_never_panic(
            which in 0usize..7,
            sig in "\\PC{0,160}",
            ts in "\\PC{0,24}",
            id in "\\PC{0,24}",
        ) {
            let scheme = Scheme::Builtin(Builtin::ALL[which]);
            let headers = [
                ("x-mes-signature", sig.as_str()), ("x-hub-signature-256", sig.as_str()),
                ("stripe-signature", sig.as_str()), ("x-slack-signature", sig.as_str()),
                ("x-slack-request-timestamp", ts.as_str()), ("x-shopify-hmac-sha256", sig.as_str()),
                ("webhook-signature", sig.as_str()), ("webhook-timestamp", ts.as_str()),
                ("webhook-id", id.as_str()), ("svix-signature", sig.as_str()),
                ("svix-timestamp", ts.as_str()), ("svix-id", id.as_str()),
            ];
            // A random signature never verifies, and every failure has a code.
            let e = verify(&scheme, &[Secret::Text("k")], &headers, b"{}", 0, 0).unwrap_err();
            prop_assert!(e.code().is_some());
        }

        #[test]
        fn json_strings_round_trip(s in "\\PC{0,80}", key in "[a-z_]{1,12}") {
            let mut doc = String::from("{");
            push_string(&mut doc, &key);
            doc.push(':');
            push_string(&mut doc, &s);
            doc.push('}');
            prop_assert_eq!(parse_object(&doc), Ok(vec![(key, Value::Str(s))]));
        }

        #[test]
        fn json_never_panics(s in "[\\[\\]{}\",:0-9a-z\\\\ eE.+-]{0,120}") {
            let _ = parse_object(&s);
        }

        #[test]
        fn json_deep_nesting_is_bounded(depth in 0usize..5000) {
            let doc = format!("{{\"a\":{}1{}}}", "[".repeat(depth), "]".repeat(depth));
            let r = parse_object(&doc);
            prop_assert_eq!(r.is_ok(), depth < crate::json::MAX_DEPTH);
        }

        #[test]
        fn token_response_never_panics(s in "\\PC{0,200}", now in any::<u64>()) {
            let _ = parse_token_response_text(&s, now);
        }

        #[test]
        fn token_response_reads_what_it_was_given(
            token in "[!-~]{1,40}", ty in "[A-Za-z]{1,10}", exp in 0u64..=4_294_967_295,
            now in 0u64..=1u64 << 52,
        ) {
            let mut doc = String::from("{\"access_token\":");
            push_string(&mut doc, &token);
            doc.push_str(",\"token_type\":");
            push_string(&mut doc, &ty);
            doc.push_str(&format!(",\"expires_in\":{exp}}}"));
            let t = parse_token_response_text(&doc, now).unwrap();
            prop_assert_eq!(t.access_token, token);
            prop_assert_eq!(t.token_type, ty);
            let want = now.checked_add(exp * 1000).filter(|a| *a < (1u64 << 53));
            prop_assert_eq!(t.expires_at, want);
        }

        #[test]
        fn endpoint_check_refuses_what_it_must(s in "\\PC{0,80}") {
            for prefix in ["https://", "http://", "javascript:", ""] {
                let url = format!("{prefix}{s}");
                if check_url(&url, "endpoint").is_ok() {
                    prop_assert!(url.bytes().all(|c| c.is_ascii_graphic()));
                    prop_assert!(!url.contains('#'));
                    prop_assert!(url.to_ascii_lowercase().starts_with("http"));
                }
            }
        }

        #[test]
        fn scopes_never_panic(s in "\\PC{0,80}") {
            if let Ok(v) = parse_scopes([s.as_str()]) {
                prop_assert!(v.iter().all(|t| !t.is_empty() && !t.contains(' ')));
            }
        }

        #[test]
        fn set_query_param_sets_exactly_one(
            path in "[a-z/]{0,12}", q in "[a-z0-9=&%]{0,30}", frag in "[a-z#?]{0,8}",
            name in "[a-z_]{1,8}", value in "\\PC{0,20}",
        ) {
            let url = format!("https://h/{path}?{q}#{frag}");
            let out = set_query_param(&url, &name, &value).unwrap();
            let query = out.split_once('?').unwrap().1.split('#').next().unwrap();
            let hits = query.split('&').filter(|p| {
                let raw = p.split_once('=').map_or(*p, |(n, _)| n);
                percent_decode(raw, true).as_deref() == Some(name.as_str())
            }).count();
            prop_assert_eq!(hits, 1);
            let expected_fragment = format!("#{frag}");
            prop_assert!(out.ends_with(&expected_fragment));
        }

        #[test]
        fn decoders_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..100), text in "\\PC{0,60}") {
            prop_assert_eq!(hex_decode(&hex(&bytes), true), Some(bytes.clone()));
            prop_assert_eq!(base64_std_decode(&base64_std(&bytes)), Some(bytes.clone()));
            prop_assert_eq!(base64_url_decode(&base64_url(&bytes)), Some(bytes.clone()));
            prop_assert_eq!(percent_decode(&percent_encode(&text), false), Some(text.clone()));
            if let Some(b) = base64_std_decode(&text) { prop_assert_eq!(base64_std(&b), text.clone()); }
            if let Some(n) = parse_decimal(&text, u64::MAX) { prop_assert_eq!(crate::encoding::decimal(n), text); }
        }
    }
}
