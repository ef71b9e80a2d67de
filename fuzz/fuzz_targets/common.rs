// Shared helpers for the fuzz targets (included with `#[path]`/`mod`).
#![allow(dead_code)]

use arbitrary::Unstructured;

/// A string from the fuzzer, lossily decoded (so non-UTF-8 input still reaches the
/// parsers as replacement characters) and capped in length.
pub fn text(u: &mut Unstructured<'_>, max: usize) -> String {
    let len = u.arbitrary_len::<u8>().unwrap_or(0).min(max);
    let bytes = u.bytes(len).unwrap_or(&[]);
    String::from_utf8_lossy(bytes).into_owned()
}

/// `(name, value)` header pairs; names are drawn partly from `names` so the parsers see
/// the headers they look for.
pub fn headers(u: &mut Unstructured<'_>, names: &[&str]) -> Vec<(String, String)> {
    let n = u.int_in_range(0..=6u8).unwrap_or(0);
    let mut out = Vec::new();
    for _ in 0..n {
        let name = match u.int_in_range(0..=names.len()).unwrap_or(0) {
            i if i < names.len() => {
                let n = names.get(i).copied().unwrap_or("x");
                if u.arbitrary::<bool>().unwrap_or(false) {
                    n.to_ascii_uppercase()
                } else {
                    n.to_string()
                }
            }
            _ => text(u, 24),
        };
        out.push((name, text(u, 200)));
    }
    out
}

/// The core's source text: a "secret" the fuzzer copied out of a fixed message (libFuzzer
/// learns string constants) is not a planted secret.
const SOURCES: &[&str] = &[
    include_str!("../../crates/core/src/basic.rs"),
    include_str!("../../crates/core/src/tedee.rs"),
    include_str!("../../crates/core/src/webhook.rs"),
    include_str!("../../crates/core/src/oauth.rs"),
    include_str!("../../crates/core/src/oauth/callback.rs"),
    include_str!("../../crates/core/src/headers.rs"),
    include_str!("../../crates/core/src/error.rs"),
];

/// Asserts that an error message carries no planted secret: a secret of 8 bytes or more
/// holding a marker character (`^`, `` ` `` or `|`) that no fixed message of the core
/// contains (so a "secret" the fuzzer assembled from message text is not taken for one).
pub fn assert_clean(message: &str, secrets: &[&str]) {
    for s in secrets {
        let planted = s.len() >= 8 && s.contains(['^', '`', '|']);
        if planted && !SOURCES.iter().any(|src| src.contains(s)) {
            assert!(
                !message.contains(s),
                "error message leaks a secret: {message:?}"
            );
        }
    }
}
