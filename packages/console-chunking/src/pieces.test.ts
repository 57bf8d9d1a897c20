import { collectCorpus } from "@repo/testing/corpus";
import { CL100K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";
import { describe, expect, it } from "vitest";
import { pieceEnd } from "./pieces";

/** The pieces gpt-tokenizer encodes one by one: the cl100k regex's matches. */
function regexPieces(text: string): string[] {
  return [...text.matchAll(new RegExp(CL100K_TOKEN_SPLIT_REGEX.source, CL100K_TOKEN_SPLIT_REGEX.flags))].map((m) => m[0]);
}

function scannedPieces(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0, end = 0; start < text.length; start = end) {
    end = pieceEnd(text, start);
    pieces.push(text.slice(start, end));
  }
  return pieces;
}

// Every alternative of the regex at its edges, in ASCII and next to letters, digits and spaces
// outside ASCII (where the scan hands the piece to the regex).
const EDGES = [
  "",
  "it's don't we're I've I'm you'll he'd IT'S DON'T WE'RE I'VE I'M YOU'LL HE'D",
  "'s 'S 'd 'm 't 'll 'lL 'Ll 'LL 've 'vE 'Ve 're 'rE 'l 'v 'r 'x '' ''s 'sa 'lla 'vex 'ref",
  "'l",
  "'v",
  "'",
  "x'",
  "'ll",
  "'l5",
  "'l é",
  "'é",
  "'lé",
  "'vé",
  "'3",
  "' s",
  "'\n",
  "'\ts",
  "1 12 123 1234 12345 123456 1234567 a1b22c333d4444",
  "1²3",
  "12٣",
  "١٢٣٤",
  "9é",
  "é9",
  "   \n\n  x",
  "  \n  \n",
  "\t\t\n",
  "x  \n",
  "x   y",
  "x \ty",
  "x\t y",
  "x  ",
  "   ",
  " ",
  "\n",
  "\r\n",
  "\n\r",
  "x\n\n\n",
  "  \u00a0x",
  "\u00a0\u00a0 ",
  " \u3000",
  "\u2028",
  "x \u00a0",
  "  é",
  " é",
  "\té",
  "\né",
  "a;\n\n\n",
  "};\r\n",
  " ++\n",
  " ++ ",
  "++\n\n  ",
  " (x)",
  "((foo",
  "(foo",
  " (",
  "\t(",
  "?\n",
  "==>",
  "-- \n",
  " — ",
  "x—y",
  "—\n",
  ";—",
  " ;—",
  "x;é",
  "🎉🎉",
  " 🎉\n",
  "a🎉b",
  "\ud800x",
  "x\udc00",
  "\u0000\u0001 \u007f\u001f",
  "\v\f x",
  "\u000bx",
  "\fx",
  "foo\vbar",
  "export async function fetchAll(ids: readonly string[]): Promise<Map<string, Item>> {",
  "  \t mixed   whitespace\t\t and  numbers 1234567 3.14159 ",
  "données, 数据, данные — émojis 🎉🎉 and \u00a0nbsp",
  'const marker = "<|endoftext|><|fim_middle|>";',
];

describe("pieceEnd", () => {
  it.each(EDGES)("splits %j exactly as the cl100k regex does", (text) => {
    expect(scannedPieces(text)).toEqual(regexPieces(text));
  });

  it("splits random strings of tricky characters exactly as the regex does", () => {
    const alphabet = ["a", "Z", "s", "l", "e", "v", "r", "'", "1", "9", " ", "  ", "\t", "\n", "\r", ";", "(", "é", "\u00a0", "٣", "🎉", "—"];
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const length = 1 + Math.floor(random() * 12);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(scannedPieces(text), JSON.stringify(text)).toEqual(regexPieces(text));
    }
  });

  it("splits 3,000 real files exactly as the regex does", async () => {
    const corpus = await collectCorpus({ minFiles: 3000 });
    let mismatched = 0;
    for (const file of corpus) {
      const expected = regexPieces(file.text);
      const actual = scannedPieces(file.text);
      if (actual.length !== expected.length || actual.some((piece, i) => piece !== expected[i])) {
        mismatched += 1;
        expect(actual, file.path).toEqual(expected);
      }
    }
    expect(mismatched).toBe(0);
  }, 120_000);
});
