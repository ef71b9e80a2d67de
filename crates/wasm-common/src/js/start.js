// Why a WebAssembly module could not be started synchronously, as the error every entry
// throws: where the engine refuses (no WebAssembly at all; a Content-Security-Policy
// without 'wasm-unsafe-eval', which WebKit enforces at instantiation and the others at
// compilation; Chromium < 114's 4 KB limit on the main thread; a wasm feature it lacks),
// the message says what to use instead.
export function startError(e) {
  const m = String((e && e.message) || e);
  const why = typeof WebAssembly !== "object" ? "this engine has no WebAssembly (React Native's Hermes, for one)"
    : /eval|Content.Security.Policy|CSP/i.test(m) ? "the page's Content-Security-Policy does not allow it (script-src needs 'wasm-unsafe-eval')"
    : /4 ?KB|main thread/i.test(m) ? "this engine compiles modules over 4 KB only asynchronously on the main thread (Chromium before 114: use Chromium 114 or later)"
    : "this engine refused it";
  return new Error("authsmith: the WebAssembly module could not be started synchronously: " + why +
    '. Use the pure-JavaScript entry instead: import from "authsmith/js" (same API, no WebAssembly). Cause: ' + m, { cause: e });
}
