import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Real package directories (.pnpm/<id>/node_modules/<name>), one per package name: several
 * versions or peer variants of one package would mostly repeat the same files.
 */
export function listPackageDirs(storeDir: string): string[] {
  const byName = new Map<string, string>();
  for (const id of readdirSync(storeDir).sort()) {
    const modules = join(storeDir, id, "node_modules");
    for (const dir of realChildDirs(modules)) byName.set(relative(modules, dir), dir);
  }
  return [...byName.keys()].sort().map((name) => byName.get(name) ?? name);
}

/** Skips symlinks: in the pnpm layout those are a package's dependencies, not the package. */
function realChildDirs(modules: string): string[] {
  const dirs: string[] = [];
  // Store entries such as lock.yaml have no node_modules and hold no package.
  if (!existsSync(modules)) return dirs;
  const entries = readdirSync(modules, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory() || entry.name === ".bin") continue;
    const full = join(modules, entry.name);
    if (entry.name.startsWith("@")) dirs.push(...realChildDirs(full));
    else dirs.push(full);
  }
  return dirs;
}
