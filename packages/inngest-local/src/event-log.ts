import type { EventPayload } from "./run-state";

export interface LoggedEvent {
  event: EventPayload;
  receivedAt: number;
}

/** The most recent events sent to the Event API, newest last, for the runs UI and GET /v1/events. */
export class EventLog {
  private readonly entries = new Map<string, LoggedEvent>();

  constructor(private readonly retain: number) {}

  add(event: EventPayload, receivedAt: number): void {
    this.entries.set(event.id, { event, receivedAt });
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.retain) break;
      this.entries.delete(id);
    }
  }

  get(id: string): LoggedEvent | undefined {
    return this.entries.get(id);
  }

  /** Newest first. */
  list(): LoggedEvent[] {
    return [...this.entries.values()].reverse();
  }
}
