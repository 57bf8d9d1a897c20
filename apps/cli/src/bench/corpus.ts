import { classifyPath, DEFAULT_CONFIG } from "@repo/console-content";
import { indexableCorpus as realFiles } from "@repo/testing/corpus";

/** `count` real files from node_modules that the default rules index. */
export const indexableCorpus = (count: number) => realFiles(count, (path) => classifyPath(path, DEFAULT_CONFIG) === null);
