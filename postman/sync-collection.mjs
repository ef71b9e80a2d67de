#!/usr/bin/env node
// Copies tedee-prerequest.js (and jwt-prerequest.js) into the collections' collection-level
// pre-request scripts
// (the collection file is what Postman imports; the .js file is easier to read and edit).
// tests/js/postman.test.mjs fails when the two differ.
import { readFileSync, writeFileSync } from "node:fs";

const dir = new URL("./", import.meta.url);
const COLLECTION = new URL("tedee-bridge.postman_collection.json", dir);

export function preRequestLines() {
  return readFileSync(new URL("tedee-prerequest.js", dir), "utf8").replace(/\n$/, "").split("\n");
}

/** The JWT collection's pre-request script (jwt-prerequest.js), as lines. */
export function jwtPreRequestLines() {
  return readFileSync(new URL("jwt-prerequest.js", dir), "utf8").replace(/\n$/, "").split("\n");
}

export function collectionPreRequest(collection) {
  const ev = (collection.event || []).find((e) => e.listen === "prerequest");
  return ev && ev.script && ev.script.exec;
}

if (process.argv[1] && new URL(`file://${process.argv[1]}`).href === new URL("sync-collection.mjs", dir).href) {
  const c = JSON.parse(readFileSync(COLLECTION, "utf8"));
  const ev = c.event.find((e) => e.listen === "prerequest");
  ev.script.exec = preRequestLines();
  writeFileSync(COLLECTION, JSON.stringify(c, null, "\t") + "\n");
  console.error("updated", COLLECTION.pathname);
  const jwtFile = new URL("jwt-bearer.postman_collection.json", dir);
  const j = JSON.parse(readFileSync(jwtFile, "utf8"));
  j.event.find((e) => e.listen === "prerequest").script.exec = jwtPreRequestLines();
  writeFileSync(jwtFile, JSON.stringify(j, null, "\t") + "\n");
  console.error("updated", jwtFile.pathname);
}
