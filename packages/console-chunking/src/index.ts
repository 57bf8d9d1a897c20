export { chunkDocument, type DocumentInput } from "./chunk-document";
export { chunkFile, type ChunkFileOptions, type ChunkFileResult, type SkipReason } from "./chunk-file";
export { chunkingFingerprint, CHUNKER_VERSION, type ResolvedChunkingOptions } from "./fingerprint";
export { countTokens } from "./tokens";
export { ChunkingError } from "./errors";
