import { VercelClient, type VercelClientOptions } from "./client";
import {
  BuildEventsSchema,
  DeploymentByIdSchema,
  DeploymentsPageSchema,
  ProjectsPageSchema,
  type VercelDeploymentRecord,
  type VercelProjectRecord,
} from "./schemas";

/** Vercel's maximum page size for projects and deployments. */
const PAGE = 100;

/** The reads a sync makes, each paged to the end with `until = pagination.next`. */
export class VercelApi {
  readonly client: VercelClient;

  constructor(options: VercelClientOptions) {
    this.client = new VercelClient(options);
  }

  async projects(): Promise<VercelProjectRecord[]> {
    const all: VercelProjectRecord[] = [];
    let until: number | undefined;
    do {
      const page = await this.client.get("/v9/projects", { limit: PAGE, until }, ProjectsPageSchema);
      all.push(...(page?.projects ?? []));
      until = page?.pagination?.next ?? undefined;
    } while (until !== undefined);
    return all;
  }

  /** Deployments created after `since` (all when unset), newest first, each once. */
  async deployments(filter: { projectId?: string; since?: number }): Promise<VercelDeploymentRecord[]> {
    const byUid = new Map<string, VercelDeploymentRecord>();
    let until: number | undefined;
    do {
      const page = await this.client.get("/v6/deployments", { limit: PAGE, until, since: filter.since, projectId: filter.projectId }, DeploymentsPageSchema);
      for (const d of page?.deployments ?? []) byUid.set(d.uid, d);
      until = page?.pagination?.next ?? undefined;
    } while (until !== undefined);
    return [...byUid.values()];
  }

  /** The newest deployment only (one request). */
  async newestDeployment(projectId?: string): Promise<VercelDeploymentRecord | undefined> {
    const page = await this.client.get("/v6/deployments", { limit: 1, projectId }, DeploymentsPageSchema);
    return page?.deployments[0];
  }

  async deployment(uid: string): Promise<VercelDeploymentRecord | undefined> {
    const d = await this.client.get(`/v13/deployments/${encodeURIComponent(uid)}`, {}, DeploymentByIdSchema);
    return d && { ...d, uid: d.id, created: d.created ?? d.createdAt ?? 0 };
  }

  /** The build log's lines, oldest first (`limit=-1`: every event, as one JSON array). */
  async buildLog(uid: string): Promise<string[] | undefined> {
    const events = await this.client.get(
      `/v3/deployments/${encodeURIComponent(uid)}/events`,
      { builds: 1, direction: "forward", limit: -1 },
      BuildEventsSchema,
    );
    return events?.map((e) => e.payload?.text ?? e.text ?? "").filter((line) => line.length > 0);
  }
}
