import type { ManagedVectorStore } from "../sync/deps";
import type { StoreRow } from "../sync/rows";

export interface PineconeConfig {
  apiKey: string;
  /** Control-plane URL override (the fake in tests); the SDK default otherwise. */
  controllerHostUrl?: string;
  cloud?: "aws" | "gcp" | "azure";
  region?: string;
}

export function createPineconeStoreFor(_config: PineconeConfig, store: StoreRow): ManagedVectorStore {
  throw new Error(`Pinecone support for store ${store.name} is not wired yet`);
}
