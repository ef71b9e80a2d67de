//! TypeScript declarations for the shapes the functions take and return, and for what
//! the entry module adds (`AuthsmithError`, `isAuthsmithError`, `ERROR_CODES`, `ready`).

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

export type TedeeMode = "encrypted" | "plain";
export interface TedeeApiKeyOptions { mode?: TedeeMode; /** ms since the epoch; default now */ timestamp?: number }
export interface TedeeKeyGeneratorOptions { mode?: TedeeMode }
export interface VerifyTedeeApiKeyOptions { /** ms; default now */ now?: number; /** default 30000; 0 disables */ toleranceMs?: number }
export interface TedeeVerifierOptions { /** default 30000; 0 disables */ toleranceMs?: number; /** default 4096 */ maxRemembered?: number; mode?: TedeeMode }

export interface GenerateApiKeyOptions { /** default "sk-" */ prefix?: string; /** random bytes, 16..1024, default 32 */ bytes?: number }
export interface GenerateWebhookSecretOptions { /** random bytes, 24..64, default 32 */ bytes?: number }
export interface HmacSignatureHeadersOptions {
  /** seconds since the epoch; default now */ timestamp?: number;
  /** default "X-Timestamp" */ timestampHeader?: string;
  /** default "X-Signature" */ signatureHeader?: string;
  /** default "hex" */ encoding?: "hex" | "base64";
}

export interface TokenSet { accessToken: string; tokenType: string; /** ms */ expiresAt?: number; refreshToken?: string; scope?: string[]; /** OpenID Connect ID token, when the server sent one */ idToken?: string }
export type AuthConfig =
  | { type: "none" }
  | { type: "basic"; username: string; password: string }
  | { type: "bearer"; token: string }
  | { type: "apiKey"; name: string; value: string; in?: "header" | "query" }
  | { type: "tedee"; token: string; mode?: TedeeMode; in?: "header" | "query" }
  | { type: "hmac"; secret: Bytes; timestampHeader?: string; signatureHeader?: string }
  | { type: "oauth2"; tokenSet: TokenSet };

/** What `redact` returns for a value of type `T`: the same shape, except that an
 *  iterable other than a `Headers` or a `Map` becomes an array of pairs. */
export type Redacted<T> = T extends string ? string
  : T extends ReadonlyMap<string, string> ? Map<string, string>
  : T extends { append(name: string, value: string): void; get(name: string): string | null } ? T
  : T extends Iterable<readonly [string, string]> ? Array<[string, string]>
  : T;
/** Masks credentials in a URL, header lines, a request line, an `Authorization` value, `name=value` pairs or JSON, for logs. */
export function redact(value: string): string;
/** Masks credential headers (`Bearer ****`, cookie values, signatures), keeping names and the shape given. */
export function redact<T extends HeadersLike>(value: T): Redacted<T>;

/** Adds `chunk` to the streamed message; returns this object (declaration merged into the class). */
export interface Hmac { update(chunk: Bytes): this }

/** Every code, listed in README (generated from src/error.rs by scripts/build.mjs). */
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
