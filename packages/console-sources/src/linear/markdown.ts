import type { CommentNode, DocumentNode, IssueNode } from "./queries";

/** An issue and its comments, oldest comment first, as the Markdown the chunker reads. */
export function issueMarkdown(issue: IssueNode, comments: readonly CommentNode[]): string {
  const parts = [`# ${issue.identifier}: ${issue.title}`, issue.description?.trim() || "_No description._"];
  if (comments.length > 0) {
    parts.push("## Comments");
    for (const c of [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      parts.push(`**${c.user?.name ?? "Unknown"}** (${c.createdAt}):\n\n${c.body.trim()}`);
    }
  }
  return `${parts.join("\n\n")}\n`;
}

export function documentMarkdown(doc: DocumentNode): string {
  const content = doc.content?.trim() ?? "";
  return `${content.startsWith("# ") ? content : `# ${doc.title}\n\n${content}`}\n`;
}

/** Changes when the issue or any of its comments does (a comment edit leaves the issue's updatedAt alone). */
export function issueVersion(issue: IssueNode, comments: readonly CommentNode[]): string {
  const latest = comments.reduce((max, c) => (c.updatedAt > max ? c.updatedAt : max), issue.updatedAt);
  return `${latest}#${comments.length}`;
}
