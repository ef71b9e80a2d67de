import { equal, notEqual, ok, throws } from "./assert.mjs";

const DOC_TOKEN = "BE9xnPnGfVUS";
const DOC_TS = 1691058833000;
const DOC_KEY = "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";

export default function tedee(lib, { vectors }) {
  return [
    ["shared Tedee vectors: the documented example, plain mode, and never seconds", () => {
      const cases = vectors["tedee.json"].cases;
      equal(cases.length, 3);
      for (const c of cases) {
        if (c.mode === "encrypted" && c.valid) equal(lib.tedeeApiKey(c.token, { timestamp: c.timestamp_ms }), c.expected_api_token);
        if (c.mode === "plain") equal(lib.tedeeApiKey(c.token, { mode: "plain" }), c.expected_api_token);
        if (!c.valid) {
          notEqual(lib.tedeeApiKey(c.token, { timestamp: c.timestamp_s * 1000 }), c.api_token_if_seconds_were_used);
          equal(lib.tedeeApiKey(c.token, { timestamp: c.timestamp_s * 1000 }), c.must_not_equal);
        }
      }
    }],
    ["tedeeApiKey without a timestamp uses the clock (13-digit ms)", () => {
      const before = Date.now();
      const key = lib.tedeeApiKey(DOC_TOKEN);
      const ts = Number(key.slice(64));
      ok(/^[0-9a-f]{64}\d{13}$/.test(key), key);
      ok(ts >= before && ts <= Date.now() + 1);
      equal(lib.verifyTedeeApiKey(DOC_TOKEN, key).timestamp, ts);
    }],
    ["TedeeKeyGenerator: strictly increasing timestamps within one millisecond and after a clock step back", () => {
      const g = new lib.TedeeKeyGenerator(DOC_TOKEN);
      equal(g.lastTimestamp, undefined);
      equal(g.next(DOC_TS), DOC_KEY);
      const keys = new Set([DOC_KEY]);
      for (let i = 1; i <= 20; i++) {
        const k = g.next(DOC_TS);
        equal(g.lastTimestamp, DOC_TS + i);
        equal(k, lib.tedeeApiKey(DOC_TOKEN, { timestamp: DOC_TS + i }));
        keys.add(k);
      }
      equal(keys.size, 21);
      g.next(DOC_TS - 5000);
      equal(g.lastTimestamp, DOC_TS + 21);
      g.next(DOC_TS + 100000);
      equal(g.lastTimestamp, DOC_TS + 100000);
      const burst = new lib.TedeeKeyGenerator(DOC_TOKEN);
      const ts = [];
      for (let i = 0; i < 50; i++) {
        burst.next();
        ts.push(burst.lastTimestamp);
      }
      ok(ts.every((t, i) => i === 0 || t > ts[i - 1]), "clock-driven keys strictly increase");
      equal(new lib.TedeeKeyGenerator(DOC_TOKEN, { mode: "plain" }).next(), DOC_TOKEN);
    }],
    ["verifyTedeeApiKey: window both ways, mismatch, malformed", () => {
      equal(lib.verifyTedeeApiKey(DOC_TOKEN, DOC_KEY, { now: DOC_TS }).timestamp, DOC_TS);
      equal(lib.verifyTedeeApiKey(DOC_TOKEN, DOC_KEY, { now: DOC_TS + 30000 }).timestamp, DOC_TS);
      throws(() => lib.verifyTedeeApiKey(DOC_TOKEN, DOC_KEY, { now: DOC_TS + 30001 }), { code: "ERR_TIMESTAMP_TOO_OLD" });
      throws(() => lib.verifyTedeeApiKey(DOC_TOKEN, DOC_KEY, { now: DOC_TS - 30001 }), { code: "ERR_TIMESTAMP_TOO_NEW" });
      equal(lib.verifyTedeeApiKey(DOC_TOKEN, DOC_KEY, { now: DOC_TS + 5000, toleranceMs: 5000 }).timestamp, DOC_TS);
      equal(lib.verifyTedeeApiKey(DOC_TOKEN, DOC_KEY, { now: 1, toleranceMs: 0 }).timestamp, DOC_TS, "0 disables");
      throws(() => lib.verifyTedeeApiKey("BE9xnPnGfVUs", DOC_KEY, { now: DOC_TS }), { code: "ERR_KEY_MISMATCH" });
      const flipped = (DOC_KEY[0] === "e" ? "f" : "e") + DOC_KEY.slice(1);
      throws(() => lib.verifyTedeeApiKey(DOC_TOKEN, flipped, { now: DOC_TS }), { code: "ERR_KEY_MISMATCH" });
      throws(() => lib.verifyTedeeApiKey(DOC_TOKEN, DOC_KEY.slice(0, 64) + "1691058833001", { now: DOC_TS }), { code: "ERR_KEY_MISMATCH" });
      for (const bad of ["", DOC_KEY.slice(0, 64), DOC_KEY.toUpperCase(), DOC_KEY.slice(0, 64) + "0" + DOC_KEY.slice(64),
        DOC_KEY + " ", " " + DOC_KEY, DOC_KEY.slice(0, 63) + "g" + DOC_KEY.slice(64), DOC_KEY.slice(0, 64) + "9007199254740992",
        DOC_KEY.slice(0, 64) + "1e12", DOC_TOKEN]) {
        throws(() => lib.verifyTedeeApiKey(DOC_TOKEN, bad, { now: DOC_TS }), { code: "ERR_MALFORMED_API_KEY" }, JSON.stringify(bad));
      }
    }],
    ["TedeeVerifier: freshness, replay rejection, bounded memory, plain mode", () => {
      const v = new lib.TedeeVerifier(DOC_TOKEN, { maxRemembered: 8 });
      const g = new lib.TedeeKeyGenerator(DOC_TOKEN);
      const keys = [];
      for (let i = 0; i < 20; i++) keys.push(g.next(DOC_TS));
      for (const k of keys) equal(v.verify(k, DOC_TS).timestamp, Number(k.slice(64)));
      for (const k of keys) throws(() => v.verify(k, DOC_TS), { code: "ERR_REPLAY" }, "every used key is refused");
      throws(() => v.verify(DOC_KEY, DOC_TS + 60000), { code: "ERR_TIMESTAMP_TOO_OLD" });
      equal(v.verify(lib.tedeeApiKey(DOC_TOKEN, { timestamp: DOC_TS + 60000 }), DOC_TS + 60000).timestamp, DOC_TS + 60000);
      const plain = new lib.TedeeVerifier(DOC_TOKEN, { mode: "plain" });
      equal(plain.verify(DOC_TOKEN).timestamp, 0);
      throws(() => plain.verify(DOC_KEY), { code: "ERR_KEY_MISMATCH" });
      throws(() => new lib.TedeeVerifier(DOC_TOKEN, { maxRemembered: 0 }), { name: "RangeError" });
      v.free();
    }],
  ];
}
