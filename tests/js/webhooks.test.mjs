// Node-only webhook tests: differential checks against node:crypto, the reference
// libraries (standardwebhooks, @octokit/webhooks-methods), a real node:http server and
// fetch Request (as in docs/api-webhooks.md), and the streaming memory figure.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { sign as octokitSign, verify as octokitVerify } from "@octokit/webhooks-methods";

// The package keeps its WebAssembly.Memory private. To measure it without exporting
// anything, catch the instances the entry creates (it starts each module on the first call
// that needs it; this file runs in its own process under node --test).
const memories = [];
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = function Instance(module, imports) {
  const instance = new RealInstance(module, imports);
  if (instance.exports.memory) memories.push(instance.exports.memory);
  return instance;
};
WebAssembly.Instance.prototype = RealInstance.prototype;
const lib = await import("authsmith");
/** The bytes of every started module's memory together. */
const memory = { get buffer() { return { byteLength: memories.reduce((n, m) => n + m.buffer.byteLength, 0) }; } };

const SCHEMES = ["mes", "github", "stripe", "slack", "shopify", "standard", "svix"];
const DECODED = new Set(["standard", "svix"]);
const MiB = 1024 * 1024;

/** The headers for `scheme`, computed with node:crypto only (an independent implementation). */
function nodeHeaders(scheme, secret, body, ts, id) {
  const key = DECODED.has(scheme) && typeof secret === "string"
    ? Buffer.from(secret.replace(/^whsec_/, ""), "base64")
    : Buffer.from(secret);
  const mac = (prefix) => createHmac("sha256", key).update(prefix).update(body);
  switch (scheme) {
    case "mes": return { "x-mes-signature": mac("").digest("hex") };
    case "github": return { "X-Hub-Signature-256": "sha256=" + mac("").digest("hex") };
    case "stripe": return { "Stripe-Signature": `t=${ts},v1=` + mac(`${ts}.`).digest("hex") };
    case "slack": return { "X-Slack-Request-Timestamp": String(ts), "X-Slack-Signature": "v0=" + mac(`v0:${ts}:`).digest("hex") };
    case "shopify": return { "X-Shopify-Hmac-Sha256": mac("").digest("base64") };
    default: {
      const p = scheme === "standard" ? "webhook" : "svix";
      return { [`${p}-id`]: id, [`${p}-timestamp`]: String(ts), [`${p}-signature`]: "v1," + mac(`${id}.${ts}.`).digest("base64") };
    }
  }
}

function randomSecret(scheme) {
  if (DECODED.has(scheme)) {
    const key = randomBytes(randomInt(1, 65));
    return [key, key.toString("base64"), "whsec_" + key.toString("base64")][randomInt(3)];
  }
  return randomInt(2) ? randomBytes(randomInt(1, 80)) : randomBytes(randomInt(1, 40)).toString("latin1") + "✓";
}

test("differential against node:crypto: signWebhook equals, verifyWebhook accepts, a changed MAC byte is refused", () => {
  for (let i = 0; i < 300; i++) {
    const scheme = SCHEMES[i % SCHEMES.length];
    const secret = randomSecret(scheme);
    const body = randomBytes([0, 1, 64, randomInt(4096), 70_000 + randomInt(70_000)][randomInt(5)]);
    const ts = randomInt(1_000_000_000, 2_000_000_000);
    const id = "msg_" + randomBytes(9).toString("hex");
    const expected = nodeHeaders(scheme, secret, body, ts, id);
    assert.deepEqual(lib.signWebhook(scheme, { secret, payload: body, timestamp: ts, id }), expected, scheme);
    const r = lib.verifyWebhook(scheme, { secret, payload: body, headers: expected, now: ts * 1000 });
    assert.equal(r.scheme, scheme);
    // Tamper one byte of the MAC in node's own encoding and compare with node's verdict.
    const [name, value] = Object.entries(expected).at(-1);
    const b64 = scheme === "shopify" || DECODED.has(scheme);
    const at = scheme === "shopify" || scheme === "mes" ? 0 : value.lastIndexOf(DECODED.has(scheme) ? "," : "=") + 1;
    const raw = Buffer.from(value.slice(at), b64 ? "base64" : "hex");
    const forged = Buffer.from(raw);
    forged[randomInt(forged.length)] ^= 1 << randomInt(8);
    assert.equal(timingSafeEqual(raw, forged), false);
    const headers = { ...expected, [name]: value.slice(0, at) + forged.toString(b64 ? "base64" : "hex") };
    assert.throws(() => lib.verifyWebhook(scheme, { secret, payload: body, headers, now: ts * 1000 }), { code: "ERR_SIGNATURE_MISMATCH" });
  }
});

test("Buffer payloads: pooled Buffers (non-zero byteOffset) and Node IncomingHttpHeaders shapes", () => {
  const body = '{"ok":true}';
  const buf = Buffer.from(body); // small Buffers share a pool: byteOffset is usually not 0
  const h = lib.signWebhook("github", { secret: "s", payload: buf });
  assert.deepEqual(h, nodeHeaders("github", "s", body));
  assert.equal(lib.verifyWebhook("github", { secret: "s", payload: buf, headers: { "x-hub-signature-256": h["X-Hub-Signature-256"] } }).scheme, "github");
  // IncomingHttpHeaders: lowercase names, string values, set-cookie as an array
  const incoming = { host: "x", "set-cookie": ["a=1", "b=2"], "x-hub-signature-256": h["X-Hub-Signature-256"] };
  assert.equal(lib.verifyWebhook("github", { secret: "s", payload: buf, headers: incoming }).scheme, "github");
});

test("standardwebhooks 1.1.1 (reference): the same signatures both ways; its Buffer→string decoding differs on non-UTF-8 bodies", () => {
  const now = Math.floor(Date.now() / 1000); // the reference reads the clock itself
  for (let i = 0; i < 100; i++) {
    const secret = lib.generateWebhookSecret({ bytes: randomInt(24, 65) });
    const wh = new StandardWebhook(secret);
    const id = "msg_" + randomBytes(8).toString("hex");
    const payload = JSON.stringify({ i, text: randomBytes(randomInt(0, 200)).toString("latin1"), emoji: "🧪" });
    const theirs = wh.sign(id, new Date(now * 1000), payload);
    const ours = lib.signWebhook("standard", { secret, payload, timestamp: now, id });
    assert.equal(ours["webhook-signature"], theirs);
    assert.equal(wh.verify(payload, ours, { jsonParse: false }), undefined); // throws on failure
    const r = lib.verifyWebhook("standard", { secret, payload: Buffer.from(payload), headers: { "webhook-id": id, "webhook-timestamp": String(now), "webhook-signature": theirs } });
    assert.deepEqual(r, { scheme: "standard", timestamp: now, id });
    // raw-key form ("format: raw") agrees with a Uint8Array secret
    const raw = randomBytes(32);
    assert.equal(new StandardWebhook(raw, { format: "raw" }).sign(id, new Date(now * 1000), payload),
      lib.signWebhook("standard", { secret: raw, payload, timestamp: now, id })["webhook-signature"]);
  }
  // The spec signs the raw body. The reference turns a Buffer into a string first (UTF-8,
  // invalid bytes become U+FFFD), so for a non-UTF-8 body it signs other bytes; authsmith
  // signs the bytes as they are, like node:crypto over the raw body.
  const secret = "whsec_" + randomBytes(24).toString("base64");
  const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
  const theirs = new StandardWebhook(secret).sign("msg_1", new Date(now * 1000), body);
  const ours = lib.signWebhook("standard", { secret, payload: body, timestamp: now, id: "msg_1" })["webhook-signature"];
  assert.equal(ours, nodeHeaders("standard", secret, body, now, "msg_1")["webhook-signature"]);
  assert.notEqual(ours, theirs);
});

test("@octokit/webhooks-methods 6.0.0 (reference): sign equals, verify accepts each other's signatures", async () => {
  for (let i = 0; i < 100; i++) {
    const secret = randomBytes(randomInt(1, 40)).toString("base64") + "é";
    const payload = JSON.stringify({ i, s: randomBytes(randomInt(0, 300)).toString("latin1") }, null, 2) + "\n";
    const theirs = await octokitSign(secret, payload);
    const ours = lib.signWebhook("github", { secret, payload })["X-Hub-Signature-256"];
    assert.equal(ours, theirs);
    assert.equal(await octokitVerify(secret, payload, ours), true);
    assert.equal(lib.verifyWebhook("github", { secret, payload, headers: { "x-hub-signature-256": theirs } }).scheme, "github");
    // rotation: octokit's verifyWithFallback tries secrets one by one; authsmith takes an array
    assert.equal(lib.verifyWebhook("github", { secret: ["old", secret], payload, headers: { "x-hub-signature-256": theirs } }).scheme, "github");
  }
  // octokit compares strings: an uppercase signature is "false"; authsmith calls it malformed
  const sig = await octokitSign("s", "{}");
  const upper = "sha256=" + sig.slice(7).toUpperCase();
  assert.equal(await octokitVerify("s", "{}", upper), false);
  assert.throws(() => lib.verifyWebhook("github", { secret: "s", payload: "{}", headers: { "x-hub-signature-256": upper } }), { code: "ERR_MALFORMED_SIGNATURE" });
});

test("a node:http server verifying the streamed raw body (IncomingHttpHeaders)", async () => {
  const secret = "whsec_" + randomBytes(32).toString("base64");
  const server = createServer(async (req, res) => {
    try {
      const verifier = lib.createWebhookVerifier("standard", { secret, headers: req.headers });
      for await (const chunk of req) verifier.update(chunk);
      const { id } = verifier.verify();
      res.writeHead(200, { "content-type": "text/plain" }).end(id);
    } catch (e) {
      res.writeHead(lib.isAuthsmithError(e) ? 401 : 400, { "content-type": "text/plain" }).end(e.code ?? e.name);
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/webhooks`;
  try {
    const body = JSON.stringify({ type: "invoice.paid", data: { amount: 4200, blob: "x".repeat(300_000) } });
    const headers = lib.signWebhook("standard", { secret, payload: body });
    let res = await fetch(url, { method: "POST", body, headers: { ...headers, "content-type": "application/json" } });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), headers["webhook-id"]);
    res = await fetch(url, { method: "POST", body: body.replace("4200", "4201"), headers });
    assert.equal(res.status, 401);
    assert.equal(await res.text(), "ERR_SIGNATURE_MISMATCH");
    res = await fetch(url, { method: "POST", body });
    assert.equal(await res.text(), "ERR_MISSING_HEADER");
    const stale = lib.signWebhook("standard", { secret, payload: body, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    res = await fetch(url, { method: "POST", body, headers: stale });
    assert.equal(await res.text(), "ERR_TIMESTAMP_TOO_OLD");
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("a fetch Request (Cloudflare Worker shape) with Headers and arrayBuffer()", async () => {
  const secret = "shpss_" + randomBytes(16).toString("hex");
  const body = JSON.stringify({ id: 1, title: "Ünïcödé" });
  const headers = lib.signWebhook("shopify", { secret, payload: body });
  const request = new Request("https://example.invalid/webhooks/shopify", { method: "POST", body, headers });
  const r = lib.verifyWebhook("shopify", { secret, payload: await request.arrayBuffer(), headers: request.headers });
  assert.equal(r.scheme, "shopify");
  const parsed = JSON.parse(body);
  assert.throws(() => lib.verifyWebhook("shopify", { secret, payload: parsed, headers }), { name: "TypeError", message: /pass the raw body/ });
});

test("streaming: 64 MiB in 64 KiB chunks grows WebAssembly.Memory by < 1 MiB (createWebhookVerifier and verifyWebhook)", (t) => {

  const CHUNK = 64 * 1024, N = 1024; // 64 MiB
  const chunk = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i++) chunk[i] = (i * 31 + 7) & 255;
  const fill = (i) => chunk.writeUInt32LE(i, 0); // every chunk differs
  const secret = "stream-secret";
  const ts = Math.floor(Date.now() / 1000);
  const node = createHmac("sha256", secret).update(`${ts}.`);
  for (let i = 0; i < N; i++) { fill(i); node.update(chunk); }
  const headers = { "stripe-signature": `t=${ts},v1=${node.digest("hex")}` };
  lib.verifyWebhook("github", { secret: "warm", payload: "up", headers: { "x-hub-signature-256": lib.signWebhook("github", { secret: "warm", payload: "up" })["X-Hub-Signature-256"] } });
  lib.timingSafeEqual("a", "a");
  assert.ok(memories.length >= 3, `the modules' memories were caught (${memories.length})`);

  const before = memory.buffer.byteLength;
  const mu0 = process.memoryUsage();
  const v = lib.createWebhookVerifier("stripe", { secret: ["old-1", "old-2", secret], headers });
  for (let i = 0; i < N; i++) { fill(i); v.update(chunk); }
  assert.equal(v.verify().timestamp, ts);
  const streamed = memory.buffer.byteLength - before;
  const mu1 = process.memoryUsage();

  // verifyWebhook with the whole 64 MiB Buffer: fed in 64 KiB chunks too, never copied whole
  const whole = Buffer.alloc(CHUNK * N);
  for (let i = 0; i < N; i++) { fill(i); chunk.copy(whole, i * CHUNK); }
  const before2 = memory.buffer.byteLength;
  assert.equal(lib.verifyWebhook("stripe", { secret, payload: whole, headers }).timestamp, ts);
  const oneShot = memory.buffer.byteLength - before2;

  // Control: the probe does see copies (timingSafeEqual copies its inputs into wasm whole;
  // string payloads are streamed in pieces since the hardening work).
  const before3 = memory.buffer.byteLength;
  const eight = new Uint8Array(8 * MiB);
  lib.timingSafeEqual(eight, eight);
  const control = memory.buffer.byteLength - before3;

  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  t.diagnostic(`wasm memory: ${kib(before)} before; growth streaming 64 MiB (3 secrets) = ${kib(streamed)}, ` +
    `verifyWebhook(64 MiB Buffer) = ${kib(oneShot)}, control timingSafeEqual(8 MiB) = ${kib(control)}; ` +
    `process rss Δ ${kib(mu1.rss - mu0.rss)}, arrayBuffers Δ ${kib(mu1.arrayBuffers - mu0.arrayBuffers)}`);
  assert.ok(streamed < MiB, `streaming grew wasm memory by ${streamed} B`);
  assert.ok(oneShot < MiB, `verifyWebhook grew wasm memory by ${oneShot} B`);
  assert.ok(control >= 8 * MiB, `control: timingSafeEqual of 8 MiB grew wasm memory by ${control} B`);
});

test("docs/differences.md: each webhook row holds against the peer libraries as installed", async () => {
  const { default: Stripe } = await import("stripe");
  const stripe = new Stripe("sk_test_differences_only_never_sent", { telemetry: false });
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", payload = '{"id": "evt_1"}', ts = 1_700_000_000, now = ts * 1000;
  // standardwebhooks reads the timestamp with parseInt and signs the number: a
  // non-canonical header verifies there; here it is ERR_MALFORMED_TIMESTAMP.
  const sig = new StandardWebhook(secret).sign("msg_1", new Date(now), payload);
  const headers = { "webhook-id": "msg_1", "webhook-timestamp": `0${ts}`, "webhook-signature": sig };
  const realNow = Date.now;
  Date.now = () => now;
  try {
    assert.ok(new StandardWebhook(secret).verify(payload, headers));
    assert.ok(new StandardWebhook(secret).verify(payload, { ...headers, "webhook-timestamp": `${ts}abc` }));
  } finally {
    Date.now = realNow;
  }
  for (const t of [`0${ts}`, `${ts}abc`, `+${ts}`]) {
    assert.throws(() => lib.verifyWebhook("standard", { secret, payload, headers: { ...headers, "webhook-timestamp": t }, now }), { code: "ERR_MALFORMED_TIMESTAMP" });
  }
  // stripe ignores an empty item, reads t with parseInt and checks only the age
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: ts });
  const v1 = header.slice(header.indexOf("v1="));
  for (const h of [`t=${ts},,${v1}`, `t=0${ts},${v1}`]) {
    assert.equal(stripe.webhooks.constructEvent(payload, h, secret, 0).id, "evt_1", h);
  }
  assert.throws(() => lib.verifyWebhook("stripe", { secret, payload, headers: { "stripe-signature": `t=${ts},,${v1}` }, now }), { code: "ERR_MALFORMED_SIGNATURE" });
  assert.throws(() => lib.verifyWebhook("stripe", { secret, payload, headers: { "stripe-signature": `t=0${ts},${v1}` }, now }), { code: "ERR_MALFORMED_TIMESTAMP" });
  const future = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) + 3600 });
  assert.equal(stripe.webhooks.constructEvent(payload, future, secret).id, "evt_1", "stripe: an hour in the future passes");
  assert.throws(() => lib.verifyWebhook("stripe", { secret, payload, headers: { "stripe-signature": future } }), { code: "ERR_TIMESTAMP_TOO_NEW" });
  // uppercase hex: octokit fails it as a mismatch; here it is malformed
  const gh = await octokitSign("s", payload);
  const upper = "sha256=" + gh.slice(7).toUpperCase();
  assert.equal(await octokitVerify("s", payload, upper), false);
  assert.throws(() => lib.verifyWebhook("github", { secret: "s", payload, headers: { "x-hub-signature-256": upper } }), { code: "ERR_MALFORMED_SIGNATURE" });
  // a parsed body: octokit throws a TypeError, standardwebhooks a mismatch, authsmith a TypeError naming the raw body
  await assert.rejects(octokitVerify("s", JSON.parse(payload), gh), TypeError);
  assert.throws(() => lib.verifyWebhook("github", { secret: "s", payload: JSON.parse(payload), headers: { "x-hub-signature-256": gh } }), { name: "TypeError", message: /raw request body/ });
});
