import { z } from "zod";

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  framework: z.string().nullable().optional(),
  updatedAt: z.number(),
  createdAt: z.number().optional(),
});
export type VercelProjectRecord = z.infer<typeof ProjectSchema>;

export const DeploymentSchema = z.object({
  uid: z.string(),
  name: z.string(),
  projectId: z.string().optional(),
  url: z.string().nullable().optional(),
  created: z.number(),
  state: z.string().optional(),
  readyState: z.string().optional(),
  ready: z.number().optional(),
  target: z.string().nullable().optional(),
  inspectorUrl: z.string().nullable().optional(),
  creator: z.object({ username: z.string().optional() }).optional(),
  meta: z.record(z.string(), z.string()).optional(),
});
export type VercelDeploymentRecord = z.infer<typeof DeploymentSchema>;

const Pagination = z.object({ next: z.number().nullable().optional() });
export const ProjectsPageSchema = z.object({ projects: z.array(ProjectSchema), pagination: Pagination.optional() });
export const DeploymentsPageSchema = z.object({ deployments: z.array(DeploymentSchema), pagination: Pagination.optional() });
/** GET /v13/deployments/:id names the id `id`; the list calls it `uid`. */
export const DeploymentByIdSchema = DeploymentSchema.omit({ uid: true }).extend({
  id: z.string(),
  created: z.number().optional(),
  createdAt: z.number().optional(),
});

export const BuildEventsSchema = z.array(
  z.object({
    type: z.string(),
    created: z.number().optional(),
    text: z.string().optional(),
    payload: z.object({ text: z.string().optional() }).optional(),
  }),
);

export const FINAL_STATES = new Set(["READY", "ERROR", "CANCELED"]);

export function stateOf(d: { state?: string; readyState?: string }): string {
  return d.readyState ?? d.state ?? "UNKNOWN";
}
