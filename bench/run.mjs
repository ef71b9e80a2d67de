#!/usr/bin/env node
// `npm run bench` (build, then this): writes bench/REPORT.md, one document with three
// sections, each against the targets of the per-feature-entries issue:
//   Sizes     bench/size.mjs: one-function bundles of each entry from the packed tarball
//   Start-up  bench/startup.mjs: fresh process, import() to first result, vs hash-wasm
//   Speed     the cases of bench/impls.mjs: authsmith's entries against node:crypto,
//             WebCrypto, hash-wasm, @noble/hashes, crypto-js, octokit, standardwebhooks.
//             Each case × implementation runs in a fresh process (bench/worker.mjs: warm-up,
//             then timed windows), interleaved over several rounds so machine noise hits
//             everyone alike.
// Options (to keep runs short):
//   --sections sizes,startup,speed   which sections to measure (default all); the others
//                                    are kept as they are in bench/REPORT.md
//   --cases tedee,hmac256,...        speed cases (default all)
//   --rounds N (3), --samples N (5)  speed rounds and samples per round
//   --runs N (9)                     start-up runs of each implementation
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CASES } from "./impls.mjs";
import { measureSizes, sizesMarkdown } from "./size.mjs";
import { measureStartup, startupMarkdown } from "./startup.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(arg("rounds", 3));
const samples = Number(arg("samples", 5));
const runs = Number(arg("runs", 9));
const only = arg("cases", Object.keys(CASES).join(",")).split(",");
const sections = arg("sections", "sizes,startup,speed").split(",");
for (const n of only) if (!CASES[n]) throw new Error(`no case ${n} (cases: ${Object.keys(CASES).join(", ")})`);
const log = (s) => process.stderr.write(s + "\n");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (v, unit) => unit === "MB/s" ? `${v.toFixed(0)} MB/s` : v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : `${(v / 1e3).toFixed(0)}k`;
const ratio = (a, b) => (a / b).toFixed(2) + "×";

/**
 * Speed targets: [case, authsmith implementation, compared with, at least]. The issue's
 * open targets (Tedee key ≥ 2× hash-wasm; 2 KiB verify ≥ 1.5× hash-wasm and ≥ 0.6×
 * node:crypto), the standing ones (≥ 1× node:crypto for the Tedee key and 256 B HMAC, ≥ 1×
 * hash-wasm for 1 MiB), for the main entry and the per-feature entry alike; and "no speed
 * lost": the published functions (lean modules, in the per-feature entries and the main
 * entry alike) at least as fast as the wasm-bindgen adapters they replaced, within 5 % (run
 * noise).
 */
const ADAPTERS = "wasm-bindgen adapters (build/testing)";
const SPEED_TARGETS = [
  ["tedee", "authsmith/tedee", "hash-wasm", 2],
  ["tedee", "authsmith", "hash-wasm", 2],
  ["tedee", "authsmith/tedee", "node:crypto createHash", 1],
  ["tedee", "authsmith", "node:crypto createHash", 1],
  ["tedee", "authsmith/tedee", ADAPTERS, 0.95],
  ["hmac256", "authsmith/crypto", "node:crypto createHmac", 1],
  ["hmac256", "authsmith", "node:crypto createHmac", 1],
  ["hmac256", "authsmith/crypto", ADAPTERS, 0.95],
  ["verify2k", "authsmith/webhooks verifyWebhook", "hash-wasm", 1.5],
  ["verify2k", "authsmith verifyWebhook", "hash-wasm", 1.5],
  ["verify2k", "authsmith/webhooks verifyWebhook", "node:crypto createHmac + timingSafeEqual", 0.6],
  ["verify2k", "authsmith verifyWebhook", "node:crypto createHmac + timingSafeEqual", 0.6],
  ["verify2k", "authsmith/webhooks verifyWebhook", ADAPTERS, 0.95],
  ["verifyStandard", "authsmith/webhooks verifyWebhook", "standardwebhooks", 1],
  ["verifyStandard", "authsmith/webhooks verifyWebhook", ADAPTERS, 0.95],
  ["hmac1m", "authsmith/crypto", "hash-wasm", 1],
  ["hmac1m", "authsmith", "hash-wasm", 1],
  ["hmac1m", "authsmith/crypto", ADAPTERS, 0.95],
];

function measureSpeed() {
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
        log(`${name} round ${r + 1}/${rounds} ${impl}: ${fmt(median(res.samples), c.unit)}`);
      }
    }
    const refs = new Set(Object.values(results[name]).map((x) => x.reference));
    if (refs.size !== 1) throw new Error(`${name}: implementations disagree: ${[...refs].join(" | ")}`);
  }
  // Wasm memory over 10^6 calls (the memory hooks exist only in build/testing/).
  const testing = pathToFileURL(join(root, "build", "testing", "index.js")).href;
  const mem = existsSync(join(root, "build", "testing", "index.js")) ? JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `
    const a = await import(${JSON.stringify(testing)});
    for (let i = 0; i < 1e4; i++) a.tedeeApiKey('BE9xnPnGfVUS', { timestamp: i });
    const before = a.__wasmMemoryBytes();
    const h = new a.Hmac('k');
    for (let i = 0; i < 1e6; i++) { a.tedeeApiKey('BE9xnPnGfVUS', { timestamp: i }); h.sign('abc'); }
    console.log(JSON.stringify({ before, after: a.__wasmMemoryBytes() }));`], { cwd: root, encoding: "utf8" })) : null;
  return { results, mem };
}

function speedMarkdown({ results, mem }) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const L = ["## Speed", "",
    `Command: \`node bench/run.mjs --sections speed\` (needs \`npm run build\`; \`--cases ${Object.keys(CASES).join(",")}\`, ` +
    `\`--rounds\`, \`--samples\` to shorten). Run ${now}: ${rounds} rounds × ${samples} samples per implementation, each round in a ` +
    "fresh process, implementations interleaved. Absolute numbers are noisy on shared machines: compare within one run. " +
    "Ratios are the first row ÷ this row (higher is faster for authsmith).", ""];
  const medians = {};
  for (const name of only) {
    const c = CASES[name];
    const rows = Object.entries(results[name]).map(([impl, r]) => ({ impl, m: median(r.samples), lo: Math.min(...r.samples), hi: Math.max(...r.samples) }));
    medians[name] = Object.fromEntries(rows.map((r) => [r.impl, r.m]));
    const first = rows[0];
    L.push(`### ${c.title}`, "", `| implementation | median | spread (min–max) | ${first.impl} ÷ this |`, "|---|---:|---:|---:|");
    for (const r of rows) L.push(`| ${r.impl} | ${fmt(r.m, c.unit)} | ${fmt(r.lo, c.unit)} – ${fmt(r.hi, c.unit)} | ${r === first ? "—" : ratio(first.m, r.m)} |`);
    L.push("");
  }
  const targets = SPEED_TARGETS.filter(([c]) => medians[c]).map(([c, a, b, want]) => {
    const x = medians[c][a], y = medians[c][b];
    if (x === undefined || y === undefined) throw new Error(`speed target ${c}: no implementation "${x === undefined ? a : b}"`);
    return `| ${CASES[c].title.split(" (")[0].split(":")[0]} | ${a} ÷ ${b} | ${ratio(x, y)} | ≥ ${want}×${want === 0.95 ? " (same speed, 5 % noise)" : ""} | ${x / y >= want ? "met" : "not met"} |`;
  });
  L.push("### Speed targets", "", "| case | ratio | measured | wanted | |", "|---|---|---:|---:|---|", ...targets, "");
  if (mem) {
    L.push(`Wasm linear memory of the main entry after 10^6 \`tedeeApiKey\` + 10^6 \`Hmac.sign\` calls: ${mem.after - mem.before} B growth ` +
      `(${mem.before} → ${mem.after} B; build/testing/index.js, the main entry with the memory hooks).`, "");
  }
  return L.join("\n");
}

const file = join(here, "REPORT.md");
const header = ["# authsmith benchmark", "",
  `\`npm run bench\` builds the package and writes this file (\`node bench/run.mjs\`); each section names the command that ` +
  `produces it alone. Machine of the last run: ${cpus()[0]?.model ?? "?"} (${cpus().length} cores), Node ${process.version}. ` +
  "Targets are those of the per-feature-entries issue; \"met\" / \"not met\" is this run's figure against them.", ""].join("\n");
const previous = existsSync(file) ? readFileSync(file, "utf8") : "";
const kept = (title) => {
  const m = previous.match(new RegExp(`^## ${title}\\n[\\s\\S]*?(?=^## |(?![\\s\\S]))`, "m"));
  return m ? m[0].trimEnd() + "\n" : `## ${title}\n\n(not measured yet)\n`;
};

const parts = [header];
if (sections.includes("sizes")) {
  log("sizes: npm pack, install, esbuild …");
  parts.push(sizesMarkdown(await measureSizes()));
} else parts.push(kept("Sizes"));
if (sections.includes("startup")) parts.push(startupMarkdown(measureStartup({ runs, log })));
else parts.push(kept("Start-up"));
if (sections.includes("speed")) parts.push(speedMarkdown(measureSpeed()));
else parts.push(kept("Speed"));
const report = parts.map((p) => p.trimEnd()).join("\n\n") + "\n";
writeFileSync(file, report);
console.log(report);
