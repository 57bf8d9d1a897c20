export type VercelState = "QUEUED" | "BUILDING" | "READY" | "ERROR" | "CANCELED";

export interface VercelProject {
  id: string;
  name: string;
  accountId: string;
  framework: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface VercelDeployment {
  uid: string;
  name: string;
  projectId: string;
  url: string;
  created: number;
  createdAt: number;
  buildingAt: number;
  ready?: number;
  state: VercelState;
  readyState: VercelState;
  target: "production" | "preview" | null;
  type: "LAMBDAS";
  creator: { uid: string; username: string };
  inspectorUrl: string;
  meta: { githubCommitSha: string; githubCommitMessage: string; githubCommitRef: string; githubCommitAuthorName: string };
}

export interface VercelLogLine {
  type: "command" | "stdout" | "stderr";
  created: number;
  text: string;
}

export const FINAL_STATES: ReadonlySet<VercelState> = new Set(["READY", "ERROR", "CANCELED"]);

/** An in-memory Vercel team: projects, their deployments and build logs, on a clock that only moves forward. */
export class VercelTeam {
  readonly projects = new Map<string, VercelProject>();
  readonly deployments = new Map<string, VercelDeployment>();
  readonly logs = new Map<string, VercelLogLine[]>();
  private clock: number;
  private serial = 0;

  constructor(
    readonly teamId = "team_fake",
    readonly slug = "acme",
    startMs = Date.parse("2026-06-01T00:00:00Z"),
  ) {
    this.clock = startMs;
  }

  tick(ms = 1000): number {
    this.clock += ms;
    return this.clock;
  }

  addProject(name: string, framework: string | null = "nextjs"): VercelProject {
    const now = this.tick();
    const project = { id: `prj_${name.replace(/\W/g, "")}${++this.serial}`, name, accountId: this.teamId, framework, createdAt: now, updatedAt: now };
    this.projects.set(project.id, project);
    return project;
  }

  /** Renames or reconfigures a project (moves updatedAt). */
  touchProject(projectId: string, changes: Partial<Pick<VercelProject, "name" | "framework">>): void {
    Object.assign(this.project(projectId), changes, { updatedAt: this.tick() });
  }

  removeProject(projectId: string): void {
    this.projects.delete(projectId);
    for (const [uid, d] of this.deployments) if (d.projectId === projectId) this.deleteDeployment(uid);
  }

  deploy(
    projectId: string,
    options: { state?: VercelState; commit?: string; message?: string; target?: "production" | "preview"; log?: string[] } = {},
  ): VercelDeployment {
    const project = this.project(projectId);
    const created = this.tick(60_000);
    const uid = `dpl_${(++this.serial).toString(36).padStart(6, "0")}${project.id.slice(4, 8)}`;
    const deployment: VercelDeployment = {
      uid,
      name: project.name,
      projectId,
      url: `${project.name}-${uid.slice(4, 12)}-${this.slug}.vercel.app`,
      created,
      createdAt: created,
      buildingAt: created + 500,
      state: "BUILDING",
      readyState: "BUILDING",
      target: options.target ?? "preview",
      type: "LAMBDAS",
      creator: { uid: "usr_1", username: "deployer" },
      inspectorUrl: `https://vercel.com/${this.slug}/${project.name}/${uid.slice(4)}`,
      meta: {
        githubCommitSha: options.commit ?? (this.serial * 2654435761).toString(16).padStart(40, "0").slice(0, 40),
        githubCommitMessage: options.message ?? `change ${this.serial}`,
        githubCommitRef: "main",
        githubCommitAuthorName: "Dev",
      },
    };
    this.deployments.set(uid, deployment);
    this.logs.set(
      uid,
      (options.log ?? ["Running build", "Build completed"]).map((text, i) => ({ type: i === 0 ? "command" : "stdout", created: created + i, text })),
    );
    if (options.state && options.state !== "BUILDING") this.finish(uid, options.state);
    return deployment;
  }

  /** Moves a deployment to a new state (a build finishing), optionally appending log lines. */
  finish(uid: string, state: VercelState, moreLog: string[] = []): void {
    const d = this.deployment(uid);
    const at = this.tick();
    d.state = state;
    d.readyState = state;
    if (FINAL_STATES.has(state)) d.ready = at;
    const log = this.logs.get(uid)!;
    for (const text of moreLog) log.push({ type: state === "ERROR" ? "stderr" : "stdout", created: this.tick(1), text });
  }

  deleteDeployment(uid: string): void {
    this.deployments.delete(uid);
    this.logs.delete(uid);
  }

  project(id: string): VercelProject {
    const project = this.projects.get(id);
    if (!project) throw new Error(`no project ${id}`);
    return project;
  }

  deployment(uid: string): VercelDeployment {
    const d = this.deployments.get(uid);
    if (!d) throw new Error(`no deployment ${uid}`);
    return d;
  }
}
