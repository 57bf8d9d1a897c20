import { schema, type Db } from "@repo/console-db";
import { and, inArray, isNotNull } from "drizzle-orm";

/** Adds the item's link (Linear issue, Notion page…) to each hit whose document has one; one query. */
export async function withItemUrls<T extends { sourceId: string; path: string }>(db: Db, hits: T[]): Promise<Array<T & { url?: string }>> {
  if (hits.length === 0) return hits;
  const rows = await db
    .select({ sourceId: schema.documents.sourceId, path: schema.documents.path, url: schema.documents.url })
    .from(schema.documents)
    .where(
      and(
        inArray(schema.documents.sourceId, [...new Set(hits.map((h) => h.sourceId))]),
        inArray(
          schema.documents.path,
          hits.map((h) => h.path),
        ),
        isNotNull(schema.documents.url),
      ),
    );
  const urls = new Map(rows.map((r) => [`${r.sourceId}\0${r.path}`, r.url!]));
  return hits.map((hit) => {
    const url = urls.get(`${hit.sourceId}\0${hit.path}`);
    return url ? { ...hit, url } : hit;
  });
}
