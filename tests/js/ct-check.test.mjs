// scripts/ct-check.mjs (`npm run ct-check`) is a timing check and not part of `npm test`
// (timing on a shared machine is noisy; the report is bench/CT-REPORT.md). This runs it in
// --smoke mode: a few thousand calls per test with every result checked against the
// class's expected value, no |t| bar and no report — so the script keeps working as the
// API changes, and a test whose classes do not give the results it claims fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../../scripts/ct-check.mjs", import.meta.url));

test("ct-check --smoke runs every test with the expected results", () => {
  const r = spawnSync(process.execPath, [script, "--smoke"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const lines = r.stdout.split("\n").filter((l) => l.startsWith("ok "));
  assert.ok(lines.length >= 13, r.stdout);
  for (const name of ["timingSafeEqual: equal vs unequal", "Hmac.verify (hex): equal vs unequal",
    "verifyWebhook(github): matching secret first vs second of two", "TedeeVerifier.verify: first vs last digit differs",
    "verifyTedeeApiKey: first vs last digit differs", "verifyJwt: signature differs in the first vs last byte",
    "verifyJwt: matching key first vs second of two"]) {
    assert.ok(lines.some((l) => l.includes(name)), `${name} ran`);
  }
  assert.match(r.stdout, /\d+ passed, 0 failed/);
});
