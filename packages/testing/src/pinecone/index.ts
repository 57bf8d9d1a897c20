export { FakePinecone, type FakePineconeOptions } from "./fake-pinecone";
export { FakeIndex, type IndexSpec, type StoredVector } from "./fake-index";
export type { DataOperation, DataPlaneCall } from "./data-plane";
export { DEFAULT_NAMESPACE, PINECONE_LIMITS } from "./limits";
export { matchesFilter, type Metadata, type MetadataValue } from "./metadata-filter";
