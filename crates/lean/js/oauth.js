// authsmith/oauth's PKCE functions (the lean module `pkce`: crates/lean/oauth), started on
// first use. The entry's other functions are its wasm-bindgen module's, which
// scripts/build.mjs starts on their first call, so a bundle of these two carries none of it.
import { pkce } from "authsmith-lean-wasm";
import { drawn, get, lazy, options, out, put, string, text, uint } from "./runtime.js";

const P = /* @__PURE__ */ lazy(pkce);

/** A PKCE pair (RFC 7636): a verifier of `length` characters (43..128, default 43) and its S256 challenge. */
export function createPkce(opts) {
  const o = options(opts, "options", ["length"]);
  const v = get(o, "length");
  const len = v === undefined ? -1 : uint(v, "options.length");
  const x = P();
  const n = x.pkce_random_len(len);
  if (n < 0) out(x, n);
  const both = text(x, x.pkce_new(len, drawn(x, n)));
  const at = both.length - 43; // the challenge: base64url of 32 octets
  return { verifier: both.slice(0, at), challenge: both.slice(at), method: "S256" };
}

/** The S256 code challenge of `verifier`: BASE64URL(SHA-256(verifier)). */
export function pkceChallenge(verifier) {
  string(verifier, "verifier");
  const x = P();
  return text(x, x.pkce_challenge(put(x, verifier)[0]));
}
