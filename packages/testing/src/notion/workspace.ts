import { randomUUID } from "node:crypto";
import { MonotonicClock } from "../http/monotonic-clock";

export type NotionBlockType =
  | "paragraph"
  | "heading_1"
  | "heading_2"
  | "heading_3"
  | "bulleted_list_item"
  | "numbered_list_item"
  | "to_do"
  | "quote"
  | "code"
  | "toggle"
  | "callout"
  | "divider";

export interface NotionBlockRecord {
  id: string;
  type: NotionBlockType | "child_page" | "child_database";
  text: string;
  children: NotionBlockRecord[];
  checked?: boolean;
  language?: string;
  /** For child_page / child_database blocks: the page or database they stand for. */
  targetId?: string;
}

export type NotionParent =
  | { type: "workspace" }
  | { type: "page_id"; page_id: string }
  | { type: "data_source_id"; data_source_id: string; database_id: string };

export interface NotionPageRecord {
  id: string;
  title: string;
  parent: NotionParent;
  createdTime: number;
  lastEditedTime: number;
  inTrash: boolean;
  /** False: Notion's search index misses this page (it is still reachable from its parent). */
  searchable: boolean;
  blocks: NotionBlockRecord[];
}

export interface NotionDataSourceRecord {
  id: string;
  databaseId: string;
  title: string;
  parentPageId: string;
  createdTime: number;
  lastEditedTime: number;
  inTrash: boolean;
}

export interface NotionSeed {
  /** Top-level pages (parent: workspace); the rest nest under them. */
  roots?: number;
  pages: number;
  /** Paragraph blocks per page; every 25th page also gets a long list (past one page of 100) and a nested toggle. */
  blocksPerPage?: number;
  /** Pages inside one database (a data source). */
  databasePages?: number;
  /** Clock advance between seeded pages. */
  spacingMs?: number;
}

/** The in-memory Notion workspace the fake serves; a test edits it between syncs. */
export class NotionWorkspace extends MonotonicClock {
  readonly pages = new Map<string, NotionPageRecord>();
  readonly dataSources = new Map<string, NotionDataSourceRecord>();

  seed(seed: NotionSeed): { roots: NotionPageRecord[]; dataSource?: NotionDataSourceRecord } {
    const roots: NotionPageRecord[] = [];
    const blocks = seed.blocksPerPage ?? 3;
    for (let r = 0; r < (seed.roots ?? 1); r++) roots.push(this.addPage({ type: "workspace" }, `Root ${r + 1}`, this.paragraphs(`root ${r + 1}`, blocks)));
    for (let i = 0; i < seed.pages; i++) {
      this.advance(seed.spacingMs ?? 0);
      const parent = roots[i % roots.length]!;
      const content = this.paragraphs(`page ${i + 1}`, blocks);
      if (i % 25 === 0)
        content.push(
          ...this.longList(i),
          this.block("toggle", `Details of page ${i + 1}`, [
            this.block("paragraph", `Nested detail of page ${i + 1}`, [this.block("bulleted_list_item", `Deep item of page ${i + 1}`)]),
          ]),
        );
      this.addPage({ type: "page_id", page_id: parent.id }, `Page ${i + 1}`, content);
    }
    let dataSource: NotionDataSourceRecord | undefined;
    if (seed.databasePages) {
      dataSource = this.addDataSource(roots[0]!.id, "Tasks");
      for (let i = 0; i < seed.databasePages; i++) {
        this.advance(seed.spacingMs ?? 0);
        this.addPage(
          { type: "data_source_id", data_source_id: dataSource.id, database_id: dataSource.databaseId },
          `Task ${i + 1}`,
          this.paragraphs(`task ${i + 1}`, 2),
        );
      }
    }
    return { roots, dataSource };
  }

  block(type: NotionBlockRecord["type"], text: string, children: NotionBlockRecord[] = []): NotionBlockRecord {
    return { id: randomUUID(), type, text, children, ...(type === "code" ? { language: "typescript" } : {}), ...(type === "to_do" ? { checked: false } : {}) };
  }

  addPage(parent: NotionParent, title: string, blocks: NotionBlockRecord[] = []): NotionPageRecord {
    const at = this.now();
    const page: NotionPageRecord = { id: randomUUID(), title, parent, createdTime: at, lastEditedTime: at, inTrash: false, searchable: true, blocks };
    this.pages.set(page.id, page);
    if (parent.type === "page_id") {
      // The parent's block list gained a child_page block: Notion counts that as an edit of the parent.
      const parentPage = this.mustPage(parent.page_id);
      parentPage.blocks.push({ id: page.id, type: "child_page", text: title, children: [], targetId: page.id });
      parentPage.lastEditedTime = at;
    }
    return page;
  }

  addDataSource(parentPageId: string, title: string): NotionDataSourceRecord {
    const at = this.now();
    const ds = { id: randomUUID(), databaseId: randomUUID(), title, parentPageId, createdTime: at, lastEditedTime: at, inTrash: false };
    this.dataSources.set(ds.id, ds);
    this.mustPage(parentPageId).blocks.push({ id: ds.databaseId, type: "child_database", text: title, children: [], targetId: ds.databaseId });
    return ds;
  }

  editPage(id: string, edit: { title?: string; appendParagraph?: string; replaceBlocks?: NotionBlockRecord[] }): NotionPageRecord {
    const page = this.mustPage(id);
    if (edit.title !== undefined) page.title = edit.title;
    if (edit.replaceBlocks) page.blocks = [...edit.replaceBlocks, ...page.blocks.filter((b) => b.type === "child_page" || b.type === "child_database")];
    if (edit.appendParagraph !== undefined) page.blocks.push(this.block("paragraph", edit.appendParagraph));
    page.lastEditedTime = this.now();
    return page;
  }

  trashPage(id: string): void {
    const page = this.mustPage(id);
    page.inTrash = true;
    page.lastEditedTime = this.now();
  }

  /** Pages the integration can read: not in the trash, nor under a trashed ancestor. */
  livePages(): NotionPageRecord[] {
    return [...this.pages.values()].filter((p) => !this.trashedWithAncestors(p));
  }

  trashedWithAncestors(page: NotionPageRecord): boolean {
    for (let p: NotionPageRecord | undefined = page; p; p = p.parent.type === "page_id" ? this.pages.get(p.parent.page_id) : undefined)
      if (p.inTrash) return true;
    return false;
  }

  mustPage(id: string): NotionPageRecord {
    const page = this.pages.get(id);
    if (!page) throw new Error(`no such page in the fake Notion workspace: ${id}`);
    return page;
  }

  private paragraphs(label: string, count: number): NotionBlockRecord[] {
    const kinds: NotionBlockType[] = ["heading_2", "paragraph", "bulleted_list_item", "to_do", "code", "quote"];
    return Array.from({ length: count }, (_, i) => this.block(i === 0 ? "heading_1" : kinds[i % kinds.length]!, `Text ${i + 1} of ${label}`));
  }

  private longList(i: number): NotionBlockRecord[] {
    return Array.from({ length: 120 }, (_, n) => this.block("numbered_list_item", `Step ${n + 1} of page ${i + 1}`));
  }
}
