#![forbid(unsafe_code)]
//! A small, strict JSON reader and writer for the few places the core needs JSON (OAuth
//! token responses and JSON token request bodies), without serde_json in the wasm build.
//!
//! Reading is RFC 8259 to the letter: no comments, no trailing commas, no single quotes,
//! no leading `+` or zeros, no raw control characters in strings, no lone surrogates
//! (`"\ud800"`), no byte-order mark. Only the top level must be an object; its members
//! are returned in order as [`Value`]s, nested arrays and objects are checked and then
//! only named by kind (the token response needs none of their content). A key that occurs
//! twice at the top level is an error: RFC 8259 leaves the meaning open, and a token
//! response with two `access_token`s must not be read either way.
//! Keys are plain data: `__proto__` is a key like any other and reaches no JS object.

use alloc::string::String;
use alloc::vec::Vec;

/// A top-level member value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Str(String),
    /// A number: `Some(n)` when its value is non-negative (or zero) and its integer part
    /// `n` fits in a `u64` (a fraction is dropped; exponents are applied); `None` for every
    /// other number (negative, too large).
    Num(Option<u64>),
    Bool(bool),
    Null,
    Array,
    Object,
}

/// Why a text is not a JSON object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON text at all (syntax error, lone surrogate, trailing data, empty).
    Syntax,
    /// Valid JSON, but the top level is not an object.
    NotObject,
    /// The top-level object has the same key twice.
    DuplicateKey,
    /// Arrays/objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// Deepest nesting accepted (a token response is flat; this only bounds the recursion).
pub const MAX_DEPTH: usize = 32;

/// A cursor over the unread rest of the text: reading moves the slice's start, so no
/// position arithmetic is needed (the reader reports no offsets).
struct Reader<'a> {
    rest: &'a [u8],
}

type R<T> = core::result::Result<T, JsonError>;

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }
    fn next(&mut self) -> Option<u8> {
        let (&c, tail) = self.rest.split_first()?;
        self.rest = tail;
        Some(c)
    }
    /// Steps past the byte `peek` returned.
    fn bump(&mut self) {
        self.next();
    }
    /// Consumes the longest prefix of bytes for which `f` holds and returns it.
    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a [u8] {
        let n = self
            .rest
            .iter()
            .position(|&c| !f(c))
            .unwrap_or(self.rest.len());
        let (taken, tail) = self.rest.split_at_checked(n).unwrap_or((self.rest, &[]));
        self.rest = tail;
        taken
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }
    fn expect_byte(&mut self, c: u8) -> R<()> {
        if self.next() == Some(c) {
            Ok(())
        } else {
            Err(JsonError::Syntax)
        }
    }
    fn literal(&mut self, word: &[u8]) -> R<()> {
        self.rest = self.rest.strip_prefix(word).ok_or(JsonError::Syntax)?;
        Ok(())
    }

    /// Four hex digits (a `\u` escape) as one UTF-16 code unit.
    fn hex4(&mut self) -> R<u16> {
        let mut v = 0u16;
        for _ in 0..4 {
            let c = self.next().ok_or(JsonError::Syntax)?;
            let d = crate::encoding::hex_value(c, false).ok_or(JsonError::Syntax)?;
            v = (v << 4) | u16::from(d);
        }
        Ok(v)
    }

    /// A string (the opening quote not yet read).
    fn string(&mut self) -> R<String> {
        self.expect_byte(b'"')?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let c = self.next().ok_or(JsonError::Syntax)?;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.next().ok_or(JsonError::Syntax)?;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            if (0xD800..0xDC00).contains(&hi) {
                                // a high surrogate must be followed by an escaped low one
                                self.literal(b"\\u")?;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(JsonError::Syntax);
                                }
                                char::decode_utf16([hi, lo])
                                    .next()
                                    .and_then(|r| r.ok())
                                    .ok_or(JsonError::Syntax)?
                            } else {
                                // a lone low surrogate is refused here (not a char)
                                char::from_u32(u32::from(hi)).ok_or(JsonError::Syntax)?
                            }
                        }
                        _ => return Err(JsonError::Syntax),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                0x00..=0x1f => return Err(JsonError::Syntax),
                _ => out.push(c),
            }
        }
        // The input is a &str and escapes produce whole chars, so this is UTF-8.
        String::from_utf8(out).map_err(|_| JsonError::Syntax)
    }

    /// `1*DIGIT`.
    fn digits(&mut self) -> R<&'a [u8]> {
        let d = self.take_while(|c| c.is_ascii_digit());
        if d.is_empty() {
            Err(JsonError::Syntax)
        } else {
            Ok(d)
        }
    }

    /// A number (grammar checked) as the integer part of its value when that value is
    /// non-negative (or zero) and the integer part fits in a `u64`; `None` otherwise.
    /// Exponents are applied exactly (`3.6e3` is 3600), as `JSON.parse` would read them.
    fn number(&mut self) -> R<Option<u64>> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.bump();
        }
        let int_part = self.digits()?;
        if int_part.len() > 1 && int_part.first() == Some(&b'0') {
            return Err(JsonError::Syntax); // leading zero
        }
        let mut frac: &[u8] = &[];
        if self.peek() == Some(b'.') {
            self.bump();
            frac = self.digits()?;
        }
        let mut exp: i64 = 0;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            let neg_exp = match self.peek() {
                Some(b'-') => {
                    self.bump();
                    true
                }
                Some(b'+') => {
                    self.bump();
                    false
                }
                _ => false,
            };
            for &d in self.digits()? {
                let d = i64::from(crate::encoding::digit_value(d).unwrap_or(0));
                // saturate: anything past a million digits is 0 or too large anyway
                exp = exp.saturating_mul(10).saturating_add(d).min(1_000_000);
            }
            if neg_exp {
                // |exp| <= 1_000_000: negating cannot overflow
                exp = exp.saturating_neg();
            }
        }
        // digits = int_part ++ frac; the decimal point sits after `int_part.len() + exp`
        let digit = |k: usize| -> u8 {
            let d = match int_part.get(k) {
                Some(d) => Some(d),
                None => k.checked_sub(int_part.len()).and_then(|j| frac.get(j)),
            };
            d.and_then(|&d| crate::encoding::digit_value(d))
                .unwrap_or(0)
        };
        // two parts of one text: their lengths add up to less than its length
        let total = int_part.len().saturating_add(frac.len());
        let Some(first) = (0..total).find(|&k| digit(k) != 0) else {
            return Ok(Some(0)); // zero, -0 included
        };
        if negative {
            return Ok(None);
        }
        // Lengths and positions are at most isize::MAX, so they fit an i64; the point
        // is within a million of int_part.len() (saturating only for absurd inputs,
        // where it still says "far too large").
        let point = i64::try_from(int_part.len())
            .unwrap_or(i64::MAX)
            .saturating_add(exp);
        let first_at = i64::try_from(first).unwrap_or(i64::MAX);
        if point <= first_at {
            return Ok(Some(0)); // below 1
        }
        // point > first_at >= 0, so the difference is positive
        if point.saturating_sub(first_at) > 20 {
            return Ok(None); // more than 20 integer digits: past u64
        }
        // first < point <= first + 20: the integer digits, zeros past the last written
        let end = usize::try_from(point).unwrap_or(usize::MAX);
        let mut v: u64 = 0;
        for k in first..end {
            match v
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(digit(k))))
            {
                Some(x) => v = x,
                None => return Ok(None),
            }
        }
        Ok(Some(v))
    }

    /// Any value; nested containers are checked and summarized.
    fn value(&mut self, depth: usize) -> R<Value> {
        match self.peek().ok_or(JsonError::Syntax)? {
            b'"' => Ok(Value::Str(self.string()?)),
            // depth is at most MAX_DEPTH + 1 here; saturating would still be "too deep"
            b'{' => {
                self.skip_object(depth.saturating_add(1))?;
                Ok(Value::Object)
            }
            b'[' => {
                self.skip_array(depth.saturating_add(1))?;
                Ok(Value::Array)
            }
            b't' => self.literal(b"true").map(|_| Value::Bool(true)),
            b'f' => self.literal(b"false").map(|_| Value::Bool(false)),
            b'n' => self.literal(b"null").map(|_| Value::Null),
            b'-' | b'0'..=b'9' => Ok(Value::Num(self.number()?)),
            _ => Err(JsonError::Syntax),
        }
    }

    /// `[ item, item, … ]` (the `[` not yet read), `item` reading each element.
    fn array_items(&mut self, mut item: impl FnMut(&mut Self) -> R<()>) -> R<()> {
        self.expect_byte(b'[')?;
        self.ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(());
        }
        loop {
            self.ws();
            item(self)?;
            self.ws();
            match self.next() {
                Some(b',') => continue,
                Some(b']') => return Ok(()),
                _ => return Err(JsonError::Syntax),
            }
        }
    }

    /// `{ "key": value, … }` (the `{` not yet read), `member` reading each value after its
    /// key and colon.
    fn object_members(&mut self, mut member: impl FnMut(&mut Self, String) -> R<()>) -> R<()> {
        self.expect_byte(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(());
        }
        loop {
            self.ws();
            let key = self.string()?;
            self.ws();
            self.expect_byte(b':')?;
            self.ws();
            member(self, key)?;
            self.ws();
            match self.next() {
                Some(b',') => continue,
                Some(b'}') => return Ok(()),
                _ => return Err(JsonError::Syntax),
            }
        }
    }

    fn skip_array(&mut self, depth: usize) -> R<()> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.array_items(|r| r.value(depth).map(|_| ()))
    }

    /// Reads an object's members, calling `f` for each (key, value).
    fn members(&mut self, depth: usize, mut f: impl FnMut(String, Value) -> R<()>) -> R<()> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.object_members(|r, key| {
            let v = r.value(depth)?;
            f(key, v)
        })
    }

    fn skip_object(&mut self, depth: usize) -> R<()> {
        self.members(depth, |_, _| Ok(()))
    }
}

/// Parses `text` as one JSON object and returns its members in order.
pub fn parse_object(text: &str) -> R<Vec<(String, Value)>> {
    let mut r = Reader {
        rest: text.as_bytes(),
    };
    r.ws();
    if r.peek() != Some(b'{') {
        // Tell "valid JSON but not an object" apart from "not JSON".
        r.value(0)?;
        r.ws();
        return Err(if r.peek().is_none() {
            JsonError::NotObject
        } else {
            JsonError::Syntax
        });
    }
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut dup = false;
    r.members(1, |k, v| {
        if out.iter().any(|(n, _)| *n == k) {
            dup = true;
        }
        out.push((k, v));
        Ok(())
    })?;
    r.ws();
    if r.peek().is_some() {
        return Err(JsonError::Syntax);
    }
    if dup {
        return Err(JsonError::DuplicateKey);
    }
    Ok(out)
}

/// A whole JSON value, for the texts whose content matters below the top level (JWT
/// headers and claims sets). A number is kept as its exact text (grammar checked), so its
/// value can be compared exactly and no float parser is linked into the module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    /// Members in order; no key occurs twice (at any depth).
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl Reader<'_> {
    /// A number's text (the grammar is checked by `number`).
    fn number_text(&mut self) -> R<String> {
        let start = self.rest;
        self.number()?;
        let n = start.len().saturating_sub(self.rest.len());
        let text = start.get(..n).ok_or(JsonError::Syntax)?;
        core::str::from_utf8(text)
            .map(String::from)
            .map_err(|_| JsonError::Syntax)
    }

    /// Any value as a tree; `depth` containers are already open.
    fn tree(&mut self, depth: usize, max_depth: usize) -> R<Json> {
        match self.peek().ok_or(JsonError::Syntax)? {
            b'"' => Ok(Json::Str(self.string()?)),
            b'{' => {
                if depth >= max_depth {
                    return Err(JsonError::TooDeep);
                }
                let mut members: Vec<(String, Json)> = Vec::new();
                self.object_members(|r, key| {
                    members.push((key, r.tree(depth.saturating_add(1), max_depth)?));
                    Ok(())
                })?;
                // Sorting the names finds a repeated one in O(n log n), whatever the count.
                let mut names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
                names.sort_unstable();
                if names.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
                    return Err(JsonError::DuplicateKey);
                }
                Ok(Json::Obj(members))
            }
            b'[' => {
                if depth >= max_depth {
                    return Err(JsonError::TooDeep);
                }
                let mut items = Vec::new();
                self.array_items(|r| {
                    items.push(r.tree(depth.saturating_add(1), max_depth)?);
                    Ok(())
                })?;
                Ok(Json::Arr(items))
            }
            b't' => self.literal(b"true").map(|_| Json::Bool(true)),
            b'f' => self.literal(b"false").map(|_| Json::Bool(false)),
            b'n' => self.literal(b"null").map(|_| Json::Null),
            b'-' | b'0'..=b'9' => Ok(Json::Num(self.number_text()?)),
            _ => Err(JsonError::Syntax),
        }
    }
}

/// Parses `text` as one JSON object, as a tree: a key repeated in any object (not only at
/// the top level) is [`JsonError::DuplicateKey`]; containers nested deeper than
/// `max_depth` (the top-level object counts) are [`JsonError::TooDeep`]. Otherwise as
/// strict as [`parse_object`]. A text it accepts has no repeated key, so `JSON.parse`
/// reads it to the same values.
pub fn parse_tree_object(text: &str, max_depth: usize) -> R<Vec<(String, Json)>> {
    let mut r = Reader {
        rest: text.as_bytes(),
    };
    r.ws();
    let v = r.tree(0, max_depth)?;
    r.ws();
    if r.peek().is_some() {
        return Err(JsonError::Syntax);
    }
    match v {
        Json::Obj(m) => Ok(m),
        _ => Err(JsonError::NotObject),
    }
}

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`…
/// or `\u00XX`; everything else (non-ASCII included) as is.
pub fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let n = c as u8;
                out.push_str("\\u00");
                out.push(char::from(crate::encoding::hex_digit_lower(n >> 4)));
                out.push(char::from(crate::encoding::hex_digit_lower(n)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn s(v: &str) -> Value {
        Value::Str(v.to_string())
    }

    #[test]
    fn objects() {
        let m = parse_object(
            r#" {"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,
                "x":[1,{"a":[]}],"o":{},"t":true,"f":false,"n":null,"e":"\u00e9\ud83d\ude00\n\"\/"} "#,
        )
        .unwrap();
        assert_eq!(
            m,
            alloc::vec![
                ("access_token".to_string(), s("2YotnFZFEjr1zCsicMWpAA")),
                ("token_type".to_string(), s("example")),
                ("expires_in".to_string(), Value::Num(Some(3600))),
                ("x".to_string(), Value::Array),
                ("o".to_string(), Value::Object),
                ("t".to_string(), Value::Bool(true)),
                ("f".to_string(), Value::Bool(false)),
                ("n".to_string(), Value::Null),
                ("e".to_string(), s("é😀\n\"/")),
            ]
        );
        assert_eq!(parse_object("{}").unwrap(), alloc::vec![]);
        // __proto__ is only a key
        assert_eq!(
            parse_object(r#"{"__proto__":{"polluted":1}}"#).unwrap(),
            alloc::vec![("__proto__".to_string(), Value::Object)]
        );
        // escaped key names are the same key
        assert_eq!(
            parse_object(r#"{"a_b":1,"a\u005fb":2}"#),
            Err(JsonError::DuplicateKey)
        );
    }

    #[test]
    fn numbers() {
        let n = |t: &str| match parse_object(&(String::from("{\"n\":") + t + "}")) {
            Ok(m) => m.into_iter().next().map(|(_, v)| v),
            Err(e) => panic!("{t}: {e:?}"),
        };
        assert_eq!(n("0"), Some(Value::Num(Some(0))));
        assert_eq!(n("3600"), Some(Value::Num(Some(3600))));
        assert_eq!(n("3599.9"), Some(Value::Num(Some(3599))));
        assert_eq!(n("-1"), Some(Value::Num(None)));
        assert_eq!(n("-0.5"), Some(Value::Num(None)));
        assert_eq!(n("-1e-9"), Some(Value::Num(None)));
        assert_eq!(n("-0"), Some(Value::Num(Some(0))));
        assert_eq!(n("-0.000e5"), Some(Value::Num(Some(0))));
        assert_eq!(n("3.6e3"), Some(Value::Num(Some(3600))));
        assert_eq!(n("36E+2"), Some(Value::Num(Some(3600))));
        assert_eq!(n("360000e-2"), Some(Value::Num(Some(3600))));
        assert_eq!(n("3.6e1"), Some(Value::Num(Some(36))));
        assert_eq!(n("3.65e1"), Some(Value::Num(Some(36))));
        assert_eq!(n("0.9"), Some(Value::Num(Some(0))));
        assert_eq!(n("5e-1"), Some(Value::Num(Some(0))));
        assert_eq!(n("0.00036e7"), Some(Value::Num(Some(3600))));
        assert_eq!(
            n("1e19"),
            Some(Value::Num(Some(10_000_000_000_000_000_000)))
        );
        assert_eq!(n("1e20"), Some(Value::Num(None)));
        assert_eq!(n("1e400"), Some(Value::Num(None)));
        assert_eq!(n("1e-400"), Some(Value::Num(Some(0))));
        assert_eq!(n("0e999999999999999999999"), Some(Value::Num(Some(0))));
        assert_eq!(n("1e999999999999999999999"), Some(Value::Num(None)));
        assert_eq!(n("1e-999999999999999999999"), Some(Value::Num(Some(0))));
        assert_eq!(
            n("0.000000000000000000000001e24"),
            Some(Value::Num(Some(1)))
        );
        assert_eq!(n("18446744073709551615"), Some(Value::Num(Some(u64::MAX))));
        assert_eq!(n("18446744073709551616"), Some(Value::Num(None)));
        for bad in [
            "01", "+1", "1.", ".5", "1e", "0x10", "NaN", "Infinity", "- 1", "1.e3",
        ] {
            assert_eq!(
                parse_object(&(String::from("{\"n\":") + bad + "}")),
                Err(JsonError::Syntax),
                "{bad}"
            );
        }
    }

    #[test]
    fn strictness() {
        for bad in [
            "",
            " ",
            "{",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{'a':1}",
            "{a:1}",
            "{\"a\":1}}",
            "{\"a\":1} x",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udc00\"}",
            "{\"a\":\"\\ud800\\u0041\"}",
            "{\"a\":\"\\x41\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":[1,]}",
            "{\"a\":tru}",
            "{\"a\":1 /* c */}",
            "\u{feff}{}",
            "<html>error</html>",
            "access_token=abc&token_type=bearer",
        ] {
            assert_eq!(parse_object(bad), Err(JsonError::Syntax), "{bad:?}");
        }
        for not_object in ["[]", "null", "1", "\"s\"", " true "] {
            assert_eq!(parse_object(not_object), Err(JsonError::NotObject));
        }
        let deep = "[".repeat(40) + &"]".repeat(40);
        assert_eq!(
            parse_object(&(String::from("{\"a\":") + &deep + "}")),
            Err(JsonError::TooDeep)
        );
        let ok_deep = "[".repeat(30) + &"]".repeat(30);
        assert!(parse_object(&(String::from("{\"a\":") + &ok_deep + "}")).is_ok());
        let very_deep = "[".repeat(100_000);
        assert_eq!(parse_object(&very_deep), Err(JsonError::TooDeep));
    }

    #[test]
    fn trees() {
        let m = parse_tree_object(
            r#" {"a":[1,-0,2.5e-1,1e400,"x",{"b":null}],"c":{"d":true},"__proto__":{}} "#,
            8,
        )
        .unwrap();
        assert_eq!(m.len(), 3);
        let (k, v) = &m[0];
        assert_eq!(k, "a");
        let Json::Arr(items) = v else { panic!() };
        let num = |t: &str| Json::Num(t.to_string());
        assert_eq!(items[0], num("1"));
        assert_eq!(items[1], num("-0"));
        assert_eq!(items[2], num("2.5e-1"));
        assert_eq!(items[3], num("1e400"));
        assert_eq!(items[5].get("b"), Some(&Json::Null));
        assert_eq!(m[1].1.get("d"), Some(&Json::Bool(true)));
        // the exact text
        let m = parse_tree_object(r#"{"n":9007199254740993,"f":0.1}"#, 2).unwrap();
        assert_eq!(m[0].1, num("9007199254740993"));
        assert_eq!(m[1].1, num("0.1"));
        // repeated keys at any depth
        for dup in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":{"b":1,"b":1}}"#,
            r#"{"a":[{"x":1,"y":2,"x":3}]}"#,
            r#"{"a":{"b\u0031":1,"b1":1}}"#,
        ] {
            assert_eq!(
                parse_tree_object(dup, 8),
                Err(JsonError::DuplicateKey),
                "{dup}"
            );
        }
        assert_eq!(parse_tree_object("[]", 8), Err(JsonError::NotObject));
        assert_eq!(parse_tree_object("1", 8), Err(JsonError::NotObject));
        assert_eq!(parse_tree_object("{} x", 8), Err(JsonError::Syntax));
        assert_eq!(parse_tree_object("{\"a\":01}", 8), Err(JsonError::Syntax));
        assert_eq!(
            parse_tree_object(r#"{"a":[[1]]}"#, 3).map(|m| m.len()),
            Ok(1)
        );
        assert_eq!(
            parse_tree_object(r#"{"a":[[1]]}"#, 2),
            Err(JsonError::TooDeep)
        );
        let very_deep = String::from("{\"a\":") + &"[".repeat(100_000);
        assert_eq!(parse_tree_object(&very_deep, 64), Err(JsonError::TooDeep));
        // many distinct keys stay fast (sorted, not compared pairwise)
        let mut big = String::from("{");
        for i in 0..50_000 {
            if i > 0 {
                big.push(',');
            }
            big.push('"');
            big.push_str(&crate::encoding::decimal(i));
            big.push_str("\":0");
        }
        big.push('}');
        assert_eq!(parse_tree_object(&big, 2).unwrap().len(), 50_000);
    }

    #[test]
    fn writing() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\n\u{1}\u{1f}é/");
        assert_eq!(out, r#""a\"b\\c\n\u0001\u001fé/""#);
        // round trip through the reader and serde_json
        let text = String::from("{\"k\":") + &out + "}";
        assert_eq!(
            parse_object(&text).unwrap(),
            alloc::vec![("k".to_string(), s("a\"b\\c\n\u{1}\u{1f}é/"))]
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["k"], "a\"b\\c\n\u{1}\u{1f}é/");
    }
}
