#!/usr/bin/env node
// Runs ONE conformance suite from the PACKED TARBALL in every runtime authsmith claims:
// `npm pack`, install the .tgz into a scratch project under os.tmpdir() (outside the repo,
// so nothing resolves to the source tree), copy the environment-agnostic suites and the
// vectors there, then run the same conformance module (tests/runtimes/consumer/) in
//   Node ESM (`import`), Node CJS (`require`), TypeScript (`tsc --noEmit`, node16 and
//   bundler), Chromium (native ESM page with an import map) and a Vite production build
//   in Chromium, Deno, Bun (ESM and CJS) and workerd (esbuild-bundled as wrangler does,
//   driven over 127.0.0.1, one webhook verified per request),
// plus the documentation's examples (README.md, docs/runtimes.md) and `publint --strict` / `attw` on the tarball.
// Every runtime runs it twice: against "authsmith", and against one object merging the
// namespaces of every per-feature entry (authsmith/crypto … authsmith/responses, imported by
// entries.mjs / entries.cjs, which this script writes from scripts/entries.mjs), with the
// entries' packaging cases: exports exactly each entry's .d.ts, one AuthsmithError and
// ERROR_CODES across entries, each subpath resolved to the file the exports map promises.
// TypeScript checks each subpath's declarations (ts/entries.ts), the browser page maps every
// subpath in its import map, workerd embeds every entry's .wasm, and Vite also builds an app
// using only tedeeApiKey of authsmith/tedee and prints its gzipped JS size.
// Prints one `<runtime> <version>: N passed, N failed` line each, the tarball size and
// unpacked size, and exits non-zero on any failure.
//
//   node tests/runtimes/run.mjs            (builds pkg/ first if it is missing)
//   KEEP_RUNTIMES_TMP=1 node tests/runtimes/run.mjs   keeps the scratch project
//   node tests/runtimes/run.mjs --only node,workerd   runs some runtimes (while iterating)
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { docExample } from "../doc-examples.mjs";
import { COMMON_EXPORTS, ENTRIES, specifier, stem, subpath, wasmFiles } from "../../scripts/entries.mjs";
import { postmanFile } from "../../scripts/build-postman.mjs";
import { recorder } from "../results.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const here = join(root, "tests", "runtimes");
const consumer = join(here, "consumer");
const bin = (name) => join(root, "node_modules", ".bin", name);
const pkgVersion = (name) => JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
const started = Date.now();
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg > 0 ? process.argv[onlyArg + 1].split(",") : null;
const log = (m) => console.error(`[runtimes] ${m}`);

const DOC_KEY = "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";
const SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// One known call per entry of scripts/entries.mjs (keyed by its name; the main entry is
// ""): `call` [function, args] returns `want` (JSON-equal); `throws` [function, args] throws
// an AuthsmithError (null: the entry throws none without a broken platform). An entry the
// table gains without a row here, or a function its row no longer exports, is a failure.
const ENTRY_CALLS = {
  crypto: { call: ["sha256Hex", ["abc"]], want: SHA256_ABC, throws: null },
  tedee: {
    call: ["tedeeApiKey", ["BE9xnPnGfVUS", { timestamp: 1691058833000 }]], want: DOC_KEY,
    throws: ["verifyTedeeApiKey", ["BE9xnPnGfVUS", "0".repeat(64) + "1691058833000", { now: 1691058833000 }]],
  },
  headers: { call: ["basicAuth", ["Aladdin", "open sesame"]], want: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", throws: ["basicAuth", ["user:name", "pw"]] },
  webhooks: {
    call: ["signWebhook", ["github", { secret: "It's a Secret to Everybody", payload: "Hello, World!" }]],
    want: { "X-Hub-Signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" },
    throws: ["verifyWebhook", ["github", { secret: "s", payload: "{}", headers: {} }]],
  },
  oauth: {
    call: ["pkceChallenge", ["dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"]], want: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    throws: ["pkceChallenge", ["short"]],
  },
  responses: {
    call: ["parseWwwAuthenticate", ['Bearer realm="api"']], want: [{ scheme: "Bearer", params: { realm: "api" } }],
    throws: ["parseWwwAuthenticate", ['Bearer realm="x']],
  },
  jwt: {
    // RFC 7515 Appendix A.1.
    call: ["decodeJwt", ["eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"]],
    want: { header: { typ: "JWT", alg: "HS256" }, payload: { iss: "joe", exp: 1300819380, "http://example.com/is_root": true } },
    throws: ["decodeJwt", ["a.b"]],
  },
  "": { call: ["tedeeApiKey", ["BE9xnPnGfVUS", { timestamp: 1691058833000 }]], want: DOC_KEY, throws: ["basicAuth", ["user:name", "pw"]] },
};
/** Rows of ENTRIES that ENTRY_CALLS lacks or names a function they do not export. */
const callDrift = ENTRIES.filter((e) => {
  const c = ENTRY_CALLS[e.name];
  return !c || !e.exports.includes(c.call[0]) || (c.throws && !e.exports.includes(c.throws[0]));
}).map((e) => specifier(e));

// ---------------------------------------------------------------------------- helpers

/** Runs a command; resolves { code, stdout, stderr } (never rejects). */
function exec(cmd, args, { cwd = root, env = {}, timeout = 180_000, input = undefined } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[runtimes] ${cmd} timed out after ${timeout / 1000}s`;
      child.kill("SIGKILL");
    }, timeout);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}\n${e.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
    if (input !== undefined) {
      child.stdin.on("error", () => {});
      child.stdin.end(input);
    }
  });
}

const tail = (s, n = 1500) => (s.length > n ? "…" + s.slice(-n) : s).trim();

/** { passed, failed, failures } from the `@@result {json}` line a consumer printed. */
function parseResult({ code, stdout, stderr }, what) {
  const line = stdout.split("\n").find((l) => l.startsWith("@@result "));
  if (!line) return { passed: 0, failed: 1, failures: [{ name: what, error: `no result (exit ${code})\n${tail(stderr || stdout)}` }] };
  const r = JSON.parse(line.slice("@@result ".length));
  if (code !== 0) {
    r.failed++;
    r.failures.push({ name: what, error: `exit ${code}\n${tail(stderr)}` });
  }
  return r;
}

/** Prints failures and each runtime's line; merges any number of partial results. */
const { record, lines, totals } = recorder();

/** One test: passes when fn resolves, fails with its error. */
async function one(name, fn) {
  try {
    await fn();
    return { passed: 1, failed: 0, failures: [] };
  } catch (e) {
    return { passed: 0, failed: 1, failures: [{ name, error: String(e?.message ?? e) }] };
  }
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(String(actual).slice(0, 300))}`);
}

// ------------------------------------------------------------------- documentation examples

/** The code block after `<!-- doc-test: NAME -->` in README.md or docs/*.md (tests/doc-examples.mjs). */
const snippet = (name) => docExample(name);

/** The value a snippet documents: its last `// value` or `<!-- value -->` line. */
function documented(code) {
  const last = code.trimEnd().split("\n").pop().trim();
  const m = last.match(/^\/\/\s*(.+)$/) ?? last.match(/^<!--\s*(.+?)\s*-->$/);
  if (!m) throw new Error("the example has no trailing `// value` comment");
  return m[1].trim();
}

// --------------------------------------------------------------------- pack + install

/** Whether an entry's output (scripts/entries.mjs) or the shared error module is missing in pkg/. */
function needBuild() {
  const want = ["error.js", "error.cjs", "error.d.ts", "error.d.cts"];
  for (const e of ENTRIES) {
    const s = stem(e);
    want.push(`${s}.js`, `${s}.cjs`, `${s}.d.ts`, `${s}.d.cts`, `${s}.workerd.js`, ...wasmFiles(e), postmanFile(e), postmanFile(e).replace(/\.cjs$/, ".d.cts"));
  }
  return want.some((f) => !existsSync(join(root, "pkg", f)));
}

const tools = ["deno", "bun", "workerd", "tsc", "vite", "publint", "attw", "esbuild"];
if (tools.some((t) => !existsSync(bin(t)))) {
  log("installing the pinned devDependencies (npm install: see .ci/run for why not npm ci)");
  const r = await exec("npm", ["install", "--no-audit", "--no-fund"], { timeout: 600_000 });
  if (r.code !== 0) {
    console.error(tail(r.stderr, 4000));
    process.exit(1);
  }
}
if (needBuild()) {
  log("pkg/ is missing: building it (node scripts/build.mjs)");
  const r = await exec(process.execPath, ["scripts/build.mjs"], { timeout: 1_200_000 });
  if (r.code !== 0) {
    console.error(tail(r.stderr, 4000));
    process.exit(1);
  }
}

const tmp = mkdtempSync(join(tmpdir(), "authsmith-runtimes-"));
const project = join(tmp, "project");
mkdirSync(project);
log(`scratch project: ${project}`);

const packed = await exec("npm", ["pack", "--json", "--pack-destination", tmp]);
if (packed.code !== 0) {
  console.error(`npm pack failed\n${tail(packed.stderr, 4000)}`);
  process.exit(1);
}
const [pack] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
const tgz = join(tmp, pack.filename);
const sizeLine = `tarball: ${pack.filename} ${pack.size} B packed (${(pack.size / 1024).toFixed(1)} KiB), ${pack.unpackedSize} B unpacked (${(pack.unpackedSize / 1024).toFixed(1)} KiB), ${pack.files.length} files: ${pack.files.map((f) => f.path).join(", ")}`;
console.log(sizeLine);

writeFileSync(join(project, "package.json"), JSON.stringify({ name: "authsmith-consumer", private: true, type: "module" }, null, 2));
const installed = await exec("npm", ["install", tgz, "--no-audit", "--no-fund", "--prefer-offline"], { cwd: project, timeout: 300_000 });
if (installed.code !== 0) {
  console.error(`npm install ${pack.filename} failed\n${tail(installed.stderr, 4000)}`);
  process.exit(1);
}
const installedDir = join(project, "node_modules", "authsmith");

// The suites, the vectors (as one plain JS module: JSON imports differ between runtimes)
// and the declared API (runtime names exported by the tarball's index.d.ts).
cpSync(join(root, "tests", "js", "suite"), join(project, "suite"), { recursive: true });
const { VECTOR_FILES } = await import(join(root, "tests", "js", "suite", "index.mjs"));
const vectors = {};
mkdirSync(join(project, "vectors"));
for (const f of VECTOR_FILES) {
  const text = readFileSync(join(root, "tests", "vectors", f), "utf8");
  writeFileSync(join(project, "vectors", f), text);
  vectors[f] = JSON.parse(text);
}
writeFileSync(join(project, "vectors.mjs"), `// Generated by tests/runtimes/run.mjs from vectors/*.json.\nexport default ${JSON.stringify(vectors)};\n`);
const dts = readFileSync(join(installedDir, "pkg", "index.d.ts"), "utf8");
const api = [...new Set([...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]))].sort();
writeFileSync(join(project, "api.mjs"), `// Generated by tests/runtimes/run.mjs from the tarball's pkg/index.d.ts.\nexport const API = ${JSON.stringify(api)};\n`);
// The entries, from scripts/entries.mjs: entries-table.mjs (each row with the names its
// .d.ts in the tarball declares), entries.mjs (imports every specifier) and entries.cjs
// (requires every specifier and where it resolved).
const declaredNames = (file) => [...new Set([...readFileSync(join(installedDir, "pkg", file), "utf8").matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]))].sort();
const entryRows = ENTRIES.map((e) => {
  const t = ENTRY_CALLS[e.name]?.throws;
  return {
    name: e.name, specifier: specifier(e), subpath: subpath(e), stem: stem(e), exports: [...e.exports, ...COMMON_EXPORTS].sort(),
    declared: existsSync(join(installedDir, "pkg", `${stem(e)}.d.ts`)) ? declaredNames(`${stem(e)}.d.ts`) : [],
    declaredCjs: existsSync(join(installedDir, "pkg", `${stem(e)}.d.cts`)) ? declaredNames(`${stem(e)}.d.cts`) : [],
    throws: t ? { fn: t[0], args: t[1] } : null,
  };
});
writeFileSync(join(project, "entries-table.mjs"), `// Generated by tests/runtimes/run.mjs from scripts/entries.mjs and the tarball's pkg/*.d.ts.\nexport const ENTRIES = ${JSON.stringify(entryRows, null, 1)};\n`);
// The synchronous-start probe of the entries: sha256Hex("abc") of the per-feature entry that owns it.
const probeEntry = ENTRIES.findIndex((e) => e.name && e.exports.includes("sha256Hex"));
writeFileSync(join(project, "entries.mjs"), `// Generated by tests/runtimes/run.mjs from scripts/entries.mjs: every entry, imported.
${ENTRIES.map((e, i) => `import * as m${i} from ${JSON.stringify(specifier(e))};`).join("\n")}

export const modules = { ${ENTRIES.map((e, i) => `${JSON.stringify(specifier(e))}: m${i}`).join(", ")} };
// Synchronous start: called at module top level, before any await.
export const probe = m${probeEntry}.sha256Hex("abc");
`);
writeFileSync(join(project, "entries.cjs"), `// Generated by tests/runtimes/run.mjs from scripts/entries.mjs: every entry, required.
const modules = { ${ENTRIES.map((e) => `${JSON.stringify(specifier(e))}: require(${JSON.stringify(specifier(e))})`).join(", ")} };
const resolved = { ${ENTRIES.map((e) => `${JSON.stringify(specifier(e))}: require.resolve(${JSON.stringify(specifier(e))})`).join(", ")} };
// Synchronous start: called at module top level.
const probe = modules[${JSON.stringify(specifier(ENTRIES[probeEntry]))}].sha256Hex("abc");
module.exports = { modules, resolved, probe };
`);
cpSync(consumer, project, { recursive: true });

// Documentation examples, written as files into the scratch project.
const examples = {};
for (const name of ["node-esm", "node-cjs", "browser", "runtime-deno", "runtime-bun", "runtime-workerd", "runtime-browser", "runtime-vite", "runtime-typescript"]) {
  examples[name] = snippet(name);
  if (examples[name].code === null) log(`doc example ${name}: missing (counted as a failure)`);
}
const missingExample = (name) => ({ passed: 0, failed: 1, failures: [{ name: `doc example ${name}`, error: "missing in README.md and docs/*.md" }] });

/** Runs a command-line README example and compares its stdout with the documented value. */
async function cliExample(name, file, cmd, args, opts) {
  const ex = examples[name];
  if (ex.code === null) return missingExample(name);
  return one(`doc example ${name} (${ex.source})`, async () => {
    writeFileSync(join(project, file), ex.code);
    const r = await exec(cmd, [...args, file], { cwd: project, ...opts });
    if (r.code !== 0) throw new Error(`exit ${r.code}\n${tail(r.stderr)}`);
    expectEqual(r.stdout.trim(), documented(ex.code), name);
  });
}

// ------------------------------------------------------------------------- Node

async function runNode() {
  const esm = parseResult(await exec(process.execPath, ["esm.mjs"], { cwd: project }), "node esm.mjs");
  // Every other subpath the exports map has (the entries; authsmith/postman and
  // authsmith/postman/<entry>: CommonJS script builds; authsmith/js and authsmith/js/<entry>:
  // the entries without WebAssembly) must give Node ESM a named export of
  // a function its entry owns (ENTRY_CALLS), and that function must work.
  const subpaths = [];
  const manifest = JSON.parse(readFileSync(join(installedDir, "package.json"), "utf8"));
  if (callDrift.length) subpaths.push({ passed: 0, failed: 1, failures: [{ name: "ENTRY_CALLS in tests/runtimes/run.mjs covers every row of scripts/entries.mjs", error: `no row, or a function the entry does not export: ${callDrift.join(", ")}` }] });
  for (const sub of Object.keys(manifest.exports ?? {}).filter((k) => k !== "." && k !== "./package.json")) {
    const spec = `authsmith${sub.slice(1)}`;
    // authsmith/postman[/name] and authsmith/js[/name] are the name's entry without WebAssembly.
    const name = sub === "./postman" || sub === "./js" ? "" : sub.replace(/^\.\/((postman|js)\/)?/, "");
    const entry = ENTRIES.find((e) => e.name === name);
    const c = ENTRY_CALLS[name];
    const [fn, args] = c?.call ?? ["(no entry)", []];
    subpaths.push(await one(`import { ${fn} } from "${spec}" (named ESM import)`, async () => {
      if (!entry || !c) throw new Error(`${sub} is no row of scripts/entries.mjs (or ENTRY_CALLS lacks it)`);
      const code = `import { ${fn} } from ${JSON.stringify(spec)};\nconsole.log(JSON.stringify(${fn}(...${JSON.stringify(args)})));\n`;
      writeFileSync(join(project, "subpath.mjs"), code);
      const r = await exec(process.execPath, ["subpath.mjs"], { cwd: project });
      if (r.code !== 0) throw new Error(tail(r.stderr));
      expectEqual(r.stdout.trim(), JSON.stringify(c.want), spec);
    }));
  }
  record("node-esm", process.version, esm, ...subpaths, await cliExample("node-esm", "readme-node-esm.mjs", process.execPath, []));
  const cjs = parseResult(await exec(process.execPath, ["cjs.cjs"], { cwd: project }), "node cjs.cjs");
  record("node-cjs", process.version, cjs, await cliExample("node-cjs", "readme-node-cjs.cjs", process.execPath, []));
}

// ------------------------------------------------------------------- TypeScript

/**
 * tsc --noEmit on one consumer project. Checks: every `@ts-expect-error` directive (an
 * unused one is error TS2578 on its line), every `// typed` line (no error on it), and
 * which declaration file each consumer file resolved "authsmith" to. Any other
 * diagnostic is a failure too.
 */
async function tscProject(dir, expectResolution) {
  const r = await exec(bin("tsc"), ["-p", join(dir, "tsconfig.json"), "--pretty", "false", "--traceResolution"], { cwd: project });
  const out = r.stdout + r.stderr;
  const diags = [...out.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/gm)].map((m) => ({ file: isAbsolute(m[1]) ? m[1] : join(project, m[1]), line: +m[2], code: m[4], text: m[5] }));
  const result = { passed: 0, failed: 0, failures: [] };
  const claimed = new Set();
  for (const file of readdirSync(dir).filter((f) => /\.[mc]?ts$/.test(f))) {
    const path = join(dir, file);
    const src = readFileSync(path, "utf8").split("\n");
    src.forEach((text, i) => {
      const kind = /\/\/ @ts-expect-error/.test(text) ? "expect-error" : /\/\/ typed\s*$/.test(text) ? "typed" : null;
      if (!kind) return;
      const line = i + 1;
      const hit = diags.filter((d) => d.file === path && d.line === line);
      hit.forEach((d) => claimed.add(d));
      if (hit.length === 0) result.passed++;
      else {
        result.failed++;
        result.failures.push({ name: `${file}:${line} ${kind}: ${text.trim().slice(0, 80)}`, error: hit.map((d) => `${d.code} ${d.text}`).join("\n") });
      }
    });
  }
  for (const d of diags.filter((d) => !claimed.has(d))) {
    result.failed++;
    result.failures.push({ name: `${relative(project, d.file)}:${d.line}`, error: `${d.code} ${d.text}` });
  }
  const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const [file, wants] of Object.entries(expectResolution)) {
    for (const [spec, want] of Object.entries(typeof wants === "string" ? { authsmith: wants } : wants)) {
      const m = out.match(new RegExp(`Resolving module '${esc(spec)}' from '${esc(join(dir, file))}'[\\s\\S]*?Module name '${esc(spec)}' was successfully resolved to '([^']+)'`));
      if (m && m[1] === join(installedDir, want)) result.passed++;
      else {
        result.failed++;
        result.failures.push({ name: `${file} resolves "${spec}" to ${want}`, error: m ? `resolved to ${m[1]}` : "not resolved" });
      }
    }
  }
  if (r.code !== 0 && result.failed === 0) {
    result.failed++;
    result.failures.push({ name: "tsc", error: `exit ${r.code}\n${tail(out)}` });
  }
  return result;
}

async function runTypeScript() {
  const version = (await exec(bin("tsc"), ["--version"])).stdout.trim().replace(/^Version /, "");
  const usage = readFileSync(join(consumer, "ts", "usage.ts"), "utf8");
  const ts = examples["runtime-typescript"];
  const node16 = join(project, "ts", "node16"), bundler = join(project, "ts", "bundler");
  writeFileSync(join(node16, "esm.mts"), usage);
  writeFileSync(join(node16, "cjs.cts"), usage);
  writeFileSync(join(bundler, "app.ts"), usage);
  writeFileSync(join(node16, "readme.mts"), ts.code ?? "");
  writeFileSync(join(bundler, "readme.ts"), ts.code ?? "");
  // The entries (ts/entries.ts): each subpath of scripts/entries.mjs must resolve to its own declarations.
  const entriesTs = readFileSync(join(consumer, "ts", "entries.ts"), "utf8");
  writeFileSync(join(node16, "entries.mts"), entriesTs);
  writeFileSync(join(node16, "entries.cts"), entriesTs);
  writeFileSync(join(bundler, "entries.ts"), entriesTs);
  const features = ENTRIES.filter((e) => e.name);
  const declarations = (ext) => Object.fromEntries(features.map((e) => [specifier(e), `pkg/${stem(e)}${ext}`]));
  const extra = ts.code === null ? [missingExample("runtime-typescript")] : [];
  record("typescript-node16", version,
    await tscProject(node16, {
      "esm.mts": "pkg/index.d.ts", "cjs.cts": "pkg/index.d.cts", "readme.mts": "pkg/index.d.ts",
      "entries.mts": declarations(".d.ts"), "entries.cts": declarations(".d.cts"),
    }), ...extra);
  record("typescript-bundler", version,
    await tscProject(bundler, { "app.ts": "pkg/index.d.ts", "readme.ts": "pkg/index.d.ts", "entries.ts": declarations(".d.ts") }), ...extra);
}

// --------------------------------------------------------------- Chromium and Vite

/** Resolves a package.json "exports" entry for the given conditions, in object order. */
function resolveExports(target, conditions) {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = resolveExports(t, conditions);
      if (r) return r;
    }
    return undefined;
  }
  if (target && typeof target === "object") {
    for (const [key, value] of Object.entries(target)) {
      if (key === "default" || conditions.includes(key)) {
        const r = resolveExports(value, conditions);
        if (r) return r;
      }
    }
  }
  return undefined;
}

async function runBrowsers() {
  const { startServer } = await import(join(root, "scripts", "static-server.mjs"));
  const { launch } = await import(join(root, "tests", "browser", "chromium.mjs"));
  const manifest = JSON.parse(readFileSync(join(installedDir, "package.json"), "utf8"));
  // One mapping per entry of scripts/entries.mjs: the file the exports map gives for the browser conditions.
  const imports = {};
  for (const e of ENTRIES) {
    const file = resolveExports(manifest.exports?.[subpath(e)], ["browser", "import", "module"]);
    imports[specifier(e)] = `/node_modules/authsmith/${String(file).replace(/^\.\//, "")}`;
  }
  const importMap = JSON.stringify({ imports });
  const page = join(project, "browser", "index.html");
  writeFileSync(page, readFileSync(page, "utf8").replace("@@IMPORTMAP@@", importMap));
  for (const name of ["browser", "runtime-browser"]) {
    const code = examples[name].code ?? "";
    writeFileSync(join(project, `readme-${name}.html`), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>\n${code}</body></html>\n`);
  }

  // The Vite production build: the conformance page and the README example, one build.
  const viteVersion = pkgVersion("vite");
  const viteDir = join(project, "vite"), dist = join(project, "vite-dist");
  const viteResults = [];
  const vex = examples["runtime-vite"];
  writeFileSync(join(viteDir, "readme.html"), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><div id="app"></div><script type="module" src="./readme.mjs"></script></body></html>\n`);
  writeFileSync(join(viteDir, "readme.mjs"), vex.code ?? "");
  let built = false;
  try {
    const vite = await import("vite");
    const inputs = { main: join(viteDir, "index.html"), readme: join(viteDir, "readme.html") };
    const major = Number(viteVersion.split(".")[0]);
    // Every warning Vite prints about the build is a failure: the package must bundle
    // cleanly with no plugin and no config.
    const warnings = [];
    const logger = vite.createLogger("warn");
    logger.warn = logger.warnOnce = (msg) => warnings.push(msg);
    logger.error = (msg) => warnings.push(msg);
    await vite.build({
      root: viteDir, configFile: false, logLevel: "warn", customLogger: logger, cacheDir: join(tmp, "vite-cache"), mode: "production",
      build: {
        outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 4096,
        ...(major >= 8 ? { rolldownOptions: { input: inputs } } : { rollupOptions: { input: inputs } }),
      },
    });
    built = true;
    viteResults.push(await one("vite build prints no warning", () => {
      if (warnings.length) throw new Error(warnings.join("\n"));
    }));
    const assets = readdirSync(join(dist, "assets"));
    viteResults.push(await one("vite build emits no separate .wasm asset (the wasm is inlined, no plugin)", () => {
      const wasm = assets.filter((f) => f.endsWith(".wasm"));
      if (wasm.length) throw new Error(`found ${wasm.join(", ")}`);
    }));
  } catch (e) {
    viteResults.push({ passed: 0, failed: 1, failures: [{ name: "vite build", error: String(e?.stack ?? e) }] });
  }

  // The smallest app: only tedeeApiKey of authsmith/tedee, built on its own (no chunk
  // shared with the pages above); its gzipped JS is what a user of one entry ships.
  const tedeeDist = join(project, "vite-tedee-dist");
  let tedeeBuilt = false;
  try {
    const vite = await import("vite");
    const major = Number(viteVersion.split(".")[0]);
    const warnings = [];
    const logger = vite.createLogger("warn");
    logger.warn = logger.warnOnce = (msg) => warnings.push(msg);
    logger.error = (msg) => warnings.push(msg);
    const input = { tedee: join(viteDir, "tedee.html") };
    await vite.build({
      root: viteDir, configFile: false, logLevel: "warn", customLogger: logger, cacheDir: join(tmp, "vite-cache-tedee"), mode: "production",
      build: { outDir: tedeeDist, emptyOutDir: true, chunkSizeWarningLimit: 4096, ...(major >= 8 ? { rolldownOptions: { input } } : { rollupOptions: { input } }) },
    });
    tedeeBuilt = true;
    const js = readdirSync(join(tedeeDist, "assets")).filter((f) => f.endsWith(".js"));
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(tedeeDist, "assets", f)), { level: 9 }).length, 0);
    const raw = js.reduce((n, f) => n + statSync(join(tedeeDist, "assets", f)).size, 0);
    console.log(`vite authsmith/tedee app: ${gz} B gzip (${raw} B minified, ${js.length} JS file${js.length === 1 ? "" : "s"})`);
    viteResults.push(await one("vite build of the authsmith/tedee app: no warning, no separate .wasm asset", () => {
      const wasm = readdirSync(join(tedeeDist, "assets")).filter((f) => f.endsWith(".wasm"));
      if (warnings.length || wasm.length) throw new Error([...warnings, ...wasm.map((f) => `emitted ${f}`)].join("\n"));
    }));
    viteResults.push(await one("the authsmith/tedee app's JS is smaller than pkg/index.js (every feature), gzipped", () => {
      // pkg/tedee.js must not drag the main entry's module in.
      const mainGz = gzipSync(readFileSync(join(installedDir, "pkg", "index.js")), { level: 9 }).length;
      if (gz >= mainGz) throw new Error(`app ${gz} B gzip, pkg/index.js ${mainGz} B gzip`);
    }));
  } catch (e) {
    viteResults.push({ passed: 0, failed: 1, failures: [{ name: "vite build of the authsmith/tedee app", error: String(e?.stack ?? e) }] });
  }

  const { server, url } = await startServer([["/", project]]);
  const vsite = built ? await startServer([["/", dist]]) : null;
  const tsite = tedeeBuilt ? await startServer([["/", tedeeDist]]) : null;
  let browser;
  try {
    browser = await launch();
    const version = browser.version();

    /** Opens url, waits for window.__results, returns them (+ console errors as failures). */
    async function conformancePage(pageUrl, what) {
      const p = await browser.newPage();
      const errors = [];
      p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      p.on("pageerror", (e) => errors.push(String(e)));
      try {
        await p.goto(pageUrl);
        await p.waitForFunction(() => window.__results !== undefined, null, { timeout: 120_000 });
        const r = await p.evaluate(() => window.__results);
        for (const e of errors) r.failures.push({ name: `${what}: console error`, error: e });
        r.failed += errors.length;
        return r;
      } catch (e) {
        return { passed: 0, failed: 1, failures: [{ name: what, error: `${e.message}\n${errors.join("\n")}` }] };
      } finally {
        await p.close();
      }
    }

    /** Opens a README example page and compares the text of `selector` with the documented value. */
    async function examplePage(name, pageUrl, selector) {
      const ex = examples[name];
      if (ex.code === null) return missingExample(name);
      return one(`doc example ${name} (${ex.source})`, async () => {
        const p = await browser.newPage();
        const errors = [];
        p.on("pageerror", (e) => errors.push(String(e)));
        try {
          await p.goto(pageUrl);
          const want = name === "browser" ? DOC_KEY : documented(ex.code);
          await p.waitForFunction(([sel, w]) => document.querySelector(sel)?.textContent.trim() === w, [selector, want], { timeout: 10_000 }).catch(() => {});
          const text = (await p.locator(selector).textContent()).trim();
          if (errors.length) throw new Error(errors.join("\n"));
          expectEqual(text, want, name);
        } finally {
          await p.close();
        }
      });
    }

    record("chromium-esm", version,
      await conformancePage(`${url}/browser/`, "native ESM page"),
      await examplePage("runtime-browser", `${url}/readme-runtime-browser.html`, "body"),
      await examplePage("browser", `${url}/readme-browser.html`, "body"));
    if (built) {
      viteResults.push(await conformancePage(`${vsite.url}/index.html`, "vite build page"));
      viteResults.push(await examplePage("runtime-vite", `${vsite.url}/readme.html`, "#app"));
    }
    if (tedeeBuilt) {
      viteResults.push(await one("the authsmith/tedee app page shows the documented Tedee key", async () => {
        const p = await browser.newPage();
        const errors = [];
        p.on("pageerror", (e) => errors.push(String(e)));
        p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        try {
          await p.goto(`${tsite.url}/tedee.html`);
          await p.waitForFunction((w) => document.querySelector("#app")?.textContent.trim() === w, DOC_KEY, { timeout: 10_000 }).catch(() => {});
          const text = (await p.locator("#app").textContent()).trim();
          if (errors.length) throw new Error(errors.join("\n"));
          expectEqual(text, DOC_KEY, "authsmith/tedee app");
        } finally {
          await p.close();
        }
      }));
    }
    log(`chromium ${version} ran the native ESM page and the Vite build`);
    record("vite", viteVersion, ...viteResults);
  } catch (e) {
    record("chromium-esm", "unknown", { passed: 0, failed: 1, failures: [{ name: "chromium", error: e.message }] });
    record("vite", viteVersion, ...viteResults, { passed: 0, failed: 1, failures: [{ name: "chromium", error: e.message }] });
  } finally {
    await browser?.close();
    server.close();
    vsite?.server.close();
    tsite?.server.close();
  }
}

// ------------------------------------------------------------------- Deno and Bun

async function runDeno() {
  const env = { DENO_DIR: join(tmp, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };
  const version = (await exec(bin("deno"), ["--version"], { env })).stdout.split("\n")[0].split(" ")[1] ?? "unknown";
  // No permission flags: importing from node_modules needs none, and the suite does no I/O.
  const r = parseResult(await exec(bin("deno"), ["run", "--no-prompt", "esm.mjs"], { cwd: project, env }), "deno run esm.mjs");
  // Deno type-checks against the package's "types" with its own TypeScript and defaults:
  // the TypeScript consumer (an unused @ts-expect-error is an error) and the README example.
  const check = await one("deno check: ts/usage.ts, ts/entries.ts and the README TypeScript example", async () => {
    writeFileSync(join(project, "deno-usage.ts"), readFileSync(join(consumer, "ts", "usage.ts"), "utf8"));
    writeFileSync(join(project, "deno-entries.ts"), readFileSync(join(consumer, "ts", "entries.ts"), "utf8"));
    writeFileSync(join(project, "deno-readme.ts"), examples["runtime-typescript"].code ?? "");
    const c = await exec(bin("deno"), ["check", "deno-usage.ts", "deno-entries.ts", "deno-readme.ts"], { cwd: project, env });
    if (c.code !== 0) throw new Error(tail(c.stdout + c.stderr));
  });
  record("deno", version, r, check, await cliExample("runtime-deno", "readme-deno.mjs", bin("deno"), ["run", "--no-prompt"], { env }));
}

async function runBun() {
  const env = { BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0", DO_NOT_TRACK: "1" };
  const version = (await exec(bin("bun"), ["--version"], { env })).stdout.trim();
  const esm = parseResult(await exec(bin("bun"), ["esm.mjs"], { cwd: project, env }), "bun esm.mjs");
  record("bun-esm", version, esm, await cliExample("runtime-bun", "readme-bun.mjs", bin("bun"), [], { env }));
  record("bun-cjs", version, parseResult(await exec(bin("bun"), ["cjs.cjs"], { cwd: project, env }), "bun cjs.cjs"));
}

// ------------------------------------------------------------------------ workerd

const STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const GITHUB_SECRET = "It's a Secret to Everybody";

/**
 * Bundles a worker as wrangler does: esbuild, conditions workerd/worker/browser, each .wasm
 * kept a module. Copies every .wasm the bundle imports (pkg/<file>.wasm, imported by
 * pkg/<stem>.workerd.js as "./<file>.wasm": scripts/entries.mjs wasmFiles) next to it;
 * returns { inputs, wasm }.
 */
async function bundleWorker(entry, outDir) {
  const esbuild = await import("esbuild");
  const r = await esbuild.build({
    entryPoints: [entry], outfile: join(outDir, "worker.js"), bundle: true, format: "esm", platform: "neutral",
    target: "es2022", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"],
    external: ["*.wasm"], metafile: true, logLevel: "silent", absWorkingDir: project,
  });
  const wasm = [...new Set(Object.values(r.metafile.outputs).flatMap((o) => o.imports)
    .filter((i) => i.external && i.path.endsWith(".wasm")).map((i) => i.path))].sort();
  for (const w of wasm) {
    if (!/^\.\/[\w.-]+\.wasm$/.test(w)) throw new Error(`the bundle imports ${w}: not a ./<file>.wasm beside pkg/<stem>.workerd.js`);
    cpSync(join(installedDir, "pkg", w), join(outDir, w));
  }
  return { inputs: Object.keys(r.metafile.inputs), wasm: wasm.map((w) => w.slice(2)) };
}

async function runWorkerd() {
  const version = pkgVersion("workerd");
  const dir = join(project, "workerd");
  const results = [];
  const ex = examples["runtime-workerd"];
  if (ex.code === null) results.push(missingExample("runtime-workerd"));
  writeFileSync(join(dir, "readme-worker.mjs"), ex.code ?? "export default { fetch: () => new Response('missing', { status: 500 }) };");
  let bundle, readmeBundle;
  try {
    bundle = await bundleWorker(join(dir, "worker.mjs"), join(dir, "out-conformance"));
    readmeBundle = await bundleWorker(join(dir, "readme-worker.mjs"), join(dir, "out-readme"));
  } catch (e) {
    record("workerd", version, { passed: 0, failed: 1, failures: [{ name: "esbuild bundle", error: e.message }] });
    return;
  }
  // The conformance worker imports every entry (entries.mjs): each must come from its
  // "workerd" file, with its own .wasm module, and nothing else of the package but the
  // shared error module.
  const used = bundle.inputs.filter((f) => f.includes("node_modules/authsmith/")).map((f) => f.slice(f.indexOf("node_modules/authsmith/") + "node_modules/authsmith/".length)).sort();
  for (const e of ENTRIES) {
    results.push(await one(`the worker bundle resolves "${specifier(e)}" to pkg/${stem(e)}.workerd.js ("workerd" condition) with ${wasmFiles(e).join(", ")} embedded`, () => {
      if (!used.includes(`pkg/${stem(e)}.workerd.js`)) throw new Error(`bundled ${used.join(", ")}`);
      if (!wasmFiles(e).every((f) => bundle.wasm.includes(f))) throw new Error(`wasm modules: ${bundle.wasm.join(", ")}`);
    }));
  }
  results.push(await one("the worker bundle has no inlined entry (only pkg/<stem>.workerd.js and pkg/error.js)", () => {
    const want = ["pkg/error.js", ...ENTRIES.map((e) => `pkg/${stem(e)}.workerd.js`)].sort();
    if (JSON.stringify(used) !== JSON.stringify(want)) throw new Error(`bundled ${used.join(", ")}`);
  }));
  // Two compatibility dates: the conformance worker a recent one; the README worker one
  // under which workerd refuses to compile Wasm from bytes at run time (as Cloudflare's
  // edge does; newer local dates allow it), so it proves the Wasm-module path.
  const worker = (name, out, wasm, date, bindings) => `const ${name} :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "${out}/worker.js"),
${wasm.map((w) => `    (name = "${w}", wasm = embed "${out}/${w}"),`).join("\n")}
  ],
  compatibilityDate = "${date}",
  bindings = [ ${bindings.map(([k, v]) => `(name = ${JSON.stringify(k)}, text = ${JSON.stringify(v)})`).join(", ")} ],
);`;
  writeFileSync(join(dir, "config.capnp"), `# Generated by tests/runtimes/run.mjs.
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "conformance", worker = .conformance), (name = "readme", worker = .readme) ],
  sockets = [
    (name = "conformance", address = "127.0.0.1:0", http = (), service = "conformance"),
    (name = "readme", address = "127.0.0.1:0", http = (), service = "readme"),
  ],
);
${worker("conformance", "out-conformance", bundle.wasm, "2025-09-01", [["STANDARD_SECRET", STANDARD_SECRET], ["GITHUB_SECRET", GITHUB_SECRET]])}
${worker("readme", "out-readme", readmeBundle.wasm, "2025-01-01", [["GITHUB_WEBHOOK_SECRET", GITHUB_SECRET]])}
`);

  // workerd reports the ports it bound on the control fd (3).
  const child = spawn(bin("workerd"), ["serve", "config.capnp", "--control-fd=3"], { cwd: dir, stdio: ["ignore", "pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.on("data", (d) => (stderr += d));
  const ports = {};
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workerd did not start in 30s\n${tail(stderr)}`)), 30_000);
      let buf = "";
      child.stdio[3].on("data", (d) => {
        buf += d;
        for (const line of buf.split("\n").slice(0, -1)) {
          const m = JSON.parse(line);
          if (m.event === "listen") ports[m.socket] = m.port;
        }
        buf = buf.slice(buf.lastIndexOf("\n") + 1);
        if (ports.conformance && ports.readme) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", (code) => reject(new Error(`workerd exited (${code})\n${tail(stderr)}`)));
    });
    const base = `http://127.0.0.1:${ports.conformance}`, readmeBase = `http://127.0.0.1:${ports.readme}`;

    // 1. The conformance module, inside the worker.
    const res = await fetch(`${base}/conformance`);
    results.push(res.ok ? await res.json() : { passed: 0, failed: 1, failures: [{ name: "GET /conformance", error: `${res.status} ${tail(await res.text())}` }] });

    // 2. One webhook verified per request, signed here with the packed CommonJS build.
    const lib = createRequire(join(project, "package.json"))("authsmith");
    const now = Math.floor(Date.now() / 1000);
    const requests = [];
    for (let i = 0; i < 24; i++) {
      const payload = JSON.stringify({ type: "order.paid", id: i, note: "é→✓".repeat(i), pad: "x".repeat(i * 997) });
      const headers = lib.signWebhook("standard", { secret: STANDARD_SECRET, payload, timestamp: now - i, id: `msg_${i}` });
      requests.push({ name: `standard webhook #${i} verified`, path: "/webhook", payload, headers, status: 200, check: (b) => b.id === `msg_${i}` && b.scheme === "standard" && b.timestamp === now - i });
    }
    const good = JSON.stringify({ type: "order.paid", id: 99 });
    const signed = lib.signWebhook("standard", { secret: STANDARD_SECRET, payload: good, timestamp: now, id: "msg_t" });
    requests.push({ name: "tampered body refused", path: "/webhook", payload: good.replace("99", "98"), headers: signed, status: 401, check: (b) => b.code === "ERR_SIGNATURE_MISMATCH" });
    requests.push({ name: "wrong secret refused", path: "/webhook", payload: good, headers: lib.signWebhook("standard", { secret: "whsec_" + btoa("another secret, 24+ bytes long"), payload: good, timestamp: now, id: "msg_w" }), status: 401, check: (b) => b.code === "ERR_SIGNATURE_MISMATCH" });
    requests.push({ name: "stale timestamp refused", path: "/webhook", payload: good, headers: lib.signWebhook("standard", { secret: STANDARD_SECRET, payload: good, timestamp: now - 3600, id: "msg_o" }), status: 401, check: (b) => b.code === "ERR_TIMESTAMP_TOO_OLD" });
    requests.push({ name: "unsigned request refused", path: "/webhook", payload: good, headers: {}, status: 401, check: (b) => b.code === "ERR_MISSING_HEADER" });
    const big = "a".repeat(3 * 1024 * 1024 + 17);
    requests.push({ name: "GitHub delivery of 3 MiB verified while streaming", path: "/webhook/stream", payload: big, headers: lib.signWebhook("github", { secret: GITHUB_SECRET, payload: big }), status: 200, check: (b) => b.scheme === "github" });
    requests.push({ name: "streamed GitHub delivery with one byte changed refused", path: "/webhook/stream", payload: big.slice(0, -1) + "b", headers: lib.signWebhook("github", { secret: GITHUB_SECRET, payload: big }), status: 401, check: (b) => b.code === "ERR_SIGNATURE_MISMATCH" });
    // Four at a time: concurrent requests share the worker's one wasm instance.
    for (let i = 0; i < requests.length; i += 4) {
      const batch = await Promise.all(requests.slice(i, i + 4).map((q) => one(`POST ${q.path}: ${q.name}`, async () => {
        const r = await fetch(`${base}${q.path}`, { method: "POST", body: q.payload, headers: { ...q.headers, "content-type": "application/json" } });
        const text = await r.text();
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          throw new Error(`status ${r.status}: ${text.slice(0, 200)}`);
        }
        if (r.status !== q.status || !q.check(body)) throw new Error(`status ${r.status}: ${text.slice(0, 200)}`);
      })));
      results.push(...batch);
    }

    // 3. The README's worker, as written.
    if (ex.code !== null) {
      const payload = JSON.stringify({ action: "opened", number: 1 });
      const gh = lib.signWebhook("github", { secret: GITHUB_SECRET, payload });
      for (const [what, body, headers, status, text] of [
        ["verifies a signed delivery", payload, gh, 200, "verified github"],
        ["refuses a tampered delivery", payload + " ", gh, 401, "ERR_SIGNATURE_MISMATCH"],
        ["refuses an unsigned delivery", payload, {}, 401, "ERR_MISSING_HEADER"],
      ]) {
        results.push(await one(`doc example runtime-workerd (${ex.source}) ${what}`, async () => {
          const r = await fetch(readmeBase, { method: "POST", body, headers });
          const got = await r.text();
          if (r.status !== status || got !== text) throw new Error(`expected ${status} ${text}, got ${r.status} ${got.slice(0, 200)}`);
        }));
      }
    }
  } catch (e) {
    results.push({ passed: 0, failed: 1, failures: [{ name: "workerd", error: `${e.message}\n${tail(stderr)}` }] });
  } finally {
    child.kill("SIGTERM");
  }
  if (/error|uncaught/i.test(stderr)) results.push({ passed: 0, failed: 1, failures: [{ name: "workerd log has errors", error: tail(stderr) }] });
  record("workerd", version, ...results);
}

// --------------------------------------------------------------- publint and attw

async function runLinters() {
  const pub = await exec(bin("publint"), ["run", "--strict", tgz]);
  const pubOut = (pub.stdout + pub.stderr).trim();
  const messages = pubOut.split("\n").filter((l) => /^\s*\d+\.\s/.test(l));
  if (pub.code === 0 && /All good/.test(pubOut)) record("publint", pkgVersion("publint"), { passed: 1, failed: 0, failures: [] });
  else record("publint", pkgVersion("publint"), { passed: 0, failed: Math.max(1, messages.length), failures: [{ name: "publint --strict", error: tail(pubOut, 4000) }] });

  // attw on a tarball checks every subpath of the exports map (no --entrypoints): each
  // must be in its analysis, resolved in every resolution mode, with no problem.
  const attw = await exec(bin("attw"), [tgz, "--format", "json"]);
  let r;
  try {
    const json = JSON.parse(attw.stdout);
    const problems = json.analysis.problems ?? [];
    const entrypoints = Object.values(json.analysis.entrypoints);
    const cells = entrypoints.flatMap((e) => Object.entries(e.resolutions).map(([kind]) => `${e.subpath} ${kind}`));
    const bad = new Set(problems.map((p) => `${p.entrypoint} ${p.resolutionKind}`));
    const manifest = JSON.parse(readFileSync(join(installedDir, "package.json"), "utf8"));
    const want = Object.keys(manifest.exports).filter((k) => k !== "./package.json");
    const modes = ["node10", "node16-cjs", "node16-esm", "bundler"];
    const unchecked = want.flatMap((sub) => {
      const e = entrypoints.find((x) => x.subpath === sub);
      return e ? modes.filter((m) => !e.resolutions[m]).map((m) => `${sub} ${m}`) : [`${sub} (not analysed)`];
    });
    r = {
      passed: cells.filter((c) => !bad.has(c)).length,
      failed: problems.length + (unchecked.length ? 1 : 0),
      failures: [
        ...problems.map((p) => ({ name: `${p.kind}`, error: JSON.stringify(p) })),
        ...(unchecked.length ? [{ name: "attw checked every subpath of the exports map in every resolution mode", error: `missing: ${unchecked.join(", ")}` }] : []),
      ],
    };
    log(`attw checked ${entrypoints.length} subpaths: ${entrypoints.map((e) => e.subpath).join(", ")}`);
    if (attw.code !== 0 && r.failed === 0) r = { ...r, failed: 1, failures: [{ name: "attw", error: `exit ${attw.code}\n${tail(attw.stderr)}` }] };
  } catch (e) {
    r = { passed: 0, failed: 1, failures: [{ name: "attw", error: `${e.message}\n${tail(attw.stdout + attw.stderr)}` }] };
  }
  record("attw", pkgVersion("@arethetypeswrong/cli"), r);
}

// ---------------------------------------------------------------------------- run

const timings = [];
const groups = [["node", runNode], ["typescript", runTypeScript], ["deno", runDeno], ["bun", runBun],
  ["workerd", runWorkerd], ["chromium + vite", runBrowsers], ["publint + attw", runLinters]];
for (const [name, fn] of groups.filter(([name]) => !only || only.some((o) => name.includes(o)))) {
  const t = Date.now();
  try {
    await fn();
  } catch (e) {
    record(name, "error", { passed: 0, failed: 1, failures: [{ name, error: String(e?.stack ?? e) }] });
  }
  timings.push(`${name} ${((Date.now() - t) / 1000).toFixed(1)}s`);
}

log(`timings: ${timings.join(", ")}; total ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(sizeLine);
if (totals.failed === 0 && !process.env.KEEP_RUNTIMES_TMP) rmSync(tmp, { recursive: true, force: true });
else log(`scratch project kept: ${project}`);
console.log(`runtimes: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
