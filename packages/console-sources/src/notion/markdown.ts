// Notion blocks as Markdown. Unknown block types keep their plain text, so nothing readable is lost.

export interface RichText {
  plain_text: string;
  href?: string | null;
  annotations?: { bold?: boolean; italic?: boolean; code?: boolean; strikethrough?: boolean };
}
export interface NotionBlock {
  id: string;
  type: string;
  has_children: boolean;
  [key: string]: unknown;
}
/** A block with its children already fetched (page-wise, by the connector). */
export interface BlockTree {
  block: NotionBlock;
  children: BlockTree[];
}

export function richTextToMarkdown(texts: readonly RichText[] | undefined): string {
  return (texts ?? [])
    .map((t) => {
      let s = t.plain_text;
      if (!s) return "";
      if (t.annotations?.code) s = `\`${s}\``;
      if (t.annotations?.bold) s = `**${s}**`;
      if (t.annotations?.italic) s = `*${s}*`;
      if (t.annotations?.strikethrough) s = `~~${s}~~`;
      return t.href ? `[${s}](${t.href})` : s;
    })
    .join("");
}

function blockText(block: NotionBlock): string {
  const body = block[block.type] as { rich_text?: RichText[]; title?: string } | undefined;
  return body?.rich_text ? richTextToMarkdown(body.rich_text) : (body?.title ?? "");
}

const LIST_ITEMS = new Set(["bulleted_list_item", "numbered_list_item", "to_do", "child_page", "child_database"]);

function blockLine(block: NotionBlock, text: string, indent: string, number: number): string | undefined {
  switch (block.type) {
    case "heading_1":
      return `${indent}## ${text}`; // the page title is the only h1
    case "heading_2":
      return `${indent}### ${text}`;
    case "heading_3":
      return `${indent}#### ${text}`;
    case "bulleted_list_item":
      return `${indent}- ${text}`;
    case "numbered_list_item":
      return `${indent}${number}. ${text}`;
    case "to_do":
      return `${indent}- [${(block.to_do as { checked?: boolean }).checked ? "x" : " "}] ${text}`;
    case "quote":
    case "callout":
      return `${indent}> ${text}`;
    case "divider":
      return `${indent}---`;
    case "code":
      return `${indent}\`\`\`${(block.code as { language?: string }).language ?? ""}\n${text}\n${indent}\`\`\``;
    case "child_page":
      return `${indent}- Subpage: ${text}`;
    case "child_database":
      return `${indent}- Database: ${text}`;
    default:
      return text ? `${indent}${text}` : undefined;
  }
}

/** Blocks as Markdown: list items on consecutive lines, other blocks as paragraphs (blank line between). */
export function blocksToMarkdown(trees: readonly BlockTree[], depth = 0): string {
  const indent = "  ".repeat(depth);
  let out = "";
  let number = 0;
  let previousWasListItem = false;
  for (const { block, children } of trees) {
    number = block.type === "numbered_list_item" ? number + 1 : 0;
    const line = blockLine(block, blockText(block), indent, number);
    const nested = children.length > 0 ? blocksToMarkdown(children, depth + 1) : "";
    const isListItem = LIST_ITEMS.has(block.type);
    const piece = [line, nested].filter(Boolean).join(isListItem ? "\n" : "\n\n");
    if (!piece) continue;
    out += out ? (isListItem && previousWasListItem ? "\n" : "\n\n") + piece : piece;
    previousWasListItem = isListItem;
  }
  return out;
}

export function pageMarkdown(title: string, trees: readonly BlockTree[]): string {
  const body = blocksToMarkdown(trees);
  return `# ${title}\n${body ? `\n${body}\n` : ""}`;
}
