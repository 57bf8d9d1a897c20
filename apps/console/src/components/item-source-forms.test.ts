import { itemSettingsShape, itemSourcesConfigOf } from "@repo/console-inngest/env";
import { ITEM_PROVIDER_DESCRIPTORS, type ItemProviderDescriptor } from "@repo/console-types";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { itemConnectFormOf } from "~/server/connect-form";
import { ItemSourceForms } from "./item-source-forms";

// A provider that exists only in this test: its one declaration is all the env schema, the env →
// runtime mapping, the connect form and its validation need.
const jira: ItemProviderDescriptor = {
  displayName: "Jira",
  targets: ["jira:<project-key>"],
  settings: [
    { env: "JIRA_API_TOKEN", description: "Jira API token", secret: true, format: "string", role: "token" },
    { env: "JIRA_API_URL", description: "Jira site", secret: false, format: "url", role: "option", option: "baseUrl" },
    { env: "JIRA_WEBHOOK_SECRET", description: "Jira webhook secret", secret: true, format: "string", role: "webhookSecret" },
  ],
  connect: {
    title: "Jira project",
    fields: [
      { name: "scope", label: "Project key", placeholder: "OPS", missing: "Enter a project key" },
      { name: "token", label: "Jira API token", hint: "An API token of a user who can read the project.", missing: "Enter a Jira token" },
    ],
  },
};
const withJira = { ...ITEM_PROVIDER_DESCRIPTORS, jira };

const render = (field?: string, error?: string, value?: string) =>
  renderToStaticMarkup(createElement(ItemSourceForms, { descriptors: withJira, action: () => undefined, field, error, value }));

describe("item sources from their registry declarations", () => {
  it("renders one connect form per entry, an extra entry included", () => {
    const html = render();
    expect(html).toContain("<h2>Linear, Notion, Slack, Vercel and Jira</h2>");
    for (const provider of ["linear", "notion", "slack", "vercel", "jira"]) {
      expect(html).toContain(`<input type="hidden" name="provider" value="${provider}"/>`);
      expect(html).toContain(`id="${provider}-scope"`);
      expect(html).toMatch(new RegExp(`<input id="${provider}-token" required="" type="password" autoComplete="off" name="token"/>`));
    }
    expect(html).toContain('<label for="jira-scope">Project key</label>');
    expect(html).toContain('placeholder="OPS"');
    expect(html).toContain("An API token of a user who can read the project.");
    expect(html).toContain("Connect Jira project</button>");
  });

  it("shows an error inline next to its field and types the scope back, never the token", () => {
    const html = render("jira-scope", "not a valid target", "OPS 1");
    expect(html).toContain('<p id="jira-scope-error" class="error" role="alert">not a valid target</p>');
    expect(html).toContain(
      '<input id="jira-scope" aria-invalid="true" aria-describedby="jira-scope-error" placeholder="OPS" required="" name="scope" value="OPS 1"/>',
    );
    expect(html.match(/value="OPS 1"/g)).toHaveLength(1);
    expect(html).not.toContain('id="linear-scope-error"');
  });

  it("validates a submission with the declared fields' messages", () => {
    const form = itemConnectFormOf(jira);
    expect(form.safeParse({ scope: " ", token: "t" }).error?.issues[0]).toMatchObject({ path: ["scope"], message: "Enter a project key" });
    expect(form.safeParse({ scope: "OPS", token: "" }).error?.issues[0]).toMatchObject({ path: ["token"], message: "Enter a Jira token" });
    expect(form.parse({ scope: " OPS ", token: "t" })).toEqual({ scope: "OPS", token: "t" });
  });

  it("adds its variables to the env schemas and maps them to its connector's config", () => {
    const settings = z.object(itemSettingsShape(["token", "option"], withJira));
    expect(settings.safeParse({ JIRA_API_URL: "not a url" }).error?.issues[0]?.path).toEqual(["JIRA_API_URL"]);
    const env = settings.parse({ JIRA_API_TOKEN: "jira-token", JIRA_API_URL: "http://127.0.0.1:9/jira", JIRA_WEBHOOK_SECRET: "dropped" });
    expect(env).toEqual({ JIRA_API_TOKEN: "jira-token", JIRA_API_URL: "http://127.0.0.1:9/jira" });
    expect(Object.keys(itemSettingsShape(["webhookSecret"], withJira))).toContain("JIRA_WEBHOOK_SECRET");
    expect(itemSourcesConfigOf(env, undefined, withJira)).toMatchObject({ tokens: { jira: "jira-token" }, jira: { baseUrl: "http://127.0.0.1:9/jira" } });
  });
});
