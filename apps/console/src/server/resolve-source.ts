import { execFile } from "node:child_process";
import { basename, resolve } from "node:path";
import { promisify } from "node:util";
import { createGitHubClient, parseRepositoryFullName, type GitHubClient } from "@repo/console-github";
import type { SourceSpec } from "@repo/console-inngest";
import { ConnectError, type ConnectInput, type ConnectField } from "./connect-form";
import { installationClient, type GitHubAppCredentials } from "./github-app";

const run = promisify(execFile);

export interface GitHubCredentials {
  token?: string;
  app?: GitHubAppCredentials;
  baseUrl?: string;
}

/** Turns a Connect form into the source to store, or a ConnectError naming the field at fault. */
export async function resolveSource(input: ConnectInput, github: GitHubCredentials): Promise<SourceSpec> {
  switch (input.kind) {
    case "local":
      return resolveLocal(input.path, input.branch);
    case "github": {
      if (!github.token) throw new ConnectError("repository", "Set GITHUB_TOKEN (or GitHub App credentials) to connect GitHub repositories");
      const client = createGitHubClient({ auth: { kind: "token", token: github.token }, ...(github.baseUrl ? { baseUrl: github.baseUrl } : {}) });
      return resolveGitHub(client, input.repository, input.branch, null, "repository");
    }
    case "github-app": {
      if (!github.app) throw new ConnectError("installationRepository", "GitHub App credentials are not configured");
      const { installationId, fullName } = input.installationRepository;
      return resolveGitHub(installationClient(github.app, installationId), fullName, input.branch, installationId, "installationRepository");
    }
  }
}

async function resolveLocal(path: string, branch: string | undefined): Promise<SourceSpec> {
  const top = await run("git", ["-C", resolve(path), "rev-parse", "--show-toplevel"]).catch(() => null);
  if (!top) throw new ConnectError("path", `${path} is not a git repository (or git cannot read it)`);
  const dir = top.stdout.trim();
  const current = branch || (await run("git", ["-C", dir, "rev-parse", "--abbrev-ref", "HEAD"])).stdout.trim();
  const name = basename(dir);
  return { provider: "local", externalId: dir, fullName: name, owner: null, name, location: dir, branch: current, installationId: null, syncIntervalMinutes: 60 };
}

async function resolveGitHub(client: GitHubClient, fullName: string, branch: string | undefined, installationId: number | null, field: ConnectField): Promise<SourceSpec> {
  const parsed = parseRepositoryFullName(fullName);
  if (!parsed.ok) throw new ConnectError(field, parsed.message);
  const repo = await client.octokit.rest.repos.get({ owner: parsed.owner, repo: parsed.repo }).catch((error: unknown) => {
    throw new ConnectError(field, describeGitHubFailure(fullName, error));
  });
  return {
    provider: "github",
    // The repository id, not its name: a rename on GitHub keeps the source and its documents.
    externalId: String(repo.data.id),
    fullName: repo.data.full_name,
    owner: repo.data.owner.login,
    name: repo.data.name,
    location: repo.data.html_url,
    branch: branch || repo.data.default_branch,
    installationId,
    syncIntervalMinutes: 60,
  };
}

function describeGitHubFailure(fullName: string, error: unknown): string {
  const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : undefined;
  if (status === 404) return `${fullName} was not found, or these credentials cannot read it`;
  if (status === 401) return "GitHub rejected the credentials (401): check GITHUB_TOKEN or the App key";
  if (status === 403) return `GitHub refused access to ${fullName} (403): rate limit or missing permission`;
  return `GitHub could not be reached: ${error instanceof Error ? error.message : String(error)} (try again)`;
}
