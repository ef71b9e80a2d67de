// Every environment-agnostic suite. Each module's default export is
// `(lib, ctx) => Array<[name, fn]>` where lib is the imported package and
// ctx = { vectors, env }; vectors are the JSON files of tests/vectors (VECTOR_FILES), by
// base name.
import primitives from "./primitives.mjs";
import tedee from "./tedee.mjs";
import request from "./request.mjs";
import misuse from "./misuse.mjs";
import webhooks from "./webhooks.mjs";
import oauth from "./oauth.mjs";
import responses from "./responses.mjs";
import hostile from "./hostile.mjs";
import jwt from "./jwt.mjs";

export const suites = { primitives, tedee, request, misuse, webhooks, oauth, responses, jwt, hostile };

export const VECTOR_FILES = [
  "nist_sha256_short.json",
  "rfc4231_hmac_sha256.json",
  "rfc_misc.json",
  "tedee.json",
  "webhooks.json",
  "webhooks_more.json",
  "oauth.json",
  "jwt.json",
];

/** Runs every case; returns { passed, failed, failures }. */
export async function runAll(lib, ctx, onResult = () => {}) {
  let passed = 0, failed = 0;
  const failures = [];
  for (const [suiteName, suite] of Object.entries(suites)) {
    for (const [name, fn] of suite(lib, ctx)) {
      const full = `${suiteName}: ${name}`;
      try {
        await fn();
        passed++;
        onResult(full, null);
      } catch (e) {
        failed++;
        failures.push({ name: full, error: String(e?.stack || e) });
        onResult(full, e);
      }
    }
  }
  return { passed, failed, failures };
}
