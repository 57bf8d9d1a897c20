import type { ChangeSet, ConnectorItem, ItemConnector, ItemContent, ListChangesOptions, SourcePosition } from "@repo/console-types";
import { SlackApi, type SlackApiOptions } from "./api";
import { readCursor, type SlackCursor } from "./cursor";
import { dayKey, documentItem, externalId, threadKey, keyDay, parseExternalId, renderDocument, type SlackDocument } from "./documents";
import { isLoose, isThreadParent, type SlackChannelRef } from "./messages";
import { readDocument, scanChannel } from "./scan";
import { dayOf, windowStart } from "./ts";

export interface SlackConnectorOptions extends SlackApiOptions {
  /** Days before the newest message that every incremental sync re-reads (edits, deletions, new replies). */
  rescanDays?: number;
  /** Only these channels (ids or names: `slack:<channel>`); every member channel when unset. */
  channels?: readonly string[];
  /** Told which rate tier was detected and how long the sync is expected to take. */
  onNotice?: (message: string) => void;
}

/**
 * Slack channels the app is a member of, as documents: one per thread (parent + replies) and one
 * per UTC day of unthreaded messages. Incremental per channel from the newest ts seen, re-reading
 * a window of recent days because Slack has no "changed since" query for edits or new replies.
 */
export class SlackConnector implements ItemConnector {
  readonly provider = "slack" as const;
  private readonly api: SlackApi;
  private readonly rescanDays: number;
  private readonly docs = new Map<string, SlackDocument>();
  private workspaceUrl: string | undefined;
  private names: Map<string, string> | undefined;
  private channels: Map<string, SlackChannelRef> | undefined;

  constructor(private readonly options: SlackConnectorOptions) {
    this.api = new SlackApi(options);
    this.rescanDays = options.rescanDays ?? 7;
  }

  /** Slack has no cheap change marker (edits and replies to old threads move no watermark): always "changed". */
  async currentPosition(): Promise<SourcePosition> {
    return { kind: "cursor", value: `probe:${new Date().toISOString()}` };
  }

  async listChanges(since: SourcePosition | null, opts: ListChangesOptions = {}): Promise<ChangeSet> {
    const previous = since?.kind === "cursor" ? readCursor(since.value) : undefined;
    const url = await this.url();
    const channels = await this.memberChannels();
    const next: SlackCursor = { v: 1, channels: {} };
    const upserts = new Map<string, ConnectorItem>();
    const deletions = new Set<string>();
    for (const channel of channels.values()) {
      const before = previous?.channels[channel.id];
      const oldest = before?.latest ? windowStart(before.latest, this.rescanDays) : undefined;
      const scan = await scanChannel(this.api, channel, oldest, (threads) => this.notice(threads));
      const latest = scan.latest ?? before?.latest;
      const keepFrom = latest ? dayOf(windowStart(latest, this.rescanDays)) : undefined;
      const window: Record<string, string> = {};
      const seen = new Set<string>();
      for (const doc of scan.docs) {
        const item = this.remember(doc, url);
        seen.add(doc.key);
        if (before?.window[doc.key] !== item.version) upserts.set(item.externalId, item);
        if (keepFrom && keyDay(doc.key) >= keepFrom) window[doc.key] = item.version;
      }
      // Documents the window held that the re-read did not find were deleted.
      const oldestDay = oldest ? dayOf(oldest) : undefined;
      for (const key of Object.keys(before?.window ?? {})) {
        if (!seen.has(key) && (!oldestDay || keyDay(key) >= oldestDay)) deletions.add(externalId(channel.id, key));
      }
      next.channels[channel.id] = { ...(latest ? { latest } : {}), window };
    }
    // A channel the app left (or that was archived) can no longer be read: drop what the window knew of it;
    // older documents of it go at the next cleanup, which lists live ids.
    for (const [id, state] of Object.entries(previous?.channels ?? {})) {
      if (!channels.has(id)) for (const key of Object.keys(state.window)) deletions.add(externalId(id, key));
    }
    await this.recheck(opts.recheck ?? [], url, upserts, deletions);
    for (const id of deletions) upserts.delete(id);
    return {
      position: { kind: "cursor", value: JSON.stringify(next) },
      upserts: [...upserts.values()],
      deletions: [...deletions],
      complete: previous === undefined,
    };
  }

  async *fetchContent(items: readonly ConnectorItem[]): AsyncIterable<ItemContent> {
    const url = await this.url();
    this.names ??= await this.api.userNames();
    for (const item of items) {
      const doc = this.docs.get(item.externalId) ?? (await this.reread(item.externalId));
      if (!doc) {
        yield { status: "skipped", item, reason: "the message or thread was deleted in Slack before its content was read" };
        continue;
      }
      yield { status: "ok", item: documentItem(doc, url), text: renderDocument(doc, url, this.names) };
    }
  }

  /** Every live document id: history only (a parent's presence is enough to know its thread exists). */
  async listLiveIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const channel of (await this.memberChannels()).values()) {
      const roots = await this.api.history(channel.id);
      const keys = new Set<string>();
      for (const m of roots) {
        if (isThreadParent(m)) keys.add(threadKey(m.ts));
        else if (isLoose(m)) keys.add(dayKey(dayOf(m.ts)));
      }
      ids.push(...[...keys].map((key) => externalId(channel.id, key)));
    }
    return ids;
  }

  requestCount(): number {
    return this.api.requestCount();
  }

  /** The tier detected so far and what the history/replies calls of this instance cost on it. */
  rateReport(): { tier: string; historyCalls: number; expectedDurationMs: number; description: string } {
    const calls = this.api.historyPages;
    return {
      tier: this.api.tier.kind,
      historyCalls: calls,
      expectedDurationMs: this.api.tier.expectedDurationMs(calls),
      description: this.api.tier.describe(calls),
    };
  }

  private notice(threadsAhead: number): void {
    if (this.api.tier.kind === "non-marketplace") this.options.onNotice?.(this.api.tier.describe(threadsAhead));
  }

  private async recheck(ids: readonly string[], url: string, upserts: Map<string, ConnectorItem>, deletions: Set<string>): Promise<void> {
    for (const id of ids) {
      const doc = await this.reread(id);
      if (doc) upserts.set(id, this.remember(doc, url));
      else if (parseExternalId(id)) deletions.add(id);
    }
  }

  private async reread(id: string): Promise<SlackDocument | undefined> {
    const parsed = parseExternalId(id);
    const channel = parsed && (await this.memberChannels()).get(parsed.channelId);
    if (!parsed || !channel) return undefined;
    const doc = await readDocument(this.api, channel, `${parsed.kind}:${parsed.value}`);
    if (doc) this.docs.set(id, doc);
    return doc;
  }

  private remember(doc: SlackDocument, url: string): ConnectorItem {
    const item = documentItem(doc, url);
    this.docs.set(item.externalId, doc);
    return item;
  }

  private async url(): Promise<string> {
    this.workspaceUrl ??= await this.api.workspaceUrl();
    return this.workspaceUrl;
  }

  private async memberChannels(): Promise<Map<string, SlackChannelRef>> {
    const only = this.options.channels;
    this.channels ??= new Map(
      (await this.api.memberChannels())
        .filter((c) => !only || only.includes(c.id) || only.includes(c.name) || only.includes(`#${c.name}`))
        .map((c) => [c.id, c]),
    );
    return this.channels;
  }
}
