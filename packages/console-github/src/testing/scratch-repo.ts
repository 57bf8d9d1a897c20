import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const IDENTITY = {
  GIT_AUTHOR_NAME: "Tributary Test",
  GIT_AUTHOR_EMAIL: "test@tributary.invalid",
  GIT_COMMITTER_NAME: "Tributary Test",
  GIT_COMMITTER_EMAIL: "test@tributary.invalid",
};

/** A throwaway git repository in the OS temp dir, for tests of the local source and the diff suite. */
export class ScratchRepo {
  readonly dir = mkdtempSync(join(tmpdir(), "tributary-repo-"));

  constructor(readonly branch = "main") {
    this.git("init", "-q", "-b", branch);
  }

  git(...args: string[]): string {
    return execFileSync("git", ["-C", this.dir, ...args], { env: { ...process.env, ...IDENTITY }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }).trim();
  }

  write(path: string, content: string | Buffer): this {
    const target = join(this.dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return this;
  }

  symlink(path: string, target: string): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    symlinkSync(target, join(this.dir, path));
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path));
    return this;
  }

  rename(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    renameSync(join(this.dir, from), join(this.dir, to));
    return this;
  }

  /** Stages everything and commits; returns the new commit sha. */
  commit(message = "change"): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.head();
  }

  head(): string {
    return this.git("rev-parse", "HEAD");
  }

  /** Moves the branch to `commit`, as a force-push that rewrites history would. */
  resetTo(commit: string): void {
    this.git("reset", "-q", "--hard", commit);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
