import { countTokensCached, tokenPieces, type TokenPiece } from "./tokens";
import { isBlank } from "./segments";
import { append } from "./append";

/**
 * Cuts one line that alone exceeds maxTokens into consecutive windows at the tokenizer's own
 * piece boundaries. Joining the windows gives back the line exactly, except that a window of
 * nothing but whitespace (thousands of spaces in a row) is dropped because it carries no content.
 */
export function splitLineIntoWindows(line: string, maxTokens: number): { text: string; tokens: number }[] {
  const windows: { text: string; tokens: number }[] = [];
  let pending: TokenPiece[] = [];
  let pendingTokens = 0;
  const flush = () => {
    if (pending.length > 0) append(windows, exactWindows(pending, maxTokens));
    pending = [];
    pendingTokens = 0;
  };
  for (const piece of tokenPieces(line)) {
    for (const part of piece.tokens > maxTokens ? splitPiece(piece.text, maxTokens) : [piece]) {
      if (pendingTokens + part.tokens > maxTokens) flush();
      pending.push(part);
      pendingTokens += part.tokens;
    }
  }
  flush();
  return windows.filter((window) => !isBlank(window.text));
}

/**
 * Piece counts add up to the window's count almost always; the exact count decides, and a
 * window that comes out over the limit gives its last pieces to a following window.
 */
function exactWindows(pieces: TokenPiece[], maxTokens: number): { text: string; tokens: number }[] {
  const out: { text: string; tokens: number }[] = [];
  let rest = pieces;
  while (rest.length > 0) {
    let take = rest.length;
    let text = joinPieces(rest, take);
    let tokens = countTokensCached(text);
    while (tokens > maxTokens && take > 1) {
      take -= 1;
      text = joinPieces(rest, take);
      tokens = countTokensCached(text);
    }
    out.push({ text, tokens });
    rest = rest.slice(take);
  }
  return out;
}

function joinPieces(pieces: TokenPiece[], count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) text += pieces[i]?.text ?? "";
  return text;
}

/**
 * A single pre-token piece can be huge (a 20,000-character run of "=" or letters). Cut it by
 * code points: a code point is at most 4 UTF-8 bytes and a token at least 1 byte, so
 * maxTokens / 4 code points always fit.
 */
function splitPiece(text: string, maxTokens: number): TokenPiece[] {
  const codePoints = Array.from(text);
  const step = Math.max(1, Math.floor(maxTokens / 4));
  const parts: TokenPiece[] = [];
  for (let i = 0; i < codePoints.length; i += step) {
    const part = codePoints.slice(i, i + step).join("");
    parts.push({ text: part, tokens: countTokensCached(part) });
  }
  return parts;
}
