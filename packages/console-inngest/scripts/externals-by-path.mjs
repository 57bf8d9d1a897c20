// esbuild plugin shared by the bundles that run on this machine's node_modules (the CLI and the
// CPU pool's worker): workspace packages (`@repo/*`) are bundled in, npm packages stay external at
// the absolute path they resolve to from their importer (pnpm links only direct dependencies), and
// sources that find files next to themselves (grammar .wasm via createRequire) keep their own URL.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

const isBare = (path) => !path.startsWith(".") && !path.startsWith("/") && !path.startsWith("node:");
const isWorkspace = (path) => path.startsWith("@repo/");
const packageOf = (path) =>
  path
    .split("/")
    .slice(0, path.startsWith("@") ? 2 : 1)
    .join("/");

/** @param {{ bundled?: Set<string> }} [options] npm packages to bundle in anyway */
export function externalsByPath({ bundled = new Set() } = {}) {
  return {
    name: "externals-by-path",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.fromExternals || !isBare(args.path) || isWorkspace(args.path) || bundled.has(packageOf(args.path))) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { fromExternals: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, external: true };
      });
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.url")) return undefined;
        return {
          contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
          loader: args.path.endsWith("x") ? "tsx" : "ts",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}
