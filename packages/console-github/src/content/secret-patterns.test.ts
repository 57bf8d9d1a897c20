import { randomText, seededRandom } from "@repo/testing/random";
import { describe, expect, it } from "vitest";
import { ruleMatches, SECRET_RULES } from "./secret-patterns";

/** A match as data: where it starts, what it covers, and where its secret is. */
const described = (m: RegExpExecArray) => [m.index, m[0], m.indices?.groups?.secret ?? null];

describe("secret rules tried only where a match can start", () => {
  const windowed = SECRET_RULES.filter((rule) => rule.startWindow);

  it("covers the rules whose patterns open with a class or a lookbehind", () => {
    expect(windowed.map((rule) => rule.kind).sort()).toEqual(["assigned-secret", "url-password"]);
  });

  it("find exactly what the pattern scanned over the whole text finds, on random texts", () => {
    // Fragments that make, break or border matches: credential words in any case, name characters,
    // assignment operators, quotes, values, URL parts.
    const fragments = [
      "password",
      "PassWD",
      "pwd",
      "SECRET",
      "token",
      "key",
      "api_",
      "encryption-",
      "Credentials",
      "credential",
      "monkey",
      "=",
      ":",
      ":=",
      "=>",
      " ",
      "\t",
      '"',
      "'",
      "`",
      "a1B2c3D4e5F6",
      "Zq9xW7vU5",
      "x",
      "_",
      ".",
      "-",
      "/",
      "://",
      "https",
      "postgres",
      "user",
      ":s3cr3tPw9",
      "@",
      "db.example",
      "pg://",
      "://u:Zq9xW7vU5@h",
      "://:Zq9xW7vU5@",
      "\n",
      "#",
      ",",
      ";",
      "9",
      "É",
    ];
    const random = seededRandom(0x9e3779b9);
    const found = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const text = randomText(random, fragments, 40);
      for (const rule of windowed) {
        const expected = [...text.matchAll(rule.pattern)].map(described);
        found.set(rule.kind, (found.get(rule.kind) ?? 0) + expected.length);
        expect([...ruleMatches(rule, text)].map(described), `${rule.kind}: ${JSON.stringify(text)}`).toEqual(expected);
      }
    }
    // Both patterns did match (the comparisons are not between empty lists).
    for (const rule of windowed) expect(found.get(rule.kind), rule.kind).toBeGreaterThan(100);
  });

  it("reach back over the longest name and scheme, and no further", () => {
    const assigned = windowed.find((rule) => rule.kind === "assigned-secret")!;
    const url = windowed.find((rule) => rule.kind === "url-password")!;
    const cases: Array<[typeof assigned, string]> = [
      [assigned, `${"n".repeat(40)}encryption_key = "Zq9xW7vU5a1B2c3D4"`],
      [assigned, `${"n".repeat(41)}encryption_key = "Zq9xW7vU5a1B2c3D4"`],
      [assigned, `x.${"n".repeat(39)}_token: Zq9xW7vU5a1B2c3D4 and pwd=Zq9xW7vU5a1B2c3D4`],
      [url, `${"s".repeat(21)}://user:Zq9xW7vU5@host and b${"s".repeat(20)}://u:Zq9xW7vU5@h`],
      [url, `x${"s".repeat(21)}://user:Zq9xW7vU5@host`],
    ];
    for (const [rule, text] of cases) expect([...ruleMatches(rule, text)].map(described), text).toEqual([...text.matchAll(rule.pattern)].map(described));
    expect([...ruleMatches(assigned, cases[0]![1])].map(described)).toEqual([[0, `${"n".repeat(40)}encryption_key = "Zq9xW7vU5a1B2c3D4"`, [58, 75]]]);
  });
});
