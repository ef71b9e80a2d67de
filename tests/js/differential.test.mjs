// Differential check against node:crypto on random inputs: lengths 0..4096, random keys
// (0..200 bytes, so both short keys and keys longer than the block size), Buffer,
// Uint8Array, ArrayBuffer and string inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual as nodeTse } from "node:crypto";
import * as lib from "authsmith";

const N = Number(process.env.DIFF_CASES ?? 3000);

function randomString(n) {
  // Mix of ASCII, 2-, 3- and 4-byte UTF-8 (surrogate pairs), never lone surrogates.
  const pool = ["a", "Z", "0", " ", "é", "ß", "€", "中", "😀", "\u0000", "\n"];
  let s = "";
  for (let i = 0; i < n; i++) s += pool[randomInt(pool.length)];
  return s;
}

test(`sha256 / sha256Hex match node:crypto on ${N} random inputs`, () => {
  for (let i = 0; i < N; i++) {
    const buf = randomBytes(randomInt(4097));
    const want = createHash("sha256").update(buf).digest("hex");
    assert.equal(lib.sha256Hex(buf), want);
    assert.equal(Buffer.from(lib.sha256(new Uint8Array(buf))).toString("hex"), want);
    assert.equal(lib.sha256Hex(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length)), want);
  }
});

test(`hmacSha256 / Hmac match node:crypto on ${N} random keys and inputs`, () => {
  for (let i = 0; i < N; i++) {
    const key = randomBytes(randomInt(201));
    const data = randomBytes(randomInt(4097));
    const mac = createHmac("sha256", key).update(data);
    const want = mac.digest();
    assert.equal(lib.hmacSha256(key, data), want.toString("hex"));
    assert.equal(lib.hmacSha256(key, data, "base64"), want.toString("base64"));
    assert.equal(lib.hmacSha256(key, data, "base64url"), want.toString("base64url"));
    assert.deepEqual(Buffer.from(lib.hmacSha256Bytes(key, data)), want);
    const h = new lib.Hmac(key);
    const cut = randomInt(data.length + 1);
    assert.equal(h.update(data.subarray(0, cut)).update(data.subarray(cut)).digest(), want.toString("hex"));
    assert.equal(h.update(data).verify(want), true);
    h.free();
  }
});

test(`string inputs are hashed as UTF-8, like node:crypto (${N / 3} cases)`, () => {
  for (let i = 0; i < N / 3; i++) {
    const key = randomString(randomInt(80));
    const s = randomString(randomInt(600));
    assert.equal(lib.sha256Hex(s), createHash("sha256").update(s, "utf8").digest("hex"));
    assert.equal(lib.hmacSha256(key, s), createHmac("sha256", key).update(s, "utf8").digest("hex"));
  }
});

test("timingSafeEqual agrees with node:crypto for equal-length inputs", () => {
  for (let i = 0; i < 2000; i++) {
    const a = randomBytes(randomInt(64));
    const b = randomInt(2) ? Buffer.from(a) : randomBytes(a.length);
    if (b.length && randomInt(2)) b[randomInt(b.length)] ^= 1 << randomInt(8);
    assert.equal(lib.timingSafeEqual(a, b), nodeTse(a, b));
  }
});

test("Tedee keys match a node:crypto reimplementation of the documented formula", () => {
  for (let i = 0; i < 2000; i++) {
    const token = randomString(1 + randomInt(40)).replace(/[\u0000\n]/g, "x");
    const ts = randomInt(2 ** 47);
    const want = createHash("sha256").update(token + ts).digest("hex") + ts;
    assert.equal(lib.tedeeApiKey(token, { timestamp: ts }), want);
    assert.equal(lib.verifyTedeeApiKey(token, want, { now: ts }).timestamp, ts);
  }
});
