import { deepEqual, equal, ok, throws } from "./assert.mjs";

const NOW = 1691058833000;

export default function request(lib, { vectors }) {
  const misc = vectors["rfc_misc.json"];
  return [
    ["basicAuth / parseBasicAuth: RFC 7617 vectors (UTF-8, not Latin-1; ':' in the password)", () => {
      for (const c of misc.basic) {
        const header = lib.basicAuth(c.user_id, c.password);
        if (c.expected_credentials) {
          equal(header, `Basic ${c.expected_credentials}`, c.id);
          deepEqual(lib.parseBasicAuth(header), { username: c.user_id, password: c.password });
        }
        if (c.must_not_equal) equal(header, `Basic ${c.must_not_equal}`);
      }
      equal(lib.basicAuth("ea64d4a22db5bf893a4a21d5cb87f458", "3a8e5f0e3696d684de04fdAbde02f718"),
        "Basic ZWE2NGQ0YTIyZGI1YmY4OTNhNGEyMWQ1Y2I4N2Y0NTg6M2E4ZTVmMGUzNjk2ZDY4NGRlMDRmZEFiZGUwMmY3MTg=", "Smartstore seed example");
      throws(() => lib.basicAuth("a:b", "c"), { code: "ERR_INVALID_CREDENTIAL" });
      throws(() => lib.basicAuth("a", "c\n"), { code: "ERR_INVALID_CREDENTIAL" });
      throws(() => lib.basicAuth("a\u0000", "c"), { code: "ERR_INVALID_CREDENTIAL" });
      for (const bad of ["", "Basic", "Bearer abc", "Basic !!", "Basic dXNlcg==", "Basic /w=="]) {
        throws(() => lib.parseBasicAuth(bad), { code: "ERR_MALFORMED_AUTHORIZATION" }, bad);
      }
    }],
    ["bearerAuth / parseBearerAuth: RFC 6750 syntax vectors; no CR/LF/space reaches a header", () => {
      for (const c of misc.bearer_header_syntax) {
        if (c.valid) {
          const token = lib.parseBearerAuth(c.authorization);
          equal(lib.bearerAuth(token), `Bearer ${token}`);
        } else {
          throws(() => lib.parseBearerAuth(c.authorization), { code: "ERR_MALFORMED_AUTHORIZATION" }, c.why);
        }
      }
      equal(lib.bearerAuth("mF_9.B5f-4.1JqM"), "Bearer mF_9.B5f-4.1JqM");
      for (const bad of ["a b", "abc\r\nX-Injected: 1", "abc\n", "=abc", "a=b", "tök", '"abc"']) {
        throws(() => lib.bearerAuth(bad), { code: "ERR_INVALID_CREDENTIAL" }, JSON.stringify(bad));
      }
      throws(() => lib.bearerAuth(""), { code: "ERR_EMPTY_SECRET" });
    }],
    ["hmacSignatureHeaders: the BJET dynamic-authentication example", () => {
      // python3: hmac.new(b"secret", b"1700000000", hashlib.sha256).hexdigest()
      deepEqual(lib.hmacSignatureHeaders("secret", { timestamp: 1700000000 }), {
        "X-Timestamp": "1700000000",
        "X-Signature": "4b227f8831b3763d066901751ad4c583ed08832bf1924a4ec50c2e871b1e8586",
      });
      deepEqual(lib.hmacSignatureHeaders("secret", { timestamp: 1700000000, timestampHeader: "X-Ts", signatureHeader: "X-Sig", encoding: "base64" }), {
        "X-Ts": "1700000000",
        "X-Sig": lib.hmacSha256("secret", "1700000000", "base64"),
      });
      const now = Math.floor(Date.now() / 1000);
      const h = lib.hmacSignatureHeaders(new Uint8Array([1, 2, 3]));
      ok(Math.abs(Number(h["X-Timestamp"]) - now) <= 1);
      throws(() => lib.hmacSignatureHeaders(""), { code: "ERR_EMPTY_SECRET" });
      throws(() => lib.hmacSignatureHeaders("s", { timestampHeader: "X Ts" }), { code: "ERR_INVALID_HEADER_NAME" });
      throws(() => lib.hmacSignatureHeaders("s", { encoding: "base64url" }), { name: "RangeError" });
    }],
    ["applyAuth: every AuthConfig type", () => {
      const req = { url: "http://192.168.1.25/v1.0/lock?x=1#frag", headers: { authorization: "old", Accept: "application/json" } };
      deepEqual(lib.applyAuth(req, { type: "none" }), { url: req.url, headers: req.headers });
      deepEqual(lib.applyAuth(req, { type: "basic", username: "Aladdin", password: "open sesame" }).headers,
        { Accept: "application/json", Authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" });
      equal(lib.applyAuth(req, { type: "bearer", token: "sk-abc123" }).headers.Authorization, "Bearer sk-abc123");
      deepEqual(lib.applyAuth({ url: "https://h/p" }, { type: "apiKey", name: "X-API-Key", value: "k1" }).headers, { "X-API-Key": "k1" });
      equal(lib.applyAuth({ url: "https://h/p?a=1&api_key=old#f" }, { type: "apiKey", name: "api_key", value: "k 1&2", in: "query" }).url,
        "https://h/p?a=1&api_key=k%201%262#f");
      const tq = lib.applyAuth(req, { type: "tedee", token: "BE9xnPnGfVUS", in: "query" }, { now: NOW });
      equal(tq.url, "http://192.168.1.25/v1.0/lock?x=1&api_token=e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000#frag");
      deepEqual(tq.headers, req.headers, "query placement leaves headers");
      equal(lib.applyAuth(req, { type: "tedee", token: "BE9xnPnGfVUS" }, { now: NOW }).headers.api_token,
        "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000");
      equal(lib.applyAuth(req, { type: "tedee", token: "BE9xnPnGfVUS", mode: "plain" }).headers.api_token, "BE9xnPnGfVUS");
      deepEqual(lib.applyAuth({ url: "/x" }, { type: "hmac", secret: "secret" }, { now: 1700000000999 }).headers, {
        "X-Timestamp": "1700000000", "X-Signature": "4b227f8831b3763d066901751ad4c583ed08832bf1924a4ec50c2e871b1e8586" });
      const tokenSet = { accessToken: "at-1", tokenType: "bearer", expiresAt: NOW + 1000, scope: ["a"] };
      equal(lib.applyAuth({ url: "/x" }, { type: "oauth2", tokenSet }, { now: NOW }).headers.Authorization, "Bearer at-1");
      throws(() => lib.applyAuth({ url: "/x" }, { type: "oauth2", tokenSet }, { now: NOW + 1000 }), { code: "ERR_TOKEN_EXPIRED" });
      throws(() => lib.applyAuth({ url: "/x" }, { type: "oauth2", tokenSet: { ...tokenSet, tokenType: "MAC" } }, { now: NOW }), { code: "ERR_UNSUPPORTED_TOKEN_TYPE" });
      deepEqual(req.headers, { authorization: "old", Accept: "application/json" }, "input unchanged");
    }],
    ["applyAuth: HeadersLike inputs (Headers, pairs, Node arrays)", () => {
      const auth = { type: "bearer", token: "t" };
      if (typeof Headers === "function") {
        const out = lib.applyAuth({ url: "/", headers: new Headers({ Accept: "a", Authorization: "x" }) }, auth);
        deepEqual(out.headers, { accept: "a", Authorization: "Bearer t" });
      }
      deepEqual(lib.applyAuth({ url: "/", headers: [["Accept", "a"], ["AUTHORIZATION", "x"]] }, auth).headers, { Accept: "a", Authorization: "Bearer t" });
      deepEqual(lib.applyAuth({ url: "/", headers: { "set-cookie": ["a=1", "b=2"], x: undefined } }, auth).headers,
        { "set-cookie": "a=1, b=2", Authorization: "Bearer t" });
      deepEqual(lib.applyAuth({ url: "/", headers: new Map([["A", "1"]]) }, auth).headers, { A: "1", Authorization: "Bearer t" });
    }],
    ["redact: headers, URLs, header text; the secret never survives", () => {
      deepEqual(lib.redact({ Authorization: "Bearer abc.def", "X-API-Key": "k", Accept: "json", api_token: "t" }),
        { Authorization: "Bearer ****", "X-API-Key": "****", Accept: "json", api_token: "****" });
      equal(lib.redact("https://h/v1.0/lock?api_token=e59d97&x=1"), "https://h/v1.0/lock?api_token=****&x=1");
      equal(lib.redact("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\nHost: h"), "Authorization: Basic ****\nHost: h");
      equal(lib.redact("Bearer abc"), "Bearer ****");
      deepEqual(lib.redact([["Cookie", "sid=1; theme=dark"]]), [["Cookie", "sid=****; theme=****"]]);
      if (typeof Headers === "function") {
        const r = lib.redact(new Headers({ authorization: "Basic abc", accept: "x" }));
        ok(r instanceof Headers);
        equal(r.get("authorization"), "Basic ****");
        equal(r.get("accept"), "x");
      }
      for (let i = 0; i < 200; i++) {
        const secret = lib.randomToken(16);
        const text = [`Authorization: Bearer ${secret}`, `https://u:${secret}@h/p?access_token=${secret}&client_secret=${secret}`,
          `api_token: ${secret}`, `X-Hub-Signature-256: sha256=${secret}`, `Cookie: s=${secret}`].join("\r\n");
        ok(!lib.redact(text).includes(secret), text);
        ok(!JSON.stringify(lib.redact({ authorization: `Bearer ${secret}`, "x-api-key": secret, "proxy-authorization": secret })).includes(secret));
      }
    }],
  ];
}
