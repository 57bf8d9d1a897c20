import { HttpClient } from "./http-client";

/**
 * "Sign in with GitHub" without a browser: the sign-in action redirects to the fake GitHub's
 * authorize page, its "Authorize as <login>" form redirects back to the console's callback,
 * which sets the session cookie. Returns the client, signed in.
 */
export async function signInThroughFakeGitHub(consoleUrl: string, login: string): Promise<HttpClient> {
  const client = new HttpClient(consoleUrl);
  const signIn = await client.page("/sign-in");
  const started = await client.submit("/sign-in", signIn.html, "Sign in with GitHub");
  const authorizeUrl = started.headers.get("location");
  if (started.status !== 303 || !authorizeUrl) throw new Error(`sign-in did not redirect to GitHub (${started.status}): ${await started.text()}`);
  const authorize = new URL(authorizeUrl);
  const approved = await fetch(`${authorize.origin}/login/oauth/authorize`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), login }),
  });
  const callback = approved.headers.get("location");
  if (!callback) throw new Error(`GitHub did not redirect back (${approved.status})`);
  const landed = await client.fetch(callback);
  if (landed.status !== 302 && landed.status !== 307) throw new Error(`the callback did not sign in (${landed.status}): ${await landed.text()}`);
  return client;
}
