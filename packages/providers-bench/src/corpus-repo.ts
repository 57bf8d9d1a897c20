import { redactFileContent } from "@repo/console-github";
import { collectCorpus } from "@repo/testing/corpus";
import { TestRepo } from "@repo/testing/github";

/**
 * A repository of `files` real JavaScript/TypeScript sources from node_modules, committed at
 * once. Contents are redacted up front so the ground truth (computed from git) sees the text the
 * sync embeds.
 */
export async function corpusRepo(files: number, maxFileBytes: number): Promise<{ repo: TestRepo; commit: string; bytes: number }> {
  const corpus = await collectCorpus({ minFiles: files, extensions: ["ts", "js", "mjs", "cjs"], maxFileBytes });
  const texts = corpus.map((file) => Buffer.from(redactFileContent(Buffer.from(file.text)).content).toString("utf8"));
  const repo = await TestRepo.create();
  const commit = await repo.commitManyFiles(files, { under: "src", content: (i) => texts[i]!, checkout: false });
  return { repo, commit, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) };
}
