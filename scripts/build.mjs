#!/usr/bin/env node
// Builds the npm package into pkg/, one entry per row of scripts/entries.mjs:
//   cargo (release, wasm32-unknown-unknown, the row's crate and profile) → wasm-bindgen
//   (web target) → wasm-opt → esbuild, for each entry with file stem S:
//     pkg/S.js          ESM for Node, browsers, bundlers, Deno, Bun (wasm inlined, sync start)
//     pkg/S.cjs         CommonJS for require()
//     pkg/S.workerd.js  ESM for Cloudflare Workers: imports pkg/S.wasm as a module
//     pkg/S.d.ts, pkg/S.d.cts  generated from the Rust doc comments
//   pkg/error.js, pkg/error.cjs  AuthsmithError, isAuthsmithError and ERROR_CODES, shared
//                                by every entry (one class: instanceof holds across them)
//   pkg/postman/S.cjs  the script build without WebAssembly (scripts/build-postman.mjs)
//   pkg/js*.js, .cjs   authsmith/js[/name]: the same API without WebAssembly (wasm2js)
//   build/testing/index.js  the main entry plus the wasm-memory hooks the memory tests use
//                           (never in pkg/, never published)
// Every tool is pinned: wasm-bindgen-cli to the crate version in Cargo.lock, the npm
// tools by package-lock.json. Missing tools are installed from the registries.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { COMMON_EXPORTS, ENTRIES, specifier, stem, wasmFile, wasmFiles } from "./entries.mjs";

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

/** The wasm-memory hooks of crates/wasm-common: exported only by build/testing/. */
export const TEST_HOOKS = ["__wasmMemoryBytes", "__wasmMemory"];

/** The public names a wasm-bindgen glue exports (its `__` names are internal). */
export function exportsOf(glue) {
  const names = [...glue.matchAll(/^export (?:function|class|const|let) (\w+)/gm)].map((m) => m[1]);
  return names.filter((n) => n !== "initSync" && n !== "start" && !n.startsWith("__"));
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

const FRONTS = { crypto: "cryptoFront", tedee: "tedeeFront", webhooks: "webhooksFront" };

/**
 * An entry module: the glue started synchronously (`wasmSetup`), the JS fronts of its
 * hot functions, and the shared error module. The glue's names are imported one by one
 * into a plain \`glue\` object instead of \`import * as glue\`: a namespace object keeps
 * wasm-bindgen's async default loader (\`new URL("glue_bg.wasm", import.meta.url)\`) in the
 * bundle, an asset reference that bundlers try to resolve (Vite warns, webpack fails).
 */
export function entrySource(entry, glueNames, wasmSetup, { hooks = false } = {}) {
  const fronts = entry.fast.map((f) => FRONTS[f]);
  const fastNames = new Set(entry.fast.flatMap((f) => FAST_FUNCTIONS[f]));
  const plain = entry.exports.filter((n) => !fastNames.has(n));
  const exported = hooks ? [...plain, ...TEST_HOOKS] : plain;
  // The testing build also exposes the checked adapters as wasm-bindgen made them (before
  // the JS fronts wrap them), so a test can compare fast and checked paths.
  const checkedNames = [
    ...entry.fast.flatMap((f) => FAST_FUNCTIONS[f]).map((n) => `${n}: glue.${n}`),
    ...entry.fast.flatMap((f) => FAST_METHODS[f] ?? []).map(([c, m]) => `"${c}#${m}": glue.${c}.prototype.${m}`),
  ];
  const checked = hooks ? `export const __checked = { ${checkedNames.join(", ")} };\n` : "";
  return `// Generated by scripts/build.mjs for ${entry.name ? `authsmith/${entry.name}` : "authsmith"}.
import { ${glueNames.map((n) => `${n} as g$${n}`).join(", ")} } from "./glue.js";
${fronts.length ? `import { ${fronts.join(", ")} } from "./fast.js";\n` : ""}const glue = { ${glueNames.map((n) => `${n}: g$${n}`).join(", ")} };
${wasmSetup}
export { AuthsmithError, isAuthsmithError, ERROR_CODES } from "./error.js";
/** Resolves at once: the module is ready when import/require returns. */
export function ready() {
  return Promise.resolve();
}
export const { ${exported.join(", ")} } = glue;
${checked}${fronts.length ? `export const { ${[...fastNames].join(", ")} } = Object.assign({}, ${fronts.map((f) => `${f}(glue)`).join(", ")});\n` : ""}`;
}

/** The functions each JS front replaces (crates/wasm-common/src/js/fast.js). */
const FAST_FUNCTIONS = {
  crypto: ["sha256Hex", "hmacSha256", "timingSafeEqual"],
  tedee: ["tedeeApiKey"],
  webhooks: ["verifyWebhook"],
};
/** The class methods each JS front wraps in place. */
const FAST_METHODS = {
  crypto: [["Hmac", "sign"], ["Hmac", "update"], ["Hmac", "verify"]],
  tedee: [["TedeeKeyGenerator", "next"]],
};

/**
 * Compiles and instantiates the inlined module synchronously (the entry's `glue` object);
 * where the engine refuses, the error (crates/wasm-common/src/js/start.js) says what to
 * use instead.
 */
export const START_SYNC = `
import { startError } from ${JSON.stringify(join(root, "crates", "wasm-common", "src", "js", "start.js"))};
function startSync(bytes) {
  try {
    glue.initSync({ module: new WebAssembly.Module(bytes) });
  } catch (e) {
    throw startError(e);
  }
}
`;

/** The shared error module (pkg/error.js): the class, the brand check, every code. */
export function errorModule() {
  const cls = readFileSync(join(root, "crates", "wasm-common", "src", "js", "error.js"), "utf8");
  return `${cls}
/** Whether e is an AuthsmithError (by brand, so it also holds across copies of the package). */
export function isAuthsmithError(e) {
  return typeof e === "object" && e !== null && e.name === "AuthsmithError" && typeof e.code === "string";
}
/** Every AuthsmithError code (the list in crates/core/src/error.rs). */
export const ERROR_CODES = Object.freeze(${JSON.stringify(errorCodes())});
`;
}

/**
 * The error codes, from crates/core/src/error.rs: in the order of `Code::ALL` (the lean
 * modules send a code as its index there: `Code::index`), each as `Code::as_str` spells it.
 */
export function errorCodes() {
  const src = readFileSync(join(root, "crates", "core", "src", "error.rs"), "utf8");
  const spelled = new Map([...src.matchAll(/Code::(\w+) => "(ERR_[A-Z0-9_]+)"/g)].map((m) => [m[1], m[2]]));
  const all = src.match(/pub const ALL: &'static \[Code\] = &\[([^\]]*)\]/);
  if (!all) throw new Error("build: Code::ALL not found in crates/core/src/error.rs");
  const codes = [...all[1].matchAll(/Code::(\w+)/g)].map((m) => spelled.get(m[1]));
  if (codes.length !== spelled.size || codes.includes(undefined)) {
    throw new Error("build: Code::ALL and Code::as_str list different codes");
  }
  return codes;
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

/** Cargo builds of every entry crate for wasm32-unknown-unknown, one run per profile. */
function cargoBuild(release) {
  const byProfile = new Map();
  for (const e of ENTRIES) byProfile.set(release ? e.profile : "dev", [...(byProfile.get(release ? e.profile : "dev") ?? []), e.crate]);
  for (const [profile, crates] of byProfile) {
    run("cargo", ["build", "--lib", "--target", "wasm32-unknown-unknown", "--profile", profile, ...crates.flatMap((c) => ["-p", c])]);
  }
}

/** wasm-bindgen + wasm-opt + the entry sources of one entry, in build/web/<stem>/. */
/** Where cargo writes an entry's wasm module. */
const cargoOutput = (entry, release) =>
  join(root, "target", "wasm32-unknown-unknown", release ? entry.profile : "debug", wasmFile(entry));

/**
 * wasm-bindgen + wasm-opt + the entry sources of one entry, in `dir`. With `testing`, the
 * module is the main entry built with the `testing` feature (the wasm-memory hooks) and
 * only build/web/testing/entry-testing.js is written.
 */
function bindEntry(entry, wasmIn, dir, { testing = false } = {}) {
  mkdirSync(dir, { recursive: true });
  run("wasm-bindgen", ["--target", "web", "--out-dir", dir, "--out-name", "glue", wasmIn]);
  copyFileSync(join(root, "crates", "wasm-common", "src", "js", "fast.js"), join(dir, "fast.js"));
  let glue = readFileSync(join(dir, "glue.js"), "utf8");
  glue = glue.replace(/from '\.\/snippets\/[^']+\/error\.js'/, "from './error.js'");
  // Strings into wasm memory: wasm-bindgen copies the ASCII prefix with a JS loop, which
  // costs ~5 ns per character (10 µs for a 2 KiB webhook body). Long strings go straight
  // to TextEncoder.encodeInto instead, which is many times faster.
  const loop = "    for (; offset < len; offset++) {\n        const code = arg.charCodeAt(offset);";
  if (!glue.includes(loop)) throw new Error("wasm-bindgen glue changed: passStringToWasm0 patch no longer applies");
  glue = glue.replace(loop, "    if (len > 64) {} else\n" + loop);
  writeFileSync(join(dir, "glue.js"), glue);
  // The shared error module is imported, not bundled (pkg/error.js).
  writeFileSync(join(dir, "error.js"), 'export * from "authsmith-shared-error";\n');

  const names = exportsOf(glue);
  const want = [...entry.exports].sort(), have = [...names].sort();
  const hooks = [...glue.matchAll(/^export function (__wasmMemory\w*)/gm)].map((m) => m[1]);
  if (hooks.sort().join() !== (testing ? [...TEST_HOOKS].sort().join() : "")) {
    throw new Error(`entry ${specifier(entry)}: wasm-memory hooks [${hooks}] in a ${testing ? "testing" : "published"} module`);
  }
  if (want.join() !== have.join()) {
    throw new Error(`entry ${specifier(entry)}: the crate ${entry.crate} exports [${have}] but scripts/entries.mjs lists [${want}]`);
  }
  const wasmOut = testing ? join(dir, "testing.wasm") : join(pkg, `${stem(entry)}.wasm`);
  run(join(root, "node_modules", ".bin", "wasm-opt"), [
    join(dir, "glue_bg.wasm"), entry.profile === "release" ? "-O3" : "-Os", ...WASM_FEATURES,
    "--strip-debug", "--strip-producers", "-o", wasmOut,
  ]);
  const glueNames = ["initSync", ...[...glue.matchAll(/^export (?:function|class|const|let) (\w+)/gm)].map((m) => m[1])];
  const bytes = readFileSync(wasmOut);
  const { text, order } = wasmToText(bytes);
  const inline = `${WASM_FROM_TEXT}${START_SYNC}\nstartSync(wasmFromText(${JSON.stringify(text)}, "${order}", ${bytes.length}));`;
  if (testing) {
    writeFileSync(join(dir, "entry-testing.js"), entrySource(entry, glueNames, inline, { hooks: true }));
    return { dir, glue, bytes };
  }
  writeFileSync(join(dir, "entry-inline.js"), entrySource(entry, glueNames, inline));
  writeFileSync(join(dir, "entry-workerd.js"), entrySource(entry, glueNames,
    `import wasmModule from "./${stem(entry)}.wasm";\nglue.initSync({ module: wasmModule });`));
  return { dir, glue, bytes };
}

/** esbuild: "./error.js" of the glue → the shared pkg/error.{js,cjs}, never bundled. */
const sharedError = (file) => ({
  name: "shared-error",
  setup(b) {
    b.onResolve({ filter: /^authsmith-shared-error$/ }, () => ({ path: `./${file}`, external: true }));
  },
});

// The source paths in a module's panic locations, shortened (they are data in the
// module; the lean modules trap on a panic and never show them). Added to the rustflags of
// .cargo/config.toml: cargo appends --config arrays.
const CARGO_HOME = process.env.CARGO_HOME || join(process.env.HOME || "", ".cargo");
const REGISTRY = join(CARGO_HOME, "registry", "src");
export const REMAP = [
  ...(existsSync(REGISTRY) ? readdirSync(REGISTRY).map((d) => `--remap-path-prefix=${join(REGISTRY, d)}=~`) : []),
  `--remap-path-prefix=${root}=.`,
  ...[...execFileSync("rustc", ["-vV"], { cwd: root, encoding: "utf8" }).matchAll(/^commit-hash: (\w+)$/gm)]
    .map((m) => `--remap-path-prefix=/rustc/${m[1]}=~`),
];

/**
 * The entry module of a lean entry: its JS front and the common exports; for a row with
 * `lean.exports`, the entry's other exports from its wasm-bindgen glue made lazy
 * (`lazyGlue`: `glueFile`), so a bundle that imports none of them drops that module.
 */
export function leanEntry(entry, glueFile = null) {
  // The JS fronts: the entry's own, or (`lean.from`, the main entry) those of other entries.
  const from = (entry.lean.from ?? [entry.name]).map((n) => ENTRIES.find((e) => e.name === n));
  const leanNames = from.flatMap((e) => e.lean.exports ?? e.exports);
  const rest = entry.exports.filter((n) => !leanNames.includes(n));
  if (!glueFile && rest.length) throw new Error(`entry ${specifier(entry)}: [${rest}] need its wasm-bindgen glue`);
  return `// Generated by scripts/build.mjs for ${specifier(entry)}.
${from.map((e) => `export { ${(e.lean.exports ?? e.exports).join(", ")} } from ${JSON.stringify(join(root, "crates", "lean", "js", `${e.name}.js`))};`).join("\n")}
export { AuthsmithError, isAuthsmithError, ERROR_CODES } from "authsmith-shared-error";
/** Resolves at once: every function starts its module synchronously on first use. */
export function ready() {
  return Promise.resolve();
}
${rest.length ? `export { ${rest.join(", ")} } from ${JSON.stringify(glueFile)};\n` : ""}`;
}

/**
 * The wasm-bindgen glue of a hybrid lean entry, patched to start its module on the first
 * use of an export (`wasm` is a stand-in until then; "authsmith-glue-module" gives the
 * module) and to have no module-level statement with a side effect, so that a bundler
 * drops the glue and the module when none of its exports is imported.
 */
export function lazyGlue(glue) {
  const must = (re, to, what) => {
    const next = glue.replace(re, to);
    if (next === glue) throw new Error(`build: lazy glue: ${what}: pattern not found (did wasm-bindgen change?)`);
    glue = next;
  };
  must(/^let wasmModule, wasmInstance, wasm;$/m, `import { startGlue } from "authsmith-glue-module";
let wasmModule, wasmInstance, wasm = /* @__PURE__ */ lazyExports();
/** The module's exports, started on the first use of any of them. */
function lazyExports() {
  return new Proxy({}, {
    get(_, key) {
      startGlue(initSync);
      return wasm[key];
    },
  });
}`, "the wasm variable");
  must(/^    if \(wasm !== undefined\) return wasm;$/m, "    if (wasmInstance !== undefined) return wasm;", "initSync's guard");
  glue = glue.replace(/: new FinalizationRegistry\(/g, ": /* @__PURE__ */ new FinalizationRegistry(");
  for (const [, name] of glue.matchAll(/^export class (\w+) \{$/gm)) {
    must(new RegExp(`^export class ${name} \\{$`, "m"), `export const ${name} = /* @__PURE__ */ withDispose(class ${name} {`, `class ${name}`);
    must(new RegExp(`^\\}\\nif \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;$`, "m"), "});", `${name}'s dispose`);
  }
  glue += `
/** The class with [Symbol.dispose] as free, where the engine has the symbol. */
function withDispose(C) {
  if (Symbol.dispose) C.prototype[Symbol.dispose] = C.prototype.free;
  return C;
}
`;
  return glue;
}

/**
 * The published ES, CommonJS and workerd modules of an entry with a `lean` row
 * (scripts/entries.mjs): its lean crate built once per module (cargo feature) with the
 * row's cargo profile (`lean`: for size, the hashing crates at opt-level 3), each module
 * inlined as text, or imported as pkg/S.<module>.wasm in the workerd build, behind the JS
 * front crates/lean/js/<name>.js; for a row with `lean.exports`, the entry's other exports
 * from its lazy wasm-bindgen glue.
 */
export async function buildLean(entry, release, esbuild, common) {
  const s = stem(entry), dir = join(build, "lean", s);
  mkdirSync(dir, { recursive: true });
  const profile = release ? entry.lean.profile ?? "lean" : "dev";
  const inline = [WASM_FROM_TEXT], workerd = [];
  for (const m of entry.lean.modules ?? []) {
    run("cargo", ["build", "--lib", "--target", "wasm32-unknown-unknown", "--profile", profile, "-p", entry.lean.crate, "--features", m,
      "--config", `target.wasm32-unknown-unknown.rustflags = ${JSON.stringify(REMAP)}`]);
    const out = join(pkg, `${s}.${m}.wasm`);
    run(join(root, "node_modules", ".bin", "wasm-opt"), [
      join(root, "target", "wasm32-unknown-unknown", release ? profile : "debug", `${entry.lean.crate.replace(/-/g, "_")}.wasm`),
      profile.startsWith("lean") ? "-Os" : "-O3", ...WASM_FEATURES, "--strip-debug", "--strip-producers", "--strip-target-features", "-o", out,
    ]);
    const bytes = readFileSync(out);
    const { text, order } = wasmToText(bytes);
    inline.push(`export const ${m} = () => wasmFromText(${JSON.stringify(text)}, "${order}", ${bytes.length});`);
    workerd.push(`import ${m}$ from "./${s}.${m}.wasm";\nexport const ${m} = () => ${m}$;`);
  }
  writeFileSync(join(dir, "wasm-inline.js"), inline.join("\n"));
  writeFileSync(join(dir, "wasm-workerd.js"), workerd.join("\n"));
  let glueFile = null;
  if (entry.lean.exports || entry.lean.from) {
    // The entry's other exports: its wasm-bindgen glue and module (bindEntry wrote them to
    // build/web/S/ and pkg/S.wasm), started on first use.
    const web = join(build, "web", s);
    glueFile = join(web, "glue-lazy.js");
    writeFileSync(glueFile, lazyGlue(readFileSync(join(web, "glue.js"), "utf8")));
    const bytes = readFileSync(join(pkg, `${s}.wasm`));
    const { text, order } = wasmToText(bytes);
    const start = (module) => `import { startError } from ${JSON.stringify(join(root, "crates", "wasm-common", "src", "js", "start.js"))};
/** Compiles and instantiates the module (\`init\`: the glue's initSync), or the error that says why not. */
export function startGlue(init) {
  try {
    init({ module: ${module} });
  } catch (e) {
    throw startError(e);
  }
}
`;
    writeFileSync(join(dir, "glue-inline.js"), `${WASM_FROM_TEXT}\n${start(`new WebAssembly.Module(wasmFromText(${JSON.stringify(text)}, "${order}", ${bytes.length}))`)}`);
    writeFileSync(join(dir, "glue-workerd.js"), `import wasmModule from "./${s}.wasm";\n${start("wasmModule")}`);
  } else {
    rmSync(join(pkg, `${s}.wasm`), { force: true });
  }
  writeFileSync(join(dir, "entry.js"), leanEntry(entry, glueFile));
  const wasmModule = (file) => ({
    name: "lean-wasm",
    setup(b) {
      // Each front's own modules: crates/lean/js/<name>.js → build/lean/<name>/ (the main
      // entry takes the fronts of other entries, built before it).
      b.onResolve({ filter: /^authsmith-lean-wasm$/ }, (a) => {
        const front = a.importer.match(/[\\/]crates[\\/]lean[\\/]js[\\/](\w+)\.js$/);
        return { path: join(build, "lean", front ? front[1] : s, `wasm-${file}.js`) };
      });
      b.onResolve({ filter: /^authsmith-glue-module$/ }, () => ({ path: join(dir, `glue-${file}.js`) }));
    },
  });
  const entryPoints = [join(dir, "entry.js")];
  // minifySyntax drops the testing-only code that the define turns into `if (false)`.
  common = { ...common, minifySyntax: true, define: { AUTHSMITH_TESTING: "false", AUTHSMITH_SCRIPT: "false" } };
  await esbuild.build({ ...common, entryPoints, format: "esm", outfile: join(pkg, `${s}.js`), plugins: [sharedError("error.js"), wasmModule("inline")] });
  await esbuild.build({ ...common, entryPoints, format: "cjs", outfile: join(pkg, `${s}.cjs`), define: { ...common.define, "import.meta.url": "undefined" }, plugins: [sharedError("error.cjs"), wasmModule("inline")] });
  await esbuild.build({
    ...common, entryPoints, format: "esm", outfile: join(pkg, `${s}.workerd.js`),
    external: wasmFiles(entry).map((f) => `./${f}`), plugins: [sharedError("error.js"), wasmModule("workerd")],
  });
  // The testing build (never published): the same entry, plus the started modules'
  // memories for the secrets test (tests/js/lean-secrets.test.mjs).
  writeFileSync(join(dir, "entry-testing.js"), `export * from "./entry.js";\nexport { MEMORIES as __leanMemories } from ${JSON.stringify(join(root, "crates", "lean", "js", "runtime.js"))};\n`);
  await esbuild.build({
    ...common, define: { AUTHSMITH_TESTING: "true", AUTHSMITH_SCRIPT: "false" }, entryPoints: [join(dir, "entry-testing.js")], format: "esm",
    outfile: join(build, "testing", "lean", `${s}.js`), plugins: [{ name: "error", setup: (b) => b.onResolve({ filter: /^authsmith-shared-error$/ }, () => ({ path: "../../../pkg/error.js", external: true })) }, wasmModule("inline")],
  });
  for (const f of [`${s}.js`, `${s}.cjs`, `${s}.workerd.js`]) {
    if (/__leanMemories|MEMORIES\.push/.test(readFileSync(join(pkg, f), "utf8"))) throw new Error(`build: pkg/${f} keeps the testing hook`);
  }
  const mod = await import(`${pathToFileURL(join(pkg, `${s}.js`)).href}?${Date.now()}`);
  const have = Object.keys(mod).filter((n) => !COMMON_EXPORTS.includes(n)).sort();
  if (have.join() !== [...entry.exports].sort().join()) {
    throw new Error(`entry ${specifier(entry)}: crates/lean/js/${entry.name}.js exports [${have}] but scripts/entries.mjs lists [${entry.exports}]`);
  }
}

export async function buildPackage({ release = true } = {}) {
  ensureTools();
  rmSync(build, { recursive: true, force: true });
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg, { recursive: true });
  // The testing build first: cargo writes the main entry's module to the same file with
  // and without the feature, so it is copied away before the published builds.
  const main = ENTRIES.find((e) => !e.name);
  const testingWasm = join(build, "testing-input.wasm");
  mkdirSync(build, { recursive: true });
  run("cargo", ["build", "--lib", "--target", "wasm32-unknown-unknown", "--profile", release ? main.profile : "dev",
    "-p", main.crate, "--features", "testing"]);
  copyFileSync(cargoOutput(main, release), testingWasm);
  cargoBuild(release);
  const esbuild = await import("esbuild");
  const common = { bundle: true, platform: "neutral", target: "es2022", legalComments: "none", logLevel: "warning" };

  const errorSrc = join(build, "error.js");
  mkdirSync(build, { recursive: true });
  writeFileSync(errorSrc, errorModule());
  await esbuild.build({ ...common, entryPoints: [errorSrc], format: "esm", outfile: join(pkg, "error.js") });
  await esbuild.build({ ...common, entryPoints: [errorSrc], format: "cjs", outfile: join(pkg, "error.cjs") });
  const errorDts = `export { AuthsmithError, isAuthsmithError, ERROR_CODES } from "./index.js";\n`;
  writeFileSync(join(pkg, "error.d.ts"), errorDts);
  writeFileSync(join(pkg, "error.d.cts"), errorDts.replace("./index.js", "./index.cjs"));

  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const sizes = [];
  for (const entry of ENTRIES) {
    const { dir, bytes } = bindEntry(entry, cargoOutput(entry, release), join(build, "web", stem(entry)));
    const s = stem(entry);
    await esbuild.build({ ...common, entryPoints: [join(dir, "entry-inline.js")], format: "esm", outfile: join(pkg, `${s}.js`), plugins: [sharedError("error.js")] });
    await esbuild.build({
      ...common, entryPoints: [join(dir, "entry-inline.js")], format: "cjs", outfile: join(pkg, `${s}.cjs`),
      define: { "import.meta.url": "undefined" }, plugins: [sharedError("error.cjs")],
    });
    await esbuild.build({
      ...common, entryPoints: [join(dir, "entry-workerd.js")], format: "esm", outfile: join(pkg, `${s}.workerd.js`),
      external: [`./${s}.wasm`], plugins: [sharedError("error.js")],
    });
    if (!entry.name) {
      const t = bindEntry(entry, testingWasm, join(build, "web", "testing"), { testing: true });
      await esbuild.build({
        ...common, entryPoints: [join(t.dir, "entry-testing.js")], format: "esm", outfile: join(build, "testing", "index.js"),
        plugins: [{ name: "error", setup: (b) => b.onResolve({ filter: /^authsmith-shared-error$/ }, () => ({ path: "../../pkg/error.js", external: true })) }],
      });
    }
    if (entry.lean) await buildLean(entry, release, esbuild, common);
    const dts = stripDts(readFileSync(join(dir, "glue.d.ts"), "utf8"));
    writeFileSync(join(pkg, `${s}.d.ts`), dts);
    writeFileSync(join(pkg, `${s}.d.cts`), dts);
    const js = readFileSync(join(pkg, `${s}.js`));
    const wasm = wasmFiles(entry).map((f) => readFileSync(join(pkg, f)));
    const wasmBytes = wasm.reduce((n, b) => n + b.length, 0), wasmGz = wasm.reduce((n, b) => n + gz(b), 0);
    sizes.push(`${specifier(entry)}: wasm ${wasmBytes} B (gzip ${wasmGz} B), pkg/${s}.js ${js.length} B (gzip ${gz(js)} B)`);
  }
  for (const line of sizes) log(line);
  // The builds without WebAssembly: pkg/postman*.cjs (Postman, newman) and pkg/js*.js
  // (authsmith/js, for engines without WebAssembly).
  if (release) await (await import("./build-postman.mjs")).buildPostman();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildPackage({ release: !process.argv.includes("--debug") }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
