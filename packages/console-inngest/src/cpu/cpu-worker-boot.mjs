// Starts a CPU pool worker. The workspace packages ship as TypeScript, so a worker started from
// sources (tests, tsx, the CLI bundle, which leaves this folder's files in place) registers tsx
// before importing the worker module.
import { workerData } from "node:worker_threads";

if (workerData.entry.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.entry);
