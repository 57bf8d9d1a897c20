import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ItemSourcesEnvShape, itemSourcesConfigOf } from "./items-env";

describe("itemSourcesConfigOf: item providers' env → runtime mapping", () => {
  it("is empty but for the tokens when nothing is set", () => {
    expect(itemSourcesConfigOf({})).toEqual({ tokens: {} });
  });

  it("moves each provider's token and options to its entry, the credentials key falling back", () => {
    const config = itemSourcesConfigOf(
      {
        LINEAR_API_KEY: "lin",
        NOTION_TOKEN: "ntn",
        SLACK_BOT_TOKEN: "xoxb",
        VERCEL_TOKEN: "vc",
        LINEAR_API_URL: "http://127.0.0.1:1/graphql",
        NOTION_API_URL: "http://127.0.0.1:2",
        SLACK_API_URL: "http://127.0.0.1:3/api/",
        VERCEL_API_URL: "http://127.0.0.1:4",
        VERCEL_TEAM_ID: "team_1",
      },
      "fallback-key-0123456789",
    );
    expect(config).toEqual({
      credentialsKey: "fallback-key-0123456789",
      tokens: { linear: "lin", notion: "ntn", slack: "xoxb", vercel: "vc" },
      linear: { apiUrl: "http://127.0.0.1:1/graphql" },
      notion: { baseUrl: "http://127.0.0.1:2" },
      slack: { apiUrl: "http://127.0.0.1:3/api/" },
      vercel: { baseUrl: "http://127.0.0.1:4", teamId: "team_1" },
    });
    expect(itemSourcesConfigOf({ TRIBUTARY_CREDENTIALS_KEY: "own-key-0123456789", VERCEL_TEAM_ID: "t" }, "fallback")).toEqual({
      credentialsKey: "own-key-0123456789",
      tokens: {},
      vercel: { teamId: "t" },
    });
  });

  it("validates endpoints as URLs and tokens as strings, naming the variable", () => {
    const schema = z.object(ItemSourcesEnvShape);
    expect(schema.safeParse({ SLACK_API_URL: "not a url" }).error?.issues[0]?.path).toEqual(["SLACK_API_URL"]);
    expect(schema.parse({ SLACK_BOT_TOKEN: "xoxb-1", LINEAR_API_URL: "http://127.0.0.1:1" })).toEqual({
      SLACK_BOT_TOKEN: "xoxb-1",
      LINEAR_API_URL: "http://127.0.0.1:1",
    });
  });
});
