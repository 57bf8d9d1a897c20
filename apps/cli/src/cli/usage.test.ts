import { describe, expect, it } from "vitest";
import { CLEANUP_HELP } from "../commands/cleanup";
import { RETRY_HELP } from "../commands/retry";
import { SEARCH_HELP } from "../commands/search";
import { SOURCES_HELP } from "../commands/sources-remove";
import { STATUS_HELP } from "../commands/status";
import { SYNC_HELP } from "../commands/sync";
import { HELP } from "./run-cli";
import { COMMAND_USAGE } from "./usage";

describe("top-level help", () => {
  it("lists each command with the usage line its own help starts with", () => {
    const firstLines = [SYNC_HELP, SEARCH_HELP, STATUS_HELP, SOURCES_HELP, RETRY_HELP, CLEANUP_HELP].map((help) => help.split("\n")[0] ?? "");
    expect(COMMAND_USAGE).toHaveLength(firstLines.length);
    COMMAND_USAGE.forEach((line, i) => expect(line.startsWith(firstLines[i] ?? "\0")).toBe(true));
    for (const line of COMMAND_USAGE) expect(HELP).toContain(line);
  });
});
