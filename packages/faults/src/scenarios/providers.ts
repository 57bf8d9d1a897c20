import { check, faultThenConverge, withWorld, type Scenario } from "../scenario";
import { World } from "../world";

const openaiError = (_status: number, message: string, code: string) => ({ error: { message, type: code, code } });

/** GitHub, OpenAI and Pinecone misbehaving, each through its official SDK against the fake. */
export const providerScenarios: Scenario[] = [
  {
    name: "github 5xx on the tree listing",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.github.failNext({ status: 502, times: 2, pathIncludes: "/git/trees" }),
            served: () => w.fakes.github.http.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "github primary rate limit exhausted (429, reset)",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () =>
              w.fakes.github.failNext({
                status: 429,
                times: 1,
                pathIncludes: "/git/trees",
                headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 1) },
                message: "API rate limit exceeded",
              }),
            served: () => w.fakes.github.http.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "github secondary rate limit (403, retry-after)",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.github.secondaryLimitNext({ times: 2, retryAfterSeconds: 1, pathIncludes: "/git/trees" }),
            served: () => w.fakes.github.http.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "github request hangs (timeout, retried)",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.github.failNext({ status: 200, stall: "headers", times: 1, pathIncludes: "/git/trees" }),
            served: () => w.fakes.github.http.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "github tarball cut mid-download, every attempt",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            edits: 25,
            arm: () => w.fakes.github.failNext({ status: 200, truncateAfterBytes: 1500, times: 1000, pathIncludes: "tarball" }),
            disarm: () => w.fakes.github.clearFaults(),
            served: () => w.fakes.github.http.faultsServed,
            allowed: ["partial"],
          }),
      ),
  },
  {
    name: "openai 429 with retry-after",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () =>
              w.fakes.openai.failNext({
                status: 429,
                times: 2,
                headers: { "retry-after-ms": "20" },
                body: openaiError(429, "Rate limit reached", "rate_limit_exceeded"),
              }),
            served: () => w.fakes.openai.server.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "openai 5xx, transient",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.openai.failNext({ status: 500, times: 2 }),
            served: () => w.fakes.openai.server.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "openai request hangs (timeout, retried)",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.openai.failNext({ status: 200, stall: "headers", times: 1 }),
            served: () => w.fakes.openai.server.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "openai bad key (401: fails fast, never retried)",
    run: () =>
      withWorld(
        () => World.open(),
        async (w) => {
          w.fakes.openai.server.resetCounters();
          const outcome = await faultThenConverge(w, {
            arm: () => w.fakes.openai.failNext({ status: 401, times: 1000, body: openaiError(401, "Incorrect API key provided", "invalid_api_key") }),
            disarm: () => w.fakes.openai.clearFaults(),
            served: () => w.fakes.openai.server.faultsServed,
            allowed: ["partial"],
          });
          // One request for the one batch, no retry by the provider client nor by Inngest.
          const unauthorised = w.fakes.openai.server.count({ status: 401 });
          check(unauthorised === 1, `a bad key was tried ${unauthorised} times; retrying cannot help, so once`);
          return { ...outcome, summary: `${outcome.summary}; 1 request with the bad key` };
        },
      ),
  },
  {
    name: "openai outage (5xx through every retry)",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.openai.failNext({ status: 503, times: 1000 }),
            disarm: () => w.fakes.openai.clearFaults(),
            served: () => w.fakes.openai.server.faultsServed,
            allowed: ["partial"],
          }),
      ),
  },
  {
    name: "pinecone 5xx on upsert, transient",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.pinecone.failNext({ status: 503, times: 2, pathIncludes: "/vectors/upsert" }),
            served: () => w.fakes.pinecone.data.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "pinecone upsert hangs (timeout, retried)",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.pinecone.failNext({ status: 200, stall: "headers", times: 1, pathIncludes: "/vectors/upsert" }),
            served: () => w.fakes.pinecone.data.faultsServed,
            allowed: ["succeeded"],
          }),
      ),
  },
  {
    name: "pinecone outage (5xx through every retry)",
    run: () =>
      withWorld(
        () => World.open(),
        (w) =>
          faultThenConverge(w, {
            arm: () => w.fakes.pinecone.failNext({ status: 503, times: 1000, pathIncludes: "/vectors/upsert" }),
            disarm: () => w.fakes.pinecone.clearFaults(),
            served: () => w.fakes.pinecone.data.faultsServed,
            allowed: ["partial"],
          }),
      ),
  },
];
