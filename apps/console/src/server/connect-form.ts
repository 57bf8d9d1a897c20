import { ITEM_PROVIDERS } from "@repo/console-db";
import type { ItemConnectField, ItemProviderDescriptor } from "@repo/console-types";
import { parseRepositoryFullName } from "@repo/console-github";
import { z } from "zod";

const branch = z.string().trim().max(255).optional();

/** `owner/name` under GitHub's naming rules (the check the CLI uses too); `../user` is refused here. */
const fullName = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const name = parseRepositoryFullName(value);
    if (!name.ok) ctx.addIssue({ code: "custom", message: name.message });
  });

/** What the Connect page's three forms submit; the first issue becomes the inline error. */
export const ConnectForm = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("local"), path: z.string().trim().min(1, "Enter the path of a git repository"), branch }),
  z.object({
    kind: z.literal("github"),
    repository: fullName,
    branch,
  }),
  z.object({
    kind: z.literal("github-app"),
    // "<installation id>:<owner/name>", one option of the installation repositories list.
    installationRepository: z
      .string()
      .regex(/^\d+:[^:]+$/, "Choose a repository")
      .transform((value) => {
        const [installationId, name] = value.split(":") as [string, string];
        return { installationId: Number(installationId), fullName: name };
      })
      .pipe(z.object({ installationId: z.number().int().positive(), fullName })),
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

/** The provider an item source's form names (a hidden field); a bad one is a page-level error. */
export const ItemProviderField = z.enum(ITEM_PROVIDERS);

/**
 * What an item source's form submits, from the fields its registry entry declares: each is
 * required, and its `missing` message is the inline error. The target is then parsed by the registry.
 */
export function itemConnectFormOf(descriptor: Pick<ItemProviderDescriptor, "connect">) {
  const fields = descriptor.connect.fields.map((field) => [field.name, z.string().trim().min(1, field.missing)] as const);
  return z.object(Object.fromEntries(fields) as Record<ItemConnectField["name"], z.ZodString>);
}
