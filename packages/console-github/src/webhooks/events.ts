import { z } from "zod";

/** Small typed events: ids, shas and the delivery id, never file lists or whole payloads. */

const Sha = z.string().regex(/^[0-9a-f]{40}$/);
const RepositoryRef = z.object({ id: z.number().int(), fullName: z.string() });
export type RepositoryRef = z.infer<typeof RepositoryRef>;

const Base = { deliveryId: z.string().min(1), installationId: z.number().int().nullable() };

export const PushEventSchema = z.object({
  kind: z.literal("push"),
  ...Base,
  repository: RepositoryRef,
  branch: z.string().min(1),
  before: Sha,
  after: Sha,
  created: z.boolean(),
  /** The branch was deleted; `after` is all zeros. */
  deleted: z.boolean(),
  forced: z.boolean(),
  /**
   * `repository.pushed_at` of a push payload (epoch seconds): it tells a second, identical push
   * (same before/after, e.g. a force-push back and forth) from a replay of the same delivery.
   */
  pushedAt: z.number().nullable(),
});

export const InstallationEventSchema = z.object({
  kind: z.literal("installation"),
  ...Base,
  installationId: z.number().int(),
  action: z.enum(["created", "deleted", "suspend", "unsuspend"]),
  account: z.object({ id: z.number().int(), login: z.string() }).nullable(),
  /** Present on `created` when the installation covers selected repositories. */
  repositories: z.array(RepositoryRef),
});

export const InstallationRepositoriesEventSchema = z.object({
  kind: z.literal("installation_repositories"),
  ...Base,
  installationId: z.number().int(),
  action: z.enum(["added", "removed"]),
  added: z.array(RepositoryRef),
  removed: z.array(z.object({ id: z.number().int(), fullName: z.string().nullable() })),
});

export const RepositoryEventSchema = z.object({
  kind: z.literal("repository"),
  ...Base,
  action: z.enum(["renamed", "deleted", "transferred"]),
  repository: RepositoryRef,
  /** The name before a rename, or the owner's login before a transfer, when GitHub sends it. */
  previous: z.string().nullable(),
});

/** A well-formed delivery Tributary has no use for (ping, tag pushes, other events or actions). */
export const IgnoredEventSchema = z.object({
  kind: z.literal("ignored"),
  deliveryId: z.string().min(1),
  eventName: z.string(),
  reason: z.string(),
});

export const GitHubEventSchema = z.discriminatedUnion("kind", [
  PushEventSchema,
  InstallationEventSchema,
  InstallationRepositoriesEventSchema,
  RepositoryEventSchema,
  IgnoredEventSchema,
]);

export type PushEvent = z.infer<typeof PushEventSchema>;
export type InstallationEvent = z.infer<typeof InstallationEventSchema>;
export type InstallationRepositoriesEvent = z.infer<typeof InstallationRepositoriesEventSchema>;
export type RepositoryEvent = z.infer<typeof RepositoryEventSchema>;
export type IgnoredEvent = z.infer<typeof IgnoredEventSchema>;
export type GitHubEvent = z.infer<typeof GitHubEventSchema>;
