export { runCli, HELP } from "./cli/run-cli";
export { EXIT, CliError, type ExitCode } from "./errors";
export type { CommandIo } from "./commands/context";
