//! redact_text / redact_header_value / mask_url. Properties: no panic, linear output
//! size; a planted secret in an Authorization header (any line of any text), in a
//! credential-named header, in a credential query parameter or fragment of a URL, or in
//! a JSON credential member never appears in the output.
#![no_main]
use arbitrary::Unstructured;
use authsmith::redact::{mask_url, redact_header_value, redact_text};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// A secret the fuzzer shapes but that always has a recognisable, scheme-free body.
fn secret(u: &mut Unstructured<'_>) -> String {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
    let n = u.int_in_range(8..=40usize).unwrap_or(8);
    let mut s = String::from("S3cr");
    for _ in 0..n {
        let i = u.int_in_range(0..=ALPHA.len() - 1).unwrap_or(0);
        s.push(char::from(ALPHA[i]));
    }
    s
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let free = common::text(&mut u, 300);
    let out = redact_text(&free);
    assert!(
        out.len() <= free.len() * 4 + 16,
        "output grew: {} -> {}",
        free.len(),
        out.len()
    );
    let name = common::text(&mut u, 24);
    let _ = redact_header_value(&name, &free);
    let _ = mask_url(&free);

    let s = secret(&mut u);
    let before = common::text(&mut u, 120);
    let after = common::text(&mut u, 120);
    if before.contains(&s) || after.contains(&s) {
        return;
    }
    let no_leak = |what: &str, input: &str, output: &str| {
        assert!(
            !output.contains(&s),
            "{what} leaked the secret: {input:?} -> {output:?}"
        );
    };

    // Header values by name.
    for (h, v) in [
        ("Authorization", format!("Bearer {s}")),
        ("authorization", format!("Basic {s}")),
        ("Proxy-Authorization", format!("Token {s}")),
        ("X-API-Key", s.clone()),
        ("Stripe-Signature", format!("t=1,v1={s}")),
        ("Cookie", format!("{before}=x; session={s}")),
        ("Set-Cookie", format!("sid={s}; Path=/")),
    ] {
        no_leak(h, &v, &redact_header_value(h, &v));
    }

    // An Authorization line anywhere in a text (each line is read on its own).
    let text = format!("{before}\nAuthorization: Bearer {s}\n{after}");
    no_leak("redact_text", &text, &redact_text(&text));
    let text = format!("{before}\r\nX-Api-Key: {s}\r\n{after}");
    no_leak("redact_text", &text, &redact_text(&text));

    // URLs: a credential parameter in the query, after arbitrary other pairs.
    let q = before.replace(['#', '\n', '\r', ' '], "");
    let url = format!("https://h.example/p?{q}&access_token={s}");
    no_leak("mask_url", &url, &mask_url(&url));
    let url = format!("https://h.example/cb#state=x&access_token={s}");
    no_leak("mask_url", &url, &mask_url(&url));
    let url = format!("https://user:{s}@h.example/");
    no_leak("mask_url", &url, &mask_url(&url));

    // JSON members.
    let json = format!("{{\"a\":1,\"client_secret\":\"{s}\"}}");
    no_leak("redact_text(json)", &json, &redact_text(&json));
});
