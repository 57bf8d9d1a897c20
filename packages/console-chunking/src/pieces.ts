import { CL100K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";

/**
 * cl100k's pre-tokenizer: where each piece of a text ends. gpt-tokenizer splits text with
 *
 *   '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}
 *   | ?[^\s\p{L}\p{N}]+[\r\n]*|\s+$|\s*[\r\n]|\s+(?!\S)|\s          (flags gu)
 *
 * and V8 runs that (Unicode property classes) several times slower than a scan of ASCII code
 * units. The scan below decides the piece that starts at an index the way the regex does, as long
 * as every character it must look at is ASCII; when one is not (a letter, digit or space outside
 * ASCII would change the answer), that one piece comes from the regex itself, started at the same
 * index. A match depends only on the text from its start on (no lookbehind, `$` is the end of the
 * text), so mixing the two gives exactly the regex's pieces. pieces.test.ts checks this against
 * the regex on real files and on the alternatives' edge cases.
 */
export function pieceEnd(text: string, start: number): number {
  const end = asciiPieceEnd(text, start);
  if (end >= 0) return end;
  PIECE_AT.lastIndex = start;
  const match = PIECE_AT.exec(text);
  // Every character is in some alternative, so a match always starts here; this is a guard only.
  if (!match) throw new Error(`cl100k pre-tokenizer found no piece at ${start}`);
  return start + match[0].length;
}

// Sticky: the match must start at lastIndex (it always does: every character matches something).
const PIECE_AT = new RegExp(CL100K_TOKEN_SPLIT_REGEX.source, `${CL100K_TOKEN_SPLIT_REGEX.flags.replace("g", "")}y`);

const END = 0;
const NON_ASCII = 1;
const LETTER = 2;
const DIGIT = 3;
const SPACE = 4;
const OTHER = 5;

/** \p{L}, \p{N}, \s and the rest, for ASCII code units. */
const ASCII_CLASS = new Uint8Array(128).fill(OTHER);
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = LETTER;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = LETTER;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = DIGIT;
// JavaScript's \s in ASCII: tab, LF, VT, FF, CR, space.
for (const c of [9, 10, 11, 12, 13, 32]) ASCII_CLASS[c] = SPACE;

function classAt(text: string, i: number): number {
  if (i >= text.length) return END;
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_CLASS[c]! : NON_ASCII;
}

/** Where a run of `kind` starting at i ends, or -1 if a non-ASCII character could continue it. */
function runEnd(text: string, i: number, kind: number): number {
  let j = i;
  let k = classAt(text, j);
  while (k === kind) k = classAt(text, ++j);
  return k === NON_ASCII ? -1 : j;
}

const lower = (c: number) => c | 0x20;
const isNewline = (c: number) => c === 10 || c === 13;

/** The regex's piece end for a piece at `i`, or -1 when that depends on a non-ASCII character. */
function asciiPieceEnd(text: string, i: number): number {
  const k = classAt(text, i);
  if (k === NON_ASCII || k === END) return -1;
  const c = text.charCodeAt(i);
  // '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])
  if (c === 39) {
    const k1 = classAt(text, i + 1);
    if (k1 === NON_ASCII) return -1;
    if (k1 === LETTER) {
      const c1 = lower(text.charCodeAt(i + 1));
      if (c1 === 115 || c1 === 100 || c1 === 109 || c1 === 116) return i + 2;
      if (c1 === 108 || c1 === 118 || c1 === 114) {
        const k2 = classAt(text, i + 2);
        const c2 = k2 === LETTER ? lower(text.charCodeAt(i + 2)) : -1;
        if ((c1 === 108 && c2 === 108) || (c1 !== 108 && c2 === 101)) return i + 3;
      }
    }
  }
  // [^\r\n\p{L}\p{N}]?\p{L}+
  if (k === LETTER) return runEnd(text, i, LETTER);
  if (k !== DIGIT && !isNewline(c)) {
    const k1 = classAt(text, i + 1);
    if (k1 === NON_ASCII) return -1;
    if (k1 === LETTER) return runEnd(text, i + 1, LETTER);
  }
  // \p{N}{1,3}: a fourth digit starts the next piece, so only the two after the first matter.
  if (k === DIGIT) {
    for (let j = i + 1; j < i + 3; j++) {
      const kj = classAt(text, j);
      if (kj === NON_ASCII) return -1;
      if (kj !== DIGIT) return j;
    }
    return i + 3;
  }
  //  ?[^\s\p{L}\p{N}]+[\r\n]*   (the character after a space is ASCII: checked above)
  const othersFrom = k === OTHER ? i : c === 32 && classAt(text, i + 1) === OTHER ? i + 1 : -1;
  if (othersFrom >= 0) {
    let j = runEnd(text, othersFrom, OTHER);
    if (j < 0) return -1;
    while (j < text.length && isNewline(text.charCodeAt(j))) j++;
    return j;
  }
  // k === SPACE from here on: a run of whitespace [i, j).
  const j = runEnd(text, i, SPACE);
  if (j < 0) return -1;
  // \s+$
  if (j === text.length) return j;
  // \s*[\r\n]: up to the run's last newline.
  for (let p = j - 1; p >= i; p--) if (isNewline(text.charCodeAt(p))) return p + 1;
  // \s+(?!\S): all but the run's last space (text[j] is not a space); else \s, one character.
  return j - i >= 2 ? j - 1 : i + 1;
}
