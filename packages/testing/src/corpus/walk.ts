import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Every regular file under a package directory, sorted, skipping nested node_modules and symlinks. */
export function listPackageFiles(packageDir: string): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") visit(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  };
  visit(packageDir);
  return files;
}
