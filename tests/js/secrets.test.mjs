// Secrets never leak: (1) no error message the package produces, for a table of bad
// inputs that carry a planted secret in every secret position (and in misplaced
// positions: a secret passed as an encoding, a scheme name, a mode…), contains the secret
// or a recognisable encoding of it; (2) after the calls (successes and failures) and after
// every secret-holding object is freed, wasm linear memory holds no copy of the secret:
// not as is, not XORed with HMAC's ipad/opad (the padded key), not as the base64 a Basic
// header carries. The global allocator of the wasm build wipes every freed block
// (crates/wasm-common/src/zeroing.rs); this test fails if a copy survives anywhere in memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/testing/index.js";
import { ENC, SECRET, forms, secretLike } from "./helpers/planted-secret.mjs";


/** [label, call, secret] — every call must throw; its message must not hold the secret. */
function table() {
  const rows = [];
  const add = (label, fn, secret) => rows.push([label, fn, secret]);
  const s = SECRET;
  const now = 1_700_000_000_000;
  // Request authorization.
  add("basicAuth(user with ':')", () => lib.basicAuth("a:b", s), s);
  add("basicAuth(password with a control char)", () => lib.basicAuth("u", s + "\n"), s);
  add("basicAuth(user with a control char)", () => lib.basicAuth(s + "\u0007", "p"), s);
  add("parseBasicAuth(not base64)", () => lib.parseBasicAuth("Basic " + s + "!!"), s);
  add("parseBasicAuth(no colon)", () => lib.parseBasicAuth("Basic " + Buffer.from(s).toString("base64")), s);
  add("parseBasicAuth(wrong scheme)", () => lib.parseBasicAuth("Bearer " + s), s);
  add("bearerAuth(space in token)", () => lib.bearerAuth(s + " x"), s);
  add("parseBearerAuth(bad token)", () => lib.parseBearerAuth("Bearer " + s + "\u0000"), s);
  add("parseBearerAuth(wrong scheme)", () => lib.parseBearerAuth("Basic " + s), s);
  add("hmacSignatureHeaders(bad encoding)", () => lib.hmacSignatureHeaders(s, { encoding: "nope" }), s);
  add("hmacSignatureHeaders(secret as encoding)", () => lib.hmacSignatureHeaders("k", { encoding: s }), s);
  for (const [type, auth] of [
    ["basic", { type: "basic", username: "u", password: s }],
    ["bearer", { type: "bearer", token: s }],
    ["apiKey", { type: "apiKey", name: "X-Key", value: s }],
    ["tedee", { type: "tedee", token: s }],
    ["hmac", { type: "hmac", secret: s }],
    ["oauth2", { type: "oauth2", tokenSet: { accessToken: s, tokenType: "Bearer" } }],
  ]) {
    add(`applyAuth(${type}, bad url)`, () => lib.applyAuth({ url: "http://h/\r\n" }, auth), s);
    add(`applyAuth(${type}, unknown key)`, () => lib.applyAuth({ url: "https://h/" }, { ...auth, extra: 1 }), s);
  }
  add("applyAuth(bearer, bad token)", () => lib.applyAuth({ url: "https://h/" }, { type: "bearer", token: s + " " }), s);
  add("applyAuth(oauth2, expired)", () => lib.applyAuth({ url: "https://h/" }, { type: "oauth2", tokenSet: { accessToken: s, tokenType: "Bearer", expiresAt: 1 } }, { now }), s);
  add("applyAuth(oauth2, odd token type)", () => lib.applyAuth({ url: "https://h/" }, { type: "oauth2", tokenSet: { accessToken: s, tokenType: "MAC" } }), s);
  add("applyAuth(secret as type)", () => lib.applyAuth({ url: "https://h/" }, { type: s }), s);
  add("applyAuth(apiKey, bad name)", () => lib.applyAuth({ url: "https://h/" }, { type: "apiKey", name: "X Key", value: s }), s);
  add("applyAuth(apiKey, value with CRLF)", () => lib.applyAuth({ url: "https://h/" }, { type: "apiKey", name: "X-Key", value: s + "\r\nX: y" }), s);
  // Primitives.
  add("hmacSha256(secret as encoding)", () => lib.hmacSha256("k", "d", s), s);
  add("hmacSha256(key, bad data type)", () => lib.hmacSha256(s, 5), s);
  add("Hmac(secret).sign(bad encoding)", () => new lib.Hmac(s).sign("d", "nope"), s);
  add("Hmac(secret).verify(number)", () => new lib.Hmac(s).verify(5), s);
  add("randomToken(secret as encoding)", () => lib.randomToken(32, s), s);
  // Tedee.
  add("tedeeApiKey(secret as mode)", () => lib.tedeeApiKey("t", { mode: s }), s);
  add("tedeeApiKey(bad timestamp)", () => lib.tedeeApiKey(s, { timestamp: -1 }), s);
  add("verifyTedeeApiKey(malformed key)", () => lib.verifyTedeeApiKey(s, s), s);
  add("verifyTedeeApiKey(key of the secret)", () => lib.verifyTedeeApiKey("other", lib.tedeeApiKey(s, { timestamp: now }), { now }), s);
  add("verifyTedeeApiKey(too old)", () => lib.verifyTedeeApiKey(s, lib.tedeeApiKey(s, { timestamp: now }), { now: now + 3_600_000 }), s);
  add("TedeeVerifier.verify(wrong)", () => new lib.TedeeVerifier(s).verify("0".repeat(64) + now, now), s);
  add("TedeeVerifier(plain).verify(wrong)", () => new lib.TedeeVerifier(s, { mode: "plain" }).verify(s + "x", now), s);
  add("TedeeKeyGenerator(secret as mode)", () => new lib.TedeeKeyGenerator("t", { mode: s }), s);
  // Webhooks, every scheme.
  const whsec = "whsec_" + Buffer.from(s).toString("base64");
  for (const scheme of ["mes", "github", "stripe", "slack", "shopify", "standard", "svix", { header: "X-Sig", encoding: "hex" }]) {
    const name = typeof scheme === "string" ? scheme : "custom";
    const secret = name === "standard" || name === "svix" ? whsec : s;
    const headers = {
      "x-mes-signature": s, "x-hub-signature-256": "sha256=" + s, "stripe-signature": `t=1,v1=${s}`,
      "x-slack-signature": "v0=" + s, "x-slack-request-timestamp": "1", "x-shopify-hmac-sha256": s,
      "webhook-id": "m", "webhook-timestamp": "1", "webhook-signature": "v1," + s,
      "svix-id": "m", "svix-timestamp": "1", "svix-signature": "v1," + s, "x-sig": s,
    };
    add(`verifyWebhook(${name}, secret as signature)`, () => lib.verifyWebhook(scheme, { secret, payload: "{}", headers, now: 1000 }), s);
    const good = lib.signWebhook(scheme, { secret, payload: "{}", timestamp: 1, id: "m" });
    add(`verifyWebhook(${name}, wrong secret)`, () => lib.verifyWebhook(scheme, { secret: "x" + secret, payload: "{}", headers: good, now: 1000 }), s);
    add(`verifyWebhook(${name}, too old)`, () => {
      if (name === "mes" || name === "github" || name === "shopify" || name === "custom") throw new Error("no timestamp");
      lib.verifyWebhook(scheme, { secret, payload: "{}", headers: good, now: 1e12 });
    }, s);
    add(`createWebhookVerifier(${name}, secret as signature)`, () => lib.createWebhookVerifier(scheme, { secret, headers, now: 1000 }).verify(), s);
  }
  add("verifyWebhook(secret as scheme)", () => lib.verifyWebhook(s, { secret: s, payload: "", headers: {} }), s);
  add("signWebhook(standard, bad base64 secret)", () => lib.signWebhook("standard", { secret: "whsec_" + s + "!", payload: "" }), s);
  add("signWebhook(svix, bad base64 secret)", () => lib.signWebhook("svix", { secret: s + "%%", payload: "" }), s);
  add("verifyWebhook(parsed body)", () => lib.verifyWebhook("github", { secret: s, payload: { a: s }, headers: {} }), s);
  add("verifyWebhook(secret in header name)", () => lib.verifyWebhook("github", { secret: "k", payload: "", headers: { [s + " x"]: "1" } }), null);
  // OAuth.
  add("clientSecretBasic(control char)", () => lib.clientSecretBasic("id", s + "\u0001"), s);
  add("clientSecretBasic(secret as id with ':')", () => lib.clientSecretBasic(s + "\n", "x"), s);
  const client = { endpoint: "https://as.example/token", clientId: "id", clientSecret: s };
  add("tokenRequest(bad endpoint)", () => lib.tokenRequest({ type: "client_credentials" }, { ...client, endpoint: "http://as.example/" + s }), null);
  add("tokenRequest(secret as auth method)", () => lib.tokenRequest({ type: "client_credentials" }, { ...client, auth: s }), s);
  add("tokenRequest(refresh token with LF)", () => lib.tokenRequest({ type: "refresh_token", refreshToken: s + "\n" }, client), s);
  add("tokenRequest(code with CR)", () => lib.tokenRequest({ type: "authorization_code", code: s + "\r", redirectUri: "https://app/cb" }, client), s);
  add("tokenRequest(bad verifier)", () => lib.tokenRequest({ type: "authorization_code", code: "c", redirectUri: "https://app/cb", codeVerifier: s + "!" }, client), s);
  add("tokenRequest(secret with control char)", () => lib.tokenRequest({ type: "client_credentials" }, { ...client, clientSecret: s + "\u0000" }), s);
  add("parseTokenResponse(token_type number)", () => lib.parseTokenResponse(`{"access_token":"${s}","token_type":5}`), s);
  add("parseTokenResponse(no token_type)", () => lib.parseTokenResponse(`{"access_token":"${s}","refresh_token":"${s}"}`), s);
  add("parseTokenResponse(bad refresh)", () => lib.parseTokenResponse(`{"access_token":"a","token_type":"Bearer","refresh_token":"${s}\\n"}`), s);
  add("parseTokenResponse(bad access token)", () => lib.parseTokenResponse(`{"access_token":"${s}\\u0000","token_type":"Bearer"}`), s);
  add("parseTokenResponse(duplicate key)", () => lib.parseTokenResponse(`{"access_token":"${s}","access_token":"${s}"}`), s);
  add("parseTokenResponse(truncated JSON)", () => lib.parseTokenResponse(`{"access_token":"${s}`), s);
  add("parseTokenResponse(object, bad expires)", () => lib.parseTokenResponse({ access_token: s, token_type: "Bearer", expires_in: -1 }), s);
  add("parseTokenResponse(error + token)", () => lib.parseTokenResponse({ error: "invalid_grant", access_token: s }), s);
  add("needsRefresh(bad token set)", () => lib.needsRefresh({ accessToken: s, tokenType: "Bearer", expiresAt: -1 }), s);
  add("pkceChallenge(bad verifier)", () => lib.pkceChallenge(s + "!!!!!!!!!!"), s);
  add("authorizationUrl(bad redirect)", () => lib.authorizationUrl({ endpoint: "https://as/a", clientId: "c", redirectUri: "javascript:" + s, state: "st" }), null);
  // The authorization code is a secret: no callback error message holds it (nor either state).
  const cb = "https://app.example/cb";
  add("parseAuthorizationCallback(wrong state)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}&state=other`, { state: "st" }), s);
  add("parseAuthorizationCallback(no state)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}`, { state: "st" }), s);
  add("parseAuthorizationCallback(code with LF)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}%0A&state=st`, { state: "st" }), s);
  add("parseAuthorizationCallback(code not ASCII)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}%C3%A9&state=st`, { state: "st" }), s);
  add("parseAuthorizationCallback(code twice)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}&code=${s}&state=st`, { state: "st" }), s);
  add("parseAuthorizationCallback(issuer missing)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}&state=st`, { state: "st", issuer: "https://as.example" }), s);
  add("parseAuthorizationCallback(issuer differs)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}&state=st&iss=https%3A%2F%2Fevil`, { state: "st", issuer: "https://as.example" }), s);
  add("parseAuthorizationCallback(error next to the code)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}&state=st&error=server_error`, { state: "st" }), s);
  add("parseAuthorizationCallback(code in the fragment)", () => lib.parseAuthorizationCallback(`${cb}?state=st#code=${s}`, { state: "st" }), s);
  add("parseAuthorizationCallback(code with a space in the URL)", () => lib.parseAuthorizationCallback(`${cb}?code=${s} &state=st`, { state: "st" }), s);
  add("parseAuthorizationCallback(secret as the callback's state)", () => lib.parseAuthorizationCallback(`${cb}?code=c&state=${s}`, { state: "st" }), s);
  add("parseAuthorizationCallback(secret as the expected state)", () => lib.parseAuthorizationCallback(`${cb}?code=c&state=st`, { state: s }), s);
  add("parseAuthorizationCallback(secret as an invalid expected state)", () => lib.parseAuthorizationCallback(`${cb}?code=c&state=st`, { state: s + "\n" }), s);
  add("parseAuthorizationCallback(options typo)", () => lib.parseAuthorizationCallback(`${cb}?code=${s}&state=st`, { state: "st", isuser: "x" }), s);
  add("tokenRequest(extra sets client_secret)", () => lib.tokenRequest({ type: "client_credentials", extra: { client_secret: s } }, client), s);
  add("tokenRequest(extra value not a string, code is the secret)", () => lib.tokenRequest({ type: "authorization_code", code: s, redirectUri: "https://app/cb", extra: { resource: 5 } }, client), s);
  add("tokenRequest(extra value with lone surrogate)", () => lib.tokenRequest({ type: "client_credentials", extra: { client_assertion: s + "\uD800" } }, client), s);
  add("tokenRequest(extra repeated via code's bad value)", () => lib.tokenRequest({ type: "authorization_code", code: s + "\n", redirectUri: "https://app/cb", extra: { resource: "r" } }, client), s);
  add("authorizationUrl(secret as state with space)", () => lib.authorizationUrl({ endpoint: "https://as/a", clientId: "c", redirectUri: "https://app/cb", state: s + "\n" }), s);
  // JWT: the key in every position, and as a token or claim where it does not belong.
  const tok = lib.signJwt({ sub: "u" }, s, { now, expiresInSec: 60 });
  add("signJwt(key as alg)", () => lib.signJwt({}, "k".repeat(32), { alg: s }), s);
  add("signJwt(short key variant: secret as header alg)", () => lib.signJwt({}, s, { header: { alg: s } }), s);
  add("verifyJwt(wrong key)", () => lib.verifyJwt(tok, s + "x", { algorithms: ["HS256"], now }), s);
  add("verifyJwt(secret as token)", () => lib.verifyJwt(s, s, { algorithms: ["HS256"], now }), s);
  add("verifyJwt(secret as algorithm)", () => lib.verifyJwt(tok, s, { algorithms: [s], now }), s);
  add("verifyJwt(expired, secret as issuer)", () => lib.verifyJwt(tok, s, { algorithms: ["HS256"], now: now + 61_000, issuer: s }), s);
  add("verifyJwt(secret as required claim)", () => lib.verifyJwt(tok, s, { algorithms: ["HS256"], now, requiredClaims: ["x"], subject: s }), s);
  add("decodeJwt(secret as token)", () => lib.decodeJwt(`${s}.${s}.${s}`), s);
  add("needsRefresh(useJwtExp, opaque secret token)", () => lib.needsRefresh({ accessToken: s, tokenType: "Bearer" }, { useJwtExp: true }), s);
  return rows;
}

test("no error message contains a planted secret (or its base64/hex)", () => {
  const rows = table();
  assert.ok(rows.length >= 80, `${rows.length} cases`);
  let checked = 0;
  const problems = [];
  for (const [label, fn, secret] of rows) {
    let error;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    if (!error) {
      problems.push(`${label}: expected an error`);
      continue;
    }
    if (error.message === "no timestamp") continue;
    assert.ok(error instanceof Error, `${label}: not an Error`);
    if (secret === null) continue; // the secret is in a URL or header name the message may name
    const text = `${error.message}\n${error.code ?? ""}\n${String(error.stack).split("\n")[0]}`;
    for (const [form, bytes] of forms(secret)) {
      if (form.startsWith("K^")) continue; // binary forms: only in memory
      if (text.includes(bytes.toString())) problems.push(`${label}: message holds the secret (${form}): ${error.message}`);
    }
    if (text.includes(secret.slice(0, 12))) problems.push(`${label}: message holds part of the secret: ${error.message}`);
    checked++;
  }
  assert.deepEqual(problems, []);
  console.log(`checked ${checked} error messages (${rows.length} cases)`);
});

function scan(label) {
  const mem = Buffer.from(lib.__wasmMemory().buffer);
  const hits = [];
  for (let i = 0; i < 16; i++) {
    for (const [form, bytes] of forms(secretLike(i))) {
      const at = mem.indexOf(bytes);
      if (at >= 0) hits.push(`${label}: ${form} of secret #${i} at offset ${at} (of ${mem.length})`);
    }
  }
  return hits;
}

test("wasm memory holds no copy of a secret after use (freed objects, finished calls)", () => {
  assert.equal(typeof lib.__wasmMemory, "function");
  assert.ok(lib.__wasmMemory().buffer.byteLength > 0);
  // The scan itself must be able to fail: a live object that keeps a token does show it.
  const keep = new lib.TedeeVerifier(secretLike(11), { mode: "plain" });
  assert.ok(scan("probe").some((h) => h.includes("raw of secret #11")), "the scan found the live token");
  keep.free();
  assert.deepEqual(scan("after free"), []);

  const now = 1_700_000_000_000;
  const runs = [
    ["hmacSha256", (s) => { lib.hmacSha256(s, "data"); lib.hmacSha256(ENC.encode(s), ENC.encode("data"), "base64"); }],
    ["hmacSha256Bytes", (s) => lib.hmacSha256Bytes(s, "x".repeat(100_000))],
    ["Hmac", (s) => { const h = new lib.Hmac(s); h.sign("a"); h.update("b").verify("00"); h.free(); }],
    ["timingSafeEqual", (s) => lib.timingSafeEqual(s, s)],
    ["tedee", (s) => {
      const k = lib.tedeeApiKey(s, { timestamp: now });
      lib.tedeeApiKey(s, { mode: "plain" });
      lib.verifyTedeeApiKey(s, k, { now });
      const g = new lib.TedeeKeyGenerator(s); g.next(now); g.free();
      const v = new lib.TedeeVerifier(s); v.verify(k, now); v.free();
    }],
    ["basic/bearer", (s) => {
      const h = lib.basicAuth("user", s);
      lib.parseBasicAuth(h);
      lib.parseBearerAuth(lib.bearerAuth(s));
      lib.hmacSignatureHeaders(s, { timestamp: 1 });
    }],
    ["applyAuth", (s) => {
      lib.applyAuth({ url: "https://h/p" }, { type: "basic", username: "u", password: s });
      lib.applyAuth({ url: "https://h/p" }, { type: "apiKey", name: "k", value: s, in: "query" });
      lib.applyAuth({ url: "https://h/p" }, { type: "tedee", token: s });
      lib.applyAuth({ url: "https://h/p" }, { type: "hmac", secret: s });
      lib.applyAuth({ url: "https://h/p" }, { type: "oauth2", tokenSet: { accessToken: s, tokenType: "Bearer" } });
    }],
    ["webhooks", (s) => {
      for (const scheme of ["mes", "github", "stripe", "slack", "shopify"]) {
        const headers = lib.signWebhook(scheme, { secret: s, payload: "{}", timestamp: 1 });
        lib.verifyWebhook(scheme, { secret: [s, "other"], payload: "{}", headers, now: 1000 });
        const v = lib.createWebhookVerifier(scheme, { secret: s, headers, now: 1000 });
        v.update("{}");
        v.verify();
      }
      const whsec = "whsec_" + Buffer.from(s).toString("base64");
      const h = lib.signWebhook("standard", { secret: whsec, payload: "{}", timestamp: 1, id: "m" });
      lib.verifyWebhook("standard", { secret: whsec, payload: "{}", headers: h, now: 1000 });
    }],
    ["oauth", (s) => {
      const client = { endpoint: "https://as.example/token", clientId: "id", clientSecret: s };
      lib.tokenRequest({ type: "client_credentials" }, client);
      lib.tokenRequest({ type: "refresh_token", refreshToken: s }, { ...client, auth: "client_secret_post" });
      lib.clientSecretBasic("id", s);
      const t = lib.parseTokenResponse(`{"access_token":"${s}","token_type":"Bearer","refresh_token":"${s}"}`);
      lib.needsRefresh(t);
      lib.parseTokenResponse({ access_token: s, token_type: "Bearer" });
      lib.tokenRequest({ type: "client_credentials", extra: { client_assertion: s, audience: "https://api" } }, { ...client, format: "json" });
      lib.tokenRequest({ type: "authorization_code", code: s, redirectUri: "https://app/cb", extra: { resource: "https://api" } }, { ...client, auth: "client_secret_post" });
    }],
    ["callback", (s) => {
      const cb = lib.parseAuthorizationCallback(`https://app.example/cb?code=${s}&state=st&iss=https%3A%2F%2Fas.example`, { state: "st", issuer: "https://as.example" });
      assert.equal(cb.code, s);
      lib.parseAuthorizationCallback(`/cb?state=st&code=${encodeURIComponent(s)}`, { state: "st" });
      for (const bad of [`?code=${s}&state=x`, `?code=${s}%0A&state=st`, `?code=${s}&code=${s}&state=st`, `?code=${s}&state=st&error=access_denied`]) {
        try { lib.parseAuthorizationCallback(bad, { state: "st" }); } catch { /* expected */ }
      }
      lib.parseAuthorizationCallback(`?code=c&state=${s}`, { state: s });
    }],
    ["throwing Proxy traps after a secret was read", (s) => {
      // Object.keys / getPrototypeOf that throw must come back to Rust as errors (so the
      // frames holding the secret drop and wipe it), not pass through them as exceptions
      const keysThrow = (o) => new Proxy(o, { ownKeys() { throw new Error("keys"); } });
      const protoThrows = (o) => new Proxy(o, { getPrototypeOf() { throw new Error("proto"); } });
      const client = { endpoint: "https://as.example/token", clientId: "id", clientSecret: s };
      const calls = [
        () => lib.tokenRequest(keysThrow({ type: "client_credentials" }), client),
        () => lib.tokenRequest(keysThrow({ type: "refresh_token", refreshToken: s }), { endpoint: "https://as.example/token", clientId: "id" }),
        () => lib.tokenRequest({ type: "client_credentials", extra: protoThrows({ a: "1" }) }, client),
        () => lib.applyAuth({ url: "https://h/", headers: keysThrow({ a: "1" }) }, { type: "basic", username: "u", password: s }),
        () => lib.applyAuth({ url: "https://h/", headers: protoThrows({ a: "1" }) }, { type: "bearer", token: s }),
        () => lib.redact(protoThrows({ authorization: `Bearer ${s}` })),
        () => lib.parseTokenResponse(keysThrow({ access_token: s, token_type: "Bearer" })),
      ];
      for (const f of calls) {
        assert.throws(f, /keys|proto/);
      }
    }],
    ["jwt", (s) => {
      for (const alg of ["HS256", "HS384", "HS512"]) {
        const key = s.repeat(2);
        const t = lib.signJwt({ sub: "u" }, key, { alg, expiresInSec: 60 });
        lib.verifyJwt(t, [ENC.encode("other-key"), key], { algorithms: [alg] });
        try { lib.verifyJwt(t, ENC.encode(s), { algorithms: [alg] }); } catch { /* mismatch */ }
      }
    }],
    ["redact", (s) => {
      lib.redact(`Authorization: Bearer ${s}`);
      lib.redact({ authorization: `Basic ${s}`, cookie: `sid=${s}` });
      lib.redact(`https://h/cb?access_token=${s}`);
    }],
    ["errors", (s) => {
      for (const [, fn] of table()) {
        try { fn(); } catch { /* expected */ }
      }
      void s;
    }],
  ];
  const hits = [];
  runs.forEach(([label, run], i) => {
    run(secretLike(i));
    hits.push(...scan(label));
  });
  assert.deepEqual(hits, [], `copies of secrets left in wasm memory:\n${hits.join("\n")}`);
  console.log(`scanned ${lib.__wasmMemory().buffer.byteLength} bytes of wasm memory after ${runs.length} groups of calls: no copy of any secret`);
});
