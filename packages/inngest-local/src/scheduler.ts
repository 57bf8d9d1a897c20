/**
 * A FIFO of calls gated by concurrency keys. Inngest counts concurrency in executing
 * steps, not in runs: a sleeping or waiting run holds no slot, a call in flight holds one
 * slot for every key of its run.
 */
export interface SlotKey {
  key: string;
  limit: number;
}

interface QueuedJob {
  seq: number;
  keys: SlotKey[];
  start: () => Promise<void>;
  dropped: () => boolean;
}

export class ConcurrencyScheduler {
  // Jobs grouped by their key set, so a pump looks at one head per group instead of the whole queue.
  private readonly groups = new Map<string, QueuedJob[]>();
  private readonly inUse = new Map<string, number>();
  private running = 0;
  private waiting = 0;
  private seq = 0;

  constructor(
    private readonly maxInFlight: number,
    private readonly onSettled: () => void,
  ) {}

  get queued(): number {
    return this.waiting;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Queues `start`; `dropped` lets a cancelled run's job leave the queue without running. */
  enqueue(keys: SlotKey[], start: () => Promise<void>, dropped: () => boolean = () => false): void {
    const signature = keys.map((slot) => `${slot.key}#${slot.limit}`).join("|");
    const group = this.groups.get(signature) ?? [];
    group.push({ seq: this.seq++, keys, start, dropped });
    this.groups.set(signature, group);
    this.waiting++;
    this.pump();
  }

  private pump(): void {
    while (this.running < this.maxInFlight) {
      let best: { signature: string; job: QueuedJob } | undefined;
      for (const [signature, group] of this.groups) {
        const job = this.head(signature, group);
        if (job && (!best || job.seq < best.job.seq) && this.hasCapacity(job)) best = { signature, job };
      }
      if (!best) break;
      this.groups.get(best.signature)?.shift();
      this.waiting--;
      this.run(best.job);
    }
    this.onSettled();
  }

  /** The first job of a group that still wants to run; dropped jobs are discarded on the way. */
  private head(signature: string, group: QueuedJob[]): QueuedJob | undefined {
    while (group[0]?.dropped()) {
      group.shift();
      this.waiting--;
    }
    if (group.length === 0) this.groups.delete(signature);
    return group[0];
  }

  private hasCapacity(job: QueuedJob): boolean {
    return job.keys.every((slot) => (this.inUse.get(slot.key) ?? 0) < slot.limit);
  }

  private run(job: QueuedJob): void {
    this.running++;
    for (const slot of job.keys) this.inUse.set(slot.key, (this.inUse.get(slot.key) ?? 0) + 1);
    void job.start().finally(() => {
      this.running--;
      for (const slot of job.keys) this.inUse.set(slot.key, (this.inUse.get(slot.key) ?? 1) - 1);
      this.pump();
    });
  }
}
