import type { TributaryInngest } from "../client";
import { alertsEvaluate } from "../events";
import { deliverAlertNotices } from "../alerts/notify";
import { evaluateSignatureFailures } from "../alerts/signature-failures";
import { activeSourceIds, DEFAULT_ALERT_RULES, evaluateSourceAlerts } from "../alerts/rules";
import type { SyncDeps } from "../sync/deps";
import { nowOf } from "../sync/lease";

export const DEFAULT_ALERT_CRON = "*/5 * * * *";

// monitoring.alert — alert rules after every job (via failure.recovery) and on a schedule.
//   1. evaluate: one source (event) or every active source and the webhook signature-failure
//      burst (cron); opens and resolves alerts
//   2. deliver-notices: to the optional webhook, signed, each opened/resolved notice once
export function createMonitoringAlert(inngest: TributaryInngest, deps: SyncDeps, options: { cron?: string } = {}) {
  return inngest.createFunction(
    {
      id: "monitoring-alert",
      name: "monitoring.alert",
      triggers: [alertsEvaluate, { cron: options.cron ?? DEFAULT_ALERT_CRON }],
      // Evaluations are idempotent; one at a time keeps their notices in order.
      concurrency: [{ limit: 1 }],
      retries: 3,
    },
    async ({ event, step }) => {
      const rules = { ...DEFAULT_ALERT_RULES, ...deps.alerts?.rules };
      const evaluation = await step.run("evaluate", async () => {
        const sourceId = event.name === alertsEvaluate.name ? (event.data as { sourceId: string | null }).sourceId : null;
        const ids = sourceId ? [sourceId] : await activeSourceIds(deps.db);
        const now = nowOf(deps);
        let raised = 0;
        let resolved = 0;
        for (const id of ids) {
          const result = await evaluateSourceAlerts(deps.db, id, now, rules);
          raised += result.raised.length;
          resolved += result.resolved.length;
        }
        // Forged deliveries name no trustworthy source: the scheduled pass watches them deployment-wide.
        if (!sourceId) {
          const signatures = await evaluateSignatureFailures(deps.db, now, { threshold: rules.signatureFailures, windowMs: rules.signatureWindowMs });
          raised += signatures.raised;
          resolved += signatures.resolved;
        }
        return { sources: ids.length, raised, resolved };
      });
      const webhook = deps.alerts?.webhook;
      if (!webhook) return evaluation;
      const notices = await step.run("deliver-notices", () => deliverAlertNotices(deps.db, webhook, nowOf(deps)));
      return { ...evaluation, notices };
    },
  );
}
