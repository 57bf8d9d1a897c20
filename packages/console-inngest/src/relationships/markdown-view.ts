export const MARKDOWN_FILE = /\.(?:md|mdx|markdown|mdown|mkd)$/i;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// Bounds the search for a closing run, so text full of stray backticks stays linear.
const SPAN_LIMIT = 10_000;

/**
 * The Markdown text with fenced code, inline code spans and HTML comments blanked (newlines kept,
 * same length): a `[link](x)`, `#12` or `ABC-1` inside code is an example, not a reference.
 */
export function markdownProse(text: string): string {
  const lines = text.split("\n");
  let fence: string | undefined;
  const masked = lines.map((line) => {
    if (fence !== undefined) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.slice(close[0].length).trim() === "") fence = undefined;
      return blank(line);
    }
    const open = FENCE.exec(line);
    // A backtick fence's info string may not contain backticks; otherwise it is inline code.
    if (open && !(open[1]![0] === "`" && line.slice(open[0].length).includes("`"))) {
      fence = open[1]!;
      return blank(line);
    }
    return line;
  });
  return maskInline(masked.join("\n"));
}

/** Blanks `code spans` (a run of n backticks closed by a run of exactly n) and <!-- comments -->. */
function maskInline(text: string): string {
  const withoutComments = text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
  const pieces: string[] = [];
  let copied = 0;
  const run = /`+/g;
  for (let match = run.exec(withoutComments); match; match = run.exec(withoutComments)) {
    // A span never crosses a blank line, which also keeps the search for its close local.
    const paragraphEnd = withoutComments.indexOf("\n\n", match.index);
    const scopeStart = match.index + match[0].length;
    const scope = withoutComments.slice(scopeStart, Math.min(paragraphEnd === -1 ? Infinity : paragraphEnd, scopeStart + SPAN_LIMIT));
    const close = new RegExp(`(?<!\`)${match[0]}(?!\`)`).exec(scope);
    // An unmatched run is literal backticks.
    if (!close) continue;
    const end = scopeStart + close.index + match[0].length;
    pieces.push(withoutComments.slice(copied, match.index), blank(withoutComments.slice(match.index, end)));
    copied = end;
    run.lastIndex = end;
  }
  pieces.push(withoutComments.slice(copied));
  return pieces.join("");
}

function blank(segment: string): string {
  return segment.replace(/[^\n]/g, " ");
}
