import { listMembers } from "@repo/console-db";
import { Field } from "~/components/field";
import { accessForPage } from "~/components/runtime-gate";
import { TableHead } from "~/components/table-head";
import { inviteMember, newWorkspace, removeWorkspaceMember, setOrganisation } from "~/server/account-actions";

export const dynamic = "force-dynamic";

type Search = Promise<{ error?: string; notice?: string }>;

export default async function WorkspacePage({ searchParams }: { searchParams: Search }) {
  const { access, notice: busy } = await accessForPage();
  if (!access) return busy;
  const { error, notice } = await searchParams;
  const { workspace, role, runtime } = access;
  const members = await listMembers(runtime.database.db, workspace.id);
  const owner = role === "owner";
  return (
    <>
      <h1>Workspace {workspace.name}</h1>
      <p className="muted">
        You are {role === "owner" ? "an owner" : "a member"}.{" "}
        {workspace.githubOrg ? `Members of the GitHub organisation ${workspace.githubOrg} are admitted.` : "Members are admitted by invitation."}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? <p role="status">{notice}</p> : null}
      <h2>Members</h2>
      <table>
        <TableHead columns={owner ? ["GitHub login", "Role", "Signed in", ""] : ["GitHub login", "Role", "Signed in"]} />
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-member={m.githubLogin}>
              <td>{m.githubLogin}</td>
              <td>{m.role}</td>
              <td>{m.userId ? "yes" : "not yet"}</td>
              {owner ? (
                <td>
                  <form action={removeWorkspaceMember}>
                    <input type="hidden" name="memberId" value={m.id} />
                    <button type="submit" aria-label={`Remove ${m.githubLogin}`}>
                      Remove
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {owner ? (
        <>
          <h2>Invite by GitHub login</h2>
          <form action={inviteMember} className="stack">
            <Field label="GitHub login" name="login" required placeholder="octocat" />
            <div className="field">
              <label htmlFor="role">Role</label>
              <select id="role" name="role" defaultValue="member">
                <option value="member">member</option>
                <option value="owner">owner</option>
              </select>
            </div>
            <button type="submit">Invite</button>
          </form>
          <h2>Admit a GitHub organisation</h2>
          <form action={setOrganisation} className="stack">
            <Field label="Organisation login (empty: invitations only)" name="org" defaultValue={workspace.githubOrg ?? ""} />
            <button type="submit">Save organisation</button>
          </form>
          <h2>New workspace</h2>
          <form action={newWorkspace} className="stack">
            <Field label="Workspace name" name="name" required />
            <button type="submit">Create workspace</button>
          </form>
        </>
      ) : null}
    </>
  );
}
