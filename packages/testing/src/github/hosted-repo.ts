import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { notFound } from "./errors";
import { GitReader } from "./git-reader";

export interface FakeRepoConfig {
  /** A git repository with a working tree or a bare one. */
  dir: string;
  /** Default "acme". */
  owner?: string;
  /** Default: the directory's name. */
  name?: string;
  /** Default: a number derived from owner/name, stable across runs. */
  id?: number;
  /** Default true (Tributary indexes private repositories). */
  private?: boolean;
  /** Default: the branch HEAD points at in `dir`, read per request. */
  defaultBranch?: string;
}

/** One repository the fake serves, read live from its git directory. */
export class HostedRepo {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly private: boolean;
  readonly reader: GitReader;

  constructor(private readonly config: FakeRepoConfig) {
    const dir = resolve(config.dir);
    this.owner = config.owner ?? "acme";
    this.name = config.name ?? basename(dir);
    this.id = config.id ?? stableId(`${this.owner}/${this.name}`);
    this.private = config.private ?? true;
    this.reader = new GitReader(dir);
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  async defaultBranch(): Promise<string> {
    return this.config.defaultBranch ?? this.reader.defaultBranch();
  }

  /** Resolves a ref as GitHub does (branch, tag or sha) or throws 404. */
  async commitSha(ref: string): Promise<string> {
    const sha = await this.reader.resolveCommit(ref);
    if (!sha) throw notFound();
    return sha;
  }
}

/** Positive 31-bit ids so they fit GitHub's integer fields and never collide by accident in tests. */
export function stableId(key: string): number {
  return createHash("sha1").update(key).digest().readUInt32BE(0) & 0x7fffffff || 1;
}
