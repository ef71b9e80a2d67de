// Webhook signatures: every vector (shared webhooks.json + tests/vectors/webhooks_more.json),
// negative cases per scheme, header shapes, rotation, streaming, misuse, and a sign →
// verify round trip over random bodies, secrets and schemes. No Node APIs.
import { deepEqual, equal, ok, throws, utf8 } from "./assert.mjs";

const TE = { name: "TypeError" }, RE = { name: "RangeError" };
const code = (c) => ({ name: "AuthsmithError", code: c });

// Signature header layout per scheme: which header, what comes around the MAC, its encoding.
const LAYOUT = {
  mes: { header: "x-mes-signature", prefix: "", enc: "hex" },
  github: { header: "X-Hub-Signature-256", prefix: "sha256=", enc: "hex" },
  stripe: { header: "Stripe-Signature", prefix: null, enc: "hex" }, // "t=<ts>,v1=" computed per call
  slack: { header: "X-Slack-Signature", prefix: "v0=", enc: "hex", ts: "X-Slack-Request-Timestamp" },
  shopify: { header: "X-Shopify-Hmac-Sha256", prefix: "", enc: "base64" },
  standard: { header: "webhook-signature", prefix: "v1,", enc: "base64", ts: "webhook-timestamp", id: "webhook-id" },
  svix: { header: "svix-signature", prefix: "v1,", enc: "base64", ts: "svix-timestamp", id: "svix-id" },
};
const CUSTOM_HEX = { header: "X-Signature", encoding: "hex", prefix: "hmac-sha256=" };
const CUSTOM_B64 = { header: "X-Body-Signature", encoding: "base64" };
const SCHEMES = [...Object.keys(LAYOUT), CUSTOM_HEX, CUSTOM_B64];
const TIMESTAMPED = new Set(["stripe", "slack", "standard", "svix"]);
const label = (s) => (typeof s === "string" ? s : `custom(${s.encoding})`);
const layout = (s) => (typeof s === "string" ? LAYOUT[s] : { header: s.header, prefix: s.prefix ?? "", enc: s.encoding });

const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const fromHex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));
const toB64 = (b) => btoa(String.fromCharCode(...b));
const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** Splits a signature header value into [before, encoded MAC, after]. */
function split(scheme, value) {
  const l = layout(scheme);
  const prefix = scheme === "stripe" ? value.slice(0, value.indexOf(",v1=") + 4) : l.prefix;
  ok(value.startsWith(prefix), `${label(scheme)}: ${value} starts with ${prefix}`);
  return [prefix, value.slice(prefix.length), ""];
}
/** The same header value with the MAC bytes changed by f. */
function mutateMac(scheme, value, f) {
  const [pre, enc, post] = split(scheme, value);
  const l = layout(scheme);
  const mac = l.enc === "hex" ? fromHex(enc) : fromB64(enc);
  f(mac);
  return pre + (l.enc === "hex" ? toHex(mac) : toB64(mac)) + post;
}

const SECRET = { text: "It's a Secret to Everybody", standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };
const secretFor = (s) => (s === "standard" || s === "svix" ? SECRET.standard : SECRET.text);
const TS = 1700000000;
const NOW = TS * 1000;
const BODY = '{"event": "ping", "n": [1, 2.50, 3]}';

function signed(lib, scheme, extra = {}) {
  return lib.signWebhook(scheme, { secret: secretFor(scheme), payload: BODY, timestamp: TS, id: "msg_test", ...extra });
}
function verify(lib, scheme, headers, extra = {}) {
  return lib.verifyWebhook(scheme, { secret: secretFor(scheme), payload: BODY, headers, now: NOW, ...extra });
}

// A small seeded PRNG (xorshift32) so a failing round trip can be replayed from its seed.
function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

export default function webhooks(lib, { vectors }) {
  const more = vectors["webhooks_more.json"];
  return [
    ["shared vectors: GitHub docs and Standard Webhooks (sign and verify, svix names too)", () => {
      const cases = vectors["webhooks.json"].cases;
      equal(cases.length, 8);
      for (const c of cases) {
        if (c.scheme === "github_x_hub_signature_256") {
          deepEqual(lib.signWebhook("github", { secret: c.secret, payload: c.payload }), c.expected_header, c.id);
          equal(lib.verifyWebhook("github", { secret: c.secret, payload: c.payload, headers: c.expected_header }).scheme, "github");
          continue;
        }
        const sig = c.expected_signature ?? c.signature_header;
        if (c.expected_signature) {
          for (const [scheme, p] of [["standard", "webhook"], ["svix", "svix"]]) {
            deepEqual(lib.signWebhook(scheme, { secret: c.secret, payload: c.payload, timestamp: c.timestamp, id: c.msg_id }),
              { [`${p}-id`]: c.msg_id, [`${p}-timestamp`]: String(c.timestamp), [`${p}-signature`]: c.expected_signature }, c.id);
          }
        }
        for (const [scheme, p] of [["standard", "webhook"], ["svix", "svix"]]) {
          const run = () => lib.verifyWebhook(scheme, {
            secret: c.secret, payload: c.payload, now: c.timestamp * 1000,
            headers: { [`${p}-id`]: c.msg_id, [`${p}-timestamp`]: String(c.timestamp), [`${p}-signature`]: sig },
          });
          if (c.valid) deepEqual(run(), { scheme, timestamp: c.timestamp, id: c.msg_id }, c.id);
          else throws(run, code("ERR_SIGNATURE_MISMATCH"), c.id);
        }
      }
    }],
    ["more vectors: Stripe, Slack, Shopify, Svix, Octokit, MES (tests/vectors/webhooks_more.json)", () => {
      ok(more && Array.isArray(more.cases), "webhooks_more.json is loaded into ctx.vectors");
      equal(more.cases.length, more.count);
      ok(more.cases.length >= 30);
      const seen = new Set();
      for (const c of more.cases) {
        ok(typeof c.source === "string" && c.source.length > 10, `${c.id} has a source`);
        seen.add(c.scheme);
        const run = () => lib.verifyWebhook(c.scheme, { secret: c.secret, payload: c.payload, headers: c.headers, now: (c.now ?? 0) * 1000 });
        if (c.expect_error) throws(run, code(c.expect_error), c.id);
        else {
          const r = run();
          equal(r.scheme, c.scheme, c.id);
          if (TIMESTAMPED.has(c.scheme)) equal(typeof r.timestamp, "number", c.id);
        }
        if (c.signed_headers) {
          deepEqual(lib.signWebhook(c.scheme, { secret: c.secret, payload: c.payload, timestamp: c.timestamp, id: c.msg_id }), c.signed_headers, c.id);
        }
      }
      for (const s of Object.keys(LAYOUT)) ok(seen.has(s), `a vector for ${s}`);
    }],
    ["every scheme: sign → verify, with the payload as string, Uint8Array and ArrayBuffer", () => {
      for (const scheme of SCHEMES) {
        const h = signed(lib, scheme);
        const l = layout(scheme);
        ok(l.header in h, `${label(scheme)} sets ${l.header}`);
        const expected = { scheme: typeof scheme === "string" ? scheme : "custom" };
        if (TIMESTAMPED.has(scheme)) expected.timestamp = TS;
        if (l.id) expected.id = "msg_test";
        for (const payload of [BODY, utf8(BODY), utf8(BODY).slice().buffer]) {
          deepEqual(verify(lib, scheme, h, { payload }), expected, label(scheme));
        }
      }
    }],
    ["negative per scheme: flipped bit, truncated, wrong prefix, uppercase, inner whitespace, other secret, other body", () => {
      for (const scheme of SCHEMES) {
        const h = signed(lib, scheme);
        const name = layout(scheme).header;
        const v = h[name];
        const with_ = (value) => ({ ...h, [name]: value });
        const L = label(scheme);
        for (const bit of [0, 7, 255]) {
          throws(() => verify(lib, scheme, with_(mutateMac(scheme, v, (m) => { m[bit >> 3] ^= 1 << (bit & 7); }))),
            code("ERR_SIGNATURE_MISMATCH"), `${L} flipped bit ${bit}`);
        }
        throws(() => verify(lib, scheme, with_(v.slice(0, -2))), code("ERR_MALFORMED_SIGNATURE"), `${L} truncated`);
        throws(() => verify(lib, scheme, with_(v + "00")), code("ERR_MALFORMED_SIGNATURE"), `${L} too long`);
        const [pre, enc] = split(scheme, v);
        if (scheme === "stripe") {
          throws(() => verify(lib, scheme, with_(v.replace(",v1=", ",v2="))), code("ERR_NO_SUPPORTED_SIGNATURE"), `${L} v2`);
          throws(() => verify(lib, scheme, with_(v.replace(",v1=", ", v1="))), code("ERR_MALFORMED_SIGNATURE"), `${L} space after comma`);
          throws(() => verify(lib, scheme, with_(v.replace(",v1=", ",V1="))), code("ERR_MALFORMED_SIGNATURE"), `${L} V1`);
        } else if (scheme === "standard" || scheme === "svix") {
          throws(() => verify(lib, scheme, with_("v2," + enc)), code("ERR_NO_SUPPORTED_SIGNATURE"), `${L} v2`);
          throws(() => verify(lib, scheme, with_("v1=" + enc)), code("ERR_MALFORMED_SIGNATURE"), `${L} v1=`);
          throws(() => verify(lib, scheme, with_("v1, " + enc)), code("ERR_MALFORMED_SIGNATURE"), `${L} space inside`);
        } else {
          throws(() => verify(lib, scheme, with_("sha1=" + enc)), code("ERR_MALFORMED_SIGNATURE"), `${L} wrong prefix`);
          if (pre) throws(() => verify(lib, scheme, with_(enc)), code("ERR_MALFORMED_SIGNATURE"), `${L} no prefix`);
          throws(() => verify(lib, scheme, with_(pre + enc.slice(0, 4) + " " + enc.slice(4))), code("ERR_MALFORMED_SIGNATURE"), `${L} space inside`);
        }
        if (layout(scheme).enc === "hex") {
          const upper = pre + enc.toUpperCase();
          if (typeof scheme === "string") throws(() => verify(lib, scheme, with_(upper)), code("ERR_MALFORMED_SIGNATURE"), `${L} uppercase hex`);
          else equal(verify(lib, scheme, with_(upper)).scheme, "custom", "custom hex accepts either case");
          throws(() => verify(lib, scheme, with_(pre + "zz" + enc.slice(2))), code("ERR_MALFORMED_SIGNATURE"), `${L} non-hex is an AuthsmithError`);
        } else {
          throws(() => verify(lib, scheme, with_(pre + enc.replace(/=$/, ""))), code("ERR_MALFORMED_SIGNATURE"), `${L} unpadded base64`);
          throws(() => verify(lib, scheme, with_(pre + toHex(fromB64(enc)))), code("ERR_MALFORMED_SIGNATURE"), `${L} hex instead of base64`);
        }
        equal(verify(lib, scheme, with_(`  ${v}\t`)).scheme, typeof scheme === "string" ? scheme : "custom", `${L} surrounding whitespace is not part of a field value`);
        const other = scheme === "standard" || scheme === "svix" ? "whsec_" + toB64(utf8("another key of 24 bytes!")) : "other secret";
        throws(() => verify(lib, scheme, h, { secret: other }), code("ERR_SIGNATURE_MISMATCH"), `${L} other secret`);
        throws(() => verify(lib, scheme, h, { payload: BODY + "\n" }), code("ERR_SIGNATURE_MISMATCH"), `${L} other body`);
        throws(() => verify(lib, scheme, h, { payload: utf8(BODY).subarray(1) }), code("ERR_SIGNATURE_MISMATCH"), `${L} body minus a byte`);
      }
    }],
    ["re-serialised JSON fails; a parsed object is a TypeError that says to pass the raw body", () => {
      for (const scheme of SCHEMES) {
        const h = signed(lib, scheme);
        const reserialised = JSON.stringify(JSON.parse(BODY));
        ok(reserialised !== BODY);
        throws(() => verify(lib, scheme, h, { payload: reserialised }), code("ERR_SIGNATURE_MISMATCH"), label(scheme));
        for (const parsed of [JSON.parse(BODY), [1, 2], new Map()]) {
          throws(() => verify(lib, scheme, h, { payload: parsed }), { name: "TypeError", message: /pass the raw body/ }, label(scheme));
        }
        for (const bad of [undefined, null, 42, true, new DataView(new ArrayBuffer(2)), new Uint16Array(2)]) {
          throws(() => verify(lib, scheme, h, { payload: bad }), { name: "TypeError", message: /raw/ }, `${label(scheme)} ${String(bad)}`);
        }
        throws(() => lib.signWebhook(scheme, { secret: secretFor(scheme), payload: JSON.parse(BODY), id: "m" }), { name: "TypeError", message: /pass the raw body/ });
      }
    }],
    ["empty and undecodable secrets", () => {
      for (const scheme of SCHEMES) {
        const h = signed(lib, scheme);
        for (const empty of ["", new Uint8Array(0), new ArrayBuffer(0), []]) {
          throws(() => verify(lib, scheme, h, { secret: empty }), code("ERR_EMPTY_SECRET"), label(scheme));
        }
        throws(() => lib.signWebhook(scheme, { secret: "", payload: BODY, id: "m" }), code("ERR_EMPTY_SECRET"), label(scheme));
      }
      for (const scheme of ["standard", "svix"]) {
        throws(() => verify(lib, scheme, signed(lib, scheme), { secret: "whsec_" }), code("ERR_EMPTY_SECRET"));
        for (const bad of ["whsec_not base64!", "whsec_A", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"]) {
          throws(() => verify(lib, scheme, signed(lib, scheme), { secret: bad }), code("ERR_INVALID_SECRET"), JSON.stringify(bad));
          throws(() => lib.signWebhook(scheme, { secret: bad, payload: BODY }), code("ERR_INVALID_SECRET"));
        }
        // the prefix is optional, as in the reference libraries; bytes are the raw key
        equal(verify(lib, scheme, signed(lib, scheme), { secret: SECRET.standard.slice(6) }).scheme, scheme);
        equal(verify(lib, scheme, signed(lib, scheme), { secret: fromB64(SECRET.standard.slice(6)) }).scheme, scheme);
        throws(() => verify(lib, scheme, signed(lib, scheme), { secret: utf8(SECRET.standard) }), code("ERR_SIGNATURE_MISMATCH"));
      }
      // Stripe's whsec_ secret is used as its UTF-8 bytes, never decoded
      const h = lib.signWebhook("stripe", { secret: "whsec_abc", payload: "{}", timestamp: TS });
      equal(lib.verifyWebhook("stripe", { secret: utf8("whsec_abc"), payload: "{}", headers: h, now: NOW }).timestamp, TS);
      equal(h["Stripe-Signature"], `t=${TS},v1=${lib.hmacSha256("whsec_abc", `${TS}.{}`)}`);
      // a generated secret works for Standard Webhooks
      const gen = lib.generateWebhookSecret();
      const g = lib.signWebhook("standard", { secret: gen, payload: BODY, timestamp: TS });
      equal(lib.verifyWebhook("standard", { secret: gen, payload: BODY, headers: g, now: NOW }).id, g["webhook-id"]);
    }],
    ["timestamps: stale and future both ways, inclusive edges, toleranceSec, 0 disables, malformed", () => {
      for (const scheme of TIMESTAMPED) {
        const h = signed(lib, scheme);
        const at = (now, extra = {}) => () => verify(lib, scheme, h, { now, ...extra });
        equal(at(NOW + 300_000)().timestamp, TS, scheme);
        equal(at(NOW - 300_000)().timestamp, TS, scheme);
        throws(at(NOW + 300_001), code("ERR_TIMESTAMP_TOO_OLD"), scheme);
        throws(at(NOW - 300_001), code("ERR_TIMESTAMP_TOO_NEW"), scheme);
        throws(at(NOW + 86_400_000), code("ERR_TIMESTAMP_TOO_OLD"), scheme);
        equal(at(NOW + 60_000, { toleranceSec: 60 })().timestamp, TS);
        throws(at(NOW + 61_000, { toleranceSec: 60 }), code("ERR_TIMESTAMP_TOO_OLD"), scheme);
        equal(at(0, { toleranceSec: 0 })().timestamp, TS, "0 disables");
        equal(at(2 ** 53 - 1, { toleranceSec: 0 })().timestamp, TS, "0 disables");
        throws(() => verify(lib, scheme, h, { now: undefined }), code("ERR_TIMESTAMP_TOO_OLD"), "now defaults to the clock (a 2023 timestamp is stale)");
        // forged and stale: the signature is checked first
        throws(at(NOW + 86_400_000, { secret: scheme === "stripe" || scheme === "slack" ? "x" : "whsec_AAAA" }), code("ERR_SIGNATURE_MISMATCH"));
        // the timestamp is signed: another one does not match
        const moved = scheme === "stripe"
          ? { ...h, "Stripe-Signature": h["Stripe-Signature"].replace(`t=${TS}`, `t=${TS + 1}`) }
          : { ...h, [LAYOUT[scheme].ts]: String(TS + 1) };
        throws(() => verify(lib, scheme, moved), code("ERR_SIGNATURE_MISMATCH"), `${scheme} moved timestamp`);
        for (const bad of ["", "0" + TS, `${TS}.5`, `-${TS}`, `+${TS}`, `${TS}000000`, "1e9", " 1 2"]) {
          const hb = scheme === "stripe"
            ? { ...h, "Stripe-Signature": h["Stripe-Signature"].replace(`t=${TS}`, `t=${bad}`) }
            : { ...h, [LAYOUT[scheme].ts]: bad };
          const want = bad === "" && scheme !== "stripe" ? "ERR_MISSING_HEADER" : "ERR_MALFORMED_TIMESTAMP";
          throws(() => verify(lib, scheme, hb), code(want), `${scheme} timestamp ${JSON.stringify(bad)}`);
        }
      }
      for (const scheme of ["mes", "github", "shopify", CUSTOM_HEX]) {
        const r = verify(lib, scheme, signed(lib, scheme), { now: 0 });
        equal(r.timestamp, undefined, `${label(scheme)} has no timestamp`);
      }
    }],
    ["several signatures: only the last valid (stripe, standard, svix); none valid", () => {
      const zeros = "0".repeat(64);
      const s = signed(lib, "stripe")["Stripe-Signature"];
      const v1 = s.split(",v1=")[1];
      const multi = `t=${TS},v1=${zeros},v0=${v1},v1=${"f".repeat(64)},v1=${v1}`;
      equal(verify(lib, "stripe", { "Stripe-Signature": multi }).timestamp, TS);
      throws(() => verify(lib, "stripe", { "Stripe-Signature": `t=${TS},v1=${zeros},v1=${"f".repeat(64)}` }), code("ERR_SIGNATURE_MISMATCH"));
      for (const scheme of ["standard", "svix"]) {
        const h = signed(lib, scheme);
        const name = LAYOUT[scheme].header;
        const decoy = "v1," + toB64(new Uint8Array(32));
        equal(verify(lib, scheme, { ...h, [name]: `${decoy} v1a,${toB64(new Uint8Array(64))} ${decoy} ${h[name]}` }).id, "msg_test");
        throws(() => verify(lib, scheme, { ...h, [name]: `${decoy} ${decoy}` }), code("ERR_SIGNATURE_MISMATCH"));
        throws(() => verify(lib, scheme, { ...h, [name]: `v1a,${toB64(new Uint8Array(64))}` }), code("ERR_NO_SUPPORTED_SIGNATURE"));
      }
    }],
    ["rotation: several secrets, any may match", () => {
      for (const scheme of SCHEMES) {
        const h = signed(lib, scheme);
        const wrong = scheme === "standard" || scheme === "svix" ? ["whsec_AAAA", "whsec_AQID"] : ["old-1", new Uint8Array([1, 2, 3])];
        equal(verify(lib, scheme, h, { secret: [...wrong, secretFor(scheme)] }).scheme, typeof scheme === "string" ? scheme : "custom");
        equal(verify(lib, scheme, h, { secret: [secretFor(scheme), ...wrong] }).scheme, typeof scheme === "string" ? scheme : "custom");
        throws(() => verify(lib, scheme, h, { secret: wrong }), code("ERR_SIGNATURE_MISMATCH"), label(scheme));
      }
      throws(() => verify(lib, "github", signed(lib, "github"), { secret: Array(33).fill("k") }), RE);
      throws(() => verify(lib, "github", signed(lib, "github"), { secret: ["k", 5] }), { name: "TypeError", message: /secret\[1\]/ });
    }],
    ["headers: Headers, plain object in any case, Node arrays, pairs; missing and duplicate", () => {
      for (const scheme of SCHEMES) {
        const h = signed(lib, scheme);
        const L = label(scheme);
        const entries = Object.entries(h);
        const kind = typeof scheme === "string" ? scheme : "custom";
        if (typeof Headers === "function") equal(verify(lib, scheme, new Headers(h)).scheme, kind, `${L} Headers`);
        equal(verify(lib, scheme, Object.fromEntries(entries.map(([k, v]) => [k.toUpperCase(), v]))).scheme, kind, `${L} UPPER`);
        equal(verify(lib, scheme, Object.fromEntries(entries.map(([k, v]) => [k.toLowerCase(), [v]]))).scheme, kind, `${L} Node arrays`);
        equal(verify(lib, scheme, entries).scheme, kind, `${L} pairs`);
        equal(verify(lib, scheme, new Map(entries)).scheme, kind, `${L} Map`);
        equal(verify(lib, scheme, { ...h, "content-type": "application/json", "x-other": undefined }).scheme, kind, `${L} other headers`);
        for (const [name, value] of entries) {
          const { [name]: _, ...rest } = h;
          throws(() => verify(lib, scheme, rest), code("ERR_MISSING_HEADER"), `${L} without ${name}`);
          throws(() => verify(lib, scheme, { ...rest, [name]: "" }), code("ERR_MISSING_HEADER"), `${L} empty ${name}`);
          throws(() => verify(lib, scheme, { ...rest, [name.toLowerCase()]: [value, value] }), code("ERR_DUPLICATE_HEADER"), `${L} ${name} twice (array)`);
          throws(() => verify(lib, scheme, [...entries, [name.toUpperCase(), value]]), code("ERR_DUPLICATE_HEADER"), `${L} ${name} twice (pairs)`);
          throws(() => verify(lib, scheme, { ...h, [name === name.toLowerCase() ? name.toUpperCase() : name.toLowerCase()]: value }),
            code("ERR_DUPLICATE_HEADER"), `${L} ${name} in two letter cases`);
        }
        throws(() => verify(lib, scheme, {}), code("ERR_MISSING_HEADER"), L);
      }
      // svix reads the unbranded webhook-* family when no svix-* header is present (as
      // Svix's libraries do); standard never reads svix-*
      const std = signed(lib, "standard");
      equal(verify(lib, "svix", std).scheme, "svix");
      throws(() => verify(lib, "standard", signed(lib, "svix")), code("ERR_MISSING_HEADER"));
      // a Headers object joins repeated values with ", ": that is not one signature
      const joined = { "X-Hub-Signature-256": [signed(lib, "github")["X-Hub-Signature-256"], "sha256=" + "0".repeat(64)].join(", ") };
      throws(() => verify(lib, "github", joined), code("ERR_MALFORMED_SIGNATURE"));
    }],
    ["svix: the unbranded webhook-* headers when no svix-* header is present; the families are never mixed", () => {
      const sv = signed(lib, "svix");
      const unbranded = { "webhook-id": sv["svix-id"], "webhook-timestamp": sv["svix-timestamp"], "webhook-signature": sv["svix-signature"] };
      for (const h of [sv, unbranded, Object.fromEntries(Object.entries(unbranded).map(([k, v]) => [k.toUpperCase(), v]))]) {
        deepEqual(verify(lib, "svix", h), { scheme: "svix", timestamp: TS, id: "msg_test" });
        deepEqual(verify(lib, "svix", Object.entries(h)), { scheme: "svix", timestamp: TS, id: "msg_test" }, "pairs");
        if (typeof Headers === "function") equal(verify(lib, "svix", new Headers(h)).id, "msg_test", "Headers");
        const v = lib.createWebhookVerifier("svix", { secret: SECRET.standard, headers: h, now: NOW });
        v.update(BODY);
        equal(v.verify().id, "msg_test", "streamed");
      }
      // both complete: svix-* is read, webhook-* ignored
      equal(verify(lib, "svix", { ...sv, "webhook-id": "other", "webhook-timestamp": "1", "webhook-signature": "v1,AAAA" }).id, "msg_test");
      // one svix-* header selects the svix family: the others are not taken from webhook-*
      for (const name of ["svix-id", "svix-timestamp", "svix-signature"]) {
        const suffix = name.slice(5);
        const mixed = { ...unbranded, [name]: sv[name] };
        delete mixed[`webhook-${suffix}`];
        const e = throws(() => verify(lib, "svix", mixed), code("ERR_MISSING_HEADER"), name);
        ok(/svix-/.test(e.message) && !/webhook-/.test(e.message), e.message);
      }
      // every check still applies to the unbranded family
      throws(() => verify(lib, "svix", unbranded, { now: NOW + 300_001 }), code("ERR_TIMESTAMP_TOO_OLD"));
      throws(() => verify(lib, "svix", { ...unbranded, "webhook-id": "msg_other" }), code("ERR_SIGNATURE_MISMATCH"));
      throws(() => verify(lib, "svix", unbranded, { payload: BODY + " " }), code("ERR_SIGNATURE_MISMATCH"));
      throws(() => verify(lib, "svix", { ...unbranded, "webhook-timestamp": "0" + TS }), code("ERR_MALFORMED_TIMESTAMP"));
    }],
    ["replay guard: a verified delivery seen again within the window is ERR_REPLAY (verifyWebhook, createWebhookVerifier, check)", () => {
      for (const scheme of SCHEMES) {
        const L = label(scheme);
        const guard = lib.createReplayGuard();
        const h = signed(lib, scheme);
        const r = verify(lib, scheme, h, { replayGuard: guard });
        equal(typeof r.replayKey, "string", L);
        if (scheme === "standard" || scheme === "svix") equal(r.replayKey, "msg_test", L);
        else equal(r.replayKey.length, 43, `${L}: the base64url MAC`);
        equal(guard.size, 1, L);
        throws(() => verify(lib, scheme, h, { replayGuard: guard }), code("ERR_REPLAY"), L);
        // streamed, a second later
        const v = lib.createWebhookVerifier(scheme, { secret: secretFor(scheme), headers: h, now: NOW + 1000, replayGuard: guard });
        v.update(BODY);
        throws(() => v.verify(), code("ERR_REPLAY"), `${L} streamed`);
        // a failed verification is never recorded
        const other = lib.createReplayGuard();
        throws(() => verify(lib, scheme, h, { payload: BODY + " ", replayGuard: other }), code("ERR_SIGNATURE_MISMATCH"), L);
        equal(other.size, 0, L);
        // without a guard nothing changes: no replayKey
        ok(!("replayKey" in verify(lib, scheme, h)), L);
        // forget() lets the sender retry after the handler failed
        ok(guard.forget(r.replayKey), L);
        equal(verify(lib, scheme, h, { replayGuard: guard }).replayKey, r.replayKey, L);
      }
      // standard: a re-signed retry with the same webhook-id is a replay; another id is not
      const guard = lib.createReplayGuard({ toleranceSec: 300 });
      verify(lib, "standard", signed(lib, "standard", { id: "msg_a" }), { replayGuard: guard });
      throws(() => verify(lib, "standard", signed(lib, "standard", { id: "msg_a", timestamp: TS + 5 }), { replayGuard: guard, now: NOW + 5000 }), code("ERR_REPLAY"));
      equal(verify(lib, "standard", signed(lib, "standard", { id: "msg_b" }), { replayGuard: guard }).id, "msg_b");
      // stripe: a re-signed delivery (new t) is a new delivery; the same one under another rotated secret is not
      const sg = lib.createReplayGuard();
      const secrets = ["whsec_new", "whsec_old"];
      const byNew = lib.signWebhook("stripe", { secret: "whsec_new", payload: BODY, timestamp: TS });
      const byOld = lib.signWebhook("stripe", { secret: "whsec_old", payload: BODY, timestamp: TS });
      const k = lib.verifyWebhook("stripe", { secret: secrets, payload: BODY, headers: byNew, now: NOW, replayGuard: sg }).replayKey;
      throws(() => lib.verifyWebhook("stripe", { secret: secrets, payload: BODY, headers: byOld, now: NOW, replayGuard: sg }), code("ERR_REPLAY"));
      const later = lib.signWebhook("stripe", { secret: "whsec_new", payload: BODY, timestamp: TS + 1 });
      ok(lib.verifyWebhook("stripe", { secret: secrets, payload: BODY, headers: later, now: NOW, replayGuard: sg }).replayKey !== k);
      // github signs no timestamp: the first sighting counts, for one window
      const gg = lib.createReplayGuard({ toleranceSec: 60 });
      const gh = signed(lib, "github");
      verify(lib, "github", gh, { replayGuard: gg });
      throws(() => verify(lib, "github", gh, { replayGuard: gg, now: NOW + 60_000 }), code("ERR_REPLAY"));
      equal(verify(lib, "github", gh, { replayGuard: gg, now: NOW + 60_001 }).scheme, "github");
      // a guard with a smaller window than the verification refuses what it could have forgotten
      const small = lib.createReplayGuard({ toleranceSec: 10 });
      throws(() => verify(lib, "standard", signed(lib, "standard"), { replayGuard: small, now: NOW + 11_000 }), code("ERR_TIMESTAMP_TOO_OLD"));
    }],
    ["replay guard: check() by hand, the window, the cap and its floor, forget, arguments", () => {
      const g = lib.createReplayGuard({ toleranceSec: 300, maxRemembered: 3 });
      ok(g instanceof lib.ReplayGuard);
      equal(g.check("evt_1", TS, NOW), undefined);
      throws(() => g.check("evt_1", TS, NOW), code("ERR_REPLAY"));
      throws(() => g.check("evt_1", TS + 10, NOW), code("ERR_REPLAY"), "same id, other time");
      throws(() => g.check("evt_2", TS - 301, NOW), code("ERR_TIMESTAMP_TOO_OLD"));
      throws(() => g.check("evt_2", TS + 301, NOW), code("ERR_TIMESTAMP_TOO_NEW"));
      // X-GitHub-Delivery style: no timestamp, the first sighting counts
      g.check("72d3162e-cc78-11e3-81ab-4c9367dc0958", undefined, NOW);
      throws(() => g.check("72d3162e-cc78-11e3-81ab-4c9367dc0958", undefined, NOW + 1), code("ERR_REPLAY"));
      // the cap: a fourth entry forgets the oldest, and nothing at or before it passes
      g.check("evt_3", TS - 100, NOW);
      g.check("evt_4", TS - 50, NOW);
      equal(g.size, 3);
      throws(() => g.check("evt_5", TS - 100, NOW), code("ERR_REPLAY"), "at the forgotten entry's time");
      throws(() => g.check("evt_3", TS - 100, NOW), code("ERR_REPLAY"));
      g.check("evt_6", TS + 1, NOW);
      equal(g.size, 3);
      // entries leave once their time is out of the window
      g.check("late", undefined, NOW + 301_001);
      equal(g.size, 1);
      ok(g.forget("late"));
      ok(!g.forget("late"));
      // a million ids stay within the cap
      const big = lib.createReplayGuard({ maxRemembered: 1000 });
      for (let i = 0; i < 5000; i++) big.check(`id-${i}`, undefined, NOW + i);
      equal(big.size, 1000);
      // past the cap within one second, a delivery of that second can no longer be told
      // from a forgotten one: refused
      const burst = lib.createReplayGuard({ maxRemembered: 2 });
      burst.check("a", TS, NOW);
      burst.check("b", TS, NOW);
      burst.check("c", TS, NOW);
      throws(() => burst.check("d", TS, NOW), code("ERR_REPLAY"));
      burst.check("e", TS + 1, NOW);
      // arguments
      for (const bad of [{ toleranceSec: 0 }, { maxRemembered: 0 }, { maxRemembered: 2 ** 20 + 1 }, { toleranceSec: -1 }, { toleranceSec: 1.5 }]) {
        throws(() => lib.createReplayGuard(bad), RE, JSON.stringify(bad));
      }
      throws(() => lib.createReplayGuard({ tolerance: 300 }), TE);
      throws(() => g.check(""), RE);
      throws(() => g.check("x".repeat(1025)), RE);
      throws(() => g.check(5), TE);
      throws(() => g.check("x", "1700000000"), TE);
      throws(() => g.check("x", TS, -1), RE);
      for (const bad of [5, "guard", {}, { check: 1 }]) {
        throws(() => verify(lib, "standard", signed(lib, "standard"), { replayGuard: bad }), TE, JSON.stringify(bad));
      }
      // any object with check(replayKey, timestamp, now) is a guard; what it throws is thrown
      const seen = [];
      const mine = { check(key, ts, now) { seen.push([key, ts, now]); if (seen.length > 1) throw new Error("seen it"); } };
      verify(lib, "standard", signed(lib, "standard"), { replayGuard: mine });
      deepEqual(seen, [["msg_test", TS, NOW]]);
      throws(() => verify(lib, "standard", signed(lib, "standard"), { replayGuard: mine }), { message: /^seen it$/ });
      const gh = [];
      verify(lib, "github", signed(lib, "github"), { replayGuard: { check: (...a) => gh.push(a) } });
      equal(gh[0][1], undefined, "no signed timestamp");
      // a replayGuard only inherited from a polluted Object.prototype is ignored
      Object.prototype.replayGuard = { check() { throw new Error("polluted"); } };
      try {
        ok(!("replayKey" in verify(lib, "standard", signed(lib, "standard"))));
      } finally {
        delete Object.prototype.replayGuard;
      }
    }],
    ["signWebhook: header names, default timestamp and id, custom schemes", () => {
      deepEqual(Object.keys(signed(lib, "mes")), ["x-mes-signature"]);
      deepEqual(Object.keys(signed(lib, "github")), ["X-Hub-Signature-256"]);
      deepEqual(Object.keys(signed(lib, "stripe")), ["Stripe-Signature"]);
      deepEqual(Object.keys(signed(lib, "slack")), ["X-Slack-Request-Timestamp", "X-Slack-Signature"]);
      deepEqual(Object.keys(signed(lib, "shopify")), ["X-Shopify-Hmac-Sha256"]);
      deepEqual(Object.keys(signed(lib, "standard")), ["webhook-id", "webhook-timestamp", "webhook-signature"]);
      deepEqual(Object.keys(signed(lib, "svix")), ["svix-id", "svix-timestamp", "svix-signature"]);
      deepEqual(Object.keys(signed(lib, CUSTOM_HEX)), ["X-Signature"]);
      equal(signed(lib, CUSTOM_HEX)["X-Signature"], "hmac-sha256=" + lib.hmacSha256(SECRET.text, BODY));
      equal(signed(lib, CUSTOM_B64)["X-Body-Signature"], lib.hmacSha256(SECRET.text, BODY, "base64"));
      equal(signed(lib, "mes")["x-mes-signature"], lib.hmacSha256(SECRET.text, BODY));
      const before = Math.floor(Date.now() / 1000);
      for (const scheme of TIMESTAMPED) {
        const h = lib.signWebhook(scheme, { secret: secretFor(scheme), payload: BODY });
        const r = lib.verifyWebhook(scheme, { secret: secretFor(scheme), payload: BODY, headers: h });
        ok(r.timestamp >= before && r.timestamp <= Math.floor(Date.now() / 1000) + 1, `${scheme} timestamp defaults to now`);
      }
      const ids = new Set();
      for (let i = 0; i < 20; i++) {
        const id = lib.signWebhook("standard", { secret: SECRET.standard, payload: BODY })["webhook-id"];
        ok(/^msg_[A-Za-z0-9_-]{24}$/.test(id), id);
        ids.add(id);
      }
      equal(ids.size, 20, "generated ids differ");
      equal(lib.signWebhook("svix", { secret: SECRET.standard, payload: BODY, id: "evt_1" })["svix-id"], "evt_1");
      for (const bad of ["", "a b", "a\nb", "x".repeat(257), "é"]) {
        throws(() => lib.signWebhook("standard", { secret: SECRET.standard, payload: BODY, id: bad }), RE, JSON.stringify(bad));
      }
      throws(() => lib.signWebhook("stripe", { secret: "k", payload: BODY, timestamp: 9007199254741 }), RE);
      throws(() => lib.signWebhook("github", { secret: ["k"], payload: BODY }), TE);
    }],
    ["misuse: scheme, input and option types", () => {
      const h = signed(lib, "github");
      const input = { secret: SECRET.text, payload: BODY, headers: h };
      throws(() => lib.verifyWebhook("GitHub", input), RE);
      throws(() => lib.verifyWebhook("custom", input), RE);
      throws(() => lib.verifyWebhook(5, input), TE);
      throws(() => lib.verifyWebhook(null, input), TE);
      throws(() => lib.verifyWebhook(["github"], input), TE);
      throws(() => lib.verifyWebhook({ header: "X-Sig", encoding: "hex", prefx: "" }, input), TE);
      throws(() => lib.verifyWebhook({ header: "X-Sig" }, input), TE);
      throws(() => lib.verifyWebhook({ header: "X-Sig", encoding: "base64url" }, input), RE);
      throws(() => lib.verifyWebhook({ header: "X-Sig", encoding: "HEX" }, input), RE);
      throws(() => lib.verifyWebhook({ header: "X Sig", encoding: "hex" }, input), code("ERR_INVALID_HEADER_NAME"));
      throws(() => lib.verifyWebhook({ header: "X-Sig", encoding: "hex", prefix: "a\r\n" }, input), RE);
      throws(() => lib.verifyWebhook({ header: 5, encoding: "hex" }, input), TE);
      throws(() => lib.verifyWebhook("github", { ...input, tolerance: 5 }), TE);
      throws(() => lib.verifyWebhook("github", "payload"), TE);
      throws(() => lib.verifyWebhook("github", { ...input, headers: undefined }), TE);
      throws(() => lib.verifyWebhook("github", { ...input, headers: "X-Hub-Signature-256: x" }), TE);
      throws(() => lib.verifyWebhook("github", { ...input, headers: { "X-Hub-Signature-256": 5 } }), TE);
      throws(() => lib.verifyWebhook("github", { ...input, toleranceSec: -1 }), RE);
      throws(() => lib.verifyWebhook("github", { ...input, toleranceSec: 1.5 }), RE);
      throws(() => lib.verifyWebhook("github", { ...input, now: NaN }), RE);
      throws(() => lib.verifyWebhook("github", { ...input, now: "1" }), TE);
      throws(() => lib.verifyWebhook("github", { ...input, secret: 5 }), TE);
      throws(() => lib.verifyWebhook("github", { ...input, secret: undefined }), TE);
      throws(() => lib.verifyWebhook("github", { ...input, secret: "ab\uD800" }), TE);
      throws(() => lib.verifyWebhook("github", { ...input, payload: "ab\uD800" }), TE);
      throws(() => lib.signWebhook("github", { secret: "k", payload: BODY, extra: 1 }), TE);
      throws(() => lib.signWebhook("github", { secret: "k", payload: BODY, timestamp: "1" }), TE);
      // the module keeps working after every error
      equal(lib.verifyWebhook("github", input).scheme, "github");
    }],
    ["createWebhookVerifier: chunks of strings and bytes, once only, errors at creation", () => {
      for (const scheme of SCHEMES) {
        const h = signed(lib, scheme);
        const v = lib.createWebhookVerifier(scheme, { secret: secretFor(scheme), headers: h, now: NOW });
        ok(v instanceof lib.WebhookVerifier);
        const bytes = utf8(BODY);
        equal(v.update(BODY.slice(0, 5)), undefined);
        v.update(bytes.subarray(5, 9));
        v.update(bytes.slice(9, 20).buffer);
        v.update(new Uint8Array(0));
        v.update("");
        throws(() => v.update({ chunk: 1 }), { name: "TypeError", message: /raw/ });
        v.update(BODY.slice(20));
        equal(v.verify().scheme, typeof scheme === "string" ? scheme : "custom", label(scheme));
        throws(() => v.verify(), TE, "verify twice");
        throws(() => v.update("x"), TE, "update after verify");
        const bad = new lib.WebhookVerifier(scheme, { secret: secretFor(scheme), headers: h, now: NOW });
        bad.update(BODY + " ");
        throws(() => bad.verify(), code("ERR_SIGNATURE_MISMATCH"));
        throws(() => bad.verify(), TE, "a failed verify also finishes the verifier");
        throws(() => lib.createWebhookVerifier(scheme, { secret: secretFor(scheme), headers: {} }), code("ERR_MISSING_HEADER"));
        throws(() => lib.createWebhookVerifier(scheme, { secret: "", headers: h }), code("ERR_EMPTY_SECRET"));
        throws(() => lib.createWebhookVerifier(scheme, { secret: secretFor(scheme), headers: h, payload: BODY }), TE);
        const unused = lib.createWebhookVerifier(scheme, { secret: secretFor(scheme), headers: h, now: NOW });
        unused.free();
      }
      const s = lib.createWebhookVerifier("stripe", { secret: SECRET.text, headers: signed(lib, "stripe"), now: NOW + 301_000 });
      s.update(BODY);
      throws(() => s.verify(), code("ERR_TIMESTAMP_TOO_OLD"));
    }],
    ["round trip: random bodies, secrets and schemes (sign → verify, one-shot and streamed)", () => {
      const seed = (Date.now() ^ 0x5eed) >>> 0;
      const rnd = prng(seed);
      const int = (n) => Math.floor(rnd() * n);
      const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
      for (let i = 0; i < 150; i++) {
        const scheme = SCHEMES[int(SCHEMES.length)];
        const L = `seed ${seed} case ${i} ${label(scheme)}`;
        const decoded = scheme === "standard" || scheme === "svix";
        const key = bytes(1 + int(64));
        const secret = decoded
          ? (int(3) === 0 ? key : (int(2) ? "whsec_" : "") + toB64(key))
          : (int(2) ? key : Array.from(bytes(1 + int(40)), (b) => String.fromCharCode(0x20 + (b % 95))).join("") + "é☃");
        const len = [0, 1, 63, 64, 65, int(3000), 65536 + int(70000)][int(7)];
        const body = bytes(len);
        const payload = int(3) === 0 ? body.buffer : body;
        const ts = 1_000_000_000 + int(1_000_000_000);
        const h = lib.signWebhook(scheme, { secret, payload, timestamp: ts });
        const r = lib.verifyWebhook(scheme, { secret, payload: body, headers: h, now: ts * 1000 });
        equal(r.scheme, typeof scheme === "string" ? scheme : "custom", L);
        if (TIMESTAMPED.has(scheme)) equal(r.timestamp, ts, L);
        // streamed in random chunks
        const v = lib.createWebhookVerifier(scheme, { secret, headers: h, now: ts * 1000 });
        for (let at = 0; at < len;) {
          const n = 1 + int(20000);
          v.update(body.subarray(at, at + n));
          at += n;
        }
        equal(v.verify().scheme, r.scheme, L);
        // any one changed byte fails
        if (len > 0) {
          const changed = body.slice();
          changed[int(len)] ^= 1 + int(255);
          throws(() => lib.verifyWebhook(scheme, { secret, payload: changed, headers: h, now: ts * 1000 }), code("ERR_SIGNATURE_MISMATCH"), L);
        }
      }
    }],
  ];
}
