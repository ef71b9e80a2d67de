#!/usr/bin/env node
// Builds authsmith/js: the same API as the main entry with NO WebAssembly, for engines
// that have none (React Native's Hermes) or refuse to compile it (a page whose
// Content-Security-Policy lacks 'wasm-unsafe-eval'). Same pipeline as pkg/postman.cjs
// (scripts/build-postman.mjs wasmToScriptModule: wasm32v1-none → wasm-bindgen → wasm-opt
// → wasm2js), bundled by esbuild as an ES module and a CommonJS module with
// scripts/postman-shim.js injected (WebAssembly stand-in that runs the wasm2js function;
// TextEncoder/TextDecoder only where the engine lacks them):
//   pkg/js.js, pkg/js.cjs, pkg/js.d.ts, pkg/js.d.cts
// buildJs({ wasmIn, outDir, outName }) is per entry: scripts/build.mjs calls it once with
// the defaults (the whole crate, as built for pkg/postman.cjs by build-postman.mjs).
// Alone: node scripts/build-js.mjs (after node scripts/build.mjs).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { wasmToScriptModule } from "./build-postman.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const log = (m) => console.error(`[build-js] ${m}`);
export const JS_TARGET = "wasm32v1-none";
export const JS_PROFILE = "postman";

/**
 * wasmIn: a wasm32v1-none build of the wasm crate (built here with cargo when missing);
 * outDir: scratch directory; outName: pkg/<outName>.js/.cjs/.d.ts/.d.cts;
 * types: a .d.ts to copy (default: the main entry's pkg/index.d.ts when it exists, so both
 * entries declare the same API; else the one generated from this build).
 */
export async function buildJs({
  wasmIn = join(root, "target", JS_TARGET, JS_PROFILE, "authsmith_wasm.wasm"),
  outDir = join(root, "build", "js"),
  outName = "js",
  types = join(pkg, "index.d.ts"),
  opt = "-Oz",
} = {}) {
  if (!existsSync(wasmIn)) {
    log(`cargo build -p authsmith-wasm --lib --target ${JS_TARGET} --profile ${JS_PROFILE}`);
    const r = spawnSync("cargo", ["build", "-p", "authsmith-wasm", "--lib", "--target", JS_TARGET, "--profile", JS_PROFILE], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`cargo failed (exit ${r.status ?? r.signal})`);
  }
  mkdirSync(pkg, { recursive: true });
  const { dts, entry } = wasmToScriptModule({ wasmIn, outDir, opt, log });
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const esbuild = await import("esbuild");
  const common = {
    entryPoints: [entry], bundle: true, platform: "neutral", target: "es2019", minify: true, legalComments: "none", logLevel: "warning",
    inject: [join(root, "scripts", "postman-shim.js")],
    // The glue's async loader (new URL("glue_bg.wasm", import.meta.url)) is never called.
    define: { "import.meta.url": "undefined" },
    banner: { js: `/*! authsmith ${version}: authsmith/js, the pure-JavaScript build (no WebAssembly). MIT OR Apache-2.0. */` },
  };
  const esm = join(pkg, `${outName}.js`), cjs = join(pkg, `${outName}.cjs`);
  await esbuild.build({ ...common, format: "esm", outfile: esm });
  await esbuild.build({ ...common, format: "cjs", outfile: cjs });
  const declared = existsSync(types) ? readFileSync(types, "utf8") : dts;
  if (declared !== dts) log(`note: ${types} differs from the declarations of this build; using ${types}`);
  writeFileSync(join(pkg, `${outName}.d.ts`), declared);
  writeFileSync(join(pkg, `${outName}.d.cts`), declared);
  const sizes = {};
  for (const f of [esm, cjs]) {
    const js = readFileSync(f);
    const text = js.toString();
    if (/instantiateStreaming|import\.meta|WebAssembly\.(?:instantiate|compile)\b/.test(text)) {
      throw new Error(`build-js: ${f} still has the async WebAssembly loader`);
    }
    sizes[f] = { bytes: js.length, gzip: gzipSync(js, { level: 9 }).length };
    log(`${f.slice(root.length + 1)} ${js.length} B (gzip ${sizes[f].gzip} B)`);
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildJs().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
