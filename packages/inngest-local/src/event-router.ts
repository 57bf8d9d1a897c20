import { evaluateKey } from "./expression";
import type { Executor } from "./executor";
import type { FunctionDefinition } from "./registry";
import { terminalStatuses, type EventPayload } from "./run-state";
import { resolveOp } from "./timeline";

const DAY_MS = 86_400_000;

/**
 * Delivers each event, in this order: to waitForEvent steps that match it, to cancelOn
 * rules of active runs, then to the functions it triggers through idempotency and debounce.
 */
export class EventRouter {
  private readonly seenEventIds = new Map<string, number>();
  private readonly idempotencyKeys = new Map<string, number>();
  private readonly debounces = new Map<string, { event: EventPayload; cancel: () => void; deadline?: number }>();

  constructor(private readonly exec: Executor) {}

  /** Events from `inngest.send()`: an `id` seen in the last 24 hours is not delivered again. */
  receive(event: EventPayload): void {
    const now = this.exec.clock.now();
    if (expiresAfter(this.seenEventIds, event.id, now)) {
      this.exec.options.logger({ kind: "event", outcome: "deduplicated", detail: `${event.name} ${event.id}` });
      return;
    }
    this.remember(event, now);
    this.exec.journal.append({ t: "event", event, receivedAt: now });
    this.route(event);
  }

  /** Records a received event (also when restoring the journal). */
  remember(event: EventPayload, receivedAt: number): void {
    this.seenEventIds.set(event.id, receivedAt + DAY_MS);
    this.exec.events.add(event, receivedAt);
  }

  rememberIdempotencyKey(key: string, until: number): void {
    this.idempotencyKeys.set(key, until);
  }

  /** What the journal must keep for deduplication after a compaction. */
  idempotencyRecords(now: number): Array<{ key: string; until: number }> {
    return [...this.idempotencyKeys].filter(([, until]) => until > now).map(([key, until]) => ({ key, until }));
  }

  route(event: EventPayload): void {
    this.resolveWaits(event);
    this.applyCancelOn(event);
    for (const fn of this.exec.functions.values()) {
      const triggered = fn.eventTriggers.some((trigger) => matchesName(trigger.event, event.name) && (!trigger.if || trigger.if({ event }) === true));
      if (triggered) this.trigger(fn, event);
    }
  }

  private resolveWaits(event: EventPayload): void {
    for (const wait of [...this.exec.waits]) {
      if (wait.event !== event.name) continue;
      if (wait.if && wait.if({ event: wait.run.event, async: event }) !== true) continue;
      this.exec.waits.delete(wait);
      resolveOp(this.exec, wait.run, wait.hash, { data: event }, { outcome: "ok", detail: `resumed by event "${event.name}" ${event.id}` });
    }
  }

  private applyCancelOn(event: EventPayload): void {
    const now = this.exec.clock.now();
    const cancellable = [...this.exec.functions.values()].some((fn) => fn.cancelOn.some((rule) => rule.event === event.name));
    if (!cancellable) return;
    for (const run of [...this.exec.runs.values()]) {
      if (terminalStatuses.has(run.status)) continue;
      const rule = run.fn.cancelOn.find(
        (candidate) =>
          candidate.event === event.name &&
          (candidate.timeoutMs === undefined || now <= run.startedAt + candidate.timeoutMs) &&
          (!candidate.if || candidate.if({ event: run.event, async: event }) === true),
      );
      if (rule) this.exec.cancelRun(run, `cancelled by event "${event.name}" (${event.id})`);
    }
  }

  private trigger(fn: FunctionDefinition, event: EventPayload): void {
    const now = this.exec.clock.now();
    if (fn.idempotency) {
      const key = `${fn.id}:${evaluateKey(fn.idempotency, { event })}`;
      if (expiresAfter(this.idempotencyKeys, key, now)) {
        this.exec.options.logger({ kind: "event", fn: fn.id, outcome: "skipped-idempotent", detail: `${event.name} ${event.id}` });
        return;
      }
      this.idempotencyKeys.set(key, now + DAY_MS);
      this.exec.journal.append({ t: "idem", key, until: now + DAY_MS });
    }
    if (fn.debounce) return this.debounce(fn, fn.debounce, event, now);
    this.exec.startRun(fn, event);
  }

  /** The run starts `period` after the last event of a key (no later than `timeout` after the first), with that last event. */
  private debounce(fn: FunctionDefinition, rule: NonNullable<FunctionDefinition["debounce"]>, event: EventPayload, now: number): void {
    const key = `${fn.id}:${rule.key ? evaluateKey(rule.key, { event }) : ""}`;
    const existing = this.debounces.get(key);
    existing?.cancel();
    const deadline = existing?.deadline ?? (rule.timeoutMs === undefined ? undefined : now + rule.timeoutMs);
    const at = Math.min(now + rule.periodMs, deadline ?? Number.POSITIVE_INFINITY);
    const cancel = this.exec.clock.setTimer(at, () => {
      this.debounces.delete(key);
      this.exec.startRun(fn, event);
      this.exec.notify();
    });
    this.debounces.set(key, { event, cancel, deadline });
  }

  stop(): void {
    for (const pending of this.debounces.values()) pending.cancel();
    this.debounces.clear();
  }
}

function matchesName(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** True while `key` was recorded with an expiry still in the future; expired keys are dropped. */
function expiresAfter(book: Map<string, number>, key: string, now: number): boolean {
  const expiry = book.get(key);
  if (expiry !== undefined && expiry > now) return true;
  if (expiry !== undefined) book.delete(key);
  return false;
}
