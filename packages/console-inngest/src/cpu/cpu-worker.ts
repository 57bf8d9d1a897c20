// A CPU pool worker: runs cpu-tasks.ts functions for the thread that owns the database.
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { cpuTasks, type CpuTaskName } from "./cpu-tasks";

/** This worker's heap after a task (cpu-pool.ts keeps the peaks): a few microseconds per task. */
function memory() {
  const heap = getHeapStatistics();
  return { heapUsed: heap.used_heap_size, heapTotal: heap.total_heap_size, external: heap.external_memory, heapSizeLimit: heap.heap_size_limit };
}

export interface TaskRequest {
  id: number;
  task: CpuTaskName | "__exit";
  input: unknown;
  /** Lower runs first; equal priorities in the order they came. */
  priority: number;
}

const port = parentPort;
if (!port) throw new Error("cpu-worker.ts runs as a worker thread of the CPU pool");

// Tasks wait here, not in the pool: the pool posts each task as it comes, so this thread has its
// next task in hand while the thread that owns the database is busy in a long statement and
// cannot hand out work (one task at a time from there left each thread idle while the other
// ran: in a 3,000-file sync they were both busy only ~3 s of ~30).
const queue: TaskRequest[] = [];
let draining = false;

port.on("message", (request: TaskRequest) => {
  // Fault injection for the pool's tests: the worker dies mid-task, as after a fatal error.
  if (request.task === "__exit") process.exit(70);
  let at = queue.length;
  while (at > 0 && queue[at - 1]!.priority > request.priority) at--;
  queue.splice(at, 0, request);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  try {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await runTask(next);
      // Lets tasks posted meanwhile into the queue before the next is chosen, so priority holds.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    draining = false;
  }
}

async function runTask({ id, task, input }: TaskRequest): Promise<void> {
  try {
    const value = await (cpuTasks[task as CpuTaskName] as (input: unknown) => Promise<unknown>)(input);
    // Typed arrays (vectors) move to the caller instead of being copied.
    port!.postMessage({ id, ok: true, value, memory: memory() }, value instanceof Float64Array ? [value.buffer as ArrayBuffer] : []);
  } catch (error) {
    port!.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}
port.postMessage({ ready: true });
