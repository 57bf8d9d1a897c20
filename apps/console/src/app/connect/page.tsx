import { connectRepository } from "~/server/actions";
import { env } from "~/env";

export const dynamic = "force-dynamic";

export default async function ConnectPage({ searchParams }: { searchParams: Promise<{ field?: string; error?: string }> }) {
  const { field, error } = await searchParams;
  const errorFor = (name: string) => (field === name && error ? <span id={`${name}-error`} className="error" role="alert">{error}</span> : null);
  const embedded = !env.DATABASE_URL;
  return (
    <>
      <h1>Connect a repository</h1>
      <h2>GitHub</h2>
      <form action={connectRepository} className="stack">
        <input type="hidden" name="kind" value="github" />
        <label>
          Repository (owner/name)
          <input name="repository" placeholder="acme/widgets" aria-describedby="repository-error" required />
        </label>
        {errorFor("repository")}
        <label>
          Branch (default branch when empty)
          <input name="branch" />
        </label>
        <p className="muted">{env.GITHUB_TOKEN ? "Uses GITHUB_TOKEN." : "Set GITHUB_TOKEN or GitHub App credentials first."}</p>
        <button type="submit">Connect GitHub repository</button>
      </form>
      {embedded ? (
        <>
          <h2>Local git repository</h2>
          <form action={connectRepository} className="stack">
            <input type="hidden" name="kind" value="local" />
            <label>
              Path to a git repository
              <input name="path" placeholder="/home/me/src/project" aria-describedby="path-error" required />
            </label>
            {errorFor("path")}
            <label>
              Branch (current branch when empty)
              <input name="branch" />
            </label>
            <button type="submit">Connect local repository</button>
          </form>
        </>
      ) : null}
    </>
  );
}
