// `pnpm --filter @repo/console-db exec tsx src/insert-columns.bench.ts [edges=25000] [rounds=3]`:
// writes relationship rows into a PGlite data directory through drizzle's insert builder (500 rows
// a statement, as relationships.extract did) and through insertColumns (2,000 rows a statement,
// one array parameter per column), in alternating rounds. Justifies insertColumns.
import { sql } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "./client/create-db";
import { insertColumns } from "./insert-columns";
import { migrate } from "./migrate";
import { relationships } from "./schema";

const EDGES = Number(process.argv[2] ?? 25_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const COLUMNS = { source_id: "text", from_path: "text", from_blob_sha: "text", kind: "text", target: "text", target_path: "text" } as const;

const edges = (round: string) =>
  Array.from({ length: EDGES }, (_, i) => ({
    sourceId: "src_bench",
    fromPath: `src/dir${i % 300}/file${i % 3000}.ts`,
    fromBlobSha: "a".repeat(40),
    kind: "import" as const,
    target: `./module-${round}-${i}`,
    targetPath: i % 2 === 0 ? `src/module-${i}.ts` : null,
  }));

const dir = mkdtempSync(join(tmpdir(), "tributary-insert-bench-"));
const { db, close } = await createDb({ dataDir: dir });
try {
  await migrate(db);
  // The benchmark writes edges only: the source row they point at is not what is measured.
  await db.execute(sql`alter table relationships drop constraint if exists relationships_source_id_sources_id_fk`);
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${EDGES} edges per round, PGlite in ${dir}`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    const viaValues = edges(`values-${round}`);
    for (let i = 0; i < viaValues.length; i += 500)
      await db
        .insert(relationships)
        .values(viaValues.slice(i, i + 500))
        .onConflictDoNothing();
    const valuesMs = performance.now() - started;
    started = performance.now();
    const viaColumns = edges(`columns-${round}`).map((e) => ({
      source_id: e.sourceId,
      from_path: e.fromPath,
      from_blob_sha: e.fromBlobSha,
      kind: e.kind,
      target: e.target,
      target_path: e.targetPath,
    }));
    for (let i = 0; i < viaColumns.length; i += 2000)
      await db.execute(sql`${insertColumns(relationships, COLUMNS, viaColumns.slice(i, i + 2000))} on conflict do nothing`);
    const columnsMs = performance.now() - started;
    console.log(
      `round ${round + 1}: drizzle .values() ${valuesMs.toFixed(0)} ms, insertColumns ${columnsMs.toFixed(0)} ms (${(valuesMs / columnsMs).toFixed(2)}x)`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
