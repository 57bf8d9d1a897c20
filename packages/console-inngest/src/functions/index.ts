import type { TributaryInngest } from "../client";
import type { SyncDeps } from "../sync/deps";
import { createActivityRecord } from "./activity-record";
import { createCleanupStale } from "./cleanup-stale";
import { createDocumentsDelete } from "./documents-delete";
import { createDocumentsProcess } from "./documents-process";
import { createGithubAdapter } from "./github-adapter";
import { createGithubPush } from "./github-push";
import { createGithubSync } from "./github-sync";
import { createRelationshipsExtract } from "./relationships-extract";
import { createScheduleSync } from "./schedule-sync";
import { createSourceCleanup } from "./source-cleanup";
import { createSourceConnected } from "./source-connected-github";
import { createSourceSync } from "./source-sync";
import { createStoreEnsure } from "./store-ensure";

export interface FunctionOptions {
  /** schedule.sync's cron; hourly by default. */
  scheduleCron?: string;
  /** cleanup.stale's daily cron. */
  cleanupCron?: string;
}

/** Every Tributary function, for `serve()` (the console) or inngest-local (the CLI and tests). */
export function createFunctions(inngest: TributaryInngest, deps: SyncDeps, options: FunctionOptions = {}) {
  const githubSync = createGithubSync(inngest, deps);
  const relationshipsExtract = createRelationshipsExtract(inngest, deps);
  const storeEnsure = createStoreEnsure(inngest, deps);
  return [
    createSourceConnected(inngest, deps, { storeEnsure }),
    createGithubPush(inngest, deps),
    createScheduleSync(inngest, deps, options.scheduleCron ? { cron: options.scheduleCron } : {}),
    createSourceSync(inngest, deps, { githubSync, relationshipsExtract }),
    githubSync,
    createGithubAdapter(inngest, deps),
    createDocumentsProcess(inngest, deps),
    createDocumentsDelete(inngest, deps),
    relationshipsExtract,
    storeEnsure,
    createActivityRecord(inngest, deps),
    createCleanupStale(inngest, deps, options.cleanupCron ? { cron: options.cleanupCron } : {}),
    createSourceCleanup(inngest, deps),
  ];
}
