#![forbid(unsafe_code)]
//! Errors of the core. `Kind::Auth` carries a stable [`Code`] and becomes an
//! `AuthsmithError` in JavaScript; `Kind::Type` and `Kind::Range` are misuse and become
//! `TypeError` / `RangeError`. Messages never contain a secret, a signature or a key.

use alloc::borrow::Cow;
use alloc::string::String;

/// Stable error codes. The string forms are part of the public API (`ERROR_CODES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// No cryptographically secure random source in this runtime.
    NoRandom,
    /// A credential value (user-id, password, token, API key value) is not allowed.
    InvalidCredential,
    /// A secret, key or token that must not be empty is empty.
    EmptySecret,
    /// A header name is not an RFC 9110 token.
    InvalidHeaderName,
    /// A URL could not be used (not absolute, wrong scheme, control characters).
    InvalidUrl,
    /// An `Authorization` header could not be parsed.
    MalformedAuthorization,
    /// A Tedee API key is not 64 lowercase hex digits followed by a decimal timestamp.
    MalformedApiKey,
    /// A Tedee API key does not match the token.
    KeyMismatch,
    /// A timestamp is older than the tolerance allows.
    TimestampTooOld,
    /// A timestamp is further in the future than the tolerance allows.
    TimestampTooNew,
    /// A key or message was already seen (replay).
    Replay,
    /// An OAuth token set has expired (or has an unsupported token type).
    TokenExpired,
    /// The OAuth token type is not one authsmith can put in a header.
    UnsupportedTokenType,
    /// A header the webhook scheme needs is absent (or empty).
    MissingHeader,
    /// A header the webhook scheme needs has more than one value.
    DuplicateHeader,
    /// A webhook signature header does not have the scheme's documented form.
    MalformedSignature,
    /// A webhook timestamp is not a decimal number of seconds.
    MalformedTimestamp,
    /// No webhook signature matches the payload under any of the secrets.
    SignatureMismatch,
    /// A webhook secret cannot be decoded (Standard Webhooks: `whsec_` + base64).
    InvalidSecret,
    /// The signature header holds only signature versions authsmith does not verify.
    NoSupportedSignature,
    /// A PKCE code verifier or challenge is not 43 to 128 unreserved characters (RFC 7636 §4.1).
    InvalidPkceVerifier,
    /// A scope token has a character outside RFC 6749 §3.3's set (%x21 / %x23-5B / %x5D-7E).
    InvalidScope,
    /// A token endpoint answer is not JSON, or lacks or mistypes a field (RFC 6749 §5.1).
    InvalidTokenResponse,
    /// The token endpoint or the authorization callback answered `invalid_request` (RFC 6749 §5.2, §4.1.2.1).
    OAuthInvalidRequest,
    /// The token endpoint answered `invalid_client`: client authentication failed.
    OAuthInvalidClient,
    /// The token endpoint answered `invalid_grant`: code or refresh token invalid, expired or revoked.
    OAuthInvalidGrant,
    /// The token endpoint or the authorization callback answered `unauthorized_client`.
    OAuthUnauthorizedClient,
    /// The token endpoint answered `unsupported_grant_type`.
    OAuthUnsupportedGrantType,
    /// The token endpoint or the authorization callback answered `invalid_scope`.
    OAuthInvalidScope,
    /// The token endpoint or the authorization callback answered another OAuth error code (`error` says which).
    OAuthError,
    /// The authorization server answered `access_denied` on the redirect: the user or the server refused (RFC 6749 §4.1.2.1).
    OAuthAccessDenied,
    /// An authorization callback's `state` is missing, repeated or not the one sent (RFC 6749 §10.12).
    StateMismatch,
    /// An authorization callback's `iss` is missing or not the expected issuer (RFC 9207 §2.4).
    IssuerMismatch,
    /// An authorization callback has no query, neither `code` nor `error`, a parameter twice, or a malformed `code`.
    MalformedCallback,
    /// A response header (`WWW-Authenticate`, `Proxy-Authenticate`) is not valid syntax.
    MalformedHeader,
    /// A JWT is not a compact JWS with a JSON-object header and claims set (RFC 7515 §7.1, RFC 7519 §7.2), or has an unsupported `crit` extension.
    JwtMalformed,
    /// A JWT's `alg` is not in the `algorithms` allow-list (`none` and non-HMAC algorithms never are).
    JwtAlgNotAllowed,
    /// A JWT's `exp` has passed (RFC 7519 §4.1.4).
    JwtExpired,
    /// A JWT's `nbf` is still in the future (RFC 7519 §4.1.5).
    JwtNotYetValid,
    /// A JWT claim (`iss`, `aud`, `sub`, `iat`, the header's `typ`, a required claim) is missing, mistyped or not the expected value; `claim` says which.
    JwtClaimInvalid,
}

impl Code {
    pub const ALL: &'static [Code] = &[
        Code::NoRandom,
        Code::InvalidCredential,
        Code::EmptySecret,
        Code::InvalidHeaderName,
        Code::InvalidUrl,
        Code::MalformedAuthorization,
        Code::MalformedApiKey,
        Code::KeyMismatch,
        Code::TimestampTooOld,
        Code::TimestampTooNew,
        Code::Replay,
        Code::TokenExpired,
        Code::UnsupportedTokenType,
        Code::MissingHeader,
        Code::DuplicateHeader,
        Code::MalformedSignature,
        Code::MalformedTimestamp,
        Code::SignatureMismatch,
        Code::InvalidSecret,
        Code::NoSupportedSignature,
        Code::InvalidPkceVerifier,
        Code::InvalidScope,
        Code::InvalidTokenResponse,
        Code::OAuthInvalidRequest,
        Code::OAuthInvalidClient,
        Code::OAuthInvalidGrant,
        Code::OAuthUnauthorizedClient,
        Code::OAuthUnsupportedGrantType,
        Code::OAuthInvalidScope,
        Code::OAuthError,
        Code::OAuthAccessDenied,
        Code::StateMismatch,
        Code::IssuerMismatch,
        Code::MalformedCallback,
        Code::MalformedHeader,
        Code::JwtMalformed,
        Code::JwtAlgNotAllowed,
        Code::JwtExpired,
        Code::JwtNotYetValid,
        Code::JwtClaimInvalid,
    ];

    /// The code's position in [`Code::ALL`] (a test checks that it is): the lean wasm
    /// modules send this instead of the string, and their JS reads `ERROR_CODES`, which
    /// the build makes in the order of `ALL`.
    pub const fn index(self) -> u8 {
        self as u8
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Code::NoRandom => "ERR_NO_RANDOM",
            Code::InvalidCredential => "ERR_INVALID_CREDENTIAL",
            Code::EmptySecret => "ERR_EMPTY_SECRET",
            Code::InvalidHeaderName => "ERR_INVALID_HEADER_NAME",
            Code::InvalidUrl => "ERR_INVALID_URL",
            Code::MalformedAuthorization => "ERR_MALFORMED_AUTHORIZATION",
            Code::MalformedApiKey => "ERR_MALFORMED_API_KEY",
            Code::KeyMismatch => "ERR_KEY_MISMATCH",
            Code::TimestampTooOld => "ERR_TIMESTAMP_TOO_OLD",
            Code::TimestampTooNew => "ERR_TIMESTAMP_TOO_NEW",
            Code::Replay => "ERR_REPLAY",
            Code::TokenExpired => "ERR_TOKEN_EXPIRED",
            Code::UnsupportedTokenType => "ERR_UNSUPPORTED_TOKEN_TYPE",
            Code::MissingHeader => "ERR_MISSING_HEADER",
            Code::DuplicateHeader => "ERR_DUPLICATE_HEADER",
            Code::MalformedSignature => "ERR_MALFORMED_SIGNATURE",
            Code::MalformedTimestamp => "ERR_MALFORMED_TIMESTAMP",
            Code::SignatureMismatch => "ERR_SIGNATURE_MISMATCH",
            Code::InvalidSecret => "ERR_INVALID_SECRET",
            Code::NoSupportedSignature => "ERR_NO_SUPPORTED_SIGNATURE",
            Code::InvalidPkceVerifier => "ERR_INVALID_PKCE_VERIFIER",
            Code::InvalidScope => "ERR_INVALID_SCOPE",
            Code::InvalidTokenResponse => "ERR_INVALID_TOKEN_RESPONSE",
            Code::OAuthInvalidRequest => "ERR_OAUTH_INVALID_REQUEST",
            Code::OAuthInvalidClient => "ERR_OAUTH_INVALID_CLIENT",
            Code::OAuthInvalidGrant => "ERR_OAUTH_INVALID_GRANT",
            Code::OAuthUnauthorizedClient => "ERR_OAUTH_UNAUTHORIZED_CLIENT",
            Code::OAuthUnsupportedGrantType => "ERR_OAUTH_UNSUPPORTED_GRANT_TYPE",
            Code::OAuthInvalidScope => "ERR_OAUTH_INVALID_SCOPE",
            Code::OAuthError => "ERR_OAUTH_ERROR",
            Code::OAuthAccessDenied => "ERR_OAUTH_ACCESS_DENIED",
            Code::StateMismatch => "ERR_STATE_MISMATCH",
            Code::IssuerMismatch => "ERR_ISSUER_MISMATCH",
            Code::MalformedCallback => "ERR_MALFORMED_CALLBACK",
            Code::MalformedHeader => "ERR_MALFORMED_HEADER",
            Code::JwtMalformed => "ERR_JWT_MALFORMED",
            Code::JwtAlgNotAllowed => "ERR_JWT_ALG_NOT_ALLOWED",
            Code::JwtExpired => "ERR_JWT_EXPIRED",
            Code::JwtNotYetValid => "ERR_JWT_NOT_YET_VALID",
            Code::JwtClaimInvalid => "ERR_JWT_CLAIM_INVALID",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Auth(Code),
    Type,
    Range,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: Kind,
    pub message: Cow<'static, str>,
}

pub type Result<T> = core::result::Result<T, Error>;

impl Error {
    pub fn auth(code: Code, message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind: Kind::Auth(code),
            message: message.into(),
        }
    }
    pub fn type_error(message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind: Kind::Type,
            message: message.into(),
        }
    }
    pub fn range(message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind: Kind::Range,
            message: message.into(),
        }
    }
    /// The code, for `Kind::Auth` errors.
    pub fn code(&self) -> Option<Code> {
        match self.kind {
            Kind::Auth(c) => Some(c),
            _ => None,
        }
    }
}

/// Concatenates message parts without `core::fmt`.
pub fn msg(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn index_is_the_position_in_all() {
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(usize::from(c.index()), i, "{}", c.as_str());
        }
    }
}
