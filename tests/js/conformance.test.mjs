// Runs the environment-agnostic suites (tests/js/suite) in Node against the built
// package, imported by its name as a user would.
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as esm from "authsmith";
import { suites, VECTOR_FILES, PROJECT_VECTOR_FILES } from "./suite/index.mjs";

const vectorsDir = new URL("../../../shared/vectors/", import.meta.url);
const projectDir = new URL("../vectors/", import.meta.url);
const vectors = Object.fromEntries([
  ...VECTOR_FILES.map((f) => [f, JSON.parse(readFileSync(new URL(f, vectorsDir), "utf8"))]),
  ...PROJECT_VECTOR_FILES.map((f) => [f, JSON.parse(readFileSync(new URL(f, projectDir), "utf8"))]),
]);
const cjs = createRequire(import.meta.url)("authsmith");

for (const [label, lib] of [["esm", esm], ["cjs", cjs]]) {
  for (const [suiteName, suite] of Object.entries(suites)) {
    for (const [name, fn] of suite(lib, { vectors, env: "node" })) {
      test(`${label} ${suiteName}: ${name}`, fn);
    }
  }
}
