// authsmith/crypto (the lean entry: crates/lean/crypto). Three small wasm modules, each
// started on first use, so a bundle keeps only the ones its imports reach: `hash` (SHA-256,
// HMAC, comparison), `hmac` (the Hmac class) and `random` (tokens, keys, secrets).
import { hash, hmac, random } from "authsmith-lean-wasm";
import { BOOL, CHUNK, bytes, choice, disposable, drawn, ENCODINGS, fill, get, handles, input, lazy, okBytes, okText, options, out, put, room, stream, string, text, uint } from "./runtime.js";

const H = /* @__PURE__ */ lazy(hash);
const M = /* @__PURE__ */ lazy(hmac);
const R = /* @__PURE__ */ lazy(random);

const RAW = 3;
/** An optional encoding argument: "hex" when undefined or null. */
const encoding = (v, name) => (v === undefined || v === null ? 0 : choice(v, name, ENCODINGS, "'hex', 'base64', 'base64url'"));
/** A digest result (the digest exports cannot fail): a string, or a fresh Uint8Array for RAW. */
const digest = (x, n, enc) => (enc === RAW ? okBytes(x, n) : okText(x, n));

/** SHA-256 of `data` (checked by `input`) in `enc`: whole when it fits one chunk, else streamed. */
function sha(data, enc) {
  const x = H();
  if (room(data) <= CHUNK) return digest(x, x.sha(put(x, data)[0], enc), enc);
  x.sha_begin();
  stream(x, data, x.update);
  return digest(x, x.finish(enc), enc);
}

function mac(key, data, enc) {
  const k = bytes(key, "key");
  const d = input(data, "data");
  const x = H();
  if (room(k) + room(d) <= 2 * CHUNK) {
    const [kn, dn] = put(x, k, d);
    return digest(x, x.mac(kn, dn, enc), enc);
  }
  x.mac_begin(put(x, k)[0]);
  stream(x, d, x.update);
  return digest(x, x.finish(enc), enc);
}

/** SHA-256 of `data` (a string is hashed as its UTF-8 bytes). */
export const sha256 = (data) => sha(input(data, "data"), RAW);

/** SHA-256 of `data` as lowercase hex. */
export const sha256Hex = (data) => sha(input(data, "data"), 0);

/** HMAC-SHA256 of `data` under `key`, as hex (default), base64 or base64url. */
export function hmacSha256(key, data, enc) {
  return mac(key, data, encoding(enc, "encoding"));
}

/** HMAC-SHA256 of `data` under `key`, as 32 raw bytes. */
export const hmacSha256Bytes = (key, data) => mac(key, data, RAW);

/** Compares `a` and `b` in time that depends only on their lengths. */
export function timingSafeEqual(a, b) {
  const x = H();
  const ab = bytes(a, "a"), bb = bytes(b, "b");
  const [an, bn] = put(x, ab, bb);
  return BOOL[x.eq(an, bn)];
}

const hmacs = /* @__PURE__ */ handles((h) => M().hmac_free(h));

/** HMAC-SHA256 keyed once and reused; `free()` (or `using`) wipes the key. */
export const Hmac = /* @__PURE__ */ disposable(class Hmac {
  constructor(key) {
    const k = bytes(key, "key");
    const x = M();
    hmacs.hold(this, x.hmac_new(put(x, k)[0]));
  }

  /** The MAC of `data` in `encoding` (default "hex"); independent of `update`. */
  sign(data, enc) {
    const h = hmacs.live(this);
    const e = encoding(enc, "encoding");
    const d = input(data, "data");
    const x = M();
    if (room(d) <= CHUNK) return digest(x, x.hmac_sign(h, put(x, d)[0], e), e);
    x.sign_begin(h);
    stream(x, d, x.sign_update);
    return digest(x, x.sign_finish(e), e);
  }

  /** Adds `chunk` to the streamed message; returns this object. */
  update(chunk) {
    const h = hmacs.live(this);
    const c = input(chunk, "chunk");
    const x = M();
    stream(x, c, (n) => x.hmac_update(h, n));
    return this;
  }

  /** Finishes the streamed message; returns its MAC (the object is ready for a new one). */
  digest(enc) {
    const h = hmacs.live(this);
    const e = encoding(enc, "encoding");
    const x = M();
    return digest(x, x.hmac_digest(h, e), e);
  }

  /** Finishes the streamed message and compares its MAC with `signature` in constant time. */
  verify(signature, enc) {
    const h = hmacs.live(this);
    const e = encoding(enc, "encoding");
    let sig, kind;
    if (signature instanceof Uint8Array) (sig = signature), (kind = RAW);
    else if (typeof signature === "string") (sig = string(signature, "signature")), (kind = e);
    else throw new TypeError("signature must be a string or Uint8Array");
    const x = M();
    return BOOL[x.hmac_verify(h, put(x, sig)[0], kind)];
  }

  /** Wipes the key and frees the object. */
  free() {
    hmacs.release(this);
  }
});

/** A size argument checked by the core (`what`: see random_size), or the default when undefined. */
function size(x, what, v, name) {
  const n = x.random_size(what, v === undefined ? -1 : uint(v, name));
  if (n < 0) out(x, n);
  return n;
}

/** `n` random bytes (at most 1 MiB). */
export function randomBytes(n) {
  return fill(new Uint8Array(size(R(), 0, uint(n, "n"), "n")));
}

/** A random token of `bytes` bytes (default 32, 16..1024) as base64url (default) or hex. */
export function randomToken(n, enc) {
  const x = R();
  const len = size(x, 1, n, "bytes");
  const e = enc === undefined || enc === null ? 2 : choice(enc, "encoding", { base64url: 2, hex: 0 }, "'base64url', 'hex'");
  return okText(x, x.random_token(drawn(x, len), e));
}

/** A new API key: `prefix` (default "sk-") + base64url of `bytes` random bytes. */
export function generateApiKey(opts) {
  const o = options(opts, "options", ["prefix", "bytes"]);
  const p = get(o, "prefix");
  const x = R();
  // The prefix is checked (by the core) before the size, as in the other entries.
  if (p !== undefined) {
    const st = x.check_prefix(put(x, string(p, "options.prefix"))[0]);
    if (st < 0) out(x, st);
  }
  const len = size(x, 2, get(o, "bytes"), "options.bytes");
  const prefix = p === undefined ? "" : p;
  const at = x.in_ptr(room(prefix) + len);
  const pn = put(x, prefix)[0];
  fill(x.mem().subarray(at + pn, at + pn + len));
  return text(x, x.api_key(pn, len, p === undefined ? 1 : 0));
}

/** A new webhook secret: "whsec_" + base64 of `bytes` random bytes (default 32, 24..64). */
export function generateWebhookSecret(opts) {
  const o = options(opts, "options", ["bytes"]);
  const x = R();
  return okText(x, x.webhook_secret(drawn(x, size(x, 3, get(o, "bytes"), "options.bytes"))));
}
