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
import { randomBytes, createHmac } from "node:crypto";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt("n", 1_000_000));
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
// `call(x)`. Each class gets a pool of POOL inputs, allocated alternately, and every call
// takes a random one: where an input lies in memory (alignment, cache sets) then varies
// alike for both classes instead of telling them apart.

const POOL = 128;

function measure(name, [makeA, makeB], call, expect) {
  // Inputs live in one array; which slots hold class A and which class B is drawn at
  // random, and the whole pool is made anew every EPOCH calls, so where an input lies in
  // memory (alignment, cache sets) cannot side with one class. The timed loop only reads
  // pool[index[i]]: a class-dependent branch right before the timed call would itself
  // show up as a timing difference (the control test catches such harness effects).
  const EPOCH = 2048;
  const makePool = () => {
    const order = randomBytes(2 * POOL);
    const pool = [], slotsA = [], slotsB = [];
    for (let k = 0; k < 2 * POOL; k++) {
      const a = slotsA.length < POOL && (slotsB.length >= POOL || (order[k] & 1) === 0);
      (a ? slotsA : slotsB).push(pool.length);
      pool.push(a ? makeA() : makeB());
    }
    return { pool, slotsA, slotsB };
  };
  const classes = randomBytes(N).map((x) => x & 1);
  const picks = randomBytes(N);
  const times = new Float64Array(N);
  // Warm up both classes so the JIT settles before measuring.
  {
    const { pool } = makePool();
    for (let i = 0; i < 100_000; i++) call(pool[i % (2 * POOL)]);
  }
  // The timed loop discards each call's result. The result is public (the caller learns
  // "equal" or "not equal" anyway), and using it in the loop (storing or branching on it)
  // showed up as a difference between equal and unequal calls of about a cycle: an effect
  // of the harness, not of the comparison (see the control test). Each input's result is
  // checked once instead, outside the timing (checkPool).
  let checked = 0;
  const checkPool = ({ pool, slotsA, slotsB }) => {
    for (const [slots, want] of [[slotsA, expect[0]], [slotsB, expect[1]]]) {
      for (const k of slots) {
        const got = call(pool[k]);
        if (got !== want) throw new Error(`${name}: expected ${want}, got ${got}`);
        checked++;
      }
    }
  };
  let pool, index = new Uint32Array(EPOCH);
  for (let i = 0; i < N; i++) {
    if (i % EPOCH === 0) {
      const p = makePool();
      checkPool(p);
      pool = p.pool;
      for (let j = 0; j < EPOCH && i + j < N; j++) {
        const slots = classes[i + j] ? p.slotsB : p.slotsA;
        index[j] = slots[picks[i + j] % POOL];
      }
    }
    const x = pool[index[i % EPOCH]];
    const t0 = process.hrtime.bigint();
    call(x);
    const t1 = process.hrtime.bigint();
    times[i] = Number(t1 - t0);
  }
  const rows = analyse(times, classes);
  if (process.env.CT_VERBOSE) for (const r of rows) console.log(`   keep ${r.keep}: n ${r.na}/${r.nb} means ${r.ma.toFixed(1)}/${r.mb.toFixed(1)} t ${r.t.toFixed(2)}`);
  const maxT = Math.max(...rows.map((r) => Math.abs(r.t)));
  const pass = maxT < BAR;
  console.log(`${pass ? "ok  " : "FAIL"} ${name}: max |t| = ${maxT.toFixed(2)} (means ${rows[0].ma.toFixed(0)} / ${rows[0].mb.toFixed(0)} ns, n = ${N}; results checked on ${checked} inputs)`);
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
const test = (name, make) => tests.push({ name, make });

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

const results = [];
const started = Date.now();
for (const t of tests) {
  if (ONLY && !t.name.includes(ONLY)) continue;
  const [makers, call, expect] = t.make();
  results.push(measure(t.name, makers, call, expect));
}
const secs = ((Date.now() - started) / 1000).toFixed(0);

const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));
let md = `# Constant-time check (dudect-style)

Generated by \`npm run ct-check\` (scripts/ct-check.mjs) on ${new Date().toISOString().slice(0, 10)}:
Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ${os.platform()} ${os.arch()}; ${N.toLocaleString("en-US")} timed calls per test (two classes drawn at random per call), ${secs} s in all.

Welch's t between the two classes' call times, on all samples and on samples cropped at the
given percentile of the pooled distribution. Bar: every |t| < ${BAR}.

| test | mean A (ns) | mean B (ns) | t (all) | t (p99) | t (p95) | t (p90) | t (p75) | t (p50) | max \\|t\\| | result |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
`;
for (const r of results) {
  const t = r.rows.map((x) => fmt(x.t));
  md += `| ${r.name} | ${r.rows[0].ma.toFixed(0)} | ${r.rows[0].mb.toFixed(0)} | ${t.join(" | ")} | ${fmt(r.maxT)} | ${r.pass ? "pass" : "**FAIL**"} |\n`;
}
const failed = results.filter((r) => !r.pass);
md += `\n${failed.length === 0 ? "All tests pass the bar." : `${failed.length} test(s) fail the bar.`}\n`;
md += `
What this shows and what it does not: see SECURITY.md ("Constant time"). A pass means that
with ${N.toLocaleString("en-US")} calls the two classes could not be told apart from the outside at
nanosecond resolution on this machine and runtime; it is evidence, not a proof, and says
nothing about other engines, JIT tiers or CPUs.
`;
if (!ONLY) {
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, md);
  console.log(`report: ${REPORT}`);
}
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
