import { describe, expect, it } from "vitest";
import { SYNC_HELP } from "./sync";

describe("sync --help", () => {
  it("lists each item provider's targets and token variable from its registry entry", () => {
    expect(SYNC_HELP).toContain(
      [
        "  linear:<team-key>                 LINEAR_API_KEY",
        "  notion:<page-or-database-id>      NOTION_TOKEN      (or notion:workspace)",
        "  slack:<channel-id-or-name>        SLACK_BOT_TOKEN   (or slack:workspace)",
        "  vercel:<project-id-or-name>       VERCEL_TOKEN      (or vercel:team; VERCEL_TEAM_ID scopes to a team)",
        "  --branch <name>",
      ].join("\n"),
    );
  });
});
