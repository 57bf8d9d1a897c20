import { z } from "zod";
import type { FakeResponse } from "../http/fake-server";
import { countCl100kTokens } from "../openai/tokens";
import { COHERE_EMBED_LIMITS, COHERE_EMBED_MODELS, COHERE_INPUT_TYPES } from "./models";

// The v2 SDK serialises camelCase options to these snake_case fields.
const EmbedRequestBody = z.object({
  model: z.string(),
  texts: z.array(z.string()).optional(),
  input_type: z.enum(COHERE_INPUT_TYPES).optional(),
  embedding_types: z.array(z.string()).optional(),
  output_dimension: z.number().int().optional(),
  truncate: z.enum(["NONE", "START", "END"]).optional(),
  max_tokens: z.number().int().positive().optional(),
});

export interface ValidEmbedRequest {
  model: string;
  inputType: string;
  dimensions: number;
  texts: string[];
  /** Token counts after truncation; cl100k stands in for Cohere's own tokenizer. */
  tokenCounts: number[];
  truncate: "NONE" | "START" | "END";
}

/** Checks a v2 embed request the way the service does; answers 400 with Cohere's `{ message }` shape. */
export function validateEmbedRequest(raw: unknown): ValidEmbedRequest | FakeResponse {
  const parsed = EmbedRequestBody.safeParse(raw);
  if (!parsed.success) return invalid(`invalid request: ${parsed.error.issues[0]?.message ?? "bad body"}`);
  const body = parsed.data;
  const model = COHERE_EMBED_MODELS[body.model];
  if (!model) return { status: 404, body: { message: `model '${body.model}' not found, make sure the correct model ID was used` } };
  const texts = body.texts ?? [];
  if (texts.length === 0) return invalid("invalid request: texts must be a non-empty list of strings.");
  if (texts.length > COHERE_EMBED_LIMITS.maxTexts) {
    return invalid(`invalid request: total number of texts must be at most ${COHERE_EMBED_LIMITS.maxTexts} - received ${texts.length}`);
  }
  if (texts.some((text) => text.length === 0)) return invalid("invalid request: texts must not contain empty strings.");
  if (model.requiresInputType && !body.input_type) {
    return invalid(`invalid request: input_type is required for ${body.model} and later models.`);
  }
  const embeddingTypes = body.embedding_types ?? ["float"];
  if (embeddingTypes.some((type) => type !== "float")) return invalid("invalid request: this fake returns only 'float' embeddings.");
  const dimensions = body.output_dimension ?? model.dimensions;
  if (body.output_dimension !== undefined && !model.outputDimensions.includes(body.output_dimension)) {
    return invalid(`invalid request: output_dimension ${body.output_dimension} is not supported by ${body.model}.`);
  }
  const truncate = body.truncate ?? "END";
  const maxTokens = Math.min(body.max_tokens ?? model.maxTokensPerText, model.maxTokensPerText);
  const rawCounts = texts.map(countCl100kTokens);
  const tooLong = rawCounts.findIndex((count) => count > maxTokens);
  if (truncate === "NONE" && tooLong >= 0) {
    return invalid(`invalid request: text[${tooLong}] has ${rawCounts[tooLong]} tokens, more than the maximum of ${maxTokens}; set truncate to START or END.`);
  }
  const tokenCounts = rawCounts.map((count) => Math.min(count, maxTokens));
  return { model: body.model, inputType: body.input_type ?? "search_document", dimensions, texts, tokenCounts, truncate };
}

function invalid(message: string): FakeResponse {
  return { status: 400, body: { message } };
}
