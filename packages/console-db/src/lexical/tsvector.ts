// Postgres's tsvector limits (tsearch/ts_type.h): positions stop at MAXENTRYPOS - 1 and a lexeme
// keeps at most MAXNUMPOS positions (to_tsvector keeps one fewer).
const MAX_POSITION = (1 << 14) - 1;
const MAX_POSITIONS = 256;

export type TsWeight = "A" | "B" | "C" | "D";

const WEIGHTS: readonly TsWeight[] = ["A", "B", "C", "D"];
const SUFFIX = ["A", "B", "C", ""];

/**
 * The tsvector literal of `setweight(to_tsvector('simple', a), 'A') || setweight(…, b), 'B') || …`
 * for token texts as indexTerms makes them (or their tokens, as indexTokens makes them). Lexemes
 * are [a-z0-9] only, so they need no escaping.
 *
 * Each field is `setweight(to_tsvector('simple', field), weight)`: each token is one lexeme at the
 * next position (computed here, the database parses a literal instead of running the text parser,
 * several times cheaper in PGlite); `left || right` shifts right's positions past left's last, as
 * tsvector_concat does. Positions are kept as position * 4 + weight, one array per lexeme, in one
 * map for all fields (lexemes in order of first appearance, as the concatenation leaves them).
 */
export function weightedTsvectorLiteral(fields: ReadonlyArray<readonly [tokens: string | readonly string[], weight: TsWeight]>): string {
  const vector = new Map<string, number[]>();
  // The highest position in `vector`: where the next field's positions start.
  let shift = 0;
  const field = new Map<string, number[]>();
  for (const [tokens, weight] of fields) {
    // to_tsvector of the field: positions only, each lexeme at most MAX_POSITIONS - 1 of them.
    field.clear();
    let position = 0;
    const add = (lexeme: string) => {
      position += 1;
      const at = position < MAX_POSITION ? position : MAX_POSITION;
      let positions = field.get(lexeme);
      if (!positions) field.set(lexeme, (positions = []));
      const last = positions.length === 0 ? -1 : positions[positions.length - 1]!;
      if (positions.length < MAX_POSITIONS - 1 && last !== MAX_POSITION && last !== at) positions.push(at);
    };
    for (const token of typeof tokens === "string" ? tokens.split(" ") : tokens) {
      if (!token) continue;
      // Only a token that starts with a digit can hold a number in scientific notation.
      const first = token.charCodeAt(0);
      if (first >= 48 && first <= 57) for (const lexeme of parserTokens(token)) add(lexeme);
      else add(token);
    }
    // vector || field.
    const w = WEIGHTS.indexOf(weight);
    let highest = shift;
    for (const [lexeme, positions] of field) {
      let target = vector.get(lexeme);
      if (!target) vector.set(lexeme, (target = []));
      for (const p of positions) {
        if (target.length >= MAX_POSITIONS || (target.length > 0 && target[target.length - 1]! >> 2 === MAX_POSITION)) break;
        const at = p + shift < MAX_POSITION ? p + shift : MAX_POSITION;
        target.push(at * 4 + w);
        if (at > highest) highest = at;
      }
    }
    shift = highest;
  }
  const entries: string[] = [];
  for (const [lexeme, positions] of vector) {
    let entry = `'${lexeme}':`;
    for (let i = 0; i < positions.length; i++) entry += `${i > 0 ? "," : ""}${positions[i]! >> 2}${SUFFIX[positions[i]! & 3]}`;
    entries.push(entry);
  }
  return entries.join(" ");
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
