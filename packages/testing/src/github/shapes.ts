import type { GitChange } from "./git-diff";
import type { GitCommit, GitTreeEntry } from "./git-reader";
import { stableId, type HostedRepo } from "./hosted-repo";

/** JSON bodies in GitHub's REST shapes (the fields clients read, not every field GitHub sends). */
export class Shapes {
  constructor(
    private readonly base: string,
    private readonly repo: HostedRepo,
  ) {}

  get api(): string {
    return `${this.base}/repos/${this.repo.fullName}`;
  }

  get html(): string {
    return `${this.base}/${this.repo.fullName}`;
  }

  repository(defaultBranch: string) {
    const { repo } = this;
    return {
      id: repo.id,
      node_id: nodeId("R", repo.id),
      name: repo.name,
      full_name: repo.fullName,
      private: repo.private,
      visibility: repo.private ? "private" : "public",
      owner: account(this.base, repo.owner),
      html_url: this.html,
      url: this.api,
      fork: false,
      archived: false,
      disabled: false,
      default_branch: defaultBranch,
      permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
    };
  }

  gitCommit(commit: GitCommit) {
    return {
      sha: commit.sha,
      node_id: nodeId("C", commit.sha),
      url: `${this.api}/git/commits/${commit.sha}`,
      html_url: `${this.html}/commit/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { sha: commit.tree, url: `${this.api}/git/trees/${commit.tree}` },
      parents: commit.parents.map((sha) => ({ sha, url: `${this.api}/git/commits/${sha}`, html_url: `${this.html}/commit/${sha}` })),
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    };
  }

  /** The "commit" object of /commits/{ref}, /branches and /compare (wraps the git commit). */
  commit(commit: GitCommit, files?: GitChange[]) {
    const git = this.gitCommit(commit);
    return {
      sha: commit.sha,
      node_id: git.node_id,
      url: `${this.api}/commits/${commit.sha}`,
      html_url: git.html_url,
      commit: {
        author: git.author,
        committer: git.committer,
        message: git.message,
        tree: git.tree,
        url: git.url,
        comment_count: 0,
        verification: git.verification,
      },
      author: null,
      committer: null,
      parents: git.parents,
      ...(files === undefined ? {} : this.fileList(files)),
    };
  }

  fileList(files: GitChange[]) {
    const additions = files.reduce((sum, f) => sum + f.additions, 0);
    const deletions = files.reduce((sum, f) => sum + f.deletions, 0);
    return {
      stats: { total: additions + deletions, additions, deletions },
      files: files.map((f) => this.file(f)),
    };
  }

  file(change: GitChange) {
    return {
      sha: change.sha,
      filename: change.path,
      status: change.status,
      additions: change.additions,
      deletions: change.deletions,
      changes: change.additions + change.deletions,
      blob_url: `${this.html}/blob/${change.sha}/${change.path}`,
      raw_url: `${this.html}/raw/${change.sha}/${change.path}`,
      contents_url: `${this.api}/contents/${encodeURIComponent(change.path)}`,
      ...(change.previousPath === undefined ? {} : { previous_filename: change.previousPath }),
    };
  }

  ref(ref: string, sha: string, type: string) {
    return { ref, node_id: nodeId("REF", ref), url: `${this.api}/git/${ref}`, object: { type, sha, url: `${this.api}/git/${type}s/${sha}` } };
  }

  treeEntry(entry: GitTreeEntry) {
    return {
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.size === undefined ? {} : { size: entry.size }),
      ...(entry.type === "commit" ? {} : { url: `${this.api}/git/${entry.type}s/${entry.sha}` }),
    };
  }
}

export function account(base: string, login: string) {
  const id = stableId(`account:${login}`);
  return { login, id, node_id: nodeId("O", id), type: "Organization", url: `${base}/users/${login}`, html_url: `${base}/${login}`, site_admin: false };
}

export function nodeId(kind: string, key: string | number): string {
  return Buffer.from(`${kind}:${key}`).toString("base64url");
}

/** GitHub wraps base64 content at 60 characters per line. */
export function base64Lines(bytes: Buffer): string {
  return (bytes.toString("base64").match(/.{1,60}/g) ?? []).join("\n") + (bytes.length ? "\n" : "");
}
