"use server";

import { execFile } from "node:child_process";
import { basename, resolve } from "node:path";
import { promisify } from "node:util";
import { createGitHubClient } from "@repo/console-github";
import { connectSource, deleteRequested, queueSyncRequest, sourceConnected, syncRequested } from "@repo/console-inngest";
import { schema } from "@repo/console-db";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { z } from "zod";
import { env } from "../env";
import { getRuntime } from "./runtime";

const run = promisify(execFile);

const ConnectForm = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("local"), path: z.string().trim().min(1, "Enter the path of a git repository"), branch: z.string().trim().optional() }),
  z.object({ kind: z.literal("github"), repository: z.string().trim().regex(/^[\w.-]+\/[\w.-]+$/, "Enter owner/name, e.g. acme/widgets"), branch: z.string().trim().optional() }),
]);

function back(field: string, message: string): never {
  redirect(`/connect?field=${encodeURIComponent(field)}&error=${encodeURIComponent(message)}`);
}

export async function connectRepository(formData: FormData): Promise<void> {
  const parsed = ConnectForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) back(String(parsed.error.issues[0]?.path[0] ?? "kind"), parsed.error.issues[0]?.message ?? "Invalid input");
  const form = parsed.data;
  const { database, inngest, workspaceId, store } = await getRuntime();
  let sourceId: string;
  if (form.kind === "local") {
    const top = await run("git", ["-C", resolve(form.path), "rev-parse", "--show-toplevel"]).catch(() => null);
    if (!top) back("path", `${form.path} is not a git repository`);
    const dir = top.stdout.trim();
    const branch = form.branch || (await run("git", ["-C", dir, "rev-parse", "--abbrev-ref", "HEAD"])).stdout.trim();
    ({ source: { id: sourceId } } = await connectSource(database.db, workspaceId, store.id, { provider: "local", externalId: dir, fullName: basename(dir), owner: null, name: basename(dir), location: dir, branch, installationId: null, syncIntervalMinutes: 60 }));
  } else {
    if (!env.GITHUB_TOKEN) back("repository", "Set GITHUB_TOKEN (or GitHub App credentials) to connect GitHub repositories");
    const [owner, name] = form.repository.split("/") as [string, string];
    const client = createGitHubClient({ auth: { kind: "token", token: env.GITHUB_TOKEN }, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) });
    const repo = await client.octokit.rest.repos.get({ owner, repo: name }).catch((error: unknown) => back("repository", `GitHub: ${error instanceof Error ? error.message : String(error)}`));
    ({ source: { id: sourceId } } = await connectSource(database.db, workspaceId, store.id, {
      provider: "github",
      externalId: String(repo.data.id),
      fullName: repo.data.full_name,
      owner: repo.data.owner.login,
      name: repo.data.name,
      location: repo.data.html_url,
      branch: form.branch || repo.data.default_branch,
      installationId: null,
      syncIntervalMinutes: 60,
    }));
  }
  await inngest.send(sourceConnected.create({ sourceId, actor: "user" }));
  redirect(`/sources/${sourceId}`);
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
  await database.db.update(schema.sources).set({ status: "removed", statusReason: "removed from the console" }).where(eq(schema.sources.id, sourceId));
  await inngest.send(deleteRequested.create({ sourceId }));
  redirect("/");
}
