import type { ConnectorItem } from "@repo/console-types";
import { redactSecrets, type RedactionCounts } from "@repo/console-github";
import { stateOf, type VercelDeploymentRecord, type VercelProjectRecord } from "./schemas";

/** The tail of a failed build's log that is indexed: the error is at the end, and logs can run to megabytes. */
const LOG_TAIL_LINES = 200;

export const projectId = (id: string) => `project:${id}`;
export const deploymentId = (uid: string) => `deployment:${uid}`;

export function deploymentVersion(d: VercelDeploymentRecord): string {
  return `${stateOf(d)}:${d.ready ?? ""}`;
}

export function projectItem(p: VercelProjectRecord): ConnectorItem {
  return { externalId: projectId(p.id), path: `projects/${p.id}.md`, title: `Vercel project ${p.name}`, version: String(p.updatedAt) };
}

export function deploymentItem(d: VercelDeploymentRecord): ConnectorItem {
  const message = d.meta?.githubCommitMessage?.split("\n")[0] ?? "";
  return {
    externalId: deploymentId(d.uid),
    path: `deployments/${d.uid}.md`,
    title: `${d.name} deployment ${stateOf(d)}${message ? `: ${message}` : ""}`,
    version: deploymentVersion(d),
    ...(d.inspectorUrl ? { url: d.inspectorUrl } : d.url ? { url: `https://${d.url}` } : {}),
  };
}

export function renderProject(p: VercelProjectRecord): string {
  return [
    `# Vercel project ${p.name}`,
    "",
    `- id: ${p.id}`,
    `- framework: ${p.framework ?? "none"}`,
    `- updated: ${new Date(p.updatedAt).toISOString()}`,
    "",
  ].join("\n");
}

/** Markdown for a deployment; a failed one carries its build log's tail with secrets redacted. */
export function renderDeployment(d: VercelDeploymentRecord, log: string[] | undefined): { text: string; redactions: RedactionCounts } {
  const meta = d.meta ?? {};
  const lines = [
    `# ${deploymentItem(d).title}`,
    "",
    `- state: ${stateOf(d)}`,
    `- target: ${d.target ?? "preview"}`,
    `- url: ${d.url ? `https://${d.url}` : "none"}`,
    `- created: ${new Date(d.created).toISOString()}`,
    ...(meta.githubCommitSha ? [`- commit: ${meta.githubCommitSha} on ${meta.githubCommitRef ?? "?"} by ${meta.githubCommitAuthorName ?? "?"}`] : []),
    ...(meta.githubCommitMessage ? [`- message: ${meta.githubCommitMessage}`] : []),
    ...(d.creator?.username ? [`- deployed by: ${d.creator.username}`] : []),
  ];
  if (log && log.length > 0) lines.push("", "## Build log", "", "```", ...log.slice(-LOG_TAIL_LINES), "```");
  const { text, redactions } = redactSecrets(lines.join("\n") + "\n");
  return { text, redactions };
}
