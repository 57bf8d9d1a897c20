export { ConnectorError, isConnectorError, type SourceProvider } from "./errors";
export * from "./linear/index";
export * from "./notion/index";
