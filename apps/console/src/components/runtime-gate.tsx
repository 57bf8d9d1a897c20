import { DataDirInUseError } from "@repo/console-db";
import type { ReactElement } from "react";
import { getRuntime, type ConsoleRuntime } from "~/server/runtime";
import { requireAccess, type Access } from "~/server/session";

export type PageRuntime = { runtime: ConsoleRuntime; notice?: undefined } | { runtime?: undefined; notice: ReactElement };

/**
 * The runtime for a page, or a notice to render instead when PGlite's data directory is held by
 * another process (usually the `tributary` CLI syncing): PGlite is single-process, so the console
 * and the CLI can share TRIBUTARY_DATA_DIR, just not at the same moment.
 */
export async function runtimeForPage(): Promise<PageRuntime> {
  try {
    return { runtime: await getRuntime() };
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    return { notice: <DataDirBusy dataDir={error.dataDir} pid={error.pid} /> };
  }
}

/**
 * What every page starts with: the busy notice, or the signed-in user's workspace (anonymous
 * visitors are redirected to /sign-in before anything is read).
 */
export async function accessForPage(): Promise<{ access: Access; notice?: undefined } | { access?: undefined; notice: ReactElement }> {
  const gate = await runtimeForPage();
  if (!gate.runtime) return { notice: gate.notice };
  return { access: await requireAccess() };
}

function DataDirBusy({ dataDir, pid }: { dataDir: string; pid: number }) {
  return (
    <section role="alert" className="notice">
      <h1>The data directory is in use</h1>
      <p>
        <code>{dataDir}</code> is open in process {pid} — usually the <code>tributary</code> CLI running a sync. PGlite lets one process use a data directory at
        a time, so the console and the CLI share it, but not at the same moment.
      </p>
      <p>Wait for that process to finish (or stop it), then reload this page. To run both together, point the console at Postgres with DATABASE_URL.</p>
    </section>
  );
}
