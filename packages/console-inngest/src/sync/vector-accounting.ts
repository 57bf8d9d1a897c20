import { documentKey } from "@repo/console-types";
import { vectorIdsOf } from "./index-batch";

export interface ManifestEntry {
  path: string;
  sha: string;
  outcome: string;
  chunkHashes: string[];
}

export interface VectorAccount {
  /** Ids the manifest's indexed documents account for, with the document each belongs to. */
  expected: Map<string, { path: string; sha: string }>;
  /** Stored ids nothing accounts for. */
  orphans: string[];
}

/**
 * Compares stored vector ids with what the manifest accounts for. A failed document keeps
 * whatever vectors its last good version left (search still finds it), so they are not orphans.
 */
export function accountVectors(sourceId: string, manifest: readonly ManifestEntry[], stored: Iterable<string>): VectorAccount {
  const expected = new Map<string, { path: string; sha: string }>();
  const keptPrefixes = new Set<string>();
  for (const doc of manifest) {
    if (doc.outcome === "failed") keptPrefixes.add(`${sourceId}:${documentKey(doc.path)}:`);
    if (doc.outcome !== "indexed") continue;
    for (const id of vectorIdsOf(sourceId, { file: { path: doc.path }, chunks: doc.chunkHashes.map((hash) => ({ hash })) })) expected.set(id, doc);
  }
  const documentPrefix = (id: string) => id.slice(0, id.indexOf(":", sourceId.length + 1) + 1);
  const orphans = [...stored].filter((id) => !expected.has(id) && !keptPrefixes.has(documentPrefix(id)));
  return { expected, orphans };
}
