export { ConnectorError, isConnectorError, type SourceProvider } from "./errors";
export * from "./linear/index";
export * from "./notion/index";
export * from "./slack/index";
export * from "./vercel/index";
