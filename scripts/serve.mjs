#!/usr/bin/env node
// `npm run demo` builds the package, then this serves www/ and pkg/ on 127.0.0.1.
// PORT=8080 picks the port (default 8080; 0 = any free port).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./static-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 8080);
const { url } = await startServer([
  ["/pkg/", join(root, "pkg")],
  ["/postman/", join(root, "postman")],
  ["/", join(root, "www")],
], { port });
console.log(`authsmith demo: ${url}/  (Ctrl+C to stop)`);
