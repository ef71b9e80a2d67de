// Hostile inputs of 256 MiB (Node only: the environment-agnostic suite stays at ≤ 16 MiB
// to keep the browser run's memory in check). Each: the documented result, wasm memory
// bounded, and the module usable right after.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import * as lib from "../../build/testing/index.js";

const MiB = 1024 * 1024;
const N = 256 * MiB;
const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const SECRET = "It's a Secret to Everybody";
const usable = () => assert.equal(lib.sha256Hex("abc"), ABC);
const bounded = (w0) => assert.ok(lib.__wasmMemoryBytes() - w0 < 2 * MiB, `wasm memory grew to ${lib.__wasmMemoryBytes()}`);

test("256 MiB payload with a one-bit change: ERR_SIGNATURE_MISMATCH; the original verifies", () => {
  const w0 = lib.__wasmMemoryBytes();
  const payload = Buffer.alloc(N, 0x20);
  const sig = "sha256=" + createHmac("sha256", SECRET).update(payload).digest("hex");
  const headers = { "x-hub-signature-256": sig };
  payload[N - 1] ^= 1;
  assert.throws(() => lib.verifyWebhook("github", { secret: SECRET, payload, headers }), { code: "ERR_SIGNATURE_MISMATCH" });
  payload[N - 1] ^= 1;
  assert.equal(lib.verifyWebhook("github", { secret: SECRET, payload: payload.buffer.slice(0, N), headers }).scheme, "github");
  bounded(w0);
  usable();
});

test("256 MiB streamed through createWebhookVerifier in 1 MiB chunks", () => {
  const w0 = lib.__wasmMemoryBytes();
  const chunk = Buffer.alloc(MiB, 0x7b);
  const mac = createHmac("sha256", SECRET);
  for (let i = 0; i < 256; i++) mac.update(chunk);
  const v = lib.createWebhookVerifier("github", { secret: SECRET, headers: { "x-hub-signature-256": "sha256=" + mac.digest("hex") } });
  for (let i = 0; i < 256; i++) v.update(chunk);
  assert.equal(v.verify().scheme, "github");
  bounded(w0);
  usable();
});

test("256 Mi-character string with a lone surrogate at the end: TypeError, and the Hmac stream is not half-fed", () => {
  const w0 = lib.__wasmMemoryBytes();
  const s = "x".repeat(N - 1) + "\uD800";
  const h = new lib.Hmac("key");
  h.update("head");
  assert.throws(() => h.update(s), TypeError);
  assert.equal(h.digest(), createHmac("sha256", "key").update("head").digest("hex"));
  assert.throws(() => lib.sha256Hex(s), TypeError);
  bounded(w0);
  usable();
});

test("256 Mi-character string of astral characters hashes as its UTF-8 (pairs never split)", () => {
  const w0 = lib.__wasmMemoryBytes();
  const s = "😀".repeat(N / 2); // 256 Mi UTF-16 code units, 512 MiB of UTF-8
  assert.equal(lib.sha256Hex(s), createHash("sha256").update(s).digest("hex"));
  bounded(w0);
  usable();
});

test("256 MiB ArrayBuffer and Uint8Array view at an offset hash like node:crypto", () => {
  const w0 = lib.__wasmMemoryBytes();
  const buf = new ArrayBuffer(N + 16);
  const view = new Uint8Array(buf, 7, N);
  view.fill(0xa5);
  assert.equal(lib.sha256Hex(view), createHash("sha256").update(view).digest("hex"));
  assert.equal(lib.sha256Hex(buf), createHash("sha256").update(new Uint8Array(buf)).digest("hex"));
  bounded(w0);
  usable();
});
