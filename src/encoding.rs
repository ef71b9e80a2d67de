//! Hex, base64 and percent-encoding without `core::fmt`.
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// The hex digit of the low nibble of `n`, branch-free (no table lookup, no secret-
/// dependent branch): `offset` is 39 for lowercase, 7 for uppercase.
#[inline(always)]
fn nibble(n: u8, offset: u8) -> u8 {
    let n = n & 15;
    b'0' + n + ((9u8.wrapping_sub(n) >> 7) & 1) * offset
}

/// Output encodings for MACs and random values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Hex,
    Base64,
    Base64Url,
}

impl Encoding {
    pub fn parse(name: &str) -> Option<Encoding> {
        match name {
            "hex" => Some(Encoding::Hex),
            "base64" => Some(Encoding::Base64),
            "base64url" => Some(Encoding::Base64Url),
            _ => None,
        }
    }
    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex(bytes),
            Encoding::Base64 => base64_std(bytes),
            Encoding::Base64Url => base64_url(bytes),
        }
    }
    /// Strict decoding of an encoded MAC: lowercase or uppercase hex (not mixed within a
    /// pair is not checked: both cases are the same value), canonical padded base64,
    /// unpadded base64url. `None` for anything else.
    pub fn decode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Hex => hex_decode(text, false),
            Encoding::Base64 => base64_std_decode(text),
            Encoding::Base64Url => base64_url_decode(text),
        }
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    hex_into(bytes, &mut out);
    // Every byte pushed is an ASCII hex digit.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends lowercase hex of `bytes` to `out`.
pub fn hex_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(nibble(b >> 4, 39));
        out.push(nibble(b, 39));
    }
}

fn hex_val(c: u8, lower_only: bool) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' if !lower_only => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes hex; `lower_only` rejects uppercase digits.
pub fn hex_decode(text: &str, lower_only: bool) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    if b.len() % 2 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() / 2);
    for pair in b.chunks_exact(2) {
        if let [hi, lo] = pair {
            out.push((hex_val(*hi, lower_only)? << 4) | hex_val(*lo, lower_only)?);
        }
    }
    Some(out)
}

const STD_CANONICAL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);
const STD_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);
const URL_NOPAD: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Standard, padded base64 (RFC 4648 §4).
pub fn base64_std(bytes: &[u8]) -> String {
    STD_CANONICAL.encode(bytes)
}
/// Unpadded base64url (RFC 4648 §5).
pub fn base64_url(bytes: &[u8]) -> String {
    URL_NOPAD.encode(bytes)
}
/// Strict standard base64 with canonical padding.
pub fn base64_std_decode(text: &str) -> Option<Vec<u8>> {
    STD_CANONICAL.decode(text).ok()
}
/// Standard base64, padding optional (still no stray bits, no whitespace).
pub fn base64_std_decode_lenient(text: &str) -> Option<Vec<u8>> {
    STD_LENIENT.decode(text).ok()
}
/// base64url, padding optional.
pub fn base64_url_decode(text: &str) -> Option<Vec<u8>> {
    URL_NOPAD.decode(text).ok()
}

/// Appends the decimal form of `n`.
pub fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.extend_from_slice(buf.get(i..).unwrap_or_default());
}

/// The decimal form of `n`.
pub fn decimal(n: u64) -> String {
    let mut v = Vec::with_capacity(20);
    push_decimal(&mut v, n);
    String::from_utf8(v).unwrap_or_default()
}

/// Parses a canonical decimal (no sign, no leading zero unless "0", at most `max`).
pub fn parse_decimal(text: &str, max: u64) -> Option<u64> {
    let b = text.as_bytes();
    if b.is_empty() || b.len() > 20 || (b.len() > 1 && b.first() == Some(&b'0')) {
        return None;
    }
    let mut n: u64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    (n <= max).then_some(n)
}

/// RFC 3986 unreserved characters: `A-Z a-z 0-9 - . _ ~`.
pub fn is_unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte of `text` except the unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    for &c in text.as_bytes() {
        if is_unreserved(c) {
            out.push(c);
        } else {
            out.push(b'%');
            out.push(nibble(c >> 4, 7));
            out.push(nibble(c, 7));
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes `%XX` escapes (and `+` as space when `plus_is_space`). Invalid escapes are
/// kept literally; the result is `None` when it is not UTF-8.
pub fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if let (Some(&h), Some(&l)) = (b.get(i + 1), b.get(i + 2)) {
                if let (Some(h), Some(l)) = (hex_val(h, false), hex_val(l, false)) {
                    out.push((h << 4) | l);
                    i += 3;
                    continue;
                }
            }
            out.push(c);
        } else if c == b'+' && plus_is_space {
            out.push(b' ');
        } else {
            out.push(c);
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nibbles() {
        for n in 0..16u8 {
            assert_eq!(nibble(n, 39), b"0123456789abcdef"[n as usize]);
            assert_eq!(nibble(n, 7), b"0123456789ABCDEF"[n as usize]);
        }
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex(&[0, 1, 0xab, 0xff]), "0001abff");
        assert_eq!(
            hex_decode("0001ABff", false),
            Some(alloc::vec![0, 1, 0xab, 0xff])
        );
        assert_eq!(hex_decode("0001ABff", true), None);
        assert_eq!(hex_decode("abc", false), None);
        assert_eq!(hex_decode("zz", false), None);
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(1691058833000), "1691058833000");
        assert_eq!(decimal(u64::MAX), "18446744073709551615");
        assert_eq!(
            parse_decimal("1691058833000", u64::MAX),
            Some(1691058833000)
        );
        assert_eq!(parse_decimal("01", u64::MAX), None);
        assert_eq!(parse_decimal("0", u64::MAX), Some(0));
        assert_eq!(parse_decimal("", u64::MAX), None);
        assert_eq!(parse_decimal("+1", u64::MAX), None);
        assert_eq!(parse_decimal("18446744073709551616", u64::MAX), None);
        assert_eq!(parse_decimal("9007199254740992", 9007199254740991), None);
    }

    #[test]
    fn base64_forms() {
        assert_eq!(base64_std(b"\xfb\xff"), "+/8=");
        assert_eq!(base64_url(b"\xfb\xff"), "-_8");
        assert_eq!(base64_std_decode("+/8="), Some(alloc::vec![0xfb, 0xff]));
        assert_eq!(base64_std_decode("+/8"), None);
        assert_eq!(
            base64_std_decode_lenient("+/8"),
            Some(alloc::vec![0xfb, 0xff])
        );
        assert_eq!(
            base64_std_decode("+/9="),
            None,
            "non-canonical trailing bits"
        );
        assert_eq!(base64_url_decode("-_8"), Some(alloc::vec![0xfb, 0xff]));
    }

    #[test]
    fn percent() {
        assert_eq!(percent_encode("a b+c/é~"), "a%20b%2Bc%2F%C3%A9~");
        assert_eq!(
            percent_decode("a%20b%2Bc+d", true).as_deref(),
            Some("a b+c d")
        );
        assert_eq!(percent_decode("100%", false).as_deref(), Some("100%"));
        assert_eq!(percent_decode("%ff", false), None);
    }
}
