// A polluted Object.prototype must not change what the fast paths (crates/wasm-common/src/js/fast.js)
// or the checked adapters compute: inherited values are ignored everywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import * as lib from "authsmith";

const SECRET = "It's a Secret to Everybody";
const BODY = '{"hello":"world"}';
const sig = (ts) => `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${BODY}`).digest("hex")}`;

function polluted(props, fn) {
  for (const [k, v] of Object.entries(props)) Object.defineProperty(Object.prototype, k, { value: v, enumerable: true, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    for (const k of Object.keys(props)) delete Object.prototype[k];
  }
}

test("verifyWebhook: an inherited toleranceSec or now does not disable the replay window", () => {
  const now = 1_700_000_000_000;
  const stale = Math.floor(now / 1000) - 3600;
  const headers = { "x-slack-signature": sig(stale), "x-slack-request-timestamp": String(stale) };
  for (const props of [{ toleranceSec: 0 }, { now: stale * 1000 }]) {
    assert.throws(() => polluted(props, () => lib.verifyWebhook("slack", { secret: SECRET, payload: BODY, headers, now })),
      (e) => e.code === "ERR_TIMESTAMP_TOO_OLD", JSON.stringify(props));
  }
  // and without pollution the same call fails the same way
  assert.throws(() => lib.verifyWebhook("slack", { secret: SECRET, payload: BODY, headers, now }), (e) => e.code === "ERR_TIMESTAMP_TOO_OLD");
});

test("tedeeApiKey: an inherited mode or timestamp is ignored", () => {
  const want = lib.tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 });
  assert.equal(polluted({ mode: "plain" }, () => lib.tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 })), want);
  const key = polluted({ timestamp: 5 }, () => lib.tedeeApiKey("BE9xnPnGfVUS", {}));
  assert.notEqual(key.slice(64), "5");
});

test("verifyWebhook: null for now is a TypeError on every path, not 'use the clock'", () => {
  const ts = Math.floor(Date.now() / 1000);
  const headers = { "x-slack-signature": sig(ts), "x-slack-request-timestamp": String(ts) };
  assert.throws(() => lib.verifyWebhook("slack", { secret: SECRET, payload: BODY, headers, now: null }), TypeError);
  assert.equal(lib.verifyWebhook("slack", { secret: SECRET, payload: BODY, headers }).scheme, "slack");
});
