import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { git, gitEnv } from "./git";

export interface TestRepoOptions {
  /** Defaults to a fresh directory under os.tmpdir(), removed by `remove()`. */
  dir?: string;
  branch?: string;
}

export interface ManyFilesOptions {
  /** Folder the files go in (spread over sub-folders of 100 files). */
  under?: string;
  content?: (index: number) => string;
  message?: string;
  /**
   * Default true: write the files into the working tree, which is most of the cost (1.4–6 s for
   * 5,000 files on the loaded 2-core test machine, against 0.3–0.5 s without). With false the files exist only in git, marked skip-worktree so later commits keep them;
   * rm and mv still work on them, editing them through the file system does not.
   */
  checkout?: boolean;
}

/**
 * A real git repository with a working tree that tests change and commit, the backing store of
 * FakeGitHub. History rewrites are local branch moves, which is what a force-push does to GitHub.
 */
export class TestRepo {
  private constructor(
    readonly dir: string,
    readonly branch: string,
    private readonly owned: boolean,
  ) {}

  static async create(options: TestRepoOptions = {}): Promise<TestRepo> {
    const dir = options.dir ?? (await mkdtemp(join(tmpdir(), "tributary-repo-")));
    const branch = options.branch ?? "main";
    await mkdir(dir, { recursive: true });
    await git(dir, ["init", "-q", "-b", branch]);
    return new TestRepo(dir, branch, options.dir === undefined);
  }

  async writeFile(path: string, content: string | Uint8Array, options: { executable?: boolean } = {}): Promise<void> {
    const file = join(this.dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content, { mode: options.executable ? 0o755 : 0o644 });
  }

  async writeFiles(files: Record<string, string | Uint8Array>): Promise<void> {
    for (const [path, content] of Object.entries(files)) await this.writeFile(path, content);
  }

  /** Text of exactly `bytes` bytes (line-structured so nothing mistakes it for binary). */
  async writeLargeFile(path: string, bytes: number): Promise<void> {
    const line = "large file line of plain text for size limits.\n";
    await this.writeFile(path, line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes));
  }

  /** A Git LFS pointer as `git lfs` commits it; returns the pointer text. */
  async writeLfsPointer(path: string, object: { content?: string; size?: number } = {}): Promise<string> {
    const content = object.content ?? `lfs object behind ${path}`;
    const oid = createHash("sha256").update(content).digest("hex");
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${object.size ?? Buffer.byteLength(content)}\n`;
    await this.writeFile(path, pointer);
    return pointer;
  }

  async symlink(path: string, target: string): Promise<void> {
    const file = join(this.dir, path);
    await mkdir(dirname(file), { recursive: true });
    await symlink(target, file);
  }

  /**
   * A submodule entry (gitlink, mode 160000) pointing at `commitSha` of another repository. The
   * empty folder is how an uninitialised submodule looks, so `git add -A` keeps the entry.
   */
  async addSubmodule(path: string, commitSha: string, url = `https://example.invalid/${path}.git`): Promise<void> {
    await mkdir(join(this.dir, path), { recursive: true });
    await this.git(["update-index", "--add", "--cacheinfo", `160000,${commitSha},${path}`]);
    await this.git(["config", "-f", ".gitmodules", `submodule.${path}.path`, path]);
    await this.git(["config", "-f", ".gitmodules", `submodule.${path}.url`, url]);
  }

  async rm(path: string): Promise<void> {
    await rm(join(this.dir, path), { recursive: true, force: true });
    // Files committed without checkout are invisible to `add -A`; drop them from the index here.
    await this.git(["rm", "-r", "-q", "--cached", "--sparse", "--ignore-unmatch", "--", path]);
  }

  async mv(from: string, to: string): Promise<void> {
    await mkdir(dirname(join(this.dir, to)), { recursive: true });
    if (await this.isSkipWorktree(from)) {
      await writeFile(join(this.dir, to), await this.git(["show", `:${from}`]));
      await this.git(["rm", "-q", "--cached", "--sparse", "--", from]);
      return;
    }
    await rename(join(this.dir, from), join(this.dir, to));
  }

  /** Stages everything (adds, edits, deletions) and commits; returns the new commit sha. */
  async commit(message = "change"): Promise<string> {
    await this.git(["add", "-A"]);
    await this.git(["commit", "-q", "--allow-empty", "--no-verify", "-m", message]);
    return this.head();
  }

  async head(): Promise<string> {
    return (await this.git(["rev-parse", "HEAD"])).trim();
  }

  /**
   * Moves the current branch (and working tree) to `ref`, dropping later commits from the branch
   * like a force-push; commit afterwards to build the rewritten history.
   */
  async resetHard(ref: string): Promise<void> {
    await this.git(["reset", "-q", "--hard", ref]);
  }

  /** Points `branch` at `sha` without touching the checkout (a push to another branch). */
  async setBranch(branch: string, sha: string): Promise<void> {
    await this.git(["update-ref", `refs/heads/${branch}`, sha]);
  }

  /**
   * Commits `count` generated files in one `git fast-import` run (no per-file processes), then
   * checks them out so later writeFile/commit calls keep them. Needs a clean working tree.
   */
  async commitManyFiles(count: number, options: ManyFilesOptions = {}): Promise<string> {
    if ((await this.git(["status", "--porcelain"])).trim()) throw new Error("commit pending changes before commitManyFiles");
    const under = options.under ?? "generated";
    const content = options.content ?? ((i: number) => `export const value${i} = ${i};\n`);
    const parent = (await this.git(["rev-parse", "--verify", "--quiet", "HEAD"]).catch(() => "")).trim();
    const message = options.message ?? `add ${count} files`;
    const parts: Buffer[] = [
      Buffer.from(
        `commit refs/heads/${this.branch}\ncommitter ${gitEnv.GIT_COMMITTER_NAME} <${gitEnv.GIT_COMMITTER_EMAIL}> ${Math.floor(Date.now() / 1000)} +0000\n`,
      ),
      data(message),
      Buffer.from(parent ? `from ${parent}\n` : ""),
    ];
    const paths = Array.from({ length: count }, (_, i) => `${under}/d${Math.floor(i / 100)}/file-${i}.ts`);
    paths.forEach((path, i) => parts.push(Buffer.from(`M 100644 inline ${path}\n`), data(content(i))));
    await this.git(["fast-import", "--quiet"], Buffer.concat(parts));
    if (options.checkout === false) {
      await this.git(["read-tree", "HEAD"]);
      await this.git(["update-index", "--skip-worktree", "--stdin"], paths.join("\n") + "\n");
    } else {
      await this.resetHard("HEAD");
    }
    return this.head();
  }

  private async isSkipWorktree(path: string): Promise<boolean> {
    return (await this.git(["ls-files", "-v", "--", path])).startsWith("S ");
  }

  git(args: string[], input?: string | Buffer): Promise<string> {
    return git(this.dir, args, input);
  }

  /** Deletes the directory if this TestRepo created it. */
  async remove(): Promise<void> {
    if (this.owned) await rm(this.dir, { recursive: true, force: true });
  }
}

function data(text: string): Buffer {
  const bytes = Buffer.from(text);
  return Buffer.concat([Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from("\n")]);
}
