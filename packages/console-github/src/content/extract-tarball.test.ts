import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { classifyPath, DEFAULT_CONFIG } from "@repo/console-content";
import { afterEach, describe, expect, it } from "vitest";
import { buildTarball, streamOf } from "../testing/build-tarball";
import { extractTarball, type ArchiveEntryOutcome } from "./extract-tarball";
import { gitBlobSha } from "./git-blob-sha";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const LFS = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
const MAX = 1024 * 1024;

async function collect(iterable: AsyncIterable<ArchiveEntryOutcome>) {
  const out: ArchiveEntryOutcome[] = [];
  for await (const outcome of iterable) out.push(outcome);
  return out;
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("extractTarball", () => {
  it("skips each hostile entry with its reason and writes nothing outside the working area", async () => {
    const sandbox = await mkdtemp(join(tmpdir(), "tributary-tar-"));
    dirs.push(sandbox);
    const workDir = join(sandbox, "work");
    const tarball = await buildTarball([
      { name: "acme-repo-abc123/", type: "directory" },
      { name: "acme-repo-abc123/src/ok.ts", content: "export const ok = 1;\n" },
      { name: "acme-repo-abc123/../evil", content: "escaped" },
      { name: "../evil", content: "escaped" },
      { name: "/tmp/tributary-absolute-evil", content: "absolute" },
      { name: "acme-repo-abc123/link", type: "symlink", linkname: "../../../../etc/passwd" },
      { name: "acme-repo-abc123/big.txt", content: Buffer.alloc(20 * 1024 * 1024, 0x61) },
      { name: "acme-repo-abc123/logo.png", content: PNG },
      { name: "acme-repo-abc123/image.dat", content: PNG },
      { name: "acme-repo-abc123/model.bin.txt", content: LFS },
      { name: "acme-repo-abc123/.env", content: "SECRET=1\n" },
    ]);

    const outcomes = await collect(extractTarball(streamOf(tarball), { maxFileBytes: MAX, classify: (p) => classifyPath(p, DEFAULT_CONFIG), workDir }));
    const byPath = Object.fromEntries(outcomes.map((o) => [o.path, o.status === "ok" ? "ok" : o.reason]));
    expect(byPath).toEqual({
      "src/ok.ts": "ok",
      "acme-repo-abc123/../evil": "unsafe-path",
      "../evil": "unsafe-path",
      "/tmp/tributary-absolute-evil": "unsafe-path",
      link: "symlink",
      "big.txt": "too-large",
      "logo.png": "binary",
      "image.dat": "binary",
      "model.bin.txt": "lfs-pointer",
      ".env": "secret",
    });
    const ok = outcomes.find((o) => o.path === "src/ok.ts");
    expect(ok).toMatchObject({ status: "ok", sha: gitBlobSha(Buffer.from("export const ok = 1;\n")), writtenTo: join(workDir, "src/ok.ts") });
    expect(await readdir(sandbox, { recursive: true })).toEqual(expect.arrayContaining(["work", "work/src", "work/src/ok.ts"]));
    expect(await readdir(sandbox, { recursive: true })).toHaveLength(3);
    await expect(readdir("/tmp/tributary-absolute-evil")).rejects.toThrow();
  });

  it("reads only wanted paths", async () => {
    const tarball = await buildTarball([
      { name: "top/a.ts", content: "a" },
      { name: "top/b.ts", content: "b" },
    ]);
    const outcomes = await collect(extractTarball(streamOf(tarball), { maxFileBytes: MAX, wanted: (p) => p === "b.ts" }));
    expect(outcomes).toEqual([{ path: "b.ts", status: "ok", sha: gitBlobSha(Buffer.from("b")), content: Buffer.from("b") }]);
  });

  it("refuses entries outside the archive's single top directory", async () => {
    const tarball = await buildTarball([
      { name: "top/a.ts", content: "a" },
      { name: "other/b.ts", content: "b" },
    ]);
    const outcomes = await collect(extractTarball(streamOf(tarball), { maxFileBytes: MAX }));
    expect(outcomes[1]).toMatchObject({ path: "other/b.ts", status: "skipped", reason: "unsafe-path" });
  });

  it("fails with a retryable error on a corrupt archive", async () => {
    const tarball = await buildTarball([{ name: "top/a.ts", content: "a".repeat(5000) }]);
    const corrupt = Buffer.concat([tarball.subarray(0, 40), Buffer.alloc(200, 7)]);
    await expect(collect(extractTarball(streamOf(corrupt), { maxFileBytes: MAX }))).rejects.toMatchObject({ code: "invalid-response", retryable: true });
  });
});
