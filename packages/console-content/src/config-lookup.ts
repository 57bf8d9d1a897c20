// The config's file names, lookup and defaults without its YAML parser (config/parse-config.ts
// loads the `yaml` package, ~45 ms of a command's start): for a caller that parses only when a
// config file exists, such as the CLI's no-change re-sync check.
export { CONFIG_FILE_NAMES, findConfigEntry } from "./config/config-files";
export { DEFAULT_CONFIG, type TributaryConfig } from "./config/schema";
