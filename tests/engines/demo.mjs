// The demo page (www/) end to end in one engine, through the driver interface of
// drivers.mjs: the Postman pre-request flow with the documented example, then one case per
// playground panel, at desktop width and at phone width (375 px), with a screenshot of
// each. The page loads pkg/ from the installed tarball. Any error the page records fails it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const DOC_KEY = "e59d9763edc6e59f2faccf9a769e5cf170d68439c3fd67afae5e3e72d0463a711691058833000";

/** engine: from openEngine; url: the demo site; root: the repository; shots: folder. */
export async function runDemo(engine, url, root, shots) {
  const results = { passed: 0, failed: 0, failures: [] };
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
  const page = await engine.open(`${url}/`, { width: 1280, height: 900 });
  const text = (sel) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, sel);
  const waitFor = async (fn, arg, what, ms = 15_000) => {
    const end = Date.now() + ms;
    for (;;) {
      if (await page.evaluate(fn, arg)) return;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const select = (sel, value) => page.evaluate(([s, v]) => {
    const el = document.querySelector(s);
    el.value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, [sel, value]);
  const setChecked = async (sel, want) => {
    if ((await page.evaluate((s) => document.querySelector(s).checked, sel)) !== want) await page.click(sel);
    expect((await page.evaluate((s) => document.querySelector(s).checked, sel)) === want, `${sel} is ${want ? "checked" : "unchecked"}`);
  };
  // Screenshots right after input can be one frame stale: wait two animation frames.
  const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  try {
    await waitFor(() => document.getElementById("g-key") !== null && document.readyState === "complete", null, "the demo page");

    await check("Postman flow: the documented example with a fixed timestamp", async () => {
      await page.type("#g-token", "BE9xnPnGfVUS");
      await select("#g-mode", "ENCRYPTED");
      await setChecked("#fixed", true);
      await page.type("#fixed-ts", "1691058833000");
      await waitFor((k) => document.getElementById("g-key").textContent === k, DOC_KEY, `API_KEY = ${DOC_KEY}`, 5_000)
        .catch(async () => expect(false, `API_KEY is ${await text("#g-key")}`));
      expect((await text("#step2")) === DOC_KEY.slice(0, 64), "step 2 is the SHA-256");
      expect((await text("#step1")).endsWith("1691058833000"), "step 1 ends with the timestamp");
      expect(!(await text("#step1")).includes("BE9xnPnGfVUS"), "the token is masked while the field is masked");
      await page.click('[data-reveal="g-token"]');
      expect((await text("#step1")) === "BE9xnPnGfVUS1691058833000", "revealed: step 1 shows token + timestamp");
      await page.click('[data-reveal="g-token"]');
      await page.evaluate(() => document.activeElement?.blur());
      await settle();
      await page.screenshot(join(shots, `${engine.name}-desktop.png`));
    });

    await check("Postman flow: two requests in the same millisecond get two different keys", async () => {
      await setChecked("#fixed", false);
      await page.click("#clear-history");
      await page.evaluate(() => {
        const b = document.getElementById("send");
        b.click();
        b.click();
      });
      const rows = await page.evaluate(() => [...document.querySelectorAll("#history tr")].map((tr) => [...tr.cells].map((c) => c.textContent)));
      expect(rows.length === 2, `history has ${rows.length} rows`);
      const [[, t1, k1], [, t2, k2]] = rows;
      expect(k1 !== k2, "keys differ");
      expect(Number(t2) > Number(t1), `timestamps strictly increase: ${t1} ${t2}`);
      expect(k1.endsWith(t1) && k2.endsWith(t2), "each key ends with its timestamp");
      const http = await text("#http");
      expect(http.startsWith("GET /v1.0/lock HTTP/1.1") && http.includes(`api_token: ${k2}`), http);
      expect((await text("#curl")).includes(`-H "api_token: ${k2}"`), "curl line");
    });

    await check("Postman flow: really sending to an unreachable bridge shows the answer plainly", async () => {
      await page.type("#r-url", `${url}/v1.0/lock`);
      await setChecked("#really-send", true);
      await page.click("#send");
      await waitFor(() => !document.getElementById("response").textContent.startsWith("sending"), null, "the response");
      const answer = await text("#response");
      expect(/^404 /.test(answer), `answer: ${answer}`);
      await setChecked("#really-send", false);
      await page.type("#r-url", "http://192.168.1.25/v1.0/lock");
    });

    await check("Postman flow: the pre-request script shown is postman/tedee-prerequest.js", async () => {
      await waitFor(() => document.getElementById("postman-script").value.length > 0, null, "the script");
      const script = await page.evaluate(() => document.getElementById("postman-script").value);
      expect(script === readFileSync(join(root, "postman", "tedee-prerequest.js"), "utf8"), "the textarea holds the shipped script");
    });

    await check("applyAuth panel: Smartstore Basic example", async () => {
      await select("#a-type", "basic");
      await page.click('[data-reveal="a-secret"]');
      const out = await text("#a-out");
      expect(out.includes("Basic ZWE2NGQ0YTIyZGI1YmY4OTNhNGEyMWQ1Y2I4N2Y0NTg6M2E4ZTVmMGUzNjk2ZDY4NGRlMDRmZEFiZGUwMmY3MTg="), out);
      await page.click('[data-reveal="a-secret"]');
      expect((await text("#a-out")).includes("Basic ****"), "masked while the secret is masked");
    });

    await check("webhook panel: sign then verify for every scheme; a tampered body fails", async () => {
      await page.type("#w-body", '{"event":"work_order.completed","id":"wo_42"}');
      for (const scheme of ["mes", "github", "stripe", "slack", "shopify", "standard", "svix"]) {
        await select("#w-scheme", scheme);
        await page.click("#w-sign");
        await page.click("#w-verify");
        const out = await text("#w-out");
        expect(out.startsWith("valid"), `${scheme}: ${out}`);
      }
      await page.type("#w-body", '{"event": "work_order.completed","id":"wo_42"}');
      await page.click("#w-verify");
      const out = await text("#w-out");
      expect(out.includes("ERR_SIGNATURE_MISMATCH"), out);
    });

    await check("OAuth panel: PKCE pair, authorization URL, callback read against the state", async () => {
      await page.click("#o-go");
      const out = JSON.parse(await text("#o-out"));
      expect(/^[A-Za-z0-9_-]{43}$/.test(out.challenge) && out.method === "S256", JSON.stringify(out));
      expect(out.url.startsWith("https://auth.mes.company.com/oauth/authorize?") && out.url.includes(`code_challenge=${out.challenge}`), out.url);
      await page.type("#o-callback", `https://yourapp.com/callback?code=Spl%2Bx&state=${encodeURIComponent(out.state)}&iss=https%3A%2F%2Fauth.mes.company.com`);
      await page.click("#o-parse");
      const cb = JSON.parse(await text("#o-cb-out"));
      expect(cb.code === "Spl+x" && cb.state === out.state && cb.iss === "https://auth.mes.company.com", JSON.stringify(cb));
      await page.type("#o-callback", "https://yourapp.com/callback?error=access_denied&state=forged");
      await page.click("#o-parse");
      const refused = await text("#o-cb-out");
      expect(refused.startsWith("AuthsmithError ERR_STATE_MISMATCH") && !refused.includes("access_denied"), refused);
    });

    await check("server answers panel: Smartstore SslRequired", async () => {
      await page.click("#s-go");
      const out = JSON.parse(await text("#s-out"));
      expect(out.kind === "unauthorized" && out.reasonId === 1 && out.reason === "SslRequired", JSON.stringify(out));
      expect(out.challenges[0].params.realm === "Smartstore.WebApi", "challenge realm");
    });

    await check("redact panel masks the api_token and the bearer token", async () => {
      const out = await text("#x-out");
      expect(out.includes("api_token=****") && out.includes("Bearer ****") && !out.includes("sk-abc123"), out);
    });

    await check("keyboard: every control is labelled; Tab reaches the Show button", async () => {
      const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, output.block")]
        .filter((el) => el.tagName !== "OUTPUT" || el.id)
        .filter((el) => !(el.labels?.length) && !el.getAttribute("aria-label") && !el.closest("label") && el.type !== "radio")
        .map((el) => el.id || el.outerHTML.slice(0, 60)));
      expect(unlabelled.length === 0, `unlabelled: ${unlabelled.join(", ")}`);
      await page.evaluate(() => document.getElementById("g-token").focus());
      await page.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.dataset?.reveal ?? document.activeElement?.outerHTML.slice(0, 80));
      expect(focused === "g-token", `Tab reached ${focused}`);
    });

    await check("no errors on the desktop page", async () => {
      const errors = [...page.errors(), ...await page.evaluate(() => window.__errors)].filter((e) => !/404 \(Not Found\)|status of 404/.test(e));
      expect(errors.length === 0, errors.join("\n"));
    });
  } finally {
    await page.close();
  }

  await check("phone width (375 px): documented key, no horizontal scrolling", async () => {
    const phone = await engine.open(`${url}/engines/phone.html`, { width: 1024, height: 900 });
    try {
      const inFrame = (fn, arg) => phone.evaluate(([src, a]) => {
        const w = document.getElementById("phone").contentWindow;
        return w.eval(`(${src})`)(a);
      }, [String(fn), arg ?? null]);
      const end = Date.now() + 15_000;
      while (!(await inFrame(() => document.readyState === "complete" && document.getElementById("g-key") !== null))) {
        if (Date.now() > end) throw new Error("the demo did not load in the frame");
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await inFrame(() => innerWidth)) === 375, `frame is ${await inFrame(() => innerWidth)} px wide`);
      await inFrame(() => document.getElementById("fixed").click());
      await inFrame(() => document.activeElement?.blur());
      const overflow = await inFrame(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `page is ${overflow}px wider than the viewport`);
      const key = await inFrame(() => document.getElementById("g-key").textContent);
      expect(key === DOC_KEY, `documented key at phone width: ${key}`);
      await inFrame(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
      await phone.screenshot(join(shots, `${engine.name}-phone.png`), "#phone");
      const errors = [...phone.errors(), ...await phone.evaluate(() => window.__errors), ...await inFrame(() => window.__errors)];
      expect(errors.length === 0, errors.join("\n"));
    } finally {
      await phone.close();
    }
  });
  return results;
}
