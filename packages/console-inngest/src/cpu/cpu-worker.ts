// A CPU pool worker: runs cpu-tasks.ts functions for the thread that owns the database.
import { parentPort } from "node:worker_threads";
import { cpuTasks, type CpuTaskName } from "./cpu-tasks";

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
    port.postMessage({ id, ok: true, value }, value instanceof Float64Array ? [value.buffer as ArrayBuffer] : []);
  } catch (error) {
    port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
