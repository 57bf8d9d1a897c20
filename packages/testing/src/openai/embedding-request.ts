import { decode } from "gpt-tokenizer/encoding/cl100k_base";
import { z } from "zod";
import type { FakeResponse } from "../http/fake-server";
import { OPENAI_EMBEDDING_LIMITS, OPENAI_EMBEDDING_MODELS } from "./models";
import { countCl100kTokens } from "./tokens";

const EmbeddingRequestBody = z.object({
  model: z.string(),
  // The API takes one string, many strings, one token array or many token arrays.
  input: z.union([z.string(), z.array(z.string()), z.array(z.number().int()), z.array(z.array(z.number().int()))]),
  dimensions: z.number().int().optional(),
  encoding_format: z.enum(["float", "base64"]).optional(),
  user: z.string().optional(),
});

export interface ValidEmbeddingRequest {
  model: string;
  dimensions: number;
  encodingFormat: "float" | "base64";
  inputs: string[];
  tokenCounts: number[];
  totalTokens: number;
}

/** Checks a request the way the service does and answers 400/404 with OpenAI's error shape. */
export function validateEmbeddingRequest(raw: unknown): ValidEmbeddingRequest | FakeResponse {
  const parsed = EmbeddingRequestBody.safeParse(raw);
  if (!parsed.success) return invalid(`'$.input' is invalid: ${parsed.error.issues[0]?.message ?? "bad request"}`, "input");
  const body = parsed.data;
  const model = OPENAI_EMBEDDING_MODELS[body.model];
  if (!model) {
    return {
      status: 404,
      body: { error: { message: `The model \`${body.model}\` does not exist`, type: "invalid_request_error", param: null, code: "model_not_found" } },
    };
  }
  const items = toItems(body.input);
  if (items.length === 0) return invalid("'$.input' is invalid: input must not be empty.", "input");
  if (items.length > OPENAI_EMBEDDING_LIMITS.maxInputs) {
    return invalid(`'$.input' is invalid: at most ${OPENAI_EMBEDDING_LIMITS.maxInputs} inputs per request, got ${items.length}.`, "input");
  }
  if (items.some((item) => item.text.length === 0 && item.tokens === 0)) {
    return invalid("'$.input' is invalid: input must not contain empty strings.", "input");
  }
  const tooLong = items.findIndex((item) => item.tokens > OPENAI_EMBEDDING_LIMITS.maxTokensPerInput);
  if (tooLong >= 0) {
    const tokens = items[tooLong]!.tokens;
    return invalid(
      `This model's maximum context length is ${OPENAI_EMBEDDING_LIMITS.maxTokensPerInput} tokens, however you requested ${tokens} tokens in input[${tooLong}].`,
      "input",
    );
  }
  const totalTokens = items.reduce((sum, item) => sum + item.tokens, 0);
  if (totalTokens > OPENAI_EMBEDDING_LIMITS.maxTokensPerRequest) {
    return invalid(`Requested ${totalTokens} tokens, max ${OPENAI_EMBEDDING_LIMITS.maxTokensPerRequest} tokens per request.`, "input");
  }
  if (body.dimensions !== undefined && !model.supportsDimensions) {
    return invalid(`This model does not support specifying dimensions.`, "dimensions");
  }
  if (body.dimensions !== undefined && (body.dimensions < 1 || body.dimensions > model.nativeDimensions)) {
    return invalid(`'$.dimensions' must be between 1 and ${model.nativeDimensions}, got ${body.dimensions}.`, "dimensions");
  }
  return {
    model: body.model,
    dimensions: body.dimensions ?? model.nativeDimensions,
    encodingFormat: body.encoding_format ?? "float",
    inputs: items.map((item) => item.text),
    tokenCounts: items.map((item) => item.tokens),
    totalTokens,
  };
}

function toItems(input: z.infer<typeof EmbeddingRequestBody>["input"]): Array<{ text: string; tokens: number }> {
  if (typeof input === "string") return [textItem(input)];
  if (input.length === 0) return [];
  if (typeof input[0] === "number") return [tokenItem(input as number[])];
  return (input as Array<string | number[]>).map((item) => (typeof item === "string" ? textItem(item) : tokenItem(item)));
}

const textItem = (text: string) => ({ text, tokens: text.length === 0 ? 0 : countCl100kTokens(text) });
const tokenItem = (tokens: number[]) => ({ text: decode(tokens), tokens: tokens.length });

function invalid(message: string, param: string): FakeResponse {
  return { status: 400, body: { error: { message, type: "invalid_request_error", param, code: null } } };
}
