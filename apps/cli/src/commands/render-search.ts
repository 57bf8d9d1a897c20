import type { SearchResult } from "./search";

const BOLD = "\u001b[1m";
const RESET = "\u001b[0m";

/** Results as text: rank, path and lines, the other matching ranges, a numbered snippet with matches marked. */
export function renderResults(results: readonly SearchResult[], color: boolean): string {
  if (results.length === 0) return "no results\n";
  return results
    .map((r, i) => {
      const also = r.otherRanges.length > 0 ? `\n     also lines ${r.otherRanges.map((o) => `${o.startLine}-${o.endLine}`).join(", ")}` : "";
      const lines = mark(r.snippet, r.highlights, color).split("\n");
      const width = String(r.snippetStartLine + lines.length).length;
      const snippet = lines.map((line, n) => `     ${String(r.snippetStartLine + n).padStart(width)}  ${line}`).join("\n");
      return `${String(i + 1).padStart(2)}. ${r.path}:${r.startLine}-${r.endLine}  ${r.score.toFixed(4)}  (${r.source})${also}\n${snippet}`;
    })
    .join("\n\n")
    .concat("\n");
}

/** Bold on a terminal, «brackets» when piped (still visible, easy to grep). */
function mark(text: string, highlights: ReadonlyArray<readonly [number, number]>, color: boolean): string {
  const [open, close] = color ? [BOLD, RESET] : ["«", "»"];
  let out = "";
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at) continue;
    out += text.slice(at, start) + open + text.slice(start, end) + close;
    at = end;
  }
  return out + text.slice(at);
}
