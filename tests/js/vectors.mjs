// Every vector file the suites read, loaded from disk (Node runners): the shared vectors
// beside the project and the project's own tests/vectors.
import { readFileSync } from "node:fs";
import { VECTOR_FILES, PROJECT_VECTOR_FILES } from "./suite/index.mjs";

const sharedDir = new URL("../../../shared/vectors/", import.meta.url);
const projectDir = new URL("../vectors/", import.meta.url);

export function loadVectors() {
  return Object.fromEntries([
    ...VECTOR_FILES.map((f) => [f, JSON.parse(readFileSync(new URL(f, sharedDir), "utf8"))]),
    ...PROJECT_VECTOR_FILES.map((f) => [f, JSON.parse(readFileSync(new URL(f, projectDir), "utf8"))]),
  ]);
}
