import { badRequest } from "./errors";

// Pagination tokens are opaque to clients; this one carries the last id of the previous page.

export function encodePageToken(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString("base64url");
}

export function decodePageToken(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && "after" in parsed && typeof parsed.after === "string") return parsed.after;
  } catch (error) {
    throw badRequest(`invalid pagination token: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw badRequest("invalid pagination token");
}
