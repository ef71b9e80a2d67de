// What the bytes of a wasm module are: its sections, its largest functions (by the name
// section of an unstripped module) and its data segments. Used by bench/size.mjs for the
// report; run alone: node bench/wasm-breakdown.mjs file.wasm [top].
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    byte: () => buf[pos++],
    u32() {
      let result = 0, shift = 0, b;
      do {
        b = buf[pos++];
        result |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      return result >>> 0;
    },
    name() {
      const n = r.u32();
      const s = buf.subarray(pos, pos + n).toString("utf8");
      pos += n;
      return s;
    },
  };
  return r;
}

const SECTIONS = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];

/** Demangled-enough Rust names: drop the hash suffix and the crate-path noise. */
export function shortName(n) {
  return n.replace(/::h[0-9a-f]{16}$/, "").replace(/^_ZN/, "");
}

/**
 * { sections: [{ name, size }], functions: [{ name, size }], data: number, total }.
 * Function names come from the "name" custom section when the module has one.
 */
export function breakdown(bytes) {
  const buf = Buffer.from(bytes);
  const r = reader(buf);
  r.pos = 8;
  const sections = [];
  const bodies = [];
  const names = new Map();
  let imported = 0;
  let data = 0;
  while (r.pos < buf.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    let label = SECTIONS[id] ?? `section ${id}`;
    if (id === 0) {
      const n = r.name();
      label = `custom "${n}"`;
      if (n === "name") {
        while (r.pos < start + size) {
          const sub = r.byte(), len = r.u32(), subStart = r.pos;
          if (sub === 1) {
            const count = r.u32();
            for (let i = 0; i < count; i++) {
              const idx = r.u32();
              names.set(idx, r.name());
            }
          }
          r.pos = subStart + len;
        }
      }
    } else if (id === 2) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) { r.u32(); imported++; }
        else if (kind === 1) { r.byte(); const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 2) { const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 3) { r.byte(); r.byte(); }
      }
    } else if (id === 10) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const len = r.u32();
        bodies.push(len);
        r.pos += len;
      }
    } else if (id === 11) {
      data = size;
    }
    sections.push({ name: label, size });
    r.pos = start + size;
  }
  const functions = bodies.map((size, i) => ({ name: shortName(names.get(imported + i) ?? `func[${imported + i}]`), size }));
  functions.sort((a, b) => b.size - a.size);
  return { sections, functions, data, total: buf.length };
}

/** The crate/module a function's code belongs to (its path's first two segments). */
export function groupOf(name) {
  const n = name.replace(/\[[0-9a-f]{16}\]/g, ""); // core[c5930c85a12de822]:: → core::
  if (/ shim$/.test(n) && !n.includes("::")) return "(exports: wasm-bindgen shims, the adapters inlined)";
  if (/^__rustc::|^__rust_|^rust_begin_unwind/.test(n)) return "(Rust runtime: panic handler, allocator entry points)";
  if (n.startsWith("__") || /^wasm_bindgen::/.test(n)) return "(wasm-bindgen glue)";
  // <Type as crate::Trait>::f belongs to the type's crate, or to the trait's for a generic type.
  const impl = n.match(/^<&?(?:mut )?(?:([a-z_][a-z0-9_]*)::(?:([a-z_][a-z0-9_]*)::)?[^ ]*|[A-Z]\w*) as ([a-z_][a-z0-9_]*)::(?:([a-z_][a-z0-9_]*)::)?/);
  if (impl) return impl[1] ? (impl[2] ? `${impl[1]}::${impl[2]}` : impl[1]) : impl[4] ? `${impl[3]}::${impl[4]}` : impl[3];
  const m = n.match(/^<?&?(?:mut )?([a-z_][a-z0-9_]*)::(?:([a-z_][a-z0-9_]*)::)?/);
  if (m) return m[2] ? `${m[1]}::${m[2]}` : m[1];
  return /^[a-zA-Z_$][\w$]*$/.test(n) ? "(exports: wasm-bindgen shims, the adapters inlined)" : "(other)";
}

/** Sums function sizes by the crate/module their name starts with. */
export function byCrate(functions) {
  const groups = new Map();
  for (const f of functions) {
    const key = groupOf(f.name);
    groups.set(key, (groups.get(key) ?? 0) + f.size);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

/**
 * The data segments' bytes by what they are: runs of 6+ printable characters sorted
 * into panic locations (source paths), panic and assertion texts, the error codes and
 * the remaining text (argument and error messages); the rest is binary (tables, zeros).
 */
export function dataBreakdown(bytes) {
  const buf = Buffer.from(bytes);
  const r = reader(buf);
  r.pos = 8;
  const kinds = { "panic locations (source file paths)": 0, "panic and assertion texts": 0, "error codes (ERR_…)": 0, "messages and other text": 0, "binary (tables, constants)": 0 };
  while (r.pos < buf.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    if (id === 11) {
      const text = buf.subarray(start, start + size).toString("latin1");
      let printable = 0;
      for (const run of text.match(/[\x20-\x7e\n]{6,}/g) ?? []) {
        printable += run.length;
        const paths = (run.match(/\/[\w./-]*\.rs/g) ?? []).reduce((a, p) => a + p.length, 0);
        const codes = (run.match(/ERR_[A-Z0-9_]+/g) ?? []).reduce((a, p) => a + p.length, 0);
        const panics = (run.match(/assertion failed:[^\n]*?(?=assertion failed|$)|called `\w+::unwrap\(\)`[^`]*value|out of range for slice of length|index out of bounds: the len is|is not a char boundary; it is inside|already (?:mutably )?borrowed|internal error: entered unreachable code[^"]*?(?=[A-Z]|$)|attempt to [a-z ]+ overflow|attempt to divide by zero|capacity overflow|null pointer passed to rust|attempted to take ownership of Rust value while it was borrowed|recursive use of an object detected[a-z ]*|closure invoked recursively or after being dropped/g) ?? []).reduce((a, p) => a + p.length, 0);
        kinds["panic locations (source file paths)"] += paths;
        kinds["error codes (ERR_…)"] += codes;
        kinds["panic and assertion texts"] += panics;
        kinds["messages and other text"] += run.length - paths - codes - panics;
      }
      kinds["binary (tables, constants)"] += size - printable;
    }
    r.pos = start + size;
  }
  return Object.entries(kinds);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const b = breakdown(readFileSync(process.argv[2]));
  const top = Number(process.argv[3] ?? 25);
  console.log(`total ${b.total} B`);
  for (const s of b.sections) console.log(`  ${s.name}: ${s.size}`);
  console.log("by crate/module:");
  for (const [k, v] of byCrate(b.functions).slice(0, top)) console.log(`  ${v}\t${k}`);
  console.log("largest functions:");
  for (const f of b.functions.slice(0, top)) console.log(`  ${f.size}\t${f.name}`);
  console.log("data:");
  for (const [k, v] of dataBreakdown(readFileSync(process.argv[2]))) console.log(`  ${v}\t${k}`);
}
