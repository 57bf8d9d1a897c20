import { spawn } from "node:child_process";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestRepo } from "./test-repo";

const BIN = fileURLToPath(new URL("../../bin/fake-github.mjs", import.meta.url));
let repo: TestRepo;

beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.writeFile("hello.md", "hello\n");
  await repo.commit("hello");
});

afterAll(() => repo.remove());

describe("fake-github command", () => {
  it("prints its base URL as the first stdout line and serves the repository until killed", async () => {
    // Plain node (no tsx on the command line) from an unrelated cwd, as a user would run it.
    const child = spawn(process.execPath, [BIN, "--repo", repo.dir, "--port", "0", "--name", "widgets", "--token", "t0k"], {
      cwd: tmpdir(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const [firstLine] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const octokit = new Octokit({ baseUrl: firstLine, auth: "t0k" });
      const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "widgets" });
      expect(data.full_name).toBe("acme/widgets");
      const content = await octokit.rest.repos.getContent({ owner: "acme", repo: "widgets", path: "hello.md", mediaType: { format: "raw" } });
      expect(content.data).toBe("hello\n");
    } finally {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    }
  });
});
