// Differential test of verifyJwt / decodeJwt against jose (the pinned devDependency) on
// random tokens, claims, keys and options: the same accept/reject decision, the same
// payload and header when both accept, and the matching error kind when both reject.
//
// Tokens are built here (JSON text written by hand so that big integers, -0, exponents,
// escapes and __proto__ keys occur; signed with node:crypto, independent of both
// libraries). `now` is a whole second in ms: jose truncates its current time to seconds
// (`Math.floor(currentDate / 1000)`), authsmith compares in milliseconds; at whole
// seconds the two are the same function (see the second test for sub-second `now`).
//
// The known, deliberate differences are generated in their own test and each one is
// checked to be refused by authsmith and accepted by jose, with the RFC that decides it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import * as jose from "jose";
import * as lib from "authsmith";

const N = Number(process.env.JWT_DIFF_CASES ?? 10000);
const SEED = Number(process.env.JWT_DIFF_SEED ?? 20261204);

/** mulberry32: a small seeded PRNG, so a failure can be replayed with JWT_DIFF_SEED. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HASH = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };
const MIN = { HS256: 32, HS384: 48, HS512: 64 };
const ALGS = ["HS256", "HS384", "HS512"];
const b64url = (s) => Buffer.from(s).toString("base64url");

function makeGen(rand) {
  const int = (n) => Math.floor(rand() * n);
  const pick = (arr) => arr[int(arr.length)];
  const chance = (p) => rand() < p;
  const str = () => pick(["joe", "https://as.example", "api", "u1", "", "é中😀", "a\"b\\c\n", "\u0000x", "https://other.example", "API"]);
  const numberText = () => pick(["0", "-0", "1", "-1", "12345678901234567890", "1E+2", "1e-7", "0.1", "3.14159", "9007199254740993", "1e308", "-2.5e-3"]);
  function jsonText(depth = 0) {
    switch (int(depth > 2 ? 4 : 6)) {
      case 0: return JSON.stringify(str());
      case 1: return numberText();
      case 2: return pick(["true", "false", "null"]);
      case 3: return JSON.stringify(str());
      case 4: return `[${Array.from({ length: int(4) }, () => jsonText(depth + 1)).join(",")}]`;
      default: {
        const keys = [...new Set(Array.from({ length: int(4) }, () => pick(["a", "b", "__proto__", "constructor", "x y", "é"])))];
        return `{${keys.map((k) => `${JSON.stringify(k)}:${jsonText(depth + 1)}`).join(",")}}`;
      }
    }
  }
  return { int, pick, chance, str, jsonText };
}

/** A random case: token text, key, verify options for both libraries. */
function makeCase(g) {
  const { int, pick, str, jsonText } = g;
  // 40% "clean" cases (a well-formed token under the right key and algorithm; only the
  // claims and options vary) so that acceptances, and so payload equality, are common.
  const clean = g.chance(0.4);
  const chance = (p) => g.chance(p);
  const noise = (p) => !clean && g.chance(p);
  const nowSec = 1700000000 + int(200000);
  const alg = pick(ALGS);
  const keyLen = chance(0.15) ? 1 + int(MIN[alg]) : MIN[alg] + int(40);
  const key = Buffer.alloc(keyLen);
  for (let i = 0; i < keyLen; i++) key[i] = int(256);
  const claims = [];
  // clean cases: exp ahead, nbf/iat behind (by up to 400 s); otherwise anywhere ±200 s
  const time = (dir = 0) => {
    const base = clean && dir ? nowSec + dir * (1 + int(400)) : nowSec + int(400) - 200;
    switch (int(6)) {
      case 0: return String(base + int(1000) / 1000); // fractional
      case 1: return noise(0.3) ? (chance(0.5) ? `"${base}"` : "null") : String(base); // sometimes not a number
      default: return String(base);
    }
  };
  if (chance(0.6)) claims.push(["exp", time(1)]);
  if (chance(0.3)) claims.push(["nbf", time(-1)]);
  if (chance(0.5)) claims.push(["iat", time(-1)]);
  if (chance(0.5)) claims.push(["iss", chance(0.9) ? JSON.stringify(pick(["joe", "https://as.example", "https://other.example"])) : "42"]);
  if (chance(0.5)) claims.push(["sub", chance(0.9) ? JSON.stringify(pick(["u1", "u2"])) : "[]"]);
  if (chance(0.5)) {
    claims.push(["aud", pick([
      () => JSON.stringify(pick(["api", "web", "API"])),
      () => JSON.stringify(Array.from({ length: int(4) }, () => pick(["api", "web", "x"]))),
      () => `["api",1,null]`,
      () => "7",
    ])()]);
  }
  for (let i = int(4); i > 0; i--) claims.push([pick(["jti", "data", "__proto__", "n", "scope"]), jsonText()]);
  // unique names (repeated keys are the deliberate difference tested separately)
  const seen = new Set();
  const payload = `{${claims.filter(([k]) => !seen.has(k) && seen.add(k)).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(chance(0.1) ? ", " : ",")}}`;
  const headerAlg = !noise(0.1) ? alg : pick(["none", "RS256", "HS256", "HS512", "hs256"]);
  const hmembers = [`"alg":${JSON.stringify(headerAlg)}`];
  if (chance(0.5)) hmembers.push(`"typ":${pick(['"JWT"', '"jwt"', '"at+jwt"', '"application/jwt"', "1"])}`);
  if (chance(0.3)) hmembers.push(`"kid":${JSON.stringify(str())}`);
  if (noise(0.03)) hmembers.push(`"crit":${pick(['["exp"]', "[]", '"x"', "[1]"])}`);
  if (hmembers.length > 1 && chance(0.5)) hmembers.reverse();
  const header = `{${hmembers.join(",")}}`;
  const input = `${b64url(header)}.${b64url(payload)}`;
  let signKey = key;
  if (noise(0.05)) signKey = Buffer.concat([key, Buffer.from([1])]); // wrong key
  let sig = createHmac(HASH[alg], signKey).update(input).digest("base64url");
  if (noise(0.03)) sig = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1); // flipped
  if (noise(0.02)) sig = ""; // missing
  const token = `${input}.${sig}`;

  const algorithms = clean || chance(0.8) ? [alg] : ALGS.filter(() => chance(0.5));
  if (algorithms.length === 0) algorithms.push(pick(ALGS));
  const o = { algorithms, now: (nowSec + int(3) - 1) * 1000 };
  if (chance(0.5)) o.clockToleranceSec = pick([0, 1, 30, 60, 300]);
  const opt = (p) => chance(clean ? p / 3 : p);
  if (opt(0.3)) o.issuer = pick(["joe", ["joe", "https://as.example"], "https://as.example"]);
  if (opt(0.3)) o.audience = pick(["api", ["web", "x"], "API"]);
  if (opt(0.2)) o.subject = pick(["u1", "u2"]);
  if (opt(0.2)) o.typ = pick(["JWT", "application/JWT", "at+jwt"]);
  if (opt(0.2)) o.maxTokenAgeSec = pick([0, 10, 100, 1000]);
  if (opt(0.2)) o.requiredClaims = [pick(["exp", "jti", "__proto__", "iat"])];
  return { token, key: new Uint8Array(key), o };
}

function joseOptions(o) {
  const j = { algorithms: o.algorithms, currentDate: new Date(o.now) };
  if (o.clockToleranceSec !== undefined) j.clockTolerance = o.clockToleranceSec;
  if (o.issuer !== undefined) j.issuer = o.issuer;
  if (o.audience !== undefined) j.audience = o.audience;
  if (o.subject !== undefined) j.subject = o.subject;
  if (o.typ !== undefined) j.typ = o.typ;
  if (o.maxTokenAgeSec !== undefined) j.maxTokenAge = o.maxTokenAgeSec;
  if (o.requiredClaims !== undefined) j.requiredClaims = o.requiredClaims;
  return j;
}

/** jose's error → the authsmith code(s) it corresponds to. */
function expectedCodes(e) {
  switch (e.code) {
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED": return ["ERR_SIGNATURE_MISMATCH"];
    case "ERR_JOSE_ALG_NOT_ALLOWED": return ["ERR_JWT_ALG_NOT_ALLOWED"];
    case "ERR_JOSE_NOT_SUPPORTED": return ["ERR_JWT_MALFORMED", "ERR_JWT_ALG_NOT_ALLOWED"];
    case "ERR_JWS_INVALID": case "ERR_JWT_INVALID": return ["ERR_JWT_MALFORMED"];
    // jose says JWTExpired for an `iat` older than maxTokenAge too
    case "ERR_JWT_EXPIRED": return e.claim === "iat" ? ["ERR_JWT_CLAIM_INVALID"] : ["ERR_JWT_EXPIRED"];
    case "ERR_JWT_CLAIM_VALIDATION_FAILED": return e.claim === "nbf" && e.reason === "check_failed" ? ["ERR_JWT_NOT_YET_VALID"] : ["ERR_JWT_CLAIM_INVALID"];
    default: return [`(jose ${e.code ?? e.name}: ${e.message})`];
  }
}

async function compare(c) {
  let mine, theirs, myErr, theirErr;
  try { mine = lib.verifyJwt(c.token, c.key, c.o); } catch (e) { myErr = e; }
  try { theirs = await jose.jwtVerify(c.token, c.key, joseOptions(c.o)); } catch (e) { theirErr = e; }
  if (myErr && myErr.name !== "AuthsmithError") throw myErr; // a misuse error would be a test bug
  if (!myErr && !theirErr) {
    assert.deepStrictEqual(mine.payload, theirs.payload);
    assert.deepStrictEqual(mine.header, theirs.protectedHeader);
    // -0 survives in both (deepStrictEqual uses Object.is)
    return { decision: "accept" };
  }
  if (myErr && theirErr) {
    const want = expectedCodes(theirErr);
    const codeOk = want.includes(myErr.code);
    const claimOk = !codeOk || !myErr.claim || !theirErr.claim || myErr.claim === theirErr.claim;
    return { decision: "reject", codeOk, claimOk, detail: `${myErr.code}/${myErr.claim} vs jose ${theirErr.code}/${theirErr.claim}` };
  }
  return { decision: "disagree", detail: myErr ? `authsmith ${myErr.code} (${myErr.message}), jose accepts` : `jose ${theirErr.code} (${theirErr.message}), authsmith accepts` };
}

test(`verifyJwt agrees with jose on ${N} random tokens, claims and tolerances (seed ${SEED})`, async () => {
  const g = makeGen(prng(SEED));
  const tally = { accept: 0, reject: 0 };
  const disagreements = [], codeDiffs = [], claimDiffs = [];
  for (let i = 0; i < N; i++) {
    const c = makeCase(g);
    const r = await compare(c);
    if (r.decision === "disagree") disagreements.push({ i, token: c.token, o: c.o, detail: r.detail });
    else tally[r.decision]++;
    if (r.decision === "reject" && !r.codeOk) codeDiffs.push({ i, detail: r.detail });
    if (r.decision === "reject" && !r.claimOk) claimDiffs.push({ i, detail: r.detail });
    // decodeJwt reads exactly what jose's decodeJwt reads
    if (r.decision !== "disagree" && !c.token.endsWith(".")) {
      let d, jd;
      try { d = lib.decodeJwt(c.token).payload; } catch { d = "error"; }
      try { jd = jose.decodeJwt(c.token); } catch { jd = "error"; }
      assert.deepStrictEqual(d, jd, `decodeJwt case ${i}`);
    }
  }
  if (process.env.JWT_DIFF_SHOW) console.log(claimDiffs.slice(0, 8));
  console.log(`jwt differential: ${N} cases, ${tally.accept} accepted by both, ${tally.reject} rejected by both, ${disagreements.length} disagreements, ${codeDiffs.length} error-kind differences, ${claimDiffs.length} claim-name differences`);
  assert.deepEqual(disagreements.slice(0, 5), [], `${disagreements.length} disagreements`);
  assert.deepEqual(codeDiffs.slice(0, 5), [], `${codeDiffs.length} error-kind differences`);
  assert.deepEqual(claimDiffs.slice(0, 5), [], `${claimDiffs.length} claim-name differences`);
  assert.ok(tally.accept > N / 5 && tally.reject > N / 5, JSON.stringify(tally));
});

test("sub-second now: authsmith compares in ms, jose truncates now to whole seconds (RFC 7519 §4.1.4)", async () => {
  const g = makeGen(prng(SEED + 1));
  let n = 0, diff = 0;
  for (let i = 0; i < 2000; i++) {
    const c = makeCase(g);
    c.o.now += 1 + g.int(999);
    const r = await compare(c);
    n++;
    if (r.decision !== "disagree") continue;
    diff++;
    // every disagreement disappears at the whole second jose uses, and authsmith is the
    // stricter one: the token's exp (fractional) has passed by then at ms precision, or
    // its iat is more than maxTokenAge old by a fraction of a second
    const whole = { ...c, o: { ...c.o, now: Math.floor(c.o.now / 1000) * 1000 } };
    assert.equal((await compare(whole)).decision === "disagree", false, r.detail);
    assert.match(r.detail, /^authsmith ERR_JWT_(EXPIRED|CLAIM_INVALID) .*jose accepts$/, r.detail);
  }
  // the case that shows it: exp = S + 0.5, now = S s + 700 ms
  const key = Buffer.alloc(32, 3);
  const token = signText(b64url('{"alg":"HS256"}'), b64url('{"exp":1700000000.5}'), key);
  await jose.jwtVerify(token, key, { algorithms: ["HS256"], currentDate: new Date(1700000000700) });
  assert.throws(() => lib.verifyJwt(token, key, { algorithms: ["HS256"], now: 1700000000700 }), { code: "ERR_JWT_EXPIRED" });
  assert.ok(lib.verifyJwt(token, key, { algorithms: ["HS256"], now: 1700000000499 }));
  console.log(`jwt differential (sub-second now): ${n} cases, ${diff} disagreements, each one authsmith refusing within the second jose truncates`);
});

/** Sign `header.payload` text with HS256 under `key`. */
const signText = (header, payload, key) => {
  const input = `${header}.${payload}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
};

test("deliberate differences: authsmith refuses, jose accepts, each decided by an RFC", async () => {
  const key = Buffer.alloc(32, 9);
  const now = 1700000000000;
  const h = b64url('{"alg":"HS256"}');
  const cases = [
    // RFC 7519 §4: duplicate claim names MUST be rejected or the last taken; authsmith rejects
    ["duplicate claim (RFC 7519 §4, RFC 7515 §5.2)", signText(h, b64url('{"sub":"a","sub":"admin"}'), key)],
    ["duplicate nested key (RFC 8259 §4: names SHOULD be unique)", signText(h, b64url('{"x":{"role":"u","role":"admin"}}'), key)],
    ["duplicate header parameter (RFC 7515 §5.2)", signText(b64url('{"alg":"HS256","alg":"HS256"}'), b64url("{}"), key)],
    // RFC 7515 §2: base64url with all trailing '=' omitted and no whitespace or other characters
    ["padded segment (RFC 7515 §2)", signText(h, b64url("{}") + "=", key)],
    ["whitespace in a segment (RFC 7515 §2)", signText(h, "e3 0", key)],
    ["non-canonical trailing bits (RFC 7515 §2 / RFC 4648 §3.5)", signText(h, "e31", key)],
    // RFC 7515 §4.1.11: crit lists extensions that must be understood; authsmith implements none (not RFC 7797 b64)
    ["crit: [\"b64\"] (RFC 7515 §4.1.11, RFC 7797 not implemented)", signText(b64url('{"alg":"HS256","crit":["b64"],"b64":true}'), b64url("{}"), key)],
    // RFC 8259 §8.1: a BOM MAY be ignored; authsmith does not read one
    ["byte-order mark before the claims set (RFC 8259 §8.1)", signText(h, Buffer.from("\ufeff{}").toString("base64url"), key)],
    // RFC 8259 §8.2: lone surrogates make strings unpredictable across parsers; refused
    ["lone surrogate escape (RFC 8259 §8.2)", signText(h, b64url('{"s":"\\ud800"}'), key)],
    // authsmith's nesting bound (64)
    ["nesting deeper than 64 (RFC 8259 §9 allows a limit)", signText(h, b64url(`{"a":${"[".repeat(70)}${"]".repeat(70)}}`), key)],
  ];
  for (const [name, token] of cases) {
    await jose.jwtVerify(token, key, { algorithms: ["HS256"], currentDate: new Date(now) }); // jose accepts
    assert.throws(() => lib.verifyJwt(token, key, { algorithms: ["HS256"], now }), { code: "ERR_JWT_MALFORMED" }, name);
  }
  console.log(`jwt differential (deliberate): ${cases.length} listed differences, each refused by authsmith with ERR_JWT_MALFORMED and accepted by jose`);
});

test("signJwt ⇄ jose: tokens signed by either verify in the other, to the same claims (2000 random payloads)", async () => {
  const g = makeGen(prng(SEED + 2));
  for (let i = 0; i < 2000; i++) {
    const alg = g.pick(ALGS);
    const key = new Uint8Array(MIN[alg] + g.int(32)).map(() => g.int(256));
    const payload = JSON.parse(`{"p":${g.jsonText()},"sub":${JSON.stringify(g.str())}}`);
    const now = (1700000000 + g.int(100000)) * 1000 + g.int(1000);
    const ttl = 1 + g.int(3600);
    // ours → jose
    const mine = lib.signJwt(payload, key, { alg, now, expiresInSec: ttl, header: { kid: "k" } });
    const r = await jose.jwtVerify(mine, key, { algorithms: [alg], currentDate: new Date(now) });
    assert.deepStrictEqual(r.payload, { ...JSON.parse(JSON.stringify(payload)), iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + ttl });
    assert.deepStrictEqual(r.protectedHeader, { alg, typ: "JWT", kid: "k" });
    // jose → ours
    const theirs = await new jose.SignJWT(payload).setProtectedHeader({ alg }).setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + ttl).sign(key);
    const v = lib.verifyJwt(theirs, key, { algorithms: [alg], now });
    assert.deepStrictEqual(v.payload, (await jose.jwtVerify(theirs, key, { algorithms: [alg], currentDate: new Date(now) })).payload);
    // and both expire at the same second
    assert.throws(() => lib.verifyJwt(theirs, key, { algorithms: [alg], now: (Math.floor(now / 1000) + ttl) * 1000 }), { code: "ERR_JWT_EXPIRED" });
    await assert.rejects(jose.jwtVerify(theirs, key, { algorithms: [alg], currentDate: new Date((Math.floor(now / 1000) + ttl) * 1000) }), { code: "ERR_JWT_EXPIRED" });
  }
});

test("deliberate differences the other way round or in claims: exact decimal NumericDates, ASCII media types", async () => {
  const key = Buffer.alloc(32, 5);
  const h = b64url('{"alg":"HS256"}');
  const now = 1700000000000;
  // RFC 7519 §2 / RFC 8259 §6: a NumericDate is a JSON number; authsmith compares its
  // decimal value exactly, jose its nearest f64 (here exactly 1700000000: expired at now)
  const precise = signText(h, b64url('{"exp":1700000000.00000000000000001}'), key);
  assert.ok(lib.verifyJwt(precise, key, { algorithms: ["HS256"], now }));
  await assert.rejects(jose.jwtVerify(precise, key, { algorithms: ["HS256"], currentDate: new Date(now) }), { code: "ERR_JWT_EXPIRED" });
  // RFC 6838 §4.2: media type names are ASCII; authsmith folds ASCII letters only
  const typ = signText(b64url('{"alg":"HS256","typ":"JW\u0164"}'), b64url("{}"), key);
  await jose.jwtVerify(typ, key, { algorithms: ["HS256"], currentDate: new Date(now), typ: "jw\u0165" });
  assert.throws(() => lib.verifyJwt(typ, key, { algorithms: ["HS256"], now, typ: "jw\u0165" }), { code: "ERR_JWT_CLAIM_INVALID", claim: "typ" });
});
