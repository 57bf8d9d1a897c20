import type { EventRouter } from "./event-router";
import { concurrencySlots, type Executor } from "./executor";
import type { JournalRecord } from "./journal";
import { jsonBytes } from "./limits";
import { armPending } from "./pending";
import { DEFAULT_RETRIES, type FunctionDefinition } from "./registry";
import { pendingKind, terminalStatuses, type Run } from "./run-state";

/**
 * Rebuilds runs, recent events and deduplication keys from the journal. Unfinished runs come
 * back dormant — listed with their steps, but not executed — until their app syncs in this
 * process (`resumeDormantRuns`), since only then is its serve handler reachable.
 */
export function replayJournal(exec: Executor, router: EventRouter, records: JournalRecord[]): void {
  for (const record of records) {
    if (record.t === "event") router.remember(record.event, record.receivedAt);
    else if (record.t === "idem") router.rememberIdempotencyKey(record.key, record.until);
    else if (record.t === "run") {
      const { id, startedAt, singletonKey, parent, originalRunId } = record;
      const run = exec.newRun(placeholder(record.fn), record.event, { id, startedAt, singletonKey, parent, originalRunId });
      run.dormant = true;
      exec.runs.set(id, run);
    } else {
      const run = exec.runs.get(record.run);
      if (run) applyToRun(run, record);
    }
  }
  exec.pruneRuns();
}

function applyToRun(run: Run, record: Exclude<JournalRecord, { t: "event" | "idem" | "run" }>): void {
  switch (record.t) {
    case "memo":
      run.memo[record.hash] = record.value;
      run.stack.push(record.hash);
      run.stateBytes += jsonBytes("data" in record.value ? record.value.data : record.value.error);
      return;
    case "step":
      run.steps.push(record.step);
      return;
    case "pending":
      // Listed (so the run shows as sleeping or waiting) but not armed until the run resumes.
      run.pending.set(record.key, { kind: pendingKind(record.info), info: record.info, cancel: () => {} });
      return;
    case "settled":
      run.pending.delete(record.key);
      return;
    case "attempts":
      if (record.n === 0) run.attempts.delete(record.key);
      else run.attempts.set(record.key, record.n);
      return;
    case "parallel":
      run.sawParallelism = true;
      return;
    case "end":
      Object.assign(run, { status: record.status, endedAt: record.endedAt, output: record.output, error: record.error, dormant: false });
      run.memo = {};
      run.stack = [];
      run.pending.clear();
  }
}

/** Resumes an app's restored runs with the functions it just synced: pending ops re-armed, the rest rediscovered. */
export function resumeDormantRuns(exec: Executor, appName: string): void {
  for (const run of [...exec.runs.values()]) {
    if (!run.dormant || run.fn.appName !== appName || terminalStatuses.has(run.status)) continue;
    run.dormant = false;
    const fn = exec.functions.get(run.fn.id);
    if (!fn) {
      exec.failRun(run, { name: "Error", message: `function "${run.fn.id}" is no longer served by app "${appName}"` });
      continue;
    }
    run.fn = fn;
    run.slots = concurrencySlots(fn, { event: run.event });
    // A result memoized just before the restart settles its pending op even if "settled" was not written.
    const pending = [...run.pending].filter(([key]) => run.memo[key] === undefined);
    run.pending.clear();
    for (const [key, { info }] of pending) armPending(exec, run, key, info, false);
    if (!terminalStatuses.has(run.status) && run.pending.size === 0 && run.calls === 0) exec.enqueueCall(run, "step");
    exec.log(run, { kind: "run", outcome: "resumed", detail: `${run.stack.length} memoized steps, ${pending.length} pending ops` });
  }
  exec.notify();
}

/** The current state as journal records: what a compacted journal holds. */
export function* snapshotRecords(exec: Executor, router: EventRouter): Generator<JournalRecord> {
  for (const { event, receivedAt } of exec.events.list().reverse()) yield { t: "event", event, receivedAt };
  for (const { key, until } of router.idempotencyRecords(exec.clock.now())) yield { t: "idem", key, until };
  for (const run of exec.runs.values()) {
    const id = run.id;
    yield {
      t: "run",
      id,
      fn: { id: run.fn.id, name: run.fn.name, appName: run.fn.appName },
      event: run.event,
      startedAt: run.startedAt,
      ...(run.parent ? { parent: run.parent } : {}),
      ...(run.singletonKey ? { singletonKey: run.singletonKey } : {}),
      ...(run.originalRunId ? { originalRunId: run.originalRunId } : {}),
    };
    for (const hash of run.stack) {
      const value = run.memo[hash];
      if (value) yield { t: "memo", run: id, hash, value };
    }
    for (const step of run.steps) yield { t: "step", run: id, step };
    for (const [key, n] of run.attempts) yield { t: "attempts", run: id, key, n };
    if (run.sawParallelism) yield { t: "parallel", run: id };
    for (const [key, { info }] of run.pending) yield { t: "pending", run: id, key, info };
    if (run.status === "completed" || run.status === "failed" || run.status === "cancelled" || run.status === "skipped") {
      yield {
        t: "end",
        run: id,
        status: run.status,
        endedAt: run.endedAt ?? run.startedAt,
        ...(run.output !== undefined ? { output: run.output } : {}),
        ...(run.error ? { error: run.error } : {}),
      };
    }
  }
}

/** Enough of a function to list its restored runs before its app syncs again. */
function placeholder(fn: { id: string; name: string; appName: string }): FunctionDefinition {
  return { ...fn, url: "", retries: DEFAULT_RETRIES, eventTriggers: [], cronTriggers: [], concurrency: [], cancelOn: [] };
}
