import type { ReactNode } from "react";
import { signOut, switchWorkspace } from "~/server/account-actions";
import { findAccess, type Access } from "~/server/session";
import "./globals.css";

export const metadata = { title: "Tributary" };

const NAV = [
  { href: "/", label: "Sources" },
  { href: "/connect", label: "Connect" },
  { href: "/search", label: "Search" },
  { href: "/activity", label: "Activity" },
  { href: "/alerts", label: "Alerts" },
  { href: "/workspace", label: "Workspace" },
];

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The sign-in page and the data-directory-busy notice render without a session.
  const access = await findAccess().catch(() => "anonymous" as const);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header>
          <strong>Tributary</strong>
          {typeof access === "object" ? <SignedIn access={access} /> : null}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}

function SignedIn({ access }: { access: Access }) {
  return (
    <>
      <nav aria-label="Main" style={{ display: "flex", gap: "1rem" }}>
        {NAV.map((item) => (
          <a key={item.href} href={item.href}>
            {item.label}
          </a>
        ))}
      </nav>
      <div className="account">
        {access.workspaces.length > 1 ? (
          <form action={switchWorkspace} className="inline">
            <label htmlFor="workspaceId">Workspace</label>{" "}
            <select id="workspaceId" name="workspaceId" defaultValue={access.workspace.id}>
              {access.workspaces.map((w) => (
                <option key={w.workspace.id} value={w.workspace.id}>
                  {w.workspace.name}
                </option>
              ))}
            </select>{" "}
            <button type="submit">Switch</button>
          </form>
        ) : (
          <span className="muted" data-workspace={access.workspace.name}>
            {access.workspace.name}
          </span>
        )}{" "}
        <span data-user={access.user.githubLogin ?? "local"}>{access.user.githubLogin ?? access.user.name}</span>{" "}
        <form action={signOut} className="inline">
          <button type="submit">Sign out</button>
        </form>
      </div>
    </>
  );
}
