type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `work` over `items` with at most `concurrency` calls in flight and yields the results in
 * input order. A failure surfaces when its turn comes, never as an unhandled rejection.
 */
export async function* mapInOrder<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const inFlight: Array<Promise<Settled<R>>> = [];
  let next = 0;
  const launch = () => {
    const item = items[next++] as T;
    inFlight.push(
      work(item).then(
        (value): Settled<R> => ({ ok: true, value }),
        (error: unknown): Settled<R> => ({ ok: false, error }),
      ),
    );
  };
  while (next < items.length && inFlight.length < concurrency) launch();
  while (inFlight.length > 0) {
    const settled = await inFlight.shift()!;
    if (next < items.length) launch();
    if (!settled.ok) throw settled.error;
    yield settled.value;
  }
}
