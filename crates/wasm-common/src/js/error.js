// The error class thrown for domain failures. wasm-bindgen copies this file next to
// the generated glue; the Rust adapters construct it with (code, message).
export class AuthsmithError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "AuthsmithError";
    this.code = code;
  }
}
