// End to end: a small OAuth 2.0 authorization server (node:http on 127.0.0.1, written
// here from RFC 6749 / RFC 7636 / RFC 8707 / RFC 9207, independent of authsmith) driven
// through client credentials (with an Auth0-style `audience`), authorization code + PKCE
// (the server checks the S256 challenge and an RFC 8707 `resource`; its redirect carries
// `iss`, read back with parseAuthorizationCallback) and refresh, using only authsmith's
// builders and fetch. Node-only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as lib from "authsmith";

// ---------------------------------------------------------------------------------------
// The server

/** RFC 6749 §2.3.1: the Basic user-id and password are form-urlencoded; decode them. */
const formDecode = (s) => decodeURIComponent(s.replace(/\+/g, " "));
const b64url = (buf) => buf.toString("base64url");
const sameSecret = (a, b) => {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function startServer() {
  const clients = new Map([
    // the BJET sync module: a confidential client with a secret full of characters that
    // must be form-urlencoded before Basic (RFC 6749 §2.3.1)
    ["bjet-sync", { secret: "s3cr3t +/:=%&é€😀", scopes: ["work-orders:read", "inventory:read"], redirects: [] }],
    // the MES web app: confidential, authorization code
    ["mes-web", { secret: "mes-secret", scopes: ["work-orders:read", "work-orders:write", "inventory:read"], redirects: [] }],
    // a public client (SPA / native): no secret, PKCE required
    ["mes-spa", { secret: null, scopes: ["work-orders:read", "inventory:read"], redirects: [] }],
  ]);
  // RFC 8707 resources / Auth0-style audiences the server issues tokens for (set at listen)
  const resources = new Set();
  let issuer = ""; // RFC 9207: sent as `iss` on every authorization response
  const codes = new Map(); // code -> { clientId, redirectUri, challenge, scope, used }
  const refreshTokens = new Map(); // token -> { clientId, scope }
  const accessTokens = new Map(); // token -> { clientId, scope, exp }
  const log = [];

  const json = (res, status, body, headers = {}) => {
    res.writeHead(status, { "Content-Type": "application/json;charset=UTF-8", "Cache-Control": "no-store", ...headers });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res, status, error, description) =>
    json(res, status, { error, error_description: description }, status === 401 ? { "WWW-Authenticate": 'Basic realm="token"' } : {});

  const issue = (clientId, scope, withRefresh, aud) => {
    const access = b64url(randomBytes(24));
    accessTokens.set(access, { clientId, scope, exp: Date.now() + 3600_000, aud });
    const body = { access_token: access, token_type: "Bearer", expires_in: 3600, scope: scope.join(" ") };
    if (withRefresh) {
      const refresh = b64url(randomBytes(24));
      refreshTokens.set(refresh, { clientId, scope });
      body.refresh_token = refresh;
    }
    return body;
  };

  /** Client authentication: Basic (form-decoded parts), or the body (post), or public. */
  const authenticate = (req, params) => {
    const h = req.headers.authorization;
    let id, secret, method;
    if (h) {
      const m = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(h);
      if (!m) return { error: "malformed Authorization" };
      const raw = Buffer.from(m[1], "base64").toString("utf8");
      const i = raw.indexOf(":");
      if (i < 0) return { error: "malformed Basic credentials" };
      id = formDecode(raw.slice(0, i));
      secret = formDecode(raw.slice(i + 1));
      method = "client_secret_basic";
      if (params.client_secret !== undefined) return { error: "two authentication methods" };
    } else if (params.client_secret !== undefined) {
      id = params.client_id;
      secret = params.client_secret;
      method = "client_secret_post";
    } else {
      id = params.client_id;
      method = "none";
    }
    const client = clients.get(id);
    if (!client) return { error: "unknown client" };
    if (client.secret === null) {
      if (method !== "none") return { error: "public clients have no secret" };
    } else if (method === "none" || !sameSecret(secret, client.secret)) {
      return { error: "client authentication failed" };
    }
    return { id, client, method };
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    try {
      if (req.method === "GET" && url.pathname === "/authorize") {
        // RFC 6749 §4.1.1 / RFC 7636 §4.3. Errors before a redirect URI is trusted are 400s.
        const q = url.searchParams;
        const names = [...q.keys()];
        if (new Set(names).size !== names.length) return json(res, 400, { error: "invalid_request", error_description: "repeated parameter" });
        const client = clients.get(q.get("client_id"));
        const redirectUri = q.get("redirect_uri");
        if (!client || !client.redirects.includes(redirectUri)) return json(res, 400, { error: "invalid_request", error_description: "unknown client or redirect_uri" });
        const back = new URL(redirectUri);
        const fail = (error, description) => {
          back.searchParams.set("error", error);
          if (description) back.searchParams.set("error_description", description);
          if (q.has("state")) back.searchParams.set("state", q.get("state"));
          back.searchParams.set("iss", issuer);
          res.writeHead(302, { Location: back.href }).end();
        };
        if (q.get("response_type") !== "code") return fail("unsupported_response_type");
        const challenge = q.get("code_challenge");
        if (client.secret === null && !challenge) return fail("invalid_request"); // PKCE required for public clients
        if (challenge && (q.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge))) return fail("invalid_request");
        const scope = (q.get("scope") ?? "").split(" ").filter(Boolean);
        if (scope.some((s) => !client.scopes.includes(s))) return fail("invalid_scope");
        if (q.get("login_hint") === "says-no") return fail("access_denied", "The resource owner denied the request");
        const code = b64url(randomBytes(16));
        codes.set(code, { clientId: q.get("client_id"), redirectUri, challenge, scope, used: false, extra: q.get("prompt") });
        back.searchParams.set("code", code);
        if (q.has("state")) back.searchParams.set("state", q.get("state"));
        back.searchParams.set("iss", issuer);
        return res.writeHead(302, { Location: back.href }).end();
      }
      if (req.method === "POST" && url.pathname === "/token") {
        let raw = "";
        for await (const chunk of req) raw += chunk;
        const type = (req.headers["content-type"] ?? "").split(";")[0].trim();
        log.push({ type, accept: req.headers.accept, authorization: req.headers.authorization ?? null, raw });
        let params;
        if (type === "application/x-www-form-urlencoded") params = Object.fromEntries(new URLSearchParams(raw));
        else if (type === "application/json") params = JSON.parse(raw);
        else return oauthError(res, 400, "invalid_request", "unsupported content type");
        const auth = authenticate(req, params);
        if (auth.error) return oauthError(res, 401, "invalid_client", auth.error);
        // RFC 8707 resource / Auth0 audience: an optional target the token is issued for
        for (const k of ["resource", "audience"]) {
          if (params[k] !== undefined && (typeof params[k] !== "string" || !resources.has(params[k]))) {
            return oauthError(res, 400, k === "resource" ? "invalid_target" : "invalid_request", `unknown ${k}`);
          }
        }
        const aud = params.resource ?? params.audience;
        switch (params.grant_type) {
          case "client_credentials": {
            if (auth.client.secret === null) return oauthError(res, 400, "unauthorized_client", "public clients cannot use client_credentials");
            const scope = (params.scope ?? "").split(" ").filter(Boolean);
            if (scope.some((s) => !auth.client.scopes.includes(s))) return oauthError(res, 400, "invalid_scope", `not allowed: ${scope.join(" ")}`);
            return json(res, 200, issue(auth.id, scope.length ? scope : auth.client.scopes, false, aud));
          }
          case "authorization_code": {
            const c = codes.get(params.code);
            if (!c || c.used || c.clientId !== auth.id) return oauthError(res, 400, "invalid_grant", "unknown, used or foreign code");
            c.used = true; // single use (RFC 6749 §4.1.2), even when the checks below fail
            if (params.redirect_uri !== c.redirectUri) return oauthError(res, 400, "invalid_grant", "redirect_uri mismatch");
            if (c.challenge) {
              // RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge
              const v = params.code_verifier;
              if (typeof v !== "string" || !/^[A-Za-z0-9\-._~]{43,128}$/.test(v)) return oauthError(res, 400, "invalid_grant", "code_verifier missing or malformed");
              if (b64url(createHash("sha256").update(v, "ascii").digest()) !== c.challenge) return oauthError(res, 400, "invalid_grant", "PKCE verification failed");
            }
            return json(res, 200, issue(auth.id, c.scope, true, aud));
          }
          case "refresh_token": {
            const r = refreshTokens.get(params.refresh_token);
            if (!r || r.clientId !== auth.id) return oauthError(res, 400, "invalid_grant", "refresh token invalid, expired or revoked");
            refreshTokens.delete(params.refresh_token); // rotation: the old one is spent
            const scope = params.scope ? params.scope.split(" ").filter(Boolean) : r.scope;
            if (scope.some((s) => !r.scope.includes(s))) return oauthError(res, 400, "invalid_scope", "wider than the original grant");
            return json(res, 200, issue(auth.id, scope, true));
          }
          default:
            return oauthError(res, 400, "unsupported_grant_type", String(params.grant_type));
        }
      }
      if (req.method === "GET" && url.pathname === "/api/v2/work-orders") {
        const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(req.headers.authorization ?? "");
        const t = m && accessTokens.get(m[1]);
        if (!t || t.exp < Date.now()) return json(res, 401, { error: "invalid_token" }, { "WWW-Authenticate": 'Bearer realm="mes", error="invalid_token"' });
        if (!t.scope.includes("work-orders:read")) return json(res, 403, { error: "insufficient_scope" });
        return json(res, 200, { data: [{ id: "WO-1" }], client: t.clientId, aud: t.aud ?? null });
      }
      res.writeHead(404).end();
    } catch (e) {
      json(res, 500, { error: "server_error", error_description: String(e.message) });
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      for (const c of clients.values()) c.redirects.push(`${base}/callback`, "https://mes.example/callback?from=auth");
      issuer = base;
      resources.add(`${base}/api/v2`).add("https://api.mes.example/");
      resolve({ server, base, log, codes, refreshTokens });
    });
  });
}

// ---------------------------------------------------------------------------------------
// The client: only authsmith and fetch

let srv;
before(async () => { srv = await startServer(); });
after(() => new Promise((r) => srv.server.close(r)));

/** Sends a tokenRequest() with fetch and reads the answer with parseTokenResponse(). */
async function token(grant, client) {
  const req = lib.tokenRequest(grant, client);
  const res = await fetch(req.url, req);
  return { status: res.status, text: await res.text() };
}
async function tokenSet(grant, client) {
  const r = await token(grant, client);
  return lib.parseTokenResponse(r.text);
}
async function callApi(tokenSet) {
  const { url, headers } = lib.applyAuth({ url: `${srv.base}/api/v2/work-orders`, headers: { Accept: "application/json" } }, { type: "oauth2", tokenSet });
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
}
/** Follows the authorization URL like a browser whose user consents at once. */
async function authorize(input) {
  const { url, state } = lib.authorizationUrl(input);
  const res = await fetch(url, { redirect: "manual" });
  assert.equal(res.status, 302, await res.text());
  const back = new URL(res.headers.get("location"));
  return { sent: state, back };
}

test("client credentials (BJET): client_secret_basic with a secret full of + / : = % space and non-ASCII", async () => {
  const client = { endpoint: `${srv.base}/token`, clientId: "bjet-sync", clientSecret: "s3cr3t +/:=%&é€😀" };
  const ts = await tokenSet({ type: "client_credentials", scope: "work-orders:read" }, client);
  assert.equal(ts.tokenType, "Bearer");
  assert.deepEqual(ts.scope, ["work-orders:read"]);
  assert.ok(ts.expiresAt > Date.now() + 3500_000 && ts.expiresAt <= Date.now() + 3600_000);
  assert.equal(lib.needsRefresh(ts), false);
  assert.equal(lib.needsRefresh(ts, { now: ts.expiresAt - 59_000 }), true, "refresh before expiry");
  const sent = srv.log.at(-1);
  assert.equal(sent.type, "application/x-www-form-urlencoded");
  assert.equal(sent.accept, "application/json");
  assert.equal(sent.authorization, lib.clientSecretBasic("bjet-sync", "s3cr3t +/:=%&é€😀"));
  assert.equal(sent.raw, "grant_type=client_credentials&scope=work-orders%3Aread");
  const api = await callApi(ts);
  assert.equal(api.status, 200);
  assert.equal(api.body.client, "bjet-sync");
});

test("client credentials: client_secret_post, form and JSON bodies; every failure is a typed AuthsmithError", async () => {
  const endpoint = `${srv.base}/token`;
  for (const format of ["form", "json"]) {
    const ts = await tokenSet({ type: "client_credentials" }, { endpoint, clientId: "bjet-sync", clientSecret: "s3cr3t +/:=%&é€😀", auth: "client_secret_post", format });
    assert.deepEqual(ts.scope, ["work-orders:read", "inventory:read"]);
    assert.equal(srv.log.at(-1).authorization, null);
    assert.equal(srv.log.at(-1).type, format === "json" ? "application/json" : "application/x-www-form-urlencoded");
  }
  const cases = [
    [{ type: "client_credentials" }, { endpoint, clientId: "bjet-sync", clientSecret: "s3cr3t" }, "ERR_OAUTH_INVALID_CLIENT", 401],
    [{ type: "client_credentials" }, { endpoint, clientId: "nobody", clientSecret: "x", auth: "client_secret_post" }, "ERR_OAUTH_INVALID_CLIENT", 401],
    [{ type: "client_credentials", scope: "quality:write" }, { endpoint, clientId: "bjet-sync", clientSecret: "s3cr3t +/:=%&é€😀" }, "ERR_OAUTH_INVALID_SCOPE", 400],
    [{ type: "client_credentials" }, { endpoint, clientId: "mes-spa" }, "ERR_OAUTH_UNAUTHORIZED_CLIENT", 400],
    [{ type: "refresh_token", refreshToken: "nope" }, { endpoint, clientId: "mes-web", clientSecret: "mes-secret" }, "ERR_OAUTH_INVALID_GRANT", 400],
  ];
  for (const [grant, client, code, status] of cases) {
    const r = await token(grant, client);
    assert.equal(r.status, status);
    for (const body of [r.text, JSON.parse(r.text)]) {
      assert.throws(() => lib.parseTokenResponse(body), (e) => lib.isAuthsmithError(e) && e.code === code &&
        typeof e.error === "string" && typeof e.errorDescription === "string" && e.errorUri === undefined);
    }
  }
  // a server that is not an OAuth endpoint at all
  const res = await fetch(`${srv.base}/nothing-here`, { method: "POST" });
  const text = await res.text();
  assert.throws(() => lib.parseTokenResponse(text), { code: "ERR_INVALID_TOKEN_RESPONSE" });
});

test("authorization code + PKCE (public client): parseAuthorizationCallback (state, RFC 9207 iss), the server checks the S256 challenge and an RFC 8707 resource", async () => {
  const redirectUri = `${srv.base}/callback`;
  const endpoint = `${srv.base}/token`;
  const resource = `${srv.base}/api/v2`;
  const pkce = lib.createPkce();
  const { sent, back } = await authorize({ endpoint: `${srv.base}/authorize`, clientId: "mes-spa", redirectUri,
    scope: ["work-orders:read", "inventory:read"], codeChallenge: pkce.challenge, extra: { prompt: "consent" } });
  assert.equal(back.origin + back.pathname, redirectUri);
  assert.match(sent, /^[A-Za-z0-9_-]{43}$/);
  // the callback as the browser lands on it, and as a node:http server sees it (req.url)
  const cb = lib.parseAuthorizationCallback(back.href, { state: sent, issuer: srv.base });
  assert.deepEqual(cb, { code: back.searchParams.get("code"), state: sent, iss: srv.base }, "what URLSearchParams reads");
  assert.deepEqual(lib.parseAuthorizationCallback(back.pathname + back.search, { state: sent, issuer: srv.base }), cb);
  const { code } = cb;
  assert.equal(srv.codes.get(code).extra, "consent");
  assert.equal(srv.codes.get(code).challenge, pkce.challenge);
  // a forged callback (another state) or a mix-up (another issuer) never yields the code
  const forged = new URL(back.href);
  forged.searchParams.set("state", lib.createPkce().verifier);
  assert.throws(() => lib.parseAuthorizationCallback(forged.href, { state: sent, issuer: srv.base }), (e) => e.code === "ERR_STATE_MISMATCH" && !e.message.includes(code));
  assert.throws(() => lib.parseAuthorizationCallback(back.href, { state: sent, issuer: "https://other-as.example" }), { code: "ERR_ISSUER_MISMATCH" });

  // the token request names the resource (RFC 8707); the server checks it and scopes the token to it
  const grant = { type: "authorization_code", code, redirectUri, codeVerifier: pkce.verifier, extra: { resource } };
  const ts = await tokenSet(grant, { endpoint, clientId: "mes-spa" });
  assert.deepEqual(ts.scope, ["work-orders:read", "inventory:read"]);
  assert.ok(ts.refreshToken);
  assert.match(srv.log.at(-1).raw, new RegExp(`code_verifier=${pkce.verifier}&client_id=mes-spa&resource=${encodeURIComponent(resource)}$`));
  assert.equal(new URLSearchParams(srv.log.at(-1).raw).get("resource"), resource);
  const api = await callApi(ts);
  assert.equal(api.status, 200);
  assert.equal(api.body.aud, resource, "the server read the resource parameter");
  // an unknown resource is the server's invalid_target (RFC 8707 §2): ERR_OAUTH_ERROR with the error
  const again = await authorize({ endpoint: `${srv.base}/authorize`, clientId: "mes-spa", redirectUri, codeChallenge: pkce.challenge });
  const c2 = lib.parseAuthorizationCallback(again.back.href, { state: again.sent, issuer: srv.base }).code;
  await assert.rejects(tokenSet({ type: "authorization_code", code: c2, redirectUri, codeVerifier: pkce.verifier, extra: { resource: "https://nowhere.example/" } },
    { endpoint, clientId: "mes-spa" }), (e) => e.code === "ERR_OAUTH_ERROR" && e.error === "invalid_target");

  // the code is single-use
  await assert.rejects(tokenSet(grant, { endpoint, clientId: "mes-spa" }), { code: "ERR_OAUTH_INVALID_GRANT" });

  // a wrong verifier (another valid one) fails the server's S256 check
  const other = await authorize({ endpoint: `${srv.base}/authorize`, clientId: "mes-spa", redirectUri, codeChallenge: pkce.challenge });
  const wrong = lib.createPkce().verifier;
  const r = await token({ type: "authorization_code", code: other.back.searchParams.get("code"), redirectUri, codeVerifier: wrong }, { endpoint, clientId: "mes-spa" });
  assert.equal(r.status, 400);
  assert.throws(() => lib.parseTokenResponse(r.text), (e) => e.code === "ERR_OAUTH_INVALID_GRANT" && e.error === "invalid_grant" && /PKCE/.test(e.errorDescription));

  // no verifier at all
  const third = await authorize({ endpoint: `${srv.base}/authorize`, clientId: "mes-spa", redirectUri, codeChallenge: pkce.challenge });
  await assert.rejects(tokenSet({ type: "authorization_code", code: third.back.searchParams.get("code"), redirectUri }, { endpoint, clientId: "mes-spa" }),
    { code: "ERR_OAUTH_INVALID_GRANT" });

  // an authorization error comes back on the redirect, with the state and iss
  const denied = await authorize({ endpoint: `${srv.base}/authorize`, clientId: "mes-spa", redirectUri, scope: "quality:write", codeChallenge: pkce.challenge, state: "st-1" });
  assert.equal(denied.back.searchParams.get("error"), "invalid_scope");
  assert.equal(denied.back.searchParams.get("state"), "st-1");
  assert.throws(() => lib.parseAuthorizationCallback(denied.back.href, { state: "st-1", issuer: srv.base }),
    (e) => lib.isAuthsmithError(e) && e.code === "ERR_OAUTH_INVALID_SCOPE" && e.error === "invalid_scope");
  // the user says no: access_denied, with the server's description
  const no = await authorize({ endpoint: `${srv.base}/authorize`, clientId: "mes-spa", redirectUri, codeChallenge: pkce.challenge, extra: { login_hint: "says-no" } });
  assert.throws(() => lib.parseAuthorizationCallback(no.back.href, { state: no.sent, issuer: srv.base }),
    (e) => e.code === "ERR_OAUTH_ACCESS_DENIED" && e.error === "access_denied" && e.errorDescription === "The resource owner denied the request" && e.errorUri === undefined);
  // …but only for the state sent: the same answer with another state is a state mismatch, whatever it says
  assert.throws(() => lib.parseAuthorizationCallback(no.back.href, { state: "st-1", issuer: srv.base }), { code: "ERR_STATE_MISMATCH" });
});

test("client credentials with an Auth0-style audience: form and JSON, basic and post; the server checks it", async () => {
  const endpoint = `${srv.base}/token`;
  const secret = "s3cr3t +/:=%&é€😀";
  for (const [auth, format] of [["client_secret_basic", "form"], ["client_secret_post", "form"], ["client_secret_basic", "json"], ["client_secret_post", "json"]]) {
    const client = { endpoint, clientId: "bjet-sync", clientSecret: secret, auth, format };
    const ts = await tokenSet({ type: "client_credentials", scope: "inventory:read", extra: { audience: "https://api.mes.example/" } }, client);
    const sent = srv.log.at(-1);
    const params = format === "json" ? JSON.parse(sent.raw) : Object.fromEntries(new URLSearchParams(sent.raw));
    assert.equal(params.audience, "https://api.mes.example/", `${auth} ${format}`);
    assert.equal(Object.keys(params).at(-1), "audience", "after the parameters tokenRequest sets");
    if (format === "form") assert.ok(sent.raw.endsWith("&audience=https%3A%2F%2Fapi.mes.example%2F"), sent.raw);
    assert.equal((await callApi(ts)).status, 403, "a token for inventory:read only");
  }
  // the token is scoped to the audience the server read
  const ts = await tokenSet({ type: "client_credentials", extra: { audience: "https://api.mes.example/" } }, { endpoint, clientId: "bjet-sync", clientSecret: secret });
  assert.equal((await callApi(ts)).body.aud, "https://api.mes.example/");
  // an audience the server does not know is its invalid_request
  await assert.rejects(tokenSet({ type: "client_credentials", extra: { audience: "https://elsewhere.example/" } }, { endpoint, clientId: "bjet-sync", clientSecret: secret }),
    (e) => e.code === "ERR_OAUTH_INVALID_REQUEST" && e.errorDescription === "unknown audience");
  // extra cannot smuggle a second credential channel: refused before anything is sent
  const before = srv.log.length;
  assert.throws(() => lib.tokenRequest({ type: "client_credentials", extra: { client_secret: "x" } }, { endpoint, clientId: "bjet-sync", clientSecret: secret }), RangeError);
  assert.equal(srv.log.length, before);
});

test("authorization code (MES web app, JSON body as in the seed) and refresh with rotation", async () => {
  const redirectUri = "https://mes.example/callback?from=auth"; // a registered URI with its own query
  const endpoint = `${srv.base}/token`;
  const client = { endpoint, clientId: "mes-web", clientSecret: "mes-secret", auth: "client_secret_post", format: "json" };
  const { sent, back } = await authorize({ endpoint: `${srv.base}/authorize?tenant=acme`, clientId: "mes-web", redirectUri,
    scope: "work-orders:read inventory:read", state: "caller-state" });
  assert.equal(sent, "caller-state");
  assert.equal(back.searchParams.get("from"), "auth", "redirect_uri decoded once: its own query survived");
  const code = back.searchParams.get("code");

  const first = await tokenSet({ type: "authorization_code", code, redirectUri }, client);
  const sentBody = JSON.parse(srv.log.at(-1).raw);
  assert.deepEqual(Object.keys(sentBody), ["grant_type", "code", "redirect_uri", "client_id", "client_secret"]);
  assert.equal(srv.log.at(-1).type, "application/json");
  assert.ok(first.refreshToken);
  assert.equal((await callApi(first)).status, 200);

  // an hour later (as the MES docs say), minus the skew: refresh
  assert.equal(lib.needsRefresh(first, { now: first.expiresAt - 61_000 }), false);
  assert.equal(lib.needsRefresh(first, { now: first.expiresAt - 60_000 }), true);
  const second = await tokenSet({ type: "refresh_token", refreshToken: first.refreshToken }, client);
  assert.notEqual(second.accessToken, first.accessToken);
  assert.notEqual(second.refreshToken, first.refreshToken);
  assert.deepEqual(second.scope, ["work-orders:read", "inventory:read"]);
  assert.equal((await callApi(second)).status, 200);

  // the spent refresh token is refused; a narrower scope is allowed, a wider one is not
  await assert.rejects(tokenSet({ type: "refresh_token", refreshToken: first.refreshToken }, client), { code: "ERR_OAUTH_INVALID_GRANT" });
  const narrow = await tokenSet({ type: "refresh_token", refreshToken: second.refreshToken, scope: "inventory:read" },
    { endpoint, clientId: "mes-web", clientSecret: "mes-secret" });
  assert.deepEqual(narrow.scope, ["inventory:read"]);
  assert.equal(lib.hasScopes(narrow.scope, "work-orders:read"), false);
  assert.deepEqual(lib.missingScopes(narrow.scope, "work-orders:read inventory:read"), ["work-orders:read"]);
  assert.equal((await callApi(narrow)).status, 403);
  await assert.rejects(tokenSet({ type: "refresh_token", refreshToken: narrow.refreshToken, scope: "work-orders:write" },
    { endpoint, clientId: "mes-web", clientSecret: "mes-secret" }), { code: "ERR_OAUTH_INVALID_SCOPE" });
});

test("without a CSPRNG: createPkce and a generated state throw ERR_NO_RANDOM; a given state still works", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const code = `
    delete globalThis.crypto;
    const lib = await import("authsmith");
    const out = [];
    for (const f of [() => lib.createPkce(), () => lib.authorizationUrl({ endpoint: "https://h/a", clientId: "c", redirectUri: "https://h/cb" })]) {
      try { f(); out.push("no error"); } catch (e) { out.push(e.code); }
    }
    out.push(lib.authorizationUrl({ endpoint: "https://h/a", clientId: "c", redirectUri: "https://h/cb", state: "s" }).state);
    console.log(JSON.stringify(out));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), ["ERR_NO_RANDOM", "ERR_NO_RANDOM", "s"]);
});
