#!/usr/bin/env node
// `npm run ct-check`: a dudect-style constant-time check (Reparaz, Balasch, Verbauwhede,
// "Dude, is my code constant time?", 2017) of the comparisons authsmith exposes.
//
// For each test, two classes of inputs are prepared in advance; the class of every call
// is drawn at random (crypto.randomBytes), so drift in the machine's state (frequency,
// other processes, GC, JIT tiers) hits both classes alike. Each call is timed alone with
// process.hrtime.bigint(). Welch's t-test compares the two classes' mean times, on all
// samples and on samples cropped at several percentiles of the pooled distribution
// (removing the long tail of interrupts and GC pauses, as dudect does). A test passes when
// every |t| < 4.5 (the dudect bar: larger means "the two classes are distinguishable").
//
// Classes (issue 10): "first vs last" = wrong signatures that differ from the right one
// in the first byte vs in the last byte (an early-exit comparison leaks the position);
// "equal vs unequal" = the right signature vs a wrong one. For the functions that throw on
// a mismatch (verifyWebhook, TedeeVerifier.verify, verifyTedeeApiKey), accepting vs
// throwing is the public outcome and is timed differently by construction (an exception),
// so an equal-vs-unequal test would only measure the exception. For verifyWebhook the
// second test compares two accepted calls that differ only in secret data: two secrets
// where the matching one is the first vs the second (rotation: which secret matched must
// not show). The Tedee functions get the first-vs-last test only.
//
// Not part of `npm test` (about 1–2 minutes, and timing is noisy on a shared machine).
// Usage: node scripts/ct-check.mjs [--n 1000000] [--only name] [--report bench/CT-REPORT.md]
//        node scripts/ct-check.mjs --smoke   (a few thousand calls per test, every result
//        checked, no bar and no report: tests/js/ct-check.test.mjs runs it in `npm test` so
//        the script cannot rot; it says nothing about timing)
import { randomBytes, createHmac, timingSafeEqual as nodeTimingSafeEqual } from "node:crypto";
import { writeFileSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const SMOKE = args.includes("--smoke");
const N = Number(opt("n", SMOKE ? 4096 : 1_000_000));
const ONLY = opt("only", null);
const REPORT = opt("report", join(root, "bench", "CT-REPORT.md"));
const BAR = 4.5;
const CROPS = [1, 0.99, 0.95, 0.9, 0.75, 0.5]; // kept fraction of the pooled distribution

const lib = await import(join(root, "pkg", "index.js"));

// ---------------------------------------------------------------------------------
// Statistics

function welch(a, na, b, nb) {
  // a, b: Float64Array of samples (first na / nb used).
  let ma = 0, mb = 0;
  for (let i = 0; i < na; i++) ma += a[i];
  for (let i = 0; i < nb; i++) mb += b[i];
  ma /= na;
  mb /= nb;
  let va = 0, vb = 0;
  for (let i = 0; i < na; i++) va += (a[i] - ma) ** 2;
  for (let i = 0; i < nb; i++) vb += (b[i] - mb) ** 2;
  va /= na - 1;
  vb /= nb - 1;
  const t = (ma - mb) / Math.sqrt(va / na + vb / nb);
  return { t: Number.isFinite(t) ? t : 0, ma, mb };
}

function analyse(times, classes) {
  const n = times.length;
  const sorted = Float64Array.from(times).sort();
  const rows = [];
  const a = new Float64Array(n), b = new Float64Array(n);
  for (const keep of CROPS) {
    const limit = keep === 1 ? Infinity : sorted[Math.floor(keep * (n - 1))];
    let na = 0, nb = 0;
    for (let i = 0; i < n; i++) {
      const x = times[i];
      if (x > limit) continue;
      if (classes[i] === 0) a[na++] = x;
      else b[nb++] = x;
    }
    rows.push({ keep, na, nb, ...welch(a, na, b, nb) });
  }
  return rows;
}

// ---------------------------------------------------------------------------------
// The harness. A test gives [makeA, makeB] (each makes a fresh input of its class) and
// `call(x)`.
//
// Every timed call gets an input of its own, made for it: inputs are made in batches of
// BATCH, the class of each drawn at random, and each is timed once. An earlier version
// reused a pool of 128 inputs per class for 2048 calls; where those few inputs happened
// to lie in memory (alignment, cache sets) then differed between the classes for the
// whole stretch, the calls were no longer independent, and Welch's t came out too large
// even for inputs that only differ in data no code looks at (a SHA-256 of two messages).
//
// Before the timed pass each input's result is checked once (untimed, in the same random
// order as the timed pass): the test would mean nothing if the classes did not give the
// expected results, and both classes' inputs are then equally warm in the caches. The
// timed loop discards each call's result: it is public (the caller learns "equal" or "not
// equal" anyway), and storing or branching on it in the harness would itself show up as
// a difference between the classes.

const BATCH = 256;

function measure(name, [makeA, makeB], call, expect, kind = "counted") {
  const classes = randomBytes(N).map((x) => x & 1);
  const times = new Float64Array(N);
  const inputs = new Array(BATCH);
  // Warm up both classes so the JIT settles before measuring.
  for (let i = 0; i < Math.min(50_000, N); i++) call(i & 1 ? makeB() : makeA());
  for (let i = 0; i < N; i += BATCH) {
    const n = Math.min(BATCH, N - i);
    for (let j = 0; j < n; j++) inputs[j] = classes[i + j] ? makeB() : makeA();
    for (let j = 0; j < n; j++) {
      const want = expect[classes[i + j]];
      const got = call(inputs[j]);
      if (got !== want) throw new Error(`${name}: expected ${want}, got ${got}`);
    }
    for (let j = 0; j < n; j++) {
      const x = inputs[j];
      const t0 = process.hrtime.bigint();
      call(x);
      const t1 = process.hrtime.bigint();
      times[i + j] = Number(t1 - t0);
    }
  }
  const rows = analyse(times, classes);
  if (process.env.CT_VERBOSE) for (const r of rows) console.log(`   keep ${r.keep}: n ${r.na}/${r.nb} means ${r.ma.toFixed(1)}/${r.mb.toFixed(1)} t ${r.t.toFixed(2)}`);
  const maxT = Math.max(...rows.map((r) => Math.abs(r.t)));
  const pass = SMOKE || maxT < BAR;
  const word = SMOKE ? "ok  " : kind === "leak" ? (pass ? "BLIND" : "ok  ") : pass ? "ok  " : "FAIL";
  console.log(`${word} ${name}${kind === "leak" && !pass ? " (leak detected, as it must be)" : ""}: max |t| = ${maxT.toFixed(2)} (means ${rows[0].ma.toFixed(0)} / ${rows[0].mb.toFixed(0)} ns, n = ${N}; every result checked)`);
  return { name, rows, maxT, pass };
}

// Expect a throw with `code`, and return whether it was that code (so the work is used).
function throwsCode(fn, code) {
  try {
    fn();
    return false;
  } catch (e) {
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`);
    return true;
  }
}

// Every byte input of both classes is made the same way (a fresh Uint8Array copied from a
// plain Uint8Array, then changed in place): how a typed array was made (Uint8Array.from of a
// Buffer, .map, …) shows in timing by itself, as an early version of this script found.
function variant(bytes, change) {
  const c = Uint8Array.from(bytes);
  change(c);
  return c;
}
const flip = (bytes, i) => variant(bytes, (c) => { c[i] ^= 0x01; });
// A fresh flat one-byte string: both classes' strings get the same representation in the
// engine (no cons or sliced strings), so only their content differs.
const flat = (s) => Buffer.from(s, "latin1").toString("latin1");
// Flip the lowest bit of one hex digit, keeping its kind (digit stays digit, letter stays
// letter): the signature text is public and its decoding may take a path per kind of
// character; the classes must differ only in the value compared with the secret MAC.
const FLIP = { 0: "1", 1: "0", 2: "3", 3: "2", 4: "5", 5: "4", 6: "7", 7: "6", 8: "9", 9: "8", a: "b", b: "a", c: "d", d: "c", e: "f", f: "e" };
const flipHex = (s, i) => flat(s.slice(0, i) + FLIP[s[i]] + s.slice(i + 1));

// ---------------------------------------------------------------------------------
// Tests

const tests = [];
// kind: "counted" (must pass the bar), "reference" (reported, not counted) or "leak" (a
// known leaky comparison that must FAIL the bar: proof the harness can see a leak at all).
const test = (name, make, kind = "counted") => tests.push({ name, make, kind });

// timingSafeEqual on 32-byte arrays.
{
  const right = Uint8Array.from(randomBytes(32));
  const copy = Uint8Array.from(right);
  test("timingSafeEqual: first vs last byte differs", () => [
    [() => flip(right, 0), () => flip(right, 31)],
    (x) => lib.timingSafeEqual(copy, x),
    [false, false],
  ]);
  // A control: both classes are the same kind of input. Its |t| shows the harness's own
  // noise floor on this machine (it must pass too, or nothing else means anything).
  test("control: timingSafeEqual, same class twice", () => [
    [() => flip(right, 0), () => flip(right, 0)],
    (x) => lib.timingSafeEqual(copy, x),
    [false, false],
  ]);
  test("timingSafeEqual: one byte vs every byte differs", () => [
    [() => flip(right, 0), () => variant(right, (c) => { for (let i = 0; i < c.length; i++) c[i] ^= 0xff; })],
    (x) => lib.timingSafeEqual(copy, x),
    [false, false],
  ]);
  // A reference, not counted: node:crypto's own timingSafeEqual under the same test shows
  // what the harness sees of a comparison whose boolean result is made in JS (a branch
  // there on the result is enough to fail the bar; see the note in the report).
  test("reference, not counted: node:crypto.timingSafeEqual, equal vs unequal", () => [
    [() => variant(right, (c) => { c[0] ^= 0x01; c[0] ^= 0x01; }), () => flip(right, 0)],
    (x) => nodeTimingSafeEqual(copy, x),
    [true, false],
  ], "reference");
  // The positive control: an early-exit comparison (the classic leak) where the inputs
  // differ in the first vs the second byte — a leak of one loop iteration, about a
  // nanosecond. It must fail the bar, or the harness is blind and no pass means anything.
  const leaky = (a, b) => {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  test("positive control: early-exit comparison, first vs second byte differs", () => [
    [() => flip(right, 0), () => flip(right, 1)],
    (x) => leaky(copy, x),
    [false, false],
  ], "leak");
  test("timingSafeEqual: equal vs unequal", () => [
    [() => variant(right, (c) => { c[0] ^= 0x01; c[0] ^= 0x01; }), () => flip(right, 0)],
    (x) => lib.timingSafeEqual(copy, x),
    [true, false],
  ]);
}

// Hmac.verify against hex signatures of the empty message (each verify finishes the
// stream; with no update the message is empty).
{
  const key = randomBytes(32);
  const mac = createHmac("sha256", key).update("").digest("hex");
  const h = new lib.Hmac(key);
  test("Hmac.verify (hex): first vs last byte differs", () => [
    [() => flipHex(mac, 0), () => flipHex(mac, 63)],
    (x) => h.verify(x),
    [false, false],
  ]);
  test("Hmac.verify (hex): equal vs unequal", () => [
    [() => flat(mac), () => flipHex(mac, 0)],
    (x) => h.verify(x),
    [true, false],
  ]);
  const raw = Uint8Array.from(createHmac("sha256", key).update("").digest());
  test("Hmac.verify (bytes): equal vs unequal", () => [
    [() => variant(raw, (c) => { c[0] ^= 0x01; c[0] ^= 0x01; }), () => flip(raw, 0)],
    (x) => h.verify(x),
    [true, false],
  ]);
  test("Hmac.verify (bytes): first vs last byte differs", () => [
    [() => flip(raw, 0), () => flip(raw, 31)],
    (x) => h.verify(x),
    [false, false],
  ]);
}

// verifyWebhook, github scheme: X-Hub-Signature-256: sha256=<hex>.
{
  const secret = "It's a Secret to Everybody";
  const payload = "Hello, World!";
  const mac = createHmac("sha256", secret).update(payload).digest("hex");
  const input = (sig, secrets = secret) => ({ secret: secrets, payload, headers: { "x-hub-signature-256": `sha256=${sig}` } });
  test("verifyWebhook(github): first vs last byte differs", () => [
    [() => input(flipHex(mac, 0)), () => input(flipHex(mac, 63))],
    (x) => throwsCode(() => lib.verifyWebhook("github", x), "ERR_SIGNATURE_MISMATCH"),
    [true, true],
  ]);
  const other = "It's a Secret to Everybodz"; // same length: only the content differs
  test("verifyWebhook(github): matching secret first vs second of two", () => [
    [() => input(flat(mac), [flat(secret), flat(other)]), () => input(flat(mac), [flat(other), flat(secret)])],
    (x) => lib.verifyWebhook("github", x).scheme === "github",
    [true, true],
  ]);
}

// parseAuthorizationCallback: the callback's state against the one authorizationUrl gave
// (a CSRF token: where a forged state differs must not show). Both classes throw
// ERR_STATE_MISMATCH; the state is base64url text, as authorizationUrl makes.
{
  const state = "Zm9vYmFyYmF6cXV4cXV1eHh5enp5eHd2dXRzcnFwb25t";
  const B64U = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const other = (c) => B64U[(B64U.indexOf(c) + 1) % 64];
  const forged = (i) => flat(`https://app.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=${state.slice(0, i)}${other(state[i])}${state.slice(i + 1)}`);
  test("parseAuthorizationCallback: state differs in the first vs last character", () => [
    [() => forged(0), () => forged(state.length - 1)],
    (x) => throwsCode(() => lib.parseAuthorizationCallback(x, { state }), "ERR_STATE_MISMATCH"),
    [true, true],
  ]);
}

// verifyJwt (HS256): the token's signature against the MAC under each key. Wrong
// signatures differing in the first vs the last byte (both ERR_SIGNATURE_MISMATCH), and
// two accepted calls where the matching key is the first vs the second of two (rotation:
// which key matched must not show).
{
  const key = "jwt-ct-check-key-0123456789abcdef";
  const other = "jwt-ct-check-key-0123456789abcdeg"; // same length: only the content differs
  const now = 1_700_000_000_000;
  const token = lib.signJwt({ sub: "ct" }, key, { now, expiresInSec: 3600 });
  const input = token.slice(0, token.lastIndexOf("."));
  const sig = Buffer.from(token.slice(token.lastIndexOf(".") + 1), "base64url");
  const wrong = (i) => {
    const s = Uint8Array.from(sig);
    s[i] ^= 0x01;
    return flat(`${input}.${Buffer.from(s).toString("base64url")}`);
  };
  const o = { algorithms: ["HS256"], now };
  test("verifyJwt: signature differs in the first vs last byte", () => [
    [() => wrong(0), () => wrong(31)],
    (x) => throwsCode(() => lib.verifyJwt(x, key, o), "ERR_SIGNATURE_MISMATCH"),
    [true, true],
  ]);
  test("verifyJwt: matching key first vs second of two", () => [
    [() => [flat(key), flat(other)], () => [flat(other), flat(key)]],
    (x) => lib.verifyJwt(token, x, o).payload.sub === "ct",
    [true, true],
  ]);
}

// Tedee keys: 64 lowercase hex digits of SHA-256(token + ts) followed by ts.
{
  const token = "tedee-bridge-token-0123456789abcdef";
  const ts = 1_700_000_000_000;
  const key = lib.tedeeApiKey(token, { timestamp: ts });
  const digest = key.slice(0, 64);
  const wrong = (i) => flat(flipHex(digest, i) + String(ts));
  const v = new lib.TedeeVerifier(token, { toleranceMs: 30_000 });
  test("TedeeVerifier.verify: first vs last digit differs", () => [
    [() => wrong(0), () => wrong(63)],
    (x) => throwsCode(() => v.verify(x, ts), "ERR_KEY_MISMATCH"),
    [true, true],
  ]);
  test("verifyTedeeApiKey: first vs last digit differs", () => [
    [() => wrong(0), () => wrong(63)],
    (x) => throwsCode(() => lib.verifyTedeeApiKey(token, x, { now: ts }), "ERR_KEY_MISMATCH"),
    [true, true],
  ]);
}

// ---------------------------------------------------------------------------------

// Each test runs in a process of its own (this script with --child <index>): in one
// process the tests share the harness's call sites, and what the JIT learned from earlier
// tests (polymorphic calls, deoptimisations) showed up in later ones — a test that passed
// alone failed in the full run.
const CHILD = opt("child", null);
if (CHILD !== null) {
  const t = tests[Number(CHILD)];
  const [makers, call, expect] = t.make();
  const r = measure(t.name, makers, call, expect, t.kind);
  process.stdout.write(`\n@@result ${JSON.stringify({ ...r, kind: t.kind })}\n`);
  process.exit(0);
}

const results = [];
const started = Date.now();
const LOAD = os.loadavg()[0].toFixed(1);
for (const [i, t] of tests.entries()) {
  if (ONLY && !t.name.includes(ONLY)) continue;
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args, "--child", String(i)], {
    encoding: "utf8",
    env: process.env,
    maxBuffer: 1 << 26,
  });
  const out = child.stdout ?? "";
  const marker = out.lastIndexOf("@@result ");
  process.stdout.write(marker >= 0 ? out.slice(0, marker).trimEnd() + "\n" : out);
  if (child.status !== 0 || marker < 0) {
    process.stderr.write(child.stderr ?? "");
    console.error(`${t.name}: the test process failed (exit ${child.status})`);
    process.exit(1);
  }
  results.push(JSON.parse(out.slice(marker + "@@result ".length)));
}
const secs = ((Date.now() - started) / 1000).toFixed(0);

const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));
let md = `# Constant-time check (dudect-style)

Generated by \`npm run ct-check\` (scripts/ct-check.mjs) on ${new Date().toISOString().slice(0, 10)}:
Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ${os.platform()} ${os.arch()}, load average ${LOAD} at the start; ${N.toLocaleString("en-US")} timed calls per test (two classes drawn at random per call), ${secs} s in all.

Welch's t between the two classes' call times, on all samples and on samples cropped at the
given percentile of the pooled distribution. Bar: every |t| < ${BAR}.

| test | mean A (ns) | mean B (ns) | t (all) | t (p99) | t (p95) | t (p90) | t (p75) | t (p50) | max \\|t\\| | result |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
`;
for (const r of results) {
  const t = r.rows.map((x) => fmt(x.t));
  const verdict = r.kind === "reference" ? (r.pass ? "(pass)" : "(fail)")
    : r.kind === "leak" ? (r.pass ? "**NOT DETECTED**" : "leak detected, as it must be")
    : r.pass ? "pass" : "**FAIL**";
  md += `| ${r.name} | ${r.rows[0].ma.toFixed(0)} | ${r.rows[0].mb.toFixed(0)} | ${t.join(" | ")} | ${fmt(r.maxT)} | ${verdict} |\n`;
}
// In --smoke mode nothing is judged by timing (pass is always true there).
const failed = results.filter((r) => (r.kind === "counted" && !r.pass) || (r.kind === "leak" && r.pass && !SMOKE));
const counted = results.filter((r) => r.kind !== "reference");
md += `\n${failed.length === 0 ? "All tests pass the bar." : `${failed.length} test(s) fail the bar.`}\n`;
md += `
What this shows and what it does not: see SECURITY.md ("Constant time"). A pass means that
with ${N.toLocaleString("en-US")} calls the two classes could not be told apart from the outside at
nanosecond resolution on this machine and runtime; it is evidence, not a proof, and says
nothing about other engines, JIT tiers or CPUs.

How the harness keeps its own effects out (each of these, left in, can show as a failing |t|):
every timed call gets a fresh input of its own (with a small pool of inputs reused for
thousands of calls, where those inputs lie in memory sides with one class); both classes'
inputs are made by the same code (a fresh \`Uint8Array\` copy, or a flat one-byte string);
hex signatures differ only within a kind of digit; the timed loop neither stores nor
branches on the result. The reference row runs node:crypto's \`timingSafeEqual\` under the
same test; it is not counted.
`;
if (!ONLY && !SMOKE) {
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, md);
  console.log(`report: ${REPORT}`);
}
console.log(`${counted.length - failed.length} passed, ${failed.length} failed (${results.length - counted.length} reference test(s) not counted)`);
if (results.some((r) => r.kind === "leak" && r.pass && !SMOKE)) console.log("the positive control was not detected: the harness cannot see a known leak here, so no pass means anything");
process.exit(failed.length === 0 ? 0 : 1);
