// A Vite app (production build, no plugins): "authsmith" resolved and bundled by Vite.
import * as lib from "authsmith";
import { conformance } from "../conformance.mjs";

const probe = lib.sha256Hex("abc");
try {
  window.__results = await conformance(lib, { env: "browser", probe });
} catch (e) {
  window.__results = { passed: 0, failed: 1, failures: [{ name: "page", error: String(e?.stack || e) }] };
}
document.getElementById("out").textContent = JSON.stringify(window.__results, null, 2);
