import { mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeGitHub, TestRepo, generateAppKeyPair } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectError, ConnectForm } from "./connect-form";
import { listInstallableRepositories } from "./github-app";
import { resolveSource } from "./resolve-source";

const APP_ID = 777;
const keys = generateAppKeyPair();

describe("connecting repositories (GitHub App, token, local path)", () => {
  let hosted: TestRepo;
  let github: FakeGitHub;
  beforeAll(async () => {
    hosted = await TestRepo.create();
    await hosted.writeFiles({ "README.md": "# widgets\n" });
    await hosted.commit("init");
    github = await FakeGitHub.start({
      repos: [{ dir: hosted.dir, owner: "acme", name: "widgets", id: 4321 }],
      tokens: ["test-token"],
      app: { appId: APP_ID, publicKey: keys.publicKey, installationId: 55 },
    });
  });
  afterAll(async () => {
    await github?.stop();
    await hosted?.remove();
  });

  const app = () => ({ appId: String(APP_ID), privateKey: keys.privateKey, baseUrl: github.url });
  const form = (fields: Record<string, string>) => ConnectForm.parse(fields);

  it("lists the repositories of the App's installations with the App's own credentials", async () => {
    expect(await listInstallableRepositories(app())).toEqual([{ installationId: 55, fullName: "acme/widgets", defaultBranch: "main" }]);
  });

  it("connects an installation's repository through that installation", async () => {
    const spec = await resolveSource(form({ kind: "github-app", installationRepository: "55:acme/widgets" }), { app: app() });
    expect(spec).toMatchObject({ provider: "github", externalId: "4321", fullName: "acme/widgets", branch: "main", installationId: 55 });
  });

  it("connects owner/name with a token, and names the field when GitHub says no", async () => {
    const creds = { token: "test-token", baseUrl: github.url };
    expect(await resolveSource(form({ kind: "github", repository: "acme/widgets", branch: "dev" }), creds)).toMatchObject({
      externalId: "4321",
      branch: "dev",
      installationId: null,
    });
    const missing = resolveSource(form({ kind: "github", repository: "acme/nope" }), creds);
    await expect(missing).rejects.toEqual(new ConnectError("repository", "acme/nope was not found, or these credentials cannot read it"));
    await expect(resolveSource(form({ kind: "github", repository: "acme/widgets" }), {})).rejects.toMatchObject({ field: "repository" });
  });

  it("connects a local git repository by path and rejects a directory that is not one", async () => {
    expect(await resolveSource(form({ kind: "local", path: hosted.dir }), {})).toMatchObject({
      provider: "local",
      branch: "main",
      location: expect.stringContaining(hosted.dir.split("/").pop()!),
    });
    await expect(resolveSource(form({ kind: "local", path: "/nonexistent/dir" }), {})).rejects.toMatchObject({
      field: "path",
      message: expect.stringContaining("not a git repository"),
    });
  });

  it("turns malformed input into a message for the field", () => {
    const parsed = ConnectForm.safeParse({ kind: "github", repository: "not a repo" });
    expect(parsed.success ? undefined : parsed.error.issues[0]).toMatchObject({ path: ["repository"], message: "Enter owner/name, e.g. acme/widgets" });
  });

  it("makes a symlink to a local repository, its path and its realpath one source (as the CLI does)", async () => {
    const parent = await mkdtemp(join(tmpdir(), "tributary-console-target-"));
    try {
      await symlink(hosted.dir, join(parent, "link"));
      const real = await realpath(hosted.dir);
      const specs = await Promise.all([join(parent, "link"), hosted.dir, real].map((path) => resolveSource(form({ kind: "local", path }), {})));
      for (const spec of specs) expect(spec).toMatchObject({ provider: "local", externalId: real, location: real });
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
