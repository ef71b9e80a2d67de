// Runs the environment-agnostic suites (tests/js/suite) in Node against the built
// package, imported by its name as a user would.
import { test } from "node:test";
import { createRequire } from "node:module";
import * as esm from "authsmith";
import { suites } from "./suite/index.mjs";
import { loadVectors } from "./vectors.mjs";

const vectors = loadVectors();
const cjs = createRequire(import.meta.url)("authsmith");

for (const [label, lib] of [["esm", esm], ["cjs", cjs]]) {
  for (const [suiteName, suite] of Object.entries(suites)) {
    for (const [name, fn] of suite(lib, { vectors, env: "node" })) {
      test(`${label} ${suiteName}: ${name}`, fn);
    }
  }
}
