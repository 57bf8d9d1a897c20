// Builds the CLI into dist/: one esbuild bundle of the TypeScript sources (the workspace packages
// ship as TypeScript, so they are bundled in, and so are the npm packages in BUNDLED) with every
// other npm package left external. Node cannot resolve those packages from apps/cli/dist (pnpm
// links only direct dependencies there), so each external import is rewritten to the absolute
// path esbuild resolved from the importing source.
// A build goes to its own folder and `dist/current.json` is swapped in by rename, so concurrent
// starts never see half a build; bin/tributary.mjs uses it only while no input changed since.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, rename, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { externalsByPath } from "@repo/console-inngest/esbuild-externals";

import { DIST } from "./fresh-entry.mjs";

const APP = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export { DIST };
export { freshEntry } from "./fresh-entry.mjs";
const ENTRIES = {
  main: join(APP, "src/main.ts"),
  // The CPU pool's worker, bundled too: a worker then starts without tsx (see bundle-assets.ts).
  "cpu-worker": join(APP, "../../packages/console-inngest/src/cpu/cpu-worker.ts"),
  "pglite-template": join(APP, "src/runtime/pglite-template.ts"),
};

/**
 * Pure-ESM packages of hundreds of small modules that every command loads: bundled in, they cost
 * one file read instead of a resolution, a read and a compile per module (about half of a
 * read-only command's module loading). Their own imports of other packages stay external.
 */
const BUNDLED = new Set(["drizzle-orm", "zod"]);

/**
 * zod's `locales` namespace (`z.locales`, `z.core.locales`) holds the error messages of 64
 * languages: half of the bundled zod (370 of 710 KB), parsed by every command at start, while
 * nothing here reads it (zod sets its English messages from locales/en.js directly). In the bundle
 * the namespace has English only; a `z.locales.<other>` would be undefined.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[/\\]zod[/\\]v4[/\\](classic|core)[/\\][^/\\]+\.js$/.test(args.importer)
        ? { path: join(dirname(args.importer), "../locales/index.js"), namespace: "zod-english-only" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), "en.js"))};\n`,
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/** Builds and publishes a new dist; returns the folder. */
export async function buildCli({ quiet = false } = {}) {
  const { build } = await import("esbuild");
  const id = `build-${Date.now()}-${process.pid}`;
  const outdir = join(DIST, id);
  const started = performance.now();
  // Inputs are compared with the time the build started: an edit made while it ran is newer.
  const builtFromMs = Date.now();
  const template = pgliteTemplatePath();
  const result = await build({
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    sourcemap: "linked",
    // Every start parses the whole bundle (some 1.2 MB of drizzle, zod and our sources): without
    // whitespace and comments it is about a third smaller and parses faster. Names are kept, and
    // the linked source map maps stack traces back.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: quiet ? "silent" : "warning",
    plugins: [zodEnglishOnly, externalsByPath({ bundled: BUNDLED })],
    define: {
      __TRIBUTARY_CPU_WORKER__: JSON.stringify(pathToFileURL(join(outdir, "cpu-worker.mjs")).href),
      __TRIBUTARY_PGLITE_TEMPLATE__: JSON.stringify(template),
      __TRIBUTARY_PGLITE_WASM__: JSON.stringify(pgliteWasmPath()),
    },
  });
  await ensurePgliteTemplate(outdir, template, quiet);
  // Every file the build read, plus each external's file: a change to any means rebuild.
  // A plugin's namespace prefixes its modules' paths ("zod-english-only:/…/locales/index.js").
  const inputs = new Set(Object.keys(result.metafile.inputs).map((p) => resolve(process.cwd(), p.replace(/^[\w-]+:(?=\/)/, ""))));
  for (const output of Object.values(result.metafile.outputs))
    for (const imp of output.imports) if (imp.external && imp.path.startsWith("/")) inputs.add(imp.path);
  // A package in node_modules stands for all its files: its package.json (a new version is a new path).
  const checked = new Set([...inputs].map(packageJsonOf));
  await writeFile(join(outdir, "manifest.json"), JSON.stringify({ builtFromMs, inputs: [...checked].map((p) => relative(APP, p)) }));
  const pointer = join(DIST, `current.json.${process.pid}`);
  await writeFile(pointer, JSON.stringify({ dir: id }));
  await rename(pointer, join(DIST, "current.json"));
  await removeStale(DIST, { build: id, template: basename(template) });
  if (!quiet) console.error(`tributary: built dist/${id} in ${(performance.now() - started).toFixed(0)} ms`);
  return outdir;
}

/**
 * One template per PGlite version (its resolved path names the version) and set of bundled
 * migrations (applied in it, with pgvector's extension; a digest of their bundle names them), kept across builds: made
 * once, at install (`prepare`) or at the first build after either changes.
 */
function pgliteTemplatePath() {
  const entry = createRequire(join(APP, "../../packages/console-db/package.json")).resolve("@electric-sql/pglite");
  const version = /@electric-sql\+pglite@([^/]+)/.exec(entry)?.[1] ?? "unknown";
  const migrations = createHash("sha256")
    .update(readFileSync(join(APP, "../../packages/console-db/src/migrations/bundle.generated.ts")))
    // What else the template holds is up to src/runtime/pglite-template.ts: a change to it renames the template.
    .update(readFileSync(join(APP, "src/runtime/pglite-template.ts")))
    .digest("hex")
    .slice(0, 12);
  // Uncompressed (~25 MB): gunzipping it took ~0.4 s of every first sync's start.
  return join(DIST, `pglite-${version}-initdb-${migrations}.tar`);
}

/** The WebAssembly of the PGlite the bundle imports (its package's dist/pglite.wasm). */
function pgliteWasmPath() {
  return join(dirname(createRequire(join(APP, "../../packages/console-db/package.json")).resolve("@electric-sql/pglite")), "pglite.wasm");
}

/** Writes the template if it is missing; without one, new data directories run initdb. */
async function ensurePgliteTemplate(outdir, template, quiet) {
  if (existsSync(template)) return;
  await mkdir(DIST, { recursive: true });
  const made = spawnSync(process.execPath, [join(outdir, "pglite-template.mjs"), template], { stdio: quiet ? "ignore" : "inherit" });
  if (made.status !== 0 && !quiet) console.error("tributary: could not write the PGlite template; new data directories will run initdb");
}

/** For a file inside node_modules, the package.json of its package; any other file as it is. */
function packageJsonOf(path) {
  const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  return match ? join(match[1], "package.json") : path;
}

/**
 * Removes builds and PGlite templates other than the current ones once they are a day old: an
 * older build can still be running (a long sync), and a template is only a shortcut (a build
 * without its template runs initdb for a new data directory). Templates are named by PGlite
 * version and migrations, so each change of either used to leave one more file behind (25 MB
 * now, uncompressed; gzipped .tar.gz ones from older builds go the same way).
 */
export async function removeStale(dist, { build, template, now = Date.now() }) {
  const dayAgo = now - 24 * 3600_000;
  for (const name of await readdir(dist).catch(() => [])) {
    const stale = name.startsWith("build-") ? name !== build : /^pglite-.+-initdb-.+\.tar(\.gz)?$/.test(name) && name !== template;
    if (!stale) continue;
    const path = join(dist, name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < dayAgo) await rm(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(DIST, { recursive: true });
  await buildCli();
}
