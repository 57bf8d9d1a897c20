/**
 * Regular-expression scans that try a pattern only where a match can start. A pattern that opens
 * with a lookbehind or a character class (`(?<!\w)name…`, `[a-z]{1,20}://…`) gives V8 no literal
 * to search for, so a global scan tries it at every position of the text; when every match holds
 * a literal (`#`, `://`, a keyword) near its start, the positions worth trying are few.
 */

/** A range of positions, first to last inclusive, where a match may start. */
export type StartWindow = readonly [first: number, last: number];

/**
 * The matches `text.matchAll(pattern)` finds, in the same order, trying `sticky` — the pattern
 * with the `y` flag instead of `g` — only inside the windows `windowFrom` names. For a position
 * `from`, `windowFrom(from)` returns the next window (first ≥ from): no match may start in
 * [from, first); undefined when no match starts at or after `from`. After a match the scan goes
 * on from its end, after a window without one from the window's end, as a global scan would.
 * The pattern must not match the empty string.
 */
export function* matchesInWindows(text: string, sticky: RegExp, windowFrom: (from: number) => StartWindow | undefined): Generator<RegExpExecArray> {
  if (!sticky.sticky) throw new Error(`matchesInWindows needs a sticky pattern (flag y): ${sticky}`);
  let from = 0;
  for (let window = windowFrom(from); window; window = windowFrom(from)) {
    const [first, last] = window;
    let match: RegExpExecArray | null = null;
    for (let at = Math.max(first, from); at <= last && !match; at++) {
      sticky.lastIndex = at;
      match = sticky.exec(text);
    }
    if (!match) {
      from = last + 1;
      continue;
    }
    yield match;
    from = match.index + Math.max(1, match[0].length);
  }
}

/** Where the run of characters that `inRun` accepts, ending right before `end`, starts; not before `floor`. */
export function runStart(text: string, end: number, floor: number, inRun: (code: number) => boolean): number {
  let start = end;
  while (start > floor && inRun(text.charCodeAt(start - 1))) start--;
  return start;
}

const STICKY = new WeakMap<RegExp, RegExp>();

/** `pattern` with the `y` flag instead of `g` (made once per pattern), for matchesInWindows. */
export function stickyCopy(pattern: RegExp): RegExp {
  let sticky = STICKY.get(pattern);
  if (!sticky) STICKY.set(pattern, (sticky = new RegExp(pattern.source, pattern.flags.replace("g", "") + "y")));
  return sticky;
}

/** A test for a character code: [A-Za-z0-9] or one of `extra`'s characters (for runStart). */
export function alphanumericOr(extra: string): (code: number) => boolean {
  const codes = new Set([...extra].map((c) => c.charCodeAt(0)));
  return (code) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || codes.has(code);
}
