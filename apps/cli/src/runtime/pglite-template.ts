// Built into dist/ and run by scripts/build.mjs: writes the PGlite data-directory template
// (a fresh initdb with the bundled migrations applied and pgvector's extension created, without
// initdb's template databases) that new data directories unpack. Usage: node pglite-template.mjs <file>
import { writePgliteTemplate } from "@repo/console-db";

const target = process.argv[2];
if (!target) throw new Error("usage: pglite-template <file>");
await writePgliteTemplate(target, {
  migrated: true,
  withVectorExtension: true,
  onlyDefaultDatabase: true,
  compression: target.endsWith(".gz") ? "gzip" : "none",
});
