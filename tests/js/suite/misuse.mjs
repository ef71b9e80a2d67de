import { equal, throws } from "./assert.mjs";

const T = "BE9xnPnGfVUS";
const DOC_KEY = "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";
const LONE = "ab\uD800cd";

/** [label, call, expected] — each must throw exactly that, and the module must keep working. */
export function misuseTable(lib) {
  const TE = { name: "TypeError" }, RE = { name: "RangeError" };
  const code = (c) => ({ name: "AuthsmithError", code: c });
  const rows = [];
  const add = (label, fn, exp) => rows.push([label, fn, exp]);

  // Bytes arguments: never an empty or altered key from a wrong type.
  for (const [name, v] of [["number", 5], ["null", null], ["undefined", undefined], ["object", {}], ["array", [1, 2]],
    ["boolean", true], ["bigint", 5n], ["DataView", new DataView(new ArrayBuffer(2))], ["Int16Array", new Int16Array(2)],
    ["symbol", Symbol("s")]]) {
    add(`sha256(${name})`, () => lib.sha256(v), TE);
    add(`hmacSha256(key: ${name})`, () => lib.hmacSha256(v, "data"), TE);
    add(`hmacSha256(data: ${name})`, () => lib.hmacSha256("key", v), TE);
    add(`new Hmac(${name})`, () => new lib.Hmac(v), TE);
    add(`timingSafeEqual(${name})`, () => lib.timingSafeEqual(v, "a"), TE);
    add(`tedeeApiKey(${name})`, () => lib.tedeeApiKey(v), TE);
    add(`basicAuth(${name})`, () => lib.basicAuth(v, "p"), TE);
    add(`bearerAuth(${name})`, () => lib.bearerAuth(v), TE);
  }
  // Lone surrogates would silently become U+FFFD: refused.
  add("sha256(lone surrogate)", () => lib.sha256(LONE), TE);
  add("hmacSha256(key: lone surrogate)", () => lib.hmacSha256(LONE, "x"), TE);
  add("tedeeApiKey(lone surrogate)", () => lib.tedeeApiKey(LONE, { timestamp: 1 }), TE);
  add("basicAuth(password: lone surrogate)", () => lib.basicAuth("u", "\uDC00"), TE);
  add("bearerAuth(lone surrogate)", () => lib.bearerAuth("\uD83D"), TE);
  add("verifyTedeeApiKey(apiKey: lone surrogate)", () => lib.verifyTedeeApiKey(T, DOC_KEY + "\uD800"), TE);
  // Timestamps: numbers only, finite, non-negative integers, at most 2^53 - 1.
  for (const [name, ts, exp] of [["NaN", NaN, RE], ["Infinity", Infinity, RE], ["-1", -1, RE], ["1.5", 1.5, RE],
    ["2^53", 2 ** 53, RE], ["1e300", 1e300, RE], ["string", "1691058833000", TE], ["bigint", 1691058833000n, TE], ["null", null, TE]]) {
    add(`tedeeApiKey timestamp ${name}`, () => lib.tedeeApiKey(T, { timestamp: ts }), exp);
    add(`TedeeKeyGenerator.next(${name})`, () => new lib.TedeeKeyGenerator(T).next(ts), ts === null ? TE : exp);
    add(`verifyTedeeApiKey now ${name}`, () => lib.verifyTedeeApiKey(T, DOC_KEY, { now: ts }), exp);
    add(`hmacSignatureHeaders timestamp ${name}`, () => lib.hmacSignatureHeaders("s", { timestamp: ts }), exp);
    add(`applyAuth now ${name}`, () => lib.applyAuth({ url: "/" }, { type: "tedee", token: T }, { now: ts }), exp);
  }
  add("TedeeKeyGenerator past 2^53 - 1", () => { const g = new lib.TedeeKeyGenerator(T); g.next(2 ** 53 - 1); g.next(2 ** 53 - 1); }, RE);
  add("toleranceMs -1", () => lib.verifyTedeeApiKey(T, DOC_KEY, { toleranceMs: -1 }), RE);
  // Options: objects with known keys only; enumerations checked.
  add("tedeeApiKey options typo", () => lib.tedeeApiKey(T, { timestmap: 1 }), TE);
  add("tedeeApiKey options not an object", () => lib.tedeeApiKey(T, "plain"), TE);
  add("tedeeApiKey mode unknown", () => lib.tedeeApiKey(T, { mode: "ENCRYPTED" }), RE);
  add("hmacSha256 encoding unknown", () => lib.hmacSha256("k", "d", "HEX"), RE);
  add("hmacSha256 encoding number", () => lib.hmacSha256("k", "d", 16), TE);
  add("Hmac.verify signature number", () => new lib.Hmac("k").verify(5), TE);
  add("randomBytes(-1)", () => lib.randomBytes(-1), RE);
  add("randomBytes('8')", () => lib.randomBytes("8"), TE);
  add("randomToken(16.5)", () => lib.randomToken(16.5), RE);
  add("applyAuth unknown type", () => lib.applyAuth({ url: "/" }, { type: "digest" }), RE);
  add("applyAuth auth not an object", () => lib.applyAuth({ url: "/" }, "bearer"), TE);
  add("applyAuth extra property", () => lib.applyAuth({ url: "/" }, { type: "bearer", token: "t", tokne: "x" }), TE);
  add("applyAuth url missing", () => lib.applyAuth({}, { type: "none" }), TE);
  add("applyAuth in unknown", () => lib.applyAuth({ url: "/" }, { type: "apiKey", name: "k", value: "v", in: "body" }), RE);
  add("applyAuth header value number", () => lib.applyAuth({ url: "/", headers: { a: 1 } }, { type: "none" }), TE);
  add("applyAuth headers a string", () => lib.applyAuth({ url: "/", headers: "Accept: x" }, { type: "none" }), TE);
  // Domain errors: colon in user-id, CR/LF in tokens, empty secrets where one is required.
  add("basicAuth ':' in user-id", () => lib.basicAuth("us:er", "p"), code("ERR_INVALID_CREDENTIAL"));
  add("basicAuth CR/LF in password", () => lib.basicAuth("u", "p\r\nX: y"), code("ERR_INVALID_CREDENTIAL"));
  add("bearerAuth CR/LF", () => lib.bearerAuth("tok\r\nX-Evil: 1"), code("ERR_INVALID_CREDENTIAL"));
  add("bearerAuth empty", () => lib.bearerAuth(""), code("ERR_EMPTY_SECRET"));
  add("tedeeApiKey empty token", () => lib.tedeeApiKey(""), code("ERR_EMPTY_SECRET"));
  add("tedeeApiKey CR/LF in token", () => lib.tedeeApiKey("a\r\nb", { timestamp: 1 }), code("ERR_INVALID_CREDENTIAL"));
  add("TedeeKeyGenerator empty token", () => new lib.TedeeKeyGenerator(""), code("ERR_EMPTY_SECRET"));
  add("TedeeVerifier empty token", () => new lib.TedeeVerifier(""), code("ERR_EMPTY_SECRET"));
  add("hmacSignatureHeaders empty secret", () => lib.hmacSignatureHeaders(new Uint8Array(0)), code("ERR_EMPTY_SECRET"));
  add("applyAuth apiKey empty value", () => lib.applyAuth({ url: "/" }, { type: "apiKey", name: "k", value: "" }), code("ERR_EMPTY_SECRET"));
  add("applyAuth apiKey CR/LF value", () => lib.applyAuth({ url: "/" }, { type: "apiKey", name: "X-K", value: "v\r\nX: 1" }), code("ERR_INVALID_CREDENTIAL"));
  add("applyAuth apiKey bad header name", () => lib.applyAuth({ url: "/" }, { type: "apiKey", name: "X K", value: "v" }), code("ERR_INVALID_HEADER_NAME"));
  add("applyAuth url with CR/LF", () => lib.applyAuth({ url: "/x\r\nHost: evil" }, { type: "tedee", token: T, in: "query" }), code("ERR_INVALID_URL"));
  add("applyAuth hmac empty secret", () => lib.applyAuth({ url: "/" }, { type: "hmac", secret: "" }), code("ERR_EMPTY_SECRET"));
  add("applyAuth bearer CR/LF", () => lib.applyAuth({ url: "/" }, { type: "bearer", token: "a\nb" }), code("ERR_INVALID_CREDENTIAL"));
  // JWT: Bytes keys, strings for tokens, required algorithms, ms `now`, JSON-safe payloads.
  const JKEY = "0123456789abcdef0123456789abcdef";
  const JWT = "eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo";
  const JV = { algorithms: ["HS256"], now: 1700000000000 };
  for (const [name, v] of [["number", 5], ["null", null], ["undefined", undefined], ["object", {}], ["bigint", 5n], ["symbol", Symbol("s")]]) {
    add(`verifyJwt(token: ${name})`, () => lib.verifyJwt(v, JKEY, JV), TE);
    add(`decodeJwt(${name})`, () => lib.decodeJwt(v), TE);
    add(`jwtExpiresAt(${name})`, () => lib.jwtExpiresAt(v), TE);
    if (name !== "object") add(`signJwt(payload: ${name})`, () => lib.signJwt(v, JKEY), TE);
    add(`signJwt(key: ${name})`, () => lib.signJwt({}, v), TE);
    if (name !== "undefined" && name !== "null") add(`verifyJwt(options: ${name})`, () => lib.verifyJwt(JWT, JKEY, v), TE);
  }
  add("verifyJwt key number in array", () => lib.verifyJwt(JWT, [JKEY, 1], JV), TE);
  add("verifyJwt lone surrogate token", () => lib.verifyJwt("a\uD800.b.c", JKEY, JV), TE);
  add("verifyJwt options missing", () => lib.verifyJwt(JWT, JKEY), TE);
  add("verifyJwt algorithms missing", () => lib.verifyJwt(JWT, JKEY, { now: 1700000000000 }), TE);
  add("verifyJwt algorithms empty", () => lib.verifyJwt(JWT, JKEY, { algorithms: [] }), RE);
  add("verifyJwt algorithms none", () => lib.verifyJwt(JWT, JKEY, { algorithms: ["none"] }), RE);
  add("verifyJwt algorithms typo", () => lib.verifyJwt(JWT, JKEY, { algorithm: ["HS256"] }), TE);
  add("verifyJwt now in seconds", () => lib.verifyJwt(JWT, JKEY, { ...JV, now: 1700000000 }), RE);
  add("verifyJwt now a Date", () => lib.verifyJwt(JWT, JKEY, { ...JV, now: new Date() }), TE);
  add("verifyJwt clockToleranceSec -1", () => lib.verifyJwt(JWT, JKEY, { ...JV, clockToleranceSec: -1 }), RE);
  add("verifyJwt clockToleranceSec string", () => lib.verifyJwt(JWT, JKEY, { ...JV, clockToleranceSec: "30s" }), TE);
  add("verifyJwt issuer number", () => lib.verifyJwt(JWT, JKEY, { ...JV, issuer: 1 }), TE);
  add("verifyJwt requiredClaims string", () => lib.verifyJwt(JWT, JKEY, { ...JV, requiredClaims: "exp" }), TE);
  add("signJwt now in seconds", () => lib.signJwt({}, JKEY, { now: 1700000000 }), RE);
  add("signJwt alg none", () => lib.signJwt({}, JKEY, { alg: "none" }), RE);
  add("signJwt short key", () => lib.signJwt({}, "short"), RE);
  add("signJwt empty key", () => lib.signJwt({}, ""), code("ERR_EMPTY_SECRET"));
  add("signJwt payload undefined value", () => lib.signJwt({ a: undefined }, JKEY), TE);
  add("signJwt payload Date", () => lib.signJwt(new Date(), JKEY), TE);
  add("signJwt exp as a string", () => lib.signJwt({ exp: "1700000000" }, JKEY), TE);
  add("signJwt header alg", () => lib.signJwt({}, JKEY, { header: { alg: "HS512" } }), TE);
  add("signJwt options typo", () => lib.signJwt({}, JKEY, { expiresIn: 60 }), TE);
  add("signJwt expiresInSec -1", () => lib.signJwt({}, JKEY, { expiresInSec: -1 }), RE);
  add("verifyJwt alg none token", () => lib.verifyJwt("eyJhbGciOiJub25lIn0.e30.", JKEY, JV), code("ERR_JWT_ALG_NOT_ALLOWED"));
  add("verifyJwt two segments", () => lib.verifyJwt("eyJhbGciOiJIUzI1NiJ9.e30", JKEY, JV), code("ERR_JWT_MALFORMED"));
  add("decodeJwt padded", () => lib.decodeJwt("eyJhbGciOiJIUzI1NiJ9.e30=.x"), code("ERR_JWT_MALFORMED"));
  add("needsRefresh useJwtExp opaque token", () => lib.needsRefresh({ accessToken: "opaque", tokenType: "Bearer" }, { useJwtExp: true }), code("ERR_JWT_MALFORMED"));
  // Getters and Proxies that throw: the error propagates, the module survives.
  const boom = { get timestamp() { throw new Error("boom"); } };
  add("options getter throws", () => lib.tedeeApiKey(T, boom), { name: "Error", message: /boom/ });
  const proxy = new Proxy({}, { ownKeys() { throw new Error("trap"); } });
  add("options Proxy ownKeys throws", () => lib.tedeeApiKey(T, proxy), { name: "Error", message: /trap/ });
  return rows;
}

export default function misuse(lib) {
  const rows = misuseTable(lib);
  return [
    [`misuse table (${rows.length} rows): the documented error each time, and a valid call right after`, () => {
      if (rows.length < 150) throw new Error(`table shrank to ${rows.length}`);
      for (const [label, fn, exp] of rows) {
        throws(fn, exp, label);
        equal(lib.tedeeApiKey(T, { timestamp: 1691058833000 }), DOC_KEY, `after ${label}`);
      }
    }],
    ["an empty HMAC key stays valid for the primitives", () => {
      equal(lib.hmacSha256("", "x"), lib.hmacSha256(new Uint8Array(0), "x"));
      equal(new lib.Hmac(new ArrayBuffer(0)).sign("x"), lib.hmacSha256("", "x"));
    }],
    ["error messages never contain the secret they were given", () => {
      const secret = "S3cr3t-" + lib.randomToken(16);
      const attempts = [
        () => lib.basicAuth("u:" + secret, secret + "\n"),
        () => lib.bearerAuth(secret + " x"),
        () => lib.tedeeApiKey(secret + "\n", { timestamp: 1 }),
        () => lib.verifyTedeeApiKey(secret, DOC_KEY, { now: 1691058833000 }),
        () => lib.verifyTedeeApiKey(secret, secret, { now: 1 }),
        () => lib.parseBasicAuth("Basic " + secret),
        () => lib.applyAuth({ url: "/" }, { type: "apiKey", name: "X-K", value: secret + "\r\n" }),
        () => lib.applyAuth({ url: "/" }, { type: "oauth2", tokenSet: { accessToken: secret, tokenType: "bearer", expiresAt: 1 } }, { now: 2 }),
      ];
      for (const f of attempts) {
        const e = throws(f, {});
        equal(String(e.message).includes(secret.slice(7)), false, e.message);
      }
    }],
    ["AuthsmithError: name, code, instanceof, isAuthsmithError, ERROR_CODES", () => {
      const e = throws(() => lib.bearerAuth(""), { code: "ERR_EMPTY_SECRET" });
      equal(e instanceof lib.AuthsmithError, true);
      equal(e instanceof Error, true);
      equal(lib.isAuthsmithError(e), true);
      equal(lib.isAuthsmithError(new Error("x")), false);
      equal(lib.isAuthsmithError(null), false);
      equal(lib.ERROR_CODES.includes(e.code), true);
      equal(Object.isFrozen(lib.ERROR_CODES), true);
      equal(new Set(lib.ERROR_CODES).size, lib.ERROR_CODES.length);
      const mine = new lib.AuthsmithError("ERR_REPLAY", "x");
      equal(lib.isAuthsmithError(mine), true);
      equal(mine.code, "ERR_REPLAY");
    }],
  ];
}
