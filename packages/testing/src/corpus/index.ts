export { collectCorpus, DEFAULT_CORPUS_EXTENSIONS, type CollectCorpusOptions, type CorpusFile } from "./collect-corpus";
export { findLargeFiles, type LargeFileOptions } from "./large-files";
export { indexableCorpus } from "./indexable-corpus";
