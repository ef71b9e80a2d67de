//! parseWwwAuthenticate.

use alloc::vec::Vec;
use authsmith_core::challenge::{self, Challenge};
use authsmith_core::encoding::decimal;
use authsmith_core::error::msg;
use authsmith_lean::io::{input_str, status, uint, wipe_input};

/// A string as its byte length (u32, little-endian) and its bytes.
fn push_str(out: &mut Vec<u8>, s: &str) {
    let n = u32::try_from(s.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The challenges as: their count, then for each the scheme, a byte 1 and the token68 or a
/// byte 0, the number of parameters and each name and value (numbers u32 little-endian,
/// strings as in `push_str`).
fn encode(cs: &[Challenge]) -> Vec<u8> {
    let mut out = Vec::new();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
    out.extend_from_slice(&count(cs.len()));
    for c in cs {
        push_str(&mut out, &c.scheme);
        match &c.token68 {
            Some(t) => {
                out.push(1);
                push_str(&mut out, t);
            }
            None => out.push(0),
        }
        out.extend_from_slice(&count(c.params.len()));
        for (k, v) in &c.params {
            push_str(&mut out, k);
            push_str(&mut out, v);
        }
    }
    out
}

/// The challenges of the field value in input `0..n`: strictly parsed as one
/// `WWW-Authenticate` value (`index` < 0), or as item `index` of an array of values (the
/// error then names `WWW-Authenticate[index]`).
#[no_mangle]
pub extern "C" fn www_parse(n: usize, index: f64) -> i32 {
    let value = input_str(0, n);
    let r = if index < 0.0 {
        challenge::parse(value)
    } else {
        let field = msg(&["WWW-Authenticate[", &decimal(uint(index)), "]"]);
        challenge::parse_field(value, &field)
    };
    wipe_input(n);
    status(r.map(|cs| encode(&cs)))
}
