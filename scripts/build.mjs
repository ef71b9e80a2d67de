#!/usr/bin/env node
// Builds the npm package into pkg/: cargo (release, wasm32) → wasm-bindgen (web
// target) → wasm-opt (speed) → esbuild bundles one module per entry:
//   pkg/index.js    ESM for Node, browsers, bundlers, Deno, Bun (wasm inlined, sync start)
//   pkg/index.cjs   CommonJS for require()
//   pkg/workerd.js  ESM for Cloudflare Workers: imports pkg/authsmith.wasm as a module
//   pkg/index.d.ts, pkg/index.d.cts  generated from the Rust doc comments
// Every tool is pinned: wasm-bindgen-cli to the crate version in Cargo.lock, the npm
// tools by package-lock.json. Missing tools are installed from the registries.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "build");
const pkg = join(root, "pkg");
const log = (m) => console.error(`[build] ${m}`);

function run(cmd, args, opts = {}) {
  log(`${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status ?? r.signal})`);
}

function output(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function lockedVersion(name) {
  const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
  const m = lock.match(new RegExp(`\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"`));
  if (!m) throw new Error(`${name} is not in Cargo.lock`);
  return m[1];
}

// The Rust toolchain, its components and the wasm targets come from rust-toolchain.toml.
export function ensureTools() {
  if (!existsSync(join(root, "Cargo.lock"))) run("cargo", ["generate-lockfile"]);
  const want = lockedVersion("wasm-bindgen");
  const have = output("wasm-bindgen", ["--version"]);
  if (have !== `wasm-bindgen ${want}`) {
    log(`wasm-bindgen-cli ${want} needed (found: ${have || "none"}); installing from crates.io (about 2 minutes)`);
    run("cargo", ["install", "wasm-bindgen-cli", "--version", want]);
  }
  if (!existsSync(join(root, "node_modules", "binaryen")) || !existsSync(join(root, "node_modules", "esbuild"))) {
    // npm install, not npm ci: see .ci/run.
    run("npm", ["install", "--no-audit", "--no-fund"]);
  }
}

const WASM_FEATURES = [
  "--enable-bulk-memory",
  "--enable-bulk-memory-opt",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
  "--enable-simd",
];

export function exportsOf(glue) {
  const names = [...glue.matchAll(/^export (?:function|class|const|let) (\w+)/gm)].map((m) => m[1]);
  // `__wasmMemoryBytes` and `__wasmMemory` stay exported (untyped) for the memory checks
  // of tests and bench (wasm memory growth; scanning it for leftover secrets).
  const debug = ["__wasmMemoryBytes", "__wasmMemory"];
  return names.filter((n) => n !== "initSync" && n !== "start" && (!n.startsWith("__") || debug.includes(n)));
}

// The inlined module as text. Base64 turns every 3 bytes into 4 characters, so a byte
// sequence that repeats at another offset modulo 3 comes out as different text and gzip
// (what a page is served with) finds few of the repeats: gzip(base64) is ~1.35x
// gzip(wasm). Here every byte is one character, or two for the rarest ones, so repeats
// stay repeats: the text is ~1.06x the wasm and gzips to ~1.03x the gzipped wasm, and
// decoding is one table lookup per character, as fast as base64's at start-up.
// The alphabet is printable ASCII without '"', '\\' and '<' (a string literal that any
// bundler keeps as it is and that never contains "</script"). The byte values are ranked
// by frequency: the first ALPHA_SINGLE are one character each, the rest an escape
// character (one of the last ones of the alphabet) followed by one more character.
const ALPHABET = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).filter((c) => !'"\\<'.includes(c)).join("");
const ALPHA_SINGLE = 90;

/** Bytes → { text, order } for wasmFromText: order[k] is the byte of symbol k. */
export function wasmToText(bytes) {
  const freq = new Array(256).fill(0);
  for (const b of bytes) freq[b]++;
  const order = [...Array(256).keys()].sort((a, b) => freq[b] - freq[a] || a - b);
  const sym = new Array(256);
  order.forEach((b, k) => (sym[b] = k));
  const n = ALPHABET.length;
  const code = sym.map((k) => k < ALPHA_SINGLE
    ? ALPHABET[k]
    : ALPHABET[ALPHA_SINGLE + Math.floor((k - ALPHA_SINGLE) / n)] + ALPHABET[(k - ALPHA_SINGLE) % n]);
  let text = "";
  for (let i = 0; i < bytes.length; i += 65536) {
    text += Array.from(bytes.subarray(i, i + 65536), (b) => code[b]).join("");
  }
  return { text, order: Buffer.from(order).toString("hex") };
}

/** The decoder that the entry module runs at import (it must stay in step with wasmToText). */
export const WASM_FROM_TEXT = `
function wasmFromText(text, order, size) {
  const abc = ${JSON.stringify(ALPHABET)};
  const pos = new Uint8Array(128);
  for (let i = 0; i < abc.length; i++) pos[abc.charCodeAt(i)] = i;
  const byte = new Uint8Array(256);
  for (let k = 0; k < 256; k++) byte[k] = parseInt(order.substr(2 * k, 2), 16);
  const out = new Uint8Array(size);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const p = pos[text.charCodeAt(i)];
    out[o++] = p < ${ALPHA_SINGLE} ? byte[p] : byte[${ALPHA_SINGLE} + (p - ${ALPHA_SINGLE}) * ${ALPHABET.length} + pos[text.charCodeAt(++i)]];
  }
  if (o !== size) throw new Error("authsmith: the inlined WebAssembly module is corrupt");
  return out;
}
`;

/**
 * Compiles and instantiates the inlined module synchronously (the entry's `glue` object).
 * Where the engine refuses (no WebAssembly at all; a Content-Security-Policy without
 * 'wasm-unsafe-eval', which WebKit enforces at instantiation and the others at
 * compilation; Chromium < 114's 4 KB limit on the main thread; a wasm feature it lacks),
 * the error says what to use instead.
 */
export const START_SYNC = `
function startSync(bytes) {
  try {
    glue.initSync({ module: new WebAssembly.Module(bytes) });
  } catch (e) {
    const m = String(e && e.message || e);
    const why = typeof WebAssembly !== "object" ? "this engine has no WebAssembly (React Native's Hermes, for one)"
      : /eval|Content.Security.Policy|CSP/i.test(m) ? "the page's Content-Security-Policy does not allow it (script-src needs 'wasm-unsafe-eval')"
      : /4 ?KB|main thread/i.test(m) ? "this engine compiles modules over 4 KB only asynchronously on the main thread (Chromium before 114: use Chromium 114 or later)"
      : "this engine refused it";
    throw new Error("authsmith: the WebAssembly module could not be started synchronously: " + why +
      '. Use the pure-JavaScript entry instead: import from "authsmith/js" (same API, no WebAssembly). Cause: ' + m, { cause: e });
  }
}
`;

// Functions with a JS front (crates/wasm/src/js/fast.js) that takes typed fast exports for
// well-typed calls and the checked adapter for everything else.
const FAST = ["tedeeApiKey", "sha256Hex", "hmacSha256", "verifyWebhook", "timingSafeEqual"];

/**
 * The entry module. `glueNames` (every name the glue exports) imports them by name into a
 * plain \`glue\` object instead of \`import * as glue\`: a namespace object keeps
 * wasm-bindgen's async default loader (\`new URL("glue_bg.wasm", import.meta.url)\`) in the
 * bundle, an asset reference that bundlers try to resolve (Vite warns, webpack fails).
 */
export function entrySource(names, wasmSetup, glueNames = null) {
  const importGlue = glueNames
    ? `import { ${glueNames.map((n) => `${n} as g$${n}`).join(", ")} } from "./glue.js";
const glue = { ${glueNames.map((n) => `${n}: g$${n}`).join(", ")} };`
    : `import * as glue from "./glue.js";`;
  return `// Generated by scripts/build.mjs: the wasm-bindgen glue, started synchronously.
${importGlue}
import { installFastPaths } from "./fast.js";
${wasmSetup}

export { AuthsmithError } from "./error.js";
/** Whether e is an AuthsmithError (by brand, so it also holds across copies of the package). */
export function isAuthsmithError(e) {
  return typeof e === "object" && e !== null && e.name === "AuthsmithError" && typeof e.code === "string";
}
export const ERROR_CODES = Object.freeze(glue.__errorCodes());
const fast = installFastPaths(glue);
/** Resolves at once: the module is ready when import/require returns. */
export function ready() {
  return Promise.resolve();
}
export const { ${names.filter((n) => !FAST.includes(n)).join(", ")} } = glue;
export const { ${FAST.join(", ")} } = fast;
`;
}

/** The error codes, from the single list in crates/core/src/error.rs. */
export function errorCodes() {
  const src = readFileSync(join(root, "crates", "core", "src", "error.rs"), "utf8");
  return [...src.matchAll(/=> "(ERR_[A-Z0-9_]+)"/g)].map((m) => m[1]);
}

export function stripDts(dts) {
  const codes = errorCodes().map((c) => `"${c}"`).join(" | ");
  dts = dts.replace("export type ErrorCode = string;", `export type ErrorCode = ${codes};`);
  // Drop wasm-bindgen's loader declarations (initSync, InitInput, default init) and the
  // start function: the entries start the module themselves.
  const cut = dts.indexOf("export type InitInput");
  if (cut >= 0) dts = dts.slice(0, cut);
  dts = dts.replace(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export function start\(\): void;\n/, "");
  // The classes declare `[Symbol.dispose]()` (for \`using\`): without this reference a
  // consumer whose \`lib\` is below esnext (e.g. ["es2022"]) and who does not set
  // skipLibCheck gets TS2550 in our .d.ts. TypeScript >= 5.2 knows this lib.
  return '/// <reference lib="esnext.disposable" />\n' + dts.trimEnd() + "\n";
}

export async function buildPackage({ release = true } = {}) {
  ensureTools();
  run("cargo", ["build", "-p", "authsmith-wasm", "--lib", "--target", "wasm32-unknown-unknown", ...(release ? ["--release"] : [])]);
  const wasmIn = join(root, "target", "wasm32-unknown-unknown", release ? "release" : "debug", "authsmith_wasm.wasm");
  rmSync(build, { recursive: true, force: true });
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(join(build, "web"), { recursive: true });
  mkdirSync(pkg, { recursive: true });
  run("wasm-bindgen", ["--target", "web", "--out-dir", join(build, "web"), "--out-name", "glue", wasmIn]);

  // The error class, from the wasm-bindgen snippet, next to the glue.
  const snippetDir = join(build, "web", "snippets");
  const [crateDir] = readdirSync(snippetDir);
  copyFileSync(join(snippetDir, crateDir, "src", "js", "error.js"), join(build, "web", "error.js"));
  copyFileSync(join(root, "crates", "wasm", "src", "js", "fast.js"), join(build, "web", "fast.js"));
  let glue = readFileSync(join(build, "web", "glue.js"), "utf8");
  glue = glue.replace(/from '\.\/snippets\/[^']+\/error\.js'/, "from './error.js'");
  // Strings into wasm memory: wasm-bindgen copies the ASCII prefix with a JS loop, which
  // costs ~5 ns per character (10 µs for a 2 KiB webhook body). Long strings go straight
  // to TextEncoder.encodeInto instead, which is many times faster.
  const loop = "    for (; offset < len; offset++) {\n        const code = arg.charCodeAt(offset);";
  if (!glue.includes(loop)) throw new Error("wasm-bindgen glue changed: passStringToWasm0 patch no longer applies");
  glue = glue.replace(loop, "    if (len > 64) {} else\n" + loop);
  writeFileSync(join(build, "web", "glue.js"), glue);

  const wasmOut = join(pkg, "authsmith.wasm");
  run(join(root, "node_modules", ".bin", "wasm-opt"), [
    join(build, "web", "glue_bg.wasm"), "-O3", ...WASM_FEATURES, "--strip-debug", "--strip-producers", "-o", wasmOut,
  ]);

  const names = exportsOf(glue);
  const glueNames = ["initSync", ...[...glue.matchAll(/^export (?:function|class|const|let) (\w+)/gm)].map((m) => m[1])];
  const bytes = readFileSync(wasmOut);
  const { text, order } = wasmToText(bytes);
  writeFileSync(join(build, "web", "entry-inline.js"), entrySource(names,
    `${WASM_FROM_TEXT}${START_SYNC}\nstartSync(wasmFromText(${JSON.stringify(text)}, "${order}", ${bytes.length}));`, glueNames));
  writeFileSync(join(build, "web", "entry-workerd.js"), entrySource(names,
    `import wasmModule from "./authsmith.wasm";\nglue.initSync({ module: wasmModule });`, glueNames));

  const esbuild = await import("esbuild");
  const common = { bundle: true, platform: "neutral", target: "es2022", legalComments: "none", logLevel: "warning" };
  await esbuild.build({ ...common, entryPoints: [join(build, "web", "entry-inline.js")], format: "esm", outfile: join(pkg, "index.js") });
  await esbuild.build({
    ...common, entryPoints: [join(build, "web", "entry-inline.js")], format: "cjs", outfile: join(pkg, "index.cjs"),
    define: { "import.meta.url": "undefined" },
  });
  await esbuild.build({
    ...common, entryPoints: [join(build, "web", "entry-workerd.js")], format: "esm", outfile: join(pkg, "workerd.js"),
    external: ["./authsmith.wasm"],
  });

  const dts = stripDts(readFileSync(join(build, "web", "glue.d.ts"), "utf8"));
  writeFileSync(join(pkg, "index.d.ts"), dts);
  writeFileSync(join(pkg, "index.d.cts"), dts);
  const gz = (await import("node:zlib")).gzipSync;
  const js = readFileSync(join(pkg, "index.js"));
  log(`pkg/authsmith.wasm ${bytes.length} B (gzip ${gz(bytes).length} B); pkg/index.js ${js.length} B (gzip ${gz(js).length} B)`);
  if (release) await (await import("./build-postman.mjs")).buildPostman(); // pkg/postman.cjs: no WebAssembly
  if (release) await (await import("./build-js.mjs")).buildJs(); // pkg/js.js, pkg/js.cjs: authsmith/js, no WebAssembly
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildPackage({ release: !process.argv.includes("--debug") }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
