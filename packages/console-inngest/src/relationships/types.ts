export type RelationshipKind = "import" | "link" | "issue_ref" | "url" | "issue_key";

export interface Relationship {
  kind: RelationshipKind;
  /** As written (import specifier, link) or normalised (`owner/repo#12`, URL, `ABC-123`). */
  target: string;
  /** The repository path the edge resolves to, when it does. */
  targetPath?: string;
  /** 1-based line of the first occurrence. */
  line: number;
}

export interface ExtractInput {
  path: string;
  text: string;
  /** Every path in the repository, for resolving imports and links. */
  repoPaths: ReadonlySet<string>;
  /** The repository itself, so `#12` becomes `owner/name#12`. */
  repo?: { owner: string; name: string };
  /** go.mod's module path, so module-internal Go imports resolve to directories. */
  goModulePath?: string;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}
