import { posix } from "node:path";

/**
 * Joins a reference onto the directory of `from` (or the repository root for `/x`);
 * null when it climbs out of the repository. The root itself is "".
 */
export function resolveRelative(from: string, reference: string): string | null {
  const base = reference.startsWith("/") ? reference.slice(1) : posix.join(posix.dirname(from), reference);
  const normal = posix.normalize(base).replace(/\/+$/, "");
  if (normal === ".." || normal.startsWith("../") || posix.isAbsolute(normal)) return null;
  return normal === "." ? "" : normal;
}

export function firstExisting(candidates: readonly string[], repoPaths: ReadonlySet<string>): string | undefined {
  return candidates.find((candidate) => repoPaths.has(candidate));
}

/** `dir` then each parent up to the root (""), nearest first. */
export function ancestors(dir: string): string[] {
  const chain: string[] = [];
  for (let current = dir === "." ? "" : dir; ; current = parentOf(current)) {
    chain.push(current);
    if (current === "") return chain;
  }
}

export function parentOf(dir: string): string {
  const parent = posix.dirname(dir);
  return parent === "." ? "" : parent;
}

export function joinPath(dir: string, path: string): string {
  return dir === "" ? path : path === "" ? dir : `${dir}/${path}`;
}

// One directory index per repoPaths set: the sync passes the same set for every file of a job.
// The size is kept too, so a set that grew or shrank since is indexed again.
const goPackageDirsCache = new WeakMap<ReadonlySet<string>, { size: number; dirs: ReadonlySet<string> }>();

/** Directories holding at least one .go file ("" for the root). */
export function goPackageDirs(repoPaths: ReadonlySet<string>): ReadonlySet<string> {
  const cached = goPackageDirsCache.get(repoPaths);
  if (cached && cached.size === repoPaths.size) return cached.dirs;
  const dirs = new Set<string>();
  for (const path of repoPaths) if (path.endsWith(".go")) dirs.add(parentOf(path));
  goPackageDirsCache.set(repoPaths, { size: repoPaths.size, dirs });
  return dirs;
}

export function withPath(targetPath: string | undefined): { targetPath?: string } {
  return targetPath === undefined ? {} : { targetPath };
}

/** Percent-decodes a path; a malformed escape stays as written, so it simply matches no file. */
export function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    if (error instanceof URIError) return value;
    throw error;
  }
}
