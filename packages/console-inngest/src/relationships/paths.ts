import { posix } from "node:path";

/** Joins a relative reference onto the directory of `from`; null when it leaves the repository. */
export function resolveRelative(from: string, reference: string): string | null {
  const base = reference.startsWith("/") ? reference.slice(1) : posix.join(posix.dirname(from), reference);
  const normal = posix.normalize(base);
  if (normal.startsWith("../") || normal === ".." || posix.isAbsolute(normal)) return null;
  return normal === "." ? "" : normal;
}

export function firstExisting(candidates: readonly string[], repoPaths: ReadonlySet<string>): string | undefined {
  return candidates.find((candidate) => repoPaths.has(candidate));
}
