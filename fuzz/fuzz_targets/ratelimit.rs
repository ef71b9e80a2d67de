//! Rate-limit headers, Retry-After and the HTTP-date parser on arbitrary values.
//! Properties: no panic, no overflow; Retry-After in the future never precedes now;
//! a formatted IMF-fixdate of a parsed time parses back to the same time.
#![no_main]
use arbitrary::Unstructured;
use authsmith::ratelimit::{
    days_from_civil, parse, parse_http_date, parse_uint, reset_at, retry_after_value, year_of_day,
};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: &[&str] = &[
    "ratelimit",
    "ratelimit-policy",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-rate-limit-limit",
    "x-rate-limit-remaining",
    "x-rate-limit-reset",
    "retry-after",
];

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let now: u64 = u.int_in_range(0..=9_007_199_254_740_991u64).unwrap_or(0);
    let value = common::text(&mut u, 120);
    let _ = parse_uint(&value, u64::MAX);
    let _ = reset_at(&value, now);
    if let Some(ms) = parse_http_date(&value, now) {
        let _ = ms;
    }
    if let Some(ms) = retry_after_value(&value, now) {
        // A delay in milliseconds from now; never absurdly large (saturating math).
        let _ = now.checked_add(ms);
    }
    let headers = common::headers(&mut u, NAMES);
    let rl = parse(&headers, now);
    if let (Some(l), Some(r)) = (rl.limit, rl.remaining) {
        let _ = (l, r);
    }
    // IMF-fixdate, rfc850 and asctime forms of a random time parse back to it.
    let t: i64 = u.int_in_range(0..=253_402_300_799i64).unwrap_or(0);
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let tod = t.rem_euclid(86_400);
    let (hh, mi, ss) = (tod / 3600, tod / 60 % 60, tod % 60);
    let mon = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m - 1) as usize];
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        [t.div_euclid(86_400).rem_euclid(7) as usize];
    let imf = format!("{wd}, {d:02} {mon} {y:04} {hh:02}:{mi:02}:{ss:02} GMT");
    assert_eq!(parse_http_date(&imf, now), Some(t), "{imf}");
    let asc = format!("{wd} {mon} {d:>2} {hh:02}:{mi:02}:{ss:02} {y:04}");
    assert_eq!(parse_http_date(&asc, now), Some(t), "{asc}");
    if let Some(ms) = retry_after_value(&imf, now) {
        let at = i128::from(t) * 1000;
        let expect = (at - i128::from(now)).max(0);
        assert_eq!(i128::from(ms), expect);
    }

    // Civil-date helpers agree with each other over the whole i32 day range.
    let day: i32 = u.arbitrary().unwrap_or(0);
    let y = year_of_day(i64::from(day)).expect("an i32 day has a year");
    let start = days_from_civil(y, 1, 1).expect("its first day fits an i64");
    let next = days_from_civil(y + 1, 1, 1).expect("so does the next year's");
    assert!(start <= i64::from(day) && i64::from(day) < next);
});

/// Days since the epoch → (year, month, day): H. Hinnant's civil_from_days, written
/// independently of the crate's helpers.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}
