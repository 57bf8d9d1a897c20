import { randomUUID } from "node:crypto";
import { MonotonicClock } from "../http/monotonic-clock";

export interface LinearTeamRecord {
  id: string;
  key: string;
  name: string;
}
export interface LinearProjectRecord {
  id: string;
  name: string;
  teamIds: string[];
}
export interface LinearCommentRecord {
  id: string;
  issueId: string;
  body: string;
  userName: string;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
}
export interface LinearIssueRecord {
  id: string;
  teamId: string;
  number: number;
  title: string;
  description: string | null;
  projectId: string | null;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
  trashed: boolean;
}
export interface LinearDocumentRecord {
  id: string;
  slugId: string;
  title: string;
  content: string;
  projectId: string;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
  trashed: boolean;
}

export interface LinearSeed {
  teamKey?: string;
  issues: number;
  /** Comments per issue: a number, or a function of the issue's index (some issues beyond one page). */
  comments?: number | ((index: number) => number);
  documents?: number;
  /** Clock advance between seeded issues/documents (a history spread over time, not one instant). */
  spacingMs?: number;
}

/**
 * The in-memory Linear workspace the fake serves. Every edit stamps `updatedAt` from a clock that
 * only moves forward (one millisecond per edit at least), so `updatedAt` watermarks are exact.
 */
export class LinearWorkspace extends MonotonicClock {
  readonly teams = new Map<string, LinearTeamRecord>();
  readonly projects = new Map<string, LinearProjectRecord>();
  readonly issues = new Map<string, LinearIssueRecord>();
  readonly comments = new Map<string, LinearCommentRecord>();
  readonly documents = new Map<string, LinearDocumentRecord>();

  seed(seed: LinearSeed): { team: LinearTeamRecord; project: LinearProjectRecord } {
    const team = this.addTeam(seed.teamKey ?? "ENG");
    const project = this.addProject(`${team.key} roadmap`, [team.id]);
    for (let i = 0; i < seed.issues; i++) {
      this.advance(seed.spacingMs ?? 0);
      const issue = this.addIssue(team.id, {
        title: `Issue ${i + 1}`,
        description: `Description of issue ${i + 1}.\n\nSteps: ${i % 7}`,
        projectId: project.id,
      });
      const comments = typeof seed.comments === "function" ? seed.comments(i) : (seed.comments ?? 2);
      for (let c = 0; c < comments; c++) this.addComment(issue.id, `Comment ${c + 1} on issue ${i + 1}`);
    }
    for (let d = 0; d < (seed.documents ?? 0); d++, this.advance(seed.spacingMs ?? 0))
      this.addDocument(project.id, `Doc ${d + 1}`, `# Doc ${d + 1}\n\nBody of document ${d + 1}.`);
    return { team, project };
  }

  addTeam(key: string, name = `Team ${key}`): LinearTeamRecord {
    const team = { id: randomUUID(), key, name };
    this.teams.set(team.id, team);
    return team;
  }

  addProject(name: string, teamIds: string[]): LinearProjectRecord {
    const project = { id: randomUUID(), name, teamIds };
    this.projects.set(project.id, project);
    return project;
  }

  addIssue(teamId: string, fields: { title: string; description?: string | null; projectId?: string | null }): LinearIssueRecord {
    const number = [...this.issues.values()].filter((i) => i.teamId === teamId).length + 1;
    const at = this.now();
    const issue: LinearIssueRecord = {
      id: randomUUID(),
      teamId,
      number,
      title: fields.title,
      description: fields.description ?? null,
      projectId: fields.projectId ?? null,
      createdAt: at,
      updatedAt: at,
      archivedAt: null,
      trashed: false,
    };
    this.issues.set(issue.id, issue);
    return issue;
  }

  editIssue(id: string, patch: Partial<Pick<LinearIssueRecord, "title" | "description">>): LinearIssueRecord {
    const issue = this.must(this.issues, id);
    Object.assign(issue, patch, { updatedAt: this.now() });
    return issue;
  }

  archiveIssue(id: string): void {
    const issue = this.must(this.issues, id);
    const at = this.now();
    Object.assign(issue, { archivedAt: at, updatedAt: at });
  }

  /** Deleting an issue in Linear moves it to the trash: archived and `trashed`. */
  trashIssue(id: string): void {
    const issue = this.must(this.issues, id);
    const at = this.now();
    Object.assign(issue, { archivedAt: at, updatedAt: at, trashed: true });
  }

  /** Like Linear, a new or edited comment changes the comment's `updatedAt`, not the issue's. */
  addComment(issueId: string, body: string, userName = "Ada"): LinearCommentRecord {
    this.must(this.issues, issueId);
    const at = this.now();
    const comment = { id: randomUUID(), issueId, body, userName, createdAt: at, updatedAt: at, archivedAt: null };
    this.comments.set(comment.id, comment);
    return comment;
  }

  editComment(id: string, body: string): void {
    Object.assign(this.must(this.comments, id), { body, updatedAt: this.now() });
  }

  /** Deleting a comment archives it (it leaves the issue's comment list, its `updatedAt` moves). */
  deleteComment(id: string): void {
    const at = this.now();
    Object.assign(this.must(this.comments, id), { archivedAt: at, updatedAt: at });
  }

  addDocument(projectId: string, title: string, content: string): LinearDocumentRecord {
    const at = this.now();
    const id = randomUUID();
    const doc = { id, slugId: id.slice(0, 12), title, content, projectId, createdAt: at, updatedAt: at, archivedAt: null, trashed: false };
    this.documents.set(id, doc);
    return doc;
  }

  editDocument(id: string, content: string): void {
    Object.assign(this.must(this.documents, id), { content, updatedAt: this.now() });
  }

  trashDocument(id: string): void {
    const at = this.now();
    Object.assign(this.must(this.documents, id), { archivedAt: at, updatedAt: at, trashed: true });
  }

  identifier(issue: LinearIssueRecord): string {
    return `${this.must(this.teams, issue.teamId).key}-${issue.number}`;
  }

  commentsOf(issueId: string): LinearCommentRecord[] {
    return [...this.comments.values()].filter((c) => c.issueId === issueId).sort((a, b) => a.createdAt - b.createdAt);
  }

  private must<T>(map: Map<string, T>, id: string): T {
    const value = map.get(id);
    if (!value) throw new Error(`no such record in the fake Linear workspace: ${id}`);
    return value;
  }
}
