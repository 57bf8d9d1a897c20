import { DataDirInUseError } from "@repo/console-db";
import { SourceError } from "@repo/console-github";
import { TributaryError } from "@repo/console-types";
import { describe, expect, it } from "vitest";
import { cliErrorFor, EXIT, exitCodeForFailedJob } from "./errors";

describe("exit codes follow error codes, not messages", () => {
  it("maps source, GitHub, data directory and store failures", () => {
    // The messages are deliberately misleading: only the code may decide.
    expect(cliErrorFor(new SourceError("unknown-ref", "GitHub rejected the token"))).toMatchObject({
      exitCode: EXIT.SOURCE,
      message: "GitHub rejected the token",
    });
    expect(cliErrorFor(new SourceError("unauthorized", "unknown branch"))).toMatchObject({ exitCode: EXIT.GITHUB, retryable: false });
    expect(cliErrorFor(new SourceError("rate-limited", "slow down", { retryAfterSeconds: 5 }))).toMatchObject({ exitCode: EXIT.GITHUB, retryable: true });
    expect(cliErrorFor(new DataDirInUseError("/data", 42, "/data/tributary.lock")).exitCode).toBe(EXIT.DATA_DIR_IN_USE);
    expect(cliErrorFor(new TributaryError({ code: "store-mismatch", retryable: false, message: "it cannot take local/x" })).exitCode).toBe(EXIT.ENVIRONMENT);
  });

  it("gives an unlisted code SYNC_FAILED, not INTERNAL (INTERNAL is for bugs)", () => {
    expect(cliErrorFor(new TributaryError({ code: "something-new", retryable: true, message: "x" }))).toMatchObject({
      exitCode: EXIT.SYNC_FAILED,
      retryable: true,
    });
  });
});

describe("a failed job's exit code follows the error code stored with it", () => {
  it.each([
    ["invalid-config", "local", EXIT.CONFIG],
    ["invalid-config", "linear", EXIT.CONFIG],
    ["unauthorized", "github", EXIT.GITHUB],
    ["forbidden", "github", EXIT.GITHUB],
    ["network", "github", EXIT.GITHUB],
    ["rate-limited", "github", EXIT.GITHUB],
    ["unknown-ref", "local", EXIT.SOURCE],
    ["unknown-ref", "github", EXIT.SOURCE],
    ["not-a-git-repository", "local", EXIT.SOURCE],
    ["no-such-directory", "local", EXIT.SOURCE],
    ["server", "github", EXIT.SYNC_FAILED],
    ["something-new", "github", EXIT.SYNC_FAILED],
  ] as const)("%s from a %s source exits %i", (errorCode, provider, exit) => {
    expect(exitCodeForFailedJob({ errorCode }, provider)).toBe(exit);
  });

  it.each(["unauthorized", "forbidden", "network", "rate-limited", "not-found"])("an item service's %s is a failed sync, not a GitHub failure", (errorCode) => {
    for (const provider of ["linear", "notion", "slack", "vercel"]) expect(exitCodeForFailedJob({ errorCode }, provider)).toBe(EXIT.SYNC_FAILED);
  });

  it("a job without a code is a failed sync", () => {
    expect(exitCodeForFailedJob({ errorCode: null }, "github")).toBe(EXIT.SYNC_FAILED);
  });
});
