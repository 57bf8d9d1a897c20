import { z } from "zod";
import { SourceError } from "../errors";
import { call, type RepoRef } from "./repo-ref";

const Base64Blob = z.object({ content: z.string(), encoding: z.literal("base64") });

/**
 * One blob by sha, asked for in the raw media type (bytes, no 33% base64 overhead and no 1 MB
 * JSON cap); a JSON base64 answer is accepted too, as some servers ignore the media type.
 */
export async function readBlob(ref: RepoRef, sha: string): Promise<Buffer> {
  const response = await call(ref, `reading blob ${sha}`, () =>
    ref.client.octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
      owner: ref.owner,
      repo: ref.repo,
      file_sha: sha,
      headers: { accept: "application/vnd.github.raw" },
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
        headers: { accept: "application/vnd.github.raw" },
      }),
    );
    return bytesOf(response.data, path);
  } catch (error) {
    if (error instanceof SourceError && error.code === "not-found") return null;
    throw error;
  }
}

function bytesOf(data: unknown, what: string): Buffer {
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (typeof data === "string") return Buffer.from(data, "utf8");
  const base64 = Base64Blob.safeParse(data);
  if (base64.success) return Buffer.from(base64.data.content, "base64");
  throw new SourceError("invalid-response", `GitHub returned ${what} in an unexpected form`);
}
