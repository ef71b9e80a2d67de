// A Cloudflare Workers module worker, bundled as wrangler does (esbuild with the
// "workerd" condition; the .wasm stays a separate module the runtime compiles).
//   GET  /conformance       runs the whole conformance module inside workerd
//   POST /webhook           verifies a Standard Webhooks request (verifyWebhook, one per request)
//   POST /webhook/stream    verifies a GitHub delivery while streaming the body (createWebhookVerifier)
import * as lib from "authsmith";
import { conformance } from "../conformance.mjs";

// Global scope: the module is ready synchronously (no ready() needed in workerd either).
const probe = lib.sha256Hex("abc");

function answer(fn) {
  try {
    return Response.json({ ok: true, ...fn() });
  } catch (e) {
    if (lib.isAuthsmithError(e)) return Response.json({ ok: false, code: e.code }, { status: 401 });
    return Response.json({ ok: false, error: String(e) }, { status: 500 });
  }
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/conformance") {
      return Response.json(await conformance(lib, { env: "workerd", probe }));
    }
    if (pathname === "/webhook" && request.method === "POST") {
      const payload = await request.text();
      return answer(() => lib.verifyWebhook("standard", { secret: env.STANDARD_SECRET, payload, headers: request.headers }));
    }
    if (pathname === "/webhook/stream" && request.method === "POST") {
      let verifier;
      try {
        verifier = lib.createWebhookVerifier("github", { secret: env.GITHUB_SECRET, headers: request.headers });
      } catch (e) {
        return answer(() => { throw e; });
      }
      for await (const chunk of request.body ?? []) verifier.update(chunk);
      return answer(() => verifier.verify());
    }
    return new Response("not found", { status: 404 });
  },
};
