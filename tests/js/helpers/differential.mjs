// What the differential tests share (tests/js/fast-vs-checked.test.mjs, tests/js/lean.test.mjs):
// a seeded generator, so a failure repeats, and the comparison of two calls' outcomes.
import assert from "node:assert/strict";

/** xorshift32 from `seed`: { rnd(n) in 0..n, pick(xs) }. */
export function generator(seed) {
  const rnd = (n) => {
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    return seed % n;
  };
  return { rnd, pick: (xs) => xs[rnd(xs.length)] };
}

/** { ok, value: map(result) } or { ok: false, error: [constructor name, code, message] }. */
export function outcome(fn, map = (v) => v) {
  try {
    return { ok: true, value: map(fn()) };
  } catch (e) {
    return { ok: false, error: [e?.constructor?.name, e?.code, e?.message] };
  }
}

/** An argument as a failure message names it. */
export const show = (x) => (typeof x === "string" ? JSON.stringify(x.length > 60 ? `${x.slice(0, 60)}…(${x.length})` : x)
  : x instanceof Uint8Array ? `Uint8Array(${x.length})` : typeof x === "symbol" ? "Symbol" : String(x && typeof x === "object" ? JSON.stringify(x) ?? x : x));

/** Both calls return equal results (after `mapA`, `mapB`) or throw the same error. */
export function same(name, args, a, b, mapA = (v) => v, mapB = mapA) {
  assert.deepEqual(outcome(a, mapA), outcome(b, mapB), `${name}(${args.map(show).join(", ")})`);
}
