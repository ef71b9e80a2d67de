// The demo page. Every value is computed by authsmith (pkg/index.js) in this page.
import * as lib from "/pkg/index.js";

const $ = (id) => document.getElementById(id);
const describe = (e) => `${e?.name ?? "Error"}${e?.code ? ` ${e.code}` : ""}: ${e?.message ?? e}`;
const mask = (s) => "•".repeat(Math.min(Math.max(s.length, 4), 16));

function show(el, fn) {
  try {
    const v = fn();
    el.textContent = typeof v === "string" ? v : JSON.stringify(v, null, 2);
    el.classList.remove("bad");
  } catch (e) {
    el.textContent = describe(e);
    el.classList.add("bad");
  }
}

// Reveal buttons for secret inputs (masked by default).
for (const btn of document.querySelectorAll("[data-reveal]")) {
  btn.addEventListener("click", () => {
    const input = $(btn.dataset.reveal);
    const reveal = input.type === "password";
    input.type = reveal ? "text" : "password";
    btn.textContent = reveal ? "Hide" : "Show";
    btn.setAttribute("aria-pressed", String(reveal));
    input.dispatchEvent(new Event("input"));
  });
}

// ---------------------------------------------------------------- Postman flow (Tedee)
const token = $("g-token"), mode = $("g-mode"), fixed = $("fixed"), fixedTs = $("fixed-ts");
let generator = null, generatorFor = "";
let last = null; // { timestamp, key }
const history = [];

function tedeeMode() {
  return mode.value === "PLAIN" ? "plain" : "encrypted";
}

function keyGenerator() {
  const id = `${tedeeMode()}\u0000${token.value}`;
  if (!generator || generatorFor !== id) {
    generator?.free();
    generator = new lib.TedeeKeyGenerator(token.value, { mode: tedeeMode() });
    generatorFor = id;
  }
  return generator;
}

/** A key for the next request: fixed timestamp, or the generator (strictly increasing). */
function nextKey() {
  if (fixed.checked) {
    const timestamp = Number(fixedTs.value);
    return { timestamp, key: lib.tedeeApiKey(token.value, { mode: tedeeMode(), timestamp }) };
  }
  const g = keyGenerator();
  const key = g.next();
  return { timestamp: g.lastTimestamp, key };
}

function renderSteps() {
  const shownToken = token.type === "password" ? mask(token.value) : token.value;
  try {
    const cur = last ?? (fixed.checked
      ? { timestamp: Number(fixedTs.value), key: lib.tedeeApiKey(token.value, { mode: tedeeMode(), timestamp: Number(fixedTs.value) }) }
      : { timestamp: Date.now(), key: lib.tedeeApiKey(token.value, { mode: tedeeMode() }) });
    if (tedeeMode() === "plain") {
      $("step1").textContent = "(PLAIN mode: no timestamp)";
      $("step2").textContent = "(PLAIN mode: no hash)";
      $("step3").textContent = "(PLAIN mode: the api_token is the token itself)";
      $("g-key").textContent = token.type === "password" ? mask(cur.key) : cur.key;
    } else {
      const ts = String(cur.timestamp);
      $("step1").textContent = shownToken + ts;
      $("step2").textContent = lib.sha256Hex(token.value + ts);
      $("step3").textContent = cur.key;
      $("g-key").textContent = cur.key;
    }
    $("step4").textContent = "✓";
    $("g-key").classList.remove("bad");
  } catch (e) {
    for (const id of ["step1", "step2", "step3"]) $(id).textContent = "";
    $("step4").textContent = "";
    $("g-key").textContent = describe(e);
    $("g-key").classList.add("bad");
  }
}

function placement() {
  return document.querySelector('input[name="placement"]:checked').value;
}

function requestFor(key) {
  const method = $("r-method").value;
  const base = $("r-url").value.trim();
  const applied = lib.applyAuth({ url: base, headers: placement() === "header" ? { api_token: key } : {} },
    { type: "none" });
  let url = applied.url;
  if (placement() === "query") url = lib.applyAuth({ url }, { type: "apiKey", name: "api_token", value: key, in: "query" }).url;
  return { method, url, headers: applied.headers };
}

function httpText({ method, url, headers }) {
  const u = new URL(url);
  const lines = [`${method} ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (method === "POST" || method === "PUT") lines.push("Content-Length: 0");
  return lines.join("\n");
}

function curlText({ method, url, headers }) {
  const q = (s) => `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
  return [`curl -v -X ${method} ${q(url)}`, ...Object.entries(headers).map(([k, v]) => `-H ${q(`${k}: ${v}`)}`)].join(" ");
}

async function send() {
  let req;
  try {
    last = nextKey();
    req = requestFor(last.key);
  } catch (e) {
    $("http").textContent = describe(e);
    $("http").classList.add("bad");
    renderSteps();
    return;
  }
  $("http").classList.remove("bad");
  $("http").textContent = httpText(req);
  $("curl").textContent = curlText(req);
  history.push(last);
  const row = document.createElement("tr");
  for (const v of [String(history.length), String(last.timestamp), last.key]) {
    const td = document.createElement("td");
    td.textContent = v;
    row.append(td);
  }
  $("history").append(row);
  renderSteps();
  if (!$("really-send").checked) {
    $("response").textContent = "(not sent: tick “Really send it” to send it with fetch)";
    return;
  }
  $("response").textContent = "sending…";
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers });
    const body = await res.text();
    $("response").textContent = `${res.status} ${res.statusText}\n${body.slice(0, 2000)}`;
  } catch (e) {
    $("response").textContent = `Network or CORS error: ${e.message}. A bridge on the LAN does not send CORS headers, so browsers block the answer; use curl or Postman instead.`;
  }
}

$("send").addEventListener("click", send);
$("clear-history").addEventListener("click", () => {
  history.length = 0;
  $("history").replaceChildren();
});
fixed.addEventListener("change", () => {
  fixedTs.disabled = !fixed.checked;
  last = null;
  renderSteps();
});
for (const el of [token, mode, fixedTs]) el.addEventListener("input", () => { last = null; renderSteps(); });
mode.addEventListener("change", () => { last = null; renderSteps(); });

// The collection's pre-request script (postman/tedee-prerequest.js), as shipped.
fetch("postman/tedee-prerequest.js")
  .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
  .then((text) => { $("postman-script").value = text; })
  .catch((e) => { $("postman-script").value = `// could not load postman/tedee-prerequest.js: ${e.message}`; });
$("copy-script").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText($("postman-script").value);
    $("copy-status").textContent = "Copied.";
  } catch {
    $("postman-script").select();
    $("copy-status").textContent = "Selected: press Ctrl+C to copy.";
  }
});
renderSteps();

// ---------------------------------------------------------------- applyAuth panel
function authConfig() {
  const user = $("a-user").value, secret = $("a-secret").value;
  const where = document.querySelector('input[name="a-in"]:checked').value;
  switch ($("a-type").value) {
    case "basic": return { type: "basic", username: user, password: secret };
    case "bearer": return { type: "bearer", token: secret };
    case "apiKey": return { type: "apiKey", name: user || "X-API-Key", value: secret, in: where };
    case "hmac": return { type: "hmac", secret, ...(user ? { signatureHeader: user } : {}) };
    default: return { type: "tedee", token: secret, in: where };
  }
}
function renderAuth() {
  show($("a-out"), () => {
    const r = lib.applyAuth({ url: $("a-url").value }, authConfig());
    // Masked secret input → masked output (redact keeps the scheme word).
    return $("a-secret").type === "password" ? { url: lib.redact(r.url), headers: lib.redact(r.headers) } : r;
  });
}
for (const id of ["a-type", "a-url", "a-user", "a-secret"]) $(id).addEventListener("input", renderAuth);
for (const el of document.querySelectorAll('input[name="a-in"]')) el.addEventListener("change", renderAuth);
renderAuth();

// ---------------------------------------------------------------- webhooks
function parseHeaderLines(text) {
  const pairs = [];
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) pairs.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return pairs;
}
$("w-sign").addEventListener("click", () => {
  try {
    const headers = lib.signWebhook($("w-scheme").value, { secret: $("w-secret").value, payload: $("w-body").value });
    $("w-headers").value = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\n");
    show($("w-out"), () => "signed: the headers above are what the sender attaches");
  } catch (e) {
    show($("w-out"), () => { throw e; });
  }
});
$("w-verify").addEventListener("click", () => show($("w-out"), () => {
  const r = lib.verifyWebhook($("w-scheme").value, {
    secret: $("w-secret").value, payload: $("w-body").value, headers: parseHeaderLines($("w-headers").value),
  });
  return `valid ✓ ${JSON.stringify(r)}`;
}));

// ---------------------------------------------------------------- OAuth
let oauthState = null; // the state of the last authorization URL: what the callback must carry
$("o-go").addEventListener("click", () => show($("o-out"), () => {
  const pkce = lib.createPkce();
  const { url, state } = lib.authorizationUrl({
    endpoint: $("o-endpoint").value, clientId: $("o-client").value, redirectUri: $("o-redirect").value,
    scope: $("o-scope").value, codeChallenge: pkce.challenge,
  });
  oauthState = state;
  // an example answer to paste over with the real one
  $("o-callback").value = `${$("o-redirect").value}?code=SplxlOBeZQQYbYS6WxSbIA&state=${encodeURIComponent(state)}`;
  return { verifier: pkce.verifier, challenge: pkce.challenge, method: pkce.method, state, url };
}));
$("o-parse").addEventListener("click", () => show($("o-cb-out"), () => {
  if (oauthState === null) throw new Error("make an authorization URL first: the callback must carry its state");
  return lib.parseAuthorizationCallback($("o-callback").value, { state: oauthState });
}));

// ---------------------------------------------------------------- JWT
const jToken = $("j-token");
let jExpiresAt; // ms, from the decoded token (unverified)
function renderJwtDecode() {
  jExpiresAt = undefined;
  const text = jToken.value.trim();
  if (text === "") {
    $("j-decoded").textContent = "";
    $("j-expiry").textContent = "";
    return;
  }
  show($("j-decoded"), () => lib.decodeJwt(text));
  try {
    jExpiresAt = lib.jwtExpiresAt(text);
  } catch {
    jExpiresAt = undefined;
  }
  renderJwtExpiry();
}
function renderJwtExpiry() {
  const out = $("j-expiry");
  if (jToken.value.trim() === "") return;
  if (jExpiresAt === undefined) {
    out.textContent = "no exp claim: this token never expires by itself";
    out.classList.remove("bad");
    return;
  }
  const left = jExpiresAt - Date.now();
  const at = Number.isFinite(jExpiresAt) ? new Date(jExpiresAt).toISOString() : String(jExpiresAt);
  out.textContent = left > 0 ? `expires ${at}: in ${Math.ceil(left / 1000)} s` : `expired ${at}: ${Math.floor(-left / 1000)} s ago`;
  out.classList.toggle("bad", left <= 0);
}
$("j-sign").addEventListener("click", () => show($("j-out"), () => {
  jToken.value = lib.signJwt({ sub: "demo-user", scope: "read" }, $("j-key").value, {
    alg: $("j-alg").value, expiresInSec: Number($("j-ttl").value),
  });
  renderJwtDecode();
  return "signed (not verified yet: press Verify)";
}));
$("j-verify").addEventListener("click", () => show($("j-out"), () => {
  const r = lib.verifyJwt(jToken.value.trim(), $("j-key").value, { algorithms: [$("j-alg").value] });
  return `valid ✓ signature, exp and nbf checked; payload ${JSON.stringify(r.payload)}`;
}));
jToken.addEventListener("input", renderJwtDecode);
setInterval(renderJwtExpiry, 1000);
$("j-sign").click();

// ---------------------------------------------------------------- server answers
$("s-go").addEventListener("click", () => show($("s-out"), () =>
  lib.explainAuthFailure({ status: Number($("s-status").value), headers: parseHeaderLines($("s-headers").value) })));

// ---------------------------------------------------------------- redact
const renderRedact = () => show($("x-out"), () => lib.redact($("x-in").value));
$("x-in").addEventListener("input", renderRedact);
renderRedact();
