// Notion blocks as Markdown. Unknown block types keep their plain text, so nothing readable is lost.

export interface RichText { plain_text: string; href?: string | null; annotations?: { bold?: boolean; italic?: boolean; code?: boolean; strikethrough?: boolean } }
export interface NotionBlock {
  id: string;
  type: string;
  has_children: boolean;
  [key: string]: unknown;
}
/** A block with its children already fetched (page-wise, by the connector). */
export interface BlockTree { block: NotionBlock; children: BlockTree[] }

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

export function blocksToMarkdown(trees: readonly BlockTree[], depth = 0): string {
  const indent = "  ".repeat(depth);
  const lines: string[] = [];
  let number = 0;
  for (const { block, children } of trees) {
    number = block.type === "numbered_list_item" ? number + 1 : 0;
    const text = blockText(block);
    const nested = children.length > 0 ? blocksToMarkdown(children, depth + 1) : "";
    switch (block.type) {
      case "heading_1": lines.push(`${indent}## ${text}`); break; // the page title is the only h1
      case "heading_2": lines.push(`${indent}### ${text}`); break;
      case "heading_3": lines.push(`${indent}#### ${text}`); break;
      case "bulleted_list_item": lines.push(`${indent}- ${text}`); break;
      case "numbered_list_item": lines.push(`${indent}${number}. ${text}`); break;
      case "to_do": lines.push(`${indent}- [${(block.to_do as { checked?: boolean }).checked ? "x" : " "}] ${text}`); break;
      case "quote": lines.push(`${indent}> ${text}`); break;
      case "callout": lines.push(`${indent}> ${text}`); break;
      case "divider": lines.push(`${indent}---`); break;
      case "code": lines.push(`${indent}\`\`\`${(block.code as { language?: string }).language ?? ""}\n${text}\n${indent}\`\`\``); break;
      case "child_page": lines.push(`${indent}- Subpage: ${text}`); break;
      case "child_database": lines.push(`${indent}- Database: ${text}`); break;
      default: if (text) lines.push(`${indent}${text}`);
    }
    if (nested) lines.push(nested);
  }
  return lines.join("\n");
}

export function pageMarkdown(title: string, trees: readonly BlockTree[]): string {
  const body = blocksToMarkdown(trees);
  return `# ${title}\n${body ? `\n${body}\n` : ""}`;
}
