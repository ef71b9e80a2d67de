// JWT with HMAC: signJwt, verifyJwt, decodeJwt, jwtExpiresAt, needsRefresh({ useJwtExp }).
// Environment-agnostic (no Node APIs): RFC 7515 A.1 / RFC 7519 §3.1, RFC 4231 keys
// through HS384/HS512, alg confusion and `none`, malformed segments, claims, rotation.
import { deepEqual, equal, ok, throws, fromHex, utf8 } from "./assert.mjs";

const NOW = 1700000000000; // ms (2023-11-14T22:13:20Z)
const B64URL = (bytes) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
};
const seg = (text) => B64URL(utf8(text));
const lastSeg = (t) => t.slice(t.lastIndexOf(".") + 1);

export default function jwt(lib, { vectors }) {
  // Made when the suite runs, not when it is imported (some engines get TextEncoder late).
  const KEY = utf8("0123456789abcdef0123456789abcdef"); // 32 bytes: HS256's minimum
  const v = vectors["jwt.json"];
  const A1 = v.rfc7515_a1;
  const A1_KEY = fromHex(A1.key_hex);
  const A1_EXP_MS = A1.exp * 1000;
  const code = (c) => ({ name: "AuthsmithError", code: c });
  const TE = { name: "TypeError" }, RE = { name: "RangeError" };
  const HS = ["HS256", "HS384", "HS512"];
  /** A token with the given header/payload texts and signature segment. */
  const raw = (header, payload, sig = "") => `${seg(header)}.${seg(payload)}.${sig}`;
  /** Re-signs `header.payload` with HS256 under KEY (through signJwt's MAC: sign, then swap). */
  const forge = (header, payload, key = KEY, alg = "HS256") => {
    const input = `${seg(header)}.${seg(payload)}`;
    const mac = alg === "HS256" ? lib.hmacSha256Bytes(key, input) : null;
    if (!mac) throw new Error("forge: HS256 only");
    return `${input}.${B64URL(mac)}`;
  };
  const claimError = (fn, c, claim) => {
    const e = throws(fn, code(c));
    equal(e.claim, claim, "claim");
    return e;
  };

  return [
    ["RFC 7515 A.1 / RFC 7519 §3.1: verify, decode, exp boundary", () => {
      const want = { header: JSON.parse(A1.header_text), payload: JSON.parse(A1.payload_text) };
      deepEqual(lib.verifyJwt(A1.token, A1_KEY, { algorithms: ["HS256"], now: A1_EXP_MS - 1 }), want);
      deepEqual(lib.decodeJwt(A1.token), want);
      equal(lib.jwtExpiresAt(A1.token), A1_EXP_MS);
      claimError(() => lib.verifyJwt(A1.token, A1_KEY, { algorithms: ["HS256"], now: A1_EXP_MS }), "ERR_JWT_EXPIRED", "exp");
      ok(lib.verifyJwt(A1.token, A1_KEY, { algorithms: ["HS256"], now: A1_EXP_MS + 29999, clockToleranceSec: 30 }));
      throws(() => lib.verifyJwt(A1.token, A1_KEY, { algorithms: ["HS256"], now: A1_EXP_MS + 30000, clockToleranceSec: 30 }), code("ERR_JWT_EXPIRED"));
      // the JWK's k, base64url-decoded, is the same key; as an ArrayBuffer too
      ok(lib.verifyJwt(A1.token, A1_KEY.buffer.slice(0), { algorithms: ["HS256"], now: A1_EXP_MS - 1 }));
      throws(() => lib.verifyJwt(A1.token, A1_KEY, { algorithms: ["HS384", "HS512"], now: A1_EXP_MS - 1 }), code("ERR_JWT_ALG_NOT_ALLOWED"));
      throws(() => lib.verifyJwt(A1.token, utf8("x".repeat(64)), { algorithms: ["HS256"], now: A1_EXP_MS - 1 }), code("ERR_SIGNATURE_MISMATCH"));
    }],
    ["RFC 4231 keys through HS384 / HS512 (WebCrypto signs, verifyJwt checks; short keys verify)", async () => {
      equal(v.rfc4231.length, 7);
      const subtle = globalThis.crypto?.subtle;
      let n = 0;
      if (subtle) {
        for (const t of v.rfc4231) {
          const key = fromHex(t.key_hex);
          for (const [alg, hash, field] of [["HS384", "SHA-384", "hmac_sha384_hex"], ["HS512", "SHA-512", "hmac_sha512_hex"]]) {
            const k = await subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
            // the anchor: WebCrypto gives the RFC's value for the RFC's data
            const rfc = new Uint8Array(await subtle.sign("HMAC", k, fromHex(t.data_hex)));
            ok(Array.from(rfc, (b) => b.toString(16).padStart(2, "0")).join("").startsWith(t[field]), `${t.tc_id} ${alg}`);
            const input = `${seg(`{"alg":"${alg}"}`)}.${seg(`{"tc":${t.tc_id}}`)}`;
            const mac = new Uint8Array(await subtle.sign("HMAC", k, utf8(input)));
            const token = `${input}.${B64URL(mac)}`;
            equal(lib.verifyJwt(token, key, { algorithms: [alg], now: NOW }).payload.tc, t.tc_id);
            throws(() => lib.verifyJwt(token, key, { algorithms: [alg === "HS384" ? "HS512" : "HS384"], now: NOW }), code("ERR_JWT_ALG_NOT_ALLOWED"));
            throws(() => lib.verifyJwt(token, utf8("wrong"), { algorithms: HS, now: NOW }), code("ERR_SIGNATURE_MISMATCH"));
            n++;
          }
        }
        equal(n, 14);
      }
      // through signJwt/verifyJwt: the RFC 4231 case 6/7 keys (131 bytes) are long enough to sign
      const long = fromHex(v.rfc4231.find((t) => t.tc_id === 6).key_hex);
      for (const alg of HS) {
        const t = lib.signJwt({ sub: "rfc4231" }, long, { alg, now: NOW, expiresInSec: 60 });
        const r = lib.verifyJwt(t, long, { algorithms: [alg], now: NOW });
        equal(r.header.alg, alg);
        equal(r.payload.sub, "rfc4231");
        equal(Uint8Array.from(atob(lastSeg(t).replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)).length, { HS256: 32, HS384: 48, HS512: 64 }[alg]);
      }
      // the 4-byte "Jefe" key (case 2): signing refuses it (RFC 7518 §3.2), verifying accepts
      const jefe = fromHex(v.rfc4231.find((t) => t.tc_id === 2).key_hex);
      equal(new TextDecoder().decode(jefe), "Jefe");
      for (const alg of HS) throws(() => lib.signJwt({}, jefe, { alg, now: NOW }), { ...RE, message: /RFC 7518/ });
      const t = forge('{"alg":"HS256"}', '{"sub":"x"}', jefe);
      equal(lib.verifyJwt(t, jefe, { algorithms: ["HS256"], now: NOW }).payload.sub, "x");
    }],
    ["signJwt: header, iat/exp/nbf, typ default, every alg round-trips", () => {
      for (const alg of HS) {
        const key = new Uint8Array({ HS256: 32, HS384: 48, HS512: 64 }[alg]).fill(7);
        const t = lib.signJwt({ sub: "u1", n: [1, { a: null }] }, key, { alg, now: NOW + 999, expiresInSec: 3600, notBeforeSec: -5, header: { kid: "k1" } });
        deepEqual(lib.decodeJwt(t), {
          header: { alg, typ: "JWT", kid: "k1" },
          payload: { sub: "u1", n: [1, { a: null }], iat: 1700000000, nbf: 1699999995, exp: 1700003600 },
        });
        ok(lib.verifyJwt(t, key, { algorithms: [alg], now: NOW + 3599999 }));
        claimError(() => lib.verifyJwt(t, key, { algorithms: HS, now: NOW + 3600000 }), "ERR_JWT_EXPIRED", "exp");
        claimError(() => lib.verifyJwt(t, key, { algorithms: HS, now: NOW - 5001 }), "ERR_JWT_NOT_YET_VALID", "nbf");
        equal(lib.jwtExpiresAt(t), 1700003600000);
        throws(() => lib.signJwt({}, key.subarray(1), { alg, now: NOW }), RE);
      }
      // defaults: HS256, iat only; typ kept when given; a payload iat is kept
      deepEqual(lib.decodeJwt(lib.signJwt({}, KEY, { now: NOW })), { header: { alg: "HS256", typ: "JWT" }, payload: { iat: 1700000000 } });
      equal(lib.decodeJwt(lib.signJwt({}, KEY, { now: NOW, header: { typ: "at+jwt" } })).header.typ, "at+jwt");
      equal(lib.decodeJwt(lib.signJwt({ iat: 5.5 }, KEY, { now: NOW })).payload.iat, 5.5);
      equal(lib.jwtExpiresAt(lib.signJwt({}, KEY, { now: NOW })), undefined);
      // the clock by default
      const t = lib.signJwt({}, KEY, { expiresInSec: 60 });
      const left = lib.jwtExpiresAt(t) - Date.now();
      ok(left > 58000 && left <= 60000, String(left));
      ok(lib.verifyJwt(t, KEY, { algorithms: ["HS256"] }));
      // base64url without padding, no + or /
      for (let i = 0; i < 50; i++) {
        const tt = lib.signJwt({ s: "?>".repeat(i) }, KEY, { now: NOW });
        ok(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(tt), tt);
      }
    }],
    ["signJwt: values that JSON would change or drop are TypeErrors; alg/crit are the library's", () => {
      const bad = [
        [{ a: undefined }, /payload\.a is undefined/],
        [{ a: () => 1 }, /payload\.a/],
        [{ a: 1n }, /payload\.a/],
        [{ a: NaN }, /NaN or Infinity/],
        [{ a: [1, Infinity] }, /payload\.a\[1\]/],
        [{ a: new Date(0) }, /plain object/],
        [{ a: new Map() }, /plain object/],
        [{ a: [, 1] }, /payload\.a\[0\] is undefined/], // a hole
        [{ exp: "1700000000" }, /NumericDate/],
        [{ nbf: null }, /NumericDate/],
        [{ s: "\uD800" }, /lone surrogate/],
      ];
      for (const [p, m] of bad) throws(() => lib.signJwt(p, KEY, { now: NOW }), { ...TE, message: m }, JSON.stringify(Object.keys(p)));
      for (const p of [null, [], "x", 1, new Date(), new (class X {})()]) throws(() => lib.signJwt(p, KEY, { now: NOW }), TE);
      const circular = {}; circular.self = circular;
      throws(() => lib.signJwt(circular, KEY, { now: NOW }), TE);
      throws(() => lib.signJwt({ exp: 1 }, KEY, { now: NOW, expiresInSec: 5 }), TE);
      throws(() => lib.signJwt({ nbf: 1 }, KEY, { now: NOW, notBeforeSec: 5 }), TE);
      throws(() => lib.signJwt({}, KEY, { now: NOW, header: { alg: "none" } }), TE);
      throws(() => lib.signJwt({}, KEY, { now: NOW, header: { crit: ["b64"] } }), TE);
      throws(() => lib.signJwt({}, KEY, { now: NOW, alg: "none" }), RE);
      throws(() => lib.signJwt({}, KEY, { now: NOW, alg: "RS256" }), RE);
      throws(() => lib.signJwt({}, KEY, { now: NOW, alg: "hs256" }), RE);
      throws(() => lib.signJwt({}, "", { now: NOW }), code("ERR_EMPTY_SECRET"));
      throws(() => lib.signJwt({}, KEY, { now: NOW, expiresIn: 60 }), TE);
      throws(() => lib.signJwt({}, KEY, { now: NOW, notBeforeSec: 1.5 }), RE);
      // null-prototype objects are plain
      const np = Object.create(null); np.sub = "n";
      equal(lib.decodeJwt(lib.signJwt(np, KEY, { now: NOW })).payload.sub, "n");
    }],
    ["now is milliseconds: a seconds value is a RangeError everywhere", () => {
      const t = lib.signJwt({}, KEY, { now: NOW, expiresInSec: 60 });
      const secs = Math.floor(NOW / 1000);
      throws(() => lib.signJwt({}, KEY, { now: secs }), { ...RE, message: /milliseconds/ });
      throws(() => lib.verifyJwt(t, KEY, { algorithms: ["HS256"], now: secs }), { ...RE, message: /milliseconds/ });
      throws(() => lib.verifyJwt(t, KEY, { algorithms: ["HS256"], now: new Date(NOW) }), TE);
      throws(() => lib.verifyJwt(t, KEY, { algorithms: ["HS256"], now: NOW + 0.5 }), RE);
    }],
    ["alg: none and alg confusion are refused; algorithms is required", () => {
      const none = raw('{"alg":"none"}', '{"sub":"admin"}');
      for (const algorithms of [["HS256"], HS]) throws(() => lib.verifyJwt(none, KEY, { algorithms, now: NOW }), code("ERR_JWT_ALG_NOT_ALLOWED"));
      for (const alg of ["none", "None", "NONE", "RS256", "ES256", "PS256", "EdDSA", "hs256", "HS256 ", ""]) {
        const t = forge(JSON.stringify({ alg }), "{}");
        throws(() => lib.verifyJwt(t, KEY, { algorithms: HS, now: NOW }), code("ERR_JWT_ALG_NOT_ALLOWED"), alg);
        ok(lib.decodeJwt(t), "decodeJwt reads it (and trusts nothing)");
      }
      for (const h of ['{"alg":256}', '{"alg":null}', '{"typ":"JWT"}', '{"alg":["HS256"]}']) {
        throws(() => lib.verifyJwt(forge(h, "{}"), KEY, { algorithms: HS, now: NOW }), code("ERR_JWT_MALFORMED"), h);
      }
      // relabelled: an HS256 MAC under an HS512 header
      throws(() => lib.verifyJwt(forge('{"alg":"HS512"}', "{}"), KEY, { algorithms: HS, now: NOW }), code("ERR_SIGNATURE_MISMATCH"));
      // the list is the caller's: never the token's
      const t = forge('{"alg":"HS256"}', "{}");
      throws(() => lib.verifyJwt(t, KEY), TE);
      throws(() => lib.verifyJwt(t, KEY, {}), TE);
      throws(() => lib.verifyJwt(t, KEY, { algorithms: "HS256" }), TE);
      throws(() => lib.verifyJwt(t, KEY, { algorithms: [] }), RE);
      throws(() => lib.verifyJwt(t, KEY, { algorithms: ["none"] }), RE);
      throws(() => lib.verifyJwt(t, KEY, { algorithms: ["RS256"] }), RE);
      throws(() => lib.verifyJwt(t, KEY, { algorithms: [256] }), TE);
    }],
    ["crit: any extension is refused (none is supported)", () => {
      for (const h of ['{"alg":"HS256","crit":["exp"],"exp":1}', '{"alg":"HS256","crit":["b64"],"b64":true}', '{"alg":"HS256","crit":[]}', '{"alg":"HS256","crit":"x"}']) {
        throws(() => lib.verifyJwt(forge(h, "{}"), KEY, { algorithms: HS, now: NOW }), code("ERR_JWT_MALFORMED"), h);
      }
    }],
    ["malformed segments: strict base64url, three segments, JSON objects, no repeated keys", () => {
      const good = forge('{"alg":"HS256"}', '{"sub":"a"}');
      const [h, p, s] = good.split(".");
      const std = s.replace(/-/g, "+").replace(/_/g, "/");
      const bad = [`${h}.${p}`, `${h}.${p}.${s}.x`, `${h}.${p}.${s}.x.y`, `${h}=.${p}.${s}`, `${h}.${p}==.${s}`, `${h}.${p}.${s}=`,
        ` ${good}`, `${good}\n`, `${h}. ${p}.${s}`, `.${p}.${s}`, `${h}..${s}`, "..", "a.b.c", "not a token", `${h}.${p}.${std}`,
        `${h}.${p.slice(0, -1) + "+"}.${s}`];
      for (const t of bad.filter((t) => t !== good)) {
        const e = throws(() => lib.verifyJwt(t, KEY, { algorithms: HS, now: NOW }), { name: "AuthsmithError" }, JSON.stringify(t));
        ok(["ERR_JWT_MALFORMED", "ERR_SIGNATURE_MISMATCH"].includes(e.code), `${t}: ${e.code}`);
      }
      throws(() => lib.decodeJwt(`${h}.${p}`), code("ERR_JWT_MALFORMED"));
      throws(() => lib.decodeJwt(`${h}.${p}.${s}.x.y`), { ...code("ERR_JWT_MALFORMED"), message: /JWE/ });
      throws(() => lib.decodeJwt(""), code("ERR_EMPTY_SECRET"));
      for (const [hh, pp] of [["[]", "{}"], ['{"alg":"HS256"}', "[]"], ['{"alg":"HS256","alg":"HS256"}', "{}"],
        ['{"alg":"HS256"}', '{"sub":"a","sub":"b"}'], ['{"alg":"HS256"}', '{"x":{"y":1,"y":2}}'], ['{"alg":"HS256"}', "{'a':1}"],
        ['{"alg":"HS256"}', '{"a":1,}'], ['{"alg":"HS256"}', "{\"a\":\"\\ud800\"}"]]) {
        throws(() => lib.verifyJwt(forge(hh, pp), KEY, { algorithms: HS, now: NOW }), code("ERR_JWT_MALFORMED"), `${hh} ${pp}`);
        throws(() => lib.decodeJwt(forge(hh, pp)), code("ERR_JWT_MALFORMED"), `${hh} ${pp}`);
      }
      // an unsigned token decodes (empty signature segment)
      deepEqual(lib.decodeJwt(raw('{"alg":"none"}', '{"a":1}')).payload, { a: 1 });
    }],
    ["huge tokens: up to 1 MiB read, beyond refused before copying; deep nesting refused", () => {
      const big = forge('{"alg":"HS256"}', JSON.stringify({ f: "x".repeat(700000) }));
      equal(lib.verifyJwt(big, KEY, { algorithms: HS, now: NOW }).payload.f.length, 700000);
      throws(() => lib.verifyJwt("A".repeat(2 * 1024 * 1024), KEY, { algorithms: HS, now: NOW }), code("ERR_JWT_MALFORMED"));
      throws(() => lib.decodeJwt("A.".repeat(600000)), code("ERR_JWT_MALFORMED"));
      throws(() => lib.jwtExpiresAt(".".repeat(100000)), code("ERR_JWT_MALFORMED"));
      const deep = `{"a":${"[".repeat(70)}1${"]".repeat(70)}}`;
      throws(() => lib.verifyJwt(forge('{"alg":"HS256"}', deep), KEY, { algorithms: HS, now: NOW }), code("ERR_JWT_MALFORMED"));
      throws(() => lib.signJwt(JSON.parse(deep), KEY, { now: NOW }), TE);
    }],
    ["returned objects: JSON.parse values (big integers, -0, exponents), __proto__ an own property", () => {
      const text = '{"big":12345678901234567890,"neg0":-0,"e":1E+2,"f":0.1,"__proto__":{"polluted":1},"constructor":{"prototype":1}}';
      const t = forge('{"alg":"HS256","__proto__":{"x":1}}', text);
      for (const r of [lib.verifyJwt(t, KEY, { algorithms: HS, now: NOW }), lib.decodeJwt(t)]) {
        deepEqual(Object.keys(r.payload), Object.keys(JSON.parse(text)));
        equal(r.payload.big, 12345678901234567890);
        ok(Object.is(r.payload.neg0, -0));
        equal(r.payload.e, 100);
        equal(Object.getPrototypeOf(r.payload), Object.prototype);
        ok(Object.prototype.hasOwnProperty.call(r.payload, "__proto__"));
        deepEqual(r.payload.__proto__, { polluted: 1 });
        equal(r.payload.polluted, undefined);
        equal(Object.getPrototypeOf(r.header), Object.prototype);
        equal({}.polluted, undefined);
        equal({}.x, undefined);
      }
    }],
    ["key rotation: every key tried; empty keys refused; Bytes forms", () => {
      const t = forge('{"alg":"HS256"}', '{"sub":"a"}');
      const old = utf8("an old key that is long enough, thirty-two+");
      ok(lib.verifyJwt(t, [old, KEY], { algorithms: HS, now: NOW }));
      ok(lib.verifyJwt(t, [KEY, old], { algorithms: HS, now: NOW }));
      ok(lib.verifyJwt(t, new TextDecoder().decode(KEY), { algorithms: HS, now: NOW }));
      throws(() => lib.verifyJwt(t, [old], { algorithms: HS, now: NOW }), code("ERR_SIGNATURE_MISMATCH"));
      throws(() => lib.verifyJwt(t, [KEY, ""], { algorithms: HS, now: NOW }), code("ERR_EMPTY_SECRET"));
      throws(() => lib.verifyJwt(t, "", { algorithms: HS, now: NOW }), code("ERR_EMPTY_SECRET"));
      throws(() => lib.verifyJwt(t, [], { algorithms: HS, now: NOW }), RE);
      throws(() => lib.verifyJwt(t, Array(33).fill(KEY), { algorithms: HS, now: NOW }), RE);
      throws(() => lib.verifyJwt(t, [KEY, 5], { algorithms: HS, now: NOW }), TE);
      throws(() => lib.verifyJwt(t, null, { algorithms: HS, now: NOW }), TE);
    }],
    ["claims: iss, aud, sub, typ, maxTokenAgeSec, requiredClaims, NumericDate types; claim on the error", () => {
      const t = forge('{"alg":"HS256","typ":"JWT"}', '{"iss":"https://as.example","aud":["x","api"],"sub":"u1","iat":1700000000,"jti":"j"}');
      const base = { algorithms: ["HS256"], now: NOW };
      const all = { ...base, issuer: ["https://as.example", "b"], audience: "api", subject: "u1", typ: "jwt", maxTokenAgeSec: 60, requiredClaims: ["jti"] };
      ok(lib.verifyJwt(t, KEY, all));
      ok(lib.verifyJwt(t, KEY, { ...all, issuer: "https://as.example", audience: ["nope", "x"], typ: "application/JWT" }));
      claimError(() => lib.verifyJwt(t, KEY, { ...base, typ: "at+jwt" }), "ERR_JWT_CLAIM_INVALID", "typ");
      claimError(() => lib.verifyJwt(t, KEY, { ...base, issuer: "https://evil" }), "ERR_JWT_CLAIM_INVALID", "iss");
      claimError(() => lib.verifyJwt(t, KEY, { ...base, audience: "other" }), "ERR_JWT_CLAIM_INVALID", "aud");
      claimError(() => lib.verifyJwt(t, KEY, { ...base, subject: "u2" }), "ERR_JWT_CLAIM_INVALID", "sub");
      claimError(() => lib.verifyJwt(t, KEY, { ...base, requiredClaims: ["nonce"] }), "ERR_JWT_CLAIM_INVALID", "nonce");
      ok(lib.verifyJwt(t, KEY, { ...base, now: NOW + 60000, maxTokenAgeSec: 60 }));
      claimError(() => lib.verifyJwt(t, KEY, { ...base, now: NOW + 60001, maxTokenAgeSec: 60 }), "ERR_JWT_CLAIM_INVALID", "iat");
      claimError(() => lib.verifyJwt(t, KEY, { ...base, now: NOW - 1, maxTokenAgeSec: 60 }), "ERR_JWT_CLAIM_INVALID", "iat");
      ok(lib.verifyJwt(t, KEY, { ...base, now: NOW - 1000, maxTokenAgeSec: 60, clockToleranceSec: 1 }));
      const noClaims = forge('{"alg":"HS256"}', "{}");
      for (const [o, c] of [[{ issuer: "a" }, "iss"], [{ audience: "a" }, "aud"], [{ subject: "a" }, "sub"], [{ maxTokenAgeSec: 1 }, "iat"], [{ typ: "JWT" }, "typ"]]) {
        claimError(() => lib.verifyJwt(noClaims, KEY, { ...base, ...o }), "ERR_JWT_CLAIM_INVALID", c);
      }
      for (const c of ["exp", "nbf", "iat"]) {
        claimError(() => lib.verifyJwt(forge('{"alg":"HS256"}', `{"${c}":"1800000000"}`), KEY, base), "ERR_JWT_CLAIM_INVALID", c);
      }
      claimError(() => lib.jwtExpiresAt(forge('{"alg":"HS256"}', '{"exp":"1800000000"}')), "ERR_JWT_CLAIM_INVALID", "exp");
      // fractions are compared exactly at ms precision
      const frac = forge('{"alg":"HS256"}', '{"exp":1700000000.5,"nbf":1699999999.25}');
      ok(lib.verifyJwt(frac, KEY, { ...base, now: NOW + 499 }));
      throws(() => lib.verifyJwt(frac, KEY, { ...base, now: NOW + 500 }), code("ERR_JWT_EXPIRED"));
      throws(() => lib.verifyJwt(frac, KEY, { ...base, now: NOW - 751 }), code("ERR_JWT_NOT_YET_VALID"));
      ok(lib.verifyJwt(frac, KEY, { ...base, now: NOW - 750 }));
      equal(lib.jwtExpiresAt(frac), 1700000000500);
      // option types
      throws(() => lib.verifyJwt(t, KEY, { ...base, issuer: 5 }), TE);
      throws(() => lib.verifyJwt(t, KEY, { ...base, audience: [5] }), TE);
      throws(() => lib.verifyJwt(t, KEY, { ...base, requiredClaims: "jti" }), TE);
      throws(() => lib.verifyJwt(t, KEY, { ...base, clockToleranceSec: -1 }), RE);
      throws(() => lib.verifyJwt(t, KEY, { ...base, maxTokenAgeSec: 1.5 }), RE);
      throws(() => lib.verifyJwt(t, KEY, { ...base, clocktolerance: 5 }), TE);
    }],
    ["needsRefresh({ useJwtExp }): a hand-configured bearer JWT (BJET) refreshes from its exp", () => {
      const t = lib.signJwt({ sub: "bjet" }, KEY, { now: NOW, expiresInSec: 3600 });
      const ts = { accessToken: t, tokenType: "Bearer" };
      equal(lib.needsRefresh(ts, { now: NOW + 3600000 }), false, "without the option: no expiresAt, no timed refresh");
      equal(lib.needsRefresh(ts, { now: NOW, useJwtExp: true }), false);
      equal(lib.needsRefresh(ts, { now: NOW + 3540000 - 1, useJwtExp: true }), false);
      equal(lib.needsRefresh(ts, { now: NOW + 3540000, useJwtExp: true }), true, "60 s skew");
      equal(lib.needsRefresh(ts, { now: NOW + 3599999, useJwtExp: true, skewSec: 0 }), false);
      equal(lib.needsRefresh(ts, { now: NOW + 3600000, useJwtExp: true, skewSec: 0 }), true);
      // expiresAt wins when present
      equal(lib.needsRefresh({ ...ts, expiresAt: NOW + 10000 }, { now: NOW, useJwtExp: true, skewSec: 10 }), true);
      // no exp: no timed refresh; an opaque token: an error, never a guess
      equal(lib.needsRefresh({ accessToken: lib.signJwt({}, KEY, { now: NOW }), tokenType: "Bearer" }, { now: NOW, useJwtExp: true }), false);
      throws(() => lib.needsRefresh({ accessToken: "2YotnFZFEjr1zCsicMWpAA", tokenType: "Bearer" }, { now: NOW, useJwtExp: true }), code("ERR_JWT_MALFORMED"));
      throws(() => lib.needsRefresh(ts, { useJwtExp: "yes" }), TE);
    }],
    ["every JWT code is in ERROR_CODES", () => {
      for (const c of ["ERR_JWT_MALFORMED", "ERR_JWT_ALG_NOT_ALLOWED", "ERR_JWT_EXPIRED", "ERR_JWT_NOT_YET_VALID", "ERR_JWT_CLAIM_INVALID"]) ok(lib.ERROR_CODES.includes(c), c);
    }],
  ];
}
