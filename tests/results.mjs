// The result lines the test runners print (tests/runtimes/run.mjs, tests/engines/run.mjs):
// `<name> <version>: N passed, N failed`, which scripts/test.mjs adds up, with each failure
// printed above it as `not ok - <name>: <case>` and its first lines of error.

/** { record, lines, totals }: record(name, version, ...partial results) prints and adds up. */
export function recorder() {
  const lines = [];
  const totals = { passed: 0, failed: 0 };
  function record(name, version, ...parts) {
    const r = { passed: 0, failed: 0, failures: [] };
    for (const p of parts) {
      r.passed += p.passed;
      r.failed += p.failed;
      r.failures.push(...p.failures);
    }
    for (const f of r.failures) console.log(`not ok - ${name}: ${f.name}\n  ${String(f.error).split("\n").slice(0, 12).join("\n  ")}`);
    const line = `${name} ${version}: ${r.passed} passed, ${r.failed} failed`;
    console.log(line);
    lines.push(line);
    totals.passed += r.passed;
    totals.failed += r.failed;
  }
  return { record, lines, totals };
}
