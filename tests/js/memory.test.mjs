// Bounded memory (issue 10). WebAssembly memory never shrinks, so large inputs must not be
// copied into it whole. Each case runs in a fresh `node --expose-gc` process
// (helpers/memory-probe.mjs) and prints its figures:
// - hashing, HMAC (hmacSha256 and Hmac.update/verify) and webhook verification of a
//   256 MiB input, as bytes and as a string, grow the process's peak memory (maxRSS) by
//   less than 8 MiB beyond the input itself, and wasm memory by less than 1 MiB;
// - 10^6 small calls grow the resident memory by less than 4 MiB and wasm memory not at all.
// MEMORY_PROBE_SIZE changes the large size (e.g. 1073741824 for 1 GiB bytes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const probe = fileURLToPath(new URL("./helpers/memory-probe.mjs", import.meta.url));
const MiB = 1024 * 1024;
const size = process.env.MEMORY_PROBE_SIZE ?? String(256 * MiB);

function measure(which) {
  const out = execFileSync(process.execPath, ["--expose-gc", probe, which], {
    encoding: "utf8", env: { ...process.env, PROBE_SIZE: size }, maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split("\n").pop());
  return r;
}

const fmt = (n) => `${(n / MiB).toFixed(2)} MiB`;

for (const op of ["sha256", "hmac", "webhook"]) {
  for (const kind of ["bytes", "string"]) {
    test(`${op} of a ${Number(size) / MiB} MiB ${kind} input: < 8 MiB beyond the input, wasm memory bounded`, () => {
      const r = measure(`${op}:${kind}`);
      console.log(`${r.case}: input ${fmt(r.inputBytes)}, ${r.ms} ms, peak RSS growth ${fmt(r.peakGrowth)}, RSS growth ${fmt(r.rssGrowth)}, wasm memory growth ${fmt(r.wasmGrowth)} (wasm memory ${fmt(r.wasm)})`);
      assert.ok(r.peakGrowth < 8 * MiB, `peak RSS grew by ${fmt(r.peakGrowth)}`);
      assert.ok(r.rssGrowth < 8 * MiB, `RSS grew by ${fmt(r.rssGrowth)}`);
      assert.ok(r.wasmGrowth < MiB, `wasm memory grew by ${fmt(r.wasmGrowth)}`);
    });
  }
}

test("10^6 small calls: RSS grows < 4 MiB, wasm memory does not grow", () => {
  const r = measure("small");
  console.log(`small: ${r.calls} calls in ${r.ms} ms, RSS growth ${fmt(r.rssGrowth)}, wasm memory growth ${fmt(r.wasmGrowth)} (wasm memory ${fmt(r.wasm)})`);
  assert.ok(r.rssGrowth < 4 * MiB, `RSS grew by ${fmt(r.rssGrowth)}`);
  assert.equal(r.wasmGrowth, 0);
});
