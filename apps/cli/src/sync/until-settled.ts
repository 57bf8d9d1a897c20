import type { EmbeddedRuntime } from "@repo/console-inngest";

const TERMINAL = new Set(["completed", "failed", "cancelled", "skipped"]);

/**
 * Waits until every run in this process has ended. Not `runUntilIdle()`: on the real clock it
 * sleeps until the next timer is due even when that timer (a wait's timeout) is no longer needed.
 */
export async function untilNoRunIsOpen(runtime: EmbeddedRuntime): Promise<void> {
  for (;;) {
    await runtime.local.waitForIdle();
    if (runtime.local.runs().every((run) => TERMINAL.has(run.status))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
