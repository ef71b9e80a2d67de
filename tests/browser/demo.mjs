// The demo page (www/), driven like a person would in headless Chromium: the Postman
// pre-request flow and one case per playground panel. Any console error fails it.
// Exports run(browser) → { passed, failed, failures }; SCREENSHOT_DIR saves desktop and
// mobile screenshots (README shows the committed ones from docs/).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer } from "../../scripts/static-server.mjs";

const DOC_KEY = "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";

export async function runDemo(browser, root) {
  const results = { passed: 0, failed: 0, failures: [] };
  const { server, url } = await startServer([["/pkg/", join(root, "pkg")], ["/postman/", join(root, "postman")], ["/", join(root, "www")]]);
  const check = async (name, fn) => {
    try {
      await fn();
      results.passed++;
    } catch (e) {
      results.failed++;
      results.failures.push({ name: `demo: ${name}`, error: String(e?.stack || e) });
    }
  };
  const expect = (cond, msg) => {
    if (!cond) throw new Error(msg);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${url}/`);

    await check("globals: the documented example with a fixed timestamp", async () => {
      await page.fill("#g-token", "BE9xnPnGfVUS");
      await page.selectOption("#g-mode", "ENCRYPTED");
      await page.check("#fixed");
      await page.fill("#fixed-ts", "1691058833000");
      expect((await page.textContent("#g-key")) === DOC_KEY, `API_KEY is ${await page.textContent("#g-key")}`);
      expect((await page.textContent("#step2")) === DOC_KEY.slice(0, 64), "step 2 is the SHA-256");
      expect((await page.textContent("#step1")).endsWith("1691058833000"), "step 1 ends with the timestamp");
      expect(!(await page.textContent("#step1")).includes("BE9xnPnGfVUS"), "the token is masked while the field is masked");
      await page.click('[data-reveal="g-token"]');
      expect((await page.textContent("#step1")) === "BE9xnPnGfVUS1691058833000", "revealed: step 1 shows token + timestamp");
      await page.click('[data-reveal="g-token"]');
      await page.evaluate(() => document.activeElement?.blur());
      if (process.env.SCREENSHOT_DIR) {
        await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, "demo-desktop.png"), fullPage: false });
      }
    });

    await check("two requests in the same millisecond get two different keys", async () => {
      await page.uncheck("#fixed");
      await page.click("#clear-history");
      // Both clicks in one task: same millisecond on the page clock.
      await page.evaluate(() => { const b = document.getElementById("send"); b.click(); b.click(); });
      const rows = await page.$$eval("#history tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      expect(rows.length === 2, `history has ${rows.length} rows`);
      const [[, t1, k1], [, t2, k2]] = rows;
      expect(k1 !== k2, "keys differ");
      expect(Number(t2) > Number(t1), `timestamps strictly increase: ${t1} ${t2}`);
      expect(k1.endsWith(t1) && k2.endsWith(t2), "each key ends with its timestamp");
      const http = await page.textContent("#http");
      expect(http.startsWith("GET /v1.0/lock HTTP/1.1") && http.includes(`api_token: ${k2}`), http);
      expect((await page.textContent("#curl")).includes(`-H "api_token: ${k2}"`), "curl line");
    });

    await check("query placement puts api_token in the URL", async () => {
      await page.check('input[name="placement"][value="query"]');
      await page.click("#send");
      const http = await page.textContent("#http");
      expect(/^GET \/v1\.0\/lock\?api_token=[0-9a-f]{64}\d{13} HTTP\/1\.1/.test(http), http);
      await page.check('input[name="placement"][value="header"]');
    });

    await check("PLAIN mode sends the token itself", async () => {
      await page.selectOption("#g-mode", "PLAIN");
      await page.click('[data-reveal="g-token"]');
      await page.click("#send");
      expect((await page.textContent("#http")).includes("api_token: BE9xnPnGfVUS"), await page.textContent("#http"));
      await page.click('[data-reveal="g-token"]');
      await page.selectOption("#g-mode", "ENCRYPTED");
    });

    await check("really sending to an unreachable bridge shows the error plainly", async () => {
      await page.fill("#r-url", `${url.replace("127.0.0.1", "127.0.0.1")}/v1.0/lock`);
      await page.check("#really-send");
      await page.click("#send");
      await page.waitForFunction(() => !document.getElementById("response").textContent.startsWith("sending"));
      const text = await page.textContent("#response");
      expect(/^404 /.test(text), `answer: ${text}`);
      await page.uncheck("#really-send");
      await page.fill("#r-url", "http://192.168.1.25/v1.0/lock");
    });

    await check("the Postman pre-request script shown is postman/tedee-prerequest.js", async () => {
      await page.waitForFunction(() => document.getElementById("postman-script").value.length > 0);
      const script = await page.inputValue("#postman-script");
      const file = readFileSync(join(root, "postman", "tedee-prerequest.js"), "utf8");
      expect(script === file, "the textarea holds the shipped script");
    });

    await check("applyAuth panel: Smartstore Basic example", async () => {
      await page.selectOption("#a-type", "basic");
      await page.click('[data-reveal="a-secret"]');
      const out = await page.textContent("#a-out");
      expect(out.includes("Basic ZWE2NGQ0YTIyZGI1YmY4OTNhNGEyMWQ1Y2I4N2Y0NTg6M2E4ZTVmMGUzNjk2ZDY4NGRlMDRmZEFiZGUwMmY3MTg="), out);
      await page.click('[data-reveal="a-secret"]');
      expect((await page.textContent("#a-out")).includes("Basic ****"), "masked while the secret is masked");
    });

    await check("webhook panel: sign then verify for every scheme; a tampered body fails", async () => {
      for (const scheme of ["mes", "github", "stripe", "slack", "shopify", "standard", "svix"]) {
        await page.selectOption("#w-scheme", scheme);
        await page.fill("#w-body", '{"event":"work_order.completed","id":"wo_42"}');
        await page.click("#w-sign");
        await page.click("#w-verify");
        const out = await page.textContent("#w-out");
        expect(out.startsWith("valid"), `${scheme}: ${out}`);
      }
      await page.fill("#w-body", '{"event": "work_order.completed","id":"wo_42"}');
      await page.click("#w-verify");
      expect((await page.textContent("#w-out")).includes("ERR_SIGNATURE_MISMATCH"), await page.textContent("#w-out"));
    });

    await check("OAuth panel: PKCE pair and authorization URL", async () => {
      await page.click("#o-go");
      const out = JSON.parse(await page.textContent("#o-out"));
      expect(/^[A-Za-z0-9_-]{43}$/.test(out.challenge) && out.method === "S256", JSON.stringify(out));
      expect(out.url.startsWith("https://auth.mes.company.com/oauth/authorize?") && out.url.includes(`code_challenge=${out.challenge}`), out.url);
    });

    await check("OAuth panel: a pasted callback is read against the state; another state is refused", async () => {
      await page.click("#o-go");
      const { state } = JSON.parse(await page.textContent("#o-out"));
      await page.fill("#o-callback", `https://yourapp.com/callback?code=Spl%2Bx&state=${encodeURIComponent(state)}&iss=https%3A%2F%2Fauth.mes.company.com`);
      await page.click("#o-parse");
      const out = JSON.parse(await page.textContent("#o-cb-out"));
      expect(out.code === "Spl+x" && out.state === state && out.iss === "https://auth.mes.company.com", JSON.stringify(out));
      await page.fill("#o-callback", "https://yourapp.com/callback?error=access_denied&state=forged");
      await page.click("#o-parse");
      const text = await page.textContent("#o-cb-out");
      expect(text.startsWith("AuthsmithError ERR_STATE_MISMATCH") && !text.includes("access_denied"), text);
    });

    await check("JWT panel: decode, expiry counting down, verify, wrong key, alg none", async () => {
      await page.click("#j-sign"); // a fresh token (90 s), however long the checks above took
      expect((await page.textContent("#j-decoded")).includes('"sub": "demo-user"'), "the signed token is decoded");
      const m = /in (\d+) s/.exec(await page.textContent("#j-expiry"));
      expect(m && Number(m[1]) <= 90 && Number(m[1]) >= 60, `expiry: ${await page.textContent("#j-expiry")}`);
      await page.click("#j-verify");
      expect((await page.textContent("#j-out")).startsWith("valid ✓"), await page.textContent("#j-out"));
      const key = await page.inputValue("#j-key");
      await page.fill("#j-key", key + "x");
      await page.click("#j-verify");
      expect((await page.textContent("#j-out")).includes("ERR_SIGNATURE_MISMATCH"), await page.textContent("#j-out"));
      await page.fill("#j-key", key);
      await page.fill("#j-token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
      expect((await page.textContent("#j-decoded")).includes('"admin"'), "decode reads an unsigned token");
      expect((await page.textContent("#j-expiry")).includes("no exp"), "no exp");
      await page.click("#j-verify");
      expect((await page.textContent("#j-out")).includes("ERR_JWT_ALG_NOT_ALLOWED"), await page.textContent("#j-out"));
      await page.click("#j-sign");
    });

    await check("server answers panel: Smartstore SslRequired", async () => {
      await page.click("#s-go");
      const out = JSON.parse(await page.textContent("#s-out"));
      expect(out.kind === "unauthorized" && out.reasonId === 1 && out.reason === "SslRequired", JSON.stringify(out));
      expect(out.challenges[0].params.realm === "Smartstore.WebApi", "challenge realm");
    });

    await check("redact panel masks the api_token and the bearer token", async () => {
      const out = await page.textContent("#x-out");
      expect(out.includes("api_token=****") && out.includes("Bearer ****") && !out.includes("sk-abc123"), out);
    });

    await check("keyboard: every control is reachable and labelled", async () => {
      const unlabelled = await page.$$eval("input, select, textarea, output.block", (els) => els
        .filter((el) => el.tagName !== "OUTPUT" || el.id)
        .filter((el) => !(el.labels?.length) && !el.getAttribute("aria-label") && !el.closest("label") && el.type !== "radio")
        .map((el) => el.id || el.outerHTML.slice(0, 60)));
      expect(unlabelled.length === 0, `unlabelled: ${unlabelled.join(", ")}`);
      await page.focus("#g-token");
      await page.keyboard.press("Tab");
      expect((await page.evaluate(() => document.activeElement?.dataset.reveal)) === "g-token", "Tab reaches the Show button");
    });

    await check("readable at 375 px: no horizontal scrolling", async () => {
      const mobile = await browser.newPage({ viewport: { width: 375, height: 812 } });
      mobile.on("pageerror", (e) => errors.push(String(e)));
      await mobile.goto(`${url}/#postman`);
      await mobile.check("#fixed");
      await mobile.evaluate(() => document.activeElement?.blur());
      const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `page is ${overflow}px wider than the viewport`);
      expect((await mobile.textContent("#g-key")) === DOC_KEY, "documented key on mobile");
      if (process.env.SCREENSHOT_DIR) await mobile.screenshot({ path: join(process.env.SCREENSHOT_DIR, "demo-mobile.png"), fullPage: false });
      await mobile.close();
    });

    await check("no console errors", async () => {
      const unexpected = errors.filter((e) => !/404 \(Not Found\)/.test(e));
      expect(unexpected.length === 0, unexpected.join("\n"));
    });
  } finally {
    server.close();
  }
  return results;
}
