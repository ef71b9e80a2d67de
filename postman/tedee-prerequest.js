// authsmith: the Tedee Bridge `api_token` for every request of this collection.
// (The collection-level pre-request script of tedee-bridge.postman_collection.json; a test
// keeps the two equal.)
//
// Variables (any scope; the Tedee how-to keeps the first three in Globals):
//   API_TOKEN            the Bridge API token from the Tedee app
//   API_TOKEN_MODE       ENCRYPTED (default) or PLAIN, as set in the Tedee app
//   API_KEY              set here to the key sent, for requests that use {{API_KEY}}
//   API_TOKEN_PLACEMENT  header (default) or query: where `api_token` goes
//   AUTHSMITH_SCRIPT     the text of authsmith's script build (authsmith/postman/tedee:
//                        pkg/postman/tedee.cjs); the tested path in newman and in the app. When
//                        it is empty, pm.require of the npm subpath is tried (Postman does
//                        not document subpaths; see docs/postman.md)
// AUTHSMITH_TEDEE_LAST_MS (a collection variable) keeps the last key's timestamp, so keys
// stay strictly increasing across requests and runs, even several in one millisecond.
var authsmithLib;
var authsmithSource = pm.variables.get("AUTHSMITH_SCRIPT");
if (authsmithSource) {
  authsmithLib = eval(authsmithSource);
} else if (typeof pm.require === "function") {
  authsmithLib = pm.require("npm:authsmith@0.1.0/postman/tedee");
} else {
  throw new Error("authsmith: set the AUTHSMITH_SCRIPT variable to the contents of authsmith/pkg/postman/tedee.cjs (see postman/README.md)");
}

(function (lib) {
  var mode = String(pm.variables.get("API_TOKEN_MODE") || "ENCRYPTED").toUpperCase();
  if (mode !== "ENCRYPTED" && mode !== "PLAIN") {
    throw new Error("API_TOKEN_MODE must be ENCRYPTED or PLAIN, not " + JSON.stringify(mode));
  }
  var placement = String(pm.variables.get("API_TOKEN_PLACEMENT") || "header").toLowerCase();
  if (placement !== "header" && placement !== "query") {
    throw new Error("API_TOKEN_PLACEMENT must be header or query, not " + JSON.stringify(placement));
  }
  var token = pm.variables.get("API_TOKEN");
  if (typeof token !== "string" || token === "") {
    throw new Error("authsmith: set API_TOKEN to the Bridge API token from the Tedee app");
  }

  var key;
  var gen = new lib.TedeeKeyGenerator(token, { mode: mode.toLowerCase() });
  try {
    if (mode === "ENCRYPTED") {
      var last = Number(pm.collectionVariables.get("AUTHSMITH_TEDEE_LAST_MS"));
      if (Number.isSafeInteger(last) && last > 0) gen.next(last); // resume after the last key sent
      key = gen.next();
      pm.collectionVariables.set("AUTHSMITH_TEDEE_LAST_MS", String(gen.lastTimestamp));
    } else {
      key = gen.next();
    }
  } finally {
    gen.free();
  }

  pm.globals.set("API_KEY", key);
  pm.request.headers.remove("api_token");
  pm.request.url.query.remove("api_token");
  if (placement === "header") {
    pm.request.headers.upsert({ key: "api_token", value: key });
  } else {
    pm.request.url.query.add({ key: "api_token", value: encodeURIComponent(key) });
  }
})(authsmithLib);
