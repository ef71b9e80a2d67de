// A TypeScript consumer, type-checked (tsc --noEmit, strict) against the installed
// tarball's declarations. The runner copies it to esm.mts and cjs.cts (moduleResolution
// node16: index.d.ts and index.d.cts) and to app.ts (moduleResolution bundler).
// Each `// @ts-expect-error` line is a misuse the types must refuse (an unused directive
// is an error), each line marked `// typed` is a usage that must check. Both are counted.
import {
  AuthsmithError, ERROR_CODES, Hmac, ReplayGuard, TedeeKeyGenerator, applyAuth, basicAuth, createReplayGuard, createWebhookVerifier,
  hmacSha256, isAuthsmithError, parseAuthorizationCallback, randomBytes, ready, redact, sha256, signWebhook, tedeeApiKey,
  tokenRequest, verifyWebhook, signJwt, verifyJwt, decodeJwt, jwtExpiresAt, needsRefresh,
} from "authsmith";
import type {
  AuthConfig, AuthorizationCallback, Bytes, ErrorCode, HeadersLike, ReplayGuardLike, TokenGrant, VerifiedWebhook, WebhookScheme,
  DecodedJwt, JwtAlg, JwtErrorDetails, VerifyJwtOptions,
} from "authsmith";

export function typedUsages(): void {
  const key: string = tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 }); // typed
  const digest: Uint8Array = sha256(new Uint8Array([1, 2, 3])); // typed
  const mac: string = new Hmac("key").update("a").update(new ArrayBuffer(1)).digest("base64url"); // typed
  const started: Promise<void> = ready(); // typed
  const next: string = new TedeeKeyGenerator("token", { mode: "encrypted" }).next(1); // typed
  const auth: AuthConfig = { type: "apiKey", name: "x-api-key", value: "v", in: "query" }; // typed
  const req: { url: string; headers: Record<string, string> } = applyAuth({ url: "https://a.example/" }, auth); // typed
  const headers: Record<string, string> = signWebhook("standard", { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", payload: "{}" }); // typed
  const scheme: WebhookScheme = { header: "X-Signature", encoding: "hex", prefix: "sha256=" }; // typed
  const v: VerifiedWebhook = verifyWebhook(scheme, { secret: ["old", "new"], payload: "{}", headers: new Map(Object.entries(headers)) }); // typed
  const list: HeadersLike = [["authorization", "Bearer x"]]; // typed
  const masked: { authorization: string } = redact({ authorization: "Bearer x" }); // typed
  const line: string = redact("Authorization: Basic dXNlcjpwYXNz"); // typed
  const bytes: Bytes = randomBytes(16); // typed
  const codes: readonly ErrorCode[] = ERROR_CODES; // typed
  const cb: AuthorizationCallback = parseAuthorizationCallback("https://app.example/cb?code=c&state=s", { state: "s", issuer: "https://as.example" }); // typed
  const iss: string | undefined = cb.iss; // typed
  const grant: TokenGrant = { type: "authorization_code", code: cb.code, redirectUri: "https://app.example/cb", extra: { resource: "https://api.example/" } }; // typed
  const tr: { url: string; method: "POST"; body: string } = tokenRequest({ type: "client_credentials", extra: { audience: "https://api.example/" } }, { endpoint: "https://as.example/token", clientId: "c", clientSecret: "s" }); // typed
  const denied: ErrorCode = "ERR_OAUTH_ACCESS_DENIED"; // typed
  const callbackCodes: ErrorCode[] = ["ERR_STATE_MISMATCH", "ERR_ISSUER_MISMATCH", "ERR_MALFORMED_CALLBACK"]; // typed
  const jwt: string = signJwt({ sub: "u1", scope: ["a"] }, "0123456789abcdef0123456789abcdef", { alg: "HS256", expiresInSec: 3600, header: { kid: "k1" } }); // typed
  const jwtAlgs: JwtAlg[] = ["HS256", "HS512"]; // typed
  const jwtOpts: VerifyJwtOptions = { algorithms: jwtAlgs, issuer: ["a", "b"], audience: "api", clockToleranceSec: 30, requiredClaims: ["jti"] }; // typed
  const verified: DecodedJwt = verifyJwt(jwt, ["old-key", new Uint8Array(32)], jwtOpts); // typed
  const sub: unknown = verified.payload.sub; // typed
  const expMs: number | undefined = jwtExpiresAt(decodeJwt(jwt).payload.iss === undefined ? jwt : jwt); // typed
  const refresh: boolean = needsRefresh({ accessToken: jwt, tokenType: "Bearer" }, { useJwtExp: true }); // typed
  const jwtCodes: ErrorCode[] = ["ERR_JWT_MALFORMED", "ERR_JWT_ALG_NOT_ALLOWED", "ERR_JWT_EXPIRED", "ERR_JWT_NOT_YET_VALID", "ERR_JWT_CLAIM_INVALID"]; // typed
  const claimOf = (e: AuthsmithError & JwtErrorDetails): string | undefined => e.claim; // typed
  const verifier = createWebhookVerifier("github", { secret: "s", headers: { "x-hub-signature-256": "sha256=00" } });
  verifier.update("chunk"); // typed
  const guard: ReplayGuard = createReplayGuard({ toleranceSec: 300, maxRemembered: 10000 }); // typed
  const guarded: string | undefined = verifyWebhook("standard", { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", payload: "{}", headers, replayGuard: guard }).replayKey; // typed
  guard.check("72d3162e-cc78-11e3-81ab-4c9367dc0958"); // typed
  guard.check("msg_1", 1700000000, Date.now()); // typed
  const forgotten: boolean = guard.forget("msg_1"); // typed
  const size: number = guard.size; // typed
  const mine: ReplayGuardLike = { check(key: string, ts: number | undefined, now: number) { void [key, ts, now]; } }; // typed
  createWebhookVerifier("github", { secret: "s", headers: {}, replayGuard: mine }); // typed
  void [guarded, forgotten, size];
  try {
    basicAuth("user:name", "pw");
  } catch (e) {
    if (isAuthsmithError(e)) {
      const code: ErrorCode = e.code; // typed
      const err: AuthsmithError = e; // typed
      // @ts-expect-error: not one of the error codes
      if (e.code === "ERR_TYPO") throw err;
      void code;
    }
  }
  void [key, digest, mac, started, next, req, v, list, masked, line, bytes, codes, hmacSha256, iss, grant, tr, denied, callbackCodes, sub, expMs, refresh, jwtCodes, claimOf];
}

export function misuse(): void {
  // @ts-expect-error: the token is a string
  tedeeApiKey(123);
  // @ts-expect-error: unknown option (a typo)
  tedeeApiKey("t", { timestmap: 1 });
  // @ts-expect-error: mode is "encrypted" | "plain"
  tedeeApiKey("t", { mode: "ENCRYPTED" });
  // @ts-expect-error: timestamp is a number of milliseconds, not a string
  tedeeApiKey("t", { timestamp: "1691058833000" });
  // @ts-expect-error: encodings are lowercase
  hmacSha256("k", "d", "HEX");
  // @ts-expect-error: data is Bytes, not a number
  hmacSha256("k", 5);
  // @ts-expect-error: a DataView is not Bytes
  sha256(new DataView(new ArrayBuffer(2)));
  // @ts-expect-error: randomBytes takes a number
  randomBytes("8");
  // @ts-expect-error: unknown auth type
  applyAuth({ url: "/" }, { type: "digest" });
  // @ts-expect-error: bearer needs a token
  applyAuth({ url: "/" }, { type: "bearer" });
  // @ts-expect-error: unknown webhook scheme
  verifyWebhook("paypal", { secret: "s", payload: "{}", headers: {} });
  // @ts-expect-error: the payload is the raw body, never a parsed object
  verifyWebhook("github", { secret: "s", payload: { a: 1 }, headers: {} });
  // @ts-expect-error: headers are required
  verifyWebhook("github", { secret: "s", payload: "{}" });
  // @ts-expect-error: a replay guard is an object with check(), not a flag
  verifyWebhook("github", { secret: "s", payload: "{}", headers: {}, replayGuard: true });
  // @ts-expect-error: unknown option (a typo)
  createReplayGuard({ tolerance: 300 });
  // @ts-expect-error: the id is a string
  createReplayGuard().check(42);
  // @ts-expect-error: not an error code
  const code: ErrorCode = "ERR_NOPE";
  // @ts-expect-error: ERROR_CODES is readonly
  ERROR_CODES.push("ERR_REPLAY");
  // @ts-expect-error: digest returns a string, not bytes
  const raw: Uint8Array = new Hmac("k").digest();
  // @ts-expect-error: ready() is a promise, not a boolean
  const isReady: boolean = ready();
  // @ts-expect-error: the expected state is required
  parseAuthorizationCallback("https://app.example/cb?code=c&state=s", {});
  // @ts-expect-error: the callback URL is a string, not a URL object
  parseAuthorizationCallback(new URL("https://app.example/cb?code=c&state=s"), { state: "s" });
  // @ts-expect-error: unknown option (RFC 9207's parameter is iss, the option is issuer)
  parseAuthorizationCallback("?code=c&state=s", { state: "s", iss: "https://as.example" });
  // @ts-expect-error: extra values are strings
  tokenRequest({ type: "client_credentials", extra: { audience: 1 } }, { endpoint: "https://as.example/token", clientId: "c" });
  // @ts-expect-error: extra is a record, not a list of pairs
  tokenRequest({ type: "refresh_token", refreshToken: "r", extra: [["resource", "x"]] }, { endpoint: "https://as.example/token", clientId: "c" });
  // @ts-expect-error: algorithms is required (the token's own alg is never trusted alone)
  verifyJwt("t", "k", {});
  // @ts-expect-error: "none" is not a JwtAlg
  verifyJwt("t", "k", { algorithms: ["none"] });
  // @ts-expect-error: signJwt's alg is HS256 | HS384 | HS512
  signJwt({}, "k", { alg: "RS256" });
  // @ts-expect-error: unknown option (a typo: expiresInSec)
  signJwt({}, "k", { expiresIn: 60 });
  // @ts-expect-error: the payload is an object, not a JSON string
  signJwt("{}", "k");
  // @ts-expect-error: jwtExpiresAt may return undefined
  const exp: number = jwtExpiresAt("t");
  // @ts-expect-error: useJwtExp is a boolean
  needsRefresh({ accessToken: "t", tokenType: "Bearer" }, { useJwtExp: "yes" });
  void [code, raw, isReady, exp];
}
