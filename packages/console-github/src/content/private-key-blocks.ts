const BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g;
/** A 16384-bit RSA key is ~12 KB of PEM; anything longer between markers is not one key. */
const MAX_BLOCK_CHARS = 32 * 1024;
/** Fewer base64 characters than this is a marker in a PEM parser, not a key. */
const MIN_KEY_CHARS = 64;
/**
 * What may sit between the markers of a real key: base64, whitespace, `\n` escapes and the quotes,
 * `+` and commas of a key split across string literals, and PEM headers (`Proc-Type: 4,ENCRYPTED`).
 */
const PEM_HEADER = /^(?:Proc-Type|DEK-Info|Version|Comment|Hash):/i;
const KEY_BODY = /^(?:[A-Za-z0-9+/=\s"',:.-]|\\[nr])*$/;

/**
 * Private key blocks (PEM, OpenSSH, PGP), whole: from the BEGIN marker through the END marker,
 * or through the end of the base64 that follows when the END marker is missing (a truncated
 * paste). A BEGIN marker with no key material after it (a constant in parsing code) is left alone.
 */
export function findPrivateKeyBlocks(text: string): Array<{ start: number; end: number }> {
  if (!text.includes("PRIVATE KEY")) return [];
  const blocks: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(BEGIN)) {
    const bodyStart = match.index + match[0].length;
    if (blocks.length > 0 && match.index < blocks.at(-1)!.end) continue;
    const endMarker = `-----END ${match[1] ?? ""}PRIVATE KEY${match[2] ?? ""}-----`;
    const endAt = text.indexOf(endMarker, bodyStart);
    if (endAt >= 0 && endAt - bodyStart <= MAX_BLOCK_CHARS) {
      const body = text.slice(bodyStart, endAt);
      if (KEY_BODY.test(body) && hasKeyRun(body) && base64Chars(body) >= MIN_KEY_CHARS) {
        blocks.push({ start: match.index, end: endAt + endMarker.length });
        continue;
      }
    }
    const run = keyMaterialAfter(text, bodyStart);
    const material = text.slice(bodyStart, run);
    if (hasKeyRun(material) && base64Chars(material) >= MIN_KEY_CHARS) blocks.push({ start: match.index, end: run });
  }
  return blocks;
}

/**
 * Where the key material after a BEGIN marker with no matching END stops: the last of the
 * following lines that hold only base64 (in string literals or with `\n` escapes) or PEM headers.
 */
function keyMaterialAfter(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_BLOCK_CHARS);
  let end = from;
  let lineStart = from;
  while (lineStart < limit) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline < 0 || newline > limit ? limit : newline;
    const line = text.slice(lineStart, lineEnd);
    const bare = line.replace(/\\[nr]/g, "").replace(/[\s"'+,]/g, "");
    if (!/^[A-Za-z0-9+/=]*$/.test(bare) && !PEM_HEADER.test(bare)) break;
    const lastBase64 = line.search(/[A-Za-z0-9+/=][^A-Za-z0-9+/=]*$/);
    if (lastBase64 >= 0) end = lineStart + lastBase64 + 1;
    lineStart = lineEnd + 1;
  }
  return end;
}

/** Key material has long unbroken base64 runs (PEM lines are 64 characters); prose does not. */
function hasKeyRun(body: string): boolean {
  return /[A-Za-z0-9+/]{40,}/.test(body.replace(/\\[nr]/g, "\n"));
}

function base64Chars(body: string): number {
  let count = 0;
  for (const char of body.replace(/\\[nr]/g, "")) if (/[A-Za-z0-9+/]/.test(char)) count += 1;
  return count;
}
