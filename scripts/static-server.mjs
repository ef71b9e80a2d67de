// A small static file server for the demo page and the browser tests. It binds to
// 127.0.0.1 only and serves files below the given roots (no path escapes).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

/**
 * mounts: [[urlPrefix, directory], ...], first match wins. `index` names the file served
 * for a directory URL; `headers` are added to every file served (e.g. a
 * Content-Security-Policy).
 */
export function startServer(mounts, { port = 0, host = "127.0.0.1", index = "index.html", headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://localhost");
      const path = decodeURIComponent(url.pathname);
      for (const [prefix, dir] of mounts) {
        if (!path.startsWith(prefix)) continue;
        const base = resolve(dir);
        let file = normalize(join(base, path.slice(prefix.length)));
        if (file !== base && !file.startsWith(base + sep)) break;
        let info = await stat(file).catch(() => null);
        if (info?.isDirectory()) {
          file = join(file, index);
          info = await stat(file).catch(() => null);
        }
        if (!info?.isFile()) continue;
        const body = await readFile(file);
        res.writeHead(200, {
          "content-type": TYPES[extname(file)] ?? "application/octet-stream",
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
          ...headers,
        });
        res.end(body);
        return;
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    } catch {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end("bad request");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}` }));
  });
}
