import type { ManagedVectorStore } from "../sync/deps";

/** A store whose implementation loads on first use: Pinecone's SDK takes a noticeable part of a CLI start. */
export function lazyVectorStore(dimensions: number, load: () => Promise<ManagedVectorStore>): ManagedVectorStore {
  let loading: Promise<ManagedVectorStore> | undefined;
  const store = () => (loading ??= load());
  return {
    dimensions,
    ensure: async () => (await store()).ensure(),
    upsert: async (records) => (await store()).upsert(records),
    query: async (query) => (await store()).query(query),
    fetch: async (ids) => (await store()).fetch(ids),
    deleteIds: async (ids) => (await store()).deleteIds(ids),
    listIds: async (prefix) => (await store()).listIds(prefix),
    deleteByPrefix: async (prefix) => (await store()).deleteByPrefix(prefix),
  };
}
