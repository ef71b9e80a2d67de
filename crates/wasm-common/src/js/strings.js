// String helpers for streaming large string inputs into wasm in pieces (src/wasm/primitives.rs).
// wasm-bindgen copies this file next to the generated glue.

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `s` is well-formed UTF-16 (no lone surrogate), without copying it. */
export function wellFormed(s) {
  return typeof s.isWellFormed === "function" ? s.isWellFormed() : !LONE.test(s);
}
