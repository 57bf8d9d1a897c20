import { SourceError } from "../errors";
import { call, type RepoRef } from "./repo-ref";

// Raw media type: bytes, no 33% base64 overhead and no 1 MB cap of the JSON form. Octokit would
// decode a `charset=utf-8` raw answer as text (mangling non-UTF-8 bytes), so the body is read
// here as bytes instead.
const RAW = { accept: "application/vnd.github.raw" };
const UNPARSED = { parseSuccessResponseBody: false };

/** One blob by sha, exactly as stored. */
export async function readBlob(ref: RepoRef, sha: string): Promise<Buffer> {
  const response = await call(ref, `reading blob ${sha}`, () =>
    ref.client.octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
      owner: ref.owner,
      repo: ref.repo,
      file_sha: sha,
      headers: RAW,
      request: UNPARSED,
    }),
  );
  return bytesOf(response.data, `blob ${sha}`);
}

/** A file at a commit through the contents API, or null when the path does not exist there. */
export async function readContentAtCommit(ref: RepoRef, commit: string, path: string): Promise<Buffer | null> {
  try {
    const response = await call(ref, `reading ${path} at ${commit}`, () =>
      ref.client.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: ref.owner,
        repo: ref.repo,
        path,
        ref: commit,
        headers: RAW,
        request: UNPARSED,
      }),
    );
    // With the raw media type only files come back as bytes; a directory is still JSON.
    if (String(response.headers["content-type"] ?? "").includes("application/json")) return null;
    return bytesOf(response.data, path);
  } catch (error) {
    if (error instanceof SourceError && error.code === "not-found") return null;
    throw error;
  }
}

async function bytesOf(body: unknown, what: string): Promise<Buffer> {
  if (!(body instanceof ReadableStream)) throw new SourceError("invalid-response", `GitHub returned no body for ${what}`);
  try {
    return Buffer.from(await new Response(body).arrayBuffer());
  } catch (error) {
    throw new SourceError("invalid-response", `the download of ${what} broke off`, { cause: error });
  }
}
