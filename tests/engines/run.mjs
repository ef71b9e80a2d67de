#!/usr/bin/env node
// Every engine a user has, from the PACKED TARBALL: `npm pack`, install the .tgz into a
// scratch project under os.tmpdir(), then
//   chromium, firefox, webkit   the shared suites (tests/js/suite) against every entry of
//                               ENTRIES, in a page served on 127.0.0.1; the same page
//                               served with `Content-Security-Policy: script-src 'self'`
//                               (no 'wasm-unsafe-eval'): the pure-JS entries pass the
//                               suites there, the WebAssembly ones must refuse with an
//                               error that names authsmith/js; and the demo page (www/,
//                               with pkg/ from the tarball) end to end, screenshots at
//                               desktop and phone width into the folder printed below
//   pure-js-vm                  node:vm contexts without WebAssembly (tests/engines/no-wasm-vm.mjs),
//                               including `authsmith` bundled with the "react-native" condition
// Prints one `<name> <version>: N passed, N failed` line each and exits non-zero on any
// failure. A missing browser is a failure whose message says how to install it.
//   node tests/engines/run.mjs [--engines chromium,firefox,webkit]
//   KEEP_ENGINES_TMP=1 keeps the scratch project; SCREENSHOT_DIR picks the folder.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/static-server.mjs";
import { ENGINES, openEngine } from "./drivers.mjs";
import { runDemo } from "./demo.mjs";
import { recorder } from "../results.mjs";
import { ENTRIES as PACKAGE_ENTRIES, stem, wasmFiles } from "../../scripts/entries.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const here = join(root, "tests", "engines");
const log = (m) => console.error(`[engines] ${m}`);
const started = Date.now();

// Every entry module the browsers test, by its path inside the package. Per-feature
// entries (pkg/crypto.js, …) join this list.
export const ENTRIES = ["pkg/index.js", "pkg/js.js"];
// The entries that use no WebAssembly (ESM and CommonJS): they must pass the suites where
// WebAssembly is missing (node:vm) or refused (strict CSP).
export const PURE_JS_ENTRIES = ["pkg/js.js", "pkg/js.cjs"];
// The WebAssembly entries checked without WebAssembly: they must refuse, naming authsmith/js.
export const WASM_ENTRIES = ["pkg/index.js", "pkg/index.cjs"];
export const STRICT_CSP = "script-src 'self'";

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const engines = (arg("engines") ?? ENGINES.join(",")).split(",").filter((e) => e && e !== "none");

function exec(cmd, args, { cwd = root, timeout = 300_000 } = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.on("error", (e) => (clearTimeout(timer), done({ code: -1, stdout, stderr: stderr + e.message })));
    child.on("close", (code, signal) => (clearTimeout(timer), done({ code: code ?? signal, stdout, stderr })));
  });
}
const tail = (s, n = 2000) => (s.length > n ? "…" + s.slice(-n) : s).trim();

/** Prints failures and each runtime's line; merges any number of partial results. */
const { record, lines, totals } = recorder();
const failure = (name, error) => ({ passed: 0, failed: 1, failures: [{ name, error: String(error?.stack ?? error) }] });

// ------------------------------------------------------------------ pack + install

// Every entry's outputs (package.json's `files` has globs, which existsSync cannot check).
const missing = ["error.js", "error.cjs", ...PACKAGE_ENTRIES.flatMap((e) => [`${stem(e)}.js`, `${stem(e)}.cjs`, `${stem(e)}.d.ts`, ...wasmFiles(e)])]
  .map((f) => `pkg/${f}`).filter((f) => !existsSync(join(root, f)));
if (missing.length) {
  log(`pkg/ lacks ${missing.join(", ")}: building it (node scripts/build.mjs)`);
  const r = await exec(process.execPath, ["scripts/build.mjs"], { timeout: 1_200_000 });
  if (r.code !== 0) {
    console.error(tail(r.stderr, 4000));
    process.exit(1);
  }
}
const tmp = mkdtempSync(join(tmpdir(), "authsmith-engines-"));
const project = join(tmp, "project");
mkdirSync(project);
const packed = await exec("npm", ["pack", "--json", "--pack-destination", tmp]);
if (packed.code !== 0) {
  console.error(`npm pack failed\n${tail(packed.stderr, 4000)}`);
  process.exit(1);
}
const [pack] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "authsmith-engines", private: true, type: "module" }, null, 2));
const installed = await exec("npm", ["install", join(tmp, pack.filename), "--no-audit", "--no-fund", "--prefer-offline"], { cwd: project });
if (installed.code !== 0) {
  console.error(`npm install ${pack.filename} failed\n${tail(installed.stderr, 4000)}`);
  process.exit(1);
}
const pkgDir = join(project, "node_modules", "authsmith");
log(`${pack.filename} installed in ${project}`);
for (const entry of [...ENTRIES, ...PURE_JS_ENTRIES, ...WASM_ENTRIES]) {
  if (!existsSync(join(pkgDir, entry))) {
    record("tarball", pack.version, failure(`${entry} is in the tarball`, "missing: add it to package.json files"));
  }
}

// The suites and the vectors (as JSON files for pages, as one module for node:vm).
cpSync(join(root, "tests", "js", "suite"), join(project, "suite"), { recursive: true });
const { VECTOR_FILES } = await import(join(root, "tests", "js", "suite", "index.mjs"));
mkdirSync(join(project, "vectors"));
const vectors = {};
for (const f of VECTOR_FILES) {
  const text = readFileSync(join(root, "tests", "vectors", f), "utf8");
  writeFileSync(join(project, "vectors", f), text);
  vectors[f] = JSON.parse(text);
}
writeFileSync(join(project, "vectors.mjs"), `export default ${JSON.stringify(vectors)};\n`);

// The demo page with the error recorder loaded first (WebKit has no console API).
const www = join(project, "www");
cpSync(join(root, "www"), www, { recursive: true });
const demoHtml = readFileSync(join(www, "index.html"), "utf8");
if (!demoHtml.includes("<head>")) throw new Error("www/index.html has no <head>");
writeFileSync(join(www, "index.html"), demoHtml.replace("<head>", '<head>\n<script src="/engines/record.js"></script>'));

// ------------------------------------------------------- pure-JS entry without WebAssembly

async function runVm() {
  const results = [];
  // What React Native's bundler resolves `authsmith` to, bundled into one script.
  const esbuild = await import("esbuild");
  writeFileSync(join(project, "rn-entry.mjs"), `import * as lib from "authsmith";
import { runAll } from "./suite/index.mjs";
import vectors from "./vectors.mjs";
globalThis.__authsmithRun = () => runAll(lib, { vectors, env: "react-native" });
`);
  const bundle = join(project, "rn-bundle.js");
  let bundled = false;
  try {
    const r = await esbuild.build({
      entryPoints: [join(project, "rn-entry.mjs")], outfile: bundle, bundle: true, format: "iife", platform: "neutral",
      target: "es2019", conditions: ["react-native"], mainFields: ["react-native", "module", "main"], metafile: true,
      logLevel: "silent", absWorkingDir: project,
    });
    // The entry and the shared error module every entry imports (pkg/error.js), nothing else.
    const used = Object.keys(r.metafile.inputs).filter((f) => f.includes("node_modules/authsmith/") && !f.endsWith("pkg/error.js"));
    results.push(used.length === 1 && used[0].endsWith("pkg/js.js")
      ? { passed: 1, failed: 0, failures: [] }
      : failure('the "react-native" condition resolves authsmith to pkg/js.js', `bundled ${used.join(", ")}`));
    bundled = true;
  } catch (e) {
    results.push(failure("esbuild bundle with the react-native condition", e));
  }
  const r = await exec(process.execPath, ["--experimental-vm-modules", "--no-warnings", join(here, "no-wasm-vm.mjs"), project,
    ...PURE_JS_ENTRIES, "--", ...WASM_ENTRIES, "--", ...(bundled ? [bundle] : [])]);
  const got = r.stdout.split("\n").filter((l) => l.startsWith("@@result ")).map((l) => JSON.parse(l.slice(9)));
  for (const g of got) log(`node:vm ${g.name}: ${g.passed} passed, ${g.failed} failed`);
  results.push(...got);
  const want = 2 * PURE_JS_ENTRIES.length + WASM_ENTRIES.length + (bundled ? 1 : 0);
  if (r.code !== 0 || got.length !== want) results.push(failure("no-wasm-vm.mjs", `exit ${r.code}, ${got.length} of ${want} results\n${tail(r.stderr)}`));
  record("pure-js-vm", process.version, ...results);
}

// ------------------------------------------------------------------------ browsers

const site = join(here, "site");
const shots = process.env.SCREENSHOT_DIR ?? join(root, "tests", "out", "engines");
mkdirSync(shots, { recursive: true });

/** Opens a suite page, waits for window.__results, adds the errors the page recorded. */
async function suitePage(engine, url, what, { refused = false } = {}) {
  let page;
  try {
    page = await engine.open(url);
    const end = Date.now() + 300_000;
    let r;
    while (!(r = await page.evaluate(() => window.__results ?? null))) {
      if (Date.now() > end) throw new Error("no results after 300 s");
      await new Promise((ok) => setTimeout(ok, 100));
    }
    let errors = [...page.errors(), ...await page.evaluate(() => window.__errors ?? [])];
    // The refusal itself is reported as a CSP violation and, by some engines, a console error.
    if (refused) errors = errors.filter((e) => !/WebAssembly|wasm|unsafe-eval|CSP violation/i.test(e));
    if (refused && r.message) log(`${engine.name} ${what}: ${r.message.slice(0, 400)}`);
    for (const e of errors) r.failures.push({ name: `${what}: page error`, error: e });
    r.failed += errors.length;
    if (r.passed === 0 && r.failed === 0) r.failed = 1;
    return r;
  } catch (e) {
    return failure(what, e);
  } finally {
    await page?.close().catch(() => {});
  }
}

async function runEngine(name, servers) {
  let engine;
  try {
    engine = await openEngine(name);
  } catch (e) {
    record(name, "missing", failure(`launch ${name}`, e.message));
    record(`${name}-csp`, "missing", failure(`launch ${name}`, e.message));
    return;
  }
  try {
    const suites = [], csp = [];
    for (const entry of ENTRIES) {
      const t = Date.now();
      suites.push(await suitePage(engine, `${servers.plain}/engines/suite.html?entry=${entry}`, entry));
      log(`${name} ${entry}: ${((Date.now() - t) / 1000).toFixed(1)}s`);
    }
    for (const entry of ENTRIES) {
      const pure = PURE_JS_ENTRIES.includes(entry);
      const what = pure ? `${entry} under ${STRICT_CSP}` : `${entry} refused under ${STRICT_CSP}`;
      csp.push(await suitePage(engine, `${servers.csp}/engines/suite.html?entry=${entry}${pure ? "" : "&mode=refused"}`, what, { refused: !pure }));
    }
    let demo;
    try {
      const t = Date.now();
      demo = await runDemo(engine, servers.demo, root, shots);
      log(`${name} demo: ${((Date.now() - t) / 1000).toFixed(1)}s`);
    } catch (e) {
      demo = failure("demo", e);
    }
    record(name, engine.version, ...suites, demo);
    record(`${name}-csp`, engine.version, ...csp);
  } finally {
    await engine.close().catch(() => {});
  }
}

const mounts = [["/engines/", site], ["/", project]];
const plain = await startServer(mounts);
const strict = await startServer(mounts, { headers: { "content-security-policy": STRICT_CSP } });
const demoSite = await startServer([["/engines/", site], ["/pkg/", join(pkgDir, "pkg")], ["/postman/", join(root, "postman")], ["/", www]]);
try {
  await runVm();
  for (const name of engines) {
    const t = Date.now();
    await runEngine(name, { plain: plain.url, csp: strict.url, demo: demoSite.url });
    log(`${name}: ${((Date.now() - t) / 1000).toFixed(1)}s`);
  }
} finally {
  plain.server.close();
  strict.server.close();
  demoSite.server.close();
}

console.log(`screenshots (desktop 1280 px, phone 375 px): ${relative(process.cwd(), shots) || "."}`);
log(`${((Date.now() - started) / 1000).toFixed(0)}s`);
if (totals.failed === 0 && !process.env.KEEP_ENGINES_TMP) rmSync(tmp, { recursive: true, force: true });
else log(`scratch project kept: ${project}`);
console.log(`engines: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
