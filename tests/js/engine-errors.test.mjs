// Engines that cannot start the inlined WebAssembly synchronously: the main entry
// (pkg/index.cjs, pkg/index.js) starts each module on the first call that needs it, and
// that call must fail with an error that says what to do: use authsmith/js, or the engine
// version that works (a lean module's function and a wasm-bindgen one alike). Each case loads the built entry in a
// node:vm context whose WebAssembly refuses the way that engine does (messages as the
// engines print them). The real refusals (strict CSP in Chromium, Firefox and WebKit; no
// WebAssembly at all) run in tests/engines/run.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..");
const cjs = readFileSync(join(root, "pkg", "index.cjs"), "utf8");

function load(webAssembly) {
  const ctx = vm.createContext({ TextEncoder, TextDecoder, crypto: globalThis.crypto });
  vm.runInContext("delete globalThis.WebAssembly", ctx);
  if (webAssembly) ctx.WebAssembly = webAssembly;
  const module = { exports: {} };
  // The entry requires the shared error module (./error.cjs), from the package's own folder.
  const require = createRequire(join(root, "pkg", "index.cjs"));
  vm.runInContext(`(function (module, exports, require) {${cjs}\n})`, ctx)(module, module.exports, require);
  return module.exports;
}

/** A WebAssembly whose Module (or Instance) throws what an engine throws. */
function refusing(where, error) {
  const real = globalThis.WebAssembly;
  return {
    ...real,
    Module: where === "Module" ? function Module() { throw error; } : real.Module,
    Instance: where === "Instance" ? function Instance() { throw error; } : real.Instance,
  };
}

const USE_JS = /Use the pure-JavaScript entry instead: import from "authsmith\/js"/;

test("the entry loads in the test context with a working WebAssembly (control)", () => {
  assert.equal(load(globalThis.WebAssembly).sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

const cases = [
  ["no WebAssembly at all (React Native's Hermes)", null, /no WebAssembly/],
  ["Chromium < 114: synchronous compile over 4 KB on the main thread",
    refusing("Module", new RangeError("WebAssembly.Module(): Buffer size is larger than 4KB. Use WebAssembly.compile, or compile on a worker thread.")),
    /Chromium before 114: use Chromium 114 or later/],
  ["Chromium < 114, older wording",
    refusing("Module", new RangeError("WebAssembly.Module is disallowed on the main thread, if the buffer size is larger than 4KB. Use WebAssembly.compile, or compile on a worker thread.")),
    /Chromium 114 or later/],
  ["Chromium: CSP without 'wasm-unsafe-eval'",
    refusing("Module", new WebAssembly.CompileError("WebAssembly.Module(): Compiling or instantiating WebAssembly module violates the following Content Security policy directive because 'unsafe-eval' is not an allowed source of script: \"script-src 'self'\"")),
    /Content-Security-Policy .*'wasm-unsafe-eval'/],
  ["Firefox: CSP without 'wasm-unsafe-eval'", refusing("Module", new WebAssembly.CompileError("call to WebAssembly.Module() blocked by CSP")), /'wasm-unsafe-eval'/],
  ["WebKit: CSP refusal at instantiation",
    refusing("Instance", new EvalError("Refused to create a WebAssembly object because 'unsafe-eval' or 'wasm-unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: \"script-src 'self'\".")),
    /'wasm-unsafe-eval'/],
  ["an engine without a wasm feature the module uses (e.g. SIMD)",
    refusing("Module", new WebAssembly.CompileError("WebAssembly.Module(): invalid opcode 0xfd")), /this engine refused it.*Cause: WebAssembly.Module\(\): invalid opcode/],
];

for (const [name, wasm, why] of cases) {
  test(`refused start says what to do: ${name}`, () => {
    const lib = load(wasm);
    // sha256Hex: a lean module (crates/lean); parseScopes: the wasm-bindgen module.
    for (const call of [() => lib.sha256Hex("abc"), () => lib.parseScopes("a b")]) {
      let error;
      try {
        call();
      } catch (e) {
        error = e;
      }
      assert.ok(error, "the first call failed");
      assert.match(error.message, /^authsmith: the WebAssembly module could not be started synchronously: /);
      assert.match(error.message, USE_JS);
      assert.match(error.message, why);
      assert.ok(error.cause, "the engine's own error is the cause");
    }
  });
}

test("the ES module entry starts its modules the same way (one start error around compile and instantiate)", () => {
  const esm = readFileSync(join(root, "pkg", "index.js"), "utf8");
  // the lean runtime's open() and the wasm-bindgen glue's startGlue(): both throw startError
  assert.match(esm, /new WebAssembly\.Module\(src\)[\s\S]{0,200}catch \(e\) \{\s*throw startError\(e\)/);
  assert.match(esm, /init\(\{ module: new WebAssembly\.Module\(wasmFromText\d*\(/);
});
