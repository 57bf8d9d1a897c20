export { chunkDocument, type DocumentInput } from "./chunk-document";
export { chunkingFingerprint, CHUNKER_VERSION, type ResolvedChunkingOptions } from "./fingerprint";
export { countTokens } from "./tokens";
export { ChunkingError } from "./errors";
