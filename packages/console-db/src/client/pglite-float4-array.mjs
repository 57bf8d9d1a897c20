// float4[] parameters in PostgreSQL's binary format, for vectors written to pgvector on PGlite.
// A vector sent as text (`[0.0123…,…]`, ~8 KB for 384 dimensions) is walked character by
// character by PGlite's protocol writer and parsed number by number (strtof) in WebAssembly; as
// a binary float4[] (`$1::real[]::vector`) it is 1.5 KB copied as it is: ~10x less time per
// vector on a 3,000-vector insert. Only a Float32Array takes this path; any other value keeps
// PGlite's own text serializer for float4[]. Plain JavaScript (types in pglite-float4-array.d.mts):
// the in-process client and the PGlite worker (pglite-worker.mjs) share it.
const FLOAT4_OID = 700;
const FLOAT4_ARRAY_OID = 1021;

/** array_recv's input: ndim, has-nulls flag, element type, then length and lower bound, then (length, value) per element; big-endian. */
export function encodeFloat4ArrayBinary(values) {
  const view = new DataView(new ArrayBuffer(20 + 8 * values.length));
  view.setInt32(0, 1);
  view.setInt32(4, 0);
  view.setInt32(8, FLOAT4_OID);
  view.setInt32(12, values.length);
  view.setInt32(16, 1);
  for (let i = 0, at = 20; i < values.length; i++, at += 8) {
    view.setInt32(at, 4);
    view.setFloat32(at + 4, values[i]);
  }
  return new Uint8Array(view.buffer);
}

/**
 * Sends Float32Array values of float4[] parameters in binary. Call it once the client is ready:
 * PGlite installs its array serializers while it starts, replacing any passed to create().
 */
export function installFloat4ArrayBinary(client) {
  const text = client.serializers[FLOAT4_ARRAY_OID];
  client.serializers[FLOAT4_ARRAY_OID] = (value) => (value instanceof Float32Array ? encodeFloat4ArrayBinary(value) : text ? text(value) : String(value));
}
