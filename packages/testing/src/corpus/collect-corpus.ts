import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { listPackageDirs } from "./package-dirs";
import { listPackageFiles } from "./walk";

export interface CorpusFile {
  /** Relative to the pnpm store, e.g. "zod@4.6.7/node_modules/zod/src/v3/types.ts". */
  path: string;
  absolutePath: string;
  text: string;
  bytes: number;
}

export interface CollectCorpusOptions {
  /** Exactly this many files are returned; fewer available is an error, never a silent skip. */
  minFiles: number;
  /** Without the dot; ".d.ts" files count as "ts". */
  extensions?: readonly string[];
  maxFileBytes?: number;
  /** The pnpm virtual store to read; defaults to this workspace's node_modules/.pnpm. */
  storeDir?: string;
}

export const DEFAULT_CORPUS_EXTENSIONS = ["ts", "tsx", "js", "mjs", "cjs", "py", "go", "md"] as const;

const workspaceStore = fileURLToPath(new URL("../../../../node_modules/.pnpm", import.meta.url));
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Real source files from installed packages, in a deterministic order. Files are taken
 * round-robin across extensions and, within one extension, across packages, so a small corpus
 * still mixes languages and authors instead of being the first package's files.
 */
export async function collectCorpus(options: CollectCorpusOptions): Promise<CorpusFile[]> {
  const storeDir = options.storeDir ?? workspaceStore;
  const extensions = options.extensions ?? DEFAULT_CORPUS_EXTENSIONS;
  const maxFileBytes = options.maxFileBytes ?? 512 * 1024;
  const queues = buildQueues(storeDir, extensions);

  const picked: CorpusFile[] = [];
  const seenContent = new Set<string>();
  while (picked.length < options.minFiles) {
    let progressed = false;
    for (const queue of queues) {
      const next = takeReadable(queue, storeDir, maxFileBytes, seenContent);
      if (!next) continue;
      picked.push(next);
      progressed = true;
      if (picked.length === options.minFiles) break;
    }
    if (!progressed) {
      throw new Error(
        `collectCorpus: only ${picked.length} usable files under ${storeDir} ` +
          `(wanted ${options.minFiles}, extensions ${extensions.join(",")}, ≤ ${maxFileBytes} bytes)`,
      );
    }
  }
  return picked;
}

/** One queue per extension; each interleaves packages so consecutive picks differ in package. */
function buildQueues(storeDir: string, extensions: readonly string[]): string[][] {
  const perExtension = new Map<string, string[][]>(extensions.map((ext) => [ext, []]));
  for (const packageDir of listPackageDirs(storeDir)) {
    const byExtension = new Map<string, string[]>();
    for (const file of listPackageFiles(packageDir)) {
      const ext = extensionOf(file);
      if (!perExtension.has(ext)) continue;
      const list = byExtension.get(ext) ?? [];
      list.push(file);
      byExtension.set(ext, list);
    }
    for (const [ext, files] of byExtension) perExtension.get(ext)?.push(files);
  }
  return [...perExtension.values()].map(interleave).filter((queue) => queue.length > 0);
}

function interleave(lists: string[][]): string[] {
  const out: string[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i] ?? "");
  return out;
}

function takeReadable(queue: string[], storeDir: string, maxBytes: number, seen: Set<string>): CorpusFile | undefined {
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const size = statSync(file).size;
    if (size === 0 || size > maxBytes) continue;
    const bytes = readFileSync(file);
    if (bytes.includes(0)) continue;
    const digest = createHash("sha1").update(bytes).digest("hex");
    if (seen.has(digest)) continue;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      continue; // not UTF-8: the corpus is for text chunking, so such a file is simply not a sample
    }
    seen.add(digest);
    return { path: relative(storeDir, file), absolutePath: file, text, bytes: size };
  }
  return undefined;
}

function extensionOf(file: string): string {
  const dot = file.lastIndexOf(".");
  return dot < 0 ? "" : file.slice(dot + 1).toLowerCase();
}
