import { APP_ID, type TributaryInngest } from "../client";
import { alertsEvaluate } from "../events";
import { FunctionFailedSchema, recordDeadLetter } from "../recovery/dead-letters";
import type { SyncDeps } from "../sync/deps";

export const ERROR_RECOVERY_ID = "error-recovery";

// error.recovery — every Tributary run that failed for good lands in the dead-letter table.
//   1. record-dead-letter: function, redacted event, error, attempts, source and job (once per run)
//   2. evaluate-alerts: the source's dead-letter count may have crossed its threshold
// Re-queuing failed work happens after the job ends (failure-recovery): by then the job knows
// exactly which files failed, which a single failed batch run cannot tell.
export function createErrorRecovery(inngest: TributaryInngest, deps: SyncDeps, retriesOf: (functionId: string) => number | undefined) {
  return inngest.createFunction(
    {
      id: ERROR_RECOVERY_ID,
      name: "error.recovery",
      triggers: [{ event: "inngest/function.failed" }],
      retries: 3,
    },
    async ({ event, step }) => {
      const failed = FunctionFailedSchema.parse(event.data);
      // Other apps of the same Inngest environment fail too; and its own failures would feed back into itself.
      if (!failed.function_id.startsWith(`${APP_ID}-`) || failed.function_id.endsWith(ERROR_RECOVERY_ID)) return { recorded: false };
      const letter = await step.run("record-dead-letter", () => recordDeadLetter(deps.db, failed, retriesOf));
      if (letter?.sourceId) await step.sendEvent("evaluate-alerts", alertsEvaluate.create({ sourceId: letter.sourceId }));
      return { recorded: letter !== null, deadLetterId: letter?.id ?? null };
    },
  );
}
