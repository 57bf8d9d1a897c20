// The launcher's check (bin/tributary.mjs), apart from the build so that a start whose build is
// current loads only node:fs and node:path here — not esbuild's plugin, child_process and crypto,
// which only building needs.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const APP = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(APP, "dist");

/** The current build's entry, or undefined when there is none or any input is newer than it. */
export function freshEntry(statSync) {
  try {
    const { dir } = JSON.parse(readFileSync(join(DIST, "current.json"), "utf8"));
    const manifest = JSON.parse(readFileSync(join(DIST, dir, "manifest.json"), "utf8"));
    if (typeof manifest.builtFromMs !== "number") return undefined;
    for (const input of manifest.inputs) if (statSync(join(APP, input)).mtimeMs > manifest.builtFromMs) return undefined;
    return join(DIST, dir, "main.mjs");
  } catch {
    return undefined;
  }
}
