/**
 * Joins ExtractEdgesInput.repoPaths. A module of its own: the main thread needs it without loading
 * the CPU tasks (the chunker and its tokenizer), which run on workers.
 */
export const REPO_PATH_SEPARATOR = "\u0000";
