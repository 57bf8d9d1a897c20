import type { FakeRequest, FakeResponse } from "../http";

/** `application/vnd.github.raw`, `.raw+json`, `.v3.raw` (what octokit sends for mediaType.format "raw"). */
export function wantsRaw(req: FakeRequest): boolean {
  return /application\/vnd\.github(?:\.v3)?\.raw/i.test(req.headers.accept ?? "");
}

/** `application/vnd.github.sha` on /commits/{ref}: the sha as plain text. */
export function wantsSha(req: FakeRequest): boolean {
  return /application\/vnd\.github(?:\.v3)?\.sha/i.test(req.headers.accept ?? "");
}

/**
 * GitHub labels raw bodies with the requested media type plus `charset=utf-8`, even for binary
 * blobs, so octokit's default parsing decodes them as text; clients that need exact bytes pass
 * `request: { parseSuccessResponseBody: false }` and read the stream.
 */
export function rawResponse(req: FakeRequest, bytes: Buffer): FakeResponse {
  const v3 = /vnd\.github\.v3\.raw/i.test(req.headers.accept ?? "");
  return {
    status: 200,
    headers: {
      "content-type": `application/vnd.github${v3 ? ".v3" : ""}.raw; charset=utf-8`,
      "content-length": String(bytes.length),
    },
    raw: bytes,
  };
}
