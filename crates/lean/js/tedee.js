// authsmith/tedee (the lean entry: crates/lean/tedee). Two small wasm modules, each started
// on first use, so a bundle keeps only the ones its imports reach: `keys` (tedeeApiKey,
// TedeeKeyGenerator) and `verify` (verifyTedeeApiKey, TedeeVerifier).
import { keys, verify } from "authsmith-lean-wasm";
import { choice, disposable, get, handles, lastError, lazy, nowMs, options, put, string, text, uint } from "./runtime.js";

const K = /* @__PURE__ */ lazy(keys);
const V = /* @__PURE__ */ lazy(verify);

const MODES = { encrypted: 0, plain: 1 };
/** options.mode: 1 for "plain", 0 for "encrypted" (the default). */
function plain(o) {
  const m = get(o, "mode");
  return m === undefined ? 0 : choice(m, "options.mode", MODES, "'encrypted', 'plain'");
}
/** An optional count from options, or -1 for the core's default. */
function count(o, key) {
  const v = get(o, key);
  return v === undefined ? -1 : uint(v, `options.${key}`);
}
/** A handle from an export that returns one, or the error it left. */
function handle(x, h) {
  if (h === 0) throw lastError(x);
  return h;
}
const verified = (x, status) => ({ timestamp: Number(text(x, status)) });

/**
 * The Tedee Bridge `api_token` for `token`: lowercase_hex(SHA256(token + ms)) + ms
 * ("encrypted", default) or the token itself ("plain").
 */
export function tedeeApiKey(token, opts) {
  string(token, "token");
  const o = options(opts, "options", ["mode", "timestamp"]);
  const p = plain(o);
  const ts = nowMs(get(o, "timestamp"), "options.timestamp");
  const x = K();
  return text(x, x.tedee_key(put(x, token)[0], ts, p));
}

const generators = /* @__PURE__ */ handles((h) => K().gen_free(h));

/** Tedee keys with strictly increasing timestamps. */
export const TedeeKeyGenerator = /* @__PURE__ */ disposable(class TedeeKeyGenerator {
  constructor(token, opts) {
    string(token, "token");
    const o = options(opts, "options", ["mode"]);
    const p = plain(o);
    const x = K();
    generators.hold(this, handle(x, x.gen_new(put(x, token)[0], p)));
  }

  /** The next key; `now` (ms) defaults to the clock. */
  next(now) {
    const h = generators.live(this);
    const x = K();
    return text(x, x.gen_next(h, nowMs(now, "now")));
  }

  /** The timestamp (ms) of the last key made, or undefined before the first. */
  get lastTimestamp() {
    const t = K().gen_last(generators.live(this));
    return t < 0 ? undefined : t;
  }

  free() {
    generators.release(this);
  }
});

/** Verifies an encrypted Tedee key for `token`; returns `{ timestamp }`. */
export function verifyTedeeApiKey(token, apiKey, opts) {
  string(token, "token");
  string(apiKey, "apiKey");
  const o = options(opts, "options", ["now", "toleranceMs"]);
  const now = nowMs(get(o, "now"), "options.now");
  const tol = count(o, "toleranceMs");
  const x = V();
  const [t, k] = put(x, token, apiKey);
  return verified(x, x.tedee_verify(t, k, now, tol));
}

const verifiers = /* @__PURE__ */ handles((h) => V().ver_free(h));

/** The bridge side: digest, freshness window and replay rejection in bounded memory. */
export const TedeeVerifier = /* @__PURE__ */ disposable(class TedeeVerifier {
  constructor(token, opts) {
    string(token, "token");
    const o = options(opts, "options", ["toleranceMs", "maxRemembered", "mode"]);
    const tol = count(o, "toleranceMs");
    const max = count(o, "maxRemembered");
    const p = plain(o);
    const x = V();
    verifiers.hold(this, handle(x, x.ver_new(put(x, token)[0], p, tol, max)));
  }

  /** Verifies `apiKey` at `now` (default: the clock); returns `{ timestamp }`. */
  verify(apiKey, now) {
    const h = verifiers.live(this);
    string(apiKey, "apiKey");
    const n = nowMs(now, "now");
    const x = V();
    return verified(x, x.ver_verify(h, put(x, apiKey)[0], n));
  }

  free() {
    verifiers.release(this);
  }
});
