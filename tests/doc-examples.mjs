// The examples in the documentation are tests. A fenced code block right after a
// `<!-- doc-test: NAME -->` (or `<!-- readme-test: NAME -->`) line is an example named NAME;
// this module finds them in README.md and docs/*.md for the runners:
// - tests/js/readme.test.mjs runs every `node-*` example and compares what it prints with
//   its trailing comment lines;
// - tests/browser/run.mjs runs the `browser` example;
// - tests/runtimes/run.mjs runs the `runtime-*` examples from the packed tarball.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** README.md, then docs/*.md in name order: the files whose examples are tests. */
export function docFiles() {
  const docs = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort();
  return ["README.md", ...docs.map((f) => join("docs", f))];
}

const MARKER = /^<!-- (?:doc|readme)-test: ([\w.-]+) -->\n```(\w+)\n([\s\S]*?)^```/gm;

/** Every marked example: `{ name, lang, code, file }` (file relative to the root). */
export function docExamples() {
  const all = [];
  for (const file of docFiles()) {
    const text = readFileSync(join(root, file), "utf8");
    for (const m of text.matchAll(MARKER)) all.push({ name: m[1], lang: m[2], code: m[3], file });
  }
  return all;
}

/** The example called `name`: `{ code, source }`, or `{ code: null, source: "nowhere" }`. */
export function docExample(name) {
  const found = docExamples().filter((e) => e.name === name);
  if (found.length > 1) throw new Error(`example ${name} is defined twice: ${found.map((e) => e.file).join(", ")}`);
  return found.length ? { code: found[0].code, source: found[0].file } : { code: null, source: "nowhere" };
}

/**
 * The output an example documents: its trailing `// …` comment lines, in order (an HTML
 * example: its last `<!-- … -->` line). Throws when there is none.
 */
export function documentedOutput(code) {
  const lines = code.trimEnd().split("\n");
  const last = lines[lines.length - 1].trim();
  const html = last.match(/^<!--\s*(.+?)\s*-->$/);
  if (html) return html[1];
  const out = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = lines[i].match(/^\s*\/\/ ?(.*)$/);
    if (!m) break;
    out.unshift(m[1].trimEnd());
  }
  if (out.length === 0) throw new Error("the example has no trailing `// output` comment");
  return out.join("\n");
}
