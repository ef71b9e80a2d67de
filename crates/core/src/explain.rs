#![forbid(unsafe_code)]
//! `explainAuthFailure`: what a 401/403/407/429 (or 503) response means and what to do.
//!
//! - `kind`: 401 and 407 → unauthorized; 403 → forbidden, unless the rate-limit headers
//!   say the quota is used up (remaining 0) or a `Retry-After` is sent, as GitHub does for
//!   its rate limits → rate_limited; 429 → rate_limited; anything else → other.
//! - `reason` / `reasonId`: Smartstore's `Smartstore-Api-AuthResultId` (0..5, seed 002),
//!   or, without it, the `error` of a challenge (RFC 6750 §3.1: `invalid_token` …). An id
//!   outside the table is reported as reason "Unknown" with its number, never mapped to
//!   a neighbour; a non-numeric id is ignored (the description header alone is used
//!   only when it is one of the six names).
//! - `challenges`: `WWW-Authenticate` (`Proxy-Authenticate` for 407), parsed leniently:
//!   a malformed header does not hide the status; the hint says it could not be read.
//! - `retryAfterMs`: for 429, 503 and rate_limited: `Retry-After`, else (rate_limited
//!   only) the time until the rate-limit reset, never negative.
//!
//! Only the status is checked (an integer 100..=599, else a range error); header
//! contents never make it fail. Server-sent text appears in a hint only when it is short
//! printable ASCII.

use alloc::string::String;
use alloc::vec::Vec;

use crate::challenge::{self, Challenge};
use crate::encoding::decimal;
use crate::error::{Error, Result};
use crate::ratelimit::{self, MAX_SAFE};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Unauthorized,
    Forbidden,
    RateLimited,
    Other,
}

impl Kind {
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Unauthorized => "unauthorized",
            Kind::Forbidden => "forbidden",
            Kind::RateLimited => "rate_limited",
            Kind::Other => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub status: u16,
    pub kind: Kind,
    pub reason: Option<String>,
    pub reason_id: Option<u64>,
    pub challenges: Vec<Challenge>,
    pub retry_after_ms: Option<u64>,
    pub hint: String,
}

/// Smartstore-Api-AuthResultId → (AuthResultDesc, hint). Seed 002, "Reasons for denial".
pub const SMARTSTORE: [(&str, &str); 6] = [
    (
        "ApiDisabled",
        "The Smartstore Web API is disabled: an administrator has to enable it.",
    ),
    (
        "SslRequired",
        "HTTPS is required: send the request to an https:// URL (plain HTTP is accepted only in a development environment).",
    ),
    (
        "InvalidAuthorizationHeader",
        "The Authorization header is missing or invalid: send Basic credentials made of the public key and the secret key.",
    ),
    (
        "InvalidCredentials",
        "The credentials do not match those of the user: check the public key and the secret key.",
    ),
    ("UserUnknown", "The user is unknown: check the public key."),
    (
        "UserDisabled",
        "The user is known but their access to the API is disabled: an administrator has to enable it.",
    ),
];

/// Server text fit for a hint: 1..=max printable ASCII characters.
fn printable(s: &str, max: usize) -> Option<&str> {
    (!s.is_empty() && s.len() <= max && s.bytes().all(|c| (0x20..0x7f).contains(&c))).then_some(s)
}

/// The single value of a header (repeated values must agree), trimmed.
fn single<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    let vals = ratelimit::values(headers, name);
    let first = vals.first()?.trim_matches([' ', '\t']);
    vals.iter()
        .all(|v| v.trim_matches([' ', '\t']) == first)
        .then_some(first)
}

/// Smartstore's reason: (reasonId, reason, hint).
fn smartstore(headers: &[(String, String)]) -> Option<(u64, String, String)> {
    let id = single(headers, "smartstore-api-authresultid");
    let desc = single(headers, "smartstore-api-authresultdesc");
    let id = id.and_then(|s| ratelimit::parse_uint(s, MAX_SAFE));
    let known = |i: u64| {
        usize::try_from(i)
            .ok()
            .and_then(|i| SMARTSTORE.get(i))
            .map(|(name, hint)| (i, String::from(*name), String::from(*hint)))
    };
    match id {
        Some(i) => known(i).or_else(|| {
            let mut hint = String::from(
                "The server denied access for a reason authsmith does not know (Smartstore-Api-AuthResultId ",
            );
            hint.push_str(&decimal(i));
            if let Some(d) = desc.and_then(|d| printable(d, 80)) {
                hint.push_str(", \"");
                hint.push_str(d);
                hint.push('"');
            }
            hint.push_str(").");
            Some((i, String::from("Unknown"), hint))
        }),
        None => {
            let d = desc?;
            let i = SMARTSTORE
                .iter()
                .position(|(name, _)| name.eq_ignore_ascii_case(d))?;
            known(i as u64)
        }
    }
}

/// The RFC 6750 / RFC 9449 `error` of the first challenge that has one: (error, hint).
fn challenge_error(challenges: &[Challenge]) -> Option<(String, String)> {
    let c = challenges.iter().find(|c| c.param("error").is_some())?;
    let error = c.param("error")?;
    let desc = c.param("error_description").unwrap_or("");
    let hint = match error {
        "invalid_token" => {
            let expired = desc
                .as_bytes()
                .windows(7)
                .any(|w| w.eq_ignore_ascii_case(b"expired"));
            String::from(if expired {
                "The access token has expired: refresh it (refresh_token grant) or sign in again, then retry."
            } else {
                "The access token was rejected (invalid_token): it may be expired, revoked or meant for another audience; refresh it or sign in again, then retry."
            })
        }
        "insufficient_scope" => {
            let mut h = String::from("The access token lacks a required scope");
            if let Some(scope) = c.param("scope").and_then(|s| printable(s, 200)) {
                h.push_str(" (needs \"");
                h.push_str(scope);
                h.push_str("\")");
            }
            h.push_str(": request a token with that scope.");
            h
        }
        "invalid_request" => String::from(
            "The server found the request malformed (missing, repeated or misplaced credentials): send the token once, in the Authorization header.",
        ),
        "invalid_dpop_proof" => String::from(
            "The DPoP proof was rejected: sign a fresh proof for this method, URL and token.",
        ),
        "use_dpop_nonce" => String::from(
            "The server wants a DPoP nonce: retry with the nonce from its DPoP-Nonce header.",
        ),
        other => {
            let mut h = String::from("The server reported an authentication error");
            if let Some(e) = printable(other, 64) {
                h.push_str(" \"");
                h.push_str(e);
                h.push('"');
            }
            if let Some(d) = printable(desc, 200) {
                h.push_str(": ");
                h.push_str(d);
            }
            h.push('.');
            h
        }
    };
    Some((
        String::from(printable(error, 64).unwrap_or("unknown")),
        hint,
    ))
}

/// "Basic (realm "x"), Bearer" for a hint.
fn schemes(challenges: &[Challenge]) -> String {
    let mut s = String::new();
    for (i, c) in challenges.iter().take(5).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(printable(&c.scheme, 40).unwrap_or("?"));
        if let Some(realm) = c.param("realm").and_then(|r| printable(r, 80)) {
            s.push_str(" (realm \"");
            s.push_str(realm);
            s.push_str("\")");
        }
    }
    if challenges.len() > 5 {
        s.push_str(", …");
    }
    s
}

fn seconds(ms: u64) -> String {
    let mut s = decimal(ms.div_ceil(1000));
    s.push_str(" s");
    s
}

/// Explains a response. `status` must be an integer from 100 to 599.
pub fn explain(status: u64, headers: &[(String, String)], now_ms: u64) -> Result<Explanation> {
    let status = u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| Error::range("response.status must be an integer from 100 to 599"))?;
    let rl = ratelimit::parse(headers, now_ms);
    let kind = match status {
        401 | 407 => Kind::Unauthorized,
        403 if rl.remaining == Some(0) || rl.retry_after_ms.is_some() => Kind::RateLimited,
        403 => Kind::Forbidden,
        429 => Kind::RateLimited,
        _ => Kind::Other,
    };
    let field = if status == 407 {
        "proxy-authenticate"
    } else {
        "www-authenticate"
    };
    let (challenges, malformed) = challenge::parse_lenient(ratelimit::values(headers, field));

    let retry_after_ms = if kind == Kind::RateLimited || status == 429 || status == 503 {
        rl.retry_after_ms.or_else(|| {
            (kind == Kind::RateLimited)
                .then(|| rl.reset_at.map(|t| t.saturating_sub(now_ms)))
                .flatten()
        })
    } else {
        None
    };

    let mut reason = None;
    let mut reason_id = None;
    let mut hint = String::new();
    if let Some((id, name, h)) = smartstore(headers) {
        reason_id = Some(id);
        reason = Some(name);
        hint = h;
    } else if let Some((e, h)) = challenge_error(&challenges) {
        reason = Some(e);
        hint = h;
    }

    if hint.is_empty() {
        hint = match kind {
            Kind::Unauthorized => {
                let (who, header) = if status == 407 {
                    ("The proxy requires authentication", "Proxy-Authenticate")
                } else {
                    ("Authentication is required", "WWW-Authenticate")
                };
                let mut h = String::from(who);
                if challenges.is_empty() {
                    h.push_str(" or the credentials were rejected; the server sent no ");
                    h.push_str(header);
                    h.push_str(" challenge.");
                } else {
                    h.push_str(" or the credentials were rejected; the server accepts ");
                    h.push_str(&schemes(&challenges));
                    h.push('.');
                }
                h
            }
            Kind::Forbidden => String::from(
                "The server refuses this request (403): the credentials were understood but lack the permission or scope; other credentials of the same account will not help.",
            ),
            Kind::RateLimited => {
                let mut h = String::from("Too many requests: ");
                match retry_after_ms {
                    Some(ms) if ms > 0 => {
                        h.push_str("wait ");
                        h.push_str(&seconds(ms));
                        h.push_str(" before retrying.");
                    }
                    Some(_) => h.push_str("the limit has been reset; retry now."),
                    None => h.push_str(
                        "wait before retrying (the server did not say how long; back off exponentially).",
                    ),
                }
                h
            }
            Kind::Other if status == 503 => match retry_after_ms {
                Some(ms) => {
                    let mut h = String::from("The service is unavailable: retry after ");
                    h.push_str(&seconds(ms));
                    h.push('.');
                    h
                }
                None => String::from("The service is unavailable (503); retry later."),
            },
            Kind::Other => {
                let mut h = String::from("HTTP ");
                h.push_str(&decimal(u64::from(status)));
                h.push_str(if (200..300).contains(&status) {
                    " is a success, not an authentication failure."
                } else {
                    " is not an authentication or rate-limit failure."
                });
                h
            }
        };
    }
    if malformed {
        hint.push_str(if status == 407 {
            " (The Proxy-Authenticate header could not be fully parsed.)"
        } else {
            " (The WWW-Authenticate header could not be fully parsed.)"
        });
    }
    Ok(Explanation {
        status,
        kind,
        reason,
        reason_id,
        challenges,
        retry_after_ms,
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (String::from(*n), String::from(*v)))
            .collect()
    }

    fn ex(status: u64, headers: &[(&str, &str)]) -> Explanation {
        explain(status, &h(headers), NOW).unwrap()
    }

    #[test]
    fn smartstore_reasons() {
        // Seed 002: a 401 with the reason headers and the Basic challenge.
        for (id, name, needle) in [
            (0, "ApiDisabled", "disabled"),
            (1, "SslRequired", "HTTPS is required"),
            (2, "InvalidAuthorizationHeader", "Authorization header"),
            (3, "InvalidCredentials", "public key and the secret key"),
            (4, "UserUnknown", "unknown"),
            (5, "UserDisabled", "disabled"),
        ] {
            let e = ex(
                401,
                &[
                    ("Smartstore-Api-AuthResultId", &decimal(id)),
                    ("Smartstore-Api-AuthResultDesc", name),
                    (
                        "WWW-Authenticate",
                        r#"Basic realm="Smartstore.WebApi", charset="UTF-8""#,
                    ),
                ],
            );
            assert_eq!(e.kind, Kind::Unauthorized);
            assert_eq!(e.reason_id, Some(id));
            assert_eq!(e.reason.as_deref(), Some(name));
            assert!(e.hint.contains(needle), "{}", e.hint);
            assert_eq!(e.challenges.len(), 1);
            assert_eq!(e.challenges[0].param("charset"), Some("UTF-8"));
        }
        // The id decides; an unknown id is reported as unknown, not guessed.
        let e = ex(
            401,
            &[
                ("smartstore-api-authresultid", "9"),
                ("smartstore-api-authresultdesc", "TokenExpired"),
            ],
        );
        assert_eq!(
            (e.reason_id, e.reason.as_deref()),
            (Some(9), Some("Unknown"))
        );
        assert!(e.hint.contains("does not know") && e.hint.contains("9, \"TokenExpired\""));
        let e = ex(
            401,
            &[
                ("smartstore-api-authresultid", "3"),
                ("smartstore-api-authresultdesc", "UserUnknown"),
            ],
        );
        assert_eq!(e.reason.as_deref(), Some("InvalidCredentials"));
        // Without a usable id, the description is used only if it is one of the names.
        let e = ex(
            401,
            &[
                ("smartstore-api-authresultid", "x"),
                ("smartstore-api-authresultdesc", "SslRequired"),
            ],
        );
        assert_eq!(
            (e.reason_id, e.reason.as_deref()),
            (Some(1), Some("SslRequired"))
        );
        let e = ex(401, &[("smartstore-api-authresultdesc", "Something")]);
        assert_eq!((e.reason_id, e.reason), (None, None));
        let e = ex(401, &[("smartstore-api-authresultid", "-1")]);
        assert_eq!((e.reason_id, e.reason), (None, None));
        let e = ex(
            401,
            &[
                ("smartstore-api-authresultid", "3"),
                ("smartstore-api-authresultid", "4"),
            ],
        );
        assert_eq!((e.reason_id, e.reason), (None, None));
        // Server text with control characters stays out of the hint.
        let e = ex(
            401,
            &[
                ("smartstore-api-authresultid", "7"),
                ("smartstore-api-authresultdesc", "a\u{7}b"),
            ],
        );
        assert!(!e.hint.contains('\u{7}'));
    }

    #[test]
    fn bearer_errors() {
        let e = ex(
            401,
            &[(
                "WWW-Authenticate",
                r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
            )],
        );
        assert_eq!(e.reason.as_deref(), Some("invalid_token"));
        assert!(
            e.hint.contains("expired") && e.hint.contains("refresh"),
            "{}",
            e.hint
        );
        let e = ex(
            401,
            &[("WWW-Authenticate", r#"Bearer error="invalid_token""#)],
        );
        assert!(e.hint.contains("rejected") && e.hint.contains("refresh"));
        let e = ex(
            403,
            &[(
                "WWW-Authenticate",
                r#"Bearer error="insufficient_scope", scope="orders:write""#,
            )],
        );
        assert_eq!(e.kind, Kind::Forbidden);
        assert_eq!(e.reason.as_deref(), Some("insufficient_scope"));
        assert!(e.hint.contains("orders:write"));
        let e = ex(
            400,
            &[("WWW-Authenticate", r#"Bearer error="invalid_request""#)],
        );
        assert_eq!(e.kind, Kind::Other);
        assert!(e.hint.contains("malformed"));
        let e = ex(
            401,
            &[("WWW-Authenticate", r#"DPoP error="use_dpop_nonce""#)],
        );
        assert!(e.hint.contains("nonce"));
        let e = ex(
            401,
            &[(
                "WWW-Authenticate",
                r#"Bearer error="x_y", error_description="Nope""#,
            )],
        );
        assert_eq!(e.reason.as_deref(), Some("x_y"));
        assert!(e.hint.contains("\"x_y\": Nope"));
    }

    #[test]
    fn kinds_and_retry() {
        let e = ex(
            401,
            &[(
                "WWW-Authenticate",
                r#"Basic realm="Smartstore.WebApi", charset="UTF-8""#,
            )],
        );
        assert_eq!(e.hint, "Authentication is required or the credentials were rejected; the server accepts Basic (realm \"Smartstore.WebApi\").");
        let e = ex(401, &[]);
        assert!(e.hint.contains("no WWW-Authenticate"));
        let e = ex(
            407,
            &[
                ("Proxy-Authenticate", "Basic realm=\"proxy\""),
                ("WWW-Authenticate", "Bearer"),
            ],
        );
        assert_eq!(e.kind, Kind::Unauthorized);
        assert!(e.challenges[0].is_scheme("basic") && e.hint.contains("proxy"));
        let e = ex(403, &[]);
        assert_eq!((e.kind, e.retry_after_ms), (Kind::Forbidden, None));
        // GitHub: 403 with the quota used up is a rate limit; wait until the reset.
        let e = ex(
            403,
            &[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "1700000090"),
            ],
        );
        assert_eq!(
            (e.kind, e.retry_after_ms),
            (Kind::RateLimited, Some(90_000))
        );
        assert!(e.hint.contains("wait 90 s"), "{}", e.hint);
        let e = ex(
            429,
            &[("Retry-After", "120"), ("x-ratelimit-reset", "1700000090")],
        );
        assert_eq!(
            (e.kind, e.retry_after_ms),
            (Kind::RateLimited, Some(120_000))
        );
        let e = ex(429, &[("Retry-After", "Tue, 14 Nov 2023 22:13:50 GMT")]);
        assert_eq!(e.retry_after_ms, Some(30_000));
        let e = ex(429, &[("x-ratelimit-reset", "1600000000")]); // past reset: no negative wait
        assert_eq!(e.retry_after_ms, Some(0));
        assert!(e.hint.contains("retry now"));
        let e = ex(429, &[("Retry-After", "soon")]);
        assert_eq!(e.retry_after_ms, None);
        assert!(e.hint.contains("did not say"));
        let e = ex(503, &[("Retry-After", "1")]);
        assert_eq!((e.kind, e.retry_after_ms), (Kind::Other, Some(1_000)));
        assert!(e.hint.contains("retry after 1 s"));
        let e = ex(401, &[("Retry-After", "5")]);
        assert_eq!(e.retry_after_ms, None);
        let e = ex(200, &[]);
        assert_eq!(e.kind, Kind::Other);
        assert!(e.hint.contains("success"));
        // A malformed challenge does not hide the status.
        let e = ex(
            401,
            &[("WWW-Authenticate", r#"Basic realm="x", Bearer realm="oops"#)],
        );
        assert_eq!(e.challenges.len(), 1);
        assert!(e.hint.contains("could not be fully parsed"));
        // Empty list elements (RFC 9110 §5.6.1) are not malformed: the reason is read.
        let e = ex(
            401,
            &[(
                "WWW-Authenticate",
                r#"Bearer , realm="example", , error="invalid_token""#,
            )],
        );
        assert_eq!(e.reason.as_deref(), Some("invalid_token"));
        assert!(!e.hint.contains("could not be fully parsed"), "{}", e.hint);
    }

    #[test]
    fn status_range() {
        for bad in [0, 99, 600, 65_536 + 401, u64::MAX] {
            let err = explain(bad, &[], NOW).unwrap_err();
            assert_eq!(err.kind, crate::error::Kind::Range);
        }
        assert!(explain(100, &[], NOW).is_ok() && explain(599, &[], NOW).is_ok());
    }

    #[test]
    fn one_mebibyte_headers() {
        let t = std::time::Instant::now();
        let big = "Basic realm=\"x\", ".repeat(60_000);
        let e = ex(
            401,
            &[
                ("WWW-Authenticate", &big),
                ("Smartstore-Api-AuthResultDesc", &"A".repeat(1 << 20)),
            ],
        );
        assert_eq!(e.challenges.len(), 60_000);
        assert!(e.hint.len() < 1000);
        assert!(t.elapsed().as_secs() < 5);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_checks_status(
            status in prop_oneof![100u64..=599, any::<u64>()],
            vals in prop::collection::vec(".{0,60}", 6),
            now in 0u64..=MAX_SAFE,
        ) {
            let names = ["WWW-Authenticate", "Proxy-Authenticate", "Smartstore-Api-AuthResultId",
                "Smartstore-Api-AuthResultDesc", "Retry-After", "X-RateLimit-Remaining"];
            let headers: Vec<(String, String)> = names.iter().zip(&vals)
                .map(|(n, v)| (String::from(*n), v.clone())).collect();
            match explain(status, &headers, now) {
                Ok(e) => {
                    prop_assert!((100..=599).contains(&status));
                    prop_assert!(!e.hint.is_empty());
                    // server text reaches the hint only as printable ASCII
                    prop_assert!(!e.hint.chars().any(char::is_control));
                }
                Err(e) => {
                    prop_assert!(!(100..=599).contains(&status));
                    prop_assert_eq!(e.kind, crate::error::Kind::Range);
                }
            }
        }
    }
}
