import { schema } from "@repo/console-db";
import type { TributaryInngest } from "../client";
import { activityRecorded } from "../events";
import type { SyncDeps } from "../sync/deps";

// activity.record — the append-only audit of user and system actions.
//   1. append-activity
export function createActivityRecord(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "activity-record",
      name: "activity.record",
      triggers: [activityRecorded],
      // An event is appended once even if it is delivered twice.
      idempotency: "event.id",
      retries: 5,
    },
    async ({ event, step }) =>
      step.run("append-activity", async () => {
        const [row] = await deps.db
          .insert(schema.activities)
          .values({ ...event.data, createdAt: new Date(event.ts ?? Date.now()) })
          .returning({ id: schema.activities.id });
        return { activityId: row!.id };
      }),
  );
}
