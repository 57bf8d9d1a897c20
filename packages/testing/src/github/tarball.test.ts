import { Octokit } from "@octokit/rest";
import { buffer } from "node:stream/consumers";
import { gunzipSync } from "node:zlib";
import { extract } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github";
import { buildHostileTarball, LFS_POINTER, PNG_1X1 } from "./malicious-tarball";
import { TestRepo } from "./test-repo";

interface TarEntry {
  type: string;
  body: Buffer;
  linkname?: string | null;
}

async function readTarGz(tarGz: Buffer): Promise<Map<string, TarEntry>> {
  const entries = new Map<string, TarEntry>();
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on("entry", (header, stream, next) => {
      buffer(stream).then((body) => (entries.set(header.name, { type: header.type ?? "file", body, linkname: header.linkname }), next()), reject);
    });
    reader.on("finish", resolve);
    reader.on("error", reject);
  });
  reader.end(gunzipSync(tarGz));
  await done;
  return entries;
}

let repo: TestRepo;
let fake: FakeGitHub;
let octokit: Octokit;
let head: string;
const o = { owner: "acme", repo: "tarballs" };

beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.writeFiles({ "README.md": "# t\n", "src/deep/x.ts": "export {};\n" });
  await repo.writeFile("logo.png", PNG_1X1);
  await repo.symlink("docs-link", "README.md");
  await repo.addSubmodule("vendor/sub", "b".repeat(40));
  head = await repo.commit("files");
  fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "tarballs" }] });
  octokit = new Octokit({ baseUrl: fake.url });
});

afterAll(async () => {
  await fake.stop();
  await repo.remove();
});

describe("FakeGitHub tarballs", () => {
  it("redirects to a codeload download holding exactly the commit's files under <owner>-<repo>-<sha7>/", async () => {
    fake.resetCounters();
    const response = await octokit.rest.repos.downloadTarballArchive({ ...o, ref: "main" });
    expect(response.status).toBe(200);
    expect(response.url).toContain("/_codeload/acme/tarballs/legacy.tar.gz/");
    const entries = await readTarGz(Buffer.from(response.data as ArrayBuffer));
    const prefix = `acme-tarballs-${head.slice(0, 7)}/`;
    const files = [...entries]
      .filter(([, e]) => e.type === "file")
      .map(([name]) => name)
      .sort();
    expect(files).toEqual([".gitmodules", "README.md", "logo.png", "src/deep/x.ts"].map((p) => prefix + p).sort());
    expect(entries.get(`${prefix}logo.png`)?.body).toEqual(PNG_1X1);
    expect(entries.get(`${prefix}docs-link`)).toMatchObject({ type: "symlink", linkname: "README.md" });
    expect(entries.get(`${prefix}vendor/sub/`)?.type).toBe("directory");
    // git archive records the commit in a pax global header (comment=<sha>), as GitHub's tarballs do.
    expect(gunzipSync(Buffer.from(response.data as ArrayBuffer)).includes(`comment=${head}`)).toBe(true);
    expect(fake.count()).toBe(2);
    expect(fake.countApi()).toBe(1);
    expect(fake.countApi({ pathIncludes: "/tarball/" })).toBe(1);
  });

  it("serves the tarball directly with 200 when delivery is direct, and 404 for unknown refs", async () => {
    fake.setTarballDelivery("direct");
    try {
      fake.resetCounters();
      const response = await octokit.rest.repos.downloadTarballArchive({ ...o, ref: head });
      expect(response.headers["content-type"]).toBe("application/x-gzip");
      expect((await readTarGz(Buffer.from(response.data as ArrayBuffer))).has(`acme-tarballs-${head.slice(0, 7)}/README.md`)).toBe(true);
      expect(fake.count()).toBe(1);
      await expect(octokit.rest.repos.downloadTarballArchive({ ...o, ref: "no-such-branch" })).rejects.toMatchObject({ status: 404 });
    } finally {
      fake.setTarballDelivery("redirect");
    }
  });

  it("refuses codeload links without their token", async () => {
    const response = await fetch(`${fake.url}/_codeload/acme/tarballs/legacy.tar.gz/${head}`);
    expect(response.status).toBe(404);
  });

  it("serves an overriding hostile tarball whose entry names survive byte for byte", async () => {
    const hostile = await buildHostileTarball();
    fake.overrideTarball("evil-ref", hostile.tarGz);
    const response = await octokit.rest.repos.downloadTarballArchive({ ...o, ref: "evil-ref" });
    const entries = await readTarGz(Buffer.from(response.data as ArrayBuffer));
    for (const entry of hostile.entries) expect(entries.has(entry.name), entry.name).toBe(true);
    expect(entries.get("../evil.txt")?.body.toString()).toBe("escaped\n");
    expect(entries.get("/abs/path.txt")?.type).toBe("file");
    expect(entries.get(`${hostile.prefix}link-out`)).toMatchObject({ type: "symlink", linkname: "/etc/passwd" });
    expect(entries.get(`${hostile.prefix}big.txt`)?.body.length).toBe(20 * 1024 * 1024);
    expect(entries.get(`${hostile.prefix}image.png`)?.body).toEqual(PNG_1X1);
    expect(entries.get(`${hostile.prefix}model.bin`)?.body.toString()).toBe(LFS_POINTER);
    expect(new Set(hostile.entries.map((e) => e.kind))).toEqual(
      new Set(["keep", "path-traversal", "absolute-path", "symlink", "too-large", "binary", "lfs-pointer", "secret"]),
    );
  });
});
