//! Hex, base64 and percent-encoding without `core::fmt`.
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;

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

/// A `String` of bytes known to be ASCII (hex or decimal digits, base64, percent escapes):
/// each byte becomes its `char`, without the UTF-8 validation of `String::from_utf8`
/// (and its error path) in every module that only ever builds ASCII.
pub fn ascii_string(bytes: Vec<u8>) -> String {
    bytes.into_iter().map(char::from).collect()
}

/// Whether `s` has a control character (Unicode category Cc: U+0000..U+001F and
/// U+007F..U+009F), the same as `s.chars().any(char::is_control)`, by a scan of the UTF-8
/// bytes: below 0x20, 0x7F, or C2 followed by 80..9F (U+0080..U+009F; 0xC2 only ever starts
/// a character, so this pair is one). No character decoding, which is most of the code of
/// the `chars()` form.
pub fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c < 0x20
            || c == 0x7f
            || (c == 0xc2
                && b.get(i.saturating_add(1))
                    .is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
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
    ascii_string(out)
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
    let mut out = alloc::vec![0u8; text.len() / 2];
    hex_decode_into(text, lower_only, &mut out).then_some(out)
}

/// Hex into `out`, which must be exactly half as long as `text` (false otherwise, or for a
/// character that is not a hex digit): `hex_decode` without the allocation.
pub fn hex_decode_into(text: &str, lower_only: bool, out: &mut [u8]) -> bool {
    let b = text.as_bytes();
    if b.len() % 2 != 0 || b.len() / 2 != out.len() {
        return false;
    }
    for (pair, o) in b.chunks_exact(2).zip(out) {
        match (pair.first(), pair.get(1)) {
            (Some(&hi), Some(&lo)) => {
                match (hex_value(hi, lower_only), hex_value(lo, lower_only)) {
                    (Some(h), Some(l)) => *o = (h << 4) | l,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
    true
}

// Base64 (RFC 4648 §4 and §5) written out: the `base64` crate's general-purpose engine is
// ~7 KB of wasm in every entry, this is under 1 KB. Characters are mapped with arithmetic
// and masks, not tables or branches on the data (the approach of RustCrypto's `base64ct`):
// webhook secrets (`whsec_…`) are decoded here. Decoding is strict in every mode: no
// whitespace, no characters outside the alphabet, no padding in the middle, no stray bits
// in the last character. The tests check every mode against the `base64` crate.

/// The two alphabet-specific characters: (value 62, value 63).
const STD: (u8, u8) = (b'+', b'/');
const URL: (u8, u8) = (b'-', b'_');

/// -1 (all bits set) when `a <= x <= b`, else 0; for 0 <= a, b, x <= 255.
#[inline(always)]
fn in_range(x: i16, a: i16, b: i16) -> i16 {
    // Both differences are in -255..=255: no wrap. Negative exactly when x < a or x > b.
    (a.wrapping_sub(1).wrapping_sub(x) & x.wrapping_sub(b).wrapping_sub(1)) >> 8
}

/// The character of a 6-bit value (`v` < 64), without a branch or a table.
#[inline(always)]
fn b64_char(v: u8, (c62, c63): (u8, u8)) -> u8 {
    let v = i16::from(v & 63);
    let at_least = |n: i16| n.wrapping_sub(1).wrapping_sub(v) >> 8; // -1 when v >= n
                                                                    // 'A' + v, then shifted into 'a'.., '0'.., and the two alphabet characters. Every
                                                                    // intermediate value stays within -128..=255.
    let c = v
        .wrapping_add(65)
        .wrapping_add(at_least(26) & 6)
        .wrapping_add(at_least(52) & -75)
        .wrapping_add(at_least(62) & i16::from(c62).wrapping_sub(58))
        .wrapping_add(at_least(63) & i16::from(c63).wrapping_sub(i16::from(c62)).wrapping_sub(1));
    c.to_le_bytes().first().copied().unwrap_or_default()
}

/// The 6-bit value of a character, or -1, without a branch or a table.
#[inline(always)]
fn b64_value(c: u8, (c62, c63): (u8, u8)) -> i16 {
    let c = i16::from(c);
    let (c62, c63) = (i16::from(c62), i16::from(c63));
    // Start at -1 and add (value + 1) for the one range the character is in.
    (-1i16)
        .wrapping_add(in_range(c, 65, 90) & c.wrapping_sub(64))
        .wrapping_add(in_range(c, 97, 122) & c.wrapping_sub(70))
        .wrapping_add(in_range(c, 48, 57) & c.wrapping_add(5))
        .wrapping_add(in_range(c, c62, c62) & 63)
        .wrapping_add(in_range(c, c63, c63) & 64)
}

fn b64_encode(bytes: &[u8], alphabet: (u8, u8), pad: bool) -> String {
    let mut out = String::with_capacity((bytes.len().saturating_add(2) / 3).saturating_mul(4));
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        // chunk.len() is 1..=3: 2..=4 characters carry data.
        let chars = chunk.len().saturating_add(1);
        for (k, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if k < chars {
                out.push(char::from(b64_char(((n >> shift) & 63) as u8, alphabet)));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Padding: `Required` (canonical `=`), `Optional` (absent, or one or two `=` after a
/// partial last group, as the `base64` crate's `DecodePaddingMode::Indifferent`),
/// `Forbidden` (no `=` at all: JWS, RFC 7515 §2).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pad {
    Required,
    Optional,
    Forbidden,
}

fn b64_decode(text: &str, alphabet: (u8, u8), pad: Pad) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let data = bytes
        .strip_suffix(b"==")
        .or_else(|| bytes.strip_suffix(b"="))
        .unwrap_or(bytes);
    let padded = data.len() != bytes.len();
    // Data characters in the last group: 0 (none), 2 or 3; 1 is never valid.
    let rest = data.len() % 4;
    if rest == 1 {
        return None;
    }
    let pad_len = bytes.len().saturating_sub(data.len());
    if padded && pad == Pad::Forbidden {
        return None;
    }
    if padded && (rest == 0 || pad_len > 4usize.saturating_sub(rest)) {
        // Padding only ever completes a partial last group.
        return None;
    }
    if pad == Pad::Required {
        // Padding present (or required): the text is whole groups and the padding is
        // exactly what the last group needs.
        let want = if rest == 0 {
            0
        } else {
            4usize.saturating_sub(rest)
        };
        if bytes.len() % 4 != 0 || bytes.len().saturating_sub(data.len()) != want {
            return None;
        }
    }
    let mut out = Vec::with_capacity((data.len() / 4).saturating_mul(3).saturating_add(2));
    // Any invalid character sets the sign bit of `bad`; checked once at the end.
    let mut bad: i16 = 0;
    for group in data.chunks(4) {
        let mut n: u32 = 0;
        for (k, c) in group.iter().enumerate() {
            let v = b64_value(*c, alphabet);
            bad |= v;
            n |= u32::from((v & 63) as u8) << (18u32.saturating_sub(6u32.saturating_mul(k as u32)));
        }
        let [_, b0, b1, b2] = n.to_be_bytes();
        match group.len() {
            4 => out.extend_from_slice(&[b0, b1, b2]),
            3 => {
                // 18 bits carry 2 bytes: the last 2 bits must be zero.
                bad |= 0i16.wrapping_sub(i16::from(b2 != 0));
                out.extend_from_slice(&[b0, b1]);
            }
            _ => {
                // 12 bits carry 1 byte: the last 4 bits must be zero.
                bad |= 0i16.wrapping_sub(i16::from(b1 != 0));
                out.push(b0);
            }
        }
    }
    if bad < 0 {
        // Wipe what was decoded: this may be part of a secret.
        zeroize::Zeroize::zeroize(&mut out);
        return None;
    }
    Some(out)
}

/// Standard, padded base64 (RFC 4648 §4).
pub fn base64_std(bytes: &[u8]) -> String {
    b64_encode(bytes, STD, true)
}
/// Unpadded base64url (RFC 4648 §5).
pub fn base64_url(bytes: &[u8]) -> String {
    b64_encode(bytes, URL, false)
}
/// Strict standard base64 with canonical padding.
pub fn base64_std_decode(text: &str) -> Option<Vec<u8>> {
    b64_decode(text, STD, Pad::Required)
}
/// Standard base64, padding optional (still no stray bits, no whitespace).
pub fn base64_std_decode_lenient(text: &str) -> Option<Vec<u8>> {
    b64_decode(text, STD, Pad::Optional)
}
/// base64url, padding optional.
pub fn base64_url_decode(text: &str) -> Option<Vec<u8>> {
    b64_decode(text, URL, Pad::Optional)
}

/// base64url without padding, strictly (RFC 7515 §2): no `=`, no `+` or `/`, no
/// whitespace, no stray bits in the last character.
pub fn base64_url_decode_strict(text: &str) -> Option<Vec<u8>> {
    b64_decode(text, URL, Pad::Forbidden)
}

/// Appends the decimal form of `n`.
pub fn push_decimal(out: &mut Vec<u8>, n: u64) {
    let mut buf = [0u8; 20];
    out.extend_from_slice(decimal_into(n, &mut buf));
}

/// The decimal digits of `n`, written at the end of `buf` (u64::MAX has 20 digits).
pub fn decimal_into(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
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
    buf.get(start..).unwrap_or_default()
}

/// The decimal form of `n`.
pub fn decimal(n: u64) -> String {
    let mut v = Vec::with_capacity(20);
    push_decimal(&mut v, n);
    ascii_string(v)
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
    ascii_string(out)
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
    #[test]
    fn has_control_is_chars_any_is_control() {
        // every code point alone and between others, and every pair of interesting bytes
        for cp in (0u32..0x800).chain(0xd7f0..0xe010).chain(0xfff0..0x10100) {
            if let Some(c) = char::from_u32(cp) {
                for s in [
                    alloc::format!("{c}"),
                    alloc::format!("a{c}b"),
                    alloc::format!("\u{e9}{c}\u{9f}"),
                ] {
                    assert_eq!(
                        super::has_control(&s),
                        s.chars().any(char::is_control),
                        "{s:?}"
                    );
                }
            }
        }
    }

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

    /// The `base64` crate (a dev-dependency) as the reference for every mode.
    mod reference {
        use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
        use base64::engine::DecodePaddingMode;
        use base64::Engine;
        const fn engine(
            alphabet: &base64::alphabet::Alphabet,
            pad: bool,
            mode: DecodePaddingMode,
        ) -> GeneralPurpose {
            GeneralPurpose::new(
                alphabet,
                GeneralPurposeConfig::new()
                    .with_encode_padding(pad)
                    .with_decode_padding_mode(mode),
            )
        }
        pub const STD: GeneralPurpose = engine(
            &base64::alphabet::STANDARD,
            true,
            DecodePaddingMode::RequireCanonical,
        );
        pub const STD_LENIENT: GeneralPurpose = engine(
            &base64::alphabet::STANDARD,
            true,
            DecodePaddingMode::Indifferent,
        );
        pub const URL: GeneralPurpose = engine(
            &base64::alphabet::URL_SAFE,
            false,
            DecodePaddingMode::Indifferent,
        );
        pub const URL_STRICT: GeneralPurpose = engine(
            &base64::alphabet::URL_SAFE,
            false,
            DecodePaddingMode::RequireNone,
        );
        pub fn decode(e: &GeneralPurpose, s: &str) -> Option<alloc::vec::Vec<u8>> {
            e.decode(s).ok()
        }
        pub fn encode(e: &GeneralPurpose, b: &[u8]) -> alloc::string::String {
            e.encode(b)
        }
    }

    #[test]
    fn base64_every_character_and_length_against_the_reference() {
        // Every single character in every position of short texts, all lengths 0..=8.
        let mut text = alloc::vec::Vec::new();
        for len in 0..=8usize {
            for pos in 0..len {
                for c in 0u8..=255 {
                    text.clear();
                    text.extend(core::iter::repeat_n(b'Q', len));
                    text[pos] = c;
                    let Ok(s) = core::str::from_utf8(&text) else {
                        continue;
                    };
                    assert_eq!(
                        base64_std_decode(s),
                        reference::decode(&reference::STD, s),
                        "std {s:?}"
                    );
                    assert_eq!(
                        base64_std_decode_lenient(s),
                        reference::decode(&reference::STD_LENIENT, s),
                        "lenient {s:?}"
                    );
                    assert_eq!(
                        base64_url_decode(s),
                        reference::decode(&reference::URL, s),
                        "url {s:?}"
                    );
                    assert_eq!(
                        base64_url_decode_strict(s),
                        reference::decode(&reference::URL_STRICT, s),
                        "url strict {s:?}"
                    );
                }
            }
        }
        for n in 0..=64usize {
            let bytes: alloc::vec::Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(
                base64_std(&bytes),
                reference::encode(&reference::STD, &bytes)
            );
            assert_eq!(
                base64_url(&bytes),
                reference::encode(&reference::URL, &bytes)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn base64_matches_the_reference(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), text in "[A-Za-z0-9+/_=-]{0,40}") {
            let std = base64_std(&bytes);
            let url = base64_url(&bytes);
            proptest::prop_assert_eq!(&std, &reference::encode(&reference::STD, &bytes));
            proptest::prop_assert_eq!(&url, &reference::encode(&reference::URL, &bytes));
            proptest::prop_assert_eq!(base64_std_decode(&std), Some(bytes.clone()));
            proptest::prop_assert_eq!(base64_url_decode(&url), Some(bytes.clone()));
            proptest::prop_assert_eq!(base64_std_decode_lenient(std.trim_end_matches('=')), Some(bytes));
            proptest::prop_assert_eq!(base64_std_decode(&text), reference::decode(&reference::STD, &text));
            proptest::prop_assert_eq!(base64_std_decode_lenient(&text), reference::decode(&reference::STD_LENIENT, &text));
            proptest::prop_assert_eq!(base64_url_decode(&text), reference::decode(&reference::URL, &text));
            proptest::prop_assert_eq!(base64_url_decode_strict(&text), reference::decode(&reference::URL_STRICT, &text));
        }
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
