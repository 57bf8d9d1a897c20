import type { FetchedFile, SourceAdapter, TreeDiff } from "@repo/console-types";
import { afterEach, describe, expect, it } from "vitest";
import { diffTreeAgainstManifest, manifestFromEntries } from "../diff/diff-tree";
import { ScratchRepo } from "./scratch-repo";

export interface SourceUnderTest {
  source: SourceAdapter;
  /** Requests sent to GitHub so far (undefined for sources that make none). */
  requests?: () => number;
  dispose?: () => Promise<void>;
}

/** Contents of a small project; each file distinct so blob shas never collide by accident. */
function seed(repo: ScratchRepo, files = 10): void {
  for (let i = 0; i < files; i += 1) repo.write(`src/module-${i}.ts`, `export const value${i} = ${i};\n`);
  repo.write("README.md", "# project\n");
}

function summary(diff: TreeDiff) {
  return {
    added: diff.added.map((e) => e.path),
    modified: diff.modified.map((m) => m.entry.path),
    renamed: diff.renamed.map((r) => `${r.from} -> ${r.entry.path}`),
    deleted: diff.deleted,
    unchanged: diff.unchanged.length,
  };
}

async function collect(files: AsyncIterable<FetchedFile>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const file of files) out[file.path] = file.status === "ok" ? file.content.toString("utf8") : `skipped:${file.reason}`;
  return out;
}

/**
 * One diff suite for every SourceAdapter: the same repository histories must give the same,
 * exact diffs whether read from GitHub (through the fake) or from a local checkout.
 */
export function describeSourceDiffSuite(
  name: string,
  open: (repo: ScratchRepo) => Promise<SourceUnderTest>,
  limits: { changedContentRequests?: number } = {},
): void {
  describe(`${name}: diffs against a stored manifest`, () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    async function setup(files?: number) {
      const repo = new ScratchRepo();
      cleanups.push(() => repo.dispose());
      seed(repo, files);
      const first = repo.commit("seed");
      const subject = await open(repo);
      if (subject.dispose) cleanups.push(subject.dispose);
      const manifest = manifestFromEntries((await subject.source.snapshot(first)).entries);
      return { repo, subject, manifest };
    }

    it("modify 3, delete 1, rename 1: exact diff and changed contents", async () => {
      const { repo, subject, manifest } = await setup();
      repo.write("src/module-0.ts", "export const value0 = 100;\n").write("src/module-1.ts", "changed 1\n").write("README.md", "# renamed project\n");
      repo.remove("src/module-2.ts").rename("src/module-3.ts", "lib/module-3.ts");
      repo.commit("change five files");

      const before = subject.requests?.() ?? 0;
      const head = await subject.source.resolveCommit();
      const diff = diffTreeAgainstManifest((await subject.source.snapshot(head)).entries, manifest);
      expect(summary(diff)).toEqual({
        added: [],
        modified: ["README.md", "src/module-0.ts", "src/module-1.ts"],
        renamed: ["src/module-3.ts -> lib/module-3.ts"],
        deleted: ["src/module-2.ts"],
        unchanged: 6,
      });
      const changed = [...diff.added, ...diff.modified.map((m) => m.entry), ...diff.renamed.map((r) => r.entry)];
      expect(await collect(subject.source.readFiles(head, changed))).toEqual({
        "README.md": "# renamed project\n",
        "src/module-0.ts": "export const value0 = 100;\n",
        "src/module-1.ts": "changed 1\n",
        "lib/module-3.ts": "export const value3 = 3;\n",
      });
      if (subject.requests && limits.changedContentRequests !== undefined) {
        expect(subject.requests() - before).toBeLessThanOrEqual(limits.changedContentRequests);
      }
    });

    it("a force-push to a rewritten history converges on the new head", async () => {
      const { repo, subject } = await setup();
      const base = repo.head();
      repo.write("src/module-0.ts", "pushed then discarded\n").write("feature.ts", "discarded feature\n").remove("src/module-5.ts");
      const discarded = repo.commit("to be rewritten");
      const manifest = manifestFromEntries((await subject.source.snapshot(discarded)).entries);

      repo.resetTo(base);
      repo.write("src/module-1.ts", "rewritten history\n").rename("src/module-4.ts", "src/moved-4.ts");
      repo.commit("rewritten");

      const head = await subject.source.resolveCommit();
      expect(summary(diffTreeAgainstManifest((await subject.source.snapshot(head)).entries, manifest))).toEqual({
        added: ["src/module-5.ts"],
        modified: ["src/module-0.ts", "src/module-1.ts"],
        renamed: ["src/module-4.ts -> src/moved-4.ts"],
        deleted: ["feature.ts"],
        unchanged: 7,
      });
    });

    it("a sync that skipped five pushes gives the exact cumulative diff", async () => {
      const { repo, subject, manifest } = await setup();
      repo.write("new-a.ts", "a\n").commit("push 1: add");
      repo.write("src/module-0.ts", "edit 1\n").remove("src/module-9.ts").commit("push 2: modify and delete");
      repo.rename("src/module-7.ts", "moved/module-7.ts").write("temp.ts", "short-lived\n").commit("push 3: rename and add");
      repo.remove("temp.ts").write("src/module-8.ts", "edited\n").commit("push 4: delete what push 3 added");
      repo.write("src/module-8.ts", "export const value8 = 8;\n").write("src/module-0.ts", "edit 2\n").commit("push 5: revert one, edit again");

      const head = await subject.source.resolveCommit();
      expect(summary(diffTreeAgainstManifest((await subject.source.snapshot(head)).entries, manifest))).toEqual({
        added: ["new-a.ts"],
        modified: ["src/module-0.ts"],
        renamed: ["src/module-7.ts -> moved/module-7.ts"],
        deleted: ["src/module-9.ts"],
        unchanged: 8,
      });
    });

    it("types symlinks and submodules and reads them as skips", async () => {
      const { repo, subject } = await setup(2);
      repo.symlink("docs/link.md", "../README.md").git("add", "docs/link.md");
      repo.git("update-index", "--add", "--cacheinfo", `160000,${repo.head()},vendor-lib`);
      repo.git("commit", "-q", "-m", "links");
      const head = await subject.source.resolveCommit();
      const { entries } = await subject.source.snapshot(head);
      const special = entries.filter((e) => e.type !== "blob").map((e) => [e.path, e.type, e.mode]);
      expect(special).toEqual([
        ["docs/link.md", "symlink", "120000"],
        ["vendor-lib", "submodule", "160000"],
      ]);
      const outcomes = await collect(
        subject.source.readFiles(
          head,
          entries.filter((e) => e.type !== "blob"),
        ),
      );
      expect(outcomes).toEqual({ "docs/link.md": "skipped:symlink", "vendor-lib": "skipped:submodule" });
    });
  });
}
