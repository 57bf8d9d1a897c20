/**
 * Splits items into consecutive batches of at most `maxItems` whose sizes, plus one separator
 * byte between items and `overhead` bytes for the envelope, stay within `maxBytes`.
 * An item too big to fit even alone is reported through `onOversize`.
 */
export function packBySize<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  limits: { maxBytes: number; maxItems: number; overhead: number },
  onOversize: (item: T, size: number) => never,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = limits.overhead;
  for (const item of items) {
    const size = sizeOf(item);
    if (limits.overhead + size > limits.maxBytes) onOversize(item, size);
    const separator = current.length > 0 ? 1 : 0;
    if (current.length >= limits.maxItems || currentBytes + separator + size > limits.maxBytes) {
      batches.push(current);
      current = [];
      currentBytes = limits.overhead;
    }
    currentBytes += (current.length > 0 ? 1 : 0) + size;
    current.push(item);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
