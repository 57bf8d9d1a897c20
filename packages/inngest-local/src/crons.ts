import { internalEvent, type RunHost } from "./run-host";
import type { FunctionDefinition } from "./registry";

/** Starts runs of cron-triggered functions on schedule, as Inngest does with `inngest/scheduled.timer` events. */
export class CronRunner {
  private readonly cancels = new Map<string, Array<() => void>>();

  constructor(private readonly exec: RunHost) {}

  arm(fn: FunctionDefinition): void {
    this.disarm(fn.id);
    const cancels = fn.cronTriggers.map((trigger) => {
      let cancel = () => {};
      const schedule = (after: number) => {
        const at = trigger.schedule.next(after);
        cancel = this.exec.clock.setTimer(
          at,
          () => {
            this.exec.startRun(fn, internalEvent("inngest/scheduled.timer", { cron: trigger.spec }, at));
            schedule(at);
            this.exec.notify();
          },
          "background",
        );
      };
      schedule(this.exec.clock.now());
      return () => cancel();
    });
    this.cancels.set(fn.id, cancels);
  }

  disarm(functionId: string): void {
    for (const cancel of this.cancels.get(functionId) ?? []) cancel();
    this.cancels.delete(functionId);
  }

  stop(): void {
    for (const id of [...this.cancels.keys()]) this.disarm(id);
  }
}
