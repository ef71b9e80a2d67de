// The one conformance module every runtime runs against the INSTALLED package (copied by
// tests/runtimes/run.mjs into a temporary project next to suite/, vectors.mjs and api.mjs).
// It runs every environment-agnostic suite (vectors, misuse table, request auth, webhooks)
// and adds the packaging cases: the module works synchronously at top level, ready()
// resolves, the entry file is the one the exports map promises for this runtime, the
// runtime exports are exactly the declared API (index.d.ts), and the suites exercise every
// exported function and class. No Node APIs: it also runs in browsers and workerd.
import { runAll } from "./suite/index.mjs";
import vectors from "./vectors.mjs";
import { API } from "./api.mjs";

const SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

function check(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * lib: the imported package; probe: sha256Hex("abc") computed at module top level before
 * any await; entry: the file the runtime resolved "authsmith" to (if it can tell);
 * expectEntry: a RegExp it must match.
 * Returns { passed, failed, failures: [{ name, error }] }.
 */
export async function conformance(lib, { env, probe, entry, expectEntry }) {
  const used = new Set();
  // Records which exports the suites touch (a module namespace's properties are writable,
  // so a get trap may return them as they are).
  const traced = new Proxy(lib, {
    get(target, key) {
      if (typeof key === "string") used.add(key);
      return Reflect.get(target, key);
    },
  });
  const result = await runAll(traced, { vectors, env });
  const cases = [
    ["synchronous start: sha256Hex at module top level, before any await", () => {
      check(probe === SHA256_ABC, `got ${probe}`);
    }],
    ["ready() returns a promise that resolves to undefined", async () => {
      const p = traced.ready();
      check(p instanceof Promise, "ready() returns a Promise");
      check((await p) === undefined, "resolves to undefined");
    }],
    ["runtime exports are exactly the declared API of index.d.ts", () => {
      const runtime = Object.keys(lib).filter((k) => !k.startsWith("__") && k !== "default").sort();
      const missing = API.filter((n) => !runtime.includes(n));
      const extra = runtime.filter((n) => !API.includes(n));
      check(missing.length === 0 && extra.length === 0, `missing ${missing.join(",") || "none"}; undeclared ${extra.join(",") || "none"}`);
    }],
    ["every exported function and class is exercised by the suites", () => {
      const unused = API.filter((n) => typeof lib[n] === "function" && !used.has(n));
      check(unused.length === 0, `not exercised: ${unused.join(", ")}`);
    }],
  ];
  if (expectEntry) {
    cases.push([`"authsmith" resolves to ${expectEntry}`, () => {
      check(typeof entry === "string" && expectEntry.test(entry), `resolved to ${entry}`);
    }]);
  }
  for (const [name, fn] of cases) {
    try {
      await fn();
      result.passed++;
    } catch (e) {
      result.failed++;
      result.failures.push({ name: `packaging: ${name}`, error: String(e?.stack || e) });
    }
  }
  return result;
}

/** The line the runner reads from a command-line runtime's stdout. */
export function report(result) {
  console.log(`@@result ${JSON.stringify(result)}`);
}
