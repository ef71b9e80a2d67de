#![forbid(unsafe_code)]
//! The client side of the authorization response (RFC 6749 §4.1.2, §4.1.2.1, RFC 9207):
//! reads `code`, `state`, `error*` and `iss` from the URL the authorization server
//! redirected the browser to, and checks `state` and `iss`.
//!
//! Only the query is read, with the `application/x-www-form-urlencoded` rules of the
//! WHATWG URL standard (what `URLSearchParams` does): `+` is a space, `%XX` an octet, an
//! invalid escape (`%zz`, a lone `%`) stays as it is, and octets that are not UTF-8 become
//! U+FFFD. The fragment is never read (an implicit-flow `#code=…` answer is not a
//! callback authsmith accepts).
//!
//! The order of the checks is part of the contract:
//! 1. the URL itself: no control characters or spaces (`ERR_INVALID_URL`), a query
//!    (`ERR_MALFORMED_CALLBACK`);
//! 2. `state`: present once and equal, in constant time, to the one sent
//!    (`ERR_STATE_MISMATCH`). It comes before everything the response says, error
//!    responses included (RFC 6749 §10.12): a forged or stale callback can only ever give
//!    `ERR_STATE_MISMATCH`, never make the application act on, or show, an error text the
//!    forger chose;
//! 3. no other parameter authsmith reads appears twice (RFC 6749 §3.1,
//!    `ERR_MALFORMED_CALLBACK`);
//! 4. `iss`, when an issuer is expected: present and equal (RFC 9207 §2.4,
//!    `ERR_ISSUER_MISMATCH`), for error responses too (RFC 9207 §2: the mix-up defence
//!    covers them);
//! 5. `error`: an OAuth error (`ERR_OAUTH_ACCESS_DENIED`, `ERR_OAUTH_INVALID_REQUEST`,
//!    `ERR_OAUTH_UNAUTHORIZED_CLIENT`, `ERR_OAUTH_INVALID_SCOPE`, else `ERR_OAUTH_ERROR`),
//!    even when a `code` is there too;
//! 6. `code`: present and `1*VSCHAR` (RFC 6749 Appendix A.11), else
//!    `ERR_MALFORMED_CALLBACK`.
//!
//! No message holds the code or either state.

use alloc::string::String;
use zeroize::Zeroizing;

use super::{check_url, is_vschars, oauth_error, oauth_error_code, printable, ResponseError};
use crate::crypto::ct_eq;
use crate::encoding::percent_decode_bytes;
use crate::error::{msg, Code, Error};

/// A successful authorization response.
#[derive(Clone, PartialEq, Eq)]
pub struct Callback {
    pub code: String,
    /// Equal to the expected state.
    pub state: String,
    /// RFC 9207 `iss`, when the server sent one (checked only when an issuer was expected).
    pub iss: Option<String>,
}

/// Shows `state` and `iss`; the code is `[REDACTED]`.
impl core::fmt::Debug for Callback {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Callback")
            .field("code", &"[REDACTED]")
            .field("state", &self.state)
            .field("iss", &self.iss)
            .finish()
    }
}

/// The code for an `error` of an authorization response. RFC 6749 §4.1.2.1's codes that
/// the token endpoint shares keep their `ERR_OAUTH_*` code, `access_denied` has its own;
/// the others (`unsupported_response_type`, `server_error`, `temporarily_unavailable`, and
/// token-endpoint codes such as `invalid_grant`, which this endpoint does not send) are
/// `ERR_OAUTH_ERROR`.
pub fn authorization_error_code(error: &str) -> Code {
    match error {
        "access_denied" => Code::OAuthAccessDenied,
        "invalid_request" | "unauthorized_client" | "invalid_scope" => oauth_error_code(error),
        _ => Code::OAuthError,
    }
}

/// One parameter: its first value, and whether it came again.
#[derive(Default)]
struct Param {
    value: Option<Zeroizing<String>>,
    twice: bool,
}

/// The parameters of a callback authsmith reads.
#[derive(Default)]
struct Params {
    code: Param,
    state: Param,
    error: Param,
    error_description: Param,
    error_uri: Param,
    iss: Param,
}

impl Params {
    fn slot(&mut self, name: &str) -> Option<&mut Param> {
        match name {
            "code" => Some(&mut self.code),
            "state" => Some(&mut self.state),
            "error" => Some(&mut self.error),
            "error_description" => Some(&mut self.error_description),
            "error_uri" => Some(&mut self.error_uri),
            "iss" => Some(&mut self.iss),
            _ => None,
        }
    }

    /// The first parameter (other than `state`) that came twice.
    fn repeated(&self) -> Option<&'static str> {
        [
            ("code", &self.code),
            ("error", &self.error),
            ("error_description", &self.error_description),
            ("error_uri", &self.error_uri),
            ("iss", &self.iss),
        ]
        .into_iter()
        .find(|(_, p)| p.twice)
        .map(|(n, _)| n)
    }
}

/// A name or value form-decoded as `URLSearchParams` decodes it (octets that are not
/// UTF-8 become U+FFFD). The decoded octets are wiped (a value may be the code).
fn form_decode(raw: &str) -> String {
    let bytes = Zeroizing::new(percent_decode_bytes(raw, true));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The parameters of a query (without its `?`), as `URLSearchParams` splits it: on `&`,
/// empty pieces skipped, the name up to the first `=` (a piece without `=` is a name with
/// an empty value).
fn read_params(query: &str) -> Params {
    let mut params = Params::default();
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        let Some(slot) = params.slot(&form_decode(name)) else {
            continue;
        };
        if slot.value.is_some() {
            slot.twice = true;
        } else {
            slot.value = Some(Zeroizing::new(form_decode(value)));
        }
    }
    params
}

fn malformed(m: &str) -> ResponseError {
    ResponseError::Other(Error::auth(
        Code::MalformedCallback,
        msg(&["authorization callback: ", m]),
    ))
}

fn state_mismatch(m: &str) -> ResponseError {
    ResponseError::Other(Error::auth(
        Code::StateMismatch,
        msg(&["authorization callback: ", m]),
    ))
}

/// Takes the string out of a wiped-on-drop box.
fn take(mut v: Zeroizing<String>) -> String {
    core::mem::take(&mut *v)
}

/// Reads an authorization response from the redirect URL (`url`: the whole URL, a path
/// with its query such as Node's `req.url`, or the query alone starting with `?`), checks
/// it against the `state` sent and, when given, the expected `issuer`. See the module
/// docs for the rules and their order.
///
/// `expected_state` must be `1*VSCHAR` (what authorizationUrl accepts and generates) and
/// `issuer` an absolute `https:` URL (`http:` for loopback hosts): else a `RangeError` /
/// `ERR_INVALID_URL`, before the URL is read.
pub fn parse_authorization_callback(
    url: &str,
    expected_state: &str,
    issuer: Option<&str>,
) -> core::result::Result<Callback, ResponseError> {
    if !is_vschars(expected_state) {
        return Err(Error::range(
            "options.state must be the state authorizationUrl returned: 1 or more printable ASCII characters",
        )
        .into());
    }
    if let Some(i) = issuer {
        check_url(i, "options.issuer")?;
    }
    crate::url::check_url(url)?;
    let parts = crate::url::split(url);
    let Some(query) = parts.query else {
        return Err(malformed(if parts.fragment.is_empty() {
            "the URL has no query: pass the whole redirect URL, or its query with the leading '?'"
        } else {
            "the URL has no query, only a fragment, which is not read (implicit-flow answers are not supported)"
        }));
    };
    let mut p = read_params(query);

    // 2. state, before anything the response says
    let state = match p.state.value.take() {
        Some(_) if p.state.twice => {
            return Err(state_mismatch(
                "state appears twice (RFC 6749 §3.1): not the answer to this authorization request",
            ))
        }
        None => {
            return Err(state_mismatch(if parts.fragment.is_empty() {
                "there is no state: not the answer to this authorization request"
            } else {
                "there is no state in the query (the fragment is not read): not the answer to this authorization request"
            }))
        }
        Some(s) if !ct_eq(s.as_bytes(), expected_state.as_bytes()) => {
            return Err(state_mismatch(
                "the state is not the one sent (RFC 6749 §10.12: a forged, stale or other session's callback)",
            ))
        }
        Some(s) => take(s),
    };

    // 3. every other parameter at most once
    if let Some(name) = p.repeated() {
        return Err(malformed(&msg(&[
            "the parameter '",
            name,
            "' appears twice (RFC 6749 §3.1)",
        ])));
    }

    // 4. the issuer (RFC 9207), error responses included
    let iss = p.iss.value.take().map(take);
    if let Some(expected) = issuer {
        match &iss {
            None => {
                return Err(Error::auth(
                    Code::IssuerMismatch,
                    msg(&[
                        "authorization callback: there is no iss, but the issuer ",
                        expected,
                        " was expected (RFC 9207 §2.4)",
                    ]),
                )
                .into())
            }
            Some(got) if got != expected => {
                return Err(Error::auth(
                    Code::IssuerMismatch,
                    msg(&[
                        "authorization callback: iss ",
                        &printable(got, 200),
                        " is not the expected issuer ",
                        expected,
                        " (RFC 9207 §2.4: a mix-up attack, or the wrong issuer configured)",
                    ]),
                )
                .into())
            }
            Some(_) => {}
        }
    }

    // 5. an error response
    if let Some(error) = p.error.value.take().map(take) {
        if error.is_empty() {
            return Err(malformed("error is empty"));
        }
        return Err(ResponseError::OAuth(oauth_error(
            authorization_error_code(&error),
            "the authorization server",
            error,
            p.error_description.value.take().map(take),
            p.error_uri.value.take().map(take),
        )));
    }

    // 6. the code
    let Some(code) = p.code.value.take() else {
        return Err(malformed(
            "there is neither a code nor an error (RFC 6749 §4.1.2)",
        ));
    };
    if !is_vschars(&code) {
        return Err(malformed(
            "the code is not 1 or more printable ASCII characters (RFC 6749 Appendix A.11)",
        ));
    }
    Ok(Callback {
        code: take(code),
        state,
        iss,
    })
}

#[cfg(test)]
mod tests;
