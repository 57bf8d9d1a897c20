import { firstExisting, resolveRelative } from "./paths";
import { lineAt, type ExtractInput, type Relationship } from "./types";

const MARKDOWN_LINK = /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s+["'(].*)?$/gm;
const URL = /\bhttps?:\/\/[^\s<>"'`)\]]+/g;
const GITHUB_ISSUE_URL = /^https?:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\/(?:issues|pull)\/(\d+)/;
// `#123` not inside a word, entity (&#123;) or path; digits right after `#`, so headings
// (`# Title`) and directives (`#include`) never match, nor colours with letters (#1a2b3c).
const ISSUE_REF = /(?<![\w&/#])(?:([\w.-]+)\/([\w.-]+))?#(\d{1,7})\b(?![\w-])/g;
const ISSUE_KEY = /\b([A-Z][A-Z0-9]{1,9})-(\d{1,7})\b/g;
/** Upper-case words with a number that are standards or encodings, not tickets. */
const NOT_ISSUE_KEYS = new Set(["UTF", "SHA", "ISO", "RFC", "CVE", "HTTP", "TLS", "SSL", "MD", "AES", "RSA", "ECMA", "ES", "IEEE", "PEP", "UCS", "CRC", "X", "GPT", "CP", "KOI", "ANSI", "IPV", "H", "MP", "COVID", "ID"]);

export function extractLinksAndUrls({ path, text, repoPaths }: ExtractInput): Relationship[] {
  const edges: Relationship[] = [];
  if (/\.(?:md|mdx|markdown)$/i.test(path)) {
    for (const match of text.matchAll(MARKDOWN_LINK)) {
      const href = match[1] ?? match[2]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) continue;
      const clean = decodeSafely(href.split("#")[0]!.split("?")[0]!);
      if (!clean) continue;
      const resolved = resolveRelative(path, clean);
      const targetPath = resolved === null ? undefined : firstExisting([resolved, `${resolved}/README.md`, `${resolved}.md`], repoPaths);
      edges.push({ kind: "link", target: href, line: lineAt(text, match.index), ...(targetPath ? { targetPath } : {}) });
    }
  }
  for (const match of text.matchAll(URL)) {
    const url = match[0].replace(/[.,;:!?]+$/, "");
    const issue = GITHUB_ISSUE_URL.exec(url);
    const line = lineAt(text, match.index);
    edges.push(issue ? { kind: "issue_ref", target: `${issue[1]}/${issue[2]}#${issue[3]}`, line } : { kind: "url", target: url, line });
  }
  return edges;
}

const STYLESHEET = /\.(?:css|scss|sass|less|styl)$/i;

export function extractIssueReferences({ path, text, repo }: ExtractInput): Relationship[] {
  const edges: Relationship[] = [];
  const prose = text.replace(URL, (m) => " ".repeat(m.length));
  for (const match of STYLESHEET.test(path) ? [] : prose.matchAll(ISSUE_REF)) {
    // `color: #333` — a colour written in digits only, after a property.
    if (/:\s*$/.test(prose.slice(Math.max(0, match.index - 20), match.index))) continue;
    const owner = match[1];
    const target = owner ? `${owner}/${match[2]}#${match[3]}` : repo ? `${repo.owner}/${repo.name}#${match[3]}` : `#${match[3]}`;
    edges.push({ kind: "issue_ref", target, line: lineAt(text, match.index) });
  }
  for (const match of prose.matchAll(ISSUE_KEY)) {
    if (NOT_ISSUE_KEYS.has(match[1]!)) continue;
    edges.push({ kind: "issue_key", target: match[0], line: lineAt(text, match.index) });
  }
  return edges;
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape is kept as written: the link still names a path.
    return value;
  }
}
