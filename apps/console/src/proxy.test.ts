import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

const post = (path: string) => proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { method: "POST", body: "{}" }));

describe("proxy: what needs a session", () => {
  it("lets the services reach every webhook route without one (they verify their own signatures)", () => {
    for (const path of ["/api/github/webhooks", "/api/linear/webhook", "/api/notion/webhook", "/api/slack/events", "/api/vercel/webhook", "/api/inngest"]) {
      expect(post(path).headers.get("x-middleware-next"), path).toBe("1");
    }
  });

  it("refuses anything else without a session cookie", () => {
    for (const path of ["/api/linear/events", "/api/foo/bar", "/sources"]) expect(post(path).status, path).toBe(401);
  });
});
