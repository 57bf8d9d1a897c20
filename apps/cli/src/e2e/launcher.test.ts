import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const LAUNCHER = fileURLToPath(new URL("../../bin/tributary", import.meta.url));
const ENTRY = fileURLToPath(new URL("../../bin/tributary.mjs", import.meta.url));
const YOUNG = "--max-semi-space-size=4";

interface Seen {
  pid: number;
  shellPid: number | undefined;
  code: number | null;
  args: string[];
  arenaMax: string;
  trimThreshold: string;
}

/**
 * bin/tributary, the command users run on POSIX systems, against a `node` on PATH that reports
 * what it was started with: glibc reads its allocator settings only when a process starts, so the
 * launcher must put them in the environment and then become Node (exec) rather than wait for it.
 */
describe("the tributary launcher", () => {
  let dir: string;
  let fakeBin: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tributary-launcher-"));
    fakeBin = join(dir, "fake-bin");
    await mkdir(fakeBin);
    // One argument per line; the environment the launcher exported; its own pid; a chosen status.
    await writeFile(
      join(fakeBin, "node"),
      `#!/bin/sh\necho "pid=$$"\necho "arena=\${MALLOC_ARENA_MAX-unset}"\necho "trim=\${MALLOC_TRIM_THRESHOLD_-unset}"\nfor a in "$@"; do echo "arg=$a"; done\nexit 7\n`,
    );
    await chmod(join(fakeBin, "node"), 0o755);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function launch(command: string, args: string[], env: Record<string, string> = {}): Promise<Seen> {
    const child = spawn(command, args, { env: { PATH: `${fakeBin}:/usr/bin:/bin`, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        const lines = out.trim().split("\n");
        const value = (key: string) => lines.find((line) => line.startsWith(`${key}=`))?.slice(key.length + 1) ?? "";
        resolve({
          pid: Number(value("pid")),
          shellPid: child.pid,
          code,
          args: lines.filter((line) => line.startsWith("arg=")).map((line) => line.slice(4)),
          arenaMax: value("arena"),
          trimThreshold: value("trim"),
        });
      });
    });
  }

  it("starts bin/tributary.mjs in its own process with the allocator settings, a small young generation and the arguments untouched", async () => {
    const seen = await launch("sh", [LAUNCHER, "search", "two words", "--data-dir", "/tmp/a b*"]);
    expect(seen.pid).toBe(seen.shellPid);
    expect(seen.code).toBe(7);
    expect(seen.args).toEqual([YOUNG, ENTRY, "search", "two words", "--data-dir", "/tmp/a b*"]);
    expect(seen.arenaMax).toBe("2");
    expect(seen.trimThreshold).toBe("4194304");
  });

  it("keeps the settings a user exported, and passes TRIBUTARY_NODE_ARGS to Node before the entry", async () => {
    const seen = await launch("sh", [LAUNCHER, "status"], {
      MALLOC_ARENA_MAX: "1",
      MALLOC_TRIM_THRESHOLD_: "0",
      TRIBUTARY_NODE_ARGS: "--cpu-prof --cpu-prof-dir=/tmp/p",
    });
    expect(seen.args).toEqual([YOUNG, "--cpu-prof", "--cpu-prof-dir=/tmp/p", ENTRY, "status"]);
    expect(seen.arenaMax).toBe("1");
    expect(seen.trimThreshold).toBe("0");
  });

  it("leaves the young generation to a semi-space size the user gave Node, in NODE_OPTIONS or TRIBUTARY_NODE_ARGS", async () => {
    const fromOptions = await launch("sh", [LAUNCHER, "sync"], { NODE_OPTIONS: "--max-semi-space-size=16" });
    expect(fromOptions.args).toEqual([ENTRY, "sync"]);
    const fromArgs = await launch("sh", [LAUNCHER, "sync"], { TRIBUTARY_NODE_ARGS: "--max_semi_space_size=8" });
    expect(fromArgs.args).toEqual(["--max_semi_space_size=8", ENTRY, "sync"]);
  });

  it("finds the entry beside the real file when started through a symlink elsewhere (an installed bin link)", async () => {
    const link = join(dir, "links", "tributary");
    await mkdir(join(dir, "links"));
    await symlink(LAUNCHER, link);
    const seen = await launch(link, ["--help"]);
    expect(seen.args).toEqual([YOUNG, ENTRY, "--help"]);
    expect(seen.pid).toBe(seen.shellPid);
  });
});
