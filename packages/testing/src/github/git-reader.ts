import type { Readable } from "node:stream";
import { git, gitBytes, GitCommandError, gitStream } from "./git";

export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601 in UTC without milliseconds, as GitHub writes dates. */
  date: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}

export interface GitTreeEntry {
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  /** Blobs only. */
  size?: number;
  path: string;
}

/** Read-only access to one repository's object database through the git CLI. */
export class GitReader {
  constructor(readonly dir: string) {}

  /** Branch, tag, full or abbreviated sha → commit sha; undefined when nothing matches. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    return this.revParse(`${ref}^{commit}`, ref);
  }

  async resolveTree(ref: string): Promise<string | undefined> {
    return this.revParse(`${ref}^{tree}`, ref);
  }

  async defaultBranch(): Promise<string> {
    return (await git(this.dir, ["symbolic-ref", "--short", "HEAD"])).trim();
  }

  /** Every ref under refs/ with the object it points to, sorted by name like GitHub. */
  async refs(): Promise<Array<{ ref: string; sha: string; type: string }>> {
    const out = await git(this.dir, ["for-each-ref", "--format=%(refname)%00%(objectname)%00%(objecttype)", "refs/"]);
    return lines(out).map((line) => {
      const [ref = "", sha = "", type = ""] = line.split("\0");
      return { ref, sha, type };
    });
  }

  async commit(sha: string): Promise<GitCommit | undefined> {
    if ((await this.objectType(sha)) !== "commit") return undefined;
    const raw = await git(this.dir, ["cat-file", "commit", sha]);
    return parseCommit(sha, raw);
  }

  async objectType(sha: string): Promise<string | undefined> {
    if (!isObjectName(sha)) return undefined;
    try {
      return (await git(this.dir, ["cat-file", "-t", sha])).trim();
    } catch (error) {
      if (error instanceof GitCommandError) return undefined;
      throw error;
    }
  }

  async blob(sha: string): Promise<Buffer | undefined> {
    if ((await this.objectType(sha)) !== "blob") return undefined;
    return gitBytes(this.dir, ["cat-file", "blob", sha]);
  }

  /**
   * `recursive` lists subtrees too (as GitHub's `?recursive=1` does), depth first in git order;
   * `path` narrows the listing to that one entry.
   */
  async lsTree(treeish: string, recursive: boolean, path?: string): Promise<GitTreeEntry[]> {
    const args = ["ls-tree", "-l", "-z", "--full-tree", ...(recursive ? ["-r", "-t"] : []), treeish, ...(path ? ["--", path] : [])];
    const out = await git(this.dir, args);
    return out
      .split("\0")
      .filter(Boolean)
      .map((record) => {
        const tab = record.indexOf("\t");
        const [mode = "", type = "", sha = "", size = "-"] = record.slice(0, tab).split(/ +/);
        const entry: GitTreeEntry = { mode, type: type as GitTreeEntry["type"], sha, path: record.slice(tab + 1) };
        if (type === "blob") entry.size = Number(size);
        return entry;
      });
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    try {
      return (await git(this.dir, ["merge-base", a, b])).trim() || undefined;
    } catch (error) {
      // Exit 1 means unrelated histories, which compare reports as diverged with no merge base.
      if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
      throw error;
    }
  }

  /** Commits reachable from `head` but not from `base`, oldest first. */
  async commitsBetween(base: string | undefined, head: string): Promise<string[]> {
    const range = base ? [`${base}..${head}`] : [head];
    return lines(await git(this.dir, ["rev-list", "--reverse", ...range]));
  }

  archive(sha: string, prefix: string): Readable {
    return gitStream(this.dir, ["archive", "--format=tar.gz", `--prefix=${prefix}`, sha]);
  }

  private async revParse(spec: string, ref: string): Promise<string | undefined> {
    // A leading dash would be read as an option, and GitHub refs never contain these characters.
    if (!ref || ref.startsWith("-") || /[\s~^:?*[\\]|\.\.|@\{/.test(ref)) return undefined;
    try {
      return (await git(this.dir, ["rev-parse", "--verify", "--quiet", spec])).trim() || undefined;
    } catch (error) {
      if (error instanceof GitCommandError) return undefined;
      throw error;
    }
  }
}

export function isObjectName(value: string): boolean {
  return /^[0-9a-f]{4,40}$/.test(value);
}

function lines(out: string): string[] {
  return out.split("\n").filter(Boolean);
}

function parseCommit(sha: string, raw: string): GitCommit {
  const split = raw.indexOf("\n\n");
  const header = raw.slice(0, split < 0 ? raw.length : split).split("\n");
  const field = (name: string) => header.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1));
  return {
    sha,
    tree: field("tree")[0] ?? "",
    parents: field("parent"),
    author: parsePerson(field("author")[0] ?? ""),
    committer: parsePerson(field("committer")[0] ?? ""),
    message: split < 0 ? "" : raw.slice(split + 2).replace(/\n$/, ""),
  };
}

function parsePerson(line: string): GitPerson {
  const match = /^(.*) <(.*)> (\d+) [+-]\d{4}$/.exec(line);
  const seconds = Number(match?.[3] ?? 0);
  return {
    name: match?.[1] ?? "",
    email: match?.[2] ?? "",
    date: new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}
