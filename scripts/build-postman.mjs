#!/usr/bin/env node
// Builds the entries without WebAssembly, two per entry of scripts/entries.mjs, from one
// wasm2js translation of the entry's crate:
//   pkg/postman.cjs, pkg/postman/<name>.cjs  authsmith/postman[/<name>]: a script for
//     Postman and newman (below)
//   pkg/js.js, pkg/js.cjs, pkg/js/<name>.js, .cjs  authsmith/js[/<name>]: the same API as
//     the WebAssembly entry, as ES and CommonJS modules, for engines without WebAssembly
//     (React Native's Hermes) or that refuse to compile it (a Content-Security-Policy
//     without 'wasm-unsafe-eval'); they import the shared pkg/error.js like every entry
// The script builds: the same Rust core and adapters with NO WebAssembly, for Postman scripts and newman (their sandboxes delete `WebAssembly`; newman 6's also lacks
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
import { ensureTools, entrySource, exportsOf, leanEntry, REMAP, stripDts } from "./build.mjs";
import { ENTRIES, specifier, stem, wasmFile } from "./entries.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
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
export function asmModule(js, { imports = true } = {}) {
  // A lean module imports nothing (crates/lean): wasm2js then writes no import line.
  js = imports ? patch(js, /^import \* as \S+ from '[^']+';\n/gm, "", "wasm2js import line") : js;
  const at = js.search(/^var retasmFunc = asmFunc\(/m);
  if (at < 0) throw new Error("build-postman: wasm2js output has no 'var retasmFunc = asmFunc(' line");
  if (!/^function asmFunc\(imports\) \{/m.test(js)) throw new Error("build-postman: wasm2js output has no asmFunc(imports)");
  return js.slice(0, at) + "export { asmFunc };\n";
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

/** The script build's file in pkg/ for an entry. */
export const postmanFile = (e) => (e.name ? `postman/${e.name}.cjs` : "postman.cjs");
/** The pure-JavaScript entry's file stem in pkg/ (add .js, .cjs, .d.ts, .d.cts). */
export const jsStem = (e) => (e.name ? `js/${e.name}` : "js");

export async function buildPostman() {
  ensureTools();
  run("cargo", ["build", "--lib", "--target", TARGET, "--profile", PROFILE, ...ENTRIES.flatMap((e) => ["-p", e.crate])]);
  rmSync(join(root, "build", "postman"), { recursive: true, force: true });
  mkdirSync(join(pkg, "postman"), { recursive: true });
  mkdirSync(join(pkg, "js"), { recursive: true });
  const sizes = [];
  for (const entry of ENTRIES) sizes.push(await buildOne(entry));
  for (const s of sizes) log(s);
}

/**
 * A lean entry's script builds (scripts/entries.mjs `lean`): its JS front over ONE module
 * with every feature (a script is pasted whole, so one copy of the shared code beats one
 * module per function group), translated by wasm2js like the others. Writes
 * `out`/entry.js over the wasm-bindgen one (which still gives the declarations).
 */
/**
 * A wasm module as JS: wasm-opt (MVP features, plus `features`) then wasm2js, written as
 * `out`/`name`.js exporting asmFunc (`imports`: whether the module imports anything).
 */
function toAsm(wasmIn, out, name, { features = [], imports = true } = {}) {
  const bin = (n) => join(root, "node_modules", ".bin", n);
  const mvp = join(out, `${name}.wasm`), raw = join(out, `${name}.raw.js`);
  run(bin("wasm-opt"), [wasmIn, "-Oz", "--mvp-features", ...features, "--strip-debug", "--strip-producers", "--strip-target-features", "-o", mvp]);
  run(bin("wasm2js"), [mvp, "-Oz", ...features, "-o", raw]);
  writeFileSync(join(out, `${name}.js`), asmModule(readFileSync(raw, "utf8"), { imports }));
}

function leanSource(entry, out) {
  // Bulk memory (memory.copy/fill, which wasm2js writes as two small JS helpers) instead
  // of compiler-builtins' memcpy/memmove/memset loops: ~3.5 KB less script.
  const flags = [...REMAP, "-C", "target-feature=+bulk-memory"];
  run("cargo", ["build", "--lib", "--target", TARGET, "--profile", PROFILE, "-p", entry.lean.crate,
    "--features", entry.lean.modules.join(","), "--config", `target.${TARGET}.rustflags = ${JSON.stringify(flags)}`]);
  toAsm(join(root, "target", TARGET, PROFILE, `${entry.lean.crate.replace(/-/g, "_")}.wasm`), out, "lean-asm",
    { features: ["--enable-bulk-memory"], imports: false });
  writeFileSync(join(out, "lean-wasm.js"), `import { asmFunc } from "./lean-asm.js";\n` +
    entry.lean.modules.map((m) => `export const ${m} = () => asmFunc;`).join("\n") + "\n");
  writeFileSync(join(out, "entry.js"), leanEntry(entry));
}

async function buildOne(entry) {
  const out = join(root, "build", "postman", stem(entry));
  mkdirSync(out, { recursive: true });
  const wasmIn = join(root, "target", TARGET, PROFILE, wasmFile(entry));
  run("wasm-bindgen", ["--target", "web", "--out-dir", out, "--out-name", "glue", wasmIn]);
  copyFileSync(join(root, "crates", "wasm-common", "src", "js", "fast.js"), join(out, "fast.js"));
  // The error module is bundled into the script (one self-contained file).
  writeFileSync(join(out, "error.js"), 'export * from "authsmith-shared-error";\n');
  const glue = patchGlue(readFileSync(join(out, "glue.js"), "utf8"));
  writeFileSync(join(out, "glue.js"), glue);

  if (entry.lean?.crate && !entry.lean.exports) {
    // Wholly lean: its own module; the wasm-bindgen glue only gives the declarations.
    leanSource(entry, out);
  } else {
    toAsm(join(out, "glue_bg.wasm"), out, "asm");
    const glueNames = ["initSync", ...[...glue.matchAll(/^export (?:function|class|const|let) (\w+)/gm)].map((m) => m[1])];
    writeFileSync(join(out, "entry.js"), entrySource(entry, glueNames,
      `import { asmFunc } from "./asm.js";\nglue.initSync({ module: new WebAssembly.Module(asmFunc) });`));
  }

  const dts = stripDts(readFileSync(join(out, "glue.d.ts"), "utf8"));
  const declared = [...new Set([...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]))];
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const esbuild = await import("esbuild");
  // A lean front imports its modules from "authsmith-lean-wasm" (leanSource).
  const leanWasm = { name: "lean-wasm", setup: (b) => b.onResolve({ filter: /^authsmith-lean-wasm$/ }, () => ({ path: join(out, "lean-wasm.js") })) };
  const outfile = join(pkg, postmanFile(entry));
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
    define: { "import.meta.url": "undefined", AUTHSMITH_TESTING: "false", AUTHSMITH_SCRIPT: "true" },
    plugins: [{
      name: "error",
      setup: (b) => b.onResolve({ filter: /^authsmith-shared-error$/ }, () => ({ path: join(root, "build", "error.js") })),
    }, leanWasm],
    banner: {
      js: `/*! ${specifier(entry)} ${version}: script build (no WebAssembly) for Postman and newman. MIT OR Apache-2.0. ` +
        "eval() it (declares var authsmith) or require() it. */",
    },
    footer: { js: footer(declared) },
    outfile,
  });
  writeFileSync(outfile.replace(/\.cjs$/, ".d.cts"), dts);

  const js = readFileSync(outfile);
  if (/instantiateStreaming|import\.meta/.test(js.toString())) {
    throw new Error("build-postman: the async WebAssembly loader is still in the script build");
  }

  // authsmith/js[/<name>]: the same entry source and wasm2js module as ES and CommonJS
  // modules, the shim injected (its WebAssembly stand-in runs the asm function; it adds
  // TextEncoder/TextDecoder only where the engine lacks them), the shared error module
  // imported, and the WebAssembly entry's declarations.
  const s = jsStem(entry);
  const up = entry.name ? "../" : "./";
  const shared = (file) => ({
    name: "shared-error",
    setup: (b) => b.onResolve({ filter: /^authsmith-shared-error$/ }, () => ({ path: `${up}${file}`, external: true })),
  });
  const jsCommon = {
    entryPoints: [join(out, "entry.js")], bundle: true, platform: "neutral", target: "es2019", minify: true,
    legalComments: "none", logLevel: "warning", inject: [join(root, "scripts", "postman-shim.js")],
    define: { "import.meta.url": "undefined", AUTHSMITH_TESTING: "false", AUTHSMITH_SCRIPT: "true" },
    banner: { js: `/*! ${specifier(entry).replace("authsmith", "authsmith/js")} ${version}: the pure-JavaScript build (no WebAssembly). MIT OR Apache-2.0. */` },
  };
  await esbuild.build({ ...jsCommon, format: "esm", outfile: join(pkg, `${s}.js`), plugins: [shared("error.js"), leanWasm] });
  await esbuild.build({ ...jsCommon, format: "cjs", outfile: join(pkg, `${s}.cjs`), plugins: [shared("error.cjs"), leanWasm] });
  for (const ext of [".d.ts", ".d.cts"]) copyFileSync(join(pkg, `${stem(entry)}${ext}`), join(pkg, `${s}${ext}`));
  const esm = readFileSync(join(pkg, `${s}.js`));
  if (/instantiateStreaming|import\.meta|WebAssembly\.(?:instantiate|compile)\b/.test(esm.toString())) {
    throw new Error(`build-postman: pkg/${s}.js still has the async WebAssembly loader`);
  }
  return `pkg/${postmanFile(entry)} ${js.length} B (gzip ${gzipSync(js, { level: 9 }).length} B); ` +
    `pkg/${s}.js ${esm.length} B (gzip ${gzipSync(esm, { level: 9 }).length} B)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildPostman().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
