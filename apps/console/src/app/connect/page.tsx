import { ITEM_PROVIDER_DESCRIPTORS } from "@repo/console-types";
import { Field } from "~/components/field";
import { ItemSourceForms } from "~/components/item-source-forms";
import { accessForPage } from "~/components/runtime-gate";
import { connectItem, connectRepository } from "~/server/actions";
import { listInstallableRepositories, type InstallableRepository } from "~/server/github-app";
import { githubCredentials, isEmbeddedMode } from "~/server/settings";

export const dynamic = "force-dynamic";

type Search = Promise<{ field?: string; error?: string; value?: string }>;

export default async function ConnectPage({ searchParams }: { searchParams: Search }) {
  const { notice } = await accessForPage();
  if (notice) return notice;
  const { field, error, value } = await searchParams;
  const errorFor = (name: string) => (field === name ? error : undefined);
  const github = githubCredentials();
  // Only embedded mode serves the person at this machine, for whom a local path makes sense.
  const embedded = isEmbeddedMode();
  return (
    <>
      <h1>Connect a repository</h1>
      {field === "kind" && error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {github.app ? <AppRepositories errorFor={errorFor} /> : null}
      <section aria-labelledby="github-token-heading">
        <h2 id="github-token-heading">GitHub repository by name</h2>
        <form action={connectRepository} className="stack">
          <input type="hidden" name="kind" value="github" />
          <Field
            label="Repository (owner/name)"
            name="repository"
            placeholder="acme/widgets"
            required
            error={errorFor("repository")}
            defaultValue={field === "repository" ? value : undefined}
            hint={github.token ? "Read with GITHUB_TOKEN." : "Needs GITHUB_TOKEN in the console's environment."}
          />
          <Field label="Branch (default branch when empty)" name="branch" id="github-branch" />
          <button type="submit">Connect GitHub repository</button>
        </form>
      </section>
      {embedded ? (
        <section aria-labelledby="local-heading">
          <h2 id="local-heading">Local git repository</h2>
          <form action={connectRepository} className="stack">
            <input type="hidden" name="kind" value="local" />
            <Field
              label="Path to a git repository"
              name="path"
              placeholder="/home/me/src/project"
              required
              error={errorFor("path")}
              defaultValue={field === "path" ? value : undefined}
              hint="A directory on the machine the console runs on."
            />
            <Field label="Branch (current branch when empty)" name="branch" id="local-branch" />
            <button type="submit">Connect local repository</button>
          </form>
        </section>
      ) : null}
      <ItemSourceForms descriptors={ITEM_PROVIDER_DESCRIPTORS} action={connectItem} field={field} error={error} value={value} />
    </>
  );
}

/** The GitHub App's installations, listed live: only what the App can read is offered. */
async function AppRepositories({ errorFor }: { errorFor: (name: string) => string | undefined }) {
  const app = githubCredentials().app;
  let repositories: InstallableRepository[] = [];
  let listingError: string | undefined;
  try {
    repositories = app ? await listInstallableRepositories(app) : [];
  } catch (error) {
    listingError = `Could not list the GitHub App's installations: ${error instanceof Error ? error.message : String(error)}`;
  }
  const error = errorFor("installationRepository");
  return (
    <section aria-labelledby="github-app-heading">
      <h2 id="github-app-heading">GitHub App installations</h2>
      {listingError ? (
        <p className="error" role="alert">
          {listingError}
        </p>
      ) : repositories.length === 0 ? (
        <p className="muted">The App is not installed on any repository yet.</p>
      ) : (
        <form action={connectRepository} className="stack">
          <input type="hidden" name="kind" value="github-app" />
          <div className="field">
            <label htmlFor="installationRepository">Repository from an installation</label>
            <select
              id="installationRepository"
              name="installationRepository"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "installationRepository-error" : undefined}
            >
              {repositories.map((repo) => (
                <option key={`${repo.installationId}:${repo.fullName}`} value={`${repo.installationId}:${repo.fullName}`}>
                  {repo.fullName} (default branch {repo.defaultBranch})
                </option>
              ))}
            </select>
            {error ? (
              <p id="installationRepository-error" className="error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <Field label="Branch (default branch when empty)" name="branch" id="app-branch" />
          <button type="submit">Connect installed repository</button>
        </form>
      )}
    </section>
  );
}
