// Postgres's tsvector limits (tsearch/ts_type.h): positions stop at MAXENTRYPOS - 1 and a lexeme
// keeps at most MAXNUMPOS positions (to_tsvector keeps one fewer).
const MAX_POSITION = (1 << 14) - 1;
const MAX_POSITIONS = 256;

export type TsWeight = "A" | "B" | "C" | "D";

const WEIGHTS: readonly TsWeight[] = ["A", "B", "C", "D"];

/** One lexeme of the vector being built: its packed positions and its state in the current field. */
interface Entry {
  lexeme: string;
  /** position * 4 + weight index, in order. */
  positions: number[];
  /** The field the next two describe. */
  field: number;
  /** Positions the lexeme took in that field, and the last of them (field-relative; -1 for none). */
  fieldCount: number;
  fieldLast: number;
}

/**
 * The tsvector literal of `setweight(to_tsvector('simple', a), 'A') || setweight(…, b), 'B') || …`
 * for token texts as indexTerms makes them (or their tokens, as indexTokens makes them). Lexemes
 * are [a-z0-9] only, so they need no escaping.
 *
 * Each field is `setweight(to_tsvector('simple', field), weight)`: each token is one lexeme at the
 * next position (computed here, the database parses a literal instead of running the text parser,
 * several times cheaper in PGlite); `left || right` shifts right's positions past left's last, as
 * tsvector_concat does. Positions are kept as position * 4 + weight, one array per lexeme (lexemes
 * in order of first appearance, as the concatenation leaves them). A field's positions go straight
 * into the vector, each lexeme counting its own in the field, and the literal is written as bytes
 * and read as one string: building it from per-position strings and a map per field made this
 * function a third of everything the CPU worker allocated in a 3,000-file sync (1.2 of 3.5 GB).
 */
export function weightedTsvectorLiteral(fields: ReadonlyArray<readonly [tokens: string | readonly string[], weight: TsWeight]>): string {
  const vector = new Map<string, Entry>();
  // The highest position in `vector`: where the next field's positions start.
  let shift = 0;
  for (const [f, [tokens, weight]] of fields.entries()) {
    const w = WEIGHTS.indexOf(weight);
    let position = 0;
    let highest = shift;
    const add = (lexeme: string) => {
      position += 1;
      const at = position < MAX_POSITION ? position : MAX_POSITION;
      let entry = vector.get(lexeme);
      if (!entry) vector.set(lexeme, (entry = { lexeme, positions: [], field: f, fieldCount: 0, fieldLast: -1 }));
      else if (entry.field !== f) {
        entry.field = f;
        entry.fieldCount = 0;
        entry.fieldLast = -1;
      }
      // to_tsvector of the field: each lexeme at most MAX_POSITIONS - 1 positions, the last one once.
      if (entry.fieldCount >= MAX_POSITIONS - 1 || entry.fieldLast === MAX_POSITION || entry.fieldLast === at) return;
      entry.fieldCount += 1;
      entry.fieldLast = at;
      // vector || field: shifted past the vector's positions, at most MAX_POSITIONS of them, none after the last one.
      const target = entry.positions;
      if (target.length >= MAX_POSITIONS || (target.length > 0 && target[target.length - 1]! >> 2 === MAX_POSITION)) return;
      const shifted = at + shift < MAX_POSITION ? at + shift : MAX_POSITION;
      target.push(shifted * 4 + w);
      if (shifted > highest) highest = shifted;
    };
    for (const token of typeof tokens === "string" ? tokens.split(" ") : tokens) {
      if (!token) continue;
      // Only a token that starts with a digit can hold a number in scientific notation.
      const first = token.charCodeAt(0);
      if (first >= 48 && first <= 57) for (const lexeme of parserTokens(token)) add(lexeme);
      else add(token);
    }
    shift = highest;
  }
  return literalOf(vector.values());
}

/** Bytes of the literal being written; grown as needed, kept for the next call up to KEPT_BYTES. */
const KEPT_BYTES = 1 << 16;
let out = Buffer.allocUnsafe(KEPT_BYTES);

/** `'lexeme':1A,5,9C 'next':…` of the entries, in one pass over a byte buffer. */
function literalOf(entries: Iterable<Entry>): string {
  let at = 0;
  for (const { lexeme, positions } of entries) {
    // Quotes, the lexeme, a colon, then at most 7 bytes a position ("16383A,").
    const need = at + lexeme.length + 4 + 7 * positions.length;
    if (need > out.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * out.length));
      out.copy(grown, 0, 0, at);
      out = grown;
    }
    if (at > 0) out[at++] = 32; // space
    out[at++] = 39; // '
    for (let i = 0; i < lexeme.length; i++) out[at++] = lexeme.charCodeAt(i);
    out[at++] = 39;
    out[at++] = 58; // :
    for (let i = 0; i < positions.length; i++) {
      if (i > 0) out[at++] = 44; // ,
      const packed = positions[i]!;
      at = writeDigits(packed >> 2, at);
      const weight = WEIGHT_CODES[packed & 3]!;
      if (weight !== 0) out[at++] = weight;
    }
  }
  const literal = out.toString("latin1", 0, at);
  // A rare huge text's buffer is not kept for the rest of the process.
  if (out.length > KEPT_BYTES) out = Buffer.allocUnsafe(KEPT_BYTES);
  return literal;
}

/** Each weight's suffix as ASCII, by its index in WEIGHTS; D (the default) is written without one. */
const WEIGHT_CODES = WEIGHTS.map((weight) => (weight === "D" ? 0 : weight.charCodeAt(0)));

/** Writes a position (1..16383) in decimal at `at`; returns the end. */
function writeDigits(value: number, at: number): number {
  const digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : 5;
  for (let i = digits - 1; i >= 0; i--) {
    out[at + i] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
  return at + digits;
}

// The parser reads digits, `e` and digits as a number in scientific notation and starts a new
// token after it: "897e5a76" is the two lexemes "897e5" and "a76".
const SCIENTIFIC_PREFIX = /^([0-9]+e[0-9]+)(?=[a-z])/;

/** The lexemes the default parser makes of one [a-z0-9] token. */
function parserTokens(token: string): string[] {
  if (!token) return [];
  const number = SCIENTIFIC_PREFIX.exec(token)?.[1];
  return number ? [number, ...parserTokens(token.slice(number.length))] : [token];
}
