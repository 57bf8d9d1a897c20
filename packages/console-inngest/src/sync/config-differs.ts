import { DEFAULT_CONFIG, type TributaryConfig } from "@repo/console-content/config-lookup";
import type { SourceRow } from "@repo/console-db";

/** Compared by value: the stored copy is jsonb, which does not keep the order of keys. */
export function configDiffers(source: Pick<SourceRow, "config">, config: TributaryConfig): boolean {
  return canonicalJson(source.config ?? DEFAULT_CONFIG) !== canonicalJson(config);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
