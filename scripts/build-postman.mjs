#!/usr/bin/env node
// Builds pkg/postman.cjs: the same Rust core and adapters with NO WebAssembly, for
// Postman scripts and newman (their sandboxes delete `WebAssembly`; newman 6's also lacks
// TextEncoder, TextDecoder, crypto and globalThis).
//   cargo (wasm32v1-none: MVP features, no std; profile `postman`, size-optimised)
//   → wasm-bindgen (web target) → wasm-opt (MVP features only) → wasm2js (plain JS)
//   → esbuild: the glue, the same entry as the main package (scripts/build.mjs) and
//     scripts/postman-shim.js (WebAssembly stand-in, UTF-8 where TextEncoder is missing)
//     in one classic script that is also a CommonJS module:
//       eval(source)             declares `var authsmith` (and evaluates to it)
//       require / pm.require     module.exports = authsmith
// Run by scripts/build.mjs after the main package, or alone: node scripts/build-postman.mjs
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ensureTools, entrySource, exportsOf, stripDts } from "./build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "postman");
const pkg = join(root, "pkg");
const TARGET = "wasm32v1-none";
const PROFILE = "postman";
const log = (m) => console.error(`[build-postman] ${m}`);

function run(cmd, args, opts = {}) {
  log(`${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status ?? r.signal})`);
}

/** Replaces every match of `re` (global) and fails the build when there is none. */
function patch(src, re, to, what) {
  const next = src.replace(re, to);
  if (next === src) throw new Error(`build-postman: ${what}: pattern not found (did wasm-bindgen/wasm2js change?)`);
  return next;
}

/**
 * The glue as it must be for wasm2js memory: wasm2js grows memory by copying into a new
 * ArrayBuffer and leaves the old one attached (not detached, byteLength unchanged), so the
 * glue's "detached view" checks would keep reading the old copy. Compare buffers instead.
 */
export function patchGlue(glue) {
  glue = glue.replace(/from '\.\/snippets\/[^']+\/error\.js'/, "from './error.js'");
  glue = patch(glue, /(cached\w+Memory0)\.byteLength === 0/g, "$1.buffer !== wasm.memory.buffer", "typed-array memory view check");
  glue = glue.replace(
    /(cached\w+Memory0)\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/g,
    "$1.buffer !== wasm.memory.buffer",
  );
  for (const bad of [".byteLength === 0", ".detached"]) {
    if (glue.includes(bad)) throw new Error(`build-postman: the glue still checks memory views with '${bad}'`);
  }
  // Only initSync is used: dropping the async loader (fetch, WebAssembly.instantiate)
  // lets the bundler leave it out.
  glue = patch(glue, /^export \{ initSync, __wbg_init as default \};$/m, "export { initSync };", "glue exports");
  if (/BigInt/.test(glue)) {
    throw new Error("build-postman: a 64-bit integer crosses the JS boundary; wasm2js legalizes those to i32 pairs, so use f64 there");
  }
  return glue;
}

/** wasm2js output (an ES module that instantiates itself) → a module exporting asmFunc. */
export function asmModule(js) {
  js = patch(js, /^import \* as \S+ from '[^']+';\n/gm, "", "wasm2js import line");
  const at = js.search(/^var retasmFunc = asmFunc\(/m);
  if (at < 0) throw new Error("build-postman: wasm2js output has no 'var retasmFunc = asmFunc(' line");
  if (!/^function asmFunc\(imports\) \{/m.test(js)) throw new Error("build-postman: wasm2js output has no asmFunc(imports)");
  return js.slice(0, at) + "export { asmFunc };\n";
}

/**
 * The shared no-WebAssembly pipeline (also used by scripts/build-js.mjs for authsmith/js):
 * wasmIn (a wasm32v1-none build of the crate) → wasm-bindgen (web target) → wasm-opt (MVP
 * features only) → wasm2js, into outDir: glue.js (patched for wasm2js memory), error.js,
 * fast.js, asm.js (exports asmFunc) and entry.js (the main package's entry source, started
 * with `new WebAssembly.Module(asmFunc)`: bundle it with scripts/postman-shim.js injected,
 * whose WebAssembly stand-in runs the asm function). Returns { names, dts, entry }.
 */
export function wasmToScriptModule({ wasmIn, outDir, opt = "-Oz", log: say = log }) {
  const step = (cmd, args) => {
    say(`${cmd} ${args.join(" ")}`);
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status ?? r.signal})`);
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  step("wasm-bindgen", ["--target", "web", "--out-dir", outDir, "--out-name", "glue", wasmIn]);

  const snippetDir = join(outDir, "snippets");
  const [crateDir] = readdirSync(snippetDir);
  copyFileSync(join(snippetDir, crateDir, "src", "js", "error.js"), join(outDir, "error.js"));
  copyFileSync(join(root, "crates", "wasm", "src", "js", "fast.js"), join(outDir, "fast.js"));
  const glue = patchGlue(readFileSync(join(outDir, "glue.js"), "utf8"));
  writeFileSync(join(outDir, "glue.js"), glue);

  const bin = (n) => join(root, "node_modules", ".bin", n);
  const mvp = join(outDir, "mvp.wasm");
  step(bin("wasm-opt"), [join(outDir, "glue_bg.wasm"), opt, "--mvp-features", "--strip-debug", "--strip-producers", "-o", mvp]);
  const asmJs = join(outDir, "asm.raw.js");
  step(bin("wasm2js"), [mvp, opt, "-o", asmJs]);
  writeFileSync(join(outDir, "asm.js"), asmModule(readFileSync(asmJs, "utf8")));

  const names = exportsOf(glue);
  const entry = join(outDir, "entry.js");
  writeFileSync(entry, entrySource(names,
    `import { asmFunc } from "./asm.js";\nglue.initSync({ module: new WebAssembly.Module(asmFunc) });`));
  const dts = stripDts(readFileSync(join(outDir, "glue.d.ts"), "utf8"));
  return { names, dts, entry };
}

function footer(names) {
  // The \`0 && (module.exports = { … })\` line is dead code that Node's CommonJS lexer reads:
  // without it \`import { tedeeApiKey } from "authsmith/postman"\` finds no named exports in
  // Node ESM although postman.d.cts declares them (attw: NamedExports).
  return `
if (typeof module === "object" && module !== null && typeof module.exports === "object") module.exports = authsmith;
0 && (module.exports = { ${names.join(", ")} });
authsmith;
`;
}

export async function buildPostman() {
  ensureTools();
  run("cargo", ["build", "-p", "authsmith-wasm", "--lib", "--target", TARGET, "--profile", PROFILE]);
  const wasmIn = join(root, "target", TARGET, PROFILE, "authsmith_wasm.wasm");
  mkdirSync(pkg, { recursive: true });
  const { dts } = wasmToScriptModule({ wasmIn, outDir: out, log });

  const declared = [...new Set([...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]))];
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const esbuild = await import("esbuild");
  const outfile = join(pkg, "postman.cjs");
  await esbuild.build({
    entryPoints: [join(out, "entry.js")],
    bundle: true,
    format: "iife",
    globalName: "authsmith",
    platform: "neutral",
    target: "es2019",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    inject: [join(root, "scripts", "postman-shim.js")],
    define: { "import.meta.url": "undefined" },
    banner: {
      js: `/*! authsmith ${version} script build (no WebAssembly) for Postman and newman. MIT OR Apache-2.0. ` +
        "eval() it (declares var authsmith) or require() it. */",
    },
    footer: { js: footer(declared) },
    outfile,
  });
  writeFileSync(join(pkg, "postman.d.cts"), dts);

  const js = readFileSync(outfile);
  if (/instantiateStreaming|import\.meta/.test(js.toString())) {
    throw new Error("build-postman: the async WebAssembly loader is still in the script build");
  }
  log(`pkg/postman.cjs ${js.length} B (gzip ${gzipSync(js, { level: 9 }).length} B)`);
  return { bytes: js.length, gzip: gzipSync(js, { level: 9 }).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildPostman().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
