import { alphanumericOr, matchesInWindows, runStart, stickyCopy } from "@repo/console-types/text-scan";
import type { FoundEdge } from "./types";

// `#12`, `owner/repo#12` and GitHub's `GH-12`, roughly as GitHub autolinks them. The lookbehind
// rules out words, paths, entities (`&#123;`), repeated hashes, and quoted or assigned values
// (`"#123"`, `fill=#333`), which are colours or selectors. Digits right after `#` keep headings
// (`# 1. Intro`) and C directives (`#if 0`, `# 12 "file.c"`) out; `(?![\w-])` keeps hex colours
// with letters (`#12ab34`) out.
export const ISSUE_REFERENCE =
  /(?<![\w&/#@.\-"'`=\\])(?:([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([\w.-]{1,100}))?#(\d{1,9})(?![\w-])|(?<![\w-])GH-(\d{1,9})(?![\w-])/g;
/** The longest `owner/name` before a `#`: a 39-character owner, the slash, a 100-character name. */
const MAX_PREFIX = 140;
// `color: #333;` — a digits-only colour as a CSS declaration's value.
const DECLARATION_BEFORE = /[\w-]\s*:\s*$/;
const DECLARATION_AFTER = /^\s*(?:;|}|!important)/;

export function issueReferences(prose: string, repo: { owner: string; name: string } | undefined): FoundEdge[] {
  const edges: FoundEdge[] = [];
  for (const match of referenceMatches(prose)) {
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

/**
 * What `prose.matchAll(ISSUE_REFERENCE)` finds, trying the pattern only where a match can start
 * (matchesInWindows). Every match holds a `#` or starts at `GH-`, and a match holding a `#` starts
 * at most MAX_PREFIX characters before it, inside the run of `owner/name` characters ([\w.-] and
 * `/`) that ends there. Scanned over the whole text, V8 tried its lookbehinds at every position:
 * over bench:cli's 3,000-file corpus this pattern was ~17% of all relationship extraction.
 */
export function referenceMatches(prose: string): Generator<RegExpExecArray> {
  // The next `#` and `GH-` at or after the scan's position, searched again only once passed (-1: none left).
  let hash = prose.indexOf("#");
  let gh = prose.indexOf("GH-");
  return matchesInWindows(prose, stickyCopy(ISSUE_REFERENCE), (from) => {
    if (hash !== -1 && hash < from) hash = prose.indexOf("#", from);
    if (gh !== -1 && gh < from) gh = prose.indexOf("GH-", from);
    if (hash === -1 && gh === -1) return undefined;
    const hashFirst = hash === -1 ? Number.POSITIVE_INFINITY : runStart(prose, hash, Math.max(from, hash - MAX_PREFIX), isPrefixCharacter);
    const ghFirst = gh === -1 ? Number.POSITIVE_INFINITY : gh;
    // The earlier window, to its anchor (a window that ends at a `#` may hold a `GH-` too).
    return hashFirst <= ghFirst ? [hashFirst, hash] : [ghFirst, gh];
  });
}

/** [A-Za-z0-9_.-] or `/`. */
const isPrefixCharacter = alphanumericOr("_.-/");
