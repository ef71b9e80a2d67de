#!/usr/bin/env node
// `npm run bench`: authsmith against node:crypto, WebCrypto, hash-wasm, @noble/hashes and
// crypto-js. Each case × implementation runs in a fresh process (warm-up, then timed
// windows), interleaved over several rounds so machine noise hits everyone alike.
// Writes bench/REPORT.md: medians, spread, ratios, targets, package size, cold start.
// Options: --rounds N (3), --samples N (5 per round), --cases tedee,hmac256,...
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CASES } from "./impls.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(arg("rounds", 3));
const samples = Number(arg("samples", 5));
const only = arg("cases", Object.keys(CASES).join(",")).split(",");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (v, unit) => unit === "MB/s" ? `${v.toFixed(0)} MB/s` : v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : `${(v / 1e3).toFixed(0)}k`;

const results = {};
for (const name of only) {
  const c = CASES[name];
  results[name] = Object.fromEntries(Object.keys(c.impls).map((k) => [k, { samples: [], reference: null }]));
  for (let r = 0; r < rounds; r++) {
    for (const impl of Object.keys(c.impls)) {
      const out = execFileSync(process.execPath, [join(here, "worker.mjs"), name, impl, String(samples)], { cwd: root, encoding: "utf8" });
      const res = JSON.parse(out.trim().split("\n").pop());
      results[name][impl].samples.push(...res.samples);
      results[name][impl].reference = res.reference;
      process.stderr.write(`${name} round ${r + 1}/${rounds} ${impl}: ${fmt(median(res.samples), c.unit)}\n`);
    }
  }
  const refs = new Set(Object.values(results[name]).map((x) => x.reference));
  if (refs.size !== 1) throw new Error(`${name}: implementations disagree: ${[...refs].join(" | ")}`);
}

// Size of the main entry (what a browser or Node user loads) and of the wasm.
const wasm = readFileSync(join(root, "pkg", "authsmith.wasm"));
const js = readFileSync(join(root, "pkg", "index.js"));
const jsOnly = readFileSync(join(root, "pkg", "js.js"));
const gz = (b) => gzipSync(b, { level: 9 }).length;

// Cold start: a fresh process, import to first result.
const cold = [];
for (let i = 0; i < 7; i++) {
  const ms = execFileSync(process.execPath, ["--input-type=module", "-e",
    "const t = performance.now(); const a = await import('authsmith'); a.tedeeApiKey('t', { timestamp: 1 }); console.log(performance.now() - t);"],
  { cwd: root, encoding: "utf8" });
  cold.push(Number(ms));
}

// Wasm memory over 10^6 calls.
const mem = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `
  const a = await import('authsmith');
  for (let i = 0; i < 1e4; i++) a.tedeeApiKey('BE9xnPnGfVUS', { timestamp: i });
  const before = a.__wasmMemoryBytes();
  const h = new a.Hmac('k');
  for (let i = 0; i < 1e6; i++) { a.tedeeApiKey('BE9xnPnGfVUS', { timestamp: i }); h.sign('abc'); }
  console.log(JSON.stringify({ before, after: a.__wasmMemoryBytes() }));`], { cwd: root, encoding: "utf8" }));

const lines = [];
const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
lines.push(`# authsmith benchmark`, "", `Run ${now} on ${cpus()[0]?.model ?? "?"} (${cpus().length} cores), Node ${process.version}; ` +
  `${rounds} rounds × ${samples} samples per implementation, each round in a fresh process. ` +
  `Absolute numbers are noisy on shared machines: compare within one run. Reproduce: \`npm run bench\`.`, "");
const ratio = (a, b) => (a / b).toFixed(2) + "×";
const targets = [];
for (const name of only) {
  const c = CASES[name];
  const rows = Object.entries(results[name]).map(([impl, r]) => {
    const m = median(r.samples);
    return { impl, m, lo: Math.min(...r.samples), hi: Math.max(...r.samples) };
  });
  const mine = rows[0];
  lines.push(`## ${c.title}`, "", `| implementation | median | spread (min–max) | authsmith ÷ this |`, `|---|---:|---:|---:|`);
  for (const r of rows) {
    lines.push(`| ${r.impl} | ${fmt(r.m, c.unit)} | ${fmt(r.lo, c.unit)} – ${fmt(r.hi, c.unit)} | ${r === mine ? "—" : ratio(mine.m, r.m)} |`);
  }
  lines.push("");
  const get = (impl) => rows.find((r) => r.impl === impl)?.m;
  const target = (label, a, b, want) => b && targets.push(`| ${label} | ${ratio(a, b)} | ≥ ${want}× | ${a / b >= want ? "met" : "not met"} |`);
  if (name === "tedee") {
    target("Tedee key vs hash-wasm", mine.m, get("hash-wasm"), 2);
    target("Tedee key vs node:crypto createHash", mine.m, get("node:crypto createHash"), 1);
  }
  if (name === "hmac256") target("HMAC 256 B vs node:crypto createHmac", mine.m, get("node:crypto createHmac"), 1);
  if (name === "verify2k") {
    target("2 KiB webhook verify vs hash-wasm", mine.m, get("hash-wasm"), 1.5);
    target("2 KiB webhook verify vs node:crypto", mine.m, get("node:crypto createHmac + timingSafeEqual"), 0.8);
  }
  if (name === "hmac1m") target("1 MiB HMAC vs hash-wasm", mine.m, get("hash-wasm"), 1);
}
const total = gz(wasm) + gz(js) - gz(Buffer.from(wasm.toString("base64")));
lines.push("## Size and start-up", "", "| what | raw | gzip -9 |", "|---|---:|---:|",
  `| pkg/authsmith.wasm | ${wasm.length} B | ${gz(wasm)} B |`,
  `| pkg/index.js (main entry, wasm inlined as base64) | ${js.length} B | ${gz(js)} B |`,
  `| pkg/js.js (authsmith/js, pure JavaScript) | ${jsOnly.length} B | ${gz(jsOnly)} B |`, "",
  `Cold start (fresh Node process, \`import\` to first Tedee key), median of ${cold.length}: ${median(cold).toFixed(1)} ms.`, "",
  `Wasm linear memory after 10^6 \`tedeeApiKey\` + 10^6 \`Hmac.sign\` calls: ${mem.after - mem.before} B growth ` +
  `(${mem.before} → ${mem.after} B).`, "");
targets.push(`| main entry gzipped (wasm + JS) | ${gz(js)} B | ≤ 30720 B | ${gz(js) <= 30720 ? "met" : "not met"} |`);
lines.push("## Targets", "", "| target | measured | wanted | |", "|---|---:|---:|---|", ...targets, "");
void total;
const report = lines.join("\n");
writeFileSync(join(here, "REPORT.md"), report);
console.log(report);
