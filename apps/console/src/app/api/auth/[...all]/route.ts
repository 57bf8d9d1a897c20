import { getAuth } from "~/server/auth/auth";
import { dataDirBusyResponse } from "~/server/unavailable";

export const dynamic = "force-dynamic";

// better-auth's endpoints: the GitHub OAuth callback, sign-out, get-session and (embedded mode)
// the one-time login link.
async function handle(request: Request): Promise<Response> {
  try {
    return (await getAuth()).handler(request);
  } catch (error) {
    return dataDirBusyResponse(error);
  }
}

export const GET = handle;
export const POST = handle;
