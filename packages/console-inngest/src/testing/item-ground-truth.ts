import { chunkDocument } from "@repo/console-chunking";
import { redactSecrets } from "@repo/console-github";
import { vectorId, type ItemConnector } from "@repo/console-types";

/**
 * The vector ids a correct index holds for an item source, computed from a fresh connector's full
 * listing of the fake (its Markdown rendering is the connector's contract, tested against the
 * fake's data in console-sources) and the chunker — not through any workflow code under test.
 * Returns the listed external ids too, so a test can check them against the fake's own records.
 */
export async function expectedItemVectorIds(connector: ItemConnector, sourceId: string): Promise<{ ids: Set<string>; externalIds: string[] }> {
  const listing = await connector.listChanges(null);
  const ids = new Set<string>();
  for await (const content of connector.fetchContent(listing.upserts)) {
    if (content.status !== "ok") continue;
    const chunks = await chunkDocument({ path: content.item.path, text: redactSecrets(content.text).text }, { maxTokens: 512, overlapTokens: 0 });
    const seen = new Map<string, number>();
    for (const chunk of chunks) {
      const n = seen.get(chunk.hash) ?? 0;
      seen.set(chunk.hash, n + 1);
      ids.add(vectorId(sourceId, content.item.path, chunk.hash, n));
    }
  }
  return { ids, externalIds: listing.upserts.map((u) => u.externalId).sort() };
}
