import { DEFAULT_MAX_FILE_BYTES } from "@repo/console-content";
import type { FetchedFile, ReadFilesOptions, SourceAdapter, Snapshot, TreeEntry } from "@repo/console-types";
import type { ArchiveEntryOutcome, ExtractTarballOptions } from "../content/extract-tarball";
import { fetchedFile, skipBeforeFetch, skippedFile } from "../content/fetched-file";
import { SourceError } from "../errors";
import type { GitHubClient } from "./client";
import { listTree } from "./list-tree";
import { mapInOrder } from "./map-in-order";
import { readBlob, readContentAtCommit } from "./read-blob";
import { readTarball } from "./read-tarball";
import { call, type RepoRef } from "./repo-ref";

/**
 * Up to this many files are fetched blob by blob (one request each); more go through the
 * commit's tarball (one request, but the whole repository's bytes). 20 requests cost 0.4% of an
 * hour's 5,000; past that, one download is both cheaper in quota and usually faster.
 */
export const BLOB_FETCH_THRESHOLD = 20;

/** Blob downloads in flight at once: hides latency, far below GitHub's 100 concurrent requests. */
const BLOB_CONCURRENCY = 4;

export interface GitHubSourceOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** Followed when `resolveCommit` gets no ref; default: the repository's default branch. */
  branch?: string;
  blobFetchThreshold?: number;
}

export interface GitHubSource extends SourceAdapter {
  readonly kind: "github";
  /**
   * Every entry of the commit's tarball in one request, each accepted or skipped with its
   * reason (path rules through `classify`), optionally also written below `workDir`. For a
   * full sync that wants the whole repository without listing what it wants first.
   */
  readArchive(commit: string, options?: Partial<ExtractTarballOptions>): AsyncIterable<ArchiveEntryOutcome>;
  /** HTTP requests this source's client has sent so far. */
  requestCount(): number;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

export function createGitHubSource(options: GitHubSourceOptions): GitHubSource {
  const ref: RepoRef = { client: options.client, owner: options.owner, repo: options.repo };
  const threshold = options.blobFetchThreshold ?? BLOB_FETCH_THRESHOLD;

  return {
    kind: "github",
    requestCount: () => options.client.requestCount(),

    async resolveCommit(target = options.branch) {
      if (target && FULL_SHA.test(target)) return target;
      const branch = target ?? (await defaultBranch(ref));
      return branchHead(ref, branch);
    },

    async snapshot(commit): Promise<Snapshot> {
      return { commit, entries: await listTree(ref, commit) };
    },

    async *readFiles(commit, entries: readonly TreeEntry[], readOptions?: ReadFilesOptions): AsyncGenerator<FetchedFile> {
      const maxFileBytes = readOptions?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
      const wanted: TreeEntry[] = [];
      for (const entry of entries) {
        const skip = skipBeforeFetch(entry, maxFileBytes);
        if (skip) yield skippedFile(entry, skip);
        else wanted.push(entry);
      }
      const via = readOptions?.via ?? (wanted.length > threshold ? "tarball" : "blobs");
      const remaining = via === "tarball" ? yield* readThroughTarball(ref, commit, wanted, maxFileBytes) : wanted;
      for await (const file of mapInOrder(remaining, BLOB_CONCURRENCY, async (entry) => fetchedFile(entry, await readBlob(ref, entry.sha), maxFileBytes)))
        yield file;
    },

    readArchive(commit, archiveOptions) {
      return readTarball(ref, commit, { maxFileBytes: DEFAULT_MAX_FILE_BYTES, ...archiveOptions });
    },

    readFile(commit, path) {
      return readContentAtCommit(ref, commit, path);
    },
  };
}

/**
 * Yields the wanted files found in the tarball and returns those it lacked or whose bytes do
 * not hash to the tree's blob sha (`export-ignore`, `export-subst` and LFS smudging in
 * .gitattributes change archives), so the caller reads those few by blob instead.
 */
async function* readThroughTarball(ref: RepoRef, commit: string, wanted: readonly TreeEntry[], maxFileBytes: number): AsyncGenerator<FetchedFile, TreeEntry[]> {
  if (wanted.length === 0) return [];
  const pending = new Map(wanted.map((entry) => [entry.path, entry]));
  for await (const outcome of readTarball(ref, commit, { wanted: (path) => pending.has(path), maxFileBytes })) {
    const entry = pending.get(outcome.path);
    if (!entry) continue;
    if (outcome.status === "ok" && outcome.sha !== entry.sha) continue;
    pending.delete(outcome.path);
    yield outcome.status === "ok"
      ? { path: entry.path, sha: entry.sha, status: "ok", content: outcome.content }
      : skippedFile(entry, { reason: outcome.reason, detail: outcome.detail });
  }
  return [...pending.values()];
}

async function defaultBranch(ref: RepoRef): Promise<string> {
  const response = await call(ref, "reading the repository", () => ref.client.octokit.rest.repos.get({ owner: ref.owner, repo: ref.repo }));
  return response.data.default_branch;
}

async function branchHead(ref: RepoRef, branch: string): Promise<string> {
  try {
    const response = await call(ref, `resolving branch ${branch}`, () =>
      ref.client.octokit.rest.git.getRef({ owner: ref.owner, repo: ref.repo, ref: `heads/${branch}` }),
    );
    if (response.data.object.type !== "commit") throw new SourceError("unknown-ref", `heads/${branch} does not point at a commit`);
    return response.data.object.sha;
  } catch (error) {
    if (error instanceof SourceError && error.code === "not-found")
      throw new SourceError("unknown-ref", `no branch "${branch}" in ${ref.owner}/${ref.repo}`, { status: 404, cause: error });
    throw error;
  }
}
