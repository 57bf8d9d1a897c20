import { createInngestClient } from "../client";
import type { SyncDeps } from "../sync/deps";

/** For @inngest/test runs where every step that would touch a dependency is mocked. */
export function unusedDeps(): SyncDeps {
  const unused = (name: string) => () => {
    throw new Error(`${name} must not be reached in this unit test: mock the step that uses it`);
  };
  return {
    get db(): never {
      throw new Error("the database must not be reached in this unit test: mock the step that uses it");
    },
    vectorStore: unused("vectorStore"),
    embedder: unused("embedder"),
    sourceAdapter: unused("sourceAdapter"),
    itemConnector: unused("itemConnector"),
  };
}

export const unitInngest = createInngestClient({ isDev: true });
