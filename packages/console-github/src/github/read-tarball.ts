import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { extractTarball, type ArchiveEntryOutcome, type ExtractTarballOptions } from "../content/extract-tarball";
import { SourceError } from "../errors";
import { call, type RepoRef } from "./repo-ref";

/**
 * Streams the tarball of a commit (one request, however many files) and yields the wanted
 * entries. The body is never buffered whole: octokit hands over the response stream.
 */
export async function* readTarball(ref: RepoRef, commit: string, options: ExtractTarballOptions): AsyncGenerator<ArchiveEntryOutcome> {
  const response = await call(ref, `downloading the tarball of ${commit}`, () =>
    ref.client.octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
      owner: ref.owner,
      repo: ref.repo,
      ref: commit,
      request: { parseSuccessResponseBody: false },
    }),
  );
  const body: unknown = response.data;
  if (!(body instanceof ReadableStream)) throw new SourceError("invalid-response", `GitHub returned no tarball body for ${commit}`);
  yield* extractTarball(Readable.fromWeb(body as WebReadableStream<Uint8Array>), options);
}
