// The script build (pkg/postman.cjs, authsmith/postman: no WebAssembly) and the Postman
// collection in postman/, against the mock Tedee bridge (tests/mock-bridge.mjs):
//   1. the script build in a node:vm context without WebAssembly, TextEncoder,
//      TextDecoder, crypto and globalThis gives the same results as the wasm build on the
//      shared vectors and on random inputs; randomness throws ERR_NO_RANDOM there;
//   2. every environment-agnostic suite (tests/js/suite) passes on the script build;
//   3. the mock bridge: freshness window, replays, increasing keys, 401 reasons, plain mode;
//   4. newman 6.2.2 (postman-sandbox 4.7.1) runs the collection: 20 requests in a row all
//      200 with header and with query placement, replay → 401, PLAIN mode, unlock;
//      pm.require through postman-runtime's package resolver;
//   5. the same on the current sandbox generation (postman-runtime 7.56.1 with
//      postman-sandbox 6.7.4), installed from tests/postman-current into tests/out.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { spawnSync } from "node:child_process";
import { createHash, webcrypto } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as wasm from "authsmith";
import newman from "newman";
import { startMockBridge } from "../mock-bridge.mjs";
import { suites } from "./suite/index.mjs";
import { loadVectors } from "./vectors.mjs";
import { collectionPreRequest, preRequestLines, jwtPreRequestLines } from "../../postman/sync-collection.mjs";
import { createServer } from "node:http";
import { Utf8Decoder, Utf8Encoder } from "../../scripts/postman-shim.js";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT_PATH = require.resolve("authsmith/postman");
const SCRIPT = readFileSync(SCRIPT_PATH, "utf8");
// The collections load the script build of the one entry they need.
const TEDEE_SCRIPT = readFileSync(require.resolve("authsmith/postman/tedee"), "utf8");
const JWT_SCRIPT = readFileSync(require.resolve("authsmith/postman/jwt"), "utf8");
const VERSION = JSON.parse(readFileSync(new URL("package.json", `file://${root}`), "utf8")).version;
const vectors = loadVectors();
const readJson = (p) => JSON.parse(readFileSync(new URL(p, `file://${root}`), "utf8"));
const COLLECTION = readJson("postman/tedee-bridge.postman_collection.json");
const JWT_COLLECTION = readJson("postman/jwt-bearer.postman_collection.json");
const GLOBALS = readJson("postman/tedee.postman_globals.json");
const ENVIRONMENT = readJson("postman/tedee-bridge.postman_environment.json");
const TOKEN = "BE9xnPnGfVUS";
const HIDDEN = ["WebAssembly", "TextEncoder", "TextDecoder", "crypto", "globalThis"];

const hex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.length).toString("hex");

/**
 * A fresh node:vm context as hostile as newman's sandbox: no WebAssembly, TextEncoder,
 * TextDecoder or globalThis; `crypto` only when given. Returns { ctx, lib, run }.
 */
function hostileContext({ crypto } = {}) {
  const ctx = vm.createContext(crypto ? { crypto } : {});
  vm.runInContext("delete this.WebAssembly; delete this.TextEncoder; delete this.TextDecoder; delete this.crypto; delete this.globalThis;", ctx);
  if (crypto) ctx.crypto = crypto;
  const lib = vm.runInContext(SCRIPT, ctx, { filename: "postman.cjs" });
  return { ctx, lib, run: (code) => vm.runInContext(code, ctx) };
}

// ---------------------------------------------------------------------------------------
// 1. The script build against the wasm build, in a hostile context
// ---------------------------------------------------------------------------------------

describe("script build (pkg/postman.cjs) in a context without WebAssembly/TextEncoder/TextDecoder/crypto/globalThis", () => {
  const { ctx, lib, run } = hostileContext();
  const U8 = run("Uint8Array");
  const toCtx = (v) => {
    if (v instanceof Uint8Array) return U8.from(v);
    if (v !== null && typeof v === "object") return run("JSON.parse")(JSON.stringify(v));
    return v;
  };
  /** What a call gives, comparable across the two builds (and realms). */
  const outcome = (f) => {
    try {
      const r = f();
      if (r && typeof r === "object" && typeof r.length === "number" && typeof r.BYTES_PER_ELEMENT === "number") return { bytes: hex(r) };
      return { value: JSON.stringify(r) };
    } catch (e) {
      return { error: [e && e.name, e && e.code, e && e.message] };
    }
  };
  /** Calls `name` on both builds with the same arguments and asserts the same outcome. */
  const same = (name, ...args) => {
    const a = outcome(() => wasm[name](...args));
    const b = outcome(() => lib[name](...args.map(toCtx)));
    assert.deepEqual(b, a, `${name}(${args.map((x) => JSON.stringify(x instanceof Uint8Array ? hex(x) : x)?.slice(0, 80)).join(", ")})`);
    return a;
  };

  test("the context really lacks them, and eval declares `authsmith`", () => {
    for (const g of HIDDEN) assert.equal(run(`typeof ${g}`), "undefined", g);
    assert.equal(run("typeof authsmith"), "object");
    assert.equal(run("authsmith"), lib);
    const inFunction = run("(function (src) { var r = eval(src); return [typeof authsmith, r === authsmith, typeof r.sha256Hex]; })");
    assert.deepEqual([...inFunction(SCRIPT)], ["object", true, "function"]);
    // CommonJS, as pm.require and Node's require load it
    const mod = run("({ exports: {} })");
    run("(function (module, exports, src) { eval(src); })")(mod, mod.exports, SCRIPT);
    assert.equal(typeof mod.exports.tedeeApiKey, "function");
  });

  test("the same API surface as the main entry", () => {
    const cjs = require("authsmith");
    assert.deepEqual(Object.keys(lib).sort(), Object.keys(cjs).sort());
    assert.deepEqual([...lib.ERROR_CODES], [...wasm.ERROR_CODES]);
    const e = new lib.AuthsmithError("ERR_REPLAY", "x");
    assert.ok(lib.isAuthsmithError(e) && wasm.isAuthsmithError(e) && e instanceof run("Error"));
    assert.equal(typeof lib.ready().then, "function");
    assert.equal(new lib.Hmac("k").update("a").update("b").digest(), wasm.hmacSha256("k", "ab"), "update is chainable");
  });

  test("NIST SHA-256 short messages: both builds give the published digests", () => {
    const v = vectors["nist_sha256_short.json"].tests;
    assert.equal(v.length, 65);
    for (const t of v) {
      const msg = Buffer.from(t.msg_hex, "hex");
      assert.deepEqual(same("sha256Hex", new Uint8Array(msg)), { value: JSON.stringify(t.md_hex) });
      assert.deepEqual(same("sha256", new Uint8Array(msg)), { bytes: t.md_hex });
    }
  });

  test("RFC 4231 HMAC-SHA256: both builds, every encoding and the streaming Hmac", () => {
    const v = vectors["rfc4231_hmac_sha256.json"].tests;
    assert.equal(v.length, 7);
    for (const t of v) {
      const key = new Uint8Array(Buffer.from(t.key_hex, "hex"));
      const data = new Uint8Array(Buffer.from(t.data_hex, "hex"));
      const full = JSON.parse(same("hmacSha256", key, data).value);
      assert.ok(full.startsWith(t.hmac_sha256_hex), `case ${t.tc_id}`);
      same("hmacSha256", key, data, "base64");
      same("hmacSha256", key, data, "base64url");
      same("hmacSha256Bytes", key, data);
      const h = new lib.Hmac(toCtx(key));
      assert.equal(h.update(toCtx(data.subarray(0, 3))).update(toCtx(data.subarray(3))).digest(), full);
      assert.equal(h.update(toCtx(data)).verify(full), true);
      h.free();
    }
  });

  test("Tedee: the how-to's example, plain mode, verification, generator and verifier", () => {
    const v = vectors["tedee.json"].cases;
    const [enc, plain, seconds] = v;
    assert.deepEqual(same("tedeeApiKey", enc.token, { timestamp: enc.timestamp_ms }), { value: JSON.stringify(enc.expected_api_token) });
    assert.deepEqual(same("tedeeApiKey", plain.token, { mode: "plain" }), { value: JSON.stringify(plain.expected_api_token) });
    assert.notEqual(lib.tedeeApiKey(seconds.token, { timestamp: seconds.timestamp_s * 1000 }), seconds.must_not_equal.replace(/./, "x"));
    assert.equal(lib.tedeeApiKey(seconds.token, { timestamp: seconds.timestamp_s }), seconds.api_token_if_seconds_were_used);
    same("verifyTedeeApiKey", enc.token, enc.expected_api_token, { now: enc.timestamp_ms });
    same("verifyTedeeApiKey", enc.token, enc.expected_api_token, { now: enc.timestamp_ms + 30_001 });
    same("verifyTedeeApiKey", "other", enc.expected_api_token, { now: enc.timestamp_ms });
    same("verifyTedeeApiKey", enc.token, enc.expected_api_token.toUpperCase(), { now: enc.timestamp_ms });
    const gen = new lib.TedeeKeyGenerator(TOKEN);
    const keys = [gen.next(1000), gen.next(1000), gen.next(999), gen.next(5000)];
    assert.deepEqual(keys.map((k) => k.slice(64)), ["1000", "1001", "1002", "5000"]);
    assert.equal(gen.lastTimestamp, 5000);
    const ver = new lib.TedeeVerifier(TOKEN);
    assert.deepEqual({ ...ver.verify(keys[3], 5000) }, { timestamp: 5000 });
    assert.throws(() => ver.verify(keys[3], 5000), (e) => e.code === "ERR_REPLAY" && lib.isAuthsmithError(e));
  });

  test("RFC 7617 Basic: both builds, UTF-8 and not Latin-1", () => {
    const basic = vectors["rfc_misc.json"].basic;
    assert.equal(basic.length, 4);
    for (const c of basic) {
      const header = JSON.parse(same("basicAuth", c.user_id, c.password).value);
      if (c.expected_credentials) assert.equal(header, `Basic ${c.expected_credentials}`, c.id);
      if (c.must_not_equal) assert.notEqual(header, `Basic ${c.credentials_if_latin1}`);
      same("parseBasicAuth", header);
    }
  });

  test("random inputs: both builds agree (values and errors), across memory growth", () => {
    let seed = Number(process.env.AUTHSMITH_SEED) || 0x5eed1234;
    const rnd = () => {
      seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
      return seed / 2 ** 32;
    };
    const int = (n) => Math.floor(rnd() * n);
    const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
    const pieces = ["a", "Z", "0", ":", " ", "=", "/", "+", "\u00a3", "\u00e9", "\u20ac", "\ud83d\ude00", "\u0000", "\n", "\ud800", "\udc00", "%", "&"];
    const str = (n) => Array.from({ length: n }, () => (rnd() < 0.5 ? String.fromCharCode(32 + int(95)) : pieces[int(pieces.length)])).join("");
    let calls = 0;
    for (let i = 0; i < 250; i++) {
      const len = i % 50 === 49 ? 70_000 + int(70_000) : int(300);
      const data = rnd() < 0.5 ? bytes(len) : str(len);
      const key = rnd() < 0.5 ? bytes(int(100)) : str(int(80));
      same("sha256Hex", data);
      same("hmacSha256", key, data, ["hex", "base64", "base64url"][int(3)]);
      same("hmacSha256Bytes", key, data);
      same("timingSafeEqual", data, rnd() < 0.5 ? data : str(int(5)));
      const user = str(int(20)), pass = str(int(20));
      same("basicAuth", user, pass);
      same("parseBasicAuth", `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`);
      same("bearerAuth", str(int(30)));
      const tok = str(1 + int(40));
      const ts = int(2 ** 31) * 1000 + int(1000);
      same("tedeeApiKey", tok, { timestamp: ts });
      same("tedeeApiKey", tok, { mode: rnd() < 0.5 ? "plain" : "encrypted", timestamp: ts });
      let key2 = "0".repeat(64) + ts;
      try {
        key2 = wasm.tedeeApiKey(tok, { timestamp: ts });
      } catch {} // a token with a lone surrogate: compared above
      same("verifyTedeeApiKey", tok, rnd() < 0.8 ? key2 : key2.slice(0, -1), { now: ts + int(60_000) - 30_000 });
      same("redact", `Authorization: Basic ${str(10)}\napi_token=${str(12)}&x=1 https://u:${str(5)}@h.example/p?api_token=abc`);
      same("applyAuth", { url: `https://bridge.example/v1.0/lock?x=${i}`, headers: { accept: "application/json" } },
        { type: "tedee", token: tok, in: rnd() < 0.5 ? "header" : "query", mode: "encrypted" }, { now: ts });
      same("applyAuth", { url: "https://api.example/x" }, { type: "basic", username: user, password: pass });
      same("hmacSignatureHeaders", key, { timestamp: int(2 ** 31) });
      calls += 13;
    }
    // a 4 MiB input grows the (JS) memory; strings read after that must come from the new buffer
    const big = "\u20ac".repeat(1_400_000);
    assert.equal(lib.sha256Hex(big), createHash("sha256").update(big).digest("hex"));
    assert.equal(lib.tedeeApiKey(TOKEN, { timestamp: 1691058833000 }), vectors["tedee.json"].cases[0].expected_api_token);
    assert.ok(calls > 3000);
  });

  test("randomness without a CSPRNG: ERR_NO_RANDOM, never a fallback, and the module keeps working", () => {
    for (const [name, args] of [["randomBytes", [16]], ["randomToken", []], ["generateApiKey", []], ["generateWebhookSecret", []]]) {
      assert.throws(() => lib[name](...args), (e) => lib.isAuthsmithError(e) && e.code === "ERR_NO_RANDOM", name);
    }
    assert.equal(lib.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("randomness with crypto.getRandomValues in scope (no globalThis): it is used", () => {
    const { lib: withCrypto, run: r2 } = hostileContext({ crypto: webcrypto });
    assert.equal(r2("typeof globalThis"), "undefined");
    const t1 = withCrypto.randomToken(), t2 = withCrypto.randomToken();
    assert.match(t1, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(t1, t2);
    const big = withCrypto.randomBytes(70_000); // more than one getRandomValues call (64 KiB)
    assert.equal(big.length, 70_000);
    assert.ok(big.subarray(65_536).some((x) => x !== 0));
    assert.match(withCrypto.generateWebhookSecret(), /^whsec_[A-Za-z0-9+/]{43}=$/);
  });
});

test("UTF-8 fallbacks (used where TextEncoder/TextDecoder are missing) match the native ones", () => {
  const enc = new Utf8Encoder(), dec = new Utf8Decoder(), nEnc = new TextEncoder(), nDec = new TextDecoder("utf-8", { ignoreBOM: true });
  let seed = 42;
  const rnd = (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    const s = Array.from({ length: rnd(20) }, () => String.fromCharCode(rnd(4) === 0 ? 0xd800 + rnd(0x800) : rnd(4) === 0 ? rnd(0x10000) : rnd(0x80))).join("");
    assert.deepEqual(enc.encode(s), nEnc.encode(s));
    const into = new Uint8Array(rnd(30)), nInto = new Uint8Array(into.length);
    assert.deepEqual(enc.encodeInto(s, into), nEnc.encodeInto(s, nInto));
    assert.deepEqual(into, nInto);
    const b = Uint8Array.from({ length: rnd(24) }, () => (rnd(3) === 0 ? rnd(256) : [0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0x80, 0xbf, 0x41][rnd(8)]));
    assert.equal(dec.decode(b), nDec.decode(b), hex(b));
  }
  assert.equal(dec.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), "\ufeffA");
});

// Left out here, not counted: the 64 MiB case (about 30 s through wasm2js, which hashes
// about 5 MB/s); chunked input and memory growth are checked above with 70 000-byte and
// 4 MiB inputs, and the case itself runs on the wasm build in conformance.test.mjs.
const SLOW = /64 MiB/;
describe("script build loaded with require(): every environment-agnostic suite", () => {
  const lib = require("authsmith/postman");
  for (const [suiteName, suite] of Object.entries(suites)) {
    for (const [name, fn] of suite(lib, { vectors, env: "node" })) if (!SLOW.test(name)) test(`${suiteName}: ${name}`, fn);
  }
});

// ---------------------------------------------------------------------------------------
// 2. The mock bridge
// ---------------------------------------------------------------------------------------

describe("mock Tedee bridge", () => {
  let bridge;
  let now = 1_700_000_000_000;
  before(async () => {
    bridge = await startMockBridge({ token: TOKEN, now: () => now });
  });
  after(() => bridge.close());
  const get = async (key, { query = false, path = "/v1.0/lock" } = {}) => {
    const url = new URL(path, bridge.url);
    if (query && key !== undefined) url.searchParams.set("api_token", key);
    const r = await fetch(url, { headers: !query && key !== undefined ? { api_token: key } : {} });
    return { status: r.status, body: await r.json() };
  };

  test("a fresh key: 200; the same key again: 401 ERR_REPLAY with a reason", async () => {
    const key = wasm.tedeeApiKey(TOKEN, { timestamp: now });
    const ok = await get(key);
    assert.equal(ok.status, 200);
    assert.ok(Array.isArray(ok.body));
    const again = await get(key, { query: true });
    assert.equal(again.status, 401);
    assert.equal(again.body.error, "ERR_REPLAY");
    assert.equal(typeof again.body.reason, "string");
  });

  test("freshness window (30 s each way), increasing timestamps, wrong token, missing key", async () => {
    now += 100_000;
    assert.equal((await get(wasm.tedeeApiKey(TOKEN, { timestamp: now - 30_001 }))).body.error, "ERR_TIMESTAMP_TOO_OLD");
    assert.equal((await get(wasm.tedeeApiKey(TOKEN, { timestamp: now + 30_001 }))).body.error, "ERR_TIMESTAMP_TOO_NEW");
    assert.equal((await get(wasm.tedeeApiKey(TOKEN, { timestamp: now - 30_000 }), { path: "/v1.0/bridge" })).status, 200);
    assert.equal((await get(wasm.tedeeApiKey(TOKEN, { timestamp: now + 10 }))).status, 200);
    const older = await get(wasm.tedeeApiKey(TOKEN, { timestamp: now + 5 }));
    assert.deepEqual([older.status, older.body.error], [401, "not_increasing"]);
    assert.equal((await get(wasm.tedeeApiKey("wrong", { timestamp: now + 20 }))).body.error, "ERR_KEY_MISMATCH");
    assert.equal((await get(`x${wasm.tedeeApiKey(TOKEN, { timestamp: now + 30 })}`)).body.error, "ERR_MALFORMED_API_KEY");
    const none = await get(undefined);
    assert.deepEqual([none.status, none.body.error], [401, "missing_api_token"]);
  });

  test("plain mode: the token itself, as often as sent; an encrypted key is refused", async () => {
    bridge.setMode("plain");
    try {
      assert.equal((await get(TOKEN)).status, 200);
      assert.equal((await get(TOKEN, { query: true })).status, 200);
      assert.equal((await get(wasm.tedeeApiKey(TOKEN, { timestamp: now }))).status, 401);
      assert.equal((await get("BE9xnPnGfVUs")).body.error, "ERR_KEY_MISMATCH");
    } finally {
      bridge.setMode("encrypted");
    }
  });
});

// ---------------------------------------------------------------------------------------
// 3. The collection on newman
// ---------------------------------------------------------------------------------------

test("postman/: the collection's pre-request script is postman/tedee-prerequest.js, pinned to this version", () => {
  assert.deepEqual(collectionPreRequest(COLLECTION), preRequestLines());
  assert.ok(preRequestLines().some((l) => l.includes(`pm.require("npm:authsmith@${VERSION}/postman/tedee")`)), "pm.require names the package version and the Tedee script build");
  assert.equal(COLLECTION.info.schema, "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
  const keys = GLOBALS.values.map((v) => v.key);
  for (const k of ["API_TOKEN", "API_TOKEN_MODE", "API_KEY", "AUTHSMITH_SCRIPT"]) assert.ok(keys.includes(k), k);
});

test("postman/: the JWT collection's pre-request script is postman/jwt-prerequest.js, pinned to this version", () => {
  assert.deepEqual(collectionPreRequest(JWT_COLLECTION), jwtPreRequestLines());
  assert.ok(jwtPreRequestLines().some((l) => l.includes(`pm.require("npm:authsmith@${VERSION}/postman/jwt")`)));
  assert.equal(JWT_COLLECTION.info.schema, "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
});

/** An API that takes `Authorization: Bearer <HS256 JWT>`, checked with the wasm build's verifyJwt. */
async function startJwtApi(secret) {
  const received = [];
  const server = createServer((req, res) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization || "");
    let status = 401, body = { error: "missing_token" };
    if (m) {
      try {
        const { header, payload } = wasm.verifyJwt(m[1], secret, { algorithms: ["HS256"], audience: "api", maxTokenAgeSec: 60 });
        status = 200;
        body = payload;
        received.push({ status, header, payload, token: m[1] });
      } catch (e) {
        body = { error: e.code || e.name };
        received.push({ status, error: body.error });
      }
    } else received.push({ status, error: body.error });
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((r) => server.close(r)) };
}

function scope(base, values) {
  const copy = structuredClone(base);
  for (const [key, value] of Object.entries(values)) {
    const v = copy.values.find((x) => x.key === key);
    if (v) v.value = value;
    else copy.values.push({ key, value, type: "default", enabled: true });
  }
  return copy;
}

function withCollectionVar(collection, key, value) {
  const c = structuredClone(collection);
  c.variable.find((v) => v.key === key).value = value;
  return c;
}

/** A tiny collection: `requests` of { name, url, headers, prerequest, tests }. */
function miniCollection(requests) {
  return {
    info: { name: "authsmith test", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
    item: requests.map((r) => ({
      name: r.name,
      event: [
        ...(r.prerequest ? [{ listen: "prerequest", script: { type: "text/javascript", exec: r.prerequest } }] : []),
        ...(r.tests ? [{ listen: "test", script: { type: "text/javascript", exec: r.tests } }] : []),
      ],
      request: { method: "GET", header: Object.entries(r.headers || {}).map(([key, value]) => ({ key, value })), url: r.url },
    })),
  };
}

const PROBE = [
  "pm.globals.set('probe', JSON.stringify({",
  "  WebAssembly: typeof WebAssembly, TextEncoder: typeof TextEncoder, TextDecoder: typeof TextDecoder,",
  "  crypto: typeof crypto, globalThis: typeof globalThis, pmRequire: typeof pm.require }));",
  "var lib = eval(pm.globals.get('AUTHSMITH_SCRIPT'));",
  "var r; try { r = { token: lib.randomToken() }; } catch (e) { r = { name: e.name, code: e.code }; }",
  "pm.globals.set('random', JSON.stringify(r));",
  "pm.globals.set('hash', lib.sha256Hex('h\\u00e9llo \\ud83d\\ude00'));",
  "pm.globals.set('declared', String(typeof authsmith === 'object' && authsmith === lib));",
];

/** The newman/runtime-driven checks, for one sandbox generation. */
function collectionChecks(label, getNewman, expectSandbox) {
  const runNewman = (options) =>
    new Promise((resolve, reject) => {
      getNewman().run({ reporters: [], ...options }, (err, summary) => (err ? reject(err) : resolve(summary)));
    });

  describe(`${label}: the Tedee collection against the mock bridge`, () => {
    let bridge;
    before(async () => {
      bridge = await startMockBridge({ token: TOKEN });
    });
    after(() => bridge?.close());

    const env = (placement, extra = {}) => scope(ENVIRONMENT, { BRIDGE_URL: bridge.url, API_TOKEN_PLACEMENT: placement, ...extra });
    const globals = (extra = {}) => scope(GLOBALS, { API_TOKEN: TOKEN, AUTHSMITH_SCRIPT: TEDEE_SCRIPT, ...extra });
    const failures = (s) => s.run.failures.map((f) => `${f.source?.name}: ${f.error?.message}`);

    async function readRun(placement, { collection = COLLECTION, extraGlobals = {}, iterations = 10 } = {}) {
      const from = bridge.received.length;
      const summary = await runNewman({ collection, globals: globals(extraGlobals), environment: env(placement), iterationCount: iterations, folder: "Read" });
      return { summary, got: bridge.received.slice(from) };
    }

    test("the sandbox is the one we mean", async () => {
      const s = await runNewman({ collection: miniCollection([{ name: "probe", url: `${bridge.url}/v1.0/bridge`, prerequest: PROBE }]), globals: globals({ AUTHSMITH_SCRIPT: SCRIPT }) });
      const g = s.globals.toObject();
      assert.deepEqual(JSON.parse(g.probe), expectSandbox.probe);
      assert.deepEqual(JSON.parse(g.random), expectSandbox.random(JSON.parse(g.random)));
      assert.equal(g.hash, createHash("sha256").update("h\u00e9llo \ud83d\ude00").digest("hex"));
      assert.equal(g.declared, "true", "eval declares `authsmith` in the script's scope");
    });

    for (const placement of ["header", "query"]) {
      test(`ENCRYPTED, ${placement}: 20 requests in a row, no delay, all 200 with strictly increasing keys`, async () => {
        const { summary, got } = await readRun(placement);
        assert.deepEqual(failures(summary), []);
        assert.equal(summary.run.stats.requests.total, 20);
        assert.equal(summary.run.stats.assertions.failed, 0);
        assert.equal(got.length, 20);
        assert.deepEqual(got.map((r) => [r.placement, r.status]), Array(20).fill([placement, 200]));
        for (let i = 1; i < got.length; i++) assert.ok(got[i].timestamp > got[i - 1].timestamp, "strictly increasing");
        assert.equal(summary.globals.toObject().API_KEY, got[19].key, "API_KEY holds the key sent");
      });
    }

    test("the kept timestamp is honoured: with it set 5 s ahead, each key is the previous + 1 ms", async () => {
      const start = Date.now() + 5000;
      const { summary, got } = await readRun("header", { collection: withCollectionVar(COLLECTION, "AUTHSMITH_TEDEE_LAST_MS", String(start)) });
      assert.deepEqual(failures(summary), []);
      assert.deepEqual(got.map((r) => r.timestamp), Array.from({ length: 20 }, (_, i) => start + 1 + i));
      assert.ok(got.every((r) => r.status === 200));
    });

    test("the how-to's CryptoJS script (seconds + \"000\") is refused by the same bridge: keys repeat", async () => {
      const howto = [
        'var token = pm.globals.get("API_TOKEN");',
        "var timestamp = pm.variables.replaceIn('{{$timestamp}}') + \"000\";",
        "var C = typeof CryptoJS !== 'undefined' ? CryptoJS : require('crypto-js');",
        "var hash = C.SHA256(token + timestamp).toString();",
        'pm.request.headers.upsert({ key: "api_token", value: hash + timestamp });',
      ];
      const c = structuredClone(COLLECTION);
      c.event[0].script.exec = howto;
      const { got } = await readRun("header", { collection: c });
      assert.equal(got.length, 20);
      assert.ok(got.filter((r) => r.status === 401).length >= 1, "at least two requests fell in one second");
      assert.ok(got.filter((r) => r.status === 401).every((r) => r.error === "ERR_REPLAY" || r.error === "not_increasing"));
    });

    test("a replayed key gets 401 with the reason in JSON", async () => {
      const { got } = await readRun("header", { iterations: 1 });
      const used = got[0].key;
      const s = await runNewman({
        collection: miniCollection([{
          name: "replay",
          url: `${bridge.url}/v1.0/lock`,
          headers: { api_token: used },
          tests: [
            "pm.test('401', function () { pm.response.to.have.status(401); });",
            "pm.test('reason', function () { pm.expect(pm.response.json().error).to.equal('ERR_REPLAY'); });",
          ],
        }]),
      });
      assert.deepEqual(failures(s), []);
      assert.equal(s.run.stats.assertions.total, 2);
      assert.equal(bridge.received.at(-1).error, "ERR_REPLAY");
    });

    test("PLAIN mode works when the bridge is set to plain, in both placements; ENCRYPTED keys are refused there", async () => {
      bridge.setMode("plain");
      try {
        for (const placement of ["header", "query"]) {
          const { summary, got } = await readRun(placement, { extraGlobals: { API_TOKEN_MODE: "PLAIN" } });
          assert.deepEqual(failures(summary), []);
          assert.deepEqual(got.map((r) => [r.placement, r.key, r.status]), Array(20).fill([placement, TOKEN, 200]));
        }
        const { summary, got } = await readRun("header", { iterations: 1 });
        assert.equal(got[0].status, 401);
        assert.equal(summary.run.failures.length > 0, true);
      } finally {
        bridge.setMode("encrypted");
      }
    });

    test("PLAIN mode in the query: a token with reserved characters arrives unchanged", async () => {
      const odd = "a+b/c=d&e%f?g#h";
      const b2 = await startMockBridge({ token: odd, mode: "plain" });
      try {
        const s = await runNewman({ collection: COLLECTION, globals: globals({ API_TOKEN: odd, API_TOKEN_MODE: "PLAIN" }),
          environment: scope(ENVIRONMENT, { BRIDGE_URL: b2.url, API_TOKEN_PLACEMENT: "query" }), folder: "Read" });
        assert.deepEqual(failures(s), []);
        assert.deepEqual(b2.received.map((r) => r.status), [200, 200]);
      } finally {
        await b2.close();
      }
    });

    test("Unlock (POST /v1.0/lock/{id}/unlock): 202 and the lock is unlocked", async () => {
      const s = await runNewman({ collection: COLLECTION, globals: globals(), environment: env("header"), folder: "Operate (moves the lock)" });
      assert.deepEqual(failures(s), []);
      assert.equal(bridge.received.at(-1).path, "/v1.0/lock/12345/unlock");
      assert.equal(bridge.locks[0].state, 2);
    });

    test("the JWT collection: a fresh short-lived HS256 bearer token per request, verified by the API", async () => {
      const secret = "postman-jwt-secret-0123456789abcdef";
      const api = await startJwtApi(secret);
      try {
        const c = withCollectionVar(JWT_COLLECTION, "API_URL", api.url);
        const vars = { AUTHSMITH_SCRIPT: JWT_SCRIPT, JWT_SECRET: secret, JWT_CLAIMS: '{"sub":"postman","aud":"api"}', JWT_TTL_SEC: "120", JWT_KID: "k1" };
        const s = await runNewman({ collection: c, globals: scope({ values: [] }, vars), iterationCount: 3 });
        assert.deepEqual(failures(s), []);
        assert.equal(s.run.stats.assertions.failed, 0);
        assert.equal(api.received.length, 3);
        for (const r of api.received) {
          assert.equal(r.status, 200, r.error);
          assert.deepEqual(r.header, { alg: "HS256", typ: "JWT", kid: "k1" });
          assert.equal(r.payload.sub, "postman");
          assert.equal(r.payload.exp - r.payload.iat, 120);
          assert.ok(Math.abs(r.payload.iat * 1000 - Date.now()) < 60_000, "iat is now, in seconds");
        }
        assert.equal(s.globals.toObject().JWT ?? s.environment?.toObject?.().JWT ?? api.received[2].token, api.received[2].token);
        // the same token checked by jose too
        const jose = await import("jose");
        await jose.jwtVerify(api.received[0].token, new TextEncoder().encode(secret), { algorithms: ["HS256"], audience: "api" });
        // a wrong secret: the API refuses it; a short one: the script stops with the RFC's reason
        const bad = await runNewman({ collection: c, globals: scope({ values: [] }, { ...vars, JWT_SECRET: "another-secret-0123456789abcdefghij" }) });
        assert.equal(api.received.at(-1).error, "ERR_SIGNATURE_MISMATCH");
        assert.ok(bad.run.failures.length > 0);
        const short = await runNewman({ collection: c, globals: scope({ values: [] }, { ...vars, JWT_SECRET: "short" }) });
        assert.ok(short.run.failures.some((f) => /RFC 7518/.test(f.error.message)), failures(short).join("; "));
      } finally {
        await api.close();
      }
    });

    test("a bad API_TOKEN_MODE fails the script with a clear error; no key is sent (newman still sends the request: 401)", async () => {
      const from = bridge.received.length;
      const s = await runNewman({ collection: COLLECTION, globals: globals({ API_TOKEN_MODE: "ENCRYPT" }), environment: env("header"), folder: "Read" });
      assert.ok(s.run.failures.some((f) => /API_TOKEN_MODE must be ENCRYPTED or PLAIN/.test(f.error.message)));
      assert.deepEqual(bridge.received.slice(from).map((r) => [r.placement, r.error]), Array(2).fill(["none", "missing_api_token"]));
    });
  });
}

const newmanOld = {
  probe: { WebAssembly: "undefined", TextEncoder: "undefined", TextDecoder: "undefined", crypto: "undefined", globalThis: "undefined", pmRequire: "undefined" },
  random: () => ({ name: "AuthsmithError", code: "ERR_NO_RANDOM" }),
};
collectionChecks("newman 6.2.2 (postman-sandbox 4.7.1)", () => newman, newmanOld);

// pm.require: the Postman app and CLI resolve `npm:` packages themselves; postman-runtime
// takes that resolver as options.script.packageResolver (newman passes none), and the
// sandbox then loads the code as CommonJS. Drive the runtime directly to check that path.
function runWithPackages(runtimeRequire, collection, globalsJson, environmentJson) {
  const runtime = runtimeRequire("postman-runtime");
  const sdk = runtimeRequire("postman-collection");
  const resolved = {};
  const runner = new runtime.Runner();
  return new Promise((resolve, reject) => {
    runner.run(new sdk.Collection(collection), {
      globals: new sdk.VariableScope(globalsJson),
      environment: new sdk.VariableScope(environmentJson),
      script: {
        packageResolver({ packages }, cb) {
          resolved.asked = packages;
          cb(null, { [`npm:authsmith@${VERSION}/postman/tedee`]: { data: TEDEE_SCRIPT } });
        },
      },
    }, (err, run) => {
      if (err) return reject(err);
      const out = { assertions: [], errors: [], codes: [] };
      run.start({
        assertion: (_c, list) => out.assertions.push(...list),
        script: (e) => e && out.errors.push(e),
        exception: (_c, e) => out.errors.push(e),
        response: (e, _c, response) => out.codes.push(e ? String(e) : response.code),
        done: (e) => (e ? reject(e) : resolve(out)),
      });
    });
  });
}

function pmRequireCheck(label, runtimeRequire) {
  test(`${label}: pm.require('npm:authsmith@${VERSION}/postman/tedee') path (AUTHSMITH_SCRIPT empty), 20 requests`, async () => {
    const bridge = await startMockBridge({ token: TOKEN });
    try {
      const c = structuredClone(COLLECTION);
      c.item = c.item.filter((i) => i.name === "Read");
      c.item[0].item = Array.from({ length: 10 }, () => c.item[0].item).flat();
      const out = await runWithPackages(runtimeRequire, c, scope(GLOBALS, { API_TOKEN: TOKEN }),
        scope(ENVIRONMENT, { BRIDGE_URL: bridge.url, API_TOKEN_PLACEMENT: "query" }));
      assert.deepEqual(out.errors.map(String), []);
      assert.deepEqual(out.codes, Array(20).fill(200));
      assert.ok(out.assertions.length === 40 && out.assertions.every((a) => !a.error), "every pm.test passed");
      assert.deepEqual(bridge.received.map((r) => r.status), Array(20).fill(200));
      assert.ok(bridge.received.every((r, i) => r.placement === "query" && (i === 0 || r.timestamp > bridge.received[i - 1].timestamp)));
    } finally {
      await bridge.close();
    }
  });
}

pmRequireCheck("postman-runtime 7.39.1 (newman 6.2.2's, postman-sandbox 4.7.1)", require);

// ---------------------------------------------------------------------------------------
// 4. The current sandbox generation: a test-only install (tests/postman-current)
// ---------------------------------------------------------------------------------------

const currentDir = join(root, "tests", "out", "postman-current");
function installCurrent() {
  const src = join(root, "tests", "postman-current");
  const lock = readFileSync(join(src, "package-lock.json"), "utf8");
  const stamp = join(currentDir, "node_modules", ".authsmith-lock");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === lock) return;
  rmSync(currentDir, { recursive: true, force: true });
  mkdirSync(currentDir, { recursive: true });
  cpSync(join(src, "package.json"), join(currentDir, "package.json"));
  cpSync(join(src, "package-lock.json"), join(currentDir, "package-lock.json"));
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: currentDir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm ci in ${currentDir} failed (the registry is needed once):\n${r.stderr}`);
  cpSync(join(src, "package-lock.json"), stamp);
}
installCurrent();
const currentRequire = createRequire(join(currentDir, "package.json"));
const versions = ["newman", "postman-runtime", "postman-sandbox"].map((p) => currentRequire(`${p}/package.json`).version);
assert.deepEqual(versions, ["6.2.2", "7.56.1", "6.7.4"]);

collectionChecks("newman 6.2.2 on postman-runtime 7.56.1 (postman-sandbox 6.7.4)", () => currentRequire("newman"), {
  probe: { WebAssembly: "undefined", TextEncoder: "function", TextDecoder: "function", crypto: "object", globalThis: "undefined", pmRequire: "undefined" },
  random: (got) => ({ token: typeof got.token === "string" && /^[A-Za-z0-9_-]{43}$/.test(got.token) ? got.token : "a 43-character base64url token" }),
});
pmRequireCheck("postman-runtime 7.56.1 (postman-sandbox 6.7.4)", currentRequire);
