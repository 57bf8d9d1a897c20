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
});

export type TributaryConfig = z.infer<typeof TributaryConfigSchema>;
export type TributaryConfigInput = z.input<typeof TributaryConfigSchema>;

/** The configuration of a repository without a tributary.yml. */
export const DEFAULT_CONFIG: TributaryConfig = TributaryConfigSchema.parse({ version: 1 });
