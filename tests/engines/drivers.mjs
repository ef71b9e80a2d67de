// One small driver interface over the three browser engines, so every page test and the
// demo are written once:
//   chromium  Debian's Chromium through puppeteer-core (CDP)
//   firefox   Debian's Firefox ESR through puppeteer-core (WebDriver BiDi; no geckodriver)
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (classic W3C WebDriver over
//             fetch) on a private Xvfb display
// Never a downloaded browser: a missing one throws with the command that installs it.
//
// openEngine(name) → { name, version, open(url, { width, height }) → Page, close() }
// Page: evaluate(fn, ...args) (fn is serialised; it may be async; args and result are
//       JSON), click(selector) and type(selector, text) (native input), press(key),
//       screenshot(path, selector?), errors() (console errors the driver saw; pages also
//       record their own, see record.js), close().
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { chromiumPath, CHROMIUM_FLAGS } from "../browser/chromium.mjs";
import { cropPng } from "./png-crop.mjs";

export const ENGINES = ["chromium", "firefox", "webkit"];

const INSTALL = {
  firefox: "apt-get install -y firefox-esr (or set FIREFOX_PATH)",
  webkit: "apt-get install -y webkit2gtk-driver xvfb (WebKitWebDriver and Xvfb on PATH)",
};

function which(name) {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return null;
}

export function firefoxPath() {
  const candidates = [process.env.FIREFOX_PATH, "/usr/bin/firefox-esr", "/usr/bin/firefox"].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Firefox not found (looked at ${candidates.join(", ")}). Install it: ${INSTALL.firefox}.`);
  return found;
}

export async function openEngine(name) {
  if (name === "chromium" || name === "firefox") return openPuppeteer(name);
  if (name === "webkit") return openWebKit();
  throw new Error(`unknown engine ${name}`);
}

// ------------------------------------------------------------------ puppeteer-core

async function openPuppeteer(name) {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = name === "firefox"
    ? await puppeteer.launch({ browser: "firefox", executablePath: firefoxPath(), headless: true })
    : await puppeteer.launch({ browser: "chrome", executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  const version = (await browser.version()).replace(/^[^/]*\//, "");
  return {
    name,
    version,
    async open(url, { width = 1280, height = 900 } = {}) {
      const page = await browser.newPage();
      const errors = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e?.message ?? e)));
      await page.setViewport({ width, height });
      await page.goto(url, { waitUntil: "load" });
      return {
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        click: (sel) => page.click(sel),
        async type(sel, text) {
          await page.$eval(sel, (el) => {
            el.value = "";
          });
          await page.type(sel, text);
        },
        press: (key) => page.keyboard.press(key),
        async screenshot(path, sel) {
          if (sel) await (await page.$(sel)).screenshot({ path });
          else await page.screenshot({ path });
        },
        errors: () => errors,
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ WebKitWebDriver

const KEYS = { Tab: "\uE004", Enter: "\uE007" };
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function openWebKit() {
  const driverBin = process.env.WEBKIT_WEBDRIVER || which("WebKitWebDriver");
  const xvfbBin = which("Xvfb");
  if (!driverBin || !xvfbBin) {
    throw new Error(`WebKit not available (WebKitWebDriver: ${driverBin ?? "missing"}, Xvfb: ${xvfbBin ?? "missing"}). Install them: ${INSTALL.webkit}.`);
  }
  const children = [];
  const stop = () => {
    for (const c of children.reverse()) c.kill("SIGTERM");
  };
  try {
    let display = process.env.WEBKIT_DISPLAY;
    if (!display) {
      const xvfb = spawn(xvfbBin, ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "pipe", "pipe"] });
      children.push(xvfb);
      display = ":" + await new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error("Xvfb did not report a display in 20s")), 20_000);
        xvfb.stdio[3].once("data", (d) => (clearTimeout(timer), ok(String(d).trim())));
        xvfb.once("exit", (c) => fail(new Error(`Xvfb exited (${c})`)));
      });
    }
    const port = await freePort();
    const driver = spawn(driverBin, [`--port=${port}`, "--host=127.0.0.1"], { env: { ...process.env, DISPLAY: display }, stdio: ["ignore", "ignore", "pipe"] });
    children.push(driver);
    let driverLog = "";
    driver.stderr.on("data", (d) => (driverLog = (driverLog + d).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/status`)).ok) break;
      } catch {}
      if (i > 100) throw new Error(`WebKitWebDriver did not answer on ${base}\n${driverLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const call = async (method, path, body) => {
      const r = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = await r.json();
      if (!r.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error} ${json.value?.message ?? ""}`);
      return json.value;
    };
    const session = await call("POST", "/session", { capabilities: {} });
    const sid = session.sessionId;
    const version = session.capabilities?.browserVersion ?? "unknown";
    const s = (p) => `/session/${sid}${p}`;
    const find = async (sel) => (await call("POST", s("/element"), { using: "css selector", value: sel }))[ELEMENT];
    return {
      name: "webkit",
      version,
      // One window per session: open() navigates it (pages are used one at a time).
      async open(url, { width = 1280, height = 900 } = {}) {
        await call("POST", s("/window/rect"), { width, height });
        await call("POST", s("/url"), { url });
        return {
          async evaluate(fn, ...args) {
            const script = `const done = arguments[arguments.length - 1];
              Promise.resolve().then(() => (${fn}).apply(null, ${JSON.stringify(args)}))
                .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && e.stack || e) }));`;
            const r = await call("POST", s("/execute/async"), { script, args: [] });
            if (r && "err" in r) throw new Error(r.err);
            return r?.ok ?? undefined;
          },
          click: async (sel) => call("POST", s(`/element/${await find(sel)}/click`), {}),
          async type(sel, text) {
            const id = await find(sel);
            await call("POST", s(`/element/${id}/clear`), {});
            await call("POST", s(`/element/${id}/value`), { text });
          },
          press: (key) => call("POST", s("/actions"), {
            actions: [{ type: "key", id: "kbd", actions: [{ type: "keyDown", value: KEYS[key] ?? key }, { type: "keyUp", value: KEYS[key] ?? key }] }],
          }),
          // Element screenshots come out shifted on WebKitGTK: crop the window's instead.
          async screenshot(path, sel) {
            const png = Buffer.from(await call("GET", s("/screenshot")), "base64");
            if (!sel) return writeFileSync(path, png);
            const rect = await call("POST", s("/execute/sync"), {
              script: "const r = document.querySelector(arguments[0]).getBoundingClientRect(), d = devicePixelRatio; return { x: r.x * d, y: r.y * d, width: r.width * d, height: r.height * d };",
              args: [sel],
            });
            writeFileSync(path, cropPng(png, rect));
          },
          // Classic WebDriver has no console API: pages record their own errors (record.js).
          errors: () => [],
          close: () => call("POST", s("/url"), { url: "about:blank" }),
        };
      },
      async close() {
        try {
          await call("DELETE", s(""));
        } finally {
          stop();
        }
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}

async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}
