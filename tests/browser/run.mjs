#!/usr/bin/env node
// Runs the environment-agnostic suites (tests/js/suite) in headless Chromium against
// pkg/index.js, through a page served on 127.0.0.1. Any failure, a console error, or a
// missing Chromium fails the run.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/static-server.mjs";
import { launch } from "./chromium.mjs";
import { runDemo } from "./demo.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { server, url } = await startServer([["/", root]]);
let browser;
let code = 1;
try {
  browser = await launch();
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${url}/tests/browser/index.html`);
  await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 300_000 });
  const r = await page.evaluate(() => window.__results);
  // The README's browser example, as written, with the package installed under
  // /node_modules/authsmith/.
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = readme.match(/<!-- readme-test: browser -->\n```html\n([\s\S]*?)```/)?.[1];
  mkdirSync(join(root, "tests", "out"), { recursive: true });
  writeFileSync(join(root, "tests", "out", "readme-browser.html"),
    `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>${block ?? "missing README example"}</body></html>`);
  const site = await startServer([["/node_modules/authsmith/", root], ["/", join(root, "tests", "out")]]);
  try {
    const p3 = await browser.newPage();
    p3.on("pageerror", (e) => consoleErrors.push(`readme: ${e}`));
    await p3.goto(`${site.url}/readme-browser.html`);
    await p3.waitForFunction(() => document.body.textContent.trim().length === 77, null, { timeout: 10_000 }).catch(() => {});
    const text = (await p3.locator("body").textContent()).trim();
    if (text === "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000") r.passed++;
    else {
      r.failures.push({ name: "README browser example", error: `got ${text.slice(0, 120)}` });
      r.failed++;
    }
  } finally {
    site.server.close();
  }
  // The demo page (www/), driven like a person would.
  const demo = await runDemo(browser, root);
  r.passed += demo.passed;
  r.failed += demo.failed;
  r.failures.push(...demo.failures);
  for (const f of r.failures) console.log(`not ok - ${f.name}\n  ${f.error.split("\n").join("\n  ")}`);
  for (const e of consoleErrors) console.log(`console error: ${e}`);
  const version = browser.version();
  const failed = r.failed + consoleErrors.length;
  console.log(`chromium ${version}: ${r.passed} passed, ${failed} failed`);
  code = failed === 0 && r.passed > 0 ? 0 : 1;
} catch (e) {
  console.error(`browser run failed: ${e.message}`);
} finally {
  await browser?.close();
  server.close();
}
process.exit(code);
