export interface BatchLimits {
  maxItems: number;
  /** Cap on the sum of weights (tokens) in one batch. */
  maxWeight?: number;
}

/**
 * Packs item indexes, in order, into as few batches as the limits allow. An item heavier than
 * `maxWeight` still gets a batch of its own: callers truncate first, and the service's 400 stays loud.
 */
export function packBatches(weights: readonly number[], limits: BatchLimits): number[][] {
  const maxWeight = limits.maxWeight ?? Number.POSITIVE_INFINITY;
  const batches: number[][] = [];
  let current: number[] = [];
  let currentWeight = 0;
  weights.forEach((weight, index) => {
    if (current.length > 0 && (current.length >= limits.maxItems || currentWeight + weight > maxWeight)) {
      batches.push(current);
      current = [];
      currentWeight = 0;
    }
    current.push(index);
    currentWeight += weight;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}
