import { describe, expect, it } from "vitest";
import { documentVectorPrefix, sourceVectorPrefix, vectorId } from "./ids";

describe("vector ids", () => {
  it("nest document prefixes under their source and keep repos apart", () => {
    const id = vectorId("src_a", "README.md", "a".repeat(64));
    expect(id.startsWith(documentVectorPrefix("src_a", "README.md"))).toBe(true);
    expect(id.startsWith(sourceVectorPrefix("src_a"))).toBe(true);
    expect(id).not.toBe(vectorId("src_b", "README.md", "a".repeat(64)));
    expect(sourceVectorPrefix("src_1")).not.toBe(sourceVectorPrefix("src_10").slice(0, 6));
  });

  it("stay within Pinecone's 512-character limit for any path", () => {
    expect(vectorId("src_a", "x/".repeat(2000), "b".repeat(64), 12).length).toBeLessThan(100);
  });
});
