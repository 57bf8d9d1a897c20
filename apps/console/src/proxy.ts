import { ITEM_PROVIDERS, itemWebhookPath } from "@repo/console-types";
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

// The first check, before any page or action runs: without a session cookie, pages redirect to
// /sign-in and everything else (server actions, other methods) is refused with 401. A cookie is
// only a hint here; pages and actions look the session up in the database (src/server/session.ts).
// The webhook and Inngest routes verify their own signatures, /api/metrics its bearer token; /api/auth is the sign-in itself.
// Each item provider's webhook path comes from its declaration (the services cannot sign in).
const OPEN_PATHS = new Set(["/sign-in", "/api/inngest", "/api/github/webhooks", "/api/metrics", ...ITEM_PROVIDERS.map(itemWebhookPath)]);

const isOpen = (path: string) => OPEN_PATHS.has(path) || path.startsWith("/api/auth/");

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (isOpen(path) || getSessionCookie(request)) return NextResponse.next();
  if (request.method === "GET" || request.method === "HEAD") return NextResponse.redirect(new URL("/sign-in", request.url));
  return NextResponse.json({ error: "sign in first" }, { status: 401 });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
