#!/usr/bin/env node
// `npm test`: every test, from a fresh checkout. Installs what is missing (wasm targets,
// the pinned wasm-bindgen-cli, npm devDependencies, and Debian's Chromium when running as
// root), checks formatting and lints, runs the Rust tests, builds the package, then runs
// the JavaScript suites in Node and in headless Chromium, then the packed tarball in every
// runtime (tests/runtimes/run.mjs) and in every engine (tests/engines/run.mjs: Chromium,
// Firefox and WebKit for every entry, a strict CSP, the demo; authsmith/js without
// WebAssembly). Stops at the first failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const summary = [];

const totals = { passed: 0, failed: 0 };

/** Adds the pass/fail counts a runner printed (cargo test, node --test, our runners). */
function count(out) {
  for (const m of out.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    totals.passed += +m[1];
    totals.failed += +m[2];
  }
  const pass = out.match(/^ℹ pass (\d+)$/m), fail = out.match(/^ℹ fail (\d+)$/m);
  if (pass) totals.passed += +pass[1];
  if (fail) totals.failed += +fail[1];
  for (const m of out.matchAll(/^[\w.-]+ [\w.]+: (\d+) passed, (\d+) failed$/gm)) {
    totals.passed += +m[1];
    totals.failed += +m[2];
  }
}

function step(name, cmd, args, { env, counted = false } = {}) {
  const t = Date.now();
  console.error(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, {
    cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024,
    stdio: ["inherit", counted ? "pipe" : "inherit", "inherit"],
  });
  if (counted) {
    process.stdout.write(r.stdout ?? "");
    count(r.stdout ?? "");
  }
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status !== 0) {
    summary.push(`FAILED ${name} (${secs}s)`);
    console.error(`\n${summary.join("\n")}\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  summary.push(`ok ${name} (${secs}s)`);
}

function ensureChromium() {
  const paths = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].filter(Boolean);
  if (paths.some((p) => existsSync(p))) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    step("install chromium (Debian)", "bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null"]);
  }
  // If it is still missing, the browser run fails and says how to install it.
}

// Firefox ESR, WebKitWebDriver (MiniBrowser) and Xvfb for tests/engines/run.mjs.
function ensureEngines() {
  const have = (p) => existsSync(p);
  const missing = [];
  if (![process.env.FIREFOX_PATH, "/usr/bin/firefox-esr", "/usr/bin/firefox"].filter(Boolean).some(have)) missing.push("firefox-esr");
  if (!have("/usr/bin/WebKitWebDriver") && !process.env.WEBKIT_WEBDRIVER) missing.push("webkit2gtk-driver");
  if (!have("/usr/bin/Xvfb")) missing.push("xvfb");
  if (missing.length && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    step(`install ${missing.join(", ")} (Debian)`, "bash", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")} >/dev/null`]);
  }
  // If one is still missing, the engines run fails and says how to install it.
}

const { ensureTools } = await import("./build.mjs");
ensureTools();
ensureChromium();
ensureEngines();
step("rustfmt", "cargo", ["fmt", "--check"]);
step("clippy (host)", "cargo", ["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
step("clippy (wasm32)", "cargo", ["clippy", "--workspace", "--all-features", "--target", "wasm32-unknown-unknown", "--lib", "--", "-D", "warnings"]);
step("clippy (wasm32v1-none, no std)", "cargo", ["clippy", "--workspace", "--target", "wasm32v1-none", "--lib", "--", "-D", "warnings"]);
step("rust tests", "cargo", ["test", "--workspace", "--all-targets"], { counted: true });
step("build package", "node", ["scripts/build.mjs"]);
step("node tests", "node", ["--test", "--test-reporter=spec", "tests/js/"], { counted: true });
step("chromium tests", "node", ["tests/browser/run.mjs"], { counted: true });
step("runtimes (packed tarball)", "node", ["tests/runtimes/run.mjs"], { counted: true });
step("engines: Chromium, Firefox, WebKit, strict CSP, no WebAssembly (packed tarball)", "node", ["tests/engines/run.mjs"], { counted: true });
console.error(`\n${summary.join("\n")}\nall stages passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
console.log(`total: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
