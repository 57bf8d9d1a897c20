import { execFile } from "node:child_process";

/** Runs git and returns its trimmed stdout, or null when git exits non-zero (an answer, not a crash). */
export function gitQuery(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve, reject) => {
    execFile("git", ["-C", cwd, ...args], { encoding: "utf8", maxBuffer: 1 << 20 }, (error, stdout) => {
      if (!error) return resolve(stdout.trim());
      // ENOENT etc. means git itself is missing: that is not "no such branch".
      if (typeof error.code === "string") return reject(new Error(`cannot run git: ${error.message}`));
      resolve(null);
    });
  });
}
