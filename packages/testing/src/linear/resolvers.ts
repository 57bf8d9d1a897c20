import { GraphQLError } from "graphql";
import { connection, type ConnectionArgs } from "./connection";
import { matchesFilter, type Filter } from "./filters";
import type { LinearCommentRecord, LinearDocumentRecord, LinearIssueRecord, LinearProjectRecord, LinearTeamRecord, LinearWorkspace } from "./workspace";

type Args = ConnectionArgs & { filter?: Filter | null };
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The root value for `graphql.execute`: plain objects whose function fields take the field's arguments. */
export function linearRoot(ws: LinearWorkspace, origin: string) {
  const teamNode = (t: LinearTeamRecord) => ({ id: t.id, key: t.key, name: t.name });
  const projectNode = (p: LinearProjectRecord) => ({ id: p.id, name: p.name, url: `${origin}/project/${p.id}` });
  const teamMatches = (teamId: string, f: Filter) => matchesFilter(ws.teams.get(teamId)!, f, { id: (t) => t.id, key: (t) => t.key });
  const projectMatches = (projectId: string | null, f: Filter): boolean => {
    if (f.null !== undefined && (projectId === null) !== f.null) return false;
    const project = projectId ? ws.projects.get(projectId) : undefined;
    if (!project) return f.null === true;
    const { null: _null, ...rest } = f;
    return matchesFilter(
      project,
      rest,
      { id: (p) => p.id },
      {
        accessibleTeams: (p, tf) => matchesFilter(p, tf, {}, { some: (pp, some) => pp.teamIds.some((id) => teamMatches(id, some)) }),
      },
    );
  };

  const commentNode = (c: LinearCommentRecord): Record<string, unknown> => ({
    id: c.id,
    body: c.body,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    archivedAt: iso(c.archivedAt),
    url: `${origin}/comment/${c.id}`,
    user: { id: `user-${c.userName}`, name: c.userName, displayName: c.userName.toLowerCase() },
    issue: () => issueNode(ws.issues.get(c.issueId)!),
  });
  const commentFilter = (c: LinearCommentRecord, filter: Filter | null | undefined) =>
    matchesFilter(
      c,
      filter,
      { id: (r) => r.id, updatedAt: (r) => r.updatedAt },
      {
        project: (r, f) => projectMatches(ws.issues.get(r.issueId)!.projectId, f),
        issue: (r, f) => issueFilter(ws.issues.get(r.issueId)!, f),
      },
    );

  const issueNode = (i: LinearIssueRecord): Record<string, unknown> => {
    const identifier = ws.identifier(i);
    return {
      id: i.id,
      identifier,
      number: i.number,
      title: i.title,
      description: i.description,
      url: `${origin}/issue/${identifier}`,
      createdAt: iso(i.createdAt),
      updatedAt: iso(i.updatedAt),
      archivedAt: iso(i.archivedAt),
      trashed: i.trashed ? true : null,
      team: teamNode(ws.teams.get(i.teamId)!),
      project: i.projectId ? projectNode(ws.projects.get(i.projectId)!) : null,
      comments: (args: Args) =>
        connection(
          ws.commentsOf(i.id).filter((c) => commentFilter(c, args.filter)),
          args,
          commentNode,
        ),
    };
  };
  const issueFilter = (i: LinearIssueRecord, filter: Filter | null | undefined) =>
    matchesFilter(
      i,
      filter,
      { id: (r) => r.id, updatedAt: (r) => r.updatedAt, archivedAt: (r) => r.archivedAt },
      {
        team: (r, f) => teamMatches(r.teamId, f),
        project: (r, f) => projectMatches(r.projectId, f),
      },
    );

  const documentNode = (d: LinearDocumentRecord): Record<string, unknown> => ({
    id: d.id,
    slugId: d.slugId,
    title: d.title,
    content: d.content,
    url: `${origin}/document/${d.slugId}`,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    archivedAt: iso(d.archivedAt),
    trashed: d.trashed ? true : null,
    project: projectNode(ws.projects.get(d.projectId)!),
    team: null,
  });
  const documentFilter = (d: LinearDocumentRecord, filter: Filter | null | undefined) =>
    matchesFilter(d, filter, { id: (r) => r.id, updatedAt: (r) => r.updatedAt }, { project: (r, f) => projectMatches(r.projectId, f) });

  return {
    viewer: { id: "user-viewer", name: "Fake Viewer", displayName: "viewer" },
    issue: ({ id }: { id: string }) => {
      const issue = ws.issues.get(id) ?? [...ws.issues.values()].find((i) => ws.identifier(i) === id);
      if (!issue)
        throw new GraphQLError("Entity not found: Issue", {
          extensions: { type: "invalid input", code: "INVALID_INPUT", userPresentableMessage: "Could not find referenced Issue." },
        });
      return issueNode(issue);
    },
    issues: (args: Args) =>
      connection(
        [...ws.issues.values()].filter((i) => issueFilter(i, args.filter)),
        args,
        issueNode,
      ),
    comments: (args: Args) =>
      connection(
        [...ws.comments.values()].filter((c) => commentFilter(c, args.filter)),
        args,
        commentNode,
      ),
    documents: (args: Args) =>
      connection(
        [...ws.documents.values()].filter((d) => documentFilter(d, args.filter)),
        args,
        documentNode,
      ),
  };
}
