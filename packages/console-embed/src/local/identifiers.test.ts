import { describe, expect, it } from "vitest";
import { forEachWord, splitIdentifier, unicodeSplit } from "./identifiers";

// The regular expression forEachWord's hand scan stands in for.
const WORD = /[\p{L}\p{N}_$]+(?:-[\p{L}\p{N}_$]+)*/gu;

/** Strings over an alphabet that exercises every class the rules tell apart: ASCII and not, cases, digits, separators, astral. */
function randomTexts(count: number, alphabet: readonly string[], seed = 7): string[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 14) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""),
  );
}

const WORD_ALPHABET = ["a", "b", "A", "B", "Z", "z", "0", "7", "_", "$", "-", "é", "É", "٣", "数", "🙂", "𝐀"];
const TEXT_ALPHABET = [...WORD_ALPHABET, " ", "\n", ".", "(", "'", "--"];

describe("splitIdentifier", () => {
  it("splits like the Unicode rules on every ASCII word and falls back to them otherwise", () => {
    for (const word of [
      "parseHTTPResponse2_fast-path",
      "ABCDef",
      "ABcDEf",
      "AAbAb",
      "a1a1",
      "x86_64",
      "utf8Encode",
      "IOError",
      "__init__",
      "$scope",
      "kebab--case-",
      "v2Beta3RC",
      "caféBar",
    ]) {
      expect(splitIdentifier(word), word).toEqual(unicodeSplit(word));
    }
    for (const word of randomTexts(20_000, WORD_ALPHABET)) expect(splitIdentifier(word), word).toEqual(unicodeSplit(word));
  });
});

describe("forEachWord", () => {
  it("visits exactly the regular expression's words, at the same places", () => {
    const cases = ["a-b-c-$d_e-9", "x- -y a--b", "é-a a-é ü", "🙂emoji-🙂 x-🙂", "trailing-", "-leading", "", "   ", ...randomTexts(20_000, TEXT_ALPHABET, 11)];
    for (const text of cases) {
      const visited: string[] = [];
      forEachWord(text, (word) => visited.push(word));
      expect(visited, JSON.stringify(text)).toEqual([...text.matchAll(WORD)].map((m) => m[0]));
    }
  });

  it("marks the words declarations introduce", () => {
    const found: string[] = [];
    forEachWord("export const loadConfig = 1\n  const inner = 2\nfunction parse() {}\nfunc (s *Store) Save() {}", (word, definition) => {
      if (definition) found.push(word);
    });
    // "s" follows "func" too; the embedder gives one-letter words no definition feature.
    expect(found).toEqual(["loadConfig", "parse", "s", "Save"]);
  });
});
