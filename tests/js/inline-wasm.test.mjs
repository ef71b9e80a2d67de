// The main entry inlines the wasm as text, one character per byte (two for the rarest
// byte values): scripts/build.mjs wasmToText / WASM_FROM_TEXT. Round trips, the shape of
// the text, and that every entry (pkg/S.js, pkg/S.cjs) carries exactly its pkg/S.wasm (an
// entry built from a lean crate: its pkg/S.<module>.wasm, in the row's order).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { wasmToText, WASM_FROM_TEXT } from "../../scripts/build.mjs";
import { ENTRIES, stem, wasmFiles } from "../../scripts/entries.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
const wasmFromText = new Function(`${WASM_FROM_TEXT}; return wasmFromText;`)();
const roundTrip = (bytes) => {
  const { text, order } = wasmToText(bytes);
  return Buffer.from(wasmFromText(text, order, bytes.length));
};

test("every byte value, in every position, survives the round trip", () => {
  const all = Buffer.from([...Array(256).keys(), ...[...Array(256).keys()].reverse()]);
  assert.deepEqual(roundTrip(all), all);
  assert.deepEqual(roundTrip(Buffer.alloc(0)), Buffer.alloc(0));
  assert.deepEqual(roundTrip(Buffer.from([0])), Buffer.from([0]));
  assert.deepEqual(roundTrip(Buffer.from([255, 255, 255])), Buffer.from([255, 255, 255]));
});

test("random inputs (uniform and skewed) survive the round trip", () => {
  let seed = 12345;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let r = 0; r < 50; r++) {
    const n = Math.floor(rnd() * 4000);
    const skew = rnd();
    const bytes = Buffer.from(Array.from({ length: n }, () => (rnd() < skew ? Math.floor(rnd() * 8) : Math.floor(rnd() * 256))));
    assert.deepEqual(roundTrip(bytes), bytes);
  }
});

test("the text is printable ASCII without '\"', '\\\\' or '<', one or two characters per byte", () => {
  const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) & 255));
  const { text, order } = wasmToText(bytes);
  assert.match(text, /^[\x20-\x7e]*$/);
  assert.doesNotMatch(text, /["\\<]/);
  assert.ok(text.length >= bytes.length && text.length <= 2 * bytes.length);
  assert.match(order, /^[0-9a-f]{512}$/);
  assert.equal(new Set(Buffer.from(order, "hex")).size, 256, "order is a permutation of the byte values");
});

test("a text of the wrong length is refused, not decoded into a wrong module", () => {
  const bytes = Buffer.from("\0asm\x01\0\0\0");
  const { text, order } = wasmToText(bytes);
  assert.throws(() => wasmFromText(text, order, bytes.length + 1), /corrupt/);
  assert.throws(() => wasmFromText(text.slice(0, -1), order, bytes.length), /corrupt/);
});

for (const e of ENTRIES) {
  for (const file of [`${stem(e)}.js`, `${stem(e)}.cjs`]) {
    test(`pkg/${file} carries exactly ${wasmFiles(e).map((f) => `pkg/${f}`).join(", ")}, each gzipping to about its size`, () => {
      const js = readFileSync(new URL(file, pkg), "utf8");
      const inlined = [...js.matchAll(/wasmFromText\d*\("([^"]*)", "([0-9a-f]{512})", (\d+)\)/g)];
      assert.equal(inlined.length, wasmFiles(e).length, "the entry calls wasmFromText once per inlined module");
      // Matched by size (the bundler decides the order of the modules in the file).
      wasmFiles(e).forEach((f) => {
        const wasm = readFileSync(new URL(f, pkg));
        const m = inlined.find((x) => Number(x[3]) === wasm.length);
        assert.ok(m, `${f}: no inlined module of ${wasm.length} B`);
        assert.equal(Number(m[3]), wasm.length, f);
        assert.deepEqual(Buffer.from(wasmFromText(m[1], m[2], Number(m[3]))), wasm, f);
        // The point of the encoding: gzip finds the wasm's repeats in the text (base64 was ~1.35x).
        const gz = (b) => gzipSync(b, { level: 9 }).length;
        assert.ok(gz(Buffer.from(m[1])) < 1.08 * gz(wasm), `${f}: gzip(text) ${gz(Buffer.from(m[1]))} vs gzip(wasm) ${gz(wasm)}`);
      });
    });
  }
}
