import { compileExpression } from "./expression";
import type { RunHost, SignalWait, Wait } from "./run-host";
import { terminalStatuses, type PendingInfo, type Run } from "./run-state";
import { resolveOp } from "./timeline";

const iso = (at: number) => new Date(at).toISOString();

/**
 * Puts a pending op in force: its timer at the original deadline, its wait or signal registered,
 * its planned call queued. Used when an op starts and again when a restart restores it
 * (`persist: false`: the journal already holds it).
 */
export function armPending(exec: RunHost, run: Run, key: string, info: PendingInfo, persist = true): void {
  switch (info.type) {
    case "sleep":
      return exec.addTimer(
        run,
        key,
        info,
        () => resolveOp(exec, run, key, { data: null }, { outcome: "ok", detail: `woke at ${iso(info.at)}` }),
        undefined,
        persist,
      );
    case "wait": {
      const wait: Wait = { run, hash: key, event: info.event, if: info.if ? compileExpression(info.if) : undefined };
      exec.waits.add(wait);
      const timedOut = { outcome: "timed-out" as const, detail: `timed out at ${iso(info.at)}: no matching "${info.event}" event` };
      exec.addTimer(
        run,
        key,
        info,
        () => resolveOp(exec, run, key, { data: null }, timedOut),
        () => exec.waits.delete(wait),
        persist,
      );
      return;
    }
    case "signal": {
      const wait: SignalWait = { run, hash: key };
      exec.signals.set(info.signal, wait);
      const forget = () => {
        if (exec.signals.get(info.signal) === wait) exec.signals.delete(info.signal);
      };
      const timedOut = { outcome: "timed-out" as const, detail: `timed out at ${iso(info.at)}: signal "${info.signal}" never came` };
      exec.addTimer(run, key, info, () => resolveOp(exec, run, key, { data: null }, timedOut), forget, persist);
      return;
    }
    case "invoke":
      return armInvoke(exec, run, key, info, persist);
    case "planned":
      exec.setPending(run, key, info, () => {}, persist);
      exec.enqueueCall(run, key);
      return;
    case "retry":
      return exec.armRetry(run, key, info, persist);
  }
}

function armInvoke(exec: RunHost, run: Run, key: string, info: Extract<PendingInfo, { type: "invoke" }>, persist: boolean): void {
  const timeoutError = { name: "InngestInvokeTimeoutError", message: `timed out waiting for "${info.functionId}"` };
  if (info.at !== undefined) {
    const at = info.at;
    exec.addTimer(
      run,
      key,
      { ...info, at },
      () => resolveOp(exec, run, key, { error: timeoutError }, { outcome: "timed-out", detail: `timed out at ${iso(at)}` }),
      undefined,
      persist,
    );
  } else {
    exec.setPending(run, key, info, () => {}, persist);
  }
  if (persist) return;
  // Restored: the invoked run may have ended while nobody was listening, or not have survived.
  const child = info.childRunId ? exec.runs.get(info.childRunId) : undefined;
  if (!child) {
    resolveOp(
      exec,
      run,
      key,
      { error: { name: "Error", message: `invoked run ${info.childRunId ?? "?"} was not found after a restart` } },
      { outcome: "failed", detail: "invoked run lost" },
    );
  } else if (terminalStatuses.has(child.status)) {
    const value =
      child.status === "completed" ? { data: child.output ?? null } : { error: child.error ?? { name: "Error", message: `invoked run ${child.status}` } };
    resolveOp(exec, run, key, value, { outcome: child.status === "completed" ? "ok" : "failed", detail: `invoked run ${child.id} ${child.status}` });
  }
}
