// authsmith/responses' parseWwwAuthenticate (the lean module `challenge`:
// crates/lean/responses), started on first use. The entry's other functions are its
// wasm-bindgen module's, which scripts/build.mjs starts on their first call, so a bundle of
// this one carries none of it.
import { challenge } from "authsmith-lean-wasm";
import { lazy, out, put, string } from "./runtime.js";

const C = /* @__PURE__ */ lazy(challenge);
const DECODER = /* @__PURE__ */ new TextDecoder();

/** The challenges the module encoded (crates/lean/responses/src/challenge.rs `encode`). */
function decode(b, into) {
  let at = 0;
  const u32 = () => (b[at++] | (b[at++] << 8) | (b[at++] << 16) | (b[at++] << 24)) >>> 0;
  const str = () => {
    const n = u32();
    return DECODER.decode(b.subarray(at, (at += n)));
  };
  for (let i = u32(); i > 0; i--) {
    const scheme = str();
    const token68 = b[at++] === 1 ? str() : undefined;
    const params = {};
    for (let j = u32(); j > 0; j--) {
      const k = str(), v = str();
      // A parameter named "__proto__" is an own property, not the prototype.
      if (k === "__proto__") Object.defineProperty(params, k, { value: v, writable: true, enumerable: true, configurable: true });
      else params[k] = v;
    }
    const c = { scheme, params };
    if (token68 !== undefined) c.token68 = token68;
    into.push(c);
  }
  return into;
}

function parse(x, value, index, into) {
  const st = x.www_parse(put(x, value)[0], index);
  const r = decode(out(x, st), into);
  x.out_wipe();
  return r;
}

/**
 * The challenges of a `WWW-Authenticate` (or `Proxy-Authenticate`) value, or of each value
 * of an array (repeated header lines), strictly: a syntax error is ERR_MALFORMED_HEADER.
 */
export function parseWwwAuthenticate(header) {
  if (typeof header === "string") {
    string(header, "header");
    return parse(C(), header, -1, []);
  }
  if (!Array.isArray(header)) throw new TypeError("header must be a string or an array of strings");
  const all = [];
  for (let i = 0; i < header.length; i++) {
    parse(C(), string(header[i], `header[${i}]`), i, all);
  }
  return all;
}
