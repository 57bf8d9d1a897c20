import { z } from "zod";

// Only the fields Tributary acts on are declared; GitHub adds fields freely, so objects stay loose.

const Sha = z.string().regex(/^[0-9a-f]{40}$/);
const Id = z.number().int().nonnegative();

export const RepositoryPayload = z.looseObject({ id: Id, full_name: z.string().min(3) });
const InstallationRef = z.looseObject({ id: Id }).nullish();
const Account = z.looseObject({ id: Id, login: z.string().min(1) });

export const PushPayload = z.looseObject({
  ref: z.string().min(1),
  before: Sha,
  after: Sha,
  created: z.boolean(),
  deleted: z.boolean(),
  forced: z.boolean(),
  // Push payloads carry pushed_at as epoch seconds (other events as an ISO string).
  repository: RepositoryPayload.extend({ pushed_at: z.union([z.number(), z.string()]).nullish() }),
  installation: InstallationRef,
});

export const InstallationPayload = z.looseObject({
  action: z.string(),
  installation: z.looseObject({ id: Id, account: Account.nullish() }),
  repositories: z.array(RepositoryPayload).nullish(),
});

export const InstallationRepositoriesPayload = z.looseObject({
  action: z.string(),
  installation: z.looseObject({ id: Id }),
  repositories_added: z.array(RepositoryPayload),
  repositories_removed: z.array(RepositoryPayload.partial({ full_name: true })),
});

export const RepositoryEventPayload = z.looseObject({
  action: z.string(),
  repository: RepositoryPayload,
  installation: InstallationRef,
  changes: z
    .looseObject({
      repository: z.looseObject({ name: z.looseObject({ from: z.string() }) }).optional(),
      owner: z.looseObject({ from: z.looseObject({ user: z.looseObject({ login: z.string() }).optional() }).optional() }).optional(),
    })
    .optional(),
});
