import { extractImports } from "./imports";
import { extractIssueReferences, extractLinksAndUrls } from "./references";
import type { ExtractInput, Relationship } from "./types";

export type { ExtractInput, Relationship, RelationshipKind } from "./types";

/**
 * Deterministic edges out of one file: imports (TS/JS, Python, Go) resolved to repository paths,
 * Markdown links to repository files, issue and PR references, URLs and issue keys. Sorted and
 * de-duplicated by (kind, target), keeping the first line.
 */
export function extractRelationships(input: ExtractInput): Relationship[] {
  const all = [...extractImports(input), ...extractLinksAndUrls(input), ...extractIssueReferences(input)];
  const unique = new Map<string, Relationship>();
  for (const edge of all.sort((a, b) => a.line - b.line)) {
    const key = `${edge.kind}\u0000${edge.target}`;
    if (!unique.has(key)) unique.set(key, edge);
  }
  return [...unique.values()].sort((a, b) => (a.kind === b.kind ? (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) : a.kind < b.kind ? -1 : 1));
}
