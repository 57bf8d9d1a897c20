import { addMember, LOCAL_LOGIN } from "@repo/console-db";
import type { Db } from "@repo/console-db";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";
import { consumeLoginToken } from "./login-link";

const LOCAL_EMAIL = "local@tributary.localhost";

/**
 * GET /api/auth/embedded/login?token=… — the printed one-time link: signs the browser in as the
 * machine's single local user, owner of the default workspace, with a session in the database
 * like any other.
 */
export function embeddedLogin(options: { db: Db; workspaceId: string }) {
  return {
    id: "embedded-login",
    endpoints: {
      embeddedLogin: createAuthEndpoint("/embedded/login", { method: "GET", query: z.object({ token: z.string().min(1).max(200) }) }, async (ctx) => {
        if (!consumeLoginToken(ctx.query.token)) {
          throw new APIError("UNAUTHORIZED", { message: "This login link is not valid (it works once): use the newest link the console printed" });
        }
        const adapter = ctx.context.internalAdapter;
        const user =
          (await adapter.findUserByEmail(LOCAL_EMAIL))?.user ??
          (await adapter.createUser({ email: LOCAL_EMAIL, name: "Local user", emailVerified: true }, { method: "embedded-login-link" }));
        await addMember(options.db, { workspaceId: options.workspaceId, githubLogin: LOCAL_LOGIN, role: "owner", invitedBy: "embedded", userId: user.id });
        const session = await adapter.createSession(user.id);
        await setSessionCookie(ctx, { session, user });
        throw ctx.redirect("/");
      }),
    },
  } satisfies BetterAuthPlugin;
}
