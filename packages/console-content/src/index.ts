export {
  TributaryConfigSchema,
  DEFAULT_CONFIG,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_SYNC_INTERVAL_MINUTES,
  MIN_SYNC_INTERVAL_MINUTES,
  type TributaryConfig,
  type TributaryConfigInput,
} from "./config/schema";
export { parseTributaryConfig, type ConfigIssue, type ConfigParseResult } from "./config/parse-config";
export { loadTributaryConfig, findConfigEntry, CONFIG_FILE_NAMES } from "./config/load-config";
export { classifyPath } from "./config/classify-path";
export { DEFAULT_SKIPS, type DefaultSkipReason } from "./config/default-skips";

export { isUnsafePath } from "./content/safe-path";
export {
  inspectContent,
  inspectEntry,
  inspectSize,
  isLfsPointer,
  looksBinary,
  LFS_POINTER_MAX_BYTES,
  LFS_POINTER_PREFIX,
  type Skip,
} from "./content/inspect-content";
