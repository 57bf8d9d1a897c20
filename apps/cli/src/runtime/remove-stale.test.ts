import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { removeStale as untyped } from "../../scripts/build.mjs";

const removeStale = untyped as (dist: string, keep: { build: string; template: string; now?: number }) => Promise<void>;

describe("removeStale (the CLI build's dist/ housekeeping)", () => {
  let dist: string | undefined;
  afterEach(async () => {
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it("removes builds and PGlite templates other than the current ones once a day old", async () => {
    dist = await mkdtemp(join(tmpdir(), "tributary-dist-"));
    const now = Date.now();
    const twoDaysAgo = new Date(now - 48 * 3600_000);
    const entries = {
      "build-1-1": twoDaysAgo,
      "build-2-2": new Date(now),
      "build-3-3": twoDaysAgo,
      "pglite-0.5.14-initdb-aaaaaaaaaaaa.tar.gz": twoDaysAgo,
      "pglite-0.5.14-initdb-bbbbbbbbbbbb.tar": twoDaysAgo,
      "pglite-0.5.14-initdb-bbbbbbbbbbbb.tar.gz": twoDaysAgo,
      "pglite-0.5.14-initdb-cccccccccccc.tar": new Date(now),
      "current.json": twoDaysAgo,
    };
    for (const [name, time] of Object.entries(entries)) {
      const path = join(dist, name);
      if (name.startsWith("build-")) await mkdir(path);
      else await writeFile(path, "x");
      await utimes(path, time, time);
    }
    await removeStale(dist, { build: "build-3-3", template: "pglite-0.5.14-initdb-bbbbbbbbbbbb.tar", now });
    expect((await readdir(dist)).sort()).toEqual([
      "build-2-2",
      "build-3-3",
      "current.json",
      "pglite-0.5.14-initdb-bbbbbbbbbbbb.tar",
      "pglite-0.5.14-initdb-cccccccccccc.tar",
    ]);
  });
});
