// The README's examples are run as written: each code block after a
// `<!-- readme-test: NAME -->` marker. Node examples run in a child process inside the
// package (so `authsmith` resolves to this build by its name) and must print the value
// in their trailing comment. The README's error-code table must list exactly ERROR_CODES.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { ERROR_CODES } from "authsmith";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });

export function readmeBlock(name) {
  const m = readme.match(new RegExp(`<!-- readme-test: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `README has a ${name} example`);
  return m[1];
}

for (const [name, ext] of [["node-esm", "mjs"], ["node-cjs", "cjs"]]) {
  test(`README ${name} example prints the documented value`, () => {
    const code = readmeBlock(name);
    assert.ok(code.trim().split("\n").length <= 6, "a short example");
    const expected = code.match(/\/\/ (\S+)\s*$/)[1];
    const file = new URL(`readme-${name}.${ext}`, out);
    writeFileSync(file, code);
    assert.equal(execFileSync(process.execPath, [file.pathname], { encoding: "utf8" }).trim(), expected);
  });
}

test("README error-code table lists exactly ERROR_CODES", () => {
  const documented = [...readme.matchAll(/^\| `(ERR_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...ERROR_CODES].sort());
});
