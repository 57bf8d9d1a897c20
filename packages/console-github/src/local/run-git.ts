import { execFile } from "node:child_process";
import { SourceError } from "../errors";

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** Runs `git -C <repo> ...args`; resolves with the exit code instead of throwing on failure. */
export function runGit(repo: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile("git", ["-C", repo, ...args], { encoding: "buffer", maxBuffer: MAX_OUTPUT_BYTES }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(new SourceError("git-failed", `could not run git: ${error.message}`, { cause: error }));
        return;
      }
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr: stderr.toString("utf8").trim() });
    });
  });
}

/** Runs git and returns stdout, or throws a non-retryable error quoting git's message. */
export async function gitOutput(repo: string, args: readonly string[]): Promise<Buffer> {
  const result = await runGit(repo, args);
  if (result.code !== 0) throw new SourceError("git-failed", `git ${args[0]} failed in ${repo}: ${result.stderr || `exit ${result.code}`}`);
  return result.stdout;
}
