// authsmith/webhooks' verifyWebhook (the lean module `verify`: crates/lean/webhooks),
// started on first use. The entry's other functions and classes are its wasm-bindgen
// module's, which starts on their first use, so a bundle of verifyWebhook carries none of it.
import { verify } from "authsmith-lean-wasm";
import { bytes, choice, decode, ENCODINGS, get, lazy, nowMs, options, out, put, putTable, stream, string, uint } from "./runtime.js";

const W = /* @__PURE__ */ lazy(verify);
const RAW_BODY = " must be the raw request body as a string, Uint8Array, Buffer or ArrayBuffer";
const PAIRS = " must be a Headers, an object or an iterable of [name, value] pairs";
const GUARD = "replayGuard must be a ReplayGuard (createReplayGuard()) or an object with a check(replayKey, timestamp, now) method";
// The built-in scheme names the module accepted, with their index (its answers, kept).
const BUILTIN = /* @__PURE__ */ new Map();
const isBytes = (v) => v instanceof Uint8Array || v instanceof ArrayBuffer;

/** The scheme as [builtin index, or -1 with the custom header, encoding and prefix]. */
function scheme(x, v) {
  if (typeof v === "string") {
    let i = BUILTIN.get(v);
    if (i === undefined) {
      i = x.scheme_check(put(x, v)[0]);
      if (i < 0) out(x, i);
      BUILTIN.set(v, i);
    }
    return [i];
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new TypeError("scheme must be a scheme name or an object { header, encoding, prefix? }");
  }
  const o = options(v, "scheme", ["header", "encoding", "prefix"]);
  const header = string(get(o, "header"), "scheme.header");
  const enc = choice(get(o, "encoding"), "scheme.encoding", ENCODINGS, "'hex', 'base64'");
  const p = get(o, "prefix");
  const prefix = p === undefined ? "" : string(p, "scheme.prefix");
  const [h, n] = put(x, header, prefix);
  const st = x.custom_check(h, enc, n);
  if (st < 0) out(x, st);
  return [-1, header, enc, prefix];
}

/** input.payload: the raw body, or the TypeError that says what to pass. */
function rawBody(v, name) {
  if (typeof v === "string" || isBytes(v)) return v;
  const parsed = typeof v === "object" && v !== null && !ArrayBuffer.isView(v);
  throw new TypeError(name + RAW_BODY + (parsed
    ? ", not a parsed object: pass the raw body (e.g. express.raw(), await request.arrayBuffer()); re-serialised JSON does not match the signature"
    : ": pass the raw body"));
}

function secretOne(v, name) {
  if (typeof v === "string") return string(v, name);
  if (isBytes(v)) return bytes(v, name);
  throw new TypeError(`${name} must be a string, Uint8Array or ArrayBuffer`);
}

function secrets(x, v) {
  if (!Array.isArray(v)) {
    if (typeof v === "string" || isBytes(v)) return [secretOne(v, "input.secret")];
    throw new TypeError("input.secret must be a string, Uint8Array or ArrayBuffer, or an array of them");
  }
  if (v.length > x.max_secrets()) throw new RangeError(`input.secret: at most ${x.max_secrets()} secrets can be tried at once`);
  const all = [];
  for (let i = 0; i < v.length; i++) all.push(secretOne(v[i], `input.secret[${i}]`));
  return all;
}

/** A HeadersLike as [name, value, name, value, …] (crates/wasm-common/src/args.rs `headers`). */
function headers(v, name) {
  const flat = [];
  if (typeof v !== "object") throw new TypeError(name + PAIRS);
  const p = Object.getPrototypeOf(v);
  if (!(p === null || p === Object.prototype) || Array.isArray(v)) {
    if (typeof v[Symbol.iterator] !== "function") throw new TypeError(name + PAIRS);
    for (const item of v) {
      if (!Array.isArray(item) || item.length !== 2) throw new TypeError(`${name} entries must be [name, value] pairs of strings`);
      flat.push(string(item[0], "header name"), string(item[1], "header value"));
    }
    return flat;
  }
  for (const k of Object.keys(v)) {
    string(k, "header name");
    const val = v[k];
    if (val === undefined) continue;
    if (Array.isArray(val)) for (let i = 0; i < val.length; i++) flat.push(k, string(val[i], "header value"));
    else flat.push(k, string(val, "header value"));
  }
  return flat;
}

/** The fields of a verification's result: scheme, timestamp, id, replay key (undefined when absent). */
function fields(b) {
  const f = [];
  let at = 0;
  for (let i = 0; i < 4; i++) {
    const n = (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
    at += 4;
    if (n === 0xffffffff) f.push(undefined);
    else f.push(decode(b.subarray(at, (at += n))));
  }
  return f;
}

/**
 * Verifies a webhook delivery: the signature of the raw body under one of the secrets, in
 * constant time, and the timestamp window; returns what the delivery says.
 */
export function verifyWebhook(schemeArg, input) {
  const x = W();
  const s = scheme(x, schemeArg);
  const o = options(input, "input", ["secret", "payload", "headers", "now", "toleranceSec", "replayGuard"]);
  if (o === null) throw new TypeError("input must be an object");
  const payload = rawBody(get(o, "payload"), "input.payload");
  const keys = secrets(x, get(o, "secret"));
  const hv = get(o, "headers");
  if (hv === undefined || hv === null) throw new TypeError("input.headers is required (a Headers, a plain object or [name, value] pairs)");
  const flat = headers(hv, "input.headers");
  const now = nowMs(get(o, "now"), "input.now");
  const t = get(o, "toleranceSec");
  const tol = t === undefined ? -1 : uint(t, "input.toleranceSec");
  const g = get(o, "replayGuard");
  let check;
  if (g !== undefined) {
    if (typeof g !== "object" || g === null) throw new TypeError(GUARD);
    check = g.check;
    if (typeof check !== "function") throw new TypeError(GUARD);
  }
  let raw = 0;
  keys.forEach((k, i) => { if (typeof k !== "string") raw |= 1 << i; });
  const parts = s[0] < 0 ? [s[1], s[3], ...keys, ...flat] : [...keys, ...flat];
  const [total, count] = putTable(x, parts);
  const st = x.wv_begin(total, count, s[0], s[0] < 0 ? s[2] : 0, keys.length, raw, now, tol);
  if (st < 0) out(x, st);
  let body;
  try {
    body = typeof payload === "string" ? string(payload, "input.payload") : bytes(payload, "input.payload");
  } catch (e) {
    x.wv_abort();
    throw e;
  }
  stream(x, body, x.wv_update);
  const [name, ts, id, key] = fields(out(x, x.wv_finish(check ? 1 : 0)));
  x.out_wipe();
  const timestamp = ts === undefined ? undefined : Number(ts);
  if (check) check.call(g, key, timestamp, now);
  const r = { scheme: name };
  if (timestamp !== undefined) r.timestamp = timestamp;
  if (id !== undefined) r.id = id;
  if (check) r.replayKey = key;
  return r;
}
