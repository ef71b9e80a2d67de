#![forbid(unsafe_code)]
//! Webhook signatures: sign and verify the common HMAC-SHA256 schemes over the raw body.
//!
//! | scheme | signature header | signed content | secret (string form) |
//! |---|---|---|---|
//! | `mes` | `x-mes-signature: <hex>` | body | UTF-8 |
//! | `github` | `X-Hub-Signature-256: sha256=<hex>` | body | UTF-8 |
//! | `stripe` | `Stripe-Signature: t=<s>,v1=<hex>[,v1=…][,v0=…]` | `t "." body` | UTF-8 (`whsec_…` as it is) |
//! | `slack` | `X-Slack-Signature: v0=<hex>` + `X-Slack-Request-Timestamp` | `"v0:" t ":" body` | UTF-8 |
//! | `shopify` | `X-Shopify-Hmac-Sha256: <base64>` | body | UTF-8 |
//! | `standard` / `svix` | `webhook-` / `svix-` `id`, `timestamp`, `signature: v1,<b64> …` (svix: `webhook-*` when no `svix-*` header is present) | `id "." t "." body` | optional `whsec_`, then base64-decoded |
//! | custom | `<header>: <prefix><hex or base64>` | body | UTF-8 |
//!
//! A byte secret is always the raw key. Signatures are decoded and compared as bytes in
//! constant time; several secrets (rotation) are tried against every signature in the
//! header. Timestamps (seconds) are checked against `now` (milliseconds) both ways.
//! Nothing here reads a clock or a random source: both come in as arguments.
//!
//! Header values are taken without their surrounding spaces/tabs (HTTP field values do
//! not include them); anything else that differs from what the sender documents (an
//! uppercase hex digit, a space after a comma, a missing prefix) is malformed.

use alloc::string::String;
use alloc::vec::Vec;
use zeroize::Zeroizing;

use crate::crypto::{ct_eq, HmacKey, HmacStream};
use crate::encoding::{
    base64_std, base64_std_decode, base64_std_decode_lenient, decimal, hex, hex_decode,
    parse_decimal, Encoding,
};
use crate::error::{msg, Code, Error, Result};
use crate::headers::check_header_name;

/// Default freshness window, in seconds.
pub const DEFAULT_TOLERANCE_SEC: u64 = 300;
/// The largest timestamp, in seconds, whose millisecond form is a safe JS integer.
pub const MAX_TIMESTAMP_SEC: u64 = 9_007_199_254_740;
/// At most this many secrets may be tried at once (each costs one HMAC over the body).
pub const MAX_SECRETS: usize = 32;
/// The longest custom prefix.
pub const MAX_PREFIX: usize = 64;
/// The longest Standard Webhooks message id `sign` accepts.
pub const MAX_ID: usize = 256;

const MAC_LEN: usize = 32;

/// The built-in schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Mes,
    Github,
    Stripe,
    Slack,
    Shopify,
    Standard,
    Svix,
}

impl Builtin {
    pub const ALL: &'static [Builtin] = &[
        Builtin::Mes,
        Builtin::Github,
        Builtin::Stripe,
        Builtin::Slack,
        Builtin::Shopify,
        Builtin::Standard,
        Builtin::Svix,
    ];

    /// Everything about a sender, one row each. Adding a sender is a variant, its row
    /// here and its vectors; every function below reads its rules from the row.
    pub const fn spec(self) -> &'static Spec {
        use Content::*;
        use Encoding::{Base64, Hex};
        match self {
            Builtin::Mes => &Spec {
                name: "mes",
                signature_header: "x-mes-signature",
                timestamp_header: None,
                id_header: None,
                layout: Layout::Single {
                    prefix: "",
                    encoding: Hex,
                },
                content: Body,
                whsec_secret: false,
                fallback: None,
            },
            Builtin::Github => &Spec {
                name: "github",
                signature_header: "X-Hub-Signature-256",
                timestamp_header: None,
                id_header: None,
                layout: Layout::Single {
                    prefix: "sha256=",
                    encoding: Hex,
                },
                content: Body,
                whsec_secret: false,
                fallback: None,
            },
            Builtin::Stripe => &Spec {
                name: "stripe",
                signature_header: "Stripe-Signature",
                timestamp_header: None,
                id_header: None,
                layout: Layout::Stripe,
                content: TimestampDot,
                whsec_secret: false,
                fallback: None,
            },
            Builtin::Slack => &Spec {
                name: "slack",
                signature_header: "X-Slack-Signature",
                timestamp_header: Some("X-Slack-Request-Timestamp"),
                id_header: None,
                layout: Layout::Single {
                    prefix: "v0=",
                    encoding: Hex,
                },
                content: SlackV0,
                whsec_secret: false,
                fallback: None,
            },
            Builtin::Shopify => &Spec {
                name: "shopify",
                signature_header: "X-Shopify-Hmac-Sha256",
                timestamp_header: None,
                id_header: None,
                layout: Layout::Single {
                    prefix: "",
                    encoding: Base64,
                },
                content: Body,
                whsec_secret: false,
                fallback: None,
            },
            Builtin::Standard => &Spec {
                name: "standard",
                signature_header: "webhook-signature",
                timestamp_header: Some("webhook-timestamp"),
                id_header: Some("webhook-id"),
                layout: Layout::Versioned,
                content: IdTimestampDot,
                whsec_secret: true,
                fallback: None,
            },
            Builtin::Svix => &Spec {
                name: "svix",
                signature_header: "svix-signature",
                timestamp_header: Some("svix-timestamp"),
                id_header: Some("svix-id"),
                layout: Layout::Versioned,
                content: IdTimestampDot,
                whsec_secret: true,
                fallback: Some(Builtin::Standard),
            },
        }
    }

    pub fn parse(name: &str) -> Option<Builtin> {
        Builtin::ALL.iter().copied().find(|b| b.name() == name)
    }

    pub const fn name(self) -> &'static str {
        self.spec().name
    }

    /// `'mes', 'github', …`: the names for an error message.
    pub fn names() -> String {
        let mut out = String::new();
        for (i, b) in Builtin::ALL.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push('\'');
            out.push_str(b.name());
            out.push('\'');
        }
        out
    }
}

/// How a built-in sender lays out its signature header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One MAC: `prefix` + the MAC as lowercase hex or padded base64.
    Single {
        prefix: &'static str,
        encoding: Encoding,
    },
    /// Stripe: `t=<seconds>,v1=<hex>[,v1=…]`; the timestamp is in the signature header.
    Stripe,
    /// Standard Webhooks: space-separated `v1,<base64>` entries.
    Versioned,
}

/// What a sender signs: a prefix, then the raw body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// The body alone.
    Body,
    /// `<timestamp>.` + body (Stripe).
    TimestampDot,
    /// `v0:<timestamp>:` + body (Slack).
    SlackV0,
    /// `<id>.<timestamp>.` + body (Standard Webhooks, Svix).
    IdTimestampDot,
}

/// One built-in sender's rules (a row of [`Builtin::spec`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Spec {
    pub name: &'static str,
    /// The signature header, as the sender documents its name.
    pub signature_header: &'static str,
    /// A separate timestamp header.
    pub timestamp_header: Option<&'static str>,
    /// The message-id header.
    pub id_header: Option<&'static str>,
    pub layout: Layout,
    pub content: Content,
    /// A string secret is `whsec_` + base64 and is decoded.
    pub whsec_secret: bool,
    /// Another sender's header names, read when none of this sender's headers is
    /// present (Svix's libraries accept the unbranded Standard Webhooks names); the two
    /// families are never mixed in one request.
    pub fallback: Option<Builtin>,
}

impl Spec {
    /// The headers this sender's verification reads.
    fn headers(&self) -> impl Iterator<Item = &'static str> {
        [
            Some(self.signature_header),
            self.timestamp_header,
            self.id_header,
        ]
        .into_iter()
        .flatten()
    }
}

/// A custom HMAC-SHA256 scheme: `header: prefix + encode(HMAC(secret, body))`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Custom {
    header: String,
    encoding: Encoding,
    prefix: String,
}

impl Custom {
    /// Checks and builds a custom scheme. `encoding` is hex (either letter case is
    /// accepted when verifying) or padded standard base64; the prefix is printable ASCII
    /// (spaces allowed, not first), at most 64 characters.
    pub fn new(header: &str, encoding: Encoding, prefix: &str) -> Result<Custom> {
        check_header_name(header, "scheme.header")?;
        if encoding == Encoding::Base64Url {
            return Err(Error::range(
                "scheme.encoding must be one of 'hex', 'base64'",
            ));
        }
        let printable = prefix.bytes().all(|b| (0x20..=0x7e).contains(&b));
        if !printable || prefix.len() > MAX_PREFIX || prefix.starts_with(' ') {
            return Err(Error::range(
                "scheme.prefix must be at most 64 printable ASCII characters, not starting with a space",
            ));
        }
        Ok(Custom {
            header: String::from(header),
            encoding,
            prefix: String::from(prefix),
        })
    }
}

/// A scheme: built-in or custom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scheme {
    Builtin(Builtin),
    Custom(Custom),
}

impl Scheme {
    /// The name in results: the built-in name, or `"custom"`.
    pub fn name(&self) -> &'static str {
        match self {
            Scheme::Builtin(b) => b.name(),
            Scheme::Custom(_) => "custom",
        }
    }

    fn builtin(&self) -> Option<Builtin> {
        match self {
            Scheme::Builtin(b) => Some(*b),
            Scheme::Custom(_) => None,
        }
    }

    /// The signature header, as the sender documents its name.
    pub fn signature_header(&self) -> &str {
        match self {
            Scheme::Builtin(b) => b.spec().signature_header,
            Scheme::Custom(c) => &c.header,
        }
    }

    /// The separate timestamp header (Slack, Standard Webhooks, Svix).
    pub fn timestamp_header(&self) -> Option<&'static str> {
        self.builtin()?.spec().timestamp_header
    }

    /// The message-id header (Standard Webhooks, Svix).
    pub fn id_header(&self) -> Option<&'static str> {
        self.builtin()?.spec().id_header
    }

    fn content(&self) -> Content {
        self.builtin().map_or(Content::Body, |b| b.spec().content)
    }

    /// Whether the scheme signs a timestamp (and so `sign` needs one).
    pub fn has_timestamp(&self) -> bool {
        self.content() != Content::Body
    }

    /// Whether a string secret is `whsec_` + base64 and is decoded.
    pub fn decodes_secret(&self) -> bool {
        self.builtin().is_some_and(|b| b.spec().whsec_secret)
    }

    /// What comes before the body in the signed content.
    fn content_prefix(&self, id: Option<&str>, ts: Option<&str>) -> Vec<u8> {
        let ts = ts.unwrap_or_default().as_bytes();
        let id = id.unwrap_or_default().as_bytes();
        let parts: [&[u8]; 5] = match self.content() {
            Content::Body => [b"", b"", b"", b"", b""],
            Content::TimestampDot => [ts, b".", b"", b"", b""],
            Content::SlackV0 => [b"v0:", ts, b":", b"", b""],
            Content::IdTimestampDot => [id, b".", ts, b".", b""],
        };
        parts.concat()
    }

    /// The fallback family a request is read with instead of the scheme's own header
    /// names: only when the row has one and none of the scheme's own headers is present.
    fn fallback_for<N: AsRef<str>, V>(&self, headers: &[(N, V)]) -> Option<Scheme> {
        let spec = self.builtin()?.spec();
        let alt = spec.fallback?;
        let own = |n: &str| spec.headers().any(|h| n.eq_ignore_ascii_case(h));
        (!headers.iter().any(|(n, _)| own(n.as_ref()))).then_some(Scheme::Builtin(alt))
    }
}

/// A secret as given: a string (decoded for Standard Webhooks/Svix, else its UTF-8
/// bytes) or raw key bytes.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    Text(&'a str),
    Raw(&'a [u8]),
}

impl core::fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

fn empty_secret() -> Error {
    Error::auth(Code::EmptySecret, "secret must not be empty")
}

/// The HMAC key bytes of `secret` for `scheme`.
pub fn key_bytes(scheme: &Scheme, secret: Secret<'_>) -> Result<Zeroizing<Vec<u8>>> {
    let key = match secret {
        Secret::Raw(b) => Zeroizing::new(b.to_vec()),
        Secret::Text(s) if scheme.decodes_secret() => {
            let b64 = s.strip_prefix("whsec_").unwrap_or(s);
            if b64.is_empty() {
                return Err(empty_secret());
            }
            Zeroizing::new(base64_std_decode_lenient(b64).ok_or_else(|| {
                Error::auth(
                    Code::InvalidSecret,
                    msg(&[
                        "a ",
                        scheme.name(),
                        " secret must be 'whsec_' followed by base64 (or the base64 alone)",
                    ]),
                )
            })?)
        }
        Secret::Text(s) => Zeroizing::new(s.as_bytes().to_vec()),
    };
    if key.is_empty() {
        return Err(empty_secret());
    }
    Ok(key)
}

fn keys(scheme: &Scheme, secrets: &[Secret<'_>]) -> Result<Vec<HmacKey>> {
    if secrets.is_empty() {
        return Err(Error::auth(
            Code::EmptySecret,
            "at least one secret is needed",
        ));
    }
    if secrets.len() > MAX_SECRETS {
        return Err(Error::range("at most 32 secrets can be tried at once"));
    }
    secrets
        .iter()
        .map(|s| key_bytes(scheme, *s).map(|k| HmacKey::new(&k)))
        .collect()
}

/// Finds the single value of header `name` (ASCII case-insensitive) in `pairs`.
/// Absent or empty (after trimming spaces and tabs) is `ERR_MISSING_HEADER`; two or
/// more values is `ERR_DUPLICATE_HEADER`.
pub fn header_value<'a, N, V>(pairs: &'a [(N, V)], name: &str) -> Result<&'a str>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    let mut found: Option<&'a str> = None;
    for (n, v) in pairs {
        if n.as_ref().eq_ignore_ascii_case(name) {
            if found.is_some() {
                return Err(Error::auth(
                    Code::DuplicateHeader,
                    msg(&["header ", name, " appears more than once"]),
                ));
            }
            found = Some(v.as_ref().trim_matches([' ', '\t']));
        }
    }
    match found {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::auth(
            Code::MissingHeader,
            msg(&["missing header ", name]),
        )),
    }
}

fn parse_timestamp(text: &str, header: &str) -> Result<u64> {
    parse_decimal(text, MAX_TIMESTAMP_SEC).ok_or_else(|| {
        Error::auth(
            Code::MalformedTimestamp,
            msg(&[
                header,
                " must be a timestamp in seconds (decimal digits, no sign or leading zero)",
            ]),
        )
    })
}

fn malformed(scheme: &Scheme, what: &str) -> Error {
    Error::auth(
        Code::MalformedSignature,
        msg(&[scheme.signature_header(), " ", what]),
    )
}

fn mac_from(bytes: Option<Vec<u8>>) -> Option<[u8; MAC_LEN]> {
    let b = bytes?;
    let mut mac = [0u8; MAC_LEN];
    if b.len() != MAC_LEN {
        return None;
    }
    mac.copy_from_slice(&b);
    Some(mac)
}

fn lower_hex_mac(text: &str) -> Option<[u8; MAC_LEN]> {
    mac_from(hex_decode(text, true))
}

/// The signatures found in the signature header, and the Stripe timestamp.
#[derive(Debug, Default)]
struct Parsed<'a> {
    macs: Vec<[u8; MAC_LEN]>,
    stripe_ts: Option<&'a str>,
}

/// Parses the signature header value of `scheme` (already trimmed, not empty).
fn parse_signature<'a>(scheme: &Scheme, value: &'a str) -> Result<Parsed<'a>> {
    let single = |mac: Option<[u8; MAC_LEN]>, what: &str| -> Result<Parsed<'a>> {
        let mac = mac.ok_or_else(|| malformed(scheme, what))?;
        Ok(Parsed {
            macs: alloc::vec![mac],
            stripe_ts: None,
        })
    };
    let prefixed = |prefix: &str| -> Result<&'a str> {
        value
            .strip_prefix(prefix)
            .ok_or_else(|| malformed(scheme, &msg(&["must start with '", prefix, "'"])))
    };
    const HEX64: &str = "must hold 64 lowercase hex digits";
    match scheme {
        Scheme::Custom(c) => {
            let rest = prefixed(&c.prefix)?;
            let mac = match c.encoding {
                Encoding::Hex => mac_from(hex_decode(rest, false)),
                _ => mac_from(base64_std_decode(rest)),
            };
            single(
                mac,
                match c.encoding {
                    Encoding::Hex => "must hold 64 hex digits after the prefix",
                    _ => "must hold the padded base64 of 32 bytes after the prefix",
                },
            )
        }
        Scheme::Builtin(b) => match b.spec().layout {
            Layout::Single {
                prefix,
                encoding: Encoding::Hex,
            } => single(lower_hex_mac(prefixed(prefix)?), HEX64),
            Layout::Single { prefix, .. } => single(
                mac_from(base64_std_decode(prefixed(prefix)?)),
                "must be the padded base64 of 32 bytes",
            ),
            Layout::Stripe => parse_stripe(scheme, value),
            Layout::Versioned => parse_standard(scheme, value),
        },
    }
}

/// `t=<s>,v1=<hex>[,v1=…][,v0=…][,<other>=…]`: keys are lowercase letters and digits;
/// `t` exactly once; `v1` entries are candidates; other keys are skipped.
fn parse_stripe<'a>(scheme: &Scheme, value: &'a str) -> Result<Parsed<'a>> {
    let mut out = Parsed::default();
    let mut v1_seen = false;
    for item in value.split(',') {
        let (key, val) = item
            .split_once('=')
            .filter(|(k, _)| {
                !k.is_empty()
                    && k.bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            .ok_or_else(|| {
                malformed(
                    scheme,
                    "must be a comma-separated list of key=value items (no spaces)",
                )
            })?;
        match key {
            "t" if out.stripe_ts.is_some() => {
                return Err(malformed(scheme, "has more than one t= timestamp"));
            }
            "t" => out.stripe_ts = Some(val),
            "v1" => {
                v1_seen = true;
                if let Some(mac) = lower_hex_mac(val) {
                    out.macs.push(mac);
                }
            }
            _ => {}
        }
    }
    if out.stripe_ts.is_none() {
        return Err(malformed(scheme, "has no t= timestamp"));
    }
    if !v1_seen {
        return Err(Error::auth(
            Code::NoSupportedSignature,
            "Stripe-Signature has no v1 signature (v0 and other schemes are not accepted)",
        ));
    }
    if out.macs.is_empty() {
        return Err(malformed(
            scheme,
            "v1 signatures must be 64 lowercase hex digits",
        ));
    }
    Ok(out)
}

/// Space-separated `version,base64` entries; `v1` entries are candidates, other
/// versions (`v1a`, …) are skipped.
fn parse_standard<'a>(scheme: &Scheme, value: &'a str) -> Result<Parsed<'a>> {
    let mut out = Parsed::default();
    let mut v1_seen = false;
    let mut other_seen = false;
    for entry in value.split(' ').filter(|e| !e.is_empty()) {
        match entry.split_once(',') {
            Some(("v1", sig)) => {
                v1_seen = true;
                if let Some(mac) = mac_from(base64_std_decode(sig)) {
                    out.macs.push(mac);
                }
            }
            Some((v, _)) if !v.is_empty() && v.bytes().all(|c| c.is_ascii_alphanumeric()) => {
                other_seen = true;
            }
            _ => {}
        }
    }
    if !out.macs.is_empty() {
        return Ok(out);
    }
    if !v1_seen && other_seen {
        return Err(Error::auth(
            Code::NoSupportedSignature,
            msg(&[
                scheme.signature_header(),
                " has no v1 (HMAC-SHA256) signature; other versions are not supported",
            ]),
        ));
    }
    Err(malformed(
        scheme,
        "must hold space-separated 'v1,<base64 of 32 bytes>' entries",
    ))
}

/// What a successful verification tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub scheme: &'static str,
    /// Seconds, as sent (schemes with a timestamp).
    pub timestamp: Option<u64>,
    /// The message id (Standard Webhooks, Svix).
    pub id: Option<String>,
}

/// A verification over a body given in chunks: the headers and secrets are checked
/// when it is made, the body is streamed through one HMAC per secret (constant
/// memory), and `finish` compares and checks the timestamp.
pub struct Verifier {
    scheme: &'static str,
    streams: Vec<HmacStream>,
    macs: Vec<[u8; MAC_LEN]>,
    timestamp: Option<u64>,
    id: Option<String>,
    now_ms: u64,
    tolerance_sec: u64,
}

impl core::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Verifier([REDACTED])")
    }
}

impl Verifier {
    /// Checks the secrets and reads the headers (`(name, value)` pairs in any letter case).
    /// `now_ms` is milliseconds since the epoch; `tolerance_sec == 0` disables the
    /// timestamp window.
    pub fn new<N: AsRef<str>, V: AsRef<str>>(
        scheme: &Scheme,
        secrets: &[Secret<'_>],
        headers: &[(N, V)],
        now_ms: u64,
        tolerance_sec: u64,
    ) -> Result<Verifier> {
        let keys = keys(scheme, secrets)?;
        let fallback = scheme.fallback_for(headers);
        let named = fallback.as_ref().unwrap_or(scheme);
        let sig_value = header_value(headers, named.signature_header())?;
        let id = match named.id_header() {
            Some(h) => Some(header_value(headers, h)?),
            None => None,
        };
        let ts_header = named.timestamp_header();
        let ts_text = match ts_header {
            Some(h) => Some(header_value(headers, h)?),
            None => None,
        };
        let parsed = parse_signature(named, sig_value)?;
        let (ts_text, ts_name) = match (ts_text, ts_header, parsed.stripe_ts) {
            (Some(t), Some(h), _) => (Some(t), h),
            (None, _, Some(t)) => (Some(t), "the Stripe-Signature t= value"),
            _ => (None, ""),
        };
        let timestamp = ts_text.map(|t| parse_timestamp(t, ts_name)).transpose()?;
        let prefix = scheme.content_prefix(id, ts_text);
        let streams = keys
            .iter()
            .map(|k| {
                let mut s = k.stream();
                s.update(&prefix);
                s
            })
            .collect();
        Ok(Verifier {
            scheme: scheme.name(),
            streams,
            macs: parsed.macs,
            timestamp,
            id: id.map(String::from),
            now_ms,
            tolerance_sec,
        })
    }

    /// Adds a chunk of the raw body.
    pub fn update(&mut self, chunk: &[u8]) {
        for s in &mut self.streams {
            s.update(chunk);
        }
    }

    /// Compares every secret's MAC with every signature in constant time (all pairs are
    /// compared, whatever matches), then checks the timestamp window.
    pub fn finish(self) -> Result<Verified> {
        self.finish_keyed().map(|(v, _)| v)
    }

    /// [`finish`](Self::finish), and the delivery's replay key: the signed message id
    /// (Standard Webhooks, Svix), else the base64url MAC of the signed content under the
    /// first secret, which the sender cannot vary without re-signing (it is the same for
    /// every copy of a delivery, whichever of its signatures matched).
    pub fn finish_keyed(self) -> Result<(Verified, String)> {
        let mut matched = false;
        let mut first: Option<Zeroizing<[u8; MAC_LEN]>> = None;
        for s in self.streams {
            let mac = Zeroizing::new(s.finalize());
            for candidate in &self.macs {
                matched |= ct_eq(mac.as_slice(), candidate);
            }
            if first.is_none() {
                first = Some(mac);
            }
        }
        if !matched {
            return Err(Error::auth(
                Code::SignatureMismatch,
                "no signature matches the payload and secret",
            ));
        }
        if let Some(ts) = self.timestamp {
            crate::tedee::check_window(
                ts.saturating_mul(1000),
                self.now_ms,
                self.tolerance_sec.saturating_mul(1000),
            )?;
        }
        let key = match (&self.id, &first) {
            (Some(id), _) => id.clone(),
            (None, Some(mac)) => crate::encoding::base64_url(mac.as_slice()),
            (None, None) => String::new(),
        };
        Ok((
            Verified {
                scheme: self.scheme,
                timestamp: self.timestamp,
                id: self.id,
            },
            key,
        ))
    }

    /// [`finish_keyed`](Self::finish_keyed), then records the delivery in `guard`: its
    /// signed timestamp (or, without one, `now`) and replay key; a delivery seen before
    /// within the window is `ERR_REPLAY`.
    pub fn finish_guarded(
        self,
        guard: &mut crate::replay::ReplayGuard,
    ) -> Result<(Verified, String)> {
        let now = self.now_ms;
        let (v, key) = self.finish_keyed()?;
        guard.check(
            key.as_bytes(),
            v.timestamp.map(|t| t.saturating_mul(1000)),
            now,
        )?;
        Ok((v, key))
    }
}

/// Verifies `body` in one call.
pub fn verify<N: AsRef<str>, V: AsRef<str>>(
    scheme: &Scheme,
    secrets: &[Secret<'_>],
    headers: &[(N, V)],
    body: &[u8],
    now_ms: u64,
    tolerance_sec: u64,
) -> Result<Verified> {
    let mut v = Verifier::new(scheme, secrets, headers, now_ms, tolerance_sec)?;
    v.update(body);
    v.finish()
}

/// Checks a message id given to `sign`: 1 to 256 visible ASCII characters.
pub fn check_id(id: &str) -> Result<()> {
    if id.is_empty() || id.len() > MAX_ID || !id.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(Error::range("id must be 1 to 256 visible ASCII characters"));
    }
    Ok(())
}

/// Signs a body given in chunks; `finish` gives the headers a sender attaches.
pub struct Signer {
    scheme: Scheme,
    stream: HmacStream,
    id: Option<String>,
    ts: Option<String>,
}

impl core::fmt::Debug for Signer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Signer([REDACTED])")
    }
}

impl Signer {
    /// `timestamp_sec` is used by the schemes that sign one (Stripe, Slack, Standard
    /// Webhooks, Svix); `id` by Standard Webhooks and Svix, where it is required.
    pub fn new(
        scheme: &Scheme,
        secret: Secret<'_>,
        timestamp_sec: u64,
        id: Option<&str>,
    ) -> Result<Signer> {
        let key = HmacKey::new(&key_bytes(scheme, secret)?);
        let ts = if scheme.has_timestamp() {
            if timestamp_sec > MAX_TIMESTAMP_SEC {
                return Err(Error::range(
                    "timestamp (seconds) must be at most 9007199254740",
                ));
            }
            Some(decimal(timestamp_sec))
        } else {
            None
        };
        let id = match (scheme.id_header(), id) {
            (Some(_), Some(i)) => {
                check_id(i)?;
                Some(String::from(i))
            }
            (Some(_), None) => return Err(Error::type_error("id is required for this scheme")),
            (None, _) => None,
        };
        let mut stream = key.stream();
        stream.update(&scheme.content_prefix(id.as_deref(), ts.as_deref()));
        Ok(Signer {
            scheme: scheme.clone(),
            stream,
            id,
            ts,
        })
    }

    pub fn update(&mut self, chunk: &[u8]) {
        self.stream.update(chunk);
    }

    /// The headers, as `(name, value)` pairs in the sender's documented letter case.
    pub fn finish(self) -> Vec<(String, String)> {
        let mac = Zeroizing::new(self.stream.finalize());
        let ts = self.ts.unwrap_or_default();
        let sig = match &self.scheme {
            Scheme::Custom(c) => msg(&[&c.prefix, &c.encoding.encode(mac.as_slice())]),
            Scheme::Builtin(b) => match b.spec().layout {
                Layout::Single { prefix, encoding } => {
                    msg(&[prefix, &encoding.encode(mac.as_slice())])
                }
                Layout::Stripe => msg(&["t=", &ts, ",v1=", &hex(mac.as_slice())]),
                Layout::Versioned => msg(&["v1,", &base64_std(mac.as_slice())]),
            },
        };
        let mut out = Vec::with_capacity(3);
        if let (Some(h), Some(id)) = (self.scheme.id_header(), self.id) {
            out.push((String::from(h), id));
        }
        if let Some(h) = self.scheme.timestamp_header() {
            out.push((String::from(h), ts));
        }
        out.push((String::from(self.scheme.signature_header()), sig));
        out
    }
}

/// Signs `body` in one call.
pub fn sign(
    scheme: &Scheme,
    secret: Secret<'_>,
    body: &[u8],
    timestamp_sec: u64,
    id: Option<&str>,
) -> Result<Vec<(String, String)>> {
    let mut s = Signer::new(scheme, secret, timestamp_sec, id)?;
    s.update(body);
    Ok(s.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;
    use serde_json::Value;

    fn shared() -> Value {
        crate::test_vectors("webhooks.json")
    }

    fn more() -> Value {
        crate::test_vectors("webhooks_more.json")
    }

    fn b(name: Builtin) -> Scheme {
        Scheme::Builtin(name)
    }

    fn code<T: core::fmt::Debug>(r: Result<T>) -> Code {
        r.unwrap_err().code().expect("an AuthsmithError code")
    }

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    const SECS: u64 = 1000;

    #[test]
    fn shared_vectors() {
        let v = shared();
        let cases = v["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 8);
        for c in cases {
            let id = c["id"].as_str().unwrap();
            let secret = c["secret"].as_str().unwrap();
            let payload = c["payload"].as_str().unwrap().as_bytes();
            let valid = c["valid"].as_bool().unwrap();
            let r = if c["scheme"] == "github_x_hub_signature_256" {
                let hv = c["expected_header"]["X-Hub-Signature-256"]
                    .as_str()
                    .unwrap();
                let signed =
                    sign(&b(Builtin::Github), Secret::Text(secret), payload, 0, None).unwrap();
                assert_eq!(signed, h(&[("X-Hub-Signature-256", hv)]), "{id}");
                verify(
                    &b(Builtin::Github),
                    &[Secret::Text(secret)],
                    &h(&[("x-hub-signature-256", hv)]),
                    payload,
                    0,
                    DEFAULT_TOLERANCE_SEC,
                )
            } else {
                let msg_id = c["msg_id"].as_str().unwrap();
                let ts = c["timestamp"].as_u64().unwrap();
                let sig = c["expected_signature"]
                    .as_str()
                    .or(c["signature_header"].as_str())
                    .unwrap();
                if let Some(expected) = c["expected_signature"].as_str() {
                    for scheme in [Builtin::Standard, Builtin::Svix] {
                        let out = sign(&b(scheme), Secret::Text(secret), payload, ts, Some(msg_id))
                            .unwrap();
                        assert_eq!(out.last().unwrap().1, expected, "{id}");
                        assert_eq!(out.first().unwrap().1, msg_id);
                    }
                }
                if let Some(key_hex) = c["secret_key_hex"].as_str() {
                    let key = hex_decode(key_hex, true).unwrap();
                    assert_eq!(
                        *key_bytes(&b(Builtin::Standard), Secret::Text(secret)).unwrap(),
                        key
                    );
                }
                let ts_s = ts.to_string();
                verify(
                    &b(Builtin::Standard),
                    &[Secret::Text(secret)],
                    &h(&[
                        ("Webhook-Id", msg_id),
                        ("Webhook-Timestamp", &ts_s),
                        ("Webhook-Signature", sig),
                    ]),
                    payload,
                    ts * SECS,
                    DEFAULT_TOLERANCE_SEC,
                )
            };
            if valid {
                r.unwrap_or_else(|e| panic!("{id}: {e:?}"));
            } else {
                assert_eq!(code(r), Code::SignatureMismatch, "{id}");
            }
        }
    }

    /// Every case of tests/vectors/webhooks_more.json, by its own fields.
    #[test]
    fn more_vectors() {
        let v = more();
        let cases = v["cases"].as_array().unwrap();
        assert!(cases.len() >= 12);
        for c in cases {
            let id = c["id"].as_str().unwrap();
            assert!(c["source"].as_str().is_some_and(|s| !s.is_empty()), "{id}");
            let scheme = b(Builtin::parse(c["scheme"].as_str().unwrap()).unwrap());
            let secret = c["secret"].as_str().unwrap();
            let payload = c["payload"].as_str().unwrap().as_bytes();
            let headers: Vec<(String, String)> = c["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect();
            let now = c["now"].as_u64().unwrap_or(0) * SECS;
            let r = verify(
                &scheme,
                &[Secret::Text(secret)],
                &headers,
                payload,
                now,
                DEFAULT_TOLERANCE_SEC,
            );
            match c["expect_error"].as_str() {
                None => {
                    let got = r.unwrap_or_else(|e| panic!("{id}: {e:?}"));
                    assert_eq!(got.scheme, scheme.name());
                }
                Some(want) => assert_eq!(code(r).as_str(), want, "{id}"),
            }
            if let Some(signed) = c["signed_headers"].as_object() {
                let ts = c["timestamp"].as_u64().unwrap_or(0);
                let out = sign(
                    &scheme,
                    Secret::Text(secret),
                    payload,
                    ts,
                    c["msg_id"].as_str(),
                )
                .unwrap();
                let want: Vec<(String, String)> = signed
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect();
                let mut got = out.clone();
                got.sort();
                let mut want_sorted = want.clone();
                want_sorted.sort();
                assert_eq!(got, want_sorted, "{id}");
            }
        }
    }

    #[test]
    fn headers_lookup() {
        let pairs = h(&[("A", " x "), ("b", "1"), ("B", "2"), ("c", "  ")]);
        assert_eq!(header_value(&pairs, "a").unwrap(), "x");
        assert_eq!(code(header_value(&pairs, "b")), Code::DuplicateHeader);
        assert_eq!(code(header_value(&pairs, "c")), Code::MissingHeader);
        assert_eq!(code(header_value(&pairs, "d")), Code::MissingHeader);
    }

    #[test]
    fn secrets() {
        let std_ = b(Builtin::Standard);
        assert_eq!(code(key_bytes(&std_, Secret::Text(""))), Code::EmptySecret);
        assert_eq!(
            code(key_bytes(&std_, Secret::Text("whsec_"))),
            Code::EmptySecret
        );
        assert_eq!(
            code(key_bytes(&std_, Secret::Text("whsec_not base64!"))),
            Code::InvalidSecret
        );
        assert_eq!(
            *key_bytes(&std_, Secret::Text("whsec_AAE=")).unwrap(),
            vec![0, 1]
        );
        assert_eq!(*key_bytes(&std_, Secret::Text("AAE")).unwrap(), vec![0, 1]);
        assert_eq!(
            *key_bytes(&std_, Secret::Raw(b"whsec_AAE=")).unwrap(),
            b"whsec_AAE="
        );
        let stripe = b(Builtin::Stripe);
        assert_eq!(
            *key_bytes(&stripe, Secret::Text("whsec_AAE=")).unwrap(),
            b"whsec_AAE="
        );
        assert_eq!(
            code(key_bytes(&stripe, Secret::Raw(b""))),
            Code::EmptySecret
        );
        assert_eq!(
            code(Verifier::new(&stripe, &[], &h(&[]), 0, 0)),
            Code::EmptySecret
        );
        let many = [Secret::Text("k"); MAX_SECRETS + 1];
        assert!(matches!(
            Verifier::new(&stripe, &many, &h(&[]), 0, 0)
                .unwrap_err()
                .kind,
            crate::error::Kind::Range
        ));
    }

    fn github_header(secret: &str, body: &[u8]) -> String {
        sign(&b(Builtin::Github), Secret::Text(secret), body, 0, None)
            .unwrap()
            .remove(0)
            .1
    }

    #[test]
    fn github_negative() {
        let s = b(Builtin::Github);
        let good = github_header("k", b"body");
        let run = |v: &str| {
            verify(
                &s,
                &[Secret::Text("k")],
                &h(&[("X-Hub-Signature-256", v)]),
                b"body",
                0,
                300,
            )
        };
        assert!(run(&good).is_ok());
        assert!(
            run(&std::format!("  {good}\t")).is_ok(),
            "surrounding OWS is not part of the value"
        );
        let hexpart = &good[7..];
        let mut flipped = hexpart.as_bytes().to_vec();
        flipped[63] = if flipped[63] == b'0' { b'1' } else { b'0' };
        let flipped = std::format!("sha256={}", std::str::from_utf8(&flipped).unwrap());
        assert_eq!(code(run(&flipped)), Code::SignatureMismatch);
        assert_eq!(code(run(&good[..good.len() - 2])), Code::MalformedSignature);
        assert_eq!(code(run(hexpart)), Code::MalformedSignature);
        assert_eq!(
            code(run(&std::format!("sha1={hexpart}"))),
            Code::MalformedSignature
        );
        assert_eq!(
            code(run(&std::format!("SHA256={hexpart}"))),
            Code::MalformedSignature
        );
        assert_eq!(
            code(run(&std::format!("sha256={}", hexpart.to_uppercase()))),
            Code::MalformedSignature
        );
        assert_eq!(
            code(run(&std::format!("sha256= {hexpart}"))),
            Code::MalformedSignature
        );
        assert_eq!(code(run("sha256=zz")), Code::MalformedSignature);
        // a different secret, or a different body
        assert_eq!(
            code(verify(
                &s,
                &[Secret::Text("K")],
                &h(&[("x-hub-signature-256", &good)]),
                b"body",
                0,
                0
            )),
            Code::SignatureMismatch
        );
        assert_eq!(
            code(verify(
                &s,
                &[Secret::Text("k")],
                &h(&[("x-hub-signature-256", &good)]),
                b"body ",
                0,
                0
            )),
            Code::SignatureMismatch
        );
        // rotation: the right secret second
        assert!(verify(
            &s,
            &[Secret::Text("old"), Secret::Text("k")],
            &h(&[("x-hub-signature-256", &good)]),
            b"body",
            0,
            0
        )
        .is_ok());
        assert_eq!(
            code(verify(
                &s,
                &[Secret::Text("k")],
                &h(&[
                    ("x-hub-signature-256", &good),
                    ("X-HUB-SIGNATURE-256", &good)
                ]),
                b"body",
                0,
                0
            )),
            Code::DuplicateHeader
        );
        assert_eq!(
            code(verify(
                &s,
                &[Secret::Text("k")],
                &h(&[("x-hub-signature", &good)]),
                b"body",
                0,
                0
            )),
            Code::MissingHeader
        );
    }

    #[test]
    fn stripe_parsing_and_window() {
        let s = b(Builtin::Stripe);
        let t = 1_700_000_000u64;
        let hdr = sign(&s, Secret::Text("whsec_x"), b"{}", t, None)
            .unwrap()
            .remove(0)
            .1;
        let sig = hdr.split_once(",v1=").unwrap().1.to_string();
        let run = |v: &str, now: u64, tol: u64| {
            verify(
                &s,
                &[Secret::Text("whsec_x")],
                &h(&[("stripe-signature", v)]),
                b"{}",
                now,
                tol,
            )
        };
        let now = t * SECS;
        assert_eq!(run(&hdr, now, 300).unwrap().timestamp, Some(t));
        let zero = "0".repeat(64);
        // only the last of several v1 is valid; v0 and unknown keys skipped
        let multi = std::format!("t={t},v1={zero},v0={zero},v1={sig},x9=whatever");
        assert!(run(&multi, now, 300).is_ok());
        assert_eq!(
            code(run(&std::format!("t={t},v1={zero}"), now, 300)),
            Code::SignatureMismatch
        );
        assert_eq!(
            code(run(&std::format!("t={t},v0={sig}"), now, 300)),
            Code::NoSupportedSignature
        );
        assert_eq!(
            code(run(&std::format!("t={t}, v1={sig}"), now, 300)),
            Code::MalformedSignature
        );
        assert_eq!(
            code(run(&std::format!("v1={sig}"), now, 300)),
            Code::MalformedSignature
        );
        assert_eq!(
            code(run(&std::format!("t={t},t={t},v1={sig}"), now, 300)),
            Code::MalformedSignature
        );
        assert_eq!(
            code(run(&std::format!("t=0{t},v1={sig}"), now, 300)),
            Code::MalformedTimestamp
        );
        assert_eq!(
            code(run(&std::format!("t=,v1={sig}"), now, 300)),
            Code::MalformedTimestamp
        );
        assert_eq!(
            code(run(
                &std::format!("t={t},v1={}", sig.to_uppercase()),
                now,
                300
            )),
            Code::MalformedSignature
        );
        for bad in ["t", ",,", "t,,", "t,v1=,", "t,v1=,v0", "t,v1=,v0="] {
            assert_eq!(code(run(bad, now, 300)), Code::MalformedSignature, "{bad}");
        }
        // a signature over another timestamp does not match
        assert_eq!(
            code(run(&std::format!("t={},v1={sig}", t + 1), now, 300)),
            Code::SignatureMismatch
        );
        // window: both edges inclusive, both directions, 0 disables
        assert!(run(&hdr, now + 300 * SECS, 300).is_ok());
        assert_eq!(
            code(run(&hdr, now + 300 * SECS + 1, 300)),
            Code::TimestampTooOld
        );
        assert!(run(&hdr, now - 300 * SECS, 300).is_ok());
        assert_eq!(
            code(run(&hdr, now - 300 * SECS - 1, 300)),
            Code::TimestampTooNew
        );
        assert!(run(&hdr, 0, 0).is_ok());
        assert!(run(&hdr, u64::MAX, 0).is_ok());
        // a forged stale message is a mismatch, not "too old"
        assert_eq!(
            code(run(
                &std::format!("t={t},v1={zero}"),
                now + 10_000 * SECS,
                300
            )),
            Code::SignatureMismatch
        );
    }

    #[test]
    fn slack_and_shopify_and_mes() {
        let slack = b(Builtin::Slack);
        let out = sign(&slack, Secret::Text("s"), b"a=b", 1_531_420_618, None).unwrap();
        assert_eq!(out[0].0, "X-Slack-Request-Timestamp");
        assert_eq!(out[0].1, "1531420618");
        let sig = out[1].1.clone();
        assert!(sig.starts_with("v0=") && sig.len() == 67);
        let run = |ts: &str, sig: &str| {
            verify(
                &slack,
                &[Secret::Text("s")],
                &h(&[
                    ("x-slack-request-timestamp", ts),
                    ("x-slack-signature", sig),
                ]),
                b"a=b",
                1_531_420_618 * SECS,
                300,
            )
        };
        assert!(run("1531420618", &sig).is_ok());
        assert_eq!(code(run("1531420618", &sig[3..])), Code::MalformedSignature);
        assert_eq!(
            code(run("1531420618", &sig.replacen("v0=", "v1=", 1))),
            Code::MalformedSignature
        );
        assert_eq!(code(run("1531420618.0", &sig)), Code::MalformedTimestamp);
        assert_eq!(code(run("-1531420618", &sig)), Code::MalformedTimestamp);
        assert_eq!(code(run("1531420619", &sig)), Code::SignatureMismatch);
        assert_eq!(
            code(verify(
                &slack,
                &[Secret::Text("s")],
                &h(&[("x-slack-signature", &sig)]),
                b"a=b",
                0,
                0
            )),
            Code::MissingHeader
        );

        let shop = b(Builtin::Shopify);
        let sig = sign(&shop, Secret::Text("k"), b"{}", 0, None)
            .unwrap()
            .remove(0)
            .1;
        assert_eq!(sig.len(), 44);
        let run = |v: &str| {
            verify(
                &shop,
                &[Secret::Text("k")],
                &h(&[("X-Shopify-Hmac-SHA256", v)]),
                b"{}",
                0,
                300,
            )
        };
        assert!(run(&sig).is_ok());
        assert_eq!(
            code(run(sig.trim_end_matches('='))),
            Code::MalformedSignature
        );
        assert_eq!(
            code(run(&std::format!("sha256={sig}"))),
            Code::MalformedSignature
        );
        let hexed = hex(&base64_std_decode(&sig).unwrap());
        assert_eq!(code(run(&hexed)), Code::MalformedSignature);

        let mes = b(Builtin::Mes);
        let sig = sign(&mes, Secret::Text("k"), b"{\"a\":1}", 0, None).unwrap();
        assert_eq!(sig[0].0, "x-mes-signature");
        assert_eq!(
            sig[0].1,
            hex(&crate::crypto::hmac_sha256(b"k", b"{\"a\":1}"))
        );
        let run = |body: &[u8], v: &str| {
            verify(
                &mes,
                &[Secret::Text("k")],
                &h(&[("X-MES-Signature", v)]),
                body,
                0,
                300,
            )
        };
        assert!(run(b"{\"a\":1}", &sig[0].1).is_ok());
        assert_eq!(
            code(run(b"{\"a\": 1}", &sig[0].1)),
            Code::SignatureMismatch,
            "re-serialised JSON"
        );
        assert_eq!(
            code(run(b"{\"a\":1}", &sig[0].1.to_uppercase())),
            Code::MalformedSignature
        );
    }

    #[test]
    fn standard_entries() {
        let s = b(Builtin::Standard);
        let key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let out = sign(&s, Secret::Text(key), b"x", 1_614_265_330, Some("msg_1")).unwrap();
        let sig = out[2].1.clone();
        let run = |v: &str| {
            verify(
                &s,
                &[Secret::Text(key)],
                &h(&[
                    ("webhook-id", "msg_1"),
                    ("webhook-timestamp", "1614265330"),
                    ("webhook-signature", v),
                ]),
                b"x",
                1_614_265_330 * SECS,
                300,
            )
        };
        let got = run(&sig).unwrap();
        assert_eq!(got.id.as_deref(), Some("msg_1"));
        assert_eq!(got.timestamp, Some(1_614_265_330));
        assert!(
            run(&std::format!("v1a,AAAA  {sig}")).is_ok(),
            "other versions skipped, repeated spaces too"
        );
        assert_eq!(code(run("v1a,AAAA v2,BBBB")), Code::NoSupportedSignature);
        assert_eq!(
            code(run(&sig.replacen("v1,", "v1=", 1))),
            Code::MalformedSignature
        );
        assert_eq!(code(run(&sig[3..])), Code::MalformedSignature);
        assert_eq!(code(run(&sig[..sig.len() - 1])), Code::MalformedSignature);
        assert_eq!(
            code(run(&sig.replacen("v1,", "V1,", 1))),
            Code::NoSupportedSignature
        );
        // svix names
        let sv = b(Builtin::Svix);
        let out = sign(&sv, Secret::Text(key), b"x", 1_614_265_330, Some("msg_1")).unwrap();
        assert_eq!(
            out.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["svix-id", "svix-timestamp", "svix-signature"]
        );
        assert_eq!(out[2].1, sig, "same scheme as standard");
        // svix accepts the unbranded webhook-* family when no svix-* header is present
        assert_eq!(
            verify(
                &sv,
                &[Secret::Text(key)],
                &h(&[
                    ("webhook-id", "msg_1"),
                    ("webhook-timestamp", "1614265330"),
                    ("webhook-signature", &sig)
                ]),
                b"x",
                0,
                0
            )
            .unwrap()
            .scheme,
            "svix"
        );
        assert_eq!(
            Signer::new(&s, Secret::Text(key), 1, None)
                .unwrap_err()
                .kind,
            crate::error::Kind::Type
        );
        assert!(check_id("msg 1").is_err());
        assert!(check_id("").is_err());
    }

    #[test]
    fn svix_header_families_are_never_mixed() {
        let sv = b(Builtin::Svix);
        let key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let ts = 1_614_265_330;
        let signed = sign(&sv, Secret::Text(key), b"x", ts, Some("msg_1")).unwrap();
        let sig = signed[2].1.as_str();
        let now = ts * SECS;
        let run =
            |pairs: &[(&str, &str)]| verify(&sv, &[Secret::Text(key)], &h(pairs), b"x", now, 300);
        // either family alone, in any letter case
        for family in ["svix", "webhook", "Svix", "WEBHOOK"] {
            let n = |s: &str| std::format!("{family}-{s}");
            let (i, t, g) = (n("id"), n("timestamp"), n("signature"));
            let got = run(&[(&i, "msg_1"), (&t, "1614265330"), (&g, sig)]).unwrap();
            assert_eq!(
                (got.scheme, got.id.as_deref(), got.timestamp),
                ("svix", Some("msg_1"), Some(ts)),
                "{family}"
            );
        }
        // both families complete: svix-* is read, webhook-* ignored
        let both = run(&[
            ("svix-id", "msg_1"),
            ("svix-timestamp", "1614265330"),
            ("svix-signature", sig),
            ("webhook-id", "other"),
            ("webhook-timestamp", "1"),
            ("webhook-signature", "v1,AAAA"),
        ]);
        assert_eq!(both.unwrap().id.as_deref(), Some("msg_1"));
        // any svix-* header selects the svix family: a missing one is not taken from
        // the other family (Svix's libraries fall back header by header)
        for (present, missing) in [
            (("svix-id", "msg_1"), "svix-signature"),
            (("svix-timestamp", "1614265330"), "svix-signature"),
            (("svix-signature", sig), "svix-id"),
        ] {
            let mut pairs = vec![
                ("webhook-id", "msg_1"),
                ("webhook-timestamp", "1614265330"),
                ("webhook-signature", sig),
            ];
            pairs.retain(|(n, _)| {
                n.trim_start_matches("webhook-") != present.0.trim_start_matches("svix-")
            });
            pairs.push(present);
            let e = run(&pairs).unwrap_err();
            assert_eq!(e.code(), Some(Code::MissingHeader), "{pairs:?}");
            assert!(e.message.contains(missing), "{}", e.message);
        }
        // the standard scheme never reads svix-*
        assert_eq!(
            code(verify(
                &b(Builtin::Standard),
                &[Secret::Text(key)],
                &h(&[
                    ("svix-id", "msg_1"),
                    ("svix-timestamp", "1614265330"),
                    ("svix-signature", sig)
                ]),
                b"x",
                now,
                300
            )),
            Code::MissingHeader
        );
        // the unbranded family keeps every check: a stale or tampered delivery fails
        let stale = |now: u64| {
            verify(
                &sv,
                &[Secret::Text(key)],
                &h(&[
                    ("webhook-id", "msg_1"),
                    ("webhook-timestamp", "1614265330"),
                    ("webhook-signature", sig),
                ]),
                b"x",
                now,
                300,
            )
        };
        assert_eq!(code(stale(now + 301_000)), Code::TimestampTooOld);
        assert_eq!(
            code(run(&[
                ("webhook-id", "msg_2"),
                ("webhook-timestamp", "1614265330"),
                ("webhook-signature", sig)
            ])),
            Code::SignatureMismatch
        );
    }

    #[test]
    fn replay_guard_keys() {
        use crate::replay::ReplayGuard;
        let now = 1_700_000_000 * SECS;
        let mut g = ReplayGuard::new(300, 100).unwrap();
        // standard: the signed id is the key; a re-signed retry with the same id is a replay
        let key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let st = b(Builtin::Standard);
        let deliver = |g: &mut ReplayGuard, ts: u64, id: &str| {
            let hs = sign(&st, Secret::Text(key), b"{}", ts, Some(id)).unwrap();
            let mut v = Verifier::new(&st, &[Secret::Text(key)], &hs, now, 300).unwrap();
            v.update(b"{}");
            v.finish_guarded(g)
        };
        let (v, k) = deliver(&mut g, 1_700_000_000, "msg_a").unwrap();
        assert_eq!((v.id.as_deref(), k.as_str()), (Some("msg_a"), "msg_a"));
        assert_eq!(code(deliver(&mut g, 1_700_000_000, "msg_a")), Code::Replay);
        assert_eq!(code(deliver(&mut g, 1_700_000_010, "msg_a")), Code::Replay);
        assert!(deliver(&mut g, 1_700_000_000, "msg_b").is_ok());
        // a bad signature never reaches the guard
        let hs = sign(&st, Secret::Text(key), b"{}", 1_700_000_000, Some("msg_c")).unwrap();
        let mut v = Verifier::new(&st, &[Secret::Text(key)], &hs, now, 300).unwrap();
        v.update(b"{ }");
        assert_eq!(code(v.finish_guarded(&mut g)), Code::SignatureMismatch);
        assert!(deliver(&mut g, 1_700_000_000, "msg_c").is_ok());

        // stripe: the key is the MAC under the first secret, the same whichever of two
        // rotated secrets' signatures the copy carries
        let sp = b(Builtin::Stripe);
        let (old, new) = ("whsec_old", "whsec_new");
        let sig_old = sign(&sp, Secret::Text(old), b"{}", 1_700_000_000, None).unwrap();
        let sig_new = sign(&sp, Secret::Text(new), b"{}", 1_700_000_000, None).unwrap();
        let secrets = [Secret::Text(new), Secret::Text(old)];
        let mut stripe = |hs: &[(String, String)]| {
            let mut v = Verifier::new(&sp, &secrets, hs, now, 300).unwrap();
            v.update(b"{}");
            v.finish_guarded(&mut g)
        };
        let (_, k1) = stripe(&sig_new).unwrap();
        assert_eq!(k1.len(), 43);
        assert_eq!(code(stripe(&sig_old)), Code::Replay);
        // a new timestamp is a new delivery (Stripe retries are re-signed)
        let later = sign(&sp, Secret::Text(new), b"{}", 1_700_000_001, None).unwrap();
        assert!(stripe(&later).is_ok());

        // github signs no timestamp: first seen counts, for one window
        let gh = b(Builtin::Github);
        let hs = sign(&gh, Secret::Text("s"), b"{}", 0, None).unwrap();
        let github = |at: u64, g: &mut ReplayGuard| {
            let mut v = Verifier::new(&gh, &[Secret::Text("s")], &hs, at, 300).unwrap();
            v.update(b"{}");
            v.finish_guarded(g)
        };
        assert!(github(now, &mut g).is_ok());
        assert_eq!(code(github(now + 300_000, &mut g)), Code::Replay);
        assert!(github(now + 300_001, &mut g).is_ok());
        // a stale standard delivery fails the verifier's window before the guard's
        let hs = sign(&st, Secret::Text(key), b"{}", 1_600_000_000, Some("msg_z")).unwrap();
        let mut v = Verifier::new(&st, &[Secret::Text(key)], &hs, now, 300).unwrap();
        v.update(b"{}");
        assert_eq!(code(v.finish_guarded(&mut g)), Code::TimestampTooOld);
    }

    #[test]
    fn custom_scheme() {
        let c = Scheme::Custom(Custom::new("X-Signature", Encoding::Hex, "hmac=").unwrap());
        let out = sign(&c, Secret::Text("k"), b"b", 0, None).unwrap();
        assert_eq!(out[0].0, "X-Signature");
        assert!(out[0].1.starts_with("hmac="));
        let run = |v: &str| {
            verify(
                &c,
                &[Secret::Text("k")],
                &h(&[("x-signature", v)]),
                b"b",
                0,
                300,
            )
        };
        assert_eq!(run(&out[0].1).unwrap().scheme, "custom");
        assert!(
            run(&out[0].1.to_uppercase().replacen("HMAC=", "hmac=", 1)).is_ok(),
            "custom hex: either case"
        );
        assert_eq!(code(run(&out[0].1[5..])), Code::MalformedSignature);
        let c64 = Scheme::Custom(Custom::new("X-Sig", Encoding::Base64, "").unwrap());
        let out = sign(&c64, Secret::Raw(&[1, 2, 3]), b"b", 0, None).unwrap();
        assert_eq!(
            out[0].1,
            base64_std(&crate::crypto::hmac_sha256(&[1, 2, 3], b"b"))
        );
        assert_eq!(
            code(Custom::new("X Sig", Encoding::Hex, "")),
            Code::InvalidHeaderName
        );
        assert!(Custom::new("X-Sig", Encoding::Base64Url, "").is_err());
        assert!(Custom::new("X-Sig", Encoding::Hex, " a").is_err());
        assert!(Custom::new("X-Sig", Encoding::Hex, "a\r\n").is_err());
        assert!(Custom::new("X-Sig", Encoding::Hex, "HMAC ").is_ok());
    }

    #[test]
    fn streaming_matches_one_shot() {
        let body: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for scheme in Builtin::ALL {
            let s = b(*scheme);
            let hs = sign(
                &s,
                Secret::Text("whsec_AAECAw=="),
                &body,
                1_700_000_000,
                Some("msg_x"),
            )
            .unwrap();
            let mut signer = Signer::new(
                &s,
                Secret::Text("whsec_AAECAw=="),
                1_700_000_000,
                Some("msg_x"),
            )
            .unwrap();
            for c in body.chunks(333) {
                signer.update(c);
            }
            assert_eq!(signer.finish(), hs);
            let mut v = Verifier::new(
                &s,
                &[Secret::Text("whsec_AAAA"), Secret::Text("whsec_AAECAw==")],
                &hs,
                1_700_000_000 * SECS,
                300,
            )
            .unwrap();
            for c in body.chunks(1000) {
                v.update(c);
            }
            assert_eq!(v.finish().unwrap().scheme, scheme.name());
        }
    }
}
