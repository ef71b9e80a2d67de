// authsmith: a short-lived HS256 JWT as the bearer token of every request of this
// collection. (The collection-level pre-request script of
// jwt-bearer.postman_collection.json; a test keeps the two equal.)
//
// Variables (any scope):
//   JWT_SECRET        the HMAC key shared with the API (at least 32 bytes for HS256,
//                     RFC 7518 §3.2); keep it a *secret* variable
//   JWT_CLAIMS        optional: a JSON object of claims (e.g. {"sub":"me","aud":"api"})
//   JWT_TTL_SEC       optional: seconds until `exp`; default 300
//   JWT_KID           optional: the header's `kid`
//   JWT               set here to the token sent, for requests that use {{JWT}}
//   AUTHSMITH_SCRIPT  authsmith's script build (authsmith/postman/jwt: pkg/postman/jwt.cjs) for
//                     newman and other runners without pm.require; leave it empty in
//                     the Postman app, which loads the package from npm
// A token is made for every request (`iat` now, `exp` = iat + JWT_TTL_SEC): no expiry to
// watch, no clock arithmetic in seconds vs milliseconds, no hand-made base64url.
var authsmithLib;
var authsmithSource = pm.variables.get("AUTHSMITH_SCRIPT");
if (authsmithSource) {
  authsmithLib = eval(authsmithSource);
} else if (typeof pm.require === "function") {
  authsmithLib = pm.require("npm:authsmith@0.1.0/postman/jwt");
} else {
  throw new Error("authsmith: set the AUTHSMITH_SCRIPT variable to the contents of authsmith/pkg/postman/jwt.cjs (see postman/README.md)");
}

(function (lib) {
  var secret = pm.variables.get("JWT_SECRET");
  if (typeof secret !== "string" || secret === "") {
    throw new Error("authsmith: set JWT_SECRET to the HMAC key shared with the API");
  }
  var claimsText = pm.variables.get("JWT_CLAIMS");
  var claims = {};
  if (claimsText) {
    claims = JSON.parse(claimsText);
    if (claims === null || typeof claims !== "object" || Array.isArray(claims)) {
      throw new Error("authsmith: JWT_CLAIMS must be a JSON object");
    }
  }
  var ttlText = pm.variables.get("JWT_TTL_SEC");
  var ttl = ttlText === undefined || ttlText === "" ? 300 : Number(ttlText);
  var header = {};
  var kid = pm.variables.get("JWT_KID");
  if (kid) header.kid = kid;
  var token = lib.signJwt(claims, secret, { alg: "HS256", expiresInSec: ttl, header: header });

  pm.variables.set("JWT", token);
  pm.request.headers.upsert({ key: "Authorization", value: "Bearer " + token });
})(authsmithLib);
