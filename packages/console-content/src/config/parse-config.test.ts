import { describe, expect, it } from "vitest";
import { parseTributaryConfig } from "./parse-config";
import { DEFAULT_MAX_FILE_BYTES } from "./schema";

function issuesOf(text: string) {
  const result = parseTributaryConfig(text, "tributary.yml");
  if (result.ok) throw new Error("expected a parse failure");
  return result;
}

describe("parseTributaryConfig", () => {
  it("applies defaults to a minimal file", () => {
    const result = parseTributaryConfig("version: 1\n");
    expect(result).toMatchObject({ ok: true, config: { version: 1, exclude: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES } });
  });

  it("reads every documented key", () => {
    const text = [
      "version: 1",
      "branch: release",
      "include: ['src/**', 'docs/**']",
      "exclude: ['**/*.test.ts']",
      "maxFileBytes: 2048",
      "chunking: { maxTokens: 256, overlapTokens: 32 }",
      "languages: [typescript, markdown]",
      "defaults: { lockfiles: false }",
      "schedule: { intervalMinutes: 15 }",
    ].join("\n");
    const result = parseTributaryConfig(text);
    expect(result.ok && result.config).toMatchObject({
      branch: "release",
      include: ["src/**", "docs/**"],
      exclude: ["**/*.test.ts"],
      maxFileBytes: 2048,
      chunking: { maxTokens: 256, overlapTokens: 32 },
      languages: ["typescript", "markdown"],
      defaults: { lockfiles: false, vendored: true, generated: true, binaries: true },
      schedule: { intervalMinutes: 15 },
    });
  });

  it("refuses a schedule below the 5-minute floor, pointing at the value", () => {
    const result = issuesOf("version: 1\nschedule:\n  intervalMinutes: 1\n");
    expect(result.issues).toEqual([expect.objectContaining({ line: 3, path: "schedule.intervalMinutes" })]);
  });

  it("reports a YAML syntax error with its line and column", () => {
    const result = issuesOf("version: 1\ninclude: [src/**\nexclude: []\n");
    expect(result.issues[0]).toMatchObject({ file: "tributary.yml", line: expect.any(Number), column: expect.any(Number) });
    expect(result.issues[0]!.line).toBeGreaterThanOrEqual(2);
    expect(result.message).toMatch(/^tributary\.yml:\d+:\d+: /);
  });

  it("points a wrong type at the value's line and column", () => {
    const result = issuesOf("version: 1\nchunking:\n  maxTokens: lots\n");
    expect(result.issues).toEqual([expect.objectContaining({ line: 3, column: 14, path: "chunking.maxTokens" })]);
  });

  it("points an unknown key at the key itself", () => {
    const result = issuesOf("version: 1\nbranch: main\nexlude: ['a']\n");
    expect(result.issues[0]).toMatchObject({ line: 3, column: 1 });
    expect(result.issues[0]!.message).toMatch(/exlude/);
  });

  it("points a bad list item at the item", () => {
    const result = issuesOf("version: 1\nexclude:\n  - ok/**\n  - 42\n");
    expect(result.issues[0]).toMatchObject({ line: 4, column: 5, path: "exclude.1" });
  });

  it("reports a missing or wrong version at the enclosing node", () => {
    expect(issuesOf("branch: main\n").issues[0]).toMatchObject({ line: 1, column: 1, path: "version" });
    expect(issuesOf("version: 2\n").issues[0]).toMatchObject({ line: 1, column: 10 });
  });

  it("rejects an overlap not smaller than the chunk size", () => {
    const result = issuesOf("version: 1\nchunking:\n  maxTokens: 100\n  overlapTokens: 100\n");
    expect(result.issues[0]).toMatchObject({ path: "chunking.overlapTokens", line: 4 });
  });

  it("treats an empty or comment-only file as the defaults", () => {
    expect(parseTributaryConfig("").ok).toBe(true);
    expect(parseTributaryConfig("# nothing yet\n").ok).toBe(true);
  });

  it("rejects a top-level value that is not a mapping", () => {
    expect(issuesOf("- a\n- b\n").issues[0]).toMatchObject({ line: 1, column: 1 });
  });
});
