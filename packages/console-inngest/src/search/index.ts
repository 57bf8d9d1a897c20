// The search entry point without the workflows: `@repo/console-inngest/search` loads only this.
export { openSearchRuntime, type SearchRuntime, type SearchRuntimeOptions } from "../runtime/search-runtime";
export { searchIndex, type SearchHit, type SearchMode, type SearchOptions } from "../runtime/search";
export { parseQuery, type ParsedQuery } from "./parse-query";
