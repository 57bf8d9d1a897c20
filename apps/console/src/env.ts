import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

/** The console's configuration, validated once. The embedded default needs none of it. */
export const env = createEnv({
  server: {
    DATABASE_URL: z.string().url().optional(),
    TRIBUTARY_DATA_DIR: z.string().min(1).default(".tributary"),
    TRIBUTARY_EMBEDDING: z.enum(["local", "openai", "cohere"]).default("local"),
    // Same names and meaning as the CLI's, so both pick the same store for a data directory.
    TRIBUTARY_EMBEDDING_MODEL: z.string().min(1).optional(),
    TRIBUTARY_EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    COHERE_API_KEY: z.string().min(1).optional(),
    COHERE_BASE_URL: z.string().url().optional(),
    PINECONE_API_KEY: z.string().min(1).optional(),
    PINECONE_CONTROLLER_HOST_URL: z.string().url().optional(),
    PINECONE_CLOUD: z.enum(["aws", "gcp", "azure"]).optional(),
    PINECONE_REGION: z.string().min(1).optional(),
    GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
    GITHUB_TOKEN: z.string().min(1).optional(),
    GITHUB_APP_ID: z.string().regex(/^\d+$/, "GITHUB_APP_ID is the App's numeric id").optional(),
    // A PEM kept on one line in .env files has its newlines escaped as "\n".
    GITHUB_APP_PRIVATE_KEY: z
      .string()
      .min(1)
      .transform((key) => key.replace(/\\n/g, "\n"))
      .optional(),
    GITHUB_API_URL: z.string().url().optional(),
    // Longest silence from GitHub, OpenAI, Cohere or Pinecone before a request fails (ms).
    TRIBUTARY_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    INNGEST_DEV: flag.optional(),
    INNGEST_BASE_URL: z.string().url().optional(),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  },
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});
