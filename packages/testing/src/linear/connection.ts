import { GraphQLError } from "graphql";

/** Linear's documented page size bound for `first`/`last`. */
export const LINEAR_MAX_PAGE_SIZE = 250;
export const LINEAR_DEFAULT_PAGE_SIZE = 50;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  orderBy?: "createdAt" | "updatedAt" | null;
  includeArchived?: boolean | null;
}

interface Sortable {
  id: string;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
}

/**
 * A Relay connection over records, newest first by `orderBy`. The cursor carries the sort key and
 * the id, so a record edited while a client pages does not shift the pages after it.
 */
export function connection<R extends Sortable, N>(records: Iterable<R>, args: ConnectionArgs, toNode: (record: R) => N) {
  if (args.last != null || args.before != null) throw new GraphQLError("The fake pages forward only (first/after)");
  const first = args.first ?? LINEAR_DEFAULT_PAGE_SIZE;
  if (first < 0 || first > LINEAR_MAX_PAGE_SIZE) {
    throw new GraphQLError(`Argument Validation Error: first must not be greater than ${LINEAR_MAX_PAGE_SIZE}`, {
      extensions: { type: "invalid input", code: "INVALID_INPUT", userPresentableMessage: `first must be between 0 and ${LINEAR_MAX_PAGE_SIZE}.` },
    });
  }
  const key = args.orderBy ?? "createdAt";
  const sorted = [...records].filter((r) => args.includeArchived || r.archivedAt === null).sort((a, b) => b[key] - a[key] || (a.id < b.id ? 1 : -1));
  let start = 0;
  if (args.after) {
    const [afterKey, afterId] = decodeCursor(args.after);
    start = sorted.findIndex((r) => r[key] < afterKey || (r[key] === afterKey && r.id < afterId));
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + first);
  const cursor = (r: R) => Buffer.from(JSON.stringify([r[key], r.id])).toString("base64url");
  return {
    nodes: page.map(toNode),
    pageInfo: {
      hasNextPage: start + first < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: page[0] ? cursor(page[0]) : null,
      endCursor: page.at(-1) ? cursor(page.at(-1)!) : null,
    },
  };
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === "number" && typeof parsed[1] === "string") return [parsed[0], parsed[1]];
  } catch {
    // falls through to the error below: a cursor this fake did not issue
  }
  throw new GraphQLError(`Invalid cursor: ${cursor}`, { extensions: { type: "invalid input", code: "INVALID_INPUT" } });
}
