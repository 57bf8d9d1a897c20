import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { DEFAULT_CONFIG, TributaryConfigSchema, type TributaryConfig } from "./schema";

export interface ConfigIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted key path, e.g. `chunking.maxTokens`; empty for syntax errors. */
  path: string;
  message: string;
}

export type ConfigParseResult =
  | { ok: true; config: TributaryConfig }
  | { ok: false; issues: ConfigIssue[] /** One line per issue: `file:line:col: message`. */; message: string };

/**
 * Parses a tributary.yml. Both YAML syntax errors and schema errors come back with the
 * file, line and column of the offending node, so the console and CLI can point at it.
 * An empty file (or comments only) means the defaults.
 */
export function parseTributaryConfig(text: string, file = "tributary.yml"): ConfigParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) {
    return failure(doc.errors.map((error) => ({ file, ...at(error.pos[0]), path: "", message: error.message.split("\n")[0] ?? error.message })));
  }
  if (doc.contents === null) return { ok: true, config: DEFAULT_CONFIG };

  const parsed = TributaryConfigSchema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, config: parsed.data };
  return failure(parsed.error.issues.map((issue) => ({ file, ...at(offsetOfIssue(doc, issue)), path: issue.path.join("."), message: describe(issue) })));
}

function failure(issues: ConfigIssue[]): ConfigParseResult {
  return { ok: false, issues, message: issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join("\n") };
}

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/**
 * The source offset of the node an issue is about: the node at the issue's path, the key of an
 * unknown property, or, for a missing key, the closest enclosing node that exists.
 */
function offsetOfIssue(doc: Document, issue: z.core.$ZodIssue): number {
  const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isMap(map)) {
      const pair = map.items.find((item) => isScalar(item.key) && issue.keys.includes(String(item.key.value)));
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return range[0];
    }
  }
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = node && typeof node === "object" && "range" in node ? node.range : undefined;
    if (Array.isArray(range) && typeof range[0] === "number") return range[0];
  }
  return 0;
}
