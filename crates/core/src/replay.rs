#![forbid(unsafe_code)]
//! Webhook replay guard: remembers the ids of verified deliveries for the tolerance
//! window, in bounded memory, with no clock (`now` is an argument).
//!
//! A delivery is `(id, time)`: `time` is the signed timestamp the sender put in the
//! delivery (Standard Webhooks, Svix, Stripe, Slack), or, for senders that sign none
//! (GitHub, Shopify), the moment it was first seen. An id seen before whose entry has not
//! expired is `ERR_REPLAY`. A time outside `now ± tolerance` is refused
//! (`ERR_TIMESTAMP_TOO_OLD` / `ERR_TIMESTAMP_TOO_NEW`): such an entry would already have
//! been forgotten, so it cannot be told from a replay. Entries older than the window are
//! forgotten at every check.
//!
//! Memory: at most `max_remembered` entries, each the SHA-256 of the id and a time in two
//! sorted vectors (80 bytes, up to twice that with the vectors' spare capacity, whatever
//! the id's length). A check is a binary search; recording moves at most the entries
//! after the new one (none when deliveries arrive in time order). When a new entry would
//! go past the cap, the entry with the oldest time is forgotten and every delivery at or
//! before that time is refused from then on (`ERR_REPLAY`). So a copy of a forgotten
//! delivery with a signed time (it carries the same time) is never accepted; at worst an
//! old, in-window delivery is refused under a flood. An entry without a signed time (first
//! seen at `now`) is newer than any floor: past the cap, its copy may be accepted again,
//! as after its window.

use alloc::vec::Vec;

use crate::crypto::sha256;
use crate::error::{Code, Error, Result};

/// Default cap on remembered deliveries.
pub const DEFAULT_MAX_REMEMBERED: usize = 10_000;
/// The largest cap accepted (80 to 160 MB of entries).
pub const MAX_MAX_REMEMBERED: usize = 1 << 20;
/// The longest id accepted, in bytes.
pub const MAX_ID_BYTES: usize = 1024;

pub struct ReplayGuard {
    tolerance_ms: u64,
    max_remembered: usize,
    /// (SHA-256(id), time in ms), sorted by digest (binary search).
    by_digest: Vec<([u8; 32], u64)>,
    /// (time in ms, SHA-256(id)), sorted by time, oldest first.
    by_time: Vec<(u64, [u8; 32])>,
    /// Every delivery at or before this time (ms) is refused: a newer entry was forgotten
    /// to keep within the cap.
    floor: Option<u64>,
}

impl core::fmt::Debug for ReplayGuard {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ReplayGuard")
    }
}

/// The SHA-256 of an id: one out-of-line copy of the hash for `check` and `forget`.
#[inline(never)]
fn digest_of(id: &[u8]) -> [u8; 32] {
    sha256(id)
}

fn replay(m: &'static str) -> Error {
    Error::auth(Code::Replay, m)
}

impl ReplayGuard {
    /// `tolerance_sec` at least 1 (the window must be bounded for ids to be forgotten);
    /// `max_remembered` from 1 to [`MAX_MAX_REMEMBERED`].
    pub fn new(tolerance_sec: u64, max_remembered: usize) -> Result<Self> {
        if tolerance_sec == 0 || tolerance_sec > crate::webhook::MAX_TIMESTAMP_SEC {
            return Err(Error::range(
                "toleranceSec must be at least 1 (a replay guard needs a bounded window)",
            ));
        }
        if max_remembered == 0 || max_remembered > MAX_MAX_REMEMBERED {
            return Err(Error::range("maxRemembered must be from 1 to 1048576"));
        }
        Ok(ReplayGuard {
            tolerance_ms: tolerance_sec.saturating_mul(1000),
            max_remembered,
            by_digest: Vec::new(),
            by_time: Vec::new(),
            floor: None,
        })
    }

    /// Removes `digest` (at `t`) from the digest index.
    fn unindex(&mut self, digest: &[u8; 32]) -> Option<u64> {
        let i = self
            .by_digest
            .binary_search_by(|(d, _)| d.cmp(digest))
            .ok()?;
        Some(self.by_digest.remove(i).1)
    }

    /// Forgets every entry whose time is before `now - tolerance`.
    fn expire(&mut self, now_ms: u64) {
        let oldest_fresh = now_ms.saturating_sub(self.tolerance_ms);
        let stale = self.by_time.partition_point(|(t, _)| *t < oldest_fresh);
        if stale > 0 {
            // one pass over each index, however many entries leave
            self.by_time.drain(..stale);
            self.by_digest.retain(|(_, t)| *t >= oldest_fresh);
        }
    }

    /// Records delivery `id` at `at_ms` (its signed time; `None`: first seen `now_ms`).
    /// Refuses a replay (`ERR_REPLAY`) and a time outside the window.
    pub fn check(&mut self, id: &[u8], at_ms: Option<u64>, now_ms: u64) -> Result<()> {
        if id.is_empty() || id.len() > MAX_ID_BYTES {
            return Err(Error::range("id must be 1 to 1024 bytes"));
        }
        self.expire(now_ms);
        let t = at_ms.unwrap_or(now_ms);
        crate::tedee::check_window(t, now_ms, self.tolerance_ms)?;
        let digest = digest_of(id);
        let Err(at) = self.by_digest.binary_search_by(|(d, _)| d.cmp(&digest)) else {
            return Err(replay(
                "this delivery id was already seen within the tolerance window (a replay or a redelivery)",
            ));
        };
        if self.floor.is_some_and(|f| t <= f) {
            return Err(replay(
                "more deliveries than maxRemembered arrived within the window: one this old can no longer be told from a replay",
            ));
        }
        self.by_digest.insert(at, (digest, t));
        // in time order (deliveries usually arrive in it: then this is the end)
        let pos = self
            .by_time
            .partition_point(|(x, d)| (*x, d) <= (t, &digest));
        self.by_time.insert(pos, (t, digest));
        while self.by_time.len() > self.max_remembered {
            let (old, d) = self.by_time.remove(0);
            self.unindex(&d);
            self.floor = Some(self.floor.map_or(old, |f| f.max(old)));
        }
        Ok(())
    }

    /// Forgets `id` (say, when handling the delivery failed and the sender should be
    /// able to retry it). Whether it was remembered.
    pub fn forget(&mut self, id: &[u8]) -> bool {
        let digest = digest_of(id);
        let Some(t) = self.unindex(&digest) else {
            return false;
        };
        if let Ok(i) = self
            .by_time
            .binary_search_by(|(x, d)| (*x, d).cmp(&(t, &digest)))
        {
            self.by_time.remove(i);
        }
        true
    }

    /// How many deliveries are remembered now.
    pub fn len(&self) -> usize {
        self.by_digest.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_digest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    fn code(r: Result<()>) -> Option<Code> {
        r.err().and_then(|e| e.code())
    }

    #[test]
    fn replays_within_the_window_are_refused() {
        let mut g = ReplayGuard::new(300, 100).unwrap();
        let ts = Some(NOW - 10_000);
        assert_eq!(g.check(b"msg_1", ts, NOW), Ok(()));
        assert_eq!(code(g.check(b"msg_1", ts, NOW + 1)), Some(Code::Replay));
        // the same id with another time is still the same delivery
        assert_eq!(
            code(g.check(b"msg_1", Some(NOW), NOW + 2)),
            Some(Code::Replay)
        );
        assert_eq!(g.check(b"msg_2", ts, NOW), Ok(()));
        // ids are bytes, compared exactly
        assert_eq!(g.check(b"MSG_1", ts, NOW), Ok(()));
        assert_eq!(g.len(), 3);
    }

    #[test]
    fn the_window_is_enforced_and_old_ids_are_forgotten() {
        let mut g = ReplayGuard::new(300, 100).unwrap();
        assert_eq!(
            code(g.check(b"a", Some(NOW - 300_001), NOW)),
            Some(Code::TimestampTooOld)
        );
        assert_eq!(
            code(g.check(b"a", Some(NOW + 300_001), NOW)),
            Some(Code::TimestampTooNew)
        );
        assert_eq!(g.check(b"a", Some(NOW - 300_000), NOW), Ok(()));
        assert_eq!(g.check(b"b", Some(NOW), NOW), Ok(()));
        // a (at NOW - 300 s) leaves the window 1 ms later; b stays
        assert_eq!(g.check(b"c", None, NOW + 1), Ok(()));
        assert_eq!(g.len(), 2);
        assert_eq!(code(g.check(b"b", Some(NOW), NOW + 1)), Some(Code::Replay));
        // once a's time is out of the window, the replay fails the window check instead
        assert_eq!(
            code(g.check(b"a", Some(NOW - 300_000), NOW + 1)),
            Some(Code::TimestampTooOld)
        );
        // first-seen entries (no signed time) last one window from when they were seen
        assert_eq!(code(g.check(b"c", None, NOW + 300_001)), Some(Code::Replay));
        assert_eq!(g.check(b"c", None, NOW + 300_002), Ok(()));
    }

    #[test]
    fn memory_is_capped_and_forgotten_ids_cannot_be_replayed() {
        let mut g = ReplayGuard::new(300, 3).unwrap();
        for (i, id) in [b"a", b"b", b"c", b"d"].iter().enumerate() {
            let t = NOW - 100_000 + i as u64 * 1000;
            assert_eq!(g.check(*id, Some(t), NOW), Ok(()));
        }
        assert_eq!(g.len(), 3);
        // a was forgotten: it and anything at or before its time is refused
        assert_eq!(
            code(g.check(b"a", Some(NOW - 100_000), NOW)),
            Some(Code::Replay)
        );
        assert_eq!(
            code(g.check(b"z", Some(NOW - 200_000), NOW)),
            Some(Code::Replay)
        );
        // newer deliveries still pass
        assert_eq!(g.check(b"e", Some(NOW), NOW), Ok(()));
        assert_eq!(g.len(), 3);
        // a million checks stay at the cap
        let mut g = ReplayGuard::new(300, 1000).unwrap();
        for i in 0..20_000u64 {
            let id = crate::encoding::decimal(i);
            g.check(id.as_bytes(), Some(NOW - 20_000 + i), NOW).unwrap();
        }
        assert_eq!(g.len(), 1000);
    }

    #[test]
    fn forget_and_arguments() {
        let mut g = ReplayGuard::new(60, 10).unwrap();
        assert_eq!(g.check(b"x", None, NOW), Ok(()));
        assert!(g.forget(b"x"));
        assert!(!g.forget(b"x"));
        assert!(g.is_empty());
        assert_eq!(g.check(b"x", None, NOW), Ok(()));
        assert!(g.check(b"", None, NOW).is_err());
        assert!(g.check(&[b'x'; 1025], None, NOW).is_err());
        assert_eq!(g.check(&[b'x'; 1024], None, NOW), Ok(()));
        assert!(ReplayGuard::new(0, 10).is_err());
        assert!(ReplayGuard::new(60, 0).is_err());
        assert!(ReplayGuard::new(60, MAX_MAX_REMEMBERED + 1).is_err());
        assert!(ReplayGuard::new(60, MAX_MAX_REMEMBERED).is_ok());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// Against a model that remembers everything: within its cap the guard refuses
        /// every id seen in the window; past it, it still refuses every copy of a
        /// delivery with a signed time (a replay carries the same signed time, at or
        /// before the floor). It stays within its cap, and refuses a fresh, unseen id
        /// only once it has had to forget.
        #[test]
        fn never_accepts_a_replay(
            cap in 1usize..6,
            tol in 1u64..20,
            ops in prop::collection::vec((0u8..8, 0u64..30, prop::option::of(0u64..40), any::<bool>()), 1..80),
        ) {
            let mut g = ReplayGuard::new(tol, cap).unwrap();
            let tol_ms = tol * 1000;
            let mut now = 100_000u64;
            // id -> (time, signed) of the accepted delivery
            let mut model: BTreeMap<u8, (u64, bool)> = BTreeMap::new();
            let mut forgot_any = false;
            for (id, step, at, forget) in ops {
                now += step * 500;
                if forget {
                    g.forget(&[id]);
                    model.remove(&id);
                    continue;
                }
                let t = at.map(|a| now + a * 500 - 10_000);
                let time = t.unwrap_or(now);
                let fresh = time + tol_ms >= now && time <= now + tol_ms;
                let live = model.get(&id).filter(|(old, _)| old + tol_ms >= now);
                let must_refuse = live.is_some_and(|&(old, signed)| !forgot_any || (signed && t == Some(old)));
                match g.check(&[id], t, now) {
                    Ok(()) => {
                        prop_assert!(fresh, "accepted a time outside the window");
                        prop_assert!(!must_refuse, "accepted a replay of {}", id);
                        model.insert(id, (time, t.is_some()));
                    }
                    Err(e) => {
                        let c = e.code();
                        if !fresh {
                            prop_assert!(matches!(c, Some(Code::TimestampTooOld | Code::TimestampTooNew)));
                        } else if live.is_none() {
                            prop_assert_eq!(c, Some(Code::Replay));
                            prop_assert!(forgot_any, "refused {} with nothing forgotten", id);
                        }
                    }
                }
                prop_assert!(g.len() <= cap);
                forgot_any |= g.floor.is_some();
            }
        }
    }
}
