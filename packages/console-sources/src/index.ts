// Each source is imported from its own entry, `@repo/console-sources/<name>` (package.json maps
// every folder), so adding one touches no shared file here.
export { ConnectorError, isConnectorError, type SourceProvider } from "./errors";
