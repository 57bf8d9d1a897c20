import type { TreeEntry } from "@repo/console-types";

export const CONFIG_FILE_NAMES = ["tributary.yml", ".tributary.yml"] as const;

/** The root config file in a tree; `tributary.yml` wins over `.tributary.yml`. */
export function findConfigEntry(entries: readonly TreeEntry[]): TreeEntry | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const entry = entries.find((e) => e.path === name && e.type === "blob");
    if (entry) return entry;
  }
  return undefined;
}
