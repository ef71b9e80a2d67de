// The per-feature entries, type-checked like usage.ts (tsc --noEmit, strict) against the
// installed tarball: the runner copies it to entries.mts and entries.cts (moduleResolution
// node16: pkg/<entry>.d.ts and pkg/<entry>.d.cts) and to entries.ts (bundler), and checks
// that every subpath of scripts/entries.mjs resolves from here to its own declarations (so
// an entry added to the table without a line here fails). Per entry: a typed call (a line
// marked `// typed` must check) and a misuse the types refuse (`// @ts-expect-error`).
import { AuthsmithError as CryptoError, Hmac, sha256Hex } from "authsmith/crypto";
import { AuthsmithError as TedeeError, tedeeApiKey } from "authsmith/tedee";
import { basicAuth } from "authsmith/headers";
import { signWebhook } from "authsmith/webhooks";
import { createPkce, pkceChallenge } from "authsmith/oauth";
import { parseWwwAuthenticate } from "authsmith/responses";
import { decodeJwt, signJwt } from "authsmith/jwt";
import type { Bytes, ErrorCode } from "authsmith/crypto";
import type { TedeeMode } from "authsmith/tedee";
import type { HeadersLike } from "authsmith/headers";
import type { WebhookScheme } from "authsmith/webhooks";
import type { Pkce } from "authsmith/oauth";
import type { AuthChallenge } from "authsmith/responses";
import type { DecodedJwt, JwtAlg } from "authsmith/jwt";
// @ts-expect-error: tedeeApiKey is authsmith/tedee's, not authsmith/crypto's
import { tedeeApiKey as notInCrypto } from "authsmith/crypto";
// @ts-expect-error: signWebhook is authsmith/webhooks', not authsmith/headers'
import { signWebhook as notInHeaders } from "authsmith/headers";

export function typedEntries(): void {
  const hex: string = sha256Hex(new Uint8Array([1, 2, 3])); // typed
  const mac: string = new Hmac("key").update("a").digest("hex"); // typed
  const bytes: Bytes = "text"; // typed
  const mode: TedeeMode = "plain"; // typed
  const key: string = tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000, mode }); // typed
  const basic: string = basicAuth("Aladdin", "open sesame"); // typed
  const list: HeadersLike = [["authorization", basic]]; // typed
  const scheme: WebhookScheme = "github"; // typed
  const signed: Record<string, string> = signWebhook(scheme, { secret: "s", payload: "{}" }); // typed
  const pkce: Pkce = createPkce(); // typed
  const challenge: string = pkceChallenge(pkce.verifier); // typed
  const challenges: AuthChallenge[] = parseWwwAuthenticate('Bearer realm="api"'); // typed
  const code: ErrorCode = "ERR_KEY_MISMATCH"; // typed
  const one: TedeeError = new CryptoError(code, "one class, one type"); // typed
  const alg: JwtAlg = "HS384"; // typed
  const decoded: DecodedJwt = decodeJwt(signJwt({ sub: "1" }, "k".repeat(48), { alg })); // typed
  void [hex, mac, bytes, key, list, signed, challenge, challenges, one, decoded, notInCrypto, notInHeaders];
}

export function misuseEntries(): void {
  // @ts-expect-error: authsmith/crypto: data is Bytes, not a number
  sha256Hex(5);
  // @ts-expect-error: authsmith/tedee: mode is "encrypted" | "plain"
  tedeeApiKey("t", { mode: "ENCRYPTED" });
  // @ts-expect-error: authsmith/headers: the password is required
  basicAuth("user");
  // @ts-expect-error: authsmith/webhooks: unknown webhook scheme
  signWebhook("paypal", { secret: "s", payload: "{}" });
  // @ts-expect-error: authsmith/oauth: the verifier is a string
  pkceChallenge(new Uint8Array(43));
  // @ts-expect-error: authsmith/responses: the header is a string or a list of lines
  parseWwwAuthenticate(5);
  // @ts-expect-error: authsmith/jwt: alg "none" is not a JwtAlg
  signJwt({ sub: "1" }, "k".repeat(32), { alg: "none" });
}
