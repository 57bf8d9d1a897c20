"use server";

import { findSource } from "@repo/console-db";
import {
  checkItemCredential,
  connectedEvent,
  connectItemSource,
  connectSource,
  deleteRequested,
  requireItemTarget,
  queueRetryOfFailedWork,
  queueSyncRequest,
  removeSource as removeSourceFromIndex,
  setSyncInterval as setSourceInterval,
  syncRequested,
} from "@repo/console-inngest";
import { errorShapeOf, ITEM_PROVIDER_DESCRIPTORS, redactItemSecrets } from "@repo/console-types";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { env } from "../env";
import { ConnectError, ConnectForm, ItemProviderField, itemConnectFormOf } from "./connect-form";
import { resolveSource } from "./resolve-source";
import { requireAccess, type Access } from "./session";
import { githubCredentials, isEmbeddedMode, itemSourcesSettings } from "./settings";

// Every action starts with requireAccess(): anonymous callers are sent to sign in, and a source
// id is looked up within the caller's workspace only, so another workspace's id is a 404.

/** Back to the Connect page with the error shown next to its field and the typed value kept. */
function back(field: string, message: string, value?: string): never {
  const params = new URLSearchParams({ field, error: message, ...(value ? { value } : {}) });
  redirect(`/connect?${params}`);
}

const LOCAL_ONLY_EMBEDDED = "Local paths can be connected only when the console runs embedded (one user on this machine); connect a GitHub repository instead";
const actorOf = (access: Access) => (access.user.githubLogin ? `github:${access.user.githubLogin}` : `user:${access.user.id}`);

export async function connectRepository(formData: FormData): Promise<void> {
  const access = await requireAccess();
  const fields = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const parsed = ConnectForm.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    back(String(issue?.path[0] ?? "kind"), issue?.message ?? "Invalid input");
  }
  // The page hides the local form outside embedded mode; a hand-made POST must not get past here.
  if (parsed.data.kind === "local" && !isEmbeddedMode()) back("kind", LOCAL_ONLY_EMBEDDED);
  const spec = await resolveSource(parsed.data, githubCredentials()).catch((error: unknown) => {
    if (error instanceof ConnectError) back(error.field, error.message, fields.path ?? fields.repository);
    throw error;
  });
  const { runtime, workspace } = access;
  const store = await runtime.storeFor(workspace.id);
  const { source } = await connectSource(runtime.database.db, workspace.id, store.id, spec);
  await runtime.inngest.send(connectedEvent(source, actorOf(access)));
  redirect(`/sources/${source.id}`);
}

/**
 * Connects a Linear team, Notion page/database/workspace, Slack channel/workspace or Vercel
 * project/team with the token typed into its form. The target is parsed and the token tried
 * (one request) before anything is stored, so a bad target or a rejected token is an inline
 * error and nothing is connected. The token is never sent back to the page: only the scope is.
 */
export async function connectItem(formData: FormData): Promise<void> {
  const access = await requireAccess();
  const provider = ItemProviderField.safeParse(formData.get("provider"));
  if (!provider.success) back("kind", provider.error.issues[0]?.message ?? "Invalid input");
  const name = provider.data;
  const fields = Object.fromEntries(ITEM_PROVIDER_DESCRIPTORS[name].connect.fields.map((field) => [field.name, formData.get(field.name)]));
  const parsed = itemConnectFormOf(ITEM_PROVIDER_DESCRIPTORS[name]).safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `${name}-${String(issue?.path[0] ?? "scope")}`;
    back(field, issue?.message ?? "Invalid input", field.endsWith("-scope") ? String(fields.scope ?? "") : undefined);
  }
  const { scope, token } = parsed.data;
  const target = `${name}:${scope}`;
  try {
    requireItemTarget(target);
  } catch (error) {
    const shape = errorShapeOf(error);
    if (shape) back(`${name}-scope`, shape.message, scope);
    throw error;
  }
  const items = itemSourcesSettings();
  if (!items.credentialsKey) back("kind", "Set TRIBUTARY_CREDENTIALS_KEY (16+ characters) or TRIBUTARY_AUTH_SECRET so tokens can be stored sealed");
  const check = await checkItemCredential(target, token, items);
  // The connector names the problem, not the token; redacted anyway (the typed token and the secrets
  // the console holds) in case a service echoes them.
  if (!check.ok) back(`${name}-token`, redactItemSecrets(check.message.replaceAll(token, "[token]"), env), scope);
  const { runtime, workspace } = access;
  const store = await runtime.storeFor(workspace.id);
  const { source } = await connectItemSource(runtime.database.db, {
    workspaceId: workspace.id,
    storeId: store.id,
    target,
    token,
    credentialsKey: items.credentialsKey,
  });
  await runtime.inngest.send(connectedEvent(source, actorOf(access)));
  redirect(`/sources/${source.id}`);
}

const SourceId = z.string().min(1).max(100);

export async function syncNow(formData: FormData): Promise<void> {
  const { runtime, workspace } = await requireAccess();
  const source = await findSource(runtime.database.db, workspace.id, SourceId.parse(formData.get("sourceId")));
  if (!source) notFound();
  const { requestId } = await queueSyncRequest(runtime.database.db, { sourceId: source.id, commit: null, trigger: "manual" });
  await runtime.inngest.send(syncRequested.create({ sourceId: source.id, requestId, commit: null, trigger: "manual" }));
  redirect(`/sources/${source.id}`);
}

export async function removeSource(formData: FormData): Promise<void> {
  const { runtime, workspace } = await requireAccess();
  const sourceId = SourceId.parse(formData.get("sourceId"));
  // Hidden at once; the documents and their vectors are removed by the documents-delete function.
  if (!(await findSource(runtime.database.db, workspace.id, sourceId))) notFound();
  const removal = await removeSourceFromIndex({ db: runtime.database.db }, sourceId, "removed from the console");
  if (removal) await runtime.inngest.send(deleteRequested.create({ sourceId, connection: removal.connection }));
  redirect("/");
}

/** "Retry failed": re-sends the source's failed work; pressing it twice queues one sync. */
export async function retryFailed(formData: FormData): Promise<void> {
  const { runtime, workspace } = await requireAccess();
  const source = await findSource(runtime.database.db, workspace.id, SourceId.parse(formData.get("sourceId")));
  if (!source) notFound();
  const request = await queueRetryOfFailedWork(runtime.database.db, source.id, { trigger: "manual", now: new Date() });
  if (request && !request.duplicate)
    await runtime.inngest.send(syncRequested.create({ sourceId: source.id, requestId: request.requestId, commit: null, trigger: "manual" }));
  redirect(`/sources/${source.id}`);
}

const IntervalMinutes = z.coerce.number().int("a whole number of minutes").min(5, "at least 5 minutes").max(10080, "at most a week (10080 minutes)");

export async function setSyncInterval(formData: FormData): Promise<void> {
  const { runtime, workspace } = await requireAccess();
  const sourceId = SourceId.parse(formData.get("sourceId"));
  if (!(await findSource(runtime.database.db, workspace.id, sourceId))) notFound();
  const minutes = IntervalMinutes.safeParse(formData.get("minutes"));
  if (!minutes.success) redirect(`/sources/${sourceId}?${new URLSearchParams({ intervalError: minutes.error.issues[0]?.message ?? "invalid interval" })}`);
  await setSourceInterval(runtime.database.db, workspace.id, sourceId, minutes.data);
  redirect(`/sources/${sourceId}`);
}
