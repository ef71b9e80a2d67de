//! verifyWebhook: the scheme checks first (`scheme_check`, `custom_check`), then a
//! streaming verification (`wv_begin`, `wv_update`, `wv_finish`).
//!
//! Strings and byte strings of a call arrive as parts: their bytes one after the other in
//! the input buffer, followed by a table of their byte lengths (u32, little-endian).

use alloc::string::String;
use alloc::vec::Vec;
use authsmith_core::encoding::{decimal, Encoding};
use authsmith_core::webhook::{self, Builtin, Custom, Scheme, Secret, Verified, Verifier};
use authsmith_lean::io::{self, input, input_str, status, text, uint, wipe_input, Global};

/// The parts of the input: `count` byte strings in `0..total`, lengths after them.
fn parts(total: usize, count: usize) -> Vec<&'static [u8]> {
    let table = input(total, count.saturating_mul(4));
    let mut at = 0usize;
    table
        .chunks_exact(4)
        .map(|c| {
            let n = c
                .try_into()
                .map_or(0, |b: [u8; 4]| u32::from_le_bytes(b) as usize);
            let p = input(at, n);
            at = at.saturating_add(n);
            p
        })
        .collect()
}

fn encoding(e: u32) -> Encoding {
    match e {
        0 => Encoding::Hex,
        1 => Encoding::Base64,
        _ => Encoding::Base64Url,
    }
}

/// The index of the built-in scheme named in input `0..n`, or the RangeError naming them.
#[no_mangle]
pub extern "C" fn scheme_check(n: usize) -> i32 {
    match Builtin::parse(input_str(0, n)) {
        Some(b) => Builtin::ALL
            .iter()
            .position(|x| *x == b)
            .and_then(|i| i32::try_from(i).ok())
            .unwrap_or(0),
        None => io::err(&authsmith_core::error::Error::range(
            authsmith_core::error::msg(&["scheme must be one of ", &Builtin::names()]),
        )),
    }
}

/// Checks a custom scheme: the header in input `0..h`, the prefix in input `h..h+p`.
#[no_mangle]
pub extern "C" fn custom_check(h: usize, enc: u32, p: usize) -> i32 {
    status(Custom::new(input_str(0, h), encoding(enc), input_str(h, p)).map(|_| ""))
}

/// The most secrets one verification tries.
#[no_mangle]
pub extern "C" fn max_secrets() -> usize {
    webhook::MAX_SECRETS
}

static ACTIVE: Global<Option<Verifier>> = Global::new(None);

/// Starts a verification. Parts: the scheme (a built-in's index in `builtin`, or, with
/// `builtin` < 0, the custom scheme's header and prefix and `enc`), then `secrets` secrets
/// (bit i of `raw` set: secret i is raw bytes, else text), then header names and values.
/// `tolerance` < 0: the default.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn wv_begin(
    total: usize,
    count: usize,
    builtin: i32,
    enc: u32,
    secrets: usize,
    raw: u32,
    now: f64,
    tolerance: f64,
) -> i32 {
    let p = parts(total, count);
    let mut it = p.iter().copied();
    let scheme = match usize::try_from(builtin).ok() {
        Some(i) => Builtin::ALL
            .get(i)
            .map(|b| Ok(Scheme::Builtin(*b)))
            .unwrap_or_else(|| Err(authsmith_core::error::Error::range("scheme"))),
        None => {
            let h = text(it.next().unwrap_or_default());
            let pre = text(it.next().unwrap_or_default());
            Custom::new(h, encoding(enc), pre).map(Scheme::Custom)
        }
    };
    let keys: Vec<Secret<'_>> = (0..secrets)
        .map(|i| {
            let b = it.next().unwrap_or_default();
            if i < 32 && raw & (1u32 << i) != 0 {
                Secret::Raw(b)
            } else {
                Secret::Text(text(b))
            }
        })
        .collect();
    let mut headers: Vec<(&str, &str)> = Vec::new();
    while let (Some(n), Some(v)) = (it.next(), it.next()) {
        headers.push((text(n), text(v)));
    }
    let tol = if tolerance < 0.0 {
        webhook::DEFAULT_TOLERANCE_SEC
    } else {
        uint(tolerance)
    };
    let r = scheme.and_then(|s| Verifier::new(&s, &keys, &headers, uint(now), tol));
    drop(keys);
    wipe_input(total.saturating_add(count.saturating_mul(4)));
    match r {
        Ok(v) => {
            *ACTIVE.get() = Some(v);
            0
        }
        Err(e) => io::err(&e),
    }
}

/// Adds input `0..n` to the body of the verification begun last.
#[no_mangle]
pub extern "C" fn wv_update(n: usize) {
    if let Some(v) = ACTIVE.get() {
        v.update(input(0, n));
    }
    wipe_input(n);
}

/// Drops the verification begun last (its keyed states are wiped as they are freed): the
/// JS calls it when the body turns out unusable after `wv_begin`.
#[no_mangle]
pub extern "C" fn wv_abort() {
    *ACTIVE.get() = None;
}

/// A field as its byte length (u32, little-endian) and bytes; an absent one as 0xFFFFFFFF.
fn push_field(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.extend_from_slice(&u32::try_from(s.len()).unwrap_or(u32::MAX).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        None => out.extend_from_slice(&u32::MAX.to_le_bytes()),
    }
}

/// Finishes the verification begun last: the scheme, timestamp (decimal), id and, with
/// `keyed`, the replay key, each as in `push_field`.
#[no_mangle]
pub extern "C" fn wv_finish(keyed: u32) -> i32 {
    let Some(v) = ACTIVE.get().take() else {
        return 0;
    };
    let r = if keyed != 0 {
        v.finish_keyed().map(|(v, k)| (v, Some(k)))
    } else {
        v.finish().map(|v| (v, None))
    };
    status(r.map(
        |(
            Verified {
                scheme,
                timestamp,
                id,
            },
            key,
        ): (Verified, Option<String>)| {
            let mut out = Vec::new();
            push_field(&mut out, Some(scheme));
            push_field(&mut out, timestamp.map(decimal).as_deref());
            push_field(&mut out, id.as_deref());
            push_field(&mut out, key.as_deref());
            out
        },
    ))
}
