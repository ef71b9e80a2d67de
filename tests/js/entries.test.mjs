// The per-feature entries (scripts/entries.mjs): package.json's exports map matches the
// table, every entry (ESM, CJS, script build) exports exactly its row's functions plus the
// common ones and its .d.ts declares the same, AuthsmithError is one class across entries,
// and values made by one entry work in another. The shared suites run against the entries
// in every runtime of tests/runtimes/run.mjs (conformanceEntries).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { COMMON_EXPORTS, ENTRIES, specifier, stem, subpath } from "../../scripts/entries.mjs";
import { jsStem, postmanFile } from "../../scripts/build-postman.mjs";

const root = new URL("../../", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const require = createRequire(import.meta.url);
const DOC_KEY = "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";
const sorted = (a) => [...a].sort();
const declared = (dts) => sorted(new Set([...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1])));

test("package.json exports: one subpath per entry, its pure-JavaScript twin and its script build, nothing else", () => {
  const want = ["./package.json"];
  for (const e of ENTRIES) {
    const s = stem(e), js = `./pkg/${jsStem(e)}`;
    const jsSub = e.name ? `./js/${e.name}` : "./js";
    want.push(subpath(e), e.name ? `./postman/${e.name}` : "./postman", jsSub);
    assert.deepEqual(manifest.exports[subpath(e)], {
      types: { import: `./pkg/${s}.d.ts`, require: `./pkg/${s}.d.cts` },
      "react-native": { import: `${js}.js`, require: `${js}.cjs`, default: `${js}.js` },
      workerd: `./pkg/${s}.workerd.js`,
      import: `./pkg/${s}.js`,
      require: `./pkg/${s}.cjs`,
      default: `./pkg/${s}.js`,
    }, subpath(e));
    assert.deepEqual(manifest.exports[jsSub], {
      types: { import: `${js}.d.ts`, require: `${js}.d.cts` }, import: `${js}.js`, require: `${js}.cjs`, default: `${js}.js`,
    }, jsSub);
    const script = `./pkg/${postmanFile(e)}`;
    assert.deepEqual(manifest.exports[e.name ? `./postman/${e.name}` : "./postman"], {
      types: script.replace(/\.cjs$/, ".d.cts"), default: script,
    });
  }
  assert.deepEqual(sorted(Object.keys(manifest.exports)), sorted(want));
});

for (const e of ENTRIES) {
  const want = sorted([...e.exports, ...COMMON_EXPORTS]);
  test(`${specifier(e)}: ESM, CJS and .d.ts export exactly the table's names`, async () => {
    const esm = await import(specifier(e));
    assert.deepEqual(sorted(Object.keys(esm)), want);
    assert.deepEqual(sorted(Object.keys(require(specifier(e)))), want);
    assert.deepEqual(declared(readFileSync(new URL(`pkg/${stem(e)}.d.ts`, root), "utf8")), want);
  });
}

test("AuthsmithError is one class across every entry (ESM), and instanceof holds across them", async () => {
  const mods = await Promise.all(ENTRIES.map((e) => import(specifier(e))));
  const [first] = mods;
  for (const m of mods) {
    assert.equal(m.AuthsmithError, first.AuthsmithError);
    assert.equal(m.ERROR_CODES, first.ERROR_CODES);
    assert.equal(m.isAuthsmithError, first.isAuthsmithError);
  }
  const tedee = await import("authsmith/tedee");
  const crypto = await import("authsmith/crypto");
  const e = (() => {
    try {
      tedee.verifyTedeeApiKey("BE9xnPnGfVUS", "0".repeat(64) + "1691058833000", { now: 1691058833000 });
    } catch (err) {
      return err;
    }
  })();
  assert.ok(e instanceof crypto.AuthsmithError, "an error of authsmith/tedee is an AuthsmithError of authsmith/crypto");
  assert.ok(crypto.ERROR_CODES.includes(e.code));
});

for (const e of ENTRIES) {
  const spec = e.name ? `authsmith/js/${e.name}` : "authsmith/js";
  test(`${spec}: the same names and results as ${specifier(e)}, and the shared AuthsmithError`, async () => {
    const [pure, wasm] = await Promise.all([import(spec), import(specifier(e))]);
    assert.deepEqual(sorted(Object.keys(pure)), sorted([...e.exports, ...COMMON_EXPORTS]));
    assert.deepEqual(sorted(Object.keys(require(spec))), sorted([...e.exports, ...COMMON_EXPORTS]));
    assert.equal(pure.AuthsmithError, wasm.AuthsmithError);
    assert.equal(readFileSync(new URL(`pkg/${jsStem(e)}.d.ts`, root), "utf8"), readFileSync(new URL(`pkg/${stem(e)}.d.ts`, root), "utf8"));
    if (pure.tedeeApiKey) assert.equal(pure.tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 }), DOC_KEY);
    if (pure.hmacSha256) assert.equal(pure.hmacSha256("k", "m"), wasm.hmacSha256("k", "m"));
    if (pure.basicAuth) assert.equal(pure.basicAuth("Aladdin", "open sesame"), wasm.basicAuth("Aladdin", "open sesame"));
    if (pure.pkceChallenge) assert.equal(pure.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    if (pure.parseWwwAuthenticate) assert.deepEqual(pure.parseWwwAuthenticate('Basic realm="x"'), wasm.parseWwwAuthenticate('Basic realm="x"'));
    if (pure.signJwt) {
      const t = pure.signJwt({ sub: "1" }, "k".repeat(32), { now: 1_700_000_000_000 });
      assert.equal(t, wasm.signJwt({ sub: "1" }, "k".repeat(32), { now: 1_700_000_000_000 }));
    }
    if (pure.signWebhook) {
      const input = { secret: "It's a Secret to Everybody", payload: "Hello, World!" };
      assert.deepEqual(pure.signWebhook("github", input), wasm.signWebhook("github", input));
    }
    assert.throws(() => (pure.basicAuth ?? pure.pkceChallenge ?? pure.verifyTedeeApiKey ?? pure.decodeJwt ?? pure.parseWwwAuthenticate ?? pure.verifyWebhook ?? pure.timingSafeEqual)(5), TypeError);
  });
}

test("AuthsmithError is one class across every entry (CJS)", () => {
  const classes = new Set(ENTRIES.map((e) => require(specifier(e)).AuthsmithError));
  assert.equal(classes.size, 1);
});

test("values move between entries: a token set from authsmith/oauth in applyAuth of authsmith/headers", async () => {
  const { parseTokenResponse } = await import("authsmith/oauth");
  const { applyAuth } = await import("authsmith/headers");
  const tokens = parseTokenResponse({ access_token: "abc.def", token_type: "Bearer", expires_in: 3600 }, { now: 1_700_000_000_000 });
  const req = applyAuth({ url: "https://api.example/x", headers: {} }, { type: "bearer", token: tokens.accessToken });
  assert.equal(req.headers.Authorization ?? req.headers.authorization, "Bearer abc.def");
  const { sha256Hex } = await import("authsmith/crypto");
  const { tedeeApiKey } = await import("authsmith/tedee");
  assert.equal(tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 }).slice(0, 64), sha256Hex("BE9xnPnGfVUS1691058833000"));
});

for (const e of ENTRIES) {
  test(`${specifier(e).replace("authsmith", "authsmith/postman")} (pkg/${postmanFile(e)}): the same names, without WebAssembly`, () => {
    const source = readFileSync(new URL(`pkg/${postmanFile(e)}`, root), "utf8");
    // As bare as newman's sandbox: no WebAssembly, TextEncoder, TextDecoder, crypto, globalThis.
    const ctx = vm.createContext({});
    vm.runInContext("delete this.WebAssembly; delete this.TextEncoder; delete this.TextDecoder; delete this.crypto; delete this.globalThis;", ctx);
    const lib = vm.runInContext(source, ctx);
    assert.equal(vm.runInContext("typeof WebAssembly", ctx), "undefined");
    assert.deepEqual(sorted(Object.keys(lib)), sorted([...e.exports, ...COMMON_EXPORTS]));
    assert.deepEqual(declared(readFileSync(new URL(`pkg/${postmanFile(e).replace(/\.cjs$/, ".d.cts")}`, root), "utf8")), sorted([...e.exports, ...COMMON_EXPORTS]));
    if (lib.tedeeApiKey) assert.equal(lib.tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 }), DOC_KEY);
    if (lib.sha256Hex) assert.equal(lib.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
}

test("the scheme names of the types (WebhookSchemeName) are the core's (Builtin::ALL, as its error lists them)", async () => {
  const { verifyWebhook } = await import("authsmith/webhooks");
  let message = "";
  try {
    verifyWebhook("no-such-scheme", { secret: "s", payload: "", headers: {} });
  } catch (e) {
    message = e.message;
  }
  const core = [...message.matchAll(/'([a-z]+)'/g)].map((m) => m[1]);
  assert.ok(core.length >= 7, message);
  const dts = readFileSync(new URL("pkg/webhooks.d.ts", root), "utf8");
  const union = dts.match(/export type WebhookSchemeName = ([^;]+);/)?.[1] ?? "";
  assert.deepEqual(sorted([...union.matchAll(/"([a-z]+)"/g)].map((m) => m[1])), sorted(core));
});
