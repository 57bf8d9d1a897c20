import { chunkDocument } from "@repo/console-chunking";
import { lexicalTermsOf } from "@repo/console-db";
import { createLocalEmbedder } from "@repo/console-embed";
import { extractRelationships } from "@repo/console-relationships";
import { sha256Hex } from "@repo/console-types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeCpuPool, cpuPool, createCpuPool, CpuWorkerError, WORKER_RESOURCE_LIMITS, type CpuPool } from "./cpu-pool";
import { REPO_PATH_SEPARATOR } from "./repo-paths";
import { createPooledLocalEmbedder } from "./pooled-local-embedder";

const options = { maxTokens: 200, overlapTokens: 20 };
const source = Array.from({ length: 40 }, (_, i) => `export function handler${i}(request: Request): Response {\n  return new Response("${i}");\n}\n`).join(
  "\n",
);
const files = [
  { path: "src/handlers.ts", content: new TextEncoder().encode(source) },
  { path: "README.md", content: new TextEncoder().encode("# Title\n\nSome words about parseConfig and max_redirects.\n") },
];

describe("CPU pool", () => {
  let pool: CpuPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it("chunks on a worker thread exactly as chunkDocument does on this one, with each chunk's lexical terms", async () => {
    pool = createCpuPool({ size: 1 });
    const out = await pool.run("chunkFiles", { files, options });
    expect(pool.mode()).toBe("workers");
    for (const [i, file] of files.entries()) {
      const expected = await chunkDocument({ path: file.path, text: new TextDecoder().decode(file.content) }, options);
      const got = out[i]!;
      if ("error" in got) throw new Error(got.error);
      expect(got.chunks).toEqual(expected);
      expect(got.lexical).toEqual(expected.map((c) => lexicalTermsOf(c.text, c.context, file.path)));
      expect(got.textHashes).toEqual(expected.map((c) => sha256Hex(c.text)));
    }
    expect((out[0] as { chunks: unknown[] }).chunks.length).toBeGreaterThan(1);
  });

  it("extracts relationships on a worker thread exactly as extractRelationships does on this one, for each task's repository paths", async () => {
    pool = createCpuPool({ size: 1 });
    const repo = { owner: "acme", name: "app" };
    const text = 'import { parse } from "./parse";\nimport { x } from "../lib/x.js";\n// fixes #12, see acme/other#3 and https://example.com/a?b=1#c\n';
    const docs = [
      { path: "src/index.ts", content: new TextEncoder().encode(text) },
      { path: "docs/guide.md", content: new TextEncoder().encode("See [parse](../src/parse.ts) and ABC-42.\n") },
    ];
    // Two jobs' path sets in turn: the worker keeps the last set, and must not reuse it for other paths.
    for (const paths of [
      ["src/index.ts", "src/parse.ts", "lib/x.ts", "docs/guide.md"],
      ["src/index.ts", "src/parse/index.ts"],
    ]) {
      const out = await pool.run("extractEdges", { files: docs, repoPaths: paths.join(REPO_PATH_SEPARATOR), repo });
      const expected = docs.map((d) => extractRelationships({ path: d.path, text: new TextDecoder().decode(d.content), repoPaths: new Set(paths), repo }));
      expect(out).toEqual(expected);
      expect(expected[0]!.some((edge) => edge.targetPath !== undefined)).toBe(true);
    }
    expect(pool.mode()).toBe("workers");
  });

  it("starts its workers on warm(), before any task, and runs tasks on them", async () => {
    pool = createCpuPool({ size: 1 });
    expect(pool.mode()).toBe("starting");
    pool.warm();
    await vi.waitFor(() => expect(pool!.mode()).toBe("workers"), { timeout: 20_000, interval: 20 });
    // No task ran: nothing has reported a heap yet.
    expect(pool.memoryPeaks().heapSizeLimit).toBe(0);
    pool.warm();
    expect(await pool.run("chunkFiles", { files, options })).toHaveLength(2);
    expect(pool.memoryPeaks().heapSizeLimit).toBeGreaterThan(0);
  });

  it("stays inline on warm() when its size is 0, and starts nothing once closed", async () => {
    pool = createCpuPool({ size: 0 });
    pool.warm();
    expect(pool.mode()).toBe("inline");
    const closed = createCpuPool({ size: 1 });
    await closed.close();
    closed.warm();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(closed.mode()).toBe("starting");
  });

  it("fails the tasks of a worker that dies with a retryable CpuWorkerError, then replaces the worker", async () => {
    pool = createCpuPool({ size: 1 });
    await pool.run("chunkFiles", { files, options });
    await expect(pool.crashWorker()).rejects.toBeInstanceOf(CpuWorkerError);
    const again = await pool.run("chunkFiles", { files, options });
    expect(again).toHaveLength(2);
    expect(pool.mode()).toBe("workers");
  });

  it("fails every task queued on a worker that dies, not only the one it was running, then runs new tasks", async () => {
    pool = createCpuPool({ size: 1 });
    await pool.run("chunkFiles", { files, options });
    // Posted at once, all four sit in the worker's own queue (one running) when it exits.
    const queued = [
      pool.run("chunkFiles", { files: Array.from({ length: 300 }, () => files[0]!), options }),
      pool.run("chunkFiles", { files, options }),
      pool.run("embedLocal", { texts: ["parse config"], dimensions: 8, kind: "document" }),
      pool.run("redactFiles", { contents: [files[1]!.content] }),
    ];
    const outcomes = Promise.allSettled(queued);
    await expect(pool.crashWorker()).rejects.toBeInstanceOf(CpuWorkerError);
    // None is left pending. The running one may have finished before the exit; every one still waiting fails, retryably.
    const rejected = (await outcomes).filter((outcome) => outcome.status === "rejected");
    expect(rejected.length).toBeGreaterThanOrEqual(queued.length - 1);
    for (const outcome of rejected) expect(outcome.reason).toBeInstanceOf(CpuWorkerError);
    expect(await pool.run("chunkFiles", { files, options })).toHaveLength(2);
  });

  it("starts workers with bounded heaps and reports their heap peaks", async () => {
    pool = createCpuPool({ size: 1 });
    expect(pool.memoryPeaks().heapSizeLimit).toBe(0);
    await pool.run("chunkFiles", { files, options });
    const peaks = pool.memoryPeaks();
    // Unbounded, a worker's heap limit is V8's default (gigabytes) and its heap grew to ~300 MB in bench:cli.
    const bound = (WORKER_RESOURCE_LIMITS.maxOldGenerationSizeMb + 2 * WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb) * 2 ** 20;
    expect(peaks.heapSizeLimit).toBeGreaterThan(WORKER_RESOURCE_LIMITS.maxOldGenerationSizeMb * 2 ** 20);
    expect(peaks.heapSizeLimit).toBeLessThanOrEqual(bound);
    expect(peaks.heapUsed).toBeGreaterThan(0);
    expect(peaks.heapTotal).toBeGreaterThanOrEqual(peaks.heapUsed);
  });

  it("runs inline when its size is 0, with the same results", async () => {
    pool = createCpuPool({ size: 0 });
    const inline = await pool.run("chunkFiles", { files, options });
    expect(pool.mode()).toBe("inline");
    const workers = createCpuPool({ size: 1 });
    try {
      expect(await workers.run("chunkFiles", { files, options })).toEqual(inline);
    } finally {
      await workers.close();
    }
  });

  it("runs the tasks waiting on its worker by priority: redaction, then embeddings, then chunking", async () => {
    pool = createCpuPool({ size: 1 });
    await pool.run("chunkFiles", { files, options });
    const order: string[] = [];
    const track = <T>(name: string, task: Promise<T>) => task.then(() => order.push(name));
    // The worker is usually busy with this one while the others arrive; on a loaded machine all four can reach its
    // queue before it picks one, and then the long one (chunking, first posted) waits its turn among them.
    const long = track("long chunking", pool.run("chunkFiles", { files: Array.from({ length: 300 }, () => files[0]!), options }));
    const chunking = track("chunking", pool.run("chunkFiles", { files, options }));
    const embedding = track("embedding", pool.run("embedLocal", { texts: ["parse config"], dimensions: 8, kind: "document" }));
    const redaction = track("redaction", pool.run("redactFiles", { contents: [files[1]!.content] }));
    await Promise.all([long, chunking, embedding, redaction]);
    expect(order.filter((name) => name !== "long chunking")).toEqual(["redaction", "embedding", "chunking"]);
    // Equal priorities keep their order.
    expect(order.indexOf("long chunking")).toBeLessThan(order.indexOf("chunking"));
  });

  it("keeps working through its queue while the calling thread is blocked (a long synchronous statement)", async () => {
    pool = createCpuPool({ size: 1 });
    const big = { files: Array.from({ length: 150 }, () => files[0]!), options };
    await pool.run("chunkFiles", big);
    let started = performance.now();
    await pool.run("chunkFiles", big);
    const one = performance.now() - started;
    const tasks = [pool.run("chunkFiles", big), pool.run("chunkFiles", big), pool.run("chunkFiles", big)];
    await new Promise((resolve) => setImmediate(resolve));
    // Blocked long enough for all three: posted one at a time, two would still be to run afterwards.
    started = performance.now();
    while (performance.now() - started < 3 * one * 3 + 500);
    started = performance.now();
    await Promise.all(tasks);
    expect(performance.now() - started).toBeLessThan(one);
  });

  it("rejects tasks running or waiting when the pool closes instead of leaving them pending", async () => {
    pool = createCpuPool({ size: 1 });
    await pool.run("chunkFiles", { files, options });
    const running = pool.run("chunkFiles", { files: Array.from({ length: 200 }, () => files[0]!), options });
    // A second task waits for the only worker; closing must not leave it waiting forever.
    const queued = pool.run("chunkFiles", { files, options });
    // Both settle while close() runs: observe them first, or their rejections go unhandled.
    const outcomes = Promise.allSettled([running, queued]);
    await pool.close();
    for (const outcome of await outcomes) {
      expect(outcome.status).toBe("rejected");
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(CpuWorkerError);
    }
  });
});

describe("local embeddings on the CPU pool", () => {
  afterEach(() => closeCpuPool());

  it("gives the same vectors and counts as the inline local embedder, computed on a worker", async () => {
    const texts = Array.from({ length: 1100 }, (_, i) => `function parseConfig${i}(path) { return readFile(path, "utf8"); }`);
    const pooled = createPooledLocalEmbedder(64);
    const vectors = await pooled.embed(texts, "document");
    expect(cpuPool().mode()).toBe("workers");
    const inline = createLocalEmbedder({ dimensions: 64 });
    expect(vectors).toEqual(await inline.embed(texts, "document"));
    expect(pooled.stats.texts).toBe(texts.length);
    // A query stays on this thread and still counts.
    expect(await pooled.embed(["parse config"], "query")).toEqual(await inline.embed(["parse config"], "query"));
    expect(pooled.stats.texts).toBe(texts.length + 1);
  });
});
