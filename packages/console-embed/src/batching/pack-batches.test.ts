import { describe, expect, it } from "vitest";
import { packBatches } from "./pack-batches";

describe("packBatches", () => {
  it("fills batches in order up to the item and weight limits", () => {
    expect(packBatches([1, 1, 1, 1, 1], { maxItems: 2 })).toEqual([[0, 1], [2, 3], [4]]);
    expect(packBatches([5, 5, 5, 2], { maxItems: 10, maxWeight: 10 })).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(packBatches([], { maxItems: 3 })).toEqual([]);
  });

  it("gives an item heavier than the limit a batch of its own rather than dropping it", () => {
    expect(packBatches([1, 50, 1], { maxItems: 10, maxWeight: 10 })).toEqual([[0], [1], [2]]);
  });
});
