import { describe, expect, it } from "vitest";
import { ITEM_PROVIDER_DESCRIPTORS, itemSecretValues, redactItemSecrets } from "./item-providers";

const env = {
  LINEAR_API_KEY: "lin_api_0123456789abcdef",
  LINEAR_API_URL: "http://127.0.0.1:4100/graphql",
  LINEAR_WEBHOOK_SECRET: "lin_wh_0123456789",
  NOTION_TOKEN: "ntn_secret_token_value",
  VERCEL_TEAM_ID: "team_abcdefgh12",
  UNRELATED_PASSWORD: "not-a-declared-setting",
};

describe("secret settings", () => {
  it("are the settings declared secret: tokens and webhook secrets, not endpoints or ids", () => {
    const declared = Object.values(ITEM_PROVIDER_DESCRIPTORS).flatMap((d) => d.settings);
    for (const setting of declared) expect(setting.secret, setting.env).toBe(setting.role === "token" || setting.role === "webhookSecret");
    expect(itemSecretValues(env).map((s) => s.env)).toEqual(["LINEAR_API_KEY", "NOTION_TOKEN", "LINEAR_WEBHOOK_SECRET"]);
  });

  it("are redacted from a message; other settings' values stay readable", () => {
    const message = `Linear at ${env.LINEAR_API_URL} refused key ${env.LINEAR_API_KEY} (team ${env.VERCEL_TEAM_ID}; notion ${env.NOTION_TOKEN})`;
    expect(redactItemSecrets(message, env)).toBe(
      `Linear at ${env.LINEAR_API_URL} refused key [LINEAR_API_KEY] (team ${env.VERCEL_TEAM_ID}; notion [NOTION_TOKEN])`,
    );
  });

  it("follows the flag of a provider's declaration, not the variable's name", () => {
    const jira = {
      displayName: "Jira",
      targets: ["jira:<project>"],
      settings: [
        { env: "JIRA_PAT", description: "token", secret: true, format: "string", role: "token" },
        { env: "JIRA_SITE_TOKEN", description: "a site id despite its name", secret: false, format: "string", role: "option", option: "site" },
      ],
      connect: { title: "Jira", fields: [] },
    } as const;
    const text = "pat pat-0123456789 site site-0123456789";
    expect(redactItemSecrets(text, { JIRA_PAT: "pat-0123456789", JIRA_SITE_TOKEN: "site-0123456789" }, { jira })).toBe("pat [JIRA_PAT] site site-0123456789");
  });
});
