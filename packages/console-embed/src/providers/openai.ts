import type { EmbeddingKind } from "@repo/console-types";
import { limitedFetch } from "@repo/http-limits";
import type * as OpenAISdk from "openai";
import { packBatches } from "../batching/pack-batches";
import { runBatches } from "../batching/run-batches";
import { assertNoEmptyTexts } from "../errors";
import { batchRunnerOptions, type BatchingOptions, type MeteredEmbeddingProvider } from "../provider-options";
import { classifyOpenAIError } from "./openai-failure";

/** The service's documented limits for one POST /v1/embeddings. */
export const OPENAI_LIMITS = { maxInputs: 2048, maxTokensPerRequest: 300_000, maxTokensPerInput: 8191 } as const;

const NATIVE_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

const TOTAL_TIMEOUT_MS = 10 * 60_000;

export interface OpenAIEmbedderOptions extends BatchingOptions {
  apiKey: string;
  /** Default https://api.openai.com/v1; the SDK's OPENAI_BASE_URL env fallback is never used. */
  baseURL?: string;
  model: string;
  /** Shortens text-embedding-3 vectors; required for a model this package does not know. */
  dimensions?: number;
  /** Longest silence from the service (before headers, or between body bytes). Default 60 s. */
  timeoutMs?: number;
  /**
   * Largest response accepted. Default 64 MiB: 2048 vectors of 3072 dimensions, base64-encoded as
   * the SDK asks for them, are ~34 MB.
   */
  maxResponseBytes?: number;
}

let cl100k: typeof import("./cl100k") | undefined;
let cl100kLoading: Promise<typeof import("./cl100k")> | undefined;

function loadCl100k(): Promise<typeof import("./cl100k")> {
  cl100kLoading ??= import("./cl100k").then((module) => (cl100k = module));
  return cl100kLoading;
}

/**
 * OpenAI embeddings through the official SDK. Texts are packed, in order, into requests of at most
 * 2048 inputs and 300,000 tokens. A text over 8191 tokens is cut to its first 8191 cl100k tokens
 * (the service would reject it; the start of a chunk carries its context). Empty texts throw a
 * non-retryable EmbeddingError before anything is sent. `kind` does not matter: OpenAI's
 * embeddings are symmetric.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): MeteredEmbeddingProvider {
  const dimensions = options.dimensions ?? NATIVE_DIMENSIONS[options.model];
  if (dimensions === undefined) throw new Error(`OpenAI model ${options.model} is not known here; pass its dimensions`);
  // The SDK (154 modules) loads with the first request, not with this module: a process that
  // embeds locally never loads it.
  let opened: { sdk: typeof OpenAISdk; client: OpenAISdk.OpenAI } | undefined;
  const open = async () => {
    if (opened) return opened;
    const sdk = await loadOpenAI();
    const client = new sdk.OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? "https://api.openai.com/v1",
      organization: null,
      project: null,
      // The batcher owns retries so it can honour retry-after across all requests and count them.
      maxRetries: 0,
      // A total bound per request; the silence limit below (which also covers a body that stops
      // arriving, past the SDK's own timeout) is the one that normally ends a hung call.
      timeout: TOTAL_TIMEOUT_MS,
      fetch: limitedFetch({ service: "OpenAI", timeoutMs: options.timeoutMs ?? 60_000, maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024 }),
    });
    opened ??= { sdk, client };
    return opened;
  };
  // The cl100k tokenizer (~0.3 s and ~40 MiB to load) starts loading with the embedder, so a
  // process that embeds locally never pays for it; budgetWaitMs, which cannot wait, counts a
  // text's UTF-8 bytes — never fewer than its tokens — until it is there.
  const tokenizer = loadCl100k();
  tokenizer.catch(() => {}); // embed() reports a failed load
  const runner = batchRunnerOptions("openai", options);
  const limiter = options.limiter;

  return {
    id: "openai",
    model: options.model,
    dimensions,
    stats: runner.stats,
    budgetWaitMs(texts: readonly string[]): number {
      if (!limiter || texts.length === 0) return 0;
      // The first request's cost (texts are packed in order, so it is the one that waits first).
      let tokens = 0;
      for (const [n, text] of texts.entries()) {
        const cost = Math.min(cl100k ? cl100k.countCl100k(text) : Buffer.byteLength(text), OPENAI_LIMITS.maxTokensPerInput);
        if (n >= OPENAI_LIMITS.maxInputs || tokens + cost > OPENAI_LIMITS.maxTokensPerRequest) break;
        tokens += cost;
      }
      return limiter.delayMs(tokens);
    },
    async embed(texts: readonly string[], _kind: EmbeddingKind): Promise<number[][]> {
      assertNoEmptyTexts("openai", texts);
      const [{ sdk: loaded, client }, { truncateToTokens }] = await Promise.all([open(), tokenizer]);
      const inputs = texts.map((text) => truncateToTokens(text, OPENAI_LIMITS.maxTokensPerInput));
      const batches = packBatches(
        inputs.map((input) => input.tokens),
        { maxItems: OPENAI_LIMITS.maxInputs, maxWeight: OPENAI_LIMITS.maxTokensPerRequest },
      );
      const send = async (indexes: readonly number[]) => {
        const { data: response, response: raw } = await client.embeddings
          .create({
            model: options.model,
            input: indexes.map((i) => inputs[i]!.text),
            ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
          })
          .withResponse();
        const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
        const wrongSize = vectors.find((vector) => vector.length !== dimensions);
        if (wrongSize) throw new Error(`OpenAI returned a ${wrongSize.length}-dimension vector, expected ${dimensions}`);
        return { vectors, tokens: response.usage.prompt_tokens, headers: raw.headers };
      };
      const tokens = (indexes: readonly number[]) => indexes.reduce((n, i) => n + inputs[i]!.tokens, 0);
      return runBatches(texts, batches, { send, classify: (error) => classifyOpenAIError(error, loaded), tokens }, runner);
    },
  };
}

let openaiSdk: Promise<typeof OpenAISdk> | undefined;

/** OpenAI's SDK, imported once, when an embedder first sends. */
function loadOpenAI(): Promise<typeof OpenAISdk> {
  openaiSdk ??= import("openai");
  return openaiSdk;
}
