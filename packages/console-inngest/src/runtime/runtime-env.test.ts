import { describe, expect, it } from "vitest";
import { serviceConfigOf } from "./runtime-env";

describe("serviceConfigOf: the env → runtime mapping both apps use", () => {
  it("is the embedded default when nothing is set", () => {
    expect(serviceConfigOf({})).toEqual({ embedding: { provider: "local" } });
  });

  it("moves each part to its service by its variables", () => {
    const config = serviceConfigOf({
      TRIBUTARY_EMBEDDING: "openai",
      OPENAI_API_KEY: "sk-test",
      TRIBUTARY_EMBEDDING_DIMENSIONS: 256,
      PINECONE_API_KEY: "pc-test",
      PINECONE_CLOUD: "aws",
      GITHUB_TOKEN: "ghp-test",
      GITHUB_API_URL: "https://ghe.example/api/v3",
      TRIBUTARY_LEASE_TTL_SECONDS: 30,
      TRIBUTARY_REQUEST_TIMEOUT_MS: 5000,
      TRIBUTARY_ACTIVITY_RETENTION_DAYS: 7,
    });
    expect(config).toEqual({
      embedding: { provider: "openai", apiKey: "sk-test", dimensions: 256 },
      pinecone: { apiKey: "pc-test", cloud: "aws" },
      github: { auth: { kind: "token", token: "ghp-test" }, baseUrl: "https://ghe.example/api/v3" },
      timing: { leaseTtlMs: 30_000 },
      requestTimeoutMs: 5000,
      retention: { activityDays: 7 },
    });
  });

  it("prefers GitHub App credentials over a token, and lets a flag choose the embedder", () => {
    const config = serviceConfigOf({ GITHUB_TOKEN: "t", GITHUB_APP_ID: "12", GITHUB_APP_PRIVATE_KEY: "key", COHERE_API_KEY: "co" }, "cohere");
    expect(config.github).toEqual({ auth: { kind: "app-installation", appId: "12", privateKey: "key" } });
    expect(config.embedding).toEqual({ provider: "cohere", token: "co" });
  });

  it("names the missing key as a missing-credentials error", () => {
    expect(() => serviceConfigOf({ TRIBUTARY_EMBEDDING: "cohere" })).toThrow(
      expect.objectContaining({ code: "missing-credentials", retryable: false, message: "embedding with cohere needs COHERE_API_KEY" }),
    );
  });
});
