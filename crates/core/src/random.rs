//! Secrets made from random bytes. The bytes come in as arguments (the wasm adapter
//! takes them from the platform CSPRNG through getrandom); this module only checks
//! sizes and formats.
#![forbid(unsafe_code)]

use alloc::string::String;

use crate::encoding::{base64_std, base64_url, Encoding};
use crate::error::{Error, Result};

/// Most bytes `randomBytes` returns in one call.
pub const MAX_RANDOM_BYTES: u64 = 1 << 20;
/// Bounds of `randomToken` and `generateApiKey` sizes, in bytes.
pub const TOKEN_BYTES: (u64, u64) = (16, 1024);
/// Bounds of `generateWebhookSecret` sizes (Standard Webhooks: 24 to 64 bytes).
pub const WEBHOOK_SECRET_BYTES: (u64, u64) = (24, 64);
pub const DEFAULT_TOKEN_BYTES: u64 = 32;
pub const DEFAULT_API_KEY_PREFIX: &str = "sk-";

pub fn check_size(n: u64, (lo, hi): (u64, u64), what: &'static str) -> Result<usize> {
    if n < lo || n > hi {
        return Err(Error::range(what));
    }
    usize::try_from(n).map_err(|_| Error::range(what))
}

/// A token in `encoding` (base64url or hex) from `bytes`.
pub fn token(bytes: &[u8], encoding: Encoding) -> String {
    encoding.encode(bytes)
}

/// An API-key prefix: up to 32 characters of `A-Z a-z 0-9 _ -`.
pub fn check_prefix(prefix: &str) -> Result<()> {
    if prefix.len() > 32
        || !prefix
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
    {
        return Err(Error::range(
            "prefix must be at most 32 characters of A-Z a-z 0-9 _ -",
        ));
    }
    Ok(())
}

/// `prefix + base64url(bytes)`.
pub fn api_key(prefix: &str, bytes: &[u8]) -> String {
    let mut s = String::from(prefix);
    s.push_str(&base64_url(bytes));
    s
}

/// `"whsec_" + base64(bytes)` (the Standard Webhooks secret format).
pub fn webhook_secret(bytes: &[u8]) -> String {
    let mut s = String::from("whsec_");
    s.push_str(&base64_std(bytes));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(api_key("sk-", &[0xfb, 0xff]), "sk--_8");
        assert_eq!(webhook_secret(&[0xfb, 0xff]), "whsec_+/8=");
        assert_eq!(token(&[1, 2], Encoding::Hex), "0102");
        assert!(check_prefix("sk_live-").is_ok());
        assert!(check_prefix("sk live").is_err());
        assert!(check_size(15, TOKEN_BYTES, "x").is_err());
        assert_eq!(check_size(16, TOKEN_BYTES, "x"), Ok(16));
    }
}
