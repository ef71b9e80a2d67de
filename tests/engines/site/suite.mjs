// The shared suites (tests/js/suite) against one entry of the INSTALLED tarball:
//   ?entry=pkg/index.js              run every suite against /node_modules/authsmith/<entry>
//   ?entry=pkg/index.js&mode=refused its first call must fail (this page is served with a CSP
//                                    that has no 'wasm-unsafe-eval') with an error that
//                                    names authsmith/js and says why
// Sets window.__results = { passed, failed, failures }.
const q = new URLSearchParams(location.search);
const entry = q.get("entry");
const mode = q.get("mode") ?? "run";
const out = document.getElementById("out");

function done(r) {
  window.__results = r;
  out.textContent = `${r.passed} passed, ${r.failed} failed\n` + r.failures.map((f) => `not ok - ${f.name}\n  ${f.error}`).join("\n");
}

try {
  let lib, error;
  try {
    lib = await import(`/node_modules/authsmith/${entry}`);
    // The entry starts its modules on the first call that needs one.
    if (mode === "refused") lib.sha256Hex("abc");
  } catch (e) {
    error = e;
  }
  if (mode === "refused") {
    const msg = String(error?.message ?? "");
    const name = `${entry} refused without 'wasm-unsafe-eval': the error names authsmith/js and the CSP`;
    done(error && msg.includes('"authsmith/js"') && msg.includes("'wasm-unsafe-eval'")
      ? { passed: 1, failed: 0, failures: [], message: msg }
      : { passed: 0, failed: 1, failures: [{ name, error: error ? `${error}\n${error.stack}` : "the import succeeded" }] });
  } else {
    if (error) throw error;
    const { runAll, VECTOR_FILES } = await import("/suite/index.mjs");
    const vectors = {};
    for (const f of VECTOR_FILES) vectors[f] = await (await fetch(`/vectors/${f}`)).json();
    const r = await runAll(lib, { vectors, env: "browser" });
    r.failures = r.failures.map((f) => ({ name: `${entry} ${f.name}`, error: f.error }));
    done(r);
  }
} catch (e) {
  done({ passed: 0, failed: 1, failures: [{ name: `${entry}: page`, error: `${e}\n${e?.stack}` }] });
}
