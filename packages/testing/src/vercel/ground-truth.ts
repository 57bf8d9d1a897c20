import type { VercelTeam } from "./workspace";

/**
 * The documents a Vercel sync must produce, from the fake's own data: `project:<id>` per project
 * and `deployment:<uid>` per deployment; values say whether the document must carry a build log
 * (failed deployments) and its state.
 */
export function vercelGroundTruth(team: VercelTeam): Map<string, { state?: string; hasLog: boolean }> {
  const docs = new Map<string, { state?: string; hasLog: boolean }>();
  for (const project of team.projects.values()) docs.set(`project:${project.id}`, { hasLog: false });
  for (const d of team.deployments.values()) docs.set(`deployment:${d.uid}`, { state: d.state, hasLog: d.state === "ERROR" });
  return docs;
}
