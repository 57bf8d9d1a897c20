/** Slack's opaque `next_cursor`: here, a base64 offset into the (stable, sorted) result list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`next:${offset}`).toString("base64");
}

export function decodeCursor(cursor: string | undefined): number | "invalid" {
  if (!cursor) return 0;
  const match = /^next:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? Number(match[1]) : "invalid";
}

export function page<T>(items: T[], offset: number, size: number): { items: T[]; next: string } {
  const slice = items.slice(offset, offset + size);
  return { items: slice, next: offset + size < items.length ? encodeCursor(offset + size) : "" };
}
