import { createHmac, timingSafeEqual } from "node:crypto";
import { FakeHttpServer } from "../http/fake-server";

export interface ReceivedNotice {
  body: string;
  json: Record<string, unknown>;
  /** The signature header as sent. */
  signature: string | undefined;
  /** Whether `signature` is the HMAC-SHA256 of the raw body under the receiver's secret. */
  validSignature: boolean;
}

/**
 * A Slack-style incoming webhook (POST JSON, answers 200 "ok") that checks an HMAC-SHA256
 * signature header (`sha256=<hex>`) over the raw body, the way a receiver should.
 */
export class FakeWebhookReceiver {
  readonly server = new FakeHttpServer();
  readonly received: ReceivedNotice[] = [];

  constructor(readonly options: { secret: string; signatureHeader?: string; path?: string }) {
    this.server.route("POST", options.path ?? "/hooks/alerts", (req) => {
      const body = req.body.toString("utf8");
      const header = req.headers[(options.signatureHeader ?? "x-tributary-signature-256").toLowerCase()];
      const signature = Array.isArray(header) ? header[0] : header;
      this.received.push({ body, json: JSON.parse(body) as Record<string, unknown>, signature, validSignature: this.verify(body, signature) });
      return { status: 200, body: "ok" };
    });
  }

  /** The URL to configure as the alert webhook. */
  async start(): Promise<string> {
    return `${await this.server.start()}${this.options.path ?? "/hooks/alerts"}`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private verify(body: string, signature: string | undefined): boolean {
    if (!signature?.startsWith("sha256=")) return false;
    const expected = Buffer.from(createHmac("sha256", this.options.secret).update(body).digest("hex"));
    const given = Buffer.from(signature.slice("sha256=".length));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
