// The e2e tests spawn bin/tributary.mjs; build it once here so parallel spawns do not each
// rebuild (a stale build would be rebuilt by the binary itself, so this only saves time).
export default async function setup(): Promise<void> {
  // @ts-expect-error: a plain .mjs build script without type declarations
  const { buildCli } = (await import("./scripts/build.mjs")) as { buildCli(options: { quiet: boolean }): Promise<string> };
  await buildCli({ quiet: true });
}
