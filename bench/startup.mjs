#!/usr/bin/env node
// Start-up: import to first result, each in a fresh Node process. Every implementation
// computes the same Tedee key, hex(SHA-256(token + ms)) + ms, timed from just before
// `import()` to the first result; runs interleaved (one of each, then again) so machine
// noise hits everyone alike; medians. Prints the "Start-up" section of bench/REPORT.md
// (bench/run.mjs writes it into the report). Options: --runs N (9), --json.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

const TOKEN = "BE9xnPnGfVUS";
const TS = 1691058833000;
/** Each: the code between `t0` and the first result (top-level await, ESM). */
export const STARTUP = {
  "authsmith/tedee `tedeeApiKey`": `const { tedeeApiKey } = await import("authsmith/tedee");
    r = tedeeApiKey("${TOKEN}", { timestamp: ${TS} });`,
  "authsmith/crypto `sha256Hex`": `const { sha256Hex } = await import("authsmith/crypto");
    r = sha256Hex("${TOKEN}${TS}") + "${TS}";`,
  "authsmith (main entry) `tedeeApiKey`": `const { tedeeApiKey } = await import("authsmith");
    r = tedeeApiKey("${TOKEN}", { timestamp: ${TS} });`,
  "hash-wasm `createSHA256` → first digest": `const { createSHA256 } = await import("hash-wasm");
    const h = await createSHA256(); h.init(); h.update("${TOKEN}${TS}"); r = h.digest("hex") + "${TS}";`,
  "hash-wasm, its SHA-256 build alone (dist/sha256.umd.min.js)": `const { createSHA256 } = (await import("hash-wasm/dist/sha256.umd.min.js")).default;
    const h = await createSHA256(); h.init(); h.update("${TOKEN}${TS}"); r = h.digest("hex") + "${TS}";`,
  "@noble/hashes `sha256`": `const { sha256 } = await import("@noble/hashes/sha2.js");
    const { bytesToHex, utf8ToBytes } = await import("@noble/hashes/utils.js");
    r = bytesToHex(sha256(utf8ToBytes("${TOKEN}${TS}"))) + "${TS}";`,
  "node:crypto `createHash`": `const { createHash } = await import("node:crypto");
    r = createHash("sha256").update("${TOKEN}${TS}").digest("hex") + "${TS}";`,
};
export const STARTUP_REFERENCE = "hash-wasm `createSHA256` → first digest";
/**
 * The issue's target: authsmith/tedee's import to first result at most hash-wasm's (the
 * package as users import it, `import("hash-wasm")`, which loads every algorithm).
 * Shown beside it, not a target: the same against hash-wasm's SHA-256-only build.
 */
export const STARTUP_TARGETS = [
  { impl: "authsmith/tedee `tedeeApiKey`", vs: STARTUP_REFERENCE, max: 1 },
  { impl: "authsmith/tedee `tedeeApiKey`", vs: "hash-wasm, its SHA-256 build alone (dist/sha256.umd.min.js)" },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function measureStartup({ runs = 9, log = () => {} } = {}) {
  const times = Object.fromEntries(Object.keys(STARTUP).map((k) => [k, []]));
  const results = new Set();
  for (let i = 0; i < runs; i++) {
    for (const [name, code] of Object.entries(STARTUP)) {
      const src = `let r; const t0 = performance.now();\n${code}\nconst ms = performance.now() - t0;\nconsole.log(JSON.stringify({ ms, r }));`;
      const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", src], { cwd: root, encoding: "utf8" }).trim());
      times[name].push(out.ms);
      results.add(out.r);
      log(`start-up run ${i + 1}/${runs} ${name}: ${out.ms.toFixed(1)} ms`);
    }
  }
  if (results.size !== 1) throw new Error(`start-up: implementations disagree: ${[...results].join(" | ")}`);
  const ref = median(times[STARTUP_REFERENCE]);
  const rows = Object.entries(times).map(([impl, t]) => ({ impl, median: median(t), min: Math.min(...t), max: Math.max(...t), ratio: median(t) / ref }));
  const med = (impl) => rows.find((r) => r.impl === impl).median;
  const targets = STARTUP_TARGETS.map((t) => ({ ...t, ratio: med(t.impl) / med(t.vs), met: t.max === undefined ? undefined : med(t.impl) / med(t.vs) <= t.max }));
  return { runs, rows, targets };
}

export function startupMarkdown(m) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const L = ["## Start-up", "",
    `Command: \`node bench/startup.mjs\` (needs \`npm run build\`). Run ${now}, Node ${process.version}. ` +
    `A fresh Node process per measurement, timed from just before \`import()\` to the first result (the same Tedee key ` +
    `from each), ${m.runs} runs of each interleaved; medians. Ratio: this ÷ hash-wasm (lower is faster).`, "",
    "| import → first result | median | spread (min–max) | ÷ hash-wasm |", "|---|---:|---:|---:|"];
  for (const r of m.rows) L.push(`| ${r.impl} | ${r.median.toFixed(1)} ms | ${r.min.toFixed(1)} – ${r.max.toFixed(1)} ms | ${r.ratio.toFixed(2)}× |`);
  L.push("", "| target | measured | wanted | |", "|---|---:|---:|---|");
  for (const t of m.targets) {
    L.push(`| ${t.impl} ÷ ${t.vs} | ${t.ratio.toFixed(2)}× | ${t.max === undefined ? "(no target)" : `≤ ${t.max}×`} | ${t.met === undefined ? "" : t.met ? "met" : "not met"} |`);
  }
  L.push("");
  return L.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--runs");
  const m = measureStartup({ runs: i > 0 ? Number(process.argv[i + 1]) : 9, log: (s) => process.stderr.write(s + "\n") });
  console.log(process.argv.includes("--json") ? JSON.stringify(m, null, 2) : startupMarkdown(m));
}
