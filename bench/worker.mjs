// One case × one implementation in a fresh process: check the result, warm up, then
// time `samples` windows of ~`ms` milliseconds each. Prints JSON.
import { CASES } from "./impls.mjs";

const [caseName, implName, samples = "7", ms = "250"] = process.argv.slice(2);
const c = CASES[caseName];
// The value for a fixed input (from a separate instance, so stateful implementations
// start fresh for timing), checked against the other implementations by the runner.
const probe = (await c.impls[implName]())(0);
const isAsync = probe instanceof Promise;
const reference = await probe;
const fn = await c.impls[implName]();
const call = isAsync ? async (i) => await fn(i) : fn;

let i = 1;
async function window(durationMs) {
  const end = performance.now() + durationMs;
  let n = 0;
  const t0 = performance.now();
  while (performance.now() < end) {
    for (let k = 0; k < 64; k++) {
      if (isAsync) await call(i++);
      else call(i++);
    }
    n += 64;
  }
  return n / ((performance.now() - t0) / 1000);
}
if (c.unit === "MB/s") {
  // Large inputs: fewer, longer calls.
  await window(300);
}
await window(300); // warm-up
const results = [];
for (let s = 0; s < Number(samples); s++) {
  const opsPerSec = c.unit === "MB/s" ? await (async () => {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < Number(ms)) {
      if (isAsync) await call(i++);
      else call(i++);
      n++;
    }
    return n / ((performance.now() - t0) / 1000);
  })() : await window(Number(ms));
  results.push(c.unit === "MB/s" ? (opsPerSec * c.bytes) / 1e6 : opsPerSec);
}
console.log(JSON.stringify({ case: caseName, impl: implName, reference: String(reference), samples: results }));
