export type RelationshipKind = "import" | "link" | "issue_ref" | "url" | "issue_key";

export interface Relationship {
  kind: RelationshipKind;
  /**
   * Imports and links as written (`./util.js`, `docs/a.md#setup`); references normalised
   * (`owner/repo#12`, `#12` without a repo, a WHATWG-serialised URL, `ABC-123`).
   */
  target: string;
  /** The repository path the edge resolves to, when it does (a directory for Go packages). */
  targetPath?: string;
  /** 1-based line of the first occurrence. */
  line: number;
}

export interface ExtractInput {
  path: string;
  text: string;
  /** Every path in the repository tree, for resolving imports and links. */
  repoPaths: ReadonlySet<string>;
  /** The repository itself, so `#12` becomes `owner/name#12`. */
  repo?: { owner: string; name: string };
  /** go.mod's module path, so module-internal Go imports resolve to package directories. */
  goModulePath?: string;
}

/** An edge before de-duplication: the offset is turned into a line once, at the end. */
export interface FoundEdge {
  kind: RelationshipKind;
  target: string;
  targetPath?: string;
  offset: number;
}
