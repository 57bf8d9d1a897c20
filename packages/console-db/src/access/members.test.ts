import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, workspaces } from "../schema";
import { openTestDatabase, type TestDatabase } from "../testing/open-test-database";
import { LastOwnerError, addMember, createWorkspace, listMembers, removeMember, roleIn, setWorkspaceOrg, viewerOf, workspacesOf } from "./members";

describe("workspace membership", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("pglite-memory");
  });
  afterAll(() => database?.dispose());

  const signUp = async (login: string, orgs = "") => {
    const [user] = await database.db
      .insert(users)
      .values({ name: login, email: `${login}@example.test`, githubLogin: login, githubOrgs: orgs })
      .returning();
    return viewerOf(user!);
  };

  it("binds an invitation to the first user with that login, so a later holder of the login gets nothing", async () => {
    const workspace = await createWorkspace(database.db, { name: "Acme", owner: { githubLogin: "owner-a" } });
    await addMember(database.db, { workspaceId: workspace.id, githubLogin: "Carol", role: "member", invitedBy: "owner-a" });
    const carol = await signUp("carol");
    expect(await roleIn(database.db, carol, workspace.id)).toBe("member");
    // Carol renames her account and someone else registers "carol" on GitHub.
    const impostor = await signUp("carol-2");
    expect(await roleIn(database.db, { ...impostor, githubLogin: "carol" }, workspace.id)).toBeUndefined();
    expect(await roleIn(database.db, carol, workspace.id)).toBe("member");
  });

  it("admits members of the workspace's GitHub organisation only while it is configured", async () => {
    const workspace = await createWorkspace(database.db, { name: "Org-wide", owner: { githubLogin: "owner-b" } });
    const dave = await signUp("dave", "acme-corp other");
    expect(await roleIn(database.db, dave, workspace.id)).toBeUndefined();
    await setWorkspaceOrg(database.db, workspace.id, "ACME-corp");
    expect(await roleIn(database.db, dave, workspace.id)).toBe("member");
    expect((await workspacesOf(database.db, await signUp("erin", "other"))).map((a) => a.workspace.id)).not.toContain(workspace.id);
    await setWorkspaceOrg(database.db, workspace.id, null);
    expect(await roleIn(database.db, dave, workspace.id)).toBeUndefined();
  });

  it("keeps the last owner and removes members only within their own workspace", async () => {
    const mine = await createWorkspace(database.db, { name: "Mine", owner: { githubLogin: "frank" } });
    const theirs = await createWorkspace(database.db, { name: "Theirs", owner: { githubLogin: "grace" } });
    const [frank] = await listMembers(database.db, mine.id);
    await expect(removeMember(database.db, mine.id, frank!.id)).rejects.toBeInstanceOf(LastOwnerError);
    const [grace] = await listMembers(database.db, theirs.id);
    expect(await removeMember(database.db, mine.id, grace!.id)).toBe(false);
    expect(await listMembers(database.db, theirs.id)).toHaveLength(1);
    expect(await database.db.select().from(workspaces)).toHaveLength(4);
  });
});
