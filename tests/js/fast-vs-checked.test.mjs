// The JS fronts (crates/wasm-common/src/js/fast.js) against the checked adapters they
// wrap, on the same random inputs: identical results, and identical errors (class, code,
// message) for the inputs that fail. The checked adapters come from the testing build
// (build/testing/index.js exports them as `__checked`, captured before the fronts wrap
// anything); the fronts are what users call. Inputs are drawn to hit both sides of every
// test the fronts make: well-typed and not, valid and invalid values, each encoding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import * as lib from "../../build/testing/index.js";
import { generator, same } from "./helpers/differential.mjs";

const { __checked: checked } = lib;
const { rnd, pick } = generator(0x2545f491);
const CHARS = ["a", "Z", "0", " ", "é", "€", "😀", "\u0000", "\ud800", "=", "+", "/"];
const str = (max = 40) => Array.from({ length: rnd(max) }, () => pick(CHARS)).join("");
const wellFormed = (max = 40) => str(max).replaceAll("\ud800", "x");
const bytes = (max = 40) => Uint8Array.from({ length: rnd(max) }, () => rnd(256));
const data = () => pick([str, bytes, () => bytes().buffer, () => 42, () => null, () => undefined, () => ({})])();
const num = () => pick([0, 1, 1691058833000, -1, 1.5, NaN, Infinity, 2 ** 53, 2 ** 53 - 1, "1691058833000", undefined]);
const encoding = () => pick([undefined, "hex", "base64", "base64url", "HEX", "utf8", 1, null]);

const N = 3000;
const BOOL = (v) => v === 1 || v === true;

test("sha256Hex: fast and checked paths agree on random inputs", () => {
  for (let i = 0; i < N; i++) {
    const d = data();
    same("sha256Hex", [d], () => lib.sha256Hex(d), () => checked.sha256Hex(d));
  }
});

test("hmacSha256: fast and checked paths agree on random inputs", () => {
  for (let i = 0; i < N; i++) {
    const k = pick([str, bytes])(), d = data(), e = encoding();
    same("hmacSha256", [k, d, e], () => lib.hmacSha256(k, d, e), () => checked.hmacSha256(k, d, e));
  }
});

test("timingSafeEqual: fast and checked paths agree on random inputs", () => {
  for (let i = 0; i < N; i++) {
    const a = pick([str, bytes, () => 1])(4), b = rnd(3) === 0 ? a : pick([str, bytes, () => 1])(4);
    same("timingSafeEqual", [a, b], () => lib.timingSafeEqual(a, b), () => checked.timingSafeEqual(a, b), (v) => v, BOOL);
  }
});

test("Hmac sign / update / verify: fast and checked methods agree on random inputs", () => {
  for (let i = 0; i < N; i++) {
    const key = pick([wellFormed, bytes])() || "k";
    const d = data(), e = encoding();
    const h1 = new lib.Hmac(key), h2 = new lib.Hmac(key);
    same("Hmac#sign", [d, e], () => h1.sign(d, e), () => checked["Hmac#sign"].call(h2, d, e));
    const h3 = new lib.Hmac(key), h4 = new lib.Hmac(key);
    same("Hmac#update", [d], () => (h3.update(d), undefined), () => checked["Hmac#update"].call(h4, d));
    const sig = pick([() => h3.sign("x", "hex"), str, bytes, () => 5])();
    const h5 = new lib.Hmac(key), h6 = new lib.Hmac(key);
    h5.update("m");
    h6.update("m");
    same("Hmac#verify", [sig, e], () => h5.verify(sig, e), () => checked["Hmac#verify"].call(h6, sig, e), (v) => v, BOOL);
  }
});

test("tedeeApiKey and TedeeKeyGenerator#next: fast and checked paths agree on random inputs", () => {
  for (let i = 0; i < N; i++) {
    const token = pick([str, () => "BE9xnPnGfVUS", () => 7])();
    const options = pick([
      () => undefined, () => ({ timestamp: num() }), () => ({ mode: pick(["plain", "encrypted", "x"]), timestamp: num() }),
      () => ({ timestamp: 1691058833000, extra: 1 }), () => null, () => "options",
    ])();
    if (options?.timestamp === undefined && options !== null && typeof options === "object") options.timestamp = 1691058833000;
    if (options == null) continue; // no options: "now" differs between two calls
    same("tedeeApiKey", [token, JSON.stringify(options)], () => lib.tedeeApiKey(token, options), () => checked.tedeeApiKey(token, options));
    const now = num();
    if (now === undefined) continue;
    let g1, g2;
    try {
      g1 = new lib.TedeeKeyGenerator(token);
      g2 = new lib.TedeeKeyGenerator(token);
    } catch {
      continue; // the constructor has no fast path
    }
    same("TedeeKeyGenerator#next", [now], () => g1.next(now), () => checked["TedeeKeyGenerator#next"].call(g2, now));
  }
});

test("verifyWebhook: fast and checked paths agree on random deliveries", () => {
  const schemes = ["github", "stripe", "slack", "shopify", "standard", "svix", "mes", "GitHub", "custom"];
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const key = Buffer.from(secret.slice(6), "base64");
  for (let i = 0; i < N; i++) {
    const body = pick([str, bytes])(60);
    const raw = typeof body === "string" ? body : Buffer.from(body);
    const now = pick([1_700_000_000_000, 1_700_000_000_000 + rnd(700_000), -1, 1.5, undefined]);
    const ts = String(1_700_000_000 + pick([0, 1, -299, 301, -301]));
    const id = pick(["msg_1", "", "msg_" + "x".repeat(300)]);
    const scheme = pick(schemes);
    const std = createHmac("sha256", key).update(`${id}.${ts}.`).update(raw).digest("base64");
    const gh = createHmac("sha256", secret).update(raw).digest("hex");
    const headers = pick([
      () => ({ "webhook-id": id, "webhook-timestamp": ts, "webhook-signature": `v1,${pick([std, std.toUpperCase(), ""])}` }),
      () => ({ "svix-id": id, "svix-timestamp": ts, "svix-signature": `v1,${std}` }),
      () => ({ "X-Hub-Signature-256": `sha256=${pick([gh, gh.toUpperCase(), "00"])}` }),
      () => new Headers({ "x-hub-signature-256": `sha256=${gh}` }),
      () => [["x-hub-signature-256", `sha256=${gh}`]],
      () => ({ "x-hub-signature-256": [`sha256=${gh}`, "sha256=00"] }),
      () => ({}),
    ])();
    const input = { secret: pick([secret, "It's a Secret to Everybody", "", 5]), payload: body, headers };
    if (now !== undefined) input.now = now;
    const tol = pick([undefined, 0, 300, 600, -5]);
    if (tol !== undefined) input.toleranceSec = tol;
    if (now === undefined && ["stripe", "slack", "standard", "svix"].includes(scheme)) input.now = 1_700_000_000_000;
    same("verifyWebhook", [scheme, JSON.stringify({ ...input, payload: "…" })], () => lib.verifyWebhook(scheme, input), () => checked.verifyWebhook(scheme, input));
  }
});
