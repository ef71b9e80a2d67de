//! OAuth 2.0: PKCE, authorization URLs, token requests, token responses, refresh
//! timing and scopes. authsmith builds every request and reads every answer; the caller
//! sends them (`fetch(req.url, req)`).

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use authsmith_core::error::{msg, Code, Error};
use authsmith_core::json::Value;
use authsmith_core::oauth::{self, BodyFormat, ClientAuth, Grant, ResponseError};
use authsmith_wasm_common::args::{self, type_error, JsResult, OrJs};
use authsmith_wasm_common::input::fill_random;

#[wasm_bindgen(typescript_custom_section)]
const OAUTH_TYPES: &'static str = r#"
/** A scope list: a space-separated string or an array of scope tokens. */
export type Scopes = string | string[];
export interface CreatePkceOptions { /** verifier length in characters, 43..128; default 43 (32 random octets) */ length?: number }
export interface Pkce { verifier: string; challenge: string; method: "S256" }
export interface AuthorizationUrlInput {
  /** absolute https: URL (http: only for loopback hosts); may have a query, never a fragment */
  endpoint: string;
  clientId: string;
  /** absolute https: URL (http: only for localhost, 127.0.0.0/8, [::1]) */
  redirectUri: string;
  scope?: Scopes;
  /** default: 32 random octets, base64url (43 characters) */
  state?: string;
  /** from createPkce(); adds code_challenge_method=S256 */
  codeChallenge?: string;
  /** more parameters (prompt, nonce, audience, …); the ones authorizationUrl sets are refused */
  extra?: Record<string, string>;
}
export interface AuthorizationUrl { url: string; /** keep it to compare with the callback's `state` */ state: string }
/**
 * More token request body parameters (`audience`, RFC 8707 `resource`, …), sent after the
 * ones tokenRequest sets, in key order. grant_type, code, redirect_uri, code_verifier,
 * refresh_token, scope, client_id and client_secret are refused (RangeError).
 */
export type TokenExtra = Record<string, string>;
export type TokenGrant =
  | { type: "client_credentials"; scope?: Scopes; extra?: TokenExtra }
  | { type: "authorization_code"; code: string; redirectUri: string; codeVerifier?: string; extra?: TokenExtra }
  | { type: "refresh_token"; refreshToken: string; scope?: Scopes; extra?: TokenExtra };
export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "none";
export interface TokenClient {
  endpoint: string;
  clientId: string;
  clientSecret?: string;
  /** default: "client_secret_basic" with a secret, else "none" */
  auth?: ClientAuthMethod;
  /** default "form" (application/x-www-form-urlencoded); "json" sends application/json */
  format?: "form" | "json";
}
export interface TokenRequest { url: string; method: "POST"; headers: Record<string, string>; body: string }
export interface ParseTokenResponseOptions { /** ms; default now */ now?: number }
export interface NeedsRefreshOptions {
  /** ms; default now */ now?: number;
  /** default 60 */ skewSec?: number;
  /** when the token set has no `expiresAt`: the access token is a JWT, use its `exp` (read unverified); a non-JWT token is then ERR_JWT_MALFORMED */
  useJwtExp?: boolean;
}
export interface ParseAuthorizationCallbackOptions {
  /** the state authorizationUrl returned for this login (kept in the session) */
  state: string;
  /** the authorization server's issuer identifier: then `iss` must be present and equal (RFC 9207) */
  issuer?: string;
}
export interface AuthorizationCallback {
  /** the authorization code, for tokenRequest({ type: "authorization_code", code, … }) */
  code: string;
  /** equal to options.state */
  state: string;
  /** RFC 9207 `iss`, when the server sent it (checked only with options.issuer) */
  iss?: string;
}
/** What an `ERR_OAUTH_*` AuthsmithError carries besides `code` and `message`. */
export interface OAuthErrorDetails {
  /** the server's `error` code, e.g. "invalid_grant" */ error: string;
  /** the server's `error_description`, as sent */ errorDescription?: string;
  /** the server's `error_uri`, as sent */ errorUri?: string;
}
"#;

fn opts(v: Option<Object>) -> JsValue {
    v.map(JsValue::from).unwrap_or_default()
}

/// `string | string[]` as its parts (each later split on spaces).
fn scope_parts(v: &JsValue, name: &str) -> JsResult<Vec<String>> {
    if v.is_string() {
        return Ok(alloc::vec![args::string(v, name)?]);
    }
    if let Some(a) = v.dyn_ref::<Array>() {
        let mut out = Vec::with_capacity(a.length() as usize);
        for item in a.iter() {
            if !item.is_string() {
                return Err(type_error(&msg(&[
                    name,
                    " must be a string or an array of strings",
                ])));
            }
            out.push(args::string(&item, name)?);
        }
        return Ok(out);
    }
    Err(type_error(&msg(&[
        name,
        " must be a string or an array of strings",
    ])))
}

fn scopes(v: &JsValue, name: &str) -> JsResult<Vec<String>> {
    let parts = scope_parts(v, name)?;
    oauth::parse_scopes(parts.iter().map(String::as_str)).js()
}

fn opt_scopes(obj: &Object, key: &str, name: &str) -> JsResult<Vec<String>> {
    match args::get_opt(Some(obj), key)? {
        Some(v) => scopes(&v, name),
        None => Ok(Vec::new()),
    }
}

fn string_array(items: &[String]) -> Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

/// A `Record<string, string>` as pairs, in key order (`Object.keys`: own enumerable
/// string keys, so a polluted `Object.prototype` adds nothing); `undefined` values are
/// skipped. Only a plain object (prototype `Object.prototype` or `null`): a `Map` or a
/// `URLSearchParams` has no own keys and would silently send nothing.
fn string_record(v: &JsValue, name: &str) -> JsResult<Vec<(String, String)>> {
    if !v.is_object() || Array::is_array(v) || v.is_function() || !args::is_plain_object(v)? {
        return Err(type_error(&msg(&[
            name,
            " must be a plain object of strings",
        ])));
    }
    let obj: &Object = v.unchecked_ref();
    let mut out = Vec::new();
    for key in args::own_keys(obj)?.iter() {
        let k = args::string(&key, name)?;
        let val = Reflect::get(obj, &key)?;
        if val.is_undefined() {
            continue;
        }
        if !val.is_string() {
            return Err(type_error(&msg(&[name, " values must be strings"])));
        }
        let s = args::string(&val, name)?;
        out.push((k, s));
    }
    Ok(out)
}

/// A PKCE pair (RFC 7636): a verifier of `length` characters (43..128, default 43) from
/// the platform CSPRNG and its S256 challenge. Throws `ERR_NO_RANDOM` where the runtime
/// has no CSPRNG.
#[wasm_bindgen(js_name = createPkce, unchecked_return_type = "Pkce")]
pub fn create_pkce(
    #[wasm_bindgen(unchecked_optional_param_type = "CreatePkceOptions")] options: Option<Object>,
) -> JsResult<Object> {
    let o = args::options(&opts(options), "options", &["length"])?;
    let len = args::opt_uint(o.as_ref(), "length", "options.length")?
        .unwrap_or(oauth::DEFAULT_VERIFIER_LEN as u64);
    let need = oauth::check_verifier_len(len).js()?;
    // check_verifier_len: 43..=128
    let len = len as usize;
    let random = Zeroizing::new(fill_random(need)?);
    let verifier = Zeroizing::new(oauth::pkce_verifier(&random, len).js()?);
    let challenge = oauth::pkce_challenge(&verifier).js()?;
    Ok(args::record([
        ("verifier", JsValue::from_str(&verifier)),
        ("challenge", JsValue::from_str(&challenge)),
        ("method", JsValue::from_str("S256")),
    ]))
}

/// The S256 code challenge of `verifier`: BASE64URL(SHA-256(verifier)). A verifier that
/// is not 43 to 128 characters of `A-Z a-z 0-9 - . _ ~` is `ERR_INVALID_PKCE_VERIFIER`.
#[wasm_bindgen(js_name = pkceChallenge)]
pub fn pkce_challenge(
    #[wasm_bindgen(unchecked_param_type = "string")] verifier: JsValue,
) -> JsResult<String> {
    let v = Zeroizing::new(args::string(&verifier, "verifier")?);
    oauth::pkce_challenge(&v).js()
}

/// The authorization-code request URL (RFC 6749 §4.1.1): the endpoint, its own query
/// kept, plus `response_type=code`, `client_id`, `redirect_uri`, `scope`, `state` (32
/// random octets, base64url, when not given), `code_challenge` and
/// `code_challenge_method=S256` (with `codeChallenge`), then `extra`. Every value is
/// form-urlencoded once (`A-Z a-z 0-9 * - . _` kept, space as `+`, the rest `%XX`),
/// exactly as `URLSearchParams` does. Returns the URL and the state to check on the
/// callback.
#[wasm_bindgen(js_name = authorizationUrl, unchecked_return_type = "AuthorizationUrl")]
pub fn authorization_url(
    #[wasm_bindgen(unchecked_param_type = "AuthorizationUrlInput")] input: JsValue,
) -> JsResult<Object> {
    let o = args::object(
        &input,
        "input",
        &[
            "endpoint",
            "clientId",
            "redirectUri",
            "scope",
            "state",
            "codeChallenge",
            "extra",
        ],
    )?;
    let endpoint = args::req_string(&o, "endpoint", "input.endpoint")?;
    let client_id = args::req_string(&o, "clientId", "input.clientId")?;
    let redirect_uri = args::req_string(&o, "redirectUri", "input.redirectUri")?;
    let scope = opt_scopes(&o, "scope", "input.scope")?;
    let state = args::opt_string(Some(&o), "state", "input.state")?;
    let code_challenge = args::opt_string(Some(&o), "codeChallenge", "input.codeChallenge")?;
    let extra = match args::get_opt(Some(&o), "extra")? {
        Some(v) => string_record(&v, "input.extra")?,
        None => Vec::new(),
    };
    let state = match state {
        Some(s) => s,
        None => oauth::state_from_random(&Zeroizing::new(fill_random(oauth::STATE_RANDOM_LEN)?)),
    };
    let url = oauth::authorization_url(&oauth::AuthorizationRequest {
        endpoint: &endpoint,
        client_id: &client_id,
        redirect_uri: &redirect_uri,
        scope: &scope,
        state: &state,
        code_challenge: code_challenge.as_deref(),
        extra: &extra,
    })
    .js()?;
    Ok(args::record([
        ("url", JsValue::from_str(&url)),
        ("state", JsValue::from_str(&state)),
    ]))
}

const GRANT_TYPES: &str = "'client_credentials', 'authorization_code', 'refresh_token'";

fn grant_type(s: &str) -> Option<&'static str> {
    ["client_credentials", "authorization_code", "refresh_token"]
        .into_iter()
        .find(|t| *t == s)
}

/// A token request for `fetch` (RFC 6749 §4.1.3, §4.4.2, §6): `{ url, method: "POST",
/// headers, body }` with `Content-Type` (form or JSON) and `Accept: application/json`.
/// Client authentication: `client_secret_basic` (default with a secret; RFC 6749 §2.3.1,
/// the id and secret form-urlencoded before Basic), `client_secret_post` (both in the
/// body) or `none` (a public client: `client_id` in the body). `grant.extra` adds body
/// parameters (`audience`, RFC 8707 `resource`, …) after those, in key order, encoded the
/// same way (JSON: string members); a name tokenRequest sets for some grant or method
/// (`grant_type`, `code`, `redirect_uri`, `code_verifier`, `refresh_token`, `scope`,
/// `client_id`, `client_secret`) or an empty name is a `RangeError`, a value that is not a
/// string a `TypeError` (`undefined` values are skipped).
#[wasm_bindgen(js_name = tokenRequest, unchecked_return_type = "TokenRequest")]
pub fn token_request(
    #[wasm_bindgen(unchecked_param_type = "TokenGrant")] grant: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TokenClient")] client: JsValue,
) -> JsResult<Object> {
    if !grant.is_object() || Array::is_array(&grant) || grant.is_function() {
        return Err(type_error("grant must be an object with a type"));
    }
    let g: &Object = grant.unchecked_ref();
    let ty = args::choice(
        &args::get(g, "type")?,
        "grant.type",
        grant_type,
        GRANT_TYPES,
    )?;
    // read before any secret, so that nothing is held when a getter or Proxy trap throws
    let extra = match args::get_opt(Some(g), "extra")? {
        Some(v) => string_record(&v, "grant.extra")?,
        None => Vec::new(),
    };
    let c = args::object(
        &client,
        "client",
        &["endpoint", "clientId", "clientSecret", "auth", "format"],
    )?;
    let endpoint = args::req_string(&c, "endpoint", "client.endpoint")?;
    let client_id = args::req_string(&c, "clientId", "client.clientId")?;
    let secret =
        args::opt_string(Some(&c), "clientSecret", "client.clientSecret")?.map(Zeroizing::new);
    let auth = args::opt_choice(
        Some(&c),
        "auth",
        "client.auth",
        ClientAuth::parse,
        "'client_secret_basic', 'client_secret_post', 'none'",
    )?;
    let format = args::opt_choice(
        Some(&c),
        "format",
        "client.format",
        BodyFormat::parse,
        "'form', 'json'",
    )?
    .unwrap_or(BodyFormat::Form);

    // Owned values the borrowed `Grant` points into (each set in the branch using it).
    let (secret_value, redirect_uri, verifier, scope);
    let grant = match ty {
        "client_credentials" => {
            args::check_keys(g, "grant", &["type", "scope", "extra"])?;
            scope = opt_scopes(g, "scope", "grant.scope")?;
            Grant::ClientCredentials { scope: &scope }
        }
        "authorization_code" => {
            args::check_keys(
                g,
                "grant",
                &["type", "code", "redirectUri", "codeVerifier", "extra"],
            )?;
            secret_value = Zeroizing::new(args::req_string(g, "code", "grant.code")?);
            redirect_uri = args::req_string(g, "redirectUri", "grant.redirectUri")?;
            verifier = args::opt_string(Some(g), "codeVerifier", "grant.codeVerifier")?
                .map(Zeroizing::new);
            Grant::AuthorizationCode {
                code: &secret_value,
                redirect_uri: &redirect_uri,
                code_verifier: verifier.as_deref().map(String::as_str),
            }
        }
        _ => {
            args::check_keys(g, "grant", &["type", "refreshToken", "scope", "extra"])?;
            secret_value =
                Zeroizing::new(args::req_string(g, "refreshToken", "grant.refreshToken")?);
            scope = opt_scopes(g, "scope", "grant.scope")?;
            Grant::RefreshToken {
                refresh_token: &secret_value,
                scope: &scope,
            }
        }
    };
    let req = oauth::token_request_with_extra(
        &grant,
        &oauth::Client {
            endpoint: &endpoint,
            client_id: &client_id,
            client_secret: secret.as_deref().map(String::as_str),
            auth,
            format,
        },
        &extra,
    )
    .js()?;
    let body = Zeroizing::new(req.body);
    Ok(args::record([
        ("url", JsValue::from_str(&req.url)),
        ("method", JsValue::from_str("POST")),
        ("headers", args::headers_record(req.headers).into()),
        ("body", JsValue::from_str(&body)),
    ]))
}

/// The `Authorization` value for RFC 6749 §2.3.1 client authentication:
/// `"Basic " + base64(form(clientId) + ":" + form(clientSecret))`, where form() keeps
/// `A-Z a-z 0-9 * - . _`, turns a space into `+` and every other UTF-8 byte into `%XX`.
#[wasm_bindgen(js_name = clientSecretBasic)]
pub fn client_secret_basic(
    #[wasm_bindgen(js_name = clientId, unchecked_param_type = "string")] client_id: JsValue,
    #[wasm_bindgen(js_name = clientSecret, unchecked_param_type = "string")] client_secret: JsValue,
) -> JsResult<String> {
    let id = args::string(&client_id, "clientId")?;
    let secret = Zeroizing::new(args::string(&client_secret, "clientSecret")?);
    oauth::client_secret_basic(&id, &secret).js()
}

fn invalid_response(m: &str) -> ResponseError {
    ResponseError::Other(Error::auth(
        Code::InvalidTokenResponse,
        msg(&["token response: ", m]),
    ))
}

/// The known own enumerable properties of a parsed JSON object (inherited ones are
/// ignored, so a polluted `Object.prototype` cannot supply a token).
fn members_of(obj: &Object) -> JsResult<Result<Vec<(String, Value)>, ResponseError>> {
    let mut out = Vec::new();
    for k in args::own_keys(obj)?.iter() {
        let Some(key) = k.as_string() else { continue };
        let Some(&key) = oauth::RESPONSE_KEYS.iter().find(|n| **n == key) else {
            continue;
        };
        let v = Reflect::get(obj, &k)?;
        let value = if v.is_undefined() {
            continue;
        } else if v.is_null() {
            Value::Null
        } else if v.is_string() {
            match args::string(&v, key) {
                Ok(s) => Value::Str(s),
                Err(_) => {
                    return Ok(Err(invalid_response(&msg(&[
                        key,
                        " is not valid UTF-16 (a lone surrogate)",
                    ]))))
                }
            }
        } else if let Some(n) = v.as_f64() {
            // non-negative finite numbers to their integer part, like the JSON reader
            Value::Num(if (0.0..18_446_744_073_709_551_616.0).contains(&n) {
                Some(n as u64)
            } else {
                None
            })
        } else if let Some(b) = v.as_bool() {
            Value::Bool(b)
        } else if Array::is_array(&v) {
            Value::Array
        } else {
            Value::Object
        };
        out.push((String::from(key), value));
    }
    Ok(Ok(out))
}

fn oauth_error_to_js(e: oauth::OAuthError) -> JsValue {
    let err = args::to_js(Error::auth(e.code, e.message));
    let opt = |s: Option<String>| s.map_or(JsValue::UNDEFINED, |s| JsValue::from_str(&s));
    let _ = Reflect::set(&err, &"error".into(), &JsValue::from_str(&e.error));
    let _ = Reflect::set(&err, &"errorDescription".into(), &opt(e.description));
    let _ = Reflect::set(&err, &"errorUri".into(), &opt(e.uri));
    err
}

/// Reads a token endpoint answer: the response text, or the object `response.json()`
/// gave. Returns `{ accessToken, tokenType, expiresAt? (ms: now + expires_in * 1000),
/// refreshToken?, scope (array; [] when the server did not say), idToken? }`. An RFC 6749
/// §5.2 error body throws an `AuthsmithError` whose code names the error
/// (`ERR_OAUTH_INVALID_GRANT`, …, `ERR_OAUTH_ERROR` for other codes) with `error`,
/// `errorDescription` and `errorUri`; a body that is not JSON, lacks `access_token` or
/// `token_type`, or has a wrong-typed member is `ERR_INVALID_TOKEN_RESPONSE`.
#[wasm_bindgen(js_name = parseTokenResponse, unchecked_return_type = "TokenSet & { scope: string[] }")]
pub fn parse_token_response(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseTokenResponseOptions")] options: Option<
        Object,
    >,
) -> JsResult<Object> {
    let o = args::options(&opts(options), "options", &["now"])?;
    let now = args::now_ms(args::get_opt(o.as_ref(), "now")?, "options.now")?;
    let result = if body.is_string() {
        let text = Zeroizing::new(args::string(&body, "body")?);
        oauth::parse_token_response_text(&text, now)
    } else if body.is_null()
        || Array::is_array(&body)
        || body.as_f64().is_some()
        || body.as_bool().is_some()
    {
        // what response.json() gives for a JSON body that is not an object
        Err(invalid_response("the body is JSON but not an object"))
    } else if !body.is_object()
        || body.is_function()
        || body.is_instance_of::<Uint8Array>()
        || body.is_instance_of::<ArrayBuffer>()
        || args::get(body.unchecked_ref(), "then")?.is_function()
        || args::get(body.unchecked_ref(), "json")?.is_function()
    {
        return Err(type_error(
            "body must be the response text (await response.text()) or the object await response.json() gives",
        ));
    } else {
        match members_of(body.unchecked_ref())? {
            Ok(members) => oauth::parse_token_response(&members, now),
            Err(e) => Err(e),
        }
    };
    let t = match result {
        Ok(t) => t,
        Err(ResponseError::OAuth(e)) => return Err(oauth_error_to_js(e)),
        Err(ResponseError::Other(e)) => return Err(args::to_js(e)),
    };
    let access = Zeroizing::new(t.access_token);
    let refresh = t.refresh_token.map(Zeroizing::new);
    let mut fields: Vec<(&str, JsValue)> = alloc::vec![
        ("accessToken", JsValue::from_str(&access)),
        ("tokenType", JsValue::from_str(&t.token_type)),
    ];
    if let Some(at) = t.expires_at {
        fields.push(("expiresAt", JsValue::from_f64(at as f64)));
    }
    if let Some(r) = &refresh {
        fields.push(("refreshToken", JsValue::from_str(r)));
    }
    fields.push(("scope", string_array(&t.scope).into()));
    if let Some(id) = &t.id_token {
        fields.push(("idToken", JsValue::from_str(id)));
    }
    Ok(args::record(fields))
}

/// Reads the authorization response (RFC 6749 §4.1.2) from the URL the authorization
/// server redirected to: the whole URL, a path with its query (Node's `req.url`), or the
/// query alone starting with `?`. Only the query is read, decoded as `URLSearchParams`
/// does (`+` is a space, an invalid `%` escape stays as it is); the fragment never is.
/// Checks, in this order: `state` present once and equal to `options.state` in constant
/// time (`ERR_STATE_MISMATCH`, before anything else the response says, so a forged
/// callback cannot show its own error); no parameter twice (`ERR_MALFORMED_CALLBACK`);
/// with `options.issuer`, `iss` present and equal (RFC 9207, `ERR_ISSUER_MISMATCH`, error
/// responses included); an `error` throws an `AuthsmithError` with `error`,
/// `errorDescription` and `errorUri` (`ERR_OAUTH_ACCESS_DENIED`,
/// `ERR_OAUTH_INVALID_REQUEST`, `ERR_OAUTH_UNAUTHORIZED_CLIENT`, `ERR_OAUTH_INVALID_SCOPE`,
/// else `ERR_OAUTH_ERROR`); then `code` must be there and printable ASCII
/// (`ERR_MALFORMED_CALLBACK`). Returns `{ code, state, iss? }`; no error message holds the
/// code or a state.
#[wasm_bindgen(js_name = parseAuthorizationCallback, unchecked_return_type = "AuthorizationCallback")]
pub fn parse_authorization_callback(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseAuthorizationCallbackOptions")] options: JsValue,
) -> JsResult<Object> {
    let o = args::object(&options, "options", &["state", "issuer"])?;
    let expected = Zeroizing::new(args::req_string(&o, "state", "options.state")?);
    let issuer = args::opt_string(Some(&o), "issuer", "options.issuer")?;
    let url = Zeroizing::new(args::string(&url, "url")?);
    let cb = match oauth::callback::parse_authorization_callback(&url, &expected, issuer.as_deref())
    {
        Ok(cb) => cb,
        Err(ResponseError::OAuth(e)) => return Err(oauth_error_to_js(e)),
        Err(ResponseError::Other(e)) => return Err(args::to_js(e)),
    };
    let code = Zeroizing::new(cb.code);
    let mut fields: Vec<(&str, JsValue)> = alloc::vec![
        ("code", JsValue::from_str(&code)),
        ("state", JsValue::from_str(&cb.state)),
    ];
    if let Some(iss) = &cb.iss {
        fields.push(("iss", JsValue::from_str(iss)));
    }
    Ok(args::record(fields))
}

/// Whether `tokenSet` should be refreshed now: `now + skewSec * 1000 >= expiresAt`
/// (`skewSec` default 60, so a token is refreshed a minute before it expires). A token
/// set without `expiresAt` never needs a timed refresh (`false`: only a 401 tells) —
/// unless `useJwtExp: true` says the access token is a JWT (a bearer JWT configured by
/// hand, e.g. BJET's seed token): then its `exp` (read unverified, as `jwtExpiresAt`) is
/// the expiry; a token that is not a JWT is then `ERR_JWT_MALFORMED` (never a guess),
/// one without `exp` never needs a timed refresh. `expiresAt`, when present, wins.
#[wasm_bindgen(js_name = needsRefresh)]
pub fn needs_refresh(
    #[wasm_bindgen(js_name = tokenSet, unchecked_param_type = "TokenSet")] token_set: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "NeedsRefreshOptions")] options: Option<Object>,
) -> JsResult<bool> {
    let ts = args::object(
        &token_set,
        "tokenSet",
        &[
            "accessToken",
            "tokenType",
            "expiresAt",
            "refreshToken",
            "scope",
            "idToken",
        ],
    )?;
    args::req_string(&ts, "accessToken", "tokenSet.accessToken")?;
    let mut expires_at = args::opt_uint(Some(&ts), "expiresAt", "tokenSet.expiresAt")?;
    let o = args::options(&opts(options), "options", &["now", "skewSec", "useJwtExp"])?;
    let use_jwt = match args::get_opt(o.as_ref(), "useJwtExp")? {
        None => false,
        Some(v) => v
            .as_bool()
            .ok_or_else(|| type_error("options.useJwtExp must be a boolean"))?,
    };
    if use_jwt && expires_at.is_none() {
        let token = Zeroizing::new(args::req_string(
            &ts,
            "accessToken",
            "tokenSet.accessToken",
        )?);
        expires_at = authsmith_core::jwt::expires_at(&token)
            .map_err(args::jwt_to_js)?
            // ms as an integer: a fraction rounds down (refresh a little earlier), a
            // negative exp is 0, a huge one u64::MAX
            .map(|exp| exp.floor_ms());
    }
    let now = args::now_ms(args::get_opt(o.as_ref(), "now")?, "options.now")?;
    let skew = args::opt_uint(o.as_ref(), "skewSec", "options.skewSec")?.unwrap_or(60);
    Ok(oauth::needs_refresh(expires_at, now, skew))
}

/// Scope tokens from a space-separated string or an array (whose items may hold several
/// space-separated scopes): extra spaces ignored, duplicates removed in first-seen order.
/// A character outside RFC 6749 §3.3's set (`%x21 / %x23-5B / %x5D-7E`) is
/// `ERR_INVALID_SCOPE`.
#[wasm_bindgen(js_name = parseScopes, unchecked_return_type = "string[]")]
pub fn parse_scopes(
    #[wasm_bindgen(unchecked_param_type = "Scopes")] scope: JsValue,
) -> JsResult<Array> {
    Ok(string_array(&scopes(&scope, "scope")?))
}

/// Whether every scope in `required` is in `granted` (exact, case-sensitive).
#[wasm_bindgen(js_name = hasScopes)]
pub fn has_scopes(
    #[wasm_bindgen(unchecked_param_type = "Scopes")] granted: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scopes")] required: JsValue,
) -> JsResult<bool> {
    let g = scopes(&granted, "granted")?;
    let r = scopes(&required, "required")?;
    Ok(oauth::missing_scopes(&g, &r).is_empty())
}

/// The scopes of `required` missing from `granted` (exact, case-sensitive), in the order
/// of `required`, without duplicates.
#[wasm_bindgen(js_name = missingScopes, unchecked_return_type = "string[]")]
pub fn missing_scopes(
    #[wasm_bindgen(unchecked_param_type = "Scopes")] granted: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scopes")] required: JsValue,
) -> JsResult<Array> {
    let g = scopes(&granted, "granted")?;
    let r = scopes(&required, "required")?;
    Ok(string_array(&oauth::missing_scopes(&g, &r)))
}
