/** Time as the batcher sees it; tests may inject a fake one. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A pause shared by every request of one provider: a 429 is about the account, not the batch,
 * so once the server names a wait, no request goes out before it has passed.
 */
export class PauseGate {
  private until = 0;

  constructor(private readonly clock: Clock) {}

  pauseFor(ms: number): void {
    this.until = Math.max(this.until, this.clock.now() + ms);
  }

  async wait(): Promise<void> {
    for (let remaining = this.until - this.clock.now(); remaining > 0; remaining = this.until - this.clock.now()) {
      await this.clock.sleep(remaining);
    }
  }
}
