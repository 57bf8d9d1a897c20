import { decodeSafely, firstExisting, joinPath, resolveRelative, withPath } from "./paths";
import type { FoundEdge } from "./types";
import { classifyUrl, type UrlContext } from "./urls";

const INLINE_DESTINATION = /\]\([ \t]*(?:<([^<>\n]*)>|([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*))/g;
// `[label]: destination`, but not footnotes (`[^1]: text`).
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(?:<([^<>\n]*)>|(\S+))/gm;
const HTML_ATTRIBUTE = /<[A-Za-z][\w-]*\b[^>\n]{0,500}?\s(?:href|src)\s*=\s*["']([^"'\n]+)["']/g;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Inline links and images, reference definitions and HTML href/src in Markdown prose (code already
 * blanked). Repository links keep the destination as written and resolve relative to the file (or
 * the root for `/x`); http(s) links become URL or issue edges; anchors and other schemes are skipped.
 */
export function markdownLinks(path: string, prose: string, context: UrlContext): FoundEdge[] {
  const edges: FoundEdge[] = [];
  const add = (destination: string, offset: number) => {
    const edge = classifyDestination(path, destination, context);
    if (edge) edges.push({ ...edge, offset });
  };
  let lineStart = 0;
  for (const line of prose.split("\n")) {
    // A link's text opens with `[` earlier on its line; found once per line to stay linear.
    const firstBracket = line.indexOf("[");
    if (firstBracket !== -1)
      for (const match of line.matchAll(INLINE_DESTINATION)) if (match.index > firstBracket) add(match[1] ?? match[2]!, lineStart + match.index);
    lineStart += line.length + 1;
  }
  for (const match of prose.matchAll(REFERENCE_DEFINITION)) add(match[1] ?? match[2]!, match.index);
  for (const match of prose.matchAll(HTML_ATTRIBUTE)) add(match[1]!, match.index);
  return edges;
}

function classifyDestination(path: string, destination: string, context: UrlContext): Omit<FoundEdge, "offset"> | undefined {
  const href = destination.trim();
  if (href === "" || href.startsWith("#") || href.startsWith("//")) return undefined;
  if (SCHEME.test(href)) return /^https?:/i.test(href) ? classifyUrl(href, context) : undefined;
  const filePart = decodeSafely(href.replace(/[?#].*$/, ""));
  const resolved = filePart === "" ? null : resolveRelative(path, filePart);
  // Directory links land on the README GitHub renders for them; extensionless ones on a page.
  const candidates = resolved === null ? [] : [resolved, `${resolved}.md`, joinPath(resolved, "README.md"), joinPath(resolved, "index.md")];
  return {
    kind: "link",
    target: href,
    ...withPath(
      firstExisting(
        candidates.filter((c) => c !== "" && c !== ".md"),
        context.repoPaths,
      ),
    ),
  };
}
