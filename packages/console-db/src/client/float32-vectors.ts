import type { Db } from "../db-types";

const float32Dbs = new WeakSet<Db>();

/** Records that `db`'s client sends a Float32Array float4[] parameter in binary (installBinaryParameters). */
export function markFloat32Vectors(db: Db): void {
  float32Dbs.add(db);
}

/**
 * Whether vectors may go to `db` as Float32Array float4[] parameters (PGlite, binary) rather than
 * pgvector's text form, which postgres.js and any unmarked client receive.
 */
export function takesFloat32Vectors(db: Db): boolean {
  return float32Dbs.has(db);
}
