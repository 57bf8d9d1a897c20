import type { TributaryInngest } from "../client";
import type { SyncDeps } from "../sync/deps";
import { createActivityRecord } from "./activity-record";
import { createCleanupStale } from "./cleanup-stale";
import { createDocumentsDelete } from "./documents-delete";
import { createDocumentsProcess } from "./documents-process";
import { createGithubPush } from "./github-push";
import { createItemWebhook } from "./item-webhook";
import { createRelationshipsExtract } from "./relationships-extract";
import { createScheduleSync } from "./schedule-sync";
import { createSourceCleanup } from "./source-cleanup";
import { createSourceConnected } from "./source-connected";
import { createSourcePlan } from "./source-plan";
import { createSourceStage } from "./source-stage";
import { createSourceSync } from "./source-sync";
import { createStoreEnsure } from "./store-ensure";
import { createErrorRecovery } from "./error-recovery";
import { createFailureRecovery } from "./failure-recovery";
import { createMonitoringAlert } from "./monitoring-alert";

export interface FunctionOptions {
  /** schedule.sync's cron; hourly by default. */
  scheduleCron?: string;
  /** monitoring.alert's cron; every 5 minutes by default. */
  alertCron?: string;
  /** cleanup.stale's daily cron. */
  cleanupCron?: string;
}

/** Every Tributary function, for `serve()` (the console) or inngest-local (the CLI and tests). */
export function createFunctions(inngest: TributaryInngest, deps: SyncDeps, options: FunctionOptions = {}) {
  const sourcePlan = createSourcePlan(inngest, deps);
  const relationshipsExtract = createRelationshipsExtract(inngest, deps);
  const storeEnsure = createStoreEnsure(inngest, deps);
  const functions = [
    createSourceConnected(inngest, deps, { storeEnsure }),
    createGithubPush(inngest, deps),
    createItemWebhook(inngest, deps),
    createScheduleSync(inngest, deps, options.scheduleCron ? { cron: options.scheduleCron } : {}),
    createSourceSync(inngest, deps, { sourcePlan, relationshipsExtract }),
    sourcePlan,
    createSourceStage(inngest, deps),
    createDocumentsProcess(inngest, deps),
    createDocumentsDelete(inngest, deps),
    relationshipsExtract,
    storeEnsure,
    createActivityRecord(inngest, deps),
    createFailureRecovery(inngest, deps),
    createMonitoringAlert(inngest, deps, options.alertCron ? { cron: options.alertCron } : {}),
    createCleanupStale(inngest, deps, options.cleanupCron ? { cron: options.cleanupCron } : {}),
    createSourceCleanup(inngest, deps),
  ];
  // function.failed names a function by its full id (`tributary-documents-process`).
  const retries = new Map(functions.map((fn) => [fn.id(inngest.id), (fn.opts as { retries?: number }).retries] as const));
  return [...functions, createErrorRecovery(inngest, deps, (functionId) => retries.get(functionId))];
}
