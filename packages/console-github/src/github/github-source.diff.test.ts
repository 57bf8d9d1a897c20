import { FakeGitHub } from "@repo/testing/github";
import { basename } from "node:path";
import { describeSourceDiffSuite } from "../testing/source-diff-suite";
import { createGitHubClient } from "./client";
import { createGitHubSource } from "./github-source";

// The same suite as the local source, through @octokit/rest over HTTP against the fake. Fetching
// the changed contents of "modify 3, delete 1, rename 1" may cost at most 2 + 4 API requests.
describeSourceDiffSuite(
  "GitHub source",
  async (repo) => {
    const fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme" }], tokens: ["test-token"] });
    const client = createGitHubClient({ auth: { kind: "token", token: "test-token" }, baseUrl: fake.url, timeScaleMs: 1 });
    const source = createGitHubSource({ client, owner: "acme", repo: basename(repo.dir), branch: "main" });
    return { source, requests: () => fake.countApi(), dispose: () => fake.stop() };
  },
  { changedContentRequests: 6 },
);
