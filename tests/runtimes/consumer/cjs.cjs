// A CommonJS consumer: `require` by the package name (Node, Bun). The suites are ES
// modules, loaded with a dynamic import and handed the required package.
const lib = require("authsmith");

const probe = lib.sha256Hex("abc");
const env = globalThis.Bun ? "bun" : "node";
const entry = require.resolve("authsmith");
import("./conformance.mjs")
  .then(({ conformance, report }) =>
    conformance(lib, { env, probe, entry, expectEntry: /[\\/]node_modules[\\/]authsmith[\\/]pkg[\\/]index\.cjs$/ }).then(report))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
