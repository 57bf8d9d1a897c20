import type { Client } from "@notionhq/client";
import { toNotionConnectorError } from "./errors";

type Ref = { kind: "page" | "database" | "block"; id: string } | null;
export interface ParentLike {
  type: string;
  page_id?: string;
  database_id?: string;
  block_id?: string;
}

export function parentRef(parent: ParentLike): Ref {
  if (parent.type === "page_id" && parent.page_id) return { kind: "page", id: parent.page_id };
  if ((parent.type === "data_source_id" || parent.type === "database_id") && parent.database_id) return { kind: "database", id: parent.database_id };
  if (parent.type === "block_id" && parent.block_id) return { kind: "block", id: parent.block_id };
  return null;
}

/**
 * Whether a page lies under one of the root pages, by walking its parents (page, database or
 * block). Parents already seen cost nothing; an unknown one costs one retrieve, then is cached.
 */
export class NotionAncestry {
  private readonly parents = new Map<string, Ref>();

  constructor(
    private readonly client: Client,
    private readonly roots: ReadonlySet<string>,
  ) {}

  remember(id: string, parent: ParentLike): void {
    this.parents.set(id, parentRef(parent));
  }

  async within(id: string, parent: ParentLike): Promise<boolean> {
    if (this.roots.has(id)) return true;
    let ref = parentRef(parent);
    for (let depth = 0; ref && depth < 64; depth++) {
      if (this.roots.has(ref.id)) return true;
      ref = await this.parentOf(ref);
    }
    return false;
  }

  private async parentOf(ref: NonNullable<Ref>): Promise<Ref> {
    const cached = this.parents.get(ref.id);
    if (cached !== undefined) return cached;
    try {
      const object =
        ref.kind === "page"
          ? await this.client.pages.retrieve({ page_id: ref.id })
          : ref.kind === "database"
            ? await this.client.databases.retrieve({ database_id: ref.id })
            : await this.client.blocks.retrieve({ block_id: ref.id });
      const parent = "parent" in object ? parentRef(object.parent as ParentLike) : null;
      this.parents.set(ref.id, parent);
      return parent;
    } catch (cause) {
      const error = toNotionConnectorError(cause);
      // A parent the integration cannot see is not under a (shared) root.
      if (error.code === "not_found") return null;
      throw error;
    }
  }
}
