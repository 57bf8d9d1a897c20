import { redirect } from "next/navigation";
import { signOut } from "~/server/account-actions";
import { findAccess } from "~/server/session";

export const dynamic = "force-dynamic";

export default async function NoWorkspacePage() {
  const access = await findAccess();
  if (access === "anonymous") redirect("/sign-in");
  if (access !== "no-workspace") redirect("/");
  return (
    <section role="alert" className="notice">
      <h1>No workspace yet</h1>
      <p>You are signed in, but no workspace has admitted you. Ask a workspace owner to invite your GitHub login, or to admit your GitHub organisation.</p>
      <form action={signOut}>
        <button type="submit">Sign out</button>
      </form>
    </section>
  );
}
