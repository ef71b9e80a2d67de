import { deepEqual, equal, fromHex, hex, ok, throws, utf8 } from "./assert.mjs";

export default function primitives(lib, { vectors }) {
  const nist = vectors["nist_sha256_short.json"].tests;
  const rfc4231 = vectors["rfc4231_hmac_sha256.json"].tests;
  return [
    ["NIST SHA-256 short messages (65), as bytes and as ArrayBuffer", () => {
      equal(nist.length, 65);
      for (const t of nist) {
        const msg = fromHex(t.msg_hex);
        equal(lib.sha256Hex(msg), t.md_hex, `len ${t.len_bits}`);
        equal(hex(lib.sha256(msg)), t.md_hex);
        equal(lib.sha256Hex(msg.buffer.slice(msg.byteOffset, msg.byteOffset + msg.length)), t.md_hex);
      }
    }],
    ["SHA-256 of strings is over their UTF-8 bytes", () => {
      equal(lib.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      equal(lib.sha256Hex("BE9xnPnGfVUS1691058833000"), "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a71");
      equal(lib.sha256Hex("é😀"), lib.sha256Hex(utf8("é😀")));
      ok(lib.sha256("x") instanceof Uint8Array);
      equal(lib.sha256("x").length, 32);
    }],
    ["RFC 4231 HMAC-SHA256 (7 cases, case 5 truncated)", () => {
      equal(rfc4231.length, 7);
      for (const t of rfc4231) {
        const key = fromHex(t.key_hex), data = fromHex(t.data_hex);
        const mac = lib.hmacSha256(key, data);
        ok(mac.startsWith(t.hmac_sha256_hex), `case ${t.tc_id}`);
        equal(hex(lib.hmacSha256Bytes(key, data)), mac);
        const h = new lib.Hmac(key);
        equal(h.sign(data), mac);
        if (!t.truncated) ok(h.update(data.subarray(0, 3)).update(data.subarray(3)).verify(t.hmac_sha256_hex), `verify ${t.tc_id}`);
        h.free();
      }
    }],
    ["HMAC encodings: hex, padded base64, unpadded base64url", () => {
      const key = "key", data = "The quick brown fox jumps over the lazy dog";
      const want = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
      equal(lib.hmacSha256(key, data), want);
      equal(lib.hmacSha256(key, data, "hex"), want);
      equal(lib.hmacSha256(key, data, "base64"), "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
      equal(lib.hmacSha256(key, data, "base64url"), "97yD9DBThCSxMpjmqm-xQ-9NWaFJRhdZl0edvC0aPNg");
      equal(lib.hmacSha256("", ""), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad", "empty key is valid");
    }],
    ["Hmac: sign reuses the key, update/digest streams and resets, verify is false on bad input", () => {
      const h = new lib.Hmac("secret");
      equal(h.sign("a"), lib.hmacSha256("secret", "a"));
      equal(h.sign("b", "base64"), lib.hmacSha256("secret", "b", "base64"));
      equal(h.update("hello ").update(utf8("world")).digest(), lib.hmacSha256("secret", "hello world"));
      equal(h.digest(), lib.hmacSha256("secret", ""), "digest resets the stream");
      const mac = lib.hmacSha256("secret", "msg");
      ok(h.update("msg").verify(mac));
      ok(h.update("msg").verify(mac.toUpperCase()), "hex is case-insensitive for verify");
      ok(h.update("msg").verify(lib.hmacSha256Bytes("secret", "msg")), "raw bytes");
      ok(h.update("msg").verify(lib.hmacSha256("secret", "msg", "base64"), "base64"));
      ok(!h.update("msg").verify(mac.slice(0, 62)), "truncated");
      ok(!h.update("msg").verify("zz" + mac.slice(2)), "not hex");
      ok(!h.update("msg").verify(""), "empty");
      ok(!h.update("msg!").verify(mac), "other message");
      h.free();
    }],
    ["timingSafeEqual compares bytes; different lengths are unequal", () => {
      ok(lib.timingSafeEqual("abc", "abc"));
      ok(lib.timingSafeEqual("é", new Uint8Array([0xc3, 0xa9])));
      ok(!lib.timingSafeEqual("abc", "abd"));
      ok(!lib.timingSafeEqual("abc", "abcd"));
      ok(lib.timingSafeEqual("", new Uint8Array(0)));
    }],
    ["comparisons return true/false (not 1/0) on every path: fast, checked, streamed", () => {
      // The wasm side returns 0/1 and the JS front maps it (crates/wasm-common/src/js/fast.js); each
      // argument shape below takes a different path.
      const same = (got, want, what) => equal(got, want, `${what}: ${String(got)} (${typeof got})`);
      const a = new Uint8Array([1, 2, 3]);
      const big = new Uint8Array(70 * 1024).fill(7); // above the fast path's 64 KiB
      for (const [x, y, want, what] of [
        [a, Uint8Array.from(a), true, "bytes, equal"],
        [a, new Uint8Array([1, 2, 4]), false, "bytes, unequal"],
        [a, new Uint8Array([1, 2]), false, "bytes, other length"],
        ["abc", "abc", true, "strings"],
        ["abc", "abd", false, "strings, unequal"],
        ["é", new Uint8Array([0xc3, 0xa9]), true, "string and bytes"],
        [big, Uint8Array.from(big), true, "large bytes"],
        [big, big.subarray(1), false, "large bytes, other length"],
        [a.buffer, Uint8Array.from(a), true, "ArrayBuffer"],
      ]) same(lib.timingSafeEqual(x, y), want, what);
      const h = new lib.Hmac("secret");
      const mac = lib.hmacSha256("secret", "msg");
      const raw = lib.hmacSha256Bytes("secret", "msg");
      for (const [sig, enc, want, what] of [
        [mac, undefined, true, "hex"],
        [(mac[0] === "0" ? "1" : "0") + mac.slice(1), undefined, false, "hex, unequal"],
        ["zz", undefined, false, "not hex"],
        [raw, undefined, true, "bytes"],
        [new Uint8Array(32), undefined, false, "bytes, unequal"],
        [lib.hmacSha256("secret", "msg", "base64url"), "base64url", true, "base64url"],
        ["a".repeat(20_000), undefined, false, "a long string (checked path)"],
        [mac.replace(/./, (c) => c + "\u{d800}").slice(0, 64), undefined, false, "a lone surrogate (checked path)"],
      ]) {
        h.update("msg");
        let got;
        try {
          got = h.verify(sig, enc);
        } catch (e) {
          got = e;
        }
        if (what.includes("lone surrogate")) ok(got instanceof TypeError, what);
        else same(got, want, what);
      }
      h.free();
    }],
    ["randomBytes / randomToken / generateApiKey / generateWebhookSecret: syntax, size and uniqueness", () => {
      equal(lib.randomBytes(0).length, 0);
      equal(lib.randomBytes(33).length, 33);
      const seen = new Set();
      for (let i = 0; i < 1000; i++) {
        const t = lib.randomToken();
        ok(/^[A-Za-z0-9_-]{43}$/.test(t), t);
        seen.add(t);
      }
      equal(seen.size, 1000);
      ok(/^[0-9a-f]{32}$/.test(lib.randomToken(16, "hex")));
      ok(/^sk-[A-Za-z0-9_-]{43}$/.test(lib.generateApiKey()));
      ok(/^live_[A-Za-z0-9_-]{22}$/.test(lib.generateApiKey({ prefix: "live_", bytes: 16 })));
      const s = lib.generateWebhookSecret();
      ok(/^whsec_[A-Za-z0-9+/]{43}=$/.test(s), s);
      ok(/^whsec_[A-Za-z0-9+/]{32}$/.test(lib.generateWebhookSecret({ bytes: 24 })));
      throws(() => lib.randomToken(8), { name: "RangeError" });
      throws(() => lib.randomToken(32, "base64"), { name: "RangeError" });
      throws(() => lib.generateApiKey({ prefix: "a b" }), { name: "RangeError" });
      throws(() => lib.generateWebhookSecret({ bytes: 65 }), { name: "RangeError" });
      throws(() => lib.randomBytes(2 ** 20 + 1), { name: "RangeError" });
    }],
    ["64 MiB inputs hash correctly and the module keeps working", () => {
      const big = new Uint8Array(64 * 1024 * 1024).fill(0x61);
      const h1 = lib.sha256Hex(big);
      equal(h1, "fae972222d455a2eaee1661ad9625502ec3bfc5ec38b87a6eec5afd5107331b5"); // python3 hashlib
      const s = new lib.Hmac("k");
      for (let i = 0; i < 64; i++) s.update(big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
      equal(s.digest(), lib.hmacSha256("k", big), "streamed = one-shot over 64 MiB");
      // A string of 64 MiB too.
      const str = "a".repeat(64 * 1024 * 1024);
      equal(lib.sha256Hex(str), h1);
      equal(lib.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }],
  ];
}
