//! oauth::callback::parse_authorization_callback against a reference model written here
//! from RFC 6749 §4.1.2 / RFC 9207 and the WHATWG form decoding (split on '&', name up to
//! the first '=', '+' a space, "%XX" an octet, anything else literal, lossy UTF-8), on
//! arbitrary URLs and on callbacks built from fuzzed parameters. Properties: no panic; the
//! outcome (success with the code/state/iss, or which error code) is the model's; a
//! callback built by a form encoder reads back what was encoded; no error message holds
//! the code or either state.
#![no_main]
use arbitrary::Unstructured;
use authsmith::oauth::callback::parse_authorization_callback;
use authsmith::oauth::{check_url, form_encode, ResponseError};
use authsmith::Code;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[derive(Debug, PartialEq)]
enum Outcome {
    Ok {
        code: String,
        iss: Option<String>,
    },
    Err(Code),
    /// An OAuth error response: its code and `error`.
    OAuth(Code, String),
    Range,
}

const READ: [&str; 6] = [
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "iss",
];

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// WHATWG application/x-www-form-urlencoded parsing of one name or value.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn vschars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| (0x20..=0x7e).contains(&c))
}

fn model(url: &str, expected: &str, issuer: Option<&str>) -> Option<Outcome> {
    if !vschars(expected) {
        return Some(Outcome::Range);
    }
    if let Some(i) = issuer {
        if check_url(i, "issuer").is_err() {
            return None; // the endpoint check is the url target's to fuzz
        }
    }
    if url.is_empty() || url.chars().any(|c| c.is_control() || c == ' ') {
        return Some(Outcome::Err(Code::InvalidUrl));
    }
    let before_fragment = url.split('#').next().unwrap_or("");
    let Some((_, query)) = before_fragment.split_once('?') else {
        return Some(Outcome::Err(Code::MalformedCallback));
    };
    let mut values: Vec<Vec<String>> = vec![Vec::new(); READ.len()];
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let (n, v) = piece.split_once('=').unwrap_or((piece, ""));
        if let Some(i) = READ.iter().position(|r| *r == decode(n)) {
            values[i].push(decode(v));
        }
    }
    let one = |name: &str| -> Option<&String> {
        values[READ.iter().position(|r| *r == name).unwrap()].first()
    };
    let count =
        |name: &str| -> usize { values[READ.iter().position(|r| *r == name).unwrap()].len() };
    if count("state") != 1 || one("state").map(String::as_str) != Some(expected) {
        return Some(Outcome::Err(Code::StateMismatch));
    }
    if READ.iter().any(|n| *n != "state" && count(n) > 1) {
        return Some(Outcome::Err(Code::MalformedCallback));
    }
    if let Some(i) = issuer {
        if one("iss").map(String::as_str) != Some(i) {
            return Some(Outcome::Err(Code::IssuerMismatch));
        }
    }
    if let Some(e) = one("error") {
        if e.is_empty() {
            return Some(Outcome::Err(Code::MalformedCallback));
        }
        let code = match e.as_str() {
            "access_denied" => Code::OAuthAccessDenied,
            "invalid_request" => Code::OAuthInvalidRequest,
            "unauthorized_client" => Code::OAuthUnauthorizedClient,
            "invalid_scope" => Code::OAuthInvalidScope,
            _ => Code::OAuthError,
        };
        return Some(Outcome::OAuth(code, e.clone()));
    }
    match one("code") {
        Some(c) if vschars(c) => Some(Outcome::Ok {
            code: c.clone(),
            iss: one("iss").cloned(),
        }),
        _ => Some(Outcome::Err(Code::MalformedCallback)),
    }
}

fn run(url: &str, expected: &str, issuer: Option<&str>) -> Outcome {
    match parse_authorization_callback(url, expected, issuer) {
        Ok(c) => {
            assert_eq!(c.state, expected);
            Outcome::Ok {
                code: c.code,
                iss: c.iss,
            }
        }
        Err(ResponseError::OAuth(e)) => {
            assert!(e.message.len() < 1024 && !e.message.contains(['\n', '\r']));
            Outcome::OAuth(e.code, e.error)
        }
        Err(ResponseError::Other(e)) => match e.code() {
            Some(c) => Outcome::Err(c),
            None => Outcome::Range,
        },
    }
}

fn message(url: &str, expected: &str, issuer: Option<&str>) -> Option<String> {
    match parse_authorization_callback(url, expected, issuer) {
        Ok(_) => None,
        Err(ResponseError::OAuth(e)) => Some(e.message),
        Err(ResponseError::Other(e)) => Some(e.message.to_string()),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);

    // 1. Arbitrary text, with a state that is sometimes in it.
    let prefix = ["", "?", "https://app.example/cb?", "/cb?state=s&", "?code=c&"];
    let p = prefix[u.int_in_range(0..=prefix.len() - 1).unwrap_or(0)];
    let url = format!("{p}{}", common::text(&mut u, 300));
    let expected = if u.arbitrary::<bool>().unwrap_or(true) {
        String::from("s")
    } else {
        common::text(&mut u, 20)
    };
    let issuer = if u.arbitrary::<bool>().unwrap_or(false) {
        Some(String::from("https://as.example"))
    } else {
        None
    };
    if let Some(want) = model(&url, &expected, issuer.as_deref()) {
        assert_eq!(
            run(&url, &expected, issuer.as_deref()),
            want,
            "{url:?} {expected:?} {issuer:?}"
        );
    }

    // 2. A callback built by a form encoder from fuzzed parameters.
    let code = common::text(&mut u, 40);
    let state = common::text(&mut u, 40);
    let iss = common::text(&mut u, 30);
    let mut pairs: Vec<(String, String)> = Vec::new();
    let n = u.int_in_range(0..=8u8).unwrap_or(0);
    for _ in 0..n {
        let name = match u.int_in_range(0..=READ.len()).unwrap_or(0) {
            i if i < READ.len() => READ[i].to_string(),
            _ => common::text(&mut u, 10),
        };
        let value = match u.int_in_range(0..=3u8).unwrap_or(0) {
            0 => code.clone(),
            1 => state.clone(),
            2 => iss.clone(),
            _ => common::text(&mut u, 40),
        };
        pairs.push((name, value));
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(n, v)| format!("{}={}", form_encode(n), form_encode(v)))
        .collect();
    let url = format!("https://app.example/cb?{}", query.join("&"));
    let issuer = (!iss.is_empty() && u.arbitrary::<bool>().unwrap_or(false)).then_some(iss.as_str());
    if let Some(want) = model(&url, &state, issuer) {
        let got = run(&url, &state, issuer);
        assert_eq!(got, want, "{url:?}");
        // a well-formed callback reads back what was encoded
        let count = |n: &str| pairs.iter().filter(|(m, _)| m == n).count();
        if count("state") == 1
            && pairs.iter().any(|(n, v)| n == "state" && *v == state)
            && ["code", "error", "error_description", "error_uri", "iss"]
                .iter()
                .all(|n| count(n) <= 1)
            && count("error") == 0
            && vschars(&state)
            && issuer.is_none()
        {
            if let Some((_, c)) = pairs.iter().find(|(n, _)| n == "code") {
                if vschars(c) {
                    assert_eq!(
                        got,
                        Outcome::Ok {
                            code: c.clone(),
                            iss: pairs.iter().find(|(n, _)| n == "iss").map(|(_, v)| v.clone()),
                        }
                    );
                }
            }
        }
    }

    // 3. No message holds the code or a state, unless the callback put that text in a
    //    parameter a message may quote (iss, error, error_description).
    if let Some(m) = message(&url, &state, issuer) {
        let quoted: Vec<&String> = pairs
            .iter()
            .filter(|(n, _)| !matches!(n.as_str(), "code" | "state"))
            .map(|(_, v)| v)
            .collect();
        let mut secrets = vec![code.as_str()];
        secrets.push(state.as_str());
        secrets.retain(|s| !quoted.iter().any(|q| q.contains(s)) && !iss.contains(s));
        common::assert_clean(&m, &secrets);
    }
});
