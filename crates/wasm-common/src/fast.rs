//! What the fast paths of every entry share (see each entry's `fast.rs`): the encoding
//! code the JS front passes (0 hex, 1 base64, 2 base64url) and timestamps as safe
//! non-negative integers.

use crate::args::{range_error, JsResult};
use authsmith_core::encoding::Encoding;

pub fn encoding(code: u8) -> Encoding {
    match code {
        1 => Encoding::Base64,
        2 => Encoding::Base64Url,
        _ => Encoding::Hex,
    }
}

pub fn timestamp(v: f64, name: &str) -> JsResult<u64> {
    if (0.0..=9_007_199_254_740_991.0).contains(&v) && v == (v as u64) as f64 {
        Ok(v as u64)
    } else {
        Err(range_error(&authsmith_core::error::msg(&[
            name,
            " must be a safe non-negative integer",
        ])))
    }
}
