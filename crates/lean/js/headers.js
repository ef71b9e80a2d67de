// authsmith/headers' Basic and Bearer functions (the lean module `basic`:
// crates/lean/headers), started on first use. The entry's other functions (applyAuth,
// redact, hmacSignatureHeaders) are its wasm-bindgen module's, which scripts/build.mjs
// starts on their first call, so a bundle of these four carries none of it.
import { basic } from "authsmith-lean-wasm";
import { lazy, put, string, text } from "./runtime.js";

const B = /* @__PURE__ */ lazy(basic);

/** "Basic " + base64(UTF-8(username + ":" + password)) (RFC 7617). */
export function basicAuth(username, password) {
  string(username, "username");
  string(password, "password");
  const x = B();
  const [u, p] = put(x, username, password);
  return text(x, x.basic_auth(u, p));
}

/** The username and password of a Basic Authorization value. */
export function parseBasicAuth(header) {
  string(header, "header");
  const x = B();
  const both = text(x, x.parse_basic_auth(put(x, header)[0]));
  const at = both.indexOf("\0");
  return { username: both.slice(0, at), password: both.slice(at + 1) };
}

/** "Bearer " + token, the token checked against RFC 6750's b64token syntax. */
export function bearerAuth(token) {
  string(token, "token");
  const x = B();
  return text(x, x.bearer_auth(put(x, token)[0]));
}

/** The token of a Bearer Authorization value. */
export function parseBearerAuth(header) {
  string(header, "header");
  const x = B();
  return text(x, x.parse_bearer_auth(put(x, header)[0]));
}
