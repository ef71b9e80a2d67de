// Hostile inputs across every exported function (issue 10): wrong types, getters and
// Proxies that throw, `__proto__` keys and prototype pollution, long inputs (up to 16 MiB
// here; the 256 MiB cases are Node-only in tests/js/hostile-node.test.mjs), Unicode edge
// cases, header injection, numeric edge cases and wrong schemes. Each case must give its
// documented result (an error of the given kind/code, or a checked value), and the module
// must still answer a valid call right after (the same function, with known output).
import { deepEqual, equal, ok, throws } from "./assert.mjs";

const T = "BE9xnPnGfVUS";
const DOC_KEY = "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";
const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const MAC_KEY_ABC = "9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab"; // HMAC("key", "abc")
const GH_SECRET = "It's a Secret to Everybody";
const GH_BODY = "Hello, World!";
const GH_SIG = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
const TE = { name: "TypeError" }, RE = { name: "RangeError" };
const code = (c) => ({ name: "AuthsmithError", code: c });
const boom = (what = "boom") => ({ name: "Error", message: new RegExp(what) });
const MiB = 1024 * 1024;
// RFC 7515 A.1 (= RFC 7519 §3.1's example)
const JWT_A1 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const JWT_A1_KEY = Uint8Array.from(atob("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ+EstJQLr/T+1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow=="), (c) => c.charCodeAt(0));

/** Valid calls, one per API family: each returns normally with known output. */
function valid(lib) {
  const gh = () => lib.verifyWebhook("github", { secret: GH_SECRET, payload: GH_BODY, headers: { "x-hub-signature-256": GH_SIG } });
  return {
    hash: () => equal(lib.sha256Hex("abc"), ABC),
    hmac: () => equal(lib.hmacSha256("key", "abc"), MAC_KEY_ABC),
    Hmac: () => equal(new lib.Hmac("key").sign("abc"), MAC_KEY_ABC),
    tse: () => equal(lib.timingSafeEqual("abc", "abc"), true),
    random: () => equal(lib.randomBytes(16).length, 16),
    tedee: () => equal(lib.tedeeApiKey(T, { timestamp: 1691058833000 }), DOC_KEY),
    tedeeVerify: () => equal(lib.verifyTedeeApiKey(T, DOC_KEY, { now: 1691058833000 }).timestamp, 1691058833000),
    basic: () => deepEqual(lib.parseBasicAuth(lib.basicAuth("u", "p")), { username: "u", password: "p" }),
    bearer: () => equal(lib.parseBearerAuth(lib.bearerAuth("abc")), "abc"),
    apply: () => equal(lib.applyAuth({ url: "https://h/" }, { type: "bearer", token: "t" }).headers.Authorization, "Bearer t"),
    redact: () => equal(lib.redact("Authorization: Bearer abc"), "Authorization: Bearer ****"),
    webhook: () => equal(gh().scheme, "github"),
    oauth: () => equal(lib.parseTokenResponse('{"access_token":"a","token_type":"Bearer"}').accessToken, "a"),
    pkce: () => equal(lib.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
    scopes: () => deepEqual(lib.parseScopes("a b a"), ["a", "b"]),
    callback: () => deepEqual(lib.parseAuthorizationCallback("https://app/cb?code=c&state=s", { state: "s" }), { code: "c", state: "s" }),
    jwt: () => deepEqual(lib.verifyJwt(JWT_A1, JWT_A1_KEY, { algorithms: ["HS256"], now: 1300819379000 }).payload, { iss: "joe", exp: 1300819380, "http://example.com/is_root": true }),
    tokenExtra: () => equal(lib.tokenRequest({ type: "client_credentials", extra: { audience: "a" } }, { endpoint: "https://as/t", clientId: "c", clientSecret: "s" }).body,
      "grant_type=client_credentials&audience=a"),
    www: () => equal(lib.parseWwwAuthenticate('Bearer realm="x"')[0].scheme, "Bearer"),
    rate: () => equal(lib.parseRateLimit({ "x-ratelimit-limit": "10" }).limit, 10),
  };
}

/** [label, call, expected, family] — expected is an error shape for `throws`, or a function checking the value. */
export function hostileTable(lib) {
  const rows = [];
  const add = (label, fn, exp, family) => rows.push([label, fn, exp, family]);
  const ghInput = (extra = {}) => ({ secret: GH_SECRET, payload: GH_BODY, headers: { "x-hub-signature-256": GH_SIG }, ...extra });

  // --- Wrong types, one per exported function that takes arguments.
  const sym = Symbol("s");
  add("sha256(Symbol)", () => lib.sha256(sym), TE, "hash");
  add("sha256Hex(Float64Array)", () => lib.sha256Hex(new Float64Array(2)), TE, "hash");
  add("hmacSha256Bytes(key: Date)", () => lib.hmacSha256Bytes(new Date(), "x"), TE, "hmac");
  add("timingSafeEqual(b: number[])", () => lib.timingSafeEqual("a", [97]), TE, "tse");
  add("randomToken('32')", () => lib.randomToken("32"), TE, "random");
  add("generateApiKey('sk-')", () => lib.generateApiKey("sk-"), TE, "random");
  add("generateWebhookSecret([])", () => lib.generateWebhookSecret([]), TE, "random");
  add("TedeeVerifier(token: Buffer-like object)", () => new lib.TedeeVerifier({ toString: () => T }), TE, "tedeeVerify");
  add("parseBasicAuth(String object)", () => lib.parseBasicAuth(new String("Basic dTpw")), TE, "basic");
  add("parseBearerAuth(null)", () => lib.parseBearerAuth(null), TE, "bearer");
  add("hmacSignatureHeaders(secret: 5)", () => lib.hmacSignatureHeaders(5), TE, "apply");
  add("applyAuth(request: a string URL)", () => lib.applyAuth("https://h/", { type: "none" }), TE, "apply");
  add("redact(number)", () => lib.redact(5), TE, "redact");
  add("signWebhook(input: 5)", () => lib.signWebhook("github", 5), TE, "webhook");
  add("verifyWebhook(payload: parsed object)", () => lib.verifyWebhook("github", ghInput({ payload: { hello: "world" } })), TE, "webhook");
  add("verifyWebhook(payload: DataView)", () => lib.verifyWebhook("github", ghInput({ payload: new DataView(new ArrayBuffer(1)) })), TE, "webhook");
  add("createWebhookVerifier(scheme: 5)", () => lib.createWebhookVerifier(5, {}), TE, "webhook");
  add("createPkce('64')", () => lib.createPkce("64"), TE, "pkce");
  add("pkceChallenge(number)", () => lib.pkceChallenge(5), TE, "pkce");
  add("authorizationUrl(input: 5)", () => lib.authorizationUrl(5), TE, "oauth");
  add("tokenRequest(grant: 'client_credentials')", () => lib.tokenRequest("client_credentials", {}), TE, "oauth");
  add("clientSecretBasic(clientId: 5)", () => lib.clientSecretBasic(5, "x"), TE, "oauth");
  add("parseTokenResponse(undefined)", () => lib.parseTokenResponse(undefined), TE, "oauth");
  add("needsRefresh(5)", () => lib.needsRefresh(5), TE, "oauth");
  add("parseScopes(5)", () => lib.parseScopes(5), TE, "scopes");
  add("parseAuthorizationCallback(url: Location-like object)", () => lib.parseAuthorizationCallback({ href: "https://app/cb?code=c&state=s", toString() { return this.href; } }, { state: "s" }), TE, "callback");
  add("parseAuthorizationCallback(options.state: number)", () => lib.parseAuthorizationCallback("?code=c&state=1", { state: 1 }), TE, "callback");
  add("tokenRequest(grant.extra: [[name, value]])", () => lib.tokenRequest({ type: "client_credentials", extra: [["audience", "a"]] }, { endpoint: "https://as/t", clientId: "c" }), TE, "tokenExtra");
  add("hasScopes(granted: 5)", () => lib.hasScopes(5, ["a"]), TE, "scopes");
  add("missingScopes(required: object)", () => lib.missingScopes("a", { a: 1 }), TE, "scopes");
  add("parseWwwAuthenticate(5)", () => lib.parseWwwAuthenticate(5), TE, "www");
  add("parseRateLimit('x-ratelimit-limit: 1')", () => lib.parseRateLimit("x-ratelimit-limit: 1"), TE, "rate");
  add("explainAuthFailure(401)", () => lib.explainAuthFailure(401), TE, "www");

  // --- Getters, Proxies and iterators that throw: the caller's error comes through as is.
  const getterThrows = (key) => Object.defineProperty({}, key, { enumerable: true, get() { throw new Error(`getter ${key}`); } });
  add("verifyWebhook(input.secret getter throws)", () => lib.verifyWebhook("github", Object.assign(getterThrows("secret"), { payload: "", headers: {} })), boom("getter secret"), "webhook");
  add("verifyWebhook(replayGuard: Proxy whose check getter throws)", () => lib.verifyWebhook("github", ghInput({ replayGuard: new Proxy({}, { get() { throw new Error("proxy guard"); } }) })), boom("proxy guard"), "webhook");
  add("verifyWebhook(replayGuard.check throws)", () => lib.verifyWebhook("github", ghInput({ replayGuard: { check() { throw new Error("guard says no"); } } })), boom("guard says no"), "webhook");
  add("createReplayGuard(options Proxy ownKeys throws)", () => lib.createReplayGuard(new Proxy({}, { ownKeys() { throw new Error("proxy keys"); } })), boom("proxy keys"), "webhook");
  add("ReplayGuard#check(id: 1 MiB)", () => lib.createReplayGuard().check("x".repeat(MiB)), RE, "webhook");
  add("verifyWebhook(headers Proxy get throws)", () => lib.verifyWebhook("github", ghInput({ headers: new Proxy({ a: "1" }, { get() { throw new Error("proxy get"); } }) })), boom("proxy get"), "webhook");
  add("applyAuth(auth Proxy ownKeys throws)", () => lib.applyAuth({ url: "https://h/" }, new Proxy({ type: "none" }, { ownKeys() { throw new Error("proxy keys"); } })), boom("proxy keys"), "apply");
  add("parseRateLimit(generator that throws)", () => lib.parseRateLimit((function* () { yield ["x-ratelimit-limit", "1"]; throw new Error("iter"); })()), boom("iter"), "rate");
  add("redact(Map whose entries() throws mid-way)", () => {
    const m = new Map([["a", "1"]]);
    m.entries = () => { throw new Error("entries"); };
    m[Symbol.iterator] = () => { throw new Error("entries"); };
    return lib.redact(m);
  }, boom("entries"), "redact");
  add("tokenRequest(client.clientSecret getter throws)", () => lib.tokenRequest({ type: "client_credentials" }, Object.assign(getterThrows("clientSecret"), { endpoint: "https://as/t", clientId: "c" })), boom("getter clientSecret"), "oauth");
  add("needsRefresh(tokenSet Proxy getOwnPropertyDescriptor throws)", () => lib.needsRefresh(new Proxy({ accessToken: "a", tokenType: "Bearer" }, { getOwnPropertyDescriptor() { throw new Error("gopd"); }, get() { throw new Error("gopd"); } })), boom("gopd"), "oauth");
  add("parseTokenResponse(object with throwing getter)", () => lib.parseTokenResponse(getterThrows("access_token")), boom("getter access_token"), "oauth");
  const cc = { type: "client_credentials" }, tokenClient = { endpoint: "https://as/t", clientId: "c", clientSecret: "s" };
  add("tokenRequest(grant.extra getter throws)", () => lib.tokenRequest(Object.assign(getterThrows("extra"), cc), tokenClient), boom("getter extra"), "tokenExtra");
  add("tokenRequest(grant.extra value getter throws)", () => lib.tokenRequest({ ...cc, extra: getterThrows("audience") }, tokenClient), boom("getter audience"), "tokenExtra");
  add("tokenRequest(grant.extra Proxy ownKeys throws)", () => lib.tokenRequest({ ...cc, extra: new Proxy({ a: "1" }, { ownKeys() { throw new Error("extra keys"); } }) }, tokenClient), boom("extra keys"), "tokenExtra");
  add("tokenRequest(grant.extra Proxy getPrototypeOf throws)", () => lib.tokenRequest({ ...cc, extra: new Proxy({ a: "1" }, { getPrototypeOf() { throw new Error("extra proto"); } }) }, tokenClient), boom("extra proto"), "tokenExtra");
  add("tokenRequest(grant.extra Proxy get throws, authorization_code)", () => lib.tokenRequest({ type: "authorization_code", code: "c", redirectUri: "https://app/cb", extra: new Proxy({ a: "1" }, { get() { throw new Error("extra get"); } }) }, tokenClient), boom("extra get"), "tokenExtra");
  add("tokenRequest(grant.extra: a plain Proxy is read)", () => lib.tokenRequest({ ...cc, extra: new Proxy({ audience: "a" }, {}) }, tokenClient), (v) => equal(v.body, "grant_type=client_credentials&audience=a"), "tokenExtra");
  add("parseAuthorizationCallback(options.state getter throws)", () => lib.parseAuthorizationCallback("?code=c&state=s", getterThrows("state")), boom("getter state"), "callback");
  add("parseAuthorizationCallback(options.issuer getter throws)", () => lib.parseAuthorizationCallback("?code=c&state=s", Object.assign(getterThrows("issuer"), { state: "s" })), boom("getter issuer"), "callback");
  add("parseAuthorizationCallback(options Proxy ownKeys throws)", () => lib.parseAuthorizationCallback("?code=c&state=s", new Proxy({ state: "s" }, { ownKeys() { throw new Error("cb keys"); } })), boom("cb keys"), "callback");
  add("parseAuthorizationCallback(url with a throwing toString is never converted)", () => lib.parseAuthorizationCallback({ toString() { throw new Error("called toString"); } }, { state: "s" }), TE, "callback");
  add("payload toString is never called", () => lib.verifyWebhook("github", ghInput({ payload: { toString() { throw new Error("called toString"); } } })), TE, "webhook");
  add("explainAuthFailure(headers getter throws)", () => lib.explainAuthFailure({ status: 401, get headers() { throw new Error("hget"); } }), boom("hget"), "www");
  add("explainAuthFailure(headers: methods, not strings)", () => lib.explainAuthFailure({ status: 401, headers: { get() { return "x"; } } }), TE, "www");

  // --- __proto__ keys and prototype pollution.
  add("parseTokenResponse(JSON text with a __proto__ member)", () => lib.parseTokenResponse('{"__proto__":{"access_token":"evil"},"access_token":"a","token_type":"Bearer"}'),
    (v) => { equal(v.accessToken, "a"); equal(Object.getPrototypeOf(v), Object.prototype); equal({}.access_token, undefined); }, "oauth");
  add("parseTokenResponse(JSON text: token only under __proto__)", () => lib.parseTokenResponse('{"__proto__":{"access_token":"evil","token_type":"Bearer"}}'), code("ERR_INVALID_TOKEN_RESPONSE"), "oauth");
  add("parseTokenResponse(object: token only inherited)", () => lib.parseTokenResponse(Object.create({ access_token: "evil", token_type: "Bearer" })), code("ERR_INVALID_TOKEN_RESPONSE"), "oauth");
  add("verifyWebhook(headers from JSON.parse: __proto__ object value)", () => lib.verifyWebhook("github", ghInput({ headers: JSON.parse(`{"__proto__":{"x-hub-signature-256":"${GH_SIG}"}}`) })), TE, "webhook");
  add("verifyWebhook(headers from JSON.parse: __proto__ is just a header)", () => lib.verifyWebhook("github", ghInput({ headers: JSON.parse(`{"__proto__":"${GH_SIG}"}`) })), code("ERR_MISSING_HEADER"), "webhook");
  add("verifyWebhook(signature header only on Object.prototype)", () => {
    Object.prototype["x-hub-signature-256"] = GH_SIG;
    try {
      return lib.verifyWebhook("github", ghInput({ headers: {} }));
    } finally {
      delete Object.prototype["x-hub-signature-256"];
    }
  }, code("ERR_MISSING_HEADER"), "webhook");
  add("tedeeApiKey(options with mode only on Object.prototype)", () => {
    Object.prototype.mode = "plain";
    try {
      return lib.tedeeApiKey(T, { timestamp: 1691058833000 });
    } finally {
      delete Object.prototype.mode;
    }
  }, (v) => equal(v, DOC_KEY), "tedee");
  add("applyAuth(auth.type only on a polluted Object.prototype)", () => {
    Object.prototype.type = "bearer";
    Object.prototype.token = "polluted";
    try {
      return lib.applyAuth({ url: "https://h/" }, {});
    } finally {
      delete Object.prototype.type;
      delete Object.prototype.token;
    }
  }, TE, "apply");
  add("applyAuth(auth inheriting from a defaults object is read)", () => lib.applyAuth({ url: "https://h/" }, Object.create({ type: "bearer", token: "t" })),
    (v) => equal(v.headers.Authorization, "Bearer t"), "apply");
  add("tokenRequest(grant.extra from JSON.parse with an own __proto__ key)", () => lib.tokenRequest({ type: "client_credentials", extra: JSON.parse('{"__proto__":{"audience":"evil"},"resource":"r"}') }, { endpoint: "https://as/t", clientId: "c" }), TE, "tokenExtra");
  add("tokenRequest(grant.extra: __proto__ string member is just a parameter)", () => lib.tokenRequest({ type: "client_credentials", extra: JSON.parse('{"__proto__":"p","resource":"r"}') }, { endpoint: "https://as/t", clientId: "c" }),
    (v) => { equal(v.body, "grant_type=client_credentials&client_id=c&__proto__=p&resource=r"); equal({}.resource, undefined); }, "tokenExtra");
  add("tokenRequest(extra inheriting from a non-plain prototype: a TypeError, not silently nothing)", () => lib.tokenRequest({ type: "client_credentials", extra: Object.create({ audience: "inherited" }) }, { endpoint: "https://as/t", clientId: "c" }), TE, "tokenExtra");
  add("tokenRequest(grant.extra only on a polluted Object.prototype)", () => {
    Object.prototype.extra = { audience: "polluted" };
    try {
      return lib.tokenRequest({ type: "client_credentials" }, { endpoint: "https://as/t", clientId: "c" });
    } finally {
      delete Object.prototype.extra;
    }
  }, (v) => equal(v.body, "grant_type=client_credentials&client_id=c"), "tokenExtra");
  add("parseAuthorizationCallback(options.issuer only on a polluted Object.prototype)", () => {
    Object.prototype.issuer = "https://evil.example";
    try {
      return lib.parseAuthorizationCallback("?code=c&state=s", { state: "s" });
    } finally {
      delete Object.prototype.issuer;
    }
  }, (v) => deepEqual(v, { code: "c", state: "s" }), "callback");
  add("parseAuthorizationCallback(options from JSON.parse with __proto__)", () => lib.parseAuthorizationCallback("?code=c&state=s", JSON.parse('{"__proto__":{"state":"s"}}')), TE, "callback");
  add("parseRateLimit(object with an own __proto__ key)", () => lib.parseRateLimit(JSON.parse('{"__proto__":"5","x-ratelimit-remaining":"1"}')),
    (v) => { equal(v.limit, undefined); equal(v.remaining, 1); }, "rate");

  // --- Long inputs (bounded work, no stack overflow, same answers).
  add("sha256Hex(16 MiB string)", () => lib.sha256Hex("a".repeat(16 * MiB)), (v) => equal(v.length, 64), "hash");
  add("parseTokenResponse(1 MiB of nested arrays)", () => lib.parseTokenResponse(`{"a":${"[".repeat(MiB / 2)}${"]".repeat(MiB / 2)}}`), code("ERR_INVALID_TOKEN_RESPONSE"), "oauth");
  add("parseWwwAuthenticate(1 MiB of commas)", () => lib.parseWwwAuthenticate("Bearer realm=x" + ",".repeat(MiB)), (v) => equal(v.length, 1), "www");
  add("parseBasicAuth(4 MiB header)", () => lib.parseBasicAuth("Basic " + "QUFB".repeat(MiB)), code("ERR_MALFORMED_AUTHORIZATION"), "basic");
  add("verifyWebhook(1 MiB signature header)", () => lib.verifyWebhook("stripe", { secret: "s", payload: "", headers: { "stripe-signature": "t=1," + "v1=00,".repeat(MiB / 6) } }), code("ERR_MALFORMED_SIGNATURE"), "webhook");
  add("redact(4 MiB of header lines)", () => lib.redact("Authorization: Bearer abc\n".repeat(160_000)), (v) => { ok(!v.includes("abc")); equal(v.split("\n").length, 160_001); }, "redact");
  add("verifyWebhook(33 secrets)", () => lib.verifyWebhook("github", ghInput({ secret: Array(33).fill("s") })), RE, "webhook");
  add("parseAuthorizationCallback(1 MiB query of other parameters)", () => lib.parseAuthorizationCallback("?state=s&" + "x=1&".repeat(MiB / 4) + "code=c", { state: "s" }), (v) => equal(v.code, "c"), "callback");
  add("parseAuthorizationCallback(1 MiB state)", () => lib.parseAuthorizationCallback("?code=c&state=" + "s".repeat(MiB), { state: "s" }), code("ERR_STATE_MISMATCH"), "callback");
  add("tokenRequest(100k extra parameters)", () => lib.tokenRequest({ type: "client_credentials", extra: Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`p${i}`, "v"])) }, { endpoint: "https://as/t", clientId: "c" }),
    (v) => ok(v.body.endsWith("&p99999=v")), "tokenExtra");
  const jv = { algorithms: ["HS256"], now: 1300819379000 };
  add("verifyJwt(16 MiB token)", () => lib.verifyJwt("A".repeat(16 * MiB), JWT_A1_KEY, jv), code("ERR_JWT_MALFORMED"), "jwt");
  add("decodeJwt(1 MiB of dots)", () => lib.decodeJwt(".".repeat(MiB)), code("ERR_JWT_MALFORMED"), "jwt");
  add("decodeJwt(50k-key claims set)", () => lib.decodeJwt(`e30.${btoa(JSON.stringify(Object.fromEntries(Array.from({ length: 50000 }, (_, i) => [`k${i}`, i])))).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.`),
    (v) => equal(Object.keys(v.payload).length, 50000), "jwt");
  add("decodeJwt(nested 100k deep)", () => lib.decodeJwt(`e30.${btoa("[".repeat(100000)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.`), code("ERR_JWT_MALFORMED"), "jwt");
  add("decodeJwt(__proto__ claims)", () => lib.decodeJwt(`e30.${btoa('{"__proto__":{"polluted":true}}').replace(/=+$/, "")}.`),
    (v) => { equal({}.polluted, undefined); equal(v.payload.polluted, undefined); ok(Object.hasOwn(v.payload, "__proto__")); }, "jwt");
  add("signJwt(payload getter throws)", () => lib.signJwt({ get x() { throw new Error("boom"); } }, JWT_A1_KEY, { now: 1300819379000 }), boom(), "jwt");
  add("signJwt(Proxy payload ownKeys throws)", () => lib.signJwt(new Proxy({}, { ownKeys() { throw new Error("trap"); } }), JWT_A1_KEY), boom("trap"), "jwt");
  add("verifyJwt(33 keys)", () => lib.verifyJwt(JWT_A1, Array(33).fill(JWT_A1_KEY), jv), RE, "jwt");
  add("parseScopes(100k scopes)", () => lib.parseScopes(Array.from({ length: 100000 }, (_, i) => `s${i % 1000}`).join(" ")), (v) => equal(v.length, 1000), "scopes");

  // --- Unicode edge cases.
  add("parseBasicAuth(lone surrogate)", () => lib.parseBasicAuth("Basic \uD800"), TE, "basic");
  add("pkceChallenge(lone low surrogate)", () => lib.pkceChallenge("\uDC00".repeat(43)), TE, "pkce");
  add("parseTokenResponse(text with lone surrogate)", () => lib.parseTokenResponse('{"access_token":"a\uD800","token_type":"Bearer"}'), TE, "oauth");
  add("parseTokenResponse(escaped lone surrogate)", () => lib.parseTokenResponse('{"access_token":"a\\ud800","token_type":"Bearer"}'), code("ERR_INVALID_TOKEN_RESPONSE"), "oauth");
  add("parseBearerAuth(Cyrillic 'В' in the scheme)", () => lib.parseBearerAuth("\u0412earer abc"), code("ERR_MALFORMED_AUTHORIZATION"), "bearer");
  add("bearerAuth(fullwidth letters)", () => lib.bearerAuth("ａｂｃ"), code("ERR_INVALID_CREDENTIAL"), "bearer");
  add("basicAuth(emoji, ':' in password) round trip", () => lib.parseBasicAuth(lib.basicAuth("😀é", "ü:x")), (v) => deepEqual(v, { username: "😀é", password: "ü:x" }), "basic");
  add("basicAuth(U+2028 is not a line break in HTTP: kept)", () => lib.parseBasicAuth(lib.basicAuth("u", "a\u2028b")).password, (v) => equal(v, "a\u2028b"), "basic");
  add("basicAuth(C1 control U+0085)", () => lib.basicAuth("u", "a\u0085b"), code("ERR_INVALID_CREDENTIAL"), "basic");
  add("parseTokenResponse(BOM before JSON)", () => lib.parseTokenResponse('\uFEFF{"access_token":"a","token_type":"Bearer"}'), code("ERR_INVALID_TOKEN_RESPONSE"), "oauth");
  add("tedeeApiKey(NUL in token)", () => lib.tedeeApiKey("a\u0000b", { timestamp: 1 }), code("ERR_INVALID_CREDENTIAL"), "tedee");
  add("redact(lone surrogate)", () => lib.redact("Bearer \uDBFF"), TE, "redact");
  add("parseAuthorizationCallback(percent-encoded lone surrogate: U+FFFD, as URLSearchParams)", () => lib.parseAuthorizationCallback("?code=c&state=s&iss=%ED%A0%80", { state: "s" }),
    (v) => equal(v.iss, new URLSearchParams("iss=%ED%A0%80").get("iss")), "callback");
  add("tokenRequest(extra name: lone surrogate)", () => lib.tokenRequest({ type: "client_credentials", extra: { "a\uD800": "v" } }, { endpoint: "https://as/t", clientId: "c" }), TE, "tokenExtra");
  add("sha256Hex(astral string) = sha256 of its UTF-8", () => lib.sha256Hex("😀"), (v) => equal(v, lib.sha256Hex(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]))), "hash");

  // --- Header injection.
  add("applyAuth(apiKey name with CRLF)", () => lib.applyAuth({ url: "https://h/" }, { type: "apiKey", name: "X-Key\r\nX-Evil", value: "v" }), code("ERR_INVALID_HEADER_NAME"), "apply");
  add("applyAuth(basic password with CRLF)", () => lib.applyAuth({ url: "https://h/" }, { type: "basic", username: "u", password: "p\r\nX-Evil: 1" }), code("ERR_INVALID_CREDENTIAL"), "apply");
  add("hmacSignatureHeaders(timestampHeader with LF)", () => lib.hmacSignatureHeaders("s", { timestampHeader: "X-Ts\nX-Evil" }), code("ERR_INVALID_HEADER_NAME"), "apply");
  add("verifyWebhook(custom scheme header with CRLF)", () => lib.verifyWebhook({ header: "X-Sig\r\nX: y", encoding: "hex" }, { secret: "s", payload: "", headers: {} }), code("ERR_INVALID_HEADER_NAME"), "webhook");
  add("signWebhook(custom prefix with CRLF)", () => lib.signWebhook({ header: "X-Sig", encoding: "hex", prefix: "a\r\nb" }, { secret: "s", payload: "" }), RE, "webhook");
  add("signWebhook(standard id with CRLF)", () => lib.signWebhook("standard", { secret: "whsec_" + "A".repeat(32), payload: "", id: "m\r\nX: y" }), RE, "webhook");
  add("authorizationUrl(extra value with CRLF is percent-encoded)", () => lib.authorizationUrl({ endpoint: "https://as/a", clientId: "c", redirectUri: "https://app/cb", state: "s", extra: { x: "a\r\nb" } }),
    (v) => { ok(v.url.includes("x=a%0D%0Ab")); ok(!/[\r\n]/.test(v.url)); }, "oauth");
  add("tokenRequest(client id with CRLF)", () => lib.tokenRequest({ type: "client_credentials" }, { endpoint: "https://as/t", clientId: "c\r\nX: y", clientSecret: "s" }), code("ERR_INVALID_CREDENTIAL"), "oauth");
  add("applyAuth(query placement: value with '&' and '#' encoded)", () => lib.applyAuth({ url: "https://h/p#f" }, { type: "apiKey", name: "k", value: "a&b=c#d", in: "query" }),
    (v) => equal(v.url, "https://h/p?k=a%26b%3Dc%23d#f"), "apply");

  // --- Numeric edge cases.
  add("verifyTedeeApiKey(now: -0)", () => lib.verifyTedeeApiKey(T, DOC_KEY, { now: -0 }), code("ERR_TIMESTAMP_TOO_NEW"), "tedeeVerify");
  add("verifyWebhook(toleranceSec: NaN)", () => lib.verifyWebhook("github", ghInput({ toleranceSec: NaN })), RE, "webhook");
  add("verifyWebhook(now: 2^53)", () => lib.verifyWebhook("github", ghInput({ now: 2 ** 53 })), RE, "webhook");
  add("verifyWebhook(now: '1000')", () => lib.verifyWebhook("github", ghInput({ now: "1000" })), TE, "webhook");
  add("TedeeVerifier(maxRemembered: 0)", () => new lib.TedeeVerifier(T, { maxRemembered: 0 }), RE, "tedeeVerify");
  add("TedeeVerifier(toleranceMs: 1e308)", () => new lib.TedeeVerifier(T, { toleranceMs: 1e308 }), RE, "tedeeVerify");
  add("randomBytes(2^32)", () => lib.randomBytes(2 ** 32), RE, "random");
  add("randomBytes(Number.MIN_VALUE)", () => lib.randomBytes(Number.MIN_VALUE), RE, "random");
  add("createPkce(length: 42)", () => lib.createPkce({ length: 42 }), RE, "pkce");
  add("generateWebhookSecret(bytes: 2^53)", () => lib.generateWebhookSecret({ bytes: 2 ** 53 }), RE, "random");
  add("parseTokenResponse(expires_in: 1e400)", () => lib.parseTokenResponse('{"access_token":"a","token_type":"Bearer","expires_in":1e400}'), code("ERR_INVALID_TOKEN_RESPONSE"), "oauth");
  add("parseTokenResponse(expires_in: -0)", () => lib.parseTokenResponse('{"access_token":"a","token_type":"Bearer","expires_in":-0}', { now: 1000 }), (v) => equal(v.expiresAt, 1000), "oauth");
  add("parseRateLimit(limit 2^64)", () => lib.parseRateLimit({ "x-ratelimit-limit": "18446744073709551616" }), (v) => equal(v.limit, undefined), "rate");
  add("parseRateLimit(Retry-After 10^30 seconds)", () => lib.parseRateLimit({ "retry-after": "1" + "0".repeat(30) }), (v) => equal(v.retryAfterMs, undefined), "rate");
  add("needsRefresh(expiresAt: Infinity)", () => lib.needsRefresh({ accessToken: "a", tokenType: "Bearer", expiresAt: Infinity }), RE, "oauth");

  // --- Wrong schemes.
  add("verifyWebhook('GitHub')", () => lib.verifyWebhook("GitHub", ghInput()), RE, "webhook");
  add("verifyWebhook('sha256')", () => lib.verifyWebhook("sha256", ghInput()), RE, "webhook");
  add("verifyWebhook(custom base64url)", () => lib.verifyWebhook({ header: "X-Sig", encoding: "base64url" }, ghInput()), RE, "webhook");
  add("verifyWebhook(custom scheme with an extra key)", () => lib.verifyWebhook({ header: "X-Sig", encoding: "hex", algorithm: "sha1" }, ghInput()), TE, "webhook");
  add("verifyWebhook(github header without sha256=)", () => lib.verifyWebhook("github", ghInput({ headers: { "x-hub-signature-256": GH_SIG.slice(7) } })), code("ERR_MALFORMED_SIGNATURE"), "webhook");
  add("verifyWebhook(github, sha1= signature)", () => lib.verifyWebhook("github", ghInput({ headers: { "x-hub-signature-256": "sha1=" + "0".repeat(40) } })), code("ERR_MALFORMED_SIGNATURE"), "webhook");
  add("verifyWebhook(stripe, only v0)", () => lib.verifyWebhook("stripe", { secret: "s", payload: "", headers: { "stripe-signature": "t=1,v0=" + "0".repeat(64) } }), code("ERR_NO_SUPPORTED_SIGNATURE"), "webhook");
  add("parseBasicAuth('Bearer …')", () => lib.parseBasicAuth("Bearer dTpw"), code("ERR_MALFORMED_AUTHORIZATION"), "basic");
  add("parseBearerAuth('Basic …')", () => lib.parseBearerAuth("Basic dTpw"), code("ERR_MALFORMED_AUTHORIZATION"), "bearer");
  add("authorizationUrl(javascript: endpoint)", () => lib.authorizationUrl({ endpoint: "javascript:alert(1)", clientId: "c", redirectUri: "https://app/cb", state: "s" }), code("ERR_INVALID_URL"), "oauth");
  add("authorizationUrl(http: to a public host)", () => lib.authorizationUrl({ endpoint: "HTTP://as.example/a", clientId: "c", redirectUri: "https://app/cb", state: "s" }), code("ERR_INVALID_URL"), "oauth");
  add("tokenRequest(endpoint with userinfo)", () => lib.tokenRequest({ type: "client_credentials" }, { endpoint: "https://u:p@as.example/t", clientId: "c", clientSecret: "s" }), code("ERR_INVALID_URL"), "oauth");
  add("parseAuthorizationCallback(javascript: URL is only read for its query)", () => lib.parseAuthorizationCallback("javascript:alert(1)//?code=c&state=s", { state: "s" }), (v) => equal(v.code, "c"), "callback");
  add("parseAuthorizationCallback(issuer: javascript:)", () => lib.parseAuthorizationCallback("?code=c&state=s", { state: "s", issuer: "javascript:alert(1)" }), code("ERR_INVALID_URL"), "callback");
  add("parseAuthorizationCallback(implicit-flow fragment)", () => lib.parseAuthorizationCallback("https://app/cb#access_token=t&state=s", { state: "s" }), code("ERR_MALFORMED_CALLBACK"), "callback");
  add("tokenRequest(grant type 'password')", () => lib.tokenRequest({ type: "password" }, { endpoint: "https://as/t", clientId: "c" }), RE, "oauth");
  add("applyAuth(oauth2 with token type 'MAC')", () => lib.applyAuth({ url: "https://h/" }, { type: "oauth2", tokenSet: { accessToken: "a", tokenType: "MAC" } }), code("ERR_UNSUPPORTED_TOKEN_TYPE"), "apply");
  add("tedeeApiKey(mode 'Encrypted')", () => lib.tedeeApiKey(T, { mode: "Encrypted" }), RE, "tedee");
  return rows;
}

export default function hostile(lib) {
  const checks = valid(lib);
  const rows = hostileTable(lib);
  const out = [[`hostile table has at least 60 cases (${rows.length})`, () => ok(rows.length >= 60, `${rows.length}`)]];
  for (const [label, fn, exp, family] of rows) {
    out.push([`hostile: ${label}`, () => {
      if (typeof exp === "function") exp(fn());
      else throws(fn, exp, label);
      const after = checks[family];
      if (!after) throw new Error(`no valid call for family ${family}`);
      after();
      checks.hash();
    }]);
  }
  return out;
}
