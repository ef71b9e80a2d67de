// A tiny assertion library that runs the same in Node, browsers, Deno, Bun and workerd
// (node:assert is not everywhere).
export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}

const show = (v) => {
  try {
    if (v instanceof Uint8Array) return `Uint8Array[${Array.from(v).join(",")}]`;
    return typeof v === "string" ? JSON.stringify(v.length > 200 ? v.slice(0, 200) + "…" : v) : JSON.stringify(v);
  } catch {
    return String(v);
  }
};

export function ok(v, message = "expected a truthy value") {
  if (!v) throw new AssertionError(message);
}

export function equal(actual, expected, message = "") {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message ? message + ": " : ""}expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function notEqual(actual, expected, message = "") {
  if (Object.is(actual, expected)) throw new AssertionError(`${message ? message + ": " : ""}did not expect ${show(actual)}`);
}

function same(a, b) {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
  }
  return false;
}

export function deepEqual(actual, expected, message = "") {
  if (!same(actual, expected)) {
    throw new AssertionError(`${message ? message + ": " : ""}expected ${show(expected)}, got ${show(actual)}`);
  }
}

/**
 * Expects fn to throw. `expected` may give `name` ("TypeError", "RangeError",
 * "AuthsmithError"), `code`, and `message` (a RegExp).
 */
export function throws(fn, expected = {}, label = "") {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  const where = label ? `${label}: ` : "";
  if (error === undefined) throw new AssertionError(`${where}expected an error ${show(expected)}, nothing was thrown`);
  if (expected.name && error?.name !== expected.name) {
    throw new AssertionError(`${where}expected ${expected.name}, got ${error?.name}: ${error?.message}`);
  }
  if (expected.code && error?.code !== expected.code) {
    throw new AssertionError(`${where}expected code ${expected.code}, got ${error?.code} (${error?.name}: ${error?.message})`);
  }
  if (expected.message && !expected.message.test(String(error?.message))) {
    throw new AssertionError(`${where}message ${show(error?.message)} does not match ${expected.message}`);
  }
  return error;
}

export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
export const fromHex = (s) => new Uint8Array(s.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
export const utf8 = (s) => new TextEncoder().encode(s);
