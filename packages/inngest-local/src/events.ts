import { z } from "zod";
import { seededEventIds, ulid } from "./ids";
import { jsonBytes, limits } from "./limits";
import type { EventPayload } from "./run-state";

const eventInput = z.looseObject({
  name: z.string().min(1, "event name is required"),
  data: z.record(z.string(), z.unknown()).nullish(),
  id: z.string().nullish(),
  ts: z.number().nullish(),
});

/** A rejected send; a retry with the same payload cannot help. */
export class EventRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventRejectedError";
  }
}

/**
 * Validates what `inngest.send()` posts to `/e/:key` (one event or an array) and fills in id and
 * ts. Events without an id get the ids the SDK's `x-inngest-event-id-seed` header determines (so
 * a retried send repeats them and is deduplicated, as on Inngest), or fresh ULIDs.
 */
export function normalizeEvents(body: unknown, now: number, idSeed: string | null = null): EventPayload[] {
  const list = Array.isArray(body) ? body : [body];
  if (list.length > limits.eventsPerSend) {
    throw new EventRejectedError(`${list.length} events in one send; Inngest accepts at most ${limits.eventsPerSend}`);
  }
  const seeded = seededEventIds(idSeed, list.length);
  return list.map((raw, index) => {
    const parsed = eventInput.safeParse(raw);
    if (!parsed.success) throw new EventRejectedError(`event ${index} is invalid: ${parsed.error.issues[0]?.message}`);
    const bytes = jsonBytes(raw);
    if (bytes > limits.eventBytes) {
      throw new EventRejectedError(
        `event "${parsed.data.name}" is ${bytes} bytes; Inngest's limit is ${limits.eventBytes} (send ids and fetch data in a step)`,
      );
    }
    return {
      ...parsed.data,
      name: parsed.data.name,
      data: parsed.data.data ?? {},
      id: parsed.data.id || seeded?.[index] || ulid(now),
      ts: parsed.data.ts ?? now,
    };
  });
}
