// Native ES modules in the browser: "authsmith" through an import map, no bundler.
import * as lib from "authsmith";
import { conformance } from "../conformance.mjs";

const probe = lib.sha256Hex("abc");
try {
  const entry = import.meta.resolve("authsmith");
  window.__results = await conformance(lib, { env: "browser", probe, entry, expectEntry: /\/node_modules\/authsmith\/pkg\/index\.js$/ });
} catch (e) {
  window.__results = { passed: 0, failed: 1, failures: [{ name: "page", error: String(e?.stack || e) }] };
}
document.getElementById("out").textContent = JSON.stringify(window.__results, null, 2);
