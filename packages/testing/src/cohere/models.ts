export interface CohereEmbedModel {
  dimensions: number;
  /** Allowed `output_dimension` values; empty when the model has one fixed size. */
  outputDimensions: readonly number[];
  maxTokensPerText: number;
  /** v3 and later models refuse a request without `input_type`. */
  requiresInputType: boolean;
}

export const COHERE_EMBED_MODELS: Record<string, CohereEmbedModel> = {
  "embed-english-v3.0": { dimensions: 1024, outputDimensions: [], maxTokensPerText: 512, requiresInputType: true },
  "embed-multilingual-v3.0": { dimensions: 1024, outputDimensions: [], maxTokensPerText: 512, requiresInputType: true },
  "embed-english-light-v3.0": { dimensions: 384, outputDimensions: [], maxTokensPerText: 512, requiresInputType: true },
  "embed-multilingual-light-v3.0": { dimensions: 384, outputDimensions: [], maxTokensPerText: 512, requiresInputType: true },
  "embed-v4.0": { dimensions: 1536, outputDimensions: [256, 512, 1024, 1536], maxTokensPerText: 128_000, requiresInputType: true },
  "embed-english-v2.0": { dimensions: 4096, outputDimensions: [], maxTokensPerText: 512, requiresInputType: false },
};

export const COHERE_EMBED_LIMITS = { maxTexts: 96 } as const;

export const COHERE_INPUT_TYPES = ["search_document", "search_query", "classification", "clustering", "image"] as const;
