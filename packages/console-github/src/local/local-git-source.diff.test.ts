import { describeSourceDiffSuite } from "../testing/source-diff-suite";
import { createLocalGitSource } from "./local-git-source";

describeSourceDiffSuite("local git source", async (repo) => ({ source: createLocalGitSource({ path: repo.dir }) }));
