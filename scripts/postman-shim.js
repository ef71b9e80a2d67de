// Injected by scripts/build-postman.mjs (esbuild `inject`) into the script build
// (pkg/postman.cjs): it stands in for the globals the wasm-bindgen glue uses and that
// the Postman sandboxes lack. Every name here is local to that file; no global is set.
//   WebAssembly  deleted by every Postman sandbox: the code is JS (wasm2js), so a
//                "module" is the asm function and an "instance" is what it returns.
//   TextEncoder, TextDecoder  missing in newman 6's sandbox (postman-sandbox 4.x): a
//                UTF-8 encoder/decoder with the WHATWG behaviour the glue relies on (a lone
//                surrogate encodes as U+FFFD, which the adapters then reject; invalid
//                bytes decode as U+FFFD; no BOM handling). The runtime's own is used where
//                it exists.
//   globalThis   hidden by both sandbox generations (the script scope shadows the name),
//                while the current one (postman-sandbox 6) does have `crypto` (Node's Web
//                Crypto). The glue reads only `globalThis.crypto`: this object answers
//                with the `crypto` in scope, else the real global's. Where there is none,
//                randomness functions throw ERR_NO_RANDOM; nothing falls back.

function WasmModule(instantiate) {
  this.instantiate = instantiate;
}

function WasmInstance(module, imports) {
  this.exports = module.instantiate(imports);
}

const WebAssemblyShim = { Module: WasmModule, Instance: WasmInstance };

class Utf8Encoder {
  get encoding() {
    return "utf-8";
  }

  encode(input = "") {
    const s = String(input);
    const out = new Uint8Array(s.length * 3);
    return out.slice(0, this.encodeInto(s, out).written);
  }

  encodeInto(input, dest) {
    const s = String(input);
    const n = s.length;
    let read = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      let units = 1;
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          units = 2;
        } else {
          c = 0xfffd;
        }
      }
      if (c < 0x80) {
        if (w + 1 > dest.length) break;
        dest[w++] = c;
      } else if (c < 0x800) {
        if (w + 2 > dest.length) break;
        dest[w++] = 0xc0 | (c >> 6);
        dest[w++] = 0x80 | (c & 63);
      } else if (c < 0x10000) {
        if (w + 3 > dest.length) break;
        dest[w++] = 0xe0 | (c >> 12);
        dest[w++] = 0x80 | ((c >> 6) & 63);
        dest[w++] = 0x80 | (c & 63);
      } else {
        if (w + 4 > dest.length) break;
        dest[w++] = 0xf0 | (c >> 18);
        dest[w++] = 0x80 | ((c >> 12) & 63);
        dest[w++] = 0x80 | ((c >> 6) & 63);
        dest[w++] = 0x80 | (c & 63);
      }
      read += units;
      i += units - 1;
    }
    return { read, written: w };
  }
}

class Utf8Decoder {
  get encoding() {
    return "utf-8";
  }

  // WHATWG UTF-8 decode (replacement mode): each maximal invalid subpart becomes U+FFFD.
  decode(input) {
    if (input === undefined) return "";
    const b = input instanceof Uint8Array ? input : new Uint8Array(input.buffer || input);
    const n = b.length;
    let units = [];
    let out = "";
    let i = 0;
    while (i < n) {
      const c = b[i];
      let cp = 0xfffd;
      let len = 1;
      if (c < 0x80) {
        cp = c;
      } else if (c >= 0xc2 && c <= 0xf4) {
        const need = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
        let lo = 0x80;
        let hi = 0xbf;
        if (c === 0xe0) lo = 0xa0;
        else if (c === 0xed) hi = 0x9f;
        else if (c === 0xf0) lo = 0x90;
        else if (c === 0xf4) hi = 0x8f;
        let v = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
        let k = 1;
        for (; k <= need; k++) {
          const d = i + k < n ? b[i + k] : -1;
          if (d < lo || d > hi) break;
          v = (v << 6) | (d & 63);
          lo = 0x80;
          hi = 0xbf;
        }
        if (k > need) cp = v;
        len = k;
      }
      i += len;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
      if (units.length >= 8192) {
        out += String.fromCharCode.apply(null, units);
        units = [];
      }
    }
    return out + String.fromCharCode.apply(null, units);
  }
}

const realGlobal = typeof globalThis === "object" && globalThis !== null ? globalThis : null;

const GlobalShim = Object.create(realGlobal, {
  crypto: {
    get() {
      if (typeof crypto === "object" && crypto !== null) return crypto;
      return realGlobal ? realGlobal.crypto : undefined;
    },
  },
});

const TextEncoderImpl = typeof TextEncoder === "function" ? TextEncoder : Utf8Encoder;
const TextDecoderImpl = typeof TextDecoder === "function" ? TextDecoder : Utf8Decoder;

export {
  WebAssemblyShim as WebAssembly,
  GlobalShim as globalThis,
  TextEncoderImpl as TextEncoder,
  TextDecoderImpl as TextDecoder,
  Utf8Encoder,
  Utf8Decoder,
};
