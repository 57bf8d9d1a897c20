import { DataDirInUseError } from "@repo/console-db";
import { SourceError } from "@repo/console-github";
import { TributaryError } from "@repo/console-types";
import { describe, expect, it } from "vitest";
import { cliErrorFor, EXIT } from "./errors";

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
