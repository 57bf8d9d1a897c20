import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CpuTaskName, CpuTasks } from "./cpu-tasks";
import type { TaskRequest } from "./cpu-worker";

type Input<K extends CpuTaskName> = Parameters<CpuTasks[K]>[0];
type Output<K extends CpuTaskName> = Awaited<ReturnType<CpuTasks[K]>>;

let tasksHere: Promise<CpuTasks> | undefined;

/**
 * The tasks, for running on this thread: loaded on first use. Their modules (the chunker with
 * its cl100k tokenizer, tree-sitter) took ~0.3 s and ~40 MiB of RSS at the start of every process
 * that only hands tasks to workers (the CLI's full sync), which load their own copy.
 */
function runHere<K extends CpuTaskName>(task: K, input: Input<K>): Promise<Output<K>> {
  tasksHere ??= import("./cpu-tasks").then((module) => module.cpuTasks);
  return tasksHere.then((tasks) => (tasks[task] as (input: Input<K>) => Promise<Output<K>>)(input));
}

/** A worker died (or the pool closed) while it ran a task: the step that asked may be retried. */
export class CpuWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CpuWorkerError";
  }
}

export interface CpuPool {
  /** Runs a task on a worker thread (or inline, when workers are off or cannot start). */
  run<K extends CpuTaskName>(task: K, input: Input<K>): Promise<Output<K>>;
  /**
   * Starts the workers not running yet, without a task, so their start (a V8 heap and the
   * modules, ~0.3 s) overlaps what the caller does before its first task. Idle workers are
   * unref'd: a warmed pool that gets no task never keeps the process alive.
   */
  warm(): void;
  /** "workers" once a worker has started; "inline" when size is 0 or no worker could start. */
  mode(): "workers" | "inline" | "starting";
  /** The largest heap any worker reported after a task, and its heap size limit (bytes). */
  memoryPeaks(): WorkerMemory;
  /** Stops the workers; tasks still running reject with CpuWorkerError. */
  close(): Promise<void>;
  /** Fault injection for tests: the worker that takes this task exits while running it. */
  crashWorker(): Promise<never>;
}

export interface WorkerMemory {
  /** V8 heap of one worker: used and committed (heapTotal), the most any worker reported. */
  heapUsed: number;
  heapTotal: number;
  /** Outside its heap (tree-sitter's WebAssembly memory, buffers). */
  external: number;
  /** The worker's heap size limit (from WORKER_RESOURCE_LIMITS); 0 before any task. */
  heapSizeLimit: number;
}

/**
 * Heap bounds of each worker. Without them a worker's V8 heap grew to ~300 MB during bench:cli's
 * 3,000-file sync, mostly garbage V8 saw no reason to collect; with them (and the smaller caches)
 * it peaked at 124 MB committed in the same sync, at no measured CPU cost (a worker alone over the
 * corpus: 380–445 → ~280 MiB process peak RSS, CPU 22–23 s either way). A task's live data (chunks of 50 files, the bounded caches) stays well
 * below the old generation's bound; a worker that still runs out dies, and its task fails with a
 * retryable CpuWorkerError.
 */
export const WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 } as const;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<boolean>;
  pending: Map<number, Pending>;
}

// Built from parts so that bundlers (Next.js) do not copy the files away as assets: the worker
// loads them where they are, next to this module (import.meta.url is its source file's URL in the
// CLI's bundle too).
const here = (file: string) => new URL(`./${file}`, import.meta.url);
const WORKER_ENTRY = here(["cpu-worker", "ts"].join(".")).href;
const BOOT = here(["cpu-worker-boot", "mjs"].join("."));

/**
 * Lower runs first. Among a batch's stages, the later a stage, the sooner its batch is done (a
 * batch's embeddings before the next batch's chunking), so batches finish one after another
 * instead of all at once behind a queue of every batch's chunking. Redaction, the first stage,
 * goes before all: the reader waits for it, and only what the reader stages releases batches
 * (queued behind chunking, it left the writing thread without a batch to write). Each worker
 * keeps its own queue in this order (cpu-worker.ts).
 */
const PRIORITY: Record<CpuTaskName | "__exit", number> = { redactFiles: -1, embedLocal: 0, __exit: 0, extractEdges: 0, chunkFiles: 1 };

/** One thread for the database and event loop, the rest for CPU work (at least one worker, at most 4). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Worker threads for the sync's CPU-bound steps (chunking, lexical terms), so the thread that owns
 * the database (PGlite runs on the caller's thread) and serves requests (the console) keeps going.
 * Workers start on first use and are unref'd while idle: an idle pool never keeps a process alive.
 * A worker that dies fails its running tasks with a CpuWorkerError (a retryable step error) and is
 * replaced on the next task. If no worker can start at all (no tsx to load the TypeScript sources,
 * a bundler that moved the files), tasks run inline instead. `workerEntry` (a path or file URL) is
 * the worker module: the TypeScript source by default, or a bundled plain-JavaScript cpu-worker
 * (`@repo/console-inngest/cpu-worker`, see scripts/build-cpu-worker.mjs), which starts directly.
 */
export function createCpuPool({ size = defaultPoolSize(), workerEntry = WORKER_ENTRY }: { size?: number; workerEntry?: string } = {}): CpuPool {
  const slots: Slot[] = [];
  let nextId = 1;
  let inline = size <= 0;
  let everStarted = false;
  let closed = false;
  const memory: WorkerMemory = { heapUsed: 0, heapTotal: 0, external: 0, heapSizeLimit: 0 };

  const spawn = (): Slot => {
    // A plain-JavaScript entry (a bundled cpu-worker) starts as it is; the sources go through the boot file, which loads tsx.
    const worker = workerEntry.endsWith(".ts")
      ? new Worker(BOOT, { workerData: { entry: workerEntry }, resourceLimits: WORKER_RESOURCE_LIMITS })
      : new Worker(workerEntry.startsWith("file:") ? new URL(workerEntry) : workerEntry, { resourceLimits: WORKER_RESOURCE_LIMITS });
    worker.unref();
    const pending = new Map<number, Pending>();
    let markReady: (ok: boolean) => void = () => {};
    const ready = new Promise<boolean>((resolve) => (markReady = resolve));
    const slot: Slot = { worker, ready, pending };
    const fail = (reason: string) => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      markReady(false);
      for (const task of pending.values()) task.reject(new CpuWorkerError(reason));
      pending.clear();
    };
    worker.on("message", (message: { ready?: true; id?: number; ok?: boolean; value?: unknown; error?: string; memory?: WorkerMemory }) => {
      if (message.memory)
        for (const key of ["heapUsed", "heapTotal", "external", "heapSizeLimit"] as const) memory[key] = Math.max(memory[key], message.memory[key]);
      if (message.ready) {
        everStarted = true;
        return markReady(true);
      }
      const task = pending.get(message.id!);
      if (!task) return;
      pending.delete(message.id!);
      if (pending.size === 0) worker.unref();
      if (message.ok) task.resolve(message.value);
      else task.reject(new Error(message.error));
    });
    worker.on("error", (error) => fail(`a CPU worker failed: ${error.message}`));
    worker.on("exit", (code) => fail(closed ? "the CPU pool was closed" : `a CPU worker exited (code ${code}) while running a task`));
    slots.push(slot);
    return slot;
  };

  const pick = (): Slot => {
    if (slots.length < size) {
      const idle = slots.find((s) => s.pending.size === 0);
      return idle ?? spawn();
    }
    return slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
  };

  async function run<K extends CpuTaskName>(task: K | "__exit", input: unknown): Promise<Output<K>> {
    if (closed) throw new CpuWorkerError("the CPU pool was closed");
    if (inline) return runHere(task as K, input as Input<K>);
    const slot = pick();
    if (!(await slot.ready)) {
      // Never started: no worker can run here, so the work runs on this thread from now on.
      if (!everStarted) {
        inline = true;
        return run(task, input);
      }
      throw new CpuWorkerError("a CPU worker stopped before it could take the task");
    }
    const id = nextId++;
    return new Promise<Output<K>>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, task, input, priority: PRIORITY[task] } satisfies TaskRequest);
    });
  }

  return {
    run: (task, input) => run(task, input),
    warm: () => {
      if (inline || closed) return;
      while (slots.length < size) spawn();
    },
    crashWorker: () => run("__exit" as CpuTaskName, null) as Promise<never>,
    memoryPeaks: () => ({ ...memory }),
    mode: () => (inline ? "inline" : everStarted ? "workers" : "starting"),
    close: async () => {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
}

let shared: CpuPool | undefined;
let sharedSize: number | undefined;
let sharedEntry: string | undefined;

/**
 * The process's CPU pool, used by the sync functions wherever they run (CLI, console, tests).
 * Created on first use; `configureCpuPool` (before that) sets its size, 0 for inline.
 */
export function cpuPool(): CpuPool {
  shared ??= createCpuPool({ ...(sharedSize === undefined ? {} : { size: sharedSize }), ...(sharedEntry === undefined ? {} : { workerEntry: sharedEntry }) });
  return shared;
}

/**
 * Sets the shared pool's size (0 runs every task inline) and/or its worker module (a bundled
 * cpu-worker, which starts without transpiling the sources); replaces a pool already started.
 */
export async function configureCpuPool({ size, workerEntry }: { size?: number; workerEntry?: string }): Promise<void> {
  if (size !== undefined) sharedSize = size;
  if (workerEntry !== undefined) sharedEntry = workerEntry;
  const previous = shared;
  shared = undefined;
  await previous?.close();
}

/** Stops the shared pool's workers (a process that is about to exit, a test's teardown). */
export async function closeCpuPool(): Promise<void> {
  const previous = shared;
  shared = undefined;
  await previous?.close();
}

/** One file this small is worked on by the calling thread: a few milliseconds, where a cold pool would first start a worker. */
const INLINE_MAX_BYTES = 64 * 1024;

/**
 * Runs `task` on the pool, or inline when its input is a single file of at most 64 KiB (`sizes`:
 * the byte length of each file in the input) — what a push of one file would otherwise pay for
 * a worker's start (its own V8 heap and modules).
 */
export function runOnPool<K extends CpuTaskName>(task: K, input: Input<K>, sizes: readonly number[]): Promise<Output<K>> {
  if (sizes.length === 1 && sizes[0]! <= INLINE_MAX_BYTES) return runHere(task, input);
  return cpuPool().run(task, input);
}
