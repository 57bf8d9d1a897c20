import { createHash } from "node:crypto";
import type { NotionBlock } from "./markdown";

/**
 * Top-level blocks a crawl read while planning, handed to the staging of the same sync: planning
 * and staging build their own connectors, and without this every crawled page's blocks were read
 * twice. An entry is keyed by the integration (a token fingerprint), the page and its version
 * (`last_edited_time`), so a page edited since is read again; staging takes an entry once. Bounded:
 * when full, the oldest entries go (a miss only costs the read it would have cost anyway). Held in
 * memory by one runtime; where planning and staging run in different processes, nothing is shared
 * and content is read as before.
 */
export class NotionBlockCache {
  private readonly entries = new Map<string, NotionBlock[]>();

  constructor(private readonly maxPages = 5_000) {}

  put(auth: string, pageId: string, version: string, blocks: NotionBlock[]): void {
    const key = keyOf(auth, pageId, version);
    this.entries.delete(key);
    this.entries.set(key, blocks);
    while (this.entries.size > this.maxPages) this.entries.delete(this.entries.keys().next().value!);
  }

  take(auth: string, pageId: string, version: string): NotionBlock[] | undefined {
    const key = keyOf(auth, pageId, version);
    const blocks = this.entries.get(key);
    this.entries.delete(key);
    return blocks;
  }

  get size(): number {
    return this.entries.size;
  }
}

const keyOf = (auth: string, pageId: string, version: string) => `${createHash("sha256").update(auth).digest("hex").slice(0, 16)}:${pageId}:${version}`;
