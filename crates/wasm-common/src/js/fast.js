// The JS fronts of the hot functions, one per entry that has them (scripts/entries.mjs,
// `fast`). Each takes the fast exports (the entry crate's fast.rs) only when every
// argument already has exactly the right type; anything else — and therefore every
// error — goes through the fully checked Rust adapters. Nothing here converts or coerces
// a value.

const ENC = { hex: 0, base64: 1, base64url: 2 };
// Small byte inputs are copied into wasm memory in one go; large ones are streamed in
// chunks by the checked path so wasm memory stays bounded.
const FAST_BYTES = 64 * 1024;
const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTO = Object.prototype;
// String.prototype.isWellFormed: no lone surrogates (which the encoder would turn into
// U+FFFD). Where a runtime lacks it, every string takes the checked path.
const wellFormed = typeof "".isWellFormed === "function" ? (s) => s.isWellFormed() : () => false;
// Strings longer than this take the checked path, which streams them in pieces: the fast
// exports copy a string into wasm memory whole (up to 3 bytes per code unit), and wasm
// memory never shrinks.
const FAST_CHARS = 16 * 1024;
const str = (s) => typeof s === "string" && s.length <= FAST_CHARS && wellFormed(s);
const bytes = (b) => b instanceof Uint8Array && b.length <= FAST_BYTES;
const safeUint = (n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
// Comparison results (timingSafeEqual, Hmac#verify, fast and checked paths alike) cross
// from wasm as 0/1 and become false/true by a table lookup, not by wasm-bindgen's
// `r !== 0`: with that, equal and unequal calls differed by 1–3 ns, enough to fail
// ct-check's "equal vs unequal" tests (scripts/ct-check.mjs) in every run.
const BOOL = [false, true];
const enc = (e) => (e === undefined ? 0 : typeof e === "string" && hasOwn.call(ENC, e) ? ENC[e] : -1);

const VERIFY_KEYS = new Set(["secret", "payload", "headers", "now", "toleranceSec"]);
const HEADERS = typeof Headers === "function" ? Headers : null;
const okHeaderString = (s) => str(s) && s.indexOf("\0") < 0;

/** Headers as "name\0value\0…", or null when anything is unusual (→ checked path). */
function flatHeaders(h) {
  const parts = [];
  if (HEADERS !== null && h instanceof HEADERS) {
    let ok = true;
    h.forEach((v, k) => {
      if (okHeaderString(v) && okHeaderString(k)) parts.push(k, v);
      else ok = false;
    });
    return ok ? parts.join("\0") : null;
  }
  if (typeof h !== "object" || h === null || Object.getPrototypeOf(h) !== OBJECT_PROTO) return null;
  for (const k of Object.keys(h)) {
    const v = h[k];
    if (v === undefined) continue;
    if (!okHeaderString(k)) return null;
    if (typeof v === "string") {
      if (!okHeaderString(v)) return null;
      parts.push(k, v);
    } else if (Array.isArray(v)) {
      for (const item of v) {
        if (!okHeaderString(item)) return null;
        parts.push(k, item);
      }
    } else return null;
  }
  return parts.join("\0");
}

/** TedeeKeyGenerator#next and tedeeApiKey (authsmith/tedee). */
export function tedeeFront(glue) {
  const { tedeeApiKey } = glue;
  const gen = glue.TedeeKeyGenerator.prototype;
  const next = gen.next;
  gen.next = function (now) {
    if (now === undefined) return this.__next(Date.now());
    return safeUint(now) ? this.__next(now) : next.call(this, now);
  };
  return {
    tedeeApiKey(token, options) {
      if (str(token)) {
        if (options === undefined) return glue.__tedeeApiKey(token, Date.now(), false);
        if (typeof options === "object" && options !== null && Object.getPrototypeOf(options) === OBJECT_PROTO) {
          // Own properties only (an inherited one, e.g. from a polluted Object.prototype,
          // sends the call to the checked path, which ignores it).
          let ts = -1, plain = false, ok = true;
          for (const k in options) {
            const v = options[k];
            if (!hasOwn.call(options, k)) ok = false;
            else if (k === "timestamp" && safeUint(v)) ts = v;
            else if (k === "mode" && (v === "encrypted" || v === "plain")) plain = v === "plain";
            else ok = false;
          }
          if (ok) return glue.__tedeeApiKey(token, ts < 0 ? Date.now() : ts, plain);
        }
      }
      return tedeeApiKey(token, options);
    },
  };
}

/** Hmac's methods, timingSafeEqual, sha256Hex and hmacSha256 (authsmith/crypto). */
export function cryptoFront(glue) {
  const { sha256Hex, hmacSha256, timingSafeEqual } = glue;
  const hmac = glue.Hmac.prototype;
  const sign = hmac.sign, update = hmac.update, verify = hmac.verify;
  // wasm-bindgen methods cannot return `this`: update is chainable here.
  hmac.update = function (chunk) {
    if (str(chunk)) this.__updateS(chunk);
    else if (bytes(chunk)) this.__updateB(chunk);
    else update.call(this, chunk);
    return this;
  };
  hmac.verify = function (signature, encoding) {
    const e = enc(encoding);
    if (e >= 0) {
      if (str(signature)) return BOOL[this.__verifyS(signature, e)];
      if (bytes(signature)) return BOOL[this.__verifyB(signature)];
    }
    return BOOL[verify.call(this, signature, encoding)];
  };
  hmac.sign = function (data, encoding) {
    const e = enc(encoding);
    if (e >= 0) {
      if (str(data)) return this.__signS(data, e);
      if (bytes(data)) return this.__signB(data, e);
    }
    return sign.call(this, data, encoding);
  };
  return {
    timingSafeEqual(a, b) {
      return BOOL[bytes(a) && bytes(b) ? glue.__timingSafeEqualBB(a, b) : timingSafeEqual(a, b)];
    },
    sha256Hex(data) {
      if (str(data)) return glue.__sha256HexS(data);
      if (bytes(data)) return glue.__sha256HexB(data);
      return sha256Hex(data);
    },
    hmacSha256(key, data, encoding) {
      const e = enc(encoding);
      if (e >= 0) {
        if (str(key) && str(data)) return glue.__hmacSS(key, data, e);
        if (bytes(key) && bytes(data)) return glue.__hmacBB(key, data, e);
      }
      return hmacSha256(key, data, encoding);
    },
  };
}

/** verifyWebhook (authsmith/webhooks). The built-in scheme names and the default
 *  tolerance come from the Rust core (`__webhookFacts`), never written here again. */
export function webhooksFront(glue) {
  const { verifyWebhook } = glue;
  const [names, defaultTolerance] = glue.__webhookFacts().split("\0");
  const SCHEMES = new Set(names.split(","));
  const DEFAULT_TOLERANCE = Number(defaultTolerance);
  return {
    verifyWebhook(scheme, input) {
      if (typeof scheme === "string" && SCHEMES.has(scheme) && typeof input === "object" && input !== null &&
          Object.getPrototypeOf(input) === OBJECT_PROTO) {
        // Own properties only: a value inherited from a polluted Object.prototype (say
        // toleranceSec: 0) must not change the check, as in the checked path.
        let known = true;
        for (const k of Object.keys(input)) if (!VERIFY_KEYS.has(k)) known = false;
        const own = (k) => (hasOwn.call(input, k) ? input[k] : undefined);
        const secret = own("secret"), payload = own("payload");
        const nowV = own("now"), tolV = own("toleranceSec");
        const now = nowV === undefined ? Date.now() : nowV, toleranceSec = tolV === undefined ? DEFAULT_TOLERANCE : tolV;
        const flat = known && str(secret) && safeUint(now) && safeUint(toleranceSec) ? flatHeaders(own("headers")) : null;
        if (flat !== null) {
          let r;
          if (str(payload)) r = glue.__verifyWebhookS(scheme, secret, payload, flat, now, toleranceSec);
          else if (bytes(payload)) r = glue.__verifyWebhookB(scheme, secret, payload, flat, now, toleranceSec);
          if (r !== undefined) {
            const [s, t, id] = r.split("\0");
            const out = { scheme: s };
            if (t !== "") out.timestamp = Number(t);
            if (id !== "") out.id = id;
            return out;
          }
        }
      }
      return verifyWebhook(scheme, input);
    },
  };
}
