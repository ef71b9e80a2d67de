// Differential testing: random cases against node:crypto for every primitive,
// and against the reference libraries for their webhook schemes (standardwebhooks for
// standard/svix, @octokit/webhooks-methods for github, stripe's own signature helper for
// stripe; node:crypto for mes/slack/shopify/custom), both directions (ours signs → theirs
// verifies; theirs signs → ours verifies) and a tampered case that both refuse. Zero
// mismatches allowed. DIFF_ALL_CASES sets the number of cases per test (default 10^4 in
// `npm test`; CONTRIBUTING.md gives the command for a 10^5 run).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual as nodeTse } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { sign as octokitSign, verify as octokitVerify } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import * as lib from "authsmith";

const N = Number(process.env.DIFF_ALL_CASES ?? 10_000);
const stripe = new Stripe("sk_test_differential_only_never_sent", { telemetry: false });

/** Random bytes of a random length (biased towards small and block-boundary sizes). */
function randLen(max) {
  const r = randomInt(10);
  if (r < 2) return randomInt(0, 3);
  if (r < 4) return [55, 56, 63, 64, 65, 119, 120, 127, 128, 129][randomInt(10)];
  return randomInt(0, max + 1);
}
function randString(n) {
  const pool = ["a", "Z", "0", " ", "é", "ß", "€", "中", "😀", "\u0000", "\n", "\r", "\"", "\\", "%", "+", "/", "="];
  let s = "";
  for (let i = 0; i < n; i++) s += pool[randomInt(pool.length)];
  return s;
}
/** One of the Bytes forms of `buf`: Buffer, Uint8Array, Uint8Array view at an offset, ArrayBuffer, or (when it is UTF-8) a string. */
function asBytes(buf, allowString = true) {
  switch (randomInt(allowString ? 5 : 4)) {
    case 0: return buf;
    case 1: return new Uint8Array(buf);
    case 2: {
      const big = new Uint8Array(buf.length + 7);
      big.set(buf, 3);
      return big.subarray(3, 3 + buf.length);
    }
    case 3: return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    default: return buf.toString("latin1").length === buf.length && Buffer.from(buf.toString("utf8")).equals(buf) ? buf.toString("utf8") : buf;
  }
}

test(`primitives vs node:crypto: ${N} random cases`, () => {
  let compared = 0;
  for (let i = 0; i < N; i++) {
    const data = randomBytes(randLen(4096));
    const key = randomBytes(randLen(200));
    const d = asBytes(data), k = asBytes(key);
    const h = createHash("sha256").update(data).digest();
    assert.equal(lib.sha256Hex(d), h.toString("hex"));
    assert.deepEqual(Buffer.from(lib.sha256(d)), h);
    const m = createHmac("sha256", key).update(data).digest();
    assert.equal(lib.hmacSha256(k, d), m.toString("hex"));
    assert.equal(lib.hmacSha256(k, d, "base64"), m.toString("base64"));
    assert.equal(lib.hmacSha256(k, d, "base64url"), m.toString("base64url"));
    assert.deepEqual(Buffer.from(lib.hmacSha256Bytes(k, d)), m);
    const hm = new lib.Hmac(k);
    assert.equal(hm.sign(d, "base64"), m.toString("base64"));
    const cut = randomInt(data.length + 1);
    hm.update(data.subarray(0, cut)).update(data.subarray(cut));
    if (randomInt(2)) assert.equal(hm.verify(m.toString("hex")), true);
    else assert.equal(hm.verify(new Uint8Array(m)), true);
    hm.update(data);
    const wrong = Buffer.from(m);
    wrong[randomInt(32)] ^= 1 << randomInt(8);
    assert.equal(hm.verify(wrong), false);
    hm.free();
    // timingSafeEqual: node's throws on different lengths; ours answers false.
    const other = randomInt(3) === 0 ? Buffer.from(data) : randomBytes(randomInt(3) === 0 ? data.length : randLen(64));
    const want = other.length === data.length && nodeTse(other, data);
    assert.equal(lib.timingSafeEqual(asBytes(data), asBytes(other)), want);
    // String inputs hash as UTF-8.
    const s = randString(randLen(300));
    assert.equal(lib.sha256Hex(s), createHash("sha256").update(s, "utf8").digest("hex"));
    assert.equal(lib.hmacSha256(s, s), createHmac("sha256", s).update(s).digest("hex"));
    compared += 14;
  }
  console.log(`primitives: ${N} cases, ${compared} comparisons, 0 mismatches`);
});

test(`Tedee keys, Basic, PKCE, client_secret_basic vs node:crypto/Buffer: ${N} random cases`, () => {
  for (let i = 0; i < N; i++) {
    const token = randString(1 + randomInt(40)).replace(/[\u0000\n\r]/g, "x");
    const ts = randomInt(0, 2 ** 47);
    const key = lib.tedeeApiKey(token, { timestamp: ts });
    assert.equal(key, createHash("sha256").update(token + ts).digest("hex") + ts);
    assert.equal(lib.verifyTedeeApiKey(token, key, { now: ts }).timestamp, ts);
    const user = randString(randomInt(20)).replace(/[\u0000\n\r:]/g, "u");
    const pass = randString(randomInt(30)).replace(/[\u0000\n\r]/g, "p");
    assert.equal(lib.basicAuth(user, pass), "Basic " + Buffer.from(`${user}:${pass}`).toString("base64"));
    assert.deepEqual(lib.parseBasicAuth(lib.basicAuth(user, pass)), { username: user, password: pass });
    const verifier = randomBytes(32 + randomInt(64)).toString("base64url").slice(0, 43 + randomInt(86));
    assert.equal(lib.pkceChallenge(verifier), createHash("sha256").update(verifier).digest("base64url"));
    const id = randomBytes(1 + randomInt(12)).toString("base64url");
    const secret = randomBytes(1 + randomInt(24)).toString("base64");
    const form = (v) => encodeURIComponent(v).replace(/[!'()*~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, "+");
    assert.equal(lib.clientSecretBasic(id, secret), "Basic " + Buffer.from(`${form(id)}:${form(secret)}`).toString("base64"));
  }
  console.log(`tedee/basic/pkce/clientSecretBasic: ${N} cases, 0 mismatches`);
});

function nodeSig(scheme, key, body, ts, id) {
  const mac = (prefix) => createHmac("sha256", key).update(Buffer.concat([Buffer.from(prefix), body]));
  switch (scheme) {
    case "mes": return { "x-mes-signature": mac("").digest("hex") };
    case "github": return { "x-hub-signature-256": "sha256=" + mac("").digest("hex") };
    case "slack": return { "x-slack-request-timestamp": String(ts), "x-slack-signature": "v0=" + mac(`v0:${ts}:`).digest("hex") };
    case "shopify": return { "x-shopify-hmac-sha256": mac("").digest("base64") };
    case "custom": return { "x-custom-sig": "sig=" + mac("").digest("base64") };
  }
  throw new Error(scheme);
}
const lower = (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

test(`webhook schemes vs node:crypto (mes, github, slack, shopify, custom): ${N} random cases`, () => {
  const custom = { header: "X-Custom-Sig", encoding: "base64", prefix: "sig=" };
  const schemes = ["mes", "github", "slack", "shopify", "custom"];
  for (let i = 0; i < N; i++) {
    const name = schemes[i % schemes.length];
    const scheme = name === "custom" ? custom : name;
    const key = randomBytes(1 + randLen(100));
    const body = randomBytes(randLen(2048));
    const ts = 1_600_000_000 + randomInt(100_000_000);
    const theirs = nodeSig(name, key, body, ts);
    const ours = lower(lib.signWebhook(scheme, { secret: asBytes(key, false), payload: asBytes(body), timestamp: ts }));
    assert.deepEqual(ours, theirs);
    const now = ts * 1000 + randomInt(-299_000, 299_000);
    assert.equal(lib.verifyWebhook(scheme, { secret: key, payload: asBytes(body), headers: theirs, now }).scheme, name);
    const tampered = Buffer.concat([body, Buffer.from([randomInt(256)])]);
    assert.throws(() => lib.verifyWebhook(scheme, { secret: key, payload: tampered, headers: theirs, now }), { code: "ERR_SIGNATURE_MISMATCH" });
  }
  console.log(`webhooks vs node:crypto: ${N} cases, 0 mismatches`);
});

test(`standard / svix vs standardwebhooks 1.1.1: ${N} random cases`, () => {
  const nowS = Math.floor(Date.now() / 1000); // the reference reads the clock itself
  for (let i = 0; i < N; i++) {
    const raw = randomBytes(24 + randomInt(41));
    const secret = "whsec_" + raw.toString("base64");
    const wh = new StandardWebhook(secret);
    const id = "msg_" + randomBytes(1 + randomInt(12)).toString("hex");
    const payload = randString(randLen(1000)); // a string: the reference signs strings as UTF-8
    const svix = i % 2 === 1;
    const scheme = svix ? "svix" : "standard";
    const p = svix ? "svix" : "webhook";
    // Theirs signs, ours verifies.
    const theirs = wh.sign(id, new Date(nowS * 1000), payload);
    const headers = { [`${p}-id`]: id, [`${p}-timestamp`]: String(nowS), [`${p}-signature`]: theirs };
    assert.deepEqual(lib.verifyWebhook(scheme, { secret: randomInt(2) ? secret : raw, payload, headers, now: nowS * 1000 }), { scheme, timestamp: nowS, id });
    // Ours signs, theirs verifies (it reads webhook-* headers).
    const ours = lower(lib.signWebhook(scheme, { secret, payload, timestamp: nowS, id }));
    assert.equal(ours[`${p}-signature`], theirs);
    wh.verify(payload, { "webhook-id": id, "webhook-timestamp": String(nowS), "webhook-signature": ours[`${p}-signature`] }, { jsonParse: false });
    // Tampered: both refuse.
    const bad = payload + " ";
    assert.throws(() => wh.verify(bad, { "webhook-id": id, "webhook-timestamp": String(nowS), "webhook-signature": theirs }, { jsonParse: false }), /No matching signature/);
    assert.throws(() => lib.verifyWebhook(scheme, { secret, payload: bad, headers, now: nowS * 1000 }), { code: "ERR_SIGNATURE_MISMATCH" });
  }
  console.log(`standard/svix vs standardwebhooks: ${N} cases, 0 mismatches`);
});

test(`github vs @octokit/webhooks-methods 6.0.0: ${N} random cases`, async () => {
  for (let i = 0; i < N; i++) {
    const secret = randString(1 + randomInt(40)).replace(/\u0000/g, "s");
    const payload = randString(1 + randLen(1000)); // octokit refuses an empty payload
    const theirs = await octokitSign(secret, payload);
    const ours = lib.signWebhook("github", { secret, payload })["X-Hub-Signature-256"];
    assert.equal(ours, theirs);
    assert.equal(await octokitVerify(secret, payload, ours), true);
    assert.equal(lib.verifyWebhook("github", { secret, payload, headers: { "x-hub-signature-256": theirs } }).scheme, "github");
    const bad = payload + "x";
    assert.equal(await octokitVerify(secret, bad, ours), false);
    assert.throws(() => lib.verifyWebhook("github", { secret, payload: bad, headers: { "x-hub-signature-256": theirs } }), { code: "ERR_SIGNATURE_MISMATCH" });
  }
  console.log(`github vs octokit: ${N} cases, 0 mismatches`);
});

test(`stripe vs stripe 23.1.0 (webhooks.generateTestHeaderString / constructEvent): ${N} random cases`, () => {
  for (let i = 0; i < N; i++) {
    const secret = "whsec_" + randomBytes(1 + randomInt(32)).toString("base64url");
    const payload = JSON.stringify({ id: "evt_" + i, object: "event", data: { s: randString(randLen(500)) } });
    const ts = 1_600_000_000 + randomInt(100_000_000);
    // Theirs signs, ours verifies.
    const theirs = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: ts });
    assert.deepEqual(lib.verifyWebhook("stripe", { secret, payload, headers: { "stripe-signature": theirs }, now: ts * 1000 }), { scheme: "stripe", timestamp: ts });
    // Ours signs, theirs verifies (tolerance 0: no clock check; receivedAt is not ours to set).
    const ours = lib.signWebhook("stripe", { secret, payload, timestamp: ts })["Stripe-Signature"];
    assert.equal(ours, theirs);
    assert.equal(stripe.webhooks.constructEvent(payload, ours, secret, 0).id, "evt_" + i);
    // Tampered: both refuse.
    const bad = payload.replace("evt_", "evt-");
    assert.throws(() => stripe.webhooks.constructEvent(bad, ours, secret, 0));
    assert.throws(() => lib.verifyWebhook("stripe", { secret, payload: bad, headers: { "stripe-signature": ours }, now: ts * 1000 }), { code: "ERR_SIGNATURE_MISMATCH" });
  }
  console.log(`stripe vs stripe-node: ${N} cases, 0 mismatches`);
});
