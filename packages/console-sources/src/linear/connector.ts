import type { ChangeSet, ConnectorItem, ItemConnector, ItemContent, SourcePosition } from "@repo/console-types";
import { documentMarkdown, issueMarkdown, issueVersion } from "./markdown";
import {
  CHANGED_COMMENTS,
  DOCUMENTS_PAGE,
  ISSUE_COMMENTS,
  ISSUE_PAGE_SIZE,
  ISSUES_PAGE,
  LIVE_DOCUMENT_IDS,
  LIVE_IDS,
  MAX_PAGE,
  NESTED_COMMENTS,
  POSITION,
  type CommentNode,
  type Connection,
  type DocumentNode,
  type IssueNode,
} from "./queries";
import { LinearTransport, type LinearTransportOptions } from "./transport";

export interface LinearConnectorOptions extends LinearTransportOptions {
  /** The team whose issues and project documents this source holds (`linear:<team-key>`). */
  teamKey: string;
  /** How far before the last watermark an incremental listing starts (clock skew, late commits). */
  overlapMs?: number;
}

const ISSUE_PREFIX = "issues/";
const DOCUMENT_PREFIX = "documents/";

/** Issues (with every comment) and project documents of one Linear team, as an ItemConnector. */
export class LinearConnector implements ItemConnector {
  readonly provider = "linear" as const;
  private readonly transport: LinearTransport;
  private readonly teamKey: string;
  private readonly overlapMs: number;
  /** Texts read while listing, so fetchContent needs no second round trip for them. */
  private readonly texts = new Map<string, { version: string; text: string }>();

  constructor(options: LinearConnectorOptions) {
    this.transport = new LinearTransport(options);
    this.teamKey = options.teamKey;
    this.overlapMs = options.overlapMs ?? 5 * 60_000;
  }

  requestCount(): number {
    return this.transport.requestCount();
  }

  async currentPosition(): Promise<SourcePosition> {
    type Latest = { nodes: Array<{ updatedAt: string }> };
    const data = await this.transport.query<{ issues: Latest; documents: Latest; comments: Latest }>(POSITION, {
      issueFilter: this.issueFilter(),
      documentFilter: this.documentFilter(),
      commentFilter: { issue: this.issueFilter() },
    });
    const stamps = [data.issues, data.documents, data.comments].flatMap((c) => c.nodes.map((n) => n.updatedAt));
    return { kind: "cursor", value: stamps.reduce((max, s) => (s > max ? s : max), new Date(0).toISOString()) };
  }

  async listChanges(since: SourcePosition | null): Promise<ChangeSet> {
    const watermark = since?.kind === "cursor" && !Number.isNaN(Date.parse(since.value)) ? since.value : null;
    const gte = watermark ? new Date(Date.parse(watermark) - this.overlapMs).toISOString() : null;
    const incremental = gte !== null;
    // What currentPosition reports now (archived items and comments included) is where this listing
    // stands at least, so a schedule that finds nothing new sees an equal position, not a perpetual change.
    const floor = (await this.currentPosition()).value;
    const issues = await this.pageAll<IssueNode>("issues", ISSUES_PAGE, {
      first: ISSUE_PAGE_SIZE,
      commentsFirst: NESTED_COMMENTS,
      includeArchived: incremental,
      filter: this.issueFilter(gte),
    });
    if (gte) issues.push(...(await this.issuesWithChangedComments(gte, new Set(issues.map((i) => i.id)))));
    const documents = await this.pageAll<DocumentNode>("documents", DOCUMENTS_PAGE, {
      first: MAX_PAGE,
      includeArchived: incremental,
      filter: this.documentFilter(gte),
    });

    const upserts: ConnectorItem[] = [];
    const deletions: string[] = [];
    let latest = watermark && watermark > floor ? watermark : floor;
    for (const issue of issues) {
      const comments = await this.allComments(issue);
      const version = issueVersion(issue, comments);
      // The position covers comments too: currentPosition sees their updatedAt, so must the cursor.
      for (const stamp of [issue.updatedAt, ...comments.map((c) => c.updatedAt)]) if (stamp > latest) latest = stamp;
      if (issue.archivedAt || issue.trashed) deletions.push(issue.id);
      else {
        upserts.push({
          externalId: issue.id,
          path: `${ISSUE_PREFIX}${issue.identifier}.md`,
          title: `${issue.identifier}: ${issue.title}`,
          version,
          url: issue.url,
        });
        this.texts.set(issue.id, { version, text: issueMarkdown(issue, comments) });
      }
    }
    for (const doc of documents) {
      if (doc.updatedAt > latest) latest = doc.updatedAt;
      if (doc.archivedAt || doc.trashed) deletions.push(doc.id);
      else {
        upserts.push({ externalId: doc.id, path: `${DOCUMENT_PREFIX}${doc.slugId}.md`, title: doc.title, version: doc.updatedAt, url: doc.url });
        this.texts.set(doc.id, { version: doc.updatedAt, text: documentMarkdown(doc) });
      }
    }
    return { position: { kind: "cursor", value: latest }, upserts, deletions, complete: !incremental };
  }

  async *fetchContent(items: readonly ConnectorItem[]): AsyncIterable<ItemContent> {
    const missing = items.filter((item) => this.texts.get(item.externalId)?.version !== item.version);
    if (missing.length > 0) await this.refetch(missing);
    for (const item of items) {
      const cached = this.texts.get(item.externalId);
      if (cached) yield { status: "ok", item: { ...item, version: cached.version }, text: cached.text };
      else yield { status: "skipped", item, reason: "no longer in Linear (deleted, archived or moved out of the team)" };
    }
  }

  async listLiveIds(): Promise<string[]> {
    const issues = await this.pageAll<{ id: string }>("issues", LIVE_IDS, { first: MAX_PAGE, filter: this.issueFilter() });
    const docs = await this.pageAll<{ id: string }>("documents", LIVE_DOCUMENT_IDS, { first: MAX_PAGE, filter: this.documentFilter() });
    return [...issues, ...docs].map((n) => n.id);
  }

  private issueFilter(gte?: string | null) {
    return { team: { key: { eq: this.teamKey } }, ...(gte ? { updatedAt: { gte } } : {}) };
  }

  private documentFilter(gte?: string | null) {
    return { project: { accessibleTeams: { some: { key: { eq: this.teamKey } } } }, ...(gte ? { updatedAt: { gte } } : {}) };
  }

  /** Issues of this team whose comments changed since `gte` though the issue itself did not. */
  private async issuesWithChangedComments(gte: string, known: Set<string>): Promise<IssueNode[]> {
    type Changed = { updatedAt: string; issue: { id: string; team: { key: string } } | null };
    const changed = await this.pageAll<Changed>("comments", CHANGED_COMMENTS, { first: MAX_PAGE, filter: { updatedAt: { gte } } });
    const ids = [...new Set(changed.filter((c) => c.issue?.team.key === this.teamKey).map((c) => c.issue!.id))].filter((id) => !known.has(id));
    return this.issuesById(ids);
  }

  private async issuesById(ids: readonly string[]): Promise<IssueNode[]> {
    const found: IssueNode[] = [];
    for (let i = 0; i < ids.length; i += ISSUE_PAGE_SIZE) {
      const batch = ids.slice(i, i + ISSUE_PAGE_SIZE);
      found.push(
        ...(await this.pageAll<IssueNode>("issues", ISSUES_PAGE, {
          first: ISSUE_PAGE_SIZE,
          commentsFirst: NESTED_COMMENTS,
          includeArchived: true,
          filter: { ...this.issueFilter(), id: { in: batch } },
        })),
      );
    }
    return found;
  }

  /** Every comment of an issue: the nested first page, then the rest page by page (never only the first 50). */
  private async allComments(issue: IssueNode): Promise<CommentNode[]> {
    const comments = [...issue.comments.nodes];
    let page = issue.comments.pageInfo;
    while (page.hasNextPage) {
      const data = await this.transport.query<{ issue: { comments: Connection<CommentNode> } }>(ISSUE_COMMENTS, {
        id: issue.id,
        first: MAX_PAGE,
        after: page.endCursor,
      });
      comments.push(...data.issue.comments.nodes);
      page = data.issue.comments.pageInfo;
    }
    return comments;
  }

  private async refetch(items: readonly ConnectorItem[]): Promise<void> {
    const issueIds = items.filter((i) => i.path.startsWith(ISSUE_PREFIX)).map((i) => i.externalId);
    for (const issue of await this.issuesById(issueIds)) {
      if (issue.archivedAt || issue.trashed) continue;
      const comments = await this.allComments(issue);
      this.texts.set(issue.id, { version: issueVersion(issue, comments), text: issueMarkdown(issue, comments) });
    }
    const docIds = items.filter((i) => i.path.startsWith(DOCUMENT_PREFIX)).map((i) => i.externalId);
    for (let i = 0; i < docIds.length; i += MAX_PAGE) {
      const docs = await this.pageAll<DocumentNode>("documents", DOCUMENTS_PAGE, {
        first: MAX_PAGE,
        filter: { ...this.documentFilter(), id: { in: docIds.slice(i, i + MAX_PAGE) } },
      });
      for (const doc of docs) this.texts.set(doc.id, { version: doc.updatedAt, text: documentMarkdown(doc) });
    }
  }

  private async pageAll<N>(field: string, query: string, variables: Record<string, unknown>): Promise<N[]> {
    const nodes: N[] = [];
    let after: string | null = null;
    for (;;) {
      const data: Record<string, Connection<N>> = await this.transport.query(query, { ...variables, after });
      const page = data[field]!;
      nodes.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }
}
