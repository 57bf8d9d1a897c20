import { redactSecrets } from "@repo/console-github";

/** Field names whose values are credentials whatever they look like. */
const SECRET_FIELD = /(token|secret|password|passwd|api[-_]?key|authorization|cookie|signature|private[-_]?key)/i;

/**
 * A copy of an event that is safe to store: values under credential-like names are replaced, and
 * every string goes through the same secret detection file contents do.
 */
export function redactEvent(value: unknown, key = ""): unknown {
  if (key && SECRET_FIELD.test(key) && value !== null && value !== undefined) return "[REDACTED]";
  if (typeof value === "string") return redactSecrets(value).text;
  if (Array.isArray(value)) return value.map((item) => redactEvent(item));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactEvent(v, k)]));
  }
  return value;
}
