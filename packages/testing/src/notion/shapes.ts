import type { NotionBlockRecord, NotionDataSourceRecord, NotionPageRecord } from "./workspace";

// Notion API (2025-09-03) object shapes. Times are cut to the minute, as Notion's are.

const USER = { object: "user", id: "0c6a3b1e-0000-4000-8000-00000000f00d" };
export const minuteIso = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
const compact = (id: string) => id.replaceAll("-", "");

export function richText(content: string) {
  return [
    {
      type: "text",
      text: { content, link: null },
      annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" },
      plain_text: content,
      href: null,
    },
  ];
}

export function pageObject(page: NotionPageRecord, origin: string) {
  const titleName = page.parent.type === "data_source_id" ? "Name" : "title";
  return {
    object: "page",
    id: page.id,
    created_time: minuteIso(page.createdTime),
    last_edited_time: minuteIso(page.lastEditedTime),
    created_by: USER,
    last_edited_by: USER,
    cover: null,
    icon: null,
    parent: page.parent,
    archived: page.inTrash,
    in_trash: page.inTrash,
    is_locked: false,
    properties: { [titleName]: { id: "title", type: "title", title: richText(page.title) } },
    url: `${origin}/${page.title.replace(/\W+/g, "-")}-${compact(page.id)}`,
    public_url: null,
  };
}

export function dataSourceObject(ds: NotionDataSourceRecord, origin: string) {
  return {
    object: "data_source",
    id: ds.id,
    created_time: minuteIso(ds.createdTime),
    last_edited_time: minuteIso(ds.lastEditedTime),
    created_by: USER,
    last_edited_by: USER,
    title: richText(ds.title),
    description: [],
    icon: null,
    properties: { Name: { id: "title", name: "Name", type: "title", title: {} } },
    parent: { type: "database_id", database_id: ds.databaseId },
    database_parent: { type: "page_id", page_id: ds.parentPageId },
    archived: ds.inTrash,
    in_trash: ds.inTrash,
    is_inline: false,
    url: `${origin}/${compact(ds.databaseId)}`,
    public_url: null,
  };
}

export function blockObject(block: NotionBlockRecord, parentId: string, page: NotionPageRecord) {
  const base = {
    object: "block",
    id: block.id,
    parent: { type: "page_id", page_id: parentId },
    created_time: minuteIso(page.createdTime),
    last_edited_time: minuteIso(page.lastEditedTime),
    created_by: USER,
    last_edited_by: USER,
    has_children: block.children.length > 0,
    archived: false,
    in_trash: false,
    type: block.type,
  };
  switch (block.type) {
    case "child_page":
    case "child_database":
      return { ...base, has_children: block.type === "child_page", [block.type]: { title: block.text } };
    case "divider":
      return { ...base, divider: {} };
    case "code":
      return { ...base, code: { rich_text: richText(block.text), language: block.language ?? "plain text", caption: [] } };
    case "to_do":
      return { ...base, to_do: { rich_text: richText(block.text), checked: block.checked ?? false, color: "default" } };
    case "callout":
      return { ...base, callout: { rich_text: richText(block.text), icon: null, color: "default" } };
    case "heading_1":
    case "heading_2":
    case "heading_3":
      return { ...base, [block.type]: { rich_text: richText(block.text), is_toggleable: false, color: "default" } };
    default:
      return { ...base, [block.type]: { rich_text: richText(block.text), color: "default" } };
  }
}

export function notionError(status: number, code: string, message: string) {
  return { status, body: { object: "error", status, code, message, request_id: "fake-request-id" } };
}
