import { z } from "zod";
import type { ItemProvider } from "./item-providers";

// The source-neutral connector contract (issue 15, part 1). Git sources (GitHub, local) compare a
// whole tree with the manifest; item sources (Linear, Notion, Slack, Vercel) list what changed
// since a cursor. Both end in the same manifest rows: a document path, a content version (blob
// sha, or a hash/updatedAt of the item) and Markdown-ish text that the chunker takes as is.

/** Where a source stands: a commit (git) or an opaque cursor / watermark (item sources). */
export const SourcePositionSchema = z.object({
  kind: z.enum(["commit", "cursor"]),
  value: z.string().min(1),
});
export type SourcePosition = z.infer<typeof SourcePositionSchema>;

/** One item as a connector lists it; `path` is its document path within the source (stable per externalId). */
export interface ConnectorItem {
  /** The service's stable id (issue id, page id, channel+thread ts, deployment id). */
  externalId: string;
  /** Document path: stable for the item's life, unique in the source, e.g. `issues/ENG-123.md`. */
  path: string;
  title: string;
  /** Changes whenever the content does: updatedAt, an edit counter, or a content hash. */
  version: string;
  /** Where a search result links to. */
  url?: string;
}

export interface ChangeSet {
  /** The position the source is at once these changes are applied. */
  position: SourcePosition;
  upserts: ConnectorItem[];
  /** External ids deleted, archived or trashed since the previous position. */
  deletions: string[];
  /** True when `upserts` is a complete listing (a first sync, or a cursor the service no longer honours). */
  complete: boolean;
}

export type ItemContent =
  | { status: "ok"; item: ConnectorItem; text: string; redactions?: Record<string, number> }
  | { status: "skipped"; item: ConnectorItem; reason: string };

export interface ListChangesOptions {
  /**
   * External ids to re-read whatever the cursor says (a webhook named them): sources whose
   * incremental listing cannot see every edit or deletion (Slack's old threads, Vercel's deleted
   * deployments) report these exactly — an upsert, or a deletion when the item is gone.
   */
  recheck?: readonly string[];
}

/**
 * An item source. Every call goes through the service's official SDK or REST API; errors are
 * ConnectorError-shaped (`code`, `retryable`, `retryAfterMs`) so the workflows map them once.
 */
export interface ItemConnector {
  readonly provider: ItemProvider;
  /** A cheap look at where the source is now (for schedules that skip unchanged sources). */
  currentPosition(): Promise<SourcePosition>;
  /** What changed since `since` (null: everything). Must page through every result. */
  listChanges(since: SourcePosition | null, options?: ListChangesOptions): Promise<ChangeSet>;
  /** The text of each item, in Markdown, as it is now. */
  fetchContent(items: readonly ConnectorItem[]): AsyncIterable<ItemContent>;
  /** Every live external id (cleanup.stale compares the index with it). */
  listLiveIds(): Promise<string[]>;
  /** Requests made by this instance (request budgets, metrics). */
  requestCount(): number;
}

/** A verified, parsed webhook from an item source: which source(s) to sync, and why. */
export type WebhookVerdict =
  /** `recheck`: ids the delivery names, for `listChanges(since, { recheck })`. */
  | { ok: true; kind: "sync"; scope: string; reason: string; recheck?: string[] }
  | { ok: true; kind: "challenge"; response: string }
  /** A subscription's one-time verification request (Notion): the token must be shown to the operator, nothing to sync. */
  | { ok: true; kind: "verification"; token: string }
  | { ok: true; kind: "ignored"; reason: string }
  | { ok: false; status: 400 | 401; message: string };
