// docs/jwt.md's examples run as written: each ```js block after a `<!-- docs-test -->`
// marker runs as an ES module inside the package (so `authsmith` is this build) and must
// exit cleanly (the examples throw when a result is not the documented one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const doc = readFileSync(new URL("../../docs/jwt.md", import.meta.url), "utf8");
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const blocks = [...doc.matchAll(/<!-- docs-test -->\n```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test("docs/jwt.md has runnable examples", () => assert.ok(blocks.length >= 4, String(blocks.length)));
blocks.forEach((code, i) => {
  test(`docs/jwt.md example ${i + 1} runs`, () => {
    const file = new URL(`docs-jwt-${i + 1}.mjs`, out);
    writeFileSync(file, code);
    execFileSync(process.execPath, [file.pathname], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  });
});
