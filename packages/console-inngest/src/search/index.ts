// The read-only entry point without the workflows (search, status): `@repo/console-inngest/search`
// loads only this.
export { openSearchRuntime, type SearchRuntime, type SearchRuntimeOptions } from "../runtime/search-runtime";
export type { SearchDeps } from "../runtime/search-deps";
export { searchIndex, type SearchHit, type SearchMode, type SearchOptions } from "../runtime/search";
export { parseQuery, type ParsedQuery } from "./parse-query";
export { readMetricFigures } from "../metrics/figures";
export { documentCountsBySource, getJob, getSource, lastJobBySource, latestJob, listSources, type DocumentCounts, type LastJob } from "../queries/sources";
