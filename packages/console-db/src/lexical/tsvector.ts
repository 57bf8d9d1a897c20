// Postgres's tsvector limits (tsearch/ts_type.h): positions stop at MAXENTRYPOS - 1 and a lexeme
// keeps at most MAXNUMPOS positions (to_tsvector keeps one fewer).
const MAX_POSITION = (1 << 14) - 1;
const MAX_POSITIONS = 256;

export type TsWeight = "A" | "B" | "C" | "D";

interface WeightedPosition {
  position: number;
  weight: TsWeight;
}

type TsVector = Map<string, WeightedPosition[]>;

/**
 * `setweight(to_tsvector('simple', text), weight)` for a text of space-separated [a-z0-9] tokens
 * (what indexTerms produces): each token is one lexeme at the next position. Computed here, the
 * database parses a literal instead of running the text parser, several times cheaper in PGlite.
 */
function weightedTokens(tokens: string, weight: TsWeight): TsVector {
  const vector: TsVector = new Map();
  let position = 0;
  for (const token of tokens.split(" ").flatMap(parserTokens)) {
    position += 1;
    const at = Math.min(position, MAX_POSITION);
    const positions = vector.get(token) ?? [];
    const last = positions[positions.length - 1]?.position;
    if (positions.length < MAX_POSITIONS - 1 && last !== MAX_POSITION && last !== at) positions.push({ position: at, weight });
    vector.set(token, positions);
  }
  return vector;
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

/** `left || right`: right's positions shift past left's last, as tsvector_concat does. */
function concat(left: TsVector, right: TsVector): TsVector {
  let shift = 0;
  for (const positions of left.values()) for (const p of positions) shift = Math.max(shift, p.position);
  const out: TsVector = new Map([...left].map(([lexeme, positions]) => [lexeme, [...positions]]));
  for (const [lexeme, positions] of right) {
    const target = out.get(lexeme) ?? [];
    for (const p of positions) {
      if (target.length >= MAX_POSITIONS || target[target.length - 1]?.position === MAX_POSITION) break;
      target.push({ position: Math.min(p.position + shift, MAX_POSITION), weight: p.weight });
    }
    out.set(lexeme, target);
  }
  return out;
}

/**
 * The tsvector literal of `setweight(to_tsvector('simple', a), 'A') || setweight(…, b), 'B') || …`
 * for token texts as indexTerms makes them. Lexemes are [a-z0-9] only, so they need no escaping.
 */
export function weightedTsvectorLiteral(fields: ReadonlyArray<readonly [tokens: string, weight: TsWeight]>): string {
  const vector = fields.map(([tokens, weight]) => weightedTokens(tokens, weight)).reduce(concat, new Map() as TsVector);
  const entries: string[] = [];
  for (const [lexeme, positions] of vector) {
    entries.push(`'${lexeme}':${positions.map((p) => `${p.position}${p.weight === "D" ? "" : p.weight}`).join(",")}`);
  }
  return entries.join(" ");
}
