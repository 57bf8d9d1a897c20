import { redactFileContent } from "@repo/console-github";
import { fakeSecrets } from "@repo/testing/secrets";
import { afterAll, describe, expect, it } from "vitest";
import { closeCpuPool, cpuPool } from "../cpu/cpu-pool";
import { createRedactingStager, GROUPS_AHEAD, type FetchedFile } from "./redacting-stager";

afterAll(() => closeCpuPool());

const secrets = fakeSecrets();
const encode = (text: string) => new TextEncoder().encode(text);

describe("the redacting stager", () => {
  it("stages every file in arrival order, secrets replaced on a worker thread, clean files as the very bytes that came in", async () => {
    // Three groups of redaction tasks; every seventh file holds a token.
    const files: FetchedFile[] = Array.from({ length: 230 }, (_, i) => ({
      sha: `sha${i}`,
      content: encode(i % 7 === 0 ? `export const token = "${secrets.githubTokens[0]}";\n// file ${i}\n` : `export const n${i} = ${i};\n`),
    }));
    const staged: Array<FetchedFile & { redactions: Record<string, number> }> = [];
    const stager = createRedactingStager(async (file) => {
      staged.push(file);
    });
    for (const file of files) await stager.add(file);
    await stager.finish();

    expect(cpuPool().mode()).toBe("workers");
    expect(staged.map((f) => f.sha)).toEqual(files.map((f) => f.sha));
    for (const [i, file] of files.entries()) {
      const expected = redactFileContent(file.content);
      expect(staged[i]!.redactions).toEqual(expected.redactions);
      expect(new TextDecoder().decode(staged[i]!.content)).toBe(new TextDecoder().decode(expected.content));
      if (i % 7 === 0) expect(new TextDecoder().decode(staged[i]!.content)).not.toContain(secrets.githubTokens[0]);
      else expect(staged[i]!.content).toBe(file.content);
    }
  });

  it("reads on while earlier groups wait to be staged, but at most GROUPS_AHEAD groups of 100 files", async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const staged: string[] = [];
    const stager = createRedactingStager(async (file) => {
      await gate;
      staged.push(file.sha);
    });
    let added = 0;
    const reading = (async () => {
      for (let i = 0; i < 1000; i++) {
        await stager.add({ sha: `sha${i}`, content: encode(`const x${i} = ${i};\n`) });
        added++;
      }
      await stager.finish();
    })();
    // The first group's writes are held: the reader stops inside the add that would send one group too many.
    for (let waited = 0; waited < 100 && added < 100 * GROUPS_AHEAD - 1; waited++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(GROUPS_AHEAD).toBeGreaterThan(2);
    expect(added).toBe(100 * GROUPS_AHEAD - 1);
    expect(staged).toEqual([]);
    open();
    await reading;
    expect(staged).toEqual(Array.from({ length: 1000 }, (_, i) => `sha${i}`));
  });

  it("fails finish() when staging a group failed", async () => {
    const stager = createRedactingStager(async (file) => {
      if (file.sha === "sha150") throw new Error("insert failed");
    });
    for (let i = 0; i < 230; i++) await stager.add({ sha: `sha${i}`, content: encode(`const x${i} = ${i};\n`) });
    await expect(stager.finish()).rejects.toThrow("insert failed");
  });
});
