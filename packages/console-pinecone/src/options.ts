import { z } from "zod";
import type { PineconeConnection } from "./client";
import { defaultLimits, type StoreLimits } from "./limits";
import { defaultRetryPolicy, type RetryPolicy } from "./retry";

export interface PineconeVectorStoreOptions extends PineconeConnection {
  indexName: string;
  /** One namespace per Tributary store (see README). */
  namespace: string;
  dimensions: number;
  /** The index's data-plane host; looked up with describeIndex when left out. */
  indexHost?: string;
  /** Requests in flight at once for this store (default 4). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  limits?: Partial<StoreLimits>;
}

export interface ResolvedOptions extends PineconeVectorStoreOptions {
  concurrency: number;
  retryPolicy: RetryPolicy;
  storeLimits: StoreLimits;
}

const Shape = z.object({
  apiKey: z.string().min(1, "apiKey is required"),
  indexName: z.string().min(1, "indexName is required"),
  namespace: z.string().min(1, "namespace is required: one namespace per store"),
  dimensions: z.number().int().positive(),
  concurrency: z.number().int().positive().optional(),
  indexHost: z.string().min(1).optional(),
  controllerHostUrl: z.string().min(1).optional(),
});

/** Checks the options once; the error names the field, never the key's value. */
export function resolveOptions(options: PineconeVectorStoreOptions): ResolvedOptions {
  const checked = Shape.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`invalid Pinecone store options: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
  }
  return {
    ...options,
    concurrency: options.concurrency ?? 4,
    retryPolicy: { ...defaultRetryPolicy, ...options.retry },
    storeLimits: { ...defaultLimits, ...options.limits },
  };
}
