import type { z } from "zod";
import type { GitHubEvent, RepositoryRef } from "./events";
import { InstallationPayload, InstallationRepositoriesPayload, PushPayload, RepositoryEventPayload, type RepositoryPayload } from "./payload-schemas";

export type PayloadParseResult = { ok: true; event: GitHubEvent } | { ok: false; issues: string[] };

const INSTALLATION_ACTIONS = ["created", "deleted", "suspend", "unsuspend"] as const;
const REPOSITORY_ACTIONS = ["renamed", "deleted", "transferred"] as const;
const BRANCH_PREFIX = "refs/heads/";

/** Turns an already verified and JSON-parsed payload into a small typed event. Never throws. */
export function parseWebhookPayload(eventName: string, deliveryId: string, payload: unknown): PayloadParseResult {
  const ignored = (reason: string): PayloadParseResult => ({ ok: true, event: { kind: "ignored", deliveryId, eventName, reason } });

  switch (eventName) {
    case "push": {
      const parsed = PushPayload.safeParse(payload);
      if (!parsed.success) return invalid(parsed.error);
      const p = parsed.data;
      if (!p.ref.startsWith(BRANCH_PREFIX)) return ignored(`not a branch: ${p.ref}`);
      return {
        ok: true,
        event: {
          kind: "push",
          deliveryId,
          installationId: p.installation?.id ?? null,
          repository: ref(p.repository),
          branch: p.ref.slice(BRANCH_PREFIX.length),
          before: p.before,
          after: p.after,
          created: p.created,
          deleted: p.deleted,
          forced: p.forced,
          pushedAt: typeof p.repository.pushed_at === "number" ? p.repository.pushed_at : null,
        },
      };
    }
    case "installation": {
      const parsed = InstallationPayload.safeParse(payload);
      if (!parsed.success) return invalid(parsed.error);
      const p = parsed.data;
      const action = oneOf(INSTALLATION_ACTIONS, p.action);
      if (!action) return ignored(`installation action ${p.action}`);
      const account = p.installation.account ? { id: p.installation.account.id, login: p.installation.account.login } : null;
      const repositories = (p.repositories ?? []).map(ref);
      return { ok: true, event: { kind: "installation", deliveryId, installationId: p.installation.id, action, account, repositories } };
    }
    case "installation_repositories": {
      const parsed = InstallationRepositoriesPayload.safeParse(payload);
      if (!parsed.success) return invalid(parsed.error);
      const p = parsed.data;
      const action = oneOf(["added", "removed"] as const, p.action);
      if (!action) return ignored(`installation_repositories action ${p.action}`);
      const removed = p.repositories_removed.map((r) => ({ id: r.id, fullName: r.full_name ?? null }));
      return {
        ok: true,
        event: { kind: "installation_repositories", deliveryId, installationId: p.installation.id, action, added: p.repositories_added.map(ref), removed },
      };
    }
    case "repository": {
      const parsed = RepositoryEventPayload.safeParse(payload);
      if (!parsed.success) return invalid(parsed.error);
      const p = parsed.data;
      const action = oneOf(REPOSITORY_ACTIONS, p.action);
      if (!action) return ignored(`repository action ${p.action}`);
      const previous = p.changes?.repository?.name.from ?? p.changes?.owner?.from?.user?.login ?? null;
      return {
        ok: true,
        event: { kind: "repository", deliveryId, installationId: p.installation?.id ?? null, action, repository: ref(p.repository), previous },
      };
    }
    default:
      return ignored(`event ${eventName}`);
  }
}

/** Whether a push event concerns the branch a source follows. */
export function pushTargetsBranch(event: GitHubEvent, branch: string): boolean {
  return event.kind === "push" && event.branch === branch;
}

function ref(repository: z.infer<typeof RepositoryPayload>): RepositoryRef {
  return { id: repository.id, fullName: repository.full_name };
}

function oneOf<const T extends readonly string[]>(allowed: T, value: string): T[number] | undefined {
  return allowed.find((candidate) => candidate === value);
}

function invalid(error: z.ZodError): PayloadParseResult {
  return { ok: false, issues: error.issues.slice(0, 10).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`) };
}
