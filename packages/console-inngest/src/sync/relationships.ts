import { insertColumns, schema } from "@repo/console-db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { runOnPool } from "../cpu/cpu-pool";
import { REPO_PATH_SEPARATOR } from "../cpu/repo-paths";
import { loadJobContext } from "./context";
import type { SyncDeps } from "./deps";
import { heartbeat, withLease } from "./lease";
import { timed } from "./stage-timings";

const GO_MOD = "go.mod";
/** Edges per statement (6 array parameters, whatever the count). */
const EDGES_PER_INSERT = 2000;
/** Documents whose edges are extracted in one task on the CPU pool and written in one transaction. */
const SLICE_DOCUMENTS = 200;
/** Slices extracted ahead of the one being written. */
const EXTRACTIONS_AHEAD = 2;

type EdgeRow = Omit<typeof schema.relationships.$inferInsert, "createdAt">;

/**
 * Replaces the edges of every document a job indexed, from the contents still staged for it.
 * Edges are keyed by document version (from_blob_sha), so a re-run writes the same rows.
 */
export function extractJobRelationships(deps: Pick<SyncDeps, "db" | "now" | "timing">, jobId: string): Promise<{ documents: number; edges: number }> {
  return timed("relationships", () => extractEdgesOfJob(deps, jobId));
}

async function extractEdgesOfJob(deps: Pick<SyncDeps, "db" | "now" | "timing">, jobId: string): Promise<{ documents: number; edges: number }> {
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
    return new Map(rows.map((r) => [r.sha, r.content]));
  };
  const goMod = indexed.find((d) => d.path === GO_MOD);
  const goModContent = goMod ? (await contentOf([goMod.sha])).get(goMod.sha) : undefined;
  const goModulePath = goModContent ? /^module\s+(\S+)/m.exec(new TextDecoder().decode(goModContent))?.[1] : undefined;
  const repo = source.provider === "github" && source.owner ? { owner: source.owner, name: source.name } : undefined;
  const joinedPaths = [...repoPaths].join(REPO_PATH_SEPARATOR);

  // The regular expressions run on the CPU pool's worker (extractEdges), not on the thread that
  // owns the database: the next slice's edges are extracted there while this slice's are written.
  const extract = async (slice: typeof indexed): Promise<EdgeRow[]> => {
    const contents = await contentOf([...new Set(slice.map((d) => d.sha))]);
    const files = slice.flatMap((doc) => {
      const content = contents.get(doc.sha);
      return content === undefined ? [] : [{ doc, content }];
    });
    const input = {
      files: files.map(({ doc, content }) => ({ path: doc.path, content })),
      repoPaths: joinedPaths,
      ...(repo ? { repo } : {}),
      ...(goModulePath ? { goModulePath } : {}),
    };
    const found = await runOnPool(
      "extractEdges",
      input,
      files.map(({ content }) => content.byteLength),
    );
    return files.flatMap(({ doc }, i) =>
      found[i]!.map((edge) => ({
        sourceId: source.id,
        fromPath: doc.path,
        fromBlobSha: doc.sha,
        kind: edge.kind,
        target: edge.target,
        targetPath: edge.targetPath ?? null,
      })),
    );
  };

  const slices: Array<typeof indexed> = [];
  for (let i = 0; i < indexed.length; i += SLICE_DOCUMENTS) slices.push(indexed.slice(i, i + SLICE_DOCUMENTS));
  // Up to EXTRACTIONS_AHEAD slices are on the worker while this thread writes the oldest one's
  // edges: with one, the worker waited on every write and each thread was busy ~half the time.
  const pending: Array<Promise<EdgeRow[]>> = [];
  const start = (s: number) => {
    const extraction = extract(slices[s]!);
    // Awaited in turn; a failed write must not leave the later ones' rejections unhandled.
    extraction.catch(() => {});
    pending.push(extraction);
  };
  for (let s = 0; s < Math.min(EXTRACTIONS_AHEAD, slices.length); s++) start(s);
  let edges = 0;
  for (const [s, slice] of slices.entries()) {
    const rows = await pending.shift()!;
    if (s + EXTRACTIONS_AHEAD < slices.length) start(s + EXTRACTIONS_AHEAD);
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
      for (let j = 0; j < rows.length; j += EDGES_PER_INSERT) await tx.execute(insertEdges(rows.slice(j, j + EDGES_PER_INSERT)));
    });
    edges += rows.length;
  }
  return { documents: indexed.length, edges };
}

const EDGE_COLUMNS = { source_id: "text", from_path: "text", from_blob_sha: "text", kind: "text", target: "text", target_path: "text" } as const;

/** The edges as one insert; an edge a document already has (same kind and target) is kept once. */
function insertEdges(rows: readonly EdgeRow[]) {
  const values = rows.map((r) => ({
    source_id: r.sourceId,
    from_path: r.fromPath,
    from_blob_sha: r.fromBlobSha,
    kind: r.kind,
    target: r.target,
    target_path: r.targetPath,
  }));
  return sql`${insertColumns(schema.relationships, EDGE_COLUMNS, values)} on conflict do nothing`;
}
