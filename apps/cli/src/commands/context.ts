import { parseEnv } from "../config/env";
import { resolveServices, type RuntimeSettings, type ServiceFlags } from "../config/services";
import { CliError, EXIT } from "../errors";

/** What every command gets: its output streams, cwd and environment (tests pass their own). */
export interface CommandIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Validates the environment once and combines it with the command's flags. */
export function settingsFor(io: CommandIo, flags: ServiceFlags): RuntimeSettings {
  const parsed = parseEnv(io.env);
  if (!parsed.ok) throw new CliError(parsed.message, EXIT.ENVIRONMENT);
  return resolveServices(flags, parsed.env, io.cwd);
}

export function writeJson(io: CommandIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}
