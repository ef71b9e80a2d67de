// A mock Tedee Bridge (local API v1.0) for tests and for trying the Postman collection
// without a lock: node:http on 127.0.0.1, a random port unless one is given. Every request
// must carry `api_token` (header, else query parameter), checked with authsmith's
// TedeeVerifier: the digest, the freshness window (toleranceMs, default 30 s each way),
// replay rejection, and — as the Tedee docs said up to 2023 ("the value used for each
// request must be greater than the previous one") — a timestamp above the last accepted
// one (`increasing`, default on). A refused key gets 401 with a JSON reason:
//   { "error": "ERR_REPLAY", "reason": "…" }
// `plain` mode (the app's development setting) compares the key with the token.
//
//   node tests/mock-bridge.mjs [--port 8080] [--plain]   (token from TEDEE_TOKEN, default BE9xnPnGfVUS)
//
// Endpoints (shapes follow the Bridge API; values are made up):
//   GET  /v1.0/bridge               bridge details
//   GET  /v1.0/lock                 the paired locks
//   POST /v1.0/lock/{id}/unlock     202, the lock's state becomes unlocked
//   POST /v1.0/lock/{id}/lock       202, the lock's state becomes locked
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { TedeeVerifier, isAuthsmithError } from "authsmith";

const LOCKED = 6;
const UNLOCKED = 2;

/**
 * Starts the mock. Returns { url, port, received, setMode(mode), close() }; `received`
 * lists every request: { method, path, placement, key, status, error?, timestamp? }.
 */
export async function startMockBridge({
  token = "BE9xnPnGfVUS",
  mode = "encrypted",
  toleranceMs = 30_000,
  increasing = true,
  port = 0,
  now = () => Date.now(),
} = {}) {
  let verifier;
  let last = -1;
  const received = [];
  const locks = [
    { id: 12345, type: 4, name: "Front door", serialNumber: "19420103-000008", isConnected: 1, state: LOCKED, jammed: 0, batteryLevel: 78, isCharging: 0, stateChangeResult: 0 },
  ];

  function setMode(m) {
    if (m !== "encrypted" && m !== "plain") throw new RangeError("mode must be 'encrypted' or 'plain'");
    mode = m;
    verifier = new TedeeVerifier(token, { mode, toleranceMs });
    last = -1;
  }
  setMode(mode);

  function authorize(req, url) {
    const header = req.headers["api_token"];
    const query = url.searchParams.getAll("api_token");
    const entry = { method: req.method, path: url.pathname, placement: header !== undefined ? "header" : query.length ? "query" : "none" };
    received.push(entry);
    if (Array.isArray(header) || query.length > 1) return deny(entry, "duplicate_api_token", "more than one api_token");
    const key = header ?? query[0];
    entry.key = key;
    if (key === undefined || key === "") return deny(entry, "missing_api_token", "no api_token header or query parameter");
    let ts;
    try {
      ts = verifier.verify(key, now()).timestamp;
    } catch (e) {
      if (!isAuthsmithError(e)) throw e;
      return deny(entry, e.code, e.message);
    }
    if (mode === "encrypted" && increasing && ts <= last) {
      return deny(entry, "not_increasing", "the api_token timestamp must be greater than the previous one");
    }
    if (mode === "encrypted") last = ts;
    entry.timestamp = ts;
    entry.status = 200;
    return null;
  }

  function deny(entry, error, reason) {
    entry.status = 401;
    entry.error = error;
    return { status: 401, body: { error, reason } };
  }

  function route(method, path) {
    if (method === "GET" && path === "/v1.0/bridge") {
      return { status: 200, body: { name: "Mock bridge", serialNumber: "22130302-000001", ssid: "home", isConnected: 1, version: "2.2.18179", wifiVersion: "1.0.0" } };
    }
    if (method === "GET" && path === "/v1.0/lock") return { status: 200, body: locks };
    const m = /^\/v1\.0\/lock\/(\d+)\/(unlock|lock)$/.exec(path);
    if (m && method === "POST") {
      const lock = locks.find((l) => String(l.id) === m[1]);
      if (!lock) return { status: 404, body: { error: "not_found", reason: "no lock with that id" } };
      lock.state = m[2] === "unlock" ? UNLOCKED : LOCKED;
      return { status: 202, body: null };
    }
    return { status: 404, body: { error: "not_found", reason: "no such endpoint" } };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://bridge.invalid");
    req.resume(); // bodies are not used
    req.on("end", () => {
      const out = authorize(req, url) ?? route(req.method, url.pathname);
      const body = out.body === null ? "" : JSON.stringify(out.body);
      res.writeHead(out.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    locks,
    setMode,
    get mode() {
      return mode;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--port");
  const bridge = await startMockBridge({
    token: process.env.TEDEE_TOKEN || "BE9xnPnGfVUS",
    mode: args.includes("--plain") ? "plain" : "encrypted",
    port: at >= 0 ? Number(args[at + 1]) : 0,
  });
  console.log(`mock Tedee bridge (${bridge.mode}) on ${bridge.url}; Ctrl-C stops it`);
  process.on("SIGINT", () => bridge.close().then(() => process.exit(0)));
}
