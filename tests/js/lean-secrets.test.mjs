// Secrets in the lean modules (crates/lean: authsmith/crypto, /tedee, and the lean parts of
// /headers, /oauth, /webhooks): after the calls (successes and failures) and after every
// secret-holding object is freed, no module's linear memory holds a copy of a planted
// secret, as is, XORed with HMAC's ipad/opad (the padded key), or as base64/hex. The lean
// allocator wipes every freed block, the exports wipe the input buffer after reading it,
// and the JS wipes each result once read (crates/lean/common). The modules' memories come
// from the testing build (build/testing/lean/, never published: `__leanMemories`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { ENTRIES, stem } from "../../scripts/entries.mjs";
import { ENC, forms, secretLike } from "./helpers/planted-secret.mjs";

const lean = {};
for (const e of ENTRIES.filter((e) => e.lean?.crate)) lean[e.name] = await import(`../../build/testing/lean/${stem(e)}.js`);
const memories = () => [...new Set(Object.values(lean).flatMap((m) => m.__leanMemories))];


function scan(label) {
  const hits = [];
  memories().forEach((m, k) => {
    const mem = Buffer.from(m.buffer);
    for (let i = 0; i < 16; i++) {
      for (const [form, bytes] of forms(secretLike(i))) {
        const at = mem.indexOf(bytes);
        if (at >= 0) hits.push(`${label}: ${form} of secret #${i} in module ${k} at offset ${at} (of ${mem.length})`);
      }
    }
  });
  return hits;
}

test("the lean modules' memory holds no copy of a secret after use (freed objects, finished calls)", () => {
  const { crypto, tedee, headers, oauth, webhooks } = lean;
  const now = 1_700_000_000_000;
  // The scan itself must be able to fail: a live object that keeps a token does show it.
  const keep = new tedee.TedeeVerifier(secretLike(11), { mode: "plain" });
  assert.ok(scan("probe").some((h) => h.includes("raw of secret #11")), "the scan found the live token");
  keep.free();
  assert.deepEqual(scan("after free"), []);

  const runs = [
    ["hmacSha256", (s) => { crypto.hmacSha256(s, "data"); crypto.hmacSha256(ENC.encode(s), ENC.encode("data"), "base64"); }],
    ["hmacSha256 (streamed)", (s) => { crypto.hmacSha256Bytes(s, "x".repeat(100_000)); crypto.sha256Hex(s + "y".repeat(100_000)); }],
    ["Hmac", (s) => { const h = new crypto.Hmac(s); h.sign("a"); h.sign("z".repeat(70_000)); h.update("b").verify("00"); h.free(); }],
    ["timingSafeEqual", (s) => crypto.timingSafeEqual(s, s)],
    ["random", () => { crypto.randomToken(); crypto.generateApiKey(); crypto.generateWebhookSecret(); crypto.randomBytes(64); }],
    ["tedee", (s) => {
      const k = tedee.tedeeApiKey(s, { timestamp: now });
      tedee.tedeeApiKey(s, { mode: "plain" });
      tedee.verifyTedeeApiKey(s, k, { now });
      try { tedee.verifyTedeeApiKey(s, "0".repeat(64) + now, { now }); } catch { /* mismatch */ }
      const g = new tedee.TedeeKeyGenerator(s); g.next(now); g.free();
      const v = new tedee.TedeeVerifier(s); v.verify(k, now); v.free();
    }],
    // Last in its run, so that no later call overwrites its result: the JS wipes it.
    ["tedee plain key", (s) => tedee.tedeeApiKey(s, { mode: "plain" })],
    ["basic/bearer", (s) => {
      headers.parseBasicAuth(headers.basicAuth("user", s));
      headers.parseBearerAuth(headers.bearerAuth(s));
      try { headers.basicAuth("u", s + "\n"); } catch { /* control character */ }
    }],
    ["pkce", (s) => { oauth.pkceChallenge(s + "0123456789"); oauth.createPkce(); }],
    ["verifyWebhook", (s) => {
      const payload = '{"a":1}';
      const sig = createHmac("sha256", s).update(payload).digest("hex");
      webhooks.verifyWebhook("github", { secret: [s, "other"], payload, headers: { "x-hub-signature-256": `sha256=${sig}` } });
      try { webhooks.verifyWebhook("github", { secret: s, payload: "x", headers: { "x-hub-signature-256": `sha256=${sig}` } }); } catch { /* mismatch */ }
      try { webhooks.verifyWebhook("github", { secret: s, payload: "\ud800", headers: { "x-hub-signature-256": `sha256=${sig}` } }); } catch { /* lone surrogate after the keys were made */ }
      const whsec = "whsec_" + Buffer.from(s).toString("base64");
      try { webhooks.verifyWebhook("standard", { secret: whsec, payload, headers: { "webhook-id": "m", "webhook-timestamp": "1", "webhook-signature": "v1,AAAA" }, now: 1000 }); } catch { /* mismatch */ }
    }],
  ];
  const problems = [];
  runs.forEach(([label, run], i) => {
    run(secretLike(i));
    problems.push(...scan(label));
  });
  assert.deepEqual(problems, []);
  assert.ok(memories().length >= 8, `${memories().length} modules started`);
});
