#![forbid(unsafe_code)]
//! `WWW-Authenticate` / `Proxy-Authenticate` challenges (RFC 9110 §11.6.1 and §11.3):
//!
//! ```text
//! WWW-Authenticate = #challenge
//! challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! auth-param       = token BWS "=" BWS ( token / quoted-string )
//! token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! ```
//!
//! A field value may hold several challenges, and auth-params are comma-separated too:
//! after a comma, a token followed by `=` continues the current challenge, anything else
//! starts a new one. Parameter names are lowercased (they are case-insensitive), values
//! are unquoted and unescaped; the scheme is kept as sent.
//!
//! Parse-error policy: [`parse`] is strict — any syntax error (unterminated quoted
//! string, control character, a parameter without a scheme, a repeated parameter name,
//! which RFC 9110 forbids) is `ERR_MALFORMED_HEADER` naming the byte offset; an empty
//! value (or only commas and spaces) is an empty list. [`parse_lenient`] never fails: it
//! keeps the challenges completed before the first error of each field value and drops
//! the rest of that value. Work is linear in the input (one pass, one token of
//! look-ahead; repeated-name checks use an ordered set).

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use crate::encoding::decimal;
use crate::error::{msg, Code, Error, Result};

/// One challenge: `Basic realm="x", charset="UTF-8"` or `Negotiate abc==`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    /// The auth-scheme as sent (compare it case-insensitively).
    pub scheme: String,
    /// Lowercased names, unquoted values, in the order sent.
    pub params: Vec<(String, String)>,
    pub token68: Option<String>,
}

impl Challenge {
    /// The value of parameter `name` (give it in lowercase).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_scheme(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }
}

/// RFC 9110 `tchar`.
pub fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

fn is_token68_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
}

/// A syntax error: where, and what was expected.
struct Syntax {
    at: usize,
    what: &'static str,
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(s: &'a str) -> Self {
        Parser {
            s,
            b: s.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Steps past the byte `peek` returned. `pos` is below `b.len()` (at most
    /// isize::MAX) whenever there is one, so this never saturates; if it did, `pos` would
    /// only be past the end, which `peek` reads as the end of the input.
    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    /// Skips optional whitespace; whether there was any.
    fn skip_ows(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.bump();
        }
        self.pos != start
    }

    fn token(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self.peek().is_some_and(is_tchar) {
            self.bump();
        }
        if self.pos == start {
            None
        } else {
            self.s.get(start..self.pos)
        }
    }

    fn fail<T>(&self, what: &'static str) -> core::result::Result<T, Syntax> {
        Err(Syntax { at: self.pos, what })
    }

    /// A quoted-string (the parser is on its opening quote), unescaped.
    fn quoted(&mut self) -> core::result::Result<String, Syntax> {
        let open = self.pos;
        self.bump();
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(Syntax {
                        at: open,
                        what: "unterminated quoted string",
                    })
                }
                Some(b'"') => {
                    self.bump();
                    break;
                }
                Some(b'\\') => {
                    self.bump();
                    match self.peek() {
                        None => {
                            return Err(Syntax {
                                at: open,
                                what: "unterminated quoted string",
                            })
                        }
                        Some(c) if c == b'\t' || (c >= 0x20 && c != 0x7f) => {
                            out.push(c);
                            self.bump();
                        }
                        Some(_) => return self.fail("control character in a quoted string"),
                    }
                }
                Some(c) if c == b'\t' || (c >= 0x20 && c != 0x7f) => {
                    out.push(c);
                    self.bump();
                }
                Some(_) => return self.fail("control character in a quoted string"),
            }
        }
        // Only ASCII backslashes were removed, so the bytes are still UTF-8.
        String::from_utf8(out).map_err(|_| Syntax {
            at: open,
            what: "quoted string is not UTF-8",
        })
    }

    /// On a comma: whether the commas (empty list elements) and spaces from here are
    /// followed by an auth-param (`token BWS "="`). If so the parser moves to that
    /// token; if not it stays where it was.
    fn param_after_commas(&mut self) -> bool {
        let comma = self.pos;
        while self.peek() == Some(b',') {
            self.bump();
            self.skip_ows();
        }
        let next = self.pos;
        let is_param = self.token().is_some() && {
            self.skip_ows();
            self.peek() == Some(b'=')
        };
        self.pos = if is_param { next } else { comma };
        is_param
    }

    /// Parses every challenge, appending each one to `out` once it is complete.
    fn challenges(&mut self, out: &mut Vec<Challenge>) -> core::result::Result<(), Syntax> {
        'challenges: loop {
            // Empty list elements are allowed (RFC 9110 §5.6.1.2).
            loop {
                self.skip_ows();
                if self.peek() == Some(b',') {
                    self.bump();
                } else {
                    break;
                }
            }
            let Some(scheme) = self.token() else {
                return match self.peek() {
                    None => Ok(()),
                    Some(_) => self.fail("expected an auth-scheme"),
                };
            };
            let spaced = self.skip_ows();
            // `#auth-param` may begin with empty elements (RFC 9110 §5.6.1): after the
            // scheme and a space, `Basic , realm="x"` is one challenge with a realm.
            // Without the space (`Basic, realm="x"`) the scheme ends the challenge.
            let mut params_follow = false;
            match self.peek() {
                Some(b',') if spaced && self.param_after_commas() => params_follow = true,
                None | Some(b',') => {
                    out.push(Challenge {
                        scheme: String::from(scheme),
                        params: Vec::new(),
                        token68: None,
                    });
                    continue;
                }
                Some(b'=') if !spaced => return self.fail("auth-param without an auth-scheme"),
                Some(_) if !spaced => return self.fail("expected a space after the auth-scheme"),
                Some(_) => {}
            }

            // token68, when it is all that follows (up to the end or a comma).
            let start = self.pos;
            while !params_follow && self.peek().is_some_and(is_token68_char) {
                self.bump();
            }
            if self.pos > start {
                while self.peek() == Some(b'=') {
                    self.bump();
                }
                let end = self.pos;
                self.skip_ows();
                if matches!(self.peek(), None | Some(b',')) {
                    out.push(Challenge {
                        scheme: String::from(scheme),
                        params: Vec::new(),
                        token68: self.s.get(start..end).map(String::from),
                    });
                    continue;
                }
            }
            self.pos = start;

            // #auth-param
            let mut params: Vec<(String, String)> = Vec::new();
            let mut seen: BTreeSet<String> = BTreeSet::new();
            loop {
                let Some(name) = self.token() else {
                    return self.fail("expected an auth-param name");
                };
                self.skip_ows();
                if self.peek() != Some(b'=') {
                    return self.fail("expected '=' after an auth-param name");
                }
                self.bump();
                self.skip_ows();
                let value = if self.peek() == Some(b'"') {
                    self.quoted()?
                } else {
                    match self.token() {
                        Some(t) => String::from(t),
                        None => return self.fail("expected a token or a quoted string"),
                    }
                };
                let name = name.to_ascii_lowercase();
                if !seen.insert(name.clone()) {
                    return self.fail("repeated auth-param name");
                }
                params.push((name, value));
                self.skip_ows();
                match self.peek() {
                    None => {
                        out.push(Challenge {
                            scheme: String::from(scheme),
                            params,
                            token68: None,
                        });
                        return Ok(());
                    }
                    Some(b',') => {
                        // Another auth-param (`name =`), or the next challenge?
                        if self.param_after_commas() {
                            continue;
                        }
                        out.push(Challenge {
                            scheme: String::from(scheme),
                            params,
                            token68: None,
                        });
                        continue 'challenges;
                    }
                    Some(_) => return self.fail("expected ',' after an auth-param"),
                }
            }
        }
    }
}

fn to_error(field: &str, e: Syntax) -> Error {
    Error::auth(
        Code::MalformedHeader,
        msg(&[field, ": ", e.what, " at offset ", &decimal(e.at as u64)]),
    )
}

/// Parses one field value strictly; `field` names it in the error message.
pub fn parse_field(value: &str, field: &str) -> Result<Vec<Challenge>> {
    let mut out = Vec::new();
    Parser::new(value)
        .challenges(&mut out)
        .map_err(|e| to_error(field, e))?;
    Ok(out)
}

/// Parses one `WWW-Authenticate` value strictly (see the module docs).
pub fn parse(value: &str) -> Result<Vec<Challenge>> {
    parse_field(value, "WWW-Authenticate")
}

/// Parses several field values (repeated header lines), in order, leniently: the
/// challenges completed before the first error of a value are kept. The flag says
/// whether any value was malformed.
pub fn parse_lenient<'a>(values: impl IntoIterator<Item = &'a str>) -> (Vec<Challenge>, bool) {
    let mut out = Vec::new();
    let mut malformed = false;
    for v in values {
        if Parser::new(v).challenges(&mut out).is_err() {
            malformed = true;
        }
    }
    (out, malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(scheme: &str, params: &[(&str, &str)], token68: Option<&str>) -> Challenge {
        Challenge {
            scheme: scheme.into(),
            params: params
                .iter()
                .map(|(n, v)| (String::from(*n), String::from(*v)))
                .collect(),
            token68: token68.map(String::from),
        }
    }

    #[test]
    fn table() {
        let cases: &[(&str, Vec<Challenge>)] = &[
            ("", vec![]),
            ("  ,  , ", vec![]),
            ("Basic", vec![ch("Basic", &[], None)]),
            // `realm=` alone is a token68, not a parameter without a value
            ("Basic realm=", vec![ch("Basic", &[], Some("realm="))]),
            (
                // Smartstore seed (002): the 401 challenge
                r#"Basic realm="Smartstore.WebApi", charset="UTF-8""#,
                vec![ch(
                    "Basic",
                    &[("realm", "Smartstore.WebApi"), ("charset", "UTF-8")],
                    None,
                )],
            ),
            (
                r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#,
                vec![
                    ch(
                        "Newauth",
                        &[
                            ("realm", "apps"),
                            ("type", "1"),
                            ("title", r#"Login to "apps""#),
                        ],
                        None,
                    ),
                    ch("Basic", &[("realm", "simple")], None),
                ],
            ),
            (
                r#"Bearer REALM = "a, b", Error="x\\y""#,
                vec![ch("Bearer", &[("realm", "a, b"), ("error", r"x\y")], None)],
            ),
            (
                "Negotiate abc+/d==, Basic, Bearer",
                vec![
                    ch("Negotiate", &[], Some("abc+/d==")),
                    ch("Basic", &[], None),
                    ch("Bearer", &[], None),
                ],
            ),
            (
                "Negotiate a=,,Basic realm=x,,, charset=y",
                vec![
                    ch("Negotiate", &[], Some("a=")),
                    ch("Basic", &[("realm", "x"), ("charset", "y")], None),
                ],
            ),
            (
                "Digest\trealm=\"t\u{e9}st\", qop=\"auth,auth-int\"",
                vec![ch(
                    "Digest",
                    &[("realm", "t\u{e9}st"), ("qop", "auth,auth-int")],
                    None,
                )],
            ),
            (
                r#"Bearer realm="", scope="a b""#,
                vec![ch("Bearer", &[("realm", ""), ("scope", "a b")], None)],
            ),
            // RFC 9110 §5.6.1: empty list elements before the first auth-param
            (
                r#"Basic , realm="foo""#,
                vec![ch("Basic", &[("realm", "foo")], None)],
            ),
            (
                r#"Basic ,realm="foo""#,
                vec![ch("Basic", &[("realm", "foo")], None)],
            ),
            (
                "Basic\t, ,\t, realm=foo , , charset=UTF-8 ,",
                vec![ch("Basic", &[("realm", "foo"), ("charset", "UTF-8")], None)],
            ),
            (
                r#"Bearer , realm="a", , Basic , realm="b""#,
                vec![
                    ch("Bearer", &[("realm", "a")], None),
                    ch("Basic", &[("realm", "b")], None),
                ],
            ),
            // a space then a comma then another scheme: an empty challenge, then the next
            (
                "Basic , Bearer",
                vec![ch("Basic", &[], None), ch("Bearer", &[], None)],
            ),
            (
                "Basic , Bearer realm=x",
                vec![
                    ch("Basic", &[], None),
                    ch("Bearer", &[("realm", "x")], None),
                ],
            ),
            ("Basic ,", vec![ch("Basic", &[], None)]),
            (
                ", Basic , , realm=x",
                vec![ch("Basic", &[("realm", "x")], None)],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(&parse(input).unwrap(), want, "{input:?}");
        }
    }

    #[test]
    fn rfc6750_vectors() {
        let v = crate::test_vectors("rfc_misc.json");
        let mut n = 0;
        for case in v["bearer_examples"].as_array().unwrap() {
            let Some(h) = case["www_authenticate"].as_str() else {
                continue;
            };
            let c = parse(h).unwrap();
            assert_eq!(c.len(), 1);
            assert!(c[0].is_scheme("bearer"));
            assert_eq!(c[0].param("realm"), Some("example"));
            if case["id"] == "rfc6750-3-challenge-expired" {
                assert_eq!(c[0].param("error"), Some("invalid_token"));
                assert_eq!(
                    c[0].param("error_description"),
                    Some("The access token expired")
                );
            }
            n += 1;
        }
        assert_eq!(n, 2);
    }

    #[test]
    fn malformed() {
        let cases: &[(&str, &str)] = &[
            (
                r#"Basic realm="unterminated"#,
                "unterminated quoted string at offset 12",
            ),
            (r#"Basic realm="ends in \"#, "unterminated quoted string"),
            ("Basic realm=\"a\u{1}b\"", "control character"),
            ("Basic realm=\"a\nb\"", "control character"),
            (r#"realm="x""#, "auth-param without an auth-scheme"),
            (
                r#"Basic realm="x", Negotiate abc==, realm=y"#,
                "auth-param without an auth-scheme",
            ),
            ("Basic a=b, realm=", "expected a token or a quoted string"),
            ("Basic a=b, realm=@", "expected a token or a quoted string"),
            (
                r#"Basic realm "x""#,
                "expected '=' after an auth-param name",
            ),
            (
                r#"Basic realm="a" charset="b""#,
                "expected ',' after an auth-param",
            ),
            (r#"Basic realm="a", REALM="b""#, "repeated auth-param name"),
            ("Basic\"x\"", "expected a space after the auth-scheme"),
            ("@Basic", "expected an auth-scheme"),
            ("Basic =x", "expected an auth-param name"),
            // without a space the scheme ends its challenge: the parameter has no scheme
            (r#"Basic, realm="foo""#, "auth-param without an auth-scheme"),
            (
                r#"Basic,, realm="foo""#,
                "auth-param without an auth-scheme",
            ),
            // after empty elements only auth-params follow, never a token68
            ("Basic , abc==", "expected a token or a quoted string"),
            ("Basic , realm=", "expected a token or a quoted string"),
        ];
        for (input, what) in cases {
            let e = parse(input).unwrap_err();
            assert_eq!(e.code(), Some(Code::MalformedHeader), "{input:?}");
            assert!(e.message.contains(what), "{input:?}: {}", e.message);
            assert!(e.message.starts_with("WWW-Authenticate: "));
        }
    }

    #[test]
    fn lenient_keeps_completed_challenges() {
        let (c, bad) = parse_lenient([
            r#"Basic realm="a", Bearer realm="b", error="unterminated"#,
            "Negotiate",
        ]);
        assert!(bad);
        assert_eq!(
            c,
            vec![
                ch("Basic", &[("realm", "a")], None),
                ch("Negotiate", &[], None)
            ]
        );
        let (c, bad) = parse_lenient(["Basic", "Bearer realm=x"]);
        assert!(!bad);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn one_mebibyte_is_linear() {
        // Many parameters, one huge quoted value, a huge token68, many empty elements.
        let mut params = String::from("Custom ");
        for i in 0..60_000 {
            if i > 0 {
                params.push_str(", ");
            }
            params.push('p');
            params.push_str(&decimal(i));
            params.push_str("=v");
        }
        let t = std::time::Instant::now();
        let c = parse(&params).unwrap();
        assert_eq!(c[0].params.len(), 60_000);
        let quoted = std::format!("Basic realm=\"{}\"", "a\\\"".repeat(350_000));
        assert_eq!(
            parse(&quoted).unwrap()[0].param("realm").unwrap().len(),
            700_000
        );
        let t68 = std::format!("Negotiate {}==", "A".repeat(1 << 20));
        assert_eq!(
            parse(&t68).unwrap()[0].token68.as_ref().unwrap().len(),
            (1 << 20) + 2
        );
        assert!(parse(&",".repeat(1 << 20)).unwrap().is_empty());
        let unterminated = std::format!("Basic realm=\"{}", "x".repeat(1 << 20));
        assert!(parse(&unterminated).is_err());
        let many = "Basic, ".repeat(150_000);
        assert_eq!(parse(&many).unwrap().len(), 150_000);
        assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    const TOKEN: &str = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,10}";

    /// A parameter value: printable ASCII, tab, and some non-ASCII.
    fn value() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                8 => (0x20u8..0x7f).prop_map(char::from),
                1 => Just('\t'),
                1 => prop::sample::select(vec!['é', '€', '日', '"', '\\', ',']),
            ],
            0..12,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    #[derive(Clone, Debug)]
    enum Body {
        None,
        Token68(String),
        /// (name as sent, value, send unquoted if it is a token)
        Params(Vec<(String, String, bool)>),
    }

    fn challenge() -> impl Strategy<Value = (String, Body)> {
        let body = prop_oneof![
            Just(Body::None),
            "[A-Za-z0-9._~+/-]{1,16}={0,2}".prop_map(Body::Token68),
            prop::collection::vec((TOKEN, value(), any::<bool>()), 1..5).prop_map(|ps| {
                // names are case-insensitive: keep the first of each
                let mut seen = BTreeMap::new();
                Body::Params(
                    ps.into_iter()
                        .filter(|(n, _, _)| seen.insert(n.to_ascii_lowercase(), ()).is_none())
                        .collect(),
                )
            }),
        ];
        (TOKEN, body)
    }

    fn quote(v: &str, escape_all: bool) -> String {
        let mut s = String::from("\"");
        for c in v.chars() {
            if c == '"' || c == '\\' || (escape_all && c.is_ascii_graphic()) {
                s.push('\\');
            }
            s.push(c);
        }
        s.push('"');
        s
    }

    fn render(cs: &[(String, Body)], sep: &str, escape_all: bool) -> String {
        render_with(cs, sep, escape_all, false)
    }

    /// `lead`: empty list elements (`, ,`) before the first auth-param (RFC 9110 §5.6.1).
    fn render_with(cs: &[(String, Body)], sep: &str, escape_all: bool, lead: bool) -> String {
        let mut out = String::new();
        for (i, (scheme, body)) in cs.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(scheme);
            match body {
                Body::None => {}
                Body::Token68(t) => {
                    out.push(' ');
                    out.push_str(t);
                }
                Body::Params(ps) => {
                    out.push(' ');
                    if lead {
                        out.push_str(", ,\t");
                    }
                    for (j, (n, v, bare)) in ps.iter().enumerate() {
                        if j > 0 {
                            out.push_str(sep);
                        }
                        out.push_str(n);
                        out.push('=');
                        if *bare && !v.is_empty() && v.bytes().all(is_tchar) {
                            out.push_str(v);
                        } else {
                            out.push_str(&quote(v, escape_all));
                        }
                    }
                }
            }
        }
        out
    }

    fn expected(cs: &[(String, Body)]) -> Vec<Challenge> {
        cs.iter()
            .map(|(scheme, body)| Challenge {
                scheme: scheme.clone(),
                params: match body {
                    Body::Params(ps) => ps
                        .iter()
                        .map(|(n, v, _)| (n.to_ascii_lowercase(), v.clone()))
                        .collect(),
                    _ => Vec::new(),
                },
                token68: match body {
                    Body::Token68(t) => Some(t.clone()),
                    _ => None,
                },
            })
            .collect()
    }

    proptest! {
        #[test]
        fn round_trip(
            cs in prop::collection::vec(challenge(), 0..5),
            sep in prop::sample::select(vec![", ", ",", " , ", ",\t,  ", " ,, "]),
            escape_all in any::<bool>(),
        ) {
            let header = render(&cs, sep, escape_all);
            prop_assert_eq!(parse(&header).unwrap(), expected(&cs), "{:?}", header);
            let led = render_with(&cs, sep, escape_all, true);
            prop_assert_eq!(parse(&led).unwrap(), expected(&cs), "{:?}", led);
            // split over repeated header lines
            let lines: Vec<String> = cs.iter().map(|c| render(core::slice::from_ref(c), sep, escape_all)).collect();
            let (all, bad) = parse_lenient(lines.iter().map(String::as_str));
            prop_assert!(!bad);
            prop_assert_eq!(all, expected(&cs));
        }

        #[test]
        fn never_panics(s in ".{0,200}", b in prop::collection::vec(prop::sample::select(
            vec!["Basic", " ", ",", "=", "\"", "\\", "realm", "abc==", "\t", "é", "\u{1}"]), 0..40)) {
            let joined: String = b.concat();
            for input in [s.as_str(), joined.as_str()] {
                if let Ok(cs) = parse(input) {
                    // whatever parses, parses the same way again once rendered
                    let again: Vec<(String, Body)> = cs.iter().map(|c| (c.scheme.clone(), match (&c.token68, c.params.is_empty()) {
                        (Some(t), _) => Body::Token68(t.clone()),
                        (None, true) => Body::None,
                        (None, false) => Body::Params(c.params.iter().map(|(n, v)| (n.clone(), v.clone(), false)).collect()),
                    })).collect();
                    prop_assert_eq!(parse(&render(&again, ", ", false)).unwrap(), cs);
                } else {
                    let e = parse(input).unwrap_err();
                    prop_assert_eq!(e.code(), Some(Code::MalformedHeader));
                }
                let _ = parse_lenient([input]);
            }
        }
    }
}
