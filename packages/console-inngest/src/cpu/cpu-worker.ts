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
}

const port = parentPort;
if (!port) throw new Error("cpu-worker.ts runs as a worker thread of the CPU pool");
port.on("message", async ({ id, task, input }: TaskRequest) => {
  // Fault injection for the pool's tests: the worker dies mid-task, as after a fatal error.
  if (task === "__exit") process.exit(70);
  try {
    const value = await (cpuTasks[task] as (input: unknown) => Promise<unknown>)(input);
    // Typed arrays (vectors) move to the caller instead of being copied.
    port.postMessage({ id, ok: true, value, memory: memory() }, value instanceof Float64Array ? [value.buffer as ArrayBuffer] : []);
  } catch (error) {
    port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
