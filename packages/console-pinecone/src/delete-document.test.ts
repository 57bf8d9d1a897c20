import { documentVectorPrefix, sourceVectorPrefix } from "@repo/console-types";
import { FakePinecone } from "@repo/testing/pinecone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPineconeVectorStore, type PineconeVectorStore } from "./pinecone-vector-store";
import { fileRecords, seededRandom } from "./testing/records";

describe("removing a document's vectors by id prefix", () => {
  const fake = new FakePinecone();
  let store: PineconeVectorStore;
  let other: PineconeVectorStore;
  beforeAll(async () => {
    const { controllerHostUrl } = await fake.start();
    fake.createIndex({ name: "docs", dimension: 16 });
    const options = { apiKey: "pc-test", indexName: "docs", dimensions: 16, controllerHostUrl };
    store = createPineconeVectorStore({ ...options, namespace: "sto_one" });
    // This one is told its host, so it never asks the control plane.
    other = createPineconeVectorStore({ ...options, namespace: "sto_two", indexHost: fake.hostFor("docs") });
  });
  afterAll(() => fake.stop());

  it("deletes exactly the document's vectors, more than a list page of them, and nothing else", async () => {
    const random = seededRandom(3);
    const target = fileRecords("src_a", "src/big-file.ts", 230, 16, random);
    // Same path in another source, a sibling whose key sorts nearby, and the same document in another store.
    const sameNameOtherSource = fileRecords("src_b", "src/big-file.ts", 5, 16, random);
    const siblings = ["src/big-file.tsx", "src/big-file.ts.map", "README.md"].flatMap((path) => fileRecords("src_a", path, 7, 16, random));
    await store.upsert([...target, ...sameNameOtherSource, ...siblings]);
    await other.upsert(target);
    const survivors = [...sameNameOtherSource, ...siblings].map((r) => r.id).sort();

    const deleteCallsBefore = fake.callsOf("delete").length;
    expect(await store.deleteByPrefix(documentVectorPrefix("src_a", "src/big-file.ts"))).toBe(230);

    expect(fake.callsOf("delete").length - deleteCallsBefore).toBe(1);
    expect(fake.callsOf("list").some((c) => c.status === 200)).toBe(true);
    expect(await store.listIds(documentVectorPrefix("src_a", "src/big-file.ts"))).toEqual([]);
    const remaining = [...(await store.listIds(sourceVectorPrefix("src_a"))), ...(await store.listIds(sourceVectorPrefix("src_b")))];
    expect(remaining.sort()).toEqual(survivors);
    expect(await store.count()).toBe(survivors.length);
    expect(await other.count()).toBe(230);
  });

  it("deletes ids in requests of at most 1000", async () => {
    const random = seededRandom(5);
    const records = Array.from({ length: 24 }, (_, f) => fileRecords("src_many", `f${f}.ts`, 100, 16, random)).flat();
    await store.upsert(records);
    const before = fake.callsOf("delete").length;
    expect(await store.deleteByPrefix(sourceVectorPrefix("src_many"))).toBe(2400);
    const deletes = fake.callsOf("delete").slice(before);
    expect(deletes.map((c) => c.ids).sort((a, b) => b - a)).toEqual([1000, 1000, 400]);
    expect(await store.listIds(sourceVectorPrefix("src_many"))).toEqual([]);
  });
});
