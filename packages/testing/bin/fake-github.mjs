#!/usr/bin/env node
// Runs the TypeScript sources on plain Node 20 through tsx's loader; paths are relative to this
// file so the command works from any working directory.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../src/github/cli.ts", import.meta.url).href);
await main(process.argv.slice(2));
