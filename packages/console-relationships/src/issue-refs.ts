import type { FoundEdge } from "./types";

// `#12`, `owner/repo#12` and GitHub's `GH-12`, roughly as GitHub autolinks them. The lookbehind
// rules out words, paths, entities (`&#123;`), repeated hashes, and quoted or assigned values
// (`"#123"`, `fill=#333`), which are colours or selectors. Digits right after `#` keep headings
// (`# 1. Intro`) and C directives (`#if 0`, `# 12 "file.c"`) out; `(?![\w-])` keeps hex colours
// with letters (`#12ab34`) out.
const ISSUE_REFERENCE = /(?<![\w&/#@.\-"'`=\\])(?:([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([\w.-]{1,100}))?#(\d{1,9})(?![\w-])|(?<![\w-])GH-(\d{1,9})(?![\w-])/g;
// `color: #333;` — a digits-only colour as a CSS declaration's value.
const DECLARATION_BEFORE = /[\w-]\s*:\s*$/;
const DECLARATION_AFTER = /^\s*(?:;|}|!important)/;

export function issueReferences(prose: string, repo: { owner: string; name: string } | undefined): FoundEdge[] {
  const edges: FoundEdge[] = [];
  // Every reference holds a `#` or `GH-`: most code has neither, and the pattern's lookbehinds
  // run at every position (~2.6x the time over a 3,000-file corpus without this check).
  if (!prose.includes("#") && !prose.includes("GH-")) return edges;
  for (const match of prose.matchAll(ISSUE_REFERENCE)) {
    const [whole, owner, name, number, ghNumber] = match;
    const end = match.index + whole.length;
    if (!owner && DECLARATION_BEFORE.test(prose.slice(Math.max(0, match.index - 40), match.index)) && DECLARATION_AFTER.test(prose.slice(end, end + 20)))
      continue;
    const issue = Number(number ?? ghNumber);
    if (issue === 0) continue;
    const target = owner ? `${owner}/${name}#${issue}` : repo ? `${repo.owner}/${repo.name}#${issue}` : `#${issue}`;
    edges.push({ kind: "issue_ref", target, offset: match.index });
  }
  return edges;
}
