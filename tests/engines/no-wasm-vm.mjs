// The pure-JavaScript entry in an engine without WebAssembly: node:vm contexts whose
// global has no WebAssembly (deleted), no TextEncoder/TextDecoder and no Node APIs, like
// React Native's Hermes, while the entry loads (so it keeps its own UTF-8 codec). The
// suites themselves use TextEncoder: it is added to the context after the entry loaded. Run by tests/engines/run.mjs as
//   node --experimental-vm-modules tests/engines/no-wasm-vm.mjs <project> <pure-js entries…> -- <wasm entries…> -- <bundle.js>
// where <project> holds the installed tarball (node_modules/authsmith), suite/ and
// vectors.mjs; entries are paths inside the package (pkg/js.js, pkg/js.cjs, …); bundle.js
// is `authsmith` bundled with the "react-native" condition (a classic script).
// Prints one `@@result {json}` line per case.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import vm from "node:vm";
import { webcrypto } from "node:crypto";

const [project, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--"), split2 = rest.indexOf("--", split + 1);
const pureEntries = rest.slice(0, split);
const wasmEntries = rest.slice(split + 1, split2);
const bundle = rest[split2 + 1];
const installed = join(project, "node_modules", "authsmith");

/** A fresh context: ECMAScript built-ins plus what the suites themselves use. */
function noWasmContext({ textCodecs = false, random = true } = {}) {
  const globals = {
    URL, URLSearchParams, atob, btoa,
    console: { log: console.log, error: console.error, warn: console.warn },
    // React Native apps get crypto.getRandomValues from a polyfill; the suites need it for PKCE and state.
    ...(random ? { crypto: { getRandomValues: (a) => webcrypto.getRandomValues(a) } } : {}),
    ...(textCodecs ? { TextEncoder, TextDecoder } : {}),
  };
  const ctx = vm.createContext(globals);
  vm.runInContext("delete globalThis.WebAssembly;", ctx);
  if (vm.runInContext("typeof WebAssembly", ctx) !== "undefined") throw new Error("WebAssembly is still in the context");
  return ctx;
}

/** Loads an ES module graph from files into ctx; `extra` maps specifiers to namespaces. */
async function loadModule(file, ctx, extra = {}) {
  const cache = new Map();
  const load = (path) => {
    if (!cache.has(path)) cache.set(path, new vm.SourceTextModule(readFileSync(path, "utf8"), { context: ctx, identifier: path }));
    return cache.get(path);
  };
  const root = load(file);
  await root.link((spec, referencing) => {
    if (spec in extra) {
      const ns = extra[spec];
      const m = new vm.SyntheticModule(Object.keys(ns), function () {
        for (const k of Object.keys(ns)) this.setExport(k, ns[k]);
      }, { context: ctx, identifier: spec });
      return m;
    }
    if (!spec.startsWith(".") && !spec.startsWith("/")) throw new Error(`bare import ${spec} from ${referencing.identifier}`);
    return load(resolve(dirname(referencing.identifier), spec));
  });
  await root.evaluate();
  return root.namespace;
}

/** The suites' own helpers need TextEncoder and TextDecoder: added once the entry has loaded without them. */
function addSuiteGlobals(ctx) {
  // Its bytes must be the context's own Uint8Array (a Node one fails instanceof checks there).
  const encode = (s) => Array.from(new TextEncoder().encode(s));
  const decode = (bytes) => new TextDecoder().decode(Uint8Array.from(bytes));
  vm.runInContext(`(encode, decode) => { globalThis.TextEncoder = class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(s = "") { return Uint8Array.from(encode(String(s))); }
  }; globalThis.TextDecoder = class TextDecoder {
    get encoding() { return "utf-8"; }
    decode(b = new Uint8Array(0)) { return decode(Array.from(b)); }
  }; }`, ctx)(encode, decode);
}

/** Runs the shared suites in ctx against lib (a namespace or exports object from ctx). */
async function suites(lib, ctx) {
  addSuiteGlobals(ctx);
  const { runAll } = await loadModule(join(project, "suite", "index.mjs"), ctx);
  const { default: vectors } = await loadModule(join(project, "vectors.mjs"), ctx);
  const r = await runAll(lib, { vectors, env: "no-wasm" });
  return JSON.parse(JSON.stringify(r));
}

function report(name, r) {
  r.failures = r.failures.map((f) => ({ name: `${name}: ${f.name}`, error: f.error }));
  console.log(`@@result ${JSON.stringify({ name, ...r })}`);
}

async function guarded(name, fn) {
  try {
    report(name, await fn());
  } catch (e) {
    report(name, { passed: 0, failed: 1, failures: [{ name: "run", error: String(e?.stack || e) }] });
  }
}

/** CommonJS in ctx: `file` and what it requires by relative path (the shared pkg/error.cjs). */
function requireIn(ctx, file, cache = new Map()) {
  if (cache.has(file)) return cache.get(file).exports;
  const module = { exports: {} };
  cache.set(file, module);
  const require = (spec) => {
    if (!spec.startsWith(".")) throw new Error(`require(${JSON.stringify(spec)}) from ${file}: not in the package`);
    return requireIn(ctx, resolve(dirname(file), spec), cache);
  };
  const wrapper = vm.runInContext(`(function (module, exports, require) {${readFileSync(file, "utf8")}\n})`, ctx, { filename: file });
  wrapper(module, module.exports, require);
  return module.exports;
}

for (const entry of pureEntries) {
  await guarded(`${entry} (no WebAssembly, no TextEncoder)`, async () => {
    const ctx = noWasmContext();
    const file = join(installed, entry);
    const lib = entry.endsWith(".cjs") ? requireIn(ctx, file) : await loadModule(file, ctx);
    return suites(lib, ctx);
  });
}

// Without crypto.getRandomValues (React Native without its polyfill) the functions that
// need randomness throw ERR_NO_RANDOM; the rest works.
for (const entry of pureEntries) {
  await guarded(`${entry} without crypto.getRandomValues: ERR_NO_RANDOM, nothing falls back`, async () => {
    const ctx = noWasmContext({ random: false });
    const file = join(installed, entry);
    const lib = entry.endsWith(".cjs") ? requireIn(ctx, file) : await loadModule(file, ctx);
    const r = { passed: 0, failed: 0, failures: [] };
    const expect = (name, fn) => {
      try {
        fn();
        r.passed++;
      } catch (e) {
        r.failed++;
        r.failures.push({ name, error: String(e?.stack || e) });
      }
    };
    for (const [name, call] of [["createPkce()", () => lib.createPkce()], ["randomToken()", () => lib.randomToken()], ["generateWebhookSecret()", () => lib.generateWebhookSecret()]]) {
      expect(`${name} throws ERR_NO_RANDOM`, () => {
        let code;
        try {
          call();
        } catch (e) {
          code = e?.code;
        }
        if (code !== "ERR_NO_RANDOM") throw new Error(`got ${code ?? "no error"}`);
      });
    }
    expect("tedeeApiKey still works", () => {
      const key = lib.tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 });
      if (key !== "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000") throw new Error(key);
    });
    return r;
  });
}

// The WebAssembly entries must refuse with an error that says what to use.
for (const entry of wasmEntries) {
  await guarded(`${entry} without WebAssembly: the error names authsmith/js`, async () => {
    const ctx = noWasmContext({ textCodecs: true });
    const file = join(installed, entry);
    let error;
    try {
      // The entry starts its modules on the first call that needs one.
      const lib = entry.endsWith(".cjs") ? requireIn(ctx, file) : await loadModule(file, ctx);
      (lib.namespace ?? lib).sha256Hex("abc");
    } catch (e) {
      error = e;
    }
    const msg = String(error?.message ?? "");
    if (error && msg.includes('"authsmith/js"') && /no WebAssembly/.test(msg)) return { passed: 1, failed: 0, failures: [] };
    return { passed: 0, failed: 1, failures: [{ name: "error", error: error ? String(error.stack || error) : "loaded without WebAssembly" }] };
  });
}

// What a React Native bundler makes of `import * as lib from "authsmith"` (the
// "react-native" condition), as one classic script: it runs the suites itself.
if (bundle) {
  await guarded("authsmith with the react-native condition (bundled script, no WebAssembly)", async () => {
    const ctx = noWasmContext();
    vm.runInContext(readFileSync(bundle, "utf8"), ctx, { filename: bundle });
    addSuiteGlobals(ctx);
    return JSON.parse(JSON.stringify(await ctx.__authsmithRun()));
  });
}
