import { redirect } from "next/navigation";
import { signInWithGitHub } from "~/server/account-actions";
import { currentUser } from "~/server/session";
import { isEmbeddedMode } from "~/server/settings";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  if (await currentUser().catch(() => undefined)) redirect("/");
  return (
    <section aria-labelledby="sign-in-heading" className="stack">
      <h1 id="sign-in-heading">Sign in to Tributary</h1>
      {error ? (
        <p className="error" role="alert">
          Sign-in did not complete ({error}). Try again.
        </p>
      ) : null}
      {isEmbeddedMode() ? (
        <p>
          This console runs in embedded mode for the person at this machine. Open the one-time login link printed in the terminal that started it (each link
          works once; using it prints the next).
        </p>
      ) : (
        <form action={signInWithGitHub}>
          <button type="submit">Sign in with GitHub</button>
        </form>
      )}
    </section>
  );
}
