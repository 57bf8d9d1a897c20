import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { SourceError } from "../errors";

interface Pending {
  resolve: (content: Buffer | null) => void;
  reject: (error: Error) => void;
}

/**
 * One `git cat-file --batch` process answering object requests in order: a single process for
 * a whole batch of files instead of one per file. Answers are `<sha> <type> <size>\n<bytes>\n`,
 * or `<name> missing\n`.
 */
export class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;

  constructor(repo: string) {
    this.child = spawn("git", ["-C", repo, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "pipe"] });
    const stderr: Buffer[] = [];
    this.child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.on("error", (error) => this.fail(new SourceError("git-failed", `could not run git cat-file: ${error.message}`, { cause: error })));
    // Once git is gone (killed, or done after close()), nothing asked for later can be answered:
    // without the failure recorded, a read asked for after the exit waited forever.
    this.child.on("close", (code, signal) =>
      this.fail(new SourceError("git-failed", `git cat-file exited (${code ?? signal}): ${Buffer.concat(stderr).toString("utf8").trim()}`)),
    );
    // Writing to a git that just died (EPIPE) is the same failure, not an unhandled stream error.
    this.child.stdin.on("error", (error) => this.fail(new SourceError("git-failed", `could not write to git cat-file: ${error.message}`, { cause: error })));
  }

  /**
   * Asks for every object at once (one write to git's stdin), so git works through them while
   * the caller handles the answers that came: one promise per object, settled in order, with the
   * object's bytes or null when the repository does not have it. A caller that may not await them
   * all catches their rejections itself.
   */
  readAll(objects: readonly string[]): Array<Promise<Buffer | null>> {
    if (this.failure) return objects.map(() => Promise.reject(this.failure));
    if (objects.some((o) => o.includes("\n"))) return objects.map(() => Promise.reject(new SourceError("git-failed", "object names cannot contain newlines")));
    const answers = objects.map(() => new Promise<Buffer | null>((resolve, reject) => this.pending.push({ resolve, reject })));
    if (objects.length > 0) this.child.stdin.write(`${objects.join("\n")}\n`);
    return answers;
  }

  close(): void {
    this.child.stdin.end();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString("utf8");
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.pending.shift()?.resolve(null);
        continue;
      }
      const size = Number(header.split(" ")[2]);
      if (!Number.isInteger(size)) return this.fail(new SourceError("git-failed", `unexpected git cat-file header: ${header}`));
      const end = newline + 1 + size;
      if (this.buffer.length < end + 1) return;
      const content = Buffer.from(this.buffer.subarray(newline + 1, end));
      this.buffer = this.buffer.subarray(end + 1);
      this.pending.shift()?.resolve(content);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
    this.child.kill();
  }
}
