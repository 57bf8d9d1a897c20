import { z } from "zod";

const branch = z.string().trim().max(255).optional();

/** What the Connect page's three forms submit; the first issue becomes the inline error. */
export const ConnectForm = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("local"), path: z.string().trim().min(1, "Enter the path of a git repository"), branch }),
  z.object({
    kind: z.literal("github"),
    repository: z.string().trim().regex(/^[\w.-]+\/[\w.-]+$/, "Enter owner/name, e.g. acme/widgets"),
    branch,
  }),
  z.object({
    kind: z.literal("github-app"),
    // "<installation id>:<owner/name>", one option of the installation repositories list.
    installationRepository: z
      .string()
      .regex(/^\d+:[\w.-]+\/[\w.-]+$/, "Choose a repository")
      .transform((value) => {
        const [installationId, fullName] = value.split(":") as [string, string];
        return { installationId: Number(installationId), fullName };
      }),
    branch,
  }),
]);

export type ConnectInput = z.infer<typeof ConnectForm>;

/** The form field an error belongs to, so the page can show it next to that control. */
export type ConnectField = "path" | "repository" | "installationRepository" | "branch" | "kind";

export class ConnectError extends Error {
  constructor(
    readonly field: ConnectField,
    message: string,
  ) {
    super(message);
    this.name = "ConnectError";
  }
}
