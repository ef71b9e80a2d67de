// The benchmark cases and, for each, every implementation compared. Each entry's
// `setup()` returns the function timed (called with the iteration index); `check()`
// returns the value it computes for a fixed input so the runner can verify that every
// implementation computes the same thing before timing it. The first implementation of a
// case is the one the ratios are taken against. authsmith's entries are imported in
// setup(), so each worker process loads only the entry it times.
import { createHash, createHmac, timingSafeEqual, hash as nodeHash, webcrypto } from "node:crypto";
import { createSHA256, createHMAC } from "hash-wasm";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { hmac as nobleHmac } from "@noble/hashes/hmac.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import CryptoJS from "crypto-js";
import { verify as octokitVerify } from "@octokit/webhooks-methods";
import { Webhook as StandardWebhook } from "standardwebhooks";

const TOKEN = "BE9xnPnGfVUS";
const TS0 = 1691058833000;
const KEY = "It's a Secret to Everybody";
const S256 = "x".repeat(200) + "é€😀".repeat(8); // a 256-byte UTF-8 string
const BODY_2K = JSON.stringify({ event: "work_order.completed", data: "d".repeat(2000) }).slice(0, 2048);
const STD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
function standardFixture() {
  const now = Date.now();
  const ts = String(Math.floor(now / 1000));
  const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const sig = createHmac("sha256", Buffer.from(STD_SECRET.slice(6), "base64")).update(`${id}.${ts}.${BODY_2K}`).digest("base64");
  return { now, headers: { "webhook-id": id, "webhook-timestamp": ts, "webhook-signature": `v1,${sig}` } };
}
const main = () => import("authsmith");
const cryptoEntry = () => import("authsmith/crypto");
const tedee = () => import("authsmith/tedee");
const webhooks = () => import("authsmith/webhooks");
// authsmith/js: the same API as plain JavaScript (wasm2js), for engines without WebAssembly.
const pureJs = () => import("authsmith/js");
// The wasm-bindgen adapters (with their JS fast paths) that the lean modules replace in the
// published entries: the testing build keeps them (npm run build writes it). "No speed lost"
// is measured against these.
const adapters = () => import("../build/testing/index.js");
const ADAPTERS = "wasm-bindgen adapters (build/testing)";
const githubHeaders = () => ({ "x-hub-signature-256": "sha256=" + createHmac("sha256", KEY).update(BODY_2K).digest("hex"), "content-type": "application/json" });
const MIB = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 255);
const enc = new TextEncoder();

export const CASES = {
  tedee: {
    title: "Tedee key: hex(SHA-256(token + ms)) + ms",
    unit: "ops/s",
    impls: {
      authsmith: async () => {
        const { tedeeApiKey } = await main();
        return (i) => tedeeApiKey(TOKEN, { timestamp: TS0 + i });
      },
      "authsmith/tedee": async () => {
        const { tedeeApiKey } = await tedee();
        return (i) => tedeeApiKey(TOKEN, { timestamp: TS0 + i });
      },
      "authsmith/js (pure JS)": async () => {
        const { tedeeApiKey } = await pureJs();
        return (i) => tedeeApiKey(TOKEN, { timestamp: TS0 + i });
      },
      [ADAPTERS]: async () => {
        const { tedeeApiKey } = await adapters();
        return (i) => tedeeApiKey(TOKEN, { timestamp: TS0 + i });
      },
      "authsmith TedeeKeyGenerator": async () => {
        const g = new (await main()).TedeeKeyGenerator(TOKEN);
        return (i) => g.next(TS0 + i);
      },
      "node:crypto createHash": () => (i) => {
        const t = String(TS0 + i);
        return createHash("sha256").update(TOKEN + t).digest("hex") + t;
      },
      "node:crypto hash()": () => (i) => {
        const t = String(TS0 + i);
        return nodeHash("sha256", TOKEN + t, "hex") + t;
      },
      "hash-wasm": async () => {
        const h = await createSHA256();
        return (i) => {
          const t = String(TS0 + i);
          h.init();
          h.update(TOKEN + t);
          return h.digest("hex") + t;
        };
      },
      "@noble/hashes": () => (i) => {
        const t = String(TS0 + i);
        return bytesToHex(nobleSha256(utf8ToBytes(TOKEN + t))) + t;
      },
      "crypto-js": () => (i) => {
        const t = String(TS0 + i);
        return CryptoJS.SHA256(TOKEN + t).toString() + t;
      },
      WebCrypto: () => async (i) => {
        const t = String(TS0 + i);
        const d = new Uint8Array(await webcrypto.subtle.digest("SHA-256", enc.encode(TOKEN + t)));
        return Buffer.from(d).toString("hex") + t;
      },
    },
  },
  hmac256: {
    title: "HMAC-SHA256 hex of a 256-byte string",
    unit: "ops/s",
    impls: {
      authsmith: async () => {
        const { hmacSha256 } = await main();
        return () => hmacSha256(KEY, S256);
      },
      "authsmith/crypto": async () => {
        const { hmacSha256 } = await cryptoEntry();
        return () => hmacSha256(KEY, S256);
      },
      "authsmith/js (pure JS)": async () => {
        const { hmacSha256 } = await pureJs();
        return () => hmacSha256(KEY, S256);
      },
      [ADAPTERS]: async () => {
        const { hmacSha256 } = await adapters();
        return () => hmacSha256(KEY, S256);
      },
      "authsmith Hmac (keyed once)": async () => {
        const h = new (await main()).Hmac(KEY);
        return () => h.sign(S256);
      },
      "node:crypto createHmac": () => () => createHmac("sha256", KEY).update(S256).digest("hex"),
      "hash-wasm": async () => {
        const h = await createHMAC(createSHA256(), KEY);
        return () => {
          h.init();
          h.update(S256);
          return h.digest("hex");
        };
      },
      "@noble/hashes": () => {
        const k = utf8ToBytes(KEY);
        return () => bytesToHex(nobleHmac(nobleSha256, k, utf8ToBytes(S256)));
      },
      "crypto-js": () => () => CryptoJS.HmacSHA256(S256, KEY).toString(),
    },
  },
  verify2k: {
    title: "Webhook verify, 2 KiB body (GitHub scheme: hex HMAC-SHA256, constant-time compare)",
    unit: "ops/s",
    impls: {
      "authsmith verifyWebhook": async () => {
        const { verifyWebhook } = await main();
        const headers = githubHeaders();
        return () => verifyWebhook("github", { secret: KEY, payload: BODY_2K, headers }).scheme === "github";
      },
      "authsmith/webhooks verifyWebhook": async () => {
        const { verifyWebhook } = await webhooks();
        const headers = githubHeaders();
        return () => verifyWebhook("github", { secret: KEY, payload: BODY_2K, headers }).scheme === "github";
      },
      "authsmith/js verifyWebhook (pure JS)": async () => {
        const { verifyWebhook } = await pureJs();
        const headers = githubHeaders();
        return () => verifyWebhook("github", { secret: KEY, payload: BODY_2K, headers }).scheme === "github";
      },
      [ADAPTERS]: async () => {
        const { verifyWebhook } = await adapters();
        const headers = githubHeaders();
        return () => verifyWebhook("github", { secret: KEY, payload: BODY_2K, headers }).scheme === "github";
      },
      "authsmith Hmac.verify": async () => {
        const h = new (await main()).Hmac(KEY);
        const sig = createHmac("sha256", KEY).update(BODY_2K).digest("hex");
        return () => {
          if (!h.update(BODY_2K).verify(sig)) throw new Error("mismatch");
          return true;
        };
      },
      "node:crypto createHmac + timingSafeEqual": () => {
        const sig = Buffer.from(createHmac("sha256", KEY).update(BODY_2K).digest("hex"), "hex");
        return () => {
          const mac = createHmac("sha256", KEY).update(BODY_2K).digest();
          if (!timingSafeEqual(mac, sig)) throw new Error("mismatch");
          return true;
        };
      },
      "hash-wasm": async () => {
        const h = await createHMAC(createSHA256(), KEY);
        const sig = createHmac("sha256", KEY).update(BODY_2K).digest("hex");
        return () => {
          h.init();
          h.update(BODY_2K);
          if (h.digest("hex") !== sig) throw new Error("mismatch");
          return true;
        };
      },
      "@noble/hashes": () => {
        const k = utf8ToBytes(KEY);
        const sig = createHmac("sha256", KEY).update(BODY_2K).digest("hex");
        return () => {
          if (bytesToHex(nobleHmac(nobleSha256, k, utf8ToBytes(BODY_2K))) !== sig) throw new Error("mismatch");
          return true;
        };
      },
      "@octokit/webhooks-methods (async)": () => {
        const sig = "sha256=" + createHmac("sha256", KEY).update(BODY_2K).digest("hex");
        return async () => {
          if (!(await octokitVerify(KEY, BODY_2K, sig))) throw new Error("mismatch");
          return true;
        };
      },
      "crypto-js": () => {
        const sig = createHmac("sha256", KEY).update(BODY_2K).digest("hex");
        return () => {
          if (CryptoJS.HmacSHA256(BODY_2K, KEY).toString() !== sig) throw new Error("mismatch");
          return true;
        };
      },
    },
  },
  verifyStandard: {
    title: "Standard Webhooks verify, 2 KiB body (webhook-id/-timestamp/-signature, base64)",
    unit: "ops/s",
    impls: {
      "authsmith verifyWebhook": async () => {
        const { verifyWebhook } = await main();
        const { headers, now } = standardFixture();
        return () => verifyWebhook("standard", { secret: STD_SECRET, payload: BODY_2K, headers, now }).id;
      },
      "authsmith/webhooks verifyWebhook": async () => {
        const { verifyWebhook } = await webhooks();
        const { headers, now } = standardFixture();
        return () => verifyWebhook("standard", { secret: STD_SECRET, payload: BODY_2K, headers, now }).id;
      },
      [ADAPTERS]: async () => {
        const { verifyWebhook } = await adapters();
        const { headers, now } = standardFixture();
        return () => verifyWebhook("standard", { secret: STD_SECRET, payload: BODY_2K, headers, now }).id;
      },
      standardwebhooks: () => {
        const { headers } = standardFixture();
        const wh = new StandardWebhook(STD_SECRET);
        return () => (wh.verify(BODY_2K, headers), headers["webhook-id"]);
      },
      "node:crypto createHmac + timingSafeEqual": () => {
        const { headers } = standardFixture();
        const key = Buffer.from(STD_SECRET.slice(6), "base64");
        const want = Buffer.from(headers["webhook-signature"].slice(3), "base64");
        return () => {
          const mac = createHmac("sha256", key).update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${BODY_2K}`).digest();
          if (!timingSafeEqual(mac, want)) throw new Error("mismatch");
          return headers["webhook-id"];
        };
      },
    },
  },
  hmac1m: {
    title: "HMAC-SHA256 of 1 MiB (Uint8Array)",
    unit: "MB/s",
    bytes: MIB.length,
    impls: {
      authsmith: async () => {
        const { hmacSha256 } = await main();
        return () => hmacSha256(KEY, MIB);
      },
      "authsmith/crypto": async () => {
        const { hmacSha256 } = await cryptoEntry();
        return () => hmacSha256(KEY, MIB);
      },
      "authsmith/js (pure JS)": async () => {
        const { hmacSha256 } = await pureJs();
        return () => hmacSha256(KEY, MIB);
      },
      [ADAPTERS]: async () => {
        const { hmacSha256 } = await adapters();
        return () => hmacSha256(KEY, MIB);
      },
      "node:crypto createHmac": () => () => createHmac("sha256", KEY).update(MIB).digest("hex"),
      "hash-wasm": async () => {
        const h = await createHMAC(createSHA256(), KEY);
        return () => {
          h.init();
          h.update(MIB);
          return h.digest("hex");
        };
      },
      "@noble/hashes": () => {
        const k = utf8ToBytes(KEY);
        return () => bytesToHex(nobleHmac(nobleSha256, k, MIB));
      },
      "crypto-js": () => {
        const words = CryptoJS.lib.WordArray.create(MIB);
        return () => CryptoJS.HmacSHA256(words, KEY).toString();
      },
    },
  },
};
