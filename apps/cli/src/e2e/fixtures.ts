import { SyncSummarySchema, type SyncSummary } from "@repo/console-types";
import { z } from "zod";
import { runJson, type CliOptions } from "./run-tributary";

/** A TypeScript module long enough to span several chunks, one function per block. */
export function longModule(name: string, functions = 8, extraLine = ""): string {
  const blocks = Array.from({ length: functions }, (_, f) => {
    const body = Array.from(
      { length: 14 },
      (_, i) => `  const step${i} = input.${["trim", "toLowerCase", "normalize"][i % 3]}().length + ${f * 100 + i}; // ${name} stage ${f}.${i}`,
    );
    return `/** ${name} part ${f}: folds the input through ${body.length} stages. */\nexport function ${name}Part${f}(input: string): number {\n${body.join("\n")}\n  return step0 + step13;\n}\n`;
  });
  return `${blocks.join("\n")}${extraLine}`;
}

export const RETRY_TS = `/**
 * Calls \`operation\` until it succeeds, waiting twice as long after each failure.
 */
export async function retryWithBackoff<T>(operation: () => Promise<T>, attempts = 5, baseDelayMs = 100): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt));
    }
  }
  throw lastError;
}
`;

export const APP_PY = `"""Request handling for the demo service."""


def handle_request(payload: dict) -> dict:
    """Echo the payload back with a status field."""
    return {**payload, "status": "ok"}


class RequestRouter:
    def __init__(self):
        self.routes = {}

    def register(self, path, handler):
        self.routes[path] = handler
`;

export const GUIDE_MD = `# Guide

## Retries

Network calls go through \`retryWithBackoff\` so a flaky service does not fail the run.

## Requests

The Python service answers with \`handle_request\`.
`;

export const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
]);

export const SearchSchema = z.object({
  results: z.array(
    z.object({
      source: z.string(),
      path: z.string(),
      startLine: z.number(),
      endLine: z.number(),
      score: z.number(),
      snippet: z.string(),
      snippetStartLine: z.number(),
      highlights: z.array(z.tuple([z.number(), z.number()])),
      otherRanges: z.array(z.object({ startLine: z.number(), endLine: z.number() })),
    }),
  ),
});

export async function syncJson(target: string, options: CliOptions & { dataDir: string; extra?: string[] }): Promise<SyncSummary> {
  // .strict(): the summary must be exactly the documented shape, nothing more.
  const strict = SyncSummarySchema.extend({
    files: SyncSummarySchema.shape.files.strict(),
    chunks: SyncSummarySchema.shape.chunks.strict(),
    requests: SyncSummarySchema.shape.requests.strict(),
  }).strict();
  return strict.parse(await runJson(["sync", target, "--data-dir", options.dataDir, ...(options.extra ?? [])], options));
}

export async function searchJson(query: string, options: CliOptions & { dataDir: string; extra?: string[] }) {
  return SearchSchema.parse(await runJson(["search", query, "--data-dir", options.dataDir, ...(options.extra ?? [])], options)).results;
}
