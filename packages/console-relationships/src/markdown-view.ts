const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// Longest code span considered; bounds the scan for blank lines between a run and its closer.
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

/** Blanks `code spans` (a run of n backticks closed by the next run of exactly n) and <!-- comments -->. */
function maskInline(text: string): string {
  const withoutComments = text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
  const runs = [...withoutComments.matchAll(/`+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // For each run, the next run of the same length: finding a closer is then O(1).
  const nextSameLength = new Array<number>(runs.length);
  const latest = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i]!.end - runs[i]!.start;
    nextSameLength[i] = latest.get(length) ?? -1;
    latest.set(length, i);
  }
  const pieces: string[] = [];
  let copied = 0;
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    const close = runs[nextSameLength[i]!];
    // An unmatched run is literal backticks; a span never crosses a blank line.
    if (open.start < copied || !close || close.start - open.end > SPAN_LIMIT || withoutComments.slice(open.end, close.start).includes("\n\n")) continue;
    pieces.push(withoutComments.slice(copied, open.start), blank(withoutComments.slice(open.start, close.end)));
    copied = close.end;
    i = nextSameLength[i]!;
  }
  pieces.push(withoutComments.slice(copied));
  return pieces.join("");
}

function blank(segment: string): string {
  return segment.replace(/[^\n]/g, " ");
}
