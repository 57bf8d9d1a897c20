import { schema } from "@repo/console-db";
import { and, eq, inArray } from "drizzle-orm";
import { extractRelationships } from "@repo/console-relationships";
import { loadJobContext } from "./context";
import type { SyncDeps } from "./deps";
import { heartbeat, withLease } from "./lease";

const GO_MOD = "go.mod";

/**
 * Replaces the edges of every document a job indexed, from the contents still staged for it.
 * Edges are keyed by document version (from_blob_sha), so a re-run writes the same rows.
 */
export async function extractJobRelationships(deps: Pick<SyncDeps, "db" | "now" | "timing">, jobId: string): Promise<{ documents: number; edges: number }> {
  const { db } = deps;
  await heartbeat(deps, jobId);
  const { source } = await loadJobContext(db, jobId);
  const indexed = await db
    .select({ path: schema.documents.path, sha: schema.documents.blobSha })
    .from(schema.syncJobFiles)
    .innerJoin(schema.documents, and(eq(schema.documents.sourceId, source.id), eq(schema.documents.path, schema.syncJobFiles.path)))
    .where(and(eq(schema.syncJobFiles.jobId, jobId), eq(schema.syncJobFiles.outcome, "indexed")));
  if (indexed.length === 0) return { documents: 0, edges: 0 };

  const repoPaths = new Set(
    (await db.select({ path: schema.documents.path }).from(schema.documents).where(eq(schema.documents.sourceId, source.id))).map((r) => r.path),
  );
  const contentOf = async (shas: string[]) => {
    const rows = await db
      .select({ sha: schema.blobStaging.sha, content: schema.blobStaging.content })
      .from(schema.blobStaging)
      .where(and(eq(schema.blobStaging.jobId, jobId), inArray(schema.blobStaging.sha, shas)));
    return new Map(rows.map((r) => [r.sha, new TextDecoder().decode(r.content)]));
  };
  const goMod = indexed.find((d) => d.path === GO_MOD);
  const goModulePath = goMod ? /^module\s+(\S+)/m.exec((await contentOf([goMod.sha])).get(goMod.sha) ?? "")?.[1] : undefined;
  const repo = source.provider === "github" && source.owner ? { owner: source.owner, name: source.name } : undefined;

  let edges = 0;
  for (let i = 0; i < indexed.length; i += 200) {
    const slice = indexed.slice(i, i + 200);
    const contents = await contentOf([...new Set(slice.map((d) => d.sha))]);
    const rows = slice.flatMap((doc) => {
      const text = contents.get(doc.sha);
      if (text === undefined) return [];
      return extractRelationships({ path: doc.path, text, repoPaths, ...(repo ? { repo } : {}), ...(goModulePath ? { goModulePath } : {}) }).map((edge) => ({
        sourceId: source.id,
        fromPath: doc.path,
        fromBlobSha: doc.sha,
        kind: edge.kind,
        target: edge.target,
        targetPath: edge.targetPath ?? null,
      }));
    });
    await withLease(db, jobId, async (tx) => {
      await tx.delete(schema.relationships).where(
        and(
          eq(schema.relationships.sourceId, source.id),
          inArray(
            schema.relationships.fromPath,
            slice.map((d) => d.path),
          ),
        ),
      );
      for (let j = 0; j < rows.length; j += 500)
        await tx
          .insert(schema.relationships)
          .values(rows.slice(j, j + 500))
          .onConflictDoNothing();
    });
    edges += rows.length;
  }
  return { documents: indexed.length, edges };
}
