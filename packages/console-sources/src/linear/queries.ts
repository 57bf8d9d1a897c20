// GraphQL documents against Linear's public schema. Page sizes keep each query under Linear's
// 10,000-point complexity ceiling: 50 issues × 50 comments ≈ 6,500 points.

export const ISSUE_PAGE_SIZE = 50;
export const NESTED_COMMENTS = 50;
/** Linear's maximum `first`. */
export const MAX_PAGE = 250;

const COMMENT_FIELDS = "id body createdAt updatedAt user { name }";
const PAGE_INFO = "pageInfo { hasNextPage endCursor }";
const ISSUE_FIELDS = `id identifier title description url updatedAt archivedAt trashed
  comments(first: $commentsFirst) { nodes { ${COMMENT_FIELDS} } ${PAGE_INFO} }`;

export const ISSUES_PAGE = `query TributaryIssues($first: Int!, $after: String, $filter: IssueFilter, $includeArchived: Boolean, $commentsFirst: Int!) {
  issues(first: $first, after: $after, filter: $filter, includeArchived: $includeArchived, orderBy: updatedAt) {
    nodes { ${ISSUE_FIELDS} }
    ${PAGE_INFO}
  }
}`;

/** The rest of one issue's comments, past the first nested page. */
export const ISSUE_COMMENTS = `query TributaryIssueComments($id: String!, $first: Int!, $after: String) {
  issue(id: $id) { comments(first: $first, after: $after) { nodes { ${COMMENT_FIELDS} } ${PAGE_INFO} } }
}`;

/** Comments changed (or deleted: archived) since a watermark: neither moves its issue's `updatedAt`. */
export const CHANGED_COMMENTS = `query TributaryChangedComments($first: Int!, $after: String, $filter: CommentFilter) {
  comments(first: $first, after: $after, filter: $filter, includeArchived: true, orderBy: updatedAt) {
    nodes { updatedAt issue { id team { key } } }
    ${PAGE_INFO}
  }
}`;

export const DOCUMENTS_PAGE = `query TributaryDocuments($first: Int!, $after: String, $filter: DocumentFilter, $includeArchived: Boolean) {
  documents(first: $first, after: $after, filter: $filter, includeArchived: $includeArchived, orderBy: updatedAt) {
    nodes { id slugId title content url updatedAt archivedAt trashed }
    ${PAGE_INFO}
  }
}`;

export const LIVE_IDS = `query TributaryLiveIssues($first: Int!, $after: String, $filter: IssueFilter) {
  issues(first: $first, after: $after, filter: $filter) { nodes { id } ${PAGE_INFO} }
}`;

export const LIVE_DOCUMENT_IDS = `query TributaryLiveDocuments($first: Int!, $after: String, $filter: DocumentFilter) {
  documents(first: $first, after: $after, filter: $filter) { nodes { id } ${PAGE_INFO} }
}`;

export const POSITION = `query TributaryPosition($issueFilter: IssueFilter, $documentFilter: DocumentFilter, $commentFilter: CommentFilter) {
  issues(first: 1, filter: $issueFilter, includeArchived: true, orderBy: updatedAt) { nodes { updatedAt } }
  documents(first: 1, filter: $documentFilter, includeArchived: true, orderBy: updatedAt) { nodes { updatedAt } }
  comments(first: 1, filter: $commentFilter, orderBy: updatedAt) { nodes { updatedAt } }
}`;

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
export interface CommentNode {
  id: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  user: { name: string } | null;
}
export interface IssueNode {
  id: string;
  identifier: string;
  title: string;
  description: string | null;
  url: string;
  updatedAt: string;
  archivedAt: string | null;
  trashed: boolean | null;
  comments: { nodes: CommentNode[]; pageInfo: PageInfo };
}
export interface DocumentNode {
  id: string;
  slugId: string;
  title: string;
  content: string | null;
  url: string;
  updatedAt: string;
  archivedAt: string | null;
  trashed: boolean | null;
}
export interface Connection<N> {
  nodes: N[];
  pageInfo: PageInfo;
}
