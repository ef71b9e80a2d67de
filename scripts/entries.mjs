// The npm entries: one row each. scripts/build.mjs builds every row (its crate for both
// wasm targets, then the outputs below), package.json's `exports` must match the rows (a
// test checks it: tests/js/entries.test.mjs), and the tests and the size report iterate
// over them. A row:
//   name      the subpath: `authsmith/<name>`, or `authsmith` for the main entry
//   crate     the Cargo package under crates/entries/ whose wasm module the entry runs
//   profile   the cargo profile of its wasm32-unknown-unknown build: "release" (opt-level
//             3 + SIMD, where hashing throughput matters) or "release-small" (opt-level s)
//   exports   the functions and classes it exports (the build fails if the crate's
//             wasm-bindgen exports differ); every entry also exports AuthsmithError,
//             isAuthsmithError, ERROR_CODES and ready
//   fast      which JS fronts of crates/wasm-common/src/js/fast.js wrap its hot functions
//   lean      (optional) the entry's published ES/CJS/workerd modules are built instead
//             from a lean crate under crates/lean/ (plain wasm exports, no wasm-bindgen)
//             and its JS front crates/lean/js/<name>.js: one small wasm module per cargo
//             feature in `modules`, each started on first use, so that a bundler keeps
//             only the modules the imported functions reach. The wasm-bindgen crate
//             still gives the entry its .d.ts and the main entry keeps its own adapters.
//             Outputs: pkg/S.<module>.wasm for the workerd build. With `exports`, only
//             those functions are lean: the others stay the wasm-bindgen module's
//             (pkg/S.wasm), which the entry then starts on their first call, and the
//             script builds (pkg/postman/, pkg/js/) stay the wasm-bindgen ones; without,
//             the script builds are the lean crate's too. `from` (the main entry): no lean
//             crate of its own, the lean functions of those entries (their fronts and
//             modules) and the rest from its wasm-bindgen glue, started on first use. The
//             main entry's `fast` fronts then serve only its testing build.
// Outputs of an entry with file stem S (the main entry: "index"): pkg/S.js (ESM, wasm
// inlined, synchronous start), pkg/S.cjs, pkg/S.d.ts, pkg/S.d.cts, pkg/S.workerd.js +
// pkg/S.wasm (Cloudflare Workers import the module), and pkg/postman/S.cjs (the script
// build without WebAssembly, for Postman and newman). All entries import one shared
// pkg/error.js (pkg/error.cjs), so `instanceof AuthsmithError` holds across them.

const CRYPTO = ["sha256", "sha256Hex", "hmacSha256", "hmacSha256Bytes", "timingSafeEqual", "Hmac",
  "randomBytes", "randomToken", "generateApiKey", "generateWebhookSecret"];
const TEDEE = ["tedeeApiKey", "TedeeKeyGenerator", "verifyTedeeApiKey", "TedeeVerifier"];
const HEADERS = ["basicAuth", "parseBasicAuth", "bearerAuth", "parseBearerAuth", "hmacSignatureHeaders",
  "applyAuth", "redact"];
const WEBHOOKS = ["signWebhook", "verifyWebhook", "createWebhookVerifier", "WebhookVerifier", "createReplayGuard", "ReplayGuard"];
const OAUTH = ["createPkce", "pkceChallenge", "authorizationUrl", "parseAuthorizationCallback", "tokenRequest",
  "clientSecretBasic", "parseTokenResponse", "needsRefresh", "parseScopes", "hasScopes", "missingScopes"];
const RESPONSES = ["parseWwwAuthenticate", "parseRateLimit", "explainAuthFailure"];
const JWT = ["signJwt", "verifyJwt", "decodeJwt", "jwtExpiresAt"];

export const ENTRIES = [
  {
    name: "crypto", crate: "authsmith-crypto", profile: "release", exports: CRYPTO, fast: ["crypto"],
    lean: { crate: "authsmith-lean-crypto", modules: ["hash", "hmac", "random"] },
  },
  {
    name: "tedee", crate: "authsmith-tedee", profile: "release", exports: TEDEE, fast: ["tedee"],
    lean: { crate: "authsmith-lean-tedee", modules: ["keys", "verify"], profile: "release" },
  },
  {
    name: "headers", crate: "authsmith-headers", profile: "release-small", exports: HEADERS, fast: [],
    lean: { crate: "authsmith-lean-headers", modules: ["basic"], exports: ["basicAuth", "parseBasicAuth", "bearerAuth", "parseBearerAuth"] },
  },
  {
    name: "webhooks", crate: "authsmith-webhooks", profile: "release", exports: WEBHOOKS, fast: [],
    lean: { crate: "authsmith-lean-webhooks", modules: ["verify"], exports: ["verifyWebhook"] },
  },
  {
    name: "oauth", crate: "authsmith-oauth", profile: "release-small", exports: OAUTH, fast: [],
    lean: { crate: "authsmith-lean-oauth", modules: ["pkce"], exports: ["createPkce", "pkceChallenge"] },
  },
  {
    name: "responses", crate: "authsmith-responses", profile: "release-small", exports: RESPONSES, fast: [],
    lean: { crate: "authsmith-lean-responses", modules: ["challenge"], exports: ["parseWwwAuthenticate"] },
  },
  { name: "jwt", crate: "authsmith-jwt", profile: "release", exports: JWT, fast: [] },
  {
    name: "", crate: "authsmith-all", profile: "release",
    exports: [...CRYPTO, ...TEDEE, ...HEADERS, ...WEBHOOKS, ...OAUTH, ...RESPONSES, ...JWT],
    fast: ["crypto", "tedee", "webhooks"],
    lean: { from: ["crypto", "tedee", "headers", "oauth", "responses", "webhooks"] },
  },
];

/** The file stem of an entry's outputs in pkg/. */
export const stem = (e) => e.name || "index";
/** The package subpath ("." or "./name") and the specifier users import. */
export const subpath = (e) => (e.name ? `./${e.name}` : ".");
export const specifier = (e) => (e.name ? `authsmith/${e.name}` : "authsmith");
/** The published wasm files of an entry (pkg/<file>): one per module of a lean entry. */
export const wasmFiles = (e) => [
  ...(!e.lean || e.lean.exports || e.lean.from ? [`${stem(e)}.wasm`] : []),
  ...(e.lean?.modules ?? []).map((m) => `${stem(e)}.${m}.wasm`),
  ...(e.lean?.from ?? []).flatMap((n) => ENTRIES.find((x) => x.name === n).lean.modules.map((m) => `${n}.${m}.wasm`)),
];
/** The wasm file cargo writes for a crate. */
export const wasmFile = (e) => `${e.crate.replace(/-/g, "_")}.wasm`;
/** What every entry exports besides its functions. */
export const COMMON_EXPORTS = ["AuthsmithError", "isAuthsmithError", "ERROR_CODES", "ready"];
