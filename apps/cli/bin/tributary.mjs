#!/usr/bin/env node
// Starts the built CLI (dist/, an esbuild bundle: no TypeScript to transpile at start). The build
// is used only while none of its inputs changed since it was made; otherwise it is rebuilt here
// (about a second), and if building fails the sources run through tsx — an edit is never ignored.
import { statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { freshEntry } from "../scripts/fresh-entry.mjs";

async function entry() {
  const fresh = freshEntry(statSync);
  if (fresh || process.env.TRIBUTARY_NO_BUILD === "1") return fresh;
  try {
    const { buildCli } = await import("../scripts/build.mjs");
    await buildCli({ quiet: true });
    return freshEntry(statSync);
  } catch {
    return undefined;
  }
}

const built = await entry();
if (built) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/main.ts", import.meta.url).href);
}
