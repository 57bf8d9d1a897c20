import { z } from "zod";

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Which default skip families apply. Secrets are not listed: they can never be turned off. */
const DefaultSkipToggles = z
  .strictObject({
    vendored: z.boolean().default(true),
    generated: z.boolean().default(true),
    lockfiles: z.boolean().default(true),
    binaries: z.boolean().default(true),
  })
  .prefault({});

const Glob = z.string().trim().min(1, "a glob cannot be empty");

const ChunkingOverrides = z
  .strictObject({
    maxTokens: z.number().int().min(16).max(8191).optional(),
    overlapTokens: z.number().int().min(0).optional(),
  })
  .refine((c) => c.maxTokens === undefined || c.overlapTokens === undefined || c.overlapTokens < c.maxTokens, {
    message: "overlapTokens must be smaller than maxTokens",
    path: ["overlapTokens"],
  });

/** Minutes between schedule.sync's checks of a source; 5 is the floor (GitHub quota, Inngest runs). */
export const MIN_SYNC_INTERVAL_MINUTES = 5;
export const DEFAULT_SYNC_INTERVAL_MINUTES = 60;

const Schedule = z.strictObject({
  intervalMinutes: z
    .number()
    .int()
    .min(MIN_SYNC_INTERVAL_MINUTES)
    .max(7 * 24 * 60),
});

/** `tributary.yml`: strict, so a misspelt key is an error with a position, not silently ignored. */
export const TributaryConfigSchema = z.strictObject({
  version: z.literal(1),
  branch: z.string().trim().min(1).optional(),
  /** When given, only paths matching one of these are indexed. */
  include: z.array(Glob).optional(),
  exclude: z.array(Glob).default([]),
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .max(50 * 1024 * 1024)
    .default(DEFAULT_MAX_FILE_BYTES),
  chunking: ChunkingOverrides.optional(),
  languages: z.array(z.string().trim().min(1)).optional(),
  defaults: DefaultSkipToggles,
  /** Overrides the source's interval setting: the repository decides how often it is re-checked. */
  schedule: Schedule.optional(),
});

export type TributaryConfig = z.infer<typeof TributaryConfigSchema>;
export type TributaryConfigInput = z.input<typeof TributaryConfigSchema>;

/** The configuration of a repository without a tributary.yml. */
export const DEFAULT_CONFIG: TributaryConfig = TributaryConfigSchema.parse({ version: 1 });
