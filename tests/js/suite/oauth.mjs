// OAuth 2.0: PKCE, authorization URLs, token requests, token responses, refresh timing,
// scopes. Environment-agnostic (no Node APIs): URLSearchParams, TextEncoder, btoa and
// crypto.subtle are in every runtime authsmith supports, and serve as independent
// implementations to compare against.
import { deepEqual, equal, ok, throws } from "./assert.mjs";

const NOW = 1700000000000;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const TE = { name: "TypeError" }, RE = { name: "RangeError" };
const code = (c) => ({ name: "AuthsmithError", code: c });
const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;

/** application/x-www-form-urlencoded by the platform (WHATWG URL standard). */
const formEncode = (s) => new URLSearchParams([["a", s]]).toString().slice(2);
/** RFC 6749 §2.3.1 by the platform: form-encode, UTF-8, base64. */
const platformBasic = (id, secret) => {
  const bytes = new TextEncoder().encode(`${formEncode(id)}:${formEncode(secret)}`);
  return "Basic " + btoa(String.fromCharCode(...bytes));
};
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** A random string of `n` code points drawn from a mix of ASCII, Latin-1, BMP and astral characters. */
function randomText(lib, n) {
  const r = lib.randomBytes(n * 2);
  let s = "";
  for (let i = 0; i < n; i++) {
    const kind = r[2 * i] % 4, v = r[2 * i + 1];
    if (kind === 0) s += String.fromCharCode(0x20 + (v % 95));
    else if (kind === 1) s += String.fromCharCode(0xa0 + v);
    else if (kind === 2) s += String.fromCharCode(0x4e00 + v * 7);
    else s += String.fromCodePoint(0x1f600 + (v % 80));
  }
  return s;
}

const ENDPOINT = "https://server.example.com/authorize";
const TOKEN = "https://server.example.com/token";
const REDIRECT = "https://client.example.com/cb";

export default function oauth(lib, { vectors }) {
  const misc = vectors["rfc_misc.json"];
  const ov = vectors["oauth.json"];
  return [
    ["PKCE: RFC 7636 Appendix B and the §4.1 verifier syntax", () => {
      const b = misc.pkce.find((c) => c.id === "rfc7636-appendix-b-s256");
      equal(lib.pkceChallenge(b.code_verifier), b.code_challenge);
      for (const c of misc.pkce_verifier_syntax) {
        if (c.valid) ok(UNRESERVED.test(lib.pkceChallenge(c.code_verifier)), c.why);
        else throws(() => lib.pkceChallenge(c.code_verifier), code("ERR_INVALID_PKCE_VERIFIER"), c.why);
      }
      for (const bad of ["", "a".repeat(42), "a".repeat(129), "a".repeat(42) + " ", "a".repeat(42) + "é", "a".repeat(42) + "%"]) {
        throws(() => lib.pkceChallenge(bad), code("ERR_INVALID_PKCE_VERIFIER"), JSON.stringify(bad));
      }
      throws(() => lib.pkceChallenge(undefined), TE);
      throws(() => lib.pkceChallenge(new Uint8Array(43)), TE);
    }],
    ["createPkce: every length 43..128, S256 checked against crypto.subtle", async () => {
      for (let len = 43; len <= 128; len++) {
        const p = lib.createPkce({ length: len });
        equal(p.verifier.length, len);
        ok(UNRESERVED.test(p.verifier), p.verifier);
        equal(p.method, "S256");
        deepEqual(Object.keys(p), ["verifier", "challenge", "method"]);
        equal(p.challenge, lib.pkceChallenge(p.verifier));
        if (globalThis.crypto?.subtle) {
          const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(p.verifier));
          equal(p.challenge, b64url(digest), "challenge = BASE64URL(SHA256(verifier))");
        }
      }
      equal(lib.createPkce().verifier.length, 43);
      throws(() => lib.createPkce({ length: 42 }), RE);
      throws(() => lib.createPkce({ length: 129 }), RE);
      throws(() => lib.createPkce({ length: 43.5 }), RE);
      throws(() => lib.createPkce({ length: "43" }), TE);
      throws(() => lib.createPkce({ lenght: 43 }), TE);
    }],
    ["10,000 generated verifiers, states, API keys, webhook secrets and tokens: all distinct, all well-formed", () => {
      const N = 10000;
      const sets = { verifier: new Set(), state: new Set(), apiKey: new Set(), webhook: new Set(), token: new Set() };
      for (let i = 0; i < N; i++) {
        const p = lib.createPkce();
        if (!/^[A-Za-z0-9_-]{43}$/.test(p.verifier)) throw new Error(`verifier ${p.verifier}`);
        sets.verifier.add(p.verifier);
        const { state } = lib.authorizationUrl({ endpoint: ENDPOINT, clientId: "c", redirectUri: REDIRECT });
        if (!/^[A-Za-z0-9_-]{43}$/.test(state)) throw new Error(`state ${state}`);
        sets.state.add(state);
        const k = lib.generateApiKey();
        if (!/^sk-[A-Za-z0-9_-]{43}$/.test(k)) throw new Error(`api key ${k}`);
        sets.apiKey.add(k);
        const w = lib.generateWebhookSecret();
        if (!/^whsec_[A-Za-z0-9+/]{43}=$/.test(w)) throw new Error(`webhook secret ${w}`);
        sets.webhook.add(w);
        const t = lib.randomToken(16, "hex");
        if (!/^[0-9a-f]{32}$/.test(t)) throw new Error(`token ${t}`);
        sets.token.add(t);
      }
      for (const [name, set] of Object.entries(sets)) equal(set.size, N, `${name}s distinct`);
      // and verifiers use the whole alphabet (no stuck bits): 64 symbols in the first 42 positions
      const seen = new Set();
      for (const v of sets.verifier) for (const ch of v.slice(0, 42)) seen.add(ch);
      equal(seen.size, 64);
    }],
    ["clientSecretBasic: RFC 6749 §2.3.1 example and secrets with + / : = % space and non-ASCII", () => {
      equal(ov.client_secret_basic.length >= 4, true);
      for (const c of ov.client_secret_basic) {
        equal(lib.clientSecretBasic(c.client_id, c.client_secret), c.header, c.id);
        equal(platformBasic(c.client_id, c.client_secret), c.header, `${c.id} (platform)`);
      }
      // differential against URLSearchParams + btoa on random text
      for (let i = 0; i < 300; i++) {
        const id = randomText(lib, 1 + (i % 13)).replace(/[\u0000-\u001f\u007f-\u009f]/g, "x");
        const secret = randomText(lib, 1 + (i % 29)).replace(/[\u0000-\u001f\u007f-\u009f]/g, "y");
        equal(lib.clientSecretBasic(id, secret), platformBasic(id, secret), JSON.stringify([id, secret]));
      }
      equal(lib.clientSecretBasic("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuK3Nlc2FtZQ==", "space becomes '+' before base64");
      throws(() => lib.clientSecretBasic("", "s"), code("ERR_INVALID_CREDENTIAL"));
      throws(() => lib.clientSecretBasic("id", ""), code("ERR_EMPTY_SECRET"));
      throws(() => lib.clientSecretBasic("id", "a\r\nb"), code("ERR_INVALID_CREDENTIAL"));
      throws(() => lib.clientSecretBasic("id", "\uD800"), TE);
      throws(() => lib.clientSecretBasic("id", 5), TE);
    }],
    ["form encoding: RFC 6749 Appendix B, and byte-identical to URLSearchParams", () => {
      for (const c of ov.form_encoding) {
        const req = lib.tokenRequest({ type: "refresh_token", refreshToken: "r" }, { endpoint: TOKEN, clientId: c.value, format: "form" });
        ok(req.body.endsWith(`&client_id=${c.encoded}`), `${c.id}: ${req.body}`);
        equal(formEncode(c.value), c.encoded, `${c.id} (platform)`);
      }
    }],
    ["authorizationUrl: RFC 6749 §4.1.1 / RFC 7636 §4.3 vectors", () => {
      for (const c of ov.authorization_requests) {
        const out = lib.authorizationUrl({
          endpoint: c.endpoint, clientId: c.client_id, redirectUri: c.redirect_uri, state: c.state,
          ...(c.scope ? { scope: c.scope } : {}), ...(c.code_challenge ? { codeChallenge: c.code_challenge } : {}),
        });
        equal(out.url, c.expected_url, c.id);
        equal(out.state, c.state);
        deepEqual(Object.keys(out), ["url", "state"]);
        if (c.expected_params) deepEqual([...new URL(out.url).searchParams], c.expected_params);
        if (c.rfc_request_line) {
          // the same parameters as the RFC's request line, whatever the order and escaping
          const rfc = new URLSearchParams(c.rfc_request_line.split(" ")[1].split("?")[1]);
          const ours = new URL(out.url).searchParams;
          equal([...rfc].length, [...ours].length);
          for (const [k, v] of rfc) equal(ours.get(k), v, k);
        }
      }
    }],
    ["authorizationUrl: every value encoded exactly once (URLSearchParams reads back the inputs; same bytes)", () => {
      for (let i = 0; i < 300; i++) {
        const vschar = Array.from(lib.randomBytes(1 + (i % 40)), (b) => String.fromCharCode(0x20 + (b % 95))).join("");
        const extraValue = randomText(lib, i % 17);
        const redirectUri = `https://client.example.com/cb/${i}?next=%2Fhome%3Fa%3D1&x=a+b&y=${i}`;
        const scope = ["work-orders:read", "inventory:read", `x/${i}:y`];
        const input = { endpoint: `${ENDPOINT}?tenant=t%20${i}`, clientId: `client ${i}:é`, redirectUri, scope, state: vschar,
          codeChallenge: lib.createPkce().challenge, extra: { prompt: "consent", login_hint: extraValue, "a b&c=d": "é" } };
        const { url } = lib.authorizationUrl(input);
        const parsed = new URL(url);
        const p = parsed.searchParams;
        equal(parsed.origin + parsed.pathname, ENDPOINT);
        deepEqual([...p.keys()], ["tenant", "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
          "code_challenge_method", "prompt", "login_hint", "a b&c=d"]);
        equal(p.get("tenant"), `t ${i}`);
        equal(p.get("client_id"), input.clientId);
        equal(p.get("redirect_uri"), redirectUri, "redirect_uri decoded once = the registered string");
        equal(p.get("scope"), scope.join(" "));
        equal(p.get("state"), vschar);
        equal(p.get("code_challenge"), input.codeChallenge);
        equal(p.get("code_challenge_method"), "S256");
        equal(p.get("login_hint"), extraValue);
        // byte-identical to what URLSearchParams serializes for the same pairs
        const expected = new URLSearchParams([["response_type", "code"], ["client_id", input.clientId], ["redirect_uri", redirectUri],
          ["scope", scope.join(" ")], ["state", vschar], ["code_challenge", input.codeChallenge], ["code_challenge_method", "S256"],
          ["prompt", "consent"], ["login_hint", extraValue], ["a b&c=d", "é"]]).toString();
        equal(url, `${ENDPOINT}?tenant=t%20${i}&${expected}`);
      }
    }],
    ["authorizationUrl: scope forms, endpoint queries, extra, defaults and refusals", () => {
      const base = { endpoint: ENDPOINT, clientId: "s6BhdRkqt3", redirectUri: REDIRECT, state: "xyz" };
      const q = (input) => new URL(lib.authorizationUrl({ ...base, ...input }).url).searchParams;
      equal(q({ scope: ["a", "b c", "a", ""] }).get("scope"), "a b c");
      equal(q({ scope: "  a   b a " }).get("scope"), "a b");
      equal(q({ scope: "" }).has("scope"), false, "empty scope is left out");
      equal(q({ scope: [] }).has("scope"), false);
      equal(q({}).has("code_challenge_method"), false);
      equal(q({ extra: { prompt: undefined, nonce: "n" } }).get("nonce"), "n");
      equal(lib.authorizationUrl({ ...base, endpoint: `${ENDPOINT}?` }).url.startsWith(`${ENDPOINT}?response_type=code&`), true);
      equal(lib.authorizationUrl({ ...base, endpoint: `${ENDPOINT}?a=1&` }).url.startsWith(`${ENDPOINT}?a=1&response_type=code&`), true);
      equal(lib.authorizationUrl({ ...base, redirectUri: "http://127.0.0.1:8080/callback" }).state, "xyz");
      equal(lib.authorizationUrl({ ...base, redirectUri: "http://localhost/cb", endpoint: "http://[::1]:9000/authorize" }).state, "xyz");
      // refusals
      for (const endpoint of ["javascript:alert(1)", "/authorize", "//server.example.com/authorize", "http://server.example.com/authorize",
        `${ENDPOINT}#frag`, "https://user:pw@server.example.com/authorize", "https://server.example.com/a b", "https://evil.com\\@server.example.com/",
        "https://server.example.com/\r\nX: y", "", `${ENDPOINT}?client_id=other`, `${ENDPOINT}?state=1`, `${ENDPOINT}?prompt=none`]) {
        throws(() => lib.authorizationUrl({ ...base, endpoint, extra: { prompt: "login" } }), code("ERR_INVALID_URL"), endpoint);
      }
      for (const redirectUri of ["javascript:alert(document.cookie)", "/cb", "http://client.example.com/cb", `${REDIRECT}#x`,
        "https://client.example.com:99999/cb", "com.example.app:/oauth2redirect", "data:text/html,<script>"]) {
        throws(() => lib.authorizationUrl({ ...base, redirectUri }), code("ERR_INVALID_URL"), redirectUri);
      }
      for (const name of ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"]) {
        throws(() => lib.authorizationUrl({ ...base, extra: { [name]: "x" } }), RE, name);
      }
      throws(() => lib.authorizationUrl({ ...base, extra: { "": "x" } }), RE);
      throws(() => lib.authorizationUrl({ ...base, extra: { a: 1 } }), TE);
      throws(() => lib.authorizationUrl({ ...base, extra: [["a", "b"]] }), TE);
      throws(() => lib.authorizationUrl({ ...base, state: "" }), RE);
      throws(() => lib.authorizationUrl({ ...base, state: "a\nb" }), RE);
      throws(() => lib.authorizationUrl({ ...base, state: "é" }), RE);
      throws(() => lib.authorizationUrl({ ...base, codeChallenge: "short" }), code("ERR_INVALID_PKCE_VERIFIER"));
      throws(() => lib.authorizationUrl({ ...base, scope: "a\tb" }), code("ERR_INVALID_SCOPE"));
      throws(() => lib.authorizationUrl({ ...base, scope: ["a", 1] }), TE);
      throws(() => lib.authorizationUrl({ ...base, clientId: "" }), code("ERR_INVALID_CREDENTIAL"));
      throws(() => lib.authorizationUrl({ ...base, clientID: "x" }), TE);
      throws(() => lib.authorizationUrl({ ...base, redirectUri: undefined }), TE);
      throws(() => lib.authorizationUrl("https://server.example.com/authorize"), TE);
    }],
    ["tokenRequest: RFC 6749 §4.1.3, §4.4.2 and §6 examples", () => {
      for (const c of ov.token_requests) {
        const req = lib.tokenRequest(c.grant, c.client);
        deepEqual(req, {
          url: c.client.endpoint, method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", Authorization: c.expected_authorization },
          body: c.expected_body,
        }, c.id);
        deepEqual([...new URLSearchParams(req.body)], [...new URLSearchParams(c.rfc_body)], `${c.id}: same parameters as the RFC body`);
      }
    }],
    ["tokenRequest: client_secret_basic / client_secret_post / none, form / json (the MES seed's request)", () => {
      const secret = "p+a/s:s=w%o rd é€";
      const client = { endpoint: TOKEN, clientId: "bjet sync:1", clientSecret: secret };
      const cc = { type: "client_credentials", scope: ["work-orders:read", "inventory:read"] };
      // default with a secret: basic, form
      let r = lib.tokenRequest(cc, client);
      equal(r.headers.Authorization, platformBasic("bjet sync:1", secret));
      equal(r.body, new URLSearchParams({ grant_type: "client_credentials", scope: "work-orders:read inventory:read" }).toString());
      // post
      r = lib.tokenRequest(cc, { ...client, auth: "client_secret_post" });
      equal(r.headers.Authorization, undefined);
      deepEqual(Object.fromEntries(new URLSearchParams(r.body)),
        { grant_type: "client_credentials", scope: "work-orders:read inventory:read", client_id: "bjet sync:1", client_secret: secret });
      equal(r.body, new URLSearchParams({ grant_type: "client_credentials", scope: "work-orders:read inventory:read", client_id: "bjet sync:1", client_secret: secret }).toString());
      // the MES seed: JSON body with client_id, client_secret, code, grant_type
      r = lib.tokenRequest({ type: "authorization_code", code: "SplxlOBeZQQYbYS6WxSbIA", redirectUri: "https://yourapp.com/callback" },
        { endpoint: "https://auth.mes.company.com/oauth/token", clientId: "YOUR_CLIENT_ID", clientSecret: "YOUR_CLIENT_SECRET", auth: "client_secret_post", format: "json" });
      deepEqual(r, {
        url: "https://auth.mes.company.com/oauth/token", method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ grant_type: "authorization_code", code: "SplxlOBeZQQYbYS6WxSbIA", redirect_uri: "https://yourapp.com/callback",
          client_id: "YOUR_CLIENT_ID", client_secret: "YOUR_CLIENT_SECRET" }),
      });
      // json keeps every character exactly (JSON.parse reads back the secret)
      r = lib.tokenRequest(cc, { ...client, clientSecret: "q\"\\/\u2028😀", auth: "client_secret_post", format: "json" });
      equal(JSON.parse(r.body).client_secret, "q\"\\/\u2028😀");
      // MES refresh: public client, JSON
      r = lib.tokenRequest({ type: "refresh_token", refreshToken: "tGzv3JOkF0XG5Qx2TIKWIw" }, { endpoint: "https://auth.mes.company.com/oauth/token", clientId: "YOUR_CLIENT_ID", format: "json" });
      deepEqual(JSON.parse(r.body), { grant_type: "refresh_token", refresh_token: "tGzv3JOkF0XG5Qx2TIKWIw", client_id: "YOUR_CLIENT_ID" });
      deepEqual(r.headers, { "Content-Type": "application/json", Accept: "application/json" });
      // PKCE on a public client
      const pkce = lib.createPkce();
      r = lib.tokenRequest({ type: "authorization_code", code: "c", redirectUri: "http://127.0.0.1:5173/callback", codeVerifier: pkce.verifier },
        { endpoint: TOKEN, clientId: "spa" });
      deepEqual(Object.fromEntries(new URLSearchParams(r.body)),
        { grant_type: "authorization_code", code: "c", redirect_uri: "http://127.0.0.1:5173/callback", code_verifier: pkce.verifier, client_id: "spa" });
      // refresh with a narrower scope
      r = lib.tokenRequest({ type: "refresh_token", refreshToken: "rt", scope: "a" }, client);
      equal(r.body, "grant_type=refresh_token&refresh_token=rt&scope=a");
    }],
    ["tokenRequest: refusals (types, unknown keys, conflicting auth, bad values)", () => {
      const client = { endpoint: TOKEN, clientId: "c", clientSecret: "s" };
      const cc = { type: "client_credentials" };
      throws(() => lib.tokenRequest({ type: "password", username: "u", password: "p" }, client), RE);
      throws(() => lib.tokenRequest({}, client), TE);
      throws(() => lib.tokenRequest("client_credentials", client), TE);
      throws(() => lib.tokenRequest({ type: "client_credentials", code: "x" }, client), TE);
      throws(() => lib.tokenRequest({ type: "authorization_code", code: "c", redirect_uri: REDIRECT }, client), TE);
      throws(() => lib.tokenRequest({ type: "authorization_code", code: "c" }, client), TE);
      throws(() => lib.tokenRequest({ type: "refresh_token" }, client), TE);
      throws(() => lib.tokenRequest(cc, { ...client, auth: "private_key_jwt" }), RE);
      throws(() => lib.tokenRequest(cc, { ...client, format: "xml" }), RE);
      throws(() => lib.tokenRequest(cc, { ...client, client_secret: "s" }), TE);
      throws(() => lib.tokenRequest(cc, { ...client, auth: "none" }), TE);
      throws(() => lib.tokenRequest(cc, { endpoint: TOKEN, clientId: "c", auth: "client_secret_basic" }), TE);
      throws(() => lib.tokenRequest(cc, { endpoint: TOKEN, clientId: "c", auth: "client_secret_post" }), TE);
      throws(() => lib.tokenRequest(cc, { ...client, clientSecret: "" }), code("ERR_EMPTY_SECRET"));
      throws(() => lib.tokenRequest(cc, { ...client, clientSecret: "a\nb" }), code("ERR_INVALID_CREDENTIAL"));
      throws(() => lib.tokenRequest(cc, { ...client, endpoint: "http://server.example.com/token" }), code("ERR_INVALID_URL"));
      throws(() => lib.tokenRequest(cc, { ...client, endpoint: "token" }), code("ERR_INVALID_URL"));
      throws(() => lib.tokenRequest({ type: "authorization_code", code: "", redirectUri: REDIRECT }, client), code("ERR_INVALID_CREDENTIAL"));
      throws(() => lib.tokenRequest({ type: "authorization_code", code: "a b\n", redirectUri: REDIRECT }, client), code("ERR_INVALID_CREDENTIAL"));
      throws(() => lib.tokenRequest({ type: "authorization_code", code: "c", redirectUri: "javascript:x" }, client), code("ERR_INVALID_URL"));
      throws(() => lib.tokenRequest({ type: "authorization_code", code: "c", redirectUri: REDIRECT, codeVerifier: "x" }, client), code("ERR_INVALID_PKCE_VERIFIER"));
      throws(() => lib.tokenRequest({ type: "refresh_token", refreshToken: "r", scope: "a\"b" }, client), code("ERR_INVALID_SCOPE"));
      // an endpoint query is kept as it is (RFC 6749 §3.2)
      equal(lib.tokenRequest(cc, { ...client, endpoint: `${TOKEN}?api-version=2` }).url, `${TOKEN}?api-version=2`);
    }],
    ["parseTokenResponse: RFC 6749 §5.1/§4.4.3 answers, as text and as parsed JSON", () => {
      for (const c of ov.token_responses) {
        const fromText = lib.parseTokenResponse(c.body, { now: c.now });
        deepEqual(fromText, c.expected, c.id);
        deepEqual(lib.parseTokenResponse(JSON.parse(c.body), { now: c.now }), c.expected, `${c.id} (object)`);
      }
      const t = lib.parseTokenResponse({ access_token: "at", token_type: "Bearer", id_token: "h.p.s", expires_in: 60, refresh_token: "rt", scope: "openid email" }, { now: NOW });
      deepEqual(t, { accessToken: "at", tokenType: "Bearer", expiresAt: NOW + 60000, refreshToken: "rt", scope: ["openid", "email"], idToken: "h.p.s" });
      // the result goes straight into applyAuth (idToken and all) and survives JSON storage
      equal(lib.applyAuth({ url: "https://api.mes.company.com/api/v2/work-orders" }, { type: "oauth2", tokenSet: JSON.parse(JSON.stringify(t)) }, { now: NOW }).headers.Authorization, "Bearer at");
      // without now: the clock
      const before = Date.now();
      const live = lib.parseTokenResponse('{"access_token":"a","token_type":"bearer","expires_in":3600}');
      ok(live.expiresAt >= before + 3600000 && live.expiresAt <= Date.now() + 3600000);
    }],
    ["parseTokenResponse: every RFC 6749 error code → its AuthsmithError, with error, errorDescription, errorUri", () => {
      ok(ov.error_responses.length >= 11);
      for (const c of ov.error_responses) {
        for (const body of [c.body, JSON.parse(c.body)]) {
          const e = throws(() => lib.parseTokenResponse(body, { now: NOW }), code(c.code), c.id);
          ok(e instanceof lib.AuthsmithError && lib.isAuthsmithError(e));
          ok(lib.ERROR_CODES.includes(e.code));
          equal(e.error, c.error);
          equal(e.errorDescription, c.error_description);
          equal(e.errorUri, c.error_uri);
          ok(e.message.includes(c.error), e.message);
          if (c.error_description) ok(e.message.includes(c.error_description), e.message);
        }
      }
      // the message stays one printable line of bounded length; the property keeps the server text
      const long = "line1\nline2" + "x".repeat(5000);
      const e = throws(() => lib.parseTokenResponse({ error: "invalid_grant", error_description: long }), code("ERR_OAUTH_INVALID_GRANT"));
      ok(!e.message.includes("\n") && e.message.length < 300);
      equal(e.errorDescription, long);
      throws(() => lib.parseTokenResponse({ error: 5 }), code("ERR_INVALID_TOKEN_RESPONSE"));
      throws(() => lib.parseTokenResponse({ error: "" }), code("ERR_INVALID_TOKEN_RESPONSE"));
    }],
    ["parseTokenResponse: non-JSON and wrong-typed answers are ERR_INVALID_TOKEN_RESPONSE", () => {
      const ok1 = { access_token: "a", token_type: "Bearer" };
      const bad = [
        "", "   ", "<html><body>502 Bad Gateway</body></html>", "access_token=a&token_type=bearer", "{", "{\"access_token\":\"a\",}",
        "{'access_token':'a','token_type':'b'}", "\uFEFF{\"access_token\":\"a\",\"token_type\":\"b\"}", "[]", "null", "42", "\"a\"",
        JSON.stringify({}), JSON.stringify({ token_type: "Bearer" }), JSON.stringify({ access_token: "a" }),
        JSON.stringify({ ...ok1, access_token: "" }), JSON.stringify({ ...ok1, access_token: 5 }), JSON.stringify({ ...ok1, access_token: null }),
        JSON.stringify({ ...ok1, access_token: "a\r\nSet-Cookie: x" }), JSON.stringify({ ...ok1, token_type: "" }), JSON.stringify({ ...ok1, token_type: "Bearer token" }),
        JSON.stringify({ ...ok1, expires_in: "3600s" }), JSON.stringify({ ...ok1, expires_in: -1 }), JSON.stringify({ ...ok1, expires_in: 2 ** 32 }),
        JSON.stringify({ ...ok1, expires_in: true }), JSON.stringify({ ...ok1, expires_in: [3600] }), '{"access_token":"a","token_type":"b","expires_in":-1e-9}',
        JSON.stringify({ ...ok1, refresh_token: 1 }), JSON.stringify({ ...ok1, refresh_token: "" }), JSON.stringify({ ...ok1, scope: ["a"] }),
        JSON.stringify({ ...ok1, scope: "a\u0000b" }), JSON.stringify({ ...ok1, id_token: {} }),
      ];
      // only text can say these (JSON.parse keeps the last duplicate, and the other two are
      // in members authsmith does not read)
      const textOnly = ['{"access_token":"a","token_type":"b","access_token":"c"}', '{"access_token":"a","token_type":"b","x":"\\ud800"}',
        '{"access_token":"a","token_type":"b","x":' + "[".repeat(100) + "]".repeat(100) + "}"];
      for (const b of [...bad, ...textOnly]) throws(() => lib.parseTokenResponse(b, { now: NOW }), code("ERR_INVALID_TOKEN_RESPONSE"), b.slice(0, 80));
      for (const b of bad) {
        let parsed;
        try { parsed = JSON.parse(b); } catch { continue; }
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
          throws(() => lib.parseTokenResponse(parsed, { now: NOW }), code("ERR_INVALID_TOKEN_RESPONSE"), `${b} (parsed)`);
        } else {
          throws(() => lib.parseTokenResponse(parsed, { now: NOW }), code("ERR_INVALID_TOKEN_RESPONSE"), `${b.slice(0, 80)} (object)`);
        }
      }
      for (const v of [NaN, Infinity, -Infinity, -0.5, 2 ** 64]) {
        throws(() => lib.parseTokenResponse({ ...ok1, expires_in: v }, { now: NOW }), code("ERR_INVALID_TOKEN_RESPONSE"), String(v));
      }
      throws(() => lib.parseTokenResponse({ ...ok1, access_token: "a\uD800" }), code("ERR_INVALID_TOKEN_RESPONSE"));
      // what is not a body at all is a TypeError that says what to pass
      const typeErrors = [undefined, () => 1, Symbol("s"), 5n, new Uint8Array(2), new ArrayBuffer(2), Promise.resolve(ok1),
        { json() {}, text() {}, status: 200 }];
      if (typeof Response === "function") typeErrors.push(new Response(JSON.stringify(ok1)));
      for (const v of typeErrors) throws(() => lib.parseTokenResponse(v), { name: "TypeError", message: /response/ }, String(v));
      throws(() => lib.parseTokenResponse(JSON.stringify(ok1), { now: -1 }), RE);
      throws(() => lib.parseTokenResponse(JSON.stringify(ok1), { nwo: 1 }), TE);
      // messages never carry the token
      const e = throws(() => lib.parseTokenResponse({ access_token: "SECRET-TOKEN\n", token_type: "b" }), code("ERR_INVALID_TOKEN_RESPONSE"));
      ok(!e.message.includes("SECRET"));
    }],
    ["parseTokenResponse: null is absent, unknown members ignored, __proto__ and prototype pollution change nothing", () => {
      deepEqual(lib.parseTokenResponse('{"access_token":"a","token_type":"b","expires_in":null,"refresh_token":null,"scope":null,"id_token":null,"error":null,"ext":{"x":[1]}}', { now: 1 }),
        { accessToken: "a", tokenType: "b", scope: [] });
      const text = '{"__proto__":{"access_token":"evil","polluted":true},"access_token":"good","token_type":"Bearer","constructor":{"prototype":{"polluted":true}}}';
      for (const body of [text, JSON.parse(text)]) {
        const t = lib.parseTokenResponse(body, { now: 1 });
        deepEqual(t, { accessToken: "good", tokenType: "Bearer", scope: [] });
        equal(Object.getPrototypeOf(t), Object.prototype);
        equal({}.polluted, undefined);
        equal(Object.prototype.polluted, undefined);
      }
      // a polluted Object.prototype cannot supply a token: only own properties count
      try {
        Object.prototype.access_token = "from-prototype";
        Object.prototype.error = "invalid_grant";
        const t = lib.parseTokenResponse({ access_token: "own", token_type: "Bearer" }, { now: 1 });
        equal(t.accessToken, "own");
        throws(() => lib.parseTokenResponse({ token_type: "Bearer" }), code("ERR_INVALID_TOKEN_RESPONSE"));
      } finally {
        delete Object.prototype.access_token;
        delete Object.prototype.error;
      }
      // a null-prototype object works (Object.create(null) records)
      const o = Object.create(null);
      Object.assign(o, { access_token: "a", token_type: "b" });
      equal(lib.parseTokenResponse(o).accessToken, "a");
    }],
    ["parseTokenResponse: expires_in as a string of decimal digits (NetDocuments, CMS BCDA, Spring Authorization Server, WordPress OAuth Server, Delta Sharing)", () => {
      const ok1 = { access_token: "a", token_type: "Bearer" };
      const at = (expires_in, now = NOW) => lib.parseTokenResponse({ ...ok1, expires_in }, { now }).expiresAt;
      const atText = (expires_in, now = NOW) => lib.parseTokenResponse(JSON.stringify({ ...ok1, expires_in }), { now }).expiresAt;
      for (const f of [at, atText]) {
        equal(f("3600"), NOW + 3600000);
        equal(f("0"), NOW);
        equal(f("4294967295", 0), 4294967295000);
        equal(f("1", MAX_SAFE - 1000), MAX_SAFE);
        throws(() => f("1", MAX_SAFE - 999), code("ERR_INVALID_TOKEN_RESPONSE"));
        // the same token set as the number gives
        deepEqual(lib.parseTokenResponse({ ...ok1, expires_in: "60" }, { now: NOW }), lib.parseTokenResponse({ ...ok1, expires_in: 60 }, { now: NOW }));
        // anything but ASCII decimal digits in range is still refused
        for (const bad of ["", " 3600", "3600 ", "+3600", "-1", "3600.0", "3599.9", "3.6e3", "0x10", "03600", "4294967296",
          "99999999999999999999999", "\u0663\u0666", "1h", "NaN", "Infinity", "3_600", "3,600"]) {
          throws(() => f(bad), code("ERR_INVALID_TOKEN_RESPONSE"), JSON.stringify(bad));
        }
      }
      // a JSON escape that spells digits is those digits
      equal(lib.parseTokenResponse('{"access_token":"a","token_type":"b","expires_in":"\\u0033600"}', { now: 0 }).expiresAt, 3600000);
      const e = throws(() => at("3600s"), code("ERR_INVALID_TOKEN_RESPONSE"));
      ok(/decimal digits/.test(e.message), e.message);
    }],
    ["parseTokenResponse: token types other than Bearer are read; applyAuth refuses to send them", () => {
      for (const tokenType of ["DPoP", "MAC", "N_A", "pop", "bearer", "BEARER"]) {
        const t = lib.parseTokenResponse({ access_token: "a", token_type: tokenType, expires_in: "60" }, { now: NOW });
        equal(t.tokenType, tokenType, "kept as sent");
        const apply = () => lib.applyAuth({ url: "https://api.example.com/" }, { type: "oauth2", tokenSet: t }, { now: NOW });
        if (tokenType.toLowerCase() === "bearer") equal(apply().headers.Authorization, "Bearer a");
        else throws(apply, code("ERR_UNSUPPORTED_TOKEN_TYPE"), tokenType);
      }
    }],
    ["parseTokenResponse: expires_in arithmetic at the boundaries", () => {
      const at = (expires_in, now) => lib.parseTokenResponse({ access_token: "a", token_type: "b", expires_in }, { now }).expiresAt;
      const atText = (n, now) => lib.parseTokenResponse(`{"access_token":"a","token_type":"b","expires_in":${n}}`, { now }).expiresAt;
      equal(at(0, NOW), NOW, "0 s: expired at once");
      equal(at(1, NOW), NOW + 1000);
      equal(at(3600, 0), 3600000);
      equal(at(3599.999, 0), 3599000, "fractions are cut: expire early, never late");
      equal(atText("3599.999", 0), 3599000);
      for (const lit of ["3.6e3", "36E+2", "360000e-2", "3600.0"]) equal(atText(lit, 0), 3600000, `${lit} as JSON.parse reads it`);
      equal(atText("-0", 7), 7, "-0 is 0");
      equal(at(-0, 7), 7);
      equal(at(4294967295, 0), 4294967295000, "u32::MAX seconds (the largest accepted)");
      throws(() => at(4294967296, 0), code("ERR_INVALID_TOKEN_RESPONSE"));
      equal(at(0, MAX_SAFE), MAX_SAFE);
      equal(at(1, MAX_SAFE - 1000), MAX_SAFE);
      throws(() => at(1, MAX_SAFE - 999), code("ERR_INVALID_TOKEN_RESPONSE"));
      equal(atText("4294967295", MAX_SAFE - 4294967295000), MAX_SAFE);
      throws(() => atText("4294967295", MAX_SAFE - 4294967295000 + 1), code("ERR_INVALID_TOKEN_RESPONSE"));
      equal(at(undefined, NOW), undefined);
      equal("expiresAt" in lib.parseTokenResponse({ access_token: "a", token_type: "b" }, { now: NOW }), false);
    }],
    ["needsRefresh: default 60 s skew, boundaries, no expiry, the clock", () => {
      const ts = { accessToken: "a", tokenType: "Bearer", expiresAt: NOW + 3600000, scope: [] };
      equal(lib.needsRefresh(ts, { now: NOW }), false);
      equal(lib.needsRefresh(ts, { now: ts.expiresAt - 60001 }), false);
      equal(lib.needsRefresh(ts, { now: ts.expiresAt - 60000 }), true, "due exactly skewSec before expiry");
      equal(lib.needsRefresh(ts, { now: ts.expiresAt }), true);
      equal(lib.needsRefresh(ts, { now: ts.expiresAt + 1 }), true);
      equal(lib.needsRefresh(ts, { now: ts.expiresAt - 1, skewSec: 0 }), false);
      equal(lib.needsRefresh(ts, { now: ts.expiresAt, skewSec: 0 }), true);
      equal(lib.needsRefresh(ts, { now: NOW, skewSec: 3600 }), true);
      equal(lib.needsRefresh(ts, { now: NOW, skewSec: 3599 }), false);
      equal(lib.needsRefresh(ts, { now: 0, skewSec: MAX_SAFE }), true, "no overflow");
      equal(lib.needsRefresh({ accessToken: "a", tokenType: "b" }, { now: MAX_SAFE }), false, "no expiresAt: no timed refresh");
      equal(lib.needsRefresh({ accessToken: "a", tokenType: "b", expiresAt: Date.now() + 30000 }), true);
      equal(lib.needsRefresh({ accessToken: "a", tokenType: "b", expiresAt: Date.now() + 600000 }), false);
      // the MES flow: a 1-hour token from parseTokenResponse
      const t = lib.parseTokenResponse({ access_token: "a", token_type: "Bearer", expires_in: 3600, refresh_token: "r" }, { now: NOW });
      equal(lib.needsRefresh(t, { now: NOW + 3539999 }), false);
      equal(lib.needsRefresh(t, { now: NOW + 3540000 }), true);
      throws(() => lib.needsRefresh({ accessToken: "a", tokenType: "b", expires_at: 1 }), TE, "a typo would never refresh");
      throws(() => lib.needsRefresh({ tokenType: "b", expiresAt: 1 }), TE);
      throws(() => lib.needsRefresh({ accessToken: "a", tokenType: "b", expiresAt: "1" }), TE);
      throws(() => lib.needsRefresh({ accessToken: "a", tokenType: "b", expiresAt: -1 }), RE);
      throws(() => lib.needsRefresh(ts, { skewSec: -1 }), RE);
      throws(() => lib.needsRefresh(ts, { skewSec: 1.5 }), RE);
      throws(() => lib.needsRefresh(ts, { skew: 60 }), TE);
      throws(() => lib.needsRefresh(null), TE);
    }],
    ["scopes: parseScopes / hasScopes / missingScopes (MES scopes, exact comparison)", () => {
      deepEqual(lib.parseScopes("work-orders:read inventory:read"), ["work-orders:read", "inventory:read"]);
      deepEqual(lib.parseScopes("  work-orders:read   inventory:read work-orders:read  "), ["work-orders:read", "inventory:read"]);
      deepEqual(lib.parseScopes(["work-orders:read", "inventory:read work-orders:write", "", "inventory:read"]),
        ["work-orders:read", "inventory:read", "work-orders:write"]);
      deepEqual(lib.parseScopes(""), []);
      deepEqual(lib.parseScopes([]), []);
      deepEqual(lib.parseScopes("openid https://graph.microsoft.com/.default offline_access"), ["openid", "https://graph.microsoft.com/.default", "offline_access"]);
      deepEqual(lib.parseScopes("!#$%&'()*+,-./:;<=>?@[]^_`{|}~"), ["!#$%&'()*+,-./:;<=>?@[]^_`{|}~"]);
      for (const bad of ["a\tb", "a\nb", "a\"b", "a\\b", "réad", "a\u00a0b", ["ok", "a\"b"]]) {
        throws(() => lib.parseScopes(bad), code("ERR_INVALID_SCOPE"), JSON.stringify(bad));
      }
      for (const bad of [undefined, null, 5, { a: 1 }, ["a", 5], ["a", null], new Set(["a"])]) {
        throws(() => lib.parseScopes(bad), TE, String(bad));
      }
      const granted = "work-orders:read inventory:read";
      equal(lib.hasScopes(granted, "work-orders:read"), true);
      equal(lib.hasScopes(granted, ["inventory:read", "work-orders:read"]), true);
      equal(lib.hasScopes(granted, "work-orders:write"), false);
      equal(lib.hasScopes(granted, "Work-Orders:read"), false, "case-sensitive");
      equal(lib.hasScopes(granted, "work-orders"), false, "no prefix matching");
      equal(lib.hasScopes(granted, ""), true, "nothing required");
      equal(lib.hasScopes([], []), true);
      equal(lib.hasScopes("", "a"), false);
      deepEqual(lib.missingScopes(granted, "work-orders:write work-orders:read quality:read work-orders:write"), ["work-orders:write", "quality:read"]);
      deepEqual(lib.missingScopes(["a", "b"], ["b", "a"]), []);
      const t = lib.parseTokenResponse({ access_token: "a", token_type: "Bearer", scope: granted });
      equal(lib.hasScopes(t.scope, "inventory:read"), true);
      throws(() => lib.hasScopes(granted, "a\tb"), code("ERR_INVALID_SCOPE"));
      throws(() => lib.missingScopes(5, "a"), TE);
    }],
    ["tokenRequest extra: form bodies byte-identical to URLSearchParams, JSON to JSON.stringify, in Object.keys order", () => {
      const grants = [
        { type: "client_credentials", scope: "read" },
        { type: "authorization_code", code: "c0de", redirectUri: REDIRECT, codeVerifier: lib.createPkce().verifier },
        { type: "refresh_token", refreshToken: "rt" },
      ];
      const clients = [
        { endpoint: TOKEN, clientId: "c", clientSecret: "s e/c+r" },
        { endpoint: TOKEN, clientId: "c", clientSecret: "s e/c+r", auth: "client_secret_post" },
        { endpoint: TOKEN, clientId: "spa" },
      ];
      const json = (pairs) => "{" + pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",") + "}";
      for (let i = 0; i < 120; i++) {
        // names and values with controls, CR/LF, quotes, backslashes, non-ASCII, astral, DEL, U+2028;
        // an integer-like key, which Object.keys lists first
        const extra = { audience: "https://api.example.com/", [`r\u0000\r\n"\\ ${i}`]: randomText(lib, i % 11) + "\u007f\u2028\r\n\u0001\"\\", 7: "seven" };
        extra[randomText(lib, 1 + (i % 5)).replace(/^\d+$/, "n")] = randomText(lib, i % 7);
        for (const k of Object.keys(extra)) if (["grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id", "client_secret", ""].includes(k)) delete extra[k];
        const grant = grants[i % 3], client = clients[Math.floor(i / 3) % 3];
        const plain = lib.tokenRequest(grant, { ...client, format: "form" });
        const withExtra = lib.tokenRequest({ ...grant, extra }, { ...client, format: "form" });
        const basePairs = [...new URLSearchParams(plain.body)];
        const extraPairs = Object.keys(extra).map((k) => [k, extra[k]]);
        equal(extraPairs[0][0], "7", "Object.keys order: the integer-like key first");
        equal(withExtra.body, new URLSearchParams([...basePairs, ...extraPairs]).toString(), JSON.stringify(extra));
        deepEqual([...new URLSearchParams(withExtra.body)], [...basePairs, ...extraPairs]);
        deepEqual(withExtra.headers, plain.headers);
        const baseJson = lib.tokenRequest(grant, { ...client, format: "json" }).body;
        const j = lib.tokenRequest({ ...grant, extra }, { ...client, format: "json" });
        equal(j.body, json([...Object.entries(JSON.parse(baseJson)), ...extraPairs]), "JSON.stringify of each member, in order");
        deepEqual(JSON.parse(j.body), { ...JSON.parse(baseJson), ...extra });
      }
      // the two documented uses
      const auth0 = lib.tokenRequest({ type: "client_credentials", extra: { audience: "https://api.example.com/" } },
        { endpoint: TOKEN, clientId: "c", clientSecret: "s", auth: "client_secret_post", format: "json" });
      equal(auth0.body, '{"grant_type":"client_credentials","client_id":"c","client_secret":"s","audience":"https://api.example.com/"}');
      const rfc8707 = lib.tokenRequest({ type: "authorization_code", code: "c", redirectUri: REDIRECT, extra: { resource: "https://rs.example.com/" } }, { endpoint: TOKEN, clientId: "spa" });
      equal(rfc8707.body, `grant_type=authorization_code&code=c&redirect_uri=${formEncode(REDIRECT)}&client_id=spa&resource=https%3A%2F%2Frs.example.com%2F`);
      // undefined values are skipped, empty strings sent; a null-prototype object and an own __proto__ key work
      equal(lib.tokenRequest({ type: "refresh_token", refreshToken: "r", extra: { a: undefined, b: "" } }, { endpoint: TOKEN, clientId: "c" }).body,
        "grant_type=refresh_token&refresh_token=r&client_id=c&b=");
      const bare = Object.assign(Object.create(null), { resource: "x" });
      ok(lib.tokenRequest({ type: "client_credentials", extra: bare }, clients[0]).body.endsWith("&resource=x"));
      ok(lib.tokenRequest({ type: "client_credentials", extra: JSON.parse('{"__proto__":"p"}') }, clients[0]).body.endsWith("&__proto__=p"));
      equal({}.p, undefined);
    }],
    ["tokenRequest extra: misuse (TypeError / RangeError), each followed by a valid call", () => {
      const client = { endpoint: TOKEN, clientId: "c", clientSecret: "s" };
      const valid = () => equal(lib.tokenRequest({ type: "client_credentials", extra: { audience: "a" } }, client).body, "grant_type=client_credentials&audience=a");
      const rows = [];
      for (const type of ["client_credentials", "authorization_code", "refresh_token"]) {
        const g = type === "client_credentials" ? { type } : type === "authorization_code" ? { type, code: "c", redirectUri: REDIRECT } : { type, refreshToken: "r" };
        for (const [label, extra] of [["number value", { a: 1 }], ["null value", { a: null }], ["object value", { a: {} }], ["String object", { a: new String("x") }],
          ["lone surrogate value", { a: "x\uD800" }], ["lone surrogate name", { "\uDC00": "x" }], ["null", null], ["string", "audience=a"], ["array", [["audience", "a"]]],
          ["Map", new Map([["audience", "a"]])], ["URLSearchParams", new URLSearchParams("audience=a")], ["function", () => 1], ["number", 5]]) {
          rows.push([`${type}: extra ${label}`, () => lib.tokenRequest({ ...g, extra }, client), TE]);
        }
        for (const name of ["grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id", "client_secret", ""]) {
          rows.push([`${type}: extra sets '${name}'`, () => lib.tokenRequest({ ...g, extra: { audience: "a", [name]: "x" } }, client), RE]);
          // also where the auth method sends no secret in the body, and for a public client
          rows.push([`${type}: extra sets '${name}' (json, public)`, () => lib.tokenRequest({ ...g, extra: { [name]: "x" } }, { endpoint: TOKEN, clientId: "c", format: "json" }), RE]);
        }
        rows.push([`${type}: unknown grant key next to extra`, () => lib.tokenRequest({ ...g, extra: {}, extras: {} }, client), TE]);
      }
      for (const [label, fn, exp] of rows) {
        const e = throws(fn, exp, label);
        if (exp === RE && /extra sets '(.+)'/.test(label)) ok(e.message.includes(label.match(/'(.*)'/)[1]), e.message);
        valid();
      }
      ok(rows.length >= 80, `${rows.length} rows`);
      // a polluted Object.prototype adds no parameter (own keys only), and grant.extra itself is not inherited
      try {
        Object.prototype.audience = "polluted";
        equal(lib.tokenRequest({ type: "client_credentials", extra: { resource: "r" } }, client).body, "grant_type=client_credentials&resource=r");
        Object.prototype.extra = { audience: "polluted" };
        equal(lib.tokenRequest({ type: "client_credentials" }, client).body, "grant_type=client_credentials");
      } finally {
        delete Object.prototype.audience;
        delete Object.prototype.extra;
      }
      valid();
    }],
    ["parseAuthorizationCallback: RFC 6749 §4.1.2 / §4.1.2.1 and RFC 9207 examples", () => {
      deepEqual(lib.parseAuthorizationCallback("https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", { state: "xyz" }),
        { code: "SplxlOBeZQQYbYS6WxSbIA", state: "xyz" });
      deepEqual(Object.keys(lib.parseAuthorizationCallback("?state=xyz&code=a", { state: "xyz" })), ["code", "state"]);
      const e = throws(() => lib.parseAuthorizationCallback("https://client.example.com/cb?error=access_denied&state=xyz", { state: "xyz" }), code("ERR_OAUTH_ACCESS_DENIED"));
      ok(e instanceof lib.AuthsmithError);
      equal(e.error, "access_denied");
      equal(e.errorDescription, undefined);
      equal(e.errorUri, undefined);
      const honest = "https://client.example/cb?code=x1848ZT64p4IirMPT0R-X3141MFPTuBX-VFL_cvaplMH58&state=ZWVlNDBlYzA1NjdkMDNhYjg3ZjUxZjAyNGQzMTM2NzI&iss=https%3A%2F%2Fhonest.as.example";
      deepEqual(lib.parseAuthorizationCallback(honest, { state: "ZWVlNDBlYzA1NjdkMDNhYjg3ZjUxZjAyNGQzMTM2NzI", issuer: "https://honest.as.example" }),
        { code: "x1848ZT64p4IirMPT0R-X3141MFPTuBX-VFL_cvaplMH58", state: "ZWVlNDBlYzA1NjdkMDNhYjg3ZjUxZjAyNGQzMTM2NzI", iss: "https://honest.as.example" });
      throws(() => lib.parseAuthorizationCallback(honest, { state: "ZWVlNDBlYzA1NjdkMDNhYjg3ZjUxZjAyNGQzMTM2NzI", issuer: "https://attacker.example" }), code("ERR_ISSUER_MISMATCH"));
      for (const c of ["ERR_OAUTH_ACCESS_DENIED", "ERR_STATE_MISMATCH", "ERR_ISSUER_MISMATCH", "ERR_MALFORMED_CALLBACK"]) ok(lib.ERROR_CODES.includes(c), c);
    }],
    ["parseAuthorizationCallback: the query decoded exactly as URLSearchParams decodes it", () => {
      const tricky = ["+", "%2B", "%20", "a+b%2Bc%20d", "%zz", "%", "%4", "%%32%30", "100%", "%C3%A9", "é", "😀", "%F0%9F%98%80", "%FF", "%C3", "%E2%82",
        "%E2%82%", "%ED%A0%80", "%C0%80", "%F4%90%80%80", "%EF%BB%BF", "a=b=c", "?x", "%3D%26", "%2525", "%u00e9", "%C3%A9%FF%C3%A9"];
      for (const t of tricky) {
        const q = `?code=c&state=xyz&iss=${t}`;
        equal(lib.parseAuthorizationCallback(q, { state: "xyz" }).iss, new URLSearchParams(q).get("iss"), t);
        // names are decoded the same way
        const q2 = `?c%6Fde=c&st%61te=xyz&%69ss=${t}`;
        equal(lib.parseAuthorizationCallback(q2, { state: "xyz" }).iss, new URLSearchParams(q2).get("iss"), `${t} (encoded names)`);
      }
      // random octets, percent-encoded or raw, against URLSearchParams and new URL().searchParams
      for (let i = 0; i < 400; i++) {
        const bytes = lib.randomBytes(1 + (i % 12));
        // mostly %XX (upper or lower case hex), some raw printable characters and '+'
        const hex = (b) => (i % 2 ? b.toString(16).padStart(2, "0") : b.toString(16).padStart(2, "0").toUpperCase());
        const enc = Array.from(bytes, (b) => (b % 5 === 0 ? String.fromCharCode(0x21 + (b % 90)).replace(/[#&]/, "+") : "%" + hex(b))).join("");
        const url = `https://client.example.com/cb?x=1&state=xyz&iss=${enc}&code=${formEncode(`c${i} +/`)}`;
        const sp = new URL(url).searchParams;
        const out = lib.parseAuthorizationCallback(url, { state: "xyz" });
        equal(out.iss, sp.get("iss"), enc);
        equal(out.code, sp.get("code"));
      }
      // code and state any VSCHAR, built by URLSearchParams, read back
      for (let i = 0; i < 200; i++) {
        const vs = (n) => Array.from(lib.randomBytes(n), (b) => String.fromCharCode(0x20 + (b % 95))).join("");
        const codeValue = vs(1 + (i % 50)), state = vs(1 + (i % 43));
        const qs = new URLSearchParams([["session_state", randomText(lib, 3)], ["code", codeValue], ["state", state]]);
        const back = `${REDIRECT}?${qs}`;
        deepEqual(lib.parseAuthorizationCallback(back, { state }), { code: codeValue, state });
        throws(() => lib.parseAuthorizationCallback(back, { state: state + "x" }), code("ERR_STATE_MISMATCH"));
      }
      // only the query: the fragment is never read
      equal(lib.parseAuthorizationCallback("?code=a&state=xyz#code=b&state=evil", { state: "xyz" }).code, "a");
      throws(() => lib.parseAuthorizationCallback(`${REDIRECT}#code=a&state=xyz`, { state: "xyz" }), { ...code("ERR_MALFORMED_CALLBACK"), message: /fragment/ });
      throws(() => lib.parseAuthorizationCallback("?code=a#state=xyz", { state: "xyz" }), { ...code("ERR_STATE_MISMATCH"), message: /fragment/ });
      throws(() => lib.parseAuthorizationCallback("code=a&state=xyz", { state: "xyz" }), code("ERR_MALFORMED_CALLBACK"));
      // a path with its query (Node's req.url) and a query alone
      equal(lib.parseAuthorizationCallback("/cb?code=a&state=xyz", { state: "xyz" }).code, "a");
      equal(lib.parseAuthorizationCallback("?code=a&state=xyz", { state: "xyz" }).code, "a");
    }],
    ["parseAuthorizationCallback: state first, then repeats, then iss, then error, then code", () => {
      const p = (url, opts = {}) => lib.parseAuthorizationCallback(url, { state: "xyz", ...opts });
      // a wrong, missing or repeated state wins over everything else the callback says
      for (const url of ["?code=a", "?code=a&state=", "?code=a&state=XYZ", "?code=a&state=xyz&state=xyz", "?code=a&state=evil&state=xyz",
        "?error=access_denied&error_description=Call+0800+FRAUD&state=evil", "?error=server_error", "?code=a&code=b&state=evil", "?state=evil"]) {
        const e = throws(() => p(url), code("ERR_STATE_MISMATCH"), url);
        ok(!/FRAUD|evil/.test(e.message), e.message);
        throws(() => p(url, { issuer: "https://as.example" }), code("ERR_STATE_MISMATCH"), `${url} (issuer)`);
      }
      for (const name of ["code", "error", "error_description", "error_uri", "iss"]) {
        throws(() => p(`?state=xyz&code=a&${name}=1&${name}=2`), { ...code("ERR_MALFORMED_CALLBACK"), message: new RegExp(name) }, name);
      }
      equal(p("?state=xyz&code=a&x=1&x=2").code, "a", "unread parameters may repeat");
      // iss: returned unchecked without an issuer; with one, present and equal, error responses included
      equal(p("?state=xyz&code=a&iss=whatever").iss, "whatever");
      const issuer = "https://as.example";
      equal(p(`?state=xyz&code=a&iss=${formEncode(issuer)}`, { issuer }).iss, issuer);
      for (const url of ["?state=xyz&code=a", "?state=xyz&code=a&iss=https%3A%2F%2Fas.example%2F", "?state=xyz&code=a&iss=https%3A%2F%2Fevil.example",
        "?state=xyz&error=access_denied", "?state=xyz&error=access_denied&iss=https%3A%2F%2Fevil.example"]) {
        throws(() => p(url, { issuer }), code("ERR_ISSUER_MISMATCH"), url);
      }
      // error codes, fields as sent (decoded), message printable and bounded; an error wins over a code
      for (const [error, c] of [["access_denied", "ERR_OAUTH_ACCESS_DENIED"], ["invalid_request", "ERR_OAUTH_INVALID_REQUEST"],
        ["unauthorized_client", "ERR_OAUTH_UNAUTHORIZED_CLIENT"], ["invalid_scope", "ERR_OAUTH_INVALID_SCOPE"], ["unsupported_response_type", "ERR_OAUTH_ERROR"],
        ["server_error", "ERR_OAUTH_ERROR"], ["temporarily_unavailable", "ERR_OAUTH_ERROR"], ["login_required", "ERR_OAUTH_ERROR"], ["invalid_grant", "ERR_OAUTH_ERROR"]]) {
        const url = `?code=a&state=xyz&error=${error}&error_description=The+user%0Asaid+%22no%22&error_uri=https%3A%2F%2Fas.example%2Fe%3Fx%3D1`;
        const e = throws(() => p(url), code(c), error);
        equal(e.error, error);
        equal(e.errorDescription, 'The user\nsaid "no"');
        equal(e.errorUri, "https://as.example/e?x=1");
        equal(e.message, `the authorization server answered ${error}: The user?said "no"`);
      }
      const long = throws(() => p(`?state=xyz&error=x&error_description=${"y".repeat(5000)}`), code("ERR_OAUTH_ERROR"));
      ok(long.message.length < 300 && long.errorDescription.length === 5000);
      throws(() => p("?state=xyz&error="), code("ERR_MALFORMED_CALLBACK"));
      // code: present, 1*VSCHAR
      for (const url of ["?state=xyz", "?state=xyz&code=", "?state=xyz&code", "?state=xyz&code=a%0Ab", "?state=xyz&code=%C3%A9", "?state=xyz&code=%FF"]) {
        throws(() => p(url), code("ERR_MALFORMED_CALLBACK"), url);
      }
      // the URL itself: control characters and spaces are refused (new URL() would drop tabs and newlines silently)
      for (const url of ["", " ?code=a&state=xyz", "?code=a\n&state=xyz", "?code=a\t&state=xyz", "?code=a&state=xyz\r\n", "?code=a b&state=xyz"]) {
        throws(() => p(url), code("ERR_INVALID_URL"), JSON.stringify(url));
      }
    }],
    ["parseAuthorizationCallback: misuse (TypeError / RangeError), each followed by a valid call; prototype pollution ignored", () => {
      const url = "https://client.example.com/cb?code=a&state=xyz";
      const valid = () => deepEqual(lib.parseAuthorizationCallback(url, { state: "xyz" }), { code: "a", state: "xyz" });
      const rows = [
        ["url: number", () => lib.parseAuthorizationCallback(5, { state: "xyz" }), TE],
        ["url: URL object", () => lib.parseAuthorizationCallback(new URL(url), { state: "xyz" }), TE],
        ["url: undefined", () => lib.parseAuthorizationCallback(undefined, { state: "xyz" }), TE],
        ["url: lone surrogate", () => lib.parseAuthorizationCallback(url + "&x=\uD800", { state: "xyz" }), TE],
        ["options missing", () => lib.parseAuthorizationCallback(url), TE],
        ["options: a string", () => lib.parseAuthorizationCallback(url, "xyz"), TE],
        ["options.state missing", () => lib.parseAuthorizationCallback(url, {}), TE],
        ["options.state: number", () => lib.parseAuthorizationCallback(url, { state: 5 }), TE],
        ["options.state: null", () => lib.parseAuthorizationCallback(url, { state: null }), TE],
        ["options.state: lone surrogate", () => lib.parseAuthorizationCallback(url, { state: "\uDC00" }), TE],
        ["options.issuer: number", () => lib.parseAuthorizationCallback(url, { state: "xyz", issuer: 1 }), TE],
        ["options: unknown key", () => lib.parseAuthorizationCallback(url, { state: "xyz", iss: "https://as" }), TE],
        ["options.state empty", () => lib.parseAuthorizationCallback("?code=a&state=", { state: "" }), RE],
        ["options.state with a newline", () => lib.parseAuthorizationCallback(url, { state: "xyz\n" }), RE],
        ["options.state non-ASCII", () => lib.parseAuthorizationCallback(url, { state: "é" }), RE],
        ["options.issuer not a URL", () => lib.parseAuthorizationCallback(url, { state: "xyz", issuer: "as.example" }), code("ERR_INVALID_URL")],
        ["options.issuer http: to a public host", () => lib.parseAuthorizationCallback(url, { state: "xyz", issuer: "http://as.example" }), code("ERR_INVALID_URL")],
      ];
      for (const [label, fn, exp] of rows) {
        throws(fn, exp, label);
        valid();
      }
      try {
        Object.prototype.issuer = "https://evil.example";
        Object.prototype.state = "xyz";
        valid();
        throws(() => lib.parseAuthorizationCallback(url, {}), TE, "an inherited state is not the state");
      } finally {
        delete Object.prototype.issuer;
        delete Object.prototype.state;
      }
      valid();
    }],
    ["errors never contain the secret, and the module keeps working after each", () => {
      const secret = "S3cr3t-" + lib.randomToken(16);
      const attempts = [
        () => lib.clientSecretBasic("id", secret + "\n"),
        () => lib.clientSecretBasic(secret + "\u0000", "s"),
        () => lib.tokenRequest({ type: "client_credentials" }, { endpoint: TOKEN, clientId: "c", clientSecret: secret + "\r" }),
        () => lib.tokenRequest({ type: "refresh_token", refreshToken: secret + "\n" }, { endpoint: TOKEN, clientId: "c" }),
        () => lib.tokenRequest({ type: "authorization_code", code: secret + "\u0001", redirectUri: REDIRECT }, { endpoint: TOKEN, clientId: "c" }),
        () => lib.tokenRequest({ type: "authorization_code", code: "c", redirectUri: REDIRECT, codeVerifier: secret + "+" }, { endpoint: TOKEN, clientId: "c" }),
        () => lib.pkceChallenge(secret + "!"),
        () => lib.parseTokenResponse({ access_token: secret + "\n", token_type: "b" }),
        () => lib.parseTokenResponse(`{"access_token":"${secret}","token_type":"b","expires_in":-1}`),
        () => lib.parseTokenResponse(`{"access_token":"${secret}"`),
        () => lib.authorizationUrl({ endpoint: `https://h/a?code_verifier=${secret}&client_id=1`, clientId: "c", redirectUri: REDIRECT, state: "s" }),
        () => lib.parseAuthorizationCallback(`${REDIRECT}?code=${secret}&state=other`, { state: "st" }),
        () => lib.parseAuthorizationCallback(`${REDIRECT}?code=${secret}%0A&state=st`, { state: "st" }),
        () => lib.parseAuthorizationCallback(`${REDIRECT}?code=${secret}&code=${secret}&state=st`, { state: "st" }),
        () => lib.parseAuthorizationCallback(`${REDIRECT}?code=${secret}&state=st`, { state: "st", issuer: "https://as.example" }),
        () => lib.parseAuthorizationCallback(`${REDIRECT}?code=c&state=${secret}`, { state: "st" }),
        () => lib.parseAuthorizationCallback(`${REDIRECT}?code=c&state=st`, { state: secret }),
        () => lib.tokenRequest({ type: "client_credentials", extra: { client_secret: secret } }, { endpoint: TOKEN, clientId: "c" }),
        () => lib.tokenRequest({ type: "client_credentials", extra: { x: secret + "\uD800" } }, { endpoint: TOKEN, clientId: "c" }),
      ];
      for (const f of attempts) {
        const e = throws(f, {});
        equal(String(e.message).includes(secret.slice(7)), false, e.message);
        equal(lib.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
      }
    }],
  ];
}
