import { createGitHubClient, resolveConnectTarget, SourceError, type ConnectTarget } from "@repo/console-github";
import type { SourceSpec } from "@repo/console-inngest";
import { ConnectError, type ConnectInput, type ConnectField } from "./connect-form";
import { installationClient, type GitHubAppCredentials } from "./github-app";

export interface GitHubCredentials {
  token?: string;
  app?: GitHubAppCredentials;
  baseUrl?: string;
}

/** Turns a Connect form into the source to store, or a ConnectError naming the field at fault. */
export async function resolveSource(input: ConnectInput, github: GitHubCredentials): Promise<SourceSpec> {
  switch (input.kind) {
    case "local":
      return resolve({ kind: "local", path: input.path, branch: input.branch }, "path");
    case "github": {
      if (!github.token) throw new ConnectError("repository", "Set GITHUB_TOKEN (or GitHub App credentials) to connect GitHub repositories");
      const client = createGitHubClient({ auth: { kind: "token", token: github.token }, ...(github.baseUrl ? { baseUrl: github.baseUrl } : {}) });
      return resolve({ kind: "github", fullName: input.repository, client, branch: input.branch }, "repository");
    }
    case "github-app": {
      if (!github.app) throw new ConnectError("installationRepository", "GitHub App credentials are not configured");
      const { installationId, fullName } = input.installationRepository;
      return resolve(
        { kind: "github", fullName, client: installationClient(github.app, installationId), branch: input.branch, installationId },
        "installationRepository",
      );
    }
  }
}

/** The shared resolver, with each failure named on the form field it belongs to. */
async function resolve(target: ConnectTarget, field: ConnectField): Promise<SourceSpec> {
  const resolved = await resolveConnectTarget(target).catch((error: unknown) => {
    throw error instanceof SourceError ? new ConnectError(field, describeFailure(target, error)) : error;
  });
  return { ...resolved, syncIntervalMinutes: 60 };
}

function describeFailure(target: ConnectTarget, error: SourceError): string {
  if (target.kind === "local") return error.message;
  const { fullName } = target;
  switch (error.code) {
    case "invalid-name":
      return error.message;
    case "not-found":
      return `${fullName} was not found, or these credentials cannot read it`;
    case "unauthorized":
      return "GitHub rejected the credentials (401): check GITHUB_TOKEN or the App key";
    case "forbidden":
    case "rate-limited":
      return `GitHub refused access to ${fullName} (403): rate limit or missing permission`;
    default:
      return `GitHub could not be reached: ${error.message} (try again)`;
  }
}
