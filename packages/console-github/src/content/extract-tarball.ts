import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { inspectContent, inspectSize, isLfsPointer, isUnsafePath, LFS_POINTER_MAX_BYTES, type Skip } from "@repo/console-content";
import type { SkipReason } from "@repo/console-types";
import { findHttpLimitError } from "@repo/http-limits";
import { extract, type Extract } from "tar-stream";
import { SourceError } from "../errors";
import { gitBlobSha } from "./git-blob-sha";

type Entry = Extract extends AsyncIterable<infer E> ? E : never;

export type ArchiveEntryOutcome =
  | { path: string; status: "ok"; sha: string; content: Buffer; writtenTo?: string }
  | { path: string; status: "skipped"; reason: SkipReason; detail?: string };

export interface ExtractTarballOptions {
  maxFileBytes: number;
  /** Which repository paths to read; others are drained unread and not reported. Default: all. */
  wanted?: (path: string) => boolean;
  /** Path rules (tributary.yml); a non-null reason skips the file without reading it. */
  classify?: (path: string) => SkipReason | null;
  /** Also write each accepted file below this directory. Nothing is ever written outside it. */
  workDir?: string;
}

/**
 * Streams a gzipped tarball of a commit (GitHub's `owner-repo-sha/` layout: one top directory)
 * through gunzip and tar-stream, one entry at a time, so memory holds one file, not the repo.
 *
 * Entry names are checked before the top directory is stripped, so `top/../../x` or `/etc/x`
 * is refused rather than "fixed" into a harmless-looking path.
 */
export async function* extractTarball(gzipped: Readable, options: ExtractTarballOptions): AsyncGenerator<ArchiveEntryOutcome> {
  const entries = extract();
  // The pipeline's failure also surfaces through the iterator below, where it is classified.
  const piping = pipeline(gzipped, createGunzip(), entries).catch(() => undefined);
  const workRoot = options.workDir ? resolve(options.workDir) : undefined;
  let top: string | undefined;

  try {
    for await (const entry of entries) {
      const outcome = await readEntry(entry, rawName(entry), options, workRoot, (name) => {
        const root = (top ??= name.split("/")[0] ?? "");
        return name.startsWith(`${root}/`) ? name.slice(root.length + 1) : null;
      });
      if (outcome) yield outcome;
    }
  } catch (error) {
    throw asArchiveError(error);
  } finally {
    entries.destroy();
    await piping;
  }
}

async function readEntry(
  entry: Entry,
  name: string,
  options: ExtractTarballOptions,
  workRoot: string | undefined,
  stripTop: (name: string) => string | null,
): Promise<ArchiveEntryOutcome | null> {
  const { type, size = 0 } = entry.header;
  if (type === "directory") return drained(entry, null);
  if (isUnsafePath(name)) return drained(entry, { path: name, status: "skipped", reason: "unsafe-path", detail: "absolute path or `..` segment" });
  const path = stripTop(name);
  if (path === null) return drained(entry, { path: name, status: "skipped", reason: "unsafe-path", detail: "outside the archive's top directory" });
  if (path === "" || (options.wanted && !options.wanted(path))) return drained(entry, null);

  const skip = skipBeforeReading(path, type, size, options);
  // LFS-tracked files usually have binary extensions; a pointer-sized one is read to say which.
  if (skip?.reason === "binary" && size < LFS_POINTER_MAX_BYTES) {
    const content = await readAll(entry);
    return { path, status: "skipped", ...(isLfsPointer(content) ? { reason: "lfs-pointer" } : skip) };
  }
  if (skip) return drained(entry, { path, status: "skipped", ...skip });

  const content = await readAll(entry);
  const inspected = inspectContent(content, options.maxFileBytes);
  if (inspected) return { path, status: "skipped", ...inspected };
  const sha = gitBlobSha(content);
  if (!workRoot) return { path, status: "ok", sha, content };
  return { path, status: "ok", sha, content, writtenTo: await writeInside(workRoot, path, content) };
}

function skipBeforeReading(path: string, type: Entry["header"]["type"], size: number, options: ExtractTarballOptions): Skip | null {
  if (type === "symlink") return { reason: "symlink" };
  if (type === "link") return { reason: "symlink", detail: "hard link" };
  if (type !== "file" && type !== "contiguous-file") return { reason: "unsafe-path", detail: `special entry of type ${type}` };
  const classified = options.classify?.(path);
  if (classified) return { reason: classified };
  return inspectSize(size, options.maxFileBytes);
}

/** Writes below the root only; the check is repeated here so no caller can bypass it. */
async function writeInside(root: string, path: string, content: Buffer): Promise<string> {
  const target = resolve(root, path);
  if (!target.startsWith(root + sep)) throw new SourceError("invalid-response", `refusing to write outside the working area: ${path}`);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  return target;
}

function rawName(entry: Entry): string {
  // Directories end in "/"; file names keep every character, including a leading "/".
  return entry.header.type === "directory" ? entry.header.name.replace(/\/+$/, "") : entry.header.name;
}

async function drained<T>(entry: Entry, outcome: T): Promise<T> {
  entry.resume();
  await new Promise<void>((done, fail) => {
    entry.once("end", done);
    entry.once("error", fail);
  });
  return outcome;
}

async function readAll(entry: Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) {
    if (!Buffer.isBuffer(chunk)) throw new SourceError("invalid-response", "the tarball yielded a chunk that is not bytes");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A broken gzip or tar stream is a bad download (worth retrying); file-system errors pass through. */
function asArchiveError(error: unknown): unknown {
  if (error instanceof SourceError) return error;
  const limit = findHttpLimitError(error);
  if (limit) return new SourceError(limit.code, `${limit.message} while reading the tarball`, { cause: error });
  if (error instanceof Error && "syscall" in error) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError("invalid-response", `the tarball could not be read: ${message}`, { cause: error });
}
