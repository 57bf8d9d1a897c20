import { extractRelationships, type ExtractInput, type Relationship } from "./index";

/** Edges of one kind as [target, targetPath | null] pairs, for compact expectations. */
export function edgesOf(kind: Relationship["kind"], input: Omit<ExtractInput, "repoPaths"> & { repoPaths?: Iterable<string> }): [string, string | null][] {
  const repoPaths = new Set(input.repoPaths ?? []);
  return extractRelationships({ ...input, repoPaths })
    .filter((edge) => edge.kind === kind)
    .map((edge) => [edge.target, edge.targetPath ?? null]);
}

/** Targets of one kind, for cases where only what was found matters. */
export function targetsOf(kind: Relationship["kind"], path: string, text: string, extra: Partial<ExtractInput> = {}): string[] {
  return edgesOf(kind, { path, text, ...extra }).map(([target]) => target);
}

export const lines = (...rows: string[]) => rows.join("\n");
