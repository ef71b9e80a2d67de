#!/usr/bin/env node
// `npm run bench:size`: what a bundle that imports one function costs, per entry.
// Packs the package (npm pack), installs the tarball into a temporary project, and for
// each row of scripts/entries.mjs bundles `export { <function> } from "<specifier>"` with
// esbuild (bundle, minify, format esm, esbuild's default browser platform), then gzips
// it (level 9). The installed peers get the same treatment in the same table. For an
// entry over its target, the breakdown of its wasm module (bench/wasm-breakdown.mjs on
// build/web/<stem>/glue_bg.wasm, optimised with the entry's wasm-opt level and its names
// kept) says what the bytes are. Also the gzipped script builds (pkg/postman/…).
// Needs a built pkg/ (npm run build). Prints the "Sizes" section of bench/REPORT.md;
// bench/run.mjs writes it into the report. Options: --json (the figures as JSON).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ENTRIES, specifier, stem } from "../scripts/entries.mjs";
import { breakdown, byCrate, dataBreakdown } from "./wasm-breakdown.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const KB = 1024;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;

/** Per entry (by name; "" is the main entry): the function bundled and the target in bytes. */
export const SIZE_TARGETS = {
  crypto: { fn: "hmacSha256", max: 8 * KB },
  tedee: { fn: "tedeeApiKey", max: 10 * KB },
  headers: { fn: "basicAuth", max: 20 * KB },
  webhooks: { fn: "verifyWebhook", max: 20 * KB },
  oauth: { fn: "createPkce", max: 25 * KB },
  responses: { fn: "parseWwwAuthenticate", max: 20 * KB },
  // No target set; jose's jwtVerify is in the peers table.
  jwt: { fn: "verifyJwt", max: undefined },
  "": { fn: "tedeeApiKey", max: 80 * KB },
};
/** One-function bundles without a target: what a function still on an entry's wasm-bindgen
 *  module costs (the rest of the entry is split into lean modules). */
const EXTRA_ROWS = [["", "applyAuth"], ["", "signJwt"], ["headers", "applyAuth"], ["webhooks", "signWebhook"], ["oauth", "tokenRequest"], ["responses", "explainAuthFailure"]];
/** The script build of the Tedee entry (Postman, newman), raw: the text a Postman global
 *  variable holds. No target for the others. */
const POSTMAN_TARGETS = { tedee: 40 * KB };

/** The peers, bundled the same way from this repository's node_modules. */
export const PEERS = [
  { what: "hash-wasm `sha256`", source: `export { sha256 } from "hash-wasm";` },
  { what: "hash-wasm `createHMAC` + `createSHA256`", source: `export { createHMAC, createSHA256 } from "hash-wasm";` },
  { what: "@noble/hashes `hmac` + `sha256`", source: `export { hmac } from "@noble/hashes/hmac.js";\nexport { sha256 } from "@noble/hashes/sha2.js";` },
  { what: "@octokit/webhooks-methods `verify`", source: `export { verify } from "@octokit/webhooks-methods";` },
  { what: "standardwebhooks `Webhook`", source: `export { Webhook } from "standardwebhooks";` },
  { what: "jose `jwtVerify`", source: `export { jwtVerify } from "jose";` },
];
/** Peers the issue compares with that this repository does not install. */
export const PEERS_NOT_INSTALLED = ["oauth4webapi (PKCE)", "svix"];

/** What would remove the bytes of a crate/module group of the breakdown. */
const HINTS = [
  [/^\(exports/, "every export's body (the shims with the argument adapters and core calls inlined); a bundler does not tree-shake a wasm module, so only a module without the unused exports removes them"],
  [/^authsmith_core::/, "the feature's own code; removed only by a module without the exports that use it"],
  [/^authsmith_(?:crypto|tedee|headers|webhooks|oauth|responses|all)::/, "the entry crate's adapters (JS objects in and out); removed with the exports that use them"],
  [/^authsmith_wasm_common::args/, "reading JS arguments field by field through js-sys: typed fast exports (as for the hot paths) or the checks done in JS"],
  [/^authsmith_wasm_common::zeroing|^dlmalloc|^alloc::raw_vec|^alloc::alloc|^\(Rust runtime/, "the heap: dlmalloc under the zeroing wrapper; a bump allocator reset after each call, or no heap on the entry's paths"],
  [/^authsmith_wasm_common::/, "the boundary helpers every entry shares (fast-path helpers, error mapping)"],
  [/^alloc::collections/, "BTreeSet/BTreeMap (the replay memory of the verifiers, duplicate checks): a fixed-size ring or a sorted Vec"],
  [/^alloc::rc|^core::ptr|^alloc::string|^alloc::vec/, "drop glue and owned Strings/Vecs: borrowed slices instead of owned values"],
  [/^base64/, "the base64 crate's generic engine (encode and decode): a small hand-written codec for the two alphabets used"],
  [/^core::str|^core::fmt|^core::panicking|^core::slice|^core::unicode|^core::iter/, "string searching, UTF-8 and bounds-check/panic paths of core: byte-level parsing; panic_immediate_abort (nightly build-std) drops the panic paths"],
  [/^sha2|^hmac|^digest/, "SHA-256/HMAC themselves (needed)"],
  [/^\(wasm-bindgen glue\)|^wasm_bindgen|^js_sys/, "wasm-bindgen's runtime (externref table, malloc/free exports) and JS imports: needed while the entry uses wasm-bindgen"],
];
/** Data that is not the feature's: what would remove it. */
const DATA_HINTS = {
  "panic locations (source file paths)": "`-Zlocation-detail=none` (nightly) or panic_immediate_abort",
  "panic and assertion texts": "panic_immediate_abort (nightly build-std)",
  "error codes (ERR_…)": "every module carries every code (core::error): only the codes the entry can throw",
  "messages and other text": "argument names and error messages (needed, unless the messages move to JS)",
  "binary (tables, constants)": "SHA-256 constants, lookup tables, static zeros",
};
/** Per entry: what the breakdown comes to, beyond the table's rows. */
const NOTES = {
  tedee: "a lean entry (crates/lean): its one-function bundle is the `keys` module (SHA-256, hex, the timestamp, the key generator) and the JS front.",
  crypto: "a lean entry (crates/lean): its one-function bundle is the `hash` module (SHA-256, HMAC, their encodings, the comparison) and the JS front.",
  webhooks: "`verifyWebhook` is the lean `verify` module: every scheme's headers and signature formats, secrets (whsec_ base64), the streaming HMAC, and the JS that reads every HeadersLike form with the adapters' errors.",
  headers: "`basicAuth` is the lean `basic` module (Basic and Bearer, base64).",
  oauth: "`createPkce` is the lean `pkce` module (random bytes, SHA-256, base64url).",
  responses: "`parseWwwAuthenticate` is the lean `challenge` module.",
  "": "`tedeeApiKey` comes from the lean `keys` module; the functions still on the main entry's wasm-bindgen module bundle all of it (the rows without a target).",
};
const hint = (group) => HINTS.find(([re]) => re.test(group))?.[1] ?? "";

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Bundle `source` in `dir`, minified ESM; { raw, gzip, wasmText } where wasmText is the gzip of the inlined module text. */
async function bundle(esbuild, dir, source) {
  const r = await esbuild.build({
    stdin: { contents: source, resolveDir: dir, loader: "js", sourcefile: "one-function.js" },
    bundle: true, minify: true, format: "esm", write: false, logLevel: "silent",
    nodePaths: [join(root, "node_modules")],
  });
  const out = Buffer.from(r.outputFiles[0].contents);
  // Every inlined module is a long string literal (its alphabet has no '"' or '\\').
  const lits = out.toString().match(/"[^"\\\n]{2000,}"/g) ?? [];
  let text = out.toString();
  for (const l of lits) text = text.replace(l, '""');
  const jsOnly = Buffer.from(text);
  return { raw: out.length, gzip: gz(out), js: gz(jsOnly) };
}

/** The breakdown of an entry's wasm, optimised as the build does but with names kept. */
function wasmBreakdown(entry, tmp) {
  if (entry.lean) return null; // its modules: node bench/wasm-breakdown.mjs pkg/<stem>.<module>.wasm
  const s = stem(entry);
  const unopt = join(root, "build", "web", s, "glue_bg.wasm");
  if (!existsSync(unopt)) return null;
  const named = join(tmp, `${s}.named.wasm`);
  let file = unopt, optimised = false;
  try {
    run(join(root, "node_modules", ".bin", "wasm-opt"), [unopt, entry.profile === "release" ? "-O3" : "-Os", "-g",
      "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
      "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue", "--enable-simd",
      "--strip-producers", "-o", named], root);
    file = named;
    optimised = true;
  } catch { /* the unoptimised module's names still say where the bytes are */ }
  const b = breakdown(readFileSync(file));
  const shipped = readFileSync(join(root, "pkg", `${s}.wasm`));
  const section = (n) => b.sections.filter((x) => x.name === n).reduce((a, x) => a + x.size, 0);
  return {
    source: optimised ? `build/web/${s}/glue_bg.wasm after wasm-opt ${entry.profile === "release" ? "-O3" : "-Os"} -g` : `build/web/${s}/glue_bg.wasm (before wasm-opt)`,
    shipped: { raw: shipped.length, gzip: gz(shipped) },
    code: section("code"), data: section("data"), names: b.sections.filter((x) => x.name === 'custom "name"').reduce((a, x) => a + x.size, 0),
    crates: byCrate(b.functions).slice(0, 10),
    dataKinds: dataBreakdown(readFileSync(file)),
    functions: b.functions.slice(0, 10),
    count: b.functions.length,
  };
}

export async function measureSizes() {
  if (!existsSync(join(root, "pkg", "index.js"))) throw new Error("bench/size.mjs: no pkg/ (run npm run build first)");
  const esbuild = await import("esbuild");
  const tmp = mkdtempSync(join(tmpdir(), "authsmith-size-"));
  try {
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], root))[0];
    const tarball = join(tmp, packed.filename);
    const project = join(tmp, "project");
    run("mkdir", ["-p", project]);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "size-probe", private: true, type: "module" }));
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", tarball], project);
    const installed = join(project, "node_modules", "authsmith");

    const entries = [];
    for (const e of ENTRIES) {
      const t = SIZE_TARGETS[e.name];
      if (!t || !e.exports.includes(t.fn)) throw new Error(`bench/size.mjs: no size target or function for ${specifier(e)}`);
      const b = await bundle(esbuild, project, `export { ${t.fn} } from "${specifier(e)}";`);
      const row = { entry: specifier(e), fn: t.fn, ...b, max: t.max, met: t.max === undefined ? undefined : b.gzip <= t.max };
      const bd = row.met === false ? wasmBreakdown(e, tmp) : null;
      if (bd) row.breakdown = { ...bd, note: NOTES[e.name] };
      entries.push(row);
    }
    for (const [name, fn] of EXTRA_ROWS) {
      const e = ENTRIES.find((x) => x.name === name);
      const b = await bundle(esbuild, project, `export { ${fn} } from "${specifier(e)}";`);
      entries.push({ entry: specifier(e), fn, ...b, max: undefined, met: undefined });
    }
    const peers = [];
    for (const p of PEERS) peers.push({ what: p.what, ...(await bundle(esbuild, project, p.source)) });
    const postman = ENTRIES.map((e) => {
      const file = e.name ? `pkg/postman/${e.name}.cjs` : "pkg/postman.cjs";
      const bytes = readFileSync(join(installed, file));
      const max = POSTMAN_TARGETS[e.name];
      return { file, raw: bytes.length, gzip: gz(bytes), max, met: max ? bytes.length <= max : undefined };
    });
    return { tarball: { file: packed.filename, size: packed.size, unpacked: packed.unpackedSize }, entries, peers, postman };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function sizesMarkdown(m) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const L = [];
  L.push("## Sizes", "",
    `Command: \`npm run bench:size\` (bench/size.mjs; needs \`npm run build\`). Run ${now}. ` +
    `\`npm pack\` (${m.tarball.file}: ${kb(m.tarball.size)} packed, ${kb(m.tarball.unpacked)} unpacked), the tarball installed into a ` +
    `temporary project, then for each entry \`export { <function> } from "<entry>"\` bundled with esbuild ` +
    "(`bundle: true, minify: true, format: \"esm\"`, browser platform) and gzipped at level 9. 1 KB = 1024 B. " +
    "\"of which JS\" is the gzip of the bundle with the inlined wasm text left out (the wasm is the rest).", "",
    "| entry | function | minified | gzip -9 | of which JS | target | |", "|---|---|---:|---:|---:|---:|---|");
  for (const r of m.entries) {
    L.push(`| \`${r.entry}\` | \`${r.fn}\` | ${r.raw} B | ${r.gzip} B (${kb(r.gzip)}) | ${r.js} B | ${r.max === undefined ? "—" : `≤ ${kb(r.max)}`} | ${r.met === undefined ? "" : r.met ? "met" : "not met"} |`);
  }
  L.push("", "Peers, the same bundle of the same functions, from this repository's node_modules:", "",
    "| peer | minified | gzip -9 |", "|---|---:|---:|");
  for (const p of m.peers) L.push(`| ${p.what} | ${p.raw} B | ${p.gzip} B (${kb(p.gzip)}) |`);
  L.push("", `Not installed here, so not measured: ${PEERS_NOT_INSTALLED.join(", ")}.`, "",
    "Script builds (no WebAssembly; Postman, newman), the files as published; the target is on the raw text, which a Postman variable holds:", "",
    "| file | raw | gzip -9 | target (raw) | |", "|---|---:|---:|---:|---|");
  for (const p of m.postman) {
    L.push(`| ${p.file} | ${p.raw} B | ${p.gzip} B (${kb(p.gzip)}) | ${p.max ? `≤ ${kb(p.max)}` : "—"} | ${p.met === undefined ? "" : p.met ? "met" : "not met"} |`);
  }
  const over = m.entries.filter((r) => r.met === false && r.breakdown);
  if (over.length) {
    L.push("", "### What the bytes are (entries over target)", "",
      "From bench/wasm-breakdown.mjs on the entry's unstripped module, optimised like the shipped one but with its name " +
      "section kept, so the code and data sizes are the shipped ones (uncompressed; the gzip of the whole module is given). " +
      "Alone: `node bench/wasm-breakdown.mjs <file.wasm> [top]` (on build/web/<entry>/glue_bg.wasm, the sizes before wasm-opt).");
    for (const r of over) {
      const b = r.breakdown;
      L.push("", `#### \`${r.entry}\`: ${r.gzip} B gzipped, ${r.gzip - r.max} B over ≤ ${kb(r.max)}`, "",
        `Shipped module pkg/${r.entry === "authsmith" ? "index" : r.entry.slice(10)}.wasm: ${b.shipped.raw} B, gzip ${b.shipped.gzip} B. ` +
        `Breakdown of ${b.source}: code ${b.code} B in ${b.count} functions, data ${b.data} B.`, "",
        "| crate / module | code | what would remove it |", "|---|---:|---|");
      for (const [k, v] of b.crates) L.push(`| \`${k}\` | ${v} B | ${hint(k)} |`);
      L.push("", "| data | bytes | what would remove it |", "|---|---:|---|");
      for (const [k, v] of b.dataKinds) L.push(`| ${k} | ${v} B | ${DATA_HINTS[k]} |`);
      L.push("", "| largest functions | code |", "|---|---:|");
      for (const f of b.functions) L.push(`| \`${f.name.replace(/\|/g, "\\|").slice(0, 110)}\` | ${f.size} B |`);
      if (b.note) L.push("", b.note);
    }
  }
  L.push("");
  return L.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = await measureSizes();
  if (process.argv.includes("--json")) console.log(JSON.stringify(m, null, 2));
  else console.log(sizesMarkdown(m));
}
