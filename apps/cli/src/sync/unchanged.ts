import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG, findConfigEntry, type TributaryConfig } from "@repo/console-content/config-lookup";
import type { RuntimeSettings } from "../config/services";
import { compileWasmBaselineOnly } from "../runtime/baseline-wasm";
import { pgliteCompiledEarly } from "../runtime/early-wasm";
import { readSyncedHead, recordSyncedHead } from "./synced-heads";

/**
 * A re-sync of a local repository that finds nothing changed, without starting the runtime
 * (executor, workflows, SDKs, worker pool): the database opened as `search` opens it, the branch
 * head and config read from git, and recordUnchangedSync deciding — exactly as source.plan's
 * scoped diff would — whether the sync would plan nothing. Only then is the job recorded (as the
 * full sync records it); anything else, including any error here, returns undefined and the
 * caller runs the full sync, which reports errors in its own words.
 *
 * Only for a PGlite data directory: its lock makes this process the only writer, so the checks
 * and the record cannot race another sync.
 */
export async function tryUnchangedSync(
  settings: RuntimeSettings,
  target: { path: string; cwd: string; branch?: string },
  onSkip?: (reason: string) => void,
): Promise<{ job: import("@repo/console-db").SyncJobRow; source: import("@repo/console-db").SourceRow } | undefined> {
  // Never synced (no database yet): nothing to compare with, and nothing to create here.
  if (!settings.dataDir || settings.databaseUrl || !existsSync(join(settings.dataDir, "PG_VERSION"))) return undefined;
  // The database's modules load while git answers (child processes, on the other core).
  const modules = Promise.all([import("@repo/console-inngest/search"), import("@repo/console-inngest/unchanged-sync")]);
  modules.catch(() => {});
  const { resolveLocalTarget } = await import("@repo/console-github/resolve-target");
  // The branch head comes with the target (one git process fewer).
  const resolved = await resolveLocalTarget(target.path, target.cwd, target.branch).catch(() => undefined);
  if (!resolved) return undefined;
  const { head, ...spec } = resolved;
  // The head moved since the last sync: it cannot be a no-change one, so the database is opened
  // once, by the full sync, and not here first.
  const last = readSyncedHead(settings.dataDir, spec.location, spec.branch);
  if (last !== undefined && last !== head) {
    onSkip?.("new-commit (the branch head moved since the last sync; the database was not opened for the check)");
    return undefined;
  }
  // The last sync from here indexed this head: the check will most likely answer, in about a
  // second, as search does (runtime/baseline-wasm.ts). If it declines, syncEntry runs the full
  // sync in a fresh process, with V8's optimizing compiler.
  if (last === head) compileWasmBaselineOnly();
  // The database opens while git reads the config at the head.
  const [{ openSearchRuntime }, { recordUnchangedSync }] = await modules;
  // PGlite's WebAssembly, when the process started compiling it (runtime/early-wasm.ts).
  const pgliteWasm = pgliteCompiledEarly();
  // The check reads no vector: PGlite opens without pgvector's library. Should a statement need it
  // after all (a migration still to apply, say), the check declines and the full sync runs.
  const opening = openSearchRuntime({ ...settings, withoutVector: true, ...(pgliteWasm ? { pgliteWasm } : {}) }).catch(() => undefined);
  const config = await configAt(spec.location, head);
  const runtime = await opening;
  if (!runtime) return undefined;
  try {
    if (!config) return undefined;
    const result = await recordUnchangedSync(runtime.database.db, {
      workspaceId: runtime.workspaceId,
      storeId: runtime.store.id,
      spec,
      head,
      config,
      trigger: "cli",
      now: () => new Date(),
    });
    if (typeof result === "string") {
      onSkip?.(result);
      return undefined;
    }
    recordSyncedHead(settings.dataDir, spec.location, spec.branch, head);
    return result;
  } finally {
    await runtime.close();
  }
}

/** The config a sync of `commit` would use (its tributary.yml, or the defaults); undefined when it does not parse. */
async function configAt(repo: string, commit: string): Promise<TributaryConfig | undefined> {
  const listing = await git(repo, ["ls-tree", "-z", "--full-tree", commit, "--", "tributary.yml", ".tributary.yml"]);
  if (listing === null) return undefined;
  const entries = listing
    .toString("utf8")
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta = "", path = ""] = line.split("\t");
      const [mode = "", type = "", sha = ""] = meta.split(" ");
      return { path, mode, type: type as "blob", sha, size: 0 };
    });
  const entry = findConfigEntry(entries);
  if (!entry) return DEFAULT_CONFIG;
  // The YAML parser loads only for a repository that has a config file.
  const [content, { parseTributaryConfig }] = await Promise.all([git(repo, ["cat-file", "blob", entry.sha]), import("@repo/console-content")]);
  if (content === null) return undefined;
  const parsed = parseTributaryConfig(content.toString("utf8"), entry.path);
  return parsed.ok ? parsed.config : undefined;
}

function git(cwd: string, args: string[]): Promise<Buffer | null> {
  return new Promise((resolve) => {
    execFile("git", ["-C", cwd, ...args], { encoding: "buffer", maxBuffer: 1 << 24 }, (error, stdout) => resolve(error ? null : stdout));
  });
}
