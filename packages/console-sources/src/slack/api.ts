import { LogLevel, WebClient, WebClientEvent, type RetryOptions } from "@slack/web-api";
import { z } from "zod";
import { slackError } from "./errors";
import { SlackChannelSchema, SlackMessageSchema, SlackUserSchema, type SlackChannelRef, type SlackMessage } from "./messages";
import { RateTier } from "./rate-tier";

export interface SlackApiOptions {
  token: string;
  /** WebClient's `slackApiUrl` (the fake's in tests); Slack's own when unset. */
  apiUrl?: string;
  /** p-retry policy for 429/5xx; WebClient already waits each 429's Retry-After before retrying. */
  retryConfig?: RetryOptions;
  /** Per-call timeout (ms). */
  timeoutMs?: number;
}

/** What a history/replies call asks for: more than the restricted tier's 15, so the cap shows. */
const HISTORY_PAGE = 200;

const PageSchema = z.object({
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});
const HistorySchema = PageSchema.extend({ messages: z.array(SlackMessageSchema).default([]), has_more: z.boolean().optional() });

/** The Web API calls a read-only sync needs, paged to the end, counting every HTTP request. */
export class SlackApi {
  readonly tier = new RateTier(HISTORY_PAGE);
  private readonly client: WebClient;
  private requests = 0;
  /** conversations.history/replies pages read: the calls the restricted tier allows once a minute. */
  historyPages = 0;

  constructor(options: SlackApiOptions) {
    const counted: typeof fetch = (input, init) => {
      this.requests += 1;
      return fetch(input, init);
    };
    this.client = new WebClient(options.token, {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
      timeout: options.timeoutMs ?? 30_000,
      maxRequestConcurrency: 1,
      // Rate-limit waits are reported through RateTier; WebClient's own info/warn lines would repeat them.
      logLevel: LogLevel.ERROR,
      fetch: counted,
    });
    this.client.on(WebClientEvent.RATE_LIMITED, (seconds: number, { url }: { url: string }) => this.tier.rateLimited(url, seconds));
  }

  requestCount(): number {
    return this.requests;
  }

  async workspaceUrl(): Promise<string> {
    const result = z.object({ url: z.string() }).parse(await this.call("auth.test", {}));
    return result.url;
  }

  /** Public and private channels the app's bot user is a member of. */
  async memberChannels(): Promise<SlackChannelRef[]> {
    const channels: SlackChannelRef[] = [];
    for await (const page of this.pages("users.conversations", { types: "public_channel,private_channel", exclude_archived: true, limit: 200 })) {
      channels.push(...z.object({ channels: z.array(SlackChannelSchema).default([]) }).parse(page).channels);
    }
    return channels;
  }

  async userNames(): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for await (const page of this.pages("users.list", { limit: 200 })) {
      for (const u of z.object({ members: z.array(SlackUserSchema).default([]) }).parse(page).members) {
        names.set(u.id, u.profile?.display_name || u.real_name || u.profile?.real_name || u.name);
      }
    }
    return names;
  }

  /** Top-level messages in (oldest, latest], newest first. */
  async history(channel: string, range: { oldest?: string; latest?: string; inclusive?: boolean } = {}): Promise<SlackMessage[]> {
    const messages: SlackMessage[] = [];
    for await (const page of this.pages("conversations.history", { channel, ...range, limit: HISTORY_PAGE })) {
      const parsed = HistorySchema.parse(page);
      this.tier.observePage(parsed.messages.length, parsed.has_more === true);
      messages.push(...parsed.messages);
    }
    return messages;
  }

  /** Parent then replies; undefined when the thread is gone. */
  async replies(channel: string, ts: string): Promise<SlackMessage[] | undefined> {
    const messages: SlackMessage[] = [];
    try {
      for await (const page of this.pages("conversations.replies", { channel, ts, limit: HISTORY_PAGE })) {
        const parsed = HistorySchema.parse(page);
        this.tier.observePage(parsed.messages.length, parsed.has_more === true);
        // Later pages repeat nothing but Slack puts the parent first on each page in some versions.
        for (const m of parsed.messages) if (!messages.some((seen) => seen.ts === m.ts)) messages.push(m);
      }
    } catch (error) {
      if (platformCode(error) === "thread_not_found") return undefined;
      throw error;
    }
    return messages;
  }

  private async call(method: string, args: Record<string, unknown>): Promise<unknown> {
    const limitedBefore = this.tier.rateLimitedCalls;
    try {
      return await this.client.apiCall(method, args);
    } catch (error) {
      if (platformCode(error) === "thread_not_found") throw error;
      throw slackError(error, method, this.tier.rateLimitedCalls > limitedBefore ? this.tier.lastRetryAfterSeconds : undefined);
    }
  }

  private async *pages(method: string, args: Record<string, unknown>): AsyncGenerator<unknown> {
    let cursor: string | undefined;
    do {
      const page = await this.call(method, { ...args, ...(cursor ? { cursor } : {}) });
      if (method.startsWith("conversations.")) this.historyPages += 1;
      yield page;
      cursor = PageSchema.parse(page).response_metadata?.next_cursor || undefined;
    } while (cursor);
  }
}

function platformCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const parsed = z.object({ error: z.string() }).safeParse(error.data);
  return parsed.success ? parsed.data.error : undefined;
}
