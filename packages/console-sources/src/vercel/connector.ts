import type { ChangeSet, ConnectorItem, ItemConnector, ItemContent, ListChangesOptions, SourcePosition } from "@repo/console-types";
import { VercelApi } from "./api";
import type { VercelClientOptions } from "./client";
import { readVercelCursor, type VercelCursor } from "./cursor";
import { deploymentItem, deploymentVersion, projectItem, renderDeployment, renderProject } from "./documents";
import { FINAL_STATES, stateOf, type VercelDeploymentRecord, type VercelProjectRecord } from "./schemas";

export interface VercelConnectorOptions extends VercelClientOptions {
  /** Only this project (`vercel:<project>`); the whole team when unset. */
  projectId?: string;
}

/**
 * Vercel projects and deployments as documents; failed deployments carry their build log.
 * Incremental by the newest `created` seen; deployments still building are re-read until final.
 */
export class VercelConnector implements ItemConnector {
  readonly provider = "vercel" as const;
  private readonly api: VercelApi;
  private readonly projects = new Map<string, VercelProjectRecord>();
  private readonly deployments = new Map<string, VercelDeploymentRecord>();

  constructor(private readonly options: VercelConnectorOptions) {
    this.api = new VercelApi(options);
  }

  /** The newest deployment's id and state: one request; a new or finished deployment moves it. */
  async currentPosition(): Promise<SourcePosition> {
    const newest = await this.api.newestDeployment(this.options.projectId);
    return { kind: "cursor", value: newest ? `${newest.uid}:${stateOf(newest)}` : `none:${Date.now()}` };
  }

  async listChanges(since: SourcePosition | null, opts: ListChangesOptions = {}): Promise<ChangeSet> {
    const previous = since?.kind === "cursor" ? readVercelCursor(since.value) : undefined;
    const upserts = new Map<string, ConnectorItem>();
    const deletions = new Set<string>();
    const next: VercelCursor = { v: 1, pending: {}, projects: {}, ...(previous?.since !== undefined ? { since: previous.since } : {}) };

    for (const project of await this.listProjects()) {
      next.projects[project.id] = project.updatedAt;
      if (previous?.projects[project.id] !== project.updatedAt) upserts.set(projectItem(project).externalId, projectItem(project));
    }
    for (const id of Object.keys(previous?.projects ?? {})) if (!(id in next.projects)) deletions.add(`project:${id}`);

    const listed = await this.api.deployments({ projectId: this.options.projectId, since: previous?.since });
    const rechecked = await this.reread(
      [...Object.keys(previous?.pending ?? {}), ...(opts.recheck ?? []).filter((id) => id.startsWith("deployment:")).map((id) => id.slice(11))],
      listed,
    );
    for (const d of [...listed, ...rechecked.found]) {
      this.deployments.set(d.uid, d);
      next.since = Math.max(next.since ?? 0, d.created);
      if (!FINAL_STATES.has(stateOf(d))) next.pending[d.uid] = deploymentVersion(d);
      if (previous?.pending[d.uid] !== deploymentVersion(d)) upserts.set(deploymentItem(d).externalId, deploymentItem(d));
    }
    for (const uid of rechecked.gone) deletions.add(`deployment:${uid}`);
    for (const id of deletions) upserts.delete(id);
    return {
      position: { kind: "cursor", value: JSON.stringify(next) },
      upserts: [...upserts.values()],
      deletions: [...deletions],
      complete: previous === undefined,
    };
  }

  async *fetchContent(items: readonly ConnectorItem[]): AsyncIterable<ItemContent> {
    for (const item of items) {
      if (item.externalId.startsWith("project:")) {
        const project = this.projects.get(item.externalId.slice(8)) ?? (await this.listProjects()).find((p) => `project:${p.id}` === item.externalId);
        if (project) yield { status: "ok", item: projectItem(project), text: renderProject(project) };
        else yield { status: "skipped", item, reason: "the project was removed from Vercel" };
        continue;
      }
      const uid = item.externalId.slice(11);
      const d = this.deployments.get(uid) ?? (await this.api.deployment(uid));
      if (!d) {
        yield { status: "skipped", item, reason: "the deployment was deleted from Vercel" };
        continue;
      }
      // Only failed builds carry their log: that is what people search for when a deploy broke.
      const log = stateOf(d) === "ERROR" ? await this.api.buildLog(uid) : undefined;
      const { text, redactions } = renderDeployment(d, log);
      yield {
        status: "ok",
        item: deploymentItem(d),
        text,
        ...(Object.keys(redactions).length > 0 ? { redactions: redactions as Record<string, number> } : {}),
      };
    }
  }

  async listLiveIds(): Promise<string[]> {
    const projects = await this.listProjects();
    const deployments = await this.api.deployments({ projectId: this.options.projectId });
    return [...projects.map((p) => `project:${p.id}`), ...deployments.map((d) => `deployment:${d.uid}`)];
  }

  requestCount(): number {
    return this.api.client.requestCount();
  }

  private async listProjects(): Promise<VercelProjectRecord[]> {
    const all = (await this.api.projects()).filter((p) => !this.options.projectId || p.id === this.options.projectId || p.name === this.options.projectId);
    for (const p of all) this.projects.set(p.id, p);
    return all;
  }

  /** Re-reads deployments by id (those not already in this listing); 404 means deleted. */
  private async reread(uids: string[], listed: VercelDeploymentRecord[]): Promise<{ found: VercelDeploymentRecord[]; gone: string[] }> {
    const seen = new Set(listed.map((d) => d.uid));
    const found: VercelDeploymentRecord[] = [];
    const gone: string[] = [];
    for (const uid of new Set(uids)) {
      if (seen.has(uid)) continue;
      const d = await this.api.deployment(uid);
      if (d) found.push(d);
      else gone.push(uid);
    }
    return { found, gone };
  }
}
