export { FakeLinear, type LinearLimits } from "./fake-linear";
export { LINEAR_DEFAULT_PAGE_SIZE, LINEAR_MAX_PAGE_SIZE } from "./connection";
export { LINEAR_MAX_QUERY_COMPLEXITY } from "./complexity";
export { LinearWorkspace, type LinearSeed, type LinearIssueRecord, type LinearCommentRecord, type LinearDocumentRecord } from "./workspace";
