//! TypeScript declarations every entry shares: the shapes several entries take or return
//! (`Bytes`, `Encoding`, `HeadersLike`, `TokenSet`) and what each entry module adds
//! (`AuthsmithError`, `isAuthsmithError`, `ERROR_CODES`, `ready`). Each entry crate declares
//! its own shapes next to its adapters.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Bytes: a string is taken as its UTF-8 bytes; a Node `Buffer` is a `Uint8Array`. */
export type Bytes = string | Uint8Array | ArrayBuffer;
/** MAC encodings: lowercase hex, padded standard base64, unpadded base64url. */
export type Encoding = "hex" | "base64" | "base64url";
/** Headers: a plain object in any letter case (Node's `IncomingHttpHeaders` included:
 *  array values), or an iterable of `[name, value]` pairs (a `Headers` is one). */
export type HeadersLike = Record<string, string | string[] | undefined> | Iterable<[string, string]>;

export interface TokenSet { accessToken: string; tokenType: string; /** ms */ expiresAt?: number; refreshToken?: string; scope?: string[]; /** OpenID Connect ID token, when the server sent one */ idToken?: string }
/** Every code (generated from crates/core/src/error.rs by scripts/build.mjs). */
export type ErrorCode = string;
/** A domain failure: a stable `code`, a short message that never contains a secret. */
export class AuthsmithError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly name: "AuthsmithError";
  readonly code: ErrorCode;
}
/** Whether `e` is an `AuthsmithError` (also across copies of the package). */
export function isAuthsmithError(e: unknown): e is AuthsmithError;
/** Every error code, as documented in README. */
export const ERROR_CODES: readonly ErrorCode[];
/** Resolves when the module is ready; it already is everywhere authsmith runs today. */
export function ready(): Promise<void>;
"#;

#[cfg(test)]
mod tests {}
