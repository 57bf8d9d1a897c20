import type { SkipReason } from "@repo/console-types";
import picomatch from "picomatch";
import { isUnsafePath } from "../content/safe-path";
import { DEFAULT_SKIPS, type DefaultSkipReason } from "./default-skips";
import type { TributaryConfig } from "./schema";

type Matcher = (path: string) => boolean;

const GLOB_OPTIONS = { dot: true, nocase: true } as const;

const TOGGLE_OF: Record<DefaultSkipReason, keyof TributaryConfig["defaults"] | null> = {
  secret: null,
  lockfile: "lockfiles",
  vendored: "vendored",
  generated: "generated",
  binary: "binaries",
};

const defaultMatchers = DEFAULT_SKIPS.map(({ reason, globs }) => ({ reason, matches: picomatch(globs, GLOB_OPTIONS) }));

// Compiling globs costs far more than matching; a sync classifies thousands of paths with one config.
const compiled = new WeakMap<TributaryConfig, { include: Matcher | null; exclude: Matcher | null }>();

function matchersFor(config: TributaryConfig) {
  let entry = compiled.get(config);
  if (!entry) {
    entry = {
      include: config.include && config.include.length > 0 ? picomatch(config.include, GLOB_OPTIONS) : null,
      exclude: config.exclude.length > 0 ? picomatch(config.exclude, GLOB_OPTIONS) : null,
    };
    compiled.set(config, entry);
  }
  return entry;
}

/**
 * Decides from the path alone whether a file is indexed (`null`) or why it is skipped.
 * Secrets are checked first and cannot be switched off; then the other defaults the config
 * keeps on; then the repository's own include/exclude globs. Content checks (binary sniffing,
 * LFS pointers, size) happen when the file is read.
 */
export function classifyPath(path: string, config: TributaryConfig): SkipReason | null {
  if (isUnsafePath(path)) return "unsafe-path";
  for (const { reason, matches } of defaultMatchers) {
    const toggle = TOGGLE_OF[reason];
    if (toggle !== null && !config.defaults[toggle]) continue;
    if (matches(path)) return reason;
  }
  const { include, exclude } = matchersFor(config);
  if (include && !include(path)) return "excluded";
  if (exclude?.(path)) return "excluded";
  return null;
}
