import { resolve } from "node:path";
import type { EmbeddedRuntimeOptions } from "@repo/console-inngest";
import { itemSourcesConfigOf, serviceConfigOf } from "@repo/console-inngest/env";
import { CliError, EXIT } from "../errors";
import { pgliteTemplate } from "../runtime/bundle-assets";
import type { CliEnv } from "./env";

/** Flags every command accepts; they win over the environment. */
export interface ServiceFlags {
  dataDir?: string;
  databaseUrl?: string;
  embedding?: string;
}

/** PGlite in `dataDir`, or Postgres at `databaseUrl`; never both. */
export type RuntimeSettings = Omit<EmbeddedRuntimeOptions, "logger" | "clock"> & { debug?: boolean; stageTimingsFile?: string };

/**
 * Turns flags and environment into runtime options: the embedded default (PGlite in
 * `.tributary/`, local embedder, pgvector) unless a variable or flag names a service.
 */
export function resolveServices(flags: ServiceFlags, env: CliEnv, cwd: string): RuntimeSettings {
  const provider = flags.embedding ?? env.TRIBUTARY_EMBEDDING ?? "local";
  if (provider !== "local" && provider !== "openai" && provider !== "cohere")
    throw new CliError(`unknown embedding provider "${provider}" (use local, openai or cohere)`, EXIT.USAGE);
  const databaseUrl = flags.databaseUrl ?? env.DATABASE_URL;
  const settings: RuntimeSettings = {
    ...serviceConfigOf(env, provider),
    ...(databaseUrl ? { databaseUrl } : { dataDir: resolve(cwd, flags.dataDir ?? env.TRIBUTARY_DATA_DIR ?? ".tributary") }),
  };
  if (!databaseUrl && pgliteTemplate) settings.dataDirTemplate = pgliteTemplate;
  if (env.TRIBUTARY_DEBUG === "1") settings.debug = true;
  if (env.TRIBUTARY_STAGE_TIMINGS) settings.stageTimingsFile = env.TRIBUTARY_STAGE_TIMINGS;
  // The CLI stores no item-source tokens: each run reads them from its environment.
  settings.items = itemSourcesConfigOf(env);
  return settings;
}
