// The webhook recipes of docs/webhook-frameworks.md, executed as written: each code block
// after a `<!-- recipe: NAME -->` marker is written to tests/out and imported (inside the
// package, so `authsmith` resolves to this build by its name). Express, Fastify, Hono (on
// @hono/node-server) and Koa are started on 127.0.0.1 with port 0 and sent signed
// deliveries over HTTP; the Next.js route handler is called with real `Request` objects.
// Deliveries are signed by the senders' own libraries (@octokit/webhooks-methods,
// standardwebhooks). Every server is closed; each framework gets a bounded number of
// requests (12).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { sign as octokitSign } from "@octokit/webhooks-methods";
import { serve } from "@hono/node-server";

const doc = readFileSync(new URL("../../docs/webhook-frameworks.md", import.meta.url), "utf8");
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });

const GITHUB_SECRET = "It's a Secret to Everybody";
const STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
process.env.GITHUB_WEBHOOK_SECRET = GITHUB_SECRET;
process.env.STANDARD_WEBHOOK_SECRET = STANDARD_SECRET;

const RECIPES = ["express", "fastify", "hono", "koa", "nextjs"];

export function recipe(name) {
  const m = doc.match(new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `docs/webhook-frameworks.md has a ${name} recipe`);
  return m[1];
}

/** Imports a recipe as written (a fresh module, so a fresh replay guard). */
async function load(name) {
  const file = new URL(`recipe-${name}.mjs`, out);
  writeFileSync(file, recipe(name));
  return import(`${file.href}?${Date.now()}`);
}

// Bodies as senders send them: pretty-printed, so a JSON round trip changes the bytes.
const body = (n) => JSON.stringify({ action: "opened", number: n, pull_request: { title: "Fix ü", draft: false } }, null, 2);

async function githubDelivery(n) {
  const payload = body(n);
  return {
    payload,
    headers: {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": `72d3162e-cc78-11e3-81ab-4c9367dc095${n}`,
      "x-hub-signature-256": await octokitSign(GITHUB_SECRET, payload),
    },
  };
}

function standardDelivery(n, ageSec = 0) {
  const payload = body(n);
  const id = `msg_${n}`;
  const at = new Date(Date.now() - ageSec * 1000);
  return {
    payload,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new StandardWebhook(STANDARD_SECRET).sign(id, at, payload),
    },
  };
}

const reserialised = (d) => ({ ...d, payload: JSON.stringify(JSON.parse(d.payload)) });
const tampered = (d) => ({ ...d, payload: d.payload.replace('"number": ', '"number": 1') });
const without = (d, name) => ({ ...d, headers: Object.fromEntries(Object.entries(d.headers).filter(([k]) => k !== name)) });

/** [label, path, delivery, expected status, expected body]: 12 requests. */
async function cases() {
  const gh1 = await githubDelivery(1), gh2 = await githubDelivery(2);
  const st1 = standardDelivery(1), st2 = standardDelivery(2);
  return [
    ["github: good", "github", gh1, 200, "ok"],
    ["github: replayed", "github", gh1, 200, "duplicate"],
    ["github: another delivery", "github", gh2, 200, "ok"],
    ["github: tampered", "github", tampered(await githubDelivery(3)), 400, "ERR_SIGNATURE_MISMATCH"],
    ["github: re-serialised by a JSON parser", "github", reserialised(await githubDelivery(4)), 400, "ERR_SIGNATURE_MISMATCH"],
    ["github: no signature header", "github", without(await githubDelivery(5), "x-hub-signature-256"), 400, "ERR_MISSING_HEADER"],
    ["standard: good", "standard", st1, 200, "ok"],
    ["standard: replayed", "standard", st1, 200, "duplicate"],
    ["standard: another delivery", "standard", st2, 200, "ok"],
    ["standard: tampered", "standard", tampered(standardDelivery(3)), 400, "ERR_SIGNATURE_MISMATCH"],
    ["standard: re-serialised by a JSON parser", "standard", reserialised(standardDelivery(4)), 400, "ERR_SIGNATURE_MISMATCH"],
    ["standard: stale (signed 10 minutes ago)", "standard", standardDelivery(5, 600), 400, "ERR_TIMESTAMP_TOO_OLD"],
  ];
}

async function over(send) {
  for (const [label, sender, d, status, text] of await cases()) {
    const r = await send(sender, d);
    assert.deepEqual([r.status, await r.text()], [status, text], label);
  }
}

/** Starts `listen(done)`'s server, sends every case over HTTP, closes it. */
async function overHttp(server) {
  const { port, address } = server.address();
  assert.equal(address, "127.0.0.1");
  try {
    await over((sender, d) => fetch(`http://127.0.0.1:${port}/webhooks/${sender}`, { method: "POST", headers: d.headers, body: d.payload }));
  } finally {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
}

const listening = (server) => new Promise((resolve, reject) => {
  if (server.listening) return resolve(server);
  server.once("listening", () => resolve(server)).once("error", reject);
});

test("every recipe in the doc is tested here", () => {
  const names = [...doc.matchAll(/<!-- recipe: (\w+) -->/g)].map((m) => m[1]);
  assert.deepEqual(names, RECIPES);
});

test("Express 5 recipe", async () => {
  const { app } = await load("express");
  await overHttp(await listening(app.listen(0, "127.0.0.1")));
});

test("Fastify 5 recipe", async () => {
  const { app } = await load("fastify");
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    await overHttp(app.server);
  } finally {
    await app.close();
  }
});

test("Hono 4 recipe on @hono/node-server", async () => {
  const { app } = await load("hono");
  await overHttp(await listening(serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" })));
});

test("Koa 3 recipe", async () => {
  const { app } = await load("koa");
  await overHttp(await listening(app.listen(0, "127.0.0.1")));
});

test("Next.js route handler recipe, called with real Request objects", async () => {
  const { POST } = await load("nextjs");
  await over((sender, d) => POST(
    new Request(`http://localhost/webhooks/${sender}`, { method: "POST", headers: d.headers, body: d.payload }),
    { params: Promise.resolve({ sender }) },
  ));
  const r = await POST(new Request("http://localhost/webhooks/x", { method: "POST", body: "{}" }), { params: Promise.resolve({ sender: "x" }) });
  assert.equal(r.status, 404);
});

test("a parsed body is a TypeError that says to pass the raw body", async () => {
  const { verifyWebhook } = await import("authsmith");
  const d = await githubDelivery(1);
  assert.throws(() => verifyWebhook("github", { secret: GITHUB_SECRET, payload: JSON.parse(d.payload), headers: d.headers }),
    { name: "TypeError", message: /raw body.*re-serialised JSON does not match/ });
});
