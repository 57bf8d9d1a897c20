import type { EmbeddingKind } from "@repo/console-types";
import { limitedFetch } from "@repo/http-limits";
import type { CohereClientV2 } from "cohere-ai";
import { packBatches } from "../batching/pack-batches";
import { runBatches } from "../batching/run-batches";
import { assertNoEmptyTexts } from "../errors";
import { batchRunnerOptions, type BatchingOptions, type MeteredEmbeddingProvider } from "../provider-options";
import { classifyCohereError, type CohereErrorClasses } from "./cohere-failure";

export const COHERE_MAX_TEXTS = 96;

const NATIVE_DIMENSIONS: Record<string, number> = {
  "embed-english-v3.0": 1024,
  "embed-multilingual-v3.0": 1024,
  "embed-english-light-v3.0": 384,
  "embed-multilingual-light-v3.0": 384,
  "embed-v4.0": 1536,
};
/** Models that take `outputDimension`; the v3 family has one fixed size and rejects the field. */
const FLEXIBLE_DIMENSIONS: Record<string, readonly number[]> = { "embed-v4.0": [256, 512, 1024, 1536] };

const TOTAL_TIMEOUT_MS = 10 * 60_000;

export interface CohereEmbedderOptions extends BatchingOptions {
  token: string;
  /** Default: the SDK's production URL. */
  baseUrl?: string;
  model: string;
  /** embed-v4.0 only: 256, 512, 1024 or 1536 (sent as outputDimension). */
  dimensions?: number;
  /**
   * What the service does with a text over the model's token limit (512 for v3 models). Cohere's
   * tokenizer is not available locally, so the cut happens server-side: "END" (default) keeps the
   * start of the text, "START" keeps its end, "NONE" makes such a text fail the request.
   */
  truncate?: "END" | "START" | "NONE";
  /** Longest silence from the service (before headers, or between body bytes). Default 60 s. */
  timeoutMs?: number;
  /** Largest response accepted. Default 32 MiB (96 vectors of 1536 floats as JSON are ~3 MB). */
  maxResponseBytes?: number;
}

/**
 * Cohere embeddings through CohereClientV2: at most 96 texts per call; documents are sent as
 * `search_document` and queries as `search_query`, since Cohere embeds the two differently.
 */
export function createCohereEmbedder(options: CohereEmbedderOptions): MeteredEmbeddingProvider {
  if (!options.token) throw new Error("Cohere token is empty");
  const dimensions = options.dimensions ?? NATIVE_DIMENSIONS[options.model];
  if (dimensions === undefined) throw new Error(`Cohere model ${options.model} is not known here; pass its dimensions`);
  const outputDimension = outputDimensionFor(options.model, options.dimensions);
  // The SDK takes about half a second to load, so it is loaded on the first request, not at start.
  let sdk: Promise<{ client: CohereClientV2; errors: CohereErrorClasses }> | undefined;
  const load = () =>
    (sdk ??= import("cohere-ai").then(({ CohereClientV2, CohereError, CohereTimeoutError }) => ({
      client: new CohereClientV2({
        token: options.token,
        ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
        // The batcher owns retries so it can honour retry-after across all requests and count them.
        maxRetries: 0,
        // A total bound per request; the silence limit below (which also covers a body that stops
        // arriving, past the SDK's own timeout) is the one that normally ends a hung call.
        timeoutInSeconds: TOTAL_TIMEOUT_MS / 1000,
        fetch: limitedFetch({ service: "Cohere", timeoutMs: options.timeoutMs ?? 60_000, maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024 }),
      }),
      errors: { CohereError, CohereTimeoutError },
    })));
  const runner = batchRunnerOptions("cohere", options);
  const truncate = options.truncate ?? "END";

  return {
    id: "cohere",
    model: options.model,
    dimensions,
    stats: runner.stats,
    async embed(texts: readonly string[], kind: EmbeddingKind): Promise<number[][]> {
      assertNoEmptyTexts("cohere", texts);
      const batches = packBatches(
        texts.map(() => 1),
        { maxItems: COHERE_MAX_TEXTS },
      );
      const { client, errors } = await load();
      const send = async (indexes: readonly number[]) => {
        const response = await client.embed(
          {
            model: options.model,
            texts: indexes.map((i) => texts[i]!),
            inputType: kind === "query" ? "search_query" : "search_document",
            embeddingTypes: ["float"],
            truncate,
            ...(outputDimension === undefined ? {} : { outputDimension }),
          },
          { maxRetries: 0 },
        );
        const vectors = response.embeddings.float ?? [];
        const wrongSize = vectors.find((vector) => vector.length !== dimensions);
        if (wrongSize) throw new Error(`Cohere returned a ${wrongSize.length}-dimension vector, expected ${dimensions}`);
        return { vectors, tokens: response.meta?.billedUnits?.inputTokens ?? 0 };
      };
      return runBatches(texts, batches, { send, classify: (error) => classifyCohereError(error, errors) }, runner);
    },
  };
}

/**
 * The `outputDimension` to send: only to models that take one (the v3 models answer 400 to it, so a
 * store that records their native size must not send it); a fixed-size model asked for another
 * size is a configuration error, caught before any request.
 */
function outputDimensionFor(model: string, dimensions: number | undefined): number | undefined {
  if (dimensions === undefined) return undefined;
  const allowed = FLEXIBLE_DIMENSIONS[model];
  if (allowed) {
    if (!allowed.includes(dimensions)) throw new Error(`Cohere model ${model} embeds at ${allowed.join(", ")} dimensions, not ${dimensions}`);
    return dimensions;
  }
  const native = NATIVE_DIMENSIONS[model];
  if (native !== undefined && native !== dimensions) throw new Error(`Cohere model ${model} embeds at ${native} dimensions only, not ${dimensions}`);
  return native === undefined ? dimensions : undefined;
}
