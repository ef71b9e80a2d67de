// Run by tests/js/memory.test.mjs in a fresh `node --expose-gc` process per case; prints
// one JSON line of figures. Usage: node --expose-gc memory-probe.mjs <case>
import * as lib from "../../../build/testing/index.js";
import { createHash, createHmac } from "node:crypto";

const MiB = 1024 * 1024;
const SIZE = Number(process.env.PROBE_SIZE ?? 256 * MiB);
const which = process.argv[2];
const rss = () => process.memoryUsage().rss;
const peak = () => process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
const settle = () => { globalThis.gc(); globalThis.gc(); };

function big(kind) {
  if (kind === "bytes") {
    const b = Buffer.alloc(SIZE, 0x61);
    b[SIZE - 1] = 0x62;
    return b;
  }
  const s = "a".repeat(SIZE - 1) + "b";
  s.isWellFormed(); // flatten now, so the input is counted before the measurement
  return s;
}

const GH = (payload) => ({
  secret: "It's a Secret to Everybody",
  payload,
  headers: { "x-hub-signature-256": "sha256=" + createHmac("sha256", "It's a Secret to Everybody").update(payload).digest("hex") },
});

const ops = {
  sha256: (x) => {
    const want = createHash("sha256").update(x).digest("hex");
    return () => { if (lib.sha256Hex(x) !== want) throw new Error("sha256 mismatch"); };
  },
  hmac: (x) => {
    const want = createHmac("sha256", "key").update(x).digest("hex");
    return () => {
      if (lib.hmacSha256("key", x) !== want) throw new Error("hmacSha256 mismatch");
      const h = new lib.Hmac("key");
      if (!h.update(x).verify(want)) throw new Error("Hmac.update/verify mismatch");
      h.free();
    };
  },
  webhook: (x) => {
    const input = GH(x);
    return () => { if (lib.verifyWebhook("github", input).scheme !== "github") throw new Error("webhook"); };
  },
};

// Warm up the module and the functions with small inputs first.
for (const op of Object.values(ops)) op("warm")();
for (const op of Object.values(ops)) op(Buffer.from("warm"))();
settle();

if (which === "small") {
  const tedee = lib.tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1 });
  const h = new lib.Hmac("key");
  const gh = GH("{}");
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      switch (i % 5) {
        case 0: lib.sha256Hex("abc" + (i & 7)); break;
        case 1: lib.hmacSha256("key", "data"); break;
        case 2: h.sign("msg"); break;
        case 3: lib.verifyTedeeApiKey("BE9xnPnGfVUS", tedee, { now: 1, toleranceMs: 0 }); break;
        case 4: lib.verifyWebhook("github", gh); break;
      }
    }
  };
  round(100_000);
  settle();
  const r0 = rss(), w0 = lib.__wasmMemoryBytes();
  const t = Date.now();
  round(1_000_000);
  settle();
  console.log(JSON.stringify({ case: "small", calls: 1_000_000, ms: Date.now() - t, rssGrowth: rss() - r0, wasmGrowth: lib.__wasmMemoryBytes() - w0, wasm: lib.__wasmMemoryBytes() }));
} else {
  const [opName, kind] = which.split(":");
  const input = big(kind);
  const run = ops[opName](input);
  settle();
  const r0 = rss(), p0 = peak(), w0 = lib.__wasmMemoryBytes();
  const t = Date.now();
  run();
  const ms = Date.now() - t;
  const p1 = peak(), r1 = rss();
  settle();
  console.log(JSON.stringify({
    case: which, inputBytes: kind === "bytes" ? input.length : Buffer.byteLength(input), ms,
    peakGrowth: Math.max(0, p1 - Math.max(p0, r0)), rssGrowth: r1 - r0, wasmGrowth: lib.__wasmMemoryBytes() - w0, wasm: lib.__wasmMemoryBytes(),
  }));
}
