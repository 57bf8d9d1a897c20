import { chunkDocument } from "@repo/console-chunking";
import { vectorId } from "@repo/console-types";
import { execFileSync } from "node:child_process";

/**
 * The vector ids a correct index holds for `paths` at `commit`, computed from git and the chunker
 * directly — not through any of the workflow code under test.
 */
export async function expectedVectorIds(repoDir: string, commit: string, sourceId: string, paths: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const path of paths) {
    const text = execFileSync("git", ["show", `${commit}:${path}`], { cwd: repoDir, maxBuffer: 64 * 1024 * 1024 }).toString("utf8");
    const chunks = await chunkDocument({ path, text }, { maxTokens: 512, overlapTokens: 0 });
    const seen = new Map<string, number>();
    for (const chunk of chunks) {
      const n = seen.get(chunk.hash) ?? 0;
      seen.set(chunk.hash, n + 1);
      ids.add(vectorId(sourceId, path, chunk.hash, n));
    }
  }
  return ids;
}

export function filesAt(repoDir: string, commit: string): string[] {
  return execFileSync("git", ["ls-tree", "-r", "--name-only", commit], { cwd: repoDir }).toString("utf8").split("\n").filter(Boolean);
}
