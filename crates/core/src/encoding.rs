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
    // Wrapping ops only to say no check is needed: n <= 15 and offset <= 39, so the
    // result is at most b'0' + 15 + 39 = 102 and nothing wraps.
    b'0'.wrapping_add(n)
        .wrapping_add(((9u8.wrapping_sub(n) >> 7) & 1).wrapping_mul(offset))
}

/// The lowercase hex digit of the low nibble of `n` (branch-free).
#[inline(always)]
pub fn hex_digit_lower(n: u8) -> u8 {
    nibble(n, 39)
}

/// The uppercase hex digit of the low nibble of `n` (branch-free).
#[inline(always)]
pub fn hex_digit_upper(n: u8) -> u8 {
    nibble(n, 7)
}

/// The value of an ASCII decimal digit; `None` for any other byte.
#[inline]
pub fn digit_value(c: u8) -> Option<u8> {
    // b'0'..=b'9' is 0x30..=0x39: the low nibble is the digit's value.
    c.is_ascii_digit().then_some(c & 0x0f)
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
    // A capacity hint: a slice is at most isize::MAX bytes, so twice that fits a usize
    // (and a saturated hint would fail to allocate just as the real size would).
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(2));
    hex_into(bytes, &mut out);
    // Every byte pushed is an ASCII hex digit.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends lowercase hex of `bytes` to `out`.
pub fn hex_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len().saturating_mul(2));
    for &b in bytes {
        out.push(hex_digit_lower(b >> 4));
        out.push(hex_digit_lower(b));
    }
}

/// The value of an ASCII hex digit (either case, or lowercase only).
pub fn hex_value(c: u8, lower_only: bool) -> Option<u8> {
    if lower_only && c.is_ascii_uppercase() {
        return None;
    }
    // to_digit(16) is below 16, so it fits a u8.
    char::from(c).to_digit(16).map(|d| d as u8)
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
            out.push((hex_value(*hi, lower_only)? << 4) | hex_value(*lo, lower_only)?);
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

const URL_STRICT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
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

/// base64url without padding, strictly (RFC 7515 §2): no `=`, no `+` or `/`, no
/// whitespace, no stray bits in the last character.
pub fn base64_url_decode_strict(text: &str) -> Option<Vec<u8>> {
    URL_STRICT.decode(text).ok()
}

/// Appends the decimal form of `n`.
pub fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    // u64::MAX has 20 digits; they are written from the right.
    let mut buf = [0u8; 20];
    let mut start = buf.len();
    for (i, slot) in buf.iter_mut().enumerate().rev() {
        // n % 10 is a digit (below 16): OR-ing it into b'0' (0x30) adds it.
        *slot = b'0' | (n % 10) as u8;
        n /= 10;
        start = i;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(buf.get(start..).unwrap_or_default());
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
        n = n.checked_mul(10)?.checked_add(u64::from(digit_value(c)?))?;
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
            out.push(hex_digit_upper(c >> 4));
            out.push(hex_digit_upper(c));
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes `%XX` escapes (and `+` as space when `plus_is_space`). Invalid escapes are
/// kept literally; the result is `None` when it is not UTF-8.
pub fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    String::from_utf8(percent_decode_bytes(text, plus_is_space)).ok()
}

/// The bytes [`percent_decode`] decodes to, UTF-8 or not (the WHATWG URL standard's
/// percent-decode: an invalid escape is kept literally).
pub fn percent_decode_bytes(text: &str, plus_is_space: bool) -> Vec<u8> {
    let mut rest = text.as_bytes();
    let mut out = Vec::with_capacity(rest.len());
    while let Some((&c, tail)) = rest.split_first() {
        rest = tail;
        if c == b'%' {
            if let [h, l, after @ ..] = tail {
                if let (Some(h), Some(l)) = (hex_value(*h, false), hex_value(*l, false)) {
                    out.push((h << 4) | l);
                    rest = after;
                    continue;
                }
            }
            out.push(c);
        } else if c == b'+' && plus_is_space {
            out.push(b' ');
        } else {
            out.push(c);
        }
    }
    out
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
