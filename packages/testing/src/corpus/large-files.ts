import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusFile } from "./collect-corpus";
import { listPackageDirs } from "./package-dirs";
import { listPackageFiles } from "./walk";

export interface LargeFileOptions {
  /** File name suffix, e.g. ".ts" or ".md". */
  suffix: string;
  /** Suffixes to leave out, e.g. [".d.ts"] to get implementation files only. */
  excludeSuffixes?: readonly string[];
  minLines: number;
  count: number;
  /** Further condition on the text, e.g. "has function bodies"; files failing it are passed over. */
  accept?: (text: string) => boolean;
  /** Only these packages (store directory names start with them, e.g. "zod@"); all when unset. */
  packages?: readonly string[];
  storeDir?: string;
}

const workspaceStore = fileURLToPath(new URL("../../../../node_modules/.pnpm", import.meta.url));

/**
 * The first `count` installed files (in package-name order) with at least `minLines` lines:
 * real, big files for edit-locality tests. Fewer than asked for is an error, never a skip.
 */
export async function findLargeFiles(options: LargeFileOptions): Promise<CorpusFile[]> {
  const storeDir = options.storeDir ?? workspaceStore;
  const found: CorpusFile[] = [];
  for (const packageDir of listPackageDirs(storeDir)) {
    if (options.packages && !options.packages.some((name) => relative(storeDir, packageDir).startsWith(name))) continue;
    for (const file of listPackageFiles(packageDir)) {
      if (!file.endsWith(options.suffix) || options.excludeSuffixes?.some((suffix) => file.endsWith(suffix))) continue;
      const text = readFileSync(file, "utf8");
      if (text.split("\n").length < options.minLines || (options.accept && !options.accept(text))) continue;
      found.push({ path: relative(storeDir, file), absolutePath: file, text, bytes: Buffer.byteLength(text) });
      if (found.length === options.count) return found;
    }
  }
  throw new Error(`findLargeFiles: only ${found.length} *${options.suffix} files with ≥ ${options.minLines} lines under ${storeDir}`);
}
