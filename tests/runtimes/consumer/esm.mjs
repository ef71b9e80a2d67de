// An ESM consumer, as a user writes it: `import` by the package name. Run by Node, Deno
// and Bun from the temporary project, so "authsmith" is the installed tarball.
import * as lib from "authsmith";
import { conformance, report } from "./conformance.mjs";

// Synchronous start: usable at top level, before any await.
const probe = lib.sha256Hex("abc");
const env = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";
let entry;
try {
  entry = import.meta.resolve("authsmith");
} catch (e) {
  entry = `import.meta.resolve failed: ${e}`;
}
report(await conformance(lib, { env, probe, entry, expectEntry: /\/node_modules\/authsmith\/pkg\/index\.js$/ }));
