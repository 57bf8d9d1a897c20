import { createHmac } from "node:crypto";

export const SECRET = "webhook-secret-for-tests";
const sha = (c: string) => c.repeat(40);

export function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function headersFor(event: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  return { "x-github-event": event, "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "x-hub-signature-256": sign(body), ...extra };
}

const repository = { id: 1296269, full_name: "acme/widgets", name: "widgets", private: false, owner: { login: "acme", id: 1 } };
const installation = { id: 42, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };

export const payloads = {
  push: {
    ref: "refs/heads/main",
    before: sha("a"),
    after: sha("b"),
    created: false,
    deleted: false,
    forced: true,
    commits: [{ id: sha("b"), added: ["ignored.ts"], removed: [], modified: [] }],
    // Push payloads give pushed_at as epoch seconds (other events as an ISO string).
    repository: { ...repository, pushed_at: 1_700_000_000 },
    installation,
    pusher: { name: "octocat" },
  },
  installation: {
    action: "created",
    installation: { ...installation, account: { id: 7, login: "acme" } },
    repositories: [{ id: 1296269, full_name: "acme/widgets", name: "widgets" }],
    sender: { login: "octocat" },
  },
  installation_repositories: {
    action: "removed",
    installation,
    repository_selection: "selected",
    repositories_added: [],
    repositories_removed: [{ id: 1296269, full_name: "acme/widgets", name: "widgets" }],
  },
  repository: {
    action: "renamed",
    changes: { repository: { name: { from: "gadgets" } } },
    repository,
    installation,
  },
} as const;
