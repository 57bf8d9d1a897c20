import { z } from "zod";

export const ChunkSchema = z.object({
  text: z.string().min(1),
  /** 1-based, inclusive. */
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  /** Exact cl100k_base token count of `text`. */
  tokenCount: z.number().int().positive(),
  /** sha256(config fingerprint + text), hex. Never includes the path. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Symbol or heading path, e.g. "class Retry > backoff" or "Install > Linux". */
  context: z.string().optional(),
  kind: z.enum(["code", "markdown", "text"]),
});
export type Chunk = z.infer<typeof ChunkSchema>;

export const ChunkingOptionsSchema = z.object({
  maxTokens: z.number().int().min(16).max(8191).default(512),
  overlapTokens: z.number().int().min(0).default(0),
});
export type ChunkingOptions = z.input<typeof ChunkingOptionsSchema>;
