import { buildSchema } from "graphql";

// A subset of Linear's public schema (github:linear/linear, packages/sdk/src/schema.graphql):
// the same type, field, argument and input names, only the parts a sync reads.
export const linearSchema = buildSchema(/* GraphQL */ `
  scalar DateTime
  scalar DateTimeOrDuration

  enum PaginationOrderBy {
    createdAt
    updatedAt
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  input DateComparator {
    eq: DateTimeOrDuration
    gt: DateTimeOrDuration
    gte: DateTimeOrDuration
    in: [DateTimeOrDuration!]
    lt: DateTimeOrDuration
  }
  input NullableDateComparator {
    eq: DateTimeOrDuration
    gt: DateTimeOrDuration
    gte: DateTimeOrDuration
    in: [DateTimeOrDuration!]
    lt: DateTimeOrDuration
    null: Boolean
  }
  input StringComparator {
    eq: String
    in: [String!]
  }
  input IDComparator {
    eq: ID
    in: [ID!]
  }
  input IssueIDComparator {
    eq: ID
    in: [ID!]
    neq: ID
    nin: [ID!]
  }
  input TeamFilter {
    and: [TeamFilter!]
    id: IDComparator
    key: StringComparator
    or: [TeamFilter!]
    updatedAt: DateComparator
  }
  input NullableTeamFilter {
    and: [NullableTeamFilter!]
    id: IDComparator
    key: StringComparator
    null: Boolean
    or: [NullableTeamFilter!]
    updatedAt: DateComparator
  }
  input TeamCollectionFilter {
    and: [TeamCollectionFilter!]
    id: IDComparator
    or: [TeamCollectionFilter!]
    some: TeamFilter
    updatedAt: DateComparator
  }
  input ProjectFilter {
    accessibleTeams: TeamCollectionFilter
    and: [ProjectFilter!]
    id: IDComparator
    or: [ProjectFilter!]
    updatedAt: DateComparator
  }
  input NullableProjectFilter {
    accessibleTeams: TeamCollectionFilter
    and: [NullableProjectFilter!]
    id: IDComparator
    null: Boolean
    or: [NullableProjectFilter!]
    updatedAt: DateComparator
  }
  input IssueFilter {
    and: [IssueFilter!]
    archivedAt: NullableDateComparator
    id: IssueIDComparator
    or: [IssueFilter!]
    project: NullableProjectFilter
    team: TeamFilter
    updatedAt: DateComparator
  }
  input CommentFilter {
    and: [CommentFilter!]
    id: IDComparator
    issue: IssueFilter
    or: [CommentFilter!]
    project: NullableProjectFilter
    updatedAt: DateComparator
  }
  input DocumentFilter {
    and: [DocumentFilter!]
    id: IDComparator
    or: [DocumentFilter!]
    project: ProjectFilter
    team: NullableTeamFilter
    updatedAt: DateComparator
  }

  type User {
    id: ID!
    name: String!
    displayName: String!
  }
  type Team {
    id: ID!
    key: String!
    name: String!
  }
  type Project {
    id: ID!
    name: String!
    url: String!
  }
  type Comment {
    id: ID!
    body: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
    url: String!
    user: User
    issue: Issue
  }
  type CommentConnection {
    nodes: [Comment!]!
    pageInfo: PageInfo!
  }
  type Issue {
    id: ID!
    identifier: String!
    number: Float!
    title: String!
    description: String
    url: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
    trashed: Boolean
    team: Team!
    project: Project
    comments(after: String, before: String, filter: CommentFilter, first: Int, includeArchived: Boolean, last: Int, orderBy: PaginationOrderBy): CommentConnection!
  }
  type IssueConnection {
    nodes: [Issue!]!
    pageInfo: PageInfo!
  }
  type Document {
    id: ID!
    slugId: String!
    title: String!
    content: String
    url: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    archivedAt: DateTime
    trashed: Boolean
    project: Project
    team: Team
  }
  type DocumentConnection {
    nodes: [Document!]!
    pageInfo: PageInfo!
  }

  type Query {
    viewer: User!
    issue(id: String!): Issue!
    issues(after: String, before: String, filter: IssueFilter, first: Int, includeArchived: Boolean, last: Int, orderBy: PaginationOrderBy): IssueConnection!
    comments(after: String, before: String, filter: CommentFilter, first: Int, includeArchived: Boolean, last: Int, orderBy: PaginationOrderBy): CommentConnection!
    documents(after: String, before: String, filter: DocumentFilter, first: Int, includeArchived: Boolean, last: Int, orderBy: PaginationOrderBy): DocumentConnection!
  }
`);
