// What the lean entries' JS shares (authsmith/crypto, authsmith/tedee: crates/lean/).
// Their wasm modules have plain exports over an input and an output buffer (no
// wasm-bindgen; the convention is in crates/lean/common/src/lib.rs). This file starts a
// module on first use, copies arguments in, reads results and errors out, and checks the
// JavaScript types of arguments with exactly the errors of the other entries' Rust
// adapters (crates/wasm-common/src/args.rs; tests/js/lean.test.mjs compares the two on
// the same inputs).
import { AuthsmithError, ERROR_CODES } from "authsmith-shared-error";
import { wellFormed } from "../../wasm-common/src/js/strings.js";
import { startError } from "../../wasm-common/src/js/start.js";

const ENCODER = /* @__PURE__ */ new TextEncoder();
const DECODER = /* @__PURE__ */ new TextDecoder();
const OBJECT_PROTO = Object.prototype;
const hasOwn = Object.prototype.hasOwnProperty;

/** Bytes of a streamed input piece; strings are cut into pieces of at most PIECE code units. */
export const CHUNK = 65536;
const PIECE = CHUNK / 4;

/**
 * A getter of a module's exports, started (compiled and instantiated synchronously) on its
 * first call. `source()` returns the module's bytes or a compiled WebAssembly.Module.
 */
/** The started modules' memories, kept only in the testing build (build/testing/lean/:
 *  the secrets test scans them); AUTHSMITH_TESTING is false in every published build. */
export const MEMORIES = [];

export function lazy(source) {
  let w = null;
  return () => w || (w = open(source()));
}

function open(src) {
  let x;
  try {
    const m = typeof WebAssembly === "object" && src instanceof WebAssembly.Module ? src : new WebAssembly.Module(src);
    // The exports object is frozen: a copy takes the memory view getter below.
    x = { ...new WebAssembly.Instance(m, {}).exports };
  } catch (e) {
    // The script builds (AUTHSMITH_SCRIPT) run wasm2js output, which cannot be refused.
    throw typeof AUTHSMITH_SCRIPT !== "undefined" && AUTHSMITH_SCRIPT ? e : startError(e);
  }
  if (typeof AUTHSMITH_TESTING !== "undefined" && AUTHSMITH_TESTING) MEMORIES.push(x.memory);
  let view = new Uint8Array(x.memory.buffer);
  // The memory as bytes (a new view after the memory grew).
  x.mem = () => (view.buffer === x.memory.buffer ? view : (view = new Uint8Array(x.memory.buffer)));
  return x;
}

/** The byte length of a string or bytes value at most (a string: 3 bytes per code unit). */
export const room = (v) => (typeof v === "string" ? v.length * 3 : v.length);

/**
 * Copies `parts` (strings as UTF-8, Uint8Arrays) one after the other into the input
 * buffer; returns their byte lengths.
 */
export function put(x, ...parts) {
  let max = 0;
  for (const p of parts) max += room(p);
  return write(x.mem, x.in_ptr(max), parts);
}

/** Writes `parts` from `at`; returns their byte lengths. */
function write(mem, at, parts) {
  const m = mem();
  const lens = [];
  for (const p of parts) {
    const n = typeof p === "string" ? (p.length <= 64 ? writeShort(m, at, p) : ENCODER.encodeInto(p, m.subarray(at, at + p.length * 3)).written)
      : (m.set(p, at), p.length);
    lens.push(n);
    at += n;
  }
  return lens;
}

/**
 * A short string at `at`: its ASCII prefix by a plain loop (for a few dozen characters
 * several times faster than encodeInto), the rest with encodeInto; returns the bytes written.
 */
function writeShort(m, at, s) {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return i + ENCODER.encodeInto(s.slice(i), m.subarray(at + i, at + s.length * 3)).written;
    m[at + i] = c;
  }
  return i;
}

/** Bytes as text: short ASCII by a loop (cheaper than TextDecoder for a few characters). */
export function decode(b) {
  if (b.length > 16) return DECODER.decode(b);
  let s = "";
  for (let i = 0; i < b.length; i++) {
    if (b[i] > 127) return DECODER.decode(b);
    s += String.fromCharCode(b[i]);
  }
  return s;
}

/**
 * `put` for a list of parts the module splits again: their bytes, then the table of their
 * byte lengths (u32, little-endian). Returns [the parts' total bytes, their count].
 */
export function putTable(x, parts) {
  let max = 4 * parts.length;
  for (const p of parts) max += room(p);
  const base = x.in_ptr(max);
  const lens = write(x.mem, base, parts);
  let t = base;
  for (const n of lens) t += n;
  const total = t - base, m = x.mem();
  for (const n of lens) {
    m[t++] = n & 255, m[t++] = (n >>> 8) & 255, m[t++] = (n >>> 16) & 255, m[t++] = n >>> 24;
  }
  return [total, lens.length];
}

/**
 * Feeds `v` (a string or bytes, checked by `input`) to `update(n)` in pieces that fit the
 * input buffer: bytes in CHUNK-byte chunks, strings in pieces of PIECE code units cut
 * between the halves of no surrogate pair.
 */
export function stream(x, v, update) {
  if (typeof v === "string") {
    for (let at = 0; at < v.length; ) {
      let end = Math.min(at + PIECE, v.length);
      const c = v.charCodeAt(end - 1);
      if (end < v.length && c >= 0xd800 && c < 0xdc00) end--;
      update(put(x, v.slice(at, end))[0]);
      at = end;
    }
  } else {
    for (let at = 0; at < v.length; at += CHUNK) update(put(x, v.subarray(at, at + CHUNK))[0]);
  }
}

/** The `n` bytes of the last result (a view: copy or decode it at once). */
export function result(x, n) {
  const p = x.out_ptr();
  return x.mem().subarray(p, p + n);
}

/** An export's result from its `status`, or its error thrown (a view, as `result`). */
export function out(x, status) {
  if (status < 0) throw error(result(x, -status));
  return result(x, status);
}

/** A copy of the last result, which is then wiped from the module's memory. */
function taken(x, v) {
  x.out_wipe();
  return v;
}

/** A string result or the error. */
export const text = (x, status) => taken(x, DECODER.decode(out(x, status)));

/** A string result of an export that cannot fail (no error path, so a bundle of it
 *  carries neither the error decoding nor the list of codes). */
export const okText = (x, n) => taken(x, DECODER.decode(result(x, n)));

/** A byte result of an export that cannot fail, copied. */
export const okBytes = (x, n) => taken(x, result(x, n).slice());

/** An error from the output buffer: kind byte, for AuthsmithError the code's index, message. */
export function error(b) {
  const kind = b[0];
  if (kind === 65) return new AuthsmithError(ERROR_CODES[b[1]], DECODER.decode(b.subarray(2)));
  const message = DECODER.decode(b.subarray(1));
  return kind === 82 ? new RangeError(message) : new TypeError(message);
}

/** The error an export that returns a handle left when it returned 0. */
export const lastError = (x) => error(result(x, x.out_len()));

/** A freed object was used (a method, or free() again): the error of wasm-bindgen's classes. */
export function freed() {
  throw new Error("null pointer passed to rust");
}

// Argument checks: each throws the error the Rust adapters throw for the same value.

/** A string without lone surrogates. */
export function string(v, name) {
  if (typeof v !== "string") throw new TypeError(`${name} must be a string`);
  if (!wellFormed(v)) throw new TypeError(`${name} contains a lone surrogate (not valid UTF-16)`);
  return v;
}

/** `string | Uint8Array | ArrayBuffer`, read whole (args::bytes). */
export function bytes(v, name) {
  if (typeof v === "string") return string(v, name);
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  throw new TypeError(`${name} must be a string, Uint8Array or ArrayBuffer`);
}

/** `string | Uint8Array | ArrayBuffer`, to be streamed (input::feed). */
export function input(v, name) {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  return string(v, name);
}

/** A safe non-negative integer (args::uint). */
export function uint(v, name) {
  if (typeof v !== "number") throw new TypeError(`${name} must be a number`);
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number`);
  if (v < 0) throw new RangeError(`${name} must not be negative`);
  if (v > Number.MAX_SAFE_INTEGER) throw new RangeError(`${name} must be at most Number.MAX_SAFE_INTEGER`);
  if (!Number.isInteger(v)) throw new RangeError(`${name} must be an integer`);
  return v;
}

/** `now` in milliseconds: `v`, or the clock when undefined (args::now_ms). */
export const nowMs = (v, name) => (v === undefined ? Date.now() : uint(v, name));

/** One of `allowed` (a name → value map), `allowed` listed in the RangeError (args::choice). */
export function choice(v, name, allowed, list) {
  if (typeof v !== "string") throw new TypeError(`${name} must be a string`);
  if (!hasOwn.call(allowed, v)) throw new RangeError(`${name} must be one of ${list}`);
  return allowed[v];
}

/** An options object with only `allowed` keys, or null for undefined/null (args::options). */
export function options(v, name, allowed) {
  if (v === undefined || v === null) return null;
  if (typeof v !== "object" || Array.isArray(v)) throw new TypeError(`${name} must be an object`);
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) throw new TypeError(`${name} has an unknown property '${k}'`);
  }
  return v;
}

/**
 * `o[key]`, undefined for a missing `o`; a value a plain object only inherits is ignored
 * (a polluted Object.prototype must not change a result: args::get).
 */
export function get(o, key) {
  if (o === null) return undefined;
  const v = o[key];
  if (v === undefined || hasOwn.call(o, key)) return v;
  const p = Object.getPrototypeOf(o);
  return p === null || p === OBJECT_PROTO ? undefined : v;
}

// The module level of the entries' fronts only declares things, and every call there is
// marked pure, so a bundler drops what the imported functions do not reach: a module's
// text goes with the last function that starts it.

/**
 * The handles the objects of one class hold (`obj.__h`, a pointer into their module, see
 * crates/lean/common/src/handle.rs): `hold` stores and registers one for the garbage
 * collector, `live` reads it (a freed object throws), `release` frees it once.
 */
export function handles(free) {
  const registry = typeof FinalizationRegistry === "function" ? new FinalizationRegistry(free) : null;
  return {
    hold(obj, h) {
      obj.__h = h;
      if (registry) registry.register(obj, h, obj);
    },
    live: (obj) => obj.__h || freed(),
    release(obj) {
      const h = obj.__h || freed();
      obj.__h = 0;
      if (registry) registry.unregister(obj);
      free(h);
    },
  };
}

/** The encodings of a MAC as the modules number them. */
export const ENCODINGS = { hex: 0, base64: 1, base64url: 2 };

/** The class with `[Symbol.dispose]` (for `using`) as `free`, where the engine has the symbol. */
export function disposable(C) {
  if (typeof Symbol.dispose === "symbol") C.prototype[Symbol.dispose] = C.prototype.free;
  return C;
}

/** Fills `view` from the CSPRNG (crypto.getRandomValues), or throws ERR_NO_RANDOM. */
export function fill(view) {
  const c = globalThis.crypto;
  if (!c || typeof c.getRandomValues !== "function") {
    throw new AuthsmithError("ERR_NO_RANDOM", "no cryptographically secure random source (crypto.getRandomValues) in this runtime");
  }
  for (let at = 0; at < view.length; at += CHUNK) c.getRandomValues(view.subarray(at, at + CHUNK));
  return view;
}

/** `n` random bytes drawn into the input buffer (at its start); returns `n`. */
export function drawn(x, n) {
  const at = x.in_ptr(n);
  fill(x.mem().subarray(at, at + n));
  return n;
}

/** 0/1 from a comparison export as false/true, by a table lookup (see fast.js's BOOL). */
export const BOOL = [false, true];
