import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncJson } from "./fixtures";

const BIN = fileURLToPath(new URL("../../bin/tributary.mjs", import.meta.url));
const moduleText = (i: number) =>
  Array.from(
    { length: 4 },
    (_, f) =>
      `/** Step ${f} of module ${i}. */\nexport function step${i}_${f}(input: number): number {\n${Array.from({ length: 30 }, (_, l) => `  input += ${l} * ${i}; // line ${l}`).join("\n")}\n  return input;\n}\n`,
  ).join("\n");

describe("tributary search --json through a pipe", () => {
  let repo: TestRepo;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-json-pipe-"));
    repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`src/module${i}.ts`, moduleText(i)])));
    await repo.commit("modules");
    await syncJson(repo.dir, { dataDir });
  }, 300_000);
  afterAll(async () => {
    await repo?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("prints complete JSON however large (-k 1000 | node -e 'JSON.parse(…)')", async () => {
    // A shell pipe into another process, as a user runs it: stdout is an asynchronous pipe.
    const parse = `let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).results;console.log(r.length+" "+s.length)})`;
    const command = `"${process.execPath}" "${BIN}" search "input step module" -k 1000 --chunks --json --data-dir "${dataDir}" | "${process.execPath}" -e '${parse}'`;
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn("sh", ["-c", command], { env: { PATH: process.env.PATH, HOME: process.env.HOME } });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [count, bytes] = stdout.trim().split(" ").map(Number);
    expect(count).toBeGreaterThan(300);
    expect(bytes).toBeGreaterThan(64 * 1024);
  }, 300_000);
});
