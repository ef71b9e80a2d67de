// The planted secret of the memory scans (tests/js/secrets.test.mjs for the wasm-bindgen
// module, tests/js/lean-secrets.test.mjs for the lean modules): printable, token68-safe,
// long enough to be unmistakable; several variants so that each call's own copy can be
// looked for; and the forms a copy could take in memory.
export const SECRET = "Pl4ntedSecretValueQ7zX9wV2mK5nR8tY3";
export const secretLike = (i) => `${SECRET}${String.fromCharCode(65 + i)}`;
export const ENC = new TextEncoder();

/** [form name, bytes]: as is, XORed with HMAC's ipad/opad (the padded key), base64, base64url, hex. */
export function forms(secret) {
  const b = ENC.encode(secret);
  const x = (k) => Buffer.from(b.map((c) => c ^ k));
  return [
    ["raw", Buffer.from(b)],
    ["K^ipad", x(0x36)],
    ["K^opad", x(0x5c)],
    ["base64", Buffer.from(Buffer.from(b).toString("base64").slice(0, 24))],
    ["base64url", Buffer.from(Buffer.from(b).toString("base64url").slice(0, 24))],
    ["hex", Buffer.from(Buffer.from(b).toString("hex").slice(0, 32))],
  ];
}
