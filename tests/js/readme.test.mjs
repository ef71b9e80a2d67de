// The documentation is tested: every `node-*` example in README.md and docs/*.md (the code
// block after a `<!-- doc-test: NAME -->` or `<!-- readme-test: NAME -->` line) runs as
// written in a child process inside the package (so `authsmith` resolves to this build by
// its name) and must print exactly its trailing comment lines. docs/errors.md must list
// exactly ERROR_CODES; every code named anywhere in the docs must exist; README.md must
// link every page in docs/, and every relative link must reach a file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ERROR_CODES } from "authsmith";
import { docExamples, docFiles, documentedOutput, root } from "../doc-examples.mjs";

const out = join(root, "tests", "out");
mkdirSync(out, { recursive: true });
const read = (file) => readFileSync(join(root, file), "utf8");
const examples = docExamples();

test("example names are unique across README.md and docs/", () => {
  const seen = new Map();
  for (const e of examples) {
    assert.ok(!seen.has(e.name), `${e.name} in ${e.file} and ${seen.get(e.name)}`);
    seen.set(e.name, e.file);
  }
});

for (const name of ["node-esm", "node-cjs"]) {
  test(`README quick start ${name} is short and in README.md`, () => {
    const e = examples.find((x) => x.name === name);
    assert.ok(e, `README has a ${name} example`);
    assert.equal(e.file, "README.md");
    assert.ok(e.code.trim().split("\n").length <= 6, "a short example");
  });
}

const nodeExamples = examples.filter((e) => e.name.startsWith("node-"));
test("the docs have Node examples", () => assert.ok(nodeExamples.length >= 8, `${nodeExamples.length} found`));

for (const e of nodeExamples) {
  test(`${e.file} example ${e.name} prints the documented output`, () => {
    const expected = documentedOutput(e.code);
    const file = join(out, `doc-${e.name}.${e.name.endsWith("-cjs") ? "cjs" : "mjs"}`);
    writeFileSync(file, e.code);
    const printed = execFileSync(process.execPath, [file], { cwd: root, encoding: "utf8", timeout: 30_000 });
    assert.equal(printed.trimEnd().split("\n").map((l) => l.trimEnd()).join("\n"), expected);
  });
}

test("docs/errors.md's error-code table lists exactly ERROR_CODES", () => {
  const documented = [...read("docs/errors.md").matchAll(/^\| `(ERR_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...ERROR_CODES].sort());
});

test("every error code the docs name exists", () => {
  for (const file of [...docFiles(), "SECURITY.md", "postman/README.md"]) {
    for (const [code] of read(file).matchAll(/\bERR_[A-Z0-9_]*[A-Z0-9]\b/g)) {
      if (code.endsWith("_") || code === "ERR_OAUTH") continue;
      assert.ok(ERROR_CODES.includes(code), `${file} names ${code}, which is not an error code`);
    }
  }
});

test("README.md links every page in docs/, and relative links reach a file", () => {
  const readme = read("README.md");
  for (const file of docFiles().slice(1)) assert.ok(readme.includes(`(${file})`), `README.md links ${file}`);
  for (const file of [...docFiles(), "CONTRIBUTING.md", "SECURITY.md", "postman/README.md"]) {
    for (const [, target] of read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      assert.ok(existsSync(join(root, dirname(file), target)), `${file} links ${target}, which does not exist`);
    }
  }
});
