"use server";

import { connectedEvent, connectSource, deleteRequested, queueSyncRequest, removeSource as removeSourceFromIndex, syncRequested } from "@repo/console-inngest";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ConnectError, ConnectForm } from "./connect-form";
import { resolveSource } from "./resolve-source";
import { getRuntime } from "./runtime";
import { githubCredentials, isEmbeddedMode } from "./settings";

/** Back to the Connect page with the error shown next to its field and the typed value kept. */
function back(field: string, message: string, value?: string): never {
  const params = new URLSearchParams({ field, error: message, ...(value ? { value } : {}) });
  redirect(`/connect?${params}`);
}

const LOCAL_ONLY_EMBEDDED = "Local paths can be connected only when the console runs embedded (without DATABASE_URL); connect a GitHub repository instead";

export async function connectRepository(formData: FormData): Promise<void> {
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
  const { database, inngest, workspaceId, store } = await getRuntime();
  const { source } = await connectSource(database.db, workspaceId, store.id, spec);
  await inngest.send(connectedEvent(source, "user"));
  redirect(`/sources/${source.id}`);
}

export async function syncNow(formData: FormData): Promise<void> {
  const sourceId = z.string().min(1).parse(formData.get("sourceId"));
  const { database, inngest } = await getRuntime();
  const { requestId } = await queueSyncRequest(database.db, { sourceId, commit: null, trigger: "manual" });
  await inngest.send(syncRequested.create({ sourceId, requestId, commit: null, trigger: "manual" }));
  redirect(`/sources/${sourceId}`);
}

export async function removeSource(formData: FormData): Promise<void> {
  const sourceId = z.string().min(1).parse(formData.get("sourceId"));
  const { database, inngest } = await getRuntime();
  // Hidden at once; the documents and their vectors are removed by the documents-delete function.
  const removal = await removeSourceFromIndex({ db: database.db }, sourceId, "removed from the console");
  if (removal) await inngest.send(deleteRequested.create({ sourceId, connection: removal.connection }));
  redirect("/");
}
