// bytea in PGlite's text protocol, done natively. PGlite's own serializer builds the hex string
// one byte at a time (`Array.from(bytes).map(…)`) and its parser calls parseInt per byte: on a
// 3,000-file sync, whose staged contents and cached embeddings are bytea, that was the largest
// single JavaScript cost of the job (~7 s of 104 s CPU in a profile). Buffer's hex codec is native.
// Plain JavaScript (types in pglite-bytea.d.mts): the in-process client and the PGlite worker
// (pglite-worker.mjs, which starts without a TypeScript loader) share this one codec.
const BYTEA_OID = 17;

export function serializeBytea(value) {
  if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
}

export function parseBytea(text) {
  // bytea_output = 'hex' (the default): "\x" then two digits a byte.
  if (!text.startsWith("\\x")) return parseEscapeFormat(text);
  const out = new Uint8Array((text.length - 2) >>> 1);
  Buffer.from(out.buffer, out.byteOffset, out.byteLength).write(text.slice(2), "hex");
  return out;
}

// bytea_output = 'escape': printable bytes as themselves, `\\` for a backslash, `\ooo` octal otherwise.
function parseEscapeFormat(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") bytes.push(text.charCodeAt(i));
    else if (text[i + 1] === "\\") bytes.push(0x5c), (i += 1);
    else bytes.push(Number.parseInt(text.slice(i + 1, i + 4), 8)), (i += 3);
  }
  return Uint8Array.from(bytes);
}

export const byteaSerializers = { [BYTEA_OID]: serializeBytea };
export const byteaParsers = { [BYTEA_OID]: parseBytea };
