// Every vector file the suites read (tests/vectors/), loaded from disk (Node runners).
import { readFileSync } from "node:fs";
import { VECTOR_FILES } from "./suite/index.mjs";

const dir = new URL("../vectors/", import.meta.url);

export function loadVectors() {
  return Object.fromEntries(VECTOR_FILES.map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), "utf8"))]));
}
