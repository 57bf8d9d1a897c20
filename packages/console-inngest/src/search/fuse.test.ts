import { describe, expect, it } from "vitest";
import { fuse, groupByFile, type Candidate } from "./fuse";

const chunk = (path: string, extra: Partial<Candidate> = {}): Candidate => ({
  id: `${path}:${extra.startLine ?? 1}`,
  sourceId: "s",
  path,
  startLine: 1,
  endLine: 10,
  commit: "c",
  text: "",
  symbols: [],
  ...extra,
});

describe("fuse", () => {
  it("ranks a chunk both sides found above chunks only one side found", () => {
    const ranked = fuse([chunk("a.ts", { vectorRank: 1 }), chunk("b.ts", { vectorRank: 2, lexicalRank: 2 }), chunk("c.ts", { lexicalRank: 1 })], {
      text: "x",
      words: ["x"],
    });
    expect(ranked.map((c) => c.path)).toEqual(["b.ts", "c.ts", "a.ts"]);
  });

  it("puts the file defining the queried symbol above one that mentions it, and tests below code", () => {
    const ranked = fuse(
      [
        chunk("docs/usage.md", { lexicalRank: 1 }),
        chunk("src/client.test.ts", { lexicalRank: 2 }),
        chunk("src/core.ts", { lexicalRank: 3, symbols: ["parseManifest"] }),
      ],
      { text: "parseManifest", words: ["parseManifest"] },
    );
    expect(ranked.map((c) => c.path)).toEqual(["src/core.ts", "docs/usage.md", "src/client.test.ts"]);
  });

  it("does not push tests down when the query asks for tests", () => {
    const ranked = fuse([chunk("src/a.ts", { lexicalRank: 2 }), chunk("test/a.test.ts", { lexicalRank: 1 })], {
      text: "retry tests",
      words: ["retry", "tests"],
    });
    expect(ranked[0]?.path).toBe("test/a.test.ts");
  });

  it("does not push mocks down when the queried name is one (MockAgent)", () => {
    const ranked = fuse([chunk("index.js", { lexicalRank: 1 }), chunk("lib/mock/mock-agent.js", { lexicalRank: 4 })], {
      text: "MockAgent",
      words: ["MockAgent"],
    });
    expect(ranked[0]?.path).toBe("lib/mock/mock-agent.js");
    const other = fuse([chunk("index.js", { lexicalRank: 1 }), chunk("lib/mock/agent.js", { lexicalRank: 2 })], { text: "Agent", words: ["Agent"] });
    expect(other[0]?.path).toBe("index.js");
  });

  it("gives a test no boost for defining or being named after the queried name", () => {
    const ranked = fuse(
      [
        chunk("test/trust-proxy.test.js", { lexicalRank: 1, vectorRank: 2, symbols: ["trustProxy"] }),
        chunk("lib/request.js", { lexicalRank: 4, vectorRank: 1 }),
      ],
      { text: "trustProxy", words: ["trustProxy"] },
    );
    expect(ranked[0]?.path).toBe("lib/request.js");
  });

  it("keeps type declarations down when the query asks for tests or mocks", () => {
    const ranked = fuse([chunk("types/mock-agent.d.ts", { lexicalRank: 1 }), chunk("lib/mock/mock-interceptor.js", { lexicalRank: 3 })], {
      text: "mock responses for tests",
      words: ["mock", "responses", "tests"],
    });
    expect(ranked[0]?.path).toBe("lib/mock/mock-interceptor.js");
  });

  it("boosts a file named after the query", () => {
    const ranked = fuse([chunk("lib/a.js", { lexicalRank: 1 }), chunk("lib/helpers/isAbsoluteURL.js", { lexicalRank: 3 })], {
      text: "isAbsoluteURL",
      words: ["isAbsoluteURL"],
    });
    expect(ranked[0]?.path).toBe("lib/helpers/isAbsoluteURL.js");
  });

  it("treats an ordinary word in a sentence as a word, not as a file or symbol name", () => {
    const candidates = [chunk("lib/location.js", { lexicalRank: 2, symbols: ["location"] }), chunk("lib/redirect-handler.js", { lexicalRank: 1 })];
    const sentence = fuse(candidates, { text: "follow a redirect to the new location", words: ["follow", "redirect", "new", "location"] });
    expect(sentence[0]?.path).toBe("lib/redirect-handler.js");
    const name = fuse(candidates, { text: "location", words: ["location"] });
    expect(name[0]?.path).toBe("lib/location.js");
  });
});

describe("groupByFile", () => {
  it("keeps each file's best chunk and lists the others", () => {
    const ranked = fuse(
      [chunk("a.ts", { lexicalRank: 1 }), chunk("b.ts", { lexicalRank: 2 }), chunk("a.ts", { id: "a2", startLine: 40, endLine: 60, lexicalRank: 3 })],
      { text: "x", words: ["x"] },
    );
    const files = groupByFile(ranked);
    expect(files.map((f) => [f.best.path, f.others.map((o) => o.startLine)])).toEqual([
      ["a.ts", [40]],
      ["b.ts", []],
    ]);
  });
});
