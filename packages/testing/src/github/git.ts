import { execFile, spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";

/**
 * Identity and config isolation for every git subprocess: the machine's global config (signing,
 * hooks, autocrlf) must not change what the fake serves or what test repos contain.
 */
export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  // Paths from requests are names, never glob patterns.
  GIT_LITERAL_PATHSPECS: "1",
  GIT_AUTHOR_NAME: "Tributary Test",
  GIT_AUTHOR_EMAIL: "test@tributary.invalid",
  GIT_COMMITTER_NAME: "Tributary Test",
  GIT_COMMITTER_EMAIL: "test@tributary.invalid",
};

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(" ")} failed (${exitCode}): ${stderr.trim()}`);
  }
}

/** Runs git in `dir` and resolves with stdout as bytes; `input` is written to stdin. */
export function gitBytes(dir: string, args: string[], input?: string | Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile("git", args, { cwd: dir, env: gitEnv, encoding: "buffer", maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new GitCommandError(args, child.exitCode, stderr.toString("utf8")));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export async function git(dir: string, args: string[], input?: string | Buffer): Promise<string> {
  return (await gitBytes(dir, args, input)).toString("utf8");
}

/** Streams stdout (tarballs); a failing command destroys the stream with the error. */
export function gitStream(dir: string, args: string[]): Readable {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn("git", args, {
    cwd: dir,
    env: gitEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.on("close", (code) => {
    if (code !== 0) child.stdout.destroy(new GitCommandError(args, code, Buffer.concat(stderr).toString("utf8")));
  });
  return child.stdout;
}
