#!/usr/bin/env node
// Writes a Postman globals file for newman: tedee.postman_globals.json with
// AUTHSMITH_SCRIPT set to authsmith's Tedee script build (authsmith/postman/tedee), which the
// collection's pre-request script evals (newman has no pm.require for npm packages).
//   node postman/make-globals.mjs [out.json]   (default: stdout)
// API_TOKEN / API_TOKEN_MODE can be set here too: TEDEE_TOKEN=... TEDEE_MODE=PLAIN.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const globals = JSON.parse(readFileSync(new URL("tedee.postman_globals.json", import.meta.url), "utf8"));
const set = (key, value) => {
  const v = globals.values.find((x) => x.key === key);
  if (!v) throw new Error(`${key} is not in tedee.postman_globals.json`);
  v.value = value;
};
set("AUTHSMITH_SCRIPT", readFileSync(require.resolve("authsmith/postman/tedee"), "utf8"));
if (process.env.TEDEE_TOKEN) set("API_TOKEN", process.env.TEDEE_TOKEN);
if (process.env.TEDEE_MODE) set("API_TOKEN_MODE", process.env.TEDEE_MODE);
const text = JSON.stringify(globals, null, "\t") + "\n";
if (process.argv[2]) writeFileSync(process.argv[2], text);
else process.stdout.write(text);
