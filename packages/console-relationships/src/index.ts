import { goImports } from "./go-imports";
import { issueKeys } from "./issue-keys";
import { issueReferences } from "./issue-refs";
import { jsImports } from "./js-imports";
import { lineLocator } from "./lines";
import { markdownLinks } from "./markdown-links";
import { pythonImports } from "./python-imports";
import type { ExtractInput, FoundEdge, Relationship } from "./types";
import { URL_PATTERN, urlEdges } from "./urls";
import { languageOf, viewOf } from "./views";

export type { ExtractInput, Relationship, RelationshipKind } from "./types";

/**
 * Deterministic edges out of one file: imports (TS/JS, Python, Go) resolved to repository paths,
 * Markdown links to repository files, issue and PR references, URLs and issue keys. Pure and
 * synchronous; sorted by (kind, target) and de-duplicated on it, keeping the first line.
 */
export function extractRelationships(input: ExtractInput): Relationship[] {
  const { path, text, repoPaths, repo, goModulePath } = input;
  const context = { repo, repoPaths };
  const language = languageOf(path);
  const { code, prose } = viewOf(language, text);
  // URLs are blanked first so `https://x.com/page#12` or `.../ABC-1` is not also a reference.
  const withoutUrls = prose.replace(URL_PATTERN, (url) => " ".repeat(url.length));
  // Concatenated, not pushed with spread arguments: a huge file can yield more edges than a call takes.
  const found: FoundEdge[] = [
    ...(language === "javascript" ? jsImports(path, text, code, repoPaths) : []),
    ...(language === "python" ? pythonImports(path, code, repoPaths) : []),
    ...(language === "go" ? goImports(path, text, code, repoPaths, goModulePath) : []),
    ...(language === "markdown" ? markdownLinks(path, prose, context) : []),
    ...urlEdges(text, context),
    ...issueReferences(withoutUrls, repo),
    ...issueKeys(withoutUrls),
  ];
  return deduplicate(found, lineLocator(text));
}

function deduplicate(found: readonly FoundEdge[], lineOf: (offset: number) => number): Relationship[] {
  const first = new Map<string, FoundEdge>();
  for (const edge of found) {
    const key = `${edge.kind}\u0000${edge.target}`;
    const seen = first.get(key);
    if (!seen || edge.offset < seen.offset) first.set(key, edge);
  }
  return [...first.values()]
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.target, b.target))
    .map(({ kind, target, targetPath, offset }) => ({ kind, target, ...(targetPath === undefined ? {} : { targetPath }), line: lineOf(offset) }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
