//! `applyAuth`: put one kind of credentials on a request (header or query parameter).
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;

use crate::basic::{basic_auth, bearer_auth};
use crate::encoding::Encoding;
use crate::error::{Code, Error, Result};
use crate::headers::{check_header_name, hmac_signature_headers, is_safe_header_value};
use crate::tedee::{self, Mode};
use crate::url::{check_url, set_query_param};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Header,
    Query,
}

impl Placement {
    pub fn parse(name: &str) -> Option<Placement> {
        match name {
            "header" => Some(Placement::Header),
            "query" => Some(Placement::Query),
            _ => None,
        }
    }
}

/// The `type` of an `AuthConfig`: the one list of auth types. The adapter matches on it
/// exhaustively, so a type added here and not handled there does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthType {
    None,
    Basic,
    Bearer,
    ApiKey,
    Tedee,
    Hmac,
    OAuth2,
}

impl AuthType {
    pub const ALL: &'static [AuthType] = &[
        AuthType::None,
        AuthType::Basic,
        AuthType::Bearer,
        AuthType::ApiKey,
        AuthType::Tedee,
        AuthType::Hmac,
        AuthType::OAuth2,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            AuthType::None => "none",
            AuthType::Basic => "basic",
            AuthType::Bearer => "bearer",
            AuthType::ApiKey => "apiKey",
            AuthType::Tedee => "tedee",
            AuthType::Hmac => "hmac",
            AuthType::OAuth2 => "oauth2",
        }
    }

    /// The type named `name`; any other name is an error listing the known ones.
    pub fn parse(name: &str) -> Result<AuthType> {
        AuthType::ALL
            .iter()
            .copied()
            .find(|t| t.name() == name)
            .ok_or_else(|| {
                let mut m = String::from("auth.type must be one of ");
                for (i, t) in AuthType::ALL.iter().enumerate() {
                    if i > 0 {
                        m.push_str(", ");
                    }
                    m.push('\'');
                    m.push_str(t.name());
                    m.push('\'');
                }
                Error::range(m)
            })
    }
}

impl core::fmt::Debug for Auth<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Auth([REDACTED])")
    }
}

/// One `AuthConfig`, borrowed from the caller.
pub enum Auth<'a> {
    None,
    Basic {
        username: &'a str,
        password: &'a str,
    },
    Bearer {
        token: &'a str,
    },
    ApiKey {
        name: &'a str,
        value: &'a str,
        placement: Placement,
    },
    Tedee {
        token: &'a str,
        mode: Mode,
        placement: Placement,
    },
    Hmac {
        secret: &'a [u8],
        timestamp_header: &'a str,
        signature_header: &'a str,
    },
    OAuth2 {
        access_token: &'a str,
        token_type: &'a str,
        expires_at: Option<u64>,
    },
}

impl core::fmt::Debug for Applied {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Applied([REDACTED])")
    }
}

/// What to change on the request: a new URL (query placement) and headers to set.
pub struct Applied {
    pub url: Option<String>,
    pub headers: Vec<(String, String)>,
}

fn header(name: &str, value: String) -> Vec<(String, String)> {
    alloc::vec![(String::from(name), value)]
}

fn place(url: &str, name: &str, value: String, placement: Placement) -> Result<Applied> {
    match placement {
        Placement::Header => Ok(Applied {
            url: None,
            headers: header(name, value),
        }),
        Placement::Query => Ok(Applied {
            url: Some(set_query_param(url, name, &value)?),
            headers: Vec::new(),
        }),
    }
}

/// Computes the credentials for `auth` at `now_ms`.
pub fn apply(url: &str, auth: &Auth<'_>, now_ms: u64) -> Result<Applied> {
    check_url(url)?;
    match *auth {
        Auth::None => Ok(Applied {
            url: None,
            headers: Vec::new(),
        }),
        Auth::Basic { username, password } => Ok(Applied {
            url: None,
            headers: header("Authorization", basic_auth(username, password)?),
        }),
        Auth::Bearer { token } => Ok(Applied {
            url: None,
            headers: header("Authorization", bearer_auth(token)?),
        }),
        Auth::ApiKey {
            name,
            value,
            placement,
        } => {
            if value.is_empty() {
                return Err(Error::auth(
                    Code::EmptySecret,
                    "apiKey value must not be empty",
                ));
            }
            match placement {
                Placement::Header => {
                    check_header_name(name, "apiKey name")?;
                    if !is_safe_header_value(value) {
                        return Err(Error::auth(
                            Code::InvalidCredential,
                            "apiKey value must not contain control characters or surrounding whitespace",
                        ));
                    }
                }
                Placement::Query => {
                    if name.is_empty() {
                        return Err(Error::auth(
                            Code::InvalidHeaderName,
                            "apiKey name must not be empty",
                        ));
                    }
                }
            }
            place(url, name, String::from(value), placement)
        }
        Auth::Tedee {
            token,
            mode,
            placement,
        } => place(
            url,
            "api_token",
            tedee::api_key(token, mode, now_ms)?,
            placement,
        ),
        Auth::Hmac {
            secret,
            timestamp_header,
            signature_header,
        } => {
            let pairs = hmac_signature_headers(
                secret,
                now_ms / 1000,
                timestamp_header,
                signature_header,
                Encoding::Hex,
            )?;
            Ok(Applied {
                url: None,
                headers: pairs.into_iter().collect(),
            })
        }
        Auth::OAuth2 {
            access_token,
            token_type,
            expires_at,
        } => {
            if !token_type.eq_ignore_ascii_case("bearer") {
                return Err(Error::auth(
                    Code::UnsupportedTokenType,
                    "only Bearer token sets can be applied",
                ));
            }
            if expires_at.is_some_and(|at| now_ms >= at) {
                return Err(Error::auth(
                    Code::TokenExpired,
                    "the access token has expired: refresh it first",
                ));
            }
            Ok(Applied {
                url: None,
                headers: header("Authorization", bearer_auth(access_token)?),
            })
        }
    }
}

/// Merges `set` into `existing`: a header in `set` replaces every header of the same
/// name (compared case-insensitively) in `existing`; the order of the rest is kept.
pub fn merge_headers(
    existing: Vec<(String, String)>,
    set: Vec<(String, String)>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = existing
        .into_iter()
        .filter(|(n, _)| !set.iter().any(|(s, _)| s.eq_ignore_ascii_case(n)))
        .collect();
    out.extend(set);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1691058833000;

    #[test]
    fn auth_types_round_trip_and_unknown_ones_are_errors() {
        for t in AuthType::ALL {
            assert_eq!(AuthType::parse(t.name()).unwrap(), *t);
        }
        for bad in ["", "Basic", "oauth", "apikey", "bearer ", "digest"] {
            let e = AuthType::parse(bad).unwrap_err();
            assert_eq!(e.kind, crate::error::Kind::Range, "{bad:?}");
            assert_eq!(
                e.message,
                "auth.type must be one of 'none', 'basic', 'bearer', 'apiKey', 'tedee', 'hmac', 'oauth2'"
            );
        }
    }

    #[test]
    fn every_config() {
        let a = apply(
            "https://h/x",
            &Auth::Basic {
                username: "Aladdin",
                password: "open sesame",
            },
            NOW,
        )
        .unwrap();
        assert_eq!(
            a.headers,
            alloc::vec![(
                "Authorization".into(),
                "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".into()
            )]
        );
        let a = apply(
            "https://h/x",
            &Auth::Tedee {
                token: "BE9xnPnGfVUS",
                mode: Mode::Encrypted,
                placement: Placement::Query,
            },
            NOW,
        )
        .unwrap();
        assert_eq!(
            a.url.as_deref(),
            Some("https://h/x?api_token=e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000")
        );
        let a = apply(
            "https://h/x?a=1#f",
            &Auth::ApiKey {
                name: "api_key",
                value: "k y",
                placement: Placement::Query,
            },
            NOW,
        )
        .unwrap();
        assert_eq!(a.url.as_deref(), Some("https://h/x?a=1&api_key=k%20y#f"));
        let a = apply(
            "https://h/x",
            &Auth::Hmac {
                secret: b"secret",
                timestamp_header: "X-Timestamp",
                signature_header: "X-Signature",
            },
            1_700_000_000_999,
        )
        .unwrap();
        assert_eq!(a.headers[0], ("X-Timestamp".into(), "1700000000".into()));
        assert_eq!(
            a.headers[1].1,
            "4b227f8831b3763d066901751ad4c583ed08832bf1924a4ec50c2e871b1e8586"
        );
        let oauth = |t, e| Auth::OAuth2 {
            access_token: "abc",
            token_type: t,
            expires_at: e,
        };
        assert_eq!(
            apply("/x", &oauth("bearer", Some(NOW + 1)), NOW)
                .unwrap()
                .headers[0]
                .1,
            "Bearer abc"
        );
        assert_eq!(
            apply("/x", &oauth("Bearer", Some(NOW)), NOW)
                .err()
                .unwrap()
                .code(),
            Some(Code::TokenExpired)
        );
        assert_eq!(
            apply("/x", &oauth("MAC", None), NOW).err().unwrap().code(),
            Some(Code::UnsupportedTokenType)
        );
        assert_eq!(
            apply(
                "/x",
                &Auth::ApiKey {
                    name: "X-Key",
                    value: "a\r\nX-Evil: 1",
                    placement: Placement::Header
                },
                NOW
            )
            .err()
            .unwrap()
            .code(),
            Some(Code::InvalidCredential)
        );
    }

    #[test]
    fn merge() {
        let m = merge_headers(
            alloc::vec![
                ("authorization".into(), "old".into()),
                ("Accept".into(), "x".into())
            ],
            alloc::vec![("Authorization".into(), "new".into())],
        );
        assert_eq!(
            m,
            alloc::vec![
                ("Accept".into(), "x".into()),
                ("Authorization".into(), "new".into())
            ]
        );
    }
}
