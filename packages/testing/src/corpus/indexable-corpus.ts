import { collectCorpus, type CorpusFile } from "./collect-corpus";

/**
 * Exactly `count` real files that a sync would index (`isIndexed` says which, e.g. the default
 * rules' classifyPath): node_modules is full of built (`dist/`), minified and vendored files that
 * a sync would rightly skip, which would measure skipping instead of indexing. Paths keep their
 * package folder ("zod@4.6.7/zod/src/...").
 */
export async function indexableCorpus(count: number, isIndexed: (path: string) => boolean): Promise<CorpusFile[]> {
  const candidates = await collectCorpus({ minFiles: count * 3 });
  const picked = candidates
    .map((file) => ({ ...file, path: file.path.replace("/node_modules/", "/") }))
    .filter((file) => isIndexed(file.path))
    .slice(0, count);
  if (picked.length < count) throw new Error(`only ${picked.length} indexable files among ${candidates.length} corpus files; wanted ${count}`);
  return picked;
}
