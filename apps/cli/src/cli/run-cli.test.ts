import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CommandIo } from "../commands/context";
import { EXIT } from "../errors";
import { runCli } from "./run-cli";

function captureIo(env: NodeJS.ProcessEnv, cwd: string) {
  const out = { stdout: "", stderr: "" };
  const stream = (key: "stdout" | "stderr") => ({ write: (chunk: string) => ((out[key] += chunk), true) }) as unknown as NodeJS.WriteStream;
  const io: CommandIo = { stdout: stream("stdout"), stderr: stream("stderr"), cwd, env };
  return { io, out };
}

describe("errors the CLI prints", () => {
  it("never show the value of a setting declared secret, even when the error echoes it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tributary-redact-"));
    try {
      // Pasting the API key where the team key belongs: the target error quotes what it was given.
      const key = "lin_api_pasted0123456789";
      const { io, out } = captureIo({ LINEAR_API_KEY: key, TRIBUTARY_DATA_DIR: join(dir, "data") }, dir);
      const code = await runCli(["sync", `linear:${key}`], io);
      expect(code).not.toBe(EXIT.OK);
      expect(out.stderr).toContain('not a valid target "[LINEAR_API_KEY]"');
      expect(out.stderr + out.stdout).not.toContain(key);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
