import { randomUUID } from "node:crypto";
import { z } from "zod";
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

/** Validates what `inngest.send()` posts to `/e/:key` (one event or an array) and fills in id and ts. */
export function normalizeEvents(body: unknown, now: number): EventPayload[] {
  const list = Array.isArray(body) ? body : [body];
  if (list.length > limits.eventsPerSend) {
    throw new EventRejectedError(`${list.length} events in one send; Inngest accepts at most ${limits.eventsPerSend}`);
  }
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
      id: parsed.data.id || randomUUID(),
      ts: parsed.data.ts ?? now,
    };
  });
}
