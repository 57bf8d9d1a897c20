import { parseArgs, type ParseArgsConfig } from "node:util";
import type { ServiceFlags } from "../config/services";
import { usageError } from "../errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Flags every command takes: where the data lives and which embedder to use. */
const SERVICE_OPTIONS = {
  "data-dir": { type: "string" },
  "database-url": { type: "string" },
  embedding: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

export type FlagValues = Record<string, string | boolean>;

export interface ParsedCommand {
  values: FlagValues;
  positionals: string[];
  services: ServiceFlags;
  help: boolean;
}

/** node:util parseArgs with the shared flags added and its errors turned into usage errors. */
export function parseCommand(args: string[], options: Options): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...SERVICE_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const values: FlagValues = {};
  for (const [key, value] of Object.entries(parsed.values)) if (typeof value === "string" || typeof value === "boolean") values[key] = value;
  const services: ServiceFlags = {};
  if (typeof values["data-dir"] === "string") services.dataDir = values["data-dir"];
  if (typeof values["database-url"] === "string") services.databaseUrl = values["database-url"];
  if (typeof values.embedding === "string") services.embedding = values.embedding;
  return { values, positionals: parsed.positionals, services, help: values.help === true };
}

/** A string flag's value, or undefined when absent. */
export const stringFlag = (values: FlagValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};

export function positiveInt(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`${flag} takes a positive whole number, got "${raw}"`);
  return n;
}

export function positiveNumber(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`${flag} takes a positive number, got "${raw}"`);
  return n;
}
