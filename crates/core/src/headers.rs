//! Header names and values, and the time-based HMAC signature headers
//! (seed: BJET "dynamic authentication": `X-Timestamp` + hex HMAC-SHA256 of it).
#![forbid(unsafe_code)]

use alloc::string::String;

use crate::crypto::HmacKey;
use crate::encoding::{decimal, Encoding};
use crate::error::{msg, Code, Error, Result};

/// The default header names of `hmacSignatureHeaders` and of `applyAuth`'s `hmac` type.
pub const DEFAULT_TIMESTAMP_HEADER: &str = "X-Timestamp";
pub const DEFAULT_SIGNATURE_HEADER: &str = "X-Signature";

/// RFC 9110 §5.6.2 `token` (a header field name).
pub fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(crate::challenge::is_tchar)
}

/// Checks a header name given by the caller.
pub fn check_header_name(name: &str, what: &str) -> Result<()> {
    if is_token(name) {
        Ok(())
    } else {
        Err(Error::auth(
            Code::InvalidHeaderName,
            msg(&[what, " must be an HTTP header name (RFC 9110 token)"]),
        ))
    }
}

/// A value that can go into a header as it is: no control characters but HTAB
/// (so no CR/LF header injection), no leading or trailing whitespace.
pub fn is_safe_header_value(value: &str) -> bool {
    !value.chars().any(|c| c.is_control() && c != '\t')
        && value.trim_matches([' ', '\t']).len() == value.len()
}

/// The two headers of a time-based HMAC signature: `timestamp_header: <seconds>` and
/// `signature_header: <HMAC-SHA256(secret, decimal seconds)>` in the chosen encoding.
pub fn hmac_signature_headers(
    secret: &[u8],
    timestamp_s: u64,
    timestamp_header: &str,
    signature_header: &str,
    encoding: Encoding,
) -> Result<[(String, String); 2]> {
    if secret.is_empty() {
        return Err(Error::auth(Code::EmptySecret, "secret must not be empty"));
    }
    check_header_name(timestamp_header, "timestampHeader")?;
    check_header_name(signature_header, "signatureHeader")?;
    if timestamp_header.eq_ignore_ascii_case(signature_header) {
        return Err(Error::auth(
            Code::InvalidHeaderName,
            "timestampHeader and signatureHeader must differ",
        ));
    }
    let ts = decimal(timestamp_s);
    let sig = encoding.encode(&HmacKey::new(secret).mac(ts.as_bytes()));
    Ok([
        (String::from(timestamp_header), ts),
        (String::from(signature_header), sig),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bjet_dynamic_authentication() {
        // python3: hmac.new(b"secret", b"1700000000", hashlib.sha256).hexdigest()
        let [(tn, tv), (sn, sv)] = hmac_signature_headers(
            b"secret",
            1_700_000_000,
            "X-Timestamp",
            "X-Signature",
            Encoding::Hex,
        )
        .unwrap();
        assert_eq!((tn.as_str(), tv.as_str()), ("X-Timestamp", "1700000000"));
        assert_eq!(sn, "X-Signature");
        assert_eq!(
            sv,
            "4b227f8831b3763d066901751ad4c583ed08832bf1924a4ec50c2e871b1e8586"
        );
    }

    #[test]
    fn names_and_values() {
        assert!(is_token("X-Api-Key"));
        assert!(is_token("api_token"));
        assert!(!is_token("X Api"));
        assert!(!is_token("X-Api:"));
        assert!(!is_token(""));
        assert!(is_safe_header_value("Bearer abc"));
        assert!(!is_safe_header_value("a\r\nb"));
        assert!(!is_safe_header_value(" a"));
        assert_eq!(
            hmac_signature_headers(b"", 1, "X-Timestamp", "X-Signature", Encoding::Hex)
                .unwrap_err()
                .code(),
            Some(Code::EmptySecret)
        );
        assert_eq!(
            hmac_signature_headers(b"k", 1, "X-Timestamp\r\n", "X-Signature", Encoding::Hex)
                .unwrap_err()
                .code(),
            Some(Code::InvalidHeaderName)
        );
    }
}
