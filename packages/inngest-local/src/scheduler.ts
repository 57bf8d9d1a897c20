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
  keys: SlotKey[];
  start: () => Promise<void>;
  dropped: () => boolean;
}

export class ConcurrencyScheduler {
  private readonly queue: QueuedJob[] = [];
  private readonly inUse = new Map<string, number>();
  private running = 0;

  constructor(
    private readonly maxInFlight: number,
    private readonly onSettled: () => void,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Queues `start`; `dropped` lets a cancelled run's job leave the queue without running. */
  enqueue(keys: SlotKey[], start: () => Promise<void>, dropped: () => boolean = () => false): void {
    this.queue.push({ keys, start, dropped });
    this.pump();
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.running < this.maxInFlight; ) {
      const job = this.queue[i];
      if (!job) break;
      if (job.dropped()) {
        this.queue.splice(i, 1);
        continue;
      }
      if (!job.keys.every((slot) => (this.inUse.get(slot.key) ?? 0) < slot.limit)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.run(job);
    }
    this.onSettled();
  }

  private run(job: QueuedJob): void {
    this.running++;
    for (const slot of job.keys) this.inUse.set(slot.key, (this.inUse.get(slot.key) ?? 0) + 1);
    void job
      .start()
      .finally(() => {
        this.running--;
        for (const slot of job.keys) this.inUse.set(slot.key, (this.inUse.get(slot.key) ?? 1) - 1);
        this.pump();
      });
  }
}
