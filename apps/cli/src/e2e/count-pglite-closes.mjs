// Loaded into a CLI process by tests (NODE_OPTIONS=--import): appends a line to
// $TRIBUTARY_TEST_CLOSES_FILE each time a PGlite instance closes — one per database open.
// $TRIBUTARY_TEST_PGLITE is the PGlite module the CLI's bundle imports (the same file, so the
// same class).
import { appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { PGlite } = await import(pathToFileURL(process.env.TRIBUTARY_TEST_PGLITE).href);
const close = PGlite.prototype.close;
PGlite.prototype.close = async function (...args) {
  appendFileSync(process.env.TRIBUTARY_TEST_CLOSES_FILE, "close\n");
  return close.apply(this, args);
};
