import type { EmbeddedRuntime } from "@repo/console-inngest";
import type { RuntimeSettings } from "../config/services";
import { EXIT } from "../errors";
import { explainStartupError } from "./startup-errors";
import { startRuntime } from "./start-runtime";

/**
 * Starts the functions on inngest-local over the configured database. The PGlite data
 * directory belongs to this process until `close()`, so SIGINT and SIGTERM close it (stop the
 * executor, close PGlite, release the lock) before exiting; a second signal exits at once.
 */
export async function openRuntime(settings: RuntimeSettings, options: { onInterrupt?: () => void; cpuWork?: boolean } = {}): Promise<EmbeddedRuntime> {
  const { onInterrupt, cpuWork } = options;
  let runtime: EmbeddedRuntime;
  try {
    runtime = await startRuntime(settings, { debug: settings.debug === true, ...(cpuWork ? { cpuWork } : {}) });
  } catch (error) {
    throw explainStartupError(error, settings);
  }
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= runtime.close());
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(EXIT.INTERRUPTED);
    onInterrupt?.();
    process.stderr.write(`\n${signal}: stopping; the next sync resumes where this one stopped\n`);
    void close().finally(() => process.exit(EXIT.INTERRUPTED));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    ...runtime,
    close: async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await close();
    },
  };
}
