#![forbid(unsafe_code)]
//! Rate-limit response headers and `Retry-After`, with no clock: `now_ms` is an argument.
//!
//! Header families, tried in this order; the first that yields a limit, a remaining
//! count or a reset time supplies all three (values of different families are never
//! mixed):
//! 1. `RateLimit` + `RateLimit-Policy`, draft-ietf-httpapi-ratelimit-headers-08..11
//!    (Structured Field lists): `RateLimit: "default";r=50;t=30` and
//!    `RateLimit-Policy: "default";q=100;w=60`. With several service-limit items the one
//!    with the least `r` is reported (its policy name in `policy`); `limit` is the `q` of
//!    the policy of that name. Without a `RateLimit` field, a single policy gives `limit`.
//! 2. `RateLimit: limit=100, remaining=50, reset=5` (draft 07, a Dictionary), and the
//!    draft-07 `RateLimit-Policy: 100;w=60` (a List of Integer quotas; `w`, `comment` and
//!    other parameters ignored): a single policy gives `limit` when the dictionary has
//!    none or is absent; of several policies none is picked.
//! 3. `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset` (drafts 00..06).
//! 4. `X-RateLimit-Limit` / `-Remaining` / `-Reset` (also spelled `X-Rate-Limit-*`).
//!
//! A `*-Reset` value of at least 1e9 is read as epoch seconds (the MES seed sends
//! `1640880000`), a smaller one as seconds from now: 1e9 seconds is 31.7 years, so no
//! real delay reaches it and no epoch time after 2001-09-09 falls below it. Epoch
//! seconds after 9999-12-31 are left out (they are likely milliseconds: not guessed).
//! A fraction (`1470173023.123`, as Discord sends) is rounded up to the millisecond.
//!
//! `Retry-After` is delta-seconds or an HTTP-date (IMF-fixdate, RFC 850, asctime; RFC 9110
//! §5.6.7); a date in the past gives 0. Repeated `Retry-After` lines must agree.
//!
//! The Structured Fields (`RateLimit`, `RateLimit-Policy`) are parsed as RFC 9651 says:
//! repeated lines are joined with ", " first, so an empty line among them leaves an
//! empty list member and the whole field is ignored (one empty line alone is an empty
//! list).
//!
//! Parse-error policy: nothing here fails. A malformed, negative or absurd value
//! (beyond 2^53 - 1 once in milliseconds) is left out of the result, never guessed.

use alloc::string::String;
use alloc::vec::Vec;

use crate::encoding::digit_value;

/// `Number.MAX_SAFE_INTEGER`.
pub const MAX_SAFE: u64 = (1 << 53) - 1;
/// 9999-12-31T23:59:59Z, the last second an HTTP-date can name.
const MAX_EPOCH_S: u64 = 253_402_300_799;
/// Below this a `*-Reset` value is seconds from now; at or above, epoch seconds.
pub const EPOCH_THRESHOLD: u64 = 1_000_000_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// Epoch milliseconds.
    pub reset_at: Option<u64>,
    pub retry_after_ms: Option<u64>,
    /// The IETF policy name the numbers belong to.
    pub policy: Option<String>,
}

fn ows(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

/// The values of every header called `name` (any letter case), in order.
pub fn values<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    headers
        .iter()
        .filter(|(n, _)| ows(n).eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

/// `1*DIGIT` (leading zeros allowed) up to `max`.
pub fn parse_uint(s: &str, max: u64) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for c in s.bytes() {
        n = n.checked_mul(10)?.checked_add(u64::from(digit_value(c)?))?;
    }
    (n <= max).then_some(n)
}

/// `1*DIGIT [ "." 1*DIGIT ]` as (seconds, milliseconds rounded up; may be 1000).
fn parse_seconds(s: &str) -> Option<(u64, u64)> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let secs = parse_uint(int, MAX_SAFE)?;
    let mut ms: u64 = 0;
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut digits = f.bytes().map(|c| u64::from(digit_value(c).unwrap_or(0)));
        // three digits: at most 999, and 1000 once rounded up (the checks never fail)
        for _ in 0..3 {
            ms = ms
                .checked_mul(10)?
                .checked_add(digits.next().unwrap_or(0))?;
        }
        if digits.any(|d| d != 0) {
            ms = ms.checked_add(1)?;
        }
    }
    Some((secs, ms))
}

/// A `*-Reset` value as epoch milliseconds (see the module docs for the two forms).
pub fn reset_at(value: &str, now_ms: u64) -> Option<u64> {
    let (secs, ms) = parse_seconds(ows(value))?;
    // secs <= MAX_SAFE, so this fits a u64 (checked all the same)
    let total_ms = secs.checked_mul(1000)?.checked_add(ms)?;
    if secs >= EPOCH_THRESHOLD {
        (secs <= MAX_EPOCH_S).then_some(total_ms)
    } else {
        now_ms.checked_add(total_ms).filter(|&t| t <= MAX_SAFE)
    }
}

/// One integer from a (possibly repeated, comma-joined) field. Every member must be the
/// same bare integer; with `policies`, members with parameters (`100;w=60`, the quota
/// policies of drafts 00..05) after the first are ignored.
fn single_int(vals: &[&str], policies: bool) -> Option<u64> {
    let mut found: Option<u64> = None;
    for v in vals {
        for (i, member) in v.split(',').enumerate() {
            let member = ows(member);
            let bare = match member.split_once(';') {
                Some(_) if policies && (found.is_some() || i > 0) => continue,
                Some((b, _)) if policies => ows(b),
                Some(_) => return None,
                None => member,
            };
            let n = parse_uint(bare, MAX_SAFE)?;
            match found {
                Some(f) if f != n => return None,
                _ => found = Some(n),
            }
        }
    }
    found
}

/// A single reset value from a (possibly repeated) field; repeated values must agree.
fn single_reset(vals: &[&str], now_ms: u64) -> Option<u64> {
    let mut found: Option<u64> = None;
    for v in vals {
        for member in v.split(',') {
            let t = reset_at(member, now_ms)?;
            match found {
                Some(f) if f != t => return None,
                _ => found = Some(t),
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------
// HTTP-date (RFC 9110 §5.6.7)

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAYS_LONG: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm);
/// `None` when the day number would not fit an `i64` (only for absurd years).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> Option<i64> {
    let y = if m <= 2 { y.checked_sub(1)? } else { y };
    let era = y.checked_div_euclid(400)?;
    let yoe = y.checked_rem_euclid(400)?; // [0, 399]
    let mp = i64::from(m.checked_add(9)? % 12);
    let doy = (mp.checked_mul(153)?.checked_add(2)? / 5)
        .checked_add(i64::from(d))?
        .checked_sub(1)?;
    let doe = yoe
        .checked_mul(365)?
        .checked_add(yoe / 4)?
        .checked_sub(yoe / 100)?
        .checked_add(doy)?;
    era.checked_mul(146_097)?
        .checked_add(doe)?
        .checked_sub(719_468)
}

/// The year of a day number (inverse of [`days_from_civil`]); `None` only within
/// 719 468 days of `i64::MAX`.
pub fn year_of_day(days: i64) -> Option<i64> {
    let z = days.checked_add(719_468)?;
    let era = z.checked_div_euclid(146_097)?;
    let doe = z.checked_rem_euclid(146_097)?; // [0, 146 096]
    let yoe = doe
        .checked_sub(doe / 1460)?
        .checked_add(doe / 36_524)?
        .checked_sub(doe / 146_096)?
        / 365;
    let doy = doe.checked_sub(
        yoe.checked_mul(365)?
            .checked_add(yoe / 4)?
            .checked_sub(yoe / 100)?,
    )?;
    let mp = doy.checked_mul(5)?.checked_add(2)? / 153;
    let y = yoe.checked_add(era.checked_mul(400)?)?;
    if mp >= 10 {
        y.checked_add(1)
    } else {
        Some(y)
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() != n || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.bytes().try_fold(0u32, |acc, c| {
        acc.checked_mul(10)?.checked_add(u32::from(digit_value(c)?))
    })
}

fn month(s: &str) -> Option<u32> {
    MONTHS
        .iter()
        .zip(1..)
        .find(|(m, _)| m.eq_ignore_ascii_case(s))
        .map(|(_, n)| n)
}

/// `HH:MM:SS` as seconds of the day (a leap second `:60` is allowed).
fn time_of_day(s: &str) -> Option<i64> {
    let mut it = s.split(':');
    let (h, m, sec) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() {
        return None;
    }
    let (h, m, sec) = (digits(h, 2)?, digits(m, 2)?, digits(sec, 2)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    i64::from(h)
        .checked_mul(3600)?
        .checked_add(i64::from(m).checked_mul(60)?)?
        .checked_add(i64::from(sec))
}

fn epoch(y: i64, m: u32, d: u32, tod: i64) -> Option<i64> {
    if d == 0 || d > days_in_month(y, m) {
        return None;
    }
    days_from_civil(y, m, d)?
        .checked_mul(86_400)?
        .checked_add(tod)
}

/// Parses an HTTP-date as epoch seconds. Names of days and months are matched in any
/// letter case; the day name must be a real one but is not checked against the date.
/// A two-digit RFC 850 year more than 50 years after `now` is taken from the past
/// century (RFC 9110 §5.6.7).
pub fn parse_http_date(s: &str, now_ms: u64) -> Option<i64> {
    let s = ows(s);
    if let Some((day, rest)) = s.split_once(", ") {
        if DAYS.iter().any(|d| d.eq_ignore_ascii_case(day)) {
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            let mut p = rest.split(' ');
            let (d, mo, y, t, z) = (p.next()?, p.next()?, p.next()?, p.next()?, p.next()?);
            if p.next().is_some() || !z.eq_ignore_ascii_case("GMT") {
                return None;
            }
            let y = i64::from(digits(y, 4)?);
            return epoch(y, month(mo)?, digits(d, 2)?, time_of_day(t)?);
        }
        if DAYS_LONG.iter().any(|d| d.eq_ignore_ascii_case(day)) {
            // rfc850-date: Sunday, 06-Nov-94 08:49:37 GMT
            let mut p = rest.split(' ');
            let (date, t, z) = (p.next()?, p.next()?, p.next()?);
            if p.next().is_some() || !z.eq_ignore_ascii_case("GMT") {
                return None;
            }
            let mut dp = date.split('-');
            let (d, mo, yy) = (dp.next()?, dp.next()?, dp.next()?);
            if dp.next().is_some() {
                return None;
            }
            let yy = i64::from(digits(yy, 2)?);
            let now_year = year_of_day((now_ms / 86_400_000) as i64)?;
            let mut y = now_year
                .checked_sub(now_year.rem_euclid(100))?
                .checked_add(yy)?;
            if y > now_year.checked_add(50)? {
                y = y.checked_sub(100)?;
            }
            return epoch(y, month(mo)?, digits(d, 2)?, time_of_day(t)?);
        }
        return None;
    }
    // asctime-date: Sun Nov  6 08:49:37 1994 (the day is `SP DIGIT` or `2DIGIT`)
    let day = s.get(..3)?;
    if !DAYS.iter().any(|d| d.eq_ignore_ascii_case(day)) || s.as_bytes().get(3) != Some(&b' ') {
        return None;
    }
    let mo = month(s.get(4..7)?)?;
    if s.as_bytes().get(7) != Some(&b' ') {
        return None;
    }
    let d = match s.get(8..10)? {
        x if x.starts_with(' ') => digits(x.get(1..)?, 1)?,
        x => digits(x, 2)?,
    };
    let rest = s.get(10..)?;
    let rest = rest.strip_prefix(' ')?;
    let (t, y) = rest.split_once(' ')?;
    epoch(i64::from(digits(y, 4)?), mo, d, time_of_day(t)?)
}

/// One `Retry-After` value as milliseconds from `now_ms` (0 for a date in the past).
pub fn retry_after_value(value: &str, now_ms: u64) -> Option<u64> {
    let v = ows(value);
    if v.bytes().all(|c| c.is_ascii_digit()) {
        return parse_uint(v, MAX_SAFE / 1000).and_then(|s| s.checked_mul(1000));
    }
    let at_s = parse_http_date(v, now_ms)?;
    // an i64 of seconds in milliseconds, minus a u64, fits an i128 (checked all the same)
    let at_ms = i128::from(at_s).checked_mul(1000)?;
    let delta = at_ms.checked_sub(i128::from(now_ms))?;
    Some(if delta <= 0 {
        0
    } else {
        u64::try_from(delta).ok().filter(|&d| d <= MAX_SAFE)?
    })
}

/// `Retry-After` from every line of it: all must parse and agree, else `None`.
pub fn retry_after(vals: &[&str], now_ms: u64) -> Option<u64> {
    let mut found: Option<u64> = None;
    for v in vals {
        let ms = retry_after_value(v, now_ms)?;
        match found {
            Some(f) if f != ms => return None,
            _ => found = Some(ms),
        }
    }
    found
}

// ---------------------------------------------------------------------------------
// A Structured Fields (RFC 9651) subset: Lists and Dictionaries of Items with
// Parameters. Inner lists are not needed here: a field holding one is ignored whole,
// as RFC 9651 requires of a field that fails to parse.

#[derive(Clone, Debug, PartialEq)]
enum Bare {
    Int(i64),
    Dec,
    Str(String),
    Token,
    Bytes,
    Bool,
}

#[derive(Debug)]
struct Member {
    /// The dictionary key, for `key=value` and bare-`key` members.
    key: Option<String>,
    value: Bare,
    params: Vec<(String, Bare)>,
}

impl Member {
    fn param_uint(&self, name: &str) -> Option<u64> {
        match self.params.iter().rev().find(|(k, _)| k == name) {
            Some((_, Bare::Int(n))) => u64::try_from(*n).ok(),
            _ => None,
        }
    }
}

struct Sf<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
}

fn is_key_start(c: u8) -> bool {
    c.is_ascii_lowercase() || c == b'*'
}

fn is_key_char(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'_' | b'-' | b'.' | b'*')
}

impl<'a> Sf<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Steps past the byte `peek` returned. `pos` is below `b.len()` (at most
    /// isize::MAX) whenever there is one, so this never saturates; if it did, `pos` would
    /// only be past the end, which `peek` reads as the end of the input.
    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    fn skip(&mut self, pred: fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(pred) {
            self.bump();
        }
        self.s.get(start..self.pos).unwrap_or("")
    }

    fn key(&mut self) -> Option<String> {
        if !self.peek().is_some_and(is_key_start) {
            return None;
        }
        Some(String::from(self.skip(is_key_char)))
    }

    fn bare(&mut self) -> Option<Bare> {
        match self.peek()? {
            b'"' => {
                self.bump();
                let mut out = String::new();
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.bump();
                            return Some(Bare::Str(out));
                        }
                        b'\\' => {
                            self.bump();
                            let c = self.peek().filter(|c| matches!(c, b'"' | b'\\'))?;
                            out.push(char::from(c));
                            self.bump();
                        }
                        c if (0x20..0x7f).contains(&c) => {
                            out.push(char::from(c));
                            self.bump();
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let neg = self.peek() == Some(b'-');
                if neg {
                    self.bump();
                }
                let int = self.skip(|c| c.is_ascii_digit());
                if int.is_empty() {
                    return None;
                }
                if self.peek() == Some(b'.') {
                    self.bump();
                    let frac = self.skip(|c| c.is_ascii_digit());
                    if int.len() > 12 || frac.is_empty() || frac.len() > 3 {
                        return None;
                    }
                    return Some(Bare::Dec);
                }
                if int.len() > 15 {
                    return None;
                }
                let n = i64::try_from(parse_uint(int, MAX_SAFE)?).ok()?;
                // |n| <= MAX_SAFE: negating cannot overflow
                Some(Bare::Int(if neg { n.checked_neg()? } else { n }))
            }
            b':' => {
                self.bump();
                self.skip(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='));
                (self.peek()? == b':').then(|| {
                    self.bump();
                    Bare::Bytes
                })
            }
            b'?' => {
                self.bump();
                if !matches!(self.peek()?, b'0' | b'1') {
                    return None;
                }
                self.bump();
                Some(Bare::Bool)
            }
            c if c.is_ascii_alphabetic() || c == b'*' => {
                self.skip(|c| crate::challenge::is_tchar(c) || c == b':' || c == b'/');
                Some(Bare::Token)
            }
            _ => None,
        }
    }

    fn params(&mut self) -> Option<Vec<(String, Bare)>> {
        let mut out = Vec::new();
        while self.peek() == Some(b';') {
            self.bump();
            self.skip(|c| c == b' ');
            let k = self.key()?;
            let v = if self.peek() == Some(b'=') {
                self.bump();
                self.bare()?
            } else {
                Bare::Bool
            };
            out.push((k, v));
        }
        Some(out)
    }

    /// A List or Dictionary member: `bare-item params` or `key[=bare-item] params`.
    fn member(&mut self) -> Option<Member> {
        let start = self.pos;
        if let Some(k) = self.key() {
            if self.peek() == Some(b'=') {
                self.bump();
                let value = self.bare()?;
                let params = self.params()?;
                return Some(Member {
                    key: Some(k),
                    value,
                    params,
                });
            }
            self.pos = start;
        }
        let value = self.bare()?;
        let params = self.params()?;
        Some(Member {
            key: None,
            value,
            params,
        })
    }

    fn members(s: &'a str) -> Option<Vec<Member>> {
        let mut p = Sf {
            s,
            b: s.as_bytes(),
            pos: 0,
        };
        let mut out = Vec::new();
        p.skip(|c| c == b' ' || c == b'\t');
        if p.peek().is_none() {
            return Some(out);
        }
        loop {
            out.push(p.member()?);
            p.skip(|c| c == b' ' || c == b'\t');
            match p.peek() {
                None => return Some(out),
                Some(b',') => {
                    p.bump();
                    p.skip(|c| c == b' ' || c == b'\t');
                    p.peek()?; // a trailing comma is an error
                }
                Some(_) => return None,
            }
        }
    }
}

/// Parses the combined value of a Structured Field: its lines joined with ", " and
/// parsed as one value (RFC 9651 §4.2), so an empty line among several makes an empty
/// list member and the whole field invalid; a field of one empty line is an empty list.
fn sf_field(vals: &[&str]) -> Option<Vec<Member>> {
    let mut joined = String::new();
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            joined.push_str(", ");
        }
        joined.push_str(v);
    }
    Sf::members(&joined)
}

fn named(m: &Member) -> Option<&str> {
    match (&m.key, &m.value) {
        (None, Bare::Str(name)) => Some(name),
        _ => None,
    }
}

/// Family 1: the current IETF draft.
fn ietf_current(
    rl: Option<&[Member]>,
    policies: Option<&[Member]>,
    now_ms: u64,
) -> Option<RateLimit> {
    let policy_q = |name: &str| -> Option<u64> {
        policies?
            .iter()
            .filter(|p| named(p) == Some(name))
            .find_map(|p| p.param_uint("q"))
    };
    let mut best: Option<(&str, u64, &Member)> = None;
    for m in rl.unwrap_or_default() {
        let (Some(name), Some(r)) = (named(m), m.param_uint("r")) else {
            continue;
        };
        if best.is_none_or(|(_, br, _)| r < br) {
            best = Some((name, r, m));
        }
    }
    if let Some((name, r, m)) = best {
        return Some(RateLimit {
            limit: policy_q(name),
            remaining: Some(r),
            reset_at: m.param_uint("t").and_then(|t| after(now_ms, t)),
            retry_after_ms: None,
            policy: Some(String::from(name)),
        });
    }
    // No service limit: a single policy still gives the limit.
    let mut names = policies.unwrap_or_default().iter().filter_map(named);
    let (Some(name), None) = (names.next(), names.next()) else {
        return None;
    };
    Some(RateLimit {
        limit: Some(policy_q(name)?),
        policy: Some(String::from(name)),
        ..RateLimit::default()
    })
}

/// `now_ms` + `secs` seconds, if that is still a safe integer.
fn after(now_ms: u64, secs: u64) -> Option<u64> {
    now_ms
        .checked_add(secs.checked_mul(1000)?)
        .filter(|&t| t <= MAX_SAFE)
}

fn any(r: RateLimit) -> Option<RateLimit> {
    (r.limit.is_some() || r.remaining.is_some() || r.reset_at.is_some()).then_some(r)
}

/// The limit of a draft-07 `RateLimit-Policy` (`100;w=60`: a List of Integer items,
/// each a quota, with `w` and other parameters, such as `comment`, ignored). Only a
/// single policy gives a limit: of several, which one the `RateLimit` numbers belong to
/// is not said, so none is guessed.
fn draft07_policy_limit(policies: &[Member]) -> Option<u64> {
    match policies {
        [Member {
            key: None,
            value: Bare::Int(n),
            ..
        }] => u64::try_from(*n).ok(),
        _ => None,
    }
}

/// Family 2: `RateLimit: limit=100, remaining=50, reset=5` (draft 07), and a draft-07
/// `RateLimit-Policy: 100;w=60` on its own or for a `RateLimit` without `limit`.
fn ietf_draft07(
    rl: Option<&[Member]>,
    policies: Option<&[Member]>,
    now_ms: u64,
) -> Option<RateLimit> {
    let rl = rl.unwrap_or_default();
    let get = |key: &str| -> Option<u64> {
        match rl.iter().rev().find(|m| m.key.as_deref() == Some(key)) {
            Some(Member {
                value: Bare::Int(n),
                ..
            }) => u64::try_from(*n).ok(),
            _ => None,
        }
    };
    any(RateLimit {
        limit: get("limit").or_else(|| draft07_policy_limit(policies?)),
        remaining: get("remaining"),
        reset_at: get("reset").and_then(|s| after(now_ms, s)),
        ..RateLimit::default()
    })
}

/// Families 3 and 4: three separate integer fields.
fn trio(headers: &[(String, String)], [l, r, t]: [&str; 3], now_ms: u64) -> Option<RateLimit> {
    any(RateLimit {
        limit: single_int(&values(headers, l), true),
        remaining: single_int(&values(headers, r), false),
        reset_at: single_reset(&values(headers, t), now_ms),
        ..RateLimit::default()
    })
}

const TRIOS: [[&str; 3]; 3] = [
    ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"],
    [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
    ],
    [
        "x-rate-limit-limit",
        "x-rate-limit-remaining",
        "x-rate-limit-reset",
    ],
];

fn family(headers: &[(String, String)], now_ms: u64) -> Option<RateLimit> {
    let field = |name: &str| -> Option<Vec<Member>> {
        let vals = values(headers, name);
        if vals.is_empty() {
            None
        } else {
            sf_field(&vals)
        }
    };
    let rl = field("ratelimit");
    let policies = field("ratelimit-policy");
    if let Some(r) = ietf_current(rl.as_deref(), policies.as_deref(), now_ms) {
        return Some(r);
    }
    if let Some(r) = ietf_draft07(rl.as_deref(), policies.as_deref(), now_ms) {
        return Some(r);
    }
    TRIOS.iter().find_map(|names| trio(headers, *names, now_ms))
}

/// Reads every rate-limit header and `Retry-After` (see the module docs).
pub fn parse(headers: &[(String, String)], now_ms: u64) -> RateLimit {
    let mut out = family(headers, now_ms).unwrap_or_default();
    out.retry_after_ms = retry_after(&values(headers, "retry-after"), now_ms);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000; // 2023-11-14T22:13:20Z

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (String::from(*n), String::from(*v)))
            .collect()
    }

    fn rl(
        limit: Option<u64>,
        remaining: Option<u64>,
        reset_at: Option<u64>,
        retry: Option<u64>,
        policy: Option<&str>,
    ) -> RateLimit {
        RateLimit {
            limit,
            remaining,
            reset_at,
            retry_after_ms: retry,
            policy: policy.map(String::from),
        }
    }

    #[test]
    fn http_dates() {
        // RFC 9110 §5.6.7: the same instant in the three formats.
        let t = 784_111_777;
        for s in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "  sun, 06 nov 1994 08:49:37 gmt ",
            "Sun Nov 06 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(s, NOW), Some(t), "{s}");
        }
        assert_eq!(
            parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT", NOW),
            Some(0)
        );
        assert_eq!(
            parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT", NOW),
            Some(MAX_EPOCH_S as i64)
        );
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 12:00:00 GMT", NOW),
            Some(1_709_208_000)
        );
        // RFC 850 two-digit years: > 50 years ahead means the past century.
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-73 08:49:37 GMT", NOW)
                .and_then(|s| year_of_day(s / 86400)),
            Some(2073)
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-74 08:49:37 GMT", NOW)
                .and_then(|s| year_of_day(s / 86400)),
            Some(1974)
        );
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 29 Feb 2023 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "Sun Nov  6 08:49:37 94",
            "1994-11-06T08:49:37Z",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad, NOW), None, "{bad:?}");
        }
        // civil/day round trip over a wide range
        for days in (-800_000..3_000_000).step_by(997) {
            let y = year_of_day(days).unwrap();
            assert!(
                days_from_civil(y, 1, 1).unwrap() <= days
                    && days < days_from_civil(y + 1, 1, 1).unwrap()
            );
        }
    }

    #[test]
    fn civil_helpers_at_the_i64_edges() {
        // These overflowed (a panic in debug builds, a wrapped day number in release)
        // before the arithmetic was checked; now they are None.
        assert_eq!(year_of_day(i64::MAX), None);
        assert_eq!(days_from_civil(i64::MIN, 1, 1), None);
        assert_eq!(days_from_civil(i64::MIN, 3, 1), None);
        assert_eq!(days_from_civil(i64::MAX, 3, 1), None);
        assert_eq!(days_from_civil(i64::MAX / 365, 3, 1), None);
        // ... while the ends of the exact range still work (values from the same
        // algorithm in arbitrary-precision integers).
        assert_eq!(year_of_day(i64::MIN), Some(-25_252_734_927_764_585));
        assert_eq!(days_from_civil(2024, 2, u32::MAX), Some(4_294_987_048));
        assert_eq!(days_from_civil(1970, 1, 1), Some(0));
        assert_eq!(year_of_day(-1), Some(1969));
    }

    #[test]
    fn retry_after_values() {
        let cases: &[(&[&str], Option<u64>)] = &[
            (&["120"], Some(120_000)),
            (&[" 0 "], Some(0)),
            (&["007"], Some(7_000)),
            (&["Tue, 14 Nov 2023 22:13:50 GMT"], Some(30_000)),
            (&["Tuesday, 14-Nov-23 22:13:50 GMT"], Some(30_000)),
            (&["Tue Nov 14 22:13:50 2023"], Some(30_000)),
            (&["Sun, 06 Nov 1994 08:49:37 GMT"], Some(0)), // past: retry now
            (&["120", "120"], Some(120_000)),
            (&["120", "60"], None), // disagree: not guessed
            (&["120", "x"], None),
            (&["-1"], None),
            (&["1.5"], None),
            (&["120, 120"], None),
            (&[""], None),
            (&["9007199254740"], Some(9_007_199_254_740_000)),
            (&["9007199254741"], None), // beyond 2^53 ms
            (&["99999999999999999999999999"], None),
        ];
        for (vals, want) in cases {
            assert_eq!(retry_after(vals, NOW), *want, "{vals:?}");
        }
        assert_eq!(retry_after(&[], NOW), None);
    }

    #[test]
    fn families() {
        let cases: &[(&[(&str, &str)], RateLimit)] = &[
            // MES seed (003): epoch seconds
            (
                &[
                    ("X-RateLimit-Limit", "1000"),
                    ("X-RateLimit-Remaining", "999"),
                    ("X-RateLimit-Reset", "1640880000"),
                ],
                rl(Some(1000), Some(999), Some(1_640_880_000_000), None, None),
            ),
            // seconds from now (and a past epoch reset stays what it says)
            (
                &[("x-ratelimit-reset", "30"), ("x-ratelimit-remaining", "0")],
                rl(None, Some(0), Some(NOW + 30_000), None, None),
            ),
            (
                &[("x-ratelimit-reset", "999999999")],
                rl(None, None, Some(NOW + 999_999_999_000), None, None),
            ),
            (
                &[("x-ratelimit-reset", "1000000000")],
                rl(None, None, Some(1_000_000_000_000), None, None),
            ),
            (
                &[("x-ratelimit-reset", "1470173023.123")],
                rl(None, None, Some(1_470_173_023_123), None, None),
            ),
            (
                &[("x-ratelimit-reset", "1.0001")],
                rl(None, None, Some(NOW + 1_001), None, None),
            ),
            (
                &[
                    ("X-Rate-Limit-Limit", "15"),
                    ("X-Rate-Limit-Remaining", "3"),
                ],
                rl(Some(15), Some(3), None, None, None),
            ),
            // malformed / absurd values are left out, the rest kept
            (
                &[
                    ("x-ratelimit-limit", "abc"),
                    ("x-ratelimit-remaining", "-1"),
                    ("x-ratelimit-reset", "1640880000000"), // milliseconds: not guessed
                ],
                RateLimit::default(),
            ),
            (
                &[
                    ("x-ratelimit-limit", "9007199254740992"),
                    ("x-ratelimit-remaining", "9007199254740991"),
                    ("x-ratelimit-reset", "1e9"),
                ],
                rl(None, Some(MAX_SAFE), None, None, None),
            ),
            (
                &[
                    ("x-ratelimit-limit", "100, 100;w=60"), // draft-00 style policies
                    ("x-ratelimit-remaining", "5"),
                    ("x-ratelimit-remaining", "5"),
                ],
                rl(Some(100), Some(5), None, None, None),
            ),
            (
                &[
                    ("x-ratelimit-limit", "100"),
                    ("x-ratelimit-limit", "50"),
                    ("x-ratelimit-remaining", "5, 4"),
                    ("x-ratelimit-reset", "10, 20"),
                ],
                RateLimit::default(),
            ),
            (
                &[("x-ratelimit-remaining", ""), ("x-ratelimit-limit", "1,")],
                RateLimit::default(),
            ),
            // IETF trio (drafts 00..06)
            (
                &[
                    ("RateLimit-Limit", "100"),
                    ("RateLimit-Remaining", "50"),
                    ("RateLimit-Reset", "5"),
                    ("X-RateLimit-Limit", "7"),
                ],
                rl(Some(100), Some(50), Some(NOW + 5_000), None, None),
            ),
            // draft 07 dictionary
            (
                &[
                    ("RateLimit", "limit=100, remaining=50, reset=5"),
                    ("RateLimit-Policy", "100;w=10"),
                ],
                rl(Some(100), Some(50), Some(NOW + 5_000), None, None),
            ),
            // current draft: the least remaining wins; limit from the same-named policy
            (
                &[
                    (
                        "RateLimit-Policy",
                        r#""burst";q=100;w=60,"daily";q=1000;w=86400"#,
                    ),
                    ("RateLimit", r#""burst";r=40;t=30, "daily";r=10;t=3600"#),
                    ("X-RateLimit-Remaining", "999"),
                ],
                rl(
                    Some(1000),
                    Some(10),
                    Some(NOW + 3_600_000),
                    None,
                    Some("daily"),
                ),
            ),
            (
                &[
                    ("RateLimit", r#""default";r=50;t=30"#),
                    ("RateLimit-Policy", r#""default";q=100;w=10"#),
                ],
                rl(
                    Some(100),
                    Some(50),
                    Some(NOW + 30_000),
                    None,
                    Some("default"),
                ),
            ),
            (
                &[("RateLimit", r#""default";r=999;pk=:dHJpYWwxMjEzMjM=:"#)],
                rl(None, Some(999), None, None, Some("default")),
            ),
            (
                // lists split over several lines
                &[
                    ("RateLimit", r#""a";r=5"#),
                    ("RateLimit", r#""b";r=2;t=1"#),
                    ("RateLimit-Policy", r#""a";q=10"#),
                ],
                rl(None, Some(2), Some(NOW + 1_000), None, Some("b")),
            ),
            (
                &[(
                    "RateLimit-Policy",
                    r#""peruser";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH==:"#,
                )],
                rl(Some(65535), None, None, None, Some("peruser")),
            ),
            (
                // malformed current-form fields are ignored whole; other families remain
                &[
                    ("RateLimit", r#""default";r=50;t=30,"#),
                    ("RateLimit-Policy", r#""default;q=100"#),
                    ("X-RateLimit-Limit", "60"),
                ],
                rl(Some(60), None, None, None, None),
            ),
            (
                &[("RateLimit", r#""default";r=-1;t=30, "x";t=5, "y";r=1.5"#)],
                RateLimit::default(),
            ),
            // draft 07 `RateLimit-Policy` on its own: a single policy gives the limit
            (
                &[("RateLimit-Policy", "100;w=60")],
                rl(Some(100), None, None, None, None),
            ),
            (
                &[("RateLimit-Policy", "100")],
                rl(Some(100), None, None, None, None),
            ),
            (
                &[("ratelimit-policy", r#" 100;w=60;comment="fixed window" "#)],
                rl(Some(100), None, None, None, None),
            ),
            (
                &[("RateLimit-Policy", "100;q=7;w=60;burst")],
                rl(Some(100), None, None, None, None),
            ),
            (
                // a dictionary without `limit` takes the single policy's
                &[
                    ("RateLimit", "remaining=5, reset=3"),
                    ("RateLimit-Policy", "100;w=60"),
                ],
                rl(Some(100), Some(5), Some(NOW + 3_000), None, None),
            ),
            (
                // several policies: which one applies is not said
                &[("RateLimit-Policy", "10;w=1, 50;w=60")],
                RateLimit::default(),
            ),
            (
                &[
                    ("RateLimit-Policy", "10;w=1"),
                    ("RateLimit-Policy", "50;w=60"),
                ],
                RateLimit::default(),
            ),
            (
                &[
                    ("RateLimit", "limit=10, remaining=4"),
                    ("RateLimit-Policy", "10;w=1, 50;w=60"),
                ],
                rl(Some(10), Some(4), None, None, None),
            ),
            (&[("RateLimit-Policy", "-100;w=60")], RateLimit::default()),
            (&[("RateLimit-Policy", "100.5;w=60")], RateLimit::default()),
            (&[("RateLimit-Policy", "100;w=60,")], RateLimit::default()),
            (&[("RateLimit-Policy", "w=60")], RateLimit::default()),
            // an empty line among repeated lines makes a Structured Field invalid (RFC 9651
            // §4.2: the lines are joined with ", ", leaving an empty member)
            (
                &[("RateLimit", r#""a";r=5"#), ("RateLimit", "")],
                RateLimit::default(),
            ),
            (
                &[("RateLimit", ""), ("RateLimit", "limit=10, remaining=4")],
                RateLimit::default(),
            ),
            (
                &[("RateLimit-Policy", "100;w=60"), ("RateLimit-Policy", " ")],
                RateLimit::default(),
            ),
            (
                &[
                    ("RateLimit", ""),
                    ("RateLimit", r#""a";r=5"#),
                    ("X-RateLimit-Remaining", "7"),
                ],
                rl(None, Some(7), None, None, None),
            ),
            // one empty line alone is an empty list: nothing, and no error
            (&[("RateLimit", "")], RateLimit::default()),
            (
                &[("Retry-After", "60"), ("X-RateLimit-Remaining", "0")],
                rl(None, Some(0), None, Some(60_000), None),
            ),
            (&[], RateLimit::default()),
        ];
        for (headers, want) in cases {
            assert_eq!(&parse(&h(headers), NOW), want, "{headers:?}");
        }
    }

    #[test]
    fn huge_and_hostile_values() {
        let t = std::time::Instant::now();
        let big = "9".repeat(1 << 20);
        let commas = "1, ".repeat(350_000);
        let sf = r#""a";r=1, "#.repeat(100_000) + r#""b";r=0"#;
        let quoted = std::format!("\"{}", "x".repeat(1 << 20));
        for v in [&big, &commas, &quoted] {
            let hs = h(&[
                ("x-ratelimit-limit", v),
                ("x-ratelimit-remaining", v),
                ("x-ratelimit-reset", v),
                ("ratelimit", v),
                ("ratelimit-policy", v),
                ("retry-after", v),
            ]);
            let r = parse(&hs, NOW);
            assert_eq!(r.retry_after_ms, None);
            assert_eq!(r.reset_at, None);
        }
        let r = parse(&h(&[("ratelimit", &sf)]), NOW);
        assert_eq!((r.remaining, r.policy.as_deref()), (Some(0), Some("b")));
        assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// (year, month, day) of a day number, for formatting test dates.
    fn civil(days: i64) -> (i64, u32, u32) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    fn formats(t: i64) -> [String; 3] {
        let days = t.div_euclid(86_400);
        let secs = t.rem_euclid(86_400);
        let (y, m, d) = civil(days);
        let wd = (days + 3).rem_euclid(7) as usize; // 1970-01-01 was a Thursday
        let (h, mi, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        let mon = MONTHS[m as usize - 1];
        [
            std::format!(
                "{}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{s:02} GMT",
                DAYS[wd]
            ),
            std::format!(
                "{}, {d:02}-{mon}-{:02} {h:02}:{mi:02}:{s:02} GMT",
                DAYS_LONG[wd],
                y % 100
            ),
            std::format!("{} {mon} {d:>2} {h:02}:{mi:02}:{s:02} {y:04}", DAYS[wd]),
        ]
    }

    proptest! {
        #[test]
        fn http_date_round_trip(t in 0i64..=MAX_EPOCH_S as i64) {
            let [imf, rfc850, asctime] = formats(t);
            prop_assert_eq!(parse_http_date(&imf, 0), Some(t), "{}", imf);
            prop_assert_eq!(parse_http_date(&asctime, 0), Some(t), "{}", asctime);
            // an RFC 850 date read near its own time resolves to the right century
            prop_assert_eq!(parse_http_date(&rfc850, t as u64 * 1000), Some(t), "{}", rfc850);
            // Retry-After is never negative, and exact for a future date
            let now = t as u64 * 1000;
            prop_assert_eq!(retry_after(&[&imf], now + 1500), Some(0));
            if now >= 2500 {
                prop_assert_eq!(retry_after(&[&imf], now - 2500), Some(2500));
            }
        }

        #[test]
        fn reset_forms(n in 0u64..=MAX_EPOCH_S + 10, now in 0u64..=4_102_444_800_000) {
            let got = reset_at(&decimal_str(n), now);
            if n >= EPOCH_THRESHOLD {
                prop_assert_eq!(got, (n <= MAX_EPOCH_S).then_some(n * 1000));
            } else {
                prop_assert_eq!(got, Some(now + n * 1000));
            }
        }

        #[test]
        fn never_panics(vals in prop::collection::vec(prop_oneof![
            ".{0,40}",
            "[0-9]{0,25}",
            "-?[0-9]{1,20}(\\.[0-9]{0,5})?",
            "\"[a-z]{0,5}\";r=-?[0-9]{1,17};t=[0-9]{1,17}(, )?",
            "limit=[0-9]{1,18}, remaining=[0-9]{1,18}, reset=[0-9]{1,18}",
        ], 6), now in proptest::prelude::any::<u64>()) {
            let names = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
                "ratelimit", "ratelimit-policy", "retry-after"];
            let headers: Vec<(String, String)> = names.iter().zip(&vals)
                .map(|(n, v)| (String::from(*n), v.clone())).collect();
            let r = parse(&headers, now.min(MAX_SAFE));
            for v in [r.limit, r.remaining, r.reset_at, r.retry_after_ms].into_iter().flatten() {
                prop_assert!(v <= MAX_SAFE);
            }
            let _ = parse_http_date(&vals[0], now);
        }
    }

    fn decimal_str(n: u64) -> String {
        crate::encoding::decimal(n)
    }
}
